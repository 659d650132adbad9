"""Decoded text -> paragraphs with exact character offsets.

A paragraph is a block separated by blank lines. Many saved articles have no
blank lines at all (one line per paragraph), and hard-wrapped text has
several lines per paragraph; we tell them apart per block by how its lines
end. Markdown headings, list items and short title lines become paragraphs of
their own, because readers align headings with headings, not with the
paragraph under them.

Every paragraph keeps ``start``/``end`` offsets so that
``text == decoded[start:end]``: notes, highlights and exports all point back
into the original text through them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_TERMINAL = re.compile(r"[.!?:;\"”’')\]…]\s*$")
_MD_HEADING = re.compile(r"#{1,6}\s+")
_MD_LIST = re.compile(r"(?:[-*+]|\d{1,3}[.)])\s+")
_MD_SETEXT = re.compile(r"(?:=+|-+)\s*$")
TITLE_MAX_CHARS = 120


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a source: where it is, what it says, what it is."""

    index: int
    start: int
    end: int
    text: str
    heading: bool = False
    boilerplate: bool = False


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, newline excluded, blank lines included."""
    spans = []
    for match in _LINE.finditer(text):
        if match.start() == len(text) and match.end() == len(text):
            break
        content = match.group().rstrip("\r\n")
        spans.append((match.start(), match.start() + len(content)))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_title_line(line: str) -> bool:
    return len(line) <= TITLE_MAX_CHARS and not _TERMINAL.search(line)


def _hard_wrapped(lines: list[str]) -> bool:
    """True when a block's line breaks fall mid-sentence (text wrapped at a width).

    Files with one paragraph per line break after sentences, so the next line
    starts with a capital or a quote; wrapped prose mostly breaks between
    words of one sentence, so the next line mostly starts in lower case or the
    previous one ends in a comma or hyphen.
    """
    breaks = list(zip(lines, lines[1:]))
    mid = sum(1 for prev, nxt in breaks
              if nxt[:1].islower() or prev.rstrip().endswith((",", "-", "–", "—")))
    return mid >= 0.5 * len(breaks)


def segment(text: str, markdown: bool = False) -> list[Paragraph]:
    """Split ``text`` into paragraphs; offsets index into ``text`` itself."""
    spans = _lines(text)
    blocks: list[list[tuple[int, int]]] = [[]]
    for start, end in spans:
        if text[start:end].strip():
            blocks[-1].append(_strip(text, start, end))
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    pieces: list[tuple[int, int, bool]] = []  # start, end, heading
    for block in blocks:
        pieces.extend(_split_block(text, block, markdown))
    return [Paragraph(i, s, e, text[s:e], heading=h) for i, (s, e, h) in enumerate(pieces)]


def _split_block(text: str, block: list[tuple[int, int]],
                 markdown: bool) -> list[tuple[int, int, bool]]:
    lines = [text[s:e] for s, e in block]
    if markdown:
        return _split_markdown_block(text, block, lines)
    if len(block) == 1:
        s, e = block[0]
        return [(s, e, _is_title_line(lines[0]))]
    if not _hard_wrapped(lines):
        return [(s, e, _is_title_line(line)) for (s, e), line in zip(block, lines)]
    out: list[tuple[int, int, bool]] = []
    first = 0
    if _is_title_line(lines[0]) and not lines[1][:1].islower():
        out.append((block[0][0], block[0][1], True))  # a title line glued to its text
        first = 1
    out.append((block[first][0], block[-1][1], False))
    return out


def _split_markdown_block(text: str, block: list[tuple[int, int]],
                          lines: list[str]) -> list[tuple[int, int, bool]]:
    """Markdown: headings and list items stand alone; other lines join up."""
    out: list[tuple[int, int, bool]] = []
    current: list[tuple[int, int]] = []

    def flush() -> None:
        if current:
            out.append((current[0][0], current[-1][1], False))
            current.clear()

    for (s, e), line in zip(block, lines):
        heading = _MD_HEADING.match(line)
        if heading:
            flush()
            out.append((s + heading.end(), e, True))
        elif _MD_SETEXT.match(line) and current and len(current) == 1:
            hs, he = current[0]
            current.clear()
            out.append((hs, he, True))
        elif _MD_LIST.match(line):
            flush()
            current.append((s, e))
        else:
            current.append((s, e))
    flush()
    return [(s, e, h) for s, e, h in out if s < e]
