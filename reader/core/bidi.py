"""Changes read old → new, left to right, whatever the script of either side.

"old → new" between two right-to-left words is one right-to-left run to the bidi
algorithm: laid out, it reads "new ← old" from the left, the arrow pointing from
new to old (a fresh-eyes reviewer read an Arabic quote's change backwards in the
exports). ``ltr_changes`` isolates each side (U+2068 … U+2069), so the arrow sits
between them in the line's left-to-right order: the reader's docks, tooltips and
fact list, and every export's change list, show labels through it.
"""

from __future__ import annotations

from unicodedata import bidirectional

ARROW = " → "
FIRST_STRONG_ISOLATE, POP_ISOLATE = "\u2068", "\u2069"
QUOTES = "“”\"'«»„‘’"
"""Kept outside an isolated side: a quote round the whole change stays at its ends."""
RIGHT_TO_LEFT = ("R", "AL")
"""Bidi classes of right-to-left letters (Hebrew, Arabic…)."""


def ltr_changes(text: str) -> str:
    """``text`` with each side of every "old → new" isolated (see the module's docstring),
    line by line, in lines with right-to-left letters; quotes round a side stay outside
    its isolate."""
    return "\n".join(_ltr_line(line) for line in text.split("\n"))


def _ltr_line(line: str) -> str:
    if ARROW not in line or not any(bidirectional(c) in RIGHT_TO_LEFT for c in line):
        return line  # left-to-right text reads right as it is: left as it is (copy, search)
    return ARROW.join(_isolated(side) for side in line.split(ARROW))


def _isolated(side: str) -> str:
    core = side.strip(QUOTES)
    if not core:
        return side
    head = side[:len(side) - len(side.lstrip(QUOTES))]
    tail = side[len(side.rstrip(QUOTES)):]
    return f"{head}{FIRST_STRONG_ISOLATE}{core}{POP_ISOLATE}{tail}"
