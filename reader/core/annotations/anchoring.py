"""Find a note's text again in a source that may have changed.

The order is the one web annotation tools use (Hypothesis' anchoring):

1. offsets: the text at the stored offsets is still the quote -> ``anchored``;
2. exact quote elsewhere (nearest to the old place, context breaking ties)
   -> ``moved``, or ``anchored`` when the words kept around it still stand on
   both sides: text added or cut before it only shifted it (three notes below a
   paragraph inserted near the top read "moved", as if their passage had);
3. fuzzy: diff-match-patch ``match_main`` proposes where the quote's start
   and end went (its own first and last characters, and where the unchanged
   context before and after it is: a quote reworded longer or shorter is
   spanned whole); the candidate is scored by how similar its text is to the
   quote (0.6), how well the context around it matches (0.25) and how near it
   is to the old place (0.15) -> ``fuzzy`` with that confidence;
4. below ``FUZZY_THRESHOLD`` -> ``orphan``: the note is kept, listed apart,
   and can be re-attached by the user. Nothing is ever dropped.

The work is bounded whatever the text and quote (a one-letter quote that
occurs 50,000 times, a quote gone from a 1 MB source): only the
``MAX_CANDIDATES`` exact hits nearest the old place are scored, the bitap
search looks ``SEARCH_WINDOW`` characters around the old place, and far
moves are found by exact search (C speed) for a few short pieces of the
quote ("seeds"). Results are cached: the reader re-places notes on every
refresh, and the text and anchor rarely change between two.
"""

from __future__ import annotations

import heapq
import threading
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from reader.core.annotations.model import Anchor

FUZZY_THRESHOLD = 0.6
"""Below this confidence a note is an orphan rather than attached to doubtful text."""
BITAP_LIMIT = 32  # match_main searches at most this many characters of pattern
MAX_CANDIDATES = 64
"""Exact hits (and seed hits) scored per note: the nearest ones to the old place."""
SEARCH_WINDOW = 2000
"""Characters either side of the old place the (pure Python) bitap search covers."""
CACHE_SIZE = 4096  # placements remembered (texts are shared, so this stays small)
_CACHE: dict[tuple, Placement] = {}
_CACHE_LOCK = threading.Lock()
SEED_CHARS = 16
"""Length of the quote pieces looked up exactly anywhere in the text."""


@dataclass(frozen=True)
class Placement:
    state: str  # anchored | moved | fuzzy | orphan
    start: int
    end: int
    confidence: float


def _similarity(a: str, b: str) -> float:
    """1 - normalised Levenshtein distance, from diff-match-patch."""
    if not a and not b:
        return 1.0
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0.2
    diffs = dmp.diff_main(a, b, False)
    return 1.0 - dmp.diff_levenshtein(diffs) / max(len(a), len(b))


def _context_score(text: str, start: int, end: int, anchor: Anchor) -> float:
    before = text[max(0, start - len(anchor.prefix)):start]
    after = text[end:end + len(anchor.suffix)]
    parts = [(_similarity(anchor.prefix, before), len(anchor.prefix)),
             (_similarity(anchor.suffix, after), len(anchor.suffix))]
    total = sum(n for _, n in parts)
    return sum(s * n for s, n in parts) / total if total else 0.5


def _position_score(start: int, anchor: Anchor, length: int) -> float:
    return max(0.0, 1.0 - abs(start - anchor.start) / max(1, length))


def place(text: str, anchor: Anchor) -> Placement:
    """Where ``anchor`` is in ``text`` now, and how sure we are."""
    known = known_placement(text, anchor)
    if known is not None:
        return known
    placement = _place(text, anchor)
    with _CACHE_LOCK:  # the reader places notes in a worker thread too
        _CACHE[_key(text, anchor)] = placement
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)), None)
    return placement


def known_placement(text: str, anchor: Anchor) -> Placement | None:
    """The placement if it costs nothing (cached, or the quote is still at its offsets)."""
    if anchor.quote and text[anchor.start:anchor.end] == anchor.quote:
        return Placement("anchored", anchor.start, anchor.end, 1.0)
    if not anchor.quote:
        return Placement("orphan", 0, 0, 0.0)
    return _CACHE.get(_key(text, anchor))


def _key(text: str, anchor: Anchor) -> tuple:
    return (text, anchor.quote, anchor.prefix, anchor.suffix, anchor.start, anchor.end)


def _place(text: str, anchor: Anchor) -> Placement:
    exact = _exact(text, anchor)
    if exact is None:
        return _fuzzy(text, anchor)
    end = exact + len(anchor.quote)
    shifted = text[max(0, exact - len(anchor.prefix)):exact] == anchor.prefix \
        and text[end:end + len(anchor.suffix)] == anchor.suffix
    return Placement("anchored" if shifted else "moved", exact, end, 1.0)


def _nearest(text: str, needle: str, around: int, limit: int = MAX_CANDIDATES) -> list[int]:
    """Where ``needle`` occurs in ``text``: the ``limit`` occurrences nearest ``around``."""
    hits = []
    pos = text.find(needle)
    while pos >= 0:
        hits.append(pos)
        pos = text.find(needle, pos + 1)
    return heapq.nsmallest(limit, hits, key=lambda h: abs(h - around))


def _exact(text: str, anchor: Anchor) -> int | None:
    hits = _nearest(text, anchor.quote, anchor.start)
    if not hits:
        return None
    return max(hits, key=lambda h: (_context_score(text, h, h + len(anchor.quote), anchor),
                                    -abs(h - anchor.start)))


def _fuzzy(text: str, anchor: Anchor) -> Placement:
    dmp = diff_match_patch()
    dmp.Match_Threshold = 0.5
    dmp.Match_Distance = SEARCH_WINDOW
    best = Placement("orphan", anchor.start, anchor.end, 0.0)
    after = _context_after(text, anchor, dmp)
    for start in _candidates(text, anchor, dmp):
        for end in _ends(text, start, anchor, after, dmp):
            confidence = round(_confidence(text, start, end, anchor), 3)
            if confidence > best.confidence:
                state = "fuzzy" if confidence >= FUZZY_THRESHOLD else "orphan"
                best = Placement(state, start, end, confidence)
    if best.state == "orphan":
        return Placement("orphan", anchor.start, anchor.end, best.confidence)
    return best


def _confidence(text: str, start: int, end: int, anchor: Anchor) -> float:
    return (0.6 * _similarity(anchor.quote, text[start:end])
            + 0.25 * _context_score(text, start, end, anchor)
            + 0.15 * _position_score(start, anchor, len(text)))


def _candidates(text: str, anchor: Anchor, dmp: diff_match_patch) -> list[int]:
    """Starts worth scoring: bitap near the old place, then exact seeds anywhere."""
    quote = anchor.quote
    expected = min(max(0, anchor.start), len(text))
    out = []
    head = quote[:BITAP_LIMIT]
    at = dmp.match_main(text, head, expected)
    if at >= 0:
        out.append(at)
    tail = quote[-BITAP_LIMIT:]
    tail_at = dmp.match_main(text, tail, min(len(text), expected + len(quote) - len(tail)))
    if tail_at >= 0:  # the opening words may be what was edited
        out.append(max(0, tail_at + len(tail) - len(quote)))
    before = anchor.prefix[-BITAP_LIMIT:]
    if before.strip():  # the quote starts where its unchanged context ends
        before_at = _match(text, before, expected - len(before), dmp)
        if before_at >= 0:
            out.append(min(len(text), before_at + len(before)))
    if len(quote) >= 2 * SEED_CHARS:
        seeds = {0, (len(quote) - SEED_CHARS) // 2, len(quote) - SEED_CHARS}
        for offset in sorted(seeds):
            for hit in _nearest(text, quote[offset:offset + SEED_CHARS], expected + offset,
                                MAX_CANDIDATES // 8):
                out.append(max(0, hit - offset))
    return list(dict.fromkeys(out))[:MAX_CANDIDATES]


def _context_after(text: str, anchor: Anchor, dmp: diff_match_patch) -> int:
    """Where the unchanged text that followed the quote begins now, near its old place
    (-1 if not found): the end of a quote reworded longer or shorter. Looked up once per
    note, not per candidate start (``match_main`` is pure Python)."""
    context = anchor.suffix[:BITAP_LIMIT]
    return _match(text, context, anchor.end, dmp) if context.strip() else -1


def _ends(text: str, start: int, anchor: Anchor, after: int,
          dmp: diff_match_patch) -> list[int]:
    """Where the quote may end when it starts at ``start`` (``_fuzzy`` keeps the best):
    its old length on, where its last characters are found nearby, or where the
    unchanged text after it begins (``after``). A quote reworded longer or shorter
    would otherwise keep its old length, stopping mid-word or running on into the
    unchanged words after it. Spans over twice the quote's length are not considered."""
    quote = anchor.quote
    ends = [start + len(quote), after]
    if len(quote) > BITAP_LIMIT:  # a shorter quote's last characters are all of it
        tail = quote[-BITAP_LIMIT:]
        at = _match(text, tail, start + len(quote) - len(tail), dmp)
        ends.append(at + len(tail) if at >= 0 else -1)
    return sorted({min(len(text), end) for end in ends
                   if start < end <= start + 2 * len(quote)})


def _match(text: str, piece: str, guess: int, dmp: diff_match_patch) -> int:
    """``match_main`` of ``piece`` near ``guess`` (kept inside the text); -1 if not found."""
    return dmp.match_main(text, piece, max(0, min(len(text), guess)))
