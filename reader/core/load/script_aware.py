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
COMBINING_MARKS = (
    r"\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1-\u05c2\u05c4-\u05c5\u05c7"
    r"\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7-\u06e8"
    r"\u06ea-\u06ed\u0711\u0730-\u074a\u07a6-\u07b0\u07eb-\u07f3\u07fd\u0816-\u0819"
    r"\u081b-\u0823\u0825-\u0827\u0829-\u082d\u0859-\u085b\u0898-\u089f\u08ca-\u08e1"
    r"\u08e3-\u0903\u093a-\u093c\u093e-\u094f\u0951-\u0957\u0962-\u0963\u0981-\u0983"
    r"\u09bc\u09be-\u09c4\u09c7-\u09c8\u09cb-\u09cd\u09d7\u09e2-\u09e3\u09fe"
    r"\u0a01-\u0a03\u0a3c\u0a3e-\u0a42\u0a47-\u0a48\u0a4b-\u0a4d\u0a51\u0a70-\u0a71"
    r"\u0a75\u0a81-\u0a83\u0abc\u0abe-\u0ac5\u0ac7-\u0ac9\u0acb-\u0acd\u0ae2-\u0ae3"
    r"\u0afa-\u0aff\u0b01-\u0b03\u0b3c\u0b3e-\u0b44\u0b47-\u0b48\u0b4b-\u0b4d"
    r"\u0b55-\u0b57\u0b62-\u0b63\u0b82\u0bbe-\u0bc2\u0bc6-\u0bc8\u0bca-\u0bcd\u0bd7"
    r"\u0c00-\u0c04\u0c3c\u0c3e-\u0c44\u0c46-\u0c48\u0c4a-\u0c4d\u0c55-\u0c56"
    r"\u0c62-\u0c63\u0c81-\u0c83\u0cbc\u0cbe-\u0cc4\u0cc6-\u0cc8\u0cca-\u0ccd"
    r"\u0cd5-\u0cd6\u0ce2-\u0ce3\u0d00-\u0d03\u0d3b-\u0d3c\u0d3e-\u0d44\u0d46-\u0d48"
    r"\u0d4a-\u0d4d\u0d57\u0d62-\u0d63\u0d81-\u0d83\u0dca\u0dcf-\u0dd4\u0dd6"
    r"\u0dd8-\u0ddf\u0df2-\u0df3\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc"
    r"\u0ec8-\u0ecd\u0f18-\u0f19\u0f35\u0f37\u0f39\u0f3e-\u0f3f\u0f71-\u0f84"
    r"\u0f86-\u0f87\u0f8d-\u0f97\u0f99-\u0fbc\u0fc6\u102b-\u103e\u1056-\u1059"
    r"\u105e-\u1060\u1062-\u1064\u1067-\u106d\u1071-\u1074\u1082-\u108d\u108f"
    r"\u109a-\u109d\u135d-\u135f\u1712-\u1715\u1732-\u1734\u1752-\u1753\u1772-\u1773"
    r"\u17b4-\u17d3\u17dd\u180b-\u180d\u180f\u1885-\u1886\u18a9\u1920-\u192b"
    r"\u1930-\u193b\u1a17-\u1a1b\u1a55-\u1a5e\u1a60-\u1a7c\u1a7f\u1ab0-\u1ace"
    r"\u1b00-\u1b04\u1b34-\u1b44\u1b6b-\u1b73\u1b80-\u1b82\u1ba1-\u1bad\u1be6-\u1bf3"
    r"\u1c24-\u1c37\u1cd0-\u1cd2\u1cd4-\u1ce8\u1ced\u1cf4\u1cf7-\u1cf9\u1dc0-\u1dff"
    r"\u20d0-\u20f0\u2cef-\u2cf1\u2d7f\u2de0-\u2dff\u302a-\u302f\u3099-\u309a"
    r"\ua66f-\ua672\ua674-\ua67d\ua69e-\ua69f\ua6f0-\ua6f1\ua802\ua806\ua80b"
    r"\ua823-\ua827\ua82c\ua880-\ua881\ua8b4-\ua8c5\ua8e0-\ua8f1\ua8ff\ua926-\ua92d"
    r"\ua947-\ua953\ua980-\ua983\ua9b3-\ua9c0\ua9e5\uaa29-\uaa36\uaa43\uaa4c-\uaa4d"
    r"\uaa7b-\uaa7d\uaab0\uaab2-\uaab4\uaab7-\uaab8\uaabe-\uaabf\uaac1\uaaeb-\uaaef"
    r"\uaaf5-\uaaf6\uabe3-\uabea\uabec-\uabed\ufb1e\ufe00-\ufe0f\ufe20-\ufe2f")
"""Combining marks of the Basic Multilingual Plane (Unicode categories Mn, Mc, Me), as a
character class's ranges: Devanagari's and Thai's vowel signs, Arabic's and Hebrew's
vowel points, Latin's combining accents. They are part of the word they sit on, though
not letters to ``\\w``: "लोगों" read as seven tokens, and a diff of "लोगों" and "नागरिकों"
kept the shared "ों" apart, printed on a dotted circle. Written out (checked against
``unicodedata`` by tests/test_worddiff_scripts.py), not computed at every start."""
DIGIT_ZEROS = (0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66,
               0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10)
"""The zeros of the decimal digits of scripts news is written in (Arabic-Indic, Persian,
N'Ko, the Indic scripts, Thai, Lao, Tibetan, Myanmar, Khmer, Mongolian, full-width):
each script's digits follow its zero, as ASCII's do."""
_WORD = re.compile(rf"[{CJK}]|[^\W{CJK}]+(?:['’.-][^\W{CJK}]+)*")
_MARKED_RUN = rf"[^\W{CJK}](?:[^\W{CJK}]|[{COMBINING_MARKS}])*"
_MARKED_WORD = re.compile(rf"[{CJK}]|{_MARKED_RUN}(?:['’.-]{_MARKED_RUN})*")
"""``_WORD`` for a text with combining marks, which ``\\w`` leaves out: a Hindi word is one
word with its vowel signs ("लोगों" had counted two, a sentence of nine words twelve), as
the word diff reads it. Tried only where a text has a mark (``has_combining_marks``)."""
_MARK = re.compile(f"[{COMBINING_MARKS}]")
_CJK_CHAR = re.compile(rf"[{CJK}]")
SENTENCE_END = frozenset(".!?:;…。！？；：｡‼⁇⁈⁉;։؟۔।॥።፧᙮჻")
"""Full stops, question and exclamation marks of Latin, CJK, Greek (;), Armenian, Arabic,
Devanagari, Ethiopic and Canadian syllabics."""


def count_words(text: str) -> int:
    """Words in ``text``; each CJK character counts as one word."""
    return len(_word_pattern(text).findall(text))


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded; each CJK character is a word."""
    return [w.casefold() for w in _word_pattern(text).findall(text)]


def _word_pattern(text: str) -> re.Pattern:
    return _MARKED_WORD if has_combining_marks(text) else _WORD


def has_combining_marks(text: str) -> bool:
    """Whether ``text`` holds a combining mark (``COMBINING_MARKS``): the patterns that keep
    them inside words are slower, and most texts have none (an ASCII one, told in C, none)."""
    return not text.isascii() and _MARK.search(text) is not None


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
