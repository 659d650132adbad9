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
   its best partner overall: always when the match is strong, and when it is
   weak only if the choice is mutual (the partner's best partner is this
   sentence). A paragraph links to every paragraph that wins a fair share of
   its votes, in either direction, so one paragraph can link to the two it
   was merged from (or split into).
5. A rewrite keeps the story's order: a pair whose diagonal neighbours are
   linked needs only a modest sentence match.

The result per link: a score in 0..1 and the share of each side covered by
the other; ``comparison`` names the kind (identical / minor / paraphrase /
partial) from those.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from reader.core.load.documents import Document
from reader.core.align.similarity import FeatureSpace, Vector, add, dot, split_sentences

SENTENCE_MATCH = 0.20
"""A sentence pair at or above this cosine is taken as saying the same thing."""
SENTENCE_HINT = 0.17
"""Lower cosine that still counts when two sentences choose each other (see ``_votes``)."""
VOTE_SHARE = 0.30
"""A paragraph links where at least this share of its sentence weight votes."""
SUPPORT_MATCH = 0.13
"""Best sentence cosine that links a pair whose diagonal neighbours are linked."""
PARAGRAPH_MATCH = 0.42
"""Paragraph cosine that links a pair on its own (paraphrase with re-cut sentences)."""
CLEAR_MATCH = 0.4
"""Paragraph cosine at which mutual best partners are linked without reading sentences."""
COPY_MATCH = 0.95
"""Cosine above which two paragraphs are copies of each other."""
SHORT_WORDS = 8
"""Paragraphs with fewer content words (headings, one-liners) need strong evidence."""
CANDIDATES_PER_PARAGRAPH = 6
CANDIDATE_SPREAD = 0.25
"""Candidates scoring below this share of a paragraph's best one are not looked at."""
CANDIDATE_FLOOR = 0.04
FULL_SCORING = 4096
"""Up to this many paragraph pairs, score them all; above, go through the index."""


@dataclass
class Unit:
    """A content paragraph prepared for comparison."""

    para: int
    vector: Vector
    space: FeatureSpace
    first: int  # index of its first sentence in the feature space
    weights: list[float]
    short: bool = False  # a heading or one-liner: weak evidence does not count
    terms: Vector = field(default_factory=dict)  # its heaviest words, for the index

    @cached_property
    def sentences(self) -> list[Vector]:
        """Sentence vectors, built only when a sentence-level look is needed."""
        return [self.space.vector(k) for k in range(self.first, self.first + len(self.weights))]

    @cached_property
    def targets(self) -> list[tuple[Vector, tuple[int, ...]]]:
        """Sentences and adjacent pairs read as one, each with the sentence numbers it covers.

        Built only when a sentence-level look is needed (not for clear pairs).
        """
        pairs = [add(self.sentences[k:k + 2]) for k in range(len(self.sentences) - 1)]
        return ([(v, (k,)) for k, v in enumerate(self.sentences)]
                + [(v, (k, k + 1)) for k, v in enumerate(pairs)])

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
    read: bool = True  # covers measured on sentences (False: estimated for a clear pair)

    @property
    def score(self) -> float:
        """Strength of the link: the cosine, or the sentence coverage where that says more."""
        if not self.read:
            return self.cosine
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
            weights = [float(space.content_words[k]) for k in range(first, first + count)]
            short = doc.paragraphs[para].heading or sum(weights) < SHORT_WORDS
            vector = space.joined(first, count)
            doc_units.append(Unit(para, vector, space, first, weights, short,
                                  space.index_terms(vector)))
        units.append(doc_units)
    return units


def _candidates(a: list[Unit], b: list[Unit]) -> dict[tuple[int, int], float]:
    """Paragraph pairs worth a sentence-level look, with their cosine.

    Small sources: every pair is scored. Larger ones: an inverted index over
    each paragraph's heaviest words proposes pairs with an approximate score;
    features found in many paragraphs are skipped, they decide nothing and
    cost the most. Either way each paragraph keeps only its strongest few.
    """
    if len(a) * len(b) <= FULL_SCORING:
        return _prune({(i, j): dot(ua.vector, ub.vector) for i, ua in enumerate(a)
                       for j, ub in enumerate(b)})
    postings: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for j, ub in enumerate(b):
        for fid, w in ub.terms.items():
            postings[fid].append((j, w))
    limit = max(8, len(b) // 10)
    approx: dict[tuple[int, int], float] = {}
    for i, ua in enumerate(a):
        acc: dict[int, float] = defaultdict(float)
        for fid, w in ua.terms.items():
            plist = postings.get(fid)
            if plist and len(plist) <= limit:
                for j, wb in plist:
                    acc[j] += w * wb
        approx.update(((i, j), score) for j, score in acc.items())
    return {(i, j): dot(a[i].vector, b[j].vector) for (i, j) in _prune(approx)}


def _prune(scores: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    """Keep, for every paragraph on either side, only its strongest candidates."""
    per_a: dict[int, list[tuple[float, int]]] = defaultdict(list)
    per_b: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), cos in scores.items():
        if cos >= CANDIDATE_FLOOR:
            per_a[i].append((cos, j))
            per_b[j].append((cos, i))
    keep = {(i, j) for i, lst in per_a.items() for _, j in _strongest(lst)}
    keep |= {(i, j) for j, lst in per_b.items() for _, i in _strongest(lst)}
    return {key: scores[key] for key in keep}


def _strongest(scored: list[tuple[float, int]]) -> list[tuple[float, int]]:
    """The few best candidates, and none far behind the best one."""
    top = sorted(scored, reverse=True)[:CANDIDATES_PER_PARAGRAPH]
    return [c for c in top if c[0] >= CANDIDATE_SPREAD * top[0][0]]


Best = tuple[float, int, tuple[int, ...]]  # similarity, paragraph, its sentences involved


def _matches(src: Unit, dst: Unit) -> list[tuple[float, tuple[int, ...]]]:
    """For each sentence of ``src``: its best similarity in ``dst`` and where it lies.

    Targets are single sentences and pairs of adjacent ones read together,
    which is how a rewrite that splits or joins sentences looks.
    """
    targets = dst.targets
    return [max(((dot(s, v), where) for v, where in targets), default=(0.0, ()))
            for s in src.sentences]


def _clear_pairs(cands: dict[tuple[int, int], float]) -> set[tuple[int, int]]:
    """Pairs so alike, and so clearly each other's best, that sentences need not be read."""
    best_a: dict[int, tuple[float, int]] = {}
    best_b: dict[int, tuple[float, int]] = {}
    for (i, j), cos in cands.items():
        best_a[i] = max(best_a.get(i, (0.0, -1)), (cos, j))
        best_b[j] = max(best_b.get(j, (0.0, -1)), (cos, i))
    return {(i, j) for i, (cos, j) in best_a.items()
            if cos >= CLEAR_MATCH and best_b[j][1] == i}


def link_pair(a: list[Unit], b: list[Unit]) -> list[Evidence]:
    """All links between two prepared sources, with their evidence."""
    cands = _candidates(a, b)
    clear = _clear_pairs(cands)
    settled_a = {i for i, _ in clear}
    settled_b = {j for _, j in clear}
    sims_a: dict[tuple[int, int], list[tuple[float, tuple[int, ...]]]] = {}
    sims_b: dict[tuple[int, int], list[tuple[float, tuple[int, ...]]]] = {}
    for (i, j), cos in cands.items():
        if cos >= CANDIDATE_FLOOR and not (i in settled_a and j in settled_b):
            sims_a[(i, j)] = _matches(a[i], b[j])
            sims_b[(i, j)] = _matches(b[j], a[i])
    best_a = _best_homes(sims_a, own=0)
    best_b = _best_homes(sims_b, own=1)
    votes_a = _votes(best_a, best_b, a, own=0)
    votes_b = _votes(best_b, best_a, b, own=1)
    links = list(clear)
    for key, cos in cands.items():
        i, j = key
        if key in clear:
            continue
        if a[i].short or b[j].short:
            if cos >= COPY_MATCH or cos >= SENTENCE_MATCH and (
                    votes_a.get(key, (0, 0))[1] >= VOTE_SHARE
                    or votes_b.get(key, (0, 0))[1] >= VOTE_SHARE):
                links.append(key)
        elif (votes_a.get(key, (0, 0))[0] >= VOTE_SHARE
              or votes_b.get(key, (0, 0))[0] >= VOTE_SHARE or cos >= PARAGRAPH_MATCH):
            links.append(key)
    links += _supported(links, sims_a, sims_b, a, b)
    links = _one_copy_each(links, cands, len(a), len(b))
    evidence = []
    for i, j in links:
        if (i, j) in sims_a:
            cover_a = _cover([m[0] for m in sims_a[(i, j)]], a[i].weights) / a[i].weight
            cover_b = _cover([m[0] for m in sims_b[(i, j)]], b[j].weights) / b[j].weight
        else:
            cover_a, cover_b = _clear_cover(a[i], b[j])
        evidence.append(Evidence(a[i].para, b[j].para, round(cands[(i, j)], 4),
                                 round(cover_a, 4), round(cover_b, 4), (i, j) in sims_a))
    return evidence


def _supported(links: list[tuple[int, int]], sims_a, sims_b, a: list[Unit],
               b: list[Unit]) -> list[tuple[int, int]]:
    """Weak pairs whose neighbours on the diagonal are linked: the story's order vouches.

    A heavy rewrite keeps the order of the story. When the paragraphs just
    before (or just after) a pair are linked to each other, a modest sentence
    match between the two is enough.
    """
    linked = set(links)
    extra = []
    for (i, j), row in sims_a.items():
        if (i, j) in linked or a[i].short or b[j].short:
            continue
        best = max([m[0] for m in row] + [m[0] for m in sims_b[(i, j)]], default=0.0)
        if best >= SUPPORT_MATCH and ((i - 1, j - 1) in linked or (i + 1, j + 1) in linked):
            extra.append((i, j))
    return extra


def _clear_cover(a: Unit, b: Unit) -> tuple[float, float]:
    """Covers of a clear pair estimated from lengths, without reading sentences.

    Two paragraphs that are each other's clear best match carry the same
    content; where one is much longer (a merge), the shorter is covered and
    the longer only in the proportion of their lengths.
    """
    return min(1.0, b.weight / a.weight), min(1.0, a.weight / b.weight)


def _best_homes(sims, own: int) -> dict[tuple[int, int], Best]:
    """For every sentence (paragraph, k) of one side: its best partner on the other side."""
    best: dict[tuple[int, int], Best] = {}
    for key, row in sims.items():
        for k, (sim, where) in enumerate(row):
            slot = (key[own], k)
            if slot not in best or sim > best[slot][0]:
                best[slot] = (sim, key[1 - own], where)
    return best


def _votes(best: dict[tuple[int, int], Best], other: dict[tuple[int, int], Best],
           units: list[Unit], own: int) -> dict[tuple[int, int], tuple[float, float]]:
    """Share of each paragraph's sentence weight voting for a paragraph of the other side.

    Returns (all votes, strong votes). A sentence votes for the paragraph
    holding its best partner when the match is strong, or when it is weak
    but mutual: the partner's own best partner is this sentence. Heavy
    paraphrase keeps few words, and mutual choice is what tells a weak true
    match from a weak coincidence.
    """
    votes: dict[tuple[int, int], tuple[float, float]] = {}
    for (idx, k), (sim, partner, where) in best.items():
        if sim < SENTENCE_HINT:
            continue
        strong = sim >= SENTENCE_MATCH
        mutual = any(other.get((partner, t), (0.0, -1, ()))[1] == idx
                     and k in other[(partner, t)][2] for t in where)
        if strong or mutual:
            key = (idx, partner) if own == 0 else (partner, idx)
            share = units[idx].weights[k] / units[idx].weight
            total, firm = votes.get(key, (0.0, 0.0))
            votes[key] = (total + share, firm + (share if strong else 0.0))
    return votes


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


def _cover(sims: list[float], weights: list[float]) -> float:
    return sum(w for s, w in zip(sims, weights) if s >= SENTENCE_HINT)
