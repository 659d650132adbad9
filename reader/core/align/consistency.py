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

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import chain, compress
from operator import itemgetter, or_

import numpy as np
from scipy import sparse

from reader.core.align.gaps import COMPLETE
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
CLIQUE_CHECK_FROM = 200
"""Links from which ``close_triangles`` first finds the sure sets already linked all to all
(arrays: ~0.2 ms to set up); fewer are all read, at ~2 µs a link."""
COPY_KINDS = frozenset({"identical", "minor"})
"""Link kinds whose two sides share their wording: one cannot witness for the other."""


def close_triangles(links: Iterable[tuple[Ref, Ref, float]], sides: list[Side]
                    ) -> list[tuple[Ref, Ref, float, Ref]]:
    """Missing A↔C links vouched for by sure A↔B and B↔C links: (a, c, cosine, via b)."""
    proposals = triangle_gaps(list(links))
    if not proposals:
        return []
    keys = sorted(proposals)
    return [(x, y, c, proposals[(x, y)])
            for (x, y), c in zip(keys, paragraph_cosines(keys, sides)) if c >= TRIANGLE_MATCH]


def triangle_gaps(links: list[tuple[Ref, Ref, float]]) -> dict[tuple[Ref, Ref], Ref]:
    """{(x, y): via}: unlinked x and y (x's source first) both surely linked to via.

    The first via (in order of its first sure link) names a pair. Only the
    links around sure sets not yet linked all to all are read (``_open_links``):
    20 near-copies make mostly complete sets, with nothing to propose.
    """
    sure: dict[Ref, set[Ref]] = defaultdict(set)
    partners_of: dict[Ref, set[Ref]] = defaultdict(set)  # every paragraph linked to each
    for k in _open_links(links):
        a, b, confidence = links[k]
        partners_of[a].add(b)
        partners_of[b].add(a)
        if confidence >= SURE:
            sure[a].add(b)
            sure[b].add(a)
    proposals: dict[tuple[Ref, Ref], Ref] = {}
    for via, partners in sure.items():  # the first via found for a pair names it
        for x in partners:
            for y in partners - partners_of[x]:  # one set difference, not a test per pair
                if x[0] < y[0]:
                    proposals.setdefault((x, y), via)
    return proposals


def _open_links(links: list[tuple[Ref, Ref, float]]) -> list[int]:
    """Indices of the links touching a connected set of surely linked paragraphs whose
    members are not all linked to each other (by any link): only there can a via have two
    unlinked partners. A set of k paragraphs is complete when k(k-1)/2 distinct links join
    its members; counted over arrays, which costs less than a set difference per partner."""
    if len(links) < CLIQUE_CHECK_FROM:
        return list(range(len(links)))
    ids: dict[Ref, int] = {}
    ia = np.array([ids.setdefault(a, len(ids)) for a, _, _ in links], dtype=np.int64)
    ib = np.array([ids.setdefault(b, len(ids)) for _, b, _ in links], dtype=np.int64)
    sure = np.array([c for _, _, c in links]) >= SURE
    n = len(ids)
    label = components(n, ia[sure], ib[sure])  # sure sets, each named by its smallest id
    size = np.bincount(label, minlength=n)
    inside = (label[ia] == label[ib]) & (ia != ib)
    lo, hi = np.minimum(ia, ib)[inside], np.maximum(ia, ib)[inside]
    pairs = sparse.csr_matrix((np.ones(len(lo)), (lo, hi)), shape=(n, n))
    pairs.sum_duplicates()  # a pair linked twice counts once
    joined = np.bincount(label, weights=np.diff(pairs.indptr), minlength=n)
    open_set = joined < size * (size - 1) // 2
    return np.flatnonzero(open_set[label[ia]] | open_set[label[ib]]).tolist()


def components(n: int, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    """Each of ``n`` nodes joined by the edges ``(ia[k], ib[k])`` labelled with the smallest
    node of its connected set: labels spread along the edges, smallest first, and jump to
    their own label's, until nothing changes (a few rounds on sets of near-copies).
    ``scipy.sparse.csgraph`` does the same, but importing it took 45 ms of every start."""
    label = np.arange(n)
    while True:
        low = np.minimum(label[ia], label[ib])
        spread = label.copy()
        np.minimum.at(spread, ia, low)
        np.minimum.at(spread, ib, low)
        spread = spread[spread]
        if np.array_equal(spread, label):
            return label
        label = spread


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


Mutual = list[tuple[tuple[Ref, int], tuple[Ref, int]]]
"""((x, sentence row), (y, sentence row)): whole-source mutual best sentences of two
paragraphs (x of source s, y of source t) that their pair of sources did not link."""


def witnessed(links: Iterable[tuple[Ref, Ref, float, str, float, float]], sides: list[Side],
              mutual: dict[tuple[int, int], Mutual] | None = None
              ) -> list[tuple[Ref, Ref, float, Ref]]:
    """Unlinked pairs holding whole-source mutual best sentences, confirmed by a third source.

    ``links`` are (a, b, confidence, kind, cover of a, cover of b). Returns
    (a, c, paragraph cosine, witness b). A pair (x, y) is proposed when a
    sentence of each is the other's best match in the other source, at
    ``WITNESS_MATCH`` or better; headings and one-liners are left out (a
    short phrase recurs by chance), and so is a paragraph already found
    whole (``COMPLETE``) in a partner of the other source: nothing of it is
    left to go elsewhere. It is kept when a third source agrees through the
    same sentence: the paragraph w surely linked (``SURE``) to x in other
    words (not a copy, ``COPY_KINDS``, which would only repeat x's evidence)
    also holds the best match of y's sentence in w's source, or likewise w
    surely linked to y holds the best match of x's sentence. The witness's
    own pair with the far side (w, y) is then linked as well.

    ``mutual[(s, t)]``, when given, is ``mutual_sentences`` of that pair of
    sources, found where the pair was aligned (the workers); the proposals
    are the same either way.
    """
    links = list(links)
    if len(sides) < 3:
        return []
    if mutual is None:
        if not any(confidence >= SURE and kind not in COPY_KINDS
                   for _, _, confidence, kind, *_ in links):
            return []  # no witness anywhere: the sentences need not be read
        by_pair: dict[tuple[int, int], list] = defaultdict(list)
        for link in links:
            by_pair[(link[0][0], link[1][0])].append(link)
        mutual = {(s, t): mutual_sentences(sides, s, t, by_pair[(s, t)])
                  for s in range(len(sides)) for t in range(s + 1, len(sides))}
    # Every pair asked about below has a side in a mutual pair: only those links are read.
    ends = {ref for found in mutual.values() for (x, _), (y, _) in found for ref in (x, y)}
    near = list(compress(links, map(or_, map(ends.__contains__, map(itemgetter(0), links)),
                                    map(ends.__contains__, map(itemgetter(1), links)))))
    linked = {(a, b) for a, b, *_ in near}
    sure: dict[Ref, set[Ref]] = defaultdict(set)
    for a, b, confidence, kind, *_ in near:
        if confidence >= SURE and kind not in COPY_KINDS:
            sure[a].add(b)
            sure[b].add(a)
    if not sure:
        return []
    proposed = [(s, t, [m for m in mutual[(s, t)] if (m[0][0], m[1][0]) not in linked])
                for s in range(len(sides)) for t in range(s + 1, len(sides))]
    best = _BestMatch(sides)
    best.ask([(sy, w[0]) for s, t, found in proposed for (x, _), (y, sy) in found
              for w in sure[x] if w[0] != t] +
             [(sx, w[0]) for s, t, found in proposed for (x, sx), (y, _) in found
              for w in sure[y] if w[0] != s])
    found: dict[tuple[Ref, Ref], Ref] = {}
    for s, t, pairs in proposed:
        for (x, sx), (y, sy) in pairs:
            for w in sorted(sure[x]):
                if w[0] != t and best(sy, w[0]) == w:
                    found.setdefault((x, y), w)
                    found.setdefault(_ordered(w, y), x)
            for w in sorted(sure[y]):
                if w[0] != s and best(sx, w[0]) == w:
                    found.setdefault((x, y), w)
                    found.setdefault(_ordered(x, w), y)
    keys = sorted(set(found) - linked)
    return [(x, y, c, found[(x, y)]) for (x, y), c in zip(keys, paragraph_cosines(keys, sides))]


def mutual_sentences(sides: list[Side], s: int, t: int,
                     links: Iterable[tuple[Ref, Ref, float, str, float, float]]) -> Mutual:
    """What ``witnessed`` proposes for sources s and t, from their own links alone (as in
    ``witnessed``): it reads two whole sources, so it is done where the pair is aligned.

    The links of other kinds found later (triangles) are left out by ``witnessed``.
    """
    if len(sides) < 3:
        return []
    linked: set[tuple[Ref, Ref]] = set()
    whole: set[tuple[Ref, int]] = set()  # (paragraph, source it is found whole in)
    for a, b, _, _, cover_a, cover_b in links:
        linked.add((a, b))
        if cover_a >= COMPLETE:
            whole.add((a, b[0]))
        if cover_b >= COMPLETE:
            whole.add((b, a[0]))
    return _mutual_sentences(sides, s, t, whole, linked, _BestMatch(sides))


def _ordered(x: Ref, y: Ref) -> tuple[Ref, Ref]:
    return (x, y) if x[0] < y[0] else (y, x)


class _BestMatch:
    """The paragraph holding a sentence's best match in another source (cached)."""

    def __init__(self, sides: list[Side]) -> None:
        self.sides = sides
        self.cache: dict[tuple[int, int], Ref | None] = {}

    def __call__(self, row: int, source: int) -> Ref | None:
        if (row, source) not in self.cache:
            self.cache.update(self.many(np.array([row]), source))
        return self.cache[(row, source)]

    def ask(self, queries: list[tuple[int, int]]) -> None:
        """Find these (sentence row, source) best matches now, one product per source."""
        by_source: dict[int, set[int]] = defaultdict(set)
        for row, source in queries:
            if (row, source) not in self.cache:
                by_source[source].add(row)
        for source, rows in sorted(by_source.items()):
            self.many(np.array(sorted(rows), dtype=np.int64), source)

    def many(self, rows: np.ndarray, source: int) -> dict[tuple[int, int], Ref | None]:
        """{(sentence row, source): paragraph of its best match there, None if none shares a word}."""
        side = self.sides[source]
        n = int(side.count.sum()) if len(side) else 0
        if not n or not len(rows):
            return {(int(r), source): None for r in rows}
        sents = side.space.sentences
        r0 = int(side.first[0])
        return self.found(rows, source, (sents[rows] @ sents[r0:r0 + n].T).toarray())

    def found(self, rows: np.ndarray, source: int, sims: np.ndarray
              ) -> dict[tuple[int, int], Ref | None]:
        """``many`` from ``sims``, the cosines of those rows with all sentences of ``source``."""
        side = self.sides[source]
        r0 = int(side.first[0])
        where = sims.argmax(axis=1)
        unit = np.searchsorted(side.first, where + r0, side="right") - 1
        out = {(int(r), source): (source, side.paras[int(u)]) if sims[k, where[k]] > 0 else None
               for k, (r, u) in enumerate(zip(rows.tolist(), unit.tolist()))}
        self.cache.update(out)
        return out


def _mutual_sentences(sides: list[Side], s: int, t: int, whole: set, linked: set,
                      best: _BestMatch):
    """((x, sentence row), (y, sentence row)) for sentences of s and t that are each other's best.

    Only unlinked pairs of paragraphs with something left to link are read
    (not short, not found whole in the other source); a pair found among
    those is then checked against the whole of both sources.
    """
    a, b = sides[s], sides[t]
    rows_a = _open_rows(a, s, t, whole)
    rows_b = _open_rows(b, t, s, whole)
    if not len(rows_a) or not len(rows_b):
        return []
    block = a.sentence_cosines(b)  # the pair's, read when it was aligned (if not too big)
    a0, b0 = a.sentence_span.start, b.sentence_span.start
    if block is not None:
        sims = block[np.ix_(rows_a - a0, rows_b - b0)]
    else:
        sents = a.space.sentences
        sims = (sents[rows_a] @ sents[rows_b].T).toarray()
    across = sims.argmax(axis=1)
    back = sims.argmax(axis=0)
    picked = np.flatnonzero((sims[np.arange(len(rows_a)), across] >= WITNESS_MATCH)
                            & (back[across] == np.arange(len(rows_a))))
    ra = rows_a[picked]
    rb = rows_b[across[picked]]
    unit_a = np.searchsorted(a.first, ra, side="right") - 1
    unit_b = np.searchsorted(b.first, rb, side="right") - 1
    pairs = [((s, a.paras[i]), x, (t, b.paras[j]), y)
             for x, y, i, j in zip(ra.tolist(), rb.tolist(), unit_a.tolist(), unit_b.tolist())]
    pairs = [p for p in pairs if (p[0], p[2]) not in linked]
    if not pairs:
        return []
    xs, ys = np.array([p[1] for p in pairs]), np.array([p[3] for p in pairs])
    if block is not None:
        in_b, in_a = best.found(xs, t, block[xs - a0]), best.found(ys, s, block[:, ys - b0].T)
    else:
        in_b, in_a = best.many(xs, t), best.many(ys, s)
    return [((here, x), (there, y)) for here, x, there, y in pairs
            if in_b[(x, t)] == there and in_a[(y, s)] == here]


def _open_rows(side: Side, own: int, other: int, whole: set) -> np.ndarray:
    """Sentence rows of the paragraphs that may still link to ``other``: not short, not found whole."""
    units = [u for u, p in enumerate(side.paras)
             if not side.short[u] and ((own, p), other) not in whole]
    if not units:
        return np.zeros(0, dtype=np.int64)
    return np.concatenate([np.arange(side.first[u], side.first[u] + side.count[u]) for u in units])


def link_ends(pairs: Iterable[tuple[Ref, Ref]]) -> np.ndarray:
    """Links' two paragraphs as an array: one row (source a, paragraph a, source b, paragraph b)
    per link."""
    flat = np.fromiter(chain.from_iterable(chain.from_iterable(pairs)), np.int64)
    return flat.reshape(-1, 4)


def merge_groups(ends: np.ndarray) -> dict[int, int]:
    """Group id per link index, for links that belong to a merge or a split.

    ``ends`` are the links' paragraphs (``link_ends``). Links of one pair of
    sources that share a paragraph form one group (connected sets, so a
    chain of re-paragraphing is one group too). Groups are numbered by pair
    of sources, then by their first link.
    """
    sharing = _sharing(ends)
    node: dict[tuple[int, int, int, int], int] = {}  # (source pair, paragraph) -> node
    a_node, b_node = [], []
    by_source_pair: dict[tuple[int, int], list[int]] = defaultdict(list)
    for m, k in enumerate(sharing):
        sa, pa, sb, pb = ends[k].tolist()
        a_node.append(node.setdefault((sa, sb, sa, pa), len(node)))
        b_node.append(node.setdefault((sa, sb, sb, pb), len(node)))
        by_source_pair[(sa, sb)].append(m)
    label = components(len(node), np.array(a_node, np.int64),
                       np.array(b_node, np.int64))[a_node].tolist()
    size = Counter(label)  # links in each connected set
    groups: dict[int, int] = {}
    for _, members in sorted(by_source_pair.items()):
        ids: dict[int, int] = {}
        first = len(set(groups.values()))
        for m in members:
            if size[label[m]] > 1:
                groups[sharing[m]] = first + ids.setdefault(label[m], len(ids))
    return groups


def _sharing(ends: np.ndarray) -> list[int]:
    """Indices of the links with a paragraph in another link of their pair of sources: the
    links of groups of two or more (a link alone in its set shares nothing), found over
    arrays (most links of near-copies share nothing). A link within one source is always
    kept: its two ends may meet other links from either side."""
    m = len(ends)
    if not m:
        return []
    source_a, para_a, source_b, para_b = ends.T
    sources = int(max(source_a.max(), source_b.max())) + 1
    paras = int(max(para_a.max(), para_b.max())) + 1
    pair = (source_a * sources + source_b) * paras
    many = ends_met_again((pair + para_a) * 2, (pair + para_b) * 2 + 1)  # end a, end b
    return np.flatnonzero(many | (source_a == source_b)).tolist()


def ends_met_again(codes_a: np.ndarray, codes_b: np.ndarray) -> np.ndarray:
    """Whether link ``k``'s end a (``codes_a[k]``) or end b (``codes_b[k]``) is also an end
    of another link: the same code among either kind of end (the codes say what makes
    two ends the same)."""
    _, which, count = np.unique(np.concatenate((codes_a, codes_b)), return_inverse=True,
                                return_counts=True)
    many = count[which.ravel()] > 1
    return many[:len(codes_a)] | many[len(codes_a):]
