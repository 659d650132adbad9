"""Find a note's text again in a source that may have changed.

The order is the one web annotation tools use (Hypothesis' anchoring):

1. offsets: the text at the stored offsets is still the quote -> ``anchored``;
2. exact quote elsewhere (nearest to the old place, context breaking ties)
   -> ``moved``;
3. fuzzy: diff-match-patch ``match_main`` proposes where the quote's start
   and end went; the candidate is scored by how similar its text is to the
   quote (0.6), how well the context around it matches (0.25) and how near it
   is to the old place (0.15) -> ``fuzzy`` with that confidence;
4. below ``FUZZY_THRESHOLD`` -> ``orphan``: the note is kept, listed apart,
   and can be re-attached by the user. Nothing is ever dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from reader.core.annotations.model import Anchor

FUZZY_THRESHOLD = 0.6
"""Below this confidence a note is an orphan rather than attached to doubtful text."""
BITAP_LIMIT = 32  # match_main searches at most this many characters of pattern


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
    quote = anchor.quote
    if not quote:
        return Placement("orphan", 0, 0, 0.0)
    if text[anchor.start:anchor.end] == quote:
        return Placement("anchored", anchor.start, anchor.end, 1.0)
    exact = _exact(text, anchor)
    if exact is not None:
        return Placement("moved", exact, exact + len(quote), 1.0)
    return _fuzzy(text, anchor)


def _exact(text: str, anchor: Anchor) -> int | None:
    hits = []
    pos = text.find(anchor.quote)
    while pos >= 0:
        hits.append(pos)
        pos = text.find(anchor.quote, pos + 1)
    if not hits:
        return None
    return max(hits, key=lambda h: (_context_score(text, h, h + len(anchor.quote), anchor),
                                    -abs(h - anchor.start)))


def _fuzzy(text: str, anchor: Anchor) -> Placement:
    dmp = diff_match_patch()
    dmp.Match_Threshold = 0.5
    dmp.Match_Distance = max(1000, len(text))
    quote = anchor.quote
    expected = min(max(0, anchor.start), len(text))
    head = quote[:BITAP_LIMIT]
    start = dmp.match_main(text, head, expected)
    if start < 0:
        # the opening words may be what was edited: look for the end instead
        tail = quote[-BITAP_LIMIT:]
        tail_at = dmp.match_main(text, tail, min(len(text), expected + len(quote) - len(tail)))
        if tail_at < 0:
            return Placement("orphan", anchor.start, anchor.end, 0.0)
        start = max(0, tail_at + len(tail) - len(quote))
    end = _best_end(text, start, quote, dmp)
    quote_score = _similarity(quote, text[start:end])
    confidence = (0.6 * quote_score + 0.25 * _context_score(text, start, end, anchor)
                  + 0.15 * _position_score(start, anchor, len(text)))
    confidence = round(confidence, 3)
    state = "fuzzy" if confidence >= FUZZY_THRESHOLD else "orphan"
    return Placement(state, start, end, confidence)


def _best_end(text: str, start: int, quote: str, dmp: diff_match_patch) -> int:
    """Where the quote ends when it starts at ``start``: match its last characters nearby."""
    if len(quote) <= BITAP_LIMIT:
        return min(len(text), start + len(quote))
    tail = quote[-BITAP_LIMIT:]
    guess = start + len(quote) - len(tail)
    at = dmp.match_main(text, tail, min(len(text), guess))
    if at < 0 or at < start or at + len(tail) - start > 2 * len(quote):
        return min(len(text), start + len(quote))
    return at + len(tail)
