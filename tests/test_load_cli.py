"""``parallax text FILE [--json]``: what Parallax read, as a user can check it."""

from __future__ import annotations

import json
from pathlib import Path

from reader.cli import main

DATA = Path(__file__).parent / "data" / "load"


def test_text_json_lists_roles_offsets_furniture_and_metadata(capsys, monkeypatch):
    monkeypatch.setenv("PARALLAX_EXTRACTOR", "builtin")
    assert main(["text", "--json", str(DATA / "roles.html")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["title"], out["byline"], out["site"], out["lang"]) == (
        "Harbour bridge reopens after repairs", "Jane Doe", "The Coastal Times", "en-GB")
    assert out["published"] == "2024-03-05T08:30:00Z" and out["format"] == "html"
    paragraphs = out["paragraphs"]
    assert [p["role"] for p in paragraphs[:3]] == ["headline", "standfirst", "byline"]
    assert paragraphs[2]["boilerplate"] and not paragraphs[0]["boilerplate"]
    for p in paragraphs:
        assert out["text"][p["start"]:p["end"]] == p["text"]


def test_text_human_listing_numbers_from_one_and_marks_furniture(capsys, monkeypatch, tmp_path):
    page = tmp_path / "story.md"
    page.write_text("# Bridge reopens\n\nThe **bridge** reopened on Tuesday.\n\nRead more: other"
                    " news\n", encoding="utf-8")
    assert main(["text", str(page)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "title     Bridge reopens" in lines[1]
    assert lines[-3].startswith("¶1    headline")
    assert lines[-2].endswith(" The bridge reopened on Tuesday.")  # as the reader shows it
    assert lines[-1].startswith("¶3") and "furniture" in lines[-1]


def test_text_bad_file_is_one_line(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["text", str(empty)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "empty" in err[0]


def test_a_command_runs_without_the_cyclic_collector_and_gives_it_back(monkeypatch, tmp_path):
    """A command builds one comparison and exits: the collector's passes over it free
    nothing (``reader.core.collector``). It is on again after, for a caller in-process."""
    import gc

    import reader.cli

    seen = []
    monkeypatch.setattr(reader.cli, "_cmd_align", lambda args: seen.append(gc.isenabled()) or 0)
    page = tmp_path / "a.txt"
    page.write_text("One paragraph.\n", encoding="utf-8")
    assert gc.isenabled()
    assert main(["align", str(page), str(page)]) == 0
    assert seen == [False] and gc.isenabled()


def test_one_paragraph_is_counted_as_one(capsys, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("The bridge reopened on Tuesday after four months of repairs.\n",
                    encoding="utf-8")
    assert main(["text", str(note)]) == 0
    assert "1 paragraph, 0 marked as page furniture:" in capsys.readouterr().out  # not "1 paragraphs"


def test_a_file_of_blank_space_says_so(capsys, tmp_path):
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n\t\n", encoding="utf-8")
    assert main(["text", str(blank)]) == 2
    assert "file holds only blank space" in capsys.readouterr().err  # it was called "empty"
