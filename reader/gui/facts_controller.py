"""The reader's fact changes: computed in a worker, marked in the panes, listed, stepped.

``FactsController`` is the window's one entry for issue 9's reading side.
The window calls it in three places only: it is created after the menus
(``FactsController(window)`` adds its actions, docks and list itself),
``refresh()`` runs whenever the panes show new differences, ``step()``
gets first say on F7 / Shift+F7, and ``stop()`` runs as the window closes.

Fact changes against the reference (``comparison_fact_changes``) and the
quotations (``track_quotes``) take ~0.5 s on the four seeds: a ``FactsJob``
computes them in a child process while the window stays responsive (a
thread would share the interpreter lock: the window's own relayout took
twice as long beside it); the marks appear when they arrive, and stay with
the comparison and reference they belong to.
"""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
)

from reader.core.annotations.render import plain_tooltip
from reader.core.bidi import ltr_lines
from reader.core.change_items import alike, fact_item
from reader.core.comparison import Comparison
from reader.core.diff.facts import reads_english
from reader.core.diff.story_facts import PlacedFactChange, TrackedQuote, fact_leads
from reader.core.snippets import context_around, number_runs
from reader.gui.align_child import facts_child
from reader.gui.document_builder import GRADUAL_FROM, PaneContent
from reader.gui.fact_marks import FactMark, facts_legend_html, mark_pane
from reader.gui.facts_mode import Faded, fade, unfade
from reader.gui.jobs import ChildJob
from reader.gui.quotes_dock import QuotesPanel
from reader.gui.transfer import comparison_pieces
from reader.gui.window_layout import add_dock

QWIDGETSIZE_MAX = 16777215
"""Qt's "no maximum" for a widget's size."""
CONTEXT_CHARS = 40
"""Characters of the paragraph shown either side of a fact change in its list entry."""
FACT_ROWS = 8
"""Fact change entries shown at most without scrolling; the differences list gets the rest."""
START_AFTER_MS = 100
"""How long a facts job waits before it starts its child and sends it the comparison
(``FactsJob.run``). It is started in the window's turn that lists the differences, and
its threads pickled the comparison (~7 MB for 20 x 100) meanwhile, sharing the window's
interpreter lock: that turn and the paint after it took 60-76 ms instead of ~40
(gui_open.py --late). The fact marks come that much later, after a second or so."""

class FactsJob(ChildJob):
    """Fact changes against one reference and the quotes of one comparison, in a child
    process (``align_child.facts_child``) as alignment is: the window keeps its interpreter
    to itself, and a job made stale by a new reference is stopped at once. Both ways the
    data travels in pieces (``transfer``)."""

    ready = Signal(object, int, object, object)  # comparison, reference, changes, quotes
    what = "facts"

    def __init__(self, comp: Comparison, reference: int) -> None:
        super().__init__()
        self.comp, self.reference = comp, reference
        self.changes: list = []

    def child_args(self) -> tuple:
        return facts_child, self.reference

    def run(self) -> None:
        self.msleep(START_AFTER_MS)  # the window's turn and its paint first
        if not self._stop:  # a newer reference or comparison: nothing to do
            super().run()

    def outgoing(self):
        return comparison_pieces(self.comp)

    def handle(self, kind: str, payload) -> bool:
        if kind == "facts":
            self.changes.extend(payload)
            return False
        self.ready.emit(self.comp, self.reference, self.changes, payload)  # the quotes
        return True


def _context(comp: Comparison, p: PlacedFactChange, tags: list[str]) -> str:
    """A few words around the change, on the side that has it, named ("[1]: …had not
    ruled out…"): a dropped fact is quoted from the reference, and under "[4] negation
    dropped" the reference's words unnamed read as [4]'s."""
    ref, span = (p.other, p.change.b_span) if p.change.b_span else (p.reference,
                                                                    p.change.a_span)
    words = context_around(comp.compared(ref), span[0], span[1], CONTEXT_CHARS)  # no "**"
    return f"{tags[ref[0]]}: {words}"


class FactsController(QObject):
    """Fact marks, Facts mode, the fact list, fact stepping and the Quotes dock."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.placed: list[PlacedFactChange] = []
        self.quotes: list[TrackedQuote] = []
        self.key: tuple[Comparison, int] | None = None  # what the results are for
        self.current = -1  # index into placed of the last fact change jumped to
        self.after_row: int | None = None  # or the row the reader went to since (follow_row)
        self.entries: list[list[int]] = []  # the fact list's entries: indices into placed
        self.job: FactsJob | None = None
        self.marks: dict[int, list[FactMark]] = {}  # by source, for the panes shown now
        self._faded: list[tuple[PaneContent, Faded]] = []  # panes Facts mode has faded
        self._to_switch: list = []  # panes still to fade or unfade (set_mode)
        self._to_mark: list = []  # panes still to mark (_mark_panes)
        self._relayout_after = False
        self._english: tuple[weakref.ref, list[bool]] | None = None  # ``_in_english``
        self._build()

    # -- construction -----------------------------------------------------------------------
    def _build(self) -> None:
        w = self.window
        self.mode_action = QAction("&Facts Mode", w, checkable=True)
        self.mode_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.mode_action.setIconText("Facts")
        self.mode_action.setToolTip("Facts mode (Ctrl+Shift+F): reworded words fade; fact "
                                    "changes, additions and omissions stand out")
        self.mode_action.toggled.connect(self.set_mode)
        self.only_action = QAction("Step Through Fact Changes &Only", w, checkable=True)
        self.only_action.setIconText("Facts only")
        self.only_action.setToolTip("F7 / Shift+F7 go to the next / previous fact change only")
        self.only_action.toggled.connect(self._scope_changed)
        self.next_action = QAction("Next &Fact Change", w)
        self.next_action.setShortcut(QKeySequence("Ctrl+F7"))
        self.next_action.triggered.connect(lambda: self.step_facts(1))
        self.prev_action = QAction("Previous Fact C&hange", w)
        self.prev_action.setShortcut(QKeySequence("Ctrl+Shift+F7"))
        self.prev_action.triggered.connect(lambda: self.step_facts(-1))
        actions = (self.mode_action, self.only_action, self.next_action, self.prev_action)
        for action in actions:
            w.addAction(action)
        w.needs_comparison += list(actions)
        menus = {a.text().replace("&", ""): a.menu() for a in w.menuBar().actions()}
        menus["View"].insertAction(w.furniture_action, self.mode_action)
        go = menus["Go"]
        first = go.actions()[0] if go.actions() else None
        go.insertActions(first, [self.next_action, self.prev_action, self.only_action])
        go.insertSeparator(first)
        w.toolbar.insertAction(w.sync_action, self.mode_action)

        panel = w.diff_panel
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Fact changes against the reference, in story order")
        # two lines an entry (label, context), elided: uniform sizes keep 300+ entries cheap
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemClicked.connect(self._activated)
        self.list.itemActivated.connect(self._activated)
        only = QToolButton()
        only.setDefaultAction(self.only_action)
        panel.layout().itemAt(0).layout().addWidget(only)
        panel.layout().insertWidget(1, self.header)
        panel.layout().insertWidget(2, self.list, 1)
        panel.source.currentIndexChanged.connect(self._fill_list)

        self.quotes_panel = QuotesPanel()
        self.quotes_panel.jumpRequested.connect(self.show_span)
        self.dock = add_dock(w, "Quotes", "quotes", self.quotes_panel, tab_with=w.notes_dock)
        self.dock.visibilityChanged.connect(self.quotes_panel.shown)  # it fills itself then
        self.dock.hide()  # until there are quotes to show (no empty box on the first screen)
        self._dock_offered = False
        menus["View"].addAction(self.dock.toggleViewAction())
        w._update_actions()  # ours too: nothing to do before a comparison is open

    def wait(self) -> None:
        """Block until the facts being computed are in (``--screenshot``: a still picture)."""
        if self.job is not None:
            self.job.wait()
            QCoreApplication.sendPostedEvents(self)  # deliver ``ready`` now

    def stop(self) -> None:
        """The window closes: stop computing facts nobody will see (the child at once)."""
        if self.job is not None:
            self.job.cancel()

    # -- results ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """The panes show (new) differences: mark them, computing the facts first if needed."""
        w = self.window
        if "fact-mark" not in w.legend.text():  # once per legend (a new theme rebuilds it)
            w.legend.setText(facts_legend_html(w.theme.dark) + w.legend.text())
        if self._current_results():
            self._lead_with_facts()
            self._mark_panes()
            return
        self.placed, self.quotes, self.current, self.key = [], [], -1, None
        self.marks, self._faded = {}, []
        self.header.setText("Finding fact changes…")
        self._fill_list()  # empty: nothing to list or step through until they arrive
        self._fit_list()
        self.quotes_panel.clear()
        if self.job is not None:
            self.job.cancel()  # computing for another comparison or reference
        self._start()

    def _start(self) -> None:
        w = self.window
        self.job = FactsJob(w.comp, w.reference)
        self.job.ready.connect(self._ready)
        self.job.failed.connect(self._failed)  # a method: gone with the window, not called
        self.job.start()

    def _failed(self, message: str) -> None:
        """Say why the fact changes are missing, if the job that failed is still ours (the
        job can outlive its window: a bound slot is disconnected with the controller, a
        lambda would reach for a deleted label)."""
        if self.sender() is self.job:
            self.header.setText(f"Fact changes could not be found: {message}")

    def _ready(self, comp: Comparison, reference: int, placed, quotes) -> None:
        w = self.window
        if comp is not w.comp or reference != w.reference:  # stale (a newer job is on its way)
            return
        self.placed, self.quotes, self.key = placed, quotes, (comp, reference)
        self._fill_list()
        self._lead_with_facts()
        # quotes, then marks: each in a turn of its own (no long freeze), never after the
        # window has gone
        QTimer.singleShot(0, self, lambda: self._quotes_arrived())
        if not self._dock_offered:  # once: after that, the reader decides
            self._dock_offered = True
            self.dock.show()
            w.diff_dock.raise_()

    def _lead_with_facts(self) -> None:
        """The Differences dock's places lead with the sources changing a fact there, and
        quote that change."""
        w = self.window
        english = self._in_english()
        foreign = frozenset(s for s, own in enumerate(english) if own != english[w.reference])
        leads = fact_leads(w.comp, w.reference, self.placed, foreign)
        if leads != w.diff_panel.leads:
            w.new_leads(leads)

    def _quotes_arrived(self) -> None:
        if self._current_results():
            self.quotes_panel.set_quotes(self.key[0], self.quotes, self.window.tags())
            QTimer.singleShot(0, self, lambda: self._marks_arrived())

    def _marks_arrived(self) -> None:
        if self._current_results():
            self._mark_panes(relayout=True)

    def _current_results(self) -> bool:
        w = self.window
        return self.key is not None and self.key[0] is w.comp and self.key[1] == w.reference

    def _fading(self, content: PaneContent) -> Faded | None:
        return next((f for c, f in self._faded if c is content), None)

    def _mark_panes(self, relayout: bool = False) -> None:
        """Mark the fact changes in every pane (long panes: one per turn of the event
        loop), then lay the panes out again if ``relayout``: bold marks may rewrap lines."""
        w = self.window
        shown = [p.view.content for p in w.panes]
        self._faded = [(c, f) for c, f in self._faded if any(c is s for s in shown)]
        self.marks = {}
        self._to_mark, self._relayout_after = list(w.panes), relayout
        if w.heavy(w.open_sources):
            self._mark_next()
            return
        while self._to_mark:
            self._mark_one()

    def _mark_next(self) -> None:
        self._mark_one()
        if self._to_mark:
            QTimer.singleShot(0, self, self._mark_next)

    def _mark_one(self) -> None:
        """Mark the next pane still to mark. A turn queued by an earlier ``_mark_panes``
        may find the list emptied by a later one (the facts came back while the panes
        were being marked): nothing left to do then."""
        if not self._to_mark:
            return
        pane = self._to_mark.pop(0)
        w = self.window
        if shiboken6.isValid(pane) and pane in w.panes and self._current_results():
            content = pane.view.content
            self.marks[pane.index] = mark_pane(content, self.placed, w.reference, w.theme,
                                               w.tags(), w.comp.text)
            if self.mode_action.isChecked() and self._fading(content) is None \
                    and self._fades(pane.index):
                self._faded.append((content, fade(content, w.theme)))
            pane.view.viewport().update()
        if not self._to_mark and self._relayout_after:
            w.relayout(gradual=w.heavy(w.open_sources))

    # -- Facts mode -------------------------------------------------------------------------
    def set_mode(self, on: bool) -> None:
        """Fade rewording (on) or bring it back (off): formats only, the layout stays.

        Long panes go one per turn of the event loop (``GRADUAL_FROM``): 20 of them at
        once froze the window."""
        self._to_switch = list(self.window.panes)
        if sum(len(p.view.content.block_para) for p in self._to_switch) < GRADUAL_FROM:
            while self._to_switch:
                self._switch_one()
        else:
            self._switch_next()
        self.window.statusBar().showMessage(self._mode_message() if on else "", 5000)

    def _mode_message(self) -> str:
        w = self.window
        others = [s for s in w.open_sources if not self._fades(s)]
        if not others:
            return ("Facts mode: fact changes, additions and omissions stand out; rewording "
                    "fades.")
        tags = " ".join(w.story.tag(s) for s in others)  # short: the counts share the bar
        return f"Facts mode: rewording fades, but not in {tags}: not English (only numbers " \
               "and quotes read)"

    def _fades(self, source: int) -> bool:
        """Whether Facts mode fades the rewording of ``source``'s pane: not where it or the
        reference is in another language than English, whose name, date, attribution and
        negation changes are not found (``facts.reads_english``) and would fade unseen."""
        english = self._in_english()
        return english[source] and english[self.window.reference]

    def _in_english(self) -> list[bool]:
        comp = self.window.comp
        if self._english is None or self._english[0]() is not comp:
            self._english = weakref.ref(comp), [
                reads_english(p.text for p in doc.paragraphs if not p.boilerplate)
                for doc in comp.documents]
        return self._english[1]

    def _switch_next(self) -> None:
        self._switch_one()
        if self._to_switch:
            QTimer.singleShot(0, self, self._switch_next)

    def _switch_one(self) -> None:
        """Facts mode on or off in the next pane still to switch."""
        panes = [p for p in self._to_switch if shiboken6.isValid(p) and p in self.window.panes]
        if not panes:
            self._to_switch = []
            return
        pane, self._to_switch = panes[0], panes[1:]
        content = pane.view.content
        faded = self._fading(content)
        if self.mode_action.isChecked() and faded is None and self._fades(pane.index):
            self._faded.append((content, fade(content, self.window.theme)))
        elif not self.mode_action.isChecked() and faded is not None:
            unfade(content, faded)  # may undo marks laid over faded words: mark again
            self._faded = [(c, f) for c, f in self._faded if c is not content]
            mark_pane(content, self.placed, self.window.reference, self.window.theme,
                      self.window.tags(), self.window.comp.text)
        pane.view.viewport().update()

    def switching(self) -> bool:
        """Whether Facts mode or the fact marks are still being applied pane by pane."""
        return bool(self._to_switch or self._to_mark)

    # -- the fact list and stepping ---------------------------------------------------------
    def _wanted(self, p: PlacedFactChange) -> bool:
        source = self.window.diff_panel.source.currentData()
        return source is None or p.source == source

    def _group(self) -> list[list[int]]:
        """The fact changes the source filter leaves, those saying the same of one place
        together as the exports list them (``alike``): one entry a place and change, not
        one a source (a change nine of twelve sources share was nine entries)."""
        comp = self.window.comp
        shown = [i for i, p in enumerate(self.placed) if self._wanted(p)]
        every_row = range(len(comp.rows))
        items = [fact_item(comp, self.placed[i], every_row) for i in shown]
        return [[shown[k] for k in group] for group in alike(items)]

    def _label(self, entry: list[int]) -> str:
        """An entry's sources as people number them, then its change: "[2]–[4] number:
        12 → 14"."""
        numbers = self.window.story.numbers
        sources = number_runs([numbers[self.placed[i].source] + 1 for i in entry])
        return f"{sources} {self.placed[entry[0]].label}"

    def _fill_list(self) -> None:
        self.list.clear()
        comp = self.window.comp
        if comp is None or self.key is None:
            self.entries = []
            return
        self.entries = self._group()
        self.header.setText(self._count())
        for n, entry in enumerate(self.entries, 1):
            label = self._label(entry)
            context = _context(comp, self.placed[entry[0]], self.window.tags())
            names = "\n".join(self.window.label(s)  # "[5] file — title": copies told apart
                              for s in dict.fromkeys(self.placed[i].source for i in entry))
            item = QListWidgetItem(ltr_lines(f"{n}. {label}\n{context}"))
            item.setToolTip(plain_tooltip(f"{label}\n{names}\n{context}"))
            self.list.addItem(item)
        self._fit_list()

    def _count(self) -> str:
        """The list's header: its entries, and the changes source by source where sources
        share one ("12, 30 counted source by source")."""
        count, changes = len(self.entries), sum(map(len, self.entries))
        both = f"{count}, {changes} counted source by source" if changes != count else str(count)
        reference = self.window.tags()[self.window.reference]
        return f"<b>Fact changes</b> against {reference}: {both} (Ctrl+F7 steps through them)"

    def _fit_list(self) -> None:
        """As high as its entries, up to ``FACT_ROWS`` beside the differences, the whole
        dock with "facts only"; gone when empty. An empty fact list held half the dock and
        squeezed the differences under it; capped alone, it left the dock a gap."""
        count = self.list.count()
        self.list.setVisible(count > 0)
        if self.only_action.isChecked():
            self.list.setMaximumHeight(QWIDGETSIZE_MAX)
        elif count:
            rows = min(count, FACT_ROWS) * self.list.sizeHintForRow(0)
            self.list.setMaximumHeight(rows + 2 * self.list.frameWidth() + 2)

    def _scope_changed(self, only: bool) -> None:
        """Facts only: F7 steps fact changes, and the passages list steps aside for them."""
        self.window.diff_panel.list.setVisible(not only)
        self._fit_list()

    def step(self, delta: int) -> bool:
        """F7 / Shift+F7 with "facts only" on: step fact changes (True: handled here)."""
        if not self.only_action.isChecked():
            return False
        self.step_facts(delta)
        return True

    def step_facts(self, delta: int) -> None:
        """The next (+1) or previous (-1) entry of the fact list, from the one holding the
        change last jumped to, else from that change's place in story order."""
        entries = self.entries
        if not entries:
            self.window.statusBar().showMessage(
                "No fact changes here." if self.key else "Still finding fact changes…", 4000)
            return
        here = next((n for n, entry in enumerate(entries) if self.current in entry), None)
        if self.after_row is not None:  # from the place the reader went to since
            rows = [self.placed[entry[0]].row for entry in entries]
            after = self.after_row
            n = next((n for n, row in enumerate(rows) if row > after), len(rows) - 1) \
                if delta > 0 else next((n for n in range(len(rows) - 1, -1, -1)
                                        if rows[n] < after), 0)
        elif here is not None:
            n = max(0, min(len(entries) - 1, here + delta))
        elif delta > 0:
            n = next((n for n, entry in enumerate(entries) if entry[0] > self.current), 0)
        else:
            n = next((n for n in range(len(entries) - 1, -1, -1)
                      if entries[n][0] < self.current), len(entries) - 1)
        self.go_to_entry(n)

    def go_to_entry(self, n: int) -> None:
        """Jump to entry ``n`` of the fact list, in a source making the change whose pane is
        open (else the first): its side when it has one, else the reference's."""
        entry = self.entries[n]
        self.after_row = None
        self.current = next((i for i in entry
                             if self.window.pane_of(self.placed[i].source) is not None), entry[0])
        p = self.placed[self.current]
        if p.change.b_span is not None:
            self.show_span(p.other[0], p.other[1], *p.change.b_span)
        else:
            self.show_span(p.reference[0], p.reference[1], *p.change.a_span)
        self._select_span(p.reference, p.change.a_span)
        self._select_span(p.other, p.change.b_span)
        self.list.setCurrentRow(n)
        self.list.scrollToItem(self.list.item(n))
        self.window.statusBar().showMessage(
            f"Fact change {n + 1} of {len(self.entries)}: {self._label(entry)}", 8000)
        self.window.follow_fact(p.row, p.other[0])

    def follow_row(self, row: int) -> None:
        """The reader went to engine row ``row`` by other means (F7, the places list): the
        fact list's current entry is that row's, or none, and Ctrl+F7 steps on from there.
        Each list had kept its own current entry, and the window showed two places as
        current at once (review 11)."""
        if not self.entries:
            return
        n = next((n for n, entry in enumerate(self.entries)
                  if self.placed[entry[0]].row == row), None)
        if n is None:
            self.list.setCurrentRow(-1)
            self.after_row = row
        else:
            self.list.setCurrentRow(n)
            self.list.scrollToItem(self.list.item(n))
            self.current, self.after_row = self.entries[n][0], None

    def _activated(self, item: QListWidgetItem) -> None:
        self.go_to_entry(self.list.row(item))

    def show_span(self, source: int, para: int, start: int, end: int) -> None:
        """Bring a paragraph's span into view in its source's pane and select it there."""
        w = self.window
        ref = (source, para)
        if w.comp is None or ref not in w.story.of_ref:
            return
        w.jump_to(source, w.story.of_ref[ref], w.comp.row_of[ref])
        self._select_span(ref, (start, end))

    def _select_span(self, ref, span) -> None:
        pane = self.window.pane_of(ref[0])
        if pane is None or span is None or not pane.view.content.has_para(ref[1]):
            return
        block = pane.view.document().findBlockByNumber(pane.view.content.para_block(ref[1]))
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + span[0])
        cursor.setPosition(block.position() + min(span[1], block.length() - 1),
                           QTextCursor.MoveMode.KeepAnchor)
        pane.view.setTextCursor(cursor)
