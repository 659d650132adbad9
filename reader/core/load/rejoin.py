"""A wrapped paragraph's lines joined back the way the unwrapped text had them.

Segmentation finds which lines make a paragraph; this puts each paragraph on
one line, so that the same words wrapped at 72 columns, folded with trailing
blanks, indented or not, read, compare and display exactly like the unwrapped
text: "meetings on", never "meetings  on" or "meetings\\non". A line break with
the blanks around it becomes one space, or nothing where the wrapper broke
inside a word: between two CJK characters (CJK puts no spaces between words;
the CSS rule, which keeps the space next to a Latin letter or digit) and after
the hyphen of a compound ("China-\\nRussia": textwrap breaks there). A blank
left before the break (``fold -s``) says a space was there, so it stays one.

The document's text becomes the joined text, and offsets (paragraphs, Markdown
markup) move with it; text that no paragraph spans over a line break is kept
as it was, character for character.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from reader.core.load.segmentation import Paragraph

_BREAK = re.compile(r"([^\S\r\n]*)(?:\r\n|\r|\n)[^\S\r\n]*")
_NO_SPACE_SIDE = (r"\u2e80-\u2fdf\u3001-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
                  r"\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f")
_CJK_PAIR = re.compile(rf"[{_NO_SPACE_SIDE}][{_NO_SPACE_SIDE}“”‘’「」『』]"
                       rf"|[“”‘’「」『』][{_NO_SPACE_SIDE}]")
"""Ideographs, kana, CJK and full-width punctuation on both sides of a break (Hangul is
spaced); curly quotes count beside them, as Chinese text quotes with them."""
_COMPOUND = re.compile(r"[^\W\d_]-[^\W\d_]")
"""A hyphen after a letter and before one: textwrap's break inside ``well-known``."""

Edit = tuple[int, int, str]
"""start, end, replacement: one line break of the old text and what it becomes."""


def rejoined(text: str, paragraphs: list[Paragraph]) -> tuple[str, list[Paragraph]]:
    """The text with every paragraph's line breaks joined, and the paragraphs moved onto it."""
    edits = [edit for p in paragraphs for edit in _joins(text, p)]
    if not edits:
        return text, paragraphs
    pieces, done = [], 0
    for start, end, joiner in edits:
        pieces += [text[done:start], joiner]
        done = end
    new_text = "".join(pieces) + text[done:]
    moved = _Mover(edits)
    return new_text, [_moved(p, new_text, moved) for p in paragraphs]


def _joins(text: str, paragraph: Paragraph) -> list[Edit]:
    return [(m.start(), m.end(), _joiner(text, m)) for m in
            _BREAK.finditer(text, paragraph.start, paragraph.end)]


def _joiner(text: str, line_break: re.Match[str]) -> str:
    """One space, or none where the wrapper broke a word (and left no blank before it)."""
    if line_break.group(1):
        return " "
    before = text[max(0, line_break.start() - 2):line_break.start()]
    after = text[line_break.end():line_break.end() + 1]
    word_broken = _CJK_PAIR.fullmatch(before[-1:] + after) or _COMPOUND.fullmatch(before + after)
    return "" if word_broken else " "


class _Mover:
    """Maps an offset of the old text to the same place in the joined text."""

    def __init__(self, edits: list[Edit]) -> None:
        self.ends = [end for _, end, _ in edits]
        self.shifts = []
        shift = 0
        for start, end, joiner in edits:
            shift += len(joiner) - (end - start)
            self.shifts.append(shift)

    def __call__(self, offset: int) -> int:
        k = bisect_right(self.ends, offset)
        return offset + (self.shifts[k - 1] if k else 0)


def _moved(paragraph: Paragraph, text: str, move: _Mover) -> Paragraph:
    start, end = move(paragraph.start), move(paragraph.end)
    markup = tuple((move(s), move(e)) for s, e in paragraph.markup)
    return replace(paragraph, start=start, end=end, text=text[start:end], markup=markup)
