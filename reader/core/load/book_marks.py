"""Marks that digitised books keep in their plain text: a printed page's number inside a
paragraph ("{102}", "[Pg 7]", "[p. 101]") and italics between underscores ("_Angelica_"),
as Project Gutenberg's texts write them.

They are the text's markup, not its words: listed in ``Paragraph.markup``, so the word
diff and the facts never read them (an edition that keeps its page numbers had "+ {102}"
and "number added: 102" among its variants, and one that marks italics "Angelica →
_Angelica_"), and the reader sets the underscored words in italics as it does Markdown's.
A page number on a line of its own is page furniture (``furniture._PAGE_NUMBER``).
"""

from __future__ import annotations

import re

PAGE_NUMBER = r"\{\d{1,4}\}|\[(?i:p|pp|pg|page)\.?\s*\d{1,4}\]"
"""A printed page's number inside the text, as a pattern: no quantity the text states
either (``facts._MARKERS``)."""
_PAGE = re.compile(PAGE_NUMBER)
_ITALICS = re.compile(r"(?<![\w_])_(?=[^\s_])[^_\n]{0,200}?(?<=[^\s_])_(?![\w_])")
"""A run between underscores that opens before a word and closes after one, on one line:
"snake_case" and "__init__" hold none."""


def book_marks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The marks in ``text[start:end]``, as absolute ranges: each page number whole, each
    pair of underscores as two one-character ranges (what a Markdown emphasis leaves)."""
    out = [m.span() for m in _PAGE.finditer(text, start, end)]
    for m in _ITALICS.finditer(text, start, end):
        out += [(m.start(), m.start() + 1), (m.end() - 1, m.end())]
    return sorted(out)


def may_hold_marks(text: str) -> bool:
    """Whether ``text`` can hold any mark at all (one scan of a whole file before any
    paragraph is searched)."""
    return "{" in text or "[" in text or "_" in text
