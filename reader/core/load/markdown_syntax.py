"""Where the Markdown syntax is in a paragraph, so that nobody reads it as words.

``**Updated**`` and ``> `` are how an author formats text, not what the text
says: the reader shows them formatted and the diff must never count them as a
difference. This module only locates them; each range is absolute (offsets
into the document text). Every pattern is bounded in length, so a line of
10,000 unmatched ``**`` or brackets costs linear time.
"""

from __future__ import annotations

import re

Range = tuple[int, int]

_INDENT = r"[ \t]{0,3}"
"""What a line's syntax may stand behind: up to three spaces (CommonMark; four make code)."""
_BULLET = r"(?:[-*+]|\d{1,9}[.)])[ \t]+"
"""A list item's bullet or number and the blank after it."""

BLOCK_MARKER = re.compile(_INDENT + r"(?:>[ \t]?)+|" + _INDENT + _BULLET)
"""Quote marks and list bullets at the start of a line."""
QUOTE_LINE = re.compile(_INDENT + r">")
LIST_ITEM = re.compile(_INDENT + _BULLET + r"\S")
HEADING = re.compile(_INDENT + r"(#{1,6})(?:[ \t]+|$)")
CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
SETEXT = re.compile(_INDENT + r"(?:=+|-+)[ \t]*$")
RULE = re.compile(_INDENT + r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
FENCE = re.compile(_INDENT + r"(?:`{3,}|~{3,})[^`\n]*$")
"""A code fence's line (its language word too): formatting; the code between is text."""
TABLE_ROW = re.compile(_INDENT + r"\|")
TABLE_RULE = re.compile(_INDENT + r"\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?[ \t]*)?$")
"""The line under a table's header row (``|------|:---:|``): no text."""
CELL_BAR = re.compile(r"\|")
LINK_DEFINITION = re.compile(_INDENT + r"\[(?!\^)[^\]\n]{1,200}\]:[ \t]*\S")
"""``[1]: https://…``: where a reference link points, which a reader of the page never sees."""
FOOTNOTE = re.compile(_INDENT + r"\[\^[^\]\s]{1,30}\]:[ \t]*")
"""The number of a footnote's text (``[^1]: …``): the text is the story's, the mark is not."""

_LINK = re.compile(r"(!?\[)([^\[\]]{0,500})(\]\([^()\s]{0,1000}(?:[ \t]+\"[^\"\n]{0,300}\")?\)"
                   r"|\]\[[^\[\]\n]{0,100}\])")
"""A link or image; its text may run over a line break, as in a hard-wrapped paragraph
(the text ``inline_markup`` reads is one paragraph: no blank line inside)."""
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]{1,1000}>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>]{0,300})?/?>")
_EMPHASIS = re.compile(r"(\*\*\*|\*\*|\*|~~|`+)(?=\S)([\s\S]{0,400}?\S)\1"
                       r"|(?<![\w])(___|__|_)(?=\S)([\s\S]{0,400}?\S)\3(?![\w])")
"""Emphasis, strike-through and code, which may run over a line break of the paragraph
("**Russian President\nVladimir Putin**" where a file is wrapped at 72 columns)."""
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]{1,30}\]")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!>~|])")


def inline_markup(text: str, base: int) -> list[Range]:
    """Emphasis, code ticks, link and image syntax, inline tags and escapes in ``text``."""
    found: list[Range] = []
    for m in _LINK.finditer(text):
        found.append((base + m.start(1), base + m.end(1)))
        found.append((base + m.start(3), base + m.end(3)))
    for m in _AUTOLINK.finditer(text):
        found += [(base + m.start(), base + m.start() + 1), (base + m.end() - 1, base + m.end())]
    for m in _TAG.finditer(text):
        found.append((base + m.start(), base + m.end()))
    for m in _EMPHASIS.finditer(text):
        group = 1 if m.group(1) else 3
        width = len(m.group(group))
        found += [(base + m.start(), base + m.start() + width),
                  (base + m.end() - width, base + m.end())]
    for m in _ESCAPE.finditer(text):
        found.append((base + m.start(), base + m.end()))
    for m in _FOOTNOTE_MARK.finditer(text):  # a footnote's number, renumbered from copy to copy
        found.append((base + m.start(), base + m.end()))
    return merge(found)


def merge(ranges: list[Range]) -> list[Range]:
    """Sorted, non-overlapping, non-empty ranges."""
    out: list[Range] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
