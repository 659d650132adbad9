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

Row = list[list[int]]  # per source, the paragraph indices in this row
Scores = dict[tuple[int, int], dict[int, dict[int, float]]]
"""Link weights: ``score[(a, p)][b][q]``, paragraph p of source a with q of source b; by source
first, so folding in a source reads only its own links (not every link of every row)."""
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
    """Rows for sources with ``counts[s]`` paragraphs linked by ``(a, p, b, q, score)``."""
    n = len(counts)
    score: Scores = {}
    pair_weight: dict[tuple[int, int], float] = defaultdict(float)
    for a, p, b, q, w in links:
        score.setdefault((a, p), {}).setdefault(b, {})[q] = w
        score.setdefault((b, q), {}).setdefault(a, {})[p] = w
        pair_weight[(min(a, b), max(a, b))] += w
    order = _source_order(n, pair_weight)
    first = order[0]
    rows: list[Row] = [[[] for _ in range(n)] for _ in range(counts[first])]
    for p, row in enumerate(rows):
        row[first].append(p)
    for s in order[1:]:
        rows = _fold_in(rows, s, counts[s], score, n)
    return rows


def _fold_in(rows: list[Row], s: int, count: int, score: Scores, width: int) -> list[Row]:
    """Align source ``s``'s paragraphs against the existing rows.

    The heaviest chain of linked (row, paragraph) cells in order on both
    sides. A step may also stay on the same row (the row takes the next
    paragraph too: a split) or on the same paragraph (it spans the next row
    too: a merge), at ``BEAD_COST`` each and at most ``MAX_BEAD`` cells in
    one such run; a split never turns into a merge mid-run, or a staircase
    of re-paragraphed text would fuse into one giant row. Only linked cells
    are visited, so the work grows with the links, not rows x paragraphs.
    """
    w: dict[tuple[int, int], float] = {}
    for r, row in enumerate(rows):
        for src, paras in enumerate(row):
            for p in paras:
                for q, val in score.get((src, p), {}).get(s, {}).items():
                    w[(r, q)] = w.get((r, q), 0.0) + val
    # state of a chain ending at a cell: (cell, step, run), step 0 = new row, 1 = split, 2 = merge
    best: dict[tuple[int, int], list[tuple[float, int, int, tuple | None]]] = {}
    tree = _PrefixBest(count)
    pending: list[tuple[int, int]] = []
    for cell in sorted(w):
        r, q = cell
        if pending and pending[0][0] != r:  # a new row: earlier rows become reachable
            for done in pending:
                top = max(best[done], key=lambda o: o[0])
                tree.offer(done[1], top[0], (done, best[done].index(top)))
            pending = []
        start_from = tree.best_before(q)
        states = [(max(0.0, start_from[0]) + w[cell], 0, 1,
                   start_from[1] if start_from[0] > 0 else None)]
        for step, prev in ((1, (r, q - 1)), (2, (r - 1, q))):
            for k, (val, kind, run, _) in enumerate(best.get(prev, [])):
                if kind in (0, step) and run < MAX_BEAD:
                    states.append((val - BEAD_COST + w[cell], step, run + 1, (prev, k)))
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
    return _rebuild(rows, s, count, chain[::-1], width)


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


def _rebuild(rows: list[Row], s: int, count: int, chain: list[tuple[tuple[int, int], int]],
             width: int) -> list[Row]:
    """New rows: the chain's cells joined (a split or merge run is one row), the rest in order.

    Between two joined rows, the new source's unlinked paragraphs come first,
    right under their predecessor, then the existing rows.
    """
    groups: list[list[tuple[int, int]]] = []
    for cell, step in chain:
        if groups and step:
            groups[-1].append(cell)
        else:
            groups.append([cell])
    out: list[Row] = []
    r_next = q_next = 0
    for group in groups + [[(len(rows), count)]]:
        r0, q0 = min(c[0] for c in group), min(c[1] for c in group)
        for q in range(q_next, q0):
            row: Row = [[] for _ in range(width)]
            row[s] = [q]
            out.append(row)
        out.extend(rows[r_next:r0])
        if r0 == len(rows) and q0 == count:
            break
        r1, q1 = max(c[0] for c in group), max(c[1] for c in group)
        merged: Row = [[] for _ in range(width)]
        for rr in range(r0, r1 + 1):
            for src, paras in enumerate(rows[rr]):
                merged[src].extend(paras)
        merged[s].extend(range(q0, q1 + 1))
        out.append(merged)
        r_next, q_next = r1 + 1, q1 + 1
    return out
