"""Which sources are open as panes: as many as fit at a readable width.

With 20 sources not every version can have a pane: the story map shows all
of them, and the panes are the ones the reader is reading. Panes shrink to a
readable width; past that the least recently used pane closes when another
opens (never the reference, nor a pane the reader pinned while an unpinned one
can go), and the reader can choose (View ▸ Panes, the story map's lanes, ✕ or
the pin on a header). Pins are kept by file path, so they outlast re-alignment
(sources added or removed) and are saved in comparison files (``pinned``).
A mixin of ``MainWindow``.
"""

from __future__ import annotations

import os

from reader.gui.connectors import BAND_WIDTH
from reader.gui.source_pane import SourcePane

READABLE_PANE = 230
"""Width (px) under which no further pane opens by itself: past that the reader chooses."""
DOCK_WIDTH = 290
"""Width the right-hand docks are given (``window_layout``): counted before they show."""


class OpenPanes:
    """Opening, closing and choosing panes (uses the window's state)."""

    def pane_capacity(self) -> int:
        """How many panes fit side by side at a readable width (the story map, the scroll
        bar and the right-hand docks take their room first)."""
        return self.capacity_for(len(self.order), docks=not (self.diff_dock.isHidden()
                                                             and self.legend_dock.isHidden()))

    def capacity_for(self, sources: int, docks: bool) -> int:
        """``pane_capacity`` for ``sources`` sources, with or without the docks shown."""
        room = max(self.diff_dock.width(), self.legend_dock.width(), DOCK_WIDTH) if docks else 0
        width = self.width() - room - self.story_map.width_for(sources) - \
            self.vbar.sizeHint().width()
        fits = (width + BAND_WIDTH) // (READABLE_PANE + BAND_WIDTH)
        return max(1, min(sources or 1, fits))

    def _first_open(self) -> list[int]:
        """The reference and the next sources in order, as many as fit readably; the others
        wait for room (``squeezed``): a wider window shows them."""
        kept = [s for s in self.order if s in self.open_sources] if self.open_sources and \
            len(self.open_sources) <= len(self.order) else []
        room = self.pane_capacity()
        pinned = [s for s in self.order if self.is_pinned(s)]
        chosen = [self.reference] + [s for s in pinned + kept + self.order
                                     if s != self.reference]
        out: list[int] = []
        for s in chosen:
            if s not in out and len(out) < room:
                out.append(s)
        self.squeezed = [self.paths[s] for s in reversed(dict.fromkeys(chosen))
                         if s not in out]
        return [s for s in self.order if s in out]

    def pane_of(self, source: int) -> SourcePane | None:
        return next((p for p in self.panes if p.index == source), None)

    def show_source(self, source: int) -> SourcePane | None:
        """Open ``source`` as a pane, closing the least recently used one if no room is left."""
        if self.comp is None:
            return None
        self.closed.discard(self._abspath(source))
        if source not in self.open_sources:
            self._use(source)
            self.open_sources.append(source)
            self._close_unused(self.pane_capacity(), keep=source)
        self._use(source)
        return self.pane_of(source)

    def show_place(self, sources: list[int]) -> None:
        """Open the panes a place needs: the reference, ``sources`` (those differing there,
        the ones to show first first: ``DifferencesPanel.place_of``) and the pinned panes,
        as many as fit; the room left keeps the panes used last. The first source opens
        even if the reader closed it (F7 goes there), the others not. Chosen by reading
        order, the panes showed the lowest-numbered sources, which may not hold the
        change."""
        pinned = [s for s in self.open_sources if self.is_pinned(s)]
        others = [s for s in sources[1:] if self._abspath(s) not in self.closed]
        recent = sorted(self.open_sources, key=lambda s: -self._used.get(s, 0))
        wanted = list(dict.fromkeys([self.reference, *sources[:1], *pinned, *others,
                                     *recent]))[:self.pane_capacity()]
        if set(wanted) != set(self.open_sources):
            self.pending_place = self.pending_place or self.current_place()
            self.open_sources = wanted
            self.rebuild()

    def _close_unused(self, room: int, keep: int | None = None) -> None:
        """Close the least recently used panes (never the reference or ``keep``) down to
        ``room``, and rebuild."""
        self.pending_place = self.pending_place or self.current_place()
        while len(self.open_sources) > max(1, room):
            others = [s for s in self.open_sources if s not in (self.reference, keep)]
            spare = [s for s in others if not self.is_pinned(s)] or others or \
                [s for s in self.open_sources if s != keep]
            self.open_sources.remove(min(spare, key=lambda s: self._used.get(s, 0)))
        self.rebuild()

    def _room_for_squeezed(self) -> bool:
        """Whether the window grew enough to show a pane it closed for want of room."""
        return len(self.open_sources) < self.pane_capacity() and bool(self._squeezed_out())

    def _squeezed_out(self) -> list[int]:
        """Sources closed for want of room and not shown since, the last closed first."""
        return [self.paths.index(p) for p in reversed(self.squeezed)
                if p in self.paths and self.paths.index(p) not in self.open_sources]

    def _fit_panes(self) -> None:
        """The window changed size: too narrow, close the least recently used panes and
        remember them; wider, bring them back, as many as fit (those the reader closed
        never: ``hide_source`` forgets them)."""
        room = self.pane_capacity()
        if len(self.open_sources) > room:
            before = list(self.open_sources)
            self._close_unused(room)
            self.squeezed += [self.paths[s] for s in before if s not in self.open_sources]
            return
        back = self._squeezed_out()[:room - len(self.open_sources)]
        self.squeezed = [p for p in self.squeezed if p not in {self.paths[s] for s in back}]
        self.pending_place = self.pending_place or self.current_place()
        self.open_sources += back
        self.rebuild()

    def _abspath(self, source: int) -> str:
        """How pins and closed panes know a source: by file, across re-alignments."""
        return os.path.abspath(self.paths[source])

    def is_pinned(self, source: int) -> bool:
        return self._abspath(source) in self.pinned

    def set_pinned(self, source: int, on: bool) -> None:
        """Pin a pane open (or let it go): opening others no longer closes it."""
        path = self._abspath(source)
        if on:
            self.pinned.add(path)
        else:
            self.pinned.discard(path)
        pane = self.pane_of(source)
        if pane is not None:
            pane.header.set_pinned(on)
        self.comparisons.update_title()  # a saved comparison's pins changed: unsaved

    def hide_source(self, source: int) -> None:
        """Close a pane; the source stays in the comparison (and in the story map)."""
        if source in self.open_sources and len(self.open_sources) > 1:
            self.closed.add(self._abspath(source))
            self.squeezed = [p for p in self.squeezed if p != self.paths[source]]
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
            action = self.panes_menu.addAction(self.label(s))
            action.setCheckable(True)
            action.setChecked(s in self.open_sources)
            action.toggled.connect(lambda on, s=s: self.toggle_source(s, on))
        for status in self.comparisons.missing():  # a saved comparison's gaps, where
            self.panes_menu.addAction(                # the reader looks for its sources
                f"[{status.index + 1}] {status.saved.name or status.saved.path} — missing: "
                f"Locate…", lambda st=status: self.comparisons.locate(st))

    def _use(self, source: int) -> None:
        self._clock += 1
        self._used[source] = self._clock
