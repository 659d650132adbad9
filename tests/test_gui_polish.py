"""The reading view as a reader feels it (pytest-qt, offscreen): numbering with missing
sources, hand-set links, the story map from the keyboard, F7 framing, undoing a removed
source, the passage dock."""

from __future__ import annotations

import pytest
from gui_helpers import click_paragraph, settle_app
from PySide6.QtCore import Qt

from reader.core.comparison import Comparison
from reader.gui.story import build_story

pytestmark = pytest.mark.usefixtures("no_save_prompt")


# -- 6. the "Passage in every source" dock shows the passage, not the engine's row ---------------
def _two_rows_in_one(comp: Comparison, source: int) -> tuple[Comparison, int]:
    """The comparison with two neighbouring rows of ``source`` put in one engine row (as
    the engine does with unrelated paragraphs between the same anchors): a row of two
    passages."""
    n = len(comp.documents)
    rows = [list(map(list, row)) for row in comp.rows]
    for r in range(3, len(rows) - 1):
        if not (rows[r][source] and rows[r + 1][source]) or any(
                comp.documents[s].paragraphs[p].boilerplate
                for s in range(n) for p in rows[r][s] + rows[r + 1][s]):
            continue
        merged = [rows[r][s] + rows[r + 1][s] for s in range(n)]
        joined = Comparison(comp.documents, comp.links, rows[:r] + [merged] + rows[r + 2:])
        if len(build_story(joined).of_row[r]) == 2:
            return joined, r
    raise AssertionError("no two rows to join")


def test_the_passage_dock_shows_the_clicked_passage_not_the_whole_row(window, qtbot):
    source = window.open_sources[-1]
    comp, r = _two_rows_in_one(window.comp, source)
    window.comp, window.story = comp, build_story(comp)
    window.rebuild()
    settle_app()
    first, second = window.story.of_row[r]  # the row cut into its two passages
    para = window.story.passages[second].cells[source][0]
    click_paragraph(window, qtbot, (source, para))
    shown = " ".join(window.detail.toPlainText().split())
    words = " ".join(comp.documents[source].paragraphs[para].text.split())
    other = window.story.passages[first].cells[source][0]
    elsewhere = " ".join(comp.documents[source].paragraphs[other].text.split())
    assert words[:60] in shown
    assert elsewhere[:60] not in shown
    assert window.detail.passage == second


# -- 3. the story map from the keyboard ---------------------------------------------------------
def test_the_story_map_is_reachable_and_usable_from_the_keyboard(window, qtbot):
    story_map = window.story_map
    assert story_map.accessibleName()
    assert story_map.focusPolicy() & Qt.FocusPolicy.TabFocus  # Tab reaches it
    hidden = window.order[-1]
    window.hide_source(hidden)
    settle_app()
    assert hidden not in window.open_sources
    window.activateWindow()
    story_map.setFocus(Qt.FocusReason.TabFocusReason)
    settle_app()
    lane, _ = story_map.cursor
    assert lane == window.reference
    steps = (window.order.index(hidden) - window.order.index(lane)) % len(window.order)
    for _ in range(steps):
        qtbot.keyClick(story_map, Qt.Key.Key_Right)
    for _ in range(12):
        qtbot.keyClick(story_map, Qt.Key.Key_Down)
    lane, passage = story_map.cursor
    assert lane == hidden and passage > 0
    assert story_map.names[hidden] in story_map.accessibleDescription()
    qtbot.keyClick(story_map, Qt.Key.Key_Return)
    settle_app()
    assert hidden in window.open_sources  # Enter opened that source as a pane…
    assert window.story_map.current == passage  # …at that passage
    assert window.lead == hidden or not window.story.passages[passage].carried_by(hidden)


# -- 4. after F7 every pane shows the top of the linked passage ---------------------------------
def _linked_passage(win, pane_source: int) -> int | None:
    """The passage of ``pane_source`` that holds the current passage's text."""
    k = win.story_map.current
    passage = win.story.passages[k]
    if passage.carried_by(pane_source):
        return k
    linked = [win.story.of_ref[l.other((s, p))] for s in passage.sources
              for p in passage.cells[s] for l in win.comp.links_of((s, p))
              if l.other((s, p))[0] == pane_source]
    return min(linked) if linked else None


def test_after_f7_every_pane_shows_the_top_of_the_linked_passage(new_window, seeds):
    win = new_window(seeds, size=(1366, 768))
    settle_app()
    win.relayout()
    settle_app()
    checked = elsewhere = 0
    for _ in range(len(win.diff_panel.places)):
        win.next_action.trigger()
        settle_app()
        for pane in win.panes:
            target = _linked_passage(win, pane.index)
            if target is None:
                continue
            view = pane.view
            top = view.passage_rect(target).top()
            line = view.fontMetrics().lineSpacing()
            assert 0 <= top <= view.viewport().height() - line, \
                (win.current, pane.index, target, top)
            checked += 1
            elsewhere += target != win.story_map.current
    assert checked > 20 and elsewhere > 3  # moved text was among what was checked


# -- 5. removing a source can be undone ---------------------------------------------------------
def test_undo_brings_a_removed_source_back_with_its_pane_and_hand_links(window, qtbot,
                                                                        monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from reader.core.fixes import HAND, set_by
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    comp = window.comp
    gone = window.order[-1]
    a = next((0, p) for p in range(4, len(comp.documents[0].paragraphs))
             if not comp.documents[0].paragraphs[p].boilerplate)
    b = next((gone, q) for q in range(4, len(comp.documents[gone].paragraphs))
             if not comp.documents[gone].paragraphs[q].boilerplate
             and (gone, q) not in {l.other(a) for l in comp.links_of(a)})
    assert window.fixes.apply("link", [a], [b])  # a link set by hand, to the source removed
    settle_app()
    before = (list(window.paths), list(window.order), list(window.open_sources))
    removed = window.paths[gone]
    window.remove_source(gone)
    qtbot.waitUntil(lambda: window.job is None and removed not in window.paths, timeout=60000)
    settle_app()
    assert "Remove" in window.notes.undo_stack.undoText()
    undo = next(a for a in window.edit_menu.actions() if a.text().startswith("&Undo"))
    assert undo.isEnabled() and "Ctrl+Z" in undo.shortcut().toString()
    undo.trigger()
    qtbot.waitUntil(lambda: window.job is None and removed in window.paths, timeout=60000)
    settle_app()
    assert (list(window.paths), list(window.order), list(window.open_sources)) == before
    assert window.pane_of(gone) is not None  # its pane is back, in its place
    hand = {(l.a, l.b) for l in window.comp.links if set_by(l) == HAND}
    assert (a, b) in hand or (b, a) in hand  # and the link the reader set


# -- 1. a saved comparison with a source missing keeps its numbers ------------------------------
def test_a_missing_source_leaves_a_gap_in_the_numbers_and_is_named(window, new_window, seeds,
                                                                   tmp_path):
    file = str(tmp_path / "story.parallax")
    assert window.comparisons.save(path=file)
    names = [d.name for d in window.comp.documents]
    (tmp_path / "sources" / seeds[1].split("/")[-1]).unlink()  # saved source [2] is gone
    win = new_window([file])
    settle_app()
    assert len(win.comp.documents) == 3
    assert win.story.numbers == [0, 2, 3]
    for pane in win.panes:  # every pane shows the number the comparison was saved with
        saved = win.story.numbers[pane.index]
        assert pane.header.title.full.startswith(f"[{saved + 1}] ")
        assert pane.view.accessibleName().startswith(f"[{saved + 1}]")
    boxes = [win.reference_box.itemText(i) for i in range(win.reference_box.count())]
    assert [b[:3] for b in boxes] == ["[1]", "[3]", "[4]"]
    assert [a.text()[:3] for a in win.panes_menu.actions()] == ["[1]", "[3]", "[4]", "[2]"]
    assert "missing" in win.panes_menu.actions()[-1].text()
    assert win.story_map.names[1].startswith("[3]")
    assert "missing: [2]" in win.comparisons.counts.text()
    assert names[1] in win.comparisons.counts.toolTip()
    listed = " ".join(win.diff_panel.list.item(i).text()
                      for i in range(win.diff_panel.list.count()))
    assert "[4]" in listed and "[2]" not in listed  # differences under the saved numbers
    win.step(1)
    settle_app()
    shown = win.detail.toPlainText()
    assert "[4]" in shown and "[2]" not in shown


# -- 2. links and verdicts set by hand show as such ----------------------------------------------
def _content_paras(comp, source):
    return [p.index for p in comp.documents[source].paragraphs[3:] if not p.boilerplate]


def test_links_and_verdicts_set_by_hand_are_marked_apart_from_the_engines(window):
    from reader.core.fixes import HAND, set_by
    from reader.gui.fix_actions import HAND_GLYPH
    comp = window.comp
    a = (0, _content_paras(comp, 0)[2])
    b = next((1, q) for q in _content_paras(comp, 1)
             if (1, q) not in {l.other(a) for l in comp.links_of(a)}
             and comp.row_of[(1, q)] > comp.row_of[a])
    wrong = next(l for l in comp.links if l.a[0] == 0 and l.b[0] == 2 and a not in (l.a, l.b)
                 and b not in (l.a, l.b) and comp.row_of[l.a] > comp.row_of[b])
    assert window.fixes.apply("link", [a], [b])
    assert window.fixes.apply("unlink", [wrong.a], [wrong.b])
    settle_app()
    comp = window.comp
    engine = next(l for l in comp.links if set_by(l) != HAND and l.a[0] == 0 and l.b[0] == 1)
    # a mark in the pane, whose tooltip says who set it, over whatever else is there
    window.jump_to(b[0], window.story.of_ref[b])
    settle_app()
    view = window.pane_of(b[0]).view
    tip = view.tooltip_at(view._badge_rect(b[1]).center().toPoint())
    assert tip.startswith(HAND_GLYPH) and "set by hand" in tip.lower() and "[1]¶" in tip
    # the verdict that leaves no link shows too, on both paragraphs
    for ref, other in ((wrong.a, wrong.b), (wrong.b, wrong.a)):
        badge = window.fixes.badges[ref]
        assert badge.startswith(HAND_GLYPH) and f"not linked to [{other[0] + 1}]" in badge
    # between the panes, the hand link's band is told apart from the engine's
    handle = window.splitter.handle(1)
    assert handle.hand_linked(window.story.of_ref[a], a[0], b[0])
    assert not handle.hand_linked(window.story.of_ref[engine.a], engine.a[0], engine.b[0])
    # the passage dock says it, and the legend explains the mark
    assert "Set by hand" in window.detail.toPlainText()
    assert "Set by hand" in window.legend.text()


# -- seen on screenshots: the layout held still, frames that cover the text -----------------------
def test_relayout_is_stable_and_the_passage_frame_covers_its_last_line(new_window, seeds):
    from PySide6.QtGui import QTextCursor
    win = new_window(seeds, size=(1366, 768))
    win.facts.wait()  # fact marks arrive from a child process and may rewrap lines: first
    settle_app()

    def tops():
        return [list(p.view.passage_top) for p in win.panes]

    for _ in range(2):  # the docks and panes take their final widths
        win.relayout()
        settle_app()
    widths = [p.view.viewport().width() for p in win.panes]
    first = tops()
    win.relayout()  # a resize at the same widths relays out again: nothing may move
    settle_app()
    assert [p.view.viewport().width() for p in win.panes] == widths
    assert tops() == first
    for pane in win.panes:
        view = pane.view
        for k, span in enumerate(view.content.passage_blocks):
            if span is None:
                continue
            block = view.document().findBlockByNumber(span[1])
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + max(0, block.length() - 1))
            assert view.passage_rect(k).bottom() >= view.cursorRect(cursor).bottom() - 1, k


def test_a_list_entry_writes_runs_of_source_numbers_as_ranges():
    from reader.core.snippets import number_runs
    assert number_runs([2, 3, 4, 6, 8, 9]) == "[2]–[4] [6] [8] [9]"
    assert number_runs([4, 1]) == "[1] [4]"  # in order, saved numbers with gaps kept


def test_an_empty_fact_list_gives_its_room_to_the_differences(new_window, seeds, tmp_path,
                                                               qtbot):
    copy = tmp_path / "same-story.txt"  # a second version that changes no fact
    text = open(seeds[0], encoding="utf-8").read()
    copy.write_text(text + "\n\nA closing line only this version has.\n", encoding="utf-8")
    win = new_window([seeds[0], str(copy)])
    facts = win.facts
    qtbot.waitUntil(lambda: facts.key is not None, timeout=60000)
    settle_app()
    assert facts.list.count() == 0 and not facts.list.isVisibleTo(win)
    assert win.diff_panel.list.height() > win.diff_panel.height() // 2
