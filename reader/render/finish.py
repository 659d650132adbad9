"""What Qt's PDF writer leaves out, added as an incremental update of its file.

- Bookmarks (the outline a PDF viewer shows in its side bar), one per section.
- The document language (``/Lang``), which screen readers use to pick a voice.
- A text layer that reads as the original text: the font's ``ToUnicode``
  map sends shaped Arabic glyphs to presentation forms (U+FE70…) and
  ligature glyphs to U+FB00…; these are mapped to their letters (NFKC), so
  that searching and copying find what the source says.
- Subset tags on the fonts' ``/BaseFont`` names: Qt embeds subsets and tags
  only the ``FontDescriptor``'s ``/FontName`` (``QMBAAA+DejaVuSerif``); the
  PDF specification (9.6.4) wants the same tagged name on the font
  dictionaries, and ``pdffonts`` reports "sub no" without it.
- Text for glyphs of characters beyond U+FFFF (emoji), which Qt's ``ToUnicode``
  maps leave out: recognised by shape (``reader.render.sfnt``) among the
  glyphs the layout drew for those characters.

An incremental update appends new versions of changed objects and a new
cross-reference section after Qt's own bytes; readers take the newest
version of each object. Qt writes a classic ``xref`` table and plain-text
catalog and CMap objects, which is all this module parses.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass

from reader.render.sfnt import Shape, shapes


@dataclass
class Bookmark:
    level: int  # 0 = top level, 1 = under the previous top-level entry
    title: str
    page: int  # 0-based
    top: float  # points from the top of the page


_OBJECT = re.compile(rb"(?m)^(\d+) 0 obj\b")
_CMAP = re.compile(rb"(\d+) 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n(/CIDInit.*?)endstream",
                   re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]{4,})>")
_FONT = re.compile(rb"(?m)^(\d+) 0 obj\s*(<< /Type /Font\b.*?)endobj", re.S)
_TAGGED = re.compile(rb"/FontName\s*/([A-Z]{6}\+[^\s/<>\[\]()]+)")


def _composed(code_points: str) -> str:
    """Letters for a glyph's code point(s): presentation forms and ligatures decomposed."""
    out = []
    for ch in code_points:
        if 0xFB00 <= ord(ch) <= 0xFB06 or 0xFB50 <= ord(ch) <= 0xFDFF or \
                0xFE70 <= ord(ch) <= 0xFEFF:
            out.append(unicodedata.normalize("NFKC", ch))
        else:
            out.append(ch)
    return "".join(out)


def _fix_cmap(cmap: bytes) -> bytes | None:
    """The CMap with presentation forms mapped to letters, or None if it has none."""
    changed = False

    def repl(match: re.Match) -> bytes:
        nonlocal changed
        raw = match.group(1)
        if len(raw) % 4:
            return match.group(0)
        text = bytes.fromhex(raw.decode()).decode("utf-16-be", errors="surrogatepass")
        fixed = _composed(text)
        if fixed == text:
            return match.group(0)
        changed = True
        return b"<" + fixed.encode("utf-16-be").hex().upper().encode() + b">"

    # Only destination values change: in a bfrange line the first two codes are glyph ids.
    lines = []
    in_range = in_char = False
    for line in cmap.split(b"\n"):
        if line.endswith(b"beginbfrange"):
            in_range = True
        elif line.endswith(b"endbfrange"):
            in_range = False
        elif line.endswith(b"beginbfchar"):
            in_char = True
        elif line.endswith(b"endbfchar"):
            in_char = False
        elif in_range or in_char:
            keep = 2 if in_range else 1
            head = b"".join(m.group(0) for m in list(_HEX.finditer(line))[:keep])
            tail_start = line.find(head) + len(head) if head else 0
            line = line[:tail_start] + _HEX.sub(repl, line[tail_start:])
        lines.append(line)
    return b"\n".join(lines) if changed else None


def _pdf_string(text: str) -> bytes:
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _object_body(pdf: bytes, number: int) -> bytes:
    """The newest body (between ``obj`` and ``endobj``) of object ``number``.

    Searched from the end (the newest version is the last one) with ``rindex``:
    a regular expression over the whole file took a quarter of a second per
    call on a 500-page PDF.
    """
    head = b"\n%d 0 obj" % number
    at = len(pdf)
    while True:
        at = pdf.rindex(head, 0, at)
        start = at + len(head)
        if not pdf[start:start + 1].isalnum():  # "1 0 obj", not "1 0 objx"
            break
    return pdf[start:pdf.index(b"endobj", start)].strip()


def _trailer_value(pdf: bytes, key: bytes) -> bytes | None:
    trailer = pdf[pdf.rindex(b"trailer"):]
    match = re.search(rb"/" + key + rb"\s+(\d+ 0 R|\[[^\]]*\])", trailer)
    return match.group(1) if match else None


def _page_objects(pdf: bytes, pages_ref: int) -> list[int]:
    body = _object_body(pdf, pages_ref)
    kids = re.search(rb"/Kids\s*\[(.*?)\]", body, re.S).group(1)
    return [int(n) for n in re.findall(rb"(\d+) 0 R", kids)]


def finish_pdf(pdf: bytes, bookmarks: list[Bookmark], language: str,
               beyond_bmp: list[tuple[Shape, str]] = ()) -> bytes:
    """``pdf`` with bookmarks, ``/Lang`` and a letter-mapped text layer appended.

    ``beyond_bmp`` lists the glyph shapes drawn for characters beyond U+FFFF
    (``reader.render.glyphs.beyond_bmp_shapes``).
    """
    root = int(_trailer_value(pdf, b"Root").split()[0])
    catalog = _object_body(pdf, root)
    pages = _page_objects(pdf, int(re.search(rb"/Pages (\d+) 0 R", catalog).group(1)))
    size = max(int(m.group(1)) for m in _OBJECT.finditer(pdf)) + 1
    height = _page_height(pdf, pages[0]) if pages else 842.0
    new: dict[int, bytes] = {}
    missing = _beyond_bmp_entries(pdf, beyond_bmp) if beyond_bmp else {}
    for match in _CMAP.finditer(pdf):
        number = int(match.group(1))
        fixed = _fix_cmap(match.group(3))
        if number in missing:
            fixed = _with_entries(fixed or match.group(3), missing[number])
        if fixed is not None:
            new[number] = (b"<< /Length %d >>\nstream\n" % len(fixed) + fixed + b"endstream")
    new.update(_tagged_fonts(pdf))
    extra = b""
    marks = [b for b in bookmarks if 0 <= b.page < len(pages)]
    if marks:
        outline = size
        size += 1
        items = list(range(size, size + len(marks)))
        size += len(marks)
        new[outline] = (b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>"
                        % (items[0], items[-1], len(items)))
        for i, (number, mark) in enumerate(zip(items, marks)):
            links = b""
            if i:
                links += b" /Prev %d 0 R" % items[i - 1]
            if i + 1 < len(items):
                links += b" /Next %d 0 R" % items[i + 1]
            y = max(0.0, height - mark.top + 6)
            new[number] = (b"<< /Title " + _pdf_string(mark.title) + b" /Parent %d 0 R%s "
                           b"/Dest [%d 0 R /XYZ 0 %.2f null] >>"
                           % (outline, links, pages[mark.page], y))
        extra += b" /Outlines %d 0 R /PageMode /UseOutlines" % outline
    lang = re.sub(r"[^A-Za-z0-9-]", "", language) or "en"
    extra += b" /Lang (" + lang.encode() + b")"
    stripped = re.sub(rb"/(Outlines \d+ 0 R|PageMode /\w+|Lang \([^)]*\))", b"", catalog)
    new[root] = stripped[:stripped.rindex(b">>")] + extra + b" >>"
    return pdf + _update(pdf, new, size, root)


def _beyond_bmp_entries(pdf: bytes,
                        drawn: list[tuple[Shape, str]]) -> dict[int, dict[int, str]]:
    """ToUnicode object -> {glyph (CID): character} for glyphs Qt left without text.

    A wrong text layer is worse than none: see ``_recognised``.
    """
    out: dict[int, dict[int, str]] = {}
    for match in _FONT.finditer(pdf):
        body = match.group(2)
        to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", body)
        descendant = re.search(rb"/DescendantFonts \[\s*(\d+) 0 R", body)
        if not (to_unicode and descendant):
            continue
        entries = {}
        for cid, shape in enumerate(shapes(_font_file(pdf, int(descendant.group(1))))):
            ch = _recognised(shape, drawn) if shape else None
            if ch:
                entries[cid] = ch
        if entries:
            out[int(to_unicode.group(1))] = entries
    return out


SAME_GLYPH = 0.85
"""Share of a drawn glyph's on-curve points a rebuilt glyph must keep to be that glyph
(Qt drops a few: measured 0.90–1.0 for Symbola's emoji and regional indicators)."""
CLEAR_LEAD = 0.02
"""How far the best drawn glyph must lead any glyph of another character (similar
letters in boxes, the regional indicators, measured 0.02–0.10 apart)."""


def _recognised(shape: Shape, drawn: list[tuple[Shape, str]]) -> str | None:
    """The character whose drawn glyph ``shape`` clearly is, or None."""
    scores = sorted(((original.likeness(shape), ch) for original, ch in drawn), reverse=True)
    if not scores or scores[0][0] < SAME_GLYPH:
        return None
    best, ch = scores[0]
    rival = next((score for score, other in scores if other != ch), 0.0)
    return ch if best - rival >= CLEAR_LEAD else None


def _font_file(pdf: bytes, cid_font: int) -> bytes:
    """The embedded TrueType subset of a CIDFont, decompressed (empty if unreadable)."""
    descriptor = re.search(rb"/FontDescriptor (\d+) 0 R", _object_body(pdf, cid_font))
    file_ref = descriptor and re.search(rb"/FontFile2 (\d+) 0 R",
                                        _object_body(pdf, int(descriptor.group(1))))
    if not file_ref:
        return b""
    body = _object_body(pdf, int(file_ref.group(1)))
    length = re.search(rb"/Length (\d+)( 0 R)?", body)
    size = int(_object_body(pdf, int(length.group(1)))) if length.group(2) \
        else int(length.group(1))
    start = body.index(b"stream") + len(b"stream")
    start += 2 if body[start:start + 2] == b"\r\n" else 1
    data = body[start:start + size]
    try:
        return zlib.decompress(data) if b"/FlateDecode" in body[:start] else data
    except zlib.error:
        return b""


def _with_entries(cmap: bytes, entries: dict[int, str]) -> bytes:
    """``cmap`` with ``bfchar`` lines for the glyphs it does not map yet."""
    mapped = set()  # bfrange lines: <first> <last> <text>...; bfchar lines: <glyph> <text>
    for low, high, rest in re.findall(rb"(?m)^<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>(.*)$", cmap):
        last = high if rest.strip() else low
        mapped.update(range(int(low, 16), int(last[:4], 16) + 1))
    lines = [b"<%04X> <%s>" % (cid, ch.encode("utf-16-be").hex().upper().encode())
             for cid, ch in sorted(entries.items()) if cid not in mapped]
    if not lines:
        return cmap
    block = b"%d beginbfchar\n" % len(lines) + b"\n".join(lines) + b"\nendbfchar\n"
    at = cmap.rindex(b"endcmap")
    return cmap[:at] + block + cmap[at:]


def _tagged_fonts(pdf: bytes) -> dict[int, bytes]:
    """Font dictionaries whose ``/BaseFont`` gets its descriptor's subset tag.

    A CIDFont names its descriptor; the Type0 font above it names the CIDFont
    in ``/DescendantFonts``: both take the tagged name.
    """
    fonts = {int(m.group(1)): m.group(2).strip() for m in _FONT.finditer(pdf)}
    tagged_name: dict[int, bytes] = {}
    for number, body in fonts.items():
        descriptor = re.search(rb"/FontDescriptor (\d+) 0 R", body)
        name = descriptor and _TAGGED.search(_object_body(pdf, int(descriptor.group(1))))
        if name:
            tagged_name[number] = name.group(1)
    for number, body in fonts.items():
        descendant = re.search(rb"/DescendantFonts \[\s*(\d+) 0 R", body)
        if descendant and int(descendant.group(1)) in tagged_name:
            tagged_name[number] = tagged_name[int(descendant.group(1))]
    return {number: re.sub(rb"/BaseFont\s*/[^\s/<>\[\]()]+", b"/BaseFont /" + name,
                           fonts[number], count=1)
            for number, name in tagged_name.items()}


def _page_height(pdf: bytes, page: int) -> float:
    box = re.search(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)",
                    _object_body(pdf, page))
    return float(box.group(4)) if box else 842.0


def _update(pdf: bytes, objects: dict[int, bytes], size: int, root: int) -> bytes:
    """The bytes of an incremental update holding ``objects``."""
    out = bytearray(b"\n" if not pdf.endswith(b"\n") else b"")
    offsets = {}
    base = len(pdf)
    for number in sorted(objects):
        offsets[number] = base + len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = base + len(out)
    out += b"xref\n"
    for number in sorted(offsets):  # one subsection per object: simple and valid
        out += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
    prev = int(pdf[pdf.rindex(b"startxref") + 9:].split()[0])
    info = _trailer_value(pdf, b"Info")
    ids = _trailer_value(pdf, b"ID")
    out += b"trailer\n<< /Size %d /Root %d 0 R /Prev %d" % (size, root, prev)
    if info:
        out += b" /Info " + info
    if ids:
        out += b" /ID " + ids
    out += b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
