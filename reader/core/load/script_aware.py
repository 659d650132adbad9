"""Word counts and sentence ends that hold in every script, not only English.

Chinese and Japanese put no spaces between words, so a paragraph of 40
characters is one "word" to ``str.split``; and 。！？ end sentences as surely
as ``.!?``. Tests of "is this a short title line?" must count CJK text per
character and know every script's terminal punctuation, or short CJK
paragraphs read as headings or page furniture.
"""

from __future__ import annotations

import re
import unicodedata

HAN_AND_KANA = (r"\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
                r"\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0002fa1f")
"""Chinese and Japanese letters (a character class's ranges): no spaces between words, so
each is a word of its own to a count or a diff."""
HANGUL = r"\uac00-\ud7af"
"""Korean syllables: spaced words, but a number is written against them ("4.9%로")."""
CJK = HAN_AND_KANA + HANGUL
_WORD = re.compile(rf"[{CJK}]|[^\W{CJK}]+(?:['’.-][^\W{CJK}]+)*")
_CJK_CHAR = re.compile(rf"[{CJK}]")
SENTENCE_END = frozenset(".!?:;…。！？；：｡‼⁇⁈⁉;։؟۔।॥።፧᙮჻")
"""Full stops, question and exclamation marks of Latin, CJK, Greek (;), Armenian, Arabic,
Devanagari, Ethiopic and Canadian syllabics."""


def count_words(text: str) -> int:
    """Words in ``text``; each CJK character counts as one word."""
    return len(_WORD.findall(text))


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded; each CJK character is a word."""
    return [w.casefold() for w in _WORD.findall(text)]


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence punctuation, closing quotes/brackets allowed after it.

    A line ending in a closing quote or bracket alone (``"... he said”``) counts too,
    as before: quoted speech is body text, not a title.
    """
    stripped = text.rstrip()
    if not stripped:
        return False
    last = stripped[-1]
    return last in SENTENCE_END or unicodedata.category(last) in ("Pf", "Pe") \
        or last in "\"'"
