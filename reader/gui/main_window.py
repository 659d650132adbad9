"""The reader's window: compact aligned panes, story map, navigation, docks, menus.

The window owns presentation state only (which sources are open as panes,
their order, the reference, zoom, the current difference, the reader's
place); everything it shows comes from a ``Comparison`` built by the engine
in a background job. Panes are compact and kept in step by ``row_sync``;
the pane the reader scrolls leads, the others follow.
"""

from __future__ import annotations

import weakref
from collections import Counter
from dataclasses import replace

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QMainWindow

from reader.core.annotations.render import plain_tooltip
from reader.core.bidi import isolated_parts
from reader.core.comparison import Comparison, Difference
from reader.core.errors import SourceError
from reader.core.pipeline import load_and_compare
from reader.core.places import FactLeads, only_accidentals, snippet
from reader.core.snippets import counted, cut_at_word
from reader.core.sources import (
    alone_warning,
    copies_warning,
    date_order,
    distinct_files,
    distinctions,
    given_twice,
    loose_warning,
    source_labels,
    source_name,
)
from reader.gui import heap
from reader.gui.align_child import STAGED_FROM
from reader.gui.appearance import SYSTEM, apply_appearance
from reader.gui.comparison_actions import ComparisonActions
from reader.gui.document_builder import add_highlights
from reader.gui.early import MAX_SOURCES, EarlyAlignment
from reader.gui.facts_controller import FactsController
from reader.gui.fix_actions import FixActions
from reader.gui.jobs import AlignJob, DiffsJob
from reader.gui.jumps import Jumps
from reader.gui.navigation import History, Place
from reader.gui.notes_controller import NotesController
from reader.gui.open_panes import OpenPanes
from reader.gui.pane_building import PaneBuilding
from reader.gui.scroll_sync import ScrollSync
from reader.gui.settings import ReaderSettings
from reader.gui.source_pane import SourcePane
from reader.gui.source_removal import Removal, RemoveSourceCommand
from reader.gui.source_watch import SourceWatch
from reader.gui.story import Story, build_story
from reader.gui.text_preview import preview_pane, show_previews
from reader.gui.theme import current_theme
from reader.gui.window_layout import build_actions, build_ui, legend_html, show_state

MAX_PANES = MAX_SOURCES
REFERENCE_BOX_CHARS = 24
"""Characters of a right-to-left name that "Compare against" shows: with its "[12] ", about
the 28 its width holds (``window_layout``); the whole label is its tooltip."""
SETTLE_RETRY_MS = 200
"""How often to look again whether a comparison that arrived is all on screen (``heap``)."""
NOTES_EARLY_MS = 50
"""Delay before the notes of the sources being aligned are opened (``_open_notes_early``,
~20 ms of the window's thread), after the previews went on screen: they are wanted only
once the alignment arrives, a second or more later. A zero timer's call was posted and
ran in the turn that painted the previews, which then took ~45 ms of the window's
thread (gui_open.py); a timer this long leaves that paint, and the reader's first
scrolls, a turn of their own."""


DETAIL_OPENS_FROM = 900
"""Window height (px) from which the "Passage in every source" dock opens by itself at the
first passage selected: on a 768-px laptop its ~150 px left the panes ~480 (review 11)."""


class MainWindow(QMainWindow, OpenPanes, PaneBuilding, ScrollSync, Jumps):
    """Parallax's main window."""

    comparisonShown = Signal()

    def __init__(self, settings: ReaderSettings | None = None) -> None:
        super().__init__()
        self.setWindowTitle("Parallax")
        self.setAcceptDrops(True)
        self.settings = settings or ReaderSettings()
        if self.settings.appearance != SYSTEM:  # View ▸ Appearance, as the reader left it
            apply_appearance(self.settings.appearance)
        self.theme = current_theme()
        self.comp: Comparison | None = None
        self._named: tuple[weakref.ref, tuple, tuple[list[str], list[str]]] | None = None
        """``_labels``, and the comparison and numbering they were made for."""
        self.story: Story | None = None
        self.paths: list[str] = []
        self.order: list[int] = []  # every source, in the order panes show them
        self.open_sources: list[int] = []  # sources shown as panes (a subset of order)
        self._used: dict[int, int] = {}  # source -> last time it was used (to close the oldest)
        self.pinned: set[str] = set()  # absolute paths of the panes the reader pinned open
        self.closed: set[str] = set()  # absolute paths of the panes the reader closed
        self.squeezed: list[str] = []  # paths of the panes closed for want of room
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
        self._notices: list[str] = []  # about the paths being opened (``_openable``)
        self.show_furniture = False
        self.job: AlignJob | None = None
        self._diffs_pending = False  # a large comparison shown before its word diffs
        self.removal: Removal | None = None  # a source being removed, undoable once aligned
        self.restoring: Removal | None = None  # a removal being undone
        self.detail_offered = False  # the passage dock opened by itself once already
        self.zoom = self.settings.zoom
        self._syncing = False
        self._realign = QTimer(self, singleShot=True, interval=60)
        self._realign.timeout.connect(self._resized)
        # A comparison arriving from a job is built and laid out a pane at a time, the
        # event loop running between (one zero timer, one step per turn: two timers could
        # both fire in one turn): the window never freezes.
        self._to_build: list[int] = []  # sources whose panes are still to be built
        self._built: list[SourcePane] = []  # built, not yet in the splitter
        self._leaving: list[SourcePane] = []  # on screen (inert) until the new ones replace them
        self._reusable: dict[int, SourcePane] = {}  # panes a rebuild keeps as they are
        self._previews: list = []  # (document, source) of text panes still to show (text_preview)
        self._read: list = []  # the documents being aligned, as read (_texts_loaded)
        self._to_highlight: list[SourcePane] = []  # panes waiting for their word diffs' marks
        self._listing_due = False  # the panes are marked a turn at a time, the list follows
        self._shown_key: tuple | None = None  # what the Differences dock and story map show
        self._quotes: dict[int, str] = {}  # ``_quote``: by difference, for the dock on screen
        self.diffs_job: DiffsJob | None = None  # word diffs against a new reference
        self._old_jobs: set = set()  # cancelled diffs jobs, waited for when the window closes
        self._build_timer = QTimer(self, singleShot=True, interval=0)
        self._build_timer.timeout.connect(self._build_next)
        self._differences_due = False  # a rebuild's panes are up, its lists not yet
        self._layout_steps = None  # a gradual lay_out under way (row_sync.lay_out_steps)
        self._layout_place: Place | None = None  # the place that lay_out restores
        self._laid_out_key: tuple | None = None  # documents and widths last laid out
        self._laying_out_key: tuple | None = None  # those of the gradual lay_out under way
        self._paint_held = False  # the panes' area keeps its last picture (_hold_paint)
        self._unflash = QTimer(self, singleShot=True, interval=900)
        self._unflash.timeout.connect(self._clear_flash)
        self.notes = NotesController(self)
        self.state = "reading"  # until show_state below: the docks start as built
        self.docks_shown: list = []
        build_ui(self)
        build_actions(self)
        self.comparisons = ComparisonActions(self)  # hook: .parallax files, checked places
        self.fixes = FixActions(self, self.comparisons)  # hook: manual alignment fixes
        self.source_watch = SourceWatch(self)  # hook: sources edited on disk, Reload
        self.comparisonShown.connect(self._focus_text)
        if self.settings.geometry is not None:
            self.restoreGeometry(self.settings.geometry)
        else:
            self.resize(1400, 900)
        show_state(self, "empty")
        self.facts = FactsController(self)  # hook (issue 9): fact marks, Facts mode, Quotes

    # -- construction -----------------------------------------------------------------------
    def open_paths(self, paths: list[str], wait: bool = False,
                   early: EarlyAlignment | None = None) -> None:
        """Load and align ``paths`` in the background (or now, with ``wait``); ``early``:
        a child forked at start-up to align them (``reader.gui.early``), adopted when it
        aligns exactly these paths against this reference, stopped otherwise."""
        paths, self._notices = self._openable([str(p) for p in paths])
        if self.comparisons.intercept(paths, wait):  # hook: a .parallax file opens alone
            if early is not None:
                early.discard()
            return
        self.cancel_job()
        _, reference = self.settings.arrangement(paths)
        if early is not None and (wait or not early.matches(paths, reference)):
            early.discard()
            early = None
        if wait:
            comp, docs, errors = load_and_compare(paths, reference=reference)
            self._loaded(comp, docs, errors)
            return
        self.job = AlignJob(paths, reference, early, waited=self.comp is None)
        heap.hold()  # until the comparison is on screen (_laid_out, _job_over)
        self.job.progressed.connect(self._progress)
        self.job.texts_loaded.connect(self._texts_loaded)
        self.job.finished_ok.connect(self._loaded)
        self.job.diffs_ready.connect(self._diffs_ready)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(self._cancelled)
        self.job.finished.connect(self._job_over)
        self.progress.setRange(0, 0)
        self.statusBar().showMessage(f"Aligning {counted(len(paths), 'source')}…")
        if self.comp is None:  # the whole window says so, with its own bar and Cancel
            show_state(self, "loading", f"Aligning {counted(len(paths), 'source')}…")
        else:  # the comparison on screen stays readable meanwhile
            self.progress.show()
            self.cancel_button.show()
        self.job.start()

    @staticmethod
    def _openable(paths: list[str]) -> tuple[list[str], list[str]]:
        """The paths a comparison can take (each file once, at most ``MAX_PANES``), and
        what to tell the reader about the rest once the comparison is shown (``_loaded``:
        the banner is filled then, and a message shown before it would be replaced)."""
        paths, repeated = distinct_files(paths)
        said = given_twice(repeated)
        notices = [f"{said[:1].upper()}{said[1:]}; it is open once."] if repeated else []
        if len(paths) > MAX_PANES:
            notices.append(f"Parallax compares up to {MAX_PANES} sources; "
                           f"the first {MAX_PANES} of {len(paths)} are open.")
        return paths[:MAX_PANES], notices

    def add_paths(self, paths: list[str]) -> None:
        """Add Sources and files dropped on the window: align them with the open ones,
        keeping the reader's place (a file already open stays once: ``_openable``)."""
        self.pending_place = self.pending_place or self.current_place()
        self.open_paths(self.paths + paths)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.state_progress.setRange(0, max(1, total))
        self.state_progress.setValue(done)

    def _texts_loaded(self, docs) -> None:
        """The sources are read: show their text while they are aligned (``text_preview``).

        Only with nothing else on screen: a comparison being re-aligned (a source
        added or removed) stays readable until its successor arrives.
        """
        if self.comp is not None or not docs:
            return
        paths = [d.path for d in docs]
        order_paths, ref_path = self.settings.arrangement(paths)
        order = [paths.index(p) for p in order_paths]
        reference = paths.index(ref_path) if ref_path else order[0]
        room = self.capacity_for(len(docs), docks=True)
        shown = [reference] + [s for s in order if s != reference][:room - 1]
        self._previews = [(docs[s], s) for s in order if s in shown]
        self._read = docs
        self.stack.setCurrentWidget(self.pane_area)
        self.progress.show()
        self.cancel_button.show()
        self._build_timer.start()

    def _next_preview(self) -> None:
        doc, source = self._previews.pop(0)
        self._leaving.append(preview_pane(doc, source, self.theme, self._font()))
        if not self._previews:  # the last one: all go on screen
            show_previews(self.splitter, [p for p in self._leaving if p.parent() is None])
            QTimer.singleShot(NOTES_EARLY_MS, self._open_notes_early)  # once painted

    def _open_notes_early(self) -> None:
        """The notes of the sources being aligned, read while they are (``open_early``)."""
        if self.comp is None and self.job is not None and self._read:
            self.notes.open_early(self._read)

    def _drop_leaving(self) -> None:
        for pane in self._leaving:
            pane.setParent(None)
            pane.deleteLater()
        self._leaving = []
        self._previews = []

    def text_shown(self) -> bool:
        """Whether the sources' text is on screen (aligned, or as read while aligning)."""
        return bool(self.panes) or (bool(self._leaving) and self.comp is None
                                    and not self._previews)

    def _failed(self, message: str) -> None:
        self.statusBar().showMessage(f"Alignment failed: {message}", 10000)
        if self.comp is None:
            self._drop_leaving()
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
                self._drop_leaving()
                show_state(self, "empty")
        self.progress.hide()
        self.cancel_button.hide()
        if self._diffs_pending and self.diffs_job is None:  # cancelled before the diffs came
            self._diffs_pending = False
            self.rebuild()

    def _job_over(self) -> None:
        """The job's thread has ended (QThread.finished): now it may be dropped."""
        if self.job is not None and self.job.isFinished():
            self.job = None
            self.progress.hide()
            self.cancel_button.hide()
            self._settle_heap()

    def _settle_heap(self) -> None:
        """The job is over: once what it brought is on screen, collect garbage as usual."""
        if self.job is not None:
            return  # a newer job holds it
        if self.busy():
            QTimer.singleShot(SETTLE_RETRY_MS, self._settle_heap)
        else:
            heap.settle()

    def _loaded(self, comp: Comparison | None, docs, errors: list[SourceError]) -> None:
        self.statusBar().clearMessage()  # "Aligning N sources…" is over
        messages = self._notices + [f"Could not open {e.path}: {e.reason}" for e in errors]
        if comp is None:
            if self.comp is None:
                self._drop_leaving()
                show_state(self, "failed", "\n".join(messages) or "Nothing to show.")
            else:
                self.show_banner("\n".join(messages) or "Nothing to show.")
            return
        if len(comp.documents) == 1:
            messages.append("Only one source is open: add another version (File ▸ Add Sources "
                            "or drop a file here) to compare.")
        self.comp = comp
        comp.accidentals = self.accidentals_action.isChecked()  # the window's, as it was
        self.resume_row = None  # rows of another comparison
        self.detail_offered = False
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
        self.comparisons.loaded(comp, errors)  # hook: a saved comparison's fixes, panes, place
        self.source_watch.watch(comp.documents)
        self._undoable_removal()
        self._fill_reference_box()
        self.rebuild(gradual=self.job is not None)  # from a job: the window stays live
        self.add_to_banner(alone_warning(comp.alone(), len(comp.documents), self.reference,
                                         self.tags()))
        self.add_to_banner(loose_warning(comp.loose(), len(comp.documents), self.tags()))
        self.add_to_banner(copies_warning(comp.copies(), len(comp.documents), self.tags()))

    def _undoable_removal(self) -> None:
        """After a removal (or its undo) is aligned: offer Undo, or reopen its panes.

        The notes' opening cleared the undo stack; the removal goes on it now,
        once its result is on screen, so Ctrl+Z always finds it.
        """
        removal, self.removal = self.removal, None
        restoring, self.restoring = self.restoring, None
        if removal is not None and removal.remaining() == self.paths:
            self.notes.undo_stack.push(RemoveSourceCommand(self, removal))
            self.statusBar().showMessage(f"Removed {removal.label}; Ctrl+Z (Edit ▸ Undo) brings "
                                         f"it back.", 10000)
        elif restoring is not None and sorted(restoring.paths) == sorted(self.paths):
            self.open_sources = [self.paths.index(p) for p in restoring.open]
            self.statusBar().showMessage(f"{restoring.label} is back.", 8000)

    def _diffs_arrived(self, caches) -> None:
        """A diffs job is done: take its diffs if they are for the comparison on screen."""
        if self.sender().comp is self.comp:
            self._diffs_ready(caches)

    def _diffs_ready(self, caches) -> None:
        """The word diffs of a large comparison arrived: highlight the panes, one per turn."""
        if self.comp is None or not self._diffs_pending:
            return
        self.comp.absorb(caches)
        if not self.comp.has_diffs(self.reference):  # for a reference since left
            return
        self._diffs_pending = False
        if self._to_build or self._built:  # the panes still to come are built highlighted
            self._to_highlight = list(self._built)
            return  # and _finish_rebuild shows the differences
        self._to_highlight = list(self.panes)
        if self.heavy(self.open_sources):
            self._listing_due = True
            self._build_timer.start()
            return
        while self._to_highlight:
            self._highlight_next()
        self._list_highlighted()

    def _highlight_next(self) -> None:
        """Mark one pane's differences."""
        pane = self._to_highlight.pop(0)
        add_highlights(self.comp, pane.view.content, self.reference, self.theme, self._font())
        pane.made = self._made_for()
        pane.view.viewport().update()

    def _list_highlighted(self) -> None:
        """The panes on screen are marked: list their differences. Marked a turn at a
        time, in a turn of its own (``_build_next``): with the last pane's marks and their
        paint, the turn took ~50 ms of the window's thread (gui_open.py, 20 x 100)."""
        self._listing_due = False
        if self._to_highlight or self._to_build or self._built or self._differences_due:
            return  # a rebuild's panes: ``_finish_rebuild`` lists them
        self._show_differences()
        self.statusBar().clearMessage()
        self.comparisonShown.emit()

    def _focus_text(self) -> None:
        """Put the keyboard in the reference's text when it is nowhere of use: nowhere yet,
        or in the story map, the first widget the window gave it, where PageDown and the
        arrows scrolled nothing a student was reading."""
        if self.focusWidget() not in (None, self.story_map):
            return
        pane = self.pane_of(self.reference) or (self.panes[0] if self.panes else None)
        if pane is not None:
            pane.view.setFocus()

    def _start_diffs(self) -> None:
        """Word diffs against the new reference of a large comparison, in a child process
        (``DiffsJob``): the panes show plain text until they arrive."""
        self._stop_diffs()
        self._diffs_pending = True
        self.diffs_job = job = DiffsJob(self.comp, self.reference)
        job.diffs_ready.connect(self._diffs_arrived)  # a method: never after the window
        self.diffs_job.failed.connect(self._diffs_failed)
        self.diffs_job.finished.connect(self._forget_jobs)
        self.diffs_job.start()

    def _stop_diffs(self) -> None:
        if self.diffs_job is not None:
            self.diffs_job.cancel()
            self._old_jobs.add(self.diffs_job)
            self.diffs_job = None

    def _forget_jobs(self) -> None:
        """A job's thread has ended: it may be dropped now (not while it runs)."""
        if self.diffs_job is not None and self.diffs_job.isFinished():
            self.diffs_job = None
        self._old_jobs = {j for j in self._old_jobs if not j.isFinished()}

    def _diffs_failed(self, message: str) -> None:
        """No child process for the diffs: compute them here (the window waits)."""
        if self.sender() is not self.diffs_job:  # a job for a comparison since left
            return
        self.statusBar().showMessage(f"Word differences found here ({message})", 8000)
        self._diffs_pending = False
        self.rebuild()

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def add_to_banner(self, text: str) -> None:
        """Say ``text`` below what the banner says (news that comes after the comparison's
        own messages, such as where its notes went once they are placed)."""
        shown = "" if self.banner.isHidden() else self.banner.text()
        self.show_banner("\n".join(t for t in (shown, text) if t))

    # -- names and differences --------------------------------------------------------------
    def tags(self) -> list[str]:
        """``[n]`` of every source as people know it (``Story.tag``: saved numbers kept)."""
        return [self.story.tag(s) for s in range(len(self.comp.documents))]

    def label(self, source: int) -> str:
        """A source's one-line name with its number (``reader.core.sources``), told apart
        from those that would read alike."""
        return self._labels()[0][source]

    def _labels(self) -> tuple[list[str], list[str]]:
        """Every source's label and what tells it apart (``distinctions``), made once per
        comparison and numbering: each label compares every source's."""
        numbers = tuple(self.story.numbers)
        if self._named is None or self._named[0]() is not self.comp or \
                self._named[1] != numbers:
            documents = self.comp.documents
            told = distinctions(documents)
            self._named = weakref.ref(self.comp), numbers, (
                source_labels(documents, numbers, told=told), told)
        return self._named[2]

    def _fill_reference_box(self) -> None:
        self.reference_box.clear()
        told = self._labels()[1]
        for s in self.order:  # as the pane headers name them; the whole label on hover
            # a right-to-left name cut at a word here, not by Qt: Qt cuts at the right,
            # which is where such a name starts
            name = source_name(self.comp.documents[s], told[s])
            if isolated_parts(name) != name:
                name = isolated_parts(cut_at_word(name, REFERENCE_BOX_CHARS))
            self.reference_box.addItem(f"{self.story.tag(s)} {name}", s)
            self.reference_box.setItemData(self.reference_box.count() - 1,
                                           plain_tooltip(self.label(s)),
                                           Qt.ItemDataRole.ToolTipRole)
        self.reference_box.setCurrentIndex(self.order.index(self.reference))

    def story_of(self, comp: Comparison, numbers: list[int] | None) -> Story:
        """``build_story``, or the one the alignment job built for this very comparison."""
        job = self.job
        built = job.story if isinstance(job, AlignJob) and job.comp is comp else None
        if built is None:
            return build_story(comp, numbers)
        return replace(built, numbers=list(numbers) if numbers else list(range(built.sources)))

    def _show_differences(self) -> None:
        """Fill the Differences dock, the story map and the counts (the dock and the map
        only when what they show changed: a zoom or another pane leaves them as they are)."""
        diffs = self.comp.differences(self.reference)
        if diffs is not self.diffs:  # a new reference or comparison: start over
            self.current = -1
            self.changes_here, self.change = (), None
        self.diffs = diffs
        key = (id(self.comp), id(self.story), id(diffs), self.reference, tuple(self.tags()))
        if key != self._shown_key:
            self._shown_key = key
            self._quotes = {}
            self.diff_panel.set_differences(self.diffs, [d.name for d in self.comp.documents],
                                            self._quote, self.tags())
            self.story_map.set_story(self.story, self.comp, self.diffs, self.reference)
        # In a turn of its own: a passage of 20 sources, diffed against a new reference,
        # took up to ~55 ms, on top of the dock and the map. Its order too (the key leaves
        # it out).
        QTimer.singleShot(0, self._refresh_detail)
        self._update_counts()
        self.facts.refresh()

    def _quote(self, index: int) -> str:
        """What difference ``index`` changes in a line, found when an entry first quotes it
        (an entry quotes its leading source, which the facts may change)."""
        if index not in self._quotes:
            self._quotes[index] = snippet(self.comp, self.diffs[index], self.reference,
                                          self.diff_panel.leads)
        return self._quotes[index]

    def new_leads(self, leads: FactLeads) -> None:
        """The fact changes arrived: the dock's entries lead with them and quote them."""
        self._quotes = {}
        self.diff_panel.set_facts(leads)

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
                self.reveal = None  # and the panes follow the lead again
            if pane is not None:
                self.active_source = pane.index
                self._use(pane.index)
                if kind != QEvent.Type.FocusIn:  # focus alone (a new pane) does not lead
                    self._set_lead(pane.index)
        return False

    # -- selection and navigation -----------------------------------------------------------
    def select_row(self, row: int, source: int | None = None,
                   passage: int | None = None) -> None:
        """Select the passage of ``row`` that ``source`` reads (or ``passage`` itself)."""
        self.selected_row = row
        if source is not None:
            self.active_source = source
        # Counterparts that sit in other rows (moved content) are outlined too.
        elsewhere: dict[int, set[int]] = {}
        for s, paras in enumerate(self.comp.rows[row]):
            for p in paras:
                for other in self.comp.moved((s, p)):
                    elsewhere.setdefault(other[0], set()).add(other[1])
        passage = self._passage(row, source) if passage is None else passage
        passages = {passage}  # never the row's unrelated passages
        for pane in self.panes:
            pane.view.selected = passages
            pane.view.linked_elsewhere = elsewhere.get(pane.index, set())
            pane.view.viewport().update()
        if not self.detail_offered:  # once per comparison: closed, it stays closed
            self.detail_offered = True
            if self.height() >= DETAIL_OPENS_FROM:
                self.detail_dock.show()
            else:
                self.statusBar().showMessage("View ▸ Passage in every source shows this "
                                             "passage in every source, one under another", 6000)
        self._show_detail(passage)

    def _show_detail(self, passage: int) -> None:
        """The "Passage in every source" dock: ``passage`` against the reference."""
        self.detail.show_passage(self.comp, self.story, passage, self.reference, self.order,
                                 self.theme, self.fixes.badges)

    def _refresh_detail(self) -> None:
        """After a rebuild, the passage dock shows its passage as the panes do (drawn against
        the reference and in the order of its time, it went stale when they changed); a
        passage of a story since replaced (a new comparison, a fix) is cleared."""
        if self.comp is None:
            return
        if self.detail.story is self.story and self.detail.passage is not None:
            self._show_detail(self.detail.passage)
        else:
            self.detail.clear_passage()

    def _row_clicked(self, source: int, row: int, para: int | None) -> None:
        """A click in a pane: the passage of the paragraph clicked (a row may hold several)."""
        self.select_row(row, source, self.story.of_ref.get((source, para)))

    def set_accidentals(self, on: bool) -> None:
        """Count a change of punctuation, case or paragraphing alone as a difference (an editor's
        accidentals), or not (``Comparison.accidentals``): the panes, the list, F7 and
        exports follow."""
        self.accidentals_action.setChecked(on)
        if self.comp is None or self.comp.accidentals == on:
            return
        self.pending_place = self.pending_place or self.current_place()
        self.comp.accidentals = on
        self.rebuild()

    def set_show_furniture(self, on: bool) -> None:
        self.show_furniture = on
        self.furniture_action.setChecked(on)
        self.pending_place = self.pending_place or self.current_place()
        self.rebuild()

    def _update_counts(self) -> None:
        if self.comp is None:
            self.counts.setText("")
            return
        self.counts.setText(f"{self._differences_summary()} · "
                            f"reference {self.story.tag(self.reference)} · "
                            f"{counted(len(self.comp.documents), 'source')}, "
                            f"{len(self.open_sources)} open")
        self._update_actions()

    def _differences_summary(self) -> str:
        """"place 2 of 5, [3] · 9 differences (4 added, 5 changed)", or why there are none
        (an empty list with "0 differences ()" left the reader guessing)."""
        if not self.diffs:
            if self._diffs_pending:
                return "Finding word differences…"
            if len(self.comp.documents) < 2:
                return "One source: nothing to compare yet"
            left_out = only_accidentals(self.comp, self.reference)
            return f"{left_out} (View ▸ Count Punctuation and Paragraphs)" if left_out \
                else "No differences: these versions match"
        kinds = Counter(d.kind for d in self.diffs)
        parts = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        places = self.diff_panel.places
        at = next((n for n, (_row, indices) in enumerate(places, 1)
                   if self.current in indices), None)  # numbered as the dock and the CLI
        where = counted(len(places), "place") if at is None else \
            f"place {at} of {len(places)}, {self.story.tag(self.diffs[self.current].source)}"
        if at is not None and self.change is not None:
            where += f", change {self.change + 1} of {len(self.changes_here)}"
        return f"{where} · {counted(len(self.diffs), 'difference')} ({parts})"

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
        self.keep_f7_here()
        self.reference = source
        if source not in self.open_sources:
            self.open_sources = [source] + self.open_sources[:max(0, self.pane_capacity() - 1)]
        self._save_arrangement()
        self._fill_reference_box()
        if not self.comp.has_diffs(source) and \
                sum(len(d.paragraphs) for d in self.comp.documents) >= STAGED_FROM:
            self._start_diffs()
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

    def order_sources(self, how: str) -> None:
        """Panes by publication date (undated ones after, as given) or as given; place kept."""
        if self.comp is None:
            return
        given = list(range(len(self.comp.documents)))
        order, undated = date_order(self.comp.documents) if how == "date" else (given, [])
        if undated:
            self.statusBar().showMessage(f"No publication date for "
                                         f"{', '.join(self.story.tag(s) for s in undated)}: "
                                         f"kept in the given order after the dated sources", 8000)
        if order != self.order:
            self.order = order
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
        """Drop a source from the comparison and align the rest again (Edit ▸ Undo puts
        it back: ``source_removal``)."""
        remaining = [self.paths[s] for s in self.order if s != source]
        if not remaining or not self.notes.confirm_remove(source):
            return
        place = self.pending_place or self.current_place()
        self.removal = Removal.of(self, source)
        self.pending_place = None if place is None or place.path == self.paths[source] else place
        self.open_paths(remaining)

    def restore_removed(self, removal: Removal) -> None:
        """Undo of a removal: the source comes back with its pane, links, fixes and checks."""
        self.pending_place = self.pending_place or self.current_place()
        self.restoring = removal
        self.settings.save_arrangement(removal.paths, removal.order, removal.reference)
        self.comparisons.restore_from = removal.session
        self.open_paths(removal.paths)

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
            self.add_paths(paths)

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.comparisons.may_close():  # hook: unsaved fixes or checks
            event.ignore()
            return
        self.cancel_job()
        heap.settle()
        self._stop_diffs()
        self.facts.stop()
        for job in self._old_jobs:
            job.wait()
        self.settings.geometry = self.saveGeometry()
        super().closeEvent(event)
