"""Just enough TrueType reading to recognise a glyph after Qt has subset its font.

Qt's PDF writer gives each embedded glyph its text by a reverse lookup of the
font's character map over U+0000–U+FFFF only (``QFontSubset::getReverseMap``),
so a glyph for a character beyond (every emoji, CJK extension ideographs) gets
no text: it prints but cannot be copied or searched. The subset renumbers the
glyphs and rebuilds each outline from its path (points added, a few dropped),
so a subset glyph is recognised by its shape: the same number of contours, the
same bounding box, and (nearly) every on-curve point of the original among its own.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

TOLERANCE = 2
"""Font units a rebuilt point or box edge may move (Qt rounds the path it rebuilds from)."""
_ON_CURVE, _X_SHORT, _Y_SHORT, _REPEAT, _X_SAME, _Y_SAME = 1, 2, 4, 8, 16, 32


@dataclass(frozen=True)
class Shape:
    contours: int
    box: tuple[int, int, int, int]
    on_curve: frozenset[tuple[int, int]]

    def likeness(self, other: Shape) -> float:
        """The share of this glyph's on-curve points that ``other`` (a rebuilt
        glyph) has too; 0 when their contours or boxes differ."""
        if self.contours != other.contours or any(
                abs(a - b) > TOLERANCE for a, b in zip(self.box, other.box)):
            return 0.0
        kept = sum(any(abs(x - u) <= TOLERANCE and abs(y - v) <= TOLERANCE
                       for u, v in other.on_curve) for x, y in self.on_curve)
        return kept / max(1, len(self.on_curve))


def tables(font: bytes) -> dict[bytes, bytes]:
    """The tables of a TrueType font file, by tag."""
    count = struct.unpack_from(">H", font, 4)[0]
    out = {}
    for i in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", font, 12 + 16 * i)
        out[tag] = font[offset:offset + length]
    return out


def glyph_shape(head: bytes, loca: bytes, glyf: bytes, glyph: int) -> Shape | None:
    """The shape of a simple glyph (None for a blank, composite or unreadable one)."""
    try:
        long_offsets = struct.unpack_from(">h", head, 50)[0] == 1
        fmt, size, scale = (">I", 4, 1) if long_offsets else (">H", 2, 2)
        start = struct.unpack_from(fmt, loca, glyph * size)[0] * scale
        end = struct.unpack_from(fmt, loca, (glyph + 1) * size)[0] * scale
        return _shape(glyf[start:end])
    except (struct.error, IndexError):
        return None


def shapes(font: bytes) -> list[Shape | None]:
    """Every glyph's shape in a font file, by glyph number (empty if unreadable)."""
    try:
        parts = tables(font)
        head, loca, glyf = parts[b"head"], parts[b"loca"], parts[b"glyf"]
        long_offsets = struct.unpack_from(">h", head, 50)[0] == 1
    except (struct.error, KeyError):
        return []
    count = len(loca) // (4 if long_offsets else 2) - 1
    return [glyph_shape(head, loca, glyf, g) for g in range(max(count, 0))]


def _shape(data: bytes) -> Shape | None:
    if len(data) < 10:
        return None
    contours, *box = struct.unpack_from(">hhhhh", data)
    if contours <= 0:
        return None
    ends = struct.unpack_from(">%dH" % contours, data, 10)
    points = ends[-1] + 1
    at = 10 + 2 * contours
    at += 2 + struct.unpack_from(">H", data, at)[0]  # skip the instructions
    flags = []
    while len(flags) < points:
        flag = data[at]
        at += 1
        repeat = 1
        if flag & _REPEAT:
            repeat += data[at]
            at += 1
        flags += [flag] * repeat
    xs, at = _coordinates(data, at, flags, _X_SHORT, _X_SAME)
    ys, at = _coordinates(data, at, flags, _Y_SHORT, _Y_SAME)
    on = frozenset((x, y) for f, x, y in zip(flags, xs, ys) if f & _ON_CURVE)
    return Shape(contours, tuple(box), on)


def _coordinates(data: bytes, at: int, flags: list[int], short: int,
                 same: int) -> tuple[list[int], int]:
    values, value = [], 0
    for flag in flags:
        if flag & short:
            value += data[at] if flag & same else -data[at]
            at += 1
        elif not flag & same:
            value += struct.unpack_from(">h", data, at)[0]
            at += 2
        values.append(value)
    return values, at
