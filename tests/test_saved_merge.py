"""Two sides saving one comparison file: what each changed survives (reader/core/saved_merge)."""

from __future__ import annotations

import json

import pytest
from test_saved_cli import files, run  # noqa: F401  (the CLI's fixture and runner)

from reader.core.checked import passage_spot
from reader.core.comparison import compare
from reader.core.fixes import make_fix
from reader.core.load.documents import load_document
from reader.core.saved import ChangedOnDisk, read_comparison, read_stamped, write_comparison
from reader.core.saved_merge import SaveConflict
from reader.gui.comparison_file import begin_open, finish_open, new_session, save


def _engine(paths):
    return compare([load_document(p) for p in paths])


def _open_twice(files, tmp_path):  # noqa: F811
    target = save(new_session(_engine(files), "Ferries"), str(tmp_path / "h.parallax"))
    sessions = []
    for _ in range(2):
        opening = begin_open(target)
        sessions.append(finish_open(opening, _engine(opening.paths))[0])
    return target, sessions


def test_checks_saved_by_two_sides_are_both_kept(files, tmp_path):  # noqa: F811
    target, (a, b) = _open_twice(files, tmp_path)
    first, second = passage_spot(a.engine, 0, 0, 10), passage_spot(b.engine, 1, 0, 10)
    a.set_checked(first, True)
    save(a)
    b.set_checked(second, True)
    b.state.title = "Harbour ferries"
    save(b)
    on_disk = read_comparison(target)
    assert on_disk.checked == [first, second]  # A's check was not overwritten by B
    assert on_disk.title == "Harbour ferries" and b.merged and not a.merged
    assert b.state.checked == [first, second]  # B now holds what it wrote
    b.set_checked(first, False)  # B unchecks A's place: that is B's change, and it counts
    save(b)
    assert read_comparison(target).checked == [second]


def test_fixes_changed_on_one_side_only_are_kept(files, tmp_path):  # noqa: F811
    target, (a, b) = _open_twice(files, tmp_path)
    a.fix_command(make_fix("link", a.engine, [(0, 2)], [(1, 2)])).redo()
    save(a)
    b.set_checked(passage_spot(b.engine, 1, 0, 10), True)
    save(b)
    on_disk = read_comparison(target)
    assert len(on_disk.fixes) == 1 and len(on_disk.checked) == 1
    assert b.state.fixes == on_disk.fixes  # B shows A's fix now


def test_fixes_changed_on_both_sides_are_a_conflict_and_nothing_is_written(files, tmp_path):  # noqa: F811,E501
    target, (a, b) = _open_twice(files, tmp_path)
    a.fix_command(make_fix("link", a.engine, [(0, 2)], [(1, 2)])).redo()
    save(a)
    before = open(target, encoding="utf-8").read()
    b.fix_command(make_fix("only-here", b.engine, [(0, 3)])).redo()
    with pytest.raises(SaveConflict, match="changed on disk since you opened it"):
        save(b)
    assert open(target, encoding="utf-8").read() == before and b.changed
    save(b, overwrite=True)  # the reader's "Overwrite"
    assert read_comparison(target).fixes == b.state.fixes != []


def test_write_refuses_a_file_changed_since_its_stamp(files, tmp_path):  # noqa: F811
    target, (a, _b) = _open_twice(files, tmp_path)
    state, stamp = read_stamped(target)
    a.state.title = "Elsewhere"
    save(a)
    with pytest.raises(ChangedOnDisk) as caught:
        write_comparison(target, state, expect=stamp)
    assert caught.value.state.title == "Elsewhere"


def test_the_command_line_merges_what_a_window_saved_while_it_ran(capsys, files, tmp_path,  # noqa: F811,E501
                                                                  monkeypatch):
    """``parallax fix … check`` reads the file, aligns (seconds on a long story), writes: a
    window that saved meanwhile keeps its checked place."""
    from reader.cli import saved as cli_saved
    file = str(tmp_path / "h.parallax")
    run(capsys, "save", file, *files)
    window_check = passage_spot(_engine(files), 1, 0, 10)
    real_open = cli_saved.open_comparison

    def open_then_a_window_saves(path):
        opening = real_open(path)
        state = read_comparison(path)
        state.checked.append(window_check)
        write_comparison(path, state)
        return opening

    monkeypatch.setattr(cli_saved, "open_comparison", open_then_a_window_saves)
    assert run(capsys, "fix", file, "check", "1")[0] == 0
    checked = read_comparison(file).checked
    assert window_check in checked and len(checked) >= 2


def test_the_command_line_refuses_an_unmergeable_change_and_writes_nothing(
        capsys, files, tmp_path, monkeypatch):  # noqa: F811
    from reader.cli import saved as cli_saved
    file = str(tmp_path / "h.parallax")
    run(capsys, "save", file, *files)
    real_open = cli_saved.open_comparison

    def open_then_a_window_fixes(path):
        opening = real_open(path)
        state = read_comparison(path)
        state.fixes.append(make_fix("only-here", _engine(files), [(0, 3)]))
        write_comparison(path, state)
        return opening

    monkeypatch.setattr(cli_saved, "open_comparison", open_then_a_window_fixes)
    status, _out, err = run(capsys, "fix", file, "link", "1:3", "2:3")
    assert status == 2 and "run the command again" in err and err.count("\n") == 1
    assert [f["op"] for f in json.loads(open(file, encoding="utf-8").read())["fixes"]] == \
        ["only-here"]
