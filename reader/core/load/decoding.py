"""Bytes -> text, with the encoding that was used reported.

Real users bring files saved by every editor on earth: UTF-8 with and without
a BOM, UTF-16 from Windows tools (with or without a BOM), legacy code pages
(cp1251 and KOI8-R Russian, GBK Chinese, Shift-JIS Japanese, Greek...), and
web pages that declare their charset. The order is: a BOM; strict UTF-8; UTF-8
with a few stray bytes (a file that is mostly valid multi-byte UTF-8 is UTF-8
with damage, not another encoding); UTF-16 recognised by its zero bytes; the
page's own ``<meta charset>``; then charset-normalizer's statistical guess where it
is a multi-byte encoding (GBK, Shift-JIS...), else the single-byte code page whose
reading breaks fewest words and fits a language's alphabet best (``_best_code_page``),
cp1252 where several read alike. Binary data is refused instead of shown as garbage.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import unicodedata
from collections import Counter
from typing import NamedTuple

from reader.core.errors import SourceError

MAX_BYTES = 20 * 1024 * 1024
"""Files above this are refused: 20 MB of text is ~15 novels, far beyond an article."""
STRAY_BYTES_PER_CHAR = 0.05
"""At most one invalid byte per 20 valid non-ASCII characters still reads as damaged UTF-8."""
UTF16_ZERO_SHARE = 0.3
"""UTF-16 text in a Latin script has a zero byte in (at least) this share of its code units."""
META_SNIFF_BYTES = 4096
FEW_HIGH_BYTES = 8
"""Below this many non-ASCII bytes no detector can tell GBK from cp1252: assume a single-byte
code page, weighed as any other (``_best_code_page``)."""

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
    if len(data.translate(None, _ASCII)) < FEW_HIGH_BYTES:
        return _best_code_page(data)
    from charset_normalizer import from_bytes  # 30 ms to import: only for legacy files
    from charset_normalizer.utils import is_multi_byte_encoding

    best = from_bytes(data).best()
    if best is None:
        return None
    if is_multi_byte_encoding(best.encoding):
        return str(best), label_of(best.encoding)
    return _best_code_page(data, best.encoding)


_CODE_PAGES = ("cp1252", "latin-1", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "cp1256",
               "cp1255", "cp874", "iso8859-15", "iso8859-2", "koi8-r", "koi8-u", "iso8859-5",
               "iso8859-7", "mac-roman", "mac-cyrillic", "cp850", "cp852", "cp866")
"""The single-byte code pages files come in, the most used first: Windows', then ISO's
(whose -9 and -11 their Windows supersets read alike), then Mac's and DOS's. Latin-1 reads
as cp1252 but for the bytes cp1252 leaves undefined: it reads a Western file holding one."""
SAMPLE_BYTES = 64 * 1024
"""Code pages are weighed on this much of a long file: ~10,000 words, in which a language's
rarer letters occur many times over, in ~2 ms a code page (a whole 2 MB novel took 50)."""
CONTEXT_BYTES = 32
"""Bytes either side of a character found only past the sample: enough to show its word."""
_BREAKS = ((b"lL", b"lA", b"aL", b"LAa", b"LAl", b"LLa", b"LLl", b". l", b".  l", b".   l"),
           (b"ax", b"xa"), (b"w+w", b"w<", b">w", b"w#", b"#w", b" m", b"!"))
"""Patterns that break a word, in the three shapes of text ``_shapes`` makes. Case: a small
letter before a capital, unless both are ASCII (a, A; l, L for others: McDonald is no code
page's doing), two capitals before a small letter, the first not ASCII (ÒIt: a quotation
mark read as a letter), a small letter opening a sentence or the text (., spaces and
quotation marks between: Hebrew read as Cyrillic has no capitals). Script: a Latin letter
beside a letter or mark of another script (a, x: йtait). Kind: beside letters (w), a sign
inside a word (+), one that opens a word after a letter (<), one that closes a word before
a letter (>), a mark that stands apart touching one (#), a combining mark with no letter to
sit on (m: Russian read as Thai); and a character no text holds (!)."""
_SIGNS = frozenset("±×÷€£¥¢₪฿№‰©®™°ªº“”„‚«»‹›")
"""Signs and quotation marks that prose sets before or after a word (12 M€, nº 5, «Oui»,
„Tak“) but never inside one: there they are letters of another code page (Š»astná for
Šťastná)."""
_OPENING = frozenset("¿¡µ")
"""Signs that open a word (¿Quién, µg) and never follow a letter: mo¿e is może, Kráµ Kráľ."""
_CLOSING = frozenset("²³¹¼½¾")
"""Signs that close a word (m², note¹, 1½) and never precede a letter: ³adny is ładny, ¾e
že, c½ur cœur."""
_APART = frozenset("§¶†‡•")
"""Marks set apart from words (§ 12, ¶ 3): touching a letter, they are a misread (¶wiat)."""
_NEUTRAL = frozenset({"Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Zs", "Mn", "Mc", "Me", "Nd", "Cf"})
"""Unicode categories that stand anywhere: punctuation (l’homme, rock–roll), spaces,
combining marks, digits, format characters (soft hyphens, Persian zero-width joiners)."""
_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "THAI"})
"""The scripts single-byte code pages write."""
_LANGUAGE_LETTERS = {
    "French": "àâæçéèêëîïôœùûüÿ", "German": "äöüß", "Spanish": "áéíóúñü",
    "Portuguese": "áàâãçéêíóôõú", "Italian": "àèéìíîòóùú", "Catalan": "àçèéíïòóúü",
    "Dutch": "áéèëíïóöúü", "Swedish": "åäöé", "Danish and Norwegian": "æøåé",
    "Finnish": "äöåšž", "Icelandic": "áðéíóúýþæö", "Estonian": "äõöüšž",
    "Latvian": "āčēģīķļņšūž", "Lithuanian": "ąčęėįšųūž", "Polish": "ąćęłńóśźż",
    "Czech": "áčďéěíňóřšťúůýž", "Slovak": "áäčďéíĺľňóôŕšťúýž",
    "Croatian, Bosnian and Slovene": "čćđšž", "Hungarian": "áéíóöőúüű",
    "Romanian": "ăâîşţșț", "Turkish": "çğıİöşüâîû", "Albanian": "çë",
    "Russian and Bulgarian": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "Ukrainian": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "Belarusian": "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
    "Serbian": "абвгдђежзијклљмнњопрстћуфхцчџш",
    "Macedonian": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
    "Greek": "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ",
    "Arabic, Persian and Urdu": "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيـپچژکگیٹڈڑںھہے",
    "Hebrew and Yiddish": "אבגדהוזחטיךכלםמןנסעףפץצקרשתװױײ",
    "Thai": "".join(chr(c) for c in range(0x0E01, 0x0E4F) if chr(c).isalpha()),
}
"""The non-ASCII letters of each language that single-byte code pages write."""
_ALPHABETS = tuple(frozenset(letters + letters.upper()) for letters in _LANGUAGE_LETTERS.values())
_ASCII = bytes(range(0x80))


def _best_code_page(data: bytes, *guesses: str) -> tuple[str, str] | None:
    """The reading, among the single-byte code pages', with fewest misfits.

    The detector takes the first code page whose reading looks plausible: Greek read as
    Cyrillic, Czech ISO-8859-2 as cp1250 (š as ą), Turkish as Icelandic (ş as þ). Each
    candidate, the detector's guess among them, is weighed instead (``_misfits``); of
    equal ones, the more widely used wins, cp1252 first.
    """
    sample = _sample(data)
    counts = Counter(sample.translate(None, _ASCII))
    candidates = dict.fromkeys(codecs.lookup(name).name for name in (*_CODE_PAGES, *guesses))
    for codec in sorted(candidates, key=lambda codec: _misfits(sample, counts, codec)):
        try:
            return data.decode(codec), label_of(codec)
        except UnicodeDecodeError:
            continue  # a byte the code page leaves undefined
    return None


def _sample(data: bytes) -> bytes:
    """The first ``SAMPLE_BYTES`` of ``data``, and every other non-ASCII byte value the file
    holds, with its neighbours: a euro sign in a late chapter tells ISO-8859-15 from cp1252.
    A full stop before it: the text opens as a sentence does."""
    sample = data[:SAMPLE_BYTES]
    rare = (data.find(bytes((byte,)), SAMPLE_BYTES) for byte in range(0x80, 0x100)
            if len(data) > SAMPLE_BYTES and bytes((byte,)) not in sample)
    return b"\n".join([b".", sample, *(data[at - CONTEXT_BYTES:at + CONTEXT_BYTES]
                                       for at in rare if at >= 0)])


def _misfits(sample: bytes, counts: Counter[int], codec: str) -> int:
    """How many characters of ``codec``'s reading of the sample are what a wrong code
    page makes: characters that break their word, and letters foreign to the language."""
    page = _code_page(codec)
    return _broken_words(sample, page) + _foreign_letters(counts, page)


def _broken_words(sample: bytes, page: _CodePage) -> int:
    """Characters that break their word (``_BREAKS``): HťlŤne, MŸller, пЮПРНБШИ, йtait,
    mo¿e, ³adny, ¶wiat, ¤. Counted on the sample's shapes: a translation and a few counts per
    shape, at C speed (a regular expression took 6 ms per code page on 64 KB)."""
    broken = 0
    for table, patterns in zip(page.shapes, _BREAKS):
        shape = sample.translate(table)
        broken += sum(shape.count(pattern) for pattern in patterns)
    return broken


def _foreign_letters(counts: Counter[int], page: _CodePage) -> int:
    """Letters outside the alphabet of the language the reading fits best: Hungarian read
    as cp1252 has õ and û (ő, ű), which no language writes together with á, é and ö."""
    letters = [(page.letters[byte], n) for byte, n in counts.items() if byte in page.letters]
    return min(sum(n for letter, n in letters if letter not in alphabet)
               for alphabet in _ALPHABETS)


class _CodePage(NamedTuple):
    """A code page's reading of each byte: the three shapes ``_BREAKS`` looks in (a table
    for ``bytes.translate`` each), and its non-ASCII letters by byte."""

    shapes: tuple[bytes, ...]
    letters: dict[int, str]


@functools.cache
def _code_page(codec: str) -> _CodePage:
    chars = [bytes((byte,)).decode(codec, errors="replace") for byte in range(256)]
    shapes = zip(*(_shapes(char) for char in chars))
    letters = {byte: char for byte, char in enumerate(chars)
               if byte >= 0x80 and char.isalpha() and _script(char)}
    return _CodePage(tuple("".join(shape).encode("ascii") for shape in shapes), letters)


def _shapes(char: str) -> tuple[str, str, str]:
    """The character's case, script and kind, as the letters of ``_BREAKS``."""
    script = _script(char)
    if script is None:  # digits apart, that 3.5 млн opens no sentence
        return "." if char in ".!?" else "0" if char.isdigit() else " ", " ", _kind(char)
    if char.islower():
        case = "a" if char.isascii() else "l"
    elif char.isupper():
        case = "A" if char.isascii() else "L"
    else:
        case = " "  # caseless: Arabic, Hebrew, Thai, and combining marks
    return case, "a" if script == "LATIN" else "x", "w" if char.isalpha() else "m"


def _kind(char: str) -> str:
    """A character other than a letter: sign, mark apart, neutral, or one no text holds
    (an undefined byte, a control character, ¤, box drawing)."""
    for signs, kind in ((_SIGNS, "+"), (_OPENING, "<"), (_CLOSING, ">"), (_APART, "#")):
        if char in signs:
            return kind
    if char.isascii() or unicodedata.category(char) in _NEUTRAL:
        return " "
    return "!"


def _script(char: str) -> str | None:
    """The script of a letter or combining mark, of those single-byte code pages write;
    None for other characters, and for modifier letters (ˆ ˜), which a wrong code page makes."""
    if not (char.isalpha() or unicodedata.category(char) in ("Mn", "Mc")):
        return None
    script = unicodedata.name(char, "").split(" ", 1)[0]
    return script if script in _SCRIPTS else None


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
