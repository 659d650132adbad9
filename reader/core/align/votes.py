"""Sentence votes: which paragraph of the other source holds each sentence's best match.

Between the anchors of two sources, a paragraph links to each paragraph that
wins a fair share of its sentences' votes (``links``). Votes are counted only
for the pairs left to them, a few per pair of sources.
"""

from __future__ import annotations

import numpy as np

from reader.core.align.sentences import SENTENCE_HINT, SENTENCE_MATCH
from reader.core.align.sides import SHORT_WORDS, Side

FRAGMENT_SHARE = 1 / 3
"""A sentence votes for its best partner only if that holds this share of its content words."""


def votes(pairs: dict, a: Side, b: Side, copies: dict[tuple[int, int], float],
          wanted: list[tuple[int, int]]):
    """Share of each paragraph's sentence weight voting for a paragraph of the other side,
    for the ``wanted`` pairs.

    Returns, per side, {pair: (all votes, strong votes)}. A sentence votes
    for the paragraph holding its best partner when the match is strong, or
    when it is weak but mutual: the partner's own best partner is this
    sentence. Heavy paraphrase keeps few words, and mutual choice is what
    tells a weak true match from a weak coincidence. A sentence whose best
    match is the end of one paragraph read with the start of the next (a
    sentence split at a new paragraph break) votes for both. Near copies
    (``copies``, not read sentence by sentence) hold every sentence of both
    at their paragraph cosine: no other paragraph draws those votes away.

    Each paragraph's sentences are one list of (cosine, held by, where), not
    one dict entry per sentence: a pair updates a run of places at once. Few
    pairs are left to the votes (most links are anchors or clear), so only
    the sentences of their paragraphs are read: a vote for (i, j) comes from
    a sentence of i held by j (or of j held by i), and whether it is mutual
    is read in j's sentences (or i's).
    """
    read_a, read_b = {i for i, _ in wanted}, {j for _, j in wanted}  # whose sentences
    home_a: dict[int, list[_Home]] = {}
    home_b: dict[int, list[_Home]] = {}
    for (i, j), cos in copies.items():  # held, but their votes are not needed: no partners
        if i in read_a:
            home_a[i] = [(cos, (), ())] * int(a.count[i])
        if j in read_b:
            home_b[j] = [(cos, (), ())] * int(b.count[j])
    read = [(k, p) for k, p in pairs.items() if k[0] in read_a or k[1] in read_b]
    for (i, j), pair in read:
        if i in read_a:
            _hold(home_a, i, (j,), pair.from_a)
        if j in read_b:
            _hold(home_b, j, (i,), pair.from_b)
    for (i, j), pair in read:
        after = pairs.get((i, j + 1)) if i in read_a else None
        if after is not None and pair.sims is not None and after.sims is not None:
            _straddle(home_a[i], j, pair.sims, after.sims, b)
        after = pairs.get((i + 1, j)) if j in read_b else None
        if after is not None and pair.sims is not None and after.sims is not None:
            _straddle(home_b[j], i, pair.sims.T, after.sims.T, a)
    wanted = set(wanted)
    return _tally(home_a, home_b, a, b, 0, wanted), _tally(home_b, home_a, b, a, 1, wanted)


_Home = tuple[float, tuple[int, ...], tuple[int, ...]]
"""A sentence's best match so far: cosine, the paragraph(s) holding it, and where in them."""


def _hold(home: dict[int, list[_Home]], idx: int, held_by: tuple[int], matches: list) -> None:
    """Sentences of paragraph ``idx`` whose best match so far lies in ``held_by``'s paragraph."""
    row = home.get(idx)
    if row is None:  # every cosine beats none
        home[idx] = [(sim, held_by, where) for sim, where in matches]
        return
    for k, (sim, where) in enumerate(matches):
        if sim > row[k][0]:
            row[k] = (sim, held_by, where)


def _straddle(row: list[_Home], unit: int, sims: np.ndarray, after: np.ndarray,
              other: Side) -> None:
    """Sentences (``row``) best matched by ``unit``'s last sentence read with the next's first."""
    last = int(other.first[unit] + other.count[unit] - 1)
    joined = (sims[:, -1] + after[:, 0]) / np.sqrt(2.0 + 2.0 * float(other.adjacent[last]))
    for k, sim in enumerate(joined.tolist()):
        if sim >= SENTENCE_MATCH and sim > row[k][0]:
            row[k] = (sim, (unit, unit + 1), ())


def _tally(home: dict[int, list[_Home]], other: dict[int, list[_Home]], side: Side, far: Side,
           own: int, wanted: set[tuple[int, int]]) -> dict[tuple[int, int], tuple[float, float]]:
    """Each sentence's vote (see ``_votes``) for the ``wanted`` pairs, as shares of its
    paragraph's weight.

    A sentence does not vote for a fragment: when the partner holds fewer
    than ``FRAGMENT_SHARE`` of its content words ("Russians from
    Washington." against a nine-word sentence), the fragment's words are
    found in the sentence, not the sentence in the fragment. The fragment
    still votes the other way.
    """
    weights = side.space.content_words.tolist()  # plain numbers: read once per sentence
    firsts, far_firsts, sizes = side.first.tolist(), far.first.tolist(), side.weight.tolist()
    votes: dict[tuple[int, int], tuple[float, float]] = {}
    for idx, row in home.items():
        first = firsts[idx]
        for k, (sim, partners, where) in enumerate(row):
            if sim < SENTENCE_HINT or not partners:
                continue
            strong = sim >= SENTENCE_MATCH
            if not strong and not _mutual(other.get(partners[0]), where, idx, k):
                continue
            words = float(weights[first + k])
            if where and words >= SHORT_WORDS:  # one sentence or two: whole numbers, exact
                at = far_firsts[partners[0]] + where[0]
                if FRAGMENT_SHARE * words > weights[at] + (weights[at + 1] if len(where) > 1
                                                           else 0):
                    continue
            share = words / sizes[idx]
            for partner in partners:
                key = (idx, partner) if own == 0 else (partner, idx)
                if key not in wanted:
                    continue
                total, firm = votes.get(key, (0.0, 0.0))
                votes[key] = (total + share, firm + (share if strong else 0.0))
    return votes


def _mutual(partner_row: list[_Home] | None, where: tuple[int, ...], idx: int, k: int) -> bool:
    """Whether sentence ``k`` of paragraph ``idx`` is the best match of a sentence it chose."""
    return partner_row is not None and any(
        partner_row[t][1] == (idx,) and k in partner_row[t][2] for t in where)
