"""The text view of one pane: a read-only ``QTextEdit`` that paints row marks.

Qt draws the text; we paint what is not text underneath and beside it:
thin markers where this source lacks what others have, the selected
passage, a bar for paragraphs only this version has (dotted where the
alignment is unsure), carets where the reference has words this version
omits, a ⇅ on paragraphs whose counterpart sits elsewhere, and styled
underlines for span marks (a hook for fact marks and quotes).
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTextCursor,
)
from PySide6.QtWidgets import QTextEdit, QToolTip

from reader.core.annotations.render import plain_tooltip
from reader.gui.document_builder import (
    MARKER_SCALE,
    PARAGRAPHING,
    ZERO_WIDTH,
    Marker,
    PaneContent,
)
from reader.gui.theme import MARK_STYLES, Theme

MARGIN_BAR = 4
MARK_WIDTH = 16
"""Room at the right edge for the ⇅ mark of moved content (kept free of text)."""
MOVED_MARK = "⇅"
BADGE_SIZE = 18
"""Height (px) of the ☛ chip in the right margin (``MARK_WIDTH`` wide)."""
CUT = 1
NOTE_FRAME = 1.5
"""Pen width (px) of the frame round annotated text."""
"""Pixels of a line that may go past the view's top edge before the line reads as cut."""


class PaneView(QTextEdit):
    """Shows one source; emits which row and paragraph the user clicked."""

    rowClicked = Signal(int, object)  # engine row, paragraph index or None (marker)
    movedClicked = Signal(int)  # paragraph whose counterpart should be shown
    markerClicked = Signal(int, bool)  # first passage of a marker, folded furniture?
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
        self.passage_top: list[float] = []  # document y of each passage, then the end
        self.fitted: tuple | None = None  # (document, width, limited) row_sync.show_document
        # gave this view, not yet laid out since: the lay_out that follows need not start over
        self.selected: set[int] = set()  # passages of the selected row
        self.linked_elsewhere: set[int] = set()  # paragraphs tied to the selected row
        self.flashed: set[int] = set()  # passages outlined for a moment after a jump
        self.noted: list[tuple[int, int, str]] = []  # document start, end, tooltip of notes
        self.context_actions: list = []  # added to the right-click menu (Annotate…)
        self.paragraph_menu: list = []  # callables (menu, source, paragraph) adding entries
        self.badges: dict[int, str] = {}  # paragraph -> tooltip; hook: ☛ links set by hand
        self._marker_key: str | None = None
        self._marker_cached: tuple[QFont, QFontMetricsF] | None = None

    def set_content(self, content: PaneContent, show: bool = True) -> None:
        """Take ``content``; without ``show`` its document is not in the view yet
        (``row_sync.show_document`` puts it there once the view has its width)."""
        self.content = content
        content.document.setParent(self)  # the view owns it: both go together
        if show:
            self.setDocument(content.document)

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 (Qt name)
        """What is copied, without the zero-width spaces standing in for line breaks and
        markers (``document_builder.ZERO_WIDTH``): pasted elsewhere, they split words that
        a search or a spelling check then misses."""
        mime = super().createMimeDataFromSelection()
        mime.setText(mime.text().replace(ZERO_WIDTH, ""))
        if mime.hasHtml():
            mime.setHtml(mime.html().replace(ZERO_WIDTH, ""))
        return mime

    # -- geometry ---------------------------------------------------------------------------
    def passage_at(self, y_doc: float) -> int | None:
        """The passage at a document height."""
        if not self.passage_top:
            return None
        k = bisect.bisect_right(self.passage_top, y_doc) - 1
        return k if 0 <= k < len(self.passage_top) - 1 else None

    def _offset(self) -> int:
        return self.verticalScrollBar().value()

    def block_rect(self, number: int) -> QRectF:
        block = self.document().findBlockByNumber(number)
        return self.document().documentLayout().blockBoundingRect(block)

    def passage_rect(self, passage: int) -> QRectF | None:
        """Where a passage's text is in the viewport (None: this pane lacks it)."""
        span = self.content.passage_blocks[passage] if self.content else None
        if span is None:
            return None
        top = self.block_rect(span[0]).top()
        bottom = self.block_rect(span[1]).bottom()  # lines only: the margin under is not in it
        return QRectF(0, top - self._offset(), self.viewport().width(), bottom - top)

    def line_cut_at_top(self) -> tuple[float, float] | None:
        """Top and bottom (viewport y) of the text line the view's top edge cuts through,
        if one is cut by more than a pixel either way."""
        block = self.cursorForPosition(QPoint(0, 0)).block()
        layout = block.layout()
        if layout is None:
            return None
        origin = layout.position().y() - self._offset()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            top = origin + line.y()
            if top < -CUT and top + line.height() > CUT:
                return top, top + line.height()
        return None

    def _mark_x(self) -> float:
        """Left edge of the ⇅ marks: in the right margin the row aligner keeps free."""
        return self.viewport().width() - MARK_WIDTH

    # -- painting ---------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        if self.content is not None and self.passage_top:
            painter = QPainter(self.viewport())
            self._paint_under(painter)
            painter.end()
        super().paintEvent(event)
        if self.content is not None and self.passage_top:
            painter = QPainter(self.viewport())
            self._paint_over(painter)
            painter.end()

    def _paint_under(self, painter: QPainter) -> None:
        content, theme, dy = self.content, self.theme, self._offset()
        width = self.viewport().width()
        for k in self.selected:
            rect = self.passage_rect(k)
            if rect is not None:
                painter.fillRect(rect.adjusted(0, -3, 0, 3), theme.selected_row)
        for start, end, _tip in self.noted:
            for rect in self._range_rects(start, end):
                painter.fillRect(rect, theme.note)
        painter.setPen(QPen(theme.moved, 1.5, Qt.PenStyle.DashLine))
        for p in self.linked_elsewhere:
            if content.has_para(p):
                rect = self.block_rect(content.para_block(p))
                painter.drawRect(QRectF(4, rect.top() - dy - 2, width - 8, rect.height() + 4))

    def _range_rects(self, start: int, end: int) -> list[QRectF]:
        """The viewport rectangles a text range covers, line by line (first, middle, last)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        first = QRectF(self.cursorRect(cursor))
        cursor.setPosition(end)
        last = QRectF(self.cursorRect(cursor))
        if first.top() == last.top():
            return [QRectF(first.left(), first.top(), last.left() - first.left(), first.height())]
        width = self.viewport().width()
        rects = [QRectF(first.left(), first.top(), width - first.left(), first.height()),
                 QRectF(0, first.bottom(), width, last.top() - first.bottom()),
                 QRectF(0, last.top(), last.left(), last.height())]
        return [r for r in rects if r.width() > 0 and r.height() > 0]

    def _paint_note_frames(self, painter: QPainter) -> None:
        """Frame annotated text over the text: fact and word marks carry backgrounds of their
        own that hide the note's pink fill beneath, and fact-checkers annotate exactly
        those words. The frame is a second cue that needs no colour of its own either."""
        painter.setPen(QPen(self.theme.note_ink, NOTE_FRAME))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        screen = QRectF(self.viewport().rect())
        for start, end, _tip in self.noted:
            path = QPainterPath()
            for rect in self._range_rects(start, end):
                if rect.intersects(screen):
                    path.addRect(rect.adjusted(-1, 0, 1, 0))
            if not path.isEmpty():
                painter.drawPath(path.simplified())

    def _visible_blocks(self) -> tuple[int, int]:
        first = self.cursorForPosition(QPoint(0, 0)).block().blockNumber()
        last = self.cursorForPosition(QPoint(0, self.viewport().height())).block().blockNumber()
        return first, last

    def _paint_over(self, painter: QPainter) -> None:
        """Marks beside and inside the text, for the blocks on screen only."""
        content, theme, dy = self.content, self.theme, self._offset()
        first, last = self._visible_blocks()
        for p in content.unique | content.not_in_reference | content.uncertain:
            if content.has_para(p) and first <= content.para_block(p) <= last:
                rect = self.block_rect(content.para_block(p))
                bar = QRectF(2, rect.top() - dy, MARGIN_BAR, rect.height())
                if p in content.uncertain:
                    painter.setPen(QPen(theme.moved, MARGIN_BAR - 1, Qt.PenStyle.DotLine))
                    painter.drawLine(bar.center().x(), bar.top(), bar.center().x(), bar.bottom())
                else:
                    colour = theme.unique if p in content.unique else theme.unique.lighter(150)
                    painter.fillRect(bar, colour)
        for block, marker in content.markers.items():
            if first <= block <= last:
                self._paint_marker(painter, marker)
        self._paint_spans(painter, first, last)
        self._paint_note_frames(painter)
        plain = QPen(theme.omitted, 1.6)
        doc = self.document()
        for mark in content.omitted:
            if not first <= mark.block <= last:
                continue
            block = doc.findBlockByNumber(mark.block)
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + mark.start)
            r = self.cursorRect(cursor)
            x, y = r.left(), r.bottom()
            ink = content.fact_carets.get((mark.block, mark.start))
            painter.setPen(plain if ink is None else QPen(ink, 2.6))  # a fact left out
            size = 6 if ink is None else 8
            painter.drawLine(x - size * 2 / 3, y, x, y - size)
            painter.drawLine(x, y - size, x + size * 2 / 3, y)
        painter.setPen(theme.moved)
        for p in content.moved:
            if content.has_para(p) and first <= content.para_block(p) <= last:
                rect = self.block_rect(content.para_block(p))
                painter.drawText(QRectF(self._mark_x(), rect.top() - dy, MARK_WIDTH, 18),
                                 Qt.AlignmentFlag.AlignLeft, MOVED_MARK)
        for block, tip, rect in self._badge_spots():  # hook (fix_actions): tips start with
            if first <= block <= last:                 # their glyph
                self._paint_badge(painter, block, rect, tip[0])
        painter.setPen(QPen(theme.current, 2))
        for k in self.flashed:
            rect = self.passage_rect(k)
            if rect is not None:
                painter.drawRect(rect.adjusted(2, -3, -2, 3))

    def _badge_rect(self, para: int) -> QRectF:
        """Where a paragraph's ☛ sits: in the right margin, under its ⇅ if it has one; a
        teal rule runs down the paragraph's right edge so the whole paragraph reads as set."""
        below = BADGE_SIZE if para in self.content.moved else 0
        return self._chip_rect(self.content.para_block(para), below)

    def _chip_rect(self, block: int, below: float = 0) -> QRectF:
        rect = self.block_rect(block)
        return QRectF(self._mark_x(), rect.top() - self._offset() + below, MARK_WIDTH,
                      BADGE_SIZE)

    def _badge_spots(self) -> list[tuple[int, str, QRectF]]:
        """Block, tooltip and chip of every ☛: on the paragraphs shown, and on the fold
        marker of furniture paragraphs a fix placed (else a hand link into a folded
        headline would show nowhere in this pane)."""
        content = self.content
        spots = [(content.para_block(p), tip, self._badge_rect(p))
                 for p, tip in self.badges.items() if content.has_para(p)]
        for block, marker in content.markers.items():
            tips = [self.badges[p] for p in marker.folded if p in self.badges]
            if tips:
                spots.append((block, "\n".join(tips), self._chip_rect(block)))
        return spots

    def _paint_badge(self, painter: QPainter, block: int, chip: QRectF, glyph: str) -> None:
        colour = self.theme.hand
        rect = self.block_rect(block)
        top = rect.top() - self._offset()
        painter.fillRect(QRectF(self._mark_x() + MARK_WIDTH / 2 - 1, top, 2, rect.height()),
                         colour)
        painter.fillRect(chip, self.palette().base())
        painter.setPen(colour)
        font = QFont(self.document().defaultFont())
        font.setPixelSize(BADGE_SIZE - 4)
        painter.setFont(font)
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, glyph)

    def _paint_marker(self, painter: QPainter, marker: Marker) -> None:
        """A thin grey tab: what other sources have here ("+2 ¶ only in [3]")."""
        theme = self.theme
        block = self.document().findBlockByNumber(marker.block)
        rect = self.block_rect(marker.block).translated(0, -self._offset())
        font, metrics = self._marker_font()
        band = QRectF(8, rect.top() + block.blockFormat().topMargin(),
                      self.viewport().width() - 16, metrics.height() + 4)
        painter.fillRect(band, theme.missing)
        painter.fillRect(QRectF(band.left(), band.top(), 3, band.height()),
                         theme.boilerplate if marker.furniture else theme.missing_text)
        painter.setFont(font)
        painter.setPen(theme.missing_text)
        room = band.width() - 14
        label = marker.label_for(lambda text: metrics.horizontalAdvance(text) <= room)
        text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, room)
        painter.drawText(band.adjusted(9, 0, -4, 0), Qt.AlignmentFlag.AlignLeft
                         | Qt.AlignmentFlag.AlignVCenter, text)

    def _marker_font(self) -> tuple[QFont, QFontMetricsF]:
        """The markers' small italic font (made once per document font, not per paint)."""
        base = self.document().defaultFont()
        if self._marker_key != base.key():
            font = QFont(base)
            font.setPointSizeF(font.pointSizeF() * MARKER_SCALE)
            font.setItalic(True)
            self._marker_key, self._marker_cached = base.key(), (font, QFontMetricsF(font))
        return self._marker_cached

    def _paint_spans(self, painter: QPainter, first: int, last: int) -> None:
        """Underline the styled span marks (``PaneContent.span_marks``) on screen."""
        doc = self.document()
        for mark in self.content.span_marks:
            if not first <= mark.block <= last:
                continue
            colour, style = MARK_STYLES.get(mark.style, (self.theme.moved, Qt.PenStyle.SolidLine))
            painter.setPen(QPen(QColor(colour), 2, style))
            block = doc.findBlockByNumber(mark.block)
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + mark.start)
            a = self.cursorRect(cursor)
            cursor.setPosition(block.position() + mark.end)
            b = self.cursorRect(cursor)
            if a.top() == b.top():
                painter.drawLine(a.left(), a.bottom() + 1, b.left(), b.bottom() + 1)

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
        block = self.cursorForPosition(point).block().blockNumber()
        marker = self.content.markers.get(block)
        if marker is not None:
            self.markerClicked.emit(marker.target, marker.furniture)
            return
        if block < len(self.content.block_row):
            self.rowClicked.emit(self.content.block_row[block], self.content.block_para[block])

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
        para = self.content.block_para[self.cursorForPosition(event.pos()).blockNumber()] \
            if self.content is not None else None
        if para is not None:
            for add_entries in self.paragraph_menu:  # hook: saved comparisons, manual fixes…
                add_entries(menu, self.content.source, para)
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
        for _block, badge, chip in self._badge_spots():  # the ☛ itself, over any mark
            if chip.adjusted(-4, 0, 0, 0).contains(point):
                return _escape(badge)
        cursor = self.cursorForPosition(point)
        notes = [tip for start, end, tip in self.noted if start <= cursor.position() <= end]
        if notes:
            return "<hr>".join(notes)
        block, pos = cursor.block().blockNumber(), cursor.positionInBlock()
        if block in self.content.markers:
            marker = self.content.markers[block]
            hand = [self.badges[p] for p in marker.folded if p in self.badges]
            return plain_tooltip("\n".join([marker.tip] + hand))
        for mark in self.content.span_marks:
            if mark.block == block and mark.start <= pos <= mark.end and mark.tip:
                return plain_tooltip(mark.tip)
        for mark in self.content.omitted:
            if mark.block == block and abs(mark.start - pos) <= 1:
                if mark.tip in PARAGRAPHING:  # a paragraph break, not words, is missing
                    return _escape(mark.tip)
                return f"Omitted here (reference has): <s>{_escape(mark.tip)}</s>"
        for mark in self.content.changed:
            if mark.block == block and mark.start <= pos <= mark.end:
                return f"Reference words this: <i>{_escape(mark.tip)}</i>"
        para = self.content.block_para[block]
        if para in self.badges:
            return _escape(self.badges[para])
        if para in self.content.moved:
            return "This content sits elsewhere in another source: click ⇅ to go there"
        if para in self.content.uncertain:
            return "Aligned with low confidence: check that the paragraphs side by side match"
        return ""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
