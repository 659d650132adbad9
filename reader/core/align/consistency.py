"""What the links of all source pairs say together.

Each pair of sources is aligned on its own; two checks need the whole set:

- **Triangles**: when A↔B and B↔C are sure, A and C very likely carry the
  same content too. A direct link the pairwise pass missed (a rewrite too
  loose to pass on its own) is added when the two paragraphs still share
  some words, and neither is already linked in that pair of sources.
- **Witnesses**: a heavy rewrite moves facts between paragraphs and keeps
  few words, so one sentence pair is weak evidence. But when a sentence of
  A and one of C are each other's best match across the two whole sources,
  and in a third source B, reworded from A, that C sentence's best match
  lies in A's partner too, two independent wordings agree on where the
  fact went: the A↔C link is added (``witnessed``).
- **Groups**: a paragraph linked to two or more of another source is a merge
  or a split; all links of one such connected set share a group id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from reader.core.align.candidates import BLOCK
from reader.core.align.sides import Side
from reader.core.align.similarity import row_dots

Ref = tuple[int, int]

SURE = 0.7
"""Confidence at which a link vouches for its neighbours in a triangle."""
TRIANGLE_MATCH = 0.15
"""Paragraph cosine a triangle-closing link still needs (it rests on the two others)."""
WITNESS_MATCH = 0.15
"""Sentence cosine of a witnessed pair: below the pairwise pass's ``SENTENCE_HINT`` (0.17)
because it must also be the mutual best over two whole sources and be confirmed by a third."""
COPY_KINDS = frozenset({"identical", "minor"})
"""Link kinds whose two sides share their wording: one cannot witness for the other."""


def close_triangles(links: Iterable[tuple[Ref, Ref, float]], sides: list[Side]
                    ) -> list[tuple[Ref, Ref, float, Ref]]:
    """Missing A↔C links vouched for by sure A↔B and B↔C links: (a, c, cosine, via b)."""
    sure: dict[Ref, set[Ref]] = defaultdict(set)
    linked: dict[Ref, set[int]] = defaultdict(set)  # sources each paragraph is linked to
    pairs: set[tuple[Ref, Ref]] = set()
    for a, b, confidence in links:
        pairs.add((a, b))
        linked[a].add(b[0])
        linked[b].add(a[0])
        if confidence >= SURE:
            sure[a].add(b)
            sure[b].add(a)
    proposals: dict[tuple[Ref, Ref], Ref] = {}
    for via, partners in sure.items():
        for x in partners:
            for y in partners:
                if x[0] < y[0] and (x, y) not in pairs:
                    proposals.setdefault((x, y), via)
    if not proposals:
        return []
    keys = sorted(proposals)
    return [(x, y, c, proposals[(x, y)])
            for (x, y), c in zip(keys, paragraph_cosines(keys, sides)) if c >= TRIANGLE_MATCH]


def paragraph_cosines(keys: list[tuple[Ref, Ref]], sides: list[Side]) -> list[float]:
    """Paragraph cosine of each (a, b) pair of paragraph references."""
    if not keys:
        return []
    row = {}
    for s, side in enumerate(sides):
        for u, p in enumerate(side.paras):
            row[(s, p)] = int(side.rows[u])
    space = sides[0].space.paragraphs
    cos = row_dots(space, np.array([row[x] for x, _ in keys]), space,
                   np.array([row[y] for _, y in keys]))
    return [round(float(c), 4) for c in cos.tolist()]


def witnessed(links: Iterable[tuple[Ref, Ref, float, str]], sides: list[Side]
              ) -> list[tuple[Ref, Ref, float, Ref]]:
    """Unlinked pairs holding whole-source mutual best sentences, confirmed by a third source.

    Returns (a, c, paragraph cosine, witness b). A pair (x, y) is proposed
    when a sentence of each is the other's best match in the other source,
    at ``WITNESS_MATCH`` or better; headings and one-liners are left out (a
    short phrase recurs by chance). It is kept when a third source agrees
    through the same sentence: the paragraph w surely linked (``SURE``) to
    x in other words (not a copy, ``COPY_KINDS``, which would only repeat
    x's evidence) also holds the best match of y's sentence in w's source;
    or likewise w surely linked to y holds the best match of x's sentence.
    """
    links = list(links)
    if len(sides) < 3:
        return []
    linked = {(a, b) for a, b, _, _ in links}
    sure: dict[Ref, set[Ref]] = defaultdict(set)
    for a, b, confidence, kind in links:
        if confidence >= SURE and kind not in COPY_KINDS:
            sure[a].add(b)
            sure[b].add(a)
    if not sure:
        return []
    best: dict[tuple[int, int], np.ndarray] = {}  # (s, t): paragraph in t of each s sentence's best
    proposed: dict[tuple[Ref, Ref], tuple[int, int]] = {}  # pair: its mutual sentences
    for s in range(len(sides)):
        for t in range(s + 1, len(sides)):
            best[(s, t)], best[(t, s)], mutual = _best_sentences(sides[s], sides[t])
            for x, y in mutual:
                key = ((s, int(best[(t, s)][y])), (t, int(best[(s, t)][x])))
                if key not in linked:
                    proposed.setdefault(key, (x, y))

    def agrees(w: Ref, source: int, sentence: int) -> bool:
        return w[0] != source and int(best[(source, w[0])][sentence]) == w[1]

    found: dict[tuple[Ref, Ref], Ref] = {}
    for (x, y), (sx, sy) in sorted(proposed.items()):
        for w in sorted(sure[x]):
            if agrees(w, y[0], sy):
                found.setdefault((x, y), w)
                found.setdefault(_ordered(w, y), x)
        for w in sorted(sure[y]):
            if agrees(w, x[0], sx):
                found.setdefault((x, y), w)
                found.setdefault(_ordered(x, w), y)
    for key in linked & set(found):
        del found[key]
    keys = list(found)
    return [(x, y, c, found[(x, y)]) for (x, y), c in zip(keys, paragraph_cosines(keys, sides))]


def _ordered(x: Ref, y: Ref) -> tuple[Ref, Ref]:
    return (x, y) if x[0] < y[0] else (y, x)


def _best_sentences(a: Side, b: Side) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int]]]:
    """Each sentence's best match in the other source, and the mutual best pairs.

    Returns the paragraph (index in the document, -1 for none) holding the
    best match of each sentence of a in b and of each of b in a, and the
    (sentence of a, sentence of b) pairs, counted from each source's first
    sentence, that are each other's best at ``WITNESS_MATCH`` or better and
    where neither paragraph is short.
    """
    n_a = int(a.count.sum()) if len(a) else 0
    n_b = int(b.count.sum()) if len(b) else 0
    if not n_a or not n_b:
        return np.full(n_a, -1), np.full(n_b, -1), []
    sents = a.space.sentences
    ra0, rb0 = int(a.first[0]), int(b.first[0])
    unit_a = np.repeat(np.arange(len(a)), a.count)
    unit_b = np.repeat(np.arange(len(b)), b.count)
    cols = sents[rb0:rb0 + n_b].T.tocsc()
    step = max(1, BLOCK // n_b)
    row_best = np.zeros(n_a, dtype=np.int64)
    row_sim = np.zeros(n_a)
    col_best = np.zeros(n_b, dtype=np.int64)
    col_sim = np.full(n_b, -1.0)
    for r in range(0, n_a, step):
        block = (sents[ra0 + r:ra0 + min(n_a, r + step)] @ cols).toarray()
        row_best[r:r + len(block)] = block.argmax(axis=1)
        row_sim[r:r + len(block)] = block.max(axis=1)
        top = block.max(axis=0)
        better = top > col_sim
        col_sim[better] = top[better]
        col_best[better] = block.argmax(axis=0)[better] + r
    paras_a, paras_b = np.array(a.paras), np.array(b.paras)
    in_b = np.where(row_sim > 0, paras_b[unit_b[row_best]], -1)
    in_a = np.where(col_sim > 0, paras_a[unit_a[col_best]], -1)
    mutual = [(x, int(row_best[x])) for x in np.flatnonzero(
        (row_sim >= WITNESS_MATCH) & (col_best[row_best] == np.arange(n_a))).tolist()
        if not (a.short[unit_a[x]] or b.short[unit_b[row_best[x]]])]
    return in_b, in_a, mutual


def merge_groups(pairs: list[tuple[Ref, Ref]]) -> dict[int, int]:
    """Group id per link index, for links that belong to a merge or a split.

    Links of one pair of sources that share a paragraph form one group
    (connected sets, so a chain of re-paragraphing is one group too).
    """
    parent: dict[Ref, Ref] = {}

    def root(x: Ref) -> Ref:
        while parent.get(x, x) != x:
            x = parent[x] = parent.get(parent[x], parent[x])
        return x

    by_source_pair: dict[tuple[int, int], list[int]] = defaultdict(list)
    for k, (a, b) in enumerate(pairs):
        by_source_pair[(a[0], b[0])].append(k)
    groups: dict[int, int] = {}
    for _, members in sorted(by_source_pair.items()):
        parent.clear()
        for k in members:
            ra, rb = root(pairs[k][0]), root(pairs[k][1])
            if ra != rb:
                parent[ra] = rb
        size: dict[Ref, int] = defaultdict(int)
        for k in members:
            size[root(pairs[k][0])] += 1
        ids: dict[Ref, int] = {}
        first = len(set(groups.values()))
        for k in members:
            r = root(pairs[k][0])
            if size[r] > 1:
                groups[k] = first + ids.setdefault(r, len(ids))
    return groups
