"""Marks drawn on the page but kept out of the PDF's text layer.

The omission caret (``OMIT_MARK``) says where a source leaves reference words
out; it is not part of the source's text, and as a character it got into
copies and searches ("countering ‸US"). Each caret of a laid-out cell becomes
an inline object (U+FFFC) that Qt measures and lets this handler paint: the
caret is stroked as lines, so the page shows it and the text layer
holds only the source's words (what the HTML export does with CSS).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPen,
    QPolygonF,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from reader.core.export.markup import OMIT_MARK

CARET_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
"""The object type of a drawn caret (Qt reserves types below ``UserObject``)."""


CARET_SIZE = QTextFormat.Property.UserProperty + 1
"""The caret's size, kept in its format: a layout asks for it several times per caret,
and measuring a font in each of those calls made the export a tenth slower."""


class _Caret(QPyTextObject):
    """Sizes and paints a caret in the colour of the text around it."""

    def intrinsicSize(self, doc, position, fmt) -> QSizeF:  # noqa: N802 (Qt's name)
        return fmt.property(CARET_SIZE)

    def drawObject(self, painter, rect, doc, position, fmt) -> None:  # noqa: N802
        """A wedge from below the baseline up to about mid-letter height (the box is
        the font's ascent high), stroked in the text's colour, thicker for bold text:
        the caret glyph's shape, as lines."""
        char = fmt.toCharFormat()
        colour = char.foreground().color() if char.foreground().style() else QColor("black")
        pen = QPen(colour, rect.height() * (0.09 if char.font().bold() else 0.06))
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        baseline, inset = rect.bottom(), rect.width() * 0.15
        wedge = QPolygonF([QPointF(rect.left() + inset, baseline + rect.height() * 0.14),
                           QPointF(rect.center().x(), baseline - rect.height() * 0.4),
                           QPointF(rect.right() - inset, baseline + rect.height() * 0.14)])
        painter.save()
        painter.setPen(pen)
        painter.drawPolyline(wedge)
        painter.restore()


_HANDLER = _Caret()  # one for every document; Qt does not own it, so it lives here


def register(doc: QTextDocument) -> None:
    """Let ``doc`` draw caret objects (call before it is laid out or copied into)."""
    doc.documentLayout().registerHandler(CARET_OBJECT, _HANDLER)


def draw_carets(doc: QTextDocument, device) -> None:
    """Turn every caret character of ``doc`` into a caret object sized for ``device``,
    in one edit (one new layout)."""
    register(doc)
    edit = QTextCursor(doc)
    edit.beginEditBlock()
    cursor = doc.find(OMIT_MARK)
    while not cursor.isNull():
        fmt = QTextCharFormat(cursor.charFormat())
        metrics = QFontMetricsF(fmt.font(), device)
        fmt.setObjectType(CARET_OBJECT)
        fmt.setProperty(CARET_SIZE, QSizeF(metrics.horizontalAdvance(OMIT_MARK),
                                           metrics.ascent()))
        cursor.insertText("\ufffc", fmt)  # replaces the selected caret
        cursor = doc.find(OMIT_MARK, cursor)
    edit.endEditBlock()
