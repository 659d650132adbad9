"""Keyboard use on a laptop (a student's review, 11): the note editor lets Tab leave it,
saves on Ctrl+Enter and asks before Escape throws typed words away; Ctrl+Shift+arrows
are left to the text (they had moved panes); Ctrl+M notes the paragraph the text cursor
is in; the shortcuts fit a 720-px screen; reading a paragraph says nothing of fixes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox

from reader.core.annotations.model import Anchor, Note
from reader.gui.note_editor import NoteEditor
from reader.gui.window_layout import shortcuts_box


@pytest.fixture
def editor(qtbot, monkeypatch):
    # closing the editor at teardown with words typed must not wait on the question
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args, **_kwargs: QMessageBox.StandardButton.Discard)
    note = Note(Anchor(0, "a.txt", "the quote", "", "", 0, 9))
    dialog = NoteEditor(None, note, ["other", "wording"], "[1] a.txt", [])
    qtbot.addWidget(dialog)
    return dialog


def test_tab_leaves_the_note_and_ctrl_enter_saves_it(editor, qtbot):
    editor.show()
    editor.activateWindow()
    qtbot.waitActive(editor)
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, "A train")
    qtbot.keyClick(editor.body, Qt.Key.Key_Tab)
    assert "\t" not in editor.body.toPlainText() and not editor.body.hasFocus()
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert editor.values()[0] == "A train"


def test_escape_asks_before_it_throws_typed_words_away(editor, qtbot, monkeypatch):
    answers = []

    def answer(*_args, **_kwargs):
        answers.append(1)
        return answer.button

    monkeypatch.setattr(QMessageBox, "question", answer)
    editor.show()
    editor.reject()  # nothing typed: no question
    assert answers == [] and editor.result() == QDialog.DialogCode.Rejected
    editor.show()
    editor.body.setPlainText("My finding")
    answer.button = QMessageBox.StandardButton.Cancel
    editor.reject()
    assert answers == [1] and editor.isVisible()
    answer.button = QMessageBox.StandardButton.Discard
    editor.reject()
    assert answers == [1, 1] and not editor.isVisible()


@pytest.fixture
def window(new_window, qtbot, seeds):
    win = new_window(seeds[:2], size=(1366, 768))
    qtbot.waitUntil(lambda: win.pane_of(1) is not None, timeout=20000)
    return win


def test_ctrl_shift_arrows_are_the_texts(window):
    taken = {seq.toString() for action in window.findChildren(QAction)
             for seq in action.shortcuts()}
    for keys in ("Ctrl+Shift+Left", "Ctrl+Shift+Right"):
        assert QKeySequence(keys).toString() not in taken
    assert QKeySequence("Alt+Shift+Right").toString() in taken


def test_ctrl_m_notes_the_paragraph_the_cursor_is_in(window, qtbot):
    pane = window.pane_of(1)
    window.active_source = 1
    window.selected_row = None
    pane.view.setFocus()
    qtbot.waitUntil(pane.view.hasFocus, timeout=5000)
    content = pane.view.content
    block = next(b for b, p in enumerate(content.block_para) if p is not None and b > 2)
    cursor = pane.view.textCursor()
    cursor.setPosition(content.document.findBlockByNumber(block).position() + 3)
    cursor.clearSelection()
    pane.view.setTextCursor(cursor)
    window.selected_row = None  # the cursor's move picked it: a keyboard user clicked nothing
    para = content.paragraphs[content.block_para[block]]
    assert window.notes._selection_anchor() == (1, para.start, para.end)


def test_the_shortcuts_fit_a_laptop_screen(window):
    box = shortcuts_box(window)
    assert box.sizeHint().height() < 640
    box.deleteLater()


def test_reading_a_paragraph_says_nothing_of_fixes(window):
    window.statusBar().clearMessage()
    window.fixes.picks = []
    window.fixes.pick((0, 1))
    assert window.statusBar().currentMessage() == ""
    window.fixes.pick((1, 1))
    assert "link them" in window.statusBar().currentMessage()


def test_the_frame_round_a_passage_leaves_its_first_letters_clear(window):
    """The frame where a jump lands is drawn 2 px in from the pane's edge; the lines had
    started at its edge too, and "industrial" read "ndustrial" under it."""
    view = window.pane_of(0).view
    frame = view.document().rootFrame().frameFormat()
    assert frame.leftMargin() >= view.document().documentMargin() >= 8
    first_line_x = view.cursorRect(view.textCursor()).x()
    assert first_line_x >= 8


def test_the_keyboard_starts_in_the_reference_text(window, qtbot):
    """It had started in the story map, where PageDown scrolled nothing."""
    qtbot.waitUntil(lambda: window.focusWidget() is not None, timeout=10000)
    assert window.focusWidget() is window.pane_of(window.reference).view
    window.story_map.setFocus()  # a reader who chose the map keeps it, till the next build
    assert window.focusWidget() is window.story_map


def test_the_pane_the_keyboard_is_in_is_marked(window, qtbot):
    """Ctrl+W, Ctrl+M and Alt+Shift+arrows act on the focused pane, which had looked
    exactly like the others: its header bears a bar, and only its header."""
    first, second = window.pane_of(0), window.pane_of(1)
    first.view.setFocus()
    qtbot.waitUntil(lambda: first.header.focused, timeout=5000)
    assert not second.header.focused
    window.focus_pane(1)  # F6
    qtbot.waitUntil(lambda: second.header.focused, timeout=5000)
    assert not first.header.focused
    shot = second.header.grab().toImage()  # the bar is painted, in the highlight colour
    highlight = second.header.palette().color(second.header.palette().ColorRole.Highlight)
    assert shot.pixelColor(shot.width() // 2, 1) == highlight
    shot = first.header.grab().toImage()
    assert shot.pixelColor(shot.width() // 2, 1) != highlight


def test_tab_goes_through_the_panes_in_the_order_they_stand(new_window, seeds, qtbot):
    """A pane moved (Alt+Shift+→) keeps its widgets, made before the others: Tab went
    [1], [3], [2] where the panes stood [1] [2] [3]."""
    win = new_window(seeds[:3], size=(1500, 800))
    qtbot.waitUntil(lambda: len(win.panes) == 3, timeout=20000)
    win.active_source = 1
    win.move_active(1)  # now [1] [3] [2]
    qtbot.waitUntil(lambda: [p.index for p in win.panes] == [0, 2, 1], timeout=20000)
    views = [p.view for p in win.panes]
    seen, widget = [], views[0]
    for _ in range(40):
        widget = widget.nextInFocusChain()
        if widget in views:
            seen.append(views.index(widget))
        if widget is views[0]:
            break
    assert seen[:2] == [1, 2]


def test_escape_from_find_gives_the_keyboard_back_to_the_text(window, qtbot):
    pane = window.pane_of(1)
    pane.view.setFocus()
    qtbot.waitUntil(pane.view.hasFocus, timeout=5000)
    window.show_find()
    qtbot.waitUntil(window.find_bar.edit.hasFocus, timeout=5000)
    qtbot.keyClicks(window.find_bar.edit, "the")
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.focusWidget() is not None, timeout=5000)
    assert window.focusWidget() is pane.view


def test_one_place_is_current_after_a_jump_to_a_fact_change(window, qtbot):
    """After F7 to the last place then Ctrl+F7, the places list and the status bar went on
    naming the last place while the panes showed the fact change's."""
    qtbot.waitUntil(lambda: window.facts.key is not None and bool(window.facts.entries),
                    timeout=60000)
    window.go_to_place(len(window.diff_panel.places))
    window.facts.step_facts(1)  # Ctrl+F7
    fact = window.facts.placed[window.facts.current]
    assert window.diffs[window.current].row == fact.row
    item = window.diff_panel.list.currentItem()
    assert item.data(Qt.ItemDataRole.UserRole + 1) == fact.row
    # and back: F7 moves the fact list to its place's entry, or leaves none current
    window.step(1)
    row = window.diffs[window.current].row
    entry = window.facts.list.currentRow()
    assert entry == -1 or window.facts.placed[window.facts.entries[entry][0]].row == row
    assert entry != 0 or row == fact.row


def test_on_a_laptop_screen_the_passage_dock_waits_to_be_asked(window, new_window, seeds):
    """At 1366 x 768 the dock had opened at the first passage and left the panes ~480 px."""
    window.go_to_place(1)
    assert window.detail_dock.isHidden() and "Passage in every source" in \
        window.statusBar().currentMessage()
    tall = new_window(seeds[:2], size=(1500, 1000))
    tall.go_to_place(1)
    assert not tall.detail_dock.isHidden()


def test_the_note_editor_names_each_source_once_by_its_paragraphs(seed_comparison):
    """"Also shown with" listed each linked paragraph by its source's title, which every
    version shares, and a split paragraph's source twice."""
    from reader.gui.notes_controller import _paragraphs_by_source
    comp = seed_comparison
    docs = comp.documents

    def anchor(s: int, p: int) -> Anchor:
        para = docs[s].paragraphs[p]
        return Anchor.from_text(s, docs[s].path, docs[s].text, para.start, para.end)

    tags = [f"[{n}]" for n in range(1, 11)][:len(docs)]
    assert _paragraphs_by_source(comp, [anchor(3, 6), anchor(1, 2), anchor(3, 5)], tags) == \
        ["[2] ¶3", "[4] ¶6, ¶7"]
