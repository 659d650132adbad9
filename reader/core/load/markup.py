"""A paragraph's text as diffs read it: Markdown syntax blanked, offsets kept.

``Paragraph.markup`` lists the absolute ranges of syntax (``**``, ``> ``,
``](https://...)``). The display hides them and styles what they mark; the word
diff must not read them as words either, or "[Wang Yi](https://…)" in one
version and "Wang Yi" in another differ by a link target nobody sees. Blanking
the syntax to spaces keeps every offset the text's own (the diff's spans apply
to the text as shown), and a run of spaces matches any other (``words.SPACE``).
For HTML and plain text, markup is empty and the text is compared as it is.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from reader.core.load.markdown_syntax import merge
from reader.core.load.segmentation import Paragraph

Range = tuple[int, int]


def paragraph_markup(p: Paragraph) -> list[Range]:
    """``p.markup`` (absolute offsets) as offsets into ``p.text``, cut to the paragraph,
    in order."""
    return sorted((max(a, p.start) - p.start, min(b, p.end) - p.start)
                  for a, b in p.markup if b > p.start and a < p.end)


def compared_text(p: Paragraph) -> str:
    """``p.text`` with its Markdown syntax (``p.markup``) replaced by spaces."""
    if not p.markup:
        return p.text
    chars = list(p.text)
    for start, end in paragraph_markup(p):
        chars[start:end] = " " * (end - start)
    return "".join(chars)


class Syntax:
    """Where a text's Markdown syntax is (``Paragraph.markup`` at offsets into that text),
    to leave it out of what an export or a terminal shows ("Putin", not "**Putin**"; "the
    agency", not its address). Looked up by bisection: an export asks once per diff span,
    and a hostile paragraph may hold tens of thousands of both."""

    __slots__ = ("ranges", "_ends")

    def __init__(self, ranges: Sequence[Range] = ()) -> None:
        self.ranges = merge(ranges)
        self._ends = [hi for _, hi in self.ranges]

    def visible(self, text: str, start: int = 0, end: int | None = None) -> str:
        """``text[start:end]`` without the syntax."""
        end = len(text) if end is None else end
        out, at = [], start
        for k in range(bisect_right(self._ends, start), len(self.ranges)):
            lo, hi = self.ranges[k]
            if lo >= end:
                break
            out.append(text[at:lo])
            at = hi
        out.append(text[at:end])
        return "".join(out)

    def covers(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` is syntax through and through."""
        k = bisect_right(self._ends, start)
        return k < len(self.ranges) and self.ranges[k][0] <= start and end <= self.ranges[k][1]


NO_SYNTAX = Syntax()
"""Plain text and HTML: nothing to leave out."""


def syntax_of(paragraphs: Sequence[Paragraph]) -> Syntax:
    """The Markdown syntax of ``paragraphs`` joined by blank lines (as a row's or a passage's
    text is: ``Comparison.row_text``), at offsets into that joined text."""
    out: list[Range] = []
    offset = 0
    for p in paragraphs:
        out += [(offset + start, offset + end) for start, end in paragraph_markup(p)]
        offset += len(p.text) + 2
    return Syntax(out) if out else NO_SYNTAX
