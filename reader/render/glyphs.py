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

import re
import unicodedata

from PySide6.QtGui import QRawFont, QTextDocument, QTextLayout

from reader.render.sfnt import Shape, glyph_shape

_BEYOND_BMP = re.compile("[\U00010000-\U0010FFFF]")

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


def beyond_bmp_shapes(docs) -> list[tuple[Shape, str]]:
    """(glyph shape, character) for the characters beyond U+FFFF laid out in ``docs``.

    ``finish`` gives these glyphs their text in the PDF, which Qt leaves out
    (see ``reader.render.sfnt``). Only a glyph that stands for one character is
    taken: a ligature of several has no single character to give back.
    """
    found: dict[tuple[Shape, str], None] = {}
    tables: dict[tuple, tuple[bytes, bytes, bytes]] = {}
    for doc in docs:
        if not _BEYOND_BMP.search(doc.toPlainText()):  # most documents: one call, not a loop
            continue
        doc.size()
        block = doc.begin()
        while block.isValid():
            text = block.text()
            if _BEYOND_BMP.search(text):
                for shape_and_char in _beyond_bmp_in_block(block.layout(), text, tables):
                    found[shape_and_char] = None
            block = block.next()
    return list(found)


def _beyond_bmp_in_block(layout: QTextLayout, text: str, tables: dict) -> list:
    positions = _utf16_positions(text)
    found = []
    for run in layout.glyphRuns(0, len(text.encode("utf-16-le")) // 2,
                                QTextLayout.GlyphRunRetrievalFlag.RetrieveAll):
        font = run.rawFont()
        if _is_box_engine(font):
            continue
        key = (font.familyName(), font.styleName(), font.weight(), font.style())
        if key not in tables:
            tables[key] = tuple(bytes(font.fontTable(t)) for t in ("head", "loca", "glyf"))
        for glyphs, chars in _clusters(list(run.glyphIndexes()), list(run.stringIndexes()),
                                       positions):
            for glyph, ch in zip(glyphs, chars):
                shape = glyph_shape(*tables[key], glyph) if ord(ch) > 0xFFFF else None
                if shape:
                    found.append((shape, ch))
    return found


def _clusters(glyphs: list[int], indexes: list[int],
              positions: list[tuple[int, str]]) -> list[tuple[list[int], list[str]]]:
    """(glyphs, characters) of the clusters of a run that have one glyph per character.

    A cluster's glyphs carry the string index of its first character (a flag's
    two regional indicators: two glyphs, one index); characters between two
    clusters of a run may be drawn by other runs, in other fonts.
    """
    starts = sorted(set(indexes))
    out = []
    for i, start in enumerate(starts):
        mine = [g for g, x in zip(glyphs, indexes) if x == start]
        end = starts[i + 1] if i + 1 < len(starts) else None
        chars = [(index, ch) for index, ch in positions if index >= start][:len(mine)]
        if len(chars) == len(mine) and (end is None or all(index < end for index, _ in chars)):
            out.append((mine, [ch for _, ch in chars]))
    return out
