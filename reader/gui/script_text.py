"""Text in any script shown as the source has it: its own digits, changes read old → new.

Two things go wrong with right-to-left text unless the reader sees to them:

- **Digits.** Qt draws a run of Arabic text, digits included, with the font it
  falls back to for Arabic; some such fonts (the KACST family, often the
  system's first choice) shape ASCII digits into Arabic-Indic ones, so a source
  saying "190" showed "١٩٠". ``reading_font`` lists, after the serif, the
  installed Arabic fonts that draw ASCII digits as ASCII, so Qt picks one of
  them before the system's fallback.
- **Arrows.** "old → new" between two right-to-left words is one right-to-left
  run to the bidi algorithm: laid out, it reads "new ← old" from the left, the
  arrow pointing from new to old. ``ltr_changes`` isolates each side (U+2068 …
  U+2069), so the arrow sits between them in the line's left-to-right order
  whatever the script of either side.
"""

from __future__ import annotations

from functools import cache
from unicodedata import bidirectional

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QTextLayout

READING_FAMILY = "Noto Serif"
"""The panes' font; fontconfig picks its nearest serif where it is not installed."""
ARROW = " → "
FIRST_STRONG_ISOLATE, POP_ISOLATE = "\u2068", "\u2069"
QUOTES = "“”\"'«»„‘’"
"""Kept outside an isolated side: a quote round the whole change stays at its ends."""
RIGHT_TO_LEFT = ("R", "AL")
"""Bidi classes of right-to-left letters (Hebrew, Arabic…)."""
DIGITS = "190"
"""What ``_own_digits`` shapes in an Arabic context."""


def reading_font(point_size: float) -> QFont:
    """The panes' serif at ``point_size``, with fallbacks that keep ASCII digits ASCII."""
    font = QFont(READING_FAMILY)
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setFamilies(list(_families()))
    font.setPointSizeF(point_size)
    return font


@cache
def _families() -> tuple[str, ...]:
    """The serif, the family it resolves to, then the Arabic fonts with their own digits.

    Decided once per run (~15 ms for a handful of Arabic fonts): the installed fonts do
    not change while the reader is open."""
    serif = QFont(READING_FAMILY)
    serif.setStyleHint(QFont.StyleHint.Serif)
    resolved = QFontInfo(serif).family()
    arabic = [f for f in QFontDatabase.families(QFontDatabase.WritingSystem.Arabic)
              if _own_digits(f)]
    return tuple(dict.fromkeys([READING_FAMILY, resolved, *arabic]))


def _own_digits(family: str) -> bool:
    """Does ``family`` draw ASCII digits after an Arabic letter as ASCII digits (the glyphs
    its character map gives them), not shaped into Arabic-Indic ones?"""
    font = QFont(family)
    font.setFamilies([family])
    layout = QTextLayout("ب " + DIGITS, font)
    layout.beginLayout()
    layout.createLine().setLineWidth(1000)
    layout.endLayout()
    shaped: list[int] = []
    for run in layout.glyphRuns():
        if run.rawFont().familyName() != family:
            return False  # it lacks a piece: another font would draw the digits
        shaped += run.glyphIndexes()
        digits = run.rawFont().glyphIndexesForString(DIGITS)
    return _contains(shaped, digits)


def _contains(glyphs: list[int], part: list[int]) -> bool:
    """Is ``part`` in ``glyphs`` in this order or reversed (a run may be stored either way)?"""
    return any(glyphs[i:i + len(seq)] == seq
               for seq in (part, part[::-1]) for i in range(len(glyphs) - len(seq) + 1))


def ltr_changes(text: str) -> str:
    """``text`` with each side of every "old → new" isolated (see the module's docstring),
    line by line, in lines with right-to-left letters; quotes round a side stay outside
    its isolate."""
    return "\n".join(_ltr_line(line) for line in text.split("\n"))


def _ltr_line(line: str) -> str:
    if ARROW not in line or not any(bidirectional(c) in RIGHT_TO_LEFT for c in line):
        return line  # left-to-right text reads right as it is: left as it is (copy, search)
    return ARROW.join(_isolated(side) for side in line.split(ARROW))


def _isolated(side: str) -> str:
    core = side.strip(QUOTES)
    if not core:
        return side
    head = side[:len(side) - len(side.lstrip(QUOTES))]
    tail = side[len(side.rstrip(QUOTES)):]
    return f"{head}{FIRST_STRONG_ISOLATE}{core}{POP_ISOLATE}{tail}"
