"""Changes read old → new, left to right, whatever the script of either side.

"old → new" between two right-to-left words is one right-to-left run to the bidi
algorithm: laid out, it reads "new ← old" from the left, the arrow pointing from
new to old (a fresh-eyes reviewer read an Arabic quote's change backwards in the
exports). ``ltr_changes`` isolates each side (U+2068 … U+2069), so the arrow sits
between them in the line's left-to-right order: the reader's docks, tooltips and
fact list, and every export's change list, show labels through it.

A line of a list that starts with right-to-left letters is laid out right to left
as a whole, by the first strong letter: the arrow between isolated sides then points
from new to old again, and "[3]" moves to the line's end. ``ltr_lines``, for the
reader's lists, begins such a line with a left-to-right mark. A name made of parts
("site · 12 Nov 2024 · byline") has each part isolated (``isolated_parts``): the
day of a date beside an Arabic site name had joined the Arabic run, away from its
month.
"""

from __future__ import annotations

from unicodedata import bidirectional

ARROW = " → "
FIRST_STRONG_ISOLATE, POP_ISOLATE = "\u2068", "\u2069"
LEFT_TO_RIGHT_MARK = "\u200e"
PART = " · "
"""What joins the parts of a source's name (``sources.source_label``)."""
QUOTES = "“”\"'«»„‘’"
"""Kept outside an isolated side: a quote round the whole change stays at its ends."""
OPENING_QUOTES = "“«„"
"""Marks that open a quotation (a straight quote opens and closes: not told apart)."""
RIGHT_TO_LEFT = ("R", "AL")
"""Bidi classes of right-to-left letters (Hebrew, Arabic…)."""


def ltr_changes(text: str) -> str:
    """``text`` with each side of every "old → new" isolated (see the module's docstring),
    line by line, in lines with right-to-left letters; quotes round a side stay outside
    its isolate."""
    return "\n".join(_ltr_line(line) for line in text.split("\n"))


def _ltr_line(line: str) -> str:
    if ARROW not in line or not _has_rtl(line):
        return line  # left-to-right text reads right as it is: left as it is (copy, search)
    return ARROW.join(_isolated(side) for side in line.split(ARROW))


def _isolated(side: str) -> str:
    """One side isolated; a label's words before its quotation or value ("quote altered:
    “…", "name: ") stay outside the isolate, which holds the quoted words or value alone."""
    opening = max(side.rfind(mark) for mark in OPENING_QUOTES)
    if opening > 0 and side[:opening].strip():
        return side[:opening] + _isolated(side[opening:])
    kind, colon, value = side.partition(": ")  # "name: " before the value: outside too
    if colon and value and not _has_rtl(kind):
        return kind + colon + _isolated(value)
    core = side.strip(QUOTES)
    if not core:
        return side
    head = side[:len(side) - len(side.lstrip(QUOTES))]
    tail = side[len(side.rstrip(QUOTES)):]
    return f"{head}{FIRST_STRONG_ISOLATE}{core}{POP_ISOLATE}{tail}"


def ltr_lines(text: str) -> str:
    """``ltr_changes``, and each line with right-to-left letters laid out left to right
    (see the module's docstring): for lists whose lines begin with a number or a source's
    tag, in the reader."""
    return "\n".join(LEFT_TO_RIGHT_MARK + line if _has_rtl(line) else line
                     for line in ltr_changes(text).split("\n"))


def isolated_parts(name: str) -> str:
    """``name`` with each of its parts (joined by ``PART``) isolated, laid out left to
    right, where any part has right-to-left letters; as it is otherwise."""
    if not _has_rtl(name):
        return name
    return LEFT_TO_RIGHT_MARK + PART.join(f"{FIRST_STRONG_ISOLATE}{part}{POP_ISOLATE}"
                                          for part in name.split(PART))


def _has_rtl(text: str) -> bool:
    return any(bidirectional(c) in RIGHT_TO_LEFT for c in text)


def isolated_label(label: str) -> str:
    """A source's label, "[3] site · date · byline", with its name's parts isolated
    (``isolated_parts``), its number kept first."""
    tag, space, name = label.partition(" ")
    if not (tag.startswith("[") and tag.endswith("]") and space):
        return isolated_parts(label)
    return f"{tag} {isolated_parts(name)}"


WRITING_SAMPLE = 4000
"""Characters of a text read to tell its writing direction (its first paragraphs)."""


def mostly_right_to_left(text: str) -> bool:
    """Whether most letters at the start of ``text`` are written right to left (Arabic,
    Hebrew…): its pane's spare width goes to the left, as its lines end there."""
    rtl = ltr = 0
    for c in text[:WRITING_SAMPLE]:
        kind = bidirectional(c)
        if kind in RIGHT_TO_LEFT:
            rtl += 1
        elif kind == "L":
            ltr += 1
    return rtl > ltr
