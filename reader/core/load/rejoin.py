"""A wrapped paragraph's lines joined back the way the unwrapped text had them.

Segmentation finds which lines make a paragraph; this puts each paragraph on
one line, so that the same words wrapped at 72 columns, folded with trailing
blanks, indented or not, read, compare and display exactly like the unwrapped
text: "meetings on", never "meetings  on" or "meetings\\non". A line break with
the blanks around it becomes one space, or nothing where the wrapper broke
inside a word: anywhere in CJK text (CJK puts no spaces between words, and a
CJK wrapper breaks inside "4.9%" too) except beside a Latin letter or digit in
a document that spaces those apart ("在 2023 年", not "在2023年"); and after
the hyphen of a compound ("China-\\nRussia": textwrap breaks there). A blank
left before the break (``fold -s``) says a space was there, so it stays one.
In a Markdown quote the next line's ``>`` goes too, as in a lazy line.

The document's text becomes the joined text, and offsets (paragraphs, Markdown
markup) move with it; text that no paragraph spans over a line break is kept
as it was, character for character.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right

from reader.core.load.segmentation import Paragraph
from reader.core.load.wrapping import UNSPACED, UNSPACED_CHAR

_BREAK = re.compile(r"([^\S\r\n]*)(?:\r\n|\r|\n)[^\S\r\n]*")
_QUOTE_BREAK = re.compile(r"([^\S\r\n]*)(?:(?:\r\n|\r|\n)[^\S\r\n]*(?:>[^\S\r\n]*)*)+")
"""In a Markdown quote the next line's ``>`` (and a line of nothing else) goes with the break,
as if the line were lazy."""
_SPACED = rf"[^\W_{UNSPACED}]"
"""A letter or digit of a script that spaces its words (Latin, Cyrillic, Hangul...)."""
_COMPOUND = re.compile(r"[^\W\d_]-[^\W\d_]")
"""A hyphen after a letter and before one: textwrap's break inside ``well-known``."""


@functools.cache
def _latin_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A spaced letter; CJK beside one; CJK a space from one. Read only of wrapped CJK text,
    so compiled when first needed: their CJK sets took 12 ms of every start."""
    return (re.compile(_SPACED), re.compile(rf"[{UNSPACED}]{_SPACED}|{_SPACED}[{UNSPACED}]"),
            re.compile(rf"[{UNSPACED}] {_SPACED}|{_SPACED} [{UNSPACED}]"))


Edit = tuple[int, int, str]
"""start, end, replacement: one line break of the old text and what it becomes."""


def rejoined(text: str, paragraphs: list[Paragraph]) -> tuple[str, list[Paragraph]]:
    """The text with every paragraph's line breaks joined, and the paragraphs moved onto it."""
    breaks = [_line_breaks(text, p) for p in paragraphs]
    if not any(breaks):
        return text, paragraphs
    edits = _edits(text, paragraphs, breaks)
    pieces, done = [], 0
    for start, end, joiner in edits:
        pieces += [text[done:start], joiner]
        done = end
    new_text = "".join(pieces) + text[done:]
    moved = _Mover(edits)
    return new_text, [_moved(p, new_text, moved) for p in paragraphs]


def _line_breaks(text: str, paragraph: Paragraph) -> list[re.Match[str]]:
    if "\n" not in paragraph.text and "\r" not in paragraph.text:
        return []  # most paragraphs of most files: no need to search
    pattern = _QUOTE_BREAK if paragraph.role == "quote" else _BREAK
    return list(pattern.finditer(text, paragraph.start, paragraph.end))


def _edits(text: str, paragraphs: list[Paragraph],
           breaks: list[list[re.Match[str]]]) -> list[Edit]:
    cjk = UNSPACED_CHAR.search(text) is not None
    latin_spaced: bool | None = None  # asked of the whole text once, if CJK text was wrapped
    edits: list[Edit] = []
    for paragraph, found in zip(paragraphs, breaks):
        if found and cjk and _unspaced(paragraph.text):
            if latin_spaced is None:
                latin_spaced = _spaces_latin_off(text)
            edits += [(m.start(), m.end(), _unspaced_joiner(text, m, latin_spaced)) for m in found]
        else:
            edits += [(m.start(), m.end(), _spaced_joiner(text, m)) for m in found]
    return edits


def _unspaced(paragraph: str) -> bool:
    """Written in CJK, which puts no spaces between words: more CJK characters than blanks."""
    return len(UNSPACED_CHAR.findall(paragraph)) > paragraph.count(" ")


def _spaces_latin_off(text: str) -> bool:
    """Does this text put a space between CJK and Latin letters or digits ("在 2023 年")?
    Writers differ; a wrapper breaks at such a space, or anywhere in text without one."""
    _, beside, spaced = _latin_patterns()
    return len(spaced.findall(text)) > len(beside.findall(text))


def _spaced_joiner(text: str, line_break: re.Match[str]) -> str:
    """One space, or none after the hyphen of a compound broken without a blank."""
    start, end = line_break.span()
    compound = text[start - 1] == "-" and _COMPOUND.fullmatch(
        text[max(0, start - 2):start] + text[end:end + 1])
    return "" if compound and not line_break.group(1) else " "


def _unspaced_joiner(text: str, line_break: re.Match[str], latin_spaced: bool) -> str:
    """None, unless a blank was left before the break or the text spaces CJK and Latin apart
    and one stands beside the break."""
    if line_break.group(1):
        return " "
    spaced_char = _latin_patterns()[0]
    beside_latin = spaced_char.match(text, line_break.start() - 1) or \
        spaced_char.match(text, line_break.end())
    return " " if latin_spaced and beside_latin else ""


class _Mover:
    """Maps an offset of the old text to the same place in the joined text."""

    def __init__(self, edits: list[Edit]) -> None:
        self.starts = [start for start, _, _ in edits]
        self.ends = [end for _, end, _ in edits]
        self.shifts = []
        shift = 0
        for start, end, joiner in edits:
            shift += len(joiner) - (end - start)
            self.shifts.append(shift)

    def __call__(self, offset: int) -> int:
        k = bisect_right(self.ends, offset)
        if k < len(self.ends) and self.starts[k] < offset:  # inside a joined line break:
            offset = self.ends[k]  # where its joiner ends ("> " of a quote's next line
            k += 1  # merged with the emphasis after it kept that emphasis' mark)
        return offset + (self.shifts[k - 1] if k else 0)

    def swallowed(self, start: int, end: int) -> bool:
        """The range lies inside one joined line break (a quote's ``>``): it is gone."""
        k = bisect_right(self.ends, start)
        return k < len(self.ends) and self.starts[k] <= start and end <= self.ends[k]


def _moved(paragraph: Paragraph, text: str, move: _Mover) -> Paragraph:
    start, end = move(paragraph.start), move(paragraph.end)
    markup = tuple((move(s), move(e)) for s, e in paragraph.markup if not move.swallowed(s, e))
    return Paragraph(paragraph.index, start, end, text[start:end], paragraph.heading,
                     paragraph.boilerplate, paragraph.role, markup)
