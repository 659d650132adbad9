"""Going places in the story: differences (F7), counterparts (⇅), markers, Back/Forward.

Every jump opens the pane it needs if that source is hidden, lets that pane
lead, brings the passage to the sync line (a pane that holds the linked
text elsewhere shows that text's top: ``Reveal``), selects and frames that
passage only (never the unrelated passages of the same engine row), and remembers
where the reader was for Alt+←. A mixin of ``MainWindow``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextCursor

from reader.core.changes import Change, changes_of
from reader.gui.navigation import Place
from reader.gui.story import Story


@dataclass(frozen=True)
class Reveal:
    """After a jump: in each pane that holds the passage's content elsewhere (moved, or in
    another row), the passage holding it. ``ScrollSync`` keeps its top in view until the
    reader scrolls, so no pane shows the matched text with its top cut off."""

    story: Story  # the passages' numbering these refer to
    passage: int
    elsewhere: dict[int, int]  # source -> passage of the linked text


class Jumps:
    """Navigation between places (uses the window's state)."""

    reveal: Reveal | None = None
    waiting_jump: tuple | None = None  # a jump made while the panes were being rebuilt
    changes_here: tuple[Change, ...] = ()  # the separate changes of the current difference
    change: int | None = None  # the one F7 is on (None: the place as a whole)
    resume_row: int | None = None  # where F7 goes on from when no difference is current

    def _counterparts(self, source: int, passage: int) -> dict[int, int]:
        """For each source not carrying ``passage``, the first passage linked to it: to
        ``source``'s text there, else to any carrier's (a place opens panes for sources
        whose text is linked to the reference's only)."""
        carriers = self.story.passages[passage].sources
        out: dict[int, int] = {}
        for s in sorted(carriers, key=lambda c: c != source):
            for other, k in self._linked_from(s, passage).items():
                out.setdefault(other, k)
        return out

    def _linked_from(self, source: int, passage: int) -> dict[int, int]:
        """For each source not carrying ``passage``, the first passage linked to
        ``source``'s text in it."""
        story, comp = self.story, self.comp
        carriers = story.passages[passage].sources
        out: dict[int, int] = {}
        for p in story.passages[passage].cells[source]:
            for link in comp.links_of((source, p)):
                other = link.other((source, p))
                if other[0] not in carriers and other in story.of_ref:
                    out[other[0]] = min(out.get(other[0], len(story.passages)),
                                        story.of_ref[other])
        return out

    def jump_to(self, source: int, passage: int, row: int | None = None) -> None:
        """Open ``source`` if hidden, lead with it and bring ``passage`` into view."""
        self.history.push(self.current_place())
        self._jump(source, passage, row)

    def _jump(self, source: int, passage: int, row: int | None) -> None:
        self.pending_place = None
        self.reveal = None
        self.waiting_jump = None
        if self.show_source(source) is None or self.busy():
            if self.busy():  # the panes are being rebuilt or laid out: go there after
                self.waiting_jump = (source, passage, row)
            return
        self.lead = source
        self.active_source = source
        self.reveal = Reveal(self.story, passage, self._counterparts(source, passage))
        self._scroll_lead_to(passage)
        self.pending_place = self.current_place()  # a relayout after the jump keeps it
        row = self.story.passages[passage].row if row is None else row
        self.select_row(row, source, passage)
        self.flash(row, passage)
        self.story_map.current = passage
        self.story_map.update()
        self._update_actions()

    def jump_when_built(self) -> None:
        """The panes are up and laid out after a gradual rebuild: make the jump asked for
        meanwhile."""
        if self.waiting_jump is not None and self.story is not None:
            self._jump(*self.waiting_jump)

    def go_to_difference(self, index: int, choose_panes: bool = True) -> None:
        """Go to difference ``index``, opening the panes its place needs (``show_place``);
        with ``choose_panes`` False only its own (a reopened comparison file shows the
        panes it saved)."""
        if not 0 <= index < len(self.diffs):
            return
        diff = self.diffs[index]
        where = self.reference if diff.kind == "omitted" else diff.source
        self.history.push(self.current_place())
        if choose_panes:
            self.show_place([diff.source] + [self.diffs[i].source
                                             for i in self.diff_panel.place_of(index)])
        self._jump(diff.source, self.story.passage_of(diff.row, where), diff.row)
        self.current = index
        self.changes_here, self.change = (), None  # the whole place, until F7 steps in it
        self.diff_panel.select(index)
        self.facts.follow_row(diff.row)
        self._update_counts()

    def follow_fact(self, row: int, source: int) -> None:
        """A jump to a fact change (Ctrl+F7, the fact list) makes its place the current one
        of the places list and the counts ("place 3 of 14"), as F7 to that place would:
        the list and the status bar had gone on naming the place of the last F7."""
        index = next((i for i, d in enumerate(self.diffs) if d.row == row and d.source == source),
                     next((i for i, d in enumerate(self.diffs) if d.row == row), None))
        if index is None:
            return
        self.current = index
        self.changes_here, self.change = (), None
        self.diff_panel.select(index)
        self._update_counts()

    def go_to_place(self, number: int) -> None:
        """Place ``number`` (1-based) as the Differences dock lists it and ``parallax align
        --differences`` numbers it: its first difference."""
        places = self.diff_panel.places
        if 1 <= number <= len(places):
            self.go_to_difference(places[number - 1][1][0])

    def step(self, delta: int) -> None:
        """Next (+1) or previous (-1) change: inside a place with several separate changes,
        each in turn (``reader.core.changes``), else the next place with differences, as the dock's
        filters allow; at the end, the status bar says so."""
        if self.facts.step(delta):  # hook (issue 9): "facts only" steps fact changes
            return
        if self._step_in_place(delta):
            return
        places = self.diff_panel.places
        if not places:
            return
        rows = [row for row, _ in places]
        here = self.diffs[self.current].row if 0 <= self.current < len(self.diffs) else \
            self.resume_row
        if here is None:
            n = 0 if delta > 0 else len(places) - 1
        elif delta > 0:
            n = next((i for i, r in enumerate(rows) if r > here), None)
        else:
            n = next((i for i in range(len(rows) - 1, -1, -1) if rows[i] < here), None)
        if n is None:
            self.statusBar().showMessage(
                "This is the last difference (Shift+F7 goes back)." if delta > 0 else
                "This is the first difference (F7 goes on).", 6000)
            return
        self.statusBar().clearMessage()  # "This is the last…" no longer
        self.go_to_difference(places[n][1][0])
        self._enter_place(delta)

    def keep_f7_here(self) -> None:
        """The differences are about to be listed anew for the same rows (another
        reference): F7 goes on from the reader's place, not from the first one."""
        if 0 <= self.current < len(self.diffs):
            self.resume_row = self.diffs[self.current].row

    def _enter_place(self, delta: int) -> None:
        """Just arrived by F7 (or Shift+F7) at a place: when its changes do not all show at
        once (a long paragraph), show its first (or last) one, for F7 to go through them.
        A place that shows whole stays one step, its top at the reading line: going
        through three edits of a short paragraph would cost three keys and show nothing
        more (Meld's chunks are whole runs of lines, too)."""
        changes = changes_of(self.comp, self.diffs[self.current], self.reference)
        if len(changes) > 1 and not self.busy() and not all(map(self._in_view, changes)):
            self.changes_here = tuple(changes)
            self._show_change(0 if delta > 0 else len(changes) - 1)

    def _in_view(self, change: Change) -> bool:
        """Whether a change's first line is on screen in its pane."""
        pane = self.pane_of(change.source)
        ranges = pane.view.content.document_range(change.start, change.end) if pane else []
        if not ranges:
            return False
        top, height = _line_at(pane.view, ranges[0][0])
        value = pane.view.verticalScrollBar().value()
        return value <= top and top + height <= value + pane.view.viewport().height()

    def _step_in_place(self, delta: int) -> bool:
        """The next change of the place on screen, if it has one that way."""
        if self.change is None or not 0 <= self.change + delta < len(self.changes_here):
            return False
        self.statusBar().clearMessage()
        self._show_change(self.change + delta)
        return True

    def _show_change(self, k: int) -> None:
        """Scroll change ``k`` of this place to the reading line and select it."""
        self.change = k
        self._update_counts()
        change = self.changes_here[k]
        pane = self.pane_of(change.source)
        if pane is None or self.busy():
            return  # its pane is being built: the place is on screen, the change is named
        ranges = pane.view.content.document_range(change.start, change.end)
        if not ranges:
            return
        for other in self.panes:  # one selection: the change's
            other.view.setTextCursor(QTextCursor(other.view.document()))
        cursor = QTextCursor(pane.view.document())
        cursor.setPosition(ranges[0][0])
        cursor.setPosition(ranges[-1][1], QTextCursor.MoveMode.KeepAnchor)
        pane.view.setTextCursor(cursor)
        self.lead = self.active_source = change.source
        self._scroll_lead_to(*self._passage_point(pane.view, ranges[0][0]))
        self.pending_place = self.current_place()

    @staticmethod
    def _passage_point(view, position: int) -> tuple[int, float]:
        """The passage holding document ``position`` of a pane, and how far into it (0..1)
        its line is: a change deep in a long paragraph goes to the reading line, not the
        paragraph's top."""
        y, _ = _line_at(view, position)
        passage = view.content.block_passage[view.document().findBlock(position).blockNumber()]
        top, bottom = view.passage_top[passage], view.passage_top[passage + 1]
        return passage, (0.0 if bottom <= top else min(1.0, max(0.0, (y - top) / (bottom - top))))

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


def _line_at(view, position: int) -> tuple[float, float]:
    """Document y and height of the line holding document ``position`` of a pane."""
    block = view.document().findBlock(position)
    line = block.layout().lineForTextPosition(position - block.position())
    top = view.block_rect(block.blockNumber()).top()
    return (top + line.y(), line.height()) if line.isValid() else (top, 0.0)
