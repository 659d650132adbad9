"""The window's side of keeping panes in step: the lead pane, the scroll bar, the place.

``row_sync`` knows how to map one pane onto another; this mixin of
``MainWindow`` decides which pane leads (the one the reader scrolls), keeps
the shared scroll bar and the story map's frame on it, and turns the lead's
position into a ``Place`` (and back) so rebuilds never lose the reader.
"""

from __future__ import annotations

import bisect

from reader.gui import row_sync
from reader.gui.navigation import Place

REVEAL_LINES = 2
"""A revealed passage's top must sit at least this many lines above the view's bottom."""


class ScrollSync:
    """Lead pane, following panes, the reader's place (uses the window's state)."""

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
        self.reveal = None
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
        self._reveal_counterparts(lead)
        if self.reveal is not None and self.reveal.story is self.story:
            self._clean_tops(lead)
        self.vbar.setValue(lead.verticalScrollBar().value())
        self._syncing = False
        top = lead.passage_at(lead.verticalScrollBar().value()) or 0
        bottom = lead.passage_at(lead.verticalScrollBar().value()
                                 + lead.viewport().height())
        self.story_map.set_view(top, len(self.story.passages) - 1 if bottom is None else bottom)
        self.splitter.repaint_bands()
        self.place = self.current_place()

    def _reveal_counterparts(self, lead) -> None:
        """After a jump, a pane whose linked text sits elsewhere shows that text's top,
        level with the passage in the lead where it can (``jumps.Reveal``)."""
        reveal = self.reveal
        if reveal is None or reveal.story is not self.story:
            return
        here = lead.passage_rect(reveal.passage)
        for pane in self.panes:
            target = reveal.elsewhere.get(pane.index)
            view = pane.view
            rect = view.passage_rect(target) if target is not None and view is not lead \
                else None
            if rect is None:
                continue
            height = view.viewport().height()
            if 0 <= rect.top() <= height - REVEAL_LINES * view.fontMetrics().lineSpacing():
                continue
            level = max(0.0, min(here.top() if here is not None else 0.0, height / 3))
            bar = view.verticalScrollBar()
            bar.setValue(round(bar.value() + rect.top() - level))

    def _clean_tops(self, lead) -> None:
        """After a jump, no pane starts with a line cut in half above the passage: the lead
        scrolls it out of view (the panes follow), each other pane hides it or shows it
        whole, whichever moves it less, as long as its passage stays in view."""
        if self._clear_top(lead, self.reveal.passage, hide_only=True) and \
                self.sync_action.isChecked():
            row_sync.follow(lead, [p.view for p in self.panes])
            self._reveal_counterparts(lead)
        for pane in self.panes:
            if pane.view is not lead:
                self._clear_top(pane.view, self.reveal.elsewhere.get(pane.index,
                                                                     self.reveal.passage))

    @staticmethod
    def _clear_top(view, passage: int, hide_only: bool = False) -> bool:
        """Scroll ``view`` by less than a line so no text line is cut at its top edge;
        whether it moved."""
        cut = view.line_cut_at_top()
        if cut is None:
            return False
        top, bottom = cut
        rect = view.passage_rect(passage) if 0 <= passage < len(view.passage_top) - 1 \
            else None
        steps = [bottom] if rect is None or rect.top() - bottom >= 0 else []
        if not hide_only:
            steps.append(top)
        bar = view.verticalScrollBar()
        before = bar.value()
        steps = [d for d in steps if bar.minimum() <= before + d <= bar.maximum()]
        if not steps:  # at an end of its range the pane shows the line whole instead
            return False
        bar.setValue(round(before + min(steps, key=abs)))
        return bar.value() != before

    def current_place(self) -> Place | None:
        """Where the reader is: the lead pane's paragraph at the sync line."""
        view = self.lead_view()
        if view is None or not view.passage_top or self.comp is None:
            return None
        line, _ = row_sync.sync_line(view)
        passage, fraction = row_sync.locate(view, line)
        tops = view.passage_top
        if passage + 2 < len(tops) and tops[passage + 1] - line <= row_sync.REACH:
            # a pixel short of the next passage (whole-pixel scrolling, a range that grew
            # after the scroll): the reader is at its top, where the jump put them; the
            # passages that take no room in this pane (other sources' page furniture)
            # start there too and are passed over
            passage = min(bisect.bisect_right(tops, tops[passage + 1]), len(tops) - 1) - 1
            fraction = 0.0
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
