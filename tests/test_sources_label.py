"""How sources are named for people, and ordered by time (reader/core/sources.py, CLI).

The pages in tests/data/meta are written for this test: the Guardian page states
site, date (and an update) and author; the Herald page states them with a
-05:00 offset, published 23 Jul 2015 22:30 local = 24 Jul 03:30 UTC, so it is
earlier than the Guardian's 24 Jul 10:00 UTC; the third page states nothing.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.comparison import compare
from reader.core.export.report import ExportOptions, build_report
from reader.core.export.summary import summary_text
from reader.core.load.documents import load_document
from reader.core.load.segmentation import Paragraph
from reader.core.sources import date_order, readable_date, source_label, source_labels

DATA = Path(__file__).parent / "data" / "meta"
GUARDIAN, HERALD, UNDATED = (str(DATA / f"{n}.html") for n in ("guardian", "herald", "undated"))


@pytest.fixture(scope="module")
def docs():
    return [load_document(p) for p in (GUARDIAN, UNDATED, HERALD)]


def test_a_page_that_states_site_date_and_author_is_named_by_them(docs):
    assert source_label(docs[0], 1) == "[2] The Guardian · 24 Jul 2015 · Jane Doe"
    assert source_label(docs[2], 0) == "[1] Daily Herald · 23 Jul 2015 · John Roe"


def test_a_page_that_states_nothing_is_named_by_file_and_title(docs):
    assert source_label(docs[1], 2) == "[3] undated.html — Whale strandings explained"


def test_the_long_form_adds_file_title_and_update(docs):
    assert source_label(docs[0], 0, long=True) == (
        "[1] guardian.html — Whales stranded in New Zealand\n"
        "The Guardian · 24 Jul 2015 (updated 25 Jul 2015) · Jane Doe")


def test_dates_read_as_the_page_states_them():
    assert readable_date("2019-01-03T07:00:02.000Z") == "3 Jan 2019"
    assert readable_date("2017-11-16T14:15+0000") == "16 Nov 2017"
    assert readable_date("2016-08-01T01:30:24-04:00") == "1 Aug 2016"  # the page's day, not UTC's
    assert readable_date("2015-05-04") == "4 May 2015"
    assert readable_date("May 4, 2015") == "May 4, 2015"  # not ISO: shown as stated
    assert readable_date(None) == ""


def test_page_furniture_is_never_a_name(docs):
    """A site name or title that is a line of page furniture ("Home News Sport") says nothing."""
    furniture = Paragraph(0, 0, 15, "Home News Sport", boilerplate=True)
    doc = replace(docs[1], site="Home News Sport", title="Home News Sport",
                  paragraphs=[furniture, *docs[1].paragraphs[1:]])
    assert source_label(doc, 0) == "[1] undated.html"
    dated = replace(doc, published="2015-07-22")
    assert source_label(dated, 0) == "[1] 22 Jul 2015"
    # A headline repeated in a furniture block is still the article's own title.
    repeated = replace(doc, paragraphs=[*docs[1].paragraphs, furniture],
                       title="Whale strandings explained")
    furniture_copy = Paragraph(9, 0, 26, "Whale strandings explained", boilerplate=True)
    repeated = replace(repeated, paragraphs=[*repeated.paragraphs, furniture_copy])
    assert source_label(repeated, 0) == "[1] undated.html — Whale strandings explained"


def test_date_order_puts_the_earliest_first_and_undated_last(docs):
    order, undated = date_order(docs)
    assert order == [2, 0, 1]  # Herald (03:30 UTC), Guardian (10:00 UTC), undated
    assert undated == [1]


def test_align_order_date_numbers_sources_by_date(capsys):
    assert main(["align", "--json", "--no-diffs", "--order", "date",
                 GUARDIAN, UNDATED, HERALD]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["order"] == "date"
    assert [Path(s["path"]).name for s in data["sources"]] == [
        "herald.html", "guardian.html", "undated.html"]
    assert [s["index"] for s in data["sources"]] == [0, 1, 2]
    assert err.count("\n") == 1 and "undated.html" in err


def test_align_keeps_the_given_order_and_says_so(capsys):
    assert main(["align", "--json", "--no-diffs", GUARDIAN, UNDATED, HERALD]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["order"] == "given"
    assert [Path(s["path"]).name for s in data["sources"]] == [
        "guardian.html", "undated.html", "herald.html"]
    assert err == ""


def test_the_summary_names_sources_by_label(capsys):
    assert main(["align", "--order", "date", GUARDIAN, HERALD]) == 0
    out = capsys.readouterr().out
    assert "  [1] Daily Herald · 23 Jul 2015 · John Roe  (" in out
    assert "  [2] The Guardian · 24 Jul 2015 · Jane Doe  (" in out


def test_summary_text_uses_the_label(docs):
    assert "[3] Daily Herald · 23 Jul 2015 · John Roe" in summary_text(compare(docs))


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_export_headers_show_the_label_in_date_order(tmp_path, capsys, fmt):
    out = tmp_path / f"out.{fmt}"
    assert main(["export", "--order", "date", "--no-notes", "-o", str(out),
                 GUARDIAN, UNDATED, HERALD]) == 0
    text = out.read_text(encoding="utf-8").replace("\\[", "[").replace("\\]", "]")
    assert "Reference: [1] Daily Herald · 23 Jul 2015 · John Roe" in text
    herald = text.index("[1] Daily Herald · 23 Jul 2015 · John Roe")
    guardian = text.index("[2] The Guardian · 24 Jul 2015 · Jane Doe", herald)
    assert text.index("[3] undated.html — Whale strandings explained", guardian)
    assert "undated.html" in capsys.readouterr().err


def test_report_label_is_the_source_label(docs):
    report = build_report(compare(docs), [], ExportOptions(order=[2, 0, 1]))
    assert report.label(2) == "[3] Daily Herald · 23 Jul 2015 · John Roe"


def test_revisions_that_read_alike_are_told_apart(docs):
    """Two saves of one article state one site, date and author: each label adds what
    tells it from the other (its update, else its file, else its folder)."""
    guardian = docs[0]
    later = replace(guardian, updated="2015-07-26T09:00:00Z")
    assert source_labels([guardian, later, docs[1]]) == [
        "[1] The Guardian · 24 Jul 2015 · Jane Doe (updated 25 Jul 2015)",
        "[2] The Guardian · 24 Jul 2015 · Jane Doe (updated 26 Jul 2015)",
        "[3] undated.html — Whale strandings explained"]
    first, second = (replace(guardian, path=f"/saved/{day}/index.html") for day in ("mon", "tue"))
    assert source_labels([first, second], numbers=[4, 1]) == [
        "[5] The Guardian · 24 Jul 2015 · Jane Doe (in mon/)",
        "[2] The Guardian · 24 Jul 2015 · Jane Doe (in tue/)"]
    assert source_labels([docs[1], docs[2]]) == [source_label(docs[1], 0),
                                                 source_label(docs[2], 1)]
