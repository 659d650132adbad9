"""The reader window, driven headless with pytest-qt (QT_QPA_PLATFORM=offscreen)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtGui import QTextCharFormat, QTextCursor

from reader.core.load.documents import seed_paths
from reader.gui.app import settle


@pytest.fixture
def window(new_window):
    win = new_window(seed_paths())
    settle_app()
    win.relayout()
    return win


def _block_top(view, block_number: int) -> float:
    doc = view.document()
    return doc.documentLayout().blockBoundingRect(doc.findBlockByNumber(block_number)).top()


def test_linked_paragraphs_share_a_top_edge(window):
    comp = window.comp
    views = {p.index: p.view for p in window.panes}
    checked = 0
    for link in comp.links:
        a, b = link.a[0], link.b[0]
        if comp.row_of[link.a] != comp.row_of[link.b]:
            continue
        va, vb = views[a], views[b]
        row = comp.row_of[link.a]
        # The first paragraph of the row in each pane starts at the row's top.
        ya = _block_top(va, va.content.row_blocks[row][0])
        yb = _block_top(vb, vb.content.row_blocks[row][0])
        assert abs(ya - yb) <= 1.0, (link, ya, yb)
        checked += 1
    assert checked > 20


def test_every_row_starts_at_the_same_height_in_every_pane(window):
    views = [p.view for p in window.panes]
    rows = len(window.comp.rows)
    for r in range(rows):
        tops = {round(_block_top(v, v.content.row_blocks[r][0])) for v in views}
        assert max(tops) - min(tops) <= 1, (r, tops)


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
    first, last = view.content.row_blocks[diff.row]
    formats = []
    for b in range(first, last + 1):
        block = view.document().findBlockByNumber(b)
        for fr in block.textFormats():
            formats.append(QTextCharFormat(fr.format))
    marked = [f for f in formats if f.background().color() in (window.theme.added, window.theme.changed)]
    assert marked, "no highlighted span in a row the engine says differs"
    assert all(f.fontUnderline() or f.underlineStyle() != f.UnderlineStyle.NoUnderline
               for f in marked)


def test_next_difference_visits_every_difference_in_order(window):
    seen = []
    for _ in range(len(window.diffs)):
        window.next_action.trigger()
        seen.append(window.current)
    assert seen == list(range(len(window.diffs)))
    rows = [window.diffs[i].row for i in seen]
    assert rows == sorted(rows)
    window.prev_action.trigger()
    assert window.current == len(window.diffs) - 2
    # the selected row follows the current difference
    assert window.selected_row == window.diffs[window.current].row


def test_synchronised_scrolling_keeps_rows_aligned(window, qtbot):
    window.set_sync(True)
    window.vbar.setValue(window.vbar.maximum() // 2)
    values = {p.view.verticalScrollBar().value() for p in window.panes}
    assert len(values) == 1 and values.pop() > 0
    # Scrolling one pane moves the others with it.
    window.panes[2].view.verticalScrollBar().setValue(300)
    assert {p.view.verticalScrollBar().value() for p in window.panes} == {300}
    top_rows = {p.view.row_at(300) for p in window.panes}
    assert len(top_rows) == 1
    window.set_sync(False)
    window.panes[1].view.verticalScrollBar().setValue(600)
    assert window.panes[0].view.verticalScrollBar().value() == 300


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


def test_large_comparison_shows_aligned_text_then_highlights(new_window):
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
    win._loaded(shown, docs, [])
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
    win = new_window()
    win.open_paths(paths)
    qtbot.waitUntil(lambda: bool(win.comp and not win._diffs_pending and win.diffs),
                    timeout=60000)
    assert len(win.panes) == 9
    assert win.diffs == win.comp.differences(win.reference)
    assert sum(p.view.content.spans_highlighted for p in win.panes) == \
        win.comp.span_count(win.reference)


def test_reference_choice_and_pane_order(window):
    window.set_reference(2)
    assert window.reference == 2
    ref_pane = next(p for p in window.panes if p.index == 2)
    assert ref_pane.view.content.spans_highlighted == 0
    assert ref_pane.header.detail.text().startswith("Reference")
    window.move_source(3, 0)
    assert window.order == [3, 0, 1, 2]
    assert [p.index for p in window.panes] == [3, 0, 1, 2]
    # remembered for this set of files
    order, reference = window.settings.arrangement(window.paths)
    assert order == [window.paths[i] for i in (3, 0, 1, 2)] and reference == window.paths[2]


def test_zoom_keeps_rows_aligned(window):
    before = window.panes[0].view.font().pointSizeF()
    window.set_zoom(3)
    settle_app()
    window.relayout()
    views = [p.view for p in window.panes]
    size = views[0].document().defaultFont().pointSizeF()
    assert size > before
    for r in range(0, len(window.comp.rows), 7):
        tops = {round(_block_top(v, v.content.row_blocks[r][0])) for v in views}
        assert max(tops) - min(tops) <= 1


def test_find_searches_every_pane(window):
    window.show_find()
    window.find_bar.edit.setText("Lavrov")
    per_pane = [len(p.view.extraSelections()) for p in window.panes]
    assert all(n > 0 for n in per_pane), per_pane
    assert len(window.find_bar.matches) == sum(per_pane)
    window.find_bar.step(1)
    pane = next(p for p in window.panes if p.view.hasFocus() or p.index == window.active_source)
    assert "Lavrov" in pane.view.textCursor().selectedText()


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


def settle_app():
    from PySide6.QtWidgets import QApplication
    settle(QApplication.instance())


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
