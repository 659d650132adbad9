"""A whole text lower-cased at once, where that equals lower-casing its words one by one.

Fact finding compares lower-cased words of every paragraph for every link.
Lower-casing the text once and reading its words from the result is several
times faster than lower-casing word by word, and gives the same words at the
same offsets, save in two cases: a letter that grows when lower-cased ("İ"
becomes two code points, so every offset after it moves), and the Greek
capital sigma, whose lower case depends on the letters around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


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
