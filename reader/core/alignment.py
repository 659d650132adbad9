"""Find the paragraphs that carry the same content in two sources.

Line diffs (difflib, Meld) only see paragraphs whose words mostly coincide in
order; paraphrased, merged and split paragraphs slip through. We work one
level down, on sentences, the way text-reuse detection does:

1. Every content paragraph is split into sentences; each sentence and each
   paragraph gets a TF-IDF vector (``features``).
2. Candidate paragraph pairs come from an inverted index over informative
   features, so book-length sources do not cost n x m comparisons.
3. For a candidate pair, each sentence looks for its best partner in the other
   paragraph (a single sentence, or two adjacent ones read together, which is
   how a rewrite that joins or splits sentences looks).
4. Each sentence then *votes* for the paragraph of the other source that holds
   its best partner overall. A paragraph links to every paragraph that wins a
   fair share of its votes, in either direction, so one paragraph can link to
   the two it was merged from (or split into).

The result per link: a score in 0..1, the share of each side covered by the
other, and a kind (identical / minor / paraphrase / partial), decided later
with the word diff.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from reader.core.documents import Document
from reader.core.features import FeatureSpace, Vector, add, content_stems, dot, split_sentences

SENTENCE_MATCH = 0.30
"""A sentence pair at or above this cosine is taken as saying the same thing."""
SENTENCE_HINT = 0.18
"""Lower cosine that still counts when the paragraphs choose each other (see ``link_pair``)."""
VOTE_SHARE = 0.30
"""A paragraph links where at least this share of its sentence weight votes."""
PARAGRAPH_MATCH = 0.42
"""Paragraph cosine that links a pair on its own (paraphrase with re-cut sentences)."""
GAP_MATCH = 0.09
"""Cosine enough between two anchored links when both paragraphs prefer each other."""
COPY_MATCH = 0.95
"""Cosine above which two paragraphs are copies of each other."""
SHORT_WORDS = 8
"""Paragraphs with fewer content words (headings, one-liners) need strong evidence."""
CANDIDATES_PER_PARAGRAPH = 6
CANDIDATE_FLOOR = 0.04


@dataclass
class Unit:
    """A content paragraph prepared for comparison."""

    para: int
    vector: Vector
    sentences: list[Vector]
    weights: list[float]
    windows: list[Vector]  # adjacent sentence pairs, read as one
    short: bool = False  # a heading or one-liner: weak evidence does not count

    @property
    def weight(self) -> float:
        return sum(self.weights) or 1.0


@dataclass(frozen=True)
class Evidence:
    """How paragraph ``p`` of source a and ``q`` of source b relate."""

    p: int
    q: int
    cosine: float
    cover_a: float  # share of p's sentence weight matched somewhere in q
    cover_b: float  # share of q's sentence weight matched somewhere in p

    @property
    def score(self) -> float:
        return round(min(1.0, max(self.cosine, (self.cover_a + self.cover_b) / 2)), 4)


def prepare(documents: list[Document]) -> list[list[Unit]]:
    """Vectors for every content paragraph of every source, on one IDF scale."""
    sentence_texts: list[str] = []
    layout: list[list[tuple[int, int, int]]] = []  # per doc: (para, first sentence, count)
    for doc in documents:
        rows = []
        for p in doc.content:
            sents = split_sentences(p.text)
            rows.append((p.index, len(sentence_texts), len(sents)))
            sentence_texts.extend(sents)
        layout.append(rows)
    space = FeatureSpace(sentence_texts)
    units: list[list[Unit]] = []
    for doc, rows in zip(documents, layout):
        doc_units = []
        for (para, first, count) in rows:
            sents = [space.vector(k) for k in range(first, first + count)]
            weights = [float(len(content_stems(sentence_texts[k])))
                       for k in range(first, first + count)]
            windows = [add(sents[k:k + 2]) for k in range(count - 1)]
            short = doc.paragraphs[para].heading or sum(weights) < SHORT_WORDS
            doc_units.append(Unit(para, add(sents), sents, weights, windows, short))
        units.append(doc_units)
    return units


def _candidates(a: list[Unit], b: list[Unit]) -> dict[tuple[int, int], float]:
    """Paragraph pairs worth a sentence-level look, with their cosine."""
    if len(a) * len(b) <= 4096:
        return {(i, j): dot(ua.vector, ub.vector) for i, ua in enumerate(a)
                for j, ub in enumerate(b)}
    postings: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for j, ub in enumerate(b):
        for fid, w in ub.vector.items():
            postings[fid].append((j, w))
    limit = max(8, len(b) // 10)  # features this common decide nothing
    scores: dict[tuple[int, int], float] = {}
    best_for_b: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for i, ua in enumerate(a):
        acc: dict[int, float] = defaultdict(float)
        for fid, w in ua.vector.items():
            plist = postings.get(fid)
            if plist and len(plist) <= limit:
                for j, wb in plist:
                    acc[j] += w * wb
        top = sorted(acc.items(), key=lambda kv: -kv[1])[:CANDIDATES_PER_PARAGRAPH]
        for j, approx in top:
            if approx >= CANDIDATE_FLOOR:
                scores[(i, j)] = approx
                best_for_b[j].append((approx, i))
    keep = set()
    for j, lst in best_for_b.items():
        keep.update((i, j) for _, i in sorted(lst, reverse=True)[:CANDIDATES_PER_PARAGRAPH])
    keep.update(max(((i, j) for (i, j) in scores if i == ii), key=scores.get)
                for ii in {i for i, _ in scores})
    return {(i, j): dot(a[i].vector, b[j].vector) for (i, j) in keep}


def _best_partners(src: Unit, dst: Unit) -> list[float]:
    """For each sentence of ``src``, its best cosine in ``dst`` (sentence or window)."""
    targets = dst.sentences + dst.windows
    return [max((dot(s, t) for t in targets), default=0.0) for s in src.sentences]


def link_pair(a: list[Unit], b: list[Unit]) -> list[Evidence]:
    """All links between two prepared sources, with their evidence."""
    cands = _candidates(a, b)
    best_a: dict[int, list[tuple[float, int]]] = defaultdict(list)  # i -> per-sentence (sim, j)
    best_b: dict[int, list[tuple[float, int]]] = defaultdict(list)
    sims_a: dict[tuple[int, int], list[float]] = {}
    sims_b: dict[tuple[int, int], list[float]] = {}
    for (i, j), cos in cands.items():
        if cos < CANDIDATE_FLOOR:
            continue
        sims_a[(i, j)] = _best_partners(a[i], b[j])
        sims_b[(i, j)] = _best_partners(b[j], a[i])
    weak_a = _votes(sims_a, a, lambda key: key[0], SENTENCE_HINT)
    weak_b = _votes(sims_b, b, lambda key: key[1], SENTENCE_HINT)
    strong_a = _votes(sims_a, a, lambda key: key[0], SENTENCE_MATCH)
    strong_b = _votes(sims_b, b, lambda key: key[1], SENTENCE_MATCH)
    links = []
    for (i, j), sa in sims_a.items():
        key = (i, j)
        wa, wb = weak_a.get(key, 0.0), weak_b.get(key, 0.0)
        # Heavy paraphrase keeps few words: a weak match counts only when both
        # paragraphs pick each other as the best home of some of their sentences.
        mutual = (wa >= VOTE_SHARE and wb > 0) or (wb >= VOTE_SHARE and wa > 0)
        strong = strong_a.get(key, 0.0) >= VOTE_SHARE or strong_b.get(key, 0.0) >= VOTE_SHARE
        cos = cands[key]
        if a[i].short or b[j].short:
            mutual, strong = False, strong and cos >= SENTENCE_MATCH
        if mutual or strong or cos >= PARAGRAPH_MATCH:
            links.append(key)
    links += _fill_gaps(links, cands, a, b)
    links = _one_copy_each(links, cands, len(a), len(b))
    evidence = []
    for i, j in links:
        sa = sims_a.get((i, j)) or _best_partners(a[i], b[j])
        sb = sims_b.get((i, j)) or _best_partners(b[j], a[i])
        evidence.append(Evidence(a[i].para, b[j].para, round(cands[(i, j)], 4),
                                 round(_cover(sa, a[i].weights) / a[i].weight, 4),
                                 round(_cover(sb, b[j].weights) / b[j].weight, 4)))
    return evidence


def _one_copy_each(links: list[tuple[int, int]], cands: dict[tuple[int, int], float],
                   n: int, m: int) -> list[tuple[int, int]]:
    """Where a paragraph is copied word for word several times, pair copies in order.

    A source that repeats a paragraph (a title printed twice, a pasted quote)
    would otherwise link every copy to every copy; the copy nearest in
    relative position is the one a reader expects beside it.
    """
    def offset(i: int, j: int) -> float:
        return abs(i / max(1, n) - j / max(1, m))

    drop = set()
    for side in (0, 1):
        groups: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for key in links:
            if cands[key] >= COPY_MATCH:
                groups[key[side]].append(key)
        for group in groups.values():
            if len(group) > 1:
                keep = min(group, key=lambda k: offset(*k))
                drop.update(k for k in group if k != keep)
    return [k for k in links if k not in drop]


def _anchors(links: list[tuple[int, int]], cands: dict[tuple[int, int], float]
             ) -> list[tuple[int, int]]:
    """The heaviest chain of links that runs forward in both sources."""
    ordered = sorted(links)
    best: list[float] = []
    back: list[int] = []
    for k, (i, j) in enumerate(ordered):
        prev = [(best[m], m) for m in range(k) if ordered[m][0] < i and ordered[m][1] < j]
        top = max(prev, default=(0.0, -1))
        best.append(top[0] + cands[(i, j)])
        back.append(top[1])
    chain: list[tuple[int, int]] = []
    k = max(range(len(ordered)), key=best.__getitem__, default=-1)
    while k >= 0:
        chain.append(ordered[k])
        k = back[k]
    return chain[::-1]


def _fill_gaps(links: list[tuple[int, int]], cands: dict[tuple[int, int], float],
               a: list[Unit], b: list[Unit]) -> list[tuple[int, int]]:
    """Weak pairs that sit between two anchored links and prefer each other.

    A heavy rewrite keeps the order of the story, so a paragraph between two
    confident links most likely corresponds to one between their partners,
    even when few words survive. Requiring the two paragraphs to be each
    other's best match inside that window keeps noise out.
    """
    bounds = _anchors(links, cands)
    taken = set(links)
    extra = []
    for (i1, j1), (i2, j2) in zip(bounds, bounds[1:]):
        rows = [i for i in range(i1 + 1, i2) if not a[i].short]
        cols = [j for j in range(j1 + 1, j2) if not b[j].short]
        for i in rows:
            cos, j = max(((cands.get((i, j), 0.0), j) for j in cols), default=(0.0, -1))
            if cos >= GAP_MATCH and (i, j) not in taken and \
                    max(cands.get((r, j), 0.0) for r in rows) == cos:
                extra.append((i, j))
    return extra


def _cover(sims: list[float], weights: list[float]) -> float:
    return sum(w for s, w in zip(sims, weights) if s >= SENTENCE_HINT)


def _votes(sims: dict[tuple[int, int], list[float]], units: list[Unit], own,
           floor: float) -> dict[tuple[int, int], float]:
    """Share of each paragraph's sentence weight whose best partner lies in a given paragraph."""
    best: dict[tuple[int, int], tuple[float, tuple[int, int]]] = {}
    for key, row in sims.items():
        for k, sim in enumerate(row):
            slot = (own(key), k)
            if sim >= floor and (slot not in best or sim > best[slot][0]):
                best[slot] = (sim, key)
    votes: dict[tuple[int, int], float] = defaultdict(float)
    for (idx, k), (_, key) in best.items():
        votes[key] += units[idx].weights[k] / units[idx].weight
    return votes
