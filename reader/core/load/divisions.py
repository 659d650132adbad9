"""A book's division headings: "CHAPTER SEVEN", "Chapter 7", "CHAPTER VII.", "Part Two",
"BOOK III", "Letter 4", "Book the First".

They look like page furniture to rules written for news pages (a few words with no
punctuation above a title, like a site name; the same line twice in one file), and like
body text when they end in a full stop, yet they are the story's own structure: an
edition that renumbers its chapters differs there, and an export without them loses
the book's shape. A division word and its number, alone on the line, is one.
"""

from __future__ import annotations

import re

from reader.core.number_words import TENS, UNITS

_DIVISIONS = r"chapter|chap|part|book|volume|vol|section|letter|act|scene|canto|stave"
_UNITS = "|".join(UNITS[1:])  # no "Chapter Zero"
_TENS = "|".join(TENS)
_ORDINALS = (r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
             r"|twelfth|\w+teenth|\w+tieth")
_ROMAN = r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_DIVISION_HEADING = re.compile(
    rf"""\W*(?:{_DIVISIONS})\.?\s+(?:
        \d{{1,4}} | {_ROMAN} | (?:{_TENS})(?:[- ](?:{_UNITS}))? | {_UNITS} |
        (?:the\s+)?(?:(?:{_TENS})[- ])?(?:{_ORDINALS}) | the\s+last
    )\W*""",
    re.IGNORECASE | re.VERBOSE,
)


def is_division_heading(line: str) -> bool:
    """Whether ``line`` is a division word and its number and nothing else."""
    return _DIVISION_HEADING.fullmatch(line.strip()) is not None


_ROMAN_AFTER_DIVISION = re.compile(rf"\W*(?:{_DIVISIONS})\.?\s+({_ROMAN})\b", re.IGNORECASE)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_number(line: str) -> tuple[int, int, int] | None:
    """Where a division heading's Roman numeral stands and its value ("CHAPTER VII." gives
    the offsets of "VII" and 7), or None: the facts then read "CHAPTER SEVEN" → "CHAPTER
    VII" as the same number, where "SEVEN" was a number dropped."""
    m = _ROMAN_AFTER_DIVISION.match(line)
    if m is None or not is_division_heading(line):
        return None
    values = [_ROMAN_VALUES[c] for c in m.group(1).lower()]
    total = sum(-v if v < after else v for v, after in zip(values, values[1:] + [0]))
    return m.start(1), m.end(1), total
