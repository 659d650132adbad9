"""Decoded text -> paragraphs with exact character offsets and roles.

Three layouts reach us: one paragraph per line (most saved articles), blocks
separated by blank lines, and text hard-wrapped at a fixed width (several
lines per paragraph, the paragraphs themselves in blank-line blocks or not).
A line break continues the paragraph when it was made by wrapping: the next
line starts in lower case, the line ends in a comma or hyphen, or -- in a
hard-wrapped file -- the next line's first word would not have fitted on this
one (the rule every wrapper follows). So a seed re-wrapped at 72 columns
reads exactly as the unwrapped seed. Markdown follows its own rules: a
heading, list item or quote starts a paragraph, any other line continues it.

Every paragraph keeps ``start``/``end`` offsets so that
``text == decoded[start:end]``: notes, highlights and exports all point back
into the original text through them. Markdown syntax inside a paragraph is
listed in ``markup`` (absolute ranges) so that it is never read as words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.load import markdown_syntax as md
from reader.core.load.script_aware import ends_sentence

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
TITLE_MAX_CHARS = 120
WRAP_MAX = 120
"""Columns: a file whose lines are longer is not hard-wrapped (one paragraph a line)."""
WRAPPED_SHARE = 0.8
"""A hard-wrapped file has at least this share of its lines within the wrap width."""
NEAR_FULL = 0.75
"""A line at least this share of the wrap width was (probably) filled by the wrapper."""
MIN_FULL_LINES = 2
FULL_SHARE = 0.5
"""Most lines of wrapped prose are nearly full; one-paragraph-a-line files vary in length."""
MIN_WRAP_WIDTH = 40
"""Columns; nobody wraps prose narrower, while short lines of equal length are common
(CJK sentences, lists), and reading them as wrapped would glue them together."""
_SOFT_BREAK_END = (",", "-", "–", "—", "/")

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


def _lines(text: str) -> list[Span]:
    """(start, end) of each line's content, newline excluded, blank lines included."""
    spans = []
    for match in _LINE.finditer(text):
        if match.start() == len(text) and match.end() == len(text):
            break
        content = match.group().rstrip("\r\n")
        spans.append((match.start(), match.start() + len(content)))
    return spans


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_title_line(line: str) -> bool:
    return len(line) <= TITLE_MAX_CHARS and not ends_sentence(line)


def wrap_width(lengths: list[int]) -> int | None:
    """The column a hard-wrapped file was wrapped at, or None when it is not wrapped."""
    fitting = [n for n in lengths if n <= WRAP_MAX]
    if not fitting or len(fitting) < WRAPPED_SHARE * len(lengths):
        return None
    width = max(fitting)
    full = sum(1 for n in fitting if n >= NEAR_FULL * width)
    wrapped = full >= MIN_FULL_LINES and full >= FULL_SHARE * len(lengths)
    return width if wrapped and width >= MIN_WRAP_WIDTH else None


def _continues(prev: str, nxt: str, width: int | None) -> bool:
    """True when the break between two lines of one block was made by wrapping."""
    if (nxt[:1].islower() and not ends_sentence(prev)) or prev.endswith(_SOFT_BREAK_END):
        return True
    first_word = nxt.split(None, 1)[0] if nxt.split() else ""
    return width is not None and len(prev) + 1 + len(first_word) > width


def segment(text: str, markdown: bool = False) -> list[Paragraph]:
    """Split ``text`` into paragraphs; offsets index into ``text`` itself."""
    blocks: list[list[Span]] = [[]]
    for start, end in _lines(text):
        if text[start:end].strip():
            blocks[-1].append(_strip(text, start, end))
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    width = wrap_width([e - s for b in blocks for s, e in b])
    pieces: list[Piece] = []
    for block in blocks:
        if markdown:
            pieces.extend(_markdown_block(text, block))
        else:
            pieces.extend(_text_block(text, block, width))
    paragraphs = []
    seen_headline = False
    for i, (s, e, role, markup) in enumerate(pieces):
        if role == "headline_candidate" or (role == "heading" and i == 0 and not markdown):
            role = "heading" if seen_headline else "headline"  # the first title is the headline
        seen_headline = seen_headline or role == "headline"
        paragraphs.append(Paragraph(i, s, e, text[s:e], heading=role in ("headline", "heading"),
                                    role=role, markup=markup))
    return paragraphs


def _text_block(text: str, block: list[Span], width: int | None) -> list[Piece]:
    runs: list[list[Span]] = [[block[0]]]
    for prev, nxt in zip(block, block[1:]):
        if _continues(text[prev[0]:prev[1]], text[nxt[0]:nxt[1]], width):
            runs[-1].append(nxt)
        else:
            runs.append([nxt])
    out = []
    for run in runs:
        s, e = run[0][0], run[-1][1]
        title = _is_title_line(" ".join(text[s:e].split()))
        out.append((s, e, "heading" if title else "body", ()))
    return out


def _markdown_kind(line: str) -> str:
    if md.HEADING.match(line):
        return "heading"
    if md.QUOTE_LINE.match(line):
        return "quote"
    if md.LIST_ITEM.match(line):
        return "list"
    return "body"


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
        if md.RULE.match(line) and not current:
            continue  # a thematic break: no text
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
        if not current or line_kind == "list" or (line_kind == "quote" and kind != "quote"):
            flush()
            kind = line_kind
        current.append((s, e))
    flush()
    return [piece for piece in out if piece[0] < piece[1]]


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
    for s, e in lines:
        marker = md.BLOCK_MARKER.match(text, s, e)
        if marker and kind != "body":
            markup.append((s, marker.end()))
    s, e = lines[0][0], lines[-1][1]
    markup += md.inline_markup(text[s:e], s)
    return s, e, kind, tuple(md.merge(markup))
