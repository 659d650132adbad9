"""Decoded text -> paragraphs with exact character offsets and roles.

Three layouts reach us: one paragraph per line (most saved articles), blocks
separated by blank lines, and text hard-wrapped at a fixed width (several
lines per paragraph). Which line breaks a wrapper made -- under first-line
indents, blank lines, fold's trailing blanks, or no marks at all -- is
``wrapping``'s question; a paragraph here is a run of lines joined by such
breaks. So a seed re-wrapped at any usual width reads exactly as the
unwrapped seed. Markdown follows its own rules: a heading, list item or quote
starts a paragraph, any other line continues it.

Every paragraph keeps ``start``/``end`` offsets so that
``text == decoded[start:end]``: notes, highlights and exports all point back
into the original text through them. Markdown syntax inside a paragraph is
listed in ``markup`` (absolute ranges) so that it is never read as words.
``rejoin`` then puts each wrapped paragraph on one line for the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.load import markdown_syntax as md
from reader.core.load.book_marks import book_marks, may_hold_marks
from reader.core.load.divisions import is_division_heading
from reader.core.load.script_aware import ends_sentence
from reader.core.load.text_lists import Item, bulleted, list_items
from reader.core.load.wrapping import Layout, Line, blocks_of, continues, layout_of

TITLE_MAX_CHARS = 120

ROLES = ("headline", "heading", "standfirst", "body", "quote", "list", "byline", "caption")
"""Roles a paragraph can have; the GUI and exports style them, alignment pairs like with like."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a source: where it is, what it says, what it is.

    ``heading`` is true for headlines and headings (kept for the code that reads it);
    ``markup`` lists absolute ``(start, end)`` ranges of Markdown syntax inside
    ``[start, end)`` -- see ``reader.core.load.markup`` for the visible words.
    """

    index: int
    start: int
    end: int
    text: str
    heading: bool = False
    boilerplate: bool = False
    role: str = "body"
    markup: tuple[tuple[int, int], ...] = ()


Span = tuple[int, int]
Piece = tuple[int, int, str, tuple[Span, ...]]
"""start, end, role, markup ranges: a paragraph before it is numbered."""


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


CLOSING_QUOTES = " \"'”’»"
ASKING = ("?", "!", "？", "！", "؟")
"""Question and exclamation marks: a headline may end in one ("Are There Any Un-Angry Trump
Supporters?'"), where a full stop says a sentence."""


def _is_title_line(line: str) -> bool:
    """Short, and not the end of a sentence nor of a clause that goes on: a letter's
    "MY DEAR COUSIN," or "Your affectionate father," is no title (it gave a chapter of
    letters its name). A chapter's number is one with its full stop ("CHAPTER VII.")."""
    if len(line) > TITLE_MAX_CHARS or _TWO_SENTENCES.search(line):
        return False
    return is_division_heading(line) or (
        not ends_sentence(line) and not line.rstrip(CLOSING_QUOTES).endswith((",", ";")))


_TWO_SENTENCES = re.compile(r"\b[a-z]{3,}[.!?][\"'”’]?\s+[A-Z]")
"""A full stop after a word in lower case, then a capital: a sentence ended inside the line
("CLERVAL then put the following letter into my hands. It was from my own Elizabeth:—"
titled an edition of a chapter). An abbreviation's stop is no end ("Dr. No", "U.S.
Troops")."""


def _opening_title(text: str, piece: Piece) -> bool:
    """Whether the first piece of a plain text, read as body, is its headline all the same:
    one short line that asks or exclaims, or ends in a quotation that would be a title
    without its closing quote. A .txt copy of a page whose headline asked a question had
    its photo credit, the first title-like line after it, for a title."""
    s, e, role, _ = piece
    line = text[s:e]
    if role != "body" or "\n" in line or len(line) > TITLE_MAX_CHARS:
        return False
    core = line.rstrip(CLOSING_QUOTES)
    return core.endswith(ASKING) or (core != line and _is_title_line(core))


def segment(text: str, markdown: bool = False) -> list[Paragraph]:
    """Split ``text`` into paragraphs; offsets index into ``text`` itself."""
    blocks = blocks_of(text)
    layout = Layout() if markdown else layout_of(text, blocks)
    items = {} if markdown else list_items(text, blocks, layout)
    pieces: list[Piece] = []
    for b, block in enumerate(blocks):
        if markdown:
            pieces.extend(_markdown_block(text, [(line.start, line.end) for line in block]))
        else:
            pieces.extend(_text_block_with_items(text, block, layout, b, items))
    if not markdown and len(pieces) > 1 and _opening_title(text, pieces[0]):
        pieces[0] = (*pieces[0][:2], "heading", pieces[0][3])
    if not markdown and may_hold_marks(text):
        pieces = [(s, e, role, tuple(md.merge([*markup, *book_marks(text, s, e)])))
                  for s, e, role, markup in pieces]
    paragraphs = []
    seen_headline = False
    for i, (s, e, role, markup) in enumerate(pieces):
        if role == "headline_candidate" or (role == "heading" and i == 0 and not markdown):
            role = "heading" if seen_headline else "headline"  # the first title is the headline
        seen_headline = seen_headline or role == "headline"
        paragraphs.append(Paragraph(i, s, e, text[s:e], heading=role in ("headline", "heading"),
                                    role=role, markup=markup))
    return paragraphs


def _text_block_with_items(text: str, block: list[Line], layout: Layout, b: int,
                           items: dict[tuple[int, int], Item]) -> list[Piece]:
    """A plain-text block: its list items (``text_lists``) one piece each, the lines around
    them read as paragraphs."""
    out: list[Piece] = []
    done = 0
    for i in range(len(block)):
        item = items.get((b, i))
        if item is None:
            continue
        if done < i:
            out += _text_block(text, block[done:i], layout)
        out.append((item.start, item.end, "list", ((item.start, item.mark_end),)))
        done = item.last + 1
    if done < len(block):
        out += _text_block(text, block[done:], layout)
    return out


def _text_block(text: str, block: list[Line], layout: Layout) -> list[Piece]:
    runs: list[list[Line]] = [[block[0]]]
    for prev, nxt in zip(block, block[1:]):
        if continues(text, runs[-1][0], prev, nxt, layout):
            runs[-1].append(nxt)
        else:
            runs.append([nxt])
    out = []
    for run in runs:
        s, e = run[0].start, run[-1].end
        title = _is_title_line(" ".join(text[s:e].split())) and not bulleted(text, run[0])
        out.append((s, e, "heading" if title else "body", ()))
    return out


def _markdown_kind(line: str) -> str:
    if md.HEADING.match(line):
        return "heading"
    if md.QUOTE_LINE.match(line):
        return "quote"
    if md.LIST_ITEM.match(line):
        return "list"
    if md.TABLE_ROW.match(line):
        return "table"
    if md.FOOTNOTE.match(line):
        return "footnote"
    return "body"


OWN_PARAGRAPH = ("list", "table", "footnote")
"""Line kinds that start a paragraph of their own: a list item, a table's row, a footnote."""
ROLE_OF_KIND = {"table": "body", "footnote": "body"}
"""Kinds read as body text (their marks are markup all the same)."""


def _markdown_block(text: str, block: list[Span]) -> list[Piece]:
    """Markdown: headings stand alone, list items and quotes start paragraphs, lines join up."""
    out = []
    current: list[Span] = []
    kind = "body"

    def flush() -> None:
        if current:
            out.append(_markdown_piece(text, current, kind))
            current.clear()

    for s, e in block:
        line = text[s:e]
        line_kind = _markdown_kind(line)
        if md.RULE.match(line) and not current or md.TABLE_RULE.match(line) \
                or md.LINK_DEFINITION.match(line):
            continue  # a thematic break, a table's rule, a link's address: no text
        if md.SETEXT.match(line) and current and kind == "body" and len(current) == 1:
            current_span = current[0]
            current.clear()
            role = "headline_candidate" if line.lstrip().startswith("=") else "heading"
            out.append((*current_span, role, tuple(md.inline_markup(
                text[current_span[0]:current_span[1]], current_span[0]))))
            continue
        if line_kind == "heading":
            flush()
            out.append(_heading_piece(text, s, e))
            continue
        if not current or line_kind in OWN_PARAGRAPH or (line_kind == "quote" and kind != "quote") \
                or kind == "table":
            flush()
            kind = line_kind
        current.append((s, e))
    flush()
    return [piece for piece in out if piece[0] < piece[1] and _shows_text(text, piece)]


def _shows_text(text: str, piece: Piece) -> bool:
    """Whether anything but syntax is left to read (a code fence alone in its block, where
    the code has blank lines, is not)."""
    start, end, _, markup = piece
    for mark_start, mark_end in markup:
        if not text[start:mark_start].isspace() and mark_start > start:
            return True
        start = max(start, mark_end)
    return start < end and not text[start:end].isspace()


def _heading_piece(text: str, s: int, e: int) -> Piece:
    m = md.HEADING.match(text, s, e)
    start = m.end() if m else s
    closing = md.CLOSING_HASHES.search(text, start, e)
    end = closing.start() if closing else e
    start, end = _strip(text, start, end)
    role = "headline_candidate" if m and len(m.group(1)) == 1 else "heading"
    return start, end, role, tuple(md.inline_markup(text[start:end], start))


def _markdown_piece(text: str, lines: list[Span], kind: str) -> Piece:
    markup: list[Span] = []
    fences: list[Span] = []
    for s, e in lines:
        if md.FENCE.match(text, s, e):
            fences.append((s, e))
            continue
        marker = (md.FOOTNOTE if kind == "footnote" else md.BLOCK_MARKER).match(text, s, e)
        if marker and kind != "body":
            markup.append((s, marker.end()))
        if kind == "table":
            markup += [(m.start(), m.end()) for m in md.CELL_BAR.finditer(text, s, e)]
    s, e = lines[0][0], lines[-1][1]
    inline = text[s:e]
    for start, end in fences:  # read without them: their backticks open no code span
        inline = inline[:start - s] + " " * (end - start) + inline[end - s:]
    markup += md.inline_markup(inline, s) + fences
    return s, e, ROLE_OF_KIND.get(kind, kind), tuple(md.merge(markup))
