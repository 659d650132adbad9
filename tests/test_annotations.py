"""Notes: anchoring after edits, atomic and merging storage, safe rendering, CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from reader.core.annotations.anchoring import FUZZY_THRESHOLD, place
from reader.core.annotations.model import Anchor, Note
from reader.core.annotations.render import note_html
from reader.core.annotations.store import NotesStore
from reader.core.files import write_atomically

TEXT = ("Russia and China showed deepening relations in a series of meetings on Wednesday. "
        "The visit to Moscow by Wang Yi comes as the conflict in Ukraine continues to upend "
        "the world's geopolitical order. Relations between Russia and the West are at their "
        "lowest point since the Cold War.")
QUOTE = "the conflict in Ukraine continues to upend the world's geopolitical order"


def _anchor(text=TEXT, quote=QUOTE) -> Anchor:
    start = text.index(quote)
    return Anchor.from_text(0, "/tmp/a.txt", text, start, start + len(quote))


def test_unchanged_text_is_anchored_at_its_offsets():
    a = _anchor()
    p = place(TEXT, a)
    assert (p.state, p.start, p.end, p.confidence) == ("anchored", a.start, a.end, 1.0)


def test_text_inserted_before_the_quote_only_shifts_it():
    """The words around the quote stand as they did: the note is where it was, only further
    on ("moved" made three untouched notes below an inserted paragraph read as moved)."""
    a = _anchor()
    edited = "BREAKING: a new first sentence was added here. " + TEXT
    p = place(edited, a)
    assert p.state == "anchored" and edited[p.start:p.end] == QUOTE and p.start > a.start


def test_a_quote_found_in_other_surroundings_has_moved():
    a = _anchor()
    start = TEXT.index(QUOTE)
    edited = TEXT[start:] + " " + TEXT[:start].replace(" ", "  ")  # the quote now opens it
    p = place(edited, a)
    assert p.state == "moved" and edited[p.start:p.end] == QUOTE


def test_quote_edited_by_one_word_is_found_fuzzily():
    a = _anchor()
    edited = TEXT.replace("continues to upend", "continues to shake")
    p = place(edited, a)
    assert p.state == "fuzzy" and p.confidence >= FUZZY_THRESHOLD
    assert edited[p.start:p.end].startswith("the conflict in Ukraine continues to shake")
    assert edited[p.start:p.end].endswith("geopolitical order")


@pytest.mark.parametrize("edited", [
    "the conflict in Ukraine, now in its third year, keeps upending the world's order",
    "the conflict in Ukraine continues to upend the order",
])
def test_a_fuzzy_match_spans_the_edited_words_not_the_quotes_old_length(edited):
    """An edit that lengthens or shortens the quote: the span is the new wording, neither
    cut mid-word (the old length ended in it) nor running on into ". Relations…"."""
    a = _anchor()
    text = TEXT.replace(QUOTE, edited)
    p = place(text, a)
    assert p.state == "fuzzy", p
    assert text[p.start:p.end] == edited


def test_quote_deleted_becomes_an_orphan():
    a = _anchor()
    edited = TEXT.replace("The visit to Moscow by Wang Yi comes as " + QUOTE + ". ", "")
    assert QUOTE not in edited
    p = place(edited, a)
    assert p.state == "orphan" and p.confidence < FUZZY_THRESHOLD


def test_unrelated_file_makes_an_orphan():
    a = _anchor()
    other = ("Recipe: whisk two eggs with sugar, fold in flour and bake for twenty minutes "
             "until golden. Serve warm with cream. ") * 3
    assert place(other, a).state == "orphan"


def test_repeated_quote_prefers_matching_context():
    text = "alpha beta gamma. X said yes. delta epsilon. X said yes. zeta eta."
    second = text.index("X said yes", 20)
    a = Anchor.from_text(0, "p", text, second, second + len("X said yes"))
    shifted = "new start. " + text
    p = place(shifted, a)
    assert p.state == "anchored" and p.start == second + len("new start. ")


def _store(tmp_path, hashes=("h1", "h2")) -> NotesStore:
    return NotesStore(["/x/a.txt", "/x/b.txt"], list(hashes), tmp_path)


def test_store_round_trip(tmp_path):
    store = _store(tmp_path)
    note = Note(_anchor(), body="**Omits** the caveat", category="omission")
    store.add(note)
    again = _store(tmp_path)
    assert [n.to_json() for n in again.notes] == [note.to_json()]
    assert json.loads(store.stores[0].file.read_text())["schema"] == 2


def test_crash_between_write_and_rename_keeps_the_old_file(tmp_path, monkeypatch):
    store = _store(tmp_path)
    store.add(Note(_anchor(), body="first"))
    before = store.stores[0].file.read_bytes()

    def crash(*_args):
        raise OSError("killed before rename")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        store.add(Note(_anchor(), body="second"))
    monkeypatch.undo()
    assert store.stores[0].file.read_bytes() == before
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".parallax-tmp")]
    assert [n.body for n in _store(tmp_path).notes] == ["first"]


def test_write_atomically_never_leaves_a_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "t.json"
    target.write_text("old")

    def boom(*_a):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, "new content")
    assert target.read_text() == "old"


def test_two_windows_do_not_drop_each_others_notes(tmp_path):
    first, second = _store(tmp_path), _store(tmp_path)
    first.add(Note(_anchor(), body="from window one"))
    second.add(Note(_anchor(), body="from window two"))  # second never loaded one's note
    bodies = sorted(n.body for n in _store(tmp_path).notes)
    assert bodies == ["from window one", "from window two"]
    # and a deletion in one window is not undone by the other's next save
    gone = first.notes[0]
    first.load()
    first.delete(gone.id)
    second.add(Note(_anchor(), body="third"))
    assert sorted(n.body for n in _store(tmp_path).notes) == ["from window two", "third"]


def test_undo_of_a_delete_survives_the_tombstone(tmp_path):
    store = _store(tmp_path)
    note = Note(_anchor(), body="keep me")
    store.add(note)
    removed = store.delete(note.id)
    store.add(removed)  # undo
    assert [n.body for n in _store(tmp_path).notes] == ["keep me"]


def test_corrupt_file_is_moved_aside_and_reported(tmp_path):
    store = _store(tmp_path)
    store.add(Note(_anchor(), body="old"))
    store.stores[0].file.write_text("{ this is not json")
    fresh = _store(tmp_path)
    assert fresh.notes == [] and fresh.messages
    assert "could not be read" in fresh.messages[0]
    aside = [p for p in tmp_path.rglob("*") if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_text() == "{ this is not json"
    fresh.add(Note(_anchor(), body="new"))
    assert [n.body for n in _store(tmp_path).notes] == ["new"]


def test_changed_source_is_reported(tmp_path):
    _store(tmp_path, ("h1", "h2")).add(Note(_anchor(), body="x"))
    assert _store(tmp_path, ("CHANGED", "h2")).changed_sources() == [0]
    assert _store(tmp_path, ("h1", "h2")).changed_sources() == []


def test_store_honours_xdg_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    store = NotesStore(["/x/a.txt"], ["h"])
    assert str(store.folder).startswith(str(tmp_path / "xdg"))


def test_note_bodies_cannot_run_or_load_anything():
    html = note_html("See <script>alert('x')</script> and <img src=http://evil/x.png>\n\n"
                     "![pic](http://evil/p.png) [bad](javascript:alert(1)) [ok](https://a.org)")
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "&lt;img src=http://evil/x.png&gt;" in html
    assert 'href="javascript' not in html
    assert 'href="https://a.org"' in html and "noopener" in html


def test_note_from_json_fills_optional_fields_and_rejects_bad_ones():
    note = Note.from_json({"source": 1, "quote": "abc", "start": 3, "end": 6})
    assert note.category == "other" and note.status == "open" and note.id and note.created
    with pytest.raises(ValueError):
        Note.from_json({"source": 1, "quote": "abc", "start": 6, "end": 3})
    with pytest.raises(ValueError, match="this one has no source and no start and no end$"):
        Note.from_json({"quote": "abc"})
    with pytest.raises(ValueError, match="must be whole numbers"):
        Note.from_json({"source": 1, "quote": "abc", "start": "three", "end": 6})


def _cli(*args, env):
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def test_notes_cli_export_import_list(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"))
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TEXT)
    b.write_text(TEXT.replace("Wednesday", "Tuesday"))
    start = TEXT.index(QUOTE)
    incoming = {"schema": 1, "notes": [
        {"id": "n1", "source": 0, "path": "/elsewhere/a.txt", "quote": QUOTE,
         "prefix": "", "suffix": "", "start": start, "end": start + len(QUOTE),
         "body": "check this", "category": "framing", "status": "open",
         "created": "2026-01-01T00:00:00+00:00", "modified": "2026-01-01T00:00:00+00:00"}]}
    notes_in = tmp_path / "in.json"
    notes_in.write_text(json.dumps(incoming))
    run = _cli("notes", "import", str(a), str(b), str(notes_in), env=env)
    assert run.returncode == 0 and "imported 1" in run.stdout, run.stderr
    run = _cli("notes", "import", str(a), str(b), str(notes_in), env=env)
    assert "imported 0" in run.stdout  # same id: not duplicated
    listed = json.loads(_cli("notes", "list", str(a), str(b), "--json", env=env).stdout)
    [note] = listed["notes"]
    assert note["state"] == "anchored" and note["path"] == str(a) and note["confidence"] == 1.0
    out = tmp_path / "out.json"
    assert _cli("notes", "export", str(a), str(b), "-o", str(out), env=env).returncode == 0
    exported = json.loads(out.read_text())
    assert exported["notes"][0]["body"] == "check this"
    assert {"state", "confidence", "start", "end", "prefix", "suffix"} <= set(exported["notes"][0])
    # the source file changes: the note is found further on and the list says so
    a.write_text("A new opening paragraph.\n\n" + TEXT)
    run = _cli("notes", "list", str(a), str(b), env=env)
    assert f"Changed since the notes were made: [1] {a.name}. Their notes: 1 anchored" \
        in run.stdout
