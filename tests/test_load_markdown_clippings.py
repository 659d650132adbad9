"""Markdown as web clippers and site generators write it: front matter, reference links,
footnotes, code fences and tables. Expected values read off the texts by hand."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.comparison import compare
from reader.core.load.documents import document_from_text
from reader.core.load.front_matter import front_matter
from reader.core.load.markup import Syntax, compared_text

CLIPPED = """---
title: "China and Russia get closer"
source: https://www.example.com/news/2023/02/22/china-russia
author:
  - "[[Jane Doe]]"
  - John Roe
published: 2023-02-22
created: 2025-11-30
tags:
  - clippings
---
# China and Russia get closer

Wang Yi met Vladimir Putin in Moscow on Wednesday, reports [the agency][1].

| Item | Value |
|------|------:|
| Trade | 190 billion |

The figure was a record.[^1]

[^1]: Customs data, 12 March 2022.

[1]: https://example.com/agency-2021
"""


def _visible(doc) -> list[str]:
    return [" ".join(compared_text(p).split()) for p in doc.paragraphs]


def test_a_clippers_front_matter_is_the_documents_metadata_not_its_text():
    doc = document_from_text(CLIPPED, "clip.md")
    assert (doc.title, doc.byline, doc.published) == \
        ("China and Russia get closer", "Jane Doe, John Roe", "2023-02-22")
    assert doc.url == "https://www.example.com/news/2023/02/22/china-russia"
    assert doc.site == "example.com"
    assert _visible(doc) == [
        "China and Russia get closer",
        "Wang Yi met Vladimir Putin in Moscow on Wednesday, reports the agency .",
        "Item Value", "Trade 190 billion", "The figure was a record.",
        "Customs data, 12 March 2022."]
    assert doc.paragraphs[0].role == "headline"
    for p in doc.paragraphs:  # offsets still point into the file's text
        assert doc.text[p.start:p.end] == p.text


def test_front_matter_needs_its_closing_line_and_reads_toml_too():
    assert front_matter("---\n\nA story that opens with a rule.\n") == (0, {})
    assert front_matter("Not at the start\n---\ntitle: x\n---\n") == (0, {})
    end, fields = front_matter('+++\ntitle = "Ferries"\nauthors = ["A. Writer", "B. Editor"]\n'
                               'date = 2024-05-01\n+++\nBody.\n')
    assert fields == {"title": "Ferries", "byline": "A. Writer, B. Editor",
                      "published": "2024-05-01"}
    assert end == len('+++\ntitle = "Ferries"\nauthors = ["A. Writer", "B. Editor"]\n'
                      'date = 2024-05-01\n+++\n')
    assert front_matter("---\nsource: Reuters\n---\n")[1] == {"site": "Reuters"}  # no address


def test_clippings_of_one_story_differ_only_where_the_story_does():
    """Two clippings of one article, clipped on different days from different addresses:
    same story, so every link is identical and no fact changes."""
    later = CLIPPED.replace("created: 2025-11-30", "created: 2026-01-04").replace(
        "news/2023/02/22/china-russia", "amp/china-russia-2023").replace("agency-2021", "a-2020")
    comp = compare([document_from_text(CLIPPED, "a.md"), document_from_text(later, "b.md")])
    assert {link.kind for link in comp.links} == {"identical"}
    assert len(comp.links) == 6


def test_a_code_fence_is_formatting_and_a_fence_alone_is_no_paragraph():
    doc = document_from_text("# Code\n\n```python\nx = 1\n\ny = 2\n```\n\nAfter it.\n", "c.md")
    assert _visible(doc) == ["Code", "x = 1", "y = 2", "After it."]
    doc = document_from_text("Intro.\n\n```\n\nprint(1)\n\n```\n", "d.md")
    assert _visible(doc) == ["Intro.", "print(1)"]


def test_exports_and_the_command_line_show_markdown_as_the_reader_does():
    """Two clippings that differ in one weekday and a link's address: the exports, the
    change list and the CLI's place detail show the words, never "**", brackets or the
    address, and mark only the weekday."""
    from reader.cli.places import place_detail
    from reader.core.export.html_export import render_html
    from reader.core.export.markdown_export import render_markdown
    from reader.core.export.report import ExportOptions, build_report
    a = "# Talks\n\nWang Yi met **Putin** on Wednesday, reports [the agency](https://a.example/1).\n"
    b = a.replace("Wednesday", "Thursday").replace("https://a.example/1", "https://b.example/2")
    comp = compare([document_from_text(a, "a.md"), document_from_text(b, "b.md")])
    report = build_report(comp, [], ExportOptions())
    html, markdown = render_html(report), render_markdown(report)
    detail = place_detail(comp, 0, 1)
    for shown in (html, markdown, detail):
        assert "example" not in shown and "**Putin" not in shown and "[the agency" not in shown
    assert "[2]: Wang Yi met Putin on [-Wednesday-]{+Thursday+}, reports the agency." in detail
    assert "> Wang Yi met Putin on ~~Wednesday~~ *Thursday*, reports the agency." in markdown
    assert html.count("data-diff=") == 1


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=12),
       st.integers(0, 70), st.integers(0, 70))
def test_syntax_leaves_out_exactly_its_characters(marks, start, end):
    """``Syntax.visible`` (by bisection) against a character-by-character filter."""
    text = "".join(chr(ord("a") + k % 26) for k in range(64))
    syntax = Syntax([(lo, lo + width) for lo, width in marks])
    hidden = {k for lo, hi in syntax.ranges for k in range(lo, hi)}
    assert syntax.visible(text, start, end) == \
        "".join(text[k] for k in range(start, min(end, len(text))) if k not in hidden)
    for lo, hi in syntax.ranges:
        assert syntax.covers(lo, hi) and not syntax.covers(max(0, lo - 1), hi) or lo == 0


def test_a_paragraph_of_thousands_of_marks_exports_in_linear_time():
    """10,000 bold words in one paragraph, every fourth changed in the other version: each
    diff span asks what is syntax; asked of every range in turn, it took minutes."""
    import time

    from reader.core.export.markdown_export import render_markdown
    from reader.core.export.report import ExportOptions, build_report
    words = [f"**w{k}**" for k in range(10_000)]
    other = [f"**v{k}**" if k % 4 == 0 else w for k, w in enumerate(words)]
    comp = compare([document_from_text(" ".join(words) + ".\n", "a.md"),
                    document_from_text(" ".join(other) + ".\n", "b.md")])
    started = time.perf_counter()
    shown = render_markdown(build_report(comp, [], ExportOptions()))
    assert time.perf_counter() - started < 20
    assert "~~w0~~ *v0*" in shown and "\\*\\*" not in shown


def test_a_links_address_or_number_is_no_fact():
    """The reviewer's pair: a link's address holds "2024", a reference link's label "1":
    neither is a date or a number of the story, so no fact and no fact change (the word
    diff saw no difference either)."""
    from reader.core.diff.story_facts import comparison_fact_changes, paragraph_fact_list
    a = "Wang Yi met Putin on Wednesday, reports [the agency][1].\n\n[1]: https://a.example/x\n"
    b = "Wang Yi met Putin on Wednesday, reports [the agency](https://example.org/x-2024).\n"
    comp = compare([document_from_text(a, "a.md"), document_from_text(b, "b.md")])
    assert comparison_fact_changes(comp, 0) == []
    facts = {(f.kind, f.text) for s in (0, 1) for f in paragraph_fact_list(comp, (s, 0))}
    assert ("date", "Wednesday") in facts
    assert not any(text in ("1", "2024") for _, text in facts)


def test_a_source_that_names_the_site_leaves_the_address_to_url():
    """Clippers write "source:" for the address or for the outlet's name: a name there hid
    the "url:" line after it (no address, no site). The name is the site now."""
    end, fields = front_matter('---\ntitle: "Elbe floods"\nurl: https://news.example.org/elbe\n'
                               'source: "Example News"\n---\n\nText.\n')
    assert fields == {"title": "Elbe floods", "site": "Example News",
                      "url": "https://news.example.org/elbe"}
    end, fields = front_matter("---\nsource: https://www.example.com/a\n---\n")
    assert fields == {"url": "https://www.example.com/a", "site": "example.com"}
