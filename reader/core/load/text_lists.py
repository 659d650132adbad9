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

_BULLET = re.compile(r"(?:([-*+•–·▪◦‣])|(\(?)(\d{1,3}|[a-zA-Z]|[ivxlc]{2,7}|[IVXLC]{2,7})"
                     r"([.)]))[ \t]+(?=\S)")
"""A bullet, or a number, letter or roman numeral ("1.", "b)", "(iv)"), and the blank after
it (the line's indent is already behind us)."""
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_LETTERED = frozenset("aAiI")
"""The styles of items counted by letters or roman numerals (``_readings``)."""
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
    """The bullet, or how the number is written: "1." or "(1)", "a)", "i." (roman)…"""
    number: int | None
    start: int
    mark_end: int
    """Where the bullet and its blank end: ``[start, mark_end)`` is markup."""
    end: int
    alt: list[tuple[str, int]] = []
    """Its other reading (kind, number): "i." is roman one or the ninth letter."""


def bulleted(text: str, line: Line) -> bool:
    """The line starts with a bullet (not a number), and is no section break ("* * *")."""
    m = _bullet(text, line)
    return m is not None and m.group(1) is not None and not _rule(text, line)


def _bullet(text: str, line: Line) -> re.Match | None:
    """The line's bullet or number, if it starts with one ("(iv." is no number)."""
    m = _BULLET.match(text, line.start, line.end)
    return None if m is None or m.group(2) and m.group(4) != ")" else m


def _readings(label: str, marks: str) -> list[tuple[str, int]]:
    """How an item's label counts: (style with its marks, value). "i", "v", "x", "l" and
    "c" alone are roman one, five… or the ninth, 22nd… letter: both readings, the roman
    first (a list that reaches "i" by letters follows "h", see ``_follows``)."""
    if label.isdigit():
        return [(marks.replace("#", "1"), int(label))]
    out = []
    lower = label.lower()
    if all(ch in _ROMAN for ch in lower):
        values = [_ROMAN[ch] for ch in lower]
        value = sum(-v if v < w else v for v, w in zip(values, values[1:] + [0]))
        out.append((marks.replace("#", "i" if label.islower() else "I"), value))
    if len(label) == 1:
        out.append((marks.replace("#", "a" if label.islower() else "A"), ord(lower) - 96))
    return out


def _rule(text: str, line: Line) -> bool:
    return md.RULE.match(text, line.start, line.end) is not None


def list_items(text: str, blocks: list[Block], layout: Layout) -> dict[tuple[int, int], Item]:
    """The list items of a plain text, keyed by (block, first line)."""
    found: dict[tuple[int, int], Item] = {}
    run: list[Item] = []
    for item in _candidates(text, blocks, layout):
        following = _following(run[-1], item, blocks) if run else None
        if following is None:
            found.update(_listed(text, run))
            run = []
        run.append(following or item)
    found.update(_listed(text, run))
    return found


def _candidates(text: str, blocks: list[Block], layout: Layout):
    """Every line that starts like an item, with the lines that continue it."""
    for b, block in enumerate(blocks):
        i = 0
        while i < len(block):
            m = _bullet(text, block[i])
            if m is None or _rule(text, block[i]):
                i += 1
                continue
            last = i
            while last + 1 < len(block) and _continues_item(text, block, i, last, m.end(),
                                                             layout):
                last += 1
            readings = _readings(m.group(3), f"{m.group(2)}#{m.group(4)}") if m.group(3) \
                else [(m.group(1), None)]
            (kind, number), *others = readings
            yield Item(b, i, last, kind, number, block[i].start, m.end(), block[last].end,
                       others)
            i = last + 1


def _continues_item(text: str, block: Block, first: int, last: int, mark_end: int,
                    layout: Layout) -> bool:
    """The line after ``last`` belongs to the item begun at ``first``: it starts no item and
    hangs under the item's text (deeper at all, unless indents begin this text's
    paragraphs), or the wrapper broke it off."""
    nxt, head = block[last + 1], block[first]
    if _bullet(text, nxt):
        return False
    hanging = nxt.indent == head.indent + mark_end - head.start
    deeper = nxt.indent > head.indent and not layout.indented
    return hanging or deeper or continues(text, head, block[last], nxt, layout)


def _following(prev: Item, item: Item, blocks: list[Block]) -> Item | None:
    """``item``, read as going on from ``prev``'s list (its other reading, "i" as the letter
    after "h", where that is the one that does), or None when it does not: marked alike
    (the next number), and next in its block, or first in the next block for bullets and
    digits (letters and roman numerals parted by blank lines are headings: "I. The
    Crossing", "II. The Storm")."""
    reading = next(((kind, number) for kind, number in [(item.kind, item.number), *item.alt]
                    if kind == prev.kind and (number is None or number == prev.number + 1)),
                   None)
    if reading is None:
        return None
    if item.block == prev.block:
        nearby = item.first == prev.last + 1
    else:
        nearby = (item.block == prev.block + 1 and item.first == 0
                  and prev.last == len(blocks[prev.block]) - 1 and _LETTERED.isdisjoint(prev.kind))
    return item._replace(kind=reading[0], number=reading[1]) if nearby else None


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
