"""Which line breaks of a plain-text file a wrapper made, and which the writer made.

Hard-wrapped text marks its paragraphs in one of four ways: blank lines between
them (fold, fmt, par, most e-mail), a first-line indent and no blank lines
(wire copy, many e-texts), a blank left at the end of every wrapped line and
none at the end of a paragraph (``fold -s``, format=flowed mail), or nothing but
the wrapping rule itself: a greedy wrapper (textwrap, Vim, Emacs, fold) ends a
line only where the next word would not have fitted.

Where paragraphs are marked, a nearly full line always continues its paragraph:
fmt and par fill lines evenly, a few columns short of the width, so the next
word often *would* have fitted. Where nothing marks them, only the greedy rule
tells the last line of a paragraph from a wrapped one. Line lengths are counted
from the left margin, indent included, as wrappers count them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from reader.core.load import markdown_syntax as md
from reader.core.load.script_aware import ends_sentence

_LINE = re.compile(r"([^\r\n]*)(?:\r\n|\r|\n|$)")
TAB_STOP = 8
WRAP_MAX = 120
"""Columns: a file whose lines are longer is not hard-wrapped (one paragraph a line)."""
WRAPPED_SHARE = 0.8
"""A hard-wrapped file has at least this share of its lines within the wrap width."""
NEAR_FULL = 0.75
"""A line at least this share of the wrap width was (probably) filled by the wrapper: fmt
aims at 93% of the width and par balances its lines, so at 60 columns both may end a line
a dozen columns short; verse and list lines are shorter still."""
MIN_FULL_LINES = 2
FULL_SHARE = 0.5
"""Most lines of wrapped prose are nearly full; one-paragraph-a-line files vary in length."""
MIN_WRAP_WIDTH = 40
"""Columns (a CJK character takes two); nobody wraps prose narrower, while short lines of
equal length are common (CJK sentences, lists), and reading them as wrapped would glue
them together."""
MIN_MARKS = 2
"""A layout (indents, trailing blanks, blank-line blocks) is trusted once seen this often..."""
MARK_SHARE = 0.5
"""...and in at least this share of the places it could show."""
CJK_SLACK = 1
"""Columns: CJK wrappers may leave a line one character short (a stop cannot start a line)."""
_SOFT_BREAK_END = (",", "-", "–", "—", "/")
UNSPACED = (r"\u2e80-\u2fdf\u3001-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
            r"\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f")
"""Ideographs, kana, CJK and full-width punctuation: scripts that put no spaces between words,
so a wrapper breaks beside any of them (Hangul is spaced)."""
UNSPACED_CHAR = re.compile(f"[{UNSPACED}]")
_UNSPACED_START = re.compile(f"[{UNSPACED}“‘]")
"""What a line broken inside a CJK run may start with (Chinese quotes with curly quotes)."""
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
                   r"\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
                   r"\uffe0-\uffe6\U00020000-\U0003fffd]")


class Line(NamedTuple):
    """One non-blank line: where its text is, how far it is indented, what trails it."""

    start: int
    end: int
    indent: int
    """Columns of leading blanks, tabs to the next multiple of ``TAB_STOP``."""
    trailing: bool
    """A blank follows the text: ``fold -s`` keeps the one it broke the line at."""

    @property
    def reach(self) -> int:
        """The column the text ends at: what a wrapper kept within the width."""
        return self.indent + self.end - self.start


@dataclass(frozen=True)
class Layout:
    """How a file was wrapped, as far as its lines tell."""

    width: int | None = None
    """The column the text was wrapped at, or None when it is not hard-wrapped."""
    margin: int = 0
    """The least indent of any line: where wrapped lines start."""
    indented: bool = False
    """A line indented past the margin begins a paragraph."""
    flowed: bool = False
    """Wrapped lines end in a blank and a paragraph's last line does not."""
    marked: bool = False
    """Blank lines, indents or trailing blanks mark the paragraphs, not the width alone."""


def blocks_of(text: str) -> list[list[Line]]:
    """The lines of ``text`` in blocks that blank lines separate."""
    blocks: list[list[Line]] = [[]]
    for match in _LINE.finditer(text):
        if match.start() == len(text):
            break
        line = _line(text, match.start(), match.end(1))
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _line(text: str, start: int, end: int) -> Line | None:
    raw = text[start:end]
    content = raw.strip()
    if not content:
        return None
    lead = raw[:len(raw) - len(raw.lstrip())]
    indent = len(lead.expandtabs(TAB_STOP)) if "\t" in lead else len(lead)
    start += len(lead)
    return Line(start, start + len(content), indent, raw[-1].isspace())


def wrap_width(text: str, blocks: list[list[Line]]) -> int | None:
    """The column a hard-wrapped file was wrapped at, or None when it is not wrapped.

    Wrapped prose fills every line but a paragraph's last, so the lines that another line
    of their block follows are mostly nearly full; lines a paragraph apiece vary in length."""
    lines = [line for block in blocks for line in block]
    fitting = [line.reach for line in lines if line.reach <= WRAP_MAX]
    if not fitting or len(fitting) < WRAPPED_SHARE * len(lines):
        return None
    width = max(fitting)
    inner = [line.reach for block in blocks for line in block[:-1]]
    full = sum(1 for n in inner if NEAR_FULL * width <= n <= width)
    wrapped = full >= MIN_FULL_LINES and full >= FULL_SHARE * len(inner)
    return width if wrapped and _columns(text, lines, width) >= MIN_WRAP_WIDTH else None


def _columns(text: str, lines: list[Line], width: int) -> int:
    """How wide the longest line shows: a CJK character (or full-width space) takes two."""
    longest = next(line for line in lines if line.reach == width)
    line_start = max(text.rfind("\n", 0, longest.start), text.rfind("\r", 0, longest.start)) + 1
    return width + len(_WIDE.findall(text, line_start, longest.end))


def layout_of(text: str, blocks: list[list[Line]]) -> Layout:
    """Read the wrap width and the paragraph marks off the lines."""
    width = wrap_width(text, blocks) if blocks else None
    if width is None:
        return Layout()
    margin = min(line.indent for block in blocks for line in block)
    indented = _indents_mark_paragraphs(blocks, margin)
    flowed = _trailing_blanks_mark_wraps(blocks)
    marked = indented or flowed or _blocks_are_paragraphs(blocks, width)
    return Layout(width, margin, indented, flowed, marked)


def _trusted(seen: int, possible: int) -> bool:
    """A mark seen often enough, and in enough of its places, to be the file's habit."""
    return seen >= MIN_MARKS and seen >= MARK_SHARE * possible


def _indents_mark_paragraphs(blocks: list[list[Line]], margin: int) -> bool:
    """Indented lines mostly begin runs of lines at the margin (an indented quote does not)."""
    deeper = [(line, after) for block in blocks
              for line, after in zip(block, block[1:] + [None]) if line.indent > margin]
    firsts = sum(1 for _, after in deeper if after is not None and after.indent == margin)
    return _trusted(firsts, len(deeper))


def _trailing_blanks_mark_wraps(blocks: list[list[Line]]) -> bool:
    """Most lines that a line of the same block follows end in a blank."""
    inner = [line for block in blocks for line in block[:-1]]
    return _trusted(sum(line.trailing for line in inner), len(inner))


def _blocks_are_paragraphs(blocks: list[list[Line]], width: int) -> bool:
    """Most blocks of several lines are one paragraph: every line but the last nearly full."""
    several = [block for block in blocks if len(block) > 1]
    whole = sum(1 for block in several
                if all(line.reach >= NEAR_FULL * width for line in block[:-1]))
    return _trusted(whole, len(several))


def continues(text: str, first: Line, prev: Line, nxt: Line, layout: Layout) -> bool:
    """True when the break between ``prev`` and ``nxt`` (a paragraph begun at ``first``)
    was made by wrapping.

    Without a wrap width, a line ending in a comma or hyphen, or one the next line goes on
    from in lower case, continues. With one, only a full line does: a short line is a
    title, a verse or list line or a salutation, comma or no comma."""
    if layout.indented and nxt.indent > layout.margin and not _hangs_under(text, first, nxt):
        return False
    prev_text, nxt_text = text[prev.start:prev.end], text[nxt.start:nxt.end]
    if layout.width is None:
        return _reads_on(prev_text, nxt_text)
    if layout.flowed and not prev.trailing:
        return False
    if not _next_word_fits(prev_text, prev, nxt_text, layout.width, layout.marked):
        return True
    return prev.reach >= NEAR_FULL * layout.width and _reads_on(prev_text, nxt_text)


def _reads_on(prev_text: str, nxt_text: str) -> bool:
    """The sentence runs on over the break: a comma or hyphen before it, lower case after."""
    return (nxt_text[:1].islower() and not ends_sentence(prev_text)) \
        or prev_text.endswith(_SOFT_BREAK_END)


def _hangs_under(text: str, first: Line, nxt: Line) -> bool:
    """``nxt`` lines up with the text of the list item ``first`` (a hanging indent)."""
    item = md.LIST_ITEM.match(text, first.start, first.end)
    return item is not None and nxt.indent == first.indent + item.end() - 1 - first.start


def _next_word_fits(prev_text: str, prev: Line, nxt_text: str, width: int, marked: bool) -> bool:
    """Would the first word of the next line have fitted on ``prev``? Inside a CJK run the
    wrapper breaks before any character, so there the word is one character, with no space;
    where paragraphs are marked, a line filled evenly counts as full."""
    if UNSPACED_CHAR.match(prev_text, len(prev_text) - 1) and _UNSPACED_START.match(nxt_text):
        return prev.reach + 1 <= width - CJK_SLACK
    word = len(nxt_text.split(None, 1)[0])
    return prev.reach + 1 + word <= (width * NEAR_FULL if marked else width)
