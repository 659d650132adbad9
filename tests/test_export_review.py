"""Defects a fresh-eyes review of the exports found, each pinned by a test.

Truths: the short texts below were written for these tests and their words counted
by reading them (each CJK character is a word, as ``script_aware.count_words`` and
the sources table count them); the seeds' facts were read from the texts (row with
"this week" in [1] and "Recently," in a paragraph [4] moved, see
``test_a_fact_change_points_where_the_source_has_it``).
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from html import unescape

import pytest

from reader.core.annotations.model import Anchor, Note
from reader.core.annotations.session import place_notes
from reader.core.change_items import group_changes
from reader.core.comparison import compare
from reader.core.export.html_export import css, render_html, row_anchor
from reader.core.export.markdown_export import render_markdown
from reader.core.export.markup import OMIT_MARK
from reader.core.export.report import (
    CHANGE_HEADINGS,
    LABEL_TITLE_CHARS,
    OPENING_CHARS,
    ExportOptions,
    build_report,
)
from reader.core.load.documents import document_from_text, load_document, seed_paths
from reader.core.places import places

COUNCIL = ("The council approved the budget on Monday after a long debate.\n\n"  # 11 words
           "Opponents said the plan cut too deep into the library service.\n\n"  # 11
           "The mayor promised a review of the cuts before the summer.")  # 11
STRIKE = "A spokesman for the library union said its members would strike in June."  # 13
WHALES = ("Dozens of pilot whales stranded on a remote beach overnight.\n\n"  # 10 words
          "Volunteers kept the animals wet until the tide returned at dawn.")  # 11


def _links(html: str) -> tuple[set[str], set[str]]:
    """(internal link targets, ids) of an HTML text."""
    return set(re.findall(r'href="#([^"]+)"', html)), set(re.findall(r'id="([^"]+)"', html))


@pytest.fixture(scope="module")
def seeds():
    return compare([load_document(p) for p in seed_paths()])


@pytest.fixture(scope="module")
def seeds_report(seeds):
    return build_report(seeds, [], ExportOptions())


# 1. The sources table never calls an unrelated article identical to the reference.

def test_a_source_sharing_nothing_is_said_to_share_nothing():
    ref, whales = document_from_text(COUNCIL, "council.txt"), document_from_text(WHALES, "w.txt")
    report = build_report(compare([ref, whales]), [], ExportOptions())
    assert report.sources[1].with_reference == 0
    assert report.against(1) == "shares no paragraph with [1] (+21 −33 ~0 words)"
    assert "shares no paragraph with [1]" in render_html(report)
    assert "shares no paragraph with \\[1\\]" in render_markdown(report)


def test_a_paragraph_only_in_the_source_counts_its_words():
    ref = document_from_text(COUNCIL, "council.txt")
    longer = document_from_text(COUNCIL + "\n\n" + STRIKE, "longer.txt")
    report = build_report(compare([ref, longer]), [], ExportOptions())
    assert (report.sources[1].added, report.sources[1].omitted) == (13, 0)
    assert report.against(1) == "+13 −0 ~0 words"


def test_a_source_sharing_almost_nothing_says_how_little():
    ref = document_from_text(COUNCIL, "council.txt")
    whales = document_from_text(WHALES + "\n\n" + STRIKE, "w.txt")
    report = build_report(compare([ref, whales]), [], ExportOptions())
    info = report.sources[1]
    info.with_reference, info.content = 1, 12  # one linked paragraph among twelve
    assert report.against(1).startswith("shares only 1 of its 12 paragraphs with [1] (+")
    info.content = 10  # a tenth is no longer "almost nothing"
    assert report.against(1).startswith("+")


# 2. Every internal link of the pair layout resolves (the reference has no section).

def test_every_pair_layout_link_has_its_target(seeds, tmp_path):
    quote = "Wang"
    doc = seeds.documents[0]  # a note on the reference: its "↩ row" link needs a section
    start = doc.text.index(quote)
    note = Note(Anchor.from_text(0, doc.path, doc.text, start, start + len(quote)), body="n")
    report = build_report(seeds, place_notes([note], seeds.documents),
                          ExportOptions(layout="pairs"))
    hrefs, ids = _links(render_html(report))
    assert len(hrefs) > 50 and hrefs <= ids, sorted(hrefs - ids)[:5]
    assert any(re.fullmatch(r"row-\d+-s\d+", h) for h in hrefs)  # links to entries


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo is not installed")
def test_every_pdf_link_of_the_pair_layout_has_its_destination(seeds, tmp_path, qapp):
    from reader.render.output import write_report
    pdf = tmp_path / "pairs.pdf"
    write_report(build_report(seeds, [], ExportOptions(layout="pairs")), str(pdf), "pdf")
    data = pdf.read_bytes()
    used = {bytes(b)[2:].decode("utf-16-be") if b.startswith(b"\xfe\xff") else b.decode("latin1")
            for b in re.findall(rb"/Dest\s*\(((?:[^)\\]|\\.)*)\)", data)}
    dests = subprocess.run(["pdfinfo", "-dests", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    names = set(re.findall(r'"([^"]+)"\s*$', dests, re.M))
    assert len(used) > 20 and used <= names, sorted(used - names)[:5]


# 3. The change list's row label never wraps inside ("Ro / w / 18").

def test_the_change_list_row_label_does_not_wrap(seeds_report):
    html = render_html(seeds_report)
    assert re.search(r'<td class="rowlink"><a href="#row-\d+">Place&nbsp;\d+</a></td>', html)
    rule = re.search(r"([^}\n]*td\.rowlink[^{]*)\{([^}]*)\}", css(True))
    assert rule and "white-space: nowrap" in rule.group(2)


# 4. Words counted the same way in every script.

JA_REF = "東京都は月曜日に新しい予算を承認した。\n\n反対派は図書館の予算が削られすぎたと述べた。"
JA_NEW = "市長は夏までに削減を見直すと約束したが組合は六月にストライキを行うと発表した"  # 38


def test_cjk_words_and_openings_in_the_change_list():
    assert len(JA_NEW) == 38  # all CJK characters, no punctuation: 38 words
    ref = document_from_text(JA_REF, "a.txt")
    new = document_from_text(JA_REF + "\n\n" + JA_NEW + "。", "b.txt")
    report = build_report(compare([ref, new]), [], ExportOptions())
    [added] = [c for c in report.changes if c.kind == "added"]
    assert added.words == 38 and added.label.startswith("adds 38 words: “")
    opening = added.label.split("“")[1].rstrip("”")
    assert opening.endswith("…") and len(opening) <= OPENING_CHARS
    assert report.sources[1].added == 38


def test_an_unspaced_thai_paragraph_opening_is_cut():
    from reader.core.export.report import _opening
    thai = "นักวิทยาศาสตร์พบว่าวาฬนำร่องหลายสิบตัวเกยตื้นบนชายหาดห่างไกลในคืนวันจันทร์ที่ผ่านมา"
    opening = _opening(thai + " " + thai)  # a single engine "word" each, 80 characters
    assert opening.endswith(" …") and len(opening) <= OPENING_CHARS and thai.startswith(
        opening[:-2])
    assert _opening("Short and whole.") == "Short and whole."


# 5. A fact change points at a row where the source has its side.

def test_a_fact_change_points_where_the_source_has_it(seeds, seeds_report):
    facts = [c for c in seeds_report.changes if c.fact]
    assert facts
    for item in facts:
        assert seeds.rows[item.row if item.at is None else item.at][item.source], item
    [recently] = [c for c in facts if c.source == 3 and "this week → Recently" in c.label]
    assert not seeds.rows[recently.row][3]  # [4] moved the paragraph away from [1]'s row
    assert "Recently," in seeds.row_text(recently.at, 3)
    assert f"has it in {seeds_report.where(recently.at)}" in \
        unescape(re.sub(r"<[^>]+>", "", render_html(seeds_report)))


# 6. The change list in two headed parts; in pairs each [k] links to the entry showing k.

def test_change_list_has_two_headed_parts(seeds):
    html = render_html(build_report(seeds, [], ExportOptions()))
    facts, words = (html.index(f"<h3>{h}</h3>") for h in
                    ("Fact changes", "Wording, additions and omissions"))
    assert html.index('<h2 id="changes">') < facts < words < html.index("<h2>Legend</h2>")
    assert CHANGE_HEADINGS == ("Fact changes", "Wording, additions and omissions")
    pairs = build_report(seeds, [], ExportOptions(layout="pairs"))
    changes = render_html(pairs).split('<h2 id="changes">')[1].split("<h2>Legend</h2>")[0]
    links = re.findall(r'<a href="#row-(\d+)-s(\d+)">\[(\d+)\][^<]*</a>', changes)
    assert len(links) == sum(len(group_changes([c for c in pairs.changes if c.fact == fact]))
                             for fact in (True, False))  # sources saying the same: one link
    for number, entry, source in links:  # the entry of [k] there: its own, or one it shares
        shown = pairs.rendering_of(pairs.rows[int(number) - 1], int(source) - 1)
        assert shown.sources[0] == int(entry) - 1 and int(source) - 1 in shown.sources


# 7. Markdown row links have explicit targets (cmark-gfm gives headings no ids).

def test_markdown_links_have_explicit_anchors(seeds_report):
    md = render_markdown(seeds_report)
    used = set(re.findall(r"\]\[(row-\d+)\]", md))  # reference-style links
    defined = dict(re.findall(r"^\[([^\]]+)\]: #(\S+)$", md, re.M))
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', md))
    assert len(used) > 20 and used <= set(defined) and set(defined.values()) <= anchors
    if shutil.which("cmark-gfm"):
        html = subprocess.run(["cmark-gfm", "--unsafe", "-e", "table", "-e", "strikethrough"],
                              input=md, capture_output=True, text=True, check=True).stdout
        hrefs, ids = _links(html)
        assert hrefs and hrefs <= ids, sorted(hrefs - ids)[:5]


# 8. Markdown keeps the moved and only-here marks, and says compactly who is absent.

def test_markdown_says_where_an_absent_paragraph_moved(seeds, seeds_report):
    md = render_markdown(seeds_report)
    assert "_not in this source_" not in md
    [recently] = [c for c in seeds_report.changes
                  if c.fact and c.source == 3 and "this week → Recently" in c.label]
    number, moved = seeds_report.number(recently.row), seeds_report.number(recently.at)
    row = md.split(f'<a id="row-{number}"></a>')[1].split("### ")[0]
    where = seeds_report.where(recently.at)
    assert re.search(rf"_Not here:_ .*\\\[4\\\][^·]*\(moved to [^·]*\[{where}\]"
                     rf"\[row-{moved}\]", row), row[-300:]
    assert "▍only here" in md and "⇅ also in [place " in md
    assert not re.search(r"(?<!\\)\]\(", md)  # no inline link a source could forge


# 9. Provenance: the file name and the page's address, never the user's folders.

def test_exports_name_the_file_and_url_not_the_folder(qapp):
    from reader.render.flow import report_blocks
    a = document_from_text(COUNCIL, "/home/alice/private/council.txt")
    b = dataclasses.replace(document_from_text(COUNCIL + "\n\n" + STRIKE,
                                               "/home/alice/private/web/page.html"),
                            url="https://news.example.org/council-budget")
    report = build_report(compare([a, b]), [], ExportOptions())
    pdf = " ".join(cell for block in report_blocks(report) for cell in block.cells)
    for text in (render_html(report), render_markdown(report), pdf):
        assert "/home/alice" not in text and "private" not in text
        assert "council.txt" in text and "page.html" in text
        assert "https://news.example.org/council-budget" in text


# 10. Titles whole when they fit; cut at a word when they do not.

def test_label_title_is_cut_at_a_word_and_only_when_long():
    words = "Putin and China’s top diplomat pledged to boost ties ahead of the anniversary"
    short = dataclasses.replace(document_from_text(COUNCIL, "a.txt"), title=words)
    long_title = " ".join([words] * 3)
    long = dataclasses.replace(document_from_text(COUNCIL, "b.txt"), title=long_title)
    report = build_report(compare([short, long]), [], ExportOptions())
    assert report.label(0) == f"[1] a.txt — {words}"  # 77 characters: whole
    cut = report.label(1).split(" — ", 1)[1]
    assert cut.endswith("…") and len(cut) <= LABEL_TITLE_CHARS
    assert long_title.startswith(cut[:-1]) and long_title[len(cut) - 1] == " "


# 11. Rows named by the reader's place numbers (its Differences dock, F7, ``parallax align
# --differences``) in every part and format; anchors count the shown rows 1…n.

def test_rows_are_named_by_the_readers_place_numbers_everywhere(seeds, seeds_report):
    report = seeds_report
    n = len(report.rows)
    assert report.rows[0] > 0  # the seeds' first rows are furniture, left out
    html = render_html(report)
    assert [int(x) for x in re.findall(r'<tr id="row-(\d+)"', html)] == list(range(1, n + 1))
    place_of = {p.row: k for k, p in enumerate(places(seeds.differences(0)), 1)}
    md = render_markdown(report)
    headings = re.findall(r"^### <a id=\"row-\d+\"></a>(.+)$", md, re.M)
    assert len(headings) == n
    for row, heading in zip(report.rows, headings):
        assert heading == (f"Place {place_of[row]}" if row in place_of else
                           f"After place {max(k for r, k in place_of.items() if r < row)}")
    first = report.changes[0]
    assert f'<a href="#{row_anchor(report, first.row)}">Place&nbsp;{place_of[first.row]}' \
        in html
    assert "Row " not in md and "Row&nbsp;" not in html and "in row " not in html


# 12. The omission caret is drawn by the style sheet, so a copy never holds it.

def test_omission_caret_is_not_text_in_the_browser_file(seeds_report):
    html = render_html(seeds_report)
    aligned = html.split("<h2>Aligned text</h2>")[1]
    assert 'class="omit"' in aligned
    assert OMIT_MARK not in unescape(re.sub(r"<[^>]+>", "", aligned))
    assert re.search(r"del\.omit::before \{ content: '\\2038'; user-select: none; \}",
                     css(True))


# The change list names [2], [3]…: every format says who they are before it (the PDF's
# order is pinned in test_export_pdf).

def test_html_and_markdown_name_the_sources_before_the_change_list(seeds_report):
    html = render_html(seeds_report)
    assert seeds_report.changes
    assert 0 < html.index('<h2 id="sources">') < html.index('<h2 id="changes">')
    lines = render_markdown(seeds_report).splitlines()
    assert 0 < lines.index("## Sources") < lines.index("## Changes") < lines.index("## Aligned text")


def test_a_heading_row_merged_with_body_text_is_not_set_bold_whole(seeds, seeds_report):
    """The reviewer's place 9, column [4]: a heading ("Putin Highlights the Importance of
    China-Russia Cooperation…") and the body paragraph after it share a row; the body was
    set bold with the heading."""
    from reader.core.export.html_export import cell_html
    mixed = [(row, s) for row, cells in enumerate(seeds.rows) for s, paras in enumerate(cells)
             if len({seeds.documents[s].paragraphs[p].heading for p in paras}) == 2]
    assert mixed
    for row, s in mixed:
        assert 'class="heading"' not in cell_html(seeds_report, row, s, True)[1]


def test_versions_side_by_side_on_a_guess_are_marked_when_the_reference_is_silent(seeds):
    """The reviewer's place 12: the reference has nothing there, and [3] "Wang arrived in
    Moscow just days after U.S. officials…" sits beside [4] "He further announced that the
    Chinese President might soon go to Moscow…" only through a rewritten-region link
    (confidence 0.25): both cells say it is a guess, as cells linked to the reference on a
    guess do."""
    from reader.core.export.report import align_mark
    row = next(r for r, cells in enumerate(seeds.rows)
               if seeds.row_text(r, 2).startswith("Wang arrived in Moscow just days after"))
    assert not seeds.rows[row][0] and seeds.row_text(row, 3).startswith("He further announced")
    for s in (2, 3):
        mark = align_mark(seeds, row, 0, s)
        assert mark is not None and mark.kind == "low" and "region" in mark.label


def test_a_source_that_shares_nothing_is_called_out(seeds):
    """Three unrelated pages (a council notice, whales, the seeds' story): no two share a
    passage, and the summary and the exports say so; the four seeds, versions of one
    story, raise nothing."""
    from reader.core.export.summary import summary_text
    docs = [document_from_text(COUNCIL, "council.txt"), document_from_text(WHALES, "w.txt"),
            load_document(seed_paths()[0])]
    comp = compare(docs)
    said = ("[2] and [3] share no passage with [1] or with each other: are they the same "
            "story?")
    assert comp.alone() == [0, 1, 2]
    assert summary_text(comp).splitlines()[1] == f"Warning: {said}"
    assert build_report(comp, [], ExportOptions()).warnings == [said]
    assert seeds.alone() == [] and "Warning" not in summary_text(seeds)
    assert build_report(seeds, [], ExportOptions()).warnings == []
    mixed = compare([*[load_document(p) for p in seed_paths()], docs[1]])
    assert mixed.alone() == [4]
    assert summary_text(mixed).splitlines()[1] == (
        "Warning: [5] shares no passage with the other sources: is it the same story?")


def test_the_sources_table_says_what_its_counts_mean(seeds_report):
    from reader.core.export.report import AGAINST_KEY
    assert "+words added, −words left out, ~words worded differently" in AGAINST_KEY
    assert AGAINST_KEY in render_html(seeds_report)
    assert "Against the reference: +words added, −words left out, \\~words worded" in \
        render_markdown(seeds_report)


AR = ("الصين وروسيا تتقاربان\n\n"
      "وقال التقرير إن حجم التجارة بين البلدين بلغ 190 مليار دولار في عام 2022.\n\n"
      "وقال بوتين: «إن علاقاتنا تتطور بسرعة كبيرة جدا».\n")


def test_a_right_to_left_change_reads_old_to_new_in_every_export():
    """A reviewer read an Arabic quote's change backwards in the PDF and the HTML: "old →
    new" between right-to-left words is one right-to-left run, laid out "new ← old". Each
    side is isolated now, as in the reader (left-to-right labels are left as they are)."""
    comp = compare([document_from_text(AR, "a.txt"),
                    document_from_text(AR.replace("بسرعة كبيرة جدا", "ببطء شديد")
                                       .replace("190", "200"), "b.txt")])
    report = build_report(comp, [], ExportOptions())
    quote = "altered: “\u2068…بسرعة كبيرة جدا\u2069” → “\u2068…ببطء شديد\u2069”"  # the quotes
    for text in (unescape(render_html(report)), render_markdown(report)):
        assert quote in text
        assert "190 → 200" in text  # digits only: nothing to isolate


def test_the_html_sources_table_gives_the_labels_room(seeds_report):
    """A browser lays the sources table out at fixed widths: six equal columns left the
    labels ("[1] Riverside Courier · 24 Nov 2026 · Associated Press" and the file's title
    under it) a sixth of the page, broken over five lines, beside columns of one figure."""
    html = render_html(seeds_report)
    assert '<th class="source">Source</th>' in html
    assert "table.grid th.source { width: 40%; }" in css(semantic=True)
