"""A comparison file reopened after a source was edited beside a backup of its old text:
the edited file is compared and its notes re-anchored, and every export says which notes
only roughly match (the review's findings 1 and 11, on real files in a temporary folder)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from test_saved_cli import run

from reader.core.export.report import FUZZY_KEY, ORPHANS_HEADING

DRAFT_1 = ("Why Revision Is Not Correction\n\n"
           "Between the first draft and the published text, Marlowe rewrote the opening "
           "chapter eleven times. Only a handful of the changes are corrections.\n\n"
           "Most of the changes alter what the chapter is about, not how it is said.\n")
DRAFT_2 = ("Why Revision Is Not Correction\n\n"
           "Between the first draft and the published text, Marlowe rewrote the opening "
           "chapter nine times, and only a handful of the changes are corrections.\n\n"
           "Revision, in short, is a form of reading. Most of the changes alter what the "
           "chapter is about.\n")
EDITED = DRAFT_2.replace("rewrote the opening chapter nine times",
                         "reworked her first chapter no fewer than ten times").replace(
    "Revision, in short, is a form of reading.", "To revise is, finally, to read.")
FUZZY = "Marlowe rewrote the opening chapter nine times"
ORPHAN = "Revision, in short, is a form of reading."


def _note(quote: str) -> dict:
    """A note on ``quote`` in draft 2, with the context the reader stores around it."""
    start, end = DRAFT_2.index(quote), DRAFT_2.index(quote) + len(quote)
    return {"source": 1, "quote": quote, "start": start, "end": end,
            "prefix": DRAFT_2[max(0, start - 32):start], "suffix": DRAFT_2[end:end + 32],
            "body": f"about {quote[:12]}"}


@pytest.fixture
def edited(capsys, tmp_path):
    """essay.parallax of draft1.md and draft2.md with two notes on draft 2; then draft2.md
    is backed up as draft2.orig.md (the saved text, byte for byte) and edited."""
    first, second = tmp_path / "draft1.md", tmp_path / "draft2.md"
    first.write_text(DRAFT_1, encoding="utf-8")
    second.write_text(DRAFT_2, encoding="utf-8")
    file = str(tmp_path / "essay.parallax")
    assert run(capsys, "save", file, str(first), str(second))[0] == 0
    notes = [_note(quote) for quote in (FUZZY, ORPHAN)]
    (tmp_path / "notes.json").write_text(json.dumps({"schema": 1, "notes": notes}),
                                         encoding="utf-8")
    assert run(capsys, "notes", "import", file, str(tmp_path / "notes.json"))[0] == 0
    shutil.copy(second, tmp_path / "draft2.orig.md")
    second.write_text(EDITED, encoding="utf-8")
    return file


def test_the_edited_file_is_compared_not_its_backup_and_its_notes_reanchored(capsys, edited):
    status, out, err = run(capsys, "notes", "list", edited)
    assert status == 0
    assert "found it at" not in err and "draft2.orig.md" not in err + out
    assert "[2] " in err and "changed since the comparison was saved" in err
    assert "Changed since the notes were made: [2] draft2.md. Their notes: 1 fuzzy, 1 orphan." \
        in out
    [fuzzy] = [line for line in out.splitlines() if FUZZY in line]
    assert " fuzzy " in fuzzy and "%" in fuzzy  # "fuzzy 72%", as the Annotations dock says


def _exported(capsys, file: str, suffix: str) -> str:
    out = file.replace(".parallax", suffix)
    status, _out, err = run(capsys, "export", file, "-o", out)
    assert status == 0, err
    if suffix != ".pdf":
        with open(out, encoding="utf-8") as fh:
            return fh.read()
    return subprocess.run(["pdftotext", "-raw", out, "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("suffix", [".md", ".html", ".pdf"])
def test_every_export_marks_the_note_that_only_roughly_matched(capsys, edited, suffix, qapp):
    if suffix == ".pdf" and shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils (pdftotext)")
    os.remove(edited.replace("essay.parallax", "draft2.orig.md"))  # this is about exports
    _status, out, _err = run(capsys, "notes", "list", edited)
    words = next(line for line in out.splitlines() if FUZZY in line).split()[2:4]
    assert words[0] == "fuzzy"
    text = " ".join(_exported(capsys, edited, suffix).split())
    assert " ".join(words) in text  # "fuzzy 72%", the CLI's words
    assert "orphan" in text
    assert FUZZY_KEY.split(";")[0] in text  # what "fuzzy" means, above the notes


@pytest.mark.parametrize("suffix", [".md", ".html", ".pdf"])
def test_every_export_heads_the_orphans_alike(capsys, edited, suffix, qapp):
    """The Markdown export listed the orphans after the numbered notes as bare bullets,
    where the PDF and the HTML put them under a heading of their own."""
    if suffix == ".pdf" and shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils (pdftotext)")
    os.remove(edited.replace("essay.parallax", "draft2.orig.md"))
    text = _exported(capsys, edited, suffix)
    assert ORPHANS_HEADING in " ".join(text.split())
    if suffix == ".md":
        assert f"\n### {ORPHANS_HEADING}\n" in text
