"""The story map beside the panes: one narrow lane per source along the whole story.

Each lane shows, passage by passage, whether its source carries the text
and how widely it is shared (all / most / few sources in shades of grey,
only this one in green), and where it differs from the reference (amber
changed, green added, red omitted, blue moved). Twenty lanes fit beside the
panes at 1600 px, so a reader sees which versions carry what without opening
all of them; clicking a lane opens that source as a pane at that place.
The keyboard does the same: Tab (or Go ▸ Story Map) focuses the map, ←/→
choose a lane, ↑/↓ (Page Up/Down, Home/End) a passage, Enter opens it; the
accessible description says where the cursor is, as the tooltip does.
Like the map in Meld or Beyond Compare, the whole story is scaled to the
strip's height; the grey frame is what the panes show.
"""

from __future__ import annotations

from itertools import accumulate

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from reader.core.annotations.render import plain_tooltip
from reader.core.comparison import Difference
from reader.core.sources import source_labels
from reader.gui.story import Story
from reader.gui.theme import Theme

LANE_MIN, LANE_MAX = 7, 16
"""Lane width in pixels: 20 lanes fit in 200 px; a few sources get wider lanes."""
MAP_WIDTH = 220
"""Room the lanes share (px), within the bounds above."""
HEADER = 18
SHADE_LIGHT = 128
"""Lightness (0-255) of an open lane's shade above which its number is black, else white:
a dark palette's light-grey shade had carried light-grey numbers (1.6:1, review 11)."""
MIN_PASSAGE_WORDS = 4
"""A passage's height on the map is its longest version's words (at least this many)."""
KIND_COLOUR = {"added": "unique", "omitted": "omitted", "changed": "changed", "moved": "moved"}
SPREAD_ALPHA = {"all": 150, "most": 105, "few": 60}
PAGE_PASSAGES = 10
"""Passages one Page Up / Page Down moves the keyboard cursor."""


class StoryMap(QWidget):
    """Lanes of sources x passages; emits the source and passage clicked."""

    laneClicked = Signal(int, int)  # source, passage

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Story map: one lane per source")
        self.setAccessibleDescription("Left and Right choose a source, Up and Down a passage, "
                                      "Enter reads it")
        self.story: Story | None = None
        self._names: list[str] | None = None  # ``names``, once asked
        self._sized: tuple | None = None  # (story, documents) ``words`` was measured for
        self.words: list[float] = []  # cumulative share of the story at each passage top
        self.kinds: dict[tuple[int, int], str] = {}  # (source, passage) -> difference kind
        self.open: set[int] = set()
        self.reference = 0
        self.view_span: tuple[int, int] = (0, 0)  # passages in view, first and last
        self.current: int | None = None  # passage of the current difference
        self.cursor: tuple[int, int] | None = None  # keyboard: lane and passage
        self._cache: QPixmap | None = None
        self._cache_key: tuple | None = None
        self.setFixedWidth(40)

    @staticmethod
    def lane_width_for(sources: int) -> int:
        return max(LANE_MIN, min(LANE_MAX, MAP_WIDTH // max(1, sources)))

    @classmethod
    def width_for(cls, sources: int) -> int:
        """The map's width with one lane per source (and a little air)."""
        return sources * (cls.lane_width_for(sources) + 1) + 6

    def make_room(self, sources: int) -> None:
        """Take the width ``sources`` lanes need now, before the panes beside the map get
        their documents (``MainWindow._finish_rebuild``): widened only when the story was drawn
        (``set_story``), the map narrowed 20 sources' panes by ~50 px each after their
        documents were laid out, and each was laid out again."""
        self.setFixedWidth(self.width_for(sources))

    def lane_width(self) -> int:
        return self.lane_width_for(self.story.sources if self.story else 1)

    def set_story(self, story: Story, comp, diffs: list[Difference], reference: int) -> None:
        """Draw ``story`` with ``diffs`` against ``reference``. The passages' sizes (every
        paragraph's words counted) and the sources' names (their titles read) are found
        again only for another story: the window sets the story once with no differences
        and again when they arrive, and ~10 ms of each set went to them (20 x 100)."""
        if story is not self.story:
            self.cursor = None
        self.story = story
        self.reference = reference
        sized = self._sized
        if sized is None or sized[0] is not story or sized[1] is not comp.documents:
            self._sized = (story, comp.documents)
            self._names = None
            self.words = _shares(story, comp.documents)
        self.set_differences(diffs)
        self.make_room(story.sources)
        self.update()

    @property
    def names(self) -> list[str]:
        """Each source's name with its number (tooltips), read when first asked."""
        if self._names is None:
            story, documents = self._sized or (None, [])
            self._names = source_labels(documents, story.numbers) if story else []
        return self._names

    def set_differences(self, diffs: list[Difference]) -> None:
        self.kinds = {}
        self._cache_key = None
        if self.story is None:
            return
        for d in diffs:
            # the lane's mark stands where the source's text would be: at the reference's
            # passage for what it leaves out or moved away, else at its own
            where = self.reference if d.kind == "omitted" or d.moved in ("later", "earlier") \
                else d.source
            self.kinds[(d.source, self.story.passage_of(d.row, where))] = d.kind
        self.update()

    def set_view(self, first: int, last: int) -> None:
        self.view_span = (first, last)
        self.update()

    def _y(self, share: float) -> float:
        return HEADER + share * (self.height() - HEADER - 2)

    def _lane_x(self, lane: int) -> float:
        return 3 + lane * (self.lane_width() + 1)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """The lanes come from a cached picture (they change with the story, not with
        scrolling); the frame of what is in view is drawn over it."""
        painter = QPainter(self)
        if self.story is None:
            painter.fillRect(self.rect(), self.palette().base())
            painter.end()
            return
        key = (self.size().width(), self.size().height(), id(self.story), len(self.kinds),
               tuple(sorted(self.open)), self.reference, self.palette().cacheKey(),
               self.theme.dark)  # (a new palette or theme repaints them in its colours)
        if self._cache_key != key:
            self._cache = QPixmap(self.size())
            lanes = QPainter(self._cache)
            self._paint_lanes(lanes)
            lanes.end()
            self._cache_key = key
        painter.drawPixmap(0, 0, self._cache)
        text = self.palette().text().color()
        theme = self.theme
        first, last = self.view_span
        if last >= first and self.words:
            top, bottom = self._y(self.words[first]), self._y(self.words[min(last + 1,
                                                                              len(self.words) - 1)])
            painter.setPen(QPen(text, 1))
            painter.drawRect(QRectF(1, top, self.width() - 3, max(3.0, bottom - top)))
        if self.current is not None:
            y = self._y(self.words[self.current])
            painter.setPen(QPen(theme.current, 2))
            painter.drawLine(0, y, self.width(), y)
        if self.hasFocus() and self.cursor is not None:
            lane, k = self.cursor
            top, bottom = self._y(self.words[k]), self._y(self.words[k + 1])
            painter.setPen(QPen(theme.current, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self._lane_x(lane) - 1.5, top - 1.5, self.lane_width() + 3,
                                    max(4.0, bottom - top) + 3))
        painter.end()

    def _paint_lanes(self, painter: QPainter) -> None:
        painter.fillRect(self.rect(), self.palette().base())
        theme, width = self.theme, self.lane_width()
        text = self.palette().text().color()
        font = QFont(self.font())
        font.setPixelSize(max(8, min(11, width + 2)))
        painter.setFont(font)
        shade = self.palette().mid().color()  # an open lane's number stands on it
        on_shade = QColor(Qt.GlobalColor.black if shade.lightness() > SHADE_LIGHT
                          else Qt.GlobalColor.white)
        for s in range(self.story.sources):
            x = self._lane_x(s)
            if s in self.open:
                painter.fillRect(QRectF(x, 0, width, HEADER - 2), shade)
            painter.setPen(on_shade if s in self.open else text)
            label = "★" if s == self.reference else str(self.story.numbers[s] + 1)
            small = QFont(font)
            small.setPixelSize(max(7, min(font.pixelSize(), int(width * 1.5 / len(label)))))
            painter.setFont(small)
            painter.drawText(QRectF(x - 2, 0, width + 4, HEADER - 2),
                             Qt.AlignmentFlag.AlignCenter, label)
        # passage -> lanes that lack it: left out, or moved away (a thin bar of the kind's
        # colour, every kind once, not per passage)
        lacking: dict[int, list[tuple[int, str]]] = {}
        for (s, k), kind in self.kinds.items():
            if kind in ("omitted", "moved"):
                lacking.setdefault(k, []).append((s, kind))
        for k, passage in enumerate(self.story.passages):
            y0, y1 = self._y(self.words[k]), self._y(self.words[k + 1])
            if y1 - y0 < 0.2:
                continue
            spread = self.story.spread(k)
            for s in passage.sources:
                kind = self.kinds.get((s, k))
                if kind:
                    colour = QColor(getattr(theme, KIND_COLOUR[kind]))
                elif spread == "one":
                    colour = QColor(theme.unique)
                else:
                    colour = QColor(text)
                    colour.setAlpha(SPREAD_ALPHA[spread])
                painter.fillRect(QRectF(self._lane_x(s), y0, width, max(1.0, y1 - y0 - 0.5)),
                                 colour)
            for s, kind in lacking.get(k, ()):
                if not passage.carried_by(s):
                    painter.fillRect(QRectF(self._lane_x(s) + width / 2 - 1, y0, 2,
                                            max(1.0, y1 - y0)), getattr(theme, kind))

    def hit(self, x: float, y: float) -> tuple[int, int] | None:
        """Source lane and passage at a point (None outside the lanes)."""
        if self.story is None or y < HEADER:
            return None
        lane = int((x - 3) // (self.lane_width() + 1))
        if not 0 <= lane < self.story.sources:
            return None
        share = (y - HEADER) / max(1.0, self.height() - HEADER - 2)
        k = max(0, min(len(self.story.passages) - 1,
                       next((i for i, w in enumerate(self.words[1:]) if w > share),
                            len(self.story.passages) - 1)))
        return lane, k

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        found = self.hit(event.position().x(), max(HEADER, event.position().y()))
        if found and event.button() == Qt.MouseButton.LeftButton:
            self.laneClicked.emit(*found)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        found = self.hit(event.position().x(), event.position().y())
        if found is None:
            QToolTip.hideText()
            return
        QToolTip.showText(event.globalPosition().toPoint(),
                          plain_tooltip(self.describe(*found) + "\nClick to read it here"), self)

    def describe(self, s: int, k: int) -> str:
        """What a lane says at a passage, in words (tooltip and screen readers)."""
        passage = self.story.passages[k]
        carried = "carries this passage" if passage.carried_by(s) else \
            "has this passage elsewhere" if s in passage.elsewhere else "lacks this passage"
        kind = self.kinds.get((s, k))
        state = f" · {kind} against the reference" if kind else ""
        moved = f", {len(passage.elsewhere)} more elsewhere" if passage.elsewhere else ""
        return (f"{self.names[s]}\n{carried} (in {len(passage.sources)} of "
                f"{self.story.sources} sources{moved}){state}")

    # -- keyboard ---------------------------------------------------------------------------
    def _shown(self) -> list[int]:
        """Passages with room on the map (folded page furniture has none)."""
        return [k for k in range(len(self.story.passages)) if self.words[k + 1] > self.words[k]]

    def focusInEvent(self, event) -> None:  # noqa: N802
        """The cursor starts on the reference's lane, at what the panes show."""
        super().focusInEvent(event)
        if self.story is not None and self.cursor is None:
            start = self.current if self.current is not None else self.view_span[0]
            self._move_cursor(self.reference, start)
        self.update()

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.story is None or not self.story.passages:
            super().keyPressEvent(event)
            return
        lane, k = self.cursor or (self.reference, self.view_span[0])
        shown = self._shown() or [0]
        at = min(range(len(shown)), key=lambda i: abs(shown[i] - k))
        key = event.key()
        steps = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -PAGE_PASSAGES,
                 Qt.Key.Key_PageDown: PAGE_PASSAGES, Qt.Key.Key_Home: -len(shown),
                 Qt.Key.Key_End: len(shown)}
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            lane = (lane + (1 if key == Qt.Key.Key_Right else -1)) % self.story.sources
        elif key in steps:
            k = shown[max(0, min(len(shown) - 1, at + steps[key]))]
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.laneClicked.emit(lane, k)
            return
        else:
            super().keyPressEvent(event)
            return
        self._move_cursor(lane, k)

    def _move_cursor(self, lane: int, k: int) -> None:
        k = max(0, min(len(self.story.passages) - 1, k))
        self.cursor = (lane, k)
        words = self.describe(lane, k)
        self.setAccessibleDescription(f"{words}. Passage {k + 1} of {len(self.story.passages)}; "
                                      f"Enter reads it")
        if self.hasFocus():  # sighted keyboard users read what the tooltip would say
            y = self._y(self.words[k + 1])
            QToolTip.showText(self.mapToGlobal(QPointF(self._lane_x(lane), y).toPoint()),
                              plain_tooltip(words + "\nEnter: read it here"), self)
        self.update()


def _shares(story: Story, documents: list) -> list[float]:
    """The share of the story read at each passage's top, and 1.0 at the end: a passage
    weighs the words of its longest version (page furniture nothing)."""
    sizes = []
    for passage in story.passages:
        most = max((sum(len(documents[s].paragraphs[p].text.split()) for p in paras)
                    for s, paras in enumerate(passage.cells) if paras), default=0)
        sizes.append(0 if passage.furniture else max(MIN_PASSAGE_WORDS, most))
    total = max(1, sum(sizes))
    return [0.0] + [w / total for w in accumulate(sizes)]
