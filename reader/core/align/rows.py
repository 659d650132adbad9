"""Lay out N aligned sources as rows a reader can scan across.

Links say which paragraphs correspond; a reader also needs one display order
in which every source keeps its own order and linked paragraphs share a row.
We build it progressively, the way multiple-sequence aligners do: start from
the best-connected source, then fold in each next source by the heaviest
chain of links between (rows so far) and (its paragraphs) in order. A
paragraph may join a row, start a row of its own, or take part in a
one-to-many bead (one paragraph spanning consecutive rows, or consecutive
paragraphs in one row), which is how merges and splits end up side by side. Links the
order cannot honour (moved paragraphs) stay links; the reader marks them.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

Row = list[list[int]]  # per source, the paragraph indices in this row
MAX_BEAD = 3
"""Most cells in one split or merge run (one paragraph against up to three rows, or three
paragraphs in one row)."""
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
    """Rows for sources with ``counts[s]`` paragraphs linked by ``(a, p, b, q, score)``.

    A pair of paragraphs given twice (either way round) weighs what it was given last.
    """
    n = len(counts)
    ties = _Ties(counts, links)
    order = _source_order(n, ties.pair_weights())
    layout = _Layout(counts, order[0])
    for s in order[1:]:
        _fold_in(layout, s, ties)
    return layout.rows


class _Ties:
    """The links as arrays, each both ways round and grouped by the source it leads to:
    folding in a source reads only its own links (not every link of every row)."""

    def __init__(self, counts: list[int], links: list[tuple[int, int, int, int, float]]) -> None:
        cols = list(zip(*links)) or [()] * 5
        a, p, b, q = (np.array(c, dtype=np.int64) for c in cols[:4])
        self.links_w = np.array(cols[4], dtype=np.float64)
        self.a, self.b, self.n = a, b, len(counts)
        offset = np.concatenate(([0], np.cumsum(counts, dtype=np.int64)))
        # link k makes entries 2k (from a's paragraph to b) and 2k + 1 (from b's to a),
        # so that entries keep the links' order
        source, para = np.stack((a, b), axis=1).ravel(), np.stack((p, q), axis=1).ravel()
        to = np.stack((b, a), axis=1).ravel()
        self.q = np.stack((q, p), axis=1).ravel()  # the paragraph of the source led to
        self.w = np.repeat(self.links_w, 2)
        valid = (para >= 0) & (para < np.asarray(counts, dtype=np.int64)[source])
        self.para = np.where(valid, offset[source] + para, -1)  # -1: in no row
        self.by_target = np.argsort(to, kind="stable")
        self.bounds = np.searchsorted(to[self.by_target], np.arange(self.n + 1))

    def pair_weights(self) -> dict[tuple[int, int], float]:
        """Summed weight per pair of sources (smaller first), pairs in order of first link."""
        if not len(self.a):
            return {}
        key = np.minimum(self.a, self.b) * self.n + np.maximum(self.a, self.b)
        pairs, first, which = np.unique(key, return_index=True, return_inverse=True)
        sums = np.bincount(which.ravel(), weights=self.links_w)  # in link order, as += would
        return {divmod(int(pairs[k]), self.n): float(sums[k]) for k in np.argsort(first).tolist()}

    def toward(self, s: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(global paragraph of the other side, paragraph of s, weight) of s's links, in order."""
        at = self.by_target[self.bounds[s]:self.bounds[s + 1]]
        return self.para[at], self.q[at], self.w[at]


class _Layout:
    """The rows so far, and the row each placed paragraph is in.

    A row keeps an id while it only grows (a new source's paragraphs join it);
    ``row_of`` maps global paragraph numbers (``offset[s] + p``) to row ids, so
    folding in a source need not walk every paragraph of every row.
    """

    def __init__(self, counts: list[int], first: int) -> None:
        width = len(counts)
        self.offset = np.concatenate(([0], np.cumsum(counts, dtype=np.int64)))
        self.rows: list[Row] = [[[] for _ in range(width)] for _ in range(counts[first])]
        for p, row in enumerate(self.rows):
            row[first].append(p)
        self.ids = list(range(counts[first]))
        self.row_of = np.full(int(self.offset[-1]), -1, dtype=np.int64)
        self.row_of[self.offset[first]:self.offset[first + 1]] = self.ids

    def positions(self, paras: np.ndarray) -> np.ndarray:
        """Row index of each global paragraph (-1: not placed yet, or no paragraph)."""
        pos = np.full(max(self.ids, default=-1) + 2, -1, dtype=np.int64)  # pos[-1]: row id -1
        pos[self.ids] = np.arange(len(self.ids))
        return np.where(paras >= 0, pos[self.row_of[paras]], -1)


def _cell_weights(layout: _Layout, s: int, count: int, ties: _Ties) -> dict[tuple[int, int], float]:
    """Weight of each linked (row, paragraph of s) cell: its links summed, in the order of
    the row's sources and paragraphs (as a walk over the rows would add them)."""
    para, q, w = ties.toward(s)
    r = layout.positions(para)
    keep = r >= 0
    para, q, w, r = para[keep], q[keep], w[keep], r[keep]
    total = len(layout.row_of) + 1
    key = (r * (count + 1) + q) * total + para
    order = np.argsort(key, kind="stable")
    key = key[order]
    last = np.ones(len(key), dtype=bool)
    last[:-1] = key[1:] != key[:-1]  # one pair given again: the last weight counts
    order, key = order[last], key[last]
    cell = key // total
    start = np.ones(len(cell), dtype=bool)
    start[1:] = cell[1:] != cell[:-1]
    sums = np.bincount(np.cumsum(start) - 1, weights=w[order])
    rows_q = cell[start]
    return dict(zip(zip((rows_q // (count + 1)).tolist(), (rows_q % (count + 1)).tolist()),
                    sums.tolist()))


def _fold_in(layout: _Layout, s: int, ties: _Ties) -> None:
    """Align source ``s``'s paragraphs against the existing rows.

    The heaviest chain of linked (row, paragraph) cells in order on both
    sides. A step may also stay on the same row (the row takes the next
    paragraph too: a split) or on the same paragraph (it spans the next row
    too: a merge), at ``BEAD_COST`` each and at most ``MAX_BEAD`` cells in
    one such run; a split never turns into a merge mid-run, or a staircase
    of re-paragraphed text would fuse into one giant row. Only linked cells
    are visited, so the work grows with the links, not rows x paragraphs.
    """
    count = int(layout.offset[s + 1] - layout.offset[s])
    w = _cell_weights(layout, s, count, ties)
    # state of a chain ending at a cell: (cell, step, run), step 0 = new row, 1 = split, 2 = merge
    best: dict[tuple[int, int], list[tuple[float, int, int, tuple | None]]] = {}
    tree = _PrefixBest(count)
    pending: list[tuple[int, int]] = []
    for cell, weight in w.items():  # in (row, paragraph) order
        r, q = cell
        if pending and pending[0][0] != r:  # a new row: earlier rows become reachable
            for done in pending:
                states = best[done]
                k = 0
                for i in range(1, len(states)):  # the first of the best
                    if states[i][0] > states[k][0]:
                        k = i
                tree.offer(done[1], states[k][0], (done, k))
            pending = []
        start_from = tree.best_before(q)
        states = [(max(0.0, start_from[0]) + weight, 0, 1,
                   start_from[1] if start_from[0] > 0 else None)]
        for step, prev in ((1, (r, q - 1)), (2, (r - 1, q))):
            for k, (val, kind, run, _) in enumerate(best.get(prev, ())):
                if kind in (0, step) and run < MAX_BEAD:
                    states.append((val - BEAD_COST + weight, step, run + 1, (prev, k)))
        best[cell] = states
        pending.append(cell)
    chain: list[tuple[tuple[int, int], int]] = []
    node = max(((st[0], c, k) for c, sts in best.items() for k, st in enumerate(sts)),
               default=None)
    at = (node[1], node[2]) if node else None
    while at is not None:
        cell, k = at
        chain.append((cell, best[cell][k][1]))
        at = best[cell][k][3]
    _rebuild(layout, s, count, chain[::-1])


class _PrefixBest:
    """Best (total, chain end) among chain ends offered at paragraph positions below a bound."""

    def __init__(self, n: int) -> None:
        self.tree: list[tuple[float, object]] = [(float("-inf"), None)] * (n + 1)

    def offer(self, q: int, value: float, cell: object) -> None:
        pos = q + 1
        while pos < len(self.tree):
            if value > self.tree[pos][0]:
                self.tree[pos] = (value, cell)
            pos += pos & -pos

    def best_before(self, q: int) -> tuple[float, object]:
        out: tuple[float, object] = (float("-inf"), None)
        pos = q
        while pos > 0:
            if self.tree[pos][0] > out[0]:
                out = self.tree[pos]
            pos -= pos & -pos
        return out


def _rebuild(layout: _Layout, s: int, count: int,
             chain: list[tuple[tuple[int, int], int]]) -> None:
    """New rows: the chain's cells joined (a split or merge run is one row), the rest in order.

    Between two joined rows, the new source's unlinked paragraphs come first,
    right under their predecessor, then the existing rows. A row that only
    takes paragraphs of s is extended where it is (it keeps its id).
    """
    rows, ids = layout.rows, layout.ids
    width = len(layout.offset) - 1
    runs: list[list[int]] = []  # [r0, q0, r1, q1]: a run's cells go right and down from its first
    for (r, q), step in chain:
        if runs and step:
            runs[-1][2:] = r, q
        else:
            runs.append([r, q, r, q])
    runs.append([len(rows), count, len(rows), count])
    out: list[Row] = []
    out_ids: list[int] = []
    next_id = max(ids, default=-1) + 1
    new_paras: list[int] = []  # paragraphs of s placed, and the ids of their rows
    new_rows: list[int] = []
    r_next = q_next = 0
    for r0, q0, r1, q1 in runs:
        for q in range(q_next, q0):
            row: Row = [[] for _ in range(width)]
            row[s] = [q]
            out.append(row)
            out_ids.append(next_id)
            new_paras.append(q)
            new_rows.append(next_id)
            next_id += 1
        out.extend(rows[r_next:r0])
        out_ids.extend(ids[r_next:r0])
        if r0 == len(rows) and q0 == count:
            break
        if r0 == r1:
            merged, row_id = rows[r0], ids[r0]
        else:
            merged, row_id = [[] for _ in range(width)], next_id
            next_id += 1
            for rr in range(r0, r1 + 1):
                for src, paras in enumerate(rows[rr]):
                    merged[src].extend(paras)
            layout.row_of[[int(layout.offset[src]) + p for src, paras in enumerate(merged)
                           for p in paras]] = row_id
        merged[s].extend(range(q0, q1 + 1))
        new_paras.extend(range(q0, q1 + 1))
        new_rows.extend([row_id] * (q1 + 1 - q0))
        out.append(merged)
        out_ids.append(row_id)
        r_next, q_next = r1 + 1, q1 + 1
    layout.row_of[layout.offset[s] + np.array(new_paras, dtype=np.int64)] = new_rows
    layout.rows, layout.ids = out, out_ids
