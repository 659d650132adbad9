"""Saved comparisons and manual fixes in the reader window (pytest-qt, offscreen)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from gui_helpers import click_paragraph, settle_app
from PySide6.QtCore import Qt

from reader.core.fixes import HAND, set_by
from reader.gui.comparison_actions import CANCEL, DISCARD
from reader.gui.fix_actions import HAND_GLYPH

pytestmark = pytest.mark.usefixtures("no_save_prompt")


def _unlinked_pair(comp, a: int, b: int):
    """Content paragraphs of sources a and b, not linked, not in one row, both mid-story."""
    for p in range(3, len(comp.documents[a].paragraphs)):
        for q in range(3, len(comp.documents[b].paragraphs)):
            if comp.documents[a].paragraphs[p].boilerplate or \
                    comp.documents[b].paragraphs[q].boilerplate:
                continue
            if (b, q) not in {l.other((a, p)) for l in comp.links_of((a, p))} and \
                    comp.row_of[(a, p)] != comp.row_of[(b, q)]:
                return (a, p), (b, q)
    raise AssertionError("no unlinked pair")


def _hand_pairs(comp):
    return {(l.a, l.b) for l in comp.links if set_by(l) == HAND}


# -- linking and unlinking from the reader, undo and redo ---------------------------------------
def test_two_clicks_and_link_pair_the_paragraphs_by_hand_and_undo_redo(window, qtbot):
    a, b = _unlinked_pair(window.comp, 0, 1)
    click_paragraph(window, qtbot, a)
    click_paragraph(window, qtbot, b)
    assert window.fixes.picks[-2:] == [a, b]
    window.fixes.actions["link"].trigger()
    settle_app()
    comp = window.comp
    assert (a, b) in _hand_pairs(comp)
    assert comp.row_of[a] == comp.row_of[b]  # the fix re-aligned the rows
    assert window.isWindowModified()
    badge = window.pane_of(1).view.badges.get(b[1], "")
    assert badge.startswith(HAND_GLYPH) and "set by hand" in badge.lower()
    window.notes.undo_stack.undo()
    settle_app()
    assert (a, b) not in _hand_pairs(window.comp)
    assert window.comp.row_of[a] != window.comp.row_of[b]
    assert window.comparisons.session.state.fixes == []
    window.notes.undo_stack.redo()
    settle_app()
    assert (a, b) in _hand_pairs(window.comp)


def test_unlink_from_the_paragraph_menu_separates_a_wrong_pair_and_undo_restores_it(window):
    comp = window.comp
    def partners(ref):
        return {l.other(ref) for l in comp.links_of(ref)}

    # a pair nothing else holds together (no third source linked to both)
    link = next(l for l in comp.links if l.a[0] == 0 and l.b[0] == 1 and l.a[1] > 2
                and comp.row_of[l.a] == comp.row_of[l.b]
                and not (partners(l.a) & partners(l.b)))
    from PySide6.QtWidgets import QMenu
    menu = QMenu()
    window.fixes.add_menu_entries(menu, *link.a)
    entries = {a.text(): a for sub in menu.actions() if sub.menu()
               for a in sub.menu().actions()}
    label = f"Unlink from [{link.b[0] + 1}]¶{link.b[1] + 1}"
    assert label in entries and "Only Here (no counterpart anywhere)" in entries
    entries[label].trigger()
    settle_app()
    after = window.comp
    assert link.b not in {l.other(link.a) for l in after.links_of(link.a)}
    assert after.row_of[link.a] != after.row_of[link.b]
    window.notes.undo_stack.undo()
    settle_app()
    assert link.b in {l.other(link.a) for l in window.comp.links_of(link.a)}


def test_a_fix_keeps_the_readers_place(window):
    window.go_to_difference(10)
    settle_app()
    before = window.current_place()
    a, b = _unlinked_pair(window.comp, 2, 3)
    window.fixes.apply("link", [a], [b])
    settle_app()
    after = window.current_place()
    assert (after.path, after.paragraph) == (before.path, before.paragraph)


# -- save and reopen ----------------------------------------------------------------------------
def test_save_then_reopen_gives_the_same_panes_reference_fixes_checked_and_place(
        window, new_window, tmp_path):
    window.set_reference(2)
    window.move_source(3, 0)
    window.hide_source(1)
    settle_app()
    a, b = _unlinked_pair(window.comp, 0, 2)
    assert window.fixes.apply("link", [a], [b])
    settle_app()
    window.go_to_difference(next(i for i, d in enumerate(window.diffs)
                                 if i > 5 and d.source != 1))
    settle_app()
    assert 1 not in window.open_sources
    window.comparisons.toggle_checked()
    checked = set(window.comparisons._checked)
    place, current = window.current_place(), window.current
    file = str(tmp_path / "story.parallax")
    assert window.comparisons.save(path=file)
    assert not window.isWindowModified()
    assert window.windowTitle() == f"{window.comparisons.session.title}[*] — Parallax"
    saved = json.loads(open(file, encoding="utf-8").read())
    assert saved["reference"] == 2 and saved["order"][0] == 3 and saved["sources"][1]["hidden"]

    again = new_window([file])
    settle_app()
    again.relayout()
    settle_app()
    assert again.reference == 2
    assert again.order == window.order
    assert again.open_sources == window.open_sources and 1 not in again.open_sources
    assert _hand_pairs(again.comp) == _hand_pairs(window.comp) != set()
    assert again.comparisons._checked == checked != set()
    assert again.current == current
    here = again.current_place()
    assert (here.path, here.paragraph) == (place.path, place.paragraph)
    assert not again.isWindowModified()
    assert again.comparisons.counts.text().startswith("✓ 1/")


def test_open_recent_names_a_comparison_by_its_title(window, tmp_path):
    from reader.gui.window_layout import fill_recent
    window.comparisons.session.state.title = "Wang Yi in Moscow"
    window.comparisons.save(path=str(tmp_path / "w.parallax"))
    fill_recent(window)
    labels = [a.text() for a in window.recent_menu.actions()]
    assert labels[0].startswith("Wang Yi in Moscow")


# -- sources changed on disk ----------------------------------------------------------------------
def test_a_missing_source_opens_the_rest_with_a_banner_and_locate_brings_it_back(
        window, new_window, seeds, tmp_path):
    file = str(tmp_path / "story.parallax")
    assert window.comparisons.save(path=file)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    moved = shutil.move(seeds[2], elsewhere / "renamed.txt")
    win = new_window([file])
    settle_app()
    assert len(win.comp.documents) == 3
    actions = win.comparisons
    assert actions.banner.isVisible()
    assert "[3]" in actions.banner_text.text() and "missing" in actions.banner_text.text()
    assert [b.text() for b in actions.locate_buttons] == ["Locate [3]…"]
    missing = next(s for s in actions.sources if s.state == "missing")
    actions.locate(missing, str(moved), wait=True)
    settle_app()
    assert len(win.comp.documents) == 4
    assert win.isWindowModified()  # the source's new place is not saved yet
    assert actions.locate_buttons == []


def test_an_edited_source_is_shown_not_the_backup_of_its_old_text_beside_it(
        window, new_window, seeds, tmp_path):
    """As ``parallax notes list`` does (tests/test_notes_edited_sources.py): the file at the
    saved path is the source, and the banner says it changed."""
    file = str(tmp_path / "story.parallax")
    assert window.comparisons.save(path=file)
    shutil.copy(seeds[1], seeds[1] + ".orig")
    text = open(seeds[1], encoding="utf-8").read()
    open(seeds[1], "w", encoding="utf-8").write(text + "\n\nA paragraph added since.\n")
    win = new_window([file])
    settle_app()
    assert [d.path for d in win.comp.documents] == [str(p) for p in seeds]
    assert "A paragraph added since." in win.comp.documents[1].text
    banner = win.comparisons.banner_text.text()
    assert "[2] " in banner and "changed since the comparison was saved" in banner
    assert "found it at" not in banner and win.comparisons.locate_buttons == []


def test_a_source_made_binary_is_said_unreadable_not_missing(window, new_window, seeds,
                                                              tmp_path):
    """The comparison banner said "[4] … is missing (… cannot be opened: could not be
    loaded)" beside the window's "binary data, not a text file": the file is where it
    was, and the loader's reason is the one to give."""
    file = str(tmp_path / "story.parallax")
    assert window.comparisons.save(path=file)
    with open(seeds[3], "wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    win = new_window([file])
    settle_app()
    banner = win.comparisons.banner_text.text()
    assert "[4] " in banner and "cannot be opened (" in banner and "binary" in banner
    assert "missing" not in banner and "could not be loaded" not in banner
    assert len(win.comp.documents) == 3 and len(win.comparisons.locate_buttons) == 1


def test_an_unplaced_fix_is_listed_and_kept(window, new_window, seeds, tmp_path):
    a, b = _unlinked_pair(window.comp, 0, 1)
    window.fixes.apply("link", [a], [b])
    file = str(tmp_path / "story.parallax")
    assert window.comparisons.save(path=file)
    doc = window.comp.documents[1]
    text = open(seeds[1], encoding="utf-8").read()
    gone = doc.paragraphs[b[1]].text
    assert gone in text
    open(seeds[1], "w", encoding="utf-8").write(text.replace(gone, "Nothing like it."))
    win = new_window([file])
    settle_app()
    banner = win.comparisons.banner_text.text()
    assert "could not be placed" in banner and "kept" in banner
    assert len(win.comparisons.session.state.fixes) == 1
    win.comparisons.session.changed = False
    assert win.comparisons.save()
    assert len(json.loads(open(file, encoding="utf-8").read())["fixes"]) == 1


# -- files that cannot be used ------------------------------------------------------------------
@pytest.mark.parametrize("content, says", [
    ("{not json", "damaged"),
    (json.dumps({"format": "parallax-comparison", "schema": 99, "sources": []}), "newer"),
])
def test_a_damaged_or_newer_file_is_refused_and_never_overwritten(new_window, seeds, tmp_path,
                                                                 content, says):
    file = tmp_path / "bad.parallax"
    file.write_text(content, encoding="utf-8")
    win = new_window()
    win.open_paths([str(file)], wait=True)
    settle_app()
    assert win.comp is None
    assert says in win.state_text.text()
    win.open_paths(seeds, wait=True)
    settle_app()
    win.open_paths([str(file)], wait=True)  # again, over a comparison: in the banner
    assert says in win.comparisons.banner_text.text() and len(win.comp.documents) == 4
    assert not win.comparisons.save(path=str(file))
    assert file.read_text(encoding="utf-8") == content
    assert "nothing was written over it" in win.comparisons.banner_text.text()


# -- checked places -------------------------------------------------------------------------------
def test_a_checked_place_is_ticked_counted_and_can_be_hidden(window):
    window.go_to_difference(0)
    first_row = window.diffs[0].row
    places = len(window.diff_panel.places)
    window.comparisons.toggle_checked()
    settle_app()
    assert window.diff_panel.list.item(0).text().startswith("✓ ")
    assert window.comparisons.counts.text().startswith(f"✓ 1/{places} ")
    window.comparisons.hide_checked.setChecked(True)
    assert len(window.diff_panel.places) == places - 1
    assert first_row not in [row for row, _ in window.diff_panel.places]
    window.comparisons.hide_checked.setChecked(False)
    window.go_to_difference(0)
    window.comparisons.toggle_checked()  # again: unchecked
    assert "checked" not in window.comparisons.counts.text()  # loose files, nothing done:
    # nothing to say (a comparison file would say ✓ 0/…, test_gui_follow)


# -- the modified state -------------------------------------------------------------------------
def test_closing_with_unsaved_fixes_asks_first(window, monkeypatch):
    a, b = _unlinked_pair(window.comp, 0, 1)
    window.fixes.apply("link", [a], [b])
    assert window.windowTitle().startswith("Parallax") and window.isWindowModified()
    monkeypatch.setattr(window.comparisons, "ask_to_save", lambda: CANCEL)
    assert not window.close()
    assert window.isVisible()
    monkeypatch.setattr(window.comparisons, "ask_to_save", lambda: DISCARD)
    assert window.close()


# -- the corrected view is what exports get -----------------------------------------------------
def test_an_export_from_the_reader_shows_the_fix(window):
    from reader.core.export.report import ExportOptions, build_report
    a, b = _unlinked_pair(window.comp, 0, 1)
    window.fixes.apply("link", [a], [b])
    report = build_report(window.comp, [], ExportOptions(reference=0, order=[0, 1, 2, 3]))
    rows = [r for r in report.rows if a[1] in report.comp.rows[r][0]]
    assert rows and b[1] in report.comp.rows[rows[0]][1]


def test_the_command_line_opens_a_comparison_file(window, tmp_path):
    file = str(tmp_path / "story.parallax")
    window.set_reference(1)
    assert window.comparisons.save(path=file)
    out = tmp_path / "shot.png"
    run = subprocess.run([sys.executable, "-c", "import sys; from reader.cli import main; "
                          "sys.exit(main())", file, "--screenshot", str(out), "--size",
                          "1200x800"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert out.stat().st_size > 10_000


def _arrow_into(window, qtbot, ref):
    """Keyboard only: F6 to the pane, then Down from the block before the paragraph."""
    from PySide6.QtGui import QTextCursor
    source, para = ref
    view = window.pane_of(source).view
    for _ in range(len(window.panes)):
        if window.focusWidget() is view:
            break
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F6)
    assert view.hasFocus()
    cursor = QTextCursor(view.document().findBlockByNumber(view.content.para_block(para) - 1))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    view.setTextCursor(cursor)  # where the reader's arrow keys had brought it
    qtbot.keyClick(view, Qt.Key.Key_Down)


def test_the_keyboard_alone_picks_and_links(window, qtbot):
    window.activateWindow()
    window.focus_pane(1)
    a, b = _unlinked_pair(window.comp, 0, 1)
    window.jump_to(0, window.story.of_ref[a])
    _arrow_into(window, qtbot, a)
    window.jump_to(1, window.story.of_ref[b])
    _arrow_into(window, qtbot, b)
    assert window.fixes.picks[-2:] == [a, b]
    qtbot.keyClick(window.pane_of(1).view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    settle_app()
    assert (a, b) in _hand_pairs(window.comp)
    qtbot.keyClick(window.pane_of(1).view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle_app()
    assert (a, b) not in _hand_pairs(window.comp)


def test_dropping_a_comparison_file_opens_it(window, new_window, tmp_path, qtbot):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent
    file = str(tmp_path / "story.parallax")
    window.set_reference(3)
    assert window.comparisons.save(path=file)
    win = new_window(window.paths[:2])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(file)])
    win.dropEvent(QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                             Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: win.comparisons.session.file == file, timeout=60000)
    settle_app()
    assert len(win.comp.documents) == 4 and win.reference == 3


def test_a_saved_fix_can_be_removed_from_the_menu_and_put_back(window, new_window, tmp_path):
    a, b = _unlinked_pair(window.comp, 0, 1)
    window.fixes.apply("link", [a], [b])
    file = str(tmp_path / "story.parallax")
    assert window.comparisons.save(path=file)
    win = new_window([file])
    settle_app()
    win.fixes._fill_remove_menu()
    [entry] = win.fixes.remove_menu.actions()
    assert entry.text().startswith("1. link [1]")
    entry.trigger()
    settle_app()
    assert _hand_pairs(win.comp) == set() and win.isWindowModified()
    win.notes.undo_stack.undo()
    settle_app()
    assert (a, b) in _hand_pairs(win.comp)


def test_the_place_in_a_passage_comes_back_without_a_current_difference(window, new_window,
                                                                        tmp_path):
    k = next(k for k, p in enumerate(window.story.passages)
             if k > 20 and not p.furniture and 0 in p.sources)
    window.jump_to(0, k)
    window.current = -1
    settle_app()
    place = window.current_place()
    file = str(tmp_path / "story.parallax")
    assert window.comparisons.save(path=file)
    assert json.loads(open(file, encoding="utf-8").read())["place"]["kind"] == "passage"
    win = new_window([file])
    settle_app()
    win.relayout()
    settle_app()
    here = win.current_place()
    assert (here.path, here.paragraph) == (place.path, place.paragraph)


def test_opening_other_sources_asks_before_leaving_unsaved_fixes(window, tmp_path, monkeypatch):
    a, b = _unlinked_pair(window.comp, 0, 1)
    window.fixes.apply("link", [a], [b])
    file = str(tmp_path / "story.parallax")
    assert window.comparisons.save(path=file)
    window.fixes.apply("only-here", [a])
    others = [shutil.copy(p, tmp_path) for p in window.paths[:2]]
    asked = []
    monkeypatch.setattr(window.comparisons, "ask_to_save",
                        lambda: asked.append(1) or CANCEL)
    window.open_paths(others, wait=True)
    assert asked and len(window.comp.documents) == 4  # stayed
    monkeypatch.setattr(window.comparisons, "ask_to_save", lambda: DISCARD)
    window.open_paths(others, wait=True)
    settle_app()
    assert len(window.comp.documents) == 2
    assert window.comparisons.session.file is None  # never saved over story.parallax
    assert len(json.loads(open(file, encoding="utf-8").read())["fixes"]) == 1


def test_fixes_follow_when_a_source_is_added(window, seeds):
    a, b = _unlinked_pair(window.comp, 0, 1)
    window.open_paths(seeds[:3], wait=True)
    window.fixes.apply("link", [a], [b])
    window.open_paths(seeds, wait=True)
    settle_app()
    assert len(window.comp.documents) == 4
    assert (a, b) in _hand_pairs(window.comp) and window.isWindowModified()


def test_a_file_whose_sources_are_all_gone_offers_to_locate_them(window, new_window, seeds,
                                                                 tmp_path):
    file = str(tmp_path / "story.parallax")
    assert window.comparisons.save(path=file)
    away = tmp_path / "away"
    away.mkdir()
    moved = [shutil.move(p, away / f"{n}.renamed") for n, p in enumerate(seeds)]
    win = new_window([file])
    assert win.comp is None and "None of the sources" in win.state_text.text()
    assert len(win.comparisons.locate_buttons) == 4
    first = next(s for s in win.comparisons.sources if s.index == 0)
    win.comparisons.locate(first, str(moved[0]), wait=True)
    settle_app()
    assert win.comp is not None and len(win.comp.documents) == 1
    assert len(win.comparisons.locate_buttons) == 3
