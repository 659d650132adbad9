"""Notes are written in Markdown: the PDF's footnotes render it as the notes section does,
the Markdown export keeps it (bold reads as bold), and neither lets a note inject anything."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from safety_checks import html_problems

from reader.core.annotations.model import Anchor, Note
from reader.core.annotations.session import place_notes
from reader.core.comparison import compare
from reader.core.export.html_export import footnote_html, note_preview_html
from reader.core.export.markdown_export import render_markdown
from reader.core.export.report import ExportOptions, build_report
from reader.core.load.documents import document_from_text

BODY = "**Check** this: the _wording_ was changed, see `wire` and [the copy](https://example.org)."


def _report(body: str = BODY):
    a = document_from_text("First paragraph here, shared by both.\n\nOnly in a.\n", "/x/a.txt")
    b = document_from_text("First paragraph here, shared by both.\n\nOnly in b.\n", "/x/b.txt")
    start = a.text.index("paragraph")
    note = Note(Anchor.from_text(0, a.path, a.text, start, start + 9), body=body)
    return build_report(compare([a, b]), place_notes([note], [a, b]), ExportOptions())


def test_a_footnote_renders_the_notes_markdown_on_one_line():
    html = footnote_html(_report().notes[0])
    assert "**" not in html and "<strong>Check</strong>" in html and "<em>wording</em>" in html
    assert "<code>wire</code>" in html and 'href="https://example.org"' in html
    assert "<p>" not in html  # one line at the foot of the page


def test_a_footnote_cannot_inject_html():
    html = note_preview_html("<script>alert(1)</script> [x](javascript:alert(2)) <b>bold</b>")
    assert html_problems(html) == [] and "<script>" not in html and "<b>" not in html


def test_the_markdown_export_keeps_a_notes_markdown():
    md = render_markdown(_report())
    [line] = [line for line in md.splitlines() if "Check" in line]
    assert "**Check** this: the _wording_ was changed, see `wire`" in line
    assert "\\[the copy\\](https://example.org)" in line  # a link only as text
    assert "“paragraph”" in line


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_pdf_footnote_shows_no_markdown_markers(tmp_path, qapp):
    from reader.render.pdf import write_pdf
    pdf = tmp_path / "note.pdf"
    write_pdf(_report(), str(pdf))
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Check this: the wording was changed" in text and "**" not in text
