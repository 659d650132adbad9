"""Connector bands between neighbouring panes, as Meld draws them between its panes.

Compact panes line passages up at the sync line only; elsewhere on screen a
passage can sit higher in one pane than in the next. A band joins each
passage two neighbouring panes both carry, from its place in the left pane
to its place in the right one: the eye follows the band instead of guessing
from the height. Bands are amber where the right pane's text differs from
the reference there, grey where it reads the same but sits at another height
(level, identical passages need no band, as in Meld); paler, with short dashes
at its ends only, when the engine is unsure of the link (full dashed outlines
made long dashed rules down every gutter with many sources); outlined in teal, level or not, where the reader
linked the two by hand (a fix), so their verdict is never taken for the
engine's.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSplitter, QSplitterHandle

from reader.core.fixes import HAND, set_by

BAND_WIDTH = 14
BAND_ALPHA = 70
UNSURE_ALPHA = 0.5
"""An unsure band's fill, as a share of a sure one's: told apart, yet quieter."""
END_DASH = 8
"""Length (px) of the dashes marking an unsure band's ends, at its corners only."""
LEVEL = 4
"""Passages whose edges are this close (px) in both panes read as side by side."""


class ConnectorHandle(QSplitterHandle):
    """A splitter handle that paints the bands between the panes on either side."""

    def __init__(self, orientation, splitter: QSplitter) -> None:
        super().__init__(orientation, splitter)
        self.window = None  # set by ConnectorSplitter

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        splitter = self.splitter()
        index = splitter.indexOf(self)
        if index <= 0 or self.window is None:
            painter.end()
            return
        left, right = splitter.widget(index - 1), splitter.widget(index)
        views = getattr(left, "view", None), getattr(right, "view", None)
        current = self.window.panes  # not panes of the last comparison, left on screen
        if None in views or not views[0].passage_top or not views[1].passage_top \
                or left not in current or right not in current:  # while a rebuild goes on
            painter.end()
            return
        self._paint_bands(painter, *views)
        painter.end()

    def _paint_bands(self, painter: QPainter, lv, rv) -> None:
        theme = self.window.theme
        differing = self.window.story_map.kinds
        offset_l = lv.mapTo(self.splitter(), QPointF(0, 0).toPoint()).y() - self.y()
        offset_r = rv.mapTo(self.splitter(), QPointF(0, 0).toPoint()).y() - self.y()
        height, width = self.height(), self.width()
        first = min(lv.passage_at(lv.verticalScrollBar().value()) or 0,
                    rv.passage_at(rv.verticalScrollBar().value()) or 0)
        last = max(v.passage_at(v.verticalScrollBar().value() + v.viewport().height())
                   or len(v.passage_top) - 2 for v in (lv, rv))
        for k in range(first, last + 1):
            a, b = lv.passage_rect(k), rv.passage_rect(k)
            if a is None or b is None:
                continue
            a_top, a_bottom = a.top() + offset_l, a.bottom() + offset_l
            b_top, b_bottom = b.top() + offset_r, b.bottom() + offset_r
            if max(a_bottom, b_bottom) < 0 or min(a_top, b_top) > height:
                continue
            changed = (rv.content.source, k) in differing or (lv.content.source, k) in differing
            level = abs(a_top - b_top) < LEVEL and abs(a_bottom - b_bottom) < LEVEL
            hand = self.hand_linked(k, lv.content.source, rv.content.source)
            if level and not changed and not hand:
                continue  # side by side and the same: nothing to point out (as in Meld)
            unsure = not hand and any(p in rv.content.uncertain for p in
                                      self.window.story.passages[k].cells[rv.content.source])
            colour = QColor(theme.changed if changed else theme.faded)
            alpha = BAND_ALPHA if changed else BAND_ALPHA // 2
            colour.setAlpha(round(alpha * UNSURE_ALPHA) if unsure else alpha)
            band = QPolygonF([QPointF(0, a_top), QPointF(width, b_top),
                              QPointF(width, b_bottom), QPointF(0, a_bottom)])
            painter.setBrush(colour)
            painter.setPen(QPen(theme.hand, 2) if hand else Qt.PenStyle.NoPen)
            painter.drawPolygon(band)
            if unsure:
                self._paint_unsure_ends(painter, theme.moved, (a_top, a_bottom),
                                        (b_top, b_bottom))

    def _paint_unsure_ends(self, painter: QPainter, colour: QColor,
                           left: tuple[float, float], right: tuple[float, float]) -> None:
        """Short dashes down each end of an unsure band, from its corners: the band reads
        as unsure where it meets each pane without a rule running the passage's length."""
        painter.setPen(QPen(colour, 1, Qt.PenStyle.DashLine))
        for x, (top, bottom) in ((0.5, left), (self.width() - 0.5, right)):
            reach = min(END_DASH, (bottom - top) / 2)
            painter.drawLine(QPointF(x, top), QPointF(x, top + reach))
            painter.drawLine(QPointF(x, bottom - reach), QPointF(x, bottom))


    def hand_linked(self, passage: int, left: int, right: int) -> bool:
        """Whether the reader linked ``left``'s and ``right``'s text of a passage by hand."""
        comp, cells = self.window.comp, self.window.story.passages[passage].cells
        return any(set_by(link) == HAND and link.other((left, p)) in
                   {(right, q) for q in cells[right]}
                   for p in cells[left] for link in comp.links_of((left, p)))


class ConnectorSplitter(QSplitter):
    """The panes' splitter, whose handles are connector bands."""

    def __init__(self, window) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.window = window
        self.setHandleWidth(BAND_WIDTH)

    def createHandle(self) -> QSplitterHandle:  # noqa: N802
        handle = ConnectorHandle(self.orientation(), self)
        handle.window = self.window
        return handle

    def repaint_bands(self) -> None:
        for i in range(1, self.count()):
            self.handle(i).update()
