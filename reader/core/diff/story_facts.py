"""Facts and fact changes over a whole comparison: what exports and the reader call.

``paragraph_fact_list`` gives a paragraph's facts, read with its whole
document as context (a name at a sentence start, "Wang" known as a person);
``link_fact_changes`` the changes between the two paragraphs of a link;
``comparison_fact_changes`` every change against a reference source, in
story order; ``track_quotes`` each distinct quotation across all sources.
Results are cached per comparison, like the word diffs. Every paragraph is read
as the diff reads it (``compared_text``: Markdown syntax blanked, offsets kept), so
a link's address or a reference link's number is never a date or a number.

``PARALLAX_FACTS=0`` in the environment turns fact finding off (empty
results): the benchmark measures the cost of facts that way.
"""

from __future__ import annotations

import os
import weakref
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from reader.core.align.consistency import ends_met_again, link_ends
from reader.core.align.parallel import fork_map, worth_forking
from reader.core.collector import gc_paused
from reader.core.comparison import Comparison, Link, Ref
from reader.core.diff.fact_changes import FactChange, fact_changes, read_for_links
from reader.core.diff.facts import (
    QUOTE,
    Fact,
    NameContext,
    local_context,
    name_context,
    paragraph_facts,
    reads_english,
)
from reader.core.diff.quotes import paraphrase_window, quote_relation
from reader.core.diff.words import words_of
from reader.core.load.documents import Document
from reader.core.load.markup import compared_text
from reader.core.snippets import number_runs

if TYPE_CHECKING:
    from reader.core.places import FactLeads


def facts_enabled() -> bool:
    return os.environ.get("PARALLAX_FACTS", "1") != "0"


@dataclass
class _Cache:
    enabled: bool = field(default_factory=facts_enabled)
    """``facts_enabled`` when the comparison was first asked (not read again per link)."""
    changes: dict[tuple[Ref, Ref], list[FactChange]] = field(default_factory=dict)
    linked: tuple[tuple[int, int], dict[tuple[Ref, int], list[Ref]]] | None = None
    """``_merges``, and the links it was read from (their list's id and length)."""
    read_for_json: bool = False
    """Whether ``reading_for_json`` has read every paragraph: looking through the 2,000
    of 20 sources again to find that out took 10-17 ms before the JSON's workers start,
    with one core idle."""
    sides: dict[int, list[Side | None]] = field(default_factory=dict)
    """Each source's paragraphs as its links compare them (``_sides``), by source."""


_CACHES: dict[int, _Cache] = {}


def _cache(comp: Comparison) -> _Cache:
    found = _CACHES.get(id(comp))
    if found is None:
        found = _CACHES[id(comp)] = _Cache()
        weakref.finalize(comp, _CACHES.pop, id(comp), None)
    return found


_CONTEXTS: dict[int, NameContext] = {}
"""Each document's names, by the document (not the comparison: a comparison rebuilt for
a fix, or opened again, has the same documents)."""


def document_context(comp: Comparison, source: int) -> NameContext:
    doc = comp.documents[source]
    found = _CONTEXTS.get(id(doc))  # asked for both ends of every link: one look-up
    if found is None:
        found = _CONTEXTS[id(doc)] = name_context([compared_text(p) for p in doc.paragraphs
                                                   if not p.boilerplate])
        weakref.finalize(doc, _CONTEXTS.pop, id(doc), None)
    return found


def reading_for_summary(comp: Comparison, reference: int = 0) -> Iterator[None]:
    """Read every source's names (``document_context``), a source at a time, then the
    reference's paragraphs as links compare them: what every task of the summary's
    fact changes needs (``comparison_fact_changes``). ``compare`` runs this while its
    workers align (``meanwhile``), where the summary's own workers would each read the
    names after, and this process the reference's paragraphs before forking them."""
    if not _cache(comp).enabled:
        return
    for source in range(len(comp.documents)):
        document_context(comp, source)
        yield
    context = document_context(comp, reference)
    for p in comp.documents[reference].paragraphs:
        if not p.boilerplate:
            read_for_links(compared_text(p), context)
    yield


def paragraph_fact_list(comp: Comparison, ref: Ref) -> list[Fact]:
    """The facts of one paragraph (none for boilerplate, or when facts are off)."""
    para = comp.documents[ref[0]].paragraphs[ref[1]]
    if para.boilerplate or not _cache(comp).enabled:
        return []
    text = compared_text(para)
    return list(paragraph_facts(text, local_context(text, document_context(comp, ref[0]))))


def _changes(comp: Comparison, a: Ref, b: Ref) -> list[FactChange]:
    """The fact changes from ``a`` to ``b``, kept (none where either is boilerplate)."""
    cache = _cache(comp)
    found = cache.changes.get((a, b))
    if found is None:
        found = cache.changes[(a, b)] = _found(comp, cache, a, b) if cache.enabled else []
    return found


def _found(comp: Comparison, cache: _Cache, a: Ref, b: Ref) -> list[FactChange]:
    """``_changes`` on a miss: a link's boilerplate is looked up here, once, not before
    each look-up of the cache."""
    side_a, side_b = _sides(comp, cache, a[0])[a[1]], _sides(comp, cache, b[0])[b[1]]
    if side_a is None or side_b is None:
        return []
    merges = _merges(comp, cache)
    return fact_changes(side_a[0], side_b[0], side_a[1], side_b[1],
                        _siblings(comp, merges, a, b), _siblings(comp, merges, b, a))


Side = tuple[str, NameContext]
"""A paragraph as its links compare it: its ``compared_text`` and its document's names."""


def _sides(comp: Comparison, cache: _Cache, source: int) -> list[Side | None]:
    """The ``Side`` of each paragraph of ``source`` (None: boilerplate, which has no
    facts), read once a source: each paragraph is an end of ~19 links on 20 sources, and
    looking up its paragraph, text and context at both ends of every link took 48 ms of
    the links' fact changes there (37 ms as now). The text is one string for all its
    links: ``compared_text`` makes a new one for a paragraph with Markdown syntax, which
    each cache keyed by the text then hashed and compared whole, link after link."""
    found = cache.sides.get(source)
    if found is None:
        context = document_context(comp, source)
        found = cache.sides[source] = [None if p.boilerplate else (compared_text(p), context)
                                       for p in comp.documents[source].paragraphs]
    return found


def _siblings(comp: Comparison, merges: dict[tuple[Ref, int], list[Ref]], ref: Ref, other: Ref
              ) -> tuple[str, ...]:
    """Texts of the other paragraphs of ``ref``'s source linked to ``other`` (a merge;
    ``merges`` is ``_merges(comp)``)."""
    linked = merges.get((other, ref[0]))
    return tuple(comp.compared(o) for o in linked if o != ref) if linked else ()


def _merges(comp: Comparison, cache: _Cache | None = None) -> dict[tuple[Ref, int], list[Ref]]:
    """(paragraph, source) -> that source's paragraphs linked to it, in link order, where
    there are several (a merge; one is the link itself, which has no siblings). Built once
    per list of links, not a scan of a paragraph's links per link; read again when the
    links change (the paragraphs' facts are read while the aligner finds them, before
    the comparison has any). ``cache`` is ``_cache(comp)``, where the caller (each link)
    has looked it up already."""
    if cache is None:
        cache = _cache(comp)
    version = (id(comp.links), len(comp.links))
    if cache.linked is None or cache.linked[0] != version:
        linked: dict[tuple[Ref, int], list[Ref]] = {}
        for k in _in_merges(comp.links):  # in the order of ``links_of``
            link = comp.links[k]
            linked.setdefault((link.a, link.b[0]), []).append(link.b)
            linked.setdefault((link.b, link.a[0]), []).append(link.a)
        cache.linked = version, {key: refs for key, refs in linked.items() if len(refs) > 1}
    return cache.linked[1]


def _in_merges(links: list[Link]) -> list[int]:
    """The indices of the links one of whose paragraphs has another link to the same
    source (a few hundred of 18,000 on 20 sources), found over arrays: a dict of every
    link's two ends took 20 ms, with one core idle, before the JSON's workers fork."""
    if not links:
        return []
    ends = link_ends((link.a, link.b) for link in links)
    paragraphs, sources = int(ends[:, [1, 3]].max()) + 1, int(ends[:, [0, 2]].max()) + 1
    return np.flatnonzero(ends_met_again(  # (paragraph, the other source) of each end
        (ends[:, 0] * paragraphs + ends[:, 1]) * sources + ends[:, 2],
        (ends[:, 2] * paragraphs + ends[:, 3]) * sources + ends[:, 0])).tolist()


def link_fact_changes(comp: Comparison, link: Link) -> list[FactChange]:
    """Fact changes from ``link.a`` to ``link.b`` (spans: a in ``link.a``, b in ``link.b``)."""
    return [] if link.kind == "identical" else _changes(comp, link.a, link.b)


@dataclass(frozen=True)
class PlacedFactChange:
    """A fact change where a reader finds it: ``row``, and the two paragraphs.

    ``reference`` is the reference source's paragraph (``change.a_span`` is
    in it), ``other`` the paragraph of ``source`` (``change.b_span``).
    """

    row: int
    source: int
    reference: Ref
    other: Ref
    change: FactChange

    @property
    def kind(self) -> str:
        return self.change.kind

    @property
    def label(self) -> str:
        return self.change.label


def comparison_fact_changes(comp: Comparison, reference: int,
                            spread: bool = False) -> list[PlacedFactChange]:
    """Every fact change of every source against ``reference``, in story order.

    Story order is the reference paragraph's row, then source, then place in
    the reference paragraph. ``spread`` finds them on forked workers, a
    source at a time, where that is safe (``parallel.fork_map``) and the links'
    texts are long enough to pay for the forks (``PARALLEL_CHARS``: 20 copies of
    the seeds are not, 20 versions of 100 paragraphs are): a caller with no
    other work for the other cores meanwhile.
    """
    pairs = [(link.a, link.b) if link.a[0] == reference else (link.b, link.a)
             for link in comp.links if reference in (link.a[0], link.b[0])
             and link.kind != "identical" and not any(
                 comp.documents[s].paragraphs[p].boilerplate for s, p in (link.a, link.b))]
    with gc_paused():
        if spread and _cache(comp).enabled and worth_forking(
                len(comp.text(a)) + len(comp.text(b)) for a, b in pairs):
            _changes_on_workers(comp, reference, pairs)
        out = [PlacedFactChange(comp.row_of[ref], other[0], ref, other, c)
               for ref, other in pairs for c in _changes(comp, ref, other)]
    return sorted(out, key=lambda p: (p.row, p.source, p.reference[1],
                                      p.change.a_span or p.change.b_span or (0, 0)))


def _changes_on_workers(comp: Comparison, reference: int, pairs: list[tuple[Ref, Ref]]) -> None:
    """Find the fact changes of ``pairs`` (reference's paragraph, other) on forked workers,
    one other source per task (each worker then reads a source's name context and
    paragraphs once), and keep them as ``_changes`` does. The reference's side, which
    every task compares, is read here first, once (``read_for_links``)."""
    by_source: dict[int, list[tuple[Ref, Ref]]] = {}
    for ref, other in pairs:
        by_source.setdefault(other[0], []).append((ref, other))
    context = document_context(comp, reference)
    for ref in {ref for ref, _ in pairs}:
        read_for_links(comp.compared(ref), context)
    _merges(comp)
    found = fork_map(lambda s: [_changes(comp, ref, other) for ref, other in by_source[s]],
                     sorted(by_source), parallel_from=2)
    changes = _cache(comp).changes
    for s, lists in found.items():
        changes.update(zip(by_source[s], lists))


@dataclass(frozen=True)
class QuoteRendering:
    """How one source carries a quotation: ``form`` is verbatim, trimmed, extended,
    altered (against the quote's first rendering) or paraphrased (no quotation marks)."""

    source: int
    paragraph: int
    span: tuple[int, int]
    form: str
    speaker: str


@dataclass(frozen=True)
class TrackedQuote:
    """One distinct quotation and its renderings, first rendering first."""

    text: str
    renderings: tuple[QuoteRendering, ...]

    @property
    def sources(self) -> list[int]:
        return sorted({r.source for r in self.renderings})


def track_quotes(comp: Comparison) -> list[TrackedQuote]:
    """Each distinct quotation across all sources, in order of first appearance.

    Quotes of different sources are one when their words mostly agree
    (``quote_relation``) and they stand in linked paragraphs, or when one is
    the other word for word, whole or in part, wherever it stands. Each
    source renders a quote once; a source that carries the quote's words
    without quotation marks in a paragraph linked to a rendering (headings
    aside) counts as ``paraphrased``.
    """
    groups: list[list[tuple[Ref, Fact]]] = []
    for s, doc in enumerate(comp.documents):
        for p in doc.paragraphs:
            for fact in paragraph_fact_list(comp, (s, p.index)):
                if fact.kind != QUOTE or len(fact.key.split()) < 2:
                    continue
                ref = (s, p.index)
                home = next((g for g in groups if all(r[0] != s for r, _ in g)
                             and _same_quote(comp, g, ref, fact)), None)
                if home is None:
                    groups.append([(ref, fact)])
                else:
                    home.append((ref, fact))
    return [_tracked(comp, group) for group in groups]


def _same_quote(comp: Comparison, group: list[tuple[Ref, Fact]], ref: Ref, fact: Fact) -> bool:
    relation = quote_relation(group[0][1].key, fact.key)
    if relation in ("verbatim", "trimmed", "extended"):
        return True
    linked = {link.other(ref) for link in comp.links_of(ref)}
    return relation is not None and any(r in linked for r, _ in group)


def _tracked(comp: Comparison, group: list[tuple[Ref, Fact]]) -> TrackedQuote:
    first = group[0][1]
    renderings = [QuoteRendering(ref[0], ref[1], (f.start, f.end),
                                 quote_relation(first.key, f.key) or "altered",
                                 f.detail) for ref, f in group]
    carried = {r.source for r in renderings}
    for ref, _ in group:
        for link in comp.links_of(ref):
            other = link.other(ref)
            if other[0] in carried or comp.documents[other[0]].paragraphs[other[1]].heading:
                continue
            window = paraphrase_window(first.key, comp.compared(other))
            if window:
                carried.add(other[0])
                renderings.append(QuoteRendering(other[0], other[1], window, "paraphrased", ""))
    return TrackedQuote(first.text, tuple(renderings))


__all__ = ["FactChange", "PlacedFactChange", "QuoteRendering", "TrackedQuote",
           "comparison_fact_changes", "document_context", "facts_enabled",
           "fact_summary_lines", "facts_json", "read_for_json", "reading_for_json",
           "link_fact_changes",
           "paragraph_fact_list", "prepare_link_facts",
           "reading_for_summary", "track_quotes"]


SUMMARY_LIMIT = 60
"""Fact changes listed in the terminal summary before "… and N more"."""


def facts_json(comp: Comparison, ref: Ref) -> list[dict]:
    """``facts`` of one paragraph in ``parallax align --json`` (README, "Facts")."""
    return [f.to_json() for f in paragraph_fact_list(comp, ref)]


def read_for_json(comp: Comparison, ref: Ref) -> None:
    """Read now one paragraph's facts and what its links will compare of it: the JSON's
    links come after its paragraphs, serialised in forked workers, which inherit what
    is read before they fork rather than each read it again."""
    if paragraph_fact_list(comp, ref):
        read_for_links(comp.compared(ref), document_context(comp, ref[0]))


def reading_for_json(comp: Comparison) -> Iterator[None]:
    """``read_for_json`` of every paragraph, a source at a time: ``compare`` runs this
    while its workers align (``meanwhile``), so that the JSON finds the facts ready;
    nothing when it has read them all already."""
    cache = _cache(comp)
    if cache.read_for_json:
        return
    for s, doc in enumerate(comp.documents):
        for p in doc.paragraphs:
            read_for_json(comp, (s, p.index))
        yield
    cache.read_for_json = True


def prepare_link_facts(comp: Comparison) -> None:
    """Read now what ``link_fact_changes`` needs of the comparison's links as a whole
    (which paragraphs merge): a caller that computes links' fact changes in forked
    workers calls this once before forking them, or each worker reads it again
    (~20 ms on 20 sources of 100 paragraphs), and what each paragraph compares (``_sides``)."""
    cache = _cache(comp)
    if cache.enabled:
        _merges(comp, cache)
        for source in range(len(comp.documents)):
            _sides(comp, cache, source)


def not_english(comp: Comparison) -> list[int]:
    """The sources whose names, dates, attribution, negations and hedges are not read:
    they are not English (``facts.reads_english``); their numbers and quotes are."""
    return [s for s, doc in enumerate(comp.documents) if not _english(doc)]


def _english(doc: Document) -> bool:
    """``reads_english`` of a document's text as its facts read it: its names' context
    says so where it has been read (``document_context``: the same texts, the same test;
    the summary of 20 versions of 100 paragraphs took 30 ms to ask again), else the test
    alone (an export of the reader's comparison, whose facts another process found, would
    read every name to answer)."""
    context = _CONTEXTS.get(id(doc))
    if context is not None:
        return context.english
    return reads_english(compared_text(p) for p in doc.paragraphs if not p.boilerplate)


def fact_leads(comp: Comparison, reference: int,
               placed: list[PlacedFactChange] | None = None,
               foreign: frozenset[int] | None = None) -> FactLeads:
    """What the places of a comparison against ``reference`` lead with and say
    (``places.lead_first``, ``places.snippet``): ``placed`` is its
    ``comparison_fact_changes`` (found here when None), ``foreign`` the sources not in the
    reference's language (told apart here when None: English or not, as the facts read)."""
    from reader.core.places import NO_FACT, FactLeads  # not on ``align``'s path
    if placed is None:
        placed = comparison_fact_changes(comp, reference)
    labels: dict[tuple[int, int], str] = {}
    ranks: dict[tuple[int, int], int] = {}
    said: dict[int, set[str]] = {}  # row -> the labels of its changes
    for p in placed:  # in story order: each row and source keeps its first most serious
        key, rank = (p.row, p.source), fact_severity(p.kind, p.change.op)
        if rank == 0 and p.kind == "negation" and _gone_with_its_words(comp, p):
            rank = SEVERITY[("hedge", "")]  # a clause cut, "no evidence…" and all: no flip
        if rank < ranks.get(key, NO_FACT):
            labels[key], ranks[key] = p.label, rank
        said.setdefault(p.row, set()).add(p.label)
    more = {key: len(said[key[0]]) - 1 for key in labels}
    if foreign is None:
        others = set(not_english(comp))
        foreign = frozenset(s for s in range(len(comp.documents))
                            if (s in others) != (reference in others))
    return FactLeads(labels, foreign, ranks, {key: n for key, n in more.items() if n})


SEVERITY = {("negation", ""): 0, ("speaker", ""): 0,
            ("number", "changed"): 1, ("date", "changed"): 1, ("name", "changed"): 1,
            ("quote", "altered"): 2, ("attribution", ""): 2,
            ("number", ""): 3, ("date", ""): 3, ("name", ""): 3, ("hedge", ""): 3,
            ("quote", "added"): 3, ("quote", "dropped"): 3,
            ("quote", "trimmed"): 4, ("quote", "extended"): 4}
"""How serious a fact change is for a reader checking the story, 0 most (by kind and op;
"" any op of the kind): what a place leads with. A meaning reversed or a quote given to
someone else first; a value changed before one added or dropped (a paraphrase may leave
a date out and say it otherwise); a quote's words cut before it merely loses its
quotation marks."""
LEAST_SEVERE = 5
"""Any other change: a quote turned into reported speech, or back."""


def _gone_with_its_words(comp: Comparison, p: PlacedFactChange) -> bool:
    """Whether a negation added or dropped went with the words it negates ("but that there
    was no evidence pointing to it" cut whole), rather than flipping words both sides say
    ("had not ruled out" → "had ruled out")."""
    ref, span, other = (p.reference, p.change.a_span, p.other) if p.change.a_span \
        else (p.other, p.change.b_span, p.reference)
    after = words_of(comp.compared(ref)[span[1]:])[:NEGATED_WORDS]
    there = words_of(comp.compared(other))
    return not any(there[k:k + len(after)] == after for k in range(len(there)))


NEGATED_WORDS = 3
"""Words after a negation that tell whether the other side still says them."""


def fact_severity(kind: str, op: str) -> int:
    """``SEVERITY`` of a change (``LEAST_SEVERE`` for the rest)."""
    return SEVERITY.get((kind, op), SEVERITY.get((kind, ""), LEAST_SEVERE))


def english_only_note(comp: Comparison, numbers: list[int] | None = None) -> str:
    """What a list of fact changes says when it is partial ("" when it is not); ``numbers``
    as ``fact_summary_lines`` takes them."""
    others = not_english(comp) if _cache(comp).enabled else []
    if not others:
        return ""
    people = numbers or list(range(len(comp.documents)))
    verb = "is" if len(others) == 1 else "are"
    return (f"Names, dates, attribution, negations and hedges are read in English only: "
            f"{number_runs([people[s] + 1 for s in others])} {verb} not English, so only "
            f"{'its' if len(others) == 1 else 'their'} numbers and quotes are compared.")


def fact_summary_lines(comp: Comparison, reference: int = 0,
                       numbers: list[int] | None = None) -> list[str]:
    """The fact changes against ``reference`` for a terminal, sources and paragraphs
    numbered from 1, each where a person finds it: "[1] ¶4 → [3] ¶5", the paragraphs
    the reader shows side by side (the engine's row numbers are shown nowhere else, and
    the reader's place numbers would need every row's word diff: +35% on the summary of
    20 versions of 100 paragraphs)."""
    if not facts_enabled() or len(comp.documents) < 2:
        return []
    people = numbers or list(range(len(comp.documents)))  # (``summary_text``)
    placed = comparison_fact_changes(comp, reference, spread=True)
    lines = [f"Fact changes against [{people[reference] + 1}]: {len(placed)}"]
    partial = english_only_note(comp, people)
    lines += [f"  ({partial})"] if partial else []
    # one line for a change alike in one pair of paragraphs (one speaker renamed in its two
    # quotes), and for a change several sources make alike to one reference paragraph
    # ("[1] ¶3 → [2]–[6] [9]: number: 27 → 31"), as the exports' change list groups them:
    # 17 versions of a wire story had filled the 60 lines with 11 copies of one change each
    alike: dict[tuple[Ref, str], Counter[Ref]] = {}  # in first-seen order
    for p in placed:
        alike.setdefault((p.reference, p.label), Counter())[p.other] += 1
    for (ref, label), others in list(alike.items())[:SUMMARY_LIMIT]:
        lines.append(f"  [{people[reference] + 1}] ¶{ref[1] + 1} → "
                     f"{_paragraphs(others, people)}: {label}{_times(max(others.values()))}")
    if len(alike) > SUMMARY_LIMIT:
        lines.append(f"  … and {len(alike) - SUMMARY_LIMIT} more (parallax align --json)")
    return lines


def _paragraphs(refs: Counter[Ref], people: list[int]) -> str:
    """The paragraphs of a summary line's other side: "[3] ¶5" for one, "[2]–[6] ¶4"
    where the sources number it alike, else the sources alone ("[2]–[6] [9]"): the
    reference's paragraph finds the place, and each source's own is a click away."""
    sources = number_runs(sorted({people[s] + 1 for s, _p in refs}))
    paragraphs = {p for _s, p in refs}
    return f"{sources} ¶{paragraphs.pop() + 1}" if len(paragraphs) == 1 else sources


def _times(n: int) -> str:
    return "" if n == 1 else " (twice)" if n == 2 else f" ({n} times)"
