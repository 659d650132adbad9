"""The reader window, driven headless with pytest-qt (QT_QPA_PLATFORM=offscreen)."""

from __future__ import annotations

import subprocess
import sys

from gui_helpers import settle_app
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCharFormat, QTextCursor

from reader.core.load.documents import seed_paths
from reader.gui.row_sync import locate, position, sync_line


def _block_top(view, block_number: int) -> float:
    doc = view.document()
    return doc.documentLayout().blockBoundingRect(doc.findBlockByNumber(block_number)).top()


def _screen_top(view, passage: int) -> float:
    return view.passage_rect(passage).top()


def _shared_passages(window, least: int = 2) -> list[int]:
    open_ = set(window.open_sources)
    return [k for k, p in enumerate(window.story.passages)
            if not p.furniture and len(open_ & set(p.sources)) >= least]


# -- 1. compact aligned reading ---------------------------------------------------------------
def test_a_passage_brought_into_view_is_level_in_every_pane_that_carries_it(window):
    checked = 0
    for k in _shared_passages(window):
        window._scroll_lead_to(k)
        carriers = [p.view for p in window.panes if p.view.content.passage_blocks[k]]
        bars = [v.verticalScrollBar() for v in carriers]
        if any(b.value() in (0, b.maximum()) for b in bars):
            continue  # a pane held by its first or last line (all panes start and end together)
        tops = [_screen_top(v, k) for v in carriers]
        assert max(tops) - min(tops) <= 2.0, (k, tops)
        checked += 1
    assert checked >= 10


def test_what_a_pane_lacks_is_a_thin_marker_not_a_band(window):
    line = window.panes[0].view.fontMetrics().lineSpacing()
    markers = 0
    for pane in window.panes:
        view = pane.view
        for block in view.content.markers:
            assert view.block_rect(block).height() <= 2.5 * line
            markers += 1
        # compact: no pane is much taller than its own text laid out alone
        alone = sum(view.block_rect(b).height() for b, para in
                    enumerate(view.content.block_para) if para is not None)
        assert view.document().size().height() <= 1.35 * alone + 40 * len(view.content.markers)
    assert markers > 10


def test_a_marker_says_where_the_text_is_and_clicking_it_goes_there(window, qtbot):
    from PySide6.QtCore import Qt
    pane = next(p for p in window.panes
                if any(not m.furniture for m in p.view.content.markers.values()))
    block, marker = next((b, m) for b, m in pane.view.content.markers.items() if not m.furniture)
    carriers = window.story.passages[marker.target].sources
    assert f"[{carriers[0] + 1}]" in marker.label
    view = pane.view
    window.lead = pane.index
    window._scroll_lead_to(marker.target)
    point = view.block_rect(block).center().toPoint()
    point.setY(point.y() - view.verticalScrollBar().value())
    point.setX(40)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.lead in carriers
    assert window.story.passages[marker.target].row == window.selected_row


def test_unrelated_paragraphs_never_share_a_line(window):
    """At every shared passage brought into view, what sits level with it in another
    pane is that same passage or a marker, never some other paragraph."""
    comp = window.comp
    for k in _shared_passages(window)[::2]:
        window._scroll_lead_to(k)
        lead = window.lead_view()
        y = _screen_top(lead, k) + 2
        for pane in window.panes:
            view = pane.view
            block = view.cursorForPosition(view.viewport().rect().topLeft()
                                           + QPoint(30, int(y))).blockNumber()
            if view.content.passage_blocks[k] is not None:
                assert view.content.block_passage[block] == k or block in view.content.markers
    # and each passage's paragraphs are linked to one another (headlines aside)
    for passage in window.story.passages:
        refs = [(s, p) for s, ps in enumerate(passage.cells) for p in ps]
        if passage.furniture or len({s for s, _ in refs}) < 2:
            continue
        if all(comp.documents[s].paragraphs[p].heading for s, p in refs):
            continue
        for ref in refs:
            assert any(link.other(ref) in refs for link in comp.links_of(ref)), ref


def test_highlights_where_the_engine_found_differences(window):
    ref = window.reference
    changed = [d for d in window.diffs if d.kind == "changed"]
    assert changed
    for pane in window.panes:
        if pane.index == ref:
            assert pane.view.content.spans_highlighted == 0
    # The first "changed" difference has a coloured, underlined word in its pane.
    diff = changed[0]
    view = next(p.view for p in window.panes if p.index == diff.source)
    first, last = view.content.row_blocks[diff.row]  # this pane's blocks of that row
    formats = []
    for b in range(first, last + 1):
        block = view.document().findBlockByNumber(b)
        for fr in block.textFormats():
            formats.append(QTextCharFormat(fr.format))
    marked = [f for f in formats if f.background().color() in (window.theme.added, window.theme.changed)]
    assert marked, "no highlighted span in a row the engine says differs"
    assert all(f.fontUnderline() or f.underlineStyle() != f.UnderlineStyle.NoUnderline
               for f in marked)


def test_next_difference_visits_every_place_in_order(window):
    places = window.diff_panel.places
    seen = []
    for _ in range(len(places)):
        window.next_action.trigger()
        seen.append(window.diffs[window.current].row)
    assert seen == [row for row, _ in places]
    window.prev_action.trigger()
    assert window.diffs[window.current].row == places[-2][0]
    # the selected row follows the current difference
    assert window.selected_row == window.diffs[window.current].row


def test_scrolling_one_pane_brings_the_others_along(window):
    window.set_sync(True)
    lead = window.panes[2]
    _wheel(lead.view.viewport(), -120 * 8)  # the reader scrolls pane [3] with the wheel
    assert window.lead == lead.index and lead.view.verticalScrollBar().value() > 0
    line, screen = sync_line(lead.view)
    passage, fraction = locate(lead.view, line)
    for pane in window.panes:  # the lead's point of its passage on the same line in each
        if pane.view.content.passage_blocks[passage] is not None:
            there = position(pane.view, passage, fraction)
            assert abs(there - pane.view.verticalScrollBar().value() - screen) < 3
    assert window.vbar.value() == lead.view.verticalScrollBar().value()
    window.set_sync(False)
    before = window.panes[0].view.verticalScrollBar().value()
    _wheel(window.panes[1].view.viewport(), -120 * 8)
    assert window.panes[0].view.verticalScrollBar().value() == before


def _wheel(widget, delta: int, modifiers=None) -> None:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication
    event = QWheelEvent(QPointF(50, 50), QPointF(50, 50), QPoint(0, 0), QPoint(0, delta),
                        Qt.MouseButton.NoButton, modifiers or Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_bad_file_leaves_the_others_open(new_window, tmp_path):
    win = new_window()
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    paths = seed_paths()[:2] + [str(tmp_path / "missing.txt"), str(binary)]
    win.open_paths(paths, wait=True)
    assert len(win.panes) == 2
    assert "missing.txt" in win.banner.text() and "no such file" in win.banner.text()
    assert "photo.txt" in win.banner.text() and "binary" in win.banner.text()
    assert not win.banner.isHidden()


def test_background_alignment_finishes_and_can_be_cancelled(new_window, qtbot):
    win = new_window()
    with qtbot.waitSignal(win.comparisonShown, timeout=20000):
        win.open_paths(seed_paths())
    assert len(win.panes) == 4
    win.open_paths(seed_paths()[:2])
    win.cancel_job()  # cancelling must leave the previous comparison on screen
    assert len(win.panes) == 4 and win.job is None


def test_large_comparison_shows_aligned_text_then_highlights(new_window, qtbot):
    """Big inputs: the aligned panes come first, the word highlights when the diffs arrive."""
    from reader.core.comparison import compare
    from reader.core.load.documents import load_document
    docs = [load_document(p) for p in seed_paths()]
    done = compare(docs)  # as the alignment process computes it ...
    done.prepare_diffs(0)
    done.differences(0)
    shown = compare(docs)  # ... and as the window first receives it, without diffs
    win = new_window()
    win.job = object()  # a job still running: its diffs are on their way
    with qtbot.waitSignal(win.comparisonShown, timeout=20000):  # from a job: a pane at a
        win._loaded(shown, docs, [])  # time, the event loop running between
    win.job = None
    assert len(win.panes) == 4 and win._diffs_pending and win.diffs == []
    assert all(p.view.content.spans_highlighted == 0 for p in win.panes)
    win._diffs_ready(done.diff_caches(0))
    assert not win._diffs_pending
    assert win.diffs == done.differences(0)
    expected = sum(1 for p in win.panes if p.index != 0 and p.view.content.spans_highlighted)
    assert expected == 3
    # the highlighted panes match panes built with the diffs from the start
    fresh = new_window(seed_paths())
    for staged, direct in zip(win.panes, fresh.panes):
        assert staged.view.content.spans_highlighted == direct.view.content.spans_highlighted
        assert len(staged.view.content.omitted) == len(direct.view.content.omitted)


def test_large_comparison_in_the_background_ends_highlighted(new_window, qtbot, tmp_path):
    import random
    rng = random.Random(5)
    base = [" ".join(f"w{rng.randrange(3000)}" for _ in range(12)) + "." for _ in range(120)]
    paths = []
    for k in range(9):  # 1080 paragraphs: the staged path (aligned text first)
        edited = [" ".join(w if rng.random() > 0.1 else "changed" for w in p.split())
                  for p in base]
        path = tmp_path / f"v{k}.txt"
        path.write_text("\n\n".join(edited))
        paths.append(str(path))
    win = new_window(size=(2900, 900))  # room for nine readable panes
    win.open_paths(paths)
    qtbot.waitUntil(lambda: bool(win.comp and not win._diffs_pending and win.diffs),
                    timeout=60000)
    assert len(win.panes) == 9
    assert win.diffs == win.comp.differences(win.reference)
    assert sum(p.view.content.spans_highlighted for p in win.panes) == \
        win.comp.span_count(win.reference)


def test_a_listing_turn_leaves_a_rebuilds_lists_and_lay_out_to_follow(window, qtbot):
    """The marks' listing turn can come while a rebuild's lists and lay_out are still due
    (``_differences_due``: it leaves the list to them): the window goes on to them
    rather than stopping there, busy for ever (it did in one run in three of this file)."""
    qtbot.waitUntil(lambda: not window.busy(), timeout=20000)
    window._differences_due = True
    window._listing_due = True
    window._build_next()
    qtbot.waitUntil(lambda: not window.busy(), timeout=20000)
    assert window.diffs == window.comp.differences(window.reference)


def test_reference_choice_and_pane_order(window):
    window.set_reference(2)
    assert window.reference == 2
    ref_pane = next(p for p in window.panes if p.index == 2)
    assert ref_pane.view.content.spans_highlighted == 0
    assert ref_pane.header.detail.text().startswith("★ Reference")
    window.move_source(3, 0)
    assert window.order == [3, 0, 1, 2]
    assert [p.index for p in window.panes] == [3, 0, 1, 2]
    # remembered for this set of files
    order, reference = window.settings.arrangement(window.paths)
    assert order == [window.paths[i] for i in (3, 0, 1, 2)] and reference == window.paths[2]


# -- 4. the reader's place ---------------------------------------------------------------------
def _place_passage(window) -> int:
    place = window.current_place()
    return window.story.of_ref[(window.paths.index(place.path), place.paragraph)]


def test_zoom_keeps_the_place_and_the_level(window):
    k = _shared_passages(window)[len(_shared_passages(window)) // 2]
    window._scroll_lead_to(k)
    before = window.panes[0].view.document().defaultFont().pointSizeF()
    window.set_zoom(3)
    settle_app()
    assert window.panes[0].view.document().defaultFont().pointSizeF() > before
    assert _place_passage(window) == k
    carriers = [p.view for p in window.panes if p.view.content.passage_blocks[k]]
    tops = [_screen_top(v, k) for v in carriers]
    assert max(tops) - min(tops) <= 2.0 and all(0 <= t < carriers[0].viewport().height()
                                                 for t in tops)


def test_reference_and_theme_changes_keep_the_place(window):
    k = _shared_passages(window)[-4]
    window._scroll_lead_to(k)
    window.set_reference(2)
    settle_app()
    assert _place_passage(window) == k
    window.rebuild()  # what a palette (theme) change does
    settle_app()
    assert _place_passage(window) == k


def test_back_and_forward_through_jumps(window):
    start = _place_passage(window)
    window.step(1)
    first = _place_passage(window)
    window.step(1)
    window.step(1)
    third = _place_passage(window)
    assert window.back_action.isEnabled() and not window.forward_action.isEnabled()
    window.back_action.trigger()
    window.back_action.trigger()
    assert _place_passage(window) == first
    window.forward_action.trigger()
    window.forward_action.trigger()
    assert _place_passage(window) == third
    window.back_action.trigger()
    window.back_action.trigger()
    window.back_action.trigger()
    assert _place_passage(window) == start
    assert "Alt+Left" in [k.toString() for k in window.back_action.shortcuts()]


def test_removing_and_adding_a_source_keeps_the_place(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "question",  # "Remove [4] …?" answered Yes
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    k = _shared_passages(window, least=3)[-3]
    window.lead = window.reference
    window._scroll_lead_to(k)
    place = window.current_place()
    removed = window.paths[3]
    window.remove_source(3)  # comparisonShown also fires on any relayout: wait for the result
    qtbot.waitUntil(lambda: window.job is None and len(window.comp.documents) == 3,
                    timeout=30000)
    settle_app()
    assert window.current_place().path == place.path
    assert window.current_place().paragraph == place.paragraph
    window.open_paths(window.paths + [removed], wait=True)
    settle_app()
    assert window.current_place().paragraph == place.paragraph


# -- 5. one identity per source -------------------------------------------------------------
def test_headers_name_each_source_once_with_its_number(window):
    from html import escape
    from pathlib import Path
    titles = set()
    for pane in window.panes:
        doc = window.comp.documents[pane.index]
        number = f"[{pane.index + 1}]"
        assert pane.header.title.full.startswith(f"{number} ")
        assert pane.header.detail.full.endswith(Path(doc.path).name)
        tip = pane.header.toolTip()  # shown literally: file text is never rendered as HTML
        assert escape(doc.path) in tip and escape(doc.name) in tip and tip.startswith("<qt>")
        assert number in pane.view.accessibleName()
        titles.add(pane.header.title.full)
    assert len(titles) == len(window.panes)
    entries = {window.reference_box.itemText(i) for i in range(window.reference_box.count())}
    assert len(entries) == window.reference_box.count()
    window.step(1)
    assert f"[{window.diffs[window.current].source + 1}]" in window.counts.text()


def test_clicking_a_paragraph_fills_the_detail_panel(window, qtbot):
    comp = window.comp
    link = next(l for l in comp.links if l.a[0] == 0 and comp.row_of[l.a] == comp.row_of[l.b])
    row = comp.row_of[link.a]
    view = window.panes[0].view
    window.scroll_to_row(row, margin=0)
    cursor = QTextCursor(view.document().findBlockByNumber(view.content.row_blocks[row][0]))
    point = view.cursorRect(cursor).center()
    from PySide6.QtCore import Qt
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.selected_row == row
    html = window.detail.toPlainText()
    for s in range(4):
        assert comp.documents[s].name[:20] in html


def test_one_file_opens_with_a_hint(new_window):
    win = new_window(seed_paths()[:1])
    assert len(win.panes) == 1
    assert "add another" in win.banner.text().lower()


def test_screenshot_command_writes_a_png(tmp_path):
    out = tmp_path / "shot.png"
    run = subprocess.run([sys.executable, "-m", "reader", "--screenshot", str(out),
                          "--size", "1200x800"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20000



def test_selecting_a_row_outlines_moved_counterparts(window):
    comp = window.comp
    source, para = next((s, p) for s, doc in enumerate(comp.documents)
                        for p in range(len(doc.paragraphs)) if comp.moved((s, p)))
    other = comp.moved((source, para))[0]
    window.select_row(comp.row_of[(source, para)], source)
    pane = next(p for p in window.panes if p.index == other[0])
    assert other[1] in pane.view.linked_elsewhere


def test_ctrl_wheel_zooms_all_panes_together(window, qtbot):
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    view = window.panes[1].view
    before = window.zoom
    event = QWheelEvent(QPointF(50, 50), QPointF(50, 50), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    view.wheelEvent(event)
    assert window.zoom == before + 1
    sizes = {p.view.document().defaultFont().pointSizeF() for p in window.panes}
    assert len(sizes) == 1


def test_status_bar_drops_the_aligning_message_when_done(new_window, qtbot):
    win = new_window()
    with qtbot.waitSignal(win.comparisonShown, timeout=20000):
        win.open_paths(seed_paths())
    assert "Aligning" not in win.statusBar().currentMessage()


def test_a_dark_palette_recolours_the_panes_and_keeps_the_place(window):
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    k = _shared_passages(window)[len(_shared_passages(window)) // 3]
    window._scroll_lead_to(k)
    light = app.palette()
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    try:
        app.setPalette(dark)
        settle_app()
        assert window.theme.dark
        assert _place_passage(window) == k
    finally:
        app.setPalette(light)
        settle_app()


def test_a_jump_marks_only_the_passage_it_lands_on(window):
    """A row can hold unrelated passages (a subheading beside the lede): the frame and
    the selection never take those along."""
    for _ in window.diff_panel.places[:25]:
        window.step(1)
        marked = {k for p in window.panes for k in p.view.flashed | p.view.selected}
        assert len(marked) == 1
        diff = window.diffs[window.current]
        assert window.story.passages[marked.pop()].row == diff.row


def test_a_large_comparisons_differences_are_listed_a_turn_after_the_last_marks(
        new_window, qtbot, monkeypatch):
    """Marked a pane per turn, the panes' differences are listed in a turn of their own
    (``_list_highlighted``): with the last pane's marks and their paint it made the
    window's longest turn (~50 ms on 20 x 100); the window is busy until then."""
    from reader.core.comparison import compare
    from reader.core.load.documents import load_document
    docs = [load_document(p) for p in seed_paths()]
    done = compare(docs)
    done.prepare_diffs(0)
    done.differences(0)
    shown = compare(docs)
    win = new_window()
    win.job = object()  # a job still running: its diffs are on their way
    with qtbot.waitSignal(win.comparisonShown, timeout=20000):
        win._loaded(shown, docs, [])
    qtbot.waitUntil(lambda: not win.busy(), timeout=20000)  # its layout's turns too
    win.job = None
    monkeypatch.setattr(win, "heavy", lambda sources: True)  # a pane per turn
    marked = []
    highlight = win._highlight_next
    monkeypatch.setattr(win, "_highlight_next",
                        lambda: (highlight(), marked.append((list(win.diffs), win.busy()))))
    win._diffs_ready(done.diff_caches(0))
    qtbot.waitUntil(lambda: not win.busy(), timeout=20000)
    assert [diffs for diffs, _ in marked] == [[]] * len(win.panes)  # none listed meanwhile
    assert all(busy for _, busy in marked)
    assert win.diffs == done.differences(0) and not win.busy()
