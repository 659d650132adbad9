"""Facts mode: reworded words fade so that fact changes, additions and omissions stand out.

In a paraphrased paragraph nearly every word is marked as changed wording
and the marks carry no information. Facts mode greys those words (no
colour, no underline) and hides the small omissions and additions that are
rewording too ("the", "also", a comma clause). What stays: fact marks
(a fact the pane's source left out among them), additions and omissions of at
least ``STANDOUT_WORDS`` words, passages only one source has, and the markers of
what a pane lacks.

Only formats change (colours, underlines), never the text or the font, so
the layout and the panes' alignment stay as they are and switching is
cheap. The original formats are kept to switch back exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QTextCharFormat, QTextCursor

from reader.gui.document_builder import Hover, PaneContent
from reader.gui.theme import Theme

STANDOUT_WORDS = 4
"""Additions and omissions this long (a clause) stay marked in Facts mode; shorter ones are
the glue of rewording and fade with it."""


@dataclass
class Faded:
    """What fading changed in one pane, to put back."""

    formats: list[tuple[int, int, QTextCharFormat]] = field(default_factory=list)
    omitted: list[Hover] = field(default_factory=list)


def _wording(fmt: QTextCharFormat, text: str, theme: Theme) -> bool:
    """Is this stretch a word mark that Facts mode fades?"""
    brush = fmt.background()
    if brush.style() == Qt.BrushStyle.NoBrush:
        return False
    colour = brush.color()
    if colour == theme.changed:
        return True
    return colour == theme.added and len(text.split()) < STANDOUT_WORDS


def fade(content: PaneContent, theme: Theme) -> Faded:
    """Grey the rewording in a pane's document; return what to restore."""
    faded = Faded()
    doc = content.document
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.isValid() and _wording(frag.charFormat(), frag.text(), theme):
                faded.formats.append((frag.position(), frag.length(),
                                      QTextCharFormat(frag.charFormat())))
            it += 1
        block = block.next()
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    for position, length, original in faded.formats:
        grey = QTextCharFormat(original)
        grey.setBackground(QBrush())
        grey.setForeground(theme.faded)
        grey.setFontUnderline(False)
        grey.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(grey)
    cursor.endEditBlock()
    faded.omitted = content.omitted
    content.omitted = [h for h in content.omitted if len(h.tip.split()) >= STANDOUT_WORDS
                       or (h.block, h.start) in content.fact_carets]  # a dropped "not" stays
    return faded


def unfade(content: PaneContent, faded: Faded) -> None:
    """Put back what ``fade`` changed."""
    cursor = QTextCursor(content.document)
    cursor.beginEditBlock()
    for position, length, original in faded.formats:
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(original)
    cursor.endEditBlock()
    content.omitted = faded.omitted
