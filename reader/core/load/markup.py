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

from collections.abc import Sequence

from reader.core.load.segmentation import Paragraph

Range = tuple[int, int]


def compared_text(p: Paragraph) -> str:
    """``p.text`` with its Markdown syntax (``p.markup``) replaced by spaces."""
    if not p.markup:
        return p.text
    chars = list(p.text)
    for start, end in p.markup:
        start, end = max(start, p.start) - p.start, min(end, p.end) - p.start
        if end > start:
            chars[start:end] = " " * (end - start)
    return "".join(chars)


def joined_markup(paragraphs: Sequence[Paragraph]) -> list[Range]:
    """The Markdown syntax of ``paragraphs`` joined by blank lines (as a row's or a passage's
    text is: ``Comparison.row_text``), at offsets into that joined text."""
    out: list[Range] = []
    offset = 0
    for p in paragraphs:
        out += [(offset + max(a, p.start) - p.start, offset + min(b, p.end) - p.start)
                for a, b in p.markup if b > p.start and a < p.end]
        offset += len(p.text) + 2
    return out


def visible(text: str, hidden: Sequence[Range], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` without the ``hidden`` ranges (syntax): what a reader sees of it,
    for an export or a terminal ("Putin", not "**Putin**"; "the agency", not its
    address)."""
    end = len(text) if end is None else end
    out, at = [], start
    for lo, hi in hidden:
        if hi <= at or lo >= end:
            continue
        out.append(text[at:max(at, lo)])
        at = max(at, hi)
    out.append(text[at:end])
    return "".join(out)
