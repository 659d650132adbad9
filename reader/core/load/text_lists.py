"""Lists in plain text: lines that start with a bullet or a number, one item each.

A .txt copy of a story writes its lists as Markdown does ("* ", "- ", "• ", "– ",
"1. ", "1)"), and should read as the Markdown copy does: each item a paragraph with
the role "list", its bullet markup (``Paragraph.markup``: shown, never compared), no
item a heading because it is short. Read line by line, items were titles or body at
random ("* Number of spans: 7" a heading, "* Total length: 412 m" body), and their
"* " a word that a "- " copy lacked.

A bullet is a list's only when the lines look like a list, not like prose that starts a
line with a dash or a number: at least ``MIN_ITEMS`` items one after the other (a lone
"- " line is a dash in prose), with the same bullet or numbers counting up by one; not
dialogue ("– Are you coming? – she asked."); and, where blank lines part the items or
they are numbered, every item short: a legal text's numbered paragraphs are no list.
"* * *" is a section break, never an item. A line indented under an item, or one the
wrapper broke off it, continues the item.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.core.load import markdown_syntax as md
from reader.core.load.wrapping import Layout, Line, continues

_BULLET = re.compile(r"(?:([-*+•–·▪◦‣])|(\d{1,3})([.)]))[ \t]+(?=\S)")
"""A bullet or a number, and the blank after it (the line's indent is already behind us)."""
_DIALOGUE = re.compile(r"[,.!?…]['\"”’»]?[ \t]+[-–—][ \t]")
"""A speaker's tag after a dash-led line's words: "– Are you coming? – she asked."."""
MIN_ITEMS = 2
"""Items one after the other that make a list: one dash at a line's start is prose."""
LIST_ITEM_MAX = 150
"""Characters: items parted by blank lines, or numbered, are a list only when each is at
most this long; longer, they are numbered or dash-led paragraphs (a statute, a judgment)."""

Block = list[Line]


class Item(NamedTuple):
    """One item: its block, first and last line, and how it is marked."""

    block: int
    first: int
    last: int
    kind: str
    """The bullet, or the number's closing "." or ")"."""
    number: int | None
    start: int
    mark_end: int
    """Where the bullet and its blank end: ``[start, mark_end)`` is markup."""
    end: int


def bulleted(text: str, line: Line) -> bool:
    """The line starts with a bullet (not a number), and is no section break ("* * *")."""
    m = _BULLET.match(text, line.start, line.end)
    return m is not None and m.group(1) is not None and not _rule(text, line)


def _rule(text: str, line: Line) -> bool:
    return md.RULE.match(text, line.start, line.end) is not None


def list_items(text: str, blocks: list[Block], layout: Layout) -> dict[tuple[int, int], Item]:
    """The list items of a plain text, keyed by (block, first line)."""
    found: dict[tuple[int, int], Item] = {}
    run: list[Item] = []
    for item in _candidates(text, blocks, layout):
        if run and not _follows(run[-1], item, blocks):
            found.update(_listed(text, run))
            run = []
        run.append(item)
    found.update(_listed(text, run))
    return found


def _candidates(text: str, blocks: list[Block], layout: Layout):
    """Every line that starts like an item, with the lines that continue it."""
    for b, block in enumerate(blocks):
        i = 0
        while i < len(block):
            m = _BULLET.match(text, block[i].start, block[i].end)
            if m is None or _rule(text, block[i]):
                i += 1
                continue
            last = i
            while last + 1 < len(block) and _continues_item(text, block, i, last, m.end(),
                                                             layout):
                last += 1
            number = int(m.group(2)) if m.group(2) else None
            yield Item(b, i, last, m.group(1) or m.group(3), number,
                       block[i].start, m.end(), block[last].end)
            i = last + 1


def _continues_item(text: str, block: Block, first: int, last: int, mark_end: int,
                    layout: Layout) -> bool:
    """The line after ``last`` belongs to the item begun at ``first``: it starts no item and
    hangs under the item's text (deeper at all, unless indents begin this text's
    paragraphs), or the wrapper broke it off."""
    nxt, head = block[last + 1], block[first]
    if _BULLET.match(text, nxt.start, nxt.end):
        return False
    hanging = nxt.indent == head.indent + mark_end - head.start
    deeper = nxt.indent > head.indent and not layout.indented
    return hanging or deeper or continues(text, head, block[last], nxt, layout)


def _follows(prev: Item, item: Item, blocks: list[Block]) -> bool:
    """``item`` goes on from ``prev``'s list: marked alike (the next number), and next in its
    block or first in the next block."""
    if item.kind != prev.kind or (item.number is not None and item.number != prev.number + 1):
        return False
    if item.block == prev.block:
        return item.first == prev.last + 1
    return (item.block == prev.block + 1 and item.first == 0
            and prev.last == len(blocks[prev.block]) - 1)


def _listed(text: str, run: list[Item]) -> dict[tuple[int, int], Item]:
    """The run's items, when they make a list (see the module's docstring)."""
    if len(run) < MIN_ITEMS:
        return {}
    numbered = run[0].number is not None
    loose = len({item.block for item in run}) > 1
    if (loose or numbered) and any(item.end - item.start > LIST_ITEM_MAX for item in run):
        return {}
    if run[0].kind in "-–" and any(_DIALOGUE.search(text, item.mark_end, item.end)
                                   for item in run):
        return {}
    return {(item.block, item.first): item for item in run}
