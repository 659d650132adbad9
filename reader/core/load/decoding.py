"""Bytes -> text, with the encoding that was used reported.

Real users bring files saved by every editor on earth: UTF-8 with and without
a BOM, UTF-16 from Windows tools (with or without a BOM), legacy code pages
(cp1251 and KOI8-R Russian, GBK Chinese, Shift-JIS Japanese, Greek...), and
web pages that declare their charset. The order is: a BOM; strict UTF-8; UTF-8
with a few stray bytes (a file that is mostly valid multi-byte UTF-8 is UTF-8
with damage, not another encoding); UTF-16 recognised by its zero bytes; the
page's own ``<meta charset>``; then charset-normalizer's statistical guess where it
is a multi-byte encoding (GBK, Shift-JIS...), else the single-byte code page whose
reading breaks fewest words and fits a language's alphabet best
(``code_pages.best_code_page``), cp1252 where several read alike. Binary data is refused
instead of shown as garbage.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata

from reader.core.errors import SourceError
from reader.core.load.code_pages import ASCII, best_code_page

MAX_BYTES = 20 * 1024 * 1024
"""Files above this are refused: 20 MB of text is ~15 novels, far beyond an article."""
STRAY_BYTES_PER_CHAR = 0.05
"""At most one invalid byte per 20 valid non-ASCII characters still reads as damaged UTF-8."""
UTF16_ZERO_SHARE = 0.3
"""UTF-16 text in a Latin script has a zero byte in (at least) this share of its code units."""
META_SNIFF_BYTES = 4096
FEW_HIGH_BYTES = 8
"""Below this many non-ASCII bytes no detector can tell GBK from cp1252: assume a single-byte
code page, weighed as any other (``code_pages.best_code_page``)."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})"
                           rb"|<\?xml[^>]{0,100}?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]{1,40})", re.I)
_WHATWG_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
                   "ascii": "cp1252", "iso8859-1": "cp1252", "gb2312": "gb18030",
                   "gbk": "gb18030", "shift_jis": "cp932", "shift-jis": "cp932",
                   "sjis": "cp932", "x-sjis": "cp932", "euc-kr": "cp949",
                   "iso-8859-9": "cp1254", "tis-620": "cp874"}
"""Labels pages use, mapped as browsers map them (the Windows superset of each)."""
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Unicode's control characters (category Cc) but tab, line breaks, form feed and
vertical tab: what no text file holds. One regular expression finds them at C speed
(testing each character's category took 0.2 s for 20 sources of 48 KB)."""
_LABELS = {"utf_8": "UTF-8", "utf_16_le": "UTF-16 LE", "utf_16_be": "UTF-16 BE",
           "shift_jis": "Shift-JIS", "cp932": "Shift-JIS", "euc_jp": "EUC-JP", "gb18030": "GBK",
           "gb2312": "GBK", "big5": "Big5", "latin_1": "latin-1", "iso8859_1": "latin-1"}


def _looks_binary(text: str) -> bool:
    """True when too many characters are control codes no text file contains."""
    if "\x00" in text:
        return True
    sample = text[:65536]
    return len(_CONTROLS.findall(sample)) > max(2, len(sample) // 100)


def label_of(codec: str) -> str:
    """How we name an encoding to people ("cp1251", "koi8-r", "iso-8859-2", "Shift-JIS")."""
    key = codecs.lookup(codec).name.replace("-", "_")
    return _LABELS.get(key) or key.replace("iso8859_", "iso-8859-").replace("_", "-")


def _damaged_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few invalid bytes: its valid multi-byte characters outnumber them."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    valid = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if valid and bad <= max(1, valid * STRAY_BYTES_PER_CHAR):
        noun = "byte" if bad == 1 else "bytes"
        return text, f"UTF-8 ({bad} invalid {noun} replaced)"
    return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 told by where its zero bytes stand: in the high byte of every Latin letter,
    or, in any other script, of every space, line break and ASCII punctuation mark (a
    Russian or Arabic text has a zero in ~15% of its units, Chinese fewer): all in one
    of the two byte positions. Below ``UTF16_ZERO_SHARE`` the decoded text must also
    read as letters (``_reads_as_letters``), as binary data decoded so never does."""
    if len(data) % 2:
        return None
    units = len(data) // 2
    even = data[0::2].count(0) / units
    odd = data[1::2].count(0) / units
    for codec, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros and others < zeros / 10:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            if zeros >= UTF16_ZERO_SHARE or _reads_as_letters(text):
                return text, label_of(codec)
    return None


LETTERS_SHARE = 0.97
"""Share of a text's characters that letters, marks, digits, spaces and punctuation make
up, at least, for UTF-16 without a BOM in a non-Latin script: random bytes read as UTF-16
give unassigned, private-use and surrogate code points in ~15% of their units."""


def _reads_as_letters(text: str) -> bool:
    sample = text[:65536]
    readable = sum(1 for ch in sample if unicodedata.category(ch)[0] in "LMNPZS"
                   or ch in "\n\r\t")
    return readable >= LETTERS_SHARE * len(sample)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (``<meta charset>``, ``<?xml encoding>``).

    Mapped as browsers map it (ISO-8859-1 means windows-1252, GB2312 means GBK...).
    """
    match = _META_CHARSET.search(data[:META_SNIFF_BYTES])
    if not match:
        return None
    return _codec((match.group(1) or match.group(2)).decode("ascii"))


def _codec(label: str) -> str | None:
    name = label.strip().lower()
    name = _WHATWG_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _declared(data: bytes, declared: str | None) -> tuple[str, str] | None:
    codec = _codec(declared) if declared else declared_charset(data)
    if codec is None or codec.startswith("utf-16"):
        return None  # a page that is not UTF-16 cannot honestly say so in ASCII
    try:
        return data.decode(codec), label_of(codec)
    except UnicodeDecodeError:
        return None


def _guessed(data: bytes) -> tuple[str, str] | None:
    if len(data.translate(None, ASCII)) < FEW_HIGH_BYTES:
        return _labelled(best_code_page(data))
    from charset_normalizer import from_bytes  # 30 ms to import: only for legacy files
    from charset_normalizer.utils import is_multi_byte_encoding

    best = from_bytes(data).best()
    if best is None:
        return None
    if is_multi_byte_encoding(best.encoding):
        return str(best), label_of(best.encoding)
    return _labelled(best_code_page(data, best.encoding))


def _labelled(found: tuple[str, str] | None) -> tuple[str, str] | None:
    """``(text, codec)`` as ``(text, label)``."""
    return None if found is None else (found[0], label_of(found[1]))


def decode_bytes(data: bytes, path: str = "<bytes>",
                 declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding_label)`` for ``data`` or raise ``SourceError``.

    ``declared`` is a charset stated outside the bytes (an MHTML part's header);
    without it, a ``<meta charset>`` in the first bytes is honoured.
    """
    if len(data) > MAX_BYTES:
        raise SourceError(
            path, f"file is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES // 1_000_000} MB"
        )
    if not data.strip():
        raise SourceError(path, "file is empty" if not data else "file holds only blank space")
    result = _with_bom(data, path)
    if result is None and b"\x00" in data:
        result = _utf16_without_bom(data)  # zero bytes are valid UTF-8: look for UTF-16 first
    if result is None:
        try:
            result = data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            result = _damaged_utf8(data) or _declared(data, declared) or _guessed(data)
    if result is None or _looks_binary(result[0]):
        raise SourceError(path, _why_not_text(data, path))
    if not result[0].strip():
        raise SourceError(path, "file holds no text")
    return result


def _why_not_text(data: bytes, path: str) -> str:
    """What to say of binary data: PDF and Word files are what people most often try,
    and they can do something about those."""
    if data.startswith(b"%PDF-") or os.path.splitext(path)[1].lower() in (".doc", ".docx"):
        return "PDF and Word files are not read: save the page as HTML or text"
    return "binary data, not a text file"


def _with_bom(data: bytes, path: str) -> tuple[str, str] | None:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), label
            except UnicodeDecodeError as exc:
                raise SourceError(path, f"cannot decode as {label}: {exc.reason}") from None
    return None
