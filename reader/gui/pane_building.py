"""Building the panes and laying them out: the window's part that turns a comparison into
panes on screen, gradually when they are many (``GRADUAL_FROM``), keeping the reader's place.

A mixin of ``MainWindow``, as ``OpenPanes``, ``ScrollSync`` and ``Jumps`` are: it reads
and sets the window's state (``comp``, ``story``, ``reference``, ``panes``, the build
queue and timers), and the window's methods call it by the same names as before.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from reader.core.snippets import counted
from reader.gui import row_sync
from reader.gui.document_builder import GRADUAL_FROM, build_pane
from reader.gui.script_text import reading_font
from reader.gui.source_pane import MIN_PANE_WIDTH, SourcePane

BASE_POINT_SIZE = 11.0
"""The panes' text size at zoom 0 (points); each zoom step adds one."""


class PaneBuilding:
    """Panes built (all at once, or a pane per turn of the event loop), put on screen and
    laid out in step (``row_sync``)."""

    def _font(self) -> QFont:
        return reading_font(max(6.0, BASE_POINT_SIZE + self.zoom))

    def rebuild(self, gradual: bool | None = None) -> None:
        """(Re)create the open panes' documents: after loading, or a change of reference,
        zoom, theme or open panes. The reader's place is kept.

        ``gradual`` (by default: when the panes to build hold ``GRADUAL_FROM`` paragraphs):
        one pane per turn of the event loop, then a gradual lay_out; the panes on screen
        stay there (inert) until the new ones replace them, the window answers meanwhile,
        and ``comparisonShown`` says when all is laid out.
        """
        comp = self.comp
        if comp is None:
            return
        self.pending_place = self.pending_place or self.place
        self._stop_layout()
        self._build_timer.stop()
        self._to_build = []
        self._to_highlight = []
        self._listing_due = False
        self._differences_due = False
        self.open_sources = [s for s in self.order if s in self.open_sources] or \
            [self.reference]
        old, self.panes = self.panes + self._built + list(self._reusable.values()), []
        self._built, self._reusable = [], {}
        for pane in old:  # signals off first: a pane going away must not move the others
            pane.blockSignals(True)
            pane.view.verticalScrollBar().blockSignals(True)
            if self._still_valid(pane) and pane.index in self.open_sources:
                self._reusable[pane.index] = pane  # a pane hidden or moved: the same text
            elif pane.parent() is None:  # built, never shown
                pane.deleteLater()
            else:
                self._leaving.append(pane)
        self._previews = []
        if gradual is None:  # a pane shown beside the others costs one pane: not gradual
            gradual = self.heavy([s for s in self.open_sources if s not in self._reusable])
        if gradual:
            self._to_build = list(self.open_sources)
            self._build_timer.start()
            return
        self._drop_leaving()
        font = self._font()
        for s in self.open_sources:
            self._take_pane(s, font)
        if self.heavy(self.open_sources):  # kept panes cost nothing to build, all to lay out:
            self._finish_rebuild(differences=False)  # the list and map in the next turn
            self._build_timer.start()  # (``_build_next``), then a gradual lay_out
            return
        self._finish_rebuild()
        self.relayout()
        QTimer.singleShot(0, self.relayout)  # again once the new panes have their sizes

    def busy(self) -> bool:
        """Whether a gradual rebuild, lay_out or highlighting is under way (benchmarks and
        tests wait for it)."""
        return bool(self._to_build or self._built or self._to_highlight or self._listing_due
                    or self._differences_due) or self._layout_steps is not None

    def heavy(self, sources: list[int]) -> bool:
        """Whether building or laying out these sources' panes at once would freeze the
        window (``GRADUAL_FROM``): then it goes a pane per turn of the event loop."""
        return sum(len(self.comp.documents[s].paragraphs) for s in sources) >= GRADUAL_FROM

    def _highlight(self) -> bool:
        """While a large comparison's diffs are still being computed elsewhere, the
        aligned text shows plain; _diffs_ready highlights the panes."""
        return self.comp.has_diffs(self.reference) or not self._diffs_pending

    def _build_next(self) -> None:
        """One pane of a gradual rebuild (or a text preview, or one pane's highlights); the
        turn after the last one puts them on screen."""
        if self._previews:
            self._next_preview()
            self._build_timer.start()
            return
        if self._to_highlight:
            self._highlight_next()
            self._build_timer.start()
            return
        if self._listing_due:
            self._list_highlighted()
            self._build_timer.start()  # a rebuild's lists and lay_out may still be due
            return
        if self._differences_due:
            self._differences_shown()
            # Filling the docks may have changed the panes' widths: laid out only now,
            # each pane is laid out once, at its final width.
            self.relayout(gradual=True)
            return
        if self._to_build:
            font = self._font()
            while self._to_build and self._to_build[0] in self._reusable:  # no cost: go on
                self._take_pane(self._to_build.pop(0), font)
            if self._to_build:
                self._take_pane(self._to_build.pop(0), font)
            self._build_timer.start()
            return
        if not self._built:
            if self._layout_steps is not None:
                self._layout_step()
            return
        self._finish_rebuild(differences=False)  # a turn of its own: the list and map next,
        self._build_timer.start()  # then the lay_out

    def _finish_rebuild(self, differences: bool = True) -> None:
        """The built panes go into the splitter (at once: one resize of each), and the
        docks, story map and menus follow (in the next turn unless ``differences``)."""
        self._laid_out_key = None
        self._drop_leaving()
        for pane in self._built:
            self.splitter.addWidget(pane)  # a pane kept from before moves to its place
            pane.blockSignals(False)
            pane.view.verticalScrollBar().blockSignals(False)
            self.panes.append(pane)
        self._built = []
        _chain_tab_order(self.panes)
        if not differences:
            self._hold_paint()
        # The story map's room first (its lanes are drawn a turn later), then the panes':
        self.story_map.make_room(len(self.comp.documents))
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        for pane in self.panes:
            row_sync.show_document(pane.view)
        if self.lead not in self.open_sources:
            self.lead = self.reference if self.reference in self.open_sources \
                else self.open_sources[0]
        self.story_map.open = set(self.open_sources)
        self.story_map.update()
        self._fill_panes_menu()
        self._differences_due = True
        if differences:
            self._differences_shown()
        self.jump_when_built()

    def _differences_shown(self) -> None:
        """After a rebuild: the Differences dock, story map, counts and notes follow."""
        self._differences_due = False
        if self._highlight():
            self._show_differences()
        else:
            self.diffs = []
            self._shown_key = None
            self.story_map.set_story(self.story, self.comp, [], self.reference)
            self.statusBar().showMessage("Finding word differences…")
        self.notes.refresh()

    def _made_for(self) -> tuple:
        """What a pane's document depends on (``SourcePane.made``)."""
        return (self.comp, self.story, self.reference, self.zoom, self.theme,
                self.show_furniture, self._highlight(), self.comp.accidentals)

    def _still_valid(self, pane: SourcePane) -> bool:
        """Whether a pane shows what it would if it were built now (a pane was hidden,
        shown or moved, nothing else): it is kept as it is."""
        made, now = getattr(pane, "made", None), self._made_for()
        return made is not None and made[0] is now[0] and made[1] is now[1] and \
            made[2:] == now[2:]

    def _take_pane(self, s: int, font: QFont) -> SourcePane:
        pane = self._reusable.pop(s, None)
        if pane is None:
            return self._make_pane(s, font, self._highlight())
        self._built.append(pane)
        return pane

    def _make_pane(self, s: int, font: QFont, highlight: bool) -> SourcePane:
        comp = self.comp
        pane = SourcePane(s, self.theme)
        pane.setMinimumWidth(MIN_PANE_WIDTH)
        content = build_pane(comp, self.story, s, self.reference, self.theme, font, highlight,
                             self.show_furniture)
        pane.view.set_content(content, show=False)  # shown with its width: _finish_rebuild
        pane.rowClicked.connect(self._row_clicked)
        pane.movedClicked.connect(self.show_counterpart)
        pane.markerClicked.connect(self.marker_clicked)
        pane.scrolled.connect(self._pane_scrolled)
        pane.closeRequested.connect(self.hide_source)
        pane.removeRequested.connect(self.remove_source)
        pane.referenceRequested.connect(self.set_reference)
        pane.pinRequested.connect(self.set_pinned)
        pane.header.set_pinned(self.is_pinned(s))
        pane.dropped.connect(self.move_source)
        pane.zoomRequested.connect(self._zoom_step)
        pane.view.installEventFilter(self)
        pane.view.viewport().installEventFilter(self)
        pane.view.context_actions = [self.annotate_action]
        self.fixes.attach(pane)  # hook: picking paragraphs, fix menu, ☛ on hand-set links
        doc = comp.documents[s]
        shared = len(doc.content) - len(content.unique)  # build_pane read every one's presence
        pane.header.set_source(doc, self.story.numbers[s], s == self.reference,
                               f"{doc.encoding} · {counted(doc.words, 'word')} · "
                               f"{shared}/{counted(len(doc.content), 'paragraph')} shared",
                               told=self._labels()[1][s])
        pane.view.setAccessibleName(self.label(s))
        pane.view.setAccessibleDescription("Text of this source; differences from the reference "
                                           "are highlighted")
        pane.made = self._made_for()
        self._built.append(pane)
        return pane

    def relayout(self, gradual: bool = False) -> None:
        """Lay the panes out again (after a resize, zoom or rebuild), keeping the place.

        ``gradual``: a pane at a time, the event loop running between (a newer
        relayout or rebuild replaces one under way)."""
        views = [p.view for p in self.panes]
        if not views or self._to_build:  # a gradual rebuild lays out when it is done
            if not views:
                self._release_paint()
            return
        if gradual:  # docks just shown or panes just added resize them in pending layout
            # requests: settled first, the panes are laid out once, at their final widths
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        if len(self.open_sources) > self.pane_capacity() or self._room_for_squeezed():
            self._release_paint()
            self._fit_panes()
            return
        self._stop_layout()
        self._layout_place = self.pending_place or self.place
        self._layout_steps = row_sync.lay_out_steps(views)
        self._laying_out_key = self._layout_key()
        if gradual:
            self._build_timer.start()
            return
        for _ in self._layout_steps:
            pass
        self._laid_out()

    def _layout_step(self) -> None:
        try:
            next(self._layout_steps)
        except StopIteration:
            self._laid_out()
        else:
            self._build_timer.start()

    def _stop_layout(self) -> None:
        self._layout_steps = None

    def _hold_paint(self) -> None:
        """Paint nothing of the panes' area until the gradual lay_out of the panes just put
        there ends (``_release_paint``): it shows what it showed (the text as read, or the
        panes before a pane was shown or hidden) until then. Painted at each turn, the new panes were painted on their way, unpadded and
        half laid out: the four of 20 x 100 (1600 px) twenty times, eight now."""
        if not self._paint_held:
            self._paint_held = True
            self.splitter.setUpdatesEnabled(False)

    def _release_paint(self) -> None:
        if self._paint_held:
            self._paint_held = False
            self.splitter.setUpdatesEnabled(True)  # one paint of the whole area

    def _laid_out(self) -> None:
        """After a lay_out: the scroll bar, the place, and word to whoever waits."""
        self._release_paint()
        self._layout_steps = None
        self._laid_out_key = self._layout_key()
        self._update_scrollbar()
        place, self._layout_place = self._layout_place, None
        if place is not None:
            self.restore_place(place)
        else:
            self._follow()
        self.comparisonShown.emit()
        self.jump_when_built()

    def _layout_key(self) -> tuple:
        """What a lay_out depends on besides the documents' text: which documents, how wide."""
        return tuple((id(p.view.document()), p.view.viewport().width()) for p in self.panes)

    def _resized(self) -> None:
        """The window or a pane changed size: lay out again only if a width changed (the
        resizes that follow a rebuild usually leave the widths it was laid out at)."""
        if self._to_build:  # a gradual rebuild lays out when it is done
            return
        if self._layout_steps is not None and self._laying_out_key == self._layout_key():
            return  # the lay_out under way is for these widths: starting over wastes it
        if self._layout_steps is None and self._laid_out_key == self._layout_key():
            self._layout_place = self.pending_place or self.place
            self._laid_out()
        else:
            self.relayout(gradual=True)


def _chain_tab_order(panes: list) -> None:
    """Tab goes through the panes as they stand, left to right, each header's buttons
    before its text: Qt's order is the order the widgets were made, and a pane kept from
    an earlier layout (after a move, a new reference) came out of turn ([1], [3], [2])."""
    stops = [w for pane in panes for w in (pane.header.pin, pane.header.reference,
                                             pane.header.hide_button, pane.view)]
    for before, after in zip(stops, stops[1:]):
        QWidget.setTabOrder(before, after)
