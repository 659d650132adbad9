"""The text view of one pane: a read-only ``QTextEdit`` that paints row marks.

Qt draws the text; we paint what is not text underneath and beside it:
hatched "not in this source" bands, the selected row, a bar for paragraphs
only this version has, carets where the reference has words this version
omits, and a marker on paragraphs whose counterpart sits elsewhere.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextCursor,
)
from PySide6.QtWidgets import QTextEdit, QToolTip

from reader.gui.document_builder import PaneContent
from reader.gui.theme import Theme

MARGIN_BAR = 4
MARK_WIDTH = 16
"""Room at the right edge for the ⇅ mark of moved content (kept free of text)."""
MOVED_MARK = "⇅"


class PaneView(QTextEdit):
    """Shows one source; emits which row and paragraph the user clicked."""

    rowClicked = Signal(int, object)  # row, paragraph index or None (filler)
    movedClicked = Signal(int)  # paragraph whose counterpart should be shown
    zoomRequested = Signal(int)  # +1 / -1 from Ctrl+wheel

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.theme = theme
        self.content: PaneContent | None = None
        self.row_top: list[float] = []  # document y of each row (set by the row aligner)
        self.selected_row: int | None = None
        self.linked_elsewhere: set[int] = set()  # paragraphs tied to the selected row
        self.flash_row: int | None = None
        self.noted: list[tuple[int, int, str]] = []  # document start, end, tooltip of notes
        self.context_actions: list = []  # added to the right-click menu (Annotate…)

    def set_content(self, content: PaneContent) -> None:
        self.content = content
        content.document.setParent(self)  # the view owns it: both go together
        self.setDocument(content.document)

    # -- geometry ---------------------------------------------------------------------------
    def row_span(self, row: int) -> tuple[float, float]:
        """Top and bottom of a row in document coordinates."""
        top = self.row_top[row]
        bottom = self.row_top[row + 1] if row + 1 < len(self.row_top) else \
            self.document().size().height()
        return top, bottom

    def row_at(self, y_doc: float) -> int | None:
        """The row at a document height (rows are sorted by their tops)."""
        r = bisect.bisect_right(self.row_top, y_doc) - 1
        if r < 0 or y_doc >= self.row_span(r)[1]:
            return None
        return r

    def _offset(self) -> int:
        return self.verticalScrollBar().value()

    def block_rect(self, number: int) -> QRectF:
        block = self.document().findBlockByNumber(number)
        return self.document().documentLayout().blockBoundingRect(block)

    def _mark_x(self) -> float:
        """Left edge of the ⇅ marks: in the right margin the row aligner keeps free."""
        return self.viewport().width() - MARK_WIDTH

    # -- painting ---------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        if self.content is not None and self.row_top:
            painter = QPainter(self.viewport())
            self._paint_under(painter, event.rect().top(), event.rect().bottom())
            painter.end()
        super().paintEvent(event)
        if self.content is not None and self.row_top:
            painter = QPainter(self.viewport())
            self._paint_over(painter)
            painter.end()

    def _visible_rows(self, top: int, bottom: int) -> range:
        dy = self._offset()
        first = max(0, (self.row_at(top + dy) or 0) - 1)
        last = self.row_at(bottom + dy)
        return range(first, len(self.row_top) if last is None else min(len(self.row_top), last + 2))

    def _paint_under(self, painter: QPainter, top: int, bottom: int) -> None:
        content, theme, dy = self.content, self.theme, self._offset()
        width = self.viewport().width()
        for r in self._visible_rows(top, bottom):
            y0, y1 = self.row_span(r)
            rect = QRectF(0, y0 - dy, width, y1 - y0)
            if r == self.selected_row:
                painter.fillRect(rect, theme.selected_row)
            first, _ = content.row_blocks[r]
            if content.block_para[first] is None and r not in content.furniture_rows:
                band = rect.adjusted(8, 3, -8, -6)
                painter.fillRect(band, theme.missing)
                painter.fillRect(band, QBrush(theme.missing.darker(112), Qt.BrushStyle.BDiagPattern))
                painter.setPen(theme.missing_text)
                font = painter.font()
                font.setItalic(True)
                painter.setFont(font)
                painter.drawText(band.adjusted(10, 4, -4, 0), Qt.AlignmentFlag.AlignLeft
                                 | Qt.AlignmentFlag.AlignTop, "not in this source")
            if r == self.flash_row:
                painter.setPen(QPen(theme.current, 2))
                painter.drawRect(rect.adjusted(2, 1, -2, -2))
        for start, end, _tip in self.noted:
            self._paint_range(painter, start, end, theme.note)
        painter.setPen(QPen(theme.moved, 1.5, Qt.PenStyle.DashLine))
        for p in self.linked_elsewhere:
            rect = self.block_rect(content.para_block(p))
            painter.drawRect(QRectF(4, rect.top() - dy - 2, width - 8, rect.height() + 4))

    def _paint_range(self, painter: QPainter, start: int, end: int, colour: QColor) -> None:
        """Fill behind a text range (annotated text), line by line."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        first = self.cursorRect(cursor)
        cursor.setPosition(end)
        last = self.cursorRect(cursor)
        if first.top() == last.top():
            painter.fillRect(QRectF(first.left(), first.top(), last.left() - first.left(),
                                    first.height()), colour)
            return
        width = self.viewport().width()
        painter.fillRect(QRectF(first.left(), first.top(), width - first.left(),
                                first.height()), colour)
        painter.fillRect(QRectF(0, first.bottom(), width, last.top() - first.bottom()), colour)
        painter.fillRect(QRectF(0, last.top(), last.left(), last.height()), colour)

    def _visible_blocks(self) -> tuple[int, int]:
        first = self.cursorForPosition(QPoint(0, 0)).block().blockNumber()
        last = self.cursorForPosition(QPoint(0, self.viewport().height())).block().blockNumber()
        return first, last

    def _paint_over(self, painter: QPainter) -> None:
        """Marks beside and inside the text, for the blocks on screen only."""
        content, theme, dy = self.content, self.theme, self._offset()
        first, last = self._visible_blocks()
        for p in content.unique | content.not_in_reference:
            if first <= content.para_block(p) <= last:
                rect = self.block_rect(content.para_block(p))
                colour = theme.unique if p in content.unique else theme.unique.lighter(150)
                painter.fillRect(QRectF(2, rect.top() - dy, MARGIN_BAR, rect.height()), colour)
        painter.setPen(QPen(theme.omitted, 1.6))
        doc = self.document()
        for mark in content.omitted:
            if not first <= mark.block <= last:
                continue
            block = doc.findBlockByNumber(mark.block)
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + mark.start)
            r = self.cursorRect(cursor)
            x, y = r.left(), r.bottom()
            painter.drawLine(x - 4, y, x, y - 6)
            painter.drawLine(x, y - 6, x + 4, y)
        painter.setPen(theme.moved)
        for p in content.moved:
            if first <= content.para_block(p) <= last:
                rect = self.block_rect(content.para_block(p))
                painter.drawText(QRectF(self._mark_x(), rect.top() - dy, MARK_WIDTH, 18),
                                 Qt.AlignmentFlag.AlignLeft, MOVED_MARK)

    # -- interaction ------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mousePressEvent(event)
        if self.content is None or event.button() != Qt.MouseButton.LeftButton:
            return
        point = event.position().toPoint()
        y_doc = point.y() + self._offset()
        for p in self.content.moved:
            rect = self.block_rect(self.content.para_block(p))
            if self._mark_x() - 2 <= point.x() and rect.top() <= y_doc <= rect.top() + 20:
                self.movedClicked.emit(p)
                return
        row = self.row_at(y_doc)
        if row is not None:
            block = self.cursorForPosition(point).block().blockNumber()
            self.rowClicked.emit(row, self.content.block_para[block]
                                 if self.content.block_row[block] == row else None)

    def wheelEvent(self, event) -> None:  # noqa: N802
        """Ctrl+wheel zooms every pane together; a read-only QTextEdit would zoom itself
        alone and break the rows' alignment."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y()
            if steps:
                self.zoomRequested.emit(1 if steps > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        menu = self.createStandardContextMenu(event.pos())
        if self.context_actions:
            menu.addSeparator()
            for action in self.context_actions:
                menu.addAction(action)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.content is not None:
            tip = self.tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_at(self, point: QPoint) -> str:
        """What hovering at ``point`` explains: omitted or changed words, moved content."""
        cursor = self.cursorForPosition(point)
        notes = [tip for start, end, tip in self.noted if start <= cursor.position() <= end]
        if notes:
            return "<hr>".join(notes)
        block, pos = cursor.block().blockNumber(), cursor.positionInBlock()
        for mark in self.content.omitted:
            if mark.block == block and abs(mark.start - pos) <= 1:
                return f"Omitted here (reference has): <s>{_escape(mark.tip)}</s>"
        for mark in self.content.changed:
            if mark.block == block and mark.start <= pos <= mark.end:
                return f"Reference words this: <i>{_escape(mark.tip)}</i>"
        para = self.content.block_para[block]
        if para in self.content.moved:
            return "This content sits elsewhere in another source: click ⇅ to go there"
        return ""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
