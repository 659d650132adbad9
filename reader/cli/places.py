"""Differences numbered by place, as the reader's Differences dock numbers them.

``Comparison.differences`` lists one entry per (row, source): four sources
departing from the reference in one paragraph are four differences. A person
reads the dock, where that paragraph is one entry, "3. [2]–[4] words
differently". Every CLI command that shows or takes a difference number
(``align --differences/--difference N``, ``fix differences|check|uncheck``)
counts these places, so a number read in one is the same place in the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.comparison import Comparison, Difference
from reader.core.export.report import number_runs

KIND_LABEL = {"added": "adds", "omitted": "omits", "changed": "words differently",
              "moved": "has elsewhere"}
"""What a source does at a place, worded as the reader's dock words it."""
SNIPPET_CHARS = 60
"""First characters of the change shown beside a place (the dock shows as many)."""


@dataclass(frozen=True)
class Place:
    """One row where some source departs from the reference: one numbered entry."""

    row: int
    indices: list[int]  # into ``Comparison.differences(reference)``, in order


def places(comp: Comparison, reference: int) -> list[Place]:
    """The places with differences against ``reference``, in reading order."""
    by_row: dict[int, list[int]] = {}
    for i, diff in enumerate(comp.differences(reference)):
        by_row.setdefault(diff.row, []).append(i)
    return [Place(row, indices) for row, indices in sorted(by_row.items())]


def place_number(text: str, found: list[Place]) -> Place:
    """Place ``text`` (1-based) of ``found``; ValueError with a sentence a person can read."""
    try:
        n = int(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a place number") from None
    if not 1 <= n <= len(found):
        raise ValueError(f"there is no place {n} with differences (there are {len(found)})")
    return found[n - 1]


def place_says(diffs: list[Difference], place: Place, tag: list[int]) -> str:
    """``[2]–[4] words differently; [5] omits``: who does what there (``tag``: the
    number people see for each loaded source)."""
    what: dict[str, list[int]] = {}
    for i in place.indices:
        what.setdefault(KIND_LABEL[diffs[i].kind], []).append(tag[diffs[i].source])
    return "; ".join(f"{number_runs(numbers)} {kind}" for kind, numbers in what.items())


def snippet(comp: Comparison, diff: Difference, reference: int) -> str:
    """The first words of what changed (``old → new``, ``+ new``, ``− old``), quoted."""
    text = ""
    if diff.kind == "changed":
        new_text = comp.row_text(diff.row, diff.source)
        old_text = comp.row_text(diff.row, reference)
        span = next((s for s in comp.row_diff(diff.row, reference, diff.source)
                     if s.op != "equal" and not s.trivial), None)
        if span is not None:
            new = new_text[span.b_start:span.b_end].strip()
            old = old_text[span.a_start:span.a_end].strip()
            text = f"{old} → {new}" if old and new else f"+ {new}" if new else f"− {old}"
    text = " ".join((text or comp.row_text(diff.row, diff.source)
                     or comp.row_text(diff.row, reference)).split())
    return f"“{text[:SNIPPET_CHARS]}…”" if len(text) > SNIPPET_CHARS else f"“{text}”"


def place_lines(comp: Comparison, reference: int, tag: list[int] | None = None,
                checked: set[int] = frozenset()) -> list[str]:
    """The numbered listing, one line per place: ``✓`` where every difference is checked."""
    tag = tag or list(range(1, len(comp.documents) + 1))
    diffs = comp.differences(reference)
    out = []
    for n, place in enumerate(places(comp, reference), 1):
        tick = "✓" if all(i in checked for i in place.indices) else " "
        out.append(f"{tick} {n:3d}. {place_says(diffs, place, tag)}  "
                   f"{snippet(comp, diffs[place.indices[0]], reference)}")
    return out


def marked_diff(comp: Comparison, row: int, reference: int, source: int) -> str:
    """``source``'s text in a row with the reference's words it drops as ``[-old-]`` and
    its own as ``{+new+}`` (wdiff's marks: plain text that survives a terminal or a mail)."""
    old_text, new_text = comp.row_text(row, reference), comp.row_text(row, source)
    out = []
    for span in comp.row_diff(row, reference, source):
        old, new = old_text[span.a_start:span.a_end], new_text[span.b_start:span.b_end]
        if span.op == "equal" or span.trivial:
            out.append(new)
            continue
        out.append(f"[-{old}-]" if old else "")
        out.append(f"{{+{new}+}}" if new else "")
    return "".join(out)


def place_detail(comp: Comparison, reference: int, number: int,
                 tag: list[int] | None = None) -> str:
    """Place ``number`` (1-based) in every source: the reference's text, then each other
    source's, its word differences marked (``marked_diff``) where it is comparable."""
    tag = tag or list(range(1, len(comp.documents) + 1))
    found = places(comp, reference)
    place = place_number(str(number), found)
    lines = [f"Place {number} of {len(found)}: "
             f"{place_says(comp.differences(reference), place, tag)}"]
    row = place.row
    for s in [reference] + [s for s in range(len(comp.documents)) if s != reference]:
        text = comp.row_text(row, s)
        if s == reference:
            head, body = f"[{tag[s]}] (reference)", text or "(not in this source here)"
        elif not text:
            head, body = f"[{tag[s]}]", "(not in this source here)"
        elif comp.comparable(row, reference, s):
            head, body = f"[{tag[s]}]", marked_diff(comp, row, reference, s)
        else:
            head, body = f"[{tag[s]}] (not linked to the reference)", text
        lines.append(f"{head}: {' '.join(body.split())}")
    return "\n".join(lines)
