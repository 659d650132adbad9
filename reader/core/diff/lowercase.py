"""A whole text lower-cased at once, where that equals lower-casing its words one by one.

Fact finding compares lower-cased words of every paragraph for every link.
Lower-casing the text once and reading its words from the result is several
times faster than lower-casing word by word, and gives the same words at the
same offsets, save in two cases: a letter that grows when lower-cased ("İ"
becomes two code points, so every offset after it moves), and the Greek
capital sigma, whose lower case depends on the letters around it.
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections.abc import Iterable
from functools import lru_cache


def lower_as_words(text: str) -> str | None:
    """``text`` lower-cased, curly apostrophes made straight; None where that would not
    equal lower-casing each word alone (the caller then goes word by word)."""
    low = text.lower()
    if len(low) != len(text) or "Σ" in text:
        return None
    return low.replace("’", "'")


def lowered_matches(pattern: re.Pattern, text: str, low: str | None
                    ) -> tuple[list[re.Match], Iterable[str]]:
    """``pattern``'s matches in ``text`` and their words lower-cased as ``lower_as_words``
    does: read from ``low`` (``lower_as_words(text)``) where it is not None, else each
    word lowered alone. The matches' offsets are the text's either way."""
    found = list(pattern.finditer(text if low is None else low))
    words = map(re.Match.group, found)
    if low is None:
        words = (word.lower().replace("’", "'") for word in words)
    return found, words


def lowered_words(pattern: re.Pattern, text: str, low: str | None
                  ) -> tuple[list[str], array, array]:
    """``lowered_matches``' words, with where each starts and ends in ``text`` in arrays
    (four bytes each) rather than in Match objects: one split of the text at the
    matches gives the words and, by the lengths of the pieces summed, their offsets.
    Faster where the offsets are kept in arrays (60 -> 50 ms for the tokens of the
    paragraphs of 20 sources, ``fact_changes._tokens``), slower where each is read once
    (88 -> 94 ms for their quotes' words, ``quotes._folded``). ``pattern`` has no groups
    of its own and never matches an empty string."""
    pieces = _splitter(pattern).split(text if low is None else low)
    words = pieces[1::2]  # between the text around them: [before, word, between, ..., after]
    if low is None:
        words = [word.lower().replace("’", "'") for word in words]
    bounds = array("I", itertools.accumulate(map(len, pieces)))
    return words, bounds[0:-1:2], bounds[1::2]


@lru_cache(maxsize=16)
def _splitter(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` as one group, so that ``split`` keeps what it matches."""
    return re.compile(f"({pattern.pattern})", pattern.flags)
