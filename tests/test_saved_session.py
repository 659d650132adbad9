"""The reader's Save / Save As / Open logic (reader/gui/comparison_file.py), without widgets."""

from __future__ import annotations

import os

import pytest
from test_fixes import A, B

from reader.core.checked import passage_spot
from reader.core.comparison import compare
from reader.core.fixes import make_fix, set_by
from reader.core.load.documents import load_document
from reader.core.saved import ComparisonFileError
from reader.gui.comparison_file import (
    begin_open,
    finish_open,
    new_session,
    recent_titles,
    save,
    split_selection,
    suggested_name,
)


@pytest.fixture
def paths(tmp_path):
    out = []
    for name, text in (("a.txt", A), ("b.txt", B)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        out.append(str(tmp_path / name))
    return out


def _engine(paths):
    return compare([load_document(p) for p in paths])


def test_save_as_then_open_restores_the_window_state(paths, tmp_path):
    session = new_session(_engine(paths), "Harbour ferries")
    session.fix_command(make_fix("link", session.engine, [(0, 2)], [(1, 2)])).redo()
    session.set_view(reference=1, order=[1, 0], place=passage_spot(session.engine, 1, 0, 12))
    session.set_checked(passage_spot(session.engine, 0, 4, 30), True)
    target = save(session, str(tmp_path / "harbour"))
    assert target.endswith("harbour.parallax") and not session.changed
    opening = begin_open(target)
    again, restored = finish_open(opening, _engine(opening.paths))
    assert restored.report() == [] and again.messages == []
    assert again.state.reference == 1 and again.state.order == [1, 0]
    assert again.state.checked == session.state.checked
    assert again.state.place == session.state.place
    assert [(l.a, l.b) for l in again.fixed().links if set_by(l) == "hand"] == \
           [((0, 2), (1, 2))]
    assert recent_titles([target, str(tmp_path / "gone.parallax")]) == \
           [("Harbour ferries", target)]
    assert suggested_name(again, "/x") == "/x/Harbour ferries.parallax"


def test_locate_brings_a_missing_source_back(paths, tmp_path):
    session = new_session(_engine(paths))
    target = save(session, str(tmp_path / "h.parallax"))
    moved_away = tmp_path / "elsewhere" / "renamed-and-edited.txt"
    moved_away.parent.mkdir()
    moved_away.write_text(B + "\nOne more line.\n", encoding="utf-8")
    os.remove(paths[1])
    opening = begin_open(target)
    assert opening.sources[1].state == "missing"
    opening.locate(1, str(moved_away))
    assert opening.sources[1].state == "edited" and opening.paths[1] == str(moved_away)


def test_locating_a_source_to_another_sources_file_keeps_it_missing(paths, tmp_path):
    """[2] located to a.txt, which is [1]: a.txt is read once, for [1], and [2] still asks
    to be located, saying why (one version shown twice would agree with itself)."""
    session = new_session(_engine(paths))
    target = save(session, str(tmp_path / "h.parallax"))
    os.remove(paths[1])
    opening = begin_open(target)
    opening.locate(1, os.path.join(os.path.dirname(paths[0]), ".", "a.txt"))
    assert opening.paths == [paths[0]]
    assert opening.sources[1].state == "missing"
    assert "[2] b.txt is missing (its file is also source [1])" in opening.messages()[0]


def test_open_takes_a_comparison_file_alone():
    assert split_selection(["x.parallax"]) == ("x.parallax", [])
    assert split_selection(["a.txt", "b.md"]) == (None, ["a.txt", "b.md"])
    with pytest.raises(ComparisonFileError, match="alone"):
        split_selection(["x.parallax", "a.txt"])
