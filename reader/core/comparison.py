"""The whole pipeline in one call: documents in, aligned comparison out.

``compare`` runs load -> segment (already done by ``documents``) -> align ->
rows -> word diff, and ``Comparison`` answers what the reader, the exports
and the CLI ask: which paragraphs link, how many sources carry a paragraph,
and the list of differences against a chosen reference source.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from operator import attrgetter

import numpy as np
from scipy import sparse

from reader.core.align.consistency import (
    SURE,
    Mutual,
    close_triangles,
    link_ends,
    merge_groups,
    mutual_sentences,
    witnessed,
)
from reader.core.align.links import COPY_MATCH, link_pair
from reader.core.align.parallel import (
    PARALLEL_CHARS,
    PARALLEL_FROM,
    Beside,
    beside_result,
    fork_beside,
    fork_map,
)
from reader.core.align.rows import Row, build_rows
from reader.core.align.sides import SHORT_WORDS, corrections_apart, prepare
from reader.core.align.similarity import words
from reader.core.collector import gc_paused
from reader.core.diff.words import Span, WordDiffer, accidental_spans, word_counts, words_of
from reader.core.load.documents import Document
from reader.core.load.markup import Syntax, compared_text, syntax_of
from reader.core.load.segmentation import Paragraph

Ref = tuple[int, int]  # (source index, paragraph index)

MINOR_SHARE = 0.15
"""At most this share of words changed (punctuation aside) makes a link ``minor``."""
MINOR_COSINE = 0.5
"""Paragraph cosine below which two texts cannot be a ``minor`` edit of each other."""
PARTIAL_COVER = 0.5
"""Below this share of one side found in the other, a link is ``partial``."""


FEW_SHARED = 0.25
"""Share of a source's story paragraphs linked to another source, both ways, below which
it shares too little with every other for its links to make it a version of the same
story (``Comparison.loose``): a Spanish original beside three English translations links
its title and nothing else (1 of 10), where a brief version or a long feature shares
most of the wire copy's paragraphs (8 of 10) however many it adds."""
LOW_CONFIDENCE = 0.6
"""Below this ``Link.confidence`` a link is shown as a guess (dashed in the reader, marked
in exports). Below it fall the links that rest on their place rather than their words
(headings 0.5, rewritten regions 0.25, ``align.links.CONFIDENCE``) and those found by
weak sentence matches: what a person should check. One threshold for the reader and the
exports, so both call the same links unsure."""


@dataclass(frozen=True)
class Link:
    """Two paragraphs of two sources that carry the same content, wholly or in part."""

    a: Ref
    b: Ref
    score: float
    kind: str  # identical | minor | reworded | partial | merged | moved | region
    cover_a: float
    cover_b: float
    confidence: float = 1.0  # 0..1: how sure the engine is (low: show it as a guess)
    evidence: str = ""  # what the link rests on, in a few words
    group: int | None = None  # links of one merge or split share this id
    set_by: str = "engine"  # "engine", or "user" for a link a person made or confirmed

    def other(self, ref: Ref) -> Ref:
        return self.b if ref == self.a else self.a

    def __reduce__(self) -> tuple:
        """Pickled as its fields in order, not as a state dict: the links that come back
        from the aligning workers and go to the reader (19,000 for 20 sources) load in
        half the time."""
        return Link, (self.a, self.b, self.score, self.kind, self.cover_a, self.cover_b,
                      self.confidence, self.evidence, self.group, self.set_by)


def index_links(links: Iterable[Link], table: dict[Ref, list[Link]]) -> dict[Ref, list[Link]]:
    """``table`` with ``links`` added under both their paragraphs, in order (a comparison's
    lookup of links by paragraph; built a piece at a time as links arrive, too)."""
    for link in links:
        table.setdefault(link.a, []).append(link)
        table.setdefault(link.b, []).append(link)
    return table


@dataclass(frozen=True)
class Difference:
    """One thing a reader can jump to: a row where a source departs from the reference."""

    row: int
    source: int
    kind: str  # added | omitted | changed | moved
    words: int = 0  # words concerned, for sorting and summaries
    moved: str = ""
    """For ``moved``: ``here`` where the source's moved paragraph stands (the reference has
    it in another row), ``later`` or ``earlier`` where the reference's paragraph stands and
    the source has it further on or further back. A move shows at both ends, and "has
    elsewhere" twice told neither which end a place was nor which way the text went."""
    heading: bool = False
    """For ``added`` and ``omitted``: only headings (a subheading one version gives its
    story, a chapter's), which a list says as such: "[10] adds a heading" is structure, not
    news."""


@dataclass
class Comparison:
    """Documents plus everything alignment found between them."""

    documents: list[Document]
    links: list[Link]
    rows: list[Row]
    _diffs: dict[tuple, list[Span]] = field(default_factory=dict, repr=False)
    _differences: dict[int | tuple[int, bool], list[Difference]] = field(default_factory=dict,
                                                                         repr=False)
    _counts: dict[tuple, dict[str, int]] = field(default_factory=dict, repr=False)
    _diff_texts: dict[tuple[Ref, Ref], str] = field(default_factory=dict, repr=False)
    _differ: WordDiffer = field(default_factory=WordDiffer, repr=False, compare=False)
    """The word diffs of rows and links: one differ for the comparison, so a paragraph is
    cut into tokens once for all its rows and links (20 sources: every row against a
    reference took 0.74 s of CPU with a new differ per diff)."""
    accidentals: bool = False
    """Whether a change of punctuation, case or paragraphing alone is a difference of the rows
    (``words.accidental_spans``): an editor of a text counts it, a news reader mostly
    not (off: the word diff calls it trivial). The rows' diffs are kept as found and
    read with it, so either way each is computed once."""

    def __getstate__(self) -> dict:
        """All but the differ: what it holds (every text it has cut into tokens) is most of
        a comparison's size once its rows are diffed, and another process (the reader's
        window, a worker) cuts the texts it diffs again cheaply."""
        return {key: value for key, value in self.__dict__.items() if key != "_differ"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _differ=WordDiffer())

    @cached_property
    def _by_ref(self) -> dict[Ref, list[Link]]:
        return index_links(self.links, {})

    def adopt_link_index(self, table: dict[Ref, list[Link]]) -> None:
        """Take ``table``, ``index_links`` of exactly these links built elsewhere, as their
        lookup (the reader builds it while the links arrive from its child)."""
        self.__dict__["_by_ref"] = table

    @cached_property
    def row_of(self) -> dict[Ref, int]:
        return {(s, p): r for r, row in enumerate(self.rows) for s, paras in enumerate(row)
                for p in paras}

    def links_of(self, ref: Ref) -> list[Link]:
        return self._by_ref.get(ref, [])

    def carriers(self, ref: Ref) -> set[int]:
        """Other sources that carry this paragraph's content."""
        return {link.other(ref)[0] for link in self.links_of(ref)}

    def alone(self) -> list[int]:
        """Sources (of two or more) that share no passage with any other: not a version of
        the same story, or one the aligner could not follow. A person should hear so, not
        read every paragraph of theirs as an addition."""
        if len(self.documents) < 2:
            return []
        linked = {end[0] for link in self.links for end in (link.a, link.b)}
        return [s for s, doc in enumerate(self.documents) if s not in linked and doc.content]

    def loose(self) -> list[int]:
        """Sources (of three or more) that share little with the others, where the others
        share more: linked by weak links only (none ``SURE``) where the others share sure
        ones, or by links to fewer than ``FEW_SHARED`` of their paragraphs and of every
        other source's. Another story of the same town and day (its mayor and its place
        names make a few weak links), a version in another language (its title and its
        names), or one the aligner could not follow. Their links stay; a person is told
        so, rather than read another story's lines as rewordings of this one."""
        if len(self.documents) < 3:
            return []
        sure = {end[0] for link in self.links if link.confidence >= SURE
                for end in (link.a, link.b)}
        weak = {end[0] for link in self.links for end in (link.a, link.b)} - sure
        return sorted(weak | self._sharing_little()) if sure else []

    def _sharing_little(self) -> set[int]:
        """The sources linked to under ``FEW_SHARED`` of their story paragraphs and of
        every other source's, where two other sources share more."""
        linked: dict[tuple[int, int], set[int]] = {}  # (source, other) -> its paragraphs
        for link in self.links:
            linked.setdefault((link.a[0], link.b[0]), set()).add(link.a[1])
            linked.setdefault((link.b[0], link.a[0]), set()).add(link.b[1])
        story = [sum(not p.boilerplate for p in doc.paragraphs) for doc in self.documents]

        def shared(s: int, t: int) -> float:  # the larger share, s's of t or t's of s
            return max(len(linked.get((s, t), ())) / max(story[s], 1),
                       len(linked.get((t, s), ())) / max(story[t], 1))

        pairs = {(s, t): shared(s, t) for s, t in itertools.combinations(range(len(story)), 2)}
        little = {s for s in range(len(story))
                  if all(share < FEW_SHARED for pair, share in pairs.items() if s in pair)}
        return {s for s in little if any(share >= FEW_SHARED for pair, share in pairs.items()
                                         if s not in pair)}

    def copies(self) -> list[tuple[int, int]]:
        """Pairs of sources whose text is the same, paragraph for paragraph (one outlet's
        copy resent under another name): each of their differences is the other's twice
        over, and a person comparing versions should know it is one version."""
        texts = [tuple(p.text for p in doc.content) for doc in self.documents]
        return [(s, t) for s, t in itertools.combinations(range(len(texts)), 2)
                if texts[s] and texts[s] == texts[t]]

    def presence(self, ref: Ref) -> str:
        """``all``, ``some`` or ``none`` of the other sources carry this paragraph."""
        n = len(self.carriers(ref))
        if n == 0:
            return "none"
        return "all" if n == len(self.documents) - 1 else "some"

    def unlinked(self, ref: Ref) -> str | None:
        """Why a paragraph has no link at all, or None when it has one.

        ``furniture`` (site navigation, teasers: never compared), ``heading``
        (a title or one-liner with no counterpart that shares its words) or
        ``only here`` (content no other source carries).
        """
        if self.links_of(ref):
            return None
        para = self.documents[ref[0]].paragraphs[ref[1]]
        if para.boilerplate:
            return "furniture"
        return "heading" if para.heading or len(words(para.text)) < SHORT_WORDS else "only here"

    def moved(self, ref: Ref) -> list[Ref]:
        """Counterparts of this paragraph that sit in another row (reordered content)."""
        row = self.row_of[ref]
        return [link.other(ref) for link in self.links_of(ref)
                if self.row_of[link.other(ref)] != row]

    def moved_rows(self, row: int, source: int, other: int) -> list[int]:
        """The rows where ``other`` carries what ``source``'s cell of ``row`` holds, moved
        there (``moved``), in the order of the cell's paragraphs and their links: where a
        moved paragraph's other end is (the exports' and the command line's pointers)."""
        return [self.row_of[o] for p in self.rows[row][source] for o in self.moved((source, p))
                if o[0] == other]

    def comparable(self, row: int, reference: int, source: int) -> bool:
        """Whether ``source``'s paragraphs in a row are linked to the reference's there.

        A row can hold paragraphs of two sources that are not linked to each
        other (both linked to a third source, or headlines side by side):
        a word diff between them would only be noise.
        """
        ref_paras = set(self.rows[row][reference])
        return any(other[0] == reference and other[1] in ref_paras
                   for q in self.rows[row][source]
                   for other in (link.other((source, q)) for link in self.links_of((source, q))))

    def row_text(self, row: int, source: int,
                 read: Callable[[Paragraph], str] = attrgetter("text")) -> str:
        """``source``'s paragraphs in a row, as ``read`` gives each (``compared_text``: as
        the word diff reads them, at the same offsets)."""
        doc = self.documents[source]
        return "\n\n".join(read(doc.paragraphs[p]) for p in self.rows[row][source])

    def row_syntax(self, row: int, source: int) -> Syntax:
        """The Markdown syntax in ``row_text(row, source)`` (none for text and HTML): what
        exports leave out of the text they show."""
        doc = self.documents[source]
        return syntax_of([doc.paragraphs[p] for p in self.rows[row][source]])

    def row_shown(self, row: int, source: int) -> str:
        """``source``'s text in a row as a reader sees it: Markdown syntax left out."""
        return self.row_syntax(row, source).visible(self.row_text(row, source))

    def compared_row_text(self, row: int, source: int) -> str:
        """``row_text`` as the word diff reads it (Markdown syntax blanked, same offsets)."""
        return self.row_text(row, source, compared_text)

    def compared(self, ref: Ref) -> str:
        """``text`` as the word diff and the facts read it, and as the reader shows it:
        Markdown syntax blanked (``compared_text``: same offsets)."""
        return compared_text(self.documents[ref[0]].paragraphs[ref[1]])

    def row_diff(self, row: int, reference: int, source: int) -> list[Span]:
        """Word diff of ``source``'s text in a row against the reference's (merges included),
        its accidentals counted where asked (``accidentals``)."""
        if not self.accidentals:
            return self._row_diff(row, reference, source)
        return self._accidental_diff(row, reference, source)

    def _accidental_diff(self, row: int, reference: int, source: int) -> list[Span]:
        """``row_diff`` with the accidentals counted, whatever ``accidentals`` says."""
        key = ("accidentals", row, reference, source)
        if key not in self._diffs:
            self._diffs[key] = accidental_spans(self._row_diff(row, reference, source),
                                                self.compared_row_text(row, reference),
                                                self.compared_row_text(row, source))
        return self._diffs[key]

    def _row_diff(self, row: int, reference: int, source: int) -> list[Span]:
        key = ("row", row, reference, source)
        if key not in self._diffs:
            self._diffs[key] = self._differ.diff(self.compared_row_text(row, reference),
                                                 self.compared_row_text(row, source))
        return self._diffs[key]

    def row_counts(self, row: int, reference: int, source: int) -> dict[str, int]:
        """Words added, omitted, changed and shared in a row against the reference."""
        key = (row, reference, source, True) if self.accidentals else (row, reference, source)
        if key not in self._counts:
            self._counts[key] = word_counts(self.row_diff(row, reference, source),
                                            self.compared_row_text(row, reference),
                                            self.compared_row_text(row, source))
        return self._counts[key]

    def has_diffs(self, reference: int) -> bool:
        """Whether the differences against ``reference`` are computed already."""
        return reference in self._differences

    def diff_caches(self, reference: int) -> tuple:
        """What ``absorb`` needs to take over another process's diffs for ``reference``."""
        rows = {k: v for k, v in self._diffs.items() if k[0] == "row" and k[2] == reference}
        counts = {k: v for k, v in self._counts.items() if k[1] == reference and len(k) == 3}
        return reference, rows, counts, self._differences.get(reference)

    def absorb(self, caches: tuple) -> None:
        """Take over diffs computed in another process (see ``diff_caches``)."""
        reference, diffs, counts, differences = caches
        self._diffs.update(diffs)
        self._counts.update(counts)
        if differences is not None:
            self._differences[reference] = differences

    def _diffed_cells(self, reference: int) -> list[tuple[int, int]]:
        """(row, source) pairs that get a word diff against ``reference``."""
        return [(r, s) for r, row in enumerate(self.rows) for s, paras in enumerate(row)
                if s != reference and paras and self.comparable(r, reference, s)]

    def prepare_diffs(self, reference: int) -> None:
        """Compute every row's word diff against ``reference`` now, on all cores if allowed."""
        wanted = [(r, s) for r, s in self._diffed_cells(reference)
                  if ("row", r, reference, s) not in self._diffs]
        done = fork_map(lambda rs: (self._row_diff(rs[0], reference, rs[1]),
                                    self._raw_counts(rs[0], reference, rs[1])), wanted)
        for (r, s), (spans, counts) in done.items():
            self._diffs[("row", r, reference, s)] = spans
            self._counts[(r, reference, s)] = counts

    def link_diff(self, link: Link) -> list[Span]:
        """Word diff between the two paragraphs of a link (computed when first asked)."""
        key = ("link", *link.a, *link.b)
        if key not in self._diffs:
            self._diffs[key] = self._differ.diff(self.compared(link.a), self.compared(link.b))
        return self._diffs[key]

    def link_diff_json(self, link: Link) -> str:
        """A link's word diff as JSON text (``Span.to_json`` of each span).

        Taken from what ``compare(link_diffs=True)`` computed beside the
        alignment, else computed now with the comparison's differ.
        """
        done = self._diff_texts.get((link.a, link.b))
        return done if done is not None else self._differ.diff_json(self.compared(link.a),
                                                                    self.compared(link.b))

    def has_link_diff(self, link: Link) -> bool:
        """Whether ``link_diff_json`` has the link's diff already."""
        return (link.a, link.b) in self._diff_texts

    def carry_link_texts(self, old: Comparison) -> None:
        """Keep the word diffs ``old`` (the same documents) found beside the alignment, as a
        fix adds or removes a few links: a link's diff depends on its two texts alone.
        ``parallax align --json`` of a comparison file with fixes then diffs only the
        links the fixes made."""
        self._diff_texts = old._diff_texts

    def text(self, ref: Ref) -> str:
        return self.documents[ref[0]].paragraphs[ref[1]].text

    def span_count(self, reference: int) -> int:
        """Word-level differences against ``reference``: the spans a reader sees marked."""
        return sum(1 for r, s in self._diffed_cells(reference)
                   for span in self.row_diff(r, reference, s)
                   if span.op != "equal" and not span.trivial)

    def _raw_counts(self, row: int, reference: int, source: int) -> dict[str, int]:
        """``row_counts`` of the diff as found, whatever ``accidentals`` says."""
        return word_counts(self._row_diff(row, reference, source),
                           self.compared_row_text(row, reference),
                           self.compared_row_text(row, source))

    def differences(self, reference: int) -> list[Difference]:
        """Everything a reader can step through, in reading order, against ``reference``."""
        key = (reference, True) if self.accidentals else reference
        if key not in self._differences:
            self._differences[key] = self._find_differences(reference)
        return self._differences[key]

    def accidental_rows(self, reference: int) -> int:
        """Rows where a source differs from ``reference`` in punctuation, case or paragraphing,
        while those are not counted (``accidentals``): what "no differences" leaves out."""
        if self.accidentals:
            return 0
        found = {(d.row, d.source) for d in self.differences(reference)}
        rows = set()
        for r, s in self._diffed_cells(reference):
            if r in rows or (r, s) in found:
                continue
            if any(not span.trivial and span.op != "equal"
                   for span in self._accidental_diff(r, reference, s)):
                rows.add(r)
        return len(rows)

    def _find_differences(self, reference: int) -> list[Difference]:
        out: list[Difference] = []
        for r, row in enumerate(self.rows):
            ref_content = [p for p in row[reference]
                           if not self.documents[reference].paragraphs[p].boilerplate]
            for s, paras in enumerate(row):
                if s == reference:
                    continue
                content = [p for p in paras if not self.documents[s].paragraphs[p].boilerplate]
                if content and not ref_content:
                    # moved here only from where the reference has it: what the reference
                    # lacks is added, wherever a third source puts it (the paragraphs a
                    # wire's updates added read "moves it here", an outlet having put them
                    # elsewhere, review 12)
                    moved = any(o[0] == reference for p in content for o in self.moved((s, p)))
                    out.append(Difference(r, s, "moved" if moved else "added",
                                          self._words(s, content), "here" if moved else "",
                                          not moved and self._headings(s, content)))
                elif ref_content and not content:
                    rows = [self.row_of[other] for p in ref_content
                            for other in self.moved((reference, p)) if other[0] == s]
                    out.append(Difference(r, s, "moved" if rows else "omitted",
                                          self._words(reference, ref_content),
                                          ("later" if rows[0] > r else "earlier") if rows else "",
                                          not rows and self._headings(reference, ref_content)))
                elif content and not self.comparable(r, reference, s):
                    out.append(Difference(r, s, "added", self._words(s, content)))
                elif content:
                    counts = self.row_counts(r, reference, s)
                    changed = counts["added"] + counts["omitted"] + counts["changed"]
                    if changed:
                        out.append(Difference(r, s, "changed", changed))
        return out

    def _headings(self, source: int, paras: list[int]) -> bool:
        """Whether ``paras`` are all headings, and not the document's first (its
        headline, which every version has its own of)."""
        doc = self.documents[source]
        return all(doc.paragraphs[p].heading and doc.paragraphs[p].role != "headline"
                   for p in paras)

    def _words(self, source: int, paras: list[int]) -> int:
        doc = self.documents[source]
        return sum(len(doc.paragraphs[p].text.split()) for p in paras)


class _WordBags:
    """Each content paragraph's words as counts, one sparse row each, counted once.

    Naming a link ``minor`` compares the two word multisets; doing it for all
    links of a pair of sources at once (one elementwise minimum of two
    sparse matrices) costs a fraction of one ``Counter`` intersection each.
    Given the ``WordDiffer`` that has read the texts, the words are its
    symbols (one per folded word), not read again.
    """

    def __init__(self, documents: list[Document], differ: WordDiffer | None = None) -> None:
        self.row: dict[Ref, int] = {}
        content = [(s, p) for s, doc in enumerate(documents) for p in doc.content]
        for k, (s, p) in enumerate(content):
            self.row[(s, p.index)] = k
        texts = [compared_text(p) for _, p in content]  # as the differ has read them
        symbols = differ.word_symbols(texts) if differ else None
        if symbols is not None:  # the words the differ has read, one code point each
            indptr = np.concatenate([[0], np.cumsum([len(w) for w in symbols])])
            cols = np.frombuffer("".join(symbols).encode("utf-32-le"), np.uint32).astype(np.int64)
            width = int(cols.max()) + 1 if len(cols) else 0
        else:
            vocabulary: dict[str, int] = {}
            found: list[int] = []
            indptr = [0]
            for text in texts:
                found.extend([vocabulary.setdefault(w, len(vocabulary)) for w in words_of(text)])
                indptr.append(len(found))
            width, cols = len(vocabulary), np.array(found, np.int64)
        counts = sparse.csr_matrix((np.ones(len(cols), np.int64), cols, np.array(indptr, np.int64)),
                                   shape=(len(content), width))
        counts.sum_duplicates()
        self.counts = counts
        self.sizes = np.asarray(counts.sum(axis=1)).ravel()

    def shared(self, pairs: list[tuple[Ref, Ref]]) -> list[tuple[int, int, int]]:
        """Words the two paragraphs of each pair have in common (multiset), and each one's
        word count."""
        if not pairs:
            return []
        ra = np.array([self.row[x] for x, _ in pairs], dtype=np.int64)
        rb = np.array([self.row[y] for _, y in pairs], dtype=np.int64)
        common = np.asarray(self.counts[ra].minimum(self.counts[rb]).sum(axis=1)).ravel()
        return list(zip(common.tolist(), self.sizes[ra].tolist(), self.sizes[rb].tolist()))


def _is_minor(shared: int, words_a: int, words_b: int) -> bool:
    """At most ``MINOR_SHARE`` of the words changed, by word multisets: the diff's verdict
    at a fraction of its cost."""
    return 1 - shared / max(1, words_a, words_b) <= MINOR_SHARE


def _identical(a_text: str, b_text: str, cosine: float) -> bool:
    return cosine >= COPY_MATCH and " ".join(a_text.split()) == " ".join(b_text.split())


TITLE_TIE = 0.5
"""Row weight that puts the headlines of all versions side by side (not a link)."""


def _title_ties(documents: list[Document]) -> list[tuple[int, int, int, int, float]]:
    """Headlines share the first row: readers compare them first, even when reworded."""
    titles = []
    for s, doc in enumerate(documents):
        for p in doc.paragraphs:
            if p.boilerplate:
                continue
            if p.heading:
                titles.append((s, p.index))
            break
    return [(a, p, b, q, TITLE_TIE) for (a, p), (b, q) in itertools.combinations(titles, 2)]


def compare(documents: list[Document], progress: Callable[[int, int], bool] | None = None,
            link_diffs: bool = False,
            meanwhile: Callable[[Comparison], Iterable[object]] | None = None,
            sides_ahead: Beside | None = None) -> Comparison:
    """Align all sources with each other and lay them out in rows.

    ``progress(done, total)`` is called as pairs of sources are done; when it
    returns False the work stops with ``parallel.Cancelled``. ``link_diffs``
    also computes the word diff of every link found pair by pair (see
    ``link_diff_json``), in the same workers as the alignment, when pairs of
    sources are aligned on several cores: ``parallax align --json`` then
    forks its workers once, not twice, and the diffs of the first pairs run
    while the last ones are aligned. (Two sources make one pair, aligned in
    this process: the JSON writer then diffs their links on every core.)
    ``meanwhile(comparison)``, while the workers align, does what the
    caller will need that the links do not change (the paragraphs' facts,
    the sources' names): the comparison it is given has no links or rows yet.
    It is work in steps (an iterable, consumed here): the first steps fill the
    wait for the worker that prepares the sides, the rest run while the pairs
    are aligned. ``sides_ahead`` is that worker (``Beside`` of ``prepare(documents)``),
    started by a caller that had these documents before it imported the engine.
    """
    with gc_paused():
        return _compare(documents, progress, link_diffs, meanwhile, sides_ahead)


def _pair_chars(documents: list[Document]) -> int:
    return (len(documents) - 1) * sum(len(p.text) for doc in documents for p in doc.content)


LINK_DIFFS_UP_TO = 40_000_000
"""Characters of text over all pairs of sources ((sources - 1) x content) up to which
``compare(link_diffs=True)`` keeps every link's diff in memory (20 versions of 100
paragraphs: 18 million, ~27 MB of diffs). Above, the JSON writer diffs a batch at a time."""


def _compare(documents: list[Document], progress: Callable[[int, int], bool] | None,
             link_diffs: bool, meanwhile: Callable[[Comparison], Iterable[object]] | None,
             ahead: Beside | None) -> Comparison:
    comp = Comparison(documents, [], [])
    steps = iter(meanwhile(comp) if meanwhile else ())
    pairs = list(itertools.combinations(range(len(documents)), 2))
    chars = _pair_chars(documents)
    parallel_from = 2 if chars > PARALLEL_CHARS else PARALLEL_FROM
    spread = len(pairs) >= parallel_from
    differ = WordDiffer(keep_json=True) if link_diffs and spread and chars <= LINK_DIFFS_UP_TO \
        else None  # keep_json: the diffs are all kept (``diff_texts``)
    bags: _WordBags | None = None

    def read() -> None:
        """What this process reads while a worker prepares the sides (arrays): the texts'
        tokens, which the aligning workers inherit, and the word bags (from the tokens'
        symbols when there are any)."""
        nonlocal bags
        if differ:
            differ.learn(compared_text(p) for doc in documents for p in doc.content)
        bags = _WordBags(documents, differ)

    if ahead is not None:  # preparing since before the engine was imported
        sides = beside_result(ahead, read, steps)
    elif spread:  # two pieces of serial work at once
        sides = fork_beside(lambda: prepare(documents), read, steps)
    else:
        read()
        sides = prepare(documents)

    def judge(pair: tuple[int, int]) -> tuple[list[Link], list[str], Mutual]:
        """Link one pair of sources and name each link (runs in a worker when forked); with
        their word diffs as JSON text when asked, and what ``witnessed`` reads of the pair."""
        a, b = pair
        links = _named(documents, bags, [((a, ev.p), (b, ev.q), ev.cosine, ev.cover_a,
                                          ev.cover_b, ev.how, ev.confidence, ev.reason)
                                         for ev in link_pair(sides[a], sides[b])])
        mutual = mutual_sentences(sides, a, b, [(l.a, l.b, l.confidence, l.kind, l.cover_a,
                                                 l.cover_b) for l in links])
        diffs = [differ.diff_json(comp.compared(l.a), comp.compared(l.b)) for l in links] \
            if differ else []
        return links, diffs, mutual

    def rest_of_steps() -> None:
        for _ in steps:
            pass

    judged = fork_map(judge, pairs, progress, parallel_from, rest_of_steps)
    links = [link for pair in pairs for link in judged[pair][0]]
    diff_texts = {(l.a, l.b): d for pair in pairs for l, d in zip(*judged[pair][:2])}
    links += _named(documents, bags, [
        (x, y, cos, 0.0, 0.0, "triangle", TRIANGLE_CONFIDENCE,
         f"both linked surely to [{via[0] + 1}] paragraph {via[1] + 1}")
        for x, y, cos, via in close_triangles(((l.a, l.b, l.confidence) for l in links), sides)
        if corrections_apart(sides, x, y)])
    found = [(l.a, l.b, l.confidence, l.kind, l.cover_a, l.cover_b) for l in links]
    links += _named(documents, bags, [
        (x, y, cos, 0.0, 0.0, "witnessed", TRIANGLE_CONFIDENCE,
         f"a sentence of each is the other's best match; [{via[0] + 1}] paragraph "
         f"{via[1] + 1} agrees")
        for x, y, cos, via in witnessed(found, sides, {pair: judged[pair][2] for pair in pairs})
        if corrections_apart(sides, x, y)])
    _regroup(links)
    comp.links, comp.rows = links, rows_from_links(documents, links)
    comp._diff_texts = diff_texts
    if differ:  # it has cut every text into tokens: the diffs still to make need not again
        comp._differ = differ
    return comp


TRIANGLE_CONFIDENCE = 0.5
"""A link that rests on two sure links through a third source, not on its own text."""
REGROUPED = frozenset({"minor", "reworded", "partial"})
"""Kinds a merge or split renames ``merged`` (identical, moved and region say more)."""


def _regroup(links: list[Link]) -> None:
    """Put the links in (a, b) order, and give the links of each merge or split their group."""
    ends = link_ends(map(attrgetter("a", "b"), links))
    order = np.lexsort(ends.T[::-1])  # stable, as sorting by (a, b) would be
    links[:] = [links[k] for k in order.tolist()]
    for k, group in merge_groups(ends[order]).items():  # a few
        link = links[k]
        links[k] = replace(link, group=group,
                           kind="merged" if link.kind in REGROUPED else link.kind)


def _named(documents: list[Document], bags: _WordBags,
           found: list[tuple[Ref, Ref, float, float, float, str, float, str]]) -> list[Link]:
    """Links with their kind: what the texts show, or how they were found where that says more.

    Each item is (a, b, cosine, cover_a, cover_b, how, confidence, reason).
    A copy is ``identical``; at ``MINOR_COSINE`` or more, few words changed
    make it ``minor`` (word multisets of all such links compared at once);
    else ``partial`` below ``PARTIAL_COVER``, or ``reworded``.
    """
    def text(ref: Ref) -> str:  # as the diff reads it: a link target is not a word changed
        return compared_text(documents[ref[0]].paragraphs[ref[1]])

    same = [_identical(text(a), text(b), cos) for a, b, cos, *_ in found]
    close = [k for k, (item, copy) in enumerate(zip(found, same))
             if not copy and item[2] >= MINOR_COSINE]
    minor = dict(zip(close, (_is_minor(*c) for c in
                             bags.shared([(found[k][0], found[k][1]) for k in close]))))
    out = []
    for k, (a, b, cosine, cover_a, cover_b, how, confidence, reason) in enumerate(found):
        kind = "identical" if same[k] else "minor" if minor.get(k) else \
            "partial" if min(cover_a, cover_b) < PARTIAL_COVER else "reworded"
        if how == "region" or how in ("moved", "moved_with") and kind != "identical":
            kind = "moved" if how == "moved_with" else how
        score = 1.0 if kind == "identical" else \
            round(min(1.0, max(cosine, (cover_a + cover_b) / 2)), 4)
        out.append(Link(a, b, score, kind, cover_a, cover_b,
                        1.0 if kind == "identical" else confidence, reason))
    return out


def rows_from_links(documents: list[Document], links: list[Link]) -> list[Row]:
    """The aligned rows for these documents and links (any links: the engine's or a user's).

    Call it again after links are added or removed by hand: every paragraph
    appears once, in its source's order, and linked paragraphs share a row
    wherever the order allows.
    """
    # Word-for-word copies weigh double, so a bead that would trade a copy for
    # a looser partner never wins: identical paragraphs always sit side by side.
    ties = [(l.a[0], l.a[1], l.b[0], l.b[1], l.score + (1.0 if l.kind == "identical" else 0.0))
            for l in links]
    return build_rows([len(d.paragraphs) for d in documents], ties + _title_ties(documents))
