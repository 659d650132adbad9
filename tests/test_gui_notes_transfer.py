"""File ▸ Export Notes… / Import Notes…: notes handed to a colleague and back, through the
window and the CLI alike (``core/annotations/exchange.py`` does the work for both).

A colleague is another data folder (``XDG_DATA_HOME``) and their own copies of the sources,
in another folder and order: on one machine a note already shows in every comparison of
its source (the store is per source), so an import there would add nothing."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from gui_helpers import settle_app
from PySide6.QtWidgets import QFileDialog, QMessageBox
from test_saved_cli import run

from reader.core.annotations import exchange
from reader.core.annotations.model import Anchor, Note
from reader.core.annotations.session import open_store
from reader.core.load.documents import load_document, seed_paths

QUOTES = [(0, "Moscow this week suspended its participation", "Omits the caveat"),
          (2, "solid as a rock", "Whose words?")]


@pytest.fixture
def boxes(monkeypatch):
    """Message boxes answered at once; what they said, as (title, text)."""
    said: list[tuple[str, str]] = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, lambda _parent, title, text, *_a, **_k:
                            said.append((title, text)) or QMessageBox.StandardButton.Ok)
    return said


def _choose(monkeypatch, path) -> None:
    """The file dialogs answer ``path``, as a user picking it would."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def _annotate(win) -> None:
    for source, quote, body in QUOTES:
        doc = win.comp.documents[source]
        start = doc.text.index(quote)
        win.notes.store.add(Note(Anchor.from_text(source, doc.path, doc.text, start,
                                                  start + len(quote)), body=body))
    win.notes.refresh()


def _exported(win, monkeypatch, out) -> None:
    """The window's notes (``_annotate``) exported to ``out`` through File ▸ Export Notes…."""
    _annotate(win)
    _choose(monkeypatch, out)
    win.export_notes_action.trigger()


def _notes(win) -> list[tuple[str, str, str]]:
    """(file name, quote, body) of the window's notes, as placed now."""
    return sorted((os.path.basename(win.comp.documents[p.source].path), p.note.anchor.quote,
                   p.note.body) for p in win.notes.placed)


def _wanted() -> list[tuple[str, str, str]]:
    names = [os.path.basename(p) for p in seed_paths()]
    return sorted((names[s], quote, body) for s, quote, body in QUOTES)


def _colleague(tmp_path, monkeypatch, reverse: bool = True) -> list[str]:
    """Another user's data folder and copies of the seeds (in reverse order by default)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "colleague-data"))
    folder = tmp_path / "colleague"
    folder.mkdir()
    copies = [shutil.copy(p, folder) for p in seed_paths()]
    return copies[::-1] if reverse else copies


def _settled(win, qtbot) -> None:
    qtbot.waitUntil(lambda: not win.notes.placing, timeout=20000)
    settle_app()


def test_window_export_then_import_into_a_colleagues_comparison(window, new_window, qtbot,
                                                                 monkeypatch, tmp_path, boxes):
    _annotate(window)
    out = tmp_path / "shared" / "notes.json"
    out.parent.mkdir()
    _choose(monkeypatch, out)
    window.export_notes_action.trigger()
    assert not boxes
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == 1 and len(data["notes"]) == 2
    assert {n["state"] for n in data["notes"]} == {"anchored"}
    theirs = new_window(_colleague(tmp_path, monkeypatch))
    assert theirs.notes.store.notes == []
    theirs.import_notes_action.trigger()
    _settled(theirs, qtbot)
    assert _notes(theirs) == _wanted()  # on the same files, in their order and folder
    assert {p.state for p in theirs.notes.placed} == {"anchored"}
    assert boxes == [("Notes imported", "Imported 2 notes from notes.json. "
                      "Edit ▸ Undo takes them away again.")]
    marked = [p.index for p in theirs.panes if p.view.noted]
    assert marked, "imported notes are marked in the panes like any note"
    assert len(open_store(theirs.comp.documents).notes) == 2  # saved at once


def test_cli_export_then_window_import(new_window, qtbot, monkeypatch, tmp_path, capsys,
                                       boxes):
    docs = [load_document(p) for p in seed_paths()]
    store = open_store(docs)
    for source, quote, body in QUOTES:
        start = docs[source].text.index(quote)
        store.add(Note(Anchor.from_text(source, docs[source].path, docs[source].text,
                                        start, start + len(quote)), body=body))
    out = tmp_path / "cli.json"
    status, said, _err = run(capsys, "notes", "export", *seed_paths(), "-o", str(out))
    assert status == 0 and "wrote 2 notes" in said
    theirs = new_window(_colleague(tmp_path, monkeypatch))
    _choose(monkeypatch, out)
    theirs.import_notes_action.trigger()
    _settled(theirs, qtbot)
    assert _notes(theirs) == _wanted()
    assert boxes[0][0] == "Notes imported"


def test_window_export_then_cli_import(window, monkeypatch, tmp_path, capsys, boxes):
    out = tmp_path / "from-window.json"
    _exported(window, monkeypatch, out)
    copies = _colleague(tmp_path, monkeypatch)
    status, said, err = run(capsys, "notes", "import", *copies, str(out))
    assert status == 0 and said.strip() == "imported 2 notes.", err
    docs = [load_document(p) for p in copies]
    got = sorted((os.path.basename(docs[n.anchor.source].path), n.anchor.quote, n.body)
                 for n in open_store(docs).notes)
    assert got == _wanted()
    status, said, _err = run(capsys, "notes", "import", *copies, str(out))
    assert said.startswith("imported 0 notes; skipped 2: 2 already here")


def test_importing_the_same_notes_again_adds_nothing(window, monkeypatch, tmp_path, boxes):
    out = tmp_path / "notes.json"
    _exported(window, monkeypatch, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    for note in list(data["notes"]):  # the same notes made again elsewhere: other ids, same text
        twin = dict(note, id=note["id"] + "-twin")
        data["notes"].append(twin)
    out.write_text(json.dumps(data), encoding="utf-8")
    before, steps = _notes(window), window.notes.undo_stack.count()
    window.import_notes_action.trigger()
    assert _notes(window) == before and len(window.notes.store.notes) == 2
    assert window.notes.undo_stack.count() == steps  # nothing to undo
    [(title, text)] = boxes
    assert title == "No notes imported"
    assert text == ("Imported 0 notes from notes.json; skipped 4: 4 already here "
                    "(same id, or the same text on the same quote).")


def test_notes_on_sources_not_in_the_comparison_are_reported(new_window, monkeypatch,
                                                             tmp_path, qtbot, boxes):
    seeds = seed_paths()
    win = new_window(seeds[:2])
    doc = load_document(seeds[3])
    start = doc.text.index("Antonio Guterres")
    gone = Note(Anchor.from_text(3, doc.path, doc.text, start, start + 16), body="far")
    here = load_document(seeds[1])
    start = here.text.index("Admiral Gorshkov")
    kept = Note(Anchor.from_text(1, here.path, here.text, start, start + 16), body="near")
    out = tmp_path / "mixed.json"
    out.write_text(json.dumps({"schema": 1, "notes": [gone.to_json(), kept.to_json()]}),
                   encoding="utf-8")
    _choose(monkeypatch, out)
    win.import_notes_action.trigger()
    _settled(win, qtbot)
    assert [(p.source, p.note.body) for p in win.notes.placed] == [(1, "near")]
    [(_title, text)] = boxes
    name = os.path.basename(seeds[3])
    assert text == ("Imported 1 note from mixed.json; skipped 1: 1 on sources not in "
                    f"this comparison (the file's [4] {name}). "
                    "Edit ▸ Undo takes it away again.")


BAD = {
    "not JSON": (b"notes: none", "not JSON"),
    "wrong schema": (b'{"schema": 2, "notes": []}', "not a notes file exported by Parallax"),
    "a list": (b'[{"schema": 1}]', "not a notes file exported by Parallax"),
    "a bad note": (b'{"schema": 1, "notes": [{"source": 0, "quote": "x", "start": 5, '
                   b'"end": 2}]}', "note 1 of 1 cannot be read"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
    "not UTF-8": ('{"schema": 1, "notes": [], "x": "café"}'.encode("latin-1"), "not UTF-8"),
}


@pytest.mark.parametrize("kind", [*BAD, "huge"])
def test_a_bad_file_is_refused_and_changes_nothing(window, monkeypatch, tmp_path, boxes,
                                                   kind):
    _annotate(window)
    bad = tmp_path / "bad.json"
    if kind == "huge":
        with open(bad, "wb") as fh:  # sparse: nothing is written, the size is what counts
            fh.truncate(exchange.MAX_IMPORT_BYTES + 1)
        reason = "too large for a notes file"
    else:
        bad.write_bytes(BAD[kind][0])
        reason = BAD[kind][1]
    before, steps = _notes(window), window.notes.undo_stack.count()
    stored = open_store(window.comp.documents).notes
    _choose(monkeypatch, bad)
    window.import_notes_action.trigger()
    assert _notes(window) == before and window.notes.undo_stack.count() == steps
    assert [n.id for n in open_store(window.comp.documents).notes] == [n.id for n in stored]
    [(title, text)] = boxes
    assert title == "Notes not imported" and reason in text
    assert text.count(str(bad)) == 1 and text.endswith("Nothing was imported.")


def test_undo_takes_the_imported_notes_away_and_redo_brings_them_back(
        window, new_window, monkeypatch, tmp_path, qtbot, boxes):
    out = tmp_path / "notes.json"
    _exported(window, monkeypatch, out)
    theirs = new_window(_colleague(tmp_path, monkeypatch, reverse=False))
    _annotate(theirs)  # their own notes: one of each, made before the import
    theirs.notes.store.delete_all([theirs.notes.store.notes[0].id])
    own = [n.id for n in theirs.notes.store.notes]
    theirs.import_notes_action.trigger()
    assert len(theirs.notes.store.notes) == 2  # one already there, one imported
    stack = theirs.notes.undo_stack
    assert stack.undoText() == "Import 1 note"
    stack.undo()
    _settled(theirs, qtbot)
    assert [n.id for n in theirs.notes.store.notes] == own
    assert [n.id for n in open_store(theirs.comp.documents).notes] == own
    stack.redo()
    _settled(theirs, qtbot)
    assert _notes(theirs) == _wanted()
    assert len(open_store(theirs.comp.documents).notes) == 2


def test_a_failed_export_says_why_once_and_writes_nothing(window, monkeypatch, tmp_path,
                                                         boxes):
    _annotate(window)
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root writes anywhere: the folder refuses as it would a user
        real_open = os.open

        def refused(path, flags, *args, **kwargs):
            if os.path.dirname(os.fspath(path)) == str(folder) and flags & os.O_CREAT:
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refused)
    target = folder / "notes.json"
    _choose(monkeypatch, target)
    window.export_notes_action.trigger()
    folder.chmod(0o755)
    assert os.listdir(folder) == []
    [(title, text)] = boxes
    assert title == "Notes not exported"
    assert text == f"{target}: cannot be written (Permission denied)"


def test_export_with_no_notes_says_so(window, monkeypatch, tmp_path, boxes):
    out = tmp_path / "none.json"
    _choose(monkeypatch, out)
    window.export_notes_action.trigger()
    assert not out.exists() and boxes == [("Export Notes", "This comparison has no notes yet.")]


def test_imported_notes_on_changed_text_are_fuzzy_or_orphans_like_any_note(
        window, new_window, monkeypatch, tmp_path, qtbot, boxes):
    out = tmp_path / "notes.json"
    _exported(window, monkeypatch, out)
    copies = _colleague(tmp_path, monkeypatch, reverse=False)
    with open(copies[0], encoding="utf-8") as fh:  # their copy reworded one quote, cut another
        first = fh.read()
    with open(copies[0], "w", encoding="utf-8") as fh:
        fh.write(first.replace("Moscow this week suspended its participation",
                               "Moscow this week halted its participation"))
    with open(copies[2], encoding="utf-8") as fh:
        third = fh.read()
    with open(copies[2], "w", encoding="utf-8") as fh:
        fh.write(third.replace("solid as a rock", "x"))
    theirs = new_window(copies)
    theirs.import_notes_action.trigger()
    _settled(theirs, qtbot)
    states = {p.note.body: p.state for p in theirs.notes.placed}
    assert states == {"Omits the caveat": "fuzzy", "Whose words?": "orphan"}
    orphans = theirs.notes_panel.tree.topLevelItem(1)
    assert not orphans.isHidden() and orphans.childCount() == 1
    attached = theirs.notes_panel.tree.topLevelItem(0).child(0).text(0)
    assert "fuzzy" in attached  # "· fuzzy 93%", as for a note made here
