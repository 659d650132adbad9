"""Find the paragraphs that carry the same content in two sources.

Line diffs (difflib, Meld) only see paragraphs whose words mostly coincide in
order; paraphrased, merged and split paragraphs slip through. We work one
level down, on sentences, the way text-reuse detection does, and we read the
two sources in story order, the way a person collating editions does:

1. Every content paragraph and sentence gets a TF-IDF vector
   (``similarity``). One sparse product per block of paragraphs proposes
   each paragraph's few strongest partners (``candidates``); large sources
   go through their rarest words only, so the work stays bounded.
2. For a candidate pair, each sentence finds its best partner in the other
   paragraph (one sentence, or two adjacent ones read together: a rewrite
   that joins or splits sentences).
3. **Anchors**: pairs that are each other's best partner and clearly alike.
   The heaviest chain of anchors in story order on both sides is the
   skeleton of the alignment; an anchor off the chain is a *moved* passage.
4. Everything else must fit between the anchors around it: a link that
   would cross the chain is dropped unless it is strong and mutual (moved).
   Between anchors, each sentence votes for the paragraph holding its best
   partner (a sentence split at a new paragraph break votes for both); a
   paragraph links to each paragraph winning a fair share of its votes, in
   either direction, so merges and splits are found, or sharing one clause
   kept nearly as is. Of two links that cross, the weaker goes.
5. In a gap between two links, a pair that the story's order vouches for
   (its diagonal neighbour linked, neither side linked elsewhere) needs only
   a modest sentence match; a paragraph alone on one side joins the
   neighbour it shares a sentence with; headings pair up by position; the
   rest, when both sides hold a little text and share at least a few words,
   is linked as one rewritten *region* (low confidence); and where a
   paragraph break moved, the crossing pair sharing a sentence is linked.
6. Headings and one-liners (fewer than ``SHORT_WORDS`` content words) link
   only to short paragraphs, or where their text is really found in the
   other paragraph.

The result per link (``Evidence``): cosine, the share of each side covered
by the other, how it was found (``how``) and a confidence in 0..1;
``comparison`` names the kind (identical / minor / reworded / partial /
merged / moved / region) from those.
"""

from __future__ import annotations

import bisect
import math
from typing import NamedTuple

import numpy as np

from reader.core.align.candidates import POSITION_NUDGE, best_by, candidates
from reader.core.align.gaps import by_order, fill_gaps, repaginated
from reader.core.align.sentences import SENTENCE_MATCH, Pair, read_sentences
from reader.core.align.sides import CORRECTION, Side
from reader.core.align.votes import votes

VOTE_SHARE = 0.30
"""A paragraph links where at least this share of its sentence weight votes."""
PARAGRAPH_MATCH = 0.42
"""Paragraph cosine that links a pair on its own (paraphrase with re-cut sentences)."""
CLEAR_MATCH = 0.4
"""Paragraph cosine at which mutual best partners are linked whatever their sentences say."""
NEAR_COPY = 0.8
"""Cosine of a clear pair so close to a copy that its sentences are not read (speed)."""
ANCHOR_MATCH = 0.5
"""Strength at which mutual best partners are sure enough to anchor the story order."""
MOVE_MATCH = 0.6
"""Strength a mutual best pair needs to be linked against the story order (a move)."""
COPY_MATCH = 0.95
"""Cosine above which two paragraphs are copies of each other."""
SHARED_SENTENCE = 0.6
"""Sentence cosine at which one sentence kept nearly as is links two paragraphs on its own."""
SHARED_WORDS = 5
"""Content words such a sentence needs: a short phrase recurs by chance, a clause does not."""
CONTAINED = 0.5
"""Sentence cosine at which a one-liner counts as found inside a longer paragraph."""

CONFIDENCE = {"anchor": 1.0, "clear": 1.0, "votes": 0.9, "moved": 0.8, "moved_with": 0.8,
              "order": 0.6, "heading": 0.5, "region": 0.25}
"""Confidence of a link by how it was found, before its strength (``Evidence.confidence``)."""


class Evidence(NamedTuple):
    """How paragraph ``p`` of source a and ``q`` of source b relate.

    A named tuple rather than a frozen dataclass: one is made for every link
    (some 18,000 for 20 sources), and a tuple is made in a third of the time.
    """

    p: int
    q: int
    cosine: float
    cover_a: float  # share of p's sentence weight matched somewhere in q
    cover_b: float  # share of q's sentence weight matched somewhere in p
    how: str = "votes"  # anchor | clear | votes | moved | moved_with | order | heading | region
    matched: tuple[int, int, int, int] = (0, 0, 0, 0)  # sentences matched / total, a then b
    strength: float = 0.0  # paragraph cosine, or mean sentence match where higher

    @property
    def score(self) -> float:
        """Strength of the link: the cosine, or the sentence coverage where that says more."""
        return round(min(1.0, max(self.cosine, (self.cover_a + self.cover_b) / 2)), 4)

    @property
    def confidence(self) -> float:
        """How sure the link is, 0..1.

        How it was found (``CONFIDENCE``), times its strength as a share of
        an anchor's (``ANCHOR_MATCH``): many weak sentence matches do not
        make a sure link. Headings and regions rest on their place, not on
        their words, and keep their fixed, low figure.
        """
        if self.how in ("heading", "region"):
            return CONFIDENCE[self.how]
        return round(CONFIDENCE[self.how] * min(1.0, self.strength / ANCHOR_MATCH), 3)

    @property
    def reason(self) -> str:
        """The evidence in a few words, for a reader who wonders why two paragraphs sit together."""
        why = _REASONS[self.how]
        if self.how in ("heading", "region"):
            return why
        ma, ta, mb, tb = self.matched
        shared = f"{ma}/{ta} and {mb}/{tb} sentences matched" if ta else \
            f"paragraph cosine {self.cosine:.2f}"
        return f"{shared}; {why}"


_REASONS = {"anchor": "mutual best, in story order",
            "clear": "mutual best, in story order",
            "votes": "between its anchors",
            "moved": "mutual best, out of story order",
            "moved_with": "its best partner, which moved: out of story order with it",
            "order": "next to a linked pair, nothing better on either side",
            "heading": "heading at the same place between two linked passages",
            "region": "rewritten passage at the same place between two linked passages"}
"""What ``Evidence.reason`` says of each way of finding a link (after the sentences matched,
except for headings and regions, which rest on their place)."""


def link_pair(a: Side, b: Side) -> list[Evidence]:
    """All links between two prepared sources, with their evidence."""
    cands = _without_weak_notices(candidates(a, b), a, b)
    offsets = _offsets(cands, len(a), len(b))
    clear = _clear_pairs(cands, offsets)
    cands = _worth_reading(cands, clear)
    copies = {k for k in clear if cands[k] >= NEAR_COPY and not (a.short[k[0]] or b.short[k[1]])}
    pairs = read_sentences(a, b, {k: c for k, c in cands.items() if k not in copies})
    strength = {k: (pairs[k].strength if k in pairs else cands[k]) for k in cands}
    best_a, best_b = best_by(_nudged(strength, offsets))
    mutual = {k for k in strength if best_a[k[0]][1] == k[1] and best_b[k[1]][1] == k[0]}
    anchors = [k for k in mutual if strength[k] >= ANCHOR_MATCH and _fit(a, b, k, pairs, cands)]
    chain = _heaviest_chain(anchors, strength)
    on_chain = set(chain)
    how: dict[tuple[int, int], str] = {k: "anchor" for k in chain}
    how |= dict.fromkeys(_moved(a, b, [k for k in anchors if k not in on_chain
                                         and strength[k] >= MOVE_MATCH]), "moved")
    fits = _Between(chain)
    allowed = {k: p for k, p in pairs.items() if fits(k) or how.get(k) == "moved"}
    verdict: dict[tuple[int, int], str | None] = {}  # None: up to the sentences' votes
    for k in cands:
        if k in how or not fits(k):
            continue
        if k in clear and _fit(a, b, k, pairs, cands):
            verdict[k] = "clear"
        elif k in allowed:
            verdict[k] = None
    votes_a, votes_b = votes(allowed, a, b, {k: cands[k] for k in copies},
                             [k for k, v in verdict.items() if v is None])
    for k, v in verdict.items():
        if v or _voted(a, b, k, allowed[k], votes_a, votes_b) \
                or _shares_sentence(a, b, k, allowed[k]):
            how[k] = v or "votes"
    _one_copy_each(how, cands, len(a), len(b))
    _uncross(how, strength)
    by_order(how, allowed, fits, a, b)
    fill_gaps(how, cands, pairs, a, b)
    repaginated(how, pairs)
    _moved_with(how, pairs, best_a, best_b, a, b)
    return _evidence(a, b, how, cands, pairs)


def _moved(a: Side, b: Side, off_chain: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The anchors off the chain strong enough to move (``off_chain``) that are linked as
    moved: each long one, and a heading or one-liner that moved with a neighbour, the
    pair before or after it on both sides also moving. A one-liner alone says too little
    to be linked against the story order ("CHAPTER II." at a chapter break an edition
    moved is another passage's heading); a run says more: a "Key figures" section moved
    under the lead (its heading and seven list items) was eight additions and eight
    omissions, and a section's heading moved with its paragraph stayed behind."""
    moving = set(off_chain)
    return [(i, j) for i, j in off_chain if not (a.short[i] or b.short[j])
            or (i - 1, j - 1) in moving or (i + 1, j + 1) in moving]


def _without_weak_notices(cands: dict, a: Side, b: Side) -> dict:
    """The candidates but an editor's notice (``sides.NOTICE``) paired with a paragraph whose
    words it does not mostly share (``CLEAR_MATCH``): every other way of linking rests
    on these candidates, so a notice is then linked by its words or not at all. Two
    versions' update lines at the top ("UPDATE: a revised death toll", "Updated: an
    earlier version misstated…") were linked as one rewritten passage, each version's
    addition shown as a rewording of the other's. A correction links to a correction
    only: it speaks of the story, and quotes what it withdraws ("Correction: an earlier
    version … described a 1996 dam failure … as deadly") in the words of the paragraph
    withdrawn, which read as moved into it, never as dropped (review 12)."""
    if not (any(a.notice) or any(b.notice)):
        return cands
    return {k: c for k, c in cands.items() if not (a.notice[k[0]] or b.notice[k[1]])
            or c >= CLEAR_MATCH
            and (a.notice[k[0]] == CORRECTION) == (b.notice[k[1]] == CORRECTION)}


def _moved_with(how: dict, pairs: dict, best_a: dict, best_b: dict, a: Side, b: Side) -> None:
    """Link what moved along with a moved passage: one source that joined two paragraphs
    and moved them (or moved one and split it) leaves only the pair that are each other's
    best to link against the story order, and the other paragraph read as omitted where
    the source has it word for word. A paragraph still unlinked whose best partner is an
    end of a moved link, and which that partner mostly holds (``MOVE_MATCH`` of its own
    sentence weight, the pair as strong as a move must be: one long sentence of a short
    paragraph shared by chance is no move), moved with it."""
    moved = [k for k, h in how.items() if h == "moved"]
    if not moved:
        return
    linked_a, linked_b = {i for i, _ in how}, {j for _, j in how}
    ends_a, ends_b = {i for i, _ in moved}, {j for _, j in moved}
    for i, (_, j) in best_a.items():
        pair = pairs.get((i, j))
        if i not in linked_a and j in ends_b and not a.short[i] and pair is not None \
                and min(pair.cover_a, pair.strength) >= MOVE_MATCH:
            how[(i, j)] = "moved_with"
    for j, (_, i) in best_b.items():
        pair = pairs.get((i, j))
        if j not in linked_b and i in ends_a and not b.short[j] and pair is not None \
                and min(pair.cover_b, pair.strength) >= MOVE_MATCH:
            how[(i, j)] = "moved_with"


def _worth_reading(cands: dict, clear: set) -> dict:
    """Candidates that can still matter once the clear pairs are known.

    When both paragraphs of a candidate have clear partners elsewhere and
    neither is next to the other's partner, the pair could only be a crossed
    link or a move, and a move needs both to prefer each other: not to read.
    """
    partner_a = dict(clear)
    partner_b = {j: i for i, j in clear}
    return {(i, j): c for (i, j), c in cands.items()
            if (i, j) in clear or i not in partner_a or j not in partner_b
            or abs(partner_a[i] - j) <= 1 or abs(partner_b[j] - i) <= 1}


def _offsets(cands: dict[tuple[int, int], float], n: int, m: int) -> dict[tuple[int, int], float]:
    """What ``_nudged`` takes off each candidate's score: ``POSITION_NUDGE`` times how far
    apart their relative places are (worked out once for the two rankings that use it)."""
    last_a, last_b = max(1, n - 1), max(1, m - 1)
    return {(i, j): POSITION_NUDGE * abs(i / last_a - j / last_b) for i, j in cands}


def _nudged(score: dict[tuple[int, int], float], offsets: dict[tuple[int, int], float]
            ) -> dict[tuple[int, int], float]:
    """Scores with the ``POSITION_NUDGE`` for the same relative place: copies pair in order."""
    return {k: s - offsets[k] for k, s in score.items()}


def _clear_pairs(cands: dict[tuple[int, int], float], offsets: dict[tuple[int, int], float]
                 ) -> set[tuple[int, int]]:
    """Pairs so alike, and so clearly each other's best, that sentences need not be read."""
    best_a, best_b = best_by(_nudged(cands, offsets))
    return {(i, j) for (i, j), cos in cands.items()
            if cos >= CLEAR_MATCH and best_a[i][1] == j and best_b[j][1] == i}


def _fit(a: Side, b: Side, k: tuple[int, int], pairs: dict, cands: dict) -> bool:
    """Whether a heading or one-liner may link here: to another short one, or to its own text.

    One sentence is 100% of a one-liner's vote, so a single shared phrase
    would otherwise tie a heading to a body paragraph: the short side must
    be found in the other, most of its words in sentences matching at
    ``CONTAINED`` or better.
    """
    i, j = k
    if not (a.short[i] or b.short[j]) or (a.short[i] and b.short[j]):
        return True
    if cands[k] >= COPY_MATCH:
        return True
    pair = pairs.get(k)
    if pair is None:
        return False
    side, unit, found = (a, i, pair.from_a) if a.short[i] else (b, j, pair.from_b)
    own = side.space.content_words[side.first[unit]:side.first[unit] + len(found)]
    kept = sum(float(w) for (sim, _), w in zip(found, own) if sim >= CONTAINED)
    return kept >= 0.5 * max(1.0, float(own.sum()))


def _heaviest_chain(anchors: list[tuple[int, int]], strength: dict) -> list[tuple[int, int]]:
    """The anchors in story order on both sides with the greatest total strength.

    Anchors are one-to-one (mutual best), so sorting by a's order and asking a
    prefix-maximum tree over b's order for the best chain ending before each
    one gives the answer in O(k log k).
    """
    order = sorted(anchors)
    if not order:
        return []
    cols = sorted({j for _, j in order})
    rank = {j: r + 1 for r, j in enumerate(cols)}
    size = len(cols)
    tree_val = [0.0] * (size + 1)
    tree_arg = [-1] * (size + 1)
    best: list[float] = []
    back: list[int] = []
    for x, key in enumerate(order):
        top, arg, r = 0.0, -1, rank[key[1]] - 1
        while r > 0:
            if tree_val[r] > top:
                top, arg = tree_val[r], tree_arg[r]
            r -= r & -r
        total = top + strength[key]
        best.append(total)
        back.append(arg)
        r = rank[key[1]]
        while r <= size:
            if total > tree_val[r]:
                tree_val[r], tree_arg[r] = total, x
            r += r & -r
    x = best.index(max(best))  # the first of equals, as argmax
    chain = []
    while x >= 0:
        chain.append(order[x])
        x = back[x]
    return chain[::-1]


class _Between:
    """Whether a pair fits between the chain anchors around it (crosses none of them)."""

    def __init__(self, chain: list[tuple[int, int]]) -> None:
        self.rows = [i for i, _ in chain]
        self.cols = [j for _, j in chain]

    def __call__(self, key: tuple[int, int]) -> bool:
        i, j = key
        lo = bisect.bisect_left(self.rows, i) - 1
        hi = bisect.bisect_right(self.rows, i)
        return (lo < 0 or self.cols[lo] <= j) and (hi >= len(self.rows) or j <= self.cols[hi])


def _voted(a: Side, b: Side, k: tuple[int, int], pair: Pair, votes_a, votes_b) -> bool:
    """The link rule between anchors: enough sentence votes, or a close paragraph match."""
    if a.short[k[0]] or b.short[k[1]]:
        return _fit(a, b, k, {k: pair}, {k: pair.cosine}) and (
            pair.cosine >= COPY_MATCH or pair.cosine >= SENTENCE_MATCH and (
                votes_a.get(k, (0, 0))[1] >= VOTE_SHARE or votes_b.get(k, (0, 0))[1] >= VOTE_SHARE))
    return (votes_a.get(k, (0, 0))[0] >= VOTE_SHARE or votes_b.get(k, (0, 0))[0] >= VOTE_SHARE
            or pair.cosine >= PARAGRAPH_MATCH)


def _shares_sentence(a: Side, b: Side, k: tuple[int, int], pair: Pair) -> bool:
    """Whether one whole sentence of some length is found nearly as is in the other paragraph.

    A split that moves one sentence to another paragraph leaves it a small
    share of either side's votes, but a sentence kept nearly word for word
    is evidence on its own.
    """
    weights = a.space.content_words
    for side, matches in ((a, pair.from_a), (b, pair.from_b)):
        first = int(side.first[k[0] if side is a else k[1]])
        if any(sim >= SHARED_SENTENCE and weights[first + t] >= SHARED_WORDS
               for t, (sim, _) in enumerate(matches)):
            return True
    return False


def _uncross(how: dict, strength: dict) -> None:
    """Keep the links in story order: of two links that cross, the weaker goes.

    Links are taken strongest first (anchors before all); one that would
    cross a link already kept is dropped, unless it is a move. Links may
    share a paragraph (merges, splits). The links kept never cross, so in
    a's order their b positions never fall: the nearest kept link before i
    holds the largest b position before it, and the nearest after i the
    smallest after it. The anchors are one chain in story order: all kept.
    """
    rank = {"clear": 1}
    kept = sorted(k for k, h in how.items() if h == "anchor")  # sorted, as it stays
    order = sorted((k for k, h in how.items() if h not in ("moved", "anchor")),
                   key=lambda k: (rank.get(how[k], 2), -strength.get(k, 0.0), k))
    for i, j in order:
        at = bisect.bisect_left(kept, (i, -1))  # the first kept link at i or after
        if at and kept[at - 1][1] > j:
            del how[(i, j)]
            continue
        after = bisect.bisect_right(kept, (i, math.inf), at)  # the first after i
        if after < len(kept) and kept[after][1] < j:
            del how[(i, j)]
            continue
        kept.insert(bisect.bisect_left(kept, (i, j), at, after), (i, j))


def _one_copy_each(how: dict, cands: dict, n: int, m: int) -> None:
    """Where a paragraph is copied word for word several times, pair copies in order.

    A source that repeats a paragraph (a title printed twice, a pasted quote)
    would otherwise link every copy to every copy; the copy nearest in
    relative position is the one a reader expects beside it.
    """
    def offset(k: tuple[int, int]) -> float:
        return abs(k[0] / max(1, n) - k[1] / max(1, m))

    for side in (0, 1):
        groups: dict[int, list[tuple[int, int]]] = {}
        for key in how:
            if cands[key] >= COPY_MATCH:
                groups.setdefault(key[side], []).append(key)
        for group in groups.values():
            if len(group) > 1:
                keep = min(group, key=offset)
                for k in group:
                    if k != keep:
                        how.pop(k, None)


def _evidence(a: Side, b: Side, how: dict[tuple[int, int], str], cands: dict, pairs: dict
              ) -> list[Evidence]:
    """The ``Evidence`` of every link in ``how``, in its order."""
    unread = [k for k in how if k not in pairs]
    estimated = dict(zip(unread, zip(*_length_covers(a, b, unread)))) if unread else {}
    count_a, count_b = a.count.tolist(), b.count.tolist()
    out = []
    for k, kind in how.items():
        cos = round(cands.get(k, 0.0), 4)  # plain floats (``candidates``)
        i, j = k
        pair = pairs.get(k)
        if pair is None:  # a near copy or an inline title, not read: covers estimated
            out.append(Evidence(a.paras[i], b.paras[j], cos, *estimated[k], kind, strength=cos))
            continue
        ma, mb = pair.matched  # out of each paragraph's sentence count
        out.append(Evidence(a.paras[i], b.paras[j], cos, round(pair.cover_a, 4),
                            round(pair.cover_b, 4), kind, (ma, count_a[i], mb, count_b[j]),
                            round(pair.strength, 4)))
    return out


def _length_covers(a: Side, b: Side, keys: list[tuple[int, int]]) -> tuple[list, list]:
    """Covers of pairs whose sentences were not read, from their lengths: the shorter is
    taken as found whole in the longer.

    Rounded as ``round(min(1.0, x), 4)`` of a numpy number rounds, all at once (it is
    numpy's rounding either way: the same numbers, and the same types).
    """
    ia = np.array([k[0] for k in keys])
    ib = np.array([k[1] for k in keys])
    wa, wb = a.weight[ia], b.weight[ib]
    return _capped(wb / wa), _capped(wa / wb)


def _capped(ratio: np.ndarray) -> list:
    """``[round(min(1.0, x), 4) for x in ratio]``: 1.0 (a Python float) from 1 up."""
    rounded = np.round(ratio, 4)
    return [x if r < 1.0 else 1.0 for r, x in zip(ratio.tolist(), rounded)]
