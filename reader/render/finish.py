"""What Qt's PDF writer leaves out, added as an incremental update of its file.

- Bookmarks (the outline a PDF viewer shows in its side bar), one per section.
- The document language (``/Lang``), which screen readers use to pick a voice.
- A text layer that reads as the original text: the font's ``ToUnicode``
  map sends shaped Arabic glyphs to presentation forms (U+FE70…) and
  ligature glyphs to U+FB00…; these are mapped to their letters (NFKC), so
  that searching and copying find what the source says.

An incremental update appends new versions of changed objects and a new
cross-reference section after Qt's own bytes; readers take the newest
version of each object. Qt writes a classic ``xref`` table and plain-text
catalog and CMap objects, which is all this module parses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


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
    """The newest body (between ``obj`` and ``endobj``) of object ``number``."""
    starts = [m.end() for m in re.finditer(rb"(?m)^%d 0 obj\b" % number, pdf)]
    start = starts[-1]
    return pdf[start:pdf.index(b"endobj", start)].strip()


def _trailer_value(pdf: bytes, key: bytes) -> bytes | None:
    trailer = pdf[pdf.rindex(b"trailer"):]
    match = re.search(rb"/" + key + rb"\s+(\d+ 0 R|\[[^\]]*\])", trailer)
    return match.group(1) if match else None


def _page_objects(pdf: bytes, pages_ref: int) -> list[int]:
    body = _object_body(pdf, pages_ref)
    kids = re.search(rb"/Kids\s*\[(.*?)\]", body, re.S).group(1)
    return [int(n) for n in re.findall(rb"(\d+) 0 R", kids)]


def finish_pdf(pdf: bytes, bookmarks: list[Bookmark], language: str) -> bytes:
    """``pdf`` with bookmarks, ``/Lang`` and a letter-mapped text layer appended."""
    root = int(_trailer_value(pdf, b"Root").split()[0])
    catalog = _object_body(pdf, root)
    pages = _page_objects(pdf, int(re.search(rb"/Pages (\d+) 0 R", catalog).group(1)))
    size = max(int(m.group(1)) for m in _OBJECT.finditer(pdf)) + 1
    height = _page_height(pdf, pages[0]) if pages else 842.0
    new: dict[int, bytes] = {}
    for match in _CMAP.finditer(pdf):
        fixed = _fix_cmap(match.group(3))
        if fixed is not None:
            new[int(match.group(1))] = (b"<< /Length %d >>\nstream\n" % len(fixed) + fixed +
                                        b"endstream")
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
