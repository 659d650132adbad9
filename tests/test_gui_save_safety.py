"""Saving a comparison from the window: nothing another window saved is lost, a failed
save changes nothing, and each message says what happened once (pytest-qt, offscreen)."""

from __future__ import annotations

import json

import pytest
from gui_helpers import settle_app
from test_gui_saved import _unlinked_pair

from reader.gui.comparison_actions import CANCEL, OVERWRITE

pytestmark = pytest.mark.usefixtures("no_save_prompt")
UNWRITABLE = "/proc/nope.parallax"  # its folder exists, and nothing can be created there


def _checked_rows(file) -> int:
    return len(json.loads(open(file, encoding="utf-8").read())["checked"])


def _check(win, number: int) -> None:
    win.go_to_difference(number)
    settle_app()
    win.comparisons.toggle_checked()
    settle_app()


@pytest.fixture
def two_windows(window, new_window, tmp_path):
    file = str(tmp_path / "story.parallax")
    assert window.comparisons.save(path=file)
    a, b = new_window([file]), new_window([file])
    settle_app()
    return file, a, b


def test_two_windows_checking_one_file_keep_each_others_checks(two_windows):
    file, a, b = two_windows
    _check(a, 0)
    assert a.comparisons.save()
    alone = _checked_rows(file)
    row_of_b = next(i for i, d in enumerate(b.diffs) if d.row != b.diffs[0].row)
    _check(b, row_of_b)
    assert b.comparisons.save()
    assert _checked_rows(file) > alone  # A's checks are still there, B's added
    assert "merged" in b.statusBar().currentMessage()
    assert 0 in b.comparisons._checked  # B shows A's check now
    assert not b.isWindowModified()


def test_fixes_made_in_both_windows_ask_before_overwriting(two_windows, monkeypatch):
    file, a, b = two_windows
    x, y = _unlinked_pair(a.comp, 0, 1)
    assert a.fixes.apply("link", [x], [y])
    assert a.comparisons.save()
    saved_by_a = open(file, encoding="utf-8").read()
    x, y = _unlinked_pair(b.comp, 0, 2)
    assert b.fixes.apply("link", [x], [y])
    asked = []
    monkeypatch.setattr(b.comparisons, "ask_conflict",
                        lambda conflict: asked.append(str(conflict)) or CANCEL)
    assert not b.comparisons.save()
    assert "changed on disk since you opened it" in asked[0]
    assert open(file, encoding="utf-8").read() == saved_by_a and b.isWindowModified()
    monkeypatch.setattr(b.comparisons, "ask_conflict", lambda conflict: OVERWRITE)
    assert b.comparisons.save()
    fixes = json.loads(open(file, encoding="utf-8").read())["fixes"]
    assert len(fixes) == 1 and not b.isWindowModified()


def test_a_save_that_succeeds_clears_the_not_saved_banner(window, tmp_path):
    assert not window.comparisons.save(path=UNWRITABLE)
    said = window.comparisons.banner_text.text()
    assert window.comparisons.banner.isVisibleTo(window) and said.startswith("Not saved: ")
    assert said.count(UNWRITABLE) == 1  # the path once, then why
    assert window.comparisons.save(path=str(tmp_path / "ok.parallax"))
    assert "Not saved" not in window.comparisons.banner_text.text()
    assert not window.comparisons.banner.isVisibleTo(window)


def test_a_failed_save_as_leaves_no_unsaved_changes_behind(window, new_window, tmp_path,
                                                          monkeypatch):
    file = str(tmp_path / "story.parallax")
    assert window.comparisons.save(path=file)
    win = new_window([file])
    settle_app()
    win.go_to_difference(2)  # a place that differs from the saved one
    settle_app()
    session = win.comparisons.session
    before = (session.state.place, session.state.reference, list(session.state.order))
    assert not win.comparisons.save(path=UNWRITABLE)
    assert not session.changed and not win.isWindowModified()
    assert (session.state.place, session.state.reference, list(session.state.order)) == before
    asked = []
    monkeypatch.setattr(win.comparisons, "ask_to_save", lambda: asked.append(1) or CANCEL)
    assert win.close() and asked == []  # nothing changed: nothing to ask


def test_save_as_over_a_file_that_is_no_comparison_says_so(window, tmp_path):
    junk = tmp_path / "junk.parallax"
    junk.write_text("my shopping list\n", encoding="utf-8")
    assert not window.comparisons.save(path=str(junk))
    said = window.comparisons.banner_text.text()
    assert "is not a Parallax comparison file" in said and "damaged" not in said
    assert "nothing was written over it" in said and "another name" in said
    assert said.count(str(junk)) == 1
    assert junk.read_text(encoding="utf-8") == "my shopping list\n"
    assert window.isWindowModified() == window.comparisons.modified()

