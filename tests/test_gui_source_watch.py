"""Sources edited or deleted on disk while the window is open (review 7, finding 2), and a
note on folded page furniture clicked in the Annotations dock (finding 5)."""

from __future__ import annotations

import os
import threading

import pytest
from gui_helpers import select_text, settle_app

from reader.core import disk_state
from reader.gui.notes_controller import NotesController

QUOTE = "Moscow this week suspended its participation"


@pytest.fixture
def window(new_window, seeds, monkeypatch):
    """A window on copies of the seeds; the note editor answered as a reader would."""
    def fake_dialog(self, note):
        note.body, note.category, note.status = "a note", "other", "open"
        return True

    monkeypatch.setattr(NotesController, "_edit_dialog", fake_dialog)
    win = new_window(seeds)
    settle_app()
    return win


def _annotate(win, source: int, quote: str) -> None:
    select_text(win, source, quote)
    win.annotate_action.trigger()


def _save_as_an_editor_does(path: str, text: str) -> None:
    """Write a new file beside it and rename it over the old one (the watch on the old
    file ends with it)."""
    temp = path + ".swp"
    with open(temp, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(temp, path)


def _looked_at(win, qtbot, path: str) -> None:
    """Wait until the watch has looked at ``path`` as it is on disk now."""
    stamp = disk_state.stamp_of(path)
    qtbot.waitUntil(lambda: win.source_watch.seen.get(os.path.abspath(path), 0) == stamp
                    and not win.source_watch._looking, timeout=10000)
    settle_app()


def _aligned(win, qtbot) -> None:
    qtbot.waitUntil(lambda: win.job is None and not win.busy() and not win.notes.placing,
                    timeout=60000)
    settle_app()


def test_an_edited_source_is_said_and_reload_keeps_the_arrangement_and_the_notes(
        window, seeds, qtbot):
    _annotate(window, 0, QUOTE)
    window.set_reference(1)
    _aligned(window, qtbot)
    panes = list(window.open_sources)
    text = open(seeds[0], encoding="utf-8").read()
    assert QUOTE in text
    _save_as_an_editor_does(seeds[0], text.replace(QUOTE, "Moscow this week ended its role"))
    watch = window.source_watch
    qtbot.waitUntil(lambda: watch.banner.isVisible(), timeout=10000)
    assert "[1] " in watch.text.text() and "changed on disk" in watch.text.text()
    assert watch.reload_button.isVisible() and watch.reload_button.isEnabled()
    watch.reload_button.click()
    qtbot.waitUntil(lambda: window.job is None and "ended its role" in
                    window.comp.documents[0].text, timeout=60000)
    _aligned(window, qtbot)
    assert not watch.banner.isVisible()
    assert window.reference == 1 and window.open_sources == panes
    [placed] = window.notes.placed
    assert placed.note.anchor.quote == QUOTE and placed.state != "anchored"
    assert "Changed since the notes were made: [1]" in window.banner.text()
    # the file's watch outlived the rename: a second edit is seen too
    _save_as_an_editor_does(seeds[0], text.replace(QUOTE, "Moscow left it"))
    qtbot.waitUntil(lambda: watch.banner.isVisible(), timeout=10000)


def test_the_same_bytes_saved_again_show_nothing(window, seeds, qtbot):
    path = seeds[2]
    _save_as_an_editor_does(path, open(path, encoding="utf-8").read())
    os.utime(path, (1, 1))  # a time that moved says nothing by itself
    _looked_at(window, qtbot, path)
    assert not window.source_watch.banner.isVisible()
    assert not window.source_watch.changed


def test_ignore_hides_the_banner_until_the_next_change(window, seeds, qtbot):
    watch = window.source_watch
    text = open(seeds[1], encoding="utf-8").read()
    with open(seeds[1], "a", encoding="utf-8") as fh:  # written in place this time
        fh.write("\nA line added at the end.\n")
    qtbot.waitUntil(lambda: watch.banner.isVisible(), timeout=10000)
    assert "[2] " in watch.text.text()
    watch.ignore_button.click()
    assert not watch.banner.isVisible()
    os.utime(seeds[1], None)
    _looked_at(window, qtbot, seeds[1])
    assert not watch.banner.isVisible()  # the same bytes as ignored
    _save_as_an_editor_does(seeds[1], text + "\nAnother line.\n")
    qtbot.waitUntil(lambda: watch.banner.isVisible(), timeout=10000)


def test_a_deleted_source_is_said_and_its_text_stays_shown(window, seeds, qtbot):
    watch = window.source_watch
    shown = window.pane_of(3).view.document().toPlainText()
    data = open(seeds[3], "rb").read()
    os.remove(seeds[3])
    qtbot.waitUntil(lambda: watch.banner.isVisible(), timeout=10000)
    assert "[4] " in watch.text.text() and "no longer on disk" in watch.text.text()
    assert not watch.reload_button.isVisible()
    assert window.pane_of(3).view.document().toPlainText() == shown
    assert len(window.comp.documents) == 4
    with open(seeds[3], "wb") as fh:  # back as it was: nothing to say
        fh.write(data)
    qtbot.waitUntil(lambda: not watch.banner.isVisible(), timeout=10000)


def test_reload_saves_the_notes_first_and_stops_if_it_cannot(window, seeds, qtbot, monkeypatch):
    watch = window.source_watch
    _annotate(window, 0, QUOTE)
    store = window.notes.store
    monkeypatch.setattr(type(store), "pending", property(lambda self: True))
    monkeypatch.setattr(type(store), "save", lambda self: (_ for _ in ()).throw(
        OSError("disk full")))
    _save_as_an_editor_does(seeds[0], open(seeds[0], encoding="utf-8").read() + "\nMore.\n")
    qtbot.waitUntil(lambda: watch.banner.isVisible(), timeout=10000)
    comp = window.comp
    watch.reload_button.click()
    settle_app()
    assert window.comp is comp and window.job is None
    assert window.notes.store is store
    assert "disk full" in window.statusBar().currentMessage()
    monkeypatch.undo()  # saving works again: closing the window asks nothing


def test_sources_are_hashed_off_the_windows_thread(window, seeds, qtbot, monkeypatch):
    threads = []
    real = disk_state.file_sha256
    monkeypatch.setattr(disk_state, "file_sha256",
                        lambda path: threads.append(threading.current_thread()) or real(path))
    with open(seeds[0], "a", encoding="utf-8") as fh:
        fh.write("\nOne more line.\n")
    qtbot.waitUntil(lambda: window.source_watch.banner.isVisible(), timeout=10000)
    assert threads and threading.main_thread() not in threads


def test_a_note_on_folded_furniture_unfolds_it_when_clicked(window, qtbot):
    quote = "Westside People"
    window.set_show_furniture(True)
    _aligned(window, qtbot)
    _annotate(window, 2, quote)
    window.set_show_furniture(False)
    _aligned(window, qtbot)
    [placed] = window.notes.placed
    window.notes.jump(placed.note.id)
    _aligned(window, qtbot)
    assert window.show_furniture and window.furniture_action.isChecked()
    assert window.pane_of(2).view.textCursor().selectedText() == quote
    assert "page furniture" in window.statusBar().currentMessage()
