"""Sentences and weighted feature vectors: what alignment compares.

Paraphrased copies of one story share few exact lines but many informative
words and word stems ("deepening ties" / "deepening relations", "showed" /
"showcased"). A sentence is represented by its content-word stems and the
character 4-grams inside them, each weighted by TF-IDF over all sources
loaded together, so the names every version repeats (Russia, China, Putin)
count for little and the rarer words that pin a sentence down count for a
lot. Vectors are sparse dicts of unit length, so a dot product is a cosine.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

Vector = dict[int, float]

_WORD = re.compile(r"\w+(?:[’']\w+)*", re.UNICODE)  # "third-party" is two words here
_SENTENCE_END = re.compile(r"""(?<=[.!?…])(["”’)\]]*)\s+(?=["“‘(\[]?[A-Z0-9À-Ý])""")
_ABBREV = re.compile(r"(?:\b[A-Z]\.){1,3}$|\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Gen|Gov|Rep|St|Jr|Sr|vs|No)\.$")
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
    """Lower-case word tokens, apostrophes normalised."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences without being fooled by "U.S." or "Mr."."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start:match.end(1)].strip()
        if _ABBREV.search(candidate.rstrip("\"”’)]")):
            continue
        if candidate:
            pieces.append(candidate)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces or [text]


@lru_cache(maxsize=200_000)
def _char_grams(stemmed: str) -> tuple[str, ...]:
    padded = f"_{stemmed}_"
    return tuple("c:" + padded[i:i + CHAR_GRAM]
                 for i in range(max(1, len(padded) - CHAR_GRAM + 1)))


def _raw_features(text: str) -> tuple[Counter[str], int]:
    """Features of a text and its number of content words (its weight as a sentence)."""
    tokens = words(text)
    every = [stem(w) for w in tokens]
    content = [s for w, s in zip(tokens, every) if w not in STOPWORDS and len(w) > 1]
    names = ["b:" + first + " " + second for first, second in zip(every, every[1:])]
    names += ["w:" + s for s in content]
    for s in content:
        names += _char_grams(s)
    return Counter(names), len(content)  # one count over a list: far cheaper than updates


_KIND_WEIGHT = {"w": 1.0, "c": CHAR_WEIGHT, "b": BIGRAM_WEIGHT}


class FeatureSpace:
    """IDF weights over a collection of texts, and unit vectors in that space.

    Built once for all sources of a comparison so that every pair of sources
    is scored on the same scale.
    """

    def __init__(self, texts: Iterable[str]) -> None:
        raw, self.content_words = [], []
        for text in texts:
            feats, count = _raw_features(text)
            raw.append(feats)
            self.content_words.append(count)
        df: Counter[str] = Counter()
        for feats in raw:
            df.update(feats.keys())
        n = max(1, len(raw))
        # name -> (feature id, idf); one lookup per feature in the hot loop below
        self._table: dict[str, tuple[int, float]] = {
            name: (fid, _KIND_WEIGHT[name[0]] * math.log((n + 1) / (count + 0.5)))
            for fid, (name, count) in enumerate(df.items())}
        self._raw = raw
        self._word_ids = {fid for name, (fid, _) in self._table.items() if name.startswith("w:")}

    def vector(self, index: int) -> Vector:
        """Unit TF-IDF vector of the ``index``-th text given to the constructor."""
        return self.weigh(self._raw[index])

    def joined(self, first: int, count: int) -> Vector:
        """Unit vector of several of the texts read as one (a paragraph of sentences)."""
        total: Counter[str] = Counter()
        for k in range(first, first + count):
            total.update(self._raw[k])
        return self.weigh(total)

    def weigh(self, feats: Counter[str]) -> Vector:
        """TF-IDF weights of counted features, at unit length."""
        table = self._table
        vec: Vector = {}
        for name, count in feats.items():
            fid, idf = table[name]
            w = idf if count == 1 else (1.0 + math.log(count)) * idf
            if w > 0:
                vec[fid] = w
        norm = math.sqrt(sum([w * w for w in vec.values()]))
        if not norm:
            return {}
        inverse = 1.0 / norm
        return {k: w * inverse for k, w in vec.items()}

    def index_terms(self, vec: Vector, most: int = 24) -> Vector:
        """The heaviest single-word features of a vector: few, telling ones to index."""
        words = [(w, k) for k, w in vec.items() if k in self._word_ids]
        return {k: w for w, k in sorted(words, reverse=True)[:most]}


def dot(a: Vector, b: Vector) -> float:
    """Cosine of two unit vectors."""
    return sum([a[k] * b[k] for k in a.keys() & b.keys()])


def add(vectors: Iterable[Vector]) -> Vector:
    """Unit-normalised sum, used for a pair of adjacent sentences read as one."""
    total: dict[int, float] = {}
    for vec in vectors:
        for k, w in vec.items():
            total[k] = total.get(k, 0.0) + w
    norm = math.sqrt(sum(w * w for w in total.values()))
    return {k: w / norm for k, w in total.items()} if norm else {}
