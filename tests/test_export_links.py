"""Exports say how a row's alignment was made: set by hand, or a guess of the engine.

Truths, from the seeds: the engine links the headline of [1] to the lede heading of [2]
as a heading "at the same place" (confidence 0.5, read in the links' evidence), a guess;
a person linking those two paragraphs makes it a hand link. A comparison of two copies of
one text has only sure links, hence no mark but the legend's.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from reader.core.comparison import LOW_CONFIDENCE, compare
from reader.core.export.html_export import render_html, row_anchor
from reader.core.export.markdown_export import render_markdown
from reader.core.export.report import (
    HAND_MARK,
    LOW_MARK,
    ExportOptions,
    align_mark,
    build_report,
)
from reader.core.fixes import HAND, apply_fixes, make_fix, set_by
from reader.core.load.documents import document_from_text, load_document, seed_paths

HEADLINE, LEDE_HEAD = (0, 0), (1, 0)  # [1]'s headline and [2]'s first heading


@pytest.fixture(scope="module")
def seeds():
    return compare([load_document(p) for p in seed_paths()])


@pytest.fixture(scope="module")
def fixed(seeds):
    return apply_fixes(seeds, [make_fix("link", seeds, [HEADLINE], [LEDE_HEAD])]).comparison


@pytest.fixture(scope="module")
def copies():
    text = ("The council approved the budget on Monday after a long debate.\n\n"
            "Opponents said the plan cut too deep into the library service.\n\n"
            "The mayor promised a review of the cuts before the summer.")
    return compare([document_from_text(text, "a.txt"), document_from_text(text, "b.txt")])


def _guess_link(comp):
    return next(link for link in comp.links if {link.a, link.b} == {HEADLINE, LEDE_HEAD})


def test_the_engine_link_is_a_guess_and_the_fix_sets_it_by_hand(seeds, fixed):
    assert _guess_link(seeds).confidence < LOW_CONFIDENCE
    assert set_by(_guess_link(fixed)) == HAND
    assert fixed.row_of[HEADLINE] == fixed.row_of[LEDE_HEAD]


def test_marks_hand_over_low_and_nothing_for_sure_links(seeds, fixed, copies):
    row = seeds.row_of[LEDE_HEAD]
    low = align_mark(seeds, row, 0, 1)
    assert low is not None and low.kind == "low"
    assert low.label == f"{LOW_MARK} ({_guess_link(seeds).kind})"
    assert "same place" in low.evidence
    hand = align_mark(fixed, fixed.row_of[LEDE_HEAD], 0, 1)
    assert hand is not None and (hand.kind, hand.label) == ("hand", HAND_MARK)
    assert align_mark(fixed, fixed.row_of[LEDE_HEAD], 0, 0) is None  # the reference itself
    assert all(align_mark(copies, r, 0, 1) is None for r in range(len(copies.rows)))
    # a row whose links to the reference are all sure has no mark
    def to_reference(r, s):
        return [link for q in seeds.rows[r][s] for link in seeds.links_of((s, q))
                if link.other((s, q)) in {(0, p) for p in seeds.rows[r][0]}]

    sure = [(r, s) for r in range(len(seeds.rows)) for s in (1, 2, 3)
            if to_reference(r, s)
            and min(link.confidence for link in to_reference(r, s)) >= LOW_CONFIDENCE]
    assert len(sure) >= 5  # so the check below is not vacuous
    assert all(align_mark(seeds, r, 0, s) is None for r, s in sure)


def _html_row(html: str, report, row: int) -> str:
    match = re.search(rf'<tr id="{row_anchor(report, row)}">(.*?)</tr>', html, re.S)
    assert match, row
    return match.group(1)


def _html_cells(report, row: int) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", _html_row(render_html(report), report, row),
                      re.S)


def test_html_badge_at_its_row_with_evidence_as_title(fixed, seeds, copies):
    report = build_report(fixed, [], ExportOptions())
    html = render_html(report)
    cells = _html_cells(report, fixed.row_of[LEDE_HEAD])  # number, [1], [2], [3], [4]
    assert re.search(rf'<span class="how" title="[^"]+">{HAND_MARK}</span>', cells[2])
    assert "how" not in cells[1]  # the reference carries none
    seeds_report = build_report(seeds, [], ExportOptions())
    plain = render_html(seeds_report)
    cells = _html_cells(seeds_report, seeds.row_of[LEDE_HEAD])
    assert re.search(r'<span class="how low" title="heading at the same place[^"]*">'
                     rf"\{LOW_MARK} \(partial\)</span>", cells[2])
    assert HAND_MARK not in plain.split("<h2>Legend</h2>")[1].split("<h2>Summary")[1]
    none = render_html(build_report(copies, [], ExportOptions()))
    assert 'class="how' not in none.split("<h2>Summary")[1]  # only the legend shows marks
    assert "<script" not in html


def _md_row(report, row: int) -> str:
    md = render_markdown(report)
    return md.split(f'<a id="row-{report.number(row)}"></a>')[1].split("### ")[0]


def test_markdown_suffix_on_the_source_line(fixed, seeds, copies):
    report = build_report(fixed, [], ExportOptions())
    md = render_markdown(report)
    lines = [line for line in _md_row(report, fixed.row_of[LEDE_HEAD]).splitlines()
             if line.startswith("**")]
    assert lines[1].endswith(f"— {HAND_MARK}:") and lines[1].startswith("**\\[2\\]")
    assert "—" not in lines[0].split("**")[2]  # the reference line carries no mark
    plain = build_report(seeds, [], ExportOptions())
    assert f"— {LOW_MARK} (partial):" in _md_row(plain, seeds.row_of[LEDE_HEAD])
    assert "Alignment: " + HAND_MARK in md
    aligned = render_markdown(build_report(copies, [], ExportOptions())).split("## Aligned text")
    assert HAND_MARK not in aligned[1] and LOW_MARK not in aligned[1]


def _pdf_text(report, path) -> str:
    from reader.render.output import write_report
    write_report(report, str(path), "pdf")
    run = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                         text=True, check=True)
    return " ".join(run.stdout.split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_pdf_shows_the_marks_in_their_rows(fixed, seeds, copies, tmp_path, qapp):
    from reader.render.flow import report_blocks

    legend_only = _pdf_text(build_report(copies, [], ExportOptions()), tmp_path / "c.pdf")
    hands_in_legend = legend_only.count("set by hand")
    lows_in_legend = legend_only.count("low confidence")
    assert hands_in_legend >= 1 and lows_in_legend >= 1

    report = build_report(fixed, [], ExportOptions())
    blocks = {b.number: b for b in report_blocks(report) if b.kind == "row" and b.anchor}
    row = blocks[str(report.number(fixed.row_of[LEDE_HEAD]))]
    assert HAND_MARK in row.cells[2] and HAND_MARK not in row.cells[1]
    hand_cells = sum(HAND_MARK in c for b in blocks.values() for c in b.cells)
    low_cells = sum(LOW_MARK in c for b in blocks.values() for c in b.cells)
    assert hand_cells == 1 and low_cells >= 1
    text = _pdf_text(report, tmp_path / "fixed.pdf")
    assert text.count("set by hand") == hands_in_legend + hand_cells
    assert text.count("low confidence") == lows_in_legend + low_cells
