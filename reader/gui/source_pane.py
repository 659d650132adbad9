"""One pane: a header naming the source (drag it to reorder) above its text view.

The header gives the source one identity, the same everywhere in the app:
its number [n] and whose page it is ("The Guardian · 24 Jul 2015 · Jane Doe",
or the title when the page does not say), then its file name, elided to fit
(the file name in its middle), in full in the tooltip (plain text only:
titles come from the files).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QDrag, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.annotations.render import plain_tooltip
from reader.core.bidi import isolated_parts
from reader.core.load.documents import Document
from reader.core.sources import source_label, source_name
from reader.gui.pane_view import PaneView
from reader.gui.theme import Theme

PANE_MIME = "application/x-parallax-pane"
MIN_PANE_WIDTH = 120
"""Narrowest a pane may be squeezed while the window shrinks; the window then closes
panes down to what fits at a readable width (``main_window.READABLE_PANE``)."""
PIN_GLYPH = "📌"
"""The header's pin: a pinned pane stays open when others open (``open_panes``)."""
FOCUS_BAR = 3
"""Height (px) of the bar across the top of the header of the pane the keyboard is in:
Ctrl+W, Ctrl+M, Alt+Shift+arrows and PageDown act on that pane, and without the bar the
focused pane looked exactly like the others (review 11). A bar, not a tint alone, so it
reads in grey scale too."""


class ElidedLabel(QLabel):
    """A one-line plain-text label that elides what does not fit ("…"), at its end or, for
    file names whose ends tell them apart ("000_d5a…1ba32.txt"), in its middle. An
    ``optional`` start ("★ Reference · ") shows only when everything fits: in a narrow
    header the file name needs the room more (the ★ button says it is the reference)."""

    def __init__(self, mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.mode = mode
        self.full = ""
        self.optional = ""

    def setText(self, text: str, optional: str = "") -> None:  # noqa: N802 (Qt name)
        self.full, self.optional = optional + text, optional
        super().setText(self.full)

    def shown(self) -> str:
        """What fits in the label's width: the whole text, else the text after an
        ``optional`` start, elided."""
        metrics = self.fontMetrics()
        if metrics.horizontalAdvance(self.full) <= self.width():
            return self.full
        return metrics.elidedText(self.full[len(self.optional):], self.mode, self.width())

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        painter.setFont(self.font())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignLeft
                         | Qt.AlignmentFlag.AlignVCenter, self.shown())
        painter.end()


class PaneHeader(QFrame):
    """Name, encoding and buttons; the handle for dragging a pane elsewhere."""

    closeRequested = Signal()
    removeRequested = Signal()
    referenceRequested = Signal()
    pinRequested = Signal(bool)
    dropped = Signal(int)  # index of the pane dropped onto this one

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self._press: QPoint | None = None
        self.focused = False
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 4, 4, 2)
        self.title = ElidedLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.detail = ElidedLabel(Qt.TextElideMode.ElideMiddle)
        self.reference = QToolButton()
        self.reference.setText("☆")
        self.reference.setToolTip("Compare the other panes against this one")
        self.reference.setAutoRaise(True)
        self.reference.clicked.connect(self.referenceRequested)
        self.pin = QToolButton()
        self.pin.setText(PIN_GLYPH)
        self.pin.setCheckable(True)
        self.pin.setToolTip("Pin this pane open: opening other sources never closes it "
                            "(saved with the comparison)")
        self.pin.setAutoRaise(True)
        self.pin.toggled.connect(self.pinRequested)
        self.hide_button = close = QToolButton()
        close.setText("✕")
        close.setToolTip("Hide this pane (the source stays in the comparison: its lane in "
                         "the story map or View ▸ Panes shows it again)")
        close.setAutoRaise(True)
        close.clicked.connect(self.closeRequested)
        # The name has the whole first line; the buttons share the second with the file name.
        layout.addWidget(self.title, 0, 0, 1, 4)
        layout.addWidget(self.detail, 1, 0)
        layout.addWidget(self.pin, 1, 1)
        layout.addWidget(self.reference, 1, 2)
        layout.addWidget(close, 1, 3)
        layout.setColumnStretch(0, 1)
        layout.setVerticalSpacing(0)

    def set_focused(self, on: bool) -> None:
        """Mark this pane as the one the keyboard is in (``FOCUS_BAR``), or unmark it."""
        if on != self.focused:
            self.focused = on
            self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().paintEvent(event)
        if self.focused:
            painter = QPainter(self)
            painter.fillRect(0, 0, self.width(), FOCUS_BAR,
                             self.palette().color(QPalette.ColorRole.Highlight))
            painter.end()

    def set_pinned(self, on: bool) -> None:
        """Show the pin's state (without asking for it again)."""
        self.pin.blockSignals(True)
        self.pin.setChecked(on)
        self.pin.blockSignals(False)

    def set_source(self, doc: Document, number: int, is_reference: bool, stats: str,
                   told: str = "") -> None:
        """``number``: the source's number for people, 0-based (``Story.numbers``);
        ``told``: what tells it from sources that read alike (``sources.distinctions``)."""
        index, number = number, f"[{number + 1}]"
        # The first line says what tells the sources apart: whose page it is (site · date ·
        # byline) when the page states it, else its title; the file name, often a hash or
        # "source.html" for every source, comes second, elided in its middle.
        named = source_name(doc, told)
        self.title.setText(f"{number} {isolated_parts(named)}")
        self.detail.setText(Path(doc.path).name, "★ Reference · " if is_reference else "")
        role = "\nReference: the other panes are compared against it" if is_reference else ""
        tip = plain_tooltip(f"{source_label(doc, index, long=True)}\n{doc.path}\n{stats}{role}")
        for widget in (self, self.title, self.detail):
            widget.setToolTip(tip)
        self.setAccessibleName(f"Source {number}: {Path(doc.path).name}, {named}")
        self.reference.setText("★" if is_reference else "☆")
        # the buttons are Tab stops: each says what it does to which source (a glyph alone
        # read as an unnamed button to a screen reader and in the Tab order)
        self.reference.setAccessibleName(f"{number} is the reference" if is_reference
                                         else f"Compare the others against {number}")
        self.pin.setAccessibleName(f"Pin {number} open")
        self.hide_button.setAccessibleName(f"Hide {number}")

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        menu = QMenu(self)
        menu.addAction("Use as Reference", self.referenceRequested.emit)
        menu.addAction("Unpin Pane" if self.pin.isChecked() else "Pin Pane Open",
                       self.pin.toggle)
        menu.addAction("Hide Pane", self.closeRequested.emit)
        menu.addAction("Remove Source from Comparison…", self.removeRequested.emit)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._press is None or (event.position().toPoint() - self._press).manhattanLength() < 12:
            return
        drag = QDrag(self)
        mime = QMimeData()
        mime.setData(PANE_MIME, str(self.index).encode())
        drag.setMimeData(mime)
        drag.setPixmap(self.grab())
        self._press = None
        drag.exec(Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasFormat(PANE_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        source = int(bytes(event.mimeData().data(PANE_MIME)).decode())
        event.acceptProposedAction()
        self.dropped.emit(source)


_COMING_BACK = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)
"""Why the keyboard leaves a pane it comes back to: a menu, or another window for a while."""


class SourcePane(QWidget):
    """Header plus text view for one source of the comparison.

    Its signals carry the source index, so the window can connect bound
    methods rather than per-pane closures.
    """

    rowClicked = Signal(int, int, object)  # source, row, paragraph (None: a marker)
    movedClicked = Signal(int, int)  # source, paragraph
    scrolled = Signal(int, int)  # source, scroll value
    markerClicked = Signal(int, int, bool)  # source, passage, folded furniture?
    closeRequested = Signal(int)
    removeRequested = Signal(int)
    referenceRequested = Signal(int)
    pinRequested = Signal(int, bool)  # source, pinned?
    dropped = Signal(int, int)  # source dropped, onto source
    zoomRequested = Signal(int)

    def __init__(self, index: int, theme: Theme) -> None:
        super().__init__()
        self.index = index
        self.setMinimumWidth(MIN_PANE_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = PaneHeader(index)
        self.view = PaneView(theme)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        self.view.rowClicked.connect(self._row_clicked)
        self.view.movedClicked.connect(self._moved_clicked)
        self.view.markerClicked.connect(self._marker_clicked)
        self.header.removeRequested.connect(lambda: self.removeRequested.emit(self.index))
        self.view.zoomRequested.connect(self.zoomRequested)
        self.view.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.header.closeRequested.connect(self._close)
        self.header.referenceRequested.connect(self._reference)
        self.header.pinRequested.connect(lambda on: self.pinRequested.emit(self.index, on))
        self.header.dropped.connect(self._dropped)
        self.view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        """The header's focus bar follows the keyboard into and out of the text; a menu
        opened from the pane (its context menu, the menu bar) or another window taking the
        keyboard leaves the bar where it is: the keyboard comes back to this pane."""
        if watched is self.view:
            kind = event.type()
            if kind == QEvent.Type.FocusIn:
                self.header.set_focused(True)
            elif kind == QEvent.Type.FocusOut and event.reason() not in _COMING_BACK:
                self.header.set_focused(False)
        return False

    def _row_clicked(self, row: int, para) -> None:
        self.rowClicked.emit(self.index, row, para)

    def _moved_clicked(self, para: int) -> None:
        self.movedClicked.emit(self.index, para)

    def _marker_clicked(self, passage: int, furniture: bool) -> None:
        self.markerClicked.emit(self.index, passage, furniture)

    def _scrolled(self, value: int) -> None:
        self.scrolled.emit(self.index, value)

    def _close(self) -> None:
        self.closeRequested.emit(self.index)

    def _reference(self) -> None:
        self.referenceRequested.emit(self.index)

    def _dropped(self, source: int) -> None:
        self.dropped.emit(source, self.index)
