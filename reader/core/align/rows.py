"""Lay out N aligned sources as rows a reader can scan across.

Links say which paragraphs correspond; a reader also needs one display order
in which every source keeps its own order and linked paragraphs share a row.
We build it progressively, the way multiple-sequence aligners do: start from
the best-connected source, then fold in each next source with a dynamic
programme over (rows so far) x (its paragraphs). A paragraph may join a row,
start a row of its own, or take part in a one-to-many bead (one paragraph
against up to three consecutive rows, or up to three consecutive paragraphs
into one row), which is how merges and splits end up side by side. Links the
order cannot honour (moved paragraphs) stay links; the reader marks them.
"""

from __future__ import annotations

from collections import defaultdict

Row = list[list[int]]  # per source, the paragraph indices in this row
MAX_BEAD = 3
BEAD_COST = 0.02
"""Cost of each extra member of a bead: with equal evidence, one-to-one wins."""


def _source_order(n: int, weights: dict[tuple[int, int], float]) -> list[int]:
    """Hub first, then greedily the source most tied to those already placed."""
    strength = defaultdict(float)
    for (a, b), w in weights.items():
        strength[a] += w
        strength[b] += w
    order = [max(range(n), key=lambda s: (strength[s], -s))]
    rest = set(range(n)) - set(order)
    while rest:
        nxt = max(rest, key=lambda s: (sum(weights.get((min(s, t), max(s, t)), 0.0)
                                           for t in order), -s))
        order.append(nxt)
        rest.remove(nxt)
    return order


def build_rows(counts: list[int], links: list[tuple[int, int, int, int, float]]) -> list[Row]:
    """Rows for sources with ``counts[s]`` paragraphs linked by ``(a, p, b, q, score)``."""
    n = len(counts)
    score: dict[tuple[int, int], dict[tuple[int, int], float]] = defaultdict(dict)
    pair_weight: dict[tuple[int, int], float] = defaultdict(float)
    for a, p, b, q, w in links:
        score[(a, p)][(b, q)] = w
        score[(b, q)][(a, p)] = w
        pair_weight[(min(a, b), max(a, b))] += w
    order = _source_order(n, pair_weight)
    first = order[0]
    rows: list[Row] = [[[] for _ in range(n)] for _ in range(counts[first])]
    for p, row in enumerate(rows):
        row[first].append(p)
    for s in order[1:]:
        rows = _fold_in(rows, s, counts[s], score, n)
    return rows


def _fold_in(rows: list[Row], s: int, count: int,
             score: dict[tuple[int, int], dict[tuple[int, int], float]], width: int) -> list[Row]:
    """Align source ``s``'s paragraphs against the existing rows."""
    m = len(rows)
    w: dict[tuple[int, int], float] = {}
    for r, row in enumerate(rows):
        for src, paras in enumerate(row):
            for p in paras:
                for (t, q), val in score.get((src, p), {}).items():
                    if t == s:
                        w[(r, q)] = w.get((r, q), 0.0) + val
    # best[r][q]: best score having placed rows[:r] and paragraphs[:q].
    # move[r][q]: (rows consumed, paragraphs consumed) by the last step.
    best = [[0.0] * (count + 1) for _ in range(m + 1)]
    move: list[list[tuple[int, int] | None]] = [[None] * (count + 1) for _ in range(m + 1)]
    for q in range(1, count + 1):
        move[0][q] = (0, 1)
    for r in range(1, m + 1):
        here, above = best[r], best[r - 1]
        steps = move[r]
        here[0], steps[0] = above[0], (1, 0)
        for q in range(1, count + 1):
            skip, alone = above[q], here[q - 1]
            if (r - 1, q - 1) not in w:  # no link ends here: skip the row or start one
                # (skipping wins ties, so an unmatched paragraph stays under its predecessor)
                here[q], steps[q] = (skip, (1, 0)) if skip >= alone else (alone, (0, 1))
                continue
            cands = [(alone, 1, 0, 0, 1), (skip, 2, 0, 1, 0)]  # score, priority, -size, dr, dq
            for dr, dq in _beads(r, q, w):
                gain = sum(w.get((rr, qq), 0.0) for rr in range(r - dr, r)
                           for qq in range(q - dq, q)) - BEAD_COST * (dr + dq - 2)
                # Rounded so that equal evidence ties, and the smaller bead wins a tie.
                cands.append((round(best[r - dr][q - dq] + gain, 9), 3, -dr - dq, dr, dq))
            top = max(cands)
            here[q], steps[q] = top[0], (top[3], top[4])
    return _rebuild(rows, s, count, move, width)


def _beads(r: int, q: int, w: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """One-to-many groupings ending at row r-1 / paragraph q-1 where every member is linked."""
    out = [(1, 1)]
    for k in range(2, MAX_BEAD + 1):
        if r - k >= 0 and all((rr, q - 1) in w for rr in range(r - k, r)):
            out.append((k, 1))
        if q - k >= 0 and all((r - 1, qq) in w for qq in range(q - k, q)):
            out.append((1, k))
    return out


def _rebuild(rows: list[Row], s: int, count: int,
             move: list[list[tuple[int, int] | None]], width: int) -> list[Row]:
    steps = []
    r, q = len(rows), count
    while r or q:
        dr, dq = move[r][q]
        steps.append((r - dr, dr, q - dq, dq))
        r, q = r - dr, q - dq
    out: list[Row] = []
    for r0, dr, q0, dq in reversed(steps):
        if dr == 0:
            row: Row = [[] for _ in range(width)]
            row[s] = list(range(q0, q0 + dq))
            out.append(row)
            continue
        merged: Row = [[] for _ in range(width)]
        for rr in range(r0, r0 + dr):
            for src, paras in enumerate(rows[rr]):
                merged[src].extend(paras)
        merged[s].extend(range(q0, q0 + dq))
        out.append(merged)
    return out
