"""The overview strip beside the panes: one mark per difference, click to jump.

Like the map in Meld or Beyond Compare: the strip is the whole comparison
scaled to the window's height, so clusters of changes show at a glance.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from reader.core.comparison import Difference
from reader.gui.theme import Theme

KIND_COLOUR = {"added": "unique", "omitted": "omitted", "changed": "changed", "moved": "moved"}


class OverviewStrip(QWidget):
    """Vertical map of differences; emits the index of the difference clicked."""

    jumpRequested = Signal(int)

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.setFixedWidth(16)
        self.setToolTip("Differences in the whole comparison: click to jump")
        self.marks: list[tuple[float, float, str]] = []  # share top, share bottom, kind
        self.view_span: tuple[float, float] = (0.0, 1.0)
        self.current = -1

    def set_marks(self, diffs: list[Difference], row_top: list[float], total: float) -> None:
        self.marks = []
        total = max(total, 1.0)
        for d in diffs:
            top = row_top[d.row] / total
            bottom = (row_top[d.row + 1] if d.row + 1 < len(row_top) else total) / total
            self.marks.append((top, bottom, d.kind))
        self.update()

    def set_view(self, top: float, bottom: float) -> None:
        self.view_span = (top, bottom)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        h = self.height()
        painter.fillRect(self.rect(), self.palette().base())
        top, bottom = self.view_span
        painter.fillRect(QRectF(0, top * h, self.width(), max(2.0, (bottom - top) * h)),
                         self.palette().mid())
        for i, (a, b, kind) in enumerate(self.marks):
            colour = QColor(getattr(self.theme, KIND_COLOUR[kind]))
            rect = QRectF(3, a * h, self.width() - 6, max(2.0, (b - a) * h))
            painter.fillRect(rect, colour)
            if i == self.current:
                painter.setPen(self.theme.current)
                painter.drawRect(rect.adjusted(-2, -1, 1, 0))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not self.marks or event.button() != Qt.MouseButton.LeftButton:
            return
        share = event.position().y() / max(1, self.height())
        nearest = min(range(len(self.marks)),
                      key=lambda i: abs((self.marks[i][0] + self.marks[i][1]) / 2 - share))
        self.jumpRequested.emit(nearest)
