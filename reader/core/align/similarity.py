"""Sentences and weighted feature vectors: what alignment compares.

Paraphrased copies of one story share few exact lines but many informative
words and word stems ("deepening ties" / "deepening relations", "showed" /
"showcased"). A sentence is represented by its content-word stems, the
character 5-grams inside them and its word pairs, each weighted by TF-IDF
over all sources loaded together, so the names every version repeats
(Russia, China, Putin) count for little and the rarer words that pin a
sentence down count for a lot.

Vectors are rows of scipy sparse matrices at unit length, so one sparse
product gives the cosines of many pairs at once; Python only walks the
tokens once, through a per-word cache of feature ids.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

import numpy as np
from scipy import sparse

from reader.core.load.script_aware import HAN_AND_KANA

try:  # scipy's own product routine, private: ``dense_product`` falls back to the public one
    from scipy.sparse import _sparsetools
except ImportError:  # pragma: no cover - a scipy that renamed it
    _sparsetools = None

_WORD = re.compile(r"\w+(?:[’']\w+)*", re.UNICODE)  # "third-party" is two words here
_CJK = re.compile(f"[{HAN_AND_KANA}]")  # the letters the word diff and word counts read alike
# Sentence ends: Latin/Greek/Cyrillic/Arabic/Devanagari marks need a space after them,
# the full-width CJK marks do not (Chinese and Japanese put no space between sentences).
_END = re.compile(r"""([.!?…؟۔।]+|[。！？]+)(["”’»)\]」』]*)(\s*)""")
_ABBREV = re.compile(
    r"(?:\b[A-Z]\.){1,3}$|\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Gen|Gov|Rep|St|Jr|Sr|vs|No)\.$")
_ABBREV_TAIL = 8
"""Characters at the end of a sentence that ``_ABBREV`` needs to see: its longest match
("U.S.A.", 6) ends at the end or before a final newline, and its ``\\b`` reads the character
before it; scanning the whole sentence for it took half the time of splitting."""
_OPENERS = "\"“‘(['«„「『"
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself said says
say told tell according added adding one two its it's s t
""".split())
CHAR_GRAM = 5
CHAR_WEIGHT = 0.6
"""Share of a word's weight given to its character n-grams (morphology, typos)."""
BIGRAM_WEIGHT = 0.5
"""Weight of word pairs (stopwords included) relative to single words."""

WORD, GRAM, PAIR = 0, 1, 2  # feature kinds
MIN_COLLECTION = 20
"""Sentences the inverse document frequency counts at least. Over two one-sentence
versions of a flash ("between 30 and 40 people…" / "between 20 and 40 people…") every
shared word is in all the sentences there are, weighs almost nothing, and the one number
changed made them unrelated (cosine 0.36): no link, "is it the same story?". Any
comparison of more text than this is weighed exactly as before."""
_KIND_WEIGHT = np.array([1.0, CHAR_WEIGHT, BIGRAM_WEIGHT])


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A deliberately crude stemmer: strip common suffixes, cap the length.

    Good enough to meet "relations/relationship", "deepening/deepen" and
    "watched/watching" half way; the character n-grams catch the rest.
    """
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "edly", "ies", "ied",
                   "ed", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:7]


def words(text: str) -> list[str]:
    """Lower-case word tokens, apostrophes normalised.

    Chinese and Japanese write no spaces: a run of their characters becomes
    overlapping character pairs, the usual unit of CJK text matching.
    """
    found = _WORD.findall(text.lower().replace("’", "'"))
    if not _CJK.search(text):
        return found
    out = []
    for w in found:
        if len(w) > 2 and _CJK.search(w):
            out.extend(w[k:k + 2] for k in range(len(w) - 1))
        else:
            out.append(w)
    return out


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences, in any script, without being fooled by "U.S." or "Mr.".

    A Latin-style mark (. ! ? … and the Arabic, Urdu and Devanagari ones) ends
    a sentence when space follows and the next word does not start in lower
    case (caseless scripts such as Arabic always qualify); the full-width
    CJK marks end one wherever they stand.
    """
    pieces: list[str] = []
    start = 0
    for match in _END.finditer(text):
        after = match.end()
        if after >= len(text):
            break
        cjk = match.group(1)[0] in "。！？"
        if not cjk:
            nxt = text[after:after + 1]
            if nxt in _OPENERS:
                nxt = text[after + 1:after + 2]
            if not match.group(3) or not nxt or not nxt.isalnum() or nxt.islower():
                continue
        candidate = text[start:match.end(2)].strip()
        if not cjk and _ABBREV.search(candidate.rstrip("\"”’)]")[-_ABBREV_TAIL:]):
            continue
        if candidate:
            pieces.append(candidate)
        start = after
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces or [text]


class FeatureSpace:
    """TF-IDF unit vectors of sentences and of paragraphs, all sources on one scale.

    ``sentences`` has one row per sentence text given; ``paragraphs`` one row
    per group of consecutive sentences (``groups`` gives each group's size).
    ``content_words[k]`` is the number of content words of sentence k: its
    weight when sentences vote. ``kinds[f]`` tells single words (``WORD``)
    from character grams and word pairs, for the candidate index.
    """

    def __init__(self, texts: Sequence[str], groups: Sequence[int]) -> None:
        self._ids: dict[object, int] = {}
        kinds = array("b")
        self._kinds = kinds
        self._tokens: dict[str, tuple[str, tuple[int, ...]]] = {}
        cols = array("i")
        indptr = array("q", [0])
        content = array("q")
        seen: dict[str, int] = {}  # text -> its first row: versions repeat most sentences
        for row, text in enumerate(texts):
            first = seen.setdefault(text, row)
            if first == row:
                content.append(self._features(text, cols))
            else:  # the same ids: a text met before adds no new feature
                cols.extend(cols[indptr[first]:indptr[first + 1]])
                content.append(content[first])
            indptr.append(len(cols))
        n_feats = len(self._ids)
        self._ids.clear()
        self._tokens.clear()
        self.kinds = np.frombuffer(kinds, dtype=np.int8).copy() if n_feats else np.zeros(0, np.int8)
        self.content_words = np.frombuffer(content, dtype=np.int64).copy() if texts else \
            np.zeros(0, np.int64)
        counts = sparse.csr_matrix(
            (np.ones(len(cols), np.float32), np.frombuffer(cols, dtype=np.int32),
             np.frombuffer(indptr, dtype=np.int64)), shape=(len(texts), n_feats))
        counts.sum_duplicates()
        df = np.bincount(counts.indices, minlength=n_feats)
        n = max(MIN_COLLECTION, len(texts))
        self.idf = (_KIND_WEIGHT[self.kinds] * np.log((n + 1) / (df + 0.5))).astype(np.float32)
        self.sentences = self._weigh(counts)
        member = sparse.csr_matrix(
            (np.ones(len(texts), np.float32), np.arange(len(texts)),
             np.concatenate([[0], np.cumsum(groups, dtype=np.int64)])),
            shape=(len(groups), len(texts)))
        self.paragraphs = self._weigh(member @ counts)

    def _features(self, text: str, cols: array) -> int:
        """Append the feature ids of one text to ``cols``; return its content-word count."""
        tokens = self._tokens
        entries = [tokens.get(w) or self._token(w) for w in words(text)]
        content = [e[1] for e in entries if e[1]]
        cols.extend(chain.from_iterable(content))
        known = self._ids.get
        stems = [e[0] for e in entries]
        cols.extend([fid if (fid := known(pair)) is not None else self._new(pair, PAIR)
                     for pair in zip(stems, stems[1:])])
        if not content and len(stems) == 1:
            # A one-word line of a common word ("Same.", "Amen."): its only feature is itself,
            # so that copies of it still find each other.
            key = ("whole",) + tuple(stems)
            cols.append(self._ids[key] if key in self._ids else self._new(key, WORD))
        return len(content)

    def _token(self, word: str) -> tuple[str, tuple[int, ...]]:
        """A word's stem and, for a content word, its word and character-gram feature ids."""
        s = stem(word)
        if word in STOPWORDS or len(word) < 2:
            entry: tuple[str, tuple[int, ...]] = (s, ())
            self._tokens[word] = entry
            return entry
        padded = f"_{s}_"
        grams = {"c:" + padded[i:i + CHAR_GRAM]
                 for i in range(max(1, len(padded) - CHAR_GRAM + 1))}
        ids = [self._ids.get("w:" + s)]
        if ids[0] is None:
            ids[0] = self._new("w:" + s, WORD)
        for g in sorted(grams):
            fid = self._ids.get(g)
            ids.append(self._new(g, GRAM) if fid is None else fid)
        entry = self._tokens[word] = (s, tuple(ids))
        return entry

    def _new(self, name: object, kind: int) -> int:
        fid = self._ids[name] = len(self._ids)
        self._kinds.append(kind)
        return fid

    def _weigh(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        """TF-IDF (log-scaled counts) at unit length, row by row."""
        out = counts.astype(np.float32, copy=True)
        out.data = np.where(out.data <= 1, 1.0, 1.0 + np.log(np.maximum(out.data, 1.0))) \
            .astype(np.float32) * self.idf[out.indices]
        rows = np.repeat(np.arange(out.shape[0]), np.diff(out.indptr))
        norms = np.sqrt(np.bincount(rows, weights=out.data.astype(np.float64) ** 2,
                                    minlength=out.shape[0]))
        norms[norms == 0] = 1.0
        out.data /= norms[rows].astype(np.float32)
        return out


def row_dot(x: sparse.csr_matrix, i: int, j: int) -> float:
    """``float(x[i].multiply(x[j]).sum())`` for a matrix with sorted features per row
    (``FeatureSpace.sentences``), without making three small sparse matrices (a tenth of
    the time): the products of the features both rows hold, in feature order, and the
    same numpy sum over them, so the very same number."""
    lo_i, lo_j = x.indptr[i], x.indptr[j]
    _, at_i, at_j = np.intersect1d(x.indices[lo_i:x.indptr[i + 1]], x.indices[lo_j:x.indptr[j + 1]],
                                   assume_unique=True, return_indices=True)
    return float(np.sum(x.data[lo_i + at_i] * x.data[lo_j + at_j]))


def row_dots(x: sparse.csr_matrix, rows_x: np.ndarray, y: sparse.csr_matrix,
             rows_y: np.ndarray) -> np.ndarray:
    """Cosines of the row pairs (x[rows_x[k]], y[rows_y[k]]), in one vectorised pass."""
    if not len(rows_x):
        return np.zeros(0, np.float32)
    out = np.empty(len(rows_x), np.float32)
    step = 20_000  # bounded temporaries
    for k in range(0, len(rows_x), step):
        part = x[rows_x[k:k + step]].multiply(y[rows_y[k:k + step]])
        out[k:k + step] = np.asarray(part.sum(axis=1)).ravel()
    return out


DENSE_ROOM = 1_000_000
"""Cells of a product up to which ``dense_product`` makes room for all of them at once."""


def dense_product(x: sparse.csr_matrix, y: sparse.csr_matrix) -> np.ndarray:
    """``(x @ y).toarray()``, for the small products that are nearly dense anyway.

    scipy's product first walks every multiplication once only to count the
    cells of the result, then again to compute them: a third of the time of
    the few hundred products of one alignment. Room for every cell is made at
    once instead (up to ``DENSE_ROOM`` cells; above, scipy counts them: room
    for all would cost more than the count). It is the same routine summing
    the same products in the same order, so the numbers are the very same.
    The routine is scipy's private module: a scipy without it gets the public
    product, the same numbers a little slower.
    """
    n, m = x.shape[0], y.shape[1]
    cells = n * m
    if cells > DENSE_ROOM or _sparsetools is None:
        return (x @ y).toarray()
    arrays = (x.indptr, x.indices, y.indptr, y.indices)
    wide = cells >= 2 ** 31 or any(a.dtype != np.int32 for a in arrays)
    index = np.int64 if wide else np.int32
    xp, xi, yp, yi = (a.astype(index, copy=False) for a in arrays)
    indptr = np.empty(n + 1, index)
    indices = np.empty(cells, index)
    data = np.empty(cells, np.result_type(x.dtype, y.dtype))
    _sparsetools.csr_matmat(n, m, xp, xi, x.data, yp, yi, y.data, indptr, indices, data)
    out = np.zeros((n, m), data.dtype)
    _sparsetools.csr_todense(n, m, indptr, indices, data, out)
    return out
