"""Comparison files (.parallax): save, reopen, sources that moved, changed or went missing."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fixes import A_EDITED, A, B

from reader.core.checked import checked_differences, difference_spot, find_spot, passage_spot
from reader.core.comparison import compare
from reader.core.errors import SourceError
from reader.core.fixes import apply_fixes, make_fix, set_by
from reader.core.load.documents import load_document
from reader.core.saved import (
    SCHEMA,
    ComparisonFileError,
    apply_saved,
    new_comparison,
    open_comparison,
    read_comparison,
    refreshed,
    write_comparison,
)

C = B.replace("Officials also announced", "The mayor also announced")


@pytest.fixture
def sources(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    paths = []
    for name, text in (("a.txt", A), ("b.txt", B), ("c.txt", C)):
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    return paths


def _saved(paths, file):
    """A comparison of ``paths`` with one fix, two checked items and a place, saved to file."""
    docs = [load_document(p) for p in paths]
    comp = compare(docs)
    state = new_comparison(docs, "Harbour", reference=1, order=[2, 0, 1])
    state.sources[2].pinned = True
    state.sources[0].hidden = True
    state.fixes.append(make_fix("link", comp, [(0, 2)], [(1, 2)]))
    fixed = apply_fixes(comp, state.fixes).comparison
    diff = fixed.differences(1)[0]
    state.checked += [difference_spot(fixed, diff, 1), passage_spot(fixed, 2, 0, 10)]
    state.place = passage_spot(fixed, 0, 5, 20)
    write_comparison(file, state)
    return state, fixed


def _reopen(file):
    opening = open_comparison(file)
    docs = [load_document(p) for p in opening.paths]
    return opening, apply_saved(compare(docs), opening)


def test_save_and_reopen_give_the_same_comparison(sources, tmp_path):
    file = tmp_path / "harbour.parallax"
    state, fixed = _saved(sources, file)
    opening, restored = _reopen(file)
    assert opening.state == state
    assert [s.state for s in opening.sources] == ["same"] * 3
    assert opening.reference == 1 and opening.order == [2, 0, 1]
    assert opening.state.sources[2].pinned and opening.state.sources[0].hidden
    assert restored.report() == []
    again = restored.comparison
    assert again.rows == fixed.rows
    assert {(l.a, l.b, set_by(l)) for l in again.links} == \
           {(l.a, l.b, set_by(l)) for l in fixed.links}
    assert checked_differences(again, opening.state.checked, 1) == {0}
    assert find_spot(again, opening.state.place).start == 5
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["format"] == "parallax-comparison" and data["schema"] == SCHEMA
    assert data["sources"][0]["relative"] == os.path.join("texts", "a.txt")


def test_an_edited_source_is_realigned_and_its_fix_reanchored(sources, tmp_path):
    file = tmp_path / "harbour.parallax"
    _saved(sources, file)
    with open(sources[0], "w", encoding="utf-8") as fh:
        fh.write(A_EDITED)
    opening, restored = _reopen(file)
    assert [s.state for s in opening.sources] == ["edited", "same", "same"]
    assert "changed since the comparison was saved" in opening.messages()[0]
    assert restored.report() == []
    links = {(l.a, l.b) for l in restored.comparison.links if set_by(l) == "hand"}
    assert links == {((0, 3), (1, 2))}  # the bakery paragraph is now the fourth
    saved_again = refreshed(opening.state, restored.comparison, opening.loaded)
    assert saved_again.sources[0].sha256 == load_document(sources[0]).sha256
    assert saved_again.fixes[0].groups[0][0].start == \
           load_document(sources[0]).paragraphs[3].start


def test_a_missing_source_is_reported_and_the_rest_opens(sources, tmp_path):
    file = tmp_path / "harbour.parallax"
    state, _fixed = _saved(sources, file)
    os.remove(sources[1])
    opening, restored = _reopen(file)
    missing = [s for s in opening.sources if s.state == "missing"]
    assert [s.index for s in missing] == [1]
    assert missing[0].saved.path == sources[1]  # what a "Locate…" dialog needs
    assert "is missing" in opening.messages()[0] and "locate it" in opening.messages()[0]
    assert len(restored.comparison.documents) == 2
    assert "could not be placed" in restored.report()[0]  # the fix was with [2]
    kept = refreshed(opening.state, restored.comparison, opening.loaded)
    assert kept.fixes == state.fixes and len(kept.sources) == 3


def test_a_moved_source_is_found_by_hash_beside_the_file_or_where_it_was(sources, tmp_path):
    file = tmp_path / "harbour.parallax"
    _saved(sources, file)
    shutil.move(sources[0], tmp_path / "a.txt")  # now beside the comparison file
    os.rename(sources[1], sources[1].replace("b.txt", "renamed.txt"))  # same folder, new name
    opening, restored = _reopen(file)
    assert [s.state for s in opening.sources] == ["moved", "moved", "same"]
    assert opening.sources[0].found == str(tmp_path / "a.txt")
    assert restored.report() == []


def test_an_edited_source_wins_over_a_backup_copy_of_its_old_text(sources, tmp_path):
    """``cp a.txt a.orig.txt`` then edit a.txt: the backup has the saved hash, but the file
    at the saved path is the source (the editor's edits), re-aligned as edited."""
    file = tmp_path / "harbour.parallax"
    _saved(sources, file)
    shutil.copy(sources[0], sources[0].replace("a.txt", "a.orig.txt"))
    shutil.copy(sources[0], tmp_path / "a.bak")  # and one beside the comparison file
    with open(sources[0], "w", encoding="utf-8") as fh:
        fh.write(A_EDITED)
    opening, restored = _reopen(file)
    assert [s.state for s in opening.sources] == ["edited", "same", "same"]
    assert opening.paths[0] == sources[0]
    assert "found it at" not in " ".join(opening.messages())
    assert "changed since the comparison was saved" in opening.messages()[0]
    assert restored.comparison.documents[0].text == load_document(sources[0]).text


def test_a_renamed_source_is_found_by_hash_only_when_its_path_is_empty(sources, tmp_path):
    file = tmp_path / "harbour.parallax"
    _saved(sources, file)
    renamed = sources[1].replace("b.txt", "b-final.txt")
    os.rename(sources[1], renamed)
    opening, _restored = _reopen(file)
    assert [s.state for s in opening.sources] == ["same", "moved", "same"]
    assert opening.paths[1] == renamed
    assert f"was not at {sources[1]}; found it at {renamed}" in opening.messages()[0]


def test_a_source_that_can_no_longer_be_read_is_said_so_not_swapped_for_its_backup(
        sources, tmp_path):
    file = tmp_path / "harbour.parallax"
    state, _fixed = _saved(sources, file)
    shutil.copy(sources[1], sources[1].replace("b.txt", "b.orig.txt"))
    with open(sources[1], "wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    opening = open_comparison(file)
    assert opening.sources[1].found == sources[1]
    loaded = []
    for path in opening.paths:
        try:
            loaded.append(load_document(path))
        except SourceError as exc:
            assert opening.drop(exc.path, exc.reason)
    [message] = opening.messages()
    assert message.startswith("[2] b.txt cannot be opened (") and \
        f"{sources[1]}: binary" in message and "missing" not in message
    assert "locate a readable copy" in message and opening.paths == [sources[0], sources[2]]
    kept = refreshed(opening.state, apply_saved(compare(loaded), opening).comparison,
                     opening.loaded)
    assert kept.sources[1] == state.sources[1] and kept.fixes == state.fixes


@pytest.mark.parametrize("content, reason", [
    ("{not json", "not valid JSON"),
    (json.dumps({"format": "parallax-comparison", "schema": 1, "sources": "x"}), "damaged"),
    (json.dumps({"format": "parallax-comparison", "schema": 1,
                 "sources": [{"path": "a", "sha256": "0", "size": 1}], "order": [0, 0]}),
     "damaged"),
    (json.dumps({"notes": []}), "not a Parallax comparison file"),
    (json.dumps({"format": "parallax-comparison", "schema": SCHEMA + 1, "sources": []}),
     "newer Parallax"),
])
def test_damaged_or_newer_files_are_refused_and_never_overwritten(sources, tmp_path, content,
                                                                  reason):
    file = tmp_path / "bad.parallax"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(ComparisonFileError, match=reason):
        read_comparison(file)
    state = new_comparison([load_document(p) for p in sources])
    said = ("a comparison file this version cannot read" if "parallax-comparison" in content
            else "is not a Parallax comparison file")  # about that file, not the reader's work
    with pytest.raises(ComparisonFileError, match=f"{said}.*nothing was written over it"):
        write_comparison(file, state)
    assert file.read_text(encoding="utf-8") == content
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_folder_moved_with_its_comparison_file_is_found_by_relative_path(sources, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    file = project / "harbour.parallax"
    shutil.move(str(tmp_path / "texts"), project / "texts")
    _saved([str(project / "texts" / name) for name in ("a.txt", "b.txt", "c.txt")], file)
    shutil.move(str(project), tmp_path / "elsewhere")
    opening, restored = _reopen(tmp_path / "elsewhere" / "harbour.parallax")
    assert [s.state for s in opening.sources] == ["moved"] * 3
    assert opening.paths[2] == str(tmp_path / "elsewhere" / "texts" / "c.txt")
    assert restored.report() == []


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=8)


def _paths(value, prefix=()):
    """Every place in a JSON value, for mutating one of them."""
    yield prefix
    items = value.items() if isinstance(value, dict) else \
        enumerate(value) if isinstance(value, list) else []
    for key, child in items:
        yield from _paths(child, (*prefix, key))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_damage_is_refused_with_a_message_never_a_crash(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "a.txt").write_text(A, encoding="utf-8")
    (folder / "b.txt").write_text(B, encoding="utf-8")
    file = folder / "h.parallax"
    _saved([str(folder / "a.txt"), str(folder / "b.txt"), str(folder / "b.txt")], file)
    doc = json.loads(file.read_text(encoding="utf-8"))
    where = data.draw(st.sampled_from(list(_paths(doc))[1:]))
    parent = doc
    for key in where[:-1]:
        parent = parent[key]
    if data.draw(st.booleans()) and isinstance(parent, dict):
        del parent[where[-1]]
    else:
        parent[where[-1]] = data.draw(json_values)
    file.write_text(json.dumps(doc), encoding="utf-8")
    try:
        read_comparison(file)
    except ComparisonFileError as exc:
        assert str(exc).startswith(str(file)) and "\n" not in str(exc)
