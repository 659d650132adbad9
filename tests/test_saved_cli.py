"""``parallax save``, ``parallax fix`` and a comparison file in place of FILE... on the CLI."""

from __future__ import annotations

import json
import os

import pytest
from test_fixes import A, B

from reader.cli import main


@pytest.fixture
def files(tmp_path):
    paths = []
    for name, text in (("a.txt", A), ("b.txt", B)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    return paths


def run(capsys, *argv) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exc:
        status = exc.code
    out, err = capsys.readouterr()
    return status, out, err


def _links(capsys, *files) -> dict:
    status, out, _err = run(capsys, "align", "--json", *files)
    assert status == 0
    document = json.loads(out, object_pairs_hook=_unique_keys)
    return {(tuple(l["a"]), tuple(l["b"])): l["set_by"] for l in document["links"]}


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object whose keys are each written once (a file's ``set_by`` replaces the
    engine's rather than following it)."""
    keys = [key for key, _ in pairs]
    assert len(keys) == len(set(keys)), keys
    return dict(pairs)


def test_fixes_made_on_the_command_line_show_as_set_by_hand(capsys, files, tmp_path):
    file = str(tmp_path / "h.parallax")
    assert run(capsys, "save", file, *files)[0] == 0
    assert set(_links(capsys, *files).values()) == {"engine"}
    status, out, _err = run(capsys, "fix", file, "link", "[1]¶3", "2:3")
    assert status == 0 and out.startswith("fix 1: link [1]¶3 ↔ [2]¶3")
    assert run(capsys, "fix", file, "unlink", "1:2", "2:2")[0] == 0
    links = _links(capsys, file)
    assert links[((0, 2), (1, 2))] == "hand"
    assert ((0, 1), (1, 1)) not in links
    assert sorted(links.values()) == ["engine", "engine", "hand"]
    status, out, _err = run(capsys, "fix", file, "list")
    assert out.splitlines() == ["1. link [1]¶3 ↔ [2]¶3", "2. unlink [1]¶2 ↮ [2]¶2"]
    assert run(capsys, "fix", file, "remove", "1")[0] == 0
    assert "hand" not in _links(capsys, file).values()


def test_bad_paragraph_names_are_refused(capsys, files, tmp_path):
    file = str(tmp_path / "h.parallax")
    run(capsys, "save", file, *files)
    before = open(file, encoding="utf-8").read()
    for bad in (["link", "1:3", "1:4"], ["link", "1:3", "3:1"], ["only-here", "2:99"],
                ["only-here", "two"]):
        status, _out, err = run(capsys, "fix", file, *bad)
        assert status == 2 and err.startswith("parallax: ") and len(err.splitlines()) == 1
    assert open(file, encoding="utf-8").read() == before


def test_export_uses_the_files_title_reference_and_order(capsys, files, tmp_path):
    file = str(tmp_path / "h.parallax")
    run(capsys, "save", file, *files, "--title", "Harbour ferries", "--reference", "2",
        "--order", "2,1")
    out_md = str(tmp_path / "out.md")
    assert run(capsys, "export", file, "-o", out_md)[0] == 0
    text = open(out_md, encoding="utf-8").read()
    assert text.startswith("# Harbour ferries")
    assert "Reference: \\[2\\]" in text.splitlines()[2]
    table = [line for line in text.splitlines() if line.startswith("| ") and "UTF-8" in line]
    assert [line.split("|")[1].strip()[:5] for line in table] == ["\\[2\\]", "\\[1\\]"]  # saved order


def test_a_missing_source_leaves_the_rest_to_the_commands(capsys, files, tmp_path):
    third = tmp_path / "c.txt"
    third.write_text(A.replace("bakery", "butcher"), encoding="utf-8")
    file = str(tmp_path / "h.parallax")
    run(capsys, "save", file, *files, str(third))
    third.unlink()
    status, out, err = run(capsys, "align", file)
    assert status == 0 and out.startswith("2 sources")
    assert "[3] " in err and "is missing" in err


def test_a_missing_source_leaves_the_others_their_numbers(capsys, files, tmp_path):
    """The summary renumbered the sources it loaded ([3] became [2]) while stderr and
    ``parallax fix`` kept the file's numbers, and the missing reference was replaced by
    [1] without a word (review 13)."""
    third = tmp_path / "c.txt"
    third.write_text(A.replace("bakery", "butcher"), encoding="utf-8")
    file = str(tmp_path / "h.parallax")
    run(capsys, "save", file, *files, str(third), "--reference", "2")
    os.unlink(files[1])
    status, out, err = run(capsys, "align", file)
    assert status == 0 and "the reference, [2], is missing: comparing against [1]" in err
    assert "Fact changes against [1]" in out and "  [1]-[3]: " in out
    assert "[2]" not in out.split("Comparison file:")[0]  # [2] is the one missing
    document = json.loads(run(capsys, "align", "--json", file)[1])
    assert document["comparison_file"]["places"] == [0, 2]
    assert document["comparison_file"]["missing"][0]["source"] == 1


def test_sources_grown_too_large_together_say_so_once(capsys, files, tmp_path, monkeypatch):
    """Sources that grew past the limit together after ``save`` gave three lines that
    contradicted each other: too large, then "[2] changed: re-aligned", then "give at
    least two files" (review 13)."""
    import reader.core.pipeline as pipeline
    file = str(tmp_path / "h.parallax")
    run(capsys, "save", file, *files)
    with open(files[1], "a", encoding="utf-8") as grown:
        grown.write("\n\nMore news from the harbour, line after line.\n" * 200)
    monkeypatch.setattr(pipeline, "TOTAL_BYTES_LIMIT", 5_000)
    status, out, err = run(capsys, "align", file)
    assert status == 2 and not out and len(err.splitlines()) == 1
    assert "too large to compare together" in err


@pytest.mark.parametrize("command", [["align"], ["notes", "list"], ["fix", "{}", "list"]])
def test_damaged_comparison_file_is_refused_in_one_line(capsys, tmp_path, command):
    file = tmp_path / "bad.parallax"
    file.write_text('{"format": "parallax-comparison", "schema": 1', encoding="utf-8")
    argv = [a.replace("{}", str(file)) for a in command]
    status, _out, err = run(capsys, *argv, *([] if "{}" in command else [str(file)]))
    assert status == 2
    assert err.count("\n") == 1 and "not valid JSON" in err


def test_save_never_replaces_a_damaged_or_existing_file(capsys, files, tmp_path):
    damaged = tmp_path / "bad.parallax"
    damaged.write_text("garbage", encoding="utf-8")
    status, _out, err = run(capsys, "save", str(damaged), *files, "--force")
    assert status == 2 and "not a Parallax comparison file" in err
    assert "nothing was written over it" in err and err.count(str(damaged)) == 1
    assert damaged.read_text(encoding="utf-8") == "garbage"
    good = str(tmp_path / "h.parallax")
    run(capsys, "save", good, *files)
    status, _out, err = run(capsys, "save", good, *files)
    assert status == 2 and "--force" in err


def test_checked_differences_are_counted_and_survive_a_fix(capsys, files, tmp_path):
    file = str(tmp_path / "h.parallax")
    run(capsys, "save", file, *files)
    status, out, _err = run(capsys, "fix", file, "differences")
    total = len(out.splitlines())
    assert status == 0 and total >= 3 and "✓" not in out
    assert run(capsys, "fix", file, "check", "1", "3")[0] == 0
    run(capsys, "fix", file, "link", "1:3", "2:3")  # re-lays the rows out
    status, out, _err = run(capsys, "align", "--json", file)
    checked = json.loads(out)["comparison_file"]["checked"]
    assert checked["checked_differences"] == 2 and checked["checked_passages"] == 0
    # the places, as `fix differences` numbers them (review 13: only differences were counted)
    listed = run(capsys, "fix", file, "differences")[1].splitlines()
    assert checked["places"] == len(listed)
    assert checked["checked_places"] == [line[0] for line in listed].count("✓") == 2
    assert run(capsys, "fix", file, "uncheck", "3")[0] == 0
    status, out, _err = run(capsys, "fix", file, "differences")
    assert [line[0] for line in out.splitlines()].count("✓") == 1
    assert run(capsys, "fix", file, "check", "999")[0] == 2


def test_locate_points_a_missing_source_at_its_new_place(capsys, files, tmp_path):
    file = str(tmp_path / "h.parallax")
    run(capsys, "save", file, *files)
    (tmp_path / "away").mkdir()
    new = tmp_path / "away" / "b-renamed.txt"
    os.rename(files[1], new)
    status, _out, err = run(capsys, "align", file)
    assert status == 2 and "is missing" in err  # one source left: nothing to compare
    assert run(capsys, "fix", file, "locate", "2", str(tmp_path / "nowhere.txt"))[0] == 2
    status, out, _err = run(capsys, "fix", file, "locate", "2", str(new))
    assert status == 0 and "edited" not in out
    status, _out, err = run(capsys, "align", file)
    assert status == 0 and err == ""


def test_a_file_listed_for_two_sources_is_compared_once(capsys, files, tmp_path):
    """A comparison file edited by hand to list a.txt for [1] and [3]: a.txt is read for
    [1] only, [3] is reported missing with the reason, and locating a source to a file the
    comparison holds already is refused."""
    file = tmp_path / "h.parallax"
    run(capsys, "save", str(file), *files)
    data = json.loads(file.read_text(encoding="utf-8"))
    data["sources"].append(dict(data["sources"][0]))
    data["order"].append(2)
    file.write_text(json.dumps(data), encoding="utf-8")
    status, out, err = run(capsys, "align", str(file))
    assert status == 0 and out.startswith("2 sources,")
    assert "[3] a.txt is missing (its file is also source [1])" in err
    status, _out, err = run(capsys, "fix", str(file), "locate", "2", files[0])
    assert status == 2 and "is source [1] already" in err
