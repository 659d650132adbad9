"""Text in any script shown as the source has it: its own digits, changes read old → new.

Two things go wrong with right-to-left text unless the reader sees to them:

- **Digits.** Qt draws a run of Arabic text, digits included, with the font it
  falls back to for Arabic; some such fonts (the KACST family, often the
  system's first choice) shape ASCII digits into Arabic-Indic ones, so a source
  saying "190" showed "١٩٠". ``reading_font`` lists, after the serif, the
  installed Arabic fonts that draw ASCII digits as ASCII, so Qt picks one of
  them before the system's fallback.
- **Arrows.** "old → new" between two right-to-left words reads "new ← old" from
  the left unless each side is isolated (``core.bidi.ltr_changes``, which the
  exports use too).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QTextLayout

READING_FAMILY = "Noto Serif"
"""The panes' font; fontconfig picks its nearest serif where it is not installed."""
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
