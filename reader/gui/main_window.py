"""The reader's window: compact aligned panes, story map, navigation, docks, menus.

The window owns presentation state only (which sources are open as panes,
their order, the reference, zoom, the current difference, the reader's
place); everything it shows comes from a ``Comparison`` built by the engine
in a background job. Panes are compact and kept in step by ``row_sync``;
the pane the reader scrolls leads, the others follow.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QMainWindow

from reader.core.comparison import Comparison, Difference
from reader.core.errors import SourceError
from reader.core.pipeline import load_and_compare
from reader.gui import row_sync
from reader.gui.connectors import BAND_WIDTH
from reader.gui.document_builder import add_highlights, build_pane
from reader.gui.facts_controller import FactsController
from reader.gui.jobs import AlignJob
from reader.gui.navigation import History, Place
from reader.gui.notes_controller import NotesController
from reader.gui.settings import ReaderSettings
from reader.gui.source_pane import MIN_PANE_WIDTH, SourcePane, source_label
from reader.gui.story import Story, build_story
from reader.gui.theme import current_theme
from reader.gui.window_layout import build_actions, build_ui, legend_html, show_state

MAX_PANES = 20
BASE_POINT_SIZE = 11.0
READABLE_PANE = 230
"""Width (px) under which no further pane opens by itself: past that the reader chooses."""
SNIPPET_CHARS = 60
DOCK_WIDTH = 290
"""Width the right-hand docks are given (``window_layout``): counted before they show."""


class MainWindow(QMainWindow):
    """Parallax's main window."""

    comparisonShown = Signal()

    def __init__(self, settings: ReaderSettings | None = None) -> None:
        super().__init__()
        self.setWindowTitle("Parallax")
        self.setAcceptDrops(True)
        self.settings = settings or ReaderSettings()
        self.theme = current_theme()
        self.comp: Comparison | None = None
        self.story: Story | None = None
        self.paths: list[str] = []
        self.order: list[int] = []  # every source, in the order panes show them
        self.open_sources: list[int] = []  # sources shown as panes (a subset of order)
        self._used: dict[int, int] = {}  # source -> last time it was used (to close the oldest)
        self._clock = 0
        self.reference = 0
        self.diffs: list[Difference] = []
        self.current = -1
        self.selected_row: int | None = None
        self.panes: list[SourcePane] = []
        self.active_source: int | None = None
        self.lead: int | None = None  # source of the pane the others follow
        self.place: Place | None = None
        # Kept through rebuilds and the relayouts that follow them, until the reader moves:
        # every relayout restores it, so a late resize cannot drift the place.
        self.pending_place: Place | None = None
        self.history = History()
        self.show_furniture = False
        self.job: AlignJob | None = None
        self._diffs_pending = False  # a large comparison shown before its word diffs
        self.zoom = self.settings.zoom
        self._syncing = False
        self._realign = QTimer(self, singleShot=True, interval=60)
        self._realign.timeout.connect(self.relayout)
        self._unflash = QTimer(self, singleShot=True, interval=900)
        self._unflash.timeout.connect(self._clear_flash)
        self.notes = NotesController(self)
        self.state = "reading"  # until show_state below: the docks start as built
        self.docks_shown: list = []
        build_ui(self)
        build_actions(self)
        if self.settings.geometry is not None:
            self.restoreGeometry(self.settings.geometry)
        else:
            self.resize(1400, 900)
        show_state(self, "empty")
        self.facts = FactsController(self)  # hook (issue 9): fact marks, Facts mode, Quotes

    # -- construction -----------------------------------------------------------------------
    def open_paths(self, paths: list[str], wait: bool = False) -> None:
        """Load and align ``paths`` in the background (or now, with ``wait``)."""
        paths = [str(p) for p in paths]
        if len(paths) > MAX_PANES:
            self.show_banner(f"Parallax compares up to {MAX_PANES} sources; "
                             f"the first {MAX_PANES} of {len(paths)} are open.")
            paths = paths[:MAX_PANES]
        self.cancel_job()
        _, reference = self.settings.arrangement(paths)
        if wait:
            comp, docs, errors = load_and_compare(paths, reference=reference)
            self._loaded(comp, docs, errors)
            return
        self.job = AlignJob(paths, reference)
        self.job.progressed.connect(self._progress)
        self.job.finished_ok.connect(self._loaded)
        self.job.diffs_ready.connect(self._diffs_ready)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(self._cancelled)
        self.job.finished.connect(self._job_over)
        self.progress.setRange(0, 0)
        self.statusBar().showMessage(f"Aligning {len(paths)} sources…")
        if self.comp is None:  # the whole window says so, with its own bar and Cancel
            show_state(self, "loading", f"Aligning {len(paths)} sources…")
        else:  # the comparison on screen stays readable meanwhile
            self.progress.show()
            self.cancel_button.show()
        self.job.start()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.state_progress.setRange(0, max(1, total))
        self.state_progress.setValue(done)

    def _failed(self, message: str) -> None:
        self.statusBar().showMessage(f"Alignment failed: {message}", 10000)
        if self.state == "loading":
            show_state(self, "failed", f"Alignment failed: {message}")

    def _cancelled(self) -> None:
        self.statusBar().showMessage("Alignment cancelled.", 8000)

    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
            self.job = None
            if self.comp is None:
                show_state(self, "empty")
        self.progress.hide()
        self.cancel_button.hide()
        if self._diffs_pending:  # cancelled while the diffs were still on their way
            self._diffs_pending = False
            self.rebuild()

    def _job_over(self) -> None:
        """The job's thread has ended (QThread.finished): now it may be dropped."""
        if self.job is not None and self.job.isFinished():
            self.job = None
            self.progress.hide()
            self.cancel_button.hide()

    def _loaded(self, comp: Comparison | None, docs, errors: list[SourceError]) -> None:
        self.statusBar().clearMessage()  # "Aligning N sources…" is over
        messages = [f"Could not open {e.path}: {e.reason}" for e in errors]
        if comp is None:
            if self.comp is None:
                show_state(self, "failed", "\n".join(messages) or "Nothing to show.")
            else:
                self.show_banner("\n".join(messages) or "Nothing to show.")
            return
        if len(comp.documents) == 1:
            messages.append("Only one source is open: add another version (File ▸ Add Sources "
                            "or drop a file here) to compare.")
        self.comp = comp
        self.story = build_story(comp)
        messages += self.notes.open(comp)
        self.show_banner("\n".join(messages))
        self.paths = [d.path for d in comp.documents]
        self.settings.add_recent(self.paths)
        order_paths, ref_path = self.settings.arrangement(self.paths)
        self.order = [self.paths.index(p) for p in order_paths]
        self.reference = self.paths.index(ref_path) if ref_path else self.order[0]
        show_state(self, "reading")  # first: the docks' room counts in how many panes fit
        self.open_sources = self._first_open()
        self._diffs_pending = self.job is not None and not comp.has_diffs(self.reference)
        self._fill_reference_box()
        self.rebuild()

    def _first_open(self) -> list[int]:
        """The reference and the next sources in order, as many as fit readably."""
        kept = [s for s in self.order if s in self.open_sources] if self.open_sources and \
            len(self.open_sources) <= len(self.order) else []
        room = self.pane_capacity()
        chosen = [self.reference] + [s for s in kept + self.order if s != self.reference]
        out: list[int] = []
        for s in chosen:
            if s not in out and len(out) < room:
                out.append(s)
        return [s for s in self.order if s in out]

    def pane_capacity(self) -> int:
        """How many panes fit side by side at a readable width (the story map, the scroll
        bar and the right-hand docks take their room first)."""
        docks = max(self.diff_dock.width(), self.legend_dock.width(), DOCK_WIDTH) \
            if not (self.diff_dock.isHidden() and self.legend_dock.isHidden()) else 0
        lanes = len(self.order) * (self.story_map.lane_width_for(len(self.order)) + 1) + 6
        width = self.width() - docks - lanes - self.vbar.sizeHint().width()
        fits = (width + BAND_WIDTH) // (READABLE_PANE + BAND_WIDTH)
        return max(1, min(len(self.order) or 1, fits))

    def _diffs_ready(self, caches) -> None:
        """The word diffs of a large comparison arrived: highlight the panes."""
        if self.comp is None:
            return
        self.comp.absorb(caches)
        self._diffs_pending = False
        if not self.comp.has_diffs(self.reference):  # the reference changed meanwhile
            self.rebuild()
            return
        font = self._font()
        for pane in self.panes:
            add_highlights(self.comp, pane.view.content, self.reference, self.theme, font)
            pane.view.viewport().update()
        self._show_differences()
        self.statusBar().clearMessage()
        self.comparisonShown.emit()

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    # -- building the panes -----------------------------------------------------------------
    def _font(self) -> QFont:
        font = QFont("Noto Serif")
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setPointSizeF(max(6.0, BASE_POINT_SIZE + self.zoom))
        return font

    def _fill_reference_box(self) -> None:
        self.reference_box.clear()
        for s in self.order:
            self.reference_box.addItem(source_label(s, self.comp.documents[s]), s)
            self.reference_box.setItemData(self.reference_box.count() - 1,
                                           source_label(s, self.comp.documents[s]),
                                           3)  # Qt.ToolTipRole
        self.reference_box.setCurrentIndex(self.order.index(self.reference))

    def rebuild(self) -> None:
        """(Re)create the open panes' documents: after loading, or a change of reference,
        zoom, theme or open panes. The reader's place is kept."""
        comp = self.comp
        if comp is None:
            return
        self.pending_place = self.pending_place or self.place
        old, self.panes = self.panes, []
        for pane in old:  # signals off first: a pane going away must not move the others
            pane.blockSignals(True)
            pane.view.verticalScrollBar().blockSignals(True)
            pane.setParent(None)
            pane.deleteLater()
        font = self._font()
        # While a large comparison's diffs are still being computed elsewhere,
        # show the aligned text plain; _diffs_ready highlights the panes.
        highlight = comp.has_diffs(self.reference) or not self._diffs_pending
        self.open_sources = [s for s in self.order if s in self.open_sources] or \
            [self.reference]
        for s in self.open_sources:
            self.splitter.addWidget(self._make_pane(s, font, highlight))
        if self.lead not in self.open_sources:
            self.lead = self.reference if self.reference in self.open_sources \
                else self.open_sources[0]
        self.story_map.open = set(self.open_sources)
        if highlight:
            self._show_differences()
        else:
            self.diffs = []
            self.story_map.set_story(self.story, comp, [], self.reference)
            self.statusBar().showMessage("Finding word differences…")
        self.notes.refresh()
        self._fill_panes_menu()
        self.relayout()
        QTimer.singleShot(0, self.relayout)  # again once the new panes have their sizes

    def _make_pane(self, s: int, font: QFont, highlight: bool) -> SourcePane:
        comp = self.comp
        pane = SourcePane(s, self.theme)
        pane.setMinimumWidth(MIN_PANE_WIDTH)
        content = build_pane(comp, self.story, s, self.reference, self.theme, font, highlight,
                             self.show_furniture)
        pane.view.set_content(content)
        pane.rowClicked.connect(self._row_clicked)
        pane.movedClicked.connect(self.show_counterpart)
        pane.markerClicked.connect(self.marker_clicked)
        pane.scrolled.connect(self._pane_scrolled)
        pane.closeRequested.connect(self.hide_source)
        pane.removeRequested.connect(self.remove_source)
        pane.referenceRequested.connect(self.set_reference)
        pane.dropped.connect(self.move_source)
        pane.zoomRequested.connect(self._zoom_step)
        pane.view.installEventFilter(self)
        pane.view.viewport().installEventFilter(self)
        pane.view.context_actions = [self.annotate_action]
        doc = comp.documents[s]
        shared = sum(1 for p in doc.content if comp.presence((s, p.index)) != "none")
        pane.header.set_source(doc, s == self.reference,
                               f"{doc.encoding} · {doc.words} words · "
                               f"{shared}/{len(doc.content)} paragraphs shared")
        pane.view.setAccessibleName(source_label(s, doc))
        pane.view.setAccessibleDescription("Text of this source; differences from the reference "
                                           "are highlighted")
        self.panes.append(pane)
        return pane

    def _show_differences(self) -> None:
        """Fill the Differences dock, the story map and the counts."""
        diffs = self.comp.differences(self.reference)
        if diffs is not self.diffs:  # a new reference or comparison: start over
            self.current = -1
        self.diffs = diffs
        self.diff_panel.set_differences(self.diffs, [d.name for d in self.comp.documents],
                                        self._snippets())
        self.story_map.set_story(self.story, self.comp, self.diffs, self.reference)
        self._update_counts()
        self.facts.refresh()

    def _snippets(self) -> dict[int, str]:
        """For each row with a difference, the first words of what changed there."""
        out: dict[int, str] = {}
        for d in self.diffs:
            if d.row not in out:
                out[d.row] = self._snippet(d)
        return out

    def _snippet(self, diff: Difference) -> str:
        comp = self.comp
        text = ""
        if diff.kind == "changed":
            source_text = comp.row_text(diff.row, diff.source)
            ref_text = comp.row_text(diff.row, self.reference)
            for span in comp.row_diff(diff.row, self.reference, diff.source):
                if span.op != "equal" and not span.trivial:
                    new = source_text[span.b_start:span.b_end].strip()
                    old = ref_text[span.a_start:span.a_end].strip()
                    text = f"{old} → {new}" if old and new else (f"+ {new}" if new else
                                                                 f"− {old}")
                    break
        if not text:
            text = comp.row_text(diff.row, diff.source) or \
                comp.row_text(diff.row, self.reference)
        text = " ".join(text.split())
        return f"“{text[:SNIPPET_CHARS]}…”" if len(text) > SNIPPET_CHARS else f"“{text}”"

    def relayout(self) -> None:
        """Lay the panes out again (after a resize, zoom or rebuild), keeping the place."""
        views = [p.view for p in self.panes]
        if not views:
            return
        if len(self.open_sources) > self.pane_capacity():
            self._close_unused(self.pane_capacity())  # too narrow now: fewer, readable panes
            return
        place = self.pending_place or self.place
        row_sync.lay_out(views)
        self._update_scrollbar()
        if place is not None:
            self.restore_place(place)
        else:
            self._follow()
        self.comparisonShown.emit()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._realign.start()

    def changeEvent(self, event) -> None:  # noqa: N802
        """A new palette (light <-> dark) recolours the panes, keeping the place."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.comp is not None:
            theme = current_theme()
            if theme != self.theme:
                self.theme = theme
                self.story_map.theme = theme
                self.legend.setText(legend_html(theme))
                self.rebuild()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Resize and any(p.view is watched for p in self.panes):
            self._realign.start()
        elif kind in (QEvent.Type.FocusIn, QEvent.Type.Wheel, QEvent.Type.MouseButtonPress,
                      QEvent.Type.KeyPress):
            pane = next((p for p in self.panes
                         if p.view is watched or p.view.viewport() is watched), None)
            if kind != QEvent.Type.FocusIn:
                self.pending_place = None  # the reader moves: their place is where they go
            if pane is not None:
                self.active_source = pane.index
                self._use(pane.index)
                if kind != QEvent.Type.FocusIn:  # focus alone (a new pane) does not lead
                    self._set_lead(pane.index)
        return False

    def _use(self, source: int) -> None:
        self._clock += 1
        self._used[source] = self._clock

    # -- which sources are open -------------------------------------------------------------
    def pane_of(self, source: int) -> SourcePane | None:
        return next((p for p in self.panes if p.index == source), None)

    def show_source(self, source: int) -> SourcePane | None:
        """Open ``source`` as a pane, closing the least recently used one if no room is left."""
        if self.comp is None:
            return None
        if source not in self.open_sources:
            self._use(source)
            self.open_sources.append(source)
            self._close_unused(self.pane_capacity(), keep=source)
        self._use(source)
        return self.pane_of(source)

    def _close_unused(self, room: int, keep: int | None = None) -> None:
        """Close the least recently used panes (never the reference or ``keep``) down to
        ``room``, and rebuild."""
        self.pending_place = self.pending_place or self.current_place()
        while len(self.open_sources) > max(1, room):
            spare = [s for s in self.open_sources if s not in (self.reference, keep)] or \
                [s for s in self.open_sources if s != keep]
            self.open_sources.remove(min(spare, key=lambda s: self._used.get(s, 0)))
        self.rebuild()

    def hide_source(self, source: int) -> None:
        """Close a pane; the source stays in the comparison (and in the story map)."""
        if source in self.open_sources and len(self.open_sources) > 1:
            self.pending_place = self.pending_place or self.current_place()
            self.open_sources.remove(source)
            self.rebuild()

    def toggle_source(self, source: int, shown: bool) -> None:
        if shown:
            self.show_source(source)
        else:
            self.hide_source(source)

    def _fill_panes_menu(self) -> None:
        self.panes_menu.clear()
        for s in self.order:
            action = self.panes_menu.addAction(source_label(s, self.comp.documents[s]))
            action.setCheckable(True)
            action.setChecked(s in self.open_sources)
            action.toggled.connect(lambda on, s=s: self.toggle_source(s, on))

    # -- scrolling --------------------------------------------------------------------------
    def _set_lead(self, source: int) -> None:
        if source != self.lead and self.pane_of(source) is not None:
            self.lead = source
            self._update_scrollbar()

    def lead_view(self):
        pane = self.pane_of(self.lead) if self.lead is not None else None
        return (pane or self.panes[0]).view if self.panes else None

    def _update_scrollbar(self) -> None:
        view = self.lead_view()
        if view is None:
            return
        bar = view.verticalScrollBar()
        self._syncing = True
        self.vbar.setRange(0, bar.maximum())
        self.vbar.setPageStep(bar.pageStep())
        self.vbar.setSingleStep(view.fontMetrics().lineSpacing() * 3)
        self.vbar.setValue(bar.value())
        self._syncing = False

    def set_sync(self, on: bool) -> None:
        self.sync_action.setChecked(on)
        self.settings.sync = on
        if on and self.panes:
            self._follow()

    def _shared_scrolled(self, value: int) -> None:
        """The scroll bar beside the panes drives the lead pane (the others follow it)."""
        if self._syncing:
            return
        self.pending_place = None
        view = self.lead_view()
        if view is not None:
            view.verticalScrollBar().setValue(value)

    def _pane_scrolled(self, source: int, value: int) -> None:
        """A pane scrolled. The reader's own scrolling made it the lead already (wheel,
        keys, clicks: ``eventFilter``); a pane that moved by itself (Qt clamping its
        range) is put back in step with the lead."""
        if not self._syncing:
            self._follow()

    def _follow(self) -> None:
        """Bring the other panes in step with the lead; update the bar, map and place."""
        lead = self.lead_view()
        if lead is None or not lead.passage_top:
            return
        self._syncing = True
        if self.sync_action.isChecked():
            row_sync.follow(lead, [p.view for p in self.panes])
        self.vbar.setValue(lead.verticalScrollBar().value())
        self._syncing = False
        top = lead.passage_at(lead.verticalScrollBar().value()) or 0
        bottom = lead.passage_at(lead.verticalScrollBar().value()
                                 + lead.viewport().height())
        self.story_map.set_view(top, len(self.story.passages) - 1 if bottom is None else bottom)
        self.splitter.repaint_bands()
        self.place = self.current_place()

    def current_place(self) -> Place | None:
        """Where the reader is: the lead pane's paragraph at the sync line."""
        view = self.lead_view()
        if view is None or not view.passage_top or self.comp is None:
            return None
        line, _ = row_sync.sync_line(view)
        passage, fraction = row_sync.locate(view, line)
        source = view.content.source
        for k in range(passage, -1, -1):
            paras = self.story.passages[k].cells[source]
            if paras:
                return Place(self.paths[source], paras[0], fraction if k == passage else 1.0)
        return Place(self.paths[source], 0, 0.0)

    def restore_place(self, place: Place) -> None:
        """Scroll back to a place (found by file path and paragraph, so it survives rebuilds)."""
        if place.path not in self.paths or not self.panes:
            return
        source = self.paths.index(place.path)
        passage = self.story.of_ref.get((source, place.paragraph))
        if passage is None:
            return
        if self.pane_of(source) is not None:
            self.lead = source
        self._scroll_lead_to(passage, place.fraction)

    def _scroll_lead_to(self, passage: int, fraction: float = 0.0) -> None:
        """Bring ``passage`` to the sync line. The lead stays if it carries the passage and
        can scroll that far; else a pane that can leads (a short pane reaches its end
        before a long one reaches the passage)."""
        view = self.lead_view()
        if view is None:
            return
        carriers = [p.view for p in self.panes if p.view.content.passage_blocks[passage]]
        for candidate in ([view] if view in carriers else []) + carriers:
            if row_sync.reachable(candidate, passage, fraction):
                view = candidate
                break
        self.lead = view.content.source
        self._update_scrollbar()
        self._syncing = True
        row_sync.scroll_to(view, passage, fraction)
        self._syncing = False
        self._follow()

    def scroll_to_row(self, row: int, margin: float = 0.0) -> None:
        """Bring an engine row into view in every pane (the active source's part of it)."""
        if not self.panes or self.story is None:
            return
        source = self.active_source if self.pane_of(self.active_source or -1) else self.lead
        if source is not None and self.pane_of(source) is not None:
            self.lead = source
        self._scroll_lead_to(self.story.passage_of(row, self.lead), margin)

    # -- selection and navigation -----------------------------------------------------------
    def select_row(self, row: int, source: int | None = None) -> None:
        self.selected_row = row
        if source is not None:
            self.active_source = source
        # Counterparts that sit in other rows (moved content) are outlined too.
        elsewhere: dict[int, set[int]] = {}
        for s, paras in enumerate(self.comp.rows[row]):
            for p in paras:
                for other in self.comp.moved((s, p)):
                    elsewhere.setdefault(other[0], set()).add(other[1])
        passages = {self._passage(row, source)}  # never the row's unrelated passages
        for pane in self.panes:
            pane.view.selected = passages
            pane.view.linked_elsewhere = elsewhere.get(pane.index, set())
            pane.view.viewport().update()
        self.detail_dock.show()
        self.detail.show_row(self.comp, row, self.reference, self.order, self.theme)

    def _row_clicked(self, source: int, row: int) -> None:
        self.select_row(row, source)

    def jump_to(self, source: int, passage: int, row: int | None = None) -> None:
        """Open ``source`` if hidden, lead with it and bring ``passage`` into view."""
        self.history.push(self.current_place())
        self.pending_place = None
        if self.show_source(source) is None:
            return
        self.lead = source
        self.active_source = source
        self._scroll_lead_to(passage)
        self.pending_place = self.current_place()  # a relayout after the jump keeps it
        row = self.story.passages[passage].row if row is None else row
        self.select_row(row, source)
        for pane in self.panes:
            pane.view.selected = {passage}
        self.flash(row, passage)
        self.story_map.current = passage
        self.story_map.update()
        self._update_actions()

    def go_to_difference(self, index: int) -> None:
        if not 0 <= index < len(self.diffs):
            return
        diff = self.diffs[index]
        where = self.reference if diff.kind == "omitted" else diff.source
        self.jump_to(diff.source, self.story.passage_of(diff.row, where), diff.row)
        self.current = index
        self.diff_panel.select(index)
        self._update_counts()

    def step(self, delta: int) -> None:
        """Next (+1) or previous (-1) place with differences, as the dock's filters allow."""
        if self.facts.step(delta):  # "facts only": fact changes instead
            return
        places = self.diff_panel.places
        if not places:
            return
        rows = [row for row, _ in places]
        here = self.diffs[self.current].row if 0 <= self.current < len(self.diffs) else None
        if here is None:
            n = 0 if delta > 0 else len(places) - 1
        elif delta > 0:
            n = next((i for i, r in enumerate(rows) if r > here), len(rows) - 1)
        else:
            n = next((i for i in range(len(rows) - 1, -1, -1) if rows[i] < here), 0)
        self.go_to_difference(places[n][1][0])

    def go_back(self) -> None:
        place = self.history.go_back(self.current_place())
        if place is not None:
            self._go_to_place(place)

    def go_forward(self) -> None:
        place = self.history.go_forward(self.current_place())
        if place is not None:
            self._go_to_place(place)

    def _go_to_place(self, place: Place) -> None:
        self.pending_place = place
        if place.path in self.paths:
            self.show_source(self.paths.index(place.path))
        self.restore_place(place)
        self._update_actions()

    def _passage(self, row: int, source: int | None = None) -> int:
        """The passage of an engine row that ``source`` (else the active source) reads."""
        source = self.active_source if source is None else source
        return self.story.passage_of(row, self.reference if source is None else source)

    def flash(self, row: int, passage: int | None = None) -> None:
        """Outline a passage for a moment, so the eye finds where a jump landed."""
        passage = self._passage(row) if passage is None else passage
        for pane in self.panes:
            pane.view.flashed = {passage}
            pane.view.viewport().update()
        self._unflash.start()

    def _clear_flash(self) -> None:
        for pane in self.panes:
            pane.view.flashed = set()
            pane.view.viewport().update()

    def show_counterpart(self, source: int, para: int) -> None:
        """Scroll to where a moved paragraph's content sits and flash it."""
        targets = self.comp.moved((source, para))
        if targets:
            target = next((t for t in targets if t[0] in self.open_sources), targets[0])
            self.jump_to(target[0], self.story.of_ref[target], self.comp.row_of[target])

    def marker_clicked(self, source: int, passage: int, furniture: bool) -> None:
        """A marker: unfold page furniture, or read what this pane lacks in a source that has it."""
        if furniture:
            self.set_show_furniture(True)
            return
        carriers = self.story.passages[passage].sources
        target = next((s for s in carriers if s in self.open_sources), carriers[0])
        self.jump_to(target, passage)

    def go_to_counterpart(self) -> None:
        """Keyboard for ⇅ and markers: follow what is at the active pane's cursor."""
        pane = self.pane_of(self.active_source if self.active_source is not None else -1)
        if pane is None:
            return
        block = pane.view.textCursor().blockNumber()
        content = pane.view.content
        if block in content.markers:
            self.marker_clicked(pane.index, content.markers[block].target,
                                content.markers[block].furniture)
        elif content.block_para[block] in content.moved:
            self.show_counterpart(pane.index, content.block_para[block])

    def focus_pane(self, delta: int) -> None:
        """F6 / Shift+F6: move the keyboard focus to the next or previous pane."""
        if not self.panes:
            return
        sources = [p.index for p in self.panes]
        i = sources.index(self.active_source) if self.active_source in sources else -1
        pane = self.panes[(i + delta) % len(self.panes)]
        pane.view.setFocus()
        self.active_source = pane.index
        self._set_lead(pane.index)

    def set_show_furniture(self, on: bool) -> None:
        self.show_furniture = on
        self.furniture_action.setChecked(on)
        self.pending_place = self.pending_place or self.current_place()
        self.rebuild()

    def _update_counts(self) -> None:
        if self.comp is None:
            self.counts.setText("")
            return
        kinds = Counter(d.kind for d in self.diffs)
        parts = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        if self.current >= 0:
            d = self.diffs[self.current]
            where = f"[{d.source + 1}] difference {self.current + 1} of {len(self.diffs)}"
        else:
            where = f"{len(self.diffs)} differences"
        self.counts.setText(f"{where} ({parts}) · {len(self.diff_panel.places)} places · "
                            f"reference [{self.reference + 1}] · {len(self.comp.documents)} "
                            f"sources, {len(self.open_sources)} open")
        self._update_actions()

    def _update_actions(self) -> None:
        """Actions that would do nothing are disabled (no comparison, no history…)."""
        loaded = self.comp is not None
        for action in self.needs_comparison:
            action.setEnabled(loaded)
        self.next_action.setEnabled(loaded and bool(self.diff_panel.places))
        self.prev_action.setEnabled(loaded and bool(self.diff_panel.places))
        self.back_action.setEnabled(bool(self.history.back))
        self.forward_action.setEnabled(bool(self.history.forward))
        self.reference_box.setEnabled(loaded)

    # -- reference, zoom, pane order --------------------------------------------------------
    def set_reference(self, source: int) -> None:
        if self.comp is None or source == self.reference:
            return
        self.pending_place = self.pending_place or self.current_place()
        self.reference = source
        if source not in self.open_sources:
            self.open_sources = [source] + self.open_sources[:max(0, self.pane_capacity() - 1)]
        self._save_arrangement()
        self._fill_reference_box()
        self.rebuild()

    def _zoom_step(self, delta: int) -> None:
        self.set_zoom(self.zoom + delta)

    def set_zoom(self, zoom: int) -> None:
        self.pending_place = self.pending_place or self.current_place()
        self.zoom = max(-5, min(20, zoom))
        self.settings.zoom = self.zoom
        self.rebuild()

    def move_source(self, source: int, onto: int) -> None:
        """Put pane ``source`` in the place of pane ``onto`` (drag and drop of headers)."""
        if source == onto or source not in self.order or onto not in self.order:
            return
        target = self.order.index(onto)
        self.order.remove(source)
        self.order.insert(target, source)
        self._arranged()

    def move_active(self, delta: int) -> None:
        source = self.active_source
        if source is None or source not in self.order:
            return
        i = self.order.index(source)
        j = max(0, min(len(self.order) - 1, i + delta))
        if i != j:
            self.order.insert(j, self.order.pop(i))
            self._arranged()

    def _arranged(self) -> None:
        self.pending_place = self.pending_place or self.current_place()
        self._save_arrangement()
        self._fill_reference_box()
        self.rebuild()

    def remove_active(self) -> None:
        source = self.active_source
        if source is not None:
            self.remove_source(source)

    def remove_source(self, source: int) -> None:
        """Drop a source from the comparison and align the rest again."""
        remaining = [self.paths[s] for s in self.order if s != source]
        if not remaining or not self.notes.confirm_remove(source):
            return
        place = self.pending_place or self.current_place()
        self.pending_place = None if place is None or place.path == self.paths[source] else place
        self.open_paths(remaining)

    def _save_arrangement(self) -> None:
        self.settings.save_arrangement(self.paths, [self.paths[s] for s in self.order],
                                       self.paths[self.reference])

    # -- find -------------------------------------------------------------------------------
    def show_find(self) -> None:
        self.find_bar.show()
        self.find_bar.edit.setFocus()
        self.find_bar.edit.selectAll()

    # -- drag and drop, closing -------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.pending_place = self.pending_place or self.current_place()
            self.open_paths(self.paths + [p for p in paths if p not in self.paths])

    def closeEvent(self, event) -> None:  # noqa: N802
        self.cancel_job()
        self.settings.geometry = self.saveGeometry()
        super().closeEvent(event)
