"""Exports: PDF text read back with pdftotext, HTML counted and checked for escaping."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.annotations.model import Anchor, Note
from reader.core.annotations.session import place_notes
from reader.core.comparison import compare
from reader.core.export.html_export import render_html
from reader.core.export.markdown_export import render_markdown
from reader.core.export.report import ExportOptions, build_report
from reader.core.load.documents import document_from_text, load_document, seed_paths

# One distinctive sentence per seed, chosen by reading them (not from output).
DISTINCTIVE = [
    "Nuclear weapons",
    "Admiral Gorshkov",
    "solid as a rock",
    "Antonio Guterres",
]

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="poppler-utils (pdftotext) is not installed")


def _note(doc, source: int, quote: str, body: str) -> Note:
    start = doc.text.index(quote)
    return Note(Anchor.from_text(source, doc.path, doc.text, start, start + len(quote)),
                body=body, category="omission")


@pytest.fixture(scope="module")
def seeds_with_notes():
    docs = [load_document(p) for p in seed_paths()]
    comp = compare(docs)
    notes = [
        _note(docs[1], 1, "Admiral Gorshkov", "Only the **long copy** mentions the frigate."),
        _note(docs[3], 3, "Antonio Guterres", "UN section is *new* in the rewrite."),
    ]
    orphan = Note(Anchor(0, docs[0].path, "a sentence that is nowhere", "", "", 5, 30),
                  body="Lost quote stays listed.")
    return comp, place_notes(notes + [orphan], docs)


def _pdf_text(pdf: Path) -> str:
    run = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return " ".join(run.stdout.split())


@needs_pdftotext
def test_pdf_of_the_seeds_holds_every_source_and_note(seeds_with_notes, tmp_path, qapp):
    from reader.render.pdf import write_pdf
    comp, placed = seeds_with_notes
    pdf = tmp_path / "seeds.pdf"
    pages = write_pdf(build_report(comp, placed, ExportOptions()), str(pdf))
    assert pages >= 5
    text = _pdf_text(pdf)
    for sentence in DISTINCTIVE:
        assert sentence in text, sentence
    for body in ("Only the long copy mentions the frigate.", "UN section is new in the rewrite.",
                 "Lost quote stays listed."):
        assert body in text, body
    assert "Page 1 of" in text and "not in this source" in text
    assert "orphans" in text


def test_html_marks_exactly_the_engines_differences(seeds_with_notes):
    comp, placed = seeds_with_notes
    for reference in range(4):
        html = render_html(build_report(comp, placed, ExportOptions(reference=reference)))
        marked = len(re.findall(r'data-diff="(?:add|chg|omit)"', html))
        assert marked == comp.span_count(reference) > 0


def test_html_is_self_contained(seeds_with_notes):
    comp, placed = seeds_with_notes
    html = render_html(build_report(comp, placed, ExportOptions()))
    assert "<script" not in html.lower()
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "<link" not in html.lower()


def test_hostile_input_comes_out_as_text():
    evil = ('<script>alert("x")</script> The minister spoke in Moscow today about '
            'the treaty. <img src=http://evil.example/p.png> More words about the treaty talks.')
    docs = [document_from_text(evil, "a.txt"),
            document_from_text(evil.replace("today", "on Tuesday"), "b.txt")]
    comp = compare(docs)
    note = Note(Anchor.from_text(0, "a.txt", docs[0].text, 0, 10),
                body="<script>steal()</script> <img src=http://evil.example/n.png>")
    report = build_report(comp, place_notes([note], docs), ExportOptions())
    html = render_html(report)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=http://evil.example/p.png&gt;" in html
    assert "&lt;script&gt;steal()&lt;/script&gt;" in html
    md = render_markdown(report)
    assert "<script>" not in md and "\\<script\\>" in md


@needs_pdftotext
def test_hostile_input_is_visible_text_in_the_pdf(tmp_path):
    evil = tmp_path / "evil.html.txt"
    evil.write_text('<script>alert(1)</script> Talks in Moscow about the treaty went on. '
                    '<img src=http://evil.example/x.png> The treaty talks ended late.')
    plain = tmp_path / "plain.txt"
    plain.write_text("Talks in Moscow about the treaty went on. The treaty talks ended early.")
    out = tmp_path / "out.pdf"
    run = subprocess.run([sys.executable, "-m", "reader", "export", str(evil), str(plain),
                          "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    squeezed = "".join(_pdf_text(out).split())  # long tokens may wrap across lines
    assert "<script>alert(1)</script>" in squeezed
    assert "<imgsrc=http://evil.example/x.png>" in squeezed


def test_options_only_differences_and_boilerplate(seeds_with_notes):
    comp, placed = seeds_with_notes
    full = build_report(comp, placed, ExportOptions(include_boilerplate=True))
    default = build_report(comp, placed, ExportOptions())
    only = build_report(comp, placed, ExportOptions(only_differences=True))
    assert len(full.rows) == len(comp.rows)
    assert len(only.rows) <= len(default.rows) < len(full.rows)
    html = render_html(full)
    assert "Leave A Reply" in html and "Leave A Reply" not in render_html(default)


def test_layouts():
    paths = seed_paths()
    comp = compare([load_document(p) for p in paths + paths[:2]])
    assert build_report(comp, [], ExportOptions()).layout == "pairs"  # 6 sources
    assert build_report(comp, [], ExportOptions(layout="table")).layout == "table"
    report = build_report(comp, [], ExportOptions())
    # [5] and [6] are copies of [1] and [2]: in the pair layout [5] always reads "same
    # words as [1]" (or is absent with it) and [6] always shares [2]'s entry.
    for row in report.rows:
        fifth, sixth = report.rendering_of(row, 4), report.rendering_of(row, 5)
        assert fifth.kind == "same" or fifth.kind == "absent" and not comp.rows[row][0], fifth
        assert 1 in sixth.sources, sixth
    html = render_html(report)
    assert html.count("<h2>Aligned text</h2>") == 1 and "beside the reference" not in html


@needs_pdftotext
def test_unicode_survives_into_the_pdf(tmp_path, qapp):
    from reader.render.pdf import write_pdf
    text_a = "“Curly quotes” — naïve café, Zürich, Ελληνικά, Кириллица. Talks went on for hours."
    text_b = "“Curly quotes” — naïve café, Zürich, Ελληνικά, Кириллица. Talks went on all night."
    comp = compare([document_from_text(text_a, "a.txt"), document_from_text(text_b, "b.txt")])
    pdf = tmp_path / "u.pdf"
    write_pdf(build_report(comp, [], ExportOptions()), str(pdf))
    text = _pdf_text(pdf)
    for piece in ("“Curly quotes”", "naïve café", "Zürich", "Ελληνικά", "Кириллица"):
        assert piece in text, piece


def test_twenty_sources_export_finishes(tmp_path, qapp):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from corpus import versions

    from reader.render.pdf import write_pdf
    docs = [document_from_text(t, f"v{i}.txt") for i, t in enumerate(versions(20, 25))]
    comp = compare(docs)
    report = build_report(comp, [], ExportOptions())
    pdf = tmp_path / "twenty.pdf"
    assert write_pdf(report, str(pdf)) > 1
    assert pdf.stat().st_size > 10_000
    table = build_report(comp, [], ExportOptions(layout="table"))
    assert write_pdf(table, str(tmp_path / "table.pdf")) >= 1


def test_export_cli_formats(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"))
    for name in ("c.html", "c.md"):
        run = subprocess.run([sys.executable, "-m", "reader", "export", "-o",
                              str(tmp_path / name)], capture_output=True, text=True, env=env,
                             timeout=120)
        assert run.returncode == 0, run.stderr
    assert (tmp_path / "c.html").read_text().startswith("<!DOCTYPE html>")
    assert "## Aligned text" in (tmp_path / "c.md").read_text()
    bad = subprocess.run([sys.executable, "-m", "reader", "export", "-o", str(tmp_path / "x.pdf"),
                          "--reference", "9"], capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 2 and "--reference" in bad.stderr


def test_a_change_list_found_in_a_forked_child_is_the_same(seeds_with_notes):
    """The CLI's PDF export finds the change list in a forked child while Qt lays the
    pages out (``reader.cli.export._in_background``): same items, same order; and
    work that fails in the child is done again here, so its error is not lost."""
    from reader.cli.export import _in_background
    comp, notes = seeds_with_notes
    here = build_report(comp, notes, ExportOptions())
    started = []

    def recorded(work):
        started.append(work)
        return _in_background(work)

    forked = build_report(comp, notes, ExportOptions(), background=recorded)
    assert len(started) == 1 and len(here.changes) > 20  # the seeds have many changes
    assert forked.changes == here.changes
    with pytest.raises(ZeroDivisionError):
        _in_background(lambda: [1 / 0])()


def test_a_plain_files_name_is_said_once_and_two_sources_are_both():
    """A .txt file's label is its name: the sources table must not repeat it under the
    label; a pair of sources reads "both", not "all 2"."""
    text = "The minister spoke in Moscow today about the treaty.\n\nMore words on the talks.\n"
    docs = [document_from_text(text, "/home/u/alpha.txt"),
            document_from_text(text.replace("today", "on Tuesday"), "/home/u/beta.txt")]
    html = render_html(build_report(compare(docs), [], ExportOptions()))
    assert "<td>[1] alpha.txt</td>" in html and 'meta">alpha.txt' not in html
    assert "carried by both sources" in html and "all 2 sources" not in html
