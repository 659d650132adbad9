"""A student's handout (review 11): the summary counts a source's moved paragraphs
against the reference (it had said "[1]–[3]: 2 moved each" where only [3] moved two),
and the HTML gives no id twice (a note on linked paragraphs repeated "ref-1")."""

from __future__ import annotations

import re
from collections import Counter

from reader.core.annotations.model import Anchor, Note
from reader.core.annotations.session import place_notes
from reader.core.comparison import compare
from reader.core.export.html_export import render_html, summary_html
from reader.core.export.markdown_export import render_markdown
from reader.core.export.report import ExportOptions, build_report
from reader.core.load.documents import document_from_text, load_document, seed_paths


def test_the_summary_counts_moves_against_the_reference():
    seed = load_document(seed_paths()[0])
    paras = [p.text for p in seed.paragraphs]
    moved = paras[:2] + paras[5:6] + paras[2:5] + paras[6:]  # one paragraph taken up
    docs = [document_from_text("\n\n".join(order) + "\n", name)
            for name, order in (("a.txt", paras), ("b.txt", paras), ("c.txt", moved))]
    report = build_report(compare(docs), [], ExportOptions())
    assert [report.sources[s].moved for s in range(3)] == [0, 0, 1]
    lines = re.findall(r"<li>(.*?)</li>", summary_html(report))
    assert "[1] [2]: no unique or moved paragraphs." in lines
    assert "[3]: 0 paragraphs only here, 1 moved." in lines


def test_a_note_marked_in_several_places_gives_no_id_twice(qapp):
    docs = [load_document(p) for p in seed_paths()]
    comp = compare(docs)
    para = next(p for p in docs[1].content if len(comp.links_of((1, p.index))) >= 2)
    start = para.start
    note = Note(Anchor.from_text(1, docs[1].path, docs[1].text, start, start + 12),
                body="Worded otherwise in every copy.", category="wording")
    for other in (link.other((1, para.index)) for link in comp.links_of((1, para.index))):
        there = docs[other[0]].paragraphs[other[1]]  # as the reader adds them: the note
        note.counterparts.append(Anchor.from_text(  # concerns the linked paragraphs too
            other[0], docs[other[0]].path, docs[other[0]].text, there.start, there.end))
    assert note.counterparts
    html = render_html(build_report(comp, place_notes([note], docs), ExportOptions()))
    assert html.count('href="#note-1"') > 1
    ids = Counter(re.findall(r'\bid="([^"]+)"', html))
    assert [name for name, n in ids.items() if n > 1] == []
    # a note is named "n1" at its marks and in the notes: "[1]" is a source everywhere
    marks = re.findall(r'<sup class="note"><a href="#note-1">([^<]*)</a>', html)
    assert marks and set(marks) == {"n1"}
    assert re.search(r'id="note-1"[^>]*><b>n1</b>', html)
    assert "- **n1**" in render_markdown(build_report(comp, place_notes([note], docs),
                                                      ExportOptions()))


def test_a_reference_named_with_a_stop_gets_no_second_one(tmp_path):
    """The line above the comparison read "Reference: [1] CHAPTER V.." for a chapter whose
    title ends in a stop."""
    docs = [document_from_text("CHAPTER V.\n\nIt was on a dreary night of November that I "
                               f"beheld {end}.\n", f"{name}.txt")
            for name, end in (("a", "the accomplishment of my toils"), ("b", "my toils done"))]
    report = build_report(compare(docs), [], ExportOptions())
    for text in (render_html(report), render_markdown(report)):
        assert "Reference: " in text and "V.." not in text


def test_the_legend_shows_a_notes_mark_as_notes_are_marked():
    """The legend's sample of a note's mark was "[1]" after the marks became "n1"."""
    from reader.core.export.html_export import LEGEND
    assert any('<sup class="note">n1</sup>' == mark for mark, _words in LEGEND)
