"""The pair layout shows each row once: the reference's text, then each other reading.

Four versions written by hand. The storm paragraph: [2] and [3] copy the
reference, [4] moves the storm to Saturday. The fishermen paragraph: [2] and
[3] both say "ten years" where the reference says "twenty years"; [4] leaves
it out. A reader of the export should meet the reference's text once per
row, "[2] [3] same words as [1]" once, and the "ten years" wording once.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from reader.core.comparison import compare
from reader.core.export.html_export import render_html
from reader.core.export.markdown_export import render_markdown
from reader.core.export.report import ExportOptions, Rendering, build_report
from reader.core.load.documents import document_from_text

STORM = "The storm closed the harbour on {day} morning and kept every ferry in port until noon."
WAVES = ("Fishermen said the waves were the highest they had seen in {years} years along this "
         "coast, and several boats were damaged.")
TEXTS = {"a.txt": [STORM.format(day="Friday"), WAVES.format(years="twenty")],
         "b.txt": [STORM.format(day="Friday"), WAVES.format(years="ten")],
         "c.txt": [STORM.format(day="Friday"), WAVES.format(years="ten")],
         "d.txt": [STORM.format(day="Saturday")]}


@pytest.fixture(scope="module")
def report():
    docs = [document_from_text("\n\n".join(paras), name) for name, paras in TEXTS.items()]
    return build_report(compare(docs), [], ExportOptions(layout="pairs"))


def test_each_reading_is_one_entry(report):
    storm, waves = report.rows
    assert report.renderings(storm) == [Rendering("reference", (0,)),
                                        Rendering("same", (1, 2)), Rendering("own", (3,))]
    assert report.renderings(waves) == [Rendering("reference", (0,)),
                                        Rendering("own", (1, 2)), Rendering("absent", (3,))]


def _aligned(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html.split("<h2>Aligned text</h2>")[1])


def test_html_shows_the_reference_once_and_groups_alike_sources(report):
    text = _aligned(render_html(report))
    assert text.count("along this coast") == 2  # the reference, then [2] [3]'s reading once
    assert text.count("until noon") == 2  # the reference, then [4]'s Saturday
    assert text.count("same words as [1]") == 1 and "[2] [3]same words as [1]" in text
    assert "[4]not in this source" in text


def test_markdown_shows_the_reference_once_and_groups_alike_sources(report):
    md = render_markdown(report).split("## Aligned text")[1]
    assert md.count("along this coast") == 2 and md.count("until noon") == 2
    assert "_Same words as \\[1\\]:_ \\[2\\] \\[3\\]" in md
    assert "**\\[2\\] \\[3\\]** (word for word the same in each):" in md
    assert "_Not here:_ \\[4\\]" in md


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_pdf_shows_the_reference_once_and_groups_alike_sources(report, tmp_path, qapp):
    from reader.render.output import write_report
    pdf = tmp_path / "pairs.pdf"
    write_report(report, str(pdf), "pdf")
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    body = " ".join(text.split("Aligned text")[-1].split())
    assert body.count("along this coast") == 2 and body.count("until noon") == 2
    assert body.count("same words as [1]") == 1 and "[2] [3] same words as [1]" in body
