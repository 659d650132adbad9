"""Property tests of the exports: nothing from any input or note runs or loads anything.

Sources (plain text, Markdown or HTML), file names, note bodies and categories
are built from hostile snippets and random text; the HTML export and the
Markdown export (rendered by a permissive Markdown renderer) must have no
``on*=`` attribute, ``javascript:`` link, remote load or ``<script>``
(``safety_checks`` says exactly what is checked). Every internal link of both
must lead somewhere: each ``#x`` has its ``id="x"``.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from safety_checks import html_problems, markdown_problems

from reader.core.annotations.model import Anchor, Note
from reader.core.annotations.session import place_notes
from reader.core.comparison import compare
from reader.core.errors import SourceError
from reader.core.export.html_export import render_html
from reader.core.export.markdown_export import render_markdown
from reader.core.export.report import ExportOptions, build_report
from reader.core.load.documents import document_from_text

SNIPPETS = [
    "<script>alert(1)</script>", "<img src=http://evil.example/x.png onerror=alert(1)>",
    "[x](javascript:alert(2))", "![i](http://evil.example/i.png)", "{: onclick=\"a()\" }",
    "<a href=\"javascript:alert(3)\">j</a>", "<style>@import url(http://evil.example/)</style>",
    "<iframe src=//evil.example>", "javascript:alert(4)", "<svg onload=alert(5)>",
    "\" onmouseover=\"alert(6)", "<http://evil.example/>", "[r]: http://evil.example/r.png",
    "&lt;script&gt;", "<!-- x -->", "</p><p style=\"background:url(http://e/)\">", "\n\n",
    "# heading", "`code`", "*em*", "| a | b |\n|---|---|\n| 1 | 2 |", "The same words. ",
]
pieces = st.lists(st.sampled_from(SNIPPETS) | st.text(max_size=15), min_size=1, max_size=8)
hostile = pieces.map("".join)


def _doc(text: str, name: str, fmt: str):
    body = "A shared opening paragraph that both versions have.\n\n" + text
    if fmt == "html":
        body = f"<html><head><title>{name}</title></head><body><p>{body}</p></body></html>"
    try:
        return document_from_text(body, f"/fuzz/{name}.{fmt}", fmt=fmt)
    except SourceError:
        return document_from_text(body + "\n\nplain", f"/fuzz/{name}.txt", fmt="text")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile, hostile, st.sampled_from(["text", "markdown", "html"]), hostile, hostile,
       hostile, st.sampled_from(["table", "pairs"]))
def test_no_input_or_note_injects_anything(text_a, text_b, fmt, name, body, category, layout):
    a, b = _doc(text_a, "a" + name[:20], fmt), _doc(text_b, "b", "text")
    end = min(len(a.text), 10)
    note = Note(Anchor.from_text(0, a.path, a.text, 0, end), body=body, category=category,
                status="open")
    lost = Note(Anchor(1, b.path, "nowhere in the text at all", "", "", 0, 5), body=body)
    comp = compare([a, b])
    report = build_report(comp, place_notes([note, lost], [a, b]),
                          ExportOptions(layout=layout, title=name))
    html, md = render_html(report), render_markdown(report)
    assert html_problems(html) == []
    assert markdown_problems(md) == []
    assert _broken(html, r'href="#([^"]+)"') == set()
    assert _broken(md, r"^\[[^\]]+\]: #(\S+)$") == set()  # its reference-style links


def _broken(text: str, link: str) -> set[str]:
    """Internal link targets of ``text`` that no ``id`` names."""
    return set(re.findall(link, text, re.M)) - set(re.findall(r'\bid="([^"]+)"', text))
