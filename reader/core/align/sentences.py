"""What the sentences of a candidate pair say about it.

Each sentence finds its best partner in the other paragraph: one sentence,
or two adjacent ones read together (a rewrite that joins or splits
sentences). One sparse product covers a run of paragraphs and all their
candidates at once.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from reader.core.align.candidates import BLOCK
from reader.core.align.sides import Side
from reader.core.align.similarity import dense_product

SENTENCE_MATCH = 0.20
"""A sentence pair at or above this cosine is taken as saying the same thing."""
SENTENCE_HINT = 0.17
"""Lower cosine that still counts when two sentences choose each other (see ``_votes``)."""

WHOLE_SIDE = 2
"""When a run's candidates hold at least 1 / WHOLE_SIDE of the other side's sentences, they
are multiplied with all of them (transposed once per side, ``Side.sentences_t``): the
extra columns cost less than cutting and transposing the wanted ones for every run (a block
then holds at most WHOLE_SIDE x ``BLOCK`` cells). The cosines are the same either way: each
cell sums the same products in the same order."""

Match = tuple[float, tuple[int, ...]]  # best cosine of one sentence, and where it lies


class Pair:
    """What the sentences of a candidate pair say about it.

    One is made for every candidate read (some 19,000 for 20 sources), but
    most are only asked how strong they are: each sentence's best match and
    the pair's sentence cosines are cut out of the block they were read in
    (``_Reading``) only when asked for.
    """

    __slots__ = ("cosine", "cover_a", "cover_b", "mean_a", "mean_b", "matched", "best",
                 "_from_a", "_from_b", "_sims", "_reading", "_at")

    def __init__(self, cosine: float, from_a: list[Match] | None = None,
                 from_b: list[Match] | None = None, cover_a: float = 0.0, cover_b: float = 0.0,
                 mean_a: float = 0.0, mean_b: float = 0.0, sims: np.ndarray | None = None,
                 matched: tuple[int, int] = (0, 0), best: float | None = None,
                 reading: _Reading | None = None, at: int = 0) -> None:
        self.cosine = cosine
        self.cover_a, self.cover_b = cover_a, cover_b
        self.mean_a, self.mean_b = mean_a, mean_b  # weighted mean of each side's best cosines
        self.matched = matched  # sentences matched at SENTENCE_HINT or better, a then b
        self._from_a, self._from_b, self._sims = from_a, from_b, sims
        self._reading, self._at = reading, at  # where the rest is, when not given
        self.best = best if best is not None else max(  # the best sentence cosine either way
            [m[0] for m in self.from_a] + [m[0] for m in self.from_b], default=0.0)

    @property
    def from_a(self) -> list[Match]:
        """Per sentence of a's paragraph: its best cosine in b's, and where that lies."""
        if self._from_a is None:
            self._from_a = self._reading.matches(self._at)
        return self._from_a

    @property
    def from_b(self) -> list[Match]:
        """Per sentence of b's paragraph: its best cosine in a's, and where that lies."""
        if self._from_b is None:
            self._from_b = self._reading.matches(self._at + self._reading.pairs)
        return self._from_b

    @property
    def sims(self) -> np.ndarray | None:
        """Sentence x sentence cosines (a's rows, b's columns)."""
        if self._sims is None and self._reading is not None:
            self._sims = self._reading.cosines(self._at)
        return self._sims

    @property
    def strength(self) -> float:
        """How alike the two are: paragraph cosine, or how well sentences match on average.

        Averaging the cosines (not counting sentences above a threshold)
        keeps many weak matches between two paragraphs on one topic from
        looking like one strong rewrite.
        """
        return max(self.cosine, (self.mean_a + self.mean_b) / 2)


class _Reading:
    """Every sentence's best match in one block of pairs, for their ``Pair``s to cut out.

    Segment ``k`` (a's sentences in b's paragraph) and ``k + pairs`` (b's in
    a's) are pair k's; ``flat[starts[k]:starts[k + 1]]`` its cosines, row-major.
    """

    __slots__ = ("pairs", "sims", "at", "two", "ends", "most", "flat", "starts", "shapes",
                 "_matches")

    def __init__(self, sims: np.ndarray, at: np.ndarray, two: np.ndarray, ends: list[int],
                 most: int, flat: np.ndarray, starts: list[int], shapes: list[tuple[int, int]]
                 ) -> None:
        self.pairs = len(shapes)
        self.sims, self.at, self.two, self.ends, self.most = sims, at, two, ends, most
        self.flat, self.starts, self.shapes = flat, starts, shapes
        self._matches: list[Match] | None = None

    def matches(self, segment: int) -> list[Match]:
        """The matches of one segment; those of all are made at the first request (when one
        pair of a block is asked, others are: two sources that differ much ask most)."""
        if self._matches is None:
            self._matches = list(zip(self.sims.tolist(), _places(self.at, self.two, self.most)))
        return self._matches[self.ends[segment]:self.ends[segment + 1]]

    def cosines(self, k: int) -> np.ndarray:
        """Pair k's sentence cosines, a's sentences in rows (a view of the block's)."""
        return self.flat[self.starts[k]:self.starts[k + 1]].reshape(self.shapes[k])


def read_sentences(a: Side, b: Side, cands: dict[tuple[int, int], float]) -> dict:
    """Sentence matches of every candidate pair.

    All sentences of the two sources are multiplied at once where they are few
    enough (``Side.sentence_cosines``); else the sentences of a run of a's
    paragraphs with the sentences of all their candidates (at most ``BLOCK``
    cells at a time): few large sparse products instead of one small one per
    pair. The best matches of all pairs of a block are then found together,
    by segment reductions over their sub-blocks laid end to end, not pair by
    pair.
    """
    if not cands:
        return {}
    whole = a.sentence_cosines(b)
    if whole is not None:  # all of the two sources' sentence cosines at hand: one block
        return _read_block(whole, sorted(cands), cands, a, b, a.sentence_span.start,
                           np.arange(b.sentence_span.start, b.sentence_span.stop))
    by_a: dict[int, list[int]] = {}
    for i, j in sorted(cands):
        by_a.setdefault(i, []).append(j)
    sents = a.space.sentences
    out: dict[tuple[int, int], Pair] = {}
    units = sorted(by_a)
    start = 0
    while start < len(units):
        chunk, cols = [], set()
        for i in units[start:]:
            wanted = {r for j in by_a[i] for r in b.sentence_rows(j)}
            rows = int(a.first[i] + a.count[i] - a.first[units[start]])
            if chunk and rows * len(cols | wanted) > BLOCK:
                break
            chunk.append(i)
            cols |= wanted
        start += len(chunk)
        r0 = int(a.first[chunk[0]])
        rows = sents[r0:int(a.first[chunk[-1]] + a.count[chunk[-1]])]
        if len(cols) * WHOLE_SIDE >= len(b.sentence_span):
            rb = np.arange(b.sentence_span.start, b.sentence_span.stop)
            block = dense_product(rows, b.sentences_t)
        else:
            rb = np.array(sorted(cols), dtype=np.int64)
            block = dense_product(rows, sents[rb].T.tocsr())
        keys = [(i, j) for i in chunk for j in by_a[i]]
        out.update(_read_block(block, keys, cands, a, b, r0, rb))
    return out


def _read_block(block: np.ndarray, keys: list[tuple[int, int]], cands: dict, a: Side, b: Side,
                r0: int, rb: np.ndarray) -> dict[tuple[int, int], Pair]:
    """The ``Pair`` of every candidate in ``keys`` from one block of sentence cosines.

    Each pair's sub-block is copied out twice, row by row (a's sentences
    looking into b's paragraph) and column by column (b's into a's), into
    flat arrays where every sentence's candidates form one segment.
    """
    ii = np.array([k[0] for k in keys], dtype=np.int64)
    jj = np.array([k[1] for k in keys], dtype=np.int64)
    h, w = a.count[ii], b.count[jj]
    row0 = a.first[ii] - r0
    col0 = np.searchsorted(rb, b.first[jj])
    size = h * w
    start = np.concatenate([[0], np.cumsum(size)])
    pair = np.repeat(np.arange(len(keys)), size)
    t = np.arange(int(start[-1])) - start[pair]
    r, c = t // w[pair], t % w[pair]
    flat = block[row0[pair] + r, col0[pair] + c]  # each pair's rows, one after another
    ct, rt = t // h[pair], t % h[pair]
    flat_t = block[row0[pair] + rt, col0[pair] + ct]  # each pair's columns
    # a's sentences looking into b's paragraphs, then b's into a's: one segment per
    # sentence either way, so both directions go through each reduction at once
    rows, cols = np.concatenate([h, w]), np.concatenate([w, h])
    firsts = np.concatenate([a.first[ii], b.first[jj]])
    sims, at, two = _best_matches(np.concatenate([flat, flat_t]), rows, cols,
                                  np.concatenate([b.first[jj], a.first[ii]]), a.adjacent)
    cover, mean, hits = _cover(sims, a.space.content_words, firsts, rows)
    ends = np.concatenate([[0], np.cumsum(rows)])
    best = np.maximum.reduceat(sims, ends[:-1]) if len(sims) else sims
    best = np.maximum(best[:len(keys)], best[len(keys):]).tolist()
    reading = _Reading(sims, at, two, ends.tolist(), int(cols.max()) if len(cols) else 0, flat,
                       start.tolist(), list(zip(h.tolist(), w.tolist())))
    out = {}
    for k, key in enumerate(keys):
        o = k + len(keys)  # the same pair seen from b
        out[key] = Pair(cands[key], None, None, cover[k], cover[o], mean[k], mean[o], None,
                        (hits[k], hits[o]), best[k], reading, k)
    return out


@lru_cache(maxsize=None)
def _place_table(size: int) -> np.ndarray:
    """The places ``(k,)`` then ``(k, k + 1)`` for k < size, as one array of shared tuples."""
    table = np.empty(2 * size, dtype=object)
    table[:] = [(k,) for k in range(size)] + [(k, k + 1) for k in range(size)]
    return table


def _places(at: np.ndarray, joined: np.ndarray, most: int) -> list[tuple[int, ...]]:
    """Each best match's place: ``(k,)``, or ``(k, k + 1)`` for two sentences read together
    (``most``: the longest paragraph; tables come in powers of two, so few are made)."""
    size = 1 << (most - 1).bit_length()
    return _place_table(size)[at + joined * size].tolist()


def _best_matches(flat: np.ndarray, rows: np.ndarray, cols: np.ndarray, first: np.ndarray,
                  adjacent: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each row sentence of each pair, its best column target: one sentence or two
    adjacent ones. ``flat`` holds each pair's ``rows x cols`` cosines, row-major, pair
    after pair; columns are sentences ``first, first + 1, ...`` of the other side.

    cos(s, t1 + t2) needs no new vector: (s.t1 + s.t2) / |t1 + t2|, and
    |t1 + t2|^2 = 2 + 2 t1.t2 for unit vectors. Returns each row's best cosine,
    where it lies (column index within the pair) and whether it is that column
    read with the next.
    """
    seg_len = np.repeat(cols, rows)  # one segment per row sentence
    ends = np.cumsum(seg_len)
    starts = ends - seg_len
    best, where = _segment_best(flat, starts, seg_len)
    # the column sentence of each cell, and whether the next cell is in its segment
    target = np.arange(len(flat)) + np.repeat(np.repeat(first, rows) - starts, seg_len)
    inner = np.ones(len(flat), dtype=bool)
    inner[ends - 1] = False
    norms = np.sqrt(2.0 + 2.0 * adjacent[target[inner]].astype(float))
    joined = (flat[:-1] + flat[1:])[inner[:-1]] / norms if len(flat) > 1 else np.zeros(0)
    two = seg_len > 1
    lengths = seg_len[two] - 1
    jbest, jwhere = _segment_best(joined, np.cumsum(lengths) - lengths, lengths)
    take = np.zeros(len(seg_len), dtype=bool)
    take[two] = jbest > best[two]
    sims = best.astype(float)
    sims[take] = jbest[take[two]]
    at = where.copy()
    at[take] = jwhere[take[two]]
    return sims, at, take


def _segment_best(values: np.ndarray, starts: np.ndarray, lengths: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Maximum of each run of ``lengths`` consecutive values (all > 0) beginning at
    ``starts``, and the first place it occurs within its run (as ``argmax`` would give)."""
    if not len(lengths):
        return np.zeros(0, values.dtype), np.zeros(0, np.int64)
    top = np.maximum.reduceat(values, starts)
    place = np.where(values == np.repeat(top, lengths), np.arange(len(values)), len(values))
    return top, np.minimum.reduceat(place, starts) - starts


def _cover(sims: np.ndarray, weights: np.ndarray, first: np.ndarray, count: np.ndarray
           ) -> tuple[list[float], list[float], list[int]]:
    """Share of each paragraph's words in sentences matched (``SENTENCE_HINT``), its
    weighted mean match, and how many of its sentences are matched; ``sims`` runs over
    the paragraphs' sentences, ``count`` each.

    The mean is summed sentence by sentence in order (``np.add.at`` adds in the
    order given, unbuffered), so it rounds exactly as a plain running sum does.
    """
    seg = np.repeat(np.arange(len(count)), count)
    pos = np.arange(len(seg)) - np.repeat(np.cumsum(count) - count, count)
    own = weights[first[seg] + pos]
    total = np.bincount(seg, weights=own, minlength=len(count))
    total[total == 0] = 1.0
    matched = sims >= SENTENCE_HINT
    hit = np.bincount(seg, weights=np.where(matched, own, 0), minlength=len(count))
    mean = np.zeros(len(count))
    np.add.at(mean, seg, np.minimum(1.0, sims) * own)
    return (hit / total).tolist(), (mean / total).tolist(), \
        np.bincount(seg[matched], minlength=len(count)).tolist()
