"""What the sentences of a candidate pair say about it.

Each sentence finds its best partner in the other paragraph: one sentence,
or two adjacent ones read together (a rewrite that joins or splits
sentences). One sparse product covers a run of paragraphs and all their
candidates at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reader.core.align.candidates import BLOCK
from reader.core.align.sides import Side

SENTENCE_MATCH = 0.20
"""A sentence pair at or above this cosine is taken as saying the same thing."""
SENTENCE_HINT = 0.17
"""Lower cosine that still counts when two sentences choose each other (see ``_votes``)."""

Match = tuple[float, tuple[int, ...]]  # best cosine of one sentence, and where it lies


@dataclass
class Pair:
    """What the sentences of a candidate pair say about it."""

    cosine: float
    from_a: list[Match]  # per sentence of a's paragraph: best in b's
    from_b: list[Match]
    cover_a: float = 0.0
    cover_b: float = 0.0
    mean_a: float = 0.0  # weighted mean of a's sentences' best cosines
    mean_b: float = 0.0
    sims: np.ndarray | None = None  # sentence x sentence cosines (a's rows, b's columns)

    @property
    def strength(self) -> float:
        """How alike the two are: paragraph cosine, or how well sentences match on average.

        Averaging the cosines (not counting sentences above a threshold)
        keeps many weak matches between two paragraphs on one topic from
        looking like one strong rewrite.
        """
        return max(self.cosine, (self.mean_a + self.mean_b) / 2)

    @property
    def best(self) -> float:
        return max([m[0] for m in self.from_a] + [m[0] for m in self.from_b], default=0.0)


def read_sentences(a: Side, b: Side, cands: dict[tuple[int, int], float]) -> dict:
    """Sentence matches of every candidate pair.

    The sentences of a run of a's paragraphs are multiplied at once with the
    sentences of all their candidates (at most ``BLOCK`` cells at a time):
    few large sparse products instead of one small one per pair.
    """
    by_a: dict[int, list[int]] = {}
    for i, j in sorted(cands):
        by_a.setdefault(i, []).append(j)
    sents = a.space.sentences
    weights = a.space.content_words
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
        rb = np.array(sorted(cols), dtype=np.int64)
        r0 = int(a.first[chunk[0]])
        block = (sents[r0:int(a.first[chunk[-1]] + a.count[chunk[-1]])] @ sents[rb].T).toarray()
        for i in chunk:
            ra = slice(int(a.first[i]) - r0, int(a.first[i] + a.count[i]) - r0)
            for j in by_a[i]:
                c0 = int(np.searchsorted(rb, b.first[j]))
                sub = block[ra, c0:c0 + int(b.count[j])]
                pair = Pair(cands[(i, j)], _best_matches(sub, a.adjacent, int(b.first[j])),
                            _best_matches(sub.T, a.adjacent, int(a.first[i])), sims=sub.copy())
                pair.cover_a, pair.mean_a = _cover(pair.from_a, weights, int(a.first[i]))
                pair.cover_b, pair.mean_b = _cover(pair.from_b, weights, int(b.first[j]))
                out[(i, j)] = pair
    return out


def _best_matches(sub: np.ndarray, adjacent: np.ndarray, first: int) -> list[Match]:
    """For each row sentence, its best column target: one sentence or two adjacent ones.

    cos(s, t1 + t2) needs no new vector: (s.t1 + s.t2) / |t1 + t2|, and
    |t1 + t2|^2 = 2 + 2 t1.t2 for unit vectors.
    """
    rows, cols = sub.shape
    if not cols:
        return [(0.0, ())] * rows
    where = sub.argmax(axis=1)
    best = sub[np.arange(rows), where]
    if cols == 1:
        return [(s, (0,)) for s in best.tolist()]
    norms = np.sqrt(2.0 + 2.0 * adjacent[first:first + cols - 1].astype(float))
    joined = (sub[:, :-1] + sub[:, 1:]) / norms[None, :]
    jwhere = joined.argmax(axis=1)
    jbest = joined[np.arange(rows), jwhere]
    return [(jb, (jw, jw + 1)) if jb > b else (b, (w,))
            for b, w, jb, jw in zip(best.tolist(), where.tolist(), jbest.tolist(),
                                    jwhere.tolist())]


def _cover(matches: list[Match], weights: np.ndarray, first: int) -> tuple[float, float]:
    """Share of a paragraph's words in sentences matched (``SENTENCE_HINT``), and mean match."""
    own = weights[first:first + len(matches)].tolist()
    total = float(sum(own)) or 1.0
    sims = [m[0] for m in matches]
    cover = sum([w for s, w in zip(sims, own) if s >= SENTENCE_HINT]) / total
    mean = sum([min(1.0, s) * w for s, w in zip(sims, own)]) / total
    return cover, mean
