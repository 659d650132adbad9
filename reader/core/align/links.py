"""Find the paragraphs that carry the same content in two sources.

Line diffs (difflib, Meld) only see paragraphs whose words mostly coincide in
order; paraphrased, merged and split paragraphs slip through. We work one
level down, on sentences, the way text-reuse detection does, and we read the
two sources in story order, the way a person collating editions does:

1. Every content paragraph and sentence gets a TF-IDF vector
   (``similarity``). One sparse product per block of paragraphs proposes
   each paragraph's few strongest partners (``candidates``); large sources
   go through their rarest words only, so the work stays bounded.
2. For a candidate pair, each sentence finds its best partner in the other
   paragraph (one sentence, or two adjacent ones read together: a rewrite
   that joins or splits sentences).
3. **Anchors**: pairs that are each other's best partner and clearly alike.
   The heaviest chain of anchors in story order on both sides is the
   skeleton of the alignment; an anchor off the chain is a *moved* passage.
4. Everything else must fit between the anchors around it: a link that
   would cross the chain is dropped unless it is strong and mutual (moved).
   Between anchors, each sentence votes for the paragraph holding its best
   partner; a paragraph links to each paragraph winning a fair share of its
   votes, in either direction, so merges and splits are found.
5. In a gap between two anchors, a pair that the story's order vouches for
   (its diagonal neighbour linked, neither side linked elsewhere) needs only
   a modest sentence match; headings left there pair up by position; and
   the rest, when both sides hold a little text and share at least a few
   words, is linked as one rewritten *region* (low confidence).
6. Headings and one-liners (fewer than ``SHORT_WORDS`` content words) link
   only to short paragraphs, or where their text is really found in the
   other paragraph.

The result per link (``Evidence``): cosine, the share of each side covered
by the other, how it was found (``how``) and a confidence in 0..1;
``comparison`` names the kind (identical / minor / reworded / partial /
merged / moved / region) from those.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import sparse

from reader.core.align.similarity import WORD, FeatureSpace, row_dots, split_sentences
from reader.core.load.documents import Document

SENTENCE_MATCH = 0.20
"""A sentence pair at or above this cosine is taken as saying the same thing."""
SENTENCE_HINT = 0.17
"""Lower cosine that still counts when two sentences choose each other (see ``_votes``)."""
VOTE_SHARE = 0.30
"""A paragraph links where at least this share of its sentence weight votes."""
SUPPORT_MATCH = 0.13
"""Best sentence cosine that links a pair whose diagonal neighbour is linked (order vouches)."""
PARAGRAPH_MATCH = 0.42
"""Paragraph cosine that links a pair on its own (paraphrase with re-cut sentences)."""
CLEAR_MATCH = 0.4
"""Paragraph cosine at which mutual best partners are linked whatever their sentences say."""
NEAR_COPY = 0.8
"""Cosine of a clear pair so close to a copy that its sentences are not read (speed)."""
ANCHOR_MATCH = 0.5
"""Strength at which mutual best partners are sure enough to anchor the story order."""
MOVE_MATCH = 0.6
"""Strength a mutual best pair needs to be linked against the story order (a move)."""
COPY_MATCH = 0.95
"""Cosine above which two paragraphs are copies of each other."""
SHORT_WORDS = 8
"""Paragraphs with fewer content words (headings, one-liners) need strong evidence."""
SHARED_SENTENCE = 0.6
"""Sentence cosine at which one sentence kept nearly as is links two paragraphs on its own."""
SHARED_WORDS = 5
"""Content words such a sentence needs: a short phrase recurs by chance, a clause does not."""
CONTAINED = 0.5
"""Sentence cosine at which a one-liner counts as found inside a longer paragraph."""
BREAK_SHARE = 0.2
"""Share of each side a pair across a moved paragraph break must have in common."""
COMPLETE = 0.9
"""Share of a paragraph found in its partner above which nothing of it went elsewhere."""
REGION_HINT = 0.08
"""Paragraph cosine that lets two unlinked passages between anchors form a rewritten region."""
REGION_MAX = 3
"""Gaps with more paragraphs than this on a side are insertions, not one rewrite."""
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

CONFIDENCE = {"anchor": 1.0, "clear": 1.0, "votes": 0.9, "moved": 0.8, "order": 0.6,
              "heading": 0.5, "region": 0.25}
"""Confidence of a link by how it was found, before its strength (``Evidence.confidence``)."""


@dataclass
class Side:
    """One source's content paragraphs, prepared for comparison.

    Arrays run over content paragraphs (units); ``first`` and ``count`` point
    into the rows of the shared ``space.sentences``.
    """

    paras: list[int]
    first: np.ndarray
    count: np.ndarray
    weight: np.ndarray  # content words per unit (sum of its sentence weights, >= 1)
    short: np.ndarray
    heading: np.ndarray
    rows: np.ndarray  # rows of space.paragraphs
    space: FeatureSpace
    adjacent: np.ndarray  # cosine of each sentence with the next one (for sentence pairs)

    def __len__(self) -> int:
        return len(self.paras)

    @cached_property
    def vectors(self) -> sparse.csr_matrix:
        """Its paragraph vectors (a slice of the shared matrix)."""
        start = int(self.rows[0]) if len(self.rows) else 0
        return self.space.paragraphs[start:start + len(self.rows)]

    def sentence_rows(self, i: int) -> range:
        return range(int(self.first[i]), int(self.first[i] + self.count[i]))


@dataclass(frozen=True)
class Evidence:
    """How paragraph ``p`` of source a and ``q`` of source b relate."""

    p: int
    q: int
    cosine: float
    cover_a: float  # share of p's sentence weight matched somewhere in q
    cover_b: float  # share of q's sentence weight matched somewhere in p
    how: str = "votes"  # anchor | clear | votes | moved | order | heading | region
    matched: tuple[int, int, int, int] = (0, 0, 0, 0)  # sentences matched / total, a then b
    strength: float = 0.0  # paragraph cosine, or mean sentence match where higher

    @property
    def score(self) -> float:
        """Strength of the link: the cosine, or the sentence coverage where that says more."""
        return round(min(1.0, max(self.cosine, (self.cover_a + self.cover_b) / 2)), 4)

    @property
    def confidence(self) -> float:
        """How sure the link is, 0..1.

        How it was found (``CONFIDENCE``), times its strength as a share of
        an anchor's (``ANCHOR_MATCH``): many weak sentence matches do not
        make a sure link. Headings and regions rest on their place, not on
        their words, and keep their fixed, low figure.
        """
        if self.how in ("heading", "region"):
            return CONFIDENCE[self.how]
        return round(CONFIDENCE[self.how] * min(1.0, self.strength / ANCHOR_MATCH), 3)

    @property
    def reason(self) -> str:
        """The evidence in a few words, for a reader who wonders why two paragraphs sit together."""
        ma, ta, mb, tb = self.matched
        shared = f"{ma}/{ta} and {mb}/{tb} sentences matched" if ta else \
            f"paragraph cosine {self.cosine:.2f}"
        return {"anchor": f"{shared}; mutual best, in story order",
                "clear": f"{shared}; mutual best, in story order",
                "votes": f"{shared}; between its anchors",
                "moved": f"{shared}; mutual best, out of story order",
                "order": f"{shared}; next to a linked pair, nothing better on either side",
                "heading": "heading at the same place between two linked passages",
                "region": "rewritten passage at the same place between two linked passages",
                }[self.how]


def prepare(documents: list[Document]) -> list[Side]:
    """Vectors for every content paragraph of every source, on one IDF scale."""
    texts: list[str] = []
    groups: list[int] = []
    layout = []
    for doc in documents:
        units = []
        for p in doc.content:
            sents = split_sentences(p.text)
            units.append((p.index, len(texts), len(sents), p.heading))
            texts.extend(sents)
            groups.append(len(sents))
        layout.append(units)
    space = FeatureSpace(texts, groups)
    sents = space.sentences
    total = sents.shape[0]
    adjacent = row_dots(sents, np.arange(max(0, total - 1)), sents, np.arange(1, total)) \
        if total > 1 else np.zeros(0, np.float32)
    sides = []
    row = 0
    for units in layout:
        first = np.array([u[1] for u in units], dtype=np.int64)
        count = np.array([u[2] for u in units], dtype=np.int64)
        words = np.add.reduceat(space.content_words, first) if len(units) and total else \
            np.zeros(len(units), np.int64)
        heading = np.array([u[3] for u in units], dtype=bool)
        sides.append(Side([u[0] for u in units], first, count, np.maximum(words, 1).astype(float),
                          heading | (words < SHORT_WORDS), heading,
                          np.arange(row, row + len(units)), space, adjacent))
        row += len(units)
    return sides


# --- 1. candidates -----------------------------------------------------------------


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
        return _prune(_dense_candidates((a.vectors @ b.vectors.T).toarray()))
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
    return _prune({(x, y): c for x, y, c in zip(i.tolist(), j.tolist(), cos.tolist())
                   if c >= CANDIDATE_FLOOR})


def _dense_candidates(cos: np.ndarray) -> dict[tuple[int, int], float]:
    """Small sources: each paragraph's strongest partners from the full score matrix."""
    n, m = cos.shape
    place = np.abs(np.linspace(0, 1, n)[:, None] - np.linspace(0, 1, m)[None, :])
    rank = cos - POSITION_NUDGE * place
    keep = np.zeros((n, m), dtype=bool)
    k = min(CANDIDATES_PER_PARAGRAPH, m)
    np.put_along_axis(keep, np.argpartition(-rank, k - 1, axis=1)[:, :k], True, axis=1)
    k = min(CANDIDATES_PER_PARAGRAPH, n)
    np.put_along_axis(keep, np.argpartition(-rank, k - 1, axis=0)[:k, :], True, axis=0)
    keep &= cos >= CANDIDATE_FLOOR
    rows, cols = np.nonzero(keep)
    return dict(zip(zip(rows.tolist(), cols.tolist()), cos[rows, cols].tolist()))


def _prune(scores: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    """Keep, for every paragraph on either side, only candidates not far behind its best."""
    best_a: dict[int, float] = {}
    best_b: dict[int, float] = {}
    for (i, j), cos in scores.items():
        best_a[i] = max(best_a.get(i, 0.0), cos)
        best_b[j] = max(best_b.get(j, 0.0), cos)
    return {(i, j): cos for (i, j), cos in scores.items()
            if cos >= CANDIDATE_SPREAD * best_a[i] or cos >= CANDIDATE_SPREAD * best_b[j]}


# --- 2. sentences ------------------------------------------------------------------

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
    return round(cover, 4), round(mean, 4)


# --- 3-6. order-aware selection ----------------------------------------------------


def link_pair(a: Side, b: Side) -> list[Evidence]:
    """All links between two prepared sources, with their evidence."""
    cands = candidates(a, b)
    clear = _clear_pairs(cands, len(a), len(b))
    cands = _worth_reading(cands, clear)
    copies = {k for k in clear if cands[k] >= NEAR_COPY and not (a.short[k[0]] or b.short[k[1]])}
    pairs = read_sentences(a, b, {k: c for k, c in cands.items() if k not in copies})
    strength = {k: (pairs[k].strength if k in pairs else cands[k]) for k in cands}
    best_a, best_b = _best_by(_nudged(strength, len(a), len(b)))
    mutual = {k for k in strength if best_a[k[0]][1] == k[1] and best_b[k[1]][1] == k[0]}
    anchors = [k for k in mutual if strength[k] >= ANCHOR_MATCH and _fit(a, b, k, pairs, cands)]
    chain = _heaviest_chain(anchors, strength)
    on_chain = set(chain)
    how: dict[tuple[int, int], str] = {k: "anchor" for k in chain}
    for k in anchors:
        if k not in on_chain and strength[k] >= MOVE_MATCH and not (a.short[k[0]] or b.short[k[1]]):
            how[k] = "moved"
    fits = _Between(chain)
    allowed = {k: p for k, p in pairs.items() if fits(k) or how.get(k) == "moved"}
    votes_a, votes_b = _votes(allowed, a, b, {k: cands[k] for k in copies})
    for k, cos in cands.items():
        if k in how or not fits(k):
            continue
        if k in clear and _fit(a, b, k, pairs, cands):
            how[k] = "clear"
        elif k in allowed and (_voted(a, b, k, allowed[k], votes_a, votes_b)
                               or _shares_sentence(a, b, k, allowed[k])):
            how[k] = "votes"
    _one_copy_each(how, cands, len(a), len(b))
    _uncross(how, strength, len(a), len(b))
    _by_order(how, allowed, fits, a, b)
    _fill_gaps(how, cands, pairs, a, b)
    _repaginated(how, pairs)
    return [_evidence(a, b, k, cands, pairs, kind) for k, kind in how.items()]


def _worth_reading(cands: dict, clear: set) -> dict:
    """Candidates that can still matter once the clear pairs are known.

    When both paragraphs of a candidate have clear partners elsewhere and
    neither is next to the other's partner, the pair could only be a crossed
    link or a move, and a move needs both to prefer each other: not to read.
    """
    partner_a = dict(clear)
    partner_b = {j: i for i, j in clear}
    return {(i, j): c for (i, j), c in cands.items()
            if (i, j) in clear or i not in partner_a or j not in partner_b
            or abs(partner_a[i] - j) <= 1 or abs(partner_b[j] - i) <= 1}


def _nudged(score: dict[tuple[int, int], float], n: int, m: int) -> dict[tuple[int, int], float]:
    """Scores with the ``POSITION_NUDGE`` for the same relative place: copies pair in order."""
    return {(i, j): s - POSITION_NUDGE * abs(i / max(1, n - 1) - j / max(1, m - 1))
            for (i, j), s in score.items()}


def _clear_pairs(cands: dict[tuple[int, int], float], n: int, m: int) -> set[tuple[int, int]]:
    """Pairs so alike, and so clearly each other's best, that sentences need not be read."""
    best_a, best_b = _best_by(_nudged(cands, n, m))
    return {(i, j) for (i, j), cos in cands.items()
            if cos >= CLEAR_MATCH and best_a[i][1] == j and best_b[j][1] == i}


def _best_by(score: dict[tuple[int, int], float]):
    best_a: dict[int, tuple[float, int]] = {}
    best_b: dict[int, tuple[float, int]] = {}
    for (i, j), s in score.items():
        if s > best_a.get(i, (-1.0, -1))[0]:
            best_a[i] = (s, j)
        if s > best_b.get(j, (-1.0, -1))[0]:
            best_b[j] = (s, i)
    return best_a, best_b


def _fit(a: Side, b: Side, k: tuple[int, int], pairs: dict, cands: dict) -> bool:
    """Whether a heading or one-liner may link here: to another short one, or to its own text.

    One sentence is 100% of a one-liner's vote, so a single shared phrase
    would otherwise tie a heading to a body paragraph: the short side must
    be found in the other, most of its words in sentences matching at
    ``CONTAINED`` or better.
    """
    i, j = k
    if not (a.short[i] or b.short[j]) or (a.short[i] and b.short[j]):
        return True
    if cands[k] >= COPY_MATCH:
        return True
    pair = pairs.get(k)
    if pair is None:
        return False
    side, unit, found = (a, i, pair.from_a) if a.short[i] else (b, j, pair.from_b)
    own = side.space.content_words[side.first[unit]:side.first[unit] + len(found)]
    kept = sum(float(w) for (sim, _), w in zip(found, own) if sim >= CONTAINED)
    return kept >= 0.5 * max(1.0, float(own.sum()))


def _heaviest_chain(anchors: list[tuple[int, int]], strength: dict) -> list[tuple[int, int]]:
    """The anchors in story order on both sides with the greatest total strength.

    Anchors are one-to-one (mutual best), so sorting by a's order and asking a
    prefix-maximum tree over b's order for the best chain ending before each
    one gives the answer in O(k log k).
    """
    order = sorted(anchors)
    if not order:
        return []
    cols = sorted({j for _, j in order})
    rank = {j: r + 1 for r, j in enumerate(cols)}
    tree_val = [0.0] * (len(cols) + 1)
    tree_arg = [-1] * (len(cols) + 1)
    best: list[float] = []
    back: list[int] = []
    for x, (i, j) in enumerate(order):
        top, arg, r = 0.0, -1, rank[j] - 1
        while r > 0:
            if tree_val[r] > top:
                top, arg = tree_val[r], tree_arg[r]
            r -= r & -r
        total = top + strength[(i, j)]
        best.append(total)
        back.append(arg)
        r = rank[j]
        while r <= len(cols):
            if total > tree_val[r]:
                tree_val[r], tree_arg[r] = total, x
            r += r & -r
    x = int(np.argmax(best))
    chain = []
    while x >= 0:
        chain.append(order[x])
        x = back[x]
    return chain[::-1]


class _Between:
    """Whether a pair fits between the chain anchors around it (crosses none of them)."""

    def __init__(self, chain: list[tuple[int, int]]) -> None:
        self.rows = [i for i, _ in chain]
        self.cols = [j for _, j in chain]

    def __call__(self, key: tuple[int, int]) -> bool:
        i, j = key
        lo = bisect.bisect_left(self.rows, i) - 1
        hi = bisect.bisect_right(self.rows, i)
        return (lo < 0 or self.cols[lo] <= j) and (hi >= len(self.rows) or j <= self.cols[hi])

    def gap(self, key: tuple[int, int]) -> int:
        """Which gap of the chain a pair lies in (the number of anchors before it)."""
        return bisect.bisect_left(self.rows, key[0])


def _votes(pairs: dict, a: Side, b: Side, copies: dict[tuple[int, int], float]):
    """Share of each paragraph's sentence weight voting for a paragraph of the other side.

    Returns, per side, {pair: (all votes, strong votes)}. A sentence votes
    for the paragraph holding its best partner when the match is strong, or
    when it is weak but mutual: the partner's own best partner is this
    sentence. Heavy paraphrase keeps few words, and mutual choice is what
    tells a weak true match from a weak coincidence. A sentence whose best
    match is the end of one paragraph read with the start of the next (a
    sentence split at a new paragraph break) votes for both. Near copies
    (``copies``, not read sentence by sentence) hold every sentence of both
    at their paragraph cosine: no other paragraph draws those votes away.
    """
    home_a: dict[tuple[int, int], tuple[float, tuple[int, ...], tuple[int, ...]]] = {}
    home_b: dict[tuple[int, int], tuple[float, tuple[int, ...], tuple[int, ...]]] = {}
    for (i, j), cos in copies.items():
        home_a.update({(i, k): (cos, (j,), ()) for k in range(int(a.count[i]))})
        home_b.update({(j, k): (cos, (i,), ()) for k in range(int(b.count[j]))})
    for (i, j), pair in pairs.items():
        for k, (sim, where) in enumerate(pair.from_a):
            if sim > home_a.get((i, k), (-1.0,))[0]:
                home_a[(i, k)] = (sim, (j,), where)
        for k, (sim, where) in enumerate(pair.from_b):
            if sim > home_b.get((j, k), (-1.0,))[0]:
                home_b[(j, k)] = (sim, (i,), where)
    for (i, j), pair in pairs.items():
        after = pairs.get((i, j + 1))
        if after is not None and pair.sims is not None and after.sims is not None:
            _straddle(home_a, i, j, pair.sims, after.sims, b)
        after = pairs.get((i + 1, j))
        if after is not None and pair.sims is not None and after.sims is not None:
            _straddle(home_b, j, i, pair.sims.T, after.sims.T, a)
    return _tally(home_a, home_b, a, 0), _tally(home_b, home_a, b, 1)


def _straddle(home: dict, idx: int, unit: int, sims: np.ndarray, after: np.ndarray,
              other: Side) -> None:
    """Sentences of ``idx`` best matched by the last sentence of ``unit`` read with the next's first."""
    last = int(other.first[unit] + other.count[unit] - 1)
    joined = (sims[:, -1] + after[:, 0]) / np.sqrt(2.0 + 2.0 * float(other.adjacent[last]))
    for k, sim in enumerate(joined.tolist()):
        if sim >= SENTENCE_MATCH and sim > home[(idx, k)][0]:
            home[(idx, k)] = (sim, (unit, unit + 1), ())


def _tally(home, other, side: Side, own: int) -> dict[tuple[int, int], tuple[float, float]]:
    weights = side.space.content_words
    votes: dict[tuple[int, int], tuple[float, float]] = {}
    for (idx, k), (sim, partners, where) in home.items():
        if sim < SENTENCE_HINT:
            continue
        strong = sim >= SENTENCE_MATCH
        mutual = any(other.get((partners[0], t), (0.0, (-1,), ()))[1] == (idx,)
                     and k in other[(partners[0], t)][2] for t in where)
        if strong or mutual:
            share = float(weights[side.first[idx] + k]) / side.weight[idx]
            for partner in partners:
                key = (idx, partner) if own == 0 else (partner, idx)
                total, firm = votes.get(key, (0.0, 0.0))
                votes[key] = (total + share, firm + (share if strong else 0.0))
    return votes


def _voted(a: Side, b: Side, k: tuple[int, int], pair: Pair, votes_a, votes_b) -> bool:
    """The link rule between anchors: enough sentence votes, or a close paragraph match."""
    if a.short[k[0]] or b.short[k[1]]:
        return _fit(a, b, k, {k: pair}, {k: pair.cosine}) and (
            pair.cosine >= COPY_MATCH or pair.cosine >= SENTENCE_MATCH and (
                votes_a.get(k, (0, 0))[1] >= VOTE_SHARE or votes_b.get(k, (0, 0))[1] >= VOTE_SHARE))
    return (votes_a.get(k, (0, 0))[0] >= VOTE_SHARE or votes_b.get(k, (0, 0))[0] >= VOTE_SHARE
            or pair.cosine >= PARAGRAPH_MATCH)


def _shares_sentence(a: Side, b: Side, k: tuple[int, int], pair: Pair) -> bool:
    """Whether one whole sentence of some length is found nearly as is in the other paragraph.

    A split that moves one sentence to another paragraph leaves it a small
    share of either side's votes, but a sentence kept nearly word for word
    is evidence on its own.
    """
    weights = a.space.content_words
    for side, matches in ((a, pair.from_a), (b, pair.from_b)):
        first = int(side.first[k[0] if side is a else k[1]])
        if any(sim >= SHARED_SENTENCE and weights[first + t] >= SHARED_WORDS
               for t, (sim, _) in enumerate(matches)):
            return True
    return False


def _uncross(how: dict, strength: dict, n: int, m: int) -> None:
    """Keep the links in story order: of two links that cross, the weaker goes.

    Links are taken strongest first (anchors before all); one that would
    cross a link already kept is dropped, unless it is a move. Links may
    share a paragraph (merges, splits). Two trees over a's order answer
    "the largest b position before i" and "the smallest after i".
    """
    rank = {"anchor": 0, "clear": 1}
    order = sorted((k for k, h in how.items() if h != "moved"),
                   key=lambda k: (rank.get(how[k], 2), -strength.get(k, 0.0), k))
    before = _Fenwick(n, max, -1)  # max j among kept links with i' < i
    after = _Fenwick(n, max, -m - 1)  # max -j among kept links with i' > i (mirrored)
    for i, j in order:
        if before.query(i) > j or -after.query(n - 1 - i) < j:
            del how[(i, j)]
            continue
        before.add(i + 1, j)
        after.add(n - i, -j)


class _Fenwick:
    """Prefix maxima over positions 1..n: add(pos, value), query(pos) over positions <= pos."""

    def __init__(self, n: int, op, empty: int) -> None:
        self.tree = [empty] * (n + 1)
        self.op = op
        self.empty = empty

    def add(self, pos: int, value: int) -> None:
        while pos < len(self.tree):
            self.tree[pos] = self.op(self.tree[pos], value)
            pos += pos & -pos

    def query(self, pos: int) -> int:
        out = self.empty
        while pos > 0:
            out = self.op(out, self.tree[pos])
            pos -= pos & -pos
        return out


def _one_copy_each(how: dict, cands: dict, n: int, m: int) -> None:
    """Where a paragraph is copied word for word several times, pair copies in order.

    A source that repeats a paragraph (a title printed twice, a pasted quote)
    would otherwise link every copy to every copy; the copy nearest in
    relative position is the one a reader expects beside it.
    """
    def offset(k: tuple[int, int]) -> float:
        return abs(k[0] / max(1, n) - k[1] / max(1, m))

    for side in (0, 1):
        groups: dict[int, list[tuple[int, int]]] = {}
        for key in how:
            if cands[key] >= COPY_MATCH:
                groups.setdefault(key[side], []).append(key)
        for group in groups.values():
            if len(group) > 1:
                keep = min(group, key=offset)
                for k in group:
                    if k != keep:
                        how.pop(k, None)


def _by_order(how: dict, pairs: dict, fits: _Between, a: Side, b: Side) -> None:
    """Weak pairs the story's order vouches for.

    A heavy rewrite keeps the order of the story. When the paragraphs just
    before (or just after) a pair are linked to each other, neither side of
    the pair is linked elsewhere, and each is the other's best remaining
    candidate, a modest sentence match is enough.
    """
    linked_a = {i for i, _ in how}
    linked_b = {j for _, j in how}
    free = {k: p for k, p in pairs.items()
            if k[0] not in linked_a and k[1] not in linked_b and fits(k)
            and not (a.short[k[0]] or b.short[k[1]])}
    best_a, best_b = _best_by({k: p.strength for k, p in free.items()})
    for (i, j), pair in sorted(free.items()):
        if best_a[i][1] != j or best_b[j][1] != i or pair.best < SUPPORT_MATCH:
            continue
        if (i - 1, j - 1) in how or (i + 1, j + 1) in how:
            how[(i, j)] = "order"


def _fill_gaps(how: dict, cands: dict, pairs: dict, a: Side, b: Side) -> None:
    """Paragraphs left unlinked between two linked passages.

    The gap between consecutive links (or before the first and after the
    last) is read as a unit. When only one side has paragraphs there, each
    is most likely a piece split off a neighbour (``_split_pieces``), and a
    heading there may be the title the other source prints inline
    (``_inline_title``). When both sides do, their unlinked headings pair up
    by position if they are as many, and a few text paragraphs on each side
    that share some words are one rewritten region.
    """
    linked_a = {i for i, _ in how}
    linked_b = {j for _, j in how}
    bounds = [(-1, -1)] + sorted(k for k, h in how.items() if h != "moved") + [(len(a), len(b))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        ga = [i for i in range(i0 + 1, i1) if i not in linked_a]
        gb = [j for j in range(j0 + 1, j1) if j not in linked_b]
        if bool(ga) != bool(gb):
            for k in _split_pieces(ga, gb, (i0, j0), (i1, j1), pairs):
                how[k] = "order"
            titles = [(i, j1) for i in ga if a.short[i]] + [(i1, j) for j in gb if b.short[j]]
            for k in titles:
                if k not in how and k[0] < len(a) and k[1] < len(b) and _inline_title(a, b, k):
                    how[k] = "heading"
            continue
        ha = [i for i in ga if a.heading[i]]
        hb = [j for j in gb if b.heading[j]]
        if ha and len(ha) == len(hb):
            how.update({(i, j): "heading" for i, j in zip(ha, hb)})
        ta = [i for i in ga if not a.heading[i]]
        tb = [j for j in gb if not b.heading[j]]
        if ta and tb and len(ta) <= REGION_MAX and len(tb) <= REGION_MAX:
            for k in ((i, j) for i in ta for j in tb):
                if cands.get(k, 0.0) >= REGION_HINT:
                    how[k] = "region"


def _repaginated(how: dict, pairs: dict) -> None:
    """Re-paragraphed passages: where (i, j) and (i+1, j+1) are linked, a paragraph break moved.

    If the text of i is not all found in j, nor that of j+1 in i+1, the
    missing part may have changed sides of the break: the crossing pair
    (i, j+1) is then linked on one strong sentence match
    (``SENTENCE_MATCH``) covering ``BREAK_SHARE`` of each; likewise (i+1, j).
    """
    def partial(k: tuple[int, int], side: int) -> bool:
        pair = pairs.get(k)
        return pair is not None and (pair.cover_a, pair.cover_b)[side] < COMPLETE

    for i, j in [k for k, h in how.items() if h != "moved"]:
        if how.get((i + 1, j + 1), "moved") == "moved":
            continue
        for k, first, second in (((i, j + 1), 0, 1), ((i + 1, j), 1, 0)):
            if (k not in how and k in pairs and pairs[k].best >= SENTENCE_MATCH
                    and min(pairs[k].cover_a, pairs[k].cover_b) >= BREAK_SHARE
                    and partial((i, j), first) and partial((i + 1, j + 1), second)):
                how[k] = "order"


def _inline_title(a: Side, b: Side, key: tuple[int, int]) -> bool:
    """Whether the paragraph after a heading's gap opens with that title, run into its text.

    A manuscript writes "Chap. 13 Nothing is more painful..." where the
    edition prints "CHAPTER I." on a line of its own: the paragraph's first
    sentence is a fragment (fewer than ``SHORT_WORDS`` content words) that
    shares some of the heading's features (``REGION_HINT``).
    """
    i, j = key
    heading_side, other, unit = (a, b, j) if a.short[i] else (b, a, i)
    first = int(other.first[unit])
    if other.space.content_words[first] >= SHORT_WORDS:
        return False
    sents = a.space.sentences
    row = int(heading_side.first[i if heading_side is a else j])
    return float(sents[row].multiply(sents[first]).sum()) >= REGION_HINT


def _split_pieces(ga: list[int], gb: list[int], before: tuple[int, int], after: tuple[int, int],
                  pairs: dict) -> list[tuple[int, int]]:
    """One-sided gap: each paragraph there joins the neighbour it shares a sentence with.

    When the paragraphs on both sides of the gap are linked to one and the
    same paragraph, the gap is surely a piece of it: order alone vouches and
    ``SUPPORT_MATCH`` is enough.
    """
    side = 1 if ga else 0  # which coordinate holds the neighbours
    sandwiched = before[side] == after[side]
    out = []
    for x in ga or gb:
        keys = [(x, n[1]) if ga else (n[0], x) for n in (before, after)]
        scored = [(pairs[k].best, k) for k in keys if k in pairs]
        if scored and max(scored)[0] >= (SUPPORT_MATCH if sandwiched else SENTENCE_HINT):
            out.append(max(scored)[1])
    return out


def _evidence(a: Side, b: Side, k: tuple[int, int], cands: dict, pairs: dict,
              how: str) -> Evidence:
    i, j = k
    pair = pairs.get(k)
    cos = round(float(cands.get(k, 0.0)), 4)
    if pair is None:  # a near copy or an inline title, not read: covers estimated from lengths
        wa, wb = a.weight[i], b.weight[j]
        return Evidence(a.paras[i], b.paras[j], cos, round(min(1.0, wb / wa), 4),
                        round(min(1.0, wa / wb), 4), how, strength=cos)
    ma = sum(1 for s, _ in pair.from_a if s >= SENTENCE_HINT)
    mb = sum(1 for s, _ in pair.from_b if s >= SENTENCE_HINT)
    return Evidence(a.paras[i], b.paras[j], cos, pair.cover_a, pair.cover_b, how,
                    (ma, len(pair.from_a), mb, len(pair.from_b)), round(pair.strength, 4))
