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

_DIVISIONS = r"chapter|chap|part|book|volume|vol|section|letter|act|scene|canto|stave"
_UNITS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
          "|fifteen|sixteen|seventeen|eighteen|nineteen")
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
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
