"""CLI difference numbers count places, as the reader's Differences dock does.

Three versions written by hand: row 1 differs in [2] and [3] ("Monday" ->
"Tuesday" in both), row 2 only in [3] ("library" -> "libraries"), row 3 only
in [2] ("spring" -> "autumn"). That is four differences in three places; the
dock shows three entries, so every CLI number must mean one of those three.
"""

from __future__ import annotations

import pytest
from test_saved_cli import run

BUDGET = ("The council approved the new budget on {day} after a long debate about school "
          "funding and roads.\n\nResidents who spoke at the meeting asked for more money for "
          "the public {library} and the city parks.\n\nThe mayor said the plan would be "
          "reviewed again next {season} when the final tax figures are known.\n")
VERSIONS = (("a.txt", "Monday", "library", "spring"), ("b.txt", "Tuesday", "library", "autumn"),
            ("c.txt", "Tuesday", "libraries", "spring"))


@pytest.fixture
def versions(tmp_path):
    paths = []
    for name, day, library, season in VERSIONS:
        path = tmp_path / name
        path.write_text(BUDGET.format(day=day, library=library, season=season), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_align_lists_one_entry_per_place(capsys, versions):
    status, out, _err = run(capsys, "align", "--differences", *versions)
    lines = out.splitlines()
    assert status == 0 and len(lines) == 3
    assert "1. [2] [3] word differently" in lines[0] and "Monday → Tuesday" in lines[0]
    assert "2. [3] words differently" in lines[1] and "library → libraries" in lines[1]
    assert "3. [2] words differently" in lines[2]
    assert "next spring → next autumn" in lines[2]  # the date whole, as the fact reads


def test_align_difference_n_shows_the_nth_place(capsys, versions):
    status, out, _err = run(capsys, "align", "--difference", "3", *versions)
    lines = out.splitlines()
    assert status == 0 and lines[0] == "Place 3 of 3: [2] words differently"
    assert lines[1].startswith("[1] (reference): The mayor said")
    assert "next [-spring-]{+autumn+} when" in lines[2]
    assert lines[3] == "[3]: " + BUDGET.split("\n\n")[2].format(season="spring").strip()
    status, _out, err = run(capsys, "align", "--difference", "4", *versions)
    assert status == 2 and "no place 4" in err and "there are 3" in err


def test_align_compares_against_the_reference_asked_for(capsys, versions):
    """``align`` had no ``--reference``: a change two versions made alike (Monday →
    Tuesday in [2] and [3]) or one made against a later version could only be read by
    putting the files in another order (review 12)."""
    status, out, _err = run(capsys, "align", "--differences", "--reference", "2", *versions)
    lines = out.splitlines()
    assert status == 0 and "1. [1] word" in lines[0] and "Tuesday → Monday" in lines[0]
    assert not any("[2]" in line.split(" “")[0] for line in lines)  # [2] is the reference
    status, out, _err = run(capsys, "align", "--reference", "2", *versions)
    assert status == 0 and "Fact changes against [2]: " in out
    assert "  [2] ¶1 → [1] ¶1: date: Tuesday → Monday" in out.splitlines()
    status, out, err = run(capsys, "align", "--reference", "4", *versions)
    assert status == 2 and "--reference must be between 1 and 3" in err


def test_the_summary_gives_a_change_several_sources_make_alike_one_line(capsys, versions):
    status, out, _err = run(capsys, "align", *versions)
    assert status == 0
    assert "  [1] ¶1 → [2] [3] ¶1: date: Monday → Tuesday" in out.splitlines()


def test_align_help_says_what_n_counts(capsys):
    status, out, _err = run(capsys, "align", "--help")
    out = " ".join(out.split())
    assert status == 0
    assert "--difference N" in out and "Differences dock" in out and "one entry per place" in out


def test_fix_checks_places_by_the_number_the_listing_shows(capsys, versions, tmp_path):
    file = str(tmp_path / "budget.parallax")
    assert run(capsys, "save", file, *versions)[0] == 0
    status, out, _err = run(capsys, "fix", file, "differences")
    assert status == 0 and len(out.splitlines()) == 3
    status, out, _err = run(capsys, "fix", file, "check", "1", "3")
    assert status == 0 and "checked 2 of 3 places" in out
    lines = run(capsys, "fix", file, "differences")[1].splitlines()
    assert [line[0] for line in lines] == ["✓", " ", "✓"]
    assert "[2] [3] word differently" in lines[0] and "[2] words differently" in lines[2]
    run(capsys, "fix", file, "uncheck", "1")
    lines = run(capsys, "fix", file, "differences")[1].splitlines()
    assert [line[0] for line in lines] == [" ", " ", "✓"]
    status, _out, err = run(capsys, "fix", file, "check", "4")
    assert status == 2 and "there are 3" in err


@pytest.mark.parametrize("command", [
    ("align", "--difference", "0"),
    ("export", "--reference", "0", "-o", "{out}"),
    ("save", "{file}", "--reference", "0")])
def test_a_zero_where_people_count_from_one_is_refused(capsys, versions, tmp_path, command):
    """Sources are [1]…[n] and places 1…; the JSON's indices start at 0, so a user tries 0:
    ``--difference 0`` printed the summary (status 0), ``--reference 0`` used [1]."""
    args = [a.format(out=tmp_path / "out.md", file=tmp_path / "c.parallax") for a in command]
    status, out, err = run(capsys, *args, *versions)
    assert status == 2 and not out
    assert "0: counted from 1 here ([1] is the first source, 1 the first place)" in err
    assert not (tmp_path / "out.md").exists() and not (tmp_path / "c.parallax").exists()


def test_a_place_leads_with_a_fact_change_then_with_the_most_words_changed():
    from reader.core.comparison import Difference
    from reader.core.places import FactLeads, lead_first
    diffs = [Difference(4, 1, "moved", 90), Difference(4, 2, "changed", 3),
             Difference(4, 3, "omitted", 40), Difference(4, 9, "changed", 1)]
    assert lead_first(diffs, [0, 1, 2, 3]) == [2, 1, 3, 0]
    assert lead_first(diffs, [0, 1, 2, 3], FactLeads({(4, 9): "number: 1 → 2"},
                                                       ranks={(4, 9): 1})) == [3, 2, 1, 0]
    # a version in another language changes every word: after the others (a fact first)
    assert lead_first(diffs, [0, 1, 2, 3], FactLeads(foreign={3})) == [1, 3, 0, 2]
    assert lead_first(diffs, [0, 1, 2, 3],
                      FactLeads({(4, 3): "number: 1 → 2"}, foreign={3},
                                ranks={(4, 3): 1})) == [2, 1, 3, 0]


TYPO_THEN_COST = ("The 2003 restoration replaced the bearnigs and repainted the ironwork, at a "
                  "cost of £3.2 million, and the bridge was not closed.")


def test_a_place_says_its_fact_change_before_a_typo_fixed_ahead_of_it(capsys, tmp_path):
    """A paragraph whose later versions fix a typo and change the cost after it: the place
    said "bearnigs → bearings" (its first changed words) where the reader's dock, leading
    with the facts, said the cost; both now say the cost, the change a reader is there for."""
    texts = [TYPO_THEN_COST,
             TYPO_THEN_COST.replace("bearnigs", "bearings").replace("3.2", "4.1"),
             TYPO_THEN_COST.replace("bearnigs", "bearings")]
    paths = []
    for n, text in enumerate(texts, 1):
        paths.append(tmp_path / f"v{n}.txt")
        paths[-1].write_text(f"The Iron Mile\n\n{text}\n", encoding="utf-8")
    status, out, _ = run(capsys, "align", "--differences", *map(str, paths))
    assert status == 0
    place = next(line for line in out.splitlines() if "[2] [3] word differently" in line)
    assert "number: £3.2 million → £4.1 million" in place and "bearnigs" not in place


WIRE = ("CARVERTON, March 15 (Wire) - At least 14 people were killed when a freight train "
        "derailed, officials said on Wednesday.\n\nWhitfield said investigators had not "
        "ruled out sabotage but that there was no evidence pointing to it.\n")
TRIMMED = ("CARVERTON, March 15 (Wire) - At least 14 people were reportedly killed when a "
           "freight train derailed, officials said on Wednesday.\n\nWhitfield said "
           "investigators had not ruled out sabotage.\n")
FLIPPED = ("At least 16 people were killed when a freight train derailed, officials said on "
           "Wednesday.\n\nWhitfield said investigators had ruled out sabotage but that there "
           "was no evidence pointing to it.\n")


def test_a_place_leads_with_its_most_serious_fact_change_and_counts_the_rest(capsys, tmp_path):
    """Review 8: a place led with its first source's change, a dateline left out ("date
    dropped: March 15") over another source's death toll 14 → 16, and a trimmed sentence
    over a negation dropped. Written by hand: [2] adds "reportedly" and trims the second
    paragraph; [3] leaves out the dateline, changes 14 to 16 and drops the "not"."""
    paths = []
    for name, text in (("wire.txt", WIRE), ("trimmed.txt", TRIMMED), ("flipped.txt", FLIPPED)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    status, out, _err = run(capsys, "align", "--differences", *paths)
    lines = out.splitlines()
    assert status == 0 and len(lines) == 2, lines
    assert "number: 14 → 16 (+1 more)" in lines[0]  # [2]'s hedge is the one more
    assert "negation dropped: not" in lines[1]


def test_a_script_reads_the_warnings_and_writes_an_export_to_a_pipe(capsys, versions,
                                                                     tmp_path, monkeypatch):
    """The summary's warnings were in no JSON field (a script over hundreds of sets could not
    see that a source is a copy); ``-o -`` wrote a file named "-"; the export's time made
    every batch's export differ (review 13)."""
    import json
    copy = tmp_path / "copy.txt"
    copy.write_text(open(versions[0], encoding="utf-8").read(), encoding="utf-8")
    status, out, _err = run(capsys, "align", "--json", *versions, str(copy))
    assert status == 0 and json.loads(out)["warnings"] == ["[4] is a copy of [1], word for word"]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01 00:00 UTC
    status, out, _err = run(capsys, "export", "-o", "-", "--format", "md", *versions)
    assert status == 0 and out.startswith("# ") and not (tmp_path / "-").exists()
    assert "exported by Parallax on 2025-12-01 00:00" in out
    status, out, err = run(capsys, "export", "-o", "-", *versions)
    assert status == 2 and not out and "a PDF goes to a file" in err
    status, _out, err = run(capsys, "save", str(tmp_path / "one.parallax"), versions[0])
    assert status == 2 and "2 to 20 files; 1 given" in err


def test_a_bug_is_one_line_and_its_own_status(capsys, versions, monkeypatch):
    """A bug of Parallax's reached a script as 60 lines of traceback and status 1, told
    from nothing else (review 13)."""
    import reader.core.export.summary as summary

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(summary, "summary_text", broken)
    monkeypatch.delenv("PARALLAX_DEBUG", raising=False)
    status, out, err = run(capsys, "align", *versions)
    assert status == 70 and not out and len(err.splitlines()) == 1
    assert "internal error (ZeroDivisionError: division by zero)" in err
    monkeypatch.setenv("PARALLAX_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        run(capsys, "align", *versions)


def test_the_json_names_each_source_as_the_summary_does(capsys, versions):
    """Three versions of one title were three sources named alike in the JSON (review 13)."""
    import json
    document = json.loads(run(capsys, "align", "--json", *versions)[1])
    labels = [source["label"] for source in document["sources"]]
    assert labels[0].startswith("[1] a.txt") and labels[2].startswith("[3] c.txt")
    assert len(set(labels)) == 3


def test_an_option_misused_is_one_line(capsys, versions):
    """The usage block came before the error: five lines for a script to log (review 13)."""
    status, out, err = run(capsys, "align", "--difference", "abc", *versions)
    assert status == 2 and not out and len(err.splitlines()) == 1
    assert "not a whole number: 'abc'" in err and "--help" in err
