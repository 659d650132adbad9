"""What the links of all source pairs say together.

Each pair of sources is aligned on its own; two checks need the whole set:

- **Triangles**: when A↔B and B↔C are sure, A and C very likely carry the
  same content too. A direct link the pairwise pass missed (a rewrite too
  loose to pass on its own) is added when the two paragraphs still share
  some words, and neither is already linked in that pair of sources.
- **Groups**: a paragraph linked to two or more of another source is a merge
  or a split; all links of one such connected set share a group id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from reader.core.align.sides import Side
from reader.core.align.similarity import row_dots

Ref = tuple[int, int]

SURE = 0.7
"""Confidence at which a link vouches for its neighbours in a triangle."""
TRIANGLE_MATCH = 0.15
"""Paragraph cosine a triangle-closing link still needs (it rests on the two others)."""


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
    row = {}
    for s, side in enumerate(sides):
        for u, p in enumerate(side.paras):
            row[(s, p)] = int(side.rows[u])
    space = sides[0].space.paragraphs
    cos = row_dots(space, np.array([row[x] for x, _ in keys]), space,
                   np.array([row[y] for _, y in keys]))
    return [(x, y, round(float(c), 4), proposals[(x, y)])
            for (x, y), c in zip(keys, cos.tolist()) if c >= TRIANGLE_MATCH]


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
