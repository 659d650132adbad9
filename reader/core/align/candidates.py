"""Which paragraph pairs of two sources are worth a closer look.

Every paragraph keeps its few strongest partners on the other side, found by
sparse products a block at a time; large sources go through their rarest
words and a band at the same relative place, so time and memory stay
bounded by the paragraph counts, not their product.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy import sparse

from reader.core.align.sides import Side
from reader.core.align.similarity import WORD, dense_product, row_dots

CANDIDATES_PER_PARAGRAPH = 6
CANDIDATE_SPREAD = 0.25
"""Candidates scoring below this share of a paragraph's best one are not looked at."""
CANDIDATE_FLOOR = 0.04
FULL_SCORING = 250_000
"""Up to this many paragraph pairs, score them on all features; above, on rare words only."""
INDEX_TERMS = 12
"""Large sources: the rarest words of each paragraph that propose its candidates."""
INDEX_BUDGET = 60_000_000
"""Large sources: word-pair multiplications the candidate search may spend."""
BAND = 24
"""Large sources: pairs this close to the same relative place are always looked at."""
BLOCK = 4_000_000
"""Cells of one dense block of paragraph scores: bounds the memory of the candidate search."""
POSITION_NUDGE = 0.01
"""Ranking bonus for candidates at the same relative place: breaks ties between copies."""


def _index_vectors(a: Side, b: Side, cap: int | None):
    """What proposes candidates on large sources: each paragraph's rarest words.

    A word present in thousands of paragraphs decides nothing and costs the
    most; keeping each paragraph's ``INDEX_TERMS`` rarest words, and (with
    ``cap``) only words in at most that many paragraphs, bounds the work by
    the paragraph count, not its square.
    """
    va, vb = a.vectors, b.vectors
    df = np.bincount(va.indices, minlength=va.shape[1]) + np.bincount(vb.indices,
                                                                       minlength=vb.shape[1])
    usable = a.space.kinds == WORD
    if cap is not None:
        usable &= df <= cap
    return _rarest(va, usable, df), _rarest(vb, usable, df)


def _rarest(v: sparse.csr_matrix, usable: np.ndarray, df: np.ndarray) -> sparse.csr_matrix:
    """Each row reduced to its ``INDEX_TERMS`` rarest usable features."""
    coo = v.tocoo()
    ok = usable[coo.col]
    rows, cols, vals = coo.row[ok], coo.col[ok], coo.data[ok]
    order = np.lexsort((df[cols], rows))
    rows, cols, vals = rows[order], cols[order], vals[order]
    starts = np.searchsorted(rows, np.arange(v.shape[0]))
    keep = np.arange(len(rows)) - starts[rows] < INDEX_TERMS
    return sparse.csr_matrix((vals[keep], (rows[keep], cols[keep])), shape=v.shape)


def _top(first: np.ndarray, second: np.ndarray, rank: np.ndarray, k: int) -> np.ndarray:
    """Mask of the ``k`` best-ranked entries for each value of ``first``."""
    order = np.lexsort((-rank, first))
    sorted_first = first[order]
    starts = np.searchsorted(sorted_first, sorted_first, side="left")
    keep = np.zeros(len(first), dtype=bool)
    keep[order[np.arange(len(order)) - starts < k]] = True
    return keep


def candidates(a: Side, b: Side) -> dict[tuple[int, int], float]:
    """Paragraph pairs worth a closer look, with their exact cosine.

    Small sources (``FULL_SCORING``): every pair is scored on all features.
    Large ones: rare words propose pairs (``_index_vectors``), plus a band
    of pairs at the same relative place, for text too repetitive for any
    word to be rare; products are taken a block of rows at a time. Either
    way each paragraph on either side keeps its ``CANDIDATES_PER_PARAGRAPH``
    strongest, so memory stays bounded whatever the size of the sources.
    """
    n, m = len(a), len(b)
    if not n or not m:
        return {}
    if n * m <= FULL_SCORING:
        return _prune(*_dense_candidates(dense_product(a.vectors, b.vectors_t)))
    qa, qb = _index_vectors(a, b, max(16, INDEX_BUDGET // (INDEX_TERMS * max(n, m))))
    qbt = qb.T.tocsr()
    ii, jj, vv = [], [], []
    step = max(1, BLOCK // (INDEX_TERMS * 64))
    for lo in range(0, n, step):
        block = (qa[lo:lo + step] @ qbt).tocoo()
        ii.append(block.row.astype(np.int64) + lo)
        jj.append(block.col.astype(np.int64))
        vv.append(block.data.astype(np.float32))
    centre = np.round(np.arange(n) * (m / n)).astype(np.int64)
    bi = np.repeat(np.arange(n), 2 * BAND + 1)
    bj = (centre[:, None] + np.arange(-BAND, BAND + 1)[None, :]).ravel()
    inside = (bj >= 0) & (bj < m)
    ra, rb = _index_vectors(a, b, None)
    ii.append(bi[inside])
    jj.append(bj[inside])
    vv.append(row_dots(ra, bi[inside], rb, bj[inside]))
    i, j, v = np.concatenate(ii), np.concatenate(jj), np.concatenate(vv)
    rank = v - POSITION_NUDGE * np.abs(i / max(1, n - 1) - j / max(1, m - 1))
    keep = _top(i, j, rank, CANDIDATES_PER_PARAGRAPH) | _top(j, i, rank, CANDIDATES_PER_PARAGRAPH)
    i, j = i[keep], j[keep]
    cos = row_dots(a.vectors, i, b.vectors, j)
    above = cos.astype(float) >= CANDIDATE_FLOOR  # in double, as the floor is written
    return _prune(i[above], j[above], cos[above])


def _dense_candidates(cos: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Small sources: each paragraph's strongest partners from the full score matrix."""
    n, m = cos.shape
    place = np.abs(_spread(n)[:, None] - _spread(m)[None, :])
    rank = cos - POSITION_NUDGE * place
    keep = _best_in_rows(rank, min(CANDIDATES_PER_PARAGRAPH, m))
    keep |= _best_in_rows(rank.T, min(CANDIDATES_PER_PARAGRAPH, n)).T
    keep &= cos >= CANDIDATE_FLOOR
    rows, cols = np.nonzero(keep)
    return rows, cols, cos[rows, cols]


@lru_cache(maxsize=32)
def _spread(n: int) -> np.ndarray:
    """``np.linspace(0, 1, n)``, the relative places of n paragraphs, made once per count:
    the sources of one comparison have a few counts between them, met in every pair."""
    spread = np.linspace(0, 1, n)
    spread.setflags(write=False)
    return spread


def _best_in_rows(rank: np.ndarray, k: int) -> np.ndarray:
    """Mask of the ``k`` highest-ranked cells of each row, as ``argpartition`` picks them.

    The k-th highest value of each row (``partition``: a third of the time of
    ``argpartition``) marks them, unless it ties with another: there the choice
    among equals is ``argpartition``'s, so those rows are asked of it.
    """
    m = rank.shape[1]
    keep = rank >= np.partition(rank, m - k, axis=1)[:, m - k:m - k + 1]
    for row in np.flatnonzero(keep.sum(axis=1) > k):
        keep[row] = False
        keep[row, np.argpartition(-rank[row], k - 1)[:k]] = True
    return keep


def _prune(i: np.ndarray, j: np.ndarray, cos: np.ndarray) -> dict[tuple[int, int], float]:
    """Keep, for every paragraph on either side, only candidates not far behind its best.

    ``(i[k], j[k])`` scores ``cos[k]``; the result keeps their order.
    """
    if not len(cos):
        return {}
    cos = cos.astype(float)
    best_a = np.zeros(int(i.max()) + 1)
    best_b = np.zeros(int(j.max()) + 1)
    np.maximum.at(best_a, i, cos)
    np.maximum.at(best_b, j, cos)
    keep = (cos >= CANDIDATE_SPREAD * best_a[i]) | (cos >= CANDIDATE_SPREAD * best_b[j])
    return dict(zip(zip(i[keep].tolist(), j[keep].tolist()), cos[keep].tolist()))


def best_by(score: dict[tuple[int, int], float]):
    """Each paragraph's best-scoring partner on the other side.

    Returns ({i: (score, j)}, {j: (score, i)}).
    """
    best_a: dict[int, tuple[float, int]] = {}
    best_b: dict[int, tuple[float, int]] = {}
    for (i, j), s in score.items():
        if s > best_a.get(i, (-1.0, -1))[0]:
            best_a[i] = (s, j)
        if s > best_b.get(j, (-1.0, -1))[0]:
            best_b[j] = (s, i)
    return best_a, best_b
