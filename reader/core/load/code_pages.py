"""Which single-byte code page a legacy file was written in: the one whose reading of it
looks most like prose (``best_code_page``).

charset-normalizer stops at the first code page whose reading looks plausible, so it
often lands on a neighbour of the right one (Greek read as Cyrillic, Czech ISO-8859-2
as cp1250, Turkish as Icelandic). Here every common code page is weighed by what a
wrong one makes: characters that break their word, and letters foreign to the
language the reading fits best.
"""

from __future__ import annotations

import codecs
import functools
import unicodedata
from collections import Counter
from typing import NamedTuple

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
ASCII = bytes(range(0x80))


def best_code_page(data: bytes, *guesses: str) -> tuple[str, str] | None:
    """The reading, among the single-byte code pages', with fewest misfits, and its codec.

    The detector takes the first code page whose reading looks plausible: Greek read as
    Cyrillic, Czech ISO-8859-2 as cp1250 (š as ą), Turkish as Icelandic (ş as þ). Each
    candidate, the detector's guess among them, is weighed instead (``_misfits``); of
    equal ones, the more widely used wins, cp1252 first.
    """
    sample = _sample(data)
    counts = Counter(sample.translate(None, ASCII))
    candidates = dict.fromkeys(codecs.lookup(name).name for name in (*_CODE_PAGES, *guesses))
    for codec in sorted(candidates, key=lambda codec: _misfits(sample, counts, codec)):
        try:
            return data.decode(codec), codec
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
