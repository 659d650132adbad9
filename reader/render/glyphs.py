"""Find characters that a laid-out document would print as empty boxes ("tofu").

Qt draws a character that no available font covers either with glyph 0
(``.notdef``, the box of the font it fell back to) or through its internal
"box" engine, a font with no tables. So a
character is shown only if a glyph run holds a real glyph for it, or (inside a
cluster) a font the block is drawn with has the character. Looking at what Qt chose, after
its own font merging and fallback, is the one check that tells whether the
exported PDF shows the text; a list of fonts only says what should happen.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtGui import QRawFont, QTextDocument, QTextLayout

NOTDEF = 0
"""Glyph id 0 is ``.notdef`` in every TrueType/OpenType font: the missing-glyph box."""


def missing_glyphs(doc: QTextDocument) -> list[str]:
    """The characters of ``doc`` that would print as boxes, in document order."""
    doc.size()  # layout is lazy: without this the blocks have no lines, hence no glyphs
    missing = []
    block = doc.begin()
    while block.isValid():
        missing.extend(_missing_in_block(block.layout(), block.text()))
        block = block.next()
    return missing


def _missing_in_block(layout: QTextLayout, text: str) -> list[str]:
    boxed: set[int] = set()  # UTF-16 indexes drawn as a box
    drawn: set[int] = set()  # UTF-16 indexes with a real glyph
    fonts: list[QRawFont] = []  # the real fonts the block's runs use
    for run in layout.glyphRuns(0, len(text.encode("utf-16-le")) // 2,
                                QTextLayout.GlyphRunRetrievalFlag.RetrieveAll):
        font = run.rawFont()
        boxes = _is_box_engine(font)
        if not boxes:
            fonts.append(font)
        for glyph, index in zip(run.glyphIndexes(), run.stringIndexes()):
            (boxed if glyph == NOTDEF or boxes else drawn).add(index)
    missing = []
    for index, ch in _utf16_positions(text):
        if ch.isspace() or index in drawn:
            continue
        # A character with no glyph of its own is part of a cluster (a mark, a
        # conjunct, a flag's second half); Qt's string indexes for right-to-left
        # runs point at cluster starts only loosely, so a real font of the block
        # that has the character counts as drawing it.
        if index in boxed or not _in_a_font(ch, fonts):
            missing.append(ch)
    return missing


def _is_box_engine(font: QRawFont) -> bool:
    """Qt's last-resort engine draws every glyph as a box and has no font tables
    (and its family name is unsafe to ask for: it crashes PySide 6.11)."""
    return not font.isValid() or font.fontTable("cmap").isEmpty()


def _in_a_font(ch: str, fonts: list[QRawFont]) -> bool:
    if unicodedata.category(ch) in ("Mn", "Mc", "Me", "Cf"):  # drawn with their base
        return bool(fonts)
    return any(font.supportsCharacter(ord(ch)) for font in fonts)


def _utf16_positions(text: str) -> list[tuple[int, str]]:
    """(UTF-16 code unit index, character): Qt counts string positions in UTF-16."""
    out, index = [], 0
    for ch in text:
        out.append((index, ch))
        index += 2 if ord(ch) > 0xFFFF else 1
    return out
