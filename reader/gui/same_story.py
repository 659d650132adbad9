"""Are the sources one story? Say so when some share nothing with any other.

Sources with no link at all (not one passage in common with any other source)
are not versions of the story the others tell: a wrong file, or pages of
different stories. Their panes still show "71 places · 112 differences", which
reads like a real comparison; the banner says what is going on instead.

Plain Python (no Qt): counted from ``Comparison.links`` when a comparison
opens (~2 ms for 19,000 links of 20 sources).
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.core.comparison import Link

NAMED_AT_MOST = 3
"""Linked sources named one by one; more read as "the other sources"."""


def unlinked_sources(links: Iterable[Link], count: int) -> list[int]:
    """The sources of ``count`` that no link touches (none when there is one source)."""
    if count < 2:
        return []
    linked = {ref[0] for link in links for ref in (link.a, link.b)}
    return [s for s in range(count) if s not in linked]


def unrelated_warning(links: Iterable[Link], count: int, reference: int,
                      tags: list[str]) -> str:
    """"[2] and [3] share no passage with [1] or with each other: are they the same story?"
    or "" when every source shares a passage with another. ``tags``: ``Story.tag`` of each
    source. When none is linked, the others are named against the reference."""
    alone = unlinked_sources(links, count)
    if not alone:
        return ""
    linked = [s for s in range(count) if s not in alone] or [reference]
    alone = [s for s in alone if s not in linked]
    by_number = sorted(alone, key=lambda s: _number(tags[s]))
    others = sorted(linked, key=lambda s: _number(tags[s]))
    against = _joined([tags[s] for s in others], "or") if len(others) <= NAMED_AT_MOST \
        else "the other sources"
    if len(by_number) == 1:
        return f"{tags[by_number[0]]} shares no passage with {against}: is it the same story?"
    return (f"{_joined([tags[s] for s in by_number], 'and')} share no passage with {against} "
            "or with each other: are they the same story?")


def _number(tag: str) -> int:
    return int(tag.strip("[]"))


def _joined(names: list[str], word: str) -> str:
    """"[1]", "[1] or [2]", "[1], [2] or [3]"."""
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} {word} {names[-1]}"
