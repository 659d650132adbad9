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


class _Caret(QPyTextObject):
    """Measures and paints a caret in the font and colour of the text around it."""

    def intrinsicSize(self, doc, position, fmt) -> QSizeF:  # noqa: N802 (Qt's name)
        metrics = QFontMetricsF(fmt.toCharFormat().font(), doc.documentLayout().paintDevice())
        return QSizeF(metrics.horizontalAdvance(OMIT_MARK), metrics.ascent())

    def drawObject(self, painter, rect, doc, position, fmt) -> None:  # noqa: N802
        """A wedge from below the baseline up to mid-letter height, stroked in the text's
        colour (bold text, a thicker stroke): the caret glyph's shape, as lines."""
        char = fmt.toCharFormat()
        metrics = QFontMetricsF(char.font(), doc.documentLayout().paintDevice())
        colour = char.foreground().color() if char.foreground().style() else QColor("black")
        pen = QPen(colour, metrics.lineWidth() * (2.0 if char.font().bold() else 1.3))
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        baseline, inset = rect.bottom(), rect.width() * 0.15
        wedge = QPolygonF([QPointF(rect.left() + inset, baseline + metrics.descent() * 0.6),
                           QPointF(rect.center().x(), baseline - metrics.xHeight() * 0.8),
                           QPointF(rect.right() - inset, baseline + metrics.descent() * 0.6)])
        painter.save()
        painter.setPen(pen)
        painter.drawPolyline(wedge)
        painter.restore()


_HANDLER = _Caret()  # one for every document; Qt does not own it, so it lives here


def register(doc: QTextDocument) -> None:
    """Let ``doc`` draw caret objects (call before it is laid out or copied into)."""
    doc.documentLayout().registerHandler(CARET_OBJECT, _HANDLER)


def draw_carets(doc: QTextDocument) -> None:
    """Turn every caret character of ``doc`` into a drawn caret object."""
    register(doc)
    cursor = doc.find(OMIT_MARK)
    while not cursor.isNull():
        fmt = QTextCharFormat(cursor.charFormat())
        fmt.setObjectType(CARET_OBJECT)
        cursor.insertText("\ufffc", fmt)  # replaces the selected caret
        cursor = doc.find(OMIT_MARK, cursor)
