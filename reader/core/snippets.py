"""Short texts that stand for longer ones: a change's words, its context, an opening, a
list of source numbers.

The reader's docks, the command line and every export show such snippets; made here,
they read alike everywhere, and a fix (a cut inside a word, quotation marks doubled,
"8 → 6" for "$4.8 billion → $4.6 billion") is made once.
"""

from __future__ import annotations

from reader.core.diff.facts import dates_and_numbers
from reader.core.load.script_aware import has_cjk

RUN = 3
"""Consecutive source numbers from this many on are written as a range: [2]–[20]."""

QUOTATION_MARKS = "\"'“”„‟‘’‚‛«»‹›「」『』"
"""Marks a text may open with that make quotation marks of our own a doubling."""
DOUBLE_QUOTATION_MARKS = "\"“”„‟«»「」『』"
"""The marks of a quotation, never an apostrophe ("countries’")."""

WORD_REACH = 24
"""How far (in characters) a change is widened to the spaces around it: a number or a
word cut by the word diff ("$4.|8|") is made whole, while a run without spaces (a URL,
Thai) keeps the diff's own span instead of growing to a whole sentence."""

CONTEXT_REACH = 4
"""``context_around`` reads this many times its ``chars`` either side of the change, not
the whole paragraph: the fact list of 20 sources asks for ~1,300 contexts in the window's
turn (20 ms when each read its whole paragraph). Only a run of spaces longer than three
quarters of that reach would make the words shown differ."""

_OPENERS = "([{\"'“‘«‹"
_CLOSERS = ")]}\"'”’»›.,;:!?"


def number_runs(numbers: list[int]) -> str:
    """``[2] [3] [4] [6]`` as ``[2]–[4] [6]`` (numbers as people see them, 1-based): with
    twenty sources a list of every number is a wall of brackets. Each number once: a
    source saying one thing twice in a place is still one source saying it."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return " ".join(f"[{r[0]}]–[{r[-1]}]" if len(r) >= RUN else " ".join(f"[{n}]" for n in r)
                    for r in runs)


def quoted(text: str) -> str:
    """``text`` in quotation marks, unless it opens with one already: a quotation's own
    marks are what a reader sees first, and a second pair reads as a typo (""“Russian…")."""
    return text if text[:1] in QUOTATION_MARKS else f"“{text}”"


def cut_at_word(text: str, limit: int) -> str:
    """``text`` whole when it fits ``limit`` characters, else cut at the last space
    before it (by characters when it has none, as in Japanese) with "…"."""
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip(" ,;:–—-") + "…"


def last_words(text: str, limit: int) -> str:
    """The end of ``text`` in at most ``limit`` characters, cut after a space (by
    characters when it has none) with a leading "…": what comes just before a change."""
    if len(text) <= limit:
        return text
    tail = text[len(text) - limit + 1:]
    space = tail.find(" ")
    return "…" + (tail[space + 1:] if 0 <= space < limit // 2 else tail).lstrip(" ,;:–—-")


def counted(count: int, thing: str) -> str:
    """"1 place", "3 places": status bars, headers and summaries read as sentences."""
    return f"{count} {thing}{'' if count == 1 else 's'}"


def with_stop(text: str) -> str:
    """``text`` ending a sentence: a full stop added unless it ends in one already ("…
    Reference: [1] CHAPTER V." had read "CHAPTER V..")."""
    return text if text.rstrip().endswith((".", "!", "?", "…")) else text + "."


def one_line(text: str) -> str:
    return " ".join(text.split())


def context_around(text: str, start: int, end: int, chars: int) -> str:
    """``text[start:end]`` with up to ``chars`` characters either side, cut at words
    ("…on Tuesday, Wang…" rather than "…tes also … China's pos…"), on one line."""
    reach = CONTEXT_REACH * chars  # what a paragraph says far from the change is not shown
    before, after = text[max(0, start - reach):start], text[end:end + reach]
    head = last_words(one_line(before), chars) + (" " if before[-1:].isspace() else "")
    tail = (" " if after[:1].isspace() else "") + cut_at_word(one_line(after), chars)
    return head + one_line(text[start:end]) + tail


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` grown to the words it cuts and to any number or date it touches:
    a word diff sees "$4.8 billion → $4.6 billion" as "8 → 6", which loses the amount."""
    if start == end:
        return start, end
    start, end = _to_spaces(text, start, end)
    for fact in dates_and_numbers(text):
        if fact.start < end and start < fact.end:
            start, end = min(start, fact.start), max(end, fact.end)
    return start, end


def _to_spaces(text: str, start: int, end: int) -> tuple[int, int]:
    """The span grown to the spaces around it (within ``WORD_REACH``) where its edge
    falls inside a word ("$4.|8|" → "$4.8"), less the punctuation it gained there
    ("Wang," → "Wang"); an edge at punctuation stays (", by most accounts," is not "was,
    by most accounts,")."""
    lo = start
    if _inside_word(text[start]):
        while lo > 0 and start - lo < WORD_REACH and not text[lo - 1].isspace():
            lo -= 1
        lo = lo if lo == 0 or text[lo - 1].isspace() else start
    hi = end
    if _inside_word(text[end - 1]):
        while hi < len(text) and hi - end < WORD_REACH and not text[hi].isspace():
            hi += 1
        hi = hi if hi == len(text) or text[hi].isspace() else end
    while lo < start and text[lo] in _OPENERS:
        lo += 1
    while hi > end and text[hi - 1] in _CLOSERS:
        hi -= 1
    return lo, hi


def _inside_word(char: str) -> bool:
    """Whether a span edge at ``char`` may cut a word: a letter or digit of a script
    written with spaces (each Chinese or Japanese character is a word of its own)."""
    return char.isalnum() and not has_cjk(char)
