"""Which sentences of a paragraph another paragraph shares.

A fact added or dropped between two linked paragraphs is a change only in a
sentence both carry: when a paragraph is merged into a longer one, the
longer one's other sentences are new content, shown as added words, not a
list of added facts. Sentences are compared on their longer lower-case
words, cut to a stem, and the people they name (also when named by a role
the document gives them: "the Chinese President" is Xi Jinping); a sentence
that another paragraph merged into the same place says better belongs to
that one, and a sentence in which a fact was paired with a changed value on
the other side (an *anchor*) is shared whatever its words.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from functools import lru_cache

from reader.core.diff.facts import (
    NAME,
    PARAGRAPHS_KEPT,
    STANCE_OF,
    Fact,
    NameContext,
    paragraph_facts,
    roles,
)
from reader.core.diff.words import words_of

_LITTLE = set("that the a an to of and in on with by for is are was were be it its this".split())

SHARED_SENTENCE = 0.2
"""Share of a sentence's content words found in the other paragraph for it to be shared..."""
SHARED_OTHER = 0.3
"""... or share of the other paragraph's content words found in the sentence."""
_SENTENCE_END = re.compile(r"[.!?](?:[”\"’]?\s+(?=[“\"‘A-Z(])|(?<=\.)[”\"]\s+)")
"""A stop, then a capital; or a full stop inside a closing quotation mark, which ends the
sentence whatever follows (a lower-case "and …" there is a new, garbled sentence;
"?” he asked" keeps its sentence, having no full stop). Both start with the stop, so
that a scan goes from stop to stop rather than trying each character: half the time
of ``[.!?][”"’]?\\s+(?=…)|\\.[”"]\\s+``, which finds the same."""
_COMMON = set("""about after again against before being between could every other their there
these those under which while would should where still since""".split())
_ENDING = re.compile(r"(?:[’']s|ings|ing|ed|es|s|ly)$")
"""Endings cut before comparing, plural and possessive included ("meetings" and "meeting"
are both "meet", "king’s" is "king")."""
_LOWER_WORD = re.compile(r"\b[a-z][\w’'\-]{4,}")
STEM = 7
"""Letters that stand for a word, its ending cut, when sentences are compared
("deepen"/"deepening", "relations"/"relationship", not "responded"/"responsible")."""


def _stem(word: str) -> str:
    """A word, its ending cut, as sentences are compared (kept in ``_STEMS``: prose
    repeats words, and a look-up in a dict is cheaper than a call)."""
    stem = _STEMS[word] = _ENDING.sub("", word)[:STEM]
    if len(_STEMS) > STEMS_KEPT:
        _STEMS.clear()
    return stem


_STEMS: dict[str, str] = {}
STEMS_KEPT = 65536
"""Stems remembered at most (the dict starts again when full: memory stays bounded)."""


def _content_words(text: str, facts: tuple[Fact, ...] = (), start: int = 0,
                   end: int | None = None, context: NameContext | None = None) -> set[str]:
    """What a sentence says: its lower-case words of five letters or more (cut to a
    stem) and the people it names, by name or by a role the document gives them.
    Places are left out: every sentence of a story names the same countries."""
    end = len(text) if end is None else end
    stems = _STEMS
    words = {stems[w] if w in stems else _stem(w)
             for w in _LOWER_WORD.findall(text, start, end) if w not in _COMMON}
    people = {t for f in facts if f.kind == NAME and f.detail == "person"
              and start <= f.start < end for t in f.key.split()}
    return words | people | _people_by_role(text, start, end, context)


def _people_by_role(text: str, start: int, end: int, context: NameContext | None) -> set[str]:
    """Name tokens of the people a role phrase stands for: every word of the role
    ("Chinese", "President") is a title the document gives them."""
    if context is None:
        return set()
    out: set[str] = set()
    for begin, stop, words in roles(text):
        if start <= begin and stop <= end:
            out |= context.people_with_titles(words)
    return out


FEW_WORDS = 3
"""Below this many content words a sentence is compared on all its words."""
MERGED_WHOLE = 0.6
"""Share of a paragraph's content words found in one sentence for that sentence to carry
the paragraph whole, even where another paragraph merged into it says more of it."""


@lru_cache(maxsize=PARAGRAPHS_KEPT)
def paragraph_words(text: str, context: NameContext | None) -> frozenset[str]:
    return frozenset(_content_words(text, paragraph_facts(text, context), context=context))


@lru_cache(maxsize=4096)
def _short_words(text: str) -> frozenset[str]:
    """All words but little ones and verbs of saying ("said" is in every paragraph)."""
    return frozenset(w for w in words_of(text) if len(w) > 2 and w not in _LITTLE
                     and w not in STANCE_OF)


def _bounds(text: str, at: int) -> tuple[int, int]:
    """The sentence around offset ``at``: from the end of the last sentence end that
    ``_SENTENCE_END`` finds in ``text[:at]`` to the start of the first it finds from
    ``at``, read from the paragraph's sentence ends (``_ends``) rather than a scan of
    the text for each offset."""
    starts, ends = _ends(text)
    k = bisect_left(ends, at)  # ends before k end before ``at``: found alike in text[:at]
    begin = ends[k - 1] if k else 0
    if k < len(starts) and starts[k] < at:  # this one runs to or past ``at``: in text[:at]
        cut = _SENTENCE_END.match(text, starts[k], at)  # it may end sooner, or not be one
        if cut:
            begin = cut.end()
    k = bisect_left(starts, at, k)
    # One found from ``at`` starts at a stop (``[.!?]``), which no sentence end holds after
    # its first character: it is the first of the paragraph's that starts at or after it.
    return begin, starts[k] + 1 if k < len(starts) else len(text)


@lru_cache(maxsize=4096)
def _ends(text: str) -> tuple[array, array]:
    """Where each sentence end of a paragraph (``_SENTENCE_END``) starts and ends (four
    bytes each: the forked workers that read links copy what they touch)."""
    found = list(_SENTENCE_END.finditer(text))
    return array("I", map(re.Match.start, found)), array("I", map(re.Match.end, found))


class Sentences:
    """A paragraph's sentences as word sets, to tell which sentences another shares.

    One per paragraph (``sentences_of``), read as its links ask: every link of a
    paragraph (~19 on 20 sources) asks about the same sentences, and the look-ups of
    two caches keyed by the text (a sentence's bounds, then its words) were 40% of
    ``shared`` once all were read, on 20 versions of 100 paragraphs; this looks ``at``
    up in the paragraph's own dicts.
    """

    __slots__ = ("text", "context", "words", "_bounds", "_compared", "_all_short")

    def __init__(self, text: str, context: NameContext | None = None):
        self.text, self.context = text, context
        self.words = paragraph_words(text, context)
        self._bounds: dict[int, tuple[int, int]] = {}
        """The sentence around each offset asked."""
        self._compared: dict[tuple[int, int], tuple[frozenset[str], bool]] = {}
        """By a sentence's bounds: the words it is compared on, and whether it is short
        (fewer than ``FEW_WORDS`` content words: compared on all its words)."""
        self._all_short: frozenset[str] | None = None

    def _around(self, at: int) -> tuple[int, int]:
        found = self._bounds.get(at)
        if found is None:
            found = self._bounds[at] = _bounds(self.text, at)
        return found

    def _words(self, begin: int, end: int) -> tuple[frozenset[str], bool]:
        found = self._compared.get((begin, end))
        if found is None:
            text = self.text
            words = frozenset(_content_words(text, paragraph_facts(text, self.context),
                                             begin, end, self.context))
            short = len(words) < FEW_WORDS  # a short sentence: its little words must do
            found = self._compared[begin, end] = (
                _short_words(text[begin:end]) if short else words, short)
        return found

    def words_around(self, at: int) -> frozenset[str]:
        """The words the sentence around offset ``at`` is compared on."""
        return self._words(*self._around(at))[0]

    def short_words(self) -> frozenset[str]:
        """``_short_words`` of the whole paragraph (what a short sentence is compared with)."""
        if self._all_short is None:
            self._all_short = _short_words(self.text)
        return self._all_short

    def shared(self, at: int, other: Sentences, anchors: list[int] | None = None,
               siblings: tuple[Sentences, ...] = ()) -> bool:
        """Whether the sentence around offset ``at`` says what ``other`` says.

        Either a share of the sentence is in ``other``, or (``other`` merged
        into this long sentence) a share of ``other`` is in the sentence; and
        none of ``siblings`` (the other paragraphs of ``other``'s source merged
        with this one) says the sentence better. A sibling that says the sentence whole
        takes it even from an ``other`` merged whole into it: a headline linked with the
        lead it sums up, beside that lead, had "date added: Tuesday" from the lead's
        sentence. A sentence holding an anchor (an
        offset of a fact paired with a changed one on the other side; ``anchors``
        sorted) is shared.
        """
        begin, end = self._around(at)
        if anchors:
            k = bisect_left(anchors, begin)
            if k < len(anchors) and anchors[k] < end:
                return True
        words, short = self._words(begin, end)
        if not words:
            return False
        theirs = other.short_words() if short else other.words
        common = len(words & theirs)
        # (most links merge nothing: no siblings, and no generators made to find none)
        said = [len(words & sib.words) for sib in siblings] if siblings else ()
        if said and any(n > common and n >= MERGED_WHOLE * len(words) for n in said):
            return False  # a sibling says this sentence whole, and more of it than ``other``
        if common >= MERGED_WHOLE * len(theirs) and len(theirs) > 1:
            return True  # ``other`` merged whole into this sentence, beside its siblings
        if said and any(n >= common for n in said):
            return False
        return common >= SHARED_SENTENCE * len(words) or \
            common >= SHARED_OTHER * len(theirs)


@lru_cache(maxsize=PARAGRAPHS_KEPT)
def sentences_of(text: str, context: NameContext | None) -> Sentences:
    """The paragraph's ``Sentences``, one per paragraph (see there)."""
    return Sentences(text, context)
