"""Sources prepared for alignment: each content paragraph's vectors and place.

``prepare`` splits every content paragraph into sentences, builds one
feature space over all sources (so every pair is scored on one IDF scale)
and returns one ``Side`` per source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy import sparse

from reader.core.align.similarity import FeatureSpace, dense_product, row_dots, split_sentences
from reader.core.load.documents import Document
from reader.core.load.markup import compared_text

SHORT_WORDS = 8
"""Paragraphs with fewer content words (headings, one-liners) need strong evidence."""
NOTICE = re.compile(r"\W*(?:(updated?)|correction|clarification|editor['’]s\s+note)\b[^:]{0,40}:",
                    re.IGNORECASE)
"""An editor's notice opening a paragraph ("UPDATE, 4:15 p.m.: …", "Updated 5:02 PM EST:",
"Correction: …", "Editor's note: …"). Each version's notice says what changed in that
version: two notices at the same place are two different notices unless their words
agree, so a notice links by its words only, never by its place (``link_pair``)."""
UPDATE, CORRECTION = "update", "correction"
"""The kinds of notice (``notice_kind``): an update brings news ("UPDATE: the death toll
rose to 12"); a correction, clarification or editor's note speaks of the story itself."""

WHOLE_PAIR = 4_000_000
"""Sentence pairs of two sources up to which all their cosines are taken in one product and
kept while the pair is aligned (``Side.sentence_cosines``, 16 MB at most): as many cells as
one run of ``sentences.read_sentences`` holds (``candidates.BLOCK``), so sources this small
were read in one product anyway. Larger ones are read a run at a time, only where they have
candidates (two versions of a book: a band along the diagonal)."""


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
    short: list[bool]  # lists, not arrays: read one unit at a time, in Python loops
    heading: list[bool]
    notice: list[str]  # the kind of editor's notice it opens with, if any (``notice_kind``)
    rows: np.ndarray  # rows of space.paragraphs
    space: FeatureSpace
    adjacent: np.ndarray  # cosine of each sentence with the next one (for sentence pairs)
    last_pair: list = field(default_factory=list, repr=False)  # one for all sides: see below

    def __len__(self) -> int:
        return len(self.paras)

    @cached_property
    def unit_of(self) -> dict[int, int]:
        """Paragraph index -> its unit (the arrays' index)."""
        return {p: i for i, p in enumerate(self.paras)}

    @cached_property
    def vectors(self) -> sparse.csr_matrix:
        """Its paragraph vectors (a slice of the shared matrix)."""
        start = int(self.rows[0]) if len(self.rows) else 0
        return self.space.paragraphs[start:start + len(self.rows)]

    @cached_property
    def vectors_t(self) -> sparse.csr_matrix:
        """Its paragraph vectors transposed, made once: the right-hand side of the products
        of every pair it is in."""
        return self.vectors.T.tocsr()

    @cached_property
    def sentence_span(self) -> range:
        """Its rows of ``space.sentences``, all paragraphs' sentences in order."""
        start = int(self.first[0]) if len(self.first) else 0
        return range(start, start + int(self.count.sum()))

    @cached_property
    def sentences(self) -> sparse.csr_matrix:
        """Its sentence vectors (a slice of the shared matrix), cut once: the left-hand side of
        the sentence products of every pair it is in."""
        span = self.sentence_span
        return self.space.sentences[span.start:span.stop]

    @cached_property
    def sentences_t(self) -> sparse.csr_matrix:
        """Its sentence vectors transposed, made once (see ``vectors_t``)."""
        return self.sentences.T.tocsr()

    def sentence_cosines(self, other: Side) -> np.ndarray | None:
        """Cosines of all its sentences (rows) with all of ``other``'s, or None when they
        make more than ``WHOLE_PAIR`` cells.

        Reading the candidates (``sentences``) and then the witnesses' mutual best
        sentences (``consistency``) both look into this block: one product per pair of
        sources instead of four. Only the last pair's block is kept (``last_pair`` is
        shared by the sides of one ``prepare``). A cell sums the same products in the
        same order (sorted features of its row) as any product of those two rows would,
        so it is the same number a smaller product gives.
        """
        key = (id(self), id(other))  # ids, not the sides: no reference cycle
        if self.last_pair and self.last_pair[0] == key:
            return self.last_pair[1]
        self.last_pair.clear()
        span = self.sentence_span
        if len(span) * len(other.sentence_span) > WHOLE_PAIR:
            return None
        block = dense_product(self.sentences, other.sentences_t)
        self.last_pair.extend((key, block))
        return block

    def sentence_rows(self, i: int) -> range:
        return range(int(self.first[i]), int(self.first[i] + self.count[i]))


def notice_kind(text: str) -> str:
    """``UPDATE`` or ``CORRECTION`` for a paragraph a notice opens, else ""."""
    found = NOTICE.match(text)
    return "" if found is None else UPDATE if found.group(1) else CORRECTION


def corrections_apart(sides: list[Side], x: tuple[int, int], y: tuple[int, int]) -> bool:
    """Whether paragraphs ``x`` and ``y`` may be linked as far as corrections go: both one,
    or neither (``links._without_weak_notices``; the links the sources' pairs imply,
    triangles and witnesses, had linked a withdrawn paragraph to the correction again)."""
    kinds = [sides[s].notice[sides[s].unit_of[p]] == CORRECTION for s, p in (x, y)]
    return kinds[0] == kinds[1]


def prepare(documents: list[Document]) -> list[Side]:
    """Vectors for every content paragraph of every source, on one IDF scale."""
    texts: list[str] = []
    groups: list[int] = []
    layout = []
    split: dict[str, list[str]] = {}  # paragraph text -> its sentences (versions repeat many)
    for doc in documents:
        units = []
        for p in doc.content:
            text = compared_text(p)  # Markdown's link targets are no one's words
            sents = split.get(text)
            if sents is None:
                sents = split[text] = split_sentences(text)
            units.append((p.index, len(texts), len(sents), p.heading,
                          notice_kind(text)))
            texts.extend(sents)
            groups.append(len(sents))
        layout.append(units)
    space = FeatureSpace(texts, groups)
    sents = space.sentences
    total = sents.shape[0]
    adjacent = row_dots(sents, np.arange(max(0, total - 1)), sents, np.arange(1, total)) \
        if total > 1 else np.zeros(0, np.float32)
    sides = []
    last_pair: list = []
    row = 0
    for units in layout:
        first = np.array([u[1] for u in units], dtype=np.int64)
        count = np.array([u[2] for u in units], dtype=np.int64)
        words = np.add.reduceat(space.content_words, first) if len(units) and total else \
            np.zeros(len(units), np.int64)
        heading = np.array([u[3] for u in units], dtype=bool)
        sides.append(Side([u[0] for u in units], first, count, np.maximum(words, 1).astype(float),
                          (heading | (words < SHORT_WORDS)).tolist(), heading.tolist(),
                          [u[4] for u in units], np.arange(row, row + len(units)), space, adjacent, last_pair))
        row += len(units)
    return sides
