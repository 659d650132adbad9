"""Annotating in the reader: create, edit, delete with undo, jump, marks and tooltips."""

from __future__ import annotations

import pytest
from gui_helpers import select_text

from reader.core.annotations.session import open_store
from reader.core.load.documents import seed_paths
from reader.gui.notes_controller import NotesController


@pytest.fixture
def window(new_window, monkeypatch):
    answers = {"body": "Omits the **caveat** <script>x()</script>", "category": "omission",
               "status": "open"}

    def fake_dialog(self, note):  # the modal editor, answered as a user would
        note.body, note.category, note.status = (answers["body"], answers["category"],
                                                 answers["status"])
        return True

    monkeypatch.setattr(NotesController, "_edit_dialog", fake_dialog)
    win = new_window(seed_paths(), size=(1400, 900))
    win.answers = answers
    return win


_select = select_text


def test_annotate_selection_marks_it_and_saves(window):
    quote = "Moscow this week suspended its participation"
    _select(window, 0, quote)
    window.annotate_action.trigger()
    [placed] = window.notes.placed
    assert placed.note.anchor.quote == quote and placed.state == "anchored"
    assert placed.note.category == "omission"
    # counterparts: the linked paragraphs of the other sources
    assert {a.source for a in placed.note.counterparts} >= {1}
    pane0 = next(p for p in window.panes if p.index == 0)
    assert len(pane0.view.noted) == 1
    start, end, tip = pane0.view.noted[0]
    assert pane0.view.document().toPlainText()[start:end] == quote
    assert "<strong>caveat</strong>" in tip and "<script" not in tip
    pane1 = next(p for p in window.panes if p.index == 1)
    assert pane1.view.noted, "the note shows in the counterpart's pane too"
    # saved on disk at once
    stored = open_store(window.comp.documents)
    assert [n.anchor.quote for n in stored.notes] == [quote]
    assert window.notes_panel.tree.topLevelItem(0).childCount() == 1


def test_edit_delete_and_undo(window):
    _select(window, 3, "Antonio Guterres")
    window.annotate_action.trigger()
    note_id = window.notes.placed[0].note.id
    window.answers["body"] = "Second thoughts"
    window.answers["status"] = "checked"
    window.notes.edit(note_id)
    assert window.notes.store.get(note_id).body == "Second thoughts"
    assert window.notes.store.get(note_id).status == "checked"
    window.notes.delete(note_id)
    assert window.notes.store.get(note_id) is None
    assert not any(p.view.noted for p in window.panes)
    stack = window.notes.undo_stack
    stack.undo()  # the delete
    assert window.notes.store.get(note_id).body == "Second thoughts"
    stack.undo()  # the edit
    assert window.notes.store.get(note_id).body.startswith("Omits the")
    stack.undo()  # the creation
    assert window.notes.store.notes == []
    stack.redo()
    assert window.notes.store.get(note_id) is not None
    assert [n.id for n in open_store(window.comp.documents).notes] == [note_id]


def test_jump_to_a_note_selects_its_text(window):
    quote = "Admiral Gorshkov"
    _select(window, 1, quote)
    window.annotate_action.trigger()
    note_id = window.notes.placed[0].note.id
    window.vbar.setValue(0)
    # move the selection elsewhere, then jump back
    _select(window, 0, "China and Russia get closer")
    window.notes.jump(note_id)
    pane = next(p for p in window.panes if p.index == 1)
    assert pane.view.textCursor().selectedText() == quote
    row = window.comp.row_of[(1, next(p.index for p in window.comp.documents[1].paragraphs
                                      if quote in p.text))]
    assert window.selected_row == row
    assert window.vbar.value() > 0


def test_clicked_paragraph_can_be_annotated_without_selection(window):
    row = window.comp.row_of[(2, 6)]
    window.select_row(row, 2)
    window.annotate_action.trigger()
    [placed] = window.notes.placed
    para = window.comp.documents[2].paragraphs[6]
    assert (placed.placement.start, placed.placement.end) == (para.start, para.end)


def test_orphan_is_listed_and_can_be_reattached(window, tmp_path, qtbot):
    from reader.core.annotations.model import Anchor, Note
    doc = window.comp.documents[0]
    lost = Note(Anchor(0, doc.path, "text that no source contains at all", "", "", 3, 40),
                body="lost")
    window.notes.store.add(lost)
    window.notes.refresh()
    qtbot.waitUntil(lambda: not window.notes.placing, timeout=10000)  # placed in a worker
    orphans = window.notes_panel.tree.topLevelItem(1)
    assert not orphans.isHidden() and orphans.childCount() == 1
    _select(window, 0, "Nuclear weapons")
    window.notes.reattach(lost.id)
    placed = next(p for p in window.notes.placed if p.note.id == lost.id)
    assert placed.state == "anchored" and placed.note.anchor.quote == "Nuclear weapons"
    assert window.notes_panel.tree.topLevelItem(1).isHidden()


def test_corrupt_notes_file_is_reported_and_reader_opens(new_window):
    from reader.core.load.documents import load_document
    docs = [load_document(p) for p in seed_paths()]
    store = open_store(docs)
    store.stores[0].file.write_text("not json at all")
    win = new_window(seed_paths())
    assert len(win.panes) == 4
    assert "could not be read" in win.banner.text()


def test_a_second_window_shows_the_first_windows_new_note(window, new_window, qtbot):
    other = new_window(seed_paths())
    _select(window, 2, "solid as a rock")
    window.annotate_action.trigger()
    note_id = window.notes.placed[0].note.id
    qtbot.waitUntil(lambda: any(p.note.id == note_id for p in other.notes.placed),
                    timeout=10000)
    # and a note made in the second window does not drop the first one's
    _select(other, 0, "Nuclear weapons")
    other.annotate_action.trigger()
    qtbot.waitUntil(lambda: len(window.notes.placed) == 2, timeout=10000)
    assert len(open_store(window.comp.documents).notes) == 2


# -- issue 11: nothing lost, nothing injected ------------------------------------------------------

def test_notes_show_when_a_source_is_removed_and_added_again(window, monkeypatch, qtbot):
    from PySide6.QtWidgets import QMessageBox
    _select(window, 0, "Nuclear weapons")
    window.annotate_action.trigger()
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    window.remove_source(3)
    assert asked and "[4]" in asked[0] and len(window.panes) == 4  # answered No: nothing happens
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.remove_source(3)
    qtbot.waitUntil(lambda: window.job is None and len(window.comp.documents) == 3,
                    timeout=60000)
    assert [p.note.anchor.quote for p in window.notes.placed] == ["Nuclear weapons"]
    window.open_paths(seed_paths(), wait=True)  # the 4th is back: the note is still shown
    assert [p.note.anchor.quote for p in window.notes.placed] == ["Nuclear weapons"]


def _annotate_while_saving_fails(window, monkeypatch, reason: str):
    """Make a note while every save fails with ``reason``; returns a function that mends it."""
    from reader.core.annotations import store as store_module
    from reader.core.files import OutputError

    def broken(*_a, **_k):
        raise OutputError(f"x.json: could not be written ({reason})")

    real_write = store_module.write_atomically
    monkeypatch.setattr(store_module, "write_atomically", broken)
    _select(window, 0, "Nuclear weapons")
    window.annotate_action.trigger()
    return lambda: monkeypatch.setattr(store_module, "write_atomically", real_write)


def test_a_failed_save_is_shown_kept_and_retried(window, monkeypatch):
    mend = _annotate_while_saving_fails(window, monkeypatch, "No space left on device")
    assert "No space left" in window.banner.text() and window.notes.retry.isActive()
    assert [p.note.anchor.quote for p in window.notes.placed] == ["Nuclear weapons"]
    mend()
    window.notes._retry_save()
    assert not window.notes.store.pending and not window.notes.retry.isActive()
    assert len(open_store(window.comp.documents).notes) == 1


def test_closing_with_unsaved_notes_asks_first(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    mend = _annotate_while_saving_fails(window, monkeypatch, "Read-only file system")
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    assert not window.close()  # Cancel (nothing clicked): the window stays, the note too
    assert "Read-only" in shown[0] and window.notes.store.pending
    mend()
    assert window.close()  # saving works again: closes without asking


def test_unwritable_data_folder_shows_a_message_not_a_blank_window(new_window, monkeypatch,
                                                                   tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    win = new_window(seed_paths())
    assert len(win.panes) == 4
    assert "cannot be created" in win.banner.text()


def test_tooltips_are_plain_text(window):
    window.answers["body"] = '<img src="file:///etc/x.png"> **bold**'
    _select(window, 0, "Nuclear weapons")
    window.annotate_action.trigger()
    item = window.notes_panel.tree.topLevelItem(0).child(0)
    tip = item.toolTip(0)
    assert "<img" not in tip and "&lt;img" in tip
    pane = next(p for p in window.panes if p.index == 0)
    assert "<img" not in pane.view.noted[0][2]


def test_placing_a_lost_note_in_a_big_source_does_not_block_the_ui(window, qtbot):
    import time

    from reader.core.annotations.model import Anchor, Note
    doc = window.comp.documents[0]
    lost = Note(Anchor(0, doc.path, "a sentence no source contains, long enough to search",
                       "x", "y", 5, 57), body="lost")
    window.notes.store.add(lost)
    start = time.perf_counter()
    window.notes.refresh()
    assert window.notes.placing  # the work went to a worker thread
    assert time.perf_counter() - start < 1.0
    qtbot.waitUntil(lambda: not window.notes.placing, timeout=20000)
    assert [p.state for p in window.notes.placed] == ["orphan"]
    start = time.perf_counter()
    window.notes.refresh()  # cached now: drawn at once
    assert not window.notes.placing


def test_pane_title_tooltip_shows_a_hostile_title_as_text(new_window, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>&lt;img src=&quot;file:///etc/x.png&quot;&gt;</title>"
                    "</head><body><p>The council met on Tuesday to talk.</p></body></html>")
    plain = tmp_path / "plain.txt"
    plain.write_text("The council met on Monday to talk.\n")
    win = new_window([str(page), str(plain)])
    pane = next(p for p in win.panes if p.index == 0)
    tip = pane.header.title.toolTip()
    assert "<img" not in tip and "&lt;img" in tip


def test_unsaved_notes_can_be_saved_elsewhere_on_close(window, monkeypatch, tmp_path):
    import json

    from PySide6.QtWidgets import QFileDialog, QMessageBox
    mend = _annotate_while_saving_fails(window, monkeypatch, "Read-only file system")
    target = tmp_path / "rescued.json"
    monkeypatch.setattr(QMessageBox, "exec", lambda box: next(
        b for b in box.buttons() if b.text().startswith("Save Notes As")).click())
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.close()
    [note] = json.loads(target.read_text())["notes"]
    assert note["quote"] == "Nuclear weapons"
    mend()


def test_the_notes_not_saved_box_says_it_once(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    mend = _annotate_while_saving_fails(window, monkeypatch, "Read-only file system")
    shown = []

    def answer(box):
        shown.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()  # the window stays

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert not window.notes.may_close()
    mend()
    assert shown[0].lower().count("not saved") + shown[0].count("could not be saved") == 1
    assert "Read-only file system" in shown[0]


def test_notes_opened_while_aligning_are_read_again_if_saved_meanwhile(window):
    """``open_early`` reads the notes while the sources are aligned; ``open`` takes that
    store only for the very documents it was opened for and only while no notes file
    changed since (a note saved meanwhile, here by this window, must show)."""
    comp, notes = window.comp, window.notes
    notes.open_early(comp.documents)
    early = notes._opened_early[1]
    notes.open(comp)
    assert notes.store is early  # nothing changed: taken as it is
    notes.open_early(comp.documents)
    early = notes._opened_early[1]
    quote = "Moscow this week suspended its participation"
    _select(window, 0, quote)
    window.annotate_action.trigger()  # saved to disk at once
    assert notes._stamp(early) != notes._opened_early[2]
    notes.open(comp)
    assert notes.store is not early
    assert [p.note.anchor.quote for p in notes.placed] == [quote]
    notes.open_early(list(reversed(comp.documents)))  # other sources (here: order)
    early = notes._opened_early[1]
    notes.open(comp)
    assert notes.store is not early and notes._opened_early is None

