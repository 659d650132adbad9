"""Lay blocks out with Qt's rich text engine and cut them into pages.

Each cell is its own small ``QTextDocument``. A page is painted only from
the pieces placed on it, each painted whole, never through a clip: Qt's PDF
engine writes clipped text too, so a clip would leave invisible duplicate
lines in the text layer (what copy, search and screen readers get).

A block that does not fit in what is left of a page is cut between lines
(each cell's document split at the first line that does not fit), unless
little of the page is left (``SPLIT_ROOM``): then it starts the next page
whole. The part on the next page repeats the block's label: a row's number,
a change group's "Place 25", with "(continued)". Headings keep with what
follows, and a table's header row repeats at the top of each page it runs on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QFont, QTextCursor, QTextDocument, QTextDocumentFragment, QTextOption

from reader.core.export.markup import OMIT_MARK
from reader.render.flow import Block
from reader.render.marks import draw_carets, register

CELL_PADDING_PT = 3.0
SMALLEST_HEADER_PT = 6.0
"""A column header's font shrinks down to this size so that its longest word fits whole."""
FOOT_GAP_PT = 6.0
"""Space above a page's footnotes (where a short rule is drawn)."""
SPLIT_ROOM = 0.12
"""A block that does not fit in what is left of a page is split there when at least
this share of the page is left; with less, it starts the next page whole (if it fits
there). Moving every block that fits a fresh page left change-list and table pages
half empty (the seeds' first page: a third of it blank before one long change group)."""
KEEP_WITH_HEADING = 0.12
"""A heading needs this share of the page below it (or all of the next block,
if smaller); otherwise it moves to the next page with what follows."""


class ExportCancelled(Exception):
    """The user cancelled an export; nothing was written."""


@dataclass
class Piece:
    """A block, or the part of a block that lies on one page, laid out."""

    block: Block
    docs: list[QTextDocument]
    height: float
    continued: bool = False


@dataclass
class Page:
    placed: list[tuple[float, Piece]] = field(default_factory=list)
    feet: list[Piece] = field(default_factory=list)  # footnotes, painted at the page foot

    def foot_height(self, gap: float) -> float:
        return sum(p.height for p in self.feet) + (gap if self.feet else 0)


class Typesetter:
    """Lays out cells for one page body (width, height in device pixels)."""

    def __init__(self, width: float, height: float, dpi: float, font: QFont, css: str,
                 device) -> None:
        self.width, self.height, self.dpi = width, height, dpi
        self.font, self.css, self.device = font, css, device
        self.padding = CELL_PADDING_PT * dpi / 72  # device pixels, as the layout reports
        self.foot_gap = FOOT_GAP_PT * dpi / 72
        self.margin = CELL_PADDING_PT * 96 / 72  # Qt takes document margins at 96 dpi
        self._blanks: dict[tuple[bool, bool], QTextDocument] = {}
        self._documents: dict[tuple[str, float, bool, bool], QTextDocument] = {}

    def document(self, html: str, width: float, whole_words: bool = False,
                 compact: bool = False) -> QTextDocument:
        """One cell; ``whole_words`` cells (numbers, headers) never break inside a word.

        Cells with the same HTML and width share one laid-out document (the
        "not in this source" cells, the story map's marks): documents are never
        changed once laid out, only drawn or copied from.
        """
        key = (html, width, whole_words, compact)
        if key not in self._documents:
            self._documents[key] = self._new_document(html, width, whole_words, compact)
        return self._documents[key]

    def _new_document(self, html: str, width: float, whole_words: bool,
                      compact: bool) -> QTextDocument:
        doc = self._blank(whole_words, compact).clone()
        doc.setParent(None)  # PySide gives a clone to its original: this one outlives it
        doc.documentLayout().setPaintDevice(self.device)
        doc.setDocumentMargin(self.margin / 3 if compact else self.margin)  # not cloned
        doc.setTextWidth(width)  # first: the text is then laid out once, at its width
        doc.setHtml(html)
        if OMIT_MARK in html:
            draw_carets(doc, self.device)
        return doc

    def _blank(self, whole_words: bool, compact: bool) -> QTextDocument:
        """An empty document with the font, style sheet and wrapping of a kind of
        cell, cloned for each cell: Qt parses a style sheet when it is set, and a clone
        takes the parsed one over (half the time of laying out a cell went to parsing)."""
        key = (whole_words, compact)
        if key not in self._blanks:
            doc = QTextDocument()
            doc.setDefaultFont(self.font)
            doc.setDefaultStyleSheet(self.css)
            if whole_words:
                option = QTextOption()
                option.setWrapMode(QTextOption.WrapMode.WordWrap)
                doc.setDefaultTextOption(option)
            self._blanks[key] = doc
        return self._blanks[key]

    def header_document(self, html: str, width: float) -> QTextDocument:
        """A column header: wrapped between words only, its font shrunk until the
        longest word fits, so that a name is never broken letter by letter."""
        doc = self._new_document(html, width, whole_words=True, compact=False)  # changed below
        font = QFont(self.font)
        while doc.idealWidth() > width and font.pointSizeF() > SMALLEST_HEADER_PT:
            font.setPointSizeF(font.pointSizeF() - 0.5)
            doc.setDefaultFont(font)
            doc.setHtml(f'<div style="font-size: {font.pointSizeF()}pt">{html}</div>')
        return doc

    def piece(self, block: Block, docs: list[QTextDocument] | None = None,
              continued: bool = False) -> Piece:
        if docs is None:
            docs = [self.header_document(html, share * self.width) if block.kind == "header"
                    else self.document(html, share * self.width,
                                       whole_words=i == 0 and block.labelled,
                                       compact=block.compact)
                    for i, (html, share) in enumerate(zip(block.cells, block.widths))]
        return Piece(block, docs, max(d.size().height() for d in docs), continued)

    def split(self, piece: Piece, room: float) -> tuple[Piece, Piece] | None:
        """``piece`` cut so that its first part is at most ``room`` high, or None if no
        line of any cell fits there, or the cut leaves a first part taller than ``room``:
        a table in one cell (the legend) is cut whole or not at all, and its first part
        ran past the page's foot, then came again whole."""
        cuts = [_cut_position(doc, room - self.padding) for doc in piece.docs]
        if all(c is None for c in cuts) or (all(c == 0 for c in cuts if c is not None) and
                                            any(_has_text(doc) for doc in piece.docs)):
            return None
        heads, tails = [], []
        for doc, cut in zip(piece.docs, cuts):
            head, tail = _split_document(doc, cut)
            heads.append(head)
            tails.append(tail)
        if piece.block.labelled:  # "12" or "Place 25" on the first page, then "… (continued)"
            heads[0] = piece.docs[0]
            tails[0] = self.document(piece.block.continued_label(), piece.docs[0].textWidth(),
                                     whole_words=True)
        first = Piece(piece.block, heads, max(d.size().height() for d in heads), piece.continued)
        if first.height > room:
            return None
        return first, self.piece(piece.block, tails, continued=True)


def _has_text(doc: QTextDocument) -> bool:
    return bool(doc.toPlainText().strip())


def _lines(doc: QTextDocument):
    """(top, bottom, position of the line's first character) of every line in ``doc``."""
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        text_layout = block.layout()
        for i in range(text_layout.lineCount()):
            line = text_layout.lineAt(i)
            top = rect.top() + line.y()
            yield top, top + line.height(), block.position() + line.textStart()
        block = block.next()


def _cut_position(doc: QTextDocument, room: float) -> int | None:
    """Character position of the first line that does not fit in ``room``; None when
    all of ``doc`` fits."""
    for _top, bottom, position in _lines(doc):
        if bottom > room:
            return position
    return None


_BREAKS = ("\u2028", "\u2029")
"""Qt's line separator (``<br>``) and paragraph separator."""


def _split_document(doc: QTextDocument, cut: int | None) -> tuple[QTextDocument, QTextDocument]:
    """The text before ``cut`` and from ``cut`` on. A cell cut inside is copied into two
    new documents with the same formats (fragments, so neither depends on ``doc``
    staying alive); a cell that lies all on one side is ``doc`` itself beside an empty
    document, since copying it would only lay it out again."""
    end = doc.characterCount() - 1
    if cut is None or cut == 0:
        empty = _part(doc, 0, 0)
        return (doc, empty) if cut is None else (empty, doc)
    head_end = cut
    while head_end and doc.characterAt(head_end - 1) in _BREAKS:
        head_end -= 1  # a break the head would end with makes an empty last line: too tall
    return _part(doc, 0, head_end), _part(doc, cut, end)


def _part(doc: QTextDocument, start: int, stop: int) -> QTextDocument:
    """Characters ``start``…``stop`` of ``doc`` as a document of their own, laid out alike."""
    part = QTextDocument()
    part.documentLayout().setPaintDevice(doc.documentLayout().paintDevice())
    part.setDefaultFont(doc.defaultFont())
    part.setDocumentMargin(doc.documentMargin())
    part.setDefaultTextOption(doc.defaultTextOption())
    register(part)  # the copied text may hold drawn carets
    part.setTextWidth(doc.textWidth())  # before the text: laid out once
    if stop > start:
        selection = QTextCursor(doc)
        selection.setPosition(start)
        selection.setPosition(stop, QTextCursor.MoveMode.KeepAnchor)
        QTextCursor(part).insertFragment(QTextDocumentFragment(selection))
    return part


def paginate(blocks: list[Block], setter: Typesetter, cancelled=lambda: False) -> list[Page]:
    """Place every block on pages, top to bottom."""
    return paginate_pieces(lay_out(blocks, setter, cancelled), setter)


def lay_out(blocks: list[Block], setter: Typesetter, cancelled=lambda: False) -> list[Piece]:
    """Every block laid out whole; ``cancelled`` is asked between blocks (raising
    ExportCancelled), since that is most of the time a big export takes."""
    pieces = []
    for block in blocks:
        if cancelled():
            raise ExportCancelled()
        pieces.append(setter.piece(block))
    return pieces


def paginate_pieces(pieces: list[Piece], setter: Typesetter) -> list[Page]:
    """Place laid-out blocks on pages, top to bottom, in the order given."""
    pages = [Page()]
    y = 0.0
    header_shown: Block | None = None  # the header row already at the top of this page

    def new_page() -> None:
        nonlocal y, header_shown
        pages.append(Page())
        y = 0.0
        header_shown = None

    def place(piece: Piece) -> None:
        nonlocal y
        pages[-1].placed.append((y, piece))
        y += piece.height

    header_pieces = {id(p.block): p for p in pieces if p.block.kind == "header"}
    for i, piece in enumerate(pieces):
        block = piece.block
        if block.kind == "heading" or block.kind == "header":
            keep = KEEP_WITH_HEADING * setter.height
            following = pieces[i + 1].height if i + 1 < len(pieces) else 0
            need = piece.height + min(following, keep)
            if block.kind == "heading" and i + 2 < len(pieces) and \
                    pieces[i + 1].block.kind == "header":
                # a table's header is never cut: the heading keeps room for all of it and
                # for what the header itself keeps (the header had gone on alone to the
                # next page, and the heading ended this one)
                need = piece.height + following + min(pieces[i + 2].height, keep)
            if y and y + need > setter.height:
                new_page()
            place(piece)
            if block.kind == "header":
                header_shown = block
            continue
        header = header_pieces.get(id(block.header)) if block.header else None
        feet = [setter.piece(f) for f in block.footnotes]
        while True:
            if header is not None and header_shown is not block.header and y == 0:
                place(header)
                header_shown = block.header
            room = setter.height - pages[-1].foot_height(setter.foot_gap) - y
            if piece.height <= room:
                place(piece)
                extra = sum(f.height for f in feet) + (0 if pages[-1].feet else setter.foot_gap)
                if feet and piece.height + extra <= room:  # else they stay in the end list
                    pages[-1].feet.extend(feet)
                break
            fresh = setter.height - (header.height if header else 0)
            parts = None if piece.height <= fresh and y > (header.height if header else 0) \
                and room < SPLIT_ROOM * setter.height else setter.split(piece, room)
            if parts is None:  # it goes whole on the next page
                if y == 0 or (header is not None and y == header.height):
                    place(piece)  # nothing fits anywhere: give it the page (never loops)
                    break
                carried = _trailing_headings(pages[-1])  # a heading goes with what it heads
                new_page()
                for lead in carried:
                    place(lead)
                    if lead.block.kind == "header":
                        header_shown = lead.block
                continue
            place(parts[0])
            piece = parts[1]
            new_page()
    return pages


def _trailing_headings(page: Page) -> list[Piece]:
    """Take the headings and headers that end a page off it (none if nothing else is there)."""
    k = len(page.placed)
    while k and page.placed[k - 1][1].block.kind in ("heading", "header"):
        k -= 1
    if not k:
        return []
    carried = [piece for _y, piece in page.placed[k:]]
    del page.placed[k:]
    return carried
