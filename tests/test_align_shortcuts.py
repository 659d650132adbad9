"""The alignment's shortcuts give what the plain way of computing gives.

Each speed-up in ``reader/core/align`` claims to change no result: these tests
compute the same thing the plain way (the code it replaced, or a brute force
written from the definition) and compare, on random inputs with many ties and
on the bundled sample articles.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import numpy as np

from reader.core.align.candidates import _best_in_rows, candidates
from reader.core.align.links import _capped, _uncross, link_pair
from reader.core.align.sentences import _places, read_sentences
from reader.core.align.sides import prepare
from reader.core.align.votes import votes
from reader.core.load.documents import document_from_text

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def _seed_sides():
    return prepare([document_from_text(p.read_text(encoding="utf-8"), str(p)) for p in SEEDS])


def test_best_in_rows_picks_what_argpartition_picks_even_among_ties():
    """Coarse values (a few levels) make ties at the k-th place common."""
    rng = np.random.default_rng(7)
    for _ in range(300):
        n, m = rng.integers(1, 12, size=2)
        rank = rng.integers(0, 4, size=(n, m)).astype(float) / 4
        k = int(rng.integers(1, m + 1))
        want = np.zeros((n, m), dtype=bool)
        np.put_along_axis(want, np.argpartition(-rank, k - 1, axis=1)[:, :k], True, axis=1)
        assert np.array_equal(_best_in_rows(rank, k), want)


def _uncross_by_hand(how: dict, strength: dict) -> dict:
    """The definition: strongest first, a link goes if it crosses one kept before it."""
    rank = {"anchor": 0, "clear": 1}
    kept: list[tuple[int, int]] = []
    out = dict(how)
    for i, j in sorted((k for k, h in how.items() if h != "moved"),
                       key=lambda k: (rank.get(how[k], 2), -strength.get(k, 0.0), k)):
        if any((x < i and y > j) or (x > i and y < j) for x, y in kept):
            del out[(i, j)]
        else:
            kept.append((i, j))
    return out


def test_uncross_keeps_what_checking_every_kept_link_keeps():
    """Anchors are one chain in story order (``_heaviest_chain``); the rest anywhere."""
    rnd = random.Random(3)
    for _ in range(300):
        size = rnd.randrange(0, 6)
        chain = zip(sorted(rnd.sample(range(12), size)), sorted(rnd.sample(range(12), size)))
        how = {k: "anchor" for k in chain}
        for _ in range(rnd.randrange(1, 25)):
            how.setdefault((rnd.randrange(12), rnd.randrange(12)),
                           rnd.choice(["clear", "votes", "moved", "order"]))
        strength = {k: rnd.choice([0.2, 0.4, 0.6]) for k in how}
        want = _uncross_by_hand(how, strength)
        _uncross(how, strength)
        assert how == want


def test_votes_of_some_pairs_are_those_counted_over_all():
    """Votes are worked out for the pairs asked only; each must be what counting every
    sentence of both sources gives."""
    sides = _seed_sides()
    checked = 0
    for a, b in itertools.combinations(sides, 2):
        cands = candidates(a, b)
        pairs = read_sentences(a, b, cands)
        every = list(pairs)
        all_a, all_b = votes(pairs, a, b, {}, every)
        some = every[::3]
        some_a, some_b = votes(pairs, a, b, {}, some)
        for k in some:
            assert some_a.get(k) == all_a.get(k) and some_b.get(k) == all_b.get(k)
            checked += (k in all_a) + (k in all_b)
    assert checked >= 10


def test_a_pair_read_in_a_block_says_what_its_own_cosines_say():
    """The lazily cut matches and cosines of every pair agree with each other: each
    sentence's best single match is its row's maximum, the pair's best is the best of
    its matches, and the cosine block has one row per sentence of a's paragraph."""
    sides = _seed_sides()
    a, b = sides[0], sides[1]
    pairs = read_sentences(a, b, candidates(a, b))
    assert pairs
    for (i, j), pair in pairs.items():
        assert pair.sims.shape == (a.count[i], b.count[j])
        assert len(pair.from_a) == a.count[i] and len(pair.from_b) == b.count[j]
        assert pair.best == max(m[0] for m in pair.from_a + pair.from_b)
        for row, (sim, where) in zip(pair.sims, pair.from_a):
            assert sim >= float(row.max()) and where[0] < len(row)
            if len(where) == 1:
                assert sim == float(row.max()) and where[0] == int(row.argmax())


def test_places_are_one_sentence_or_two_adjacent():
    at = np.array([0, 3, 1, 0])
    two = np.array([False, False, True, True])
    assert _places(at, two, 5) == [(0,), (3,), (1, 2), (0, 1)]


def test_covers_estimated_from_lengths_round_as_round_does():
    """``round(min(1.0, x), 4)`` of a numpy number: numpy's rounding, and a plain 1.0
    from 1 up; the same numbers and types all at once."""
    ratio = np.array([0.123456, 0.99999, 1.0, 2.5, 1 / 3, 0.00005, 7 / 9])
    assert [(x, type(x)) for x in _capped(ratio)] == \
        [(round(min(1.0, r), 4), type(round(min(1.0, r), 4))) for r in ratio]


def test_link_pair_is_the_same_whichever_pairs_came_before():
    """Sides keep per-pair caches (the last pair's sentence cosines): aligning a pair
    after another must give what aligning it first gives."""
    sides = _seed_sides()
    first = link_pair(sides[2], sides[3])
    link_pair(sides[0], sides[1])
    link_pair(sides[0], sides[3])
    assert link_pair(sides[2], sides[3]) == first
