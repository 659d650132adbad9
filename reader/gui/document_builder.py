"""Turn one source of a comparison into the ``QTextDocument`` its pane shows.

One document per pane keeps what Qt does well (wrapping, selection, find,
copy). The pane is compact, like Meld's: it holds the source's own passages
only. Where it lacks passages other sources carry, a single thin *marker*
block stands in for the whole run ("+2 ¶ only in [3]"), and page furniture
folds into one marker too; the marker's label is painted, not inserted, so
copy and find never see it. Each paragraph is one block whose text has
exactly the paragraph's length (line breaks inside a hard-wrapped paragraph
become spaces), so document positions map back to source offsets.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from reader.core.bidi import mostly_right_to_left
from reader.core.comparison import Comparison, Ref
from reader.core.diff.words import DELETE, EQUAL, INSERT, PARAGRAPH_BREAK, Span
from reader.core.load.markup import paragraph_markup
from reader.core.snippets import counted, number_runs
from reader.gui.story import Passage, Story, low_confidence
from reader.gui.theme import Theme

MARKER_SCALE = 0.8
"""Marker blocks use a smaller font: a thin line, not a band."""
MARKER_LINE = 1.5
"""A marker's height in its own (small) lines: room for the label and a little air."""
ZERO_WIDTH = "\u200b"
"""Takes the place of characters that must keep their offset but not show (``PaneView``
leaves it out of what is copied)."""
MARKER_TEXT = ZERO_WIDTH
"""A marker block's only character (zero width): find and copy see nothing."""
LINE_BREAK = re.compile(r"[ \t]*[\r\n\u2029][ \t\r\n\u2029]*")
"""Where the lines of a hard-wrapped paragraph meet, with the spaces around (``_display_text``)."""
QUOTE_INDENT = 22
HEADING_SCALE = {"headline": 1.3, "heading": 1.12, "subheading": 1.05}
GRADUAL_FROM = 150
"""Paragraphs in the open panes from which the window builds, lays out or restyles them
one pane per turn of the event loop: a pane of ~100 paragraphs takes ~50 ms (twice that
on a busy machine), so two such panes at once would freeze the window past 100 ms."""


@dataclass(frozen=True)
class Hover:
    """A stretch of a block with a tooltip (changed wording, omitted words)."""

    block: int
    start: int
    end: int
    tip: str


@dataclass(frozen=True)
class Marker:
    """A thin block standing in for passages this source lacks (or folded furniture)."""

    block: int
    passages: tuple[int, ...]
    label: str
    tip: str
    furniture: bool
    target: int  # the passage a click goes to: the first one with story text
    folded: tuple[int, ...] = ()  # this source's paragraphs folded away as page furniture
    shorter: tuple[str, ...] = ()  # the label said in fewer words, for a narrow pane

    def label_for(self, fits) -> str:
        """The longest of the label and its shorter forms that ``fits`` (a predicate on a
        text), else the shortest (the pane elides it; the tooltip says it in full)."""
        labels = (self.label, *self.shorter)
        return next((text for text in labels if fits(text)), labels[-1])


@dataclass(frozen=True)
class SpanMark:
    """A styled stretch of a block painted over the text (hook for fact marks, quotes…).

    ``style`` names an entry of ``theme.MARK_STYLES``; the pane paints it as
    an underline of that colour and pen, so marks never change the layout.
    """

    block: int
    start: int
    end: int
    style: str
    tip: str = ""


@dataclass
class PaneContent:
    """A pane's document and the maps from its blocks back to the comparison."""

    source: int
    document: QTextDocument
    paragraphs: list = field(default_factory=list)  # the source's Paragraph objects
    passage_blocks: list[tuple[int, int] | None] = field(default_factory=list)  # None: lacked
    block_row: list[int] = field(default_factory=list)  # the engine's row of each block
    block_passage: list[int] = field(default_factory=list)  # first passage of each block
    block_para: list[int | None] = field(default_factory=list)  # None: a marker block
    markers: dict[int, Marker] = field(default_factory=dict)  # by block number
    omitted: list[Hover] = field(default_factory=list)  # start == end: a caret position
    fact_carets: dict[tuple[int, int], QColor] = field(default_factory=dict)
    """(block, position) of the omission carets that leave out a fact (a dropped "not"),
    drawn in this colour and kept in Facts mode (``fact_marks.mark_pane``)."""
    changed: list[Hover] = field(default_factory=list)
    right_to_left: bool = False  # mostly (``bidi.mostly_right_to_left``): margins mirror
    span_marks: list[SpanMark] = field(default_factory=list)
    unique: set[int] = field(default_factory=set)  # paragraphs no other source carries
    not_in_reference: set[int] = field(default_factory=set)
    uncertain: set[int] = field(default_factory=set)  # linked only by low-confidence links
    moved: dict[int, list[Ref]] = field(default_factory=dict)
    spans_highlighted: int = 0
    _blocks: dict[int, int] = field(default_factory=dict, repr=False)

    def has_para(self, para: int) -> bool:
        return para in self._blocks

    def para_block(self, para: int) -> int:
        """Block number of a paragraph (every shown paragraph is one block)."""
        return self._blocks[para]

    @property
    def row_blocks(self) -> dict[int, tuple[int, int]]:
        """First and last block of each engine row this pane shows text of."""
        out: dict[int, tuple[int, int]] = {}
        for b, (row, para) in enumerate(zip(self.block_row, self.block_para)):
            if para is not None:
                first, _ = out.get(row, (b, b))
                out[row] = (first, b)
        return out

    def to_source(self, position: int) -> int:
        """Character offset in the source text of a position in the pane's document."""
        block = self.document.findBlock(position)
        para = self.block_para[block.blockNumber()]
        if para is None:  # a marker block: the nearest paragraph before it
            before = [p for p in self.block_para[:block.blockNumber()] if p is not None]
            return self.paragraphs[before[-1]].end if before else 0
        return self.paragraphs[para].start + position - block.position()

    def document_range(self, start: int, end: int) -> list[tuple[int, int]]:
        """Document ranges covering source ``[start, end)``, one per shown paragraph it touches."""
        out = []
        for para in self.paragraphs:
            if not self.has_para(para.index):
                continue
            lo, hi = max(start, para.start), min(end, para.end)
            if lo < hi or (lo == hi == start == end and para.start <= start <= para.end):
                base = self.document.findBlockByNumber(self.para_block(para.index)).position()
                out.append((base + lo - para.start, base + hi - para.start))
        return out


def _formats(theme: Theme, font: QFont) -> dict[str, QTextCharFormat]:
    plain = QTextCharFormat()
    plain.setFont(font)
    added = QTextCharFormat()  # no font: merged over headings and emphasis, it keeps them
    added.setBackground(theme.added)
    added.setFontUnderline(True)
    added.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    changed = QTextCharFormat()
    changed.setBackground(theme.changed)
    changed.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    boiler = QTextCharFormat(plain)
    boiler.setForeground(theme.boilerplate)
    out = {"plain": plain, "added": added, "changed": changed, "boilerplate": boiler}
    for role, scale in HEADING_SCALE.items():
        heading = QTextCharFormat(plain)
        heading_font = QFont(font)
        heading_font.setBold(True)
        heading_font.setPointSizeF(font.pointSizeF() * scale)
        heading.setFont(heading_font)
        out[role] = heading
    quote = QTextCharFormat(plain)
    quote.setFontItalic(True)
    out["quote"] = quote
    standfirst = QTextCharFormat(plain)
    standfirst.setFontPointSize(font.pointSizeF() * 1.06)
    standfirst.setFontItalic(True)
    out["standfirst"] = standfirst
    aside = QTextCharFormat(plain)  # byline, caption: about the story, not the story
    aside.setForeground(theme.boilerplate)
    aside.setFontPointSize(font.pointSizeF() * 0.92)
    out["aside"] = aside
    hidden = QTextCharFormat()  # Markdown syntax: kept in the text, takes (almost) no room
    hidden.setForeground(QColor(0, 0, 0, 0))
    hidden.setFontPointSize(1)
    hidden.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
    hidden.setFontLetterSpacing(-0.5)  # a link's address left a gap of ~3 spaces at 1 pt
    out["markup"] = hidden
    marker = QTextCharFormat()
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * MARKER_SCALE)
    marker.setFont(small)
    out["marker"] = marker
    return out


def role_of(para) -> str:
    """The paragraph's role: the loader's ``Paragraph.role`` when it has one."""
    role = getattr(para, "role", None)
    if role:
        return role
    if para.boilerplate:
        return "furniture"
    return "heading" if para.heading else "body"


def _base_format(formats: dict[str, QTextCharFormat], para) -> QTextCharFormat:
    role = role_of(para)
    if para.boilerplate:
        return formats["boilerplate"]
    if role in HEADING_SCALE:
        return formats[role]
    if role in ("byline", "caption"):
        return formats["aside"]
    return formats[role] if role in ("quote", "standfirst") else formats["plain"]


def _display_text(text: str) -> str:
    """Same length as ``text``, one block: a hard-wrapped paragraph's lines flow together.

    The whitespace where two lines meet shows as one space, the rest of it as
    zero-width spaces: a paragraph keeps its lines' own spaces (offsets in it are
    the source's), and "meetings \\non" or an indented next line read with two or more."""
    return LINE_BREAK.sub(lambda m: " " + ZERO_WIDTH * (len(m.group()) - 1), text)


def _block_format(para) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    role = role_of(para)
    if role == "quote":
        fmt.setLeftMargin(QUOTE_INDENT)
    elif role == "list":
        fmt.setLeftMargin(QUOTE_INDENT / 2)
    return fmt


def _marker_label(story: Story, passages: list[int], names: list[str],
                  folded: int, moved: Collection[int] = ()) -> tuple[tuple[str, ...], str, bool]:
    """What a marker says: "+2 ¶ only in [3]", or "page furniture (3)" for a fold of
    ``folded`` paragraphs of the pane's own, then shorter forms of it for narrow panes
    (``Marker.shorter``); tooltip; furniture? Of the ``moved`` passages the pane's source
    has in another place: "+1 ¶ in [2], moved" ("only in [2]" said this source lacked them)."""
    if folded:
        return (f"⋯ page furniture ({folded}) — click to show",
                f"⋯ page furniture ({folded})",
                f"⋯ furniture ({folded})", f"⋯ ({folded})"), \
            "Page furniture (menus, bylines, share links) folded away: click, or " \
            "View ▸ Show Page Furniture", True
    by_sources: dict[tuple[tuple[int, ...], bool], int] = {}
    for k in passages:
        key = tuple(story.passages[k].sources), k in moved
        by_sources[key] = by_sources.get(key, 0) + 1
    parts, tips = [], []
    for (sources, here), count in by_sources.items():
        where = number_runs([story.numbers[s] + 1 for s in sources])  # [2]–[9], not 8 tags
        only = "only in " if len(sources) == 1 else "in "
        parts.append(f"+{count} ¶ in {where}, moved" if here else f"+{count} ¶ {only}{where}")
        tips.append(f"{counted(count, 'passage')} in "
                    + ", ".join(f"{story.tag(s)} {names[s]}" for s in sources)
                    + (", which this source has in another place (⇅ there)" if here else ""))
    total = sum(by_sources.values())
    if len(parts) > 2:
        parts = [f"+{total} ¶ this source lacks ({len(by_sources)} places)"]
    tip = "This source lacks what others have here:\n" + "\n".join(tips) + \
        "\nClick to read it in the other source."
    labels = (" · ".join(parts), f"+{total} ¶ others have", f"+{total} ¶")
    return tuple(dict.fromkeys(labels)), tip, False


def build_pane(comp: Comparison, story: Story, source: int, reference: int, theme: Theme,
               font: QFont, highlight: bool = True, show_furniture: bool = False) -> PaneContent:
    """The document for ``source``, highlighted against ``reference`` (or plain, for now)."""
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setDocumentMargin(14)
    doc.setUndoRedoEnabled(False)
    content = PaneContent(source, doc, comp.documents[source].paragraphs,
                          right_to_left=mostly_right_to_left(comp.documents[source].text))
    formats = _formats(theme, font)
    cursor = QTextCursor(doc)
    names = [d.name for d in comp.documents]
    run: list[int] = []

    def new_block(fmt: QTextBlockFormat, row: int, passage: int, para: int | None) -> None:
        if content.block_row:
            cursor.insertBlock(fmt)
        else:
            cursor.setBlockFormat(fmt)
        content.block_row.append(row)
        content.block_passage.append(passage)
        content.block_para.append(para)

    def close_run() -> None:
        if not run:
            return
        folded = tuple(p for k in run for p in story.passages[k].cells[source])
        moved = [k for k in run if _moved_from(comp, story.passages[k], source)]
        (label, *shorter), tip, furniture = _marker_label(story, run, names, len(folded), moved)
        fmt = QTextBlockFormat()
        fmt.setLineHeight(MARKER_LINE * QFontMetricsF(formats["marker"].font()).lineSpacing(),
                          QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        fmt.setTopMargin(2)
        new_block(fmt, story.passages[run[0]].row, run[0], None)
        cursor.setBlockCharFormat(formats["marker"])
        cursor.insertText(MARKER_TEXT, formats["marker"])  # an empty block has no line height
        block = len(content.block_para) - 1
        content.markers[block] = Marker(block, tuple(run), label, tip, furniture, run[0],
                                        folded, tuple(shorter))
        run.clear()

    for k, passage in enumerate(story.passages):
        paras = passage.cells[source]
        if not paras or (passage.furniture and not show_furniture):
            content.passage_blocks.append(None)
            if not paras and passage.furniture:
                continue  # other sources' furniture is theirs to fold: nothing here
            if run and story.passages[run[0]].furniture != passage.furniture:
                close_run()  # a marker is one thing to click: a fold, or what others add
            run.append(k)
            continue
        close_run()
        first = len(content.block_para)
        for p in paras:
            para = content.paragraphs[p]
            new_block(_block_format(para), passage.row, k, p)
            cursor.insertText(_display_text(para.text), _base_format(formats, para))
            _hide_markup(content, cursor, formats, para)
            content._blocks[p] = len(content.block_para) - 1
            _classify(comp, content, passage.row, reference, p)
        content.passage_blocks.append((first, len(content.block_para) - 1))
    close_run()
    if highlight:
        add_highlights(comp, content, reference, theme, font)
    return content


def _moved_from(comp: Comparison, passage: Passage, source: int) -> bool:
    """Whether every paragraph of ``passage`` is linked to ``source`` in another row: content
    that ``source`` has in another place (moved, by one source or the other)."""
    refs = [(s, p) for s, paras in enumerate(passage.cells) for p in paras]
    return bool(refs) and all(any(other[0] == source for other in comp.moved(ref))
                              for ref in refs)


def _classify(comp: Comparison, content: PaneContent, row: int, reference: int, p: int) -> None:
    """Note what the margins show about a paragraph: unique, not in reference, moved, unsure.
    A paragraph moved from where the reference has it is not "not in the reference"."""
    source = content.source
    para = content.paragraphs[p]
    if para.boilerplate:
        return
    ref: Ref = (source, p)
    moved = comp.moved(ref)
    if comp.presence(ref) == "none":
        content.unique.add(p)
    elif source != reference and not comp.comparable(row, reference, source) \
            and not any(other[0] == reference for other in moved):
        content.not_in_reference.add(p)
    elif low_confidence(comp, ref):
        content.uncertain.add(p)
    if moved:
        content.moved[p] = moved


def _hide_markup(content: PaneContent, cursor: QTextCursor,
                 formats: dict[str, QTextCharFormat], para) -> None:
    """Markdown syntax (``Paragraph.markup``, absolute offsets) shrinks out of sight;
    the text between paired emphasis marks turns bold or italic."""
    if not getattr(para, "markup", ()):
        return
    block = content.document.findBlockByNumber(len(content.block_para) - 1)
    spans = paragraph_markup(para)
    closing = -1  # the span that closes the last one opened: it opens nothing itself
    for i, (lo, hi) in enumerate(spans):
        syntax = para.text[lo:hi]
        if i != closing and i + 1 < len(spans) and syntax.strip() in ("**", "__", "*", "_", "["):
            closing = i + 1
            inner_end = spans[i + 1][0]
            fmt = QTextCharFormat()
            if syntax.strip() in ("**", "__"):
                fmt.setFontWeight(QFont.Weight.Bold)
            elif syntax.strip() == "[":
                fmt.setFontUnderline(True)
            else:
                fmt.setFontItalic(True)
            cursor.setPosition(block.position() + hi)
            cursor.setPosition(block.position() + inner_end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        cursor.setPosition(block.position() + lo)
        cursor.setPosition(block.position() + hi, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(formats["markup"])
    cursor.movePosition(QTextCursor.MoveOperation.End)


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
            if not para.boilerplate and content.has_para(p):
                _mark_paragraph(comp, content, cursor, formats, r, reference, p, offset)
            offset += len(para.text) + 2
    cursor.endEditBlock()


RUNS_ON = "¶ the reference runs on here, without a paragraph break"
BREAKS_HERE = "¶ the reference starts a new paragraph here"
PARAGRAPHING = (RUNS_ON, BREAKS_HERE)
"""What a caret of ``_paragraphing`` says (the pane's tooltip says it as it is)."""


def _paragraphing(span: Span, ref_text: str, text: str, offset: int, end: int
                  ) -> tuple[int, str] | None:
    """Where in a paragraph (``offset``..``end`` of its row's text) a span that only splits
    or joins paragraphs is marked, and what the mark says: a caret at the start of the
    paragraph a split begins, or at the space where the reference breaks. Its words are
    the same on both sides, so nothing else showed it: one side's break is a block
    boundary no colour can fill, the other's a single space."""
    ours, theirs = text[span.b_start:span.b_end], ref_text[span.a_start:span.a_end]
    if ours.strip() or theirs.strip() or (PARAGRAPH_BREAK in ours) == (PARAGRAPH_BREAK in theirs):
        return None
    if PARAGRAPH_BREAK in ours:  # split here: the mark opens the paragraph after the break
        return (0, RUNS_ON) if span.b_end == offset else None
    return (span.b_start - offset, BREAKS_HERE) if offset <= span.b_start <= end else None


def _mark_paragraph(comp: Comparison, content: PaneContent, cursor: QTextCursor,
                    formats: dict[str, QTextCharFormat], r: int, reference: int, p: int,
                    offset: int) -> None:
    para = content.paragraphs[p]
    block_number = content.para_block(p)
    block = content.document.findBlockByNumber(block_number)
    end = offset + len(para.text)
    ref_text = comp.row_text(r, reference)
    # a split or join is a difference only where accidentals count: then read the row once
    text = comp.row_text(r, content.source) if comp.accidentals else None
    for span in comp.row_diff(r, reference, content.source):
        if span.trivial or span.op == EQUAL:
            continue
        where = text and _paragraphing(span, ref_text, text, offset, end)
        if where:  # a paragraph split or joined, no word changed (accidentals)
            pos, says = where
            content.omitted.append(Hover(block_number, pos, pos, says))
            content.spans_highlighted += 1
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
        # merge, not set: bold/italic from the role or Markdown stays under the colour
        cursor.mergeCharFormat(formats["added" if span.op == INSERT else "changed"])
        if span.op != INSERT:
            content.changed.append(Hover(block_number, lo, hi, ref_text[span.a_start:span.a_end]))
        content.spans_highlighted += 1
