"""What changed in substance between two linked paragraphs: the fact changes.

Facts of one kind are paired first by equal value ("15" and "fifteen",
"Wang Yi" and "Mr Wang", "US" and "United States"), so paraphrase around
them changes nothing. What is left on both sides is paired by the words
around them ("killed 15 people" / "killed 16 people", or the only date left
on each side): that is a *changed* fact; the rest is *added* or *dropped*.
No word diff is needed: in a paraphrase it marks whole sentences, and
between near-copies the neighbouring words say as much, for a fraction of
the cost.

Quotes are paired by shared words and compared word for word (trimmed,
extended, altered) and by speaker; attribution verbs by stance ("said" and
"stated" are one stance, "admitted" another); negations and hedges by
count, each paired with the one whose following words it shares, so only a
flip is reported.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from reader.core.diff.facts import (
    ATTRIBUTION,
    DATE,
    DAY,
    HEDGE,
    NAME,
    NEGATION,
    NUMBER,
    PARAGRAPHS_KEPT,
    QUOTE,
    RELATIVE_DAYS,
    TIME,
    Fact,
    NameContext,
    date_class,
    local_context,
    paragraph_facts,
    role_fits,
    role_words,
    roles,
    titles_seen_by_roles,
)
from reader.core.diff.lowercase import lower_as_words, lowered_words
from reader.core.diff.quotes import open_quotation, paraphrase_window, quote_relation, same_person
from reader.core.diff.sentences import paragraph_words, sentences_of
from reader.core.diff.spelling import spelt_alike
from reader.core.diff.words import words_of
from reader.core.load.script_aware import has_cjk
from reader.core.snippets import cut_at_word, one_line

SPEAKER = "speaker"
NEUTRAL = "neutral"
"""The stance of a plain verb of saying ("said", "told"): no change of stance alone."""
CHANGED, ADDED, DROPPED = "changed", "added", "dropped"
_ADDED_OR_DROPPED = frozenset((ADDED, DROPPED))
SHORT_REPLACEMENT = 4
"""Most words that, standing where a fact was, are its new value ("15" -> "several")."""
NAME_STEM = 4
"""Letters a one-word place shares with a word of another name to be the same place."""
ROLE_PLACE = 0.25
"""Largest difference of relative place for a role to stand for a name ("Wang" at the
start of one paragraph, "the king" at the start of the other)."""
SCOPE_WORDS = 3
"""Words after a negation or hedge that tell which statement it belongs to."""
QUOTE_CHARS = 30
"""Characters of a quote its change's label shows ("quote altered: “our relations have
continued…”", "quote dropped: “…”"): which quote, in one line of a list (the pane marks
how)."""


@dataclass(frozen=True, slots=True)
class FactChange:
    """One change of substance: ``a[a_span]`` became ``b[b_span]`` (None: absent there).

    ``kind`` is the fact kind (number, date, name, quote, speaker,
    attribution, negation, hedge); ``op`` is changed, added or dropped, or
    for quotes trimmed, extended, altered, unquoted (``b`` says it without
    quotation marks) or quoted (the reverse).
    """

    kind: str
    op: str
    a_span: tuple[int, int] | None
    b_span: tuple[int, int] | None
    label: str

    def to_json(self) -> dict:
        return {"kind": self.kind, "op": self.op,
                "a": list(self.a_span) if self.a_span else None,
                "b": list(self.b_span) if self.b_span else None, "label": self.label}


def label_without_kind(kind: str, label: str) -> str:
    """A change's label for a place that shows its kind beside it: "date: this week →
    Tuesday" reads "this week → Tuesday", "quote trimmed" reads "trimmed" (every label
    starts with its kind, so it reads whole where the kind is not shown)."""
    if label.startswith(kind):
        rest = label[len(kind):].lstrip(":").strip()
        return rest or label
    return label


def fact_changes(a: str, b: str, a_context: NameContext | None = None,
                 b_context: NameContext | None = None,
                 a_siblings: tuple[str, ...] = (), b_siblings: tuple[str, ...] = ()
                 ) -> list[FactChange]:
    """Fact changes from paragraph ``a`` to paragraph ``b``, in ``a``'s reading order.

    Between an English paragraph and one in another language only what reads alike
    in both is compared, numbers in digits and quotations: an English "four" (its
    words) or "Tuesday" has no counterpart the other language's text could show ("number:
    four → 23.40" beside a German "23.40 Uhr").

    A fact added or dropped counts only in a sentence the other paragraph
    shares: when one paragraph is merged into a longer one, the sentences of
    the longer one that the shorter does not carry are new content, not a
    changed fact (the row shows them as added words). ``a_siblings`` are the
    other paragraphs of ``a``'s source merged into ``b`` (``b_siblings`` the
    reverse): a sentence of ``b`` that one of them says better is theirs.
    """
    local_a, local_b = local_context(a, a_context), local_context(b, b_context)
    neutral = _other_languages(local_a, local_b)
    read = _neutral_read if neutral else _read
    read_a, read_b = read(a, local_a), read(b, local_b)
    if read_a.signed == read_b.signed and read_a.signature == read_b.signature:
        return []  # the same facts, said in other words or in another order
    # Twenty outlets carrying one wire story link the same two texts many times over: the
    # changes depend on the texts and their siblings, on what their documents say of the
    # words they read (``local_context``) and, where either has a role ("the king"), on
    # the titles the documents give the people both name (``_Pair._titles``)
    key = (a, b, local_a, local_b, *_read_with(a_siblings, a_context),
           *_read_with(b_siblings, b_context),
           *_titles_asked(read_a, read_b, a_context, b_context))
    found = _SAME_TEXTS.get(key)
    if found is None:
        if len(_SAME_TEXTS) >= PARAGRAPHS_KEPT:
            _SAME_TEXTS.clear()
        found = _SAME_TEXTS[key] = _found(_Pair(read_a, read_b, a_context, b_context),
                                          a_siblings, b_siblings)
    return list(found)


_SAME_TEXTS: dict[tuple, list[FactChange]] = {}
"""``fact_changes`` by the two texts and all they are read with (``fact_changes``)."""


def _read_with(texts: tuple[str, ...], context: NameContext | None) -> tuple:
    """``texts`` and what reading each asks of ``context`` (none: nothing)."""
    return (texts, tuple(local_context(text, context) for text in texts)) if texts else ()


def _titles_asked(read_a: _Read, read_b: _Read, a_context: NameContext | None,
                  b_context: NameContext | None) -> tuple:
    """What ``_Pair._titles`` may read of the documents' titles for a link of these two
    paragraphs: nothing unless one of them has a role (``_Pair._role_for``), else
    what either document's titles tell those roles of the people either names
    (``titles_seen_by_roles``)."""
    if not (read_a.role_words or read_b.role_words) or not (read_a.named_people or
                                                             read_b.named_people):
        return ()
    asked = read_a.role_words | read_b.role_words
    tokens = read_a.named_people | read_b.named_people
    return (titles_seen_by_roles(a_context, tokens, asked),
            titles_seen_by_roles(b_context, tokens, asked))


def _found(pair: _Pair, a_siblings: tuple[str, ...] = (), b_siblings: tuple[str, ...] = ()
           ) -> list[FactChange]:
    """``fact_changes`` of two paragraphs whose facts differ."""
    out = _kind_changes(pair)
    if not out:
        return out
    read_a, read_b, a, b = pair.read_a, pair.read_b, pair.a, pair.b
    a_context, b_context = pair.a_context, pair.b_context
    if not _ADDED_OR_DROPPED.isdisjoint(map(_OP, out)):  # (a scan in C, not a generator)
        out = _outside_datelines(_outside_cut_quotes(_in_shared_sentences(
            out, pair, a_siblings, b_siblings)), a, b)
    if a_siblings or b_siblings:  # a paragraph split in two, or two merged into one
        out = [c for c in out if not (
            c.b_span is None and _said_by_sibling(read_a, c.a_span, c.kind, b_siblings, b_context)
            or c.a_span is None and _said_by_sibling(read_b, c.b_span, c.kind, a_siblings,
                                                     a_context))]
    if len(out) < 2:
        return out  # most links: nothing to order
    # one change found twice (the speaker of a quote told in two sentences, each a
    # quote of its own) is one change: a list or count must not say "twice"
    return sorted(dict.fromkeys(out), key=lambda c: (c.a_span or (_NOWHERE, 0),
                                                     c.b_span or (0, 0)))


_DATELINE = re.compile(
    r"\s*[A-Z][A-Z.'’ -]{1,40}(?:,[ \t]*[A-Z][A-Za-z.'’ -]{1,30}){0,2},[ \t]*"  # CITY, State,
    r"(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+[A-Z][a-z]{2,8})(?:,?[ \t]*\d{4})?"
    r"[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*[-–—]")
"""A wire story's dateline: "CARVERTON, Pennsylvania, March 15 (Global Wire) -"."""


def _outside_datelines(changes: list[FactChange], a: str, b: str) -> list[FactChange]:
    """``changes`` but a date added or dropped with a paragraph's dateline: the day the
    story was filed, which an outlet's rewrite leaves out with the place and the agency
    (a paraphrase that changed no fact read "date dropped: March 15")."""
    ends = [m.end() if m else 0 for m in (_DATELINE.match(a), _DATELINE.match(b))]
    if not any(ends):
        return changes
    return [c for c in changes if not (c.kind == DATE and (
        c.op == DROPPED and c.a_span[1] <= ends[0] or c.op == ADDED and c.b_span[1] <= ends[1]))]


def _in_shared_sentences(changes: list[FactChange], pair: _Pair,
                         a_siblings: tuple[str, ...], b_siblings: tuple[str, ...]
                         ) -> list[FactChange]:
    """``changes`` but the facts added or dropped in a sentence the other paragraph does
    not share (``fact_changes``; ``Sentences.shared``). A change of a fact paired on both
    sides anchors its sentences. Read in one loop, each change's ``op`` once, and the
    siblings' sentences only where there are siblings (7,000 links of 20 versions of
    100 paragraphs come here, nearly none with siblings)."""
    paired = [c for c in changes if c.a_span and c.b_span and c.a_span[0] >= 0
              and c.op not in ("unquoted", "quoted")]  # a paraphrase window is no anchor
    anchors_a = sorted([c.a_span[0] for c in paired])
    anchors_b = sorted([c.b_span[0] for c in paired])
    mine_a = sentences_of(pair.a, pair.read_a.context)  # (the contexts cut to the paragraphs)
    mine_b = sentences_of(pair.b, pair.read_b.context)
    theirs_a = tuple(sentences_of(t, local_context(t, pair.a_context)) for t in a_siblings) \
        if a_siblings else ()
    theirs_b = tuple(sentences_of(t, local_context(t, pair.b_context)) for t in b_siblings) \
        if b_siblings else ()
    kept = []
    for c in changes:
        op = c.op
        if op == DROPPED and not mine_a.shared(c.a_span[0], mine_b, anchors_a, theirs_b) \
                or op == ADDED and not mine_b.shared(c.b_span[0], mine_a, anchors_b, theirs_a):
            continue
        kept.append(c)
    return kept


def _outside_cut_quotes(changes: list[FactChange]) -> list[FactChange]:
    """``changes`` but the facts dropped inside a quote the other side lacks (cut from a
    quote, ``_cut``, or dropped whole), or added inside one only it has: the quote's
    change says it; "negation dropped: never" beside "quote trimmed: “We have never
    seen…” left out" told it twice."""
    cut_a = [c.a_span for c in changes if c.kind == QUOTE and c.b_span is None]
    cut_b = [c.b_span for c in changes if c.kind == QUOTE and c.a_span is None]
    if not (cut_a or cut_b):
        return changes
    return [c for c in changes if c.kind == QUOTE
            or not (c.op == DROPPED and _within(c.a_span, cut_a)
                    or c.op == ADDED and _within(c.b_span, cut_b))]


def _within(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def _said_by_sibling(read: _Read, span: tuple[int, int], kind: str, siblings: tuple[str, ...],
                     context: NameContext | None) -> bool:
    """Whether one of ``siblings`` (the other side's paragraphs linked to this one) states
    the fact at ``span`` of ``read``, which the other side lacks: the same value between
    the same words (``_same_frame``; a quote's words are its own), as a paragraph split
    in two keeps in one half what the other lacks. The sentences do not tell it where
    the split cuts a sentence ("…12 people were killed on Tuesday" / "…forced hundreds
    from their homes, officials said."): the sentence holding the fact is shared with
    both halves, and each half had the other's facts dropped. The same words, not the
    value alone: a merge that recasts another paragraph's fact in the sentence of this
    one ("speaking with Lavrov earlier Wednesday" beside "Earlier Wednesday, the king met
    Lavrov") still adds it, and any "perceived" of a sibling is no other's hedge."""
    if not siblings:
        return False
    fact = next(f for f in read.by_kind[kind] if (f.start, f.end) == span)
    value, frame = _value(fact), _figures_aside(_neighbours(read.text, fact))
    return any(_value(other) == value and (kind == QUOTE or _same_frame(
                   frame, _figures_aside(_neighbours(text, other))))
               for text in siblings
               for other in _read(text, local_context(text, context)).by_kind.get(kind, ()))


def _kind_changes(pair: _Pair) -> list[FactChange]:
    """Each kind's changes, asked only of the kinds whose ``_Compared`` differ between
    the two paragraphs (quotes: wherever either side has one). Most links differ in a
    kind or two: the calls that found nothing to do were nearly a tenth of the links' time.
    Names are asked only where ``b`` has a key ``a`` lacks or ``a`` a person's key ``b``
    lacks: a place only ``a`` names is never reported alone (``_Pair.names``), and 1,940
    of the 8,150 calls on 20 versions of 100 paragraphs had nothing else to look at."""
    a, b = pair.read_a.compared, pair.read_b.compared
    out: list[FactChange] = []
    if a.numbers != b.numbers:
        out += pair.simple(NUMBER)
    if a.dates != b.dates:
        out += pair.simple(DATE)
    if not b.names <= a.names or not a.people <= b.names:  # (``people`` are in ``names``)
        out += pair.names()
    if a.quoted or b.quoted:
        quoted = pair.quotes()
        if SPEAKER in map(_KIND, quoted):  # (a scan in C: 15 of 6,800 links on 20 x 100)
            # a speaker changed is not a name changed, added or dropped as well
            speakers = {(c.a_span, c.b_span) for c in quoted if c.kind == SPEAKER}
            ends = {span for pair in speakers for span in pair if span}
            out = [c for c in out if not (c.kind == NAME and (
                (c.a_span, c.b_span) in speakers or c.a_span in ends or c.b_span in ends))]
        out += quoted
    if a.stances != b.stances:
        out += pair.attributions()
    if a.negations != b.negations:
        out += pair.flips(NEGATION)
    if a.hedges != b.hedges:
        out += pair.flips(HEDGE)
    return out


class _Compared(NamedTuple):
    """What each kind's changes depend on in one paragraph: where two paragraphs agree on
    one, that kind has no change between them (``_kind_changes``)."""

    numbers: tuple[str, ...]
    """The values, sorted: stated as often on both sides, pairing by equal value pairs
    every one (a greedy pairing of n with n facts of one value is complete)."""
    dates: tuple[str, ...]
    names: frozenset[str]
    """Every name kept: none is left to add, drop or change (count does not matter)."""
    people: frozenset[str]
    """The keys of ``names`` that a person's name has."""
    quoted: bool
    stances: tuple[str, ...]
    """The stances other than neutral, sorted: where they agree, equal stances pair (as
    numbers do) and only neutral verbs are left, which ``_Pair.attributions`` never
    reports unpaired (1,356 of its 1,646 calls on 20 versions of 100 paragraphs found
    nothing, each side saying "said" a different number of times)."""
    negations: int
    """How many: only a difference of count leaves one unpaired (``_Pair.flips``)."""
    hedges: int


class _Read:
    """A paragraph's facts as its links compare them, read once per paragraph (a
    paragraph of 20 sources has ~19 links): grouped by kind, and what the shortcuts
    of ``fact_changes`` and ``_Pair`` compare."""

    __slots__ = ("text", "context", "neutral", "facts", "by_kind", "signature", "signed",
                 "compared", "name_keys", "named", "_spellings", "name_at", "scopes", "_lone",
                 "_avoided", "role_words", "named_people")

    def __init__(self, text: str, context: NameContext | None, neutral: bool = False):
        self.text, self.context, self.neutral = text, context, neutral
        self.facts = paragraph_facts(text, context)
        if neutral:  # against a paragraph in another language (``fact_changes``)
            self.facts = tuple(f for f in self.facts if f.kind == QUOTE
                               or f.kind == NUMBER and _DIGIT.search(f.text))
        by_kind: dict[str, list[Fact]] = {}
        for f in self.facts:
            by_kind.setdefault(f.kind, []).append(f)
        self.by_kind = {kind: tuple(fs) for kind, fs in by_kind.items()}
        self.signature = tuple(_signature(self.facts))
        self.signed = hash(self.signature)
        """Told apart by this first: most links' paragraphs differ, and comparing their
        signatures, alike for a good part of their length, took 3% of the links' time
        (20 versions of 100 paragraphs)."""
        names = self.by_kind.get(NAME, ())
        self.name_keys = frozenset(f.key for f in names)
        self.compared = _Compared(
            self._values(NUMBER), self._values(DATE), self.name_keys,
            frozenset(f.key for f in names if f.detail == "person"), QUOTE in self.by_kind,
            tuple(v for v in self._values(ATTRIBUTION) if v != NEUTRAL),
            len(self.by_kind.get(NEGATION, ())), len(self.by_kind.get(HEDGE, ())))
        self._spellings: _Spellings | None = None
        """Its names by what another spelling must share with them (``_named_otherwise``),
        read when first asked."""
        self.named_people = frozenset(token for key in self.compared.people
                                      for token in key.split())
        """The name tokens of the people it names (``_titles_asked``)."""
        self.role_words = role_words(text)
        self.named = _names_asked(tuple(sorted({(f.key, f.text, f.detail) for f in names})))
        """``names_also``, by the key, text and kind of the name asked about."""
        self.name_at: dict[tuple[int, int], Fact] = {}
        """The (first) name at each span: a quote's speaker is found by its span."""
        for f in names:
            self.name_at.setdefault((f.start, f.end), f)
        self.scopes = {kind: tuple(_scope_words(text, f.end) for f in self.by_kind.get(kind, ()))
                       for kind in (NEGATION, HEDGE)}
        """The words each negation and hedge bears on (``_scope_words``), in the order of
        ``by_kind``: every link whose counts differ pairs them (``_Pair.flips``)."""
        self._lone: dict[tuple[str, int], FactChange] = {}
        """``lone``'s changes, by op and the fact's id (its facts live as long as this)."""
        self._avoided: tuple[frozenset[str], ...] | None = None
        """``avoided``, read when first asked."""

    def _values(self, kind: str) -> tuple[str, ...]:
        return tuple(sorted(f.key for f in self.by_kind.get(kind, ())))

    def avoided(self) -> tuple[frozenset[str], ...]:
        """``_avoided`` of this paragraph, read once: every link that leaves the other
        side a negation unpaired asks (2,600 asks on 20 versions of 100 paragraphs)."""
        if self._avoided is None:
            self._avoided = _avoided(self.text)
        return self._avoided

    def lone(self, fact: Fact, op: str) -> FactChange:
        """The change that one of this paragraph's facts has no counterpart: ``op`` is
        dropped (this paragraph is the link's ``a``) or added (its ``b``). Every link
        whose other side lacks the fact reports it alike: made once (11,001 such
        changes on 20 versions of 100 paragraphs, 4,126 distinct)."""
        key = (op, id(fact))
        found = self._lone.get(key)
        if found is None:
            span = (fact.start, fact.end)
            found = self._lone[key] = FactChange(
                fact.kind, op, span if op == DROPPED else None, None if op == DROPPED else span,
                _lone_label(self.text, fact, op))
        return found

    def names_also(self, name: Fact) -> bool:
        """Whether this paragraph names ``name`` too, under any spelling (``_same_name``).
        Every link of the paragraph asks for the names of its other side, and the
        versions of a paragraph mostly spell a name alike: each is answered once."""
        if name.key in self.name_keys:
            return True  # most names: the same key
        asked = (name.key, name.text, name.detail)  # all that ``_same_name`` reads
        found = self.named.get(asked)
        if found is None:
            found = self.named[asked] = self._named_otherwise(name)
        return found

    def _named_otherwise(self, name: Fact) -> bool:
        """Whether ``_same_name`` holds of ``name`` and a name here, ``name``'s key being
        none of theirs: a person's key is compared (``same_person``) with every key
        here, a place's with the keys of people here and its text with the texts of
        places here (``_same_stem``). Each key and text is asked once, not each name
        (20,700 calls of ``_same_name``, 3% of the links' time on 20 versions of 100
        paragraphs)."""
        if self._spellings is None:
            self._spellings = _Spellings.of(self.by_kind.get(NAME, ()))
        keys, places = self._spellings
        key = name.key
        person = name.detail == "person"
        people = self.compared.people
        if any(same_person(key, other) for other in
               {other for token in key.split() for other in keys.get(token, ())}
               if person or other in people):
            return True
        return not person and any(_same_stem(name.text, other) for other in
                                  {other for word in name.text.split()
                                   for other in places.get(_stem_of(word), ())})


class _Spellings(NamedTuple):
    """A paragraph's names by what any other spelling of one shares with it: only those
    are compared (``_Read._named_otherwise``), where comparing each name asked about
    with every name of the paragraph was 9% of the links' time on 20 versions of
    100 paragraphs edited at 20% (the versions spell names in many ways)."""

    keys: dict[str, tuple[str, ...]]
    """The keys holding each token: ``same_person`` holds only of keys sharing one."""
    places: dict[str, tuple[str, ...]]
    """The texts of places and organisations by each word's stem (``_stem_of``):
    ``_same_stem`` holds only of texts that share one."""

    @staticmethod
    def of(names: Sequence[Fact]) -> _Spellings:
        keys: dict[str, dict[str, None]] = {}
        places: dict[str, dict[str, None]] = {}
        for f in names:
            for token in f.key.split():
                keys.setdefault(token, {})[f.key] = None
            if f.detail != "person":
                for word in f.text.split():
                    places.setdefault(_stem_of(word), {})[f.text] = None
        return _Spellings({token: tuple(found) for token, found in keys.items()},
                          {stem: tuple(found) for stem, found in places.items()})


@lru_cache(maxsize=PARAGRAPHS_KEPT)
def _names_asked(names: tuple[tuple[str, str, str], ...]) -> dict[tuple[str, str, str], bool]:
    """The answers of ``_Read.names_also``, shared by the paragraphs that name the same
    (their key, text and kind: all it reads): the versions of a paragraph mostly do,
    and each is asked for the names of the others."""
    return {}


@lru_cache(maxsize=PARAGRAPHS_KEPT)
def _read(text: str, context: NameContext | None) -> _Read:
    return _Read(text, context)


@lru_cache(maxsize=PARAGRAPHS_KEPT)
def _neutral_read(text: str, context: NameContext | None) -> _Read:
    """``_read`` for a link to a paragraph in another language (``fact_changes``): a cache
    of its own, as ``_read(text, context)`` and ``_read(text, context, False)`` were two
    keys of one, and every paragraph was read twice."""
    return _Read(text, context, neutral=True)


_DIGIT = re.compile(r"\d")


def _other_languages(a_context: NameContext | None, b_context: NameContext | None) -> bool:
    """Whether one paragraph is English and the other is not (``fact_changes``)."""
    return (a_context is None or a_context.english) != (b_context is None or b_context.english)


def read_for_links(text: str, context: NameContext | None) -> None:
    """Read now what the links of this paragraph compare (its facts grouped with the
    scopes of its negations and hedges, its words): ``parallax align --json``
    serialises links in forked workers, which inherit what was read before they were
    forked rather than each read every paragraph again. The frames of its names,
    numbers and dates are left to the links that ask: only a fact one side lacks is
    framed, and most facts are in every version (a fifth to a third of the frames
    were ever asked on 20 versions of 100 paragraphs). So are the scopes of its verbs,
    which only a change of stance asks for (``_Compared.stances``): 46 of 690 were
    asked on 20 versions of 100 paragraphs."""
    context = local_context(text, context)
    _read(text, context)
    _tokens(text)
    paragraph_words(text, context)


def _signature(facts: tuple[Fact, ...]) -> list[tuple[str, str, str]]:
    """What two paragraphs must share for no fact change to be possible."""
    return sorted((f.kind, _value(f), f.detail if f.kind == QUOTE else "") for f in facts)


def _value(fact: Fact) -> str:
    """What two facts of a kind must share to be one: the key, or a negation's or hedge's
    word (their key is their kind)."""
    return fact.key if fact.kind != NEGATION and fact.kind != HEDGE else fact.text.lower()


@lru_cache(maxsize=4096)
def _own_titles(title: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"\w+", title))


_NOWHERE = 10**9
_OP = attrgetter("op")
_KIND = attrgetter("kind")
_KNOWN_ROLE = (-1, -1)


@lru_cache(maxsize=65536)
def _short(text: str, limit: int = 40) -> str:
    """A fact's words for its label, on one line, cut at a word past ``limit``. Only the
    head of a long quote is put on one line (quote labels show a quote's opening, and
    joining the words of whole quotes took 10% of the links' time on 20 versions).
    Cached: a fact changed is labelled again by each link that changes it, and the
    versions of a paragraph share most facts (9,200 of the 12,800 labels of 20 versions
    of 100 paragraphs were made before)."""
    flat = one_line(text[:SHORT_READ * limit])
    if len(flat) <= limit < len(text):  # mostly spaces: the rest may fit
        flat = one_line(text)
    return cut_at_word(flat, limit)


@lru_cache(maxsize=65536)
def _renderings(old: str, new: str) -> str:
    """Both sides of a quote that changed, from the word where they part ("“…no limit” →
    “…no limits whatsoever”"): the old words alone said what it was, not what it became.
    The common start is found by halving (each step one comparison in C: splitting both
    quotes into words cost ~10 us a change, 5,400 changes on 20 versions); a side that
    the other contains whole keeps its last word. Cached: the same two renderings meet
    again in the links of other versions."""
    low, high = 0, min(len(old), len(new))
    while low < high:  # the longest common start: old[:low] == new[:low]
        middle = (low + high + 1) // 2
        if old[:middle] == new[:middle]:
            low = middle
        else:
            high = middle - 1
    if low == len(old) or low == len(new):  # one side is the start of the other
        low_old = low_new = old.rfind(" ", 0, max(0, low - 1)) + 1
    else:  # back to the start of the word where they part, then past respellings
        low_old, low_new = _past_respellings(old, new, old.rfind(" ", 0, low) + 1)
    return (f"“{'…' if low_old else ''}{_short(old[low_old:], QUOTE_CHARS)}” → "
            f"“{'…' if low_new else ''}{_short(new[low_new:], QUOTE_CHARS)}”")


_PUNCTUATION = ".,;:!?“”\"'’‘…()—–-"


def _past_respellings(old: str, new: str, low: int) -> tuple[int, int]:
    """Where two renderings part from ``low`` on (the start of the first word that
    differs), past words that differ only in spelling, case or the punctuation about them
    ("colour" / "color", "me, Henry" / "me Henry"): a quote respelt by a house style, or
    repunctuated by an edition, and edited was labelled by its commas, not by its edit
    ("“…Henry, to order the horses” → “…Clerval, to order the horses”"). Where no word
    differs but in those, the renderings part at their last word, as one that runs on
    from the other does."""
    words_old, words_new = old[low:].split(" "), new[low:].split(" ")
    at_old = at_new = low
    last = (low, low)
    for x, y in zip(words_old, words_new):
        bare_x, bare_y = x.lower().strip(_PUNCTUATION), y.lower().strip(_PUNCTUATION)
        if bare_x != bare_y and not spelt_alike(bare_x, bare_y):
            return at_old, at_new
        last = (at_old, at_new)
        at_old, at_new = at_old + len(x) + 1, at_new + len(y) + 1
    return last


SHORT_READ = 4
"""``_short`` reads this many times its limit: a head that, on one line, still holds more
than the limit is cut where the whole text would be."""


SENTENCE_WORDS_MET = 1
"""Content words two facts' sentences share to pair them where only a "more than" frames
them alike, or where they are the one fact left on each side of a merge
(``_Pair._said_on_both_sides``). Paragraphs of like length pair their one fact left as
ever: a paraphrase may share no word ("the evacuation order would remain in place until
at least Saturday" / "will not be allowed back before Friday")."""
MERGED_LENGTH = 1.5
"""How many times longer one paragraph of a link is than the other for the one number left
on each side to pair only where their sentences share a word (``_uneven``)."""
TRANSLATED_PLACE = 0.25
"""How far apart, as shares of their paragraphs, the last number left on each side of a
paragraph and its translation may stand and still be one number changed: a translation
keeps the order of what it says, not its words."""


class _Pair:
    """The facts of two paragraphs and the pairing between them."""

    __slots__ = ("read_a", "read_b", "a", "b", "a_context", "b_context", "fa", "fb",
                 "_everyone")

    def __init__(self, a: _Read, b: _Read, a_context: NameContext | None = None,
                 b_context: NameContext | None = None):
        """``a_context`` and ``b_context`` are the documents' whole contexts: a person one
        paragraph names has the titles either document gives them (``_titles``)."""
        self.read_a, self.read_b = a, b
        self.a, self.b = a.text, b.text
        self.a_context, self.b_context = a_context, b_context
        self.fa, self.fb = a.facts, b.facts
        self._everyone: set[str] | None = None

    def of(self, kind: str) -> tuple[tuple[Fact, ...], tuple[Fact, ...]]:
        """Both paragraphs' facts of ``kind`` (read only: no copy)."""
        return self.read_a.by_kind.get(kind, ()), self.read_b.by_kind.get(kind, ())

    def match(self, xs: Sequence[Fact], ys: Sequence[Fact], same
              ) -> tuple[list, list[Fact], list[Fact]]:
        """Greedy one-to-one pairing of facts judged ``same``, nearest places first."""
        if not xs or not ys:
            return [], list(xs), list(ys)
        return self.nearest(xs, ys, [(i, j) for i, x in enumerate(xs)
                                     for j, y in enumerate(ys) if same(x, y)])

    def match_keys(self, xs: Sequence[Fact], ys: Sequence[Fact]
                   ) -> tuple[list, list[Fact], list[Fact]]:
        """``match`` of facts of equal value, the pairs to weigh found by value rather
        than by asking every pair."""
        if not xs or not ys:
            return [], list(xs), list(ys)
        places: dict[str, list[int]] = {}
        for j, y in enumerate(ys):
            places.setdefault(y.key, []).append(j)
        return self.nearest(xs, ys, [(i, j) for i, x in enumerate(xs)
                                     for j in places.get(x.key, ())])

    def nearest(self, xs: Sequence[Fact], ys: Sequence[Fact], candidates: list[tuple[int, int]]
                ) -> tuple[list, list[Fact], list[Fact]]:
        """``match`` of the pairs ``candidates`` (indices into ``xs`` and ``ys``). Most
        links have one candidate pair or none, which need no weighing."""
        if len(candidates) < 2:
            if not candidates:
                return [], list(xs), list(ys)
            i, j = candidates[0]
            return [(xs[i], ys[j])], [*xs[:i], *xs[i + 1:]], [*ys[:j], *ys[j + 1:]]
        return self._greedy(xs, ys, sorted([(self._apart(xs[i], ys[j]), i, j)
                                            for i, j in candidates]))

    @staticmethod
    def _greedy(xs: Sequence[Fact], ys: Sequence[Fact], scored: list[tuple]
                ) -> tuple[list, list[Fact], list[Fact]]:
        """Pairs taken in the order of ``scored`` (best first: ``(..., i, j)``), each fact
        once."""
        used_a, used_b, pairs = set(), set(), []
        for *_, i, j in scored:
            if i not in used_a and j not in used_b:
                used_a.add(i)
                used_b.add(j)
                pairs.append((xs[i], ys[j]))
        return (pairs, [x for i, x in enumerate(xs) if i not in used_a],
                [y for j, y in enumerate(ys) if j not in used_b])

    def by_frames(self, xs: Sequence[Fact], ys: Sequence[Fact]
                  ) -> tuple[list, list[Fact], list[Fact]]:
        """``match`` of facts standing between the same words (``_same_frame``)."""
        if not xs or not ys:
            return [], list(xs), list(ys)
        frames_b = [_neighbours(self.b, y) for y in ys]
        return self.nearest(xs, ys, [(i, j) for i, x in enumerate(xs)
                                     for frame in (_neighbours(self.a, x),)
                                     for j, other in enumerate(frames_b)
                                     if _same_frame(frame, other) and _same_sort(x, ys[j])
                                     and (not _qualified_alike(frame, other)
                                          or self._said_on_both_sides(x, ys[j]))])

    def through_frames(self, xs: Sequence[Fact], ys: Sequence[Fact], fallback: bool = True
                       ) -> tuple[list, list[Fact], list[Fact]]:
        """Pair leftovers that stand between the same words ("killed 15 people" /
        "killed 16 people"); with ``fallback``, a fact of ``a`` whose place ``b``
        fills with a few words that vaguely state the same kind of fact pairs with
        those words ("15" -> "several", "last year" -> "earlier"). Other words there
        ("ten years" -> "his years", "last winter" -> "last remark", "some years ago"
        -> "ago") say no number or date: the fact is dropped, not changed."""
        pairs, xs, ys = self.by_frames(xs, ys)
        left = []
        for x in xs:
            slot = _slot(self.a, x, self.b) if fallback else None
            said = words_of(self.b[slot[0]:slot[1]]) if slot is not None else []
            if 0 < len(said) <= SHORT_REPLACEMENT and _vaguely_states(x.kind, said) \
                    and not any(y.start < slot[1] and slot[0] < y.end for y in ys):
                pairs.append((x, slot))
            else:
                left.append(x)
        return pairs, left, ys

    def _emit(self, kind: str, pairs, left_a: list[Fact], left_b: list[Fact]
              ) -> list[FactChange]:
        out = []
        for x, y in pairs:
            span = (y.start, y.end) if isinstance(y, Fact) else y
            old, new = _short(x.text), _short(self.b[span[0]:span[1]])
            if kind == NUMBER:
                before_a, before_b = _qualifier(self.a, x.start), _qualifier(self.b, span[0])
                if before_a.lower() != before_b.lower():  # "dozens → more than 150"
                    old, new = f"{before_a}{old}", f"{before_b}{new}"
            out.append(FactChange(kind, CHANGED, (x.start, x.end), span,
                                  f"{_named_kind(x)}: {old} → {new}"))
        out += [self.read_a.lone(x, DROPPED) for x in left_a]
        out += [self.read_b.lone(y, ADDED) for y in left_b]
        return out

    def simple(self, kind: str) -> list[FactChange]:
        """Numbers and dates: equal values pair, the rest through the diff."""
        xs, ys = self.of(kind)
        _, xs, ys = self.match_keys(xs, ys)
        if kind == NUMBER and xs and ys:
            _, xs, ys = self.match(xs, ys, _same_amount)
        if not xs and not ys:
            return []
        ranged: list[FactChange] = []
        if kind == NUMBER and len(xs) > 1 and len(ys) > 1:
            ranged, xs, ys = self._ranges_changed(xs, ys)
        pairs, xs, ys = self.through_frames(xs, ys) if xs else ([], xs, ys)
        if kind == NUMBER and xs and ys:
            more, xs, ys = self._counting_alike(xs, ys)
            pairs += more
        if xs and ys and kind in _ONE_OF_A_CLASS:
            more, xs, ys = self._one_of_a_class_each(xs, ys, *_ONE_OF_A_CLASS[kind])
            pairs += more
        if len(xs) == 1 and len(ys) == 1 and not ranged and self._placed_alike(xs[0], ys[0]) \
                and _same_sort(xs[0], ys[0]) and (
                    not _uneven(self.a, self.b) or self._said_on_both_sides(xs[0], ys[0])):
            # the one each side left: changed (not beside a range: "six-storey")
            pairs, xs, ys = pairs + [(xs[0], ys[0])], [], []
        if kind == NUMBER:  # "the two countries" / "China and Russia": the same two
            xs = [x for x in xs if not _counts_the_named(self.a, x)]
            ys = [y for y in ys if not _counts_the_named(self.b, y)]
        return ranged + self._emit(kind, pairs, xs, ys)

    def _counting_alike(self, xs: list[Fact], ys: list[Fact]
                        ) -> tuple[list, list[Fact], list[Fact]]:
        """Numbers left on each side told in the same words past the thing they count
        (``_told_of``): "27 people had been pulled from rooftops" / "Forty-four people were
        plucked from rooftops", "11 others were unaccounted for" / "Nine people were still
        unaccounted for". One count changed in a sentence recast round it, which had read
        as one count dropped and another added. The counted word alone pairs nothing:
        "5 people were injured" and "12 people were evacuated" are two counts."""
        told_b = [_told_of(self.b, y.end) for y in ys]
        return self.nearest(xs, ys, [(i, j) for i, x in enumerate(xs)
                                     for told in (_told_of(self.a, x.end),) if told
                                     for j, other in enumerate(told_b) if told & other])

    def _said_on_both_sides(self, x: Fact, y: Fact) -> bool:
        """Whether the sentences of ``x`` (in ``a``) and ``y`` (in ``b``) speak of the same
        things (a content word in common, names and figures aside), for two facts framed
        alike only by words that qualify an amount (``_qualified_alike``), or for the one
        fact of a kind left on each side of a merge (``_uneven``), to be one fact changed.
        "At least 16 people were killed … when a freight train carrying vinyl chloride
        derailed" / "A freight train hauling vinyl chloride came off the rails …, killing
        at least 14 people" is one count changed; "One crater was more than six metres
        wide" / "a city of more than one million people" are two counts, as "The document
        is recent, dating to April 2013" / "The act was changed in December 2012" are two
        dates and a chapter's number is no date of the paragraph merged with it (review
        13). Against another language, or in a script written without spaces, no words
        tell: the frame or the place decides there, as before."""
        if self.read_a.neutral or has_cjk(self.a) or has_cjk(self.b):  # (no words to share)
            return True
        around_a = sentences_of(self.a, self.read_a.context).words_around(x.start)
        around_b = sentences_of(self.b, self.read_b.context).words_around(y.start)
        return len(around_a & around_b) >= SENTENCE_WORDS_MET

    def _ranges_changed(self, xs: list[Fact], ys: list[Fact]
                        ) -> tuple[list[FactChange], list[Fact], list[Fact]]:
        """Ranges ("between 30 and 40", "10 to 12") whose ends are both left unpaired, as
        many on each side: each one number changed ("number: between 30 and 40 →
        between 20 and 25"), where each end was a number of its own, four lines for
        one edit."""
        ranges_a, ranges_b = _ranges(self.a, xs), _ranges(self.b, ys)
        if not ranges_a or len(ranges_a) != len(ranges_b):
            return [], xs, ys
        out, used = [], set()
        for (ax, ay), (bx, by) in zip(ranges_a, ranges_b):
            used.update(map(id, (ax, ay, bx, by)))
            span_a, span_b = _range_span(self.a, ax, ay), _range_span(self.b, bx, by)
            out.append(FactChange(NUMBER, CHANGED, span_a, span_b,
                                  f"{NUMBER}: {_short(self.a[span_a[0]:span_a[1]])} → "
                                  f"{_short(self.b[span_b[0]:span_b[1]])}"))
        return (out, [x for x in xs if id(x) not in used], [y for y in ys if id(y) not in used])

    def _one_of_a_class_each(self, xs: list[Fact], ys: list[Fact], class_of, fits
                             ) -> tuple[list, list[Fact], list[Fact]]:
        """Facts left unpaired, where each side states one of a class (``class_of``: ""
        for none): one fact changed. Amounts of money in one currency ("costing £3.2
        million" / "which in the end cost £4.3 million"): the words around a sum are
        rewritten with it, and a count left over beside it ("eleven months") kept it
        from being the one number left on each side. Days ("earlier today" / "on
        Thursday"), beside a year or a month left over, where one is a relative day
        (``fits``): a live report's "today" is the final story's "Thursday", while a
        dateline's "March 15" and a "Wednesday" in a merged paragraph's other sentence
        are two dates (paired, the pair anchored that sentence, and its facts were
        "added": ``_in_shared_sentences``)."""
        def by_class(facts: list[Fact]) -> dict[str, list[Fact]]:
            found: dict[str, list[Fact]] = {}
            for f in facts:
                name = class_of(f)
                if name:
                    found.setdefault(name, []).append(f)
            return found

        in_b = by_class(ys)
        pairs = [(x[0], in_b[name][0]) for name, x in by_class(xs).items()
                 if len(x) == 1 and len(in_b.get(name, ())) == 1
                 and self._placed_alike(x[0], in_b[name][0]) and fits(x[0], in_b[name][0])]
        if not pairs:
            return [], xs, ys
        paired = {id(f) for pair in pairs for f in pair}
        return (pairs, [x for x in xs if id(x) not in paired],
                [y for y in ys if id(y) not in paired])

    def _placed_alike(self, x: Fact, y: Fact) -> bool:
        """Whether the one fact left on each side may be one fact changed. Against another
        language no words around confirm it, so they must stand at about the same place of
        their paragraphs (``TRANSLATED_PLACE``): a German version's evacuee count at its
        start is no change of the English "Route 9" at its end ("number: 9 → 2500")."""
        return not self.read_a.neutral or self._apart(x, y) <= TRANSLATED_PLACE

    def _apart(self, x: Fact, y: Fact) -> float:
        """How far apart ``x`` (in ``a``) and ``y`` (in ``b``) stand, as shares of their
        paragraphs."""
        return abs(x.start / max(1, len(self.a)) - y.start / max(1, len(self.b)))

    def names(self) -> list[FactChange]:
        """Names spelt anew (``respellings``), then those one side lacks (``_unmatched``)."""
        return self.respellings() + self._unmatched()

    def _unmatched(self) -> list[FactChange]:
        """A name is kept when the other side names it anywhere (count does not matter).

        People missing on one side are dropped or added, unless the other
        side calls them by a role their titles share ("Putin" / "the Russian
        leader"); a role no title explains is a change ("Wang" / "the king").
        Places and organisations only count when swapped within a few words:
        whole sentences mention different ones in any paraphrase.
        """
        keys_a, keys_b = self.read_a.name_keys, self.read_b.name_keys
        xs = self._unnamed(self.read_a, keys_a - keys_b, self.read_b)
        ys = self._unnamed(self.read_b, keys_b - keys_a, self.read_a)
        people_a = [x for x in xs if x.detail == "person"]
        if not ys and not people_a:  # every name kept under another spelling, or only
            return []  # places dropped, which are not reported (``_places``)
        people_b = [y for y in ys if y.detail == "person"]
        if not people_a and not people_b:  # places alone (3,102 of the 6,210 calls on
            return self._places(xs, ys)  # 20 versions of 100 paragraphs): no people to pair
        pairs, left_a, left_b = self.through_frames(people_a, people_b, fallback=False)
        dropped: list[Fact] = []
        out: list[FactChange] = []
        for x in left_a:
            role = self._role_for(x)
            if role is None:
                dropped.append(x)
            elif role is not _KNOWN_ROLE:
                pairs.append((x, role))
        places = self._places([x for x in xs if x.detail != "person"],
                              [y for y in ys if y.detail != "person"])
        if places and dropped:  # a person whose place another name took is changed, once
            taken = [c.a_span for c in places]
            dropped = [x for x in dropped if not _within((x.start, x.end), taken)]
        added, seen = [], set()
        for y in left_b:
            if y.key in seen:
                continue
            seen.add(y.key)
            role = self._role_for(y, reverse=True)
            if role is None:
                added.append(y)
            elif role is not _KNOWN_ROLE:
                out.append(FactChange(NAME, CHANGED, role, (y.start, y.end),
                                      f"name: {self.a[role[0]:role[1]]} → {_short(y.text)}"))
        return out + places + self._emit(NAME, pairs, _first_each(dropped), added)

    def respellings(self) -> list[FactChange]:
        """A person's name spelt anew between the same words ("Luis Ortega, a maintenance
        worker" / "Louis Ortega, a maintenance worker"): one person to ``names``, which
        pairs facts by whom they name (``same_person`` holds of "Sergei" / "Sergey", a
        transliteration), yet the name was edited, and a reader checks that a person is
        named right. Only between the same words, before and after (``_neighbours``): a
        version that recasts the sentence spells the name its own way ("met with Sergei
        Lavrov." / "met with Sergey Lavrov, Russia's Foreign Minister"), as its house
        style transliterates."""
        keys_a, keys_b = self.read_a.name_keys, self.read_b.name_keys
        if self.read_a.compared.people <= keys_b or self.read_b.compared.people <= keys_a:
            return []  # a person's key on each side that the other lacks, or none is spelt anew
        xs = [x for x in self.read_a.by_kind[NAME] if x.detail == "person"
              and x.key not in keys_b]
        ys = [y for y in self.read_b.by_kind[NAME] if y.detail == "person"
              and y.key not in keys_a]
        pairs, _, _ = self.match(_first_each(xs), _first_each(ys), lambda x, y: _respelt(x, y)
                                 and _figures_aside(_neighbours(self.a, x))
                                 == _figures_aside(_neighbours(self.b, y)))
        return self._emit(NAME, pairs, [], [])

    @staticmethod
    def _unnamed(read: _Read, keys: set[str], other: _Read) -> list[Fact]:
        """The names of ``read`` that ``other`` does not name under any spelling: only
        those whose ``keys`` the other lacks are asked about (most names of a link's
        paragraphs have the same key on both sides)."""
        if not keys:
            return []
        return [f for f in read.by_kind[NAME] if f.key in keys and not other.names_also(f)]

    def _places(self, xs: list[Fact], ys: list[Fact]) -> list[FactChange]:
        """Places and organisations swapped in the same words ("the West and NATO" ->
        "the US and NATO"), or put where the other side had none ("other countries" ->
        "the United States"), or one put in another's very words ("that Moscow will" ->
        "that Kyiv will"). Others one side names and the other does not are not
        reported: paraphrase moves places freely ("Moscow" for "Russia" is one state,
        see ``facts.METONYMS``)."""
        if not ys:  # none on ``b``'s side to pair or place: most links
            return []
        pairs, xs, ys = self.by_frames(xs, ys)
        out = self._emit(NAME, pairs, [], []) if pairs else []
        for y in ys:
            slot = _slot(self.b, y, self.a)
            if slot is None:
                continue
            there = [x for x in self.read_a.by_kind.get(NAME, ()) if slot[0] <= x.start
                     and x.end <= slot[1]]
            if _role_only(self.a, slot) or len(there) == 1 and there[0].key != y.key:
                # a role put where a place was, or another place in its very words
                # ("that Moscow will" -> "that Kyiv will", though Russia is named elsewhere)
                out.append(FactChange(NAME, CHANGED, slot, (y.start, y.end),
                                      f"name: {self.a[slot[0]:slot[1]]} → {_short(y.text)}"))
        return out

    def _titles(self, person: Fact) -> set[str]:
        titles = set(_own_titles(person.title))
        for context in (self.a_context, self.b_context):
            if context is not None:
                titles |= context.title_words(person.key)
        return titles

    def _all_titles(self) -> set[str]:
        """Title words of everyone either paragraph names (once a link, when asked)."""
        if self._everyone is None:
            self._everyone = set().union(*(self._titles(f) for f in (*self.fa, *self.fb)
                                           if f.kind == NAME and f.detail == "person"))
        return self._everyone

    def _role_for(self, person: Fact, reverse: bool = False):
        """The role phrase the other side uses instead of ``person``'s name, if any.

        Returns ``_KNOWN_ROLE`` when a role there fits the person's titles;
        else the span of a role no one's titles explain ("the king") that
        stands in the name's place: between the same words, or failing that
        at about the same place in the paragraph.
        """
        text, other = (self.b, self.a) if reverse else (self.a, self.b)
        found = roles(other)
        if not found:
            return None
        titles = self._titles(person)
        if any(role_fits(words, titles) for _, _, words in found):
            return _KNOWN_ROLE
        everyone = self._all_titles()
        slot = _slot(text, person, other)
        where = person.start / max(1, len(text))
        for start, end, words in found:
            if not everyone.isdisjoint(words):
                continue  # another person's role ("the Russian leader" for Putin)
            if slot is not None and slot[0] <= start and end <= slot[1] or \
                    slot is None and abs(start / max(1, len(other)) - where) <= ROLE_PLACE:
                return (start, end)
        return None

    def quotes(self) -> list[FactChange]:
        xs, ys = self.of(QUOTE)
        pairs, xs, ys = self.nearest(xs, ys, [(i, j) for i, x in enumerate(xs)
                                              for j, y in enumerate(ys)
                                              if quote_relation(x.key, y.key)])
        if xs and ys:
            more, xs, ys = self._requoted(xs, ys)
            pairs += more
        if len(xs) == 1 and len(ys) == 1 and \
                _same_frame(_neighbours(self.a, xs[0]), _neighbours(self.b, ys[0])):
            # the one quote left on each side, between the same words ("», — заявил
            # журналистам…"): one quote reworded, not one dropped and one added
            pairs, xs, ys = pairs + [(xs[0], ys[0])], [], []
        out = []
        kept_a, kept_b = set(), set()  # speakers of the quotes kept word for word (``_cut``)
        for x, y in pairs:
            relation = quote_relation(x.key, y.key) or "altered"  # (``_requoted``, reframed)
            if relation != "verbatim":
                out.append(FactChange(QUOTE, relation, (x.start, x.end), (y.start, y.end),
                                      f"quote {relation}: {_renderings(x.text, y.text)}"))
            if x.speaker_span and y.speaker_span:  # (most quotes of most links: none)
                out.extend(self._speaker_change(x, y))
            if relation in _WORD_FOR_WORD:
                kept_a.add(x.speaker_span)
                kept_b.add(y.speaker_span)
        kept_a.discard(None)  # a quote whose speaker is not told continues none
        kept_b.discard(None)
        for x in xs:
            window = paraphrase_window(x.key, self.b)
            if _openly_quoted(self.b, window):
                continue  # quoted there too, by a mark the paragraph leaves open
            out.append(FactChange(QUOTE, "unquoted", (x.start, x.end), window,
                                  f"quote unquoted (paraphrased): {_opening(x)}") if window
                       else _cut(x, x.speaker_span in kept_a, "trimmed")
                       or self.read_a.lone(x, DROPPED))
        for y in ys:
            window = paraphrase_window(y.key, self.a)
            if _openly_quoted(self.a, window):
                continue
            out.append(FactChange(QUOTE, "quoted", window, (y.start, y.end),
                                  f"quote added (was unquoted): {_opening(y)}") if window
                       else _cut(y, y.speaker_span in kept_b, "extended")
                       or self.read_b.lone(y, ADDED))
        return out

    def _requoted(self, xs: list[Fact], ys: list[Fact]) -> tuple[list, list[Fact], list[Fact]]:
        """Quotes of each side that ``quote_relation`` does not pair, but whose words the
        other side carries inside one of its quotes: one quote rendered in other words
        ("Tell the mayor the light is still burning…" / "You tell the mayor the light's
        still lit…", as two translations render it), altered. Left apart, each side's
        words were found in the other's text, and one quote was both "unquoted" and
        "added (was unquoted)"."""
        def inside(window: tuple[int, int] | None, quote: Fact) -> bool:
            return window is not None and window[0] < quote.end and quote.start < window[1]

        return self.nearest(xs, ys, [(i, j) for i, x in enumerate(xs)
                                     for window in (paraphrase_window(x.key, self.b),)
                                     for j, y in enumerate(ys) if inside(window, y)
                                     and inside(paraphrase_window(y.key, self.a), x)])

    def _speaker_change(self, x: Fact, y: Fact) -> list[FactChange]:
        sx = self.read_a.name_at.get(x.speaker_span)
        sy = self.read_b.name_at.get(y.speaker_span)
        if sx is None or sy is None or _same_name(sx, sy):
            return []
        return [FactChange(SPEAKER, CHANGED, x.speaker_span, y.speaker_span,
                           f"speaker: {_core(sx)} → {_core(sy)}")]

    def attributions(self) -> list[FactChange]:
        """Only a change of stance counts: "said" -> "stated" is wording, -> "admitted" is not."""
        xs, ys = self.of(ATTRIBUTION)
        _, xs, ys = self.match_keys(xs, ys)
        marked_a = [x for x in xs if x.key != NEUTRAL]
        scope = {id(f): _scope(text, f.end) for text, fs in ((self.a, xs), (self.b, ys))
                 for f in fs}
        pairs, left_a, rest_b = self.match(marked_a, ys, lambda x, y: bool(scope[id(x)]
                                                                          & scope[id(y)]))
        more, left_a, rest_b = self.match(left_a, rest_b, lambda x, y: True)
        pairs += more
        paired_a = {id(x) for x, _ in pairs}
        rest_a = [x for x in xs if id(x) not in paired_a]
        marked_b = [y for y in rest_b if y.key != NEUTRAL]
        more, rest_a, marked_b = self.match(rest_a, marked_b,
                                            lambda x, y: bool(scope[id(x)] & scope[id(y)]))
        pairs += more
        more, _, left_b = self.match(rest_a, marked_b, lambda x, y: True)
        return self._emit(ATTRIBUTION, pairs + more, left_a, left_b)

    def _unpaired(self, xs: Sequence[Fact], ys: Sequence[Fact],
                  candidates: list[tuple[int, int, int]]) -> tuple[list[Fact], list[Fact]]:
        """The facts left unpaired by ``candidates``, ``(shared, i, j)``: ``xs[i]`` and
        ``ys[j]`` share ``shared`` of the words they bear on. Where no fact is in two
        candidate pairs (each negation or hedge shares its words with its own counterpart
        only: 3,684 of the 4,628 calls on 20 versions of 100 paragraphs), every pair is
        taken whatever their order, and none is weighed; else those sharing more words
        pair first, then the nearer. Place alone misled where a paragraph was split: its
        first half's "no avail when I" stands at a third of the whole and at the end of
        the half, and paired with the whole's "not exhibit the pain I felt" (one word
        shared, "I"), so the whole's "no" was reported dropped beside the half that has
        it."""
        firsts, seconds = {i for _, i, _ in candidates}, {j for _, _, j in candidates}
        if len(firsts) == len(seconds) == len(candidates):
            return ([x for i, x in enumerate(xs) if i not in firsts],
                    [y for j, y in enumerate(ys) if j not in seconds])
        _, xs, ys = self._greedy(xs, ys, sorted([(-shared, self._apart(xs[i], ys[j]), i, j)
                                                 for shared, i, j in candidates]))
        return xs, ys

    def flips(self, kind: str) -> list[FactChange]:
        """Negations and hedges: report only those the other side lacks.

        Those sharing the words they bear on pair first, then the rest by place,
        as many as the fewer side has: only a difference of count leaves any."""
        xs, ys = self.of(kind)
        sb = self.read_b.scopes[kind]
        xs, ys = self._unpaired(xs, ys, [(len(scope & other), i, j)
                                         for i, scope in enumerate(self.read_a.scopes[kind])
                                         for j, other in enumerate(sb)
                                         if not scope.isdisjoint(other)])
        if xs and ys:  # the others pair by place: one negation each side
            _, xs, ys = self.nearest(xs, ys, [(i, j) for i in range(len(xs))
                                              for j in range(len(ys))])
        if xs or ys:
            xs = [x for x in xs if not _respaced(self.a, x, self.b)]
            ys = [y for y in ys if not _respaced(self.b, y, self.a)]
        if kind == NEGATION and (xs or ys):
            xs = [x for x in xs if not _negation_paraphrased(self.a, x, self.read_b)]
            ys = [y for y in ys if not _negation_paraphrased(self.b, y, self.read_a)]
        return [*(self.read_a.lone(x, DROPPED) for x in xs),
                *(self.read_b.lone(y, ADDED) for y in ys)]


_TOKEN = re.compile(r"[\w’'\-]+")


def _neighbours(text: str, fact: Fact) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return _neighbours_at(text, fact.start, fact.end)


@lru_cache(maxsize=65536)
def _neighbours_at(text: str, start: int, end: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The two words before and after a fact (cached: a paragraph's facts are framed
    again for each of its links; the words interned, as the same few recur around
    every fact of a long document)."""
    before = [w for w in _lower_tokens(text, max(0, start - 40), start) if w != "the"][-2:]
    after = [w for w in _lower_tokens(text, end, end + 40)
             if w not in ("the", "s", "'s")][:2]
    return tuple(map(sys.intern, before)), tuple(map(sys.intern, after))


def _lower_tokens(text: str, start: int, end: int) -> list[str]:
    """The lower-cased tokens of ``text[start:end]`` (a token cut by either end is cut)."""
    low = _lowered(text)
    if low is None:
        return [w.lower().replace("’", "'") for w in _TOKEN.findall(text, start, end)]
    return _TOKEN.findall(low, start, end)  # runs of one class of characters: same cuts


@lru_cache(maxsize=4096)
def _lowered(text: str) -> str | None:
    return lower_as_words(text)


SLOT_WORDS = 4
"""Longest phrase that can stand in a name's slot ("other countries" for "the US")."""


def _slot(text: str, fact: Fact, other: str) -> tuple[int, int] | None:
    """Where ``other`` has what ``text`` says in the place of ``fact``: the words
    between the same two words before it and the same word after it, if any."""
    frame = _slot_frame(text, fact.start, fact.end)
    if frame is None:
        return None
    before, after = frame
    joined = _tokens(other).joined
    for i, rest in _pair_places(other, before):  # ``rest``: where token i + 2 starts
        first = 1 if joined.startswith(_THE, rest) else 0  # "the" opens the slot
        k = _token_within(joined, rest, first + 1, after)
        if k is not None and k <= first + SLOT_WORDS:
            return _span_of_tokens(other, i + 2 + first, i + 1 + k)
    return None


def _token_within(joined: str, at: int, skip: int, token: str) -> int | None:
    """How many tokens after the one that starts at ``at`` (in a ``_tokens`` string) the
    first ``token`` past the next ``skip`` is, if any: one search of the joined string,
    where reading the tokens one by one to compare them was a third of ``_slot``
    (profiled on 20 versions of 100 paragraphs)."""
    start = at
    for _ in range(skip):
        start = joined.find(_GAP, start) + 1
        if not start:
            return None
    found = joined.find(token, start - 1)  # ``token`` is wrapped in gaps
    return None if found < 0 else skip + joined.count(_GAP, start, found + 1)


def _span_of_tokens(text: str, first: int, last: int) -> tuple[int, int]:
    """From the start of token ``first`` of ``text`` to the end of token ``last``
    (``_tokens`` numbering)."""
    tokens = _tokens(text)
    return tokens.starts[first], tokens.ends[last]


_GAP = "\0"
"""Stands between the words of ``_tokens``: no token holds it."""
_THE = "the" + _GAP


@lru_cache(maxsize=65536)
def _slot_frame(text: str, start: int, end: int) -> tuple[str, str] | None:
    """The two words before a fact ("the" left out) and the word after it, if it has them,
    as ``_slot`` looks for them in a ``_tokens`` string: the pair, then the word, each
    wrapped in gaps."""
    before = _neighbours_at(text, start, end)[0]  # the same two words
    after = _lower_tokens(text, end, end + 30)[:1]
    if len(before) < 2 or not after:
        return None
    return f"{_GAP}{before[0]}{_GAP}{before[1]}{_GAP}", f"{_GAP}{after[0]}{_GAP}"


def _pair_places(text: str, needle: str) -> Iterator[tuple[int, int]]:
    """Where a pair of neighbouring tokens of ``text`` starts (with a third token after
    it), in order, and where that third token starts in ``_tokens``: a search of the
    text's words joined into one string (``needle``: the pair wrapped in gaps), so that
    ``_slot`` goes straight to the places that share a fact's frame (a token's number is
    the count of gaps before it)."""
    joined, count = _tokens(text)[:2]
    last = count - 2
    at = joined.find(needle)
    i, counted = -1, 0
    while at >= 0:
        i += joined.count(_GAP, counted, at + 1)
        counted = at + 1
        if i >= last:
            return
        yield i, at + len(needle)
        at = joined.find(needle, at + 1)


class _Tokens(NamedTuple):
    """A text's lower-cased tokens (``_TOKEN``), as ``_slot`` reads them."""

    joined: str
    """The tokens joined by ``_GAP``. They are not kept apart: ``_slot`` reads the few it
    needs from the joined string, and a string for each token of every paragraph was
    more than a quarter of the memory facts take (10 of 36 MB on 20 sources), which
    each forked worker that reads the links copies as it touches it."""
    count: int
    starts: array
    """Where each token starts in the text, and (``ends``) where it ends: four bytes a
    token, found by the same scan as the tokens (a second scan of each paragraph that a
    slot is found in cost more than both arrays, and each forked worker made it again)."""
    ends: array


@lru_cache(maxsize=4096)
def _tokens(text: str) -> _Tokens:
    words, starts, ends = lowered_words(_TOKEN, text, _lowered(text))
    return _Tokens(_GAP + _GAP.join(words) + _GAP, len(words), starts, ends)


_DEFINITE = re.compile(r"\b(?:the|these|those|both|its|their|his|her|our|all)\s+$",
                       re.IGNORECASE)


def _counts_the_named(text: str, fact: Fact) -> bool:
    """A number in words after "the", "these", "their"…: it counts those the story names
    ("the two countries", "their three children"), said again, not a quantity reported;
    changed ("the two" -> "the three") it is still a change, added or dropped it is
    wording (the seeds: "number dropped: two" for "the two sides" beside "China and
    Russia")."""
    return not any(map(str.isdigit, fact.text)) and \
        bool(_DEFINITE.search(text[max(0, fact.start - 8):fact.start]))


VAGUE = {NUMBER: frozenset("""several many few some numerous multiple countless various
                             dozens scores hundreds thousands millions handful number""".split()),
         DATE: frozenset("""earlier later recently lately previously formerly once then now
                           soon afterwards meanwhile eventually""".split())}
"""Words that state a number or a time without its value: the only words other than
a fact of the kind that can stand for a changed number or date."""


_CURRENCIES = "$£€¥"


def _currency(fact: Fact) -> str:
    return fact.key[0] if fact.key[:1] in _CURRENCIES else ""


def _day(fact: Fact) -> str:
    return DAY if date_class(fact.key) == DAY else ""


_RANGE_BETWEEN = re.compile(r"\s*(?:and|to|-|–|—)\s*")
"""What joins the two ends of a range: "30 and 40", "10 to 12", "10-12"."""
_RANGE_BEFORE = re.compile(r"(?:between|from)\s+$", re.IGNORECASE)
QUALIFIER_CHARS = 24
"""Characters before a number searched for its qualifier (``_qualifier``)."""
_QUALIFIER = re.compile(r"\b(?:(?:no\s+)?(?:more|fewer|less|greater)\s+than|at\s+(?:least|most)"
                        r"|up\s+to|nearly|almost|about|around|roughly|approximately|some|over"
                        r"|under)\s+$", re.IGNORECASE)
"""Words before a number that say how exact it is: "more than 150", "at least 14"."""


def _ranges(text: str, facts: list[Fact]) -> list[tuple[Fact, Fact]]:
    """The ranges among ``facts`` (in reading order): two numbers joined by "and", "to" or
    a dash, one after the other."""
    ordered = sorted(facts, key=attrgetter("start"))
    return [(x, y) for x, y in zip(ordered, ordered[1:])
            if _RANGE_BETWEEN.fullmatch(text, x.end, y.start)]


def _range_span(text: str, first: Fact, last: Fact) -> tuple[int, int]:
    """A range's span, "between" or "from" before it included."""
    before = _RANGE_BEFORE.search(text, max(0, first.start - QUALIFIER_CHARS), first.start)
    return (before.start() if before else first.start), last.end


def _qualifier(text: str, start: int) -> str:
    """The qualifier before a number at ``start`` ("more than "), or ""."""
    found = _QUALIFIER.search(text, max(0, start - QUALIFIER_CHARS), start)
    return found.group(0) if found else ""


def _same_sort(x: Fact, y: Fact) -> bool:
    """Whether two facts may be one changed: a time of day changes into a time, not into a
    day ("at around 06:15, the police said" / "on Thursday, the police said")."""
    return x.kind != DATE or (date_class(x.key) == TIME) == (date_class(y.key) == TIME)


def _any_pair(x: Fact, y: Fact) -> bool:
    return True


def _one_relative(x: Fact, y: Fact) -> bool:
    return x.key in RELATIVE_DAYS or y.key in RELATIVE_DAYS


_ONE_OF_A_CLASS = {NUMBER: (_currency, _any_pair), DATE: (_day, _one_relative)}
"""The classes of facts of which one left on each side is one fact changed, and which
such pairs count (``_Pair._one_of_a_class_each``)."""


def _same_amount(x: Fact, y: Fact) -> bool:
    """One amount, its currency said on one side only ("£6,442" / "6,442", as a simplified
    version or a plain-text copy writes it): the same number. Two currencies differ."""
    return x.key.lstrip(_CURRENCIES) == y.key.lstrip(_CURRENCIES) and (
        x.key[:1] not in _CURRENCIES or y.key[:1] not in _CURRENCIES)


def _vaguely_states(kind: str, words: list[str]) -> bool:
    """Whether replacement words (lower case) state a ``kind`` fact vaguely: one of them
    is a word of ``VAGUE``."""
    return not VAGUE.get(kind, frozenset()).isdisjoint(words)


def _figures_aside(frame: tuple[tuple[str, ...], tuple[str, ...]]) -> tuple:
    """A name's neighbours with any figure one: a correction that respells a name and
    fixes the age beside it ("Marta Lindqvist, 68," / "Marta Lindquist, 66,") keeps the
    sentence, and the age is a change of its own ("number: 68 → 66")."""
    return tuple(tuple("0" if w.isdigit() else w for w in side) for side in frame)


def _same_frame(x: tuple, y: tuple) -> bool:
    """Two names in the same two words before or after: one swapped for the other."""
    (bx, ax), (by, ay) = x, y
    return (len(bx) == 2 and bx == by) or (len(ax) == 2 and ax == ay)


def _uneven(a: str, b: str) -> bool:
    """Whether one paragraph is more than ``MERGED_LENGTH`` times the other's length: one
    holds what the other says and more (a merge, a headline beside its lead)."""
    return max(len(a), len(b)) > MERGED_LENGTH * min(len(a), len(b))


def _qualified_alike(x: tuple, y: tuple) -> bool:
    """Whether two frames agree only in words that qualify an amount ("more than", "at
    least"), which frame any number: "more than six metres wide" and "a city of more than
    one million people" were "number: six → one million" (review 13)."""
    (bx, ax), (by, ay) = x, y
    return bx == by and bx in _QUALIFYING and ax != ay


_QUALIFYING = frozenset(tuple(words.split()) for words in (
    "more than", "less than", "fewer than", "at least", "at most", "up to", "as many",
    "as much", "as few", "of about", "of around", "of some", "of nearly", "of over"))
"""Two words before a number that say how much of it, not what it counts."""


def _first_each(facts: list[Fact]) -> list[Fact]:
    """One report per name, however often the paragraph repeats it."""
    seen: set[str] = set()
    return [f for f in facts if not (f.key in seen or seen.add(f.key))]


def _lone_label(text: str, fact: Fact, op: str) -> str:
    """The label of ``_Read.lone``'s change: "number dropped: 15", "quote added: “…”",
    "negation added: not (subject to pressure…)"."""
    if fact.kind == QUOTE:
        return f"quote {op}: {_opening(fact)}"
    if fact.kind in _FLIP_LABELS:
        return f"{_FLIP_LABELS[fact.kind]} {op}: {_in_context(text, fact)}"
    return f"{_named_kind(fact)} {op}: {_short(fact.text)}"


def _named_kind(fact: Fact) -> str:
    """The kind a label names: a date that is a time of day reads "time" ("time: 09:20 →
    09:30", which "date" misnamed for a reader)."""
    return TIME if fact.kind == DATE and date_class(fact.key) == TIME else fact.kind


_WORD_FOR_WORD = frozenset(("verbatim", "trimmed", "extended"))
"""Relations of two quotes (``quote_relation``) that render the speaker's words as said."""


def _cut(quote: Fact, kept: bool, op: str) -> FactChange | None:
    """A quoted sentence one side lacks, whose speaker's other quotation there stays word
    for word (``kept``: whether one does): the
    quote trimmed of a sentence ("“…in a generation,” said Chief Whitfield. “Our crews
    went in…”" -> the first alone), or extended by one (``op``). Each pair of quotation
    marks is a quote of its own, and the one left over was "dropped" only in a sentence
    the other paragraph shares, which a sentence cut from a quote never is. Where the
    other quotation is rendered in other words (a translation of its own), the versions
    chose what to quote: a quote added or dropped, in a shared sentence only. The side
    that lacks the sentence has no span: nothing there stands for it. The label names
    the sentence cut or added: both renderings side by side read as if one quote had
    become another where the first of two was cut ("“When I was…” → “Sometimes…”")."""
    if not kept:
        return None
    span = (quote.start, quote.end)
    if op == "trimmed":
        return FactChange(QUOTE, op, span, None, f"quote {op}: {_opening(quote)} left out")
    return FactChange(QUOTE, op, None, span, f"quote {op}: {_opening(quote)} added")


def _opening(quote: Fact) -> str:
    """A quote's opening in its marks, as labels show it."""
    return f"“{_short(quote.text, QUOTE_CHARS)}”"


def _in_context(text: str, fact: Fact) -> str:
    """"not (subject to pressure…)": the word and the words it bears on, as the text has
    them, up to a clause's end: "not unexpected,” said Jana" read "not (unexpected said
    Jana…)", as if Jana were not expected."""
    words: list[re.Match] = []
    end = fact.end
    for m in _TOKEN.finditer(text, fact.end, fact.end + 60):
        if len(words) == SCOPE_WORDS or _CLAUSE_BREAK.search(text, end, m.start()):
            break
        words.append(m)
        end = m.end()
    if not words:  # the clause ends with it: "… was not."
        return fact.text
    return f"{fact.text} ({one_line(text[words[0].start():end])}…)"  # "could (endure…)"


_CLAUSE_BREAK = re.compile(r"[,;:.!?”\"()]")
"""What ends the words a negation or hedge bears on, as its label shows them."""


_SCOPE_STOP = set("that the a an to of and in on with by for is are was were be it its this"
                  .split())
_FLIP_LABELS = {NEGATION: "negation", HEDGE: "hedge"}


def _scope_words(text: str, end: int) -> frozenset[str]:
    """The first words a negation, hedge or verb bears on, little words left out."""
    words = [w[:-2] if w.endswith("'s") else w for w in _lower_tokens(text, end, end + 80)]
    return frozenset([w for w in words if w not in _SCOPE_STOP][:SCOPE_WORDS])


@lru_cache(maxsize=65536)
def _told_of(text: str, end: int) -> frozenset[str]:
    """What a number's sentence says of what it counts: its next words to the sentence's
    end, past the counted word itself, little words left out (``SCOPE_WORDS`` + 2 of
    them: "were still unaccounted for" keeps "still", "unaccounted")."""
    stop = _TOLD_END.search(text, end, end + COUNT_CHARS)
    words = _lower_tokens(text, end, stop.start() if stop else end + COUNT_CHARS)[1:]
    return frozenset([w for w in words if w not in _SCOPE_STOP and not w.isdigit()]
                     [:SCOPE_WORDS + 2])


_TOLD_END = re.compile(r"[.!?;:]\s")
"""Where what a number's sentence tells of it ends: a stop, or a semicolon or colon."""
COUNT_CHARS = 60
"""Characters after a number in which its sentence says what it counts (``_told_of``)."""


@lru_cache(maxsize=65536)
def _scope(text: str, end: int) -> frozenset[str]:
    """``_scope_words`` of a verb, cached: only a change of stance asks for them, each
    link of the paragraph again (negations and hedges keep theirs in ``_Read``)."""
    return _scope_words(text, end)


_AVOIDANCE = re.compile(r"\b(?:avoid(?:s|ed|ing)?|(?:refrain(?:s|ed|ing)?|(?:stay(?:s|ed|ing)?"
                        r"|keep(?:s|ing)?|kept)\s+away)\s+from|steer(?:s|ed|ing)?\s+clear\s+of)\b",
                        re.IGNORECASE)
"""Verbs of avoidance: they carry a negation ("not to drink" / "to avoid drinking")."""
_NO_MORE = re.compile(r"\W*(?:[^,;:.!?]*?\s)?(?:more|greater|worse|bigger|larger|higher|deadlier"
                      r"|costlier|heavier|longer|stronger)\s[^,;:.!?]*?\b(?:than|since)\b",
                      re.IGNORECASE)
"""A comparative in a negation's clause, with "than" or "since": "no accident has killed
more people since 2008" says what "the deadliest since 2008" says."""
_ABSOLUTE_NEGATIONS = frozenset("no none nothing nobody never neither".split())
_SUPERLATIVE = re.compile(r"\b(?:most|least|worst|best|biggest|largest|greatest|highest|lowest"
                          r"|strongest|longest|heaviest|deadliest|costliest|worst-ever)\b",
                          re.IGNORECASE)


def _respaced(text: str, fact: Fact, other: str) -> bool:
    """Whether ``other`` writes the word of ``fact`` (a negation or hedge) and the word
    after it as one word: a spacing that an edition corrects ("nobounds" in 1818, "no
    bounds" in 1823), no negation added or dropped."""
    after = _NEXT_WORD.match(text, fact.end)
    if after is None:
        return False
    joined = (fact.text + after.group(1)).lower()
    low = other.lower()
    start = low.find(joined)
    while start >= 0:
        end = start + len(joined)
        if not (start and low[start - 1].isalnum() or end < len(low) and low[end].isalnum()):
            return True
        start = low.find(joined, start + 1)
    return False


_NEXT_WORD = re.compile(r"[ \t]+(\w+)")


def _negation_paraphrased(text: str, negation: Fact, other: _Read) -> bool:
    """Whether ``other``, which lacks a counterpart of ``negation`` (in ``text``), says
    the same without one: a verb of avoidance bearing on the negation's words ("not to
    drink well water" / "to avoid drinking well water"), or a superlative where the
    negation denies that anything compares ("no accident has killed more since 2008" /
    "the deadliest since 2008"). Asked only of a negation left unpaired (``_Pair.flips``):
    a flip keeps its words and has neither ("had not ruled out" / "had ruled out")."""
    if negation.text.lower() in _ABSOLUTE_NEGATIONS and _NO_MORE.match(text, negation.end) \
            and _SUPERLATIVE.search(other.text):  # (rare: the search last)
        return True
    if negation.text.lower() == "not" and _said_by_prefix(text, negation, other.text):
        return True
    avoided = other.avoided()
    if not avoided:
        return False  # most paragraphs
    scope = {_stem_of(w) for w in _scope_words(text, negation.end)}
    return any(not scope.isdisjoint(words) for words in avoided)


def _said_by_prefix(text: str, negation: Fact, other: str) -> bool:
    """Whether ``other`` says a "not" with a negative prefix on a word it bears on: "it
    was not yet clear how" / "it was unclear how", "not able to" / "unable to" (review 12:
    "negation dropped: not (yet clear…)")."""
    low = other.lower()
    return any(re.search(rf"\b(?:un|in|im|il|ir|non-?){re.escape(w)}\b", low)
               for w in _scope_words(text, negation.end) if len(w) > 2)


_AVOIDANCE_WORDS = ("avoid", "refrain", "away from", "clear of")
"""What every match of ``_AVOIDANCE`` holds: most paragraphs hold none, and looking for
them in C costs less than the pattern tried at every word."""


def _avoided(text: str) -> tuple[frozenset[str], ...]:
    """The stems of the words each verb of avoidance in ``text`` bears on."""
    low = text.lower()
    if not any(word in low for word in _AVOIDANCE_WORDS):
        return ()
    return tuple(frozenset(_stem_of(w) for w in _scope_words(text, m.end()))
                 for m in _AVOIDANCE.finditer(text))


_GRAMMAR_WORDS = frozenset("""a an the and or but nor so yet if as than that of to in on at by
from with for into onto upon about over under through between among against without within
is are was were be been being am has have had do does did will would shall should can could
must may might not""".split())
"""Articles, prepositions, conjunctions and auxiliaries: words that refer to nothing, so
no name can stand where only they stood ("restrained from" -> "restrained William")."""


_PRONOUNS = frozenset("it they them he him she her we us this these those".split())
"""Pronouns that can stand for a named person, place or group ("it" for "Moscow")."""


def _openly_quoted(text: str, window: tuple[int, int] | None) -> bool:
    """Whether a quote's words stand in ``text`` after a quotation mark the paragraph
    leaves open: quoted, not paraphrased."""
    opened = open_quotation(text) if window else None
    return opened is not None and window[0] >= opened


def _role_only(text: str, span: tuple[int, int]) -> bool:
    """Replacement words with no capital that stand for a name: a pronoun, or a phrase
    of more than grammar words ("other countries"). One other word is not a phrase a
    name replaces: a verb, an adjective, or a noun whose article stays before the slot
    ("an advocate" -> "an Elizabeth", "the employments" -> "the Geneva")."""
    words = text[span[0]:span[1]]
    said = words_of(words)
    if re.search(r"\b[A-Z]", words):
        return False
    return said[0] in _PRONOUNS if len(said) == 1 else not set(said) <= _GRAMMAR_WORDS


def _core(name: Fact) -> str:
    return name.text[len(name.title):].strip(" ,") if name.title and \
        name.text.startswith(name.title) else name.text


def _same_name(x: Fact, y: Fact) -> bool:
    """One person, place or organisation under two spellings ("Russia" and "the
    Russian Federation", "the West" and "Western" share a stem)."""
    if x.detail == "person" or y.detail == "person":
        return x.key == y.key or same_person(x.key, y.key)
    return x.key == y.key or _same_stem(x.text, y.text)


def _respelt(x: Fact, y: Fact) -> bool:
    """One person's name spelt two ways: each key has a word the other lacks (not one
    name shortened, "Wang Yi" / "Wang"), yet ``same_person`` holds."""
    words_x, words_y = _spelt_words(x.key), _spelt_words(y.key)
    return not words_x <= words_y and not words_y <= words_x and same_person(x.key, y.key)


def _spelt_words(key: str) -> set[str]:
    """A name key's words as ``_respelt`` compares them, a final "s" cut: a copy that lost
    its apostrophes writes "Russias Liberal Democrat" for "Russia’s", whose key has the
    possessive cut (``facts._bare``)."""
    return {w[:-1] if w.endswith("s") else w for w in key.split()}


def _stem_of(word: str) -> str:
    """What ``_same_stem`` compares of a word."""
    return word[:NAME_STEM].lower()


@lru_cache(maxsize=65536)
def _same_stem(x: str, y: str) -> bool:
    """A one-word place that starts like a word of another name ("Russia", "Russian
    Federation"); cached: the same names meet again in link after link."""
    short, long = sorted((x.split(), y.split()), key=len)
    return len(short) == 1 and len(short[0]) >= NAME_STEM and any(
        _stem_of(w) == _stem_of(short[0]) for w in long)
