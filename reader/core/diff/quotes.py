"""Quotations: where they are, who says them, and how two renderings of one differ.

A quote is the text between matching quotation marks (curly or straight;
single curly marks only when they cannot be apostrophes). Its speaker is the
name that an attribution verb binds to it in the same sentence ("Wang said
that “…”", "“…” Lavrov said", "Sputnik quoted Patrushev as saying"), a
pronoun's latest name before it, or failing those the nearest name before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Protocol

from reader.core.diff.lowercase import lower_as_words, lowered_matches
from reader.core.diff.spelling import spelt_alike
from reader.core.diff.words import words_of

RESPELT_CHARS = 8
"""Most characters two renderings of a quote differ in length by for their spelling to be
compared (``spelling.spelt_alike``): a respelling adds or drops a letter a word."""
QUOTE_MATCH = 0.4
"""Share of the shorter quote's content words found in the other for two quotes to be one."""
PARAPHRASE_MATCH = 0.3
"""Share of a quote's content words found in unquoted text for it to be a paraphrase."""
MIN_PARAPHRASE_WORDS = 3
"""...and never fewer words than this (or all of a shorter quote)."""
SPEAKER_REACH = 40
"""Characters after a quote's end in which a "… X said" attribution is looked for."""

_PAIRS = re.compile(r"“([^“”]{1,2000}?)”|\"([^\"]{1,2000}?)\""
                    r"|‘(?<![\w’']‘)([^‘’]{1,500}?)’(?!\w)"
                    r"|«([^«»]{1,2000}?)»|„([^„“”]{1,2000}?)[“”]|「([^「」]{1,2000}?)」"
                    r"|『([^『』]{1,2000}?)』")
"""Quotation marks of English, then French and Italian (« »), German and Polish („ “,
„ ”), Chinese and Japanese (「 」, 『 』): one group per pair, the quote's words. Each
choice starts with its opening mark (the single English one looks behind it from
there, not before it), so that a scan goes from mark to mark: 2.5 times faster than
``(?<![\\w’'])‘…`` as the third choice, on the paragraphs that quote, with the same
matches."""
_OPENING_MARKS = ("“", '"', "‘", "«", "„", "「", "『")
_SPACES = " \u00a0\u202f"
"""Spaces inside the marks: French sets « mot » apart with a (narrow) no-break space."""
_LEADING_STOPS = ",.;:，。、；："
_TRAILING_STOPS = _LEADING_STOPS + "!?！？"
"""Punctuation at a quote's ends that is the sentence's, not the speaker's words (the
Chinese marks are full width)."""
ROLE_WORDS = 3
"""Lower-case words of a role that may stand between a verb of saying and the speaker's
name after it ("said local resident Carla Duarte")."""
_VERBS = (r"said|says|told|tells|stated|noted|added|explained|responded|replied|remarked|"
          r"announced|stressed|emphasi[sz]ed|underscored|insisted|claimed|argued|argues|"
          r"asserted|admitted|acknowledged|conceded|denied|warned|wrote|shouted|declared|"
          r"continued|asked|quipped|tweeted|posted")
_WORD = re.compile(r"\w+(?:[’']\w+)*")
_BOUNDARY = re.compile(r"[.!?][”\"’]?\s+(?=[“\"‘A-Z])")
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\s+(?:" + _VERBS + r")\b")
_APPOSITION = re.compile(r",\s+(?:a|an|the)\s[^.“”]{0,160}?,\s+(?:who\s+)?(?:"
                         + _VERBS + r")\b")
_QUOTED_AS = re.compile(r"\bquot(?:ed|ing)\s+$")
_GAP_TO_NAME = re.compile(r"[\s,.”\"’]*(?:(?:" + _VERBS + r")\s+(?:[a-z][\w\-]*\s+){0,"
                          + str(ROLE_WORDS) + r"})?")
"""Between a quote and the name after it: "“…,” said Lavrov", "“…” Lavrov", "“…,” said
resident Carla Duarte" (a role in lower case between the verb and the name)."""
_SAID_AFTER_NAME = re.compile(r"\s+(?:(?:was|is)\s+quoted|" + _VERBS + r")\b")
_ANY_VERB = re.compile(_VERBS)
_VERB_AFTER_NAME = re.compile(r"[\s,]+(?:who\s+|has\s+|had\s+|also\s+|,\s*)*(?:" + _VERBS
                              + r"|according)\b")
"""The patterns of ``_speaker`` compiled once (it was a look-up in ``re``'s cache of a
pattern built again for each name near each quote)."""
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+$")
_STOP = set("the a an of to and in on at for is are was were be been it its that this with by "
            "as from or which who will would have has had".split())


class NameLike(Protocol):
    start: int
    end: int
    text: str
    key: str
    detail: str


@dataclass(frozen=True, slots=True)
class Quote:
    """``text[start:end]`` is the quoted words (marks excluded); ``key`` their folded words."""

    start: int
    end: int
    text: str
    key: str
    speaker: str = ""
    speaker_span: tuple[int, int] | None = None


def find_quotes(text: str, names: list[NameLike]) -> list[Quote]:
    """Every quotation in ``text`` with its speaker when one can be told."""
    if not any(mark in text for mark in _OPENING_MARKS):
        return []  # no opening mark: most paragraphs quote no one
    out = []
    for m in _PAIRS.finditer(text):
        group = m.lastindex  # the one pair that matched
        start, end = m.start(group), m.end(group)
        inner = text[start:end]
        stripped = inner.rstrip(_SPACES + _TRAILING_STOPS)
        lead = len(inner) - len(inner.lstrip(_SPACES + _LEADING_STOPS))
        start, end = start + lead, start + len(stripped)
        words = words_of(text[start:end])
        if not words:
            continue
        speaker = _speaker(text, m.start(), m.end(), names)
        out.append(Quote(start, end, text[start:end], " ".join(words),
                         speaker.text if speaker else "",
                         (speaker.start, speaker.end) if speaker else None))
    return out


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    begin = 0
    for m in _BOUNDARY.finditer(text, 0, start):
        begin = m.end()
    stop = _BOUNDARY.search(text, end)
    return begin, stop.start() + 1 if stop else len(text)


def _speaker(text: str, q_start: int, q_end: int, names: list[NameLike]) -> NameLike | None:
    s_begin, s_end = _sentence(text, q_start, q_end)
    before = [n for n in names if s_begin <= n.start and n.end <= q_start]
    after = [n for n in names if q_end <= n.start < min(len(text), q_end + SPEAKER_REACH)]
    people = [n for n in names if n.detail == "person"]
    # "Sputnik quoted Patrushev as saying": the quoted one speaks.
    for n in reversed(before):
        if _QUOTED_AS.search(text[max(0, n.start - 12):n.start]):
            return n
    # "“…,” Sputnik quoted Patrushev as saying"
    far = [n for n in names if q_end <= n.start < q_end + 2 * SPEAKER_REACH]
    for n in far:
        if _QUOTED_AS.search(text[max(0, n.start - 12):n.start]) and \
                "“" not in text[q_end:n.start]:
            return n
    # "“…” Lavrov said" / "“…,” said Lavrov" / "“…,” Wang was quoted as saying"
    tail = text[q_end:q_end + SPEAKER_REACH]
    for n in after:
        gap = text[q_end:n.start]
        rest = text[n.end:n.end + 14]
        if _GAP_TO_NAME.fullmatch(gap) and (_SAID_AFTER_NAME.match(rest)
                                             or _ANY_VERB.search(gap)):
            return n
    if _PRONOUN.match(tail.lstrip(" ,.”\"’")) or _PRONOUN.search(text[s_begin:q_start]):
        earlier = [n for n in people if n.end <= q_start]
        if earlier:
            return earlier[-1]
    # "Yu Jie, a senior research fellow …, said that “…”"
    for n in reversed(before):
        if n.detail == "person" and _APPOSITION.match(text, n.end):
            return n
    # "Wang told Lavrov that …“…”": the name an attribution verb follows.
    for n in reversed(before):
        if _VERB_AFTER_NAME.match(text[n.end:n.end + 30]):
            return n
    for n in before:
        if _ACCORDING_TO.search(text[max(0, n.start - 14):n.start]):
            return n
    in_sentence = [n for n in before if n.detail == "person"]
    if in_sentence:
        return in_sentence[-1]
    return None


@lru_cache(maxsize=65536)
def same_person(a: str, b: str) -> bool:
    """Whether two person keys name one person: "wang yi" / "wang", "sergei" / "sergey"
    (cached: the same names meet again in link after link)."""
    ta, tb = a.split(), b.split()
    if not ta or not tb:
        return False
    shared = set(ta) & set(tb)
    if not shared:
        return False
    rest_a, rest_b = [t for t in ta if t not in shared], [t for t in tb if t not in shared]
    if not rest_a or not rest_b:
        return True
    return all(SequenceMatcher(None, x, y).ratio() >= 0.8 for x, y in zip(rest_a, rest_b))


@lru_cache(maxsize=65536)
def quote_relation(a: str, b: str) -> str | None:
    """How quote ``b`` renders quote ``a`` (keys as from ``find_quotes``), or None
    (cached: the renderings of a quote meet again in link after link).

    ``verbatim``; ``trimmed`` (b is a piece of a); ``extended`` (a is a piece
    of b); ``altered`` (words differ but most are shared).
    """
    if a == b or abs(len(a) - len(b)) <= RESPELT_CHARS and spelt_alike(a, b):
        return "verbatim"  # (respelt by a house style: "behaviour" / "behavior")
    if b in a and f" {b} " in f" {a} ":  # the plain test first: most quotes hold neither
        return "trimmed"
    if a in b and f" {a} " in f" {b} ":
        return "extended"
    ca, cb = _content(a), _content(b)
    if not ca or not cb:
        return None
    shared = len(ca & cb)
    fewer = min(len(ca), len(cb))
    if shared >= QUOTE_MATCH * fewer and (shared >= 2 or fewer == 1):
        return "altered"
    return None


STEM = 6
"""Letters that stand for a word when quotes are compared ("countries"/"country")."""


def _fold(word: str) -> str:
    """Plural and third-person -s folded, long words cut to a stem: "limit"/"limits",
    "relations"/"relationship" are one word here."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:STEM]


@lru_cache(maxsize=65536)
def _content(key: str) -> frozenset[str]:
    """A quote's content words, hyphenated ones split ("China-Russia", "third-party");
    cached: every link compares the same few quotes again."""
    folds = _FOLDS
    return frozenset(folds.get(part) or _fold_kept(part) for w in key.split()
                     for part in w.split("-") if part and part not in _STOP)


@lru_cache(maxsize=4096)
def open_quotation(text: str) -> int | None:
    """Where the words of a quotation that opens and never closes in this paragraph
    begin, if one does: a quotation going on into the next paragraph (a letter, a
    tale told in the first person) leaves its paragraphs open, and its words are
    quoted however many paragraphs it runs."""
    curly = text.rfind("“")
    if curly >= 0 and "”" not in text[curly:]:
        return curly + 1
    if text.count('"') % 2:
        return text.rfind('"') + 1
    return None


@lru_cache(maxsize=65536)
def paraphrase_window(quote_key: str, text: str) -> tuple[int, int] | None:
    """Where ``text`` carries a quote's words without quotation marks, if it does
    (cached: a paragraph is asked for the same rendering of a quote by several links).

    A paraphrase rewords, so only a share of the quote's content words is
    asked for, in any order; the window runs from the first to the last.
    A one-word quote must appear as such.
    """
    wanted = _content(quote_key)
    if not wanted or len(wanted) == 1 and len(quote_key.split()) > 1:
        return None
    first, last = _folded(text)
    hits = wanted & first.keys()
    if len(hits) < max(min(len(wanted), MIN_PARAPHRASE_WORDS), PARAPHRASE_MATCH * len(wanted)):
        return None
    return min(map(first.__getitem__, hits)), max(map(last.__getitem__, hits))


@lru_cache(maxsize=4096)
def _folded(text: str) -> tuple[dict[str, int], dict[str, int]]:
    """A text's words, folded as quotes are: where each first starts, and where each
    last ends (the window of any set of them runs from the first start to the last
    end). Built from the matches' starts and ends taken at once, not match by match
    (a third of the time: links in forked workers each build it again)."""
    found, words = lowered_matches(_WORD, text, lower_as_words(text))
    folds = _FOLDS
    folded = [folds.get(word) or _fold_kept(word) for word in words]
    first = dict(zip(reversed(folded), map(re.Match.start, reversed(found))))  # first wins
    return first, dict(zip(folded, map(re.Match.end, found)))


def _fold_kept(word: str) -> str:
    """``_fold``, remembered in ``_FOLDS``: a text's words are mostly words other texts
    had, and a look-up in a dict is cheaper than a call."""
    folded = _FOLDS[word] = _fold(word)
    if len(_FOLDS) > FOLDS_KEPT:
        _FOLDS.clear()
    return folded


_FOLDS: dict[str, str] = {}
FOLDS_KEPT = 65536
"""Folded words remembered at most (the dict starts again when full)."""
