"""Punctuation and case counted when asked (``Comparison.accidentals``, ``--punctuation``).

Review 10 (a scholarly editor's): nine planted changes of punctuation and case were "No
differences.", with no way to list them. The texts here are written by hand: the second
edition changes "CLERVAL" to "Clerval", a full stop to a colon, drops a comma, turns a
question into an exclamation, writes "--" for "—" and straight quotes for curly ones
(typesetting: no variant even when asked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.comparison import compare
from reader.core.diff.words import Span, accidental_spans, typography_folded
from reader.core.load.documents import document_from_text

FIRST = """CHAPTER V.

CLERVAL then put the following letter into my hands.

Surely, Victor, you must have been exceedingly ill; and this makes us wretched.

What could I do? He meant to please, and he tormented me.

I spoke of Angelica—she was the heroine of “Orlando”, he said.
"""
SECOND = FIRST.replace("CLERVAL", "Clerval").replace("hands.", "hands:").replace(
    "Surely,", "Surely").replace("do?", "do!").replace("Angelica—she", "Angelica--she").replace(
    "“Orlando”", '"Orlando"')


@pytest.fixture
def comp():
    return compare([document_from_text(FIRST, "first.txt"),
                    document_from_text(SECOND, "second.txt")])


def _rows(comp) -> list[str]:
    return [comp.compared_row_text(d.row, 1)[:12] for d in comp.differences(0)]


def test_accidentals_are_differences_only_when_asked(comp):
    assert comp.differences(0) == []
    assert comp.accidental_rows(0) == 3
    comp.accidentals = True
    assert _rows(comp) == ["Clerval then", "Surely Victo", "What could I"]
    assert comp.accidental_rows(0) == 0
    comp.accidentals = False
    assert comp.differences(0) == []  # the diffs as found are kept apart


def test_typesetting_is_no_accidental():
    assert typography_folded("Angelica--she “Orlando” wait...") == \
        typography_folded("Angelica—she \"Orlando\" wait…")
    a, b = "hands. “Yes”", "hands: \"Yes\""
    spans = [Span("equal", 0, 5, 0, 5), Span("replace", 5, 6, 5, 6, trivial=True),
             Span("equal", 6, 7, 6, 7), Span("replace", 7, 8, 7, 8, trivial=True),
             Span("equal", 8, 11, 8, 11), Span("replace", 11, 12, 11, 12, trivial=True)]
    assert [s.trivial for s in accidental_spans(spans, a, b)] == \
        [False, False, False, True, False, True]


def _parallax(*args: str, cwd) -> str:
    parallax = str(Path(sys.executable).with_name("parallax"))
    return subprocess.run([parallax, *args], cwd=cwd, capture_output=True, text=True,
                          check=True).stdout


def test_the_command_line_says_what_no_differences_leaves_out(tmp_path):
    (tmp_path / "a.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SECOND, encoding="utf-8")
    assert _parallax("align", "--differences", "a.txt", "b.txt", cwd=tmp_path).strip() == (
        "No differences in wording; 3 places differ in punctuation, case or paragraphing "
        "alone (--punctuation lists them).")
    listed = _parallax("align", "--differences", "--punctuation", "a.txt", "b.txt",
                       cwd=tmp_path).splitlines()
    assert [line.split("  ")[-1] for line in listed] == [
        "“CLERVAL → Clerval”", "“Surely, Victor, → Surely Victor,”", "“do? He → do! He”"]
    _parallax("export", "--punctuation", "-o", "out.html", "a.txt", "b.txt", cwd=tmp_path)
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "punctuation, case and paragraphing too" in html and ">Clerval<" in html


def test_a_paragraph_split_or_joined_is_an_accidental():
    """Re-paragraphing alone (an edition splits a letter's paragraph, joins two others)
    read "No differences."; counted, each break is a place, quoted with a ¶ where it is."""
    whole = ("He perceived that I disliked the subject, and he changed it. I could not "
             "exhibit the pain I felt. M. Waldman inflicted torture when he praised me.")
    split = whole.replace(" M. Waldman", "\n\nM. Waldman")
    first = FIRST + "\n" + whole + "\n"
    comp = compare([document_from_text(first, "first.txt"),
                    document_from_text(first.replace(whole, split), "second.txt")])
    assert comp.differences(0) == [] and comp.accidental_rows(0) == 1
    comp.accidentals = True
    [diff] = comp.differences(0)
    from reader.core.places import snippet
    assert snippet(comp, diff, 0) == "“felt. M. → felt. ¶ M.”"
