"""Change-list entries, and those saying the same of one place grouped into one.

The exports' change list and the reader's fact list both show a change that
several sources make at one place once, naming the sources ("[2] [3] [5]
number: 12 → 14"): with twelve sources, one change nine of them share was
nine entries in a row. One grouping (``alike``) serves both, so the reader
and an export handed over from it list the same entries.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from reader.core.comparison import Comparison
from reader.core.diff.story_facts import PlacedFactChange
from reader.core.snippets import number_runs


@dataclass
class ChangeItem:
    """One entry of the change list at the front of an export.

    ``kind`` is ``added``, ``omitted``, ``changed`` or ``moved`` for paragraph-level
    changes, or a fact kind (``number``, ``date``, ``quote``…) when the comparison
    offers fact changes; ``fact`` says which, so fact changes can be listed first.
    ``row`` is the 0-based row it sits in (the place an export links to); ``at`` is
    the row holding the source's side when that is another row (a fact of a moved
    paragraph: the reference's row shows the source's cell empty).
    """

    kind: str
    label: str
    row: int
    source: int
    words: int = 0
    fact: bool = False
    at: int | None = None


def fact_item(comp: Comparison, placed: PlacedFactChange, shown: Container[int]) -> ChangeItem:
    """A fact change as a change list holds it: at the reference paragraph's row, ``at``
    the row of the source's side where that is another row among ``shown``."""
    at = comp.row_of[placed.other]
    return ChangeItem(placed.kind, placed.label, placed.row, placed.source, fact=True,
                      at=at if at != placed.row and at in shown else None)


def alike(items: list[ChangeItem]) -> list[list[int]]:
    """The indices of ``items`` saying the same of one row (one kind, label and moved-to
    row) together, in the order of each group's first item (story order)."""
    groups: dict[tuple, list[int]] = {}
    for i, item in enumerate(items):
        groups.setdefault((item.row, item.kind, item.label, item.fact, item.at), []).append(i)
    return list(groups.values())


@dataclass(frozen=True)
class ChangeGroup:
    """Change-list entries saying the same of one row for several sources, listed once
    ("[11]–[15] changes 49 words: …"): twenty sources often say one thing five times."""

    items: tuple[ChangeItem, ...]

    @property
    def first(self) -> ChangeItem:
        return self.items[0]

    @property
    def numbers(self) -> str:
        """The sources as people number them, consecutive ones as a range."""
        return number_runs([item.source + 1 for item in self.items])

    @property
    def says(self) -> str:
        """"has" for one source, "have" for several: "[3] [5] have it in place 4"."""
        return "has" if len(self.items) == 1 else "have"


def group_changes(items: list[ChangeItem]) -> list[ChangeGroup]:
    """``items`` grouped as ``alike`` groups them."""
    return [ChangeGroup(tuple(items[i] for i in group)) for group in alike(items)]
