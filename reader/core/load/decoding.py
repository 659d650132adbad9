"""Bytes -> text, with the encoding that was used reported.

Real users bring files saved by every editor on earth: UTF-8 with and without
a BOM, UTF-16 from Windows tools, and legacy 8-bit files. We try the
unambiguous encodings first (BOMs, strict UTF-8) and fall back to cp1252 and
then latin-1, but only when the result still looks like text, so that binary
data is refused instead of shown as garbage.
"""

from __future__ import annotations

import codecs
import unicodedata

from reader.core.errors import SourceError

MAX_BYTES = 20 * 1024 * 1024
"""Files above this are refused: 20 MB of text is ~15 novels, far beyond an article."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)


def _looks_binary(text: str) -> bool:
    """True when too many characters are control codes no text file contains."""
    if "\x00" in text:
        return True
    sample = text[:65536]
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"
    )
    return controls > max(2, len(sample) // 100)


def decode_bytes(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Return ``(text, encoding_label)`` for ``data`` or raise ``SourceError``."""
    if len(data) > MAX_BYTES:
        raise SourceError(
            path, f"file is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES // 1_000_000} MB"
        )
    if not data.strip():
        raise SourceError(path, "file is empty")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise SourceError(path, f"cannot decode as {label}: {exc.reason}") from None
            break
    else:
        try:
            text, label = data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            if b"\x00" in data:
                raise SourceError(path, "binary data, not a text file") from None
            try:
                text, label = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, label = data.decode("latin-1"), "latin-1"
    if _looks_binary(text):
        raise SourceError(path, "binary data, not a text file")
    if not text.strip():
        raise SourceError(path, "file holds no text")
    return text, label
