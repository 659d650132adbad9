"""Issue 11, "Injection": notes and sources cannot run or load anything in any output."""

from __future__ import annotations

import re

import pytest
from safety_checks import html_problems, markdown_problems

from reader.core.annotations.model import Anchor, Note
from reader.core.annotations.render import note_html, plain_tooltip, sanitize
from reader.core.annotations.session import place_notes
from reader.core.comparison import compare
from reader.core.export.html_export import render_html
from reader.core.export.markdown_export import render_markdown
from reader.core.export.report import ExportOptions, build_report
from reader.core.load.documents import document_from_text

ATTR_LIST = ('Hover me\n{: onmouseover="alert(4)" '
             'style="background:url(http://evil.example/x.png)" }')
HOSTILE_BODIES = [
    ATTR_LIST,
    "[here](javascript:alert(2))",
    "[tab](java\tscript:alert(2)) [ent](&#106;avascript:alert(1))",
    "![pic](http://evil.example/p.png)",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "```{.x onclick=alert(1)}\ncode\n```",
    "# Title {#id onclick=alert(1)}",
    "[ref]\n\n[ref]: javascript:alert(3)",
    "<style>body{background:url(http://evil.example/)}</style>",
    "<http://evil.example/auto>",
]


def _report(body: str, category: str = "other"):
    a = document_from_text("First paragraph here, shared by both.\n\nOnly in a.\n", "/x/a.txt")
    b = document_from_text("First paragraph here, shared by both.\n\nOnly in b.\n", "/x/b.txt")
    note = Note(Anchor.from_text(0, a.path, a.text, 0, 5), body=body, category=category)
    comp = compare([a, b])
    return build_report(comp, place_notes([note], [a, b]), ExportOptions())


@pytest.mark.parametrize("body", HOSTILE_BODIES)
def test_note_html_cannot_run_or_load(body):
    assert html_problems(note_html(body)) == []


def test_attr_list_sets_no_attribute_in_the_html_export():
    html = render_html(_report(ATTR_LIST))
    assert not re.search(r"<[^>]*(onmouseover|background:url)", html)  # shown as text only
    assert "{: onmouseover" in html
    assert html_problems(html) == []


@pytest.mark.parametrize("body", HOSTILE_BODIES)
def test_markdown_export_escapes_note_bodies(body):
    md = render_markdown(_report(body))
    assert markdown_problems(md) == []
    assert not re.search(r"(?<!\\)\]\(", md)  # every "](" has its bracket escaped


def test_markdown_export_escapes_the_category():
    md = render_markdown(_report("x", category="<script>alert(1)</script>"))
    assert "<script>" not in md and markdown_problems(md) == []


def test_sanitizer_keeps_only_allowed_attributes():
    out = sanitize('<p style="x" onclick="y">a</p><a href="javascript:z" title="t">b</a>'
                   '<td align="center" style="q">c</td>')
    assert out == ('<p dir="auto">a</p><a rel="noopener noreferrer nofollow" href="#">b</a>'
                   '<td dir="auto" align="center">c</td>')


def test_a_notes_headings_are_bold_lines_and_its_blocks_take_their_texts_direction():
    """A note's "# Heading" stood larger in the PDF and the HTML than the export's own
    headings; a Hebrew line of a note read left to right in a browser."""
    out = sanitize("<h1>Big</h1><h3>Less</h3><p>שלום</p>")
    assert out == ('<p dir="auto"><strong>Big</strong></p><p dir="auto"><strong>Less</strong>'
                   '</p><p dir="auto">שלום</p>')


def test_plain_tooltip_shows_html_as_text():
    tip = plain_tooltip('<img src="file:///etc/passwd">\nline two')
    assert "<img" not in tip and "&lt;img" in tip and "<br>" in tip


def test_the_checks_themselves_can_fail():
    assert html_problems('<p onclick="x()">a</p>') and html_problems('<img src="http://e/x">')
    assert html_problems('<a href=" javascript:x()">a</a>')
    assert markdown_problems("[x](javascript:alert(1))") and markdown_problems("<script>")
