"""Turn one source of a comparison into the ``QTextDocument`` its pane shows.

One document per pane keeps what Qt does well (wrapping, selection, find,
copy) and lets us line rows up by block margins, as Meld pads with filler
lines. The document text is exactly the source's paragraphs (plus empty
filler blocks): marks for omitted words are painted, not inserted, so copy
and find never see them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import (
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from reader.core.comparison import Comparison, Ref
from reader.core.diff.words import DELETE, EQUAL, INSERT
from reader.gui.theme import Theme


@dataclass(frozen=True)
class Hover:
    """A stretch of a block with a tooltip (changed wording, omitted words)."""

    block: int
    start: int
    end: int
    tip: str


@dataclass
class PaneContent:
    """A pane's document and the maps from its blocks back to the comparison."""

    source: int
    document: QTextDocument
    paragraphs: list = field(default_factory=list)  # the source's Paragraph objects
    row_blocks: list[tuple[int, int]] = field(default_factory=list)  # first, last block per row
    block_row: list[int] = field(default_factory=list)
    block_para: list[int | None] = field(default_factory=list)  # None: filler block
    omitted: list[Hover] = field(default_factory=list)  # start == end: a caret position
    changed: list[Hover] = field(default_factory=list)
    unique: set[int] = field(default_factory=set)  # paragraphs no other source carries
    not_in_reference: set[int] = field(default_factory=set)
    moved: dict[int, list[Ref]] = field(default_factory=dict)
    furniture_rows: set[int] = field(default_factory=set)  # rows holding page furniture only
    spans_highlighted: int = 0
    _blocks: dict[int, int] = field(default_factory=dict, repr=False)
    _built_for: int = -1

    def para_block(self, para: int) -> int:
        """Block number of a paragraph (every paragraph is one block)."""
        if self._built_for != len(self.block_para):
            self._blocks = {p: b for b, p in enumerate(self.block_para) if p is not None}
            self._built_for = len(self.block_para)
        return self._blocks[para]

    def to_source(self, position: int) -> int:
        """Character offset in the source text of a position in the pane's document."""
        block = self.document.findBlock(position)
        para = self.block_para[block.blockNumber()]
        if para is None:  # a filler block: the nearest paragraph before it
            before = [p for p in self.block_para[:block.blockNumber()] if p is not None]
            return self.paragraphs[before[-1]].end if before else 0
        return self.paragraphs[para].start + position - block.position()

    def document_range(self, start: int, end: int) -> list[tuple[int, int]]:
        """Document ranges covering source ``[start, end)``, one per paragraph it touches."""
        out = []
        for para in self.paragraphs:
            lo, hi = max(start, para.start), min(end, para.end)
            if lo < hi or (lo == hi == start == end and para.start <= start <= para.end):
                base = self.document.findBlockByNumber(self.para_block(para.index)).position()
                out.append((base + lo - para.start, base + hi - para.start))
        return out


def _formats(theme: Theme, font: QFont) -> dict[str, QTextCharFormat]:
    plain = QTextCharFormat()
    plain.setFont(font)
    added = QTextCharFormat(plain)
    added.setBackground(theme.added)
    added.setFontUnderline(True)
    added.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    changed = QTextCharFormat(plain)
    changed.setBackground(theme.changed)
    changed.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    boiler = QTextCharFormat(plain)
    boiler.setForeground(theme.boilerplate)
    heading = QTextCharFormat(plain)
    heading_font = QFont(font)
    heading_font.setBold(True)
    heading_font.setPointSizeF(font.pointSizeF() * 1.12)
    heading.setFont(heading_font)
    return {"plain": plain, "added": added, "changed": changed, "boilerplate": boiler,
            "heading": heading}


def build_pane(comp: Comparison, source: int, reference: int, theme: Theme,
               font: QFont, highlight: bool = True) -> PaneContent:
    """The document for ``source``, highlighted against ``reference`` (or plain, for now)."""
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setDocumentMargin(14)
    doc.setUndoRedoEnabled(False)
    content = PaneContent(source, doc, comp.documents[source].paragraphs)
    formats = _formats(theme, font)
    cursor = QTextCursor(doc)
    source_doc = comp.documents[source]
    for r, row in enumerate(comp.rows):
        paras = row[source]
        if all(comp.documents[s].paragraphs[p].boilerplate for s, ps in enumerate(row) for p in ps):
            content.furniture_rows.add(r)
        first = len(content.block_row)
        for p in paras or [None]:
            if content.block_row:
                cursor.insertBlock(QTextBlockFormat())
            content.block_row.append(r)
            content.block_para.append(p)
            if p is None:
                continue
            para = source_doc.paragraphs[p]
            base = formats["boilerplate"] if para.boilerplate else \
                formats["heading"] if para.heading else formats["plain"]
            cursor.insertText(para.text, base)
            ref: Ref = (source, p)
            if not para.boilerplate:
                if comp.presence(ref) == "none":
                    content.unique.add(p)
                elif source != reference and not comp.comparable(r, reference, source):
                    content.not_in_reference.add(p)
                moved = comp.moved(ref)
                if moved:
                    content.moved[p] = moved
        content.row_blocks.append((first, len(content.block_row) - 1))
    if highlight:
        add_highlights(comp, content, reference, theme, font)
    return content


def add_highlights(comp: Comparison, content: PaneContent, reference: int, theme: Theme,
                   font: QFont) -> None:
    """Mark the words that differ from ``reference`` in a pane's existing document.

    Formats are laid over the text already there (the layout keeps its line
    breaks: colours and underlines take no room), so a large comparison can
    be shown aligned first and highlighted when its word diffs arrive.
    """
    source = content.source
    if source == reference:
        return
    formats = _formats(theme, font)
    cursor = QTextCursor(content.document)
    cursor.beginEditBlock()
    for r, row in enumerate(comp.rows):
        if not row[source] or not comp.comparable(r, reference, source):
            continue
        offset = 0  # where each paragraph starts in the row's joined text (Comparison.row_text)
        for p in row[source]:
            para = content.paragraphs[p]
            if not para.boilerplate:
                _mark_paragraph(comp, content, cursor, formats, r, reference, p, offset)
            offset += len(para.text) + 2
    cursor.endEditBlock()


def _mark_paragraph(comp: Comparison, content: PaneContent, cursor: QTextCursor,
                    formats: dict[str, QTextCharFormat], r: int, reference: int, p: int,
                    offset: int) -> None:
    para = content.paragraphs[p]
    block_number = content.para_block(p)
    block = content.document.findBlockByNumber(block_number)
    base = formats["heading"] if para.heading else formats["plain"]
    end = offset + len(para.text)
    ref_text = comp.row_text(r, reference)
    for span in comp.row_diff(r, reference, content.source):
        if span.trivial or span.op == EQUAL:
            continue
        if span.op == DELETE:
            if offset <= span.b_start <= end:
                pos = span.b_start - offset
                content.omitted.append(Hover(block_number, pos, pos,
                                             ref_text[span.a_start:span.a_end]))
                content.spans_highlighted += 1
            continue
        lo, hi = max(span.b_start, offset) - offset, min(span.b_end, end) - offset
        if hi <= lo:
            continue
        cursor.setPosition(block.position() + lo)
        cursor.setPosition(block.position() + hi, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(_merge(base, formats["added" if span.op == INSERT else "changed"]))
        if span.op != INSERT:
            content.changed.append(Hover(block_number, lo, hi, ref_text[span.a_start:span.a_end]))
        content.spans_highlighted += 1


def _merge(base: QTextCharFormat, extra: QTextCharFormat) -> QTextCharFormat:
    fmt = QTextCharFormat(base)
    fmt.merge(extra)
    return fmt
