"""The PDF's text layer is what the page shows: read back with pdftotext (raw, no
normalisation) and compared with the text the layout painted, piece by piece.

Truths checked, for the seeds (one table) and an 8-source set (pairs):
- every word appears in the PDF as often as it was painted (no clipped duplicate
  lines), and every word of every exported paragraph was painted at least as often
  as the source says it (the table: each paragraph once; pairs: the reference's once
  and each other reading once);
- no ligature code point (U+FB00–FB06);
- pages are full: a row or change group that does not fit in what is left of a
  page is cut there (its number or "Row n" repeats with "(continued)") unless
  little is left; a heading never ends a page;
- column headers come out whole.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from export_sets import versions

from reader.core.comparison import compare
from reader.core.export.markup import OMIT_MARK
from reader.core.export.report import ExportOptions, build_report
from reader.core.load.documents import document_from_text, load_document, seed_paths

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext) is not installed")

LIGATURES = re.compile("[\ufb00-\ufb06]")


def _words(text: str) -> Counter:
    """Words, with a word that wraps after its hyphen ("China-" / "Russia") taken as two
    on both sides alike."""
    return Counter(w for w in re.split(r"\s+|(?<=-)(?=\S)", text) if w)


def _export(report, path: Path):
    from PySide6.QtCore import QBuffer
    from PySide6.QtGui import QPdfWriter

    from reader.render.output import write_report
    from reader.render.pdf import RESOLUTION, layout_pages, page_layout
    pages = write_report(report, str(path), "pdf")
    writer = QPdfWriter(QBuffer())
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(page_layout(report))
    laid, rect, line = layout_pages(report, writer)
    assert len(laid) == pages
    run = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                         text=True, check=True)
    assert not run.stderr, run.stderr[:300]  # poppler finds nothing malformed
    raw = run.stdout
    return laid, raw, rect.height() - 3.2 * line


def _painted(report, laid) -> str:
    out = []
    for number, page in enumerate(laid):
        out += [report.title, f"Parallax · {report.date}", f"Page {number + 1} of {len(laid)}"]
        out += [doc.toPlainText() for _y, piece in page.placed for doc in piece.docs]
        out += [doc.toPlainText() for piece in page.feet for doc in piece.docs]
    return "\n".join(out).replace("\ufffc", "")  # drawn marks (the caret) are not text


def _check_text_layer(report, laid, raw: str) -> None:
    painted = _painted(report, laid)
    # every character as often as painted (a long path may wrap anywhere, so not words)
    assert Counter("".join(raw.split())) == Counter("".join(painted.split()))
    assert not LIGATURES.search(raw)
    shown = Counter()
    for row in report.rows:
        if report.layout == "table":
            showing = report.order
        else:  # the reference once, then one text per reading ("same words" shows none)
            showing = [entry.sources[0] for entry in report.renderings(row)
                       if entry.kind in ("reference", "own", "unlinked")]
        for s in showing:
            for p in report.comp.rows[row][s]:
                shown.update(_words(report.comp.documents[s].paragraphs[p].text))
    painted_words, raw_words = _words(painted), _words(raw)
    short = {w: n for w, n in shown.items() if painted_words[w] < n}  # each painted, whole
    assert not short, list(short.items())[:10]
    unequal = {w: (raw_words[w], painted_words[w]) for w in shown
               if raw_words[w] != painted_words[w]}
    assert not unequal, list(unequal.items())[:10]


def _check_pages(report, laid, raw: str, body: float) -> int:
    """A heading never ends a page; a block cut across pages repeats its label with
    "(continued)"; every page but the last is full but for less than ``SPLIT_ROOM``
    of it (a block that did not fit was cut, or moved whole because too little was
    left), unless a heading starts the next page. Returns how many blocks were cut."""
    from reader.render.pages import SPLIT_ROOM
    split = 0
    flat = " ".join(raw.split())
    for number, page in enumerate(laid):
        kinds = [piece.block.kind for _y, piece in page.placed]
        assert kinds[-1] not in ("heading", "header"), "a heading ends a page"
        for _y, piece in page.placed:
            if piece.continued and piece.block.labelled:
                split += 1
                label = " ".join(piece.docs[0].toPlainText().split())
                assert label.endswith("(continued)"), label
                assert label in flat
        following = [p for _y, p in laid[number + 1].placed if p.block.kind != "header"] \
            if number + 1 < len(laid) else []
        if following and following[0].block.kind != "heading":
            y, last = page.placed[-1]
            used = y + last.height + page.foot_height(0)
            assert used > (1 - SPLIT_ROOM) * body, \
                f"page {number + 1} of {len(laid)} is {used / body:.0%} full"
    return split


@pytest.fixture(scope="module")
def seeds_report():
    comp = compare([load_document(p) for p in seed_paths()])
    return build_report(comp, [], ExportOptions())


@pytest.fixture(scope="module")
def eight_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("eight")
    comp = compare([load_document(p) for p in versions(folder, 8)])
    return build_report(comp, [], ExportOptions())


def test_seeds_text_layer_equals_the_page(seeds_report, tmp_path, qapp):
    assert seeds_report.layout == "table"
    laid, raw, body = _export(seeds_report, tmp_path / "seeds.pdf")
    _check_text_layer(seeds_report, laid, raw)
    _check_pages(seeds_report, laid, raw, body)
    for s in seeds_report.order:  # headers whole: the label's words in a row
        assert " ".join(seeds_report.label(s).split()) in " ".join(raw.split())


def test_eight_sources_text_layer_equals_the_page(eight_report, tmp_path, qapp):
    assert eight_report.layout == "pairs"
    laid, raw, body = _export(eight_report, tmp_path / "eight.pdf")
    _check_text_layer(eight_report, laid, raw)
    _check_pages(eight_report, laid, raw, body)


def test_a_row_taller_than_a_page_repeats_its_number(tmp_path, qapp):
    long = " ".join(f"Sentence {i} of a very long paragraph about the talks." for i in range(700))
    docs = [document_from_text(f"Opening line here.\n\n{long}", "a.txt"),
            document_from_text(f"Opening line here.\n\n{long.replace('talks', 'meeting')}",
                               "b.txt")]
    report = build_report(compare(docs), [], ExportOptions())
    laid, raw, body = _export(report, tmp_path / "long.pdf")
    assert _check_pages(report, laid, raw, body) >= 1
    _check_text_layer(report, laid, raw)


def test_right_to_left_and_combining_text_extracts_as_written(tmp_path, qapp):
    arabic = "قال الوزير إن المحادثات ستستمر في موسكو"
    combining = "Cafe\u0301 người Hà Nội"
    a = f"{arabic} غدا.\n\n{combining} talked."
    b = f"{arabic} اليوم.\n\n{combining} spoke."
    report = build_report(compare([document_from_text(a, "a.txt"),
                                   document_from_text(b, "b.txt")]), [], ExportOptions())
    laid, raw, _body = _export(report, tmp_path / "rtl.pdf")
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", raw)  # no presentation forms
    assert unicodedata.normalize("NFC", combining) in raw  # the font composes e + ◌́ as é
    # pdftotext puts right-to-left runs in reading order in its default mode only
    text = subprocess.run(["pdftotext", str(tmp_path / "rtl.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert arabic in text.replace("\u202b", "").replace("\u202c", "")


def test_pdf_has_bookmarks_language_and_metadata(seeds_report, tmp_path, qapp):
    pdf = tmp_path / "meta.pdf"
    _export(seeds_report, pdf)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Title:\s+China and Russia get closer", info)
    assert re.search(r"Creator:\s+Parallax", info)
    data = pdf.read_bytes()
    assert b"/Lang (en)" in data and b"/Outlines" in data
    titles = {bytes.fromhex(t.decode()).decode("utf-16-be")
              for t in re.findall(rb"/Title <FEFF([0-9A-F]+)>", data)}
    assert {"Changes", "Sources", "Aligned text"} <= titles
    assert b"/Dest (\xfe\xff" in data  # change list and markers link inside the file


def test_note_markers_link_to_their_notes_and_back(tmp_path, qapp):
    from reader.core.annotations.model import Anchor, Note
    from reader.core.annotations.session import place_notes
    docs = [load_document(p) for p in seed_paths()]
    quote = "Admiral Gorshkov"
    start = docs[1].text.index(quote)
    note = Note(Anchor.from_text(1, docs[1].path, docs[1].text, start, start + len(quote)),
                body="Only the long copy.", category="omission")
    comp = compare(docs)
    report = build_report(comp, place_notes([note], docs), ExportOptions())
    para = next(p.index for p in docs[1].paragraphs if quote in p.text)
    row = f"row-{report.number(comp.row_of[(1, para)])}"  # the row holding the quote
    pdf = tmp_path / "notes.pdf"
    laid, raw, _body = _export(report, pdf)
    _check_text_layer(report, laid, raw)
    [page] = [p for p in laid if any(piece.block.anchor == row for _y, piece in p.placed)]
    assert [d.toPlainText() for f in page.feet for d in f.docs] == \
        ["n1 omission: Only the long copy."]  # a footnote on the marker's page (not "[1]": a source)
    data = pdf.read_bytes()

    def utf16(name: str) -> bytes:
        return b"\xfe\xff" + name.encode("utf-16-be")

    assert b"/Dest (" + utf16("note-1") + b")" in data  # the marker's link
    assert b"/Dest (" + utf16(row) + b")" in data  # and back to the marker's row
    tree = re.search(rb"/Dests (\d+) 0 R", data).group(1)  # Qt's name tree of destinations
    body = data[data.index(tree + b" 0 obj"):]
    body = body[:body.index(b"endobj")]
    if b"/Kids" in body:  # one level down is enough for a few hundred names
        kids = re.findall(rb"(\d+) 0 R", body[body.index(b"/Kids"):])
        body = b"".join(data[data.index(k + b" 0 obj"):][:20000] for k in kids)
    assert utf16("note-1") in body and utf16(row) in body


def test_twenty_sources_read_whole(tmp_path, qapp):
    """20 sources: the one-table request falls back to the story map and pairs with a
    warning, every header is whole, and the text layer still equals the page."""
    comp = compare([load_document(p) for p in versions(tmp_path, 20)])
    report = build_report(comp, [], ExportOptions(layout="table"))
    assert report.layout == "pairs" and "do not fit side by side" in report.warnings[0]
    laid, raw, body = _export(report, tmp_path / "twenty.pdf")
    _check_text_layer(report, laid, raw)
    _check_pages(report, laid, raw, body)
    flat = " ".join(raw.split())
    for s in report.order:
        assert " ".join(report.label(s).split()) in flat, report.label(s)
    assert "Story map" in flat


def _change_group(first: int, lines: int):
    """A change-list block as ``flow`` makes them: "Row 7" beside its changes, one a line."""
    from reader.render.flow import CHANGE_ROW, Block
    return Block(['<a href="#row-7">Row&nbsp;7</a>',
                  "<br>".join(f"[2] <b>name</b> added: Person {i}"
                              for i in range(first, first + lines))],
                 [CHANGE_ROW, 1 - CHANGE_ROW], kind="change")


@pytest.mark.parametrize("filled, cut", [(0.70, True), (0.93, False)])
def test_a_change_group_is_cut_where_the_page_ends(seeds_report, filled, cut, qapp):
    """A group that does not fit below a paragraph filling ``filled`` of the page: cut
    there with "Row 7 (continued)" on the next page when enough is left, moved whole
    when too little is (the old rule moved it whenever it fitted a fresh page, and
    left a third of the seeds' first page blank). A group that fits stays whole."""
    from PySide6.QtCore import QBuffer, QRectF
    from PySide6.QtGui import QPdfWriter

    from reader.core.export.html_export import css
    from reader.render.flow import Block
    from reader.render.pages import Typesetter, paginate
    from reader.render.pdf import RESOLUTION, export_font, page_layout
    writer = QPdfWriter(QBuffer())
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(page_layout(seeds_report))
    rect = QRectF(writer.pageLayout().paintRectPixels(RESOLUTION))
    setter = Typesetter(rect.width(), rect.height() * 0.9, RESOLUTION, export_font(seeds_report),
                        css(semantic=False), writer)
    lines = 1
    while setter.piece(_change_group(0, lines + 1)).height < filled * setter.height:
        lines += 1
    filler = Block([_change_group(0, lines).cells[1]], [1.0])
    group = _change_group(100, 20)
    assert setter.piece(group).height < setter.height  # it would fit a page of its own
    pages = paginate([filler, group], setter)
    assert len(pages) == 2
    texts = [[" ".join(d.toPlainText().split()) for _y, p in page.placed for d in p.docs]
             for page in pages]
    if cut:
        y, head = pages[0].placed[-1]
        assert y + head.height > (1 - 0.05) * setter.height  # full to its last line
        assert texts[1][0] == "Row 7 (continued)" and texts[0][1] == "Row 7"
        joined = " ".join(texts[0][2:] + texts[1][1:])  # every change once, in order
        assert [int(n) for n in re.findall(r"Person (\d+)", joined)] == list(range(100, 120))
    else:
        assert len(pages[0].placed) == 1 and texts[1][:1] == ["Row 7"]
    fits = paginate([_change_group(0, 5), _change_group(100, 20)], setter)
    assert len(fits) == 1 and len(fits[0].placed) == 2  # a group that fits stays whole


@pytest.mark.parametrize("whole_words, compact", [(False, False), (True, False), (False, True)])
def test_a_cloned_cell_is_laid_out_as_one_built_alone(whole_words, compact, qapp):
    """Cells are cloned from a blank that has the style sheet parsed (``Typesetter``);
    a clone must keep the font, style sheet, wrapping and margin (Qt does not clone the
    margin: compact story-map rows came out a third taller until it was set again)."""
    from PySide6.QtCore import QBuffer
    from PySide6.QtGui import QFont, QPdfWriter, QTextDocument, QTextOption

    from reader.core.export.html_export import css
    from reader.render.pages import Typesetter
    from reader.render.pdf import RESOLUTION, register_fonts
    register_fonts()
    writer = QPdfWriter(QBuffer())
    writer.setResolution(RESOLUTION)
    font = QFont("DejaVu Serif")
    font.setPointSizeF(9.5)
    setter = Typesetter(2000, 3000, RESOLUTION, font, css(semantic=False), writer)
    cells = ['<span class="rowno">12</span>', "■",
             'Talks <span class="chg">went well</span> in <span class="add">Moscow</span>, '
             'said <span class="omit">the</span> minister, ' * 6,
             "<b>[2] 001_dad8c516bf82dcad.txt</b> — Chinese foreign minister visits Moscow"]
    for html in cells:
        alone = QTextDocument()
        alone.documentLayout().setPaintDevice(writer)
        alone.setDefaultFont(font)
        alone.setDefaultStyleSheet(css(semantic=False))
        alone.setDocumentMargin(setter.margin / 3 if compact else setter.margin)
        if whole_words:
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            alone.setDefaultTextOption(option)
        alone.setHtml(html)
        alone.setTextWidth(300)
        cloned = setter.document(html, 300, whole_words, compact)
        assert cloned.size() == alone.size(), html
        assert cloned.toHtml() == alone.toHtml()
    assert setter.document(cells[0], 300) is setter.document(cells[0], 300)  # laid out once


OMITTING = ("The council approved the budget on Monday after a long debate.\n\n"
            "Opponents said the plan cut too deep into the library service.")
"""Its second version leaves out "on Monday" and "too deep" (read from the two texts)."""


def _omission_report():
    shorter = OMITTING.replace(" on Monday", "").replace(" too deep", "")
    docs = [document_from_text(OMITTING, "a.txt"), document_from_text(shorter, "b.txt")]
    return build_report(compare(docs), [], ExportOptions())


def _cells_holding(laid, words: str):
    return [doc for page in laid for _y, piece in page.placed for doc in piece.docs
            if words in doc.toPlainText().replace("\ufffc", "")]


def _struck(doc) -> str:
    """The characters of ``doc`` drawn struck through."""
    from PySide6.QtGui import QTextCursor
    out = []
    for i in range(doc.characterCount() - 1):
        cursor = QTextCursor(doc)
        cursor.setPosition(i + 1)  # the format of the character before the cursor
        if cursor.charFormat().fontStrikeOut():
            out.append(doc.characterAt(i))
    return "".join(out)


def test_words_a_source_leaves_out_are_struck_in_the_reference_column(tmp_path, qapp):
    """The HTML shows the left-out words struck; the PDF strikes them in the reference's
    own cell (its own text, so the text layer stays each column's words), each struck run
    followed by the sources that leave it out (review 8: a strike naming nobody read as
    the reference's own deletion)."""
    report = _omission_report()
    laid, raw, _body = _export(report, tmp_path / "omit.pdf")
    reference = _cells_holding(laid, "budget on Monday [2] after")
    assert len(reference) == 1
    assert _struck(reference[0]) == "on Monday"
    assert _struck(_cells_holding(laid, "plan cut too deep [2] into")[0]) == "too deep"
    assert "budget on Monday [2] after" in " ".join(raw.split())  # the reference reads whole


def test_the_omission_caret_is_drawn_but_not_text(tmp_path, qapp):
    from PySide6.QtGui import QTextCursor

    from reader.render.marks import CARET_OBJECT
    report = _omission_report()
    laid, raw, _body = _export(report, tmp_path / "caret.pdf")
    flat = " ".join(raw.split())
    assert OMIT_MARK not in flat
    assert "budget after a long" in flat and "plan cut into the" in flat  # words not split
    source = _cells_holding(laid, "budget after") + _cells_holding(laid, "plan cut into")
    carets = []
    for doc in source:
        for i, ch in enumerate(doc.toPlainText()):
            if ch == "\ufffc":
                cursor = QTextCursor(doc)
                cursor.setPosition(i + 1)
                carets.append(cursor.charFormat().objectType())
    assert carets == [CARET_OBJECT, CARET_OBJECT]  # both omissions marked on the page


def test_story_map_marks_are_plain_links_and_blank_cells_keep_their_column(tmp_path, qapp):
    """Underlined, "−" read as "=" and "+" as "±"; and a text layer without the blank
    cells ("3 + +") did not say whose the marks are."""
    from PySide6.QtGui import QTextCursor

    from reader.render.flow import MAP_BLANK, MAP_KEY
    assert f"{MAP_BLANK} (light): neither has it" in MAP_KEY  # the legend names the dot
    first, second = OMITTING.split("\n\n")
    third = "Dozens of pilot whales stranded on a remote beach overnight."
    docs = [document_from_text(f"{first}\n\n{second}", "a.txt"),
            document_from_text(first, "b.txt"),
            document_from_text(f"{first}\n\n{third}", "c.txt")]
    report = build_report(compare(docs), [], ExportOptions(layout="pairs"))
    laid, raw, _body = _export(report, tmp_path / "map.pdf")
    rows = [piece for page in laid for _y, piece in page.placed
            if piece.block.compact and piece.block.kind == "row"]
    assert len(rows) == 3  # the opening, the reference's second paragraph, the whales
    for piece in rows:
        for doc in piece.docs[1:]:
            cursor = QTextCursor(doc)
            cursor.setPosition(1)
            if doc.toPlainText() != MAP_BLANK:
                assert cursor.charFormat().isAnchor()  # still a link to the row
                assert not cursor.charFormat().fontUnderline(), doc.toPlainText()
    marks = [[mark for mark in line.split() if not mark.isdigit()]  # a place's number
             for line in raw.splitlines() if re.fullmatch(r"(\d+ )?\S( \S)+", line)]
    assert sorted(marks) == sorted([["■", "=", "="], ["■", "−", "−"],
                                    [MAP_BLANK, MAP_BLANK, "+"]])  # the whales: only [3]


def test_sources_come_before_the_change_list_that_names_them(seeds_report, tmp_path, qapp):
    """The change list says [2], [3]…: who they are is on the first page, before it."""
    laid, raw, _body = _export(seeds_report, tmp_path / "order.pdf")
    first_page = " ".join(raw.split("\f")[0].split())
    changes = first_page.index("Changes Fact changes")
    for s in seeds_report.order:
        assert 0 <= first_page.find(" ".join(seeds_report.label(s).split())) < changes


def test_a_change_list_part_is_headed_smaller_than_the_list(seeds_report, tmp_path, qapp):
    from PySide6.QtGui import QTextCursor
    laid, _raw, _body = _export(seeds_report, tmp_path / "headings.pdf")
    sizes = {}
    for page in laid:
        for _y, piece in page.placed:
            if piece.block.kind == "heading":
                cursor = QTextCursor(piece.docs[0])
                cursor.setPosition(1)
                sizes[piece.docs[0].toPlainText()] = cursor.charFormat().font().pointSizeF()
    assert sizes["Fact changes"] < sizes["Changes"] == sizes["Sources"]
    assert sizes["Wording, additions and omissions"] == sizes["Fact changes"]


def test_a_french_elision_extracts_as_one_word(tmp_path, qapp):
    """DejaVu kerns "L’" so tightly that the apostrophe is drawn left of where the L
    ends, and pdftotext took "L" and "’avis" for two lines (the web page lemonde-1)."""
    text = ("L’avis de la commission ne sera pas contraignant.\n\n"
            "L’élargissement de la surveillance inquiète les avocats. L’Etat répond.")
    docs = [document_from_text(text, "a.txt"),
            document_from_text(text.replace("inquiète", "préoccupe"), "b.txt")]
    report = build_report(compare(docs), [], ExportOptions())
    _laid, raw, _body = _export(report, tmp_path / "french.pdf")
    words = raw.split()
    assert words.count("L’avis") == 2 and words.count("L’élargissement") == 2
    assert "L" not in words


def test_a_heading_keeps_room_for_a_tables_whole_header():
    """The heading above a table counted its header row as far as ``KEEP_WITH_HEADING``
    of a page, the header (never cut) counted itself whole, and went on alone to the next
    page: the heading ended the page (the seeds' PDF, once the change list shortened)."""
    from types import SimpleNamespace

    from reader.render.flow import Block
    from reader.render.pages import KEEP_WITH_HEADING, Piece, paginate_pieces
    setter = SimpleNamespace(height=1000.0, foot_gap=10.0, split=lambda piece, room: None)
    header = Block(["[1] [2]"], [1.0], kind="header")
    tall = KEEP_WITH_HEADING * setter.height + 30  # taller than a heading keeps of others
    # the heading (95) and what the old rule kept fit below the text; with the whole
    # header they do not
    pieces = [Piece(Block(["text"], [1.0]), [], 1000 - 95 - 2 * tall + 45),
              Piece(Block(["Aligned text"], [1.0], kind="heading"), [], 95),
              Piece(header, [], tall),
              Piece(Block(["a", "b"], [0.5, 0.5], kind="row", header=header), [], tall)]
    pages = paginate_pieces(pieces, setter)
    assert [[p.block.kind for _y, p in page.placed] for page in pages] == \
        [["text"], ["heading", "header", "row"]]
