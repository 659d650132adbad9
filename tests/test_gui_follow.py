"""Reading-view flaws seen after the previous round (pytest-qt, offscreen): the line
cut at the top of a pane after a jump, the status bar's counts for loose files, the ☛
of a hand-set link into folded page furniture, pinned panes, quiet unsure bands."""

from __future__ import annotations

import pytest
from gui_helpers import settle_app

pytestmark = pytest.mark.usefixtures("no_save_prompt")


def _laptop_window(new_window, paths):
    """A window the size of a 1366×768 laptop screen (fewer panes than sources), settled."""
    win = new_window(paths, size=(1366, 768))
    settle_app()
    win.relayout()  # the docks and panes take their final widths
    settle_app()
    return win


# -- 2. the status bar says "N fixes by hand" only when there is something to say ----------------
def test_loose_files_with_nothing_done_say_no_counts(window, tmp_path):
    counts = window.comparisons.counts
    window.comparisons.refresh_counts()
    assert "by hand" not in counts.text() and "checked" not in counts.text()
    comp = window.comp
    a = next((0, p.index) for p in comp.documents[0].paragraphs[3:] if not p.boilerplate)
    b = next((1, q.index) for q in comp.documents[1].paragraphs[3:] if not q.boilerplate
             and (1, q.index) not in {l.other(a) for l in comp.links_of(a)})
    assert window.fixes.apply("link", [a], [b])
    settle_app()
    assert "1 fix by hand" in counts.text()  # a fix: now there is something to say
    assert window.comparisons.save(path=str(tmp_path / "story.parallax"))
    settle_app()
    assert "✓ 0/" in counts.text()  # a comparison file: its progress, nothing checked yet


# -- 1. after a jump no pane starts with half a line above the passage ---------------------------
def test_after_a_jump_no_pane_shows_a_line_cut_at_its_top(new_window, seeds):
    win = _laptop_window(new_window, seeds)
    cut = []
    for _ in range(len(win.diff_panel.places)):
        win.next_action.trigger()
        settle_app()
        cut += [(win.current, pane.index) for pane in win.panes
                if pane.view.line_cut_at_top() is not None]
    assert not cut
    win.diff_panel.list.setCurrentRow(2)  # a click in the Differences list jumps as well
    win.go_to_difference(win.diff_panel.places[2][1][0])
    settle_app()
    assert all(pane.view.line_cut_at_top() is None for pane in win.panes)


# -- 3. a hand-set link into folded page furniture shows its ☛ on the fold marker ----------------
def test_a_hand_link_to_folded_furniture_marks_the_fold(window):
    from PySide6.QtCore import QPoint

    from reader.gui.fix_actions import HAND_GLYPH
    headline = (2, 4)  # [3]¶5: the headline repeated under the first one, folded as furniture
    assert window.comp.documents[2].paragraphs[4].boilerplate
    assert window.fixes.apply("link", [(0, 0)], [headline])
    settle_app()
    window.jump_to(2, window.story.of_ref[headline])
    settle_app()
    view = window.pane_of(2).view
    assert not view.content.has_para(headline[1])  # folded away, not shown as text
    block = next(b for b, m in view.content.markers.items()
                 if m.furniture and headline[1] in m.folded)
    chips = [chip for b, _tip, chip in view._badge_spots() if b == block]
    assert chips  # the marker carries a ☛…
    tip = view.tooltip_at(chips[0].center().toPoint())
    assert tip.startswith(HAND_GLYPH) and "[1]¶1" in tip  # …whose tooltip says what was set
    rect = view.block_rect(block)
    on_label = QPoint(40, int(rect.center().y() - view.verticalScrollBar().value()))
    assert "set by hand" in view.tooltip_at(on_label).lower()  # and so does the marker's own


# -- 5. unsure bands between panes: dashes at their ends, no rule down the gutter ----------------
def _dash_runs(image, x: int, colour) -> list[tuple[int, int]]:
    """Runs of rows in column ``x`` painted in ``colour`` (dash gaps of a few px bridged)."""
    rows = [y for y in range(image.height())
            if all(abs(a - b) <= 30 for a, b in zip(image.pixelColor(x, y).getRgb()[:3],
                                                     colour.getRgb()[:3]))]
    runs: list[tuple[int, int]] = []
    for y in rows:
        if runs and y - runs[-1][1] <= 4:
            runs[-1] = (runs[-1][0], y)
        else:
            runs.append((y, y))
    return runs


def test_unsure_bands_are_dashed_at_their_ends_only(new_window, seeds):
    from reader.gui.connectors import END_DASH
    win = _laptop_window(new_window, seeds)
    runs = []
    for index in range(min(30, len(win.diffs))):
        win.go_to_difference(index)
        settle_app()
        for i in range(1, win.splitter.count()):
            handle = win.splitter.handle(i)
            image = handle.grab().toImage()
            for x in (0, image.width() - 1):
                runs += _dash_runs(image, x, win.theme.moved)
    assert runs  # unsure bands were on screen, their ends marked
    assert max(b - a for a, b in runs) <= END_DASH + 1  # never a dashed rule down the gutter


# -- 4. a pinned pane stays open, and the comparison file keeps the pin --------------------------
def test_a_pinned_pane_stays_open_and_is_saved_as_pinned(new_window, seeds, tmp_path):
    import json
    win = _laptop_window(new_window, seeds)
    hidden = [s for s in win.order if s not in win.open_sources]
    pinned = next(s for s in win.open_sources if s != win.reference)
    assert hidden  # 4 sources, fewer panes: opening one closes another
    win.pane_of(pinned).header.pin.click()
    settle_app()
    assert win.is_pinned(pinned)
    for s in win.open_sources:
        if s != pinned:
            win._use(s)  # the pinned pane is now the least recently used
    win.show_source(hidden[0])
    settle_app()
    assert hidden[0] in win.open_sources and pinned in win.open_sources
    file = tmp_path / "story.parallax"
    assert win.comparisons.save(path=str(file))
    saved = json.loads(file.read_text(encoding="utf-8"))
    flags = {s["path"]: s["pinned"] for s in saved["sources"]}
    assert [p for p, on in flags.items() if on] == [win.paths[pinned]]
    again = _laptop_window(new_window, [str(file)])
    back = again.paths.index(win.paths[pinned])
    assert again.is_pinned(back) and back in again.open_sources
    assert again.pane_of(back).header.pin.isChecked()
    assert not again.isWindowModified()
    again.pane_of(back).header.pin.click()  # unpinning is a change to save
    settle_app()
    assert again.isWindowModified()
