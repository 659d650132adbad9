"""Word-level differences inside two aligned texts.

diff-match-patch works on characters; on whole words it is both faster and
closer to how people read a change ("showed" -> "showcased", not "s" + "case").
We map every token (a word, a run of spaces, one punctuation mark) to one
symbol, diff those strings with diff-match-patch's algorithm (``_symbol_diff``),
run its semantic clean-up so that small coincidental matches inside a
rewritten phrase do not chop it up, and map back to character offsets in each
text.

Each span says whether the change touches words or only punctuation, case and
spacing, so readers can hide the trivial ones.
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from reader.core.load.script_aware import (
    COMBINING_MARKS,
    DIGIT_ZEROS,
    HAN_AND_KANA,
    has_combining_marks,
)

try:
    from fast_diff_match_patch import diff as _fast_diff
except ImportError:  # pragma: no cover - the C++ wheel is a declared dependency
    _fast_diff = None
try:
    import dissimilar
    _CHUNKS = {dissimilar.Equal: "=", dissimilar.Delete: "-", dissimilar.Insert: "+"}
except ImportError:  # the same diffs, from diff-match-patch without its deadline
    dissimilar = None

_IDEOGRAPHS = HAN_AND_KANA
"""Chinese and Japanese write no spaces, so a run of their letters is a clause, not a
word: each character is a word of its own ("周二" -> "周三" marks "二" -> "三", not
the clause), as CJK diff tools read them."""
_LETTERS = rf"[^\W{_IDEOGRAPHS}]+"
_MARKED_LETTERS = rf"{_LETTERS}(?:[{COMBINING_MARKS}]+[^\W{_IDEOGRAPHS}]*)*"
"""Letters with the combining marks among them ("लोगों", "مليمتراً"): ``_marked_patterns``."""


def _word(letters: str) -> str:
    """A word: one ideograph, a number with its decimal point or thousands separators
    ("4.8", "5,000", Arabic's "٢٫٥": "$4.8 billion" -> "$4.6 billion" marks "4.8 -> 4.6",
    not "8 -> 6"), or ``letters`` joined by apostrophes and hyphens."""
    return rf"[{_IDEOGRAPHS}]|\d+(?:[.,٫٬]\d+)+|{letters}(?:[’'\-]{letters})*"


_TOKEN = re.compile(_word(_LETTERS) + r"|\s+|[^\w\s]")
_WORDS = re.compile(_word(_LETTERS))  # the tokens that are words, found without the others
_FOLDED = str.maketrans({**{q: s for q, s in zip("’‘“”`´", "''\"\"''")},
                         **{chr(zero + k): str(k) for zero in DIGIT_ZEROS for k in range(10)},
                         "٫": ".", "٬": ","})
"""What a word is folded to besides lower case: straight quotes, and ASCII digits ("٧٢" and
"72" differ trivially, as case does: an outlet's own digits are no wording changed)."""


@cache
def _marked_patterns() -> tuple[re.Pattern, re.Pattern]:
    """``_TOKEN`` and ``_WORDS`` with combining marks inside words, compiled when a text
    first has a mark (~13 ms; the plain ones match English a third faster)."""
    word = _word(_MARKED_LETTERS)
    return re.compile(word + r"|\s+|[^\w\s]"), re.compile(word)


def _patterns(text: str) -> tuple[re.Pattern, re.Pattern]:
    """The token and word patterns for ``text``: the marked ones where it has a mark."""
    if not has_combining_marks(text):
        return _TOKEN, _WORDS
    return _marked_patterns()


def _tokens(text: str) -> list[str]:
    """``text``'s tokens: a word with combining marks one token, not a letter and a mark
    each ("ल", "ो", "ग", …)."""
    return _patterns(text)[0].findall(text)


def _words(text: str) -> list[str]:
    return _patterns(text)[1].findall(text)

EQUAL, INSERT, DELETE, REPLACE = "equal", "insert", "delete", "replace"

SPACE = " "
"""The one key every run of whitespace maps to: a line break where another
version has a space is how the text was wrapped, not a change, so a
hard-wrapped copy shows exactly the differences of the unwrapped one. An
``EQUAL`` span may therefore differ in whitespace between the two sides."""

_SYMBOL_BLOCKS = ((0xE000, 0xF900), (0x40000, 0xE0000), (0xF0000, 0x10FFFE))
"""Code points that stand for tokens: private use and never-assigned planes.

None of them is a letter, digit, space or line break for any library, so the
semantic clean-up (which prefers to cut at word and line boundaries of the
*symbols*) treats every token alike, and no surrogate (which cannot be
encoded) is ever produced. 793,000 of them: more distinct tokens than that
(only in a multi-megabyte paragraph) share symbols, see ``_verified``.
"""
_ALPHABET = sum(end - start for start, end in _SYMBOL_BLOCKS)


def _symbols() -> Iterator[str]:
    """The symbols in order, starting over when all are used."""
    while True:
        for start, end in _SYMBOL_BLOCKS:
            yield from map(chr, range(start, end))


@dataclass(frozen=True)
class Span:
    """One piece of the diff: ``a[a_start:a_end]`` became ``b[b_start:b_end]``."""

    op: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    trivial: bool = False  # only punctuation, case or spacing differ

    def to_json(self) -> dict:
        return {"op": self.op, "a": [self.a_start, self.a_end], "b": [self.b_start, self.b_end],
                "trivial": self.trivial}


_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"',
                              "„": '"', "«": '"', "»": '"', "–": "—"})
_DASHES_AND_DOTS = re.compile(r"-{2,}|\.{3}|\s+")


def typography_folded(text: str) -> str:
    """``text`` with the marks that only typesetting tells apart made one: quote styles,
    dashes ("--", "–", "—"), an ellipsis and its three dots, runs of spaces. What is left
    of a trivial change is an accidental (punctuation, case): ``accidental_spans``."""
    return _DASHES_AND_DOTS.sub(_one_mark, text.translate(_TYPOGRAPHY))


def _one_mark(run: re.Match) -> str:
    """A run of ``_DASHES_AND_DOTS`` as the one mark it is typeset for."""
    return {"-": "—", ".": "…"}.get(run.group()[0], " ")


def accidental_spans(spans: list[Span], a: str, b: str) -> list[Span]:
    """``spans`` with each change of punctuation or case (a trivial span whose two sides
    differ once typesetting is folded: "hands." / "hands:", "CLERVAL" / "Clerval") made a
    change like any other, and each paragraph break one side has where the other runs on
    (a paragraph split or two joined: ``a`` and ``b`` hold a row's paragraphs parted by
    ``PARAGRAPH_BREAK``, which the diff reads as any space): what an editor of a text
    counts as variants (accidentals), where news readers count only the words. Quote
    styles and dashes stay trivial."""
    out: list[Span] = []
    for s in spans:
        if s.trivial and typography_folded(a[s.a_start:s.a_end]) != \
                typography_folded(b[s.b_start:s.b_end]):
            out.append(replace(s, trivial=False))
        elif s.op == EQUAL and (PARAGRAPH_BREAK in a[s.a_start:s.a_end]
                                or PARAGRAPH_BREAK in b[s.b_start:s.b_end]):
            out += _breaks_apart(s, a, b)
        else:
            out.append(s)
    return out


PARAGRAPH_BREAK = "\n\n"
"""What parts the paragraphs of a row in its text (``Comparison.row_text``)."""
_RUNS = re.compile(r"\s+|\S+")


def _breaks_apart(span: Span, a: str, b: str) -> list[Span]:
    """An equal span cut where one side breaks a paragraph and the other does not: that
    space a change of its own (the sides' tokens stand one to one in an equal span)."""
    out: list[Span] = []
    at_a, at_b = span.a_start, span.b_start
    for x, y in zip(_RUNS.finditer(a, span.a_start, span.a_end),
                    _RUNS.finditer(b, span.b_start, span.b_end)):
        if x.group()[0].isspace() and (PARAGRAPH_BREAK in x.group()) != \
                (PARAGRAPH_BREAK in y.group()):
            if x.start() > at_a:
                out.append(Span(EQUAL, at_a, x.start(), at_b, y.start()))
            out.append(Span(REPLACE, x.start(), x.end(), y.start(), y.end()))
            at_a, at_b = x.end(), y.end()
    if at_a < span.a_end or at_b < span.b_end:
        out.append(Span(EQUAL, at_a, span.a_end, at_b, span.b_end))
    return out


def words_of(text: str) -> list[str]:
    """Words only, case and quote style folded: what a change must touch to count."""
    return [t.lower().translate(_FOLDED) for t in _words(text)]


MINIMAL_UP_TO = 6_000
"""Symbols (both texts together) up to which the diff is the minimal one, found with no
deadline: two unrelated texts of 3,000 tokens each, the worst case, take 0.07 s.

With a deadline, diff-match-patch first looks for a run that the two texts
share and that is half as long as the longer one, and diffs each side of it
apart: a shortcut that can align a word far away and mark more than changed
("kindness, then put" -> "CLERVAL then" rather than "kindness," ->
"CLERVAL" and "put" deleted), and the C++ module checks its deadline with a
system call at every step (half its time). Without one, the Rust ``dissimilar``
(the same algorithm and clean-up: byte-identical to the C++ module run without
a deadline on 43,528 links of real prose) takes 40% of the C++ module's time.
Longer texts (a paragraph of a whole chapter) keep the deadline: past it the
diff is coarser, never slow."""


def _symbol_diff(sa: str, sb: str, timeout: float) -> list[tuple[str, int]]:
    """``[(op, length), ...]`` with op one of ``=``, ``-``, ``+``, semantically cleaned."""
    if len(sa) + len(sb) <= MINIMAL_UP_TO:
        if dissimilar is not None:
            return [(_CHUNKS[type(chunk)], len(str(chunk))) for chunk in dissimilar.diff(sa, sb)]
        timeout = 0  # no deadline: the same diff as ``dissimilar``
    if _fast_diff is not None:
        return _fast_diff(sa, sb, timelimit=timeout, checklines=False, cleanup="Semantic")
    from diff_match_patch import diff_match_patch
    dmp = diff_match_patch()
    dmp.Diff_Timeout = timeout
    diffs = dmp.diff_main(sa, sb, False)
    dmp.diff_cleanupSemantic(diffs)
    return [(_OPS[op], len(chunk)) for op, chunk in diffs]


_OPS = {0: "=", -1: "-", 1: "+"}
"""diff_match_patch's operations (equal 0, delete -1, insert 1) as the C++ module names them."""


def _verified(ops: list[tuple[str, int]], tokens_a: list[str], tokens_b: list[str]
              ) -> list[tuple[str, int]]:
    """Split "equal" runs where two different tokens shared a symbol (alphabet exhausted)."""
    out: list[tuple[str, int]] = []
    ia = ib = 0
    for op, n in ops:
        if op != "=":
            out.append((op, n))
        else:
            for same, run in itertools.groupby(
                    _same(tokens_a[ia + k], tokens_b[ib + k]) for k in range(n)):
                size = sum(1 for _ in run)
                out += [("=", size)] if same else [("-", size), ("+", size)]
        ia += n if op != "+" else 0
        ib += n if op != "-" else 0
    return out


def _same(a: str, b: str) -> bool:
    """Equal tokens, any two runs of whitespace counting as equal (see ``SPACE``)."""
    return a == b or (a.isspace() and b.isspace())


@dataclass(frozen=True)
class _Tokenized:
    """A text as symbols, one per token, and where each token ends in the text.

    ``words`` has one symbol per word (spaces and punctuation left out): the
    symbol of its folded form (lower case, straight quotes), and
    ``word_at[k]`` counts the words before token ``k``. Two runs of tokens
    differ only trivially when their slices of ``words`` are equal.
    """

    symbols: str
    ends: array  # ends[k] = character offset where token k starts; ends[-1] == len(text)
    words: str
    word_at: array
    offsets: list[str]  # ends[k] as JSON text (``diff_json``), made once for every link


SHARED_OFFSETS = 1 << 16
"""Offsets up to which every text's offsets share one string each (``_NUMBERS``): 20
versions of 100 paragraphs have 420,000 token ends, all under 3,000. A longer text (a
chapter as one paragraph) makes its own rather than a table of millions."""
_NUMBERS: list[str] = []
"""``_NUMBERS[n] == str(n)``, grown as texts need, up to ``SHARED_OFFSETS``."""


def _offset_texts(ends: array) -> list[str]:
    """``[str(end) for end in ends]``, from ``_NUMBERS`` where it may hold them (ends grow:
    the last is the largest)."""
    last = ends[-1]
    if last >= SHARED_OFFSETS:
        return list(map(str, ends))
    if len(_NUMBERS) <= last:
        _NUMBERS.extend(map(str, range(len(_NUMBERS), last + 1)))
    return list(map(_NUMBERS.__getitem__, ends))


class WordDiffer:
    """Word diffs of many texts against each other, each text cut into tokens once.

    Symbols come from one table for all texts (every link of a comparison
    shares it), so a paragraph that takes part in nineteen links is
    tokenised and encoded once, not nineteen times. Which symbol a token
    gets never changes a diff: only equality of symbols counts. It keeps
    every text it has seen, so it lives as long as one comparison's export.
    ``keep_json`` keeps every ``diff_json`` too (see there), for a caller
    that keeps them all anyway.
    """

    def __init__(self, keep_json: bool = False) -> None:
        self._keep_json = keep_json
        self._table: dict[str, str] = {}
        self._next = _symbols()
        self._texts: dict[str, _Tokenized] = {}
        self._symbol: dict[str, str] = {}  # token -> its symbol
        self._word: dict[str, str] = {}  # token -> symbol of its folded form, "" if not a word
        self._is_word: dict[str, int] = {}  # token -> 1 for a word, else 0
        self._stops = ""  # the symbols of the ``_STOPS`` met so far (``_runs``)
        self._json: dict[tuple[str, str], str] = {}  # (a, b) -> diff_json(a, b), see there

    def _encode(self, keys) -> None:
        """Give the keys not seen yet the next free symbols."""
        table = self._table
        table.update(zip([k for k in keys if k not in table], self._next))

    def _learn(self, tokens: list[str]) -> None:
        """The symbols of tokens not met in an earlier text (most of a text's tokens are)."""
        known = self._symbol
        new = [tok for tok in dict.fromkeys(tokens) if tok not in known]
        if not new:
            return
        keys = {tok: SPACE if tok.isspace() else tok for tok in new}
        folded = {tok: "\x00" + tok.lower().translate(_FOLDED)  # "\x00": never a token itself
                  for tok in new if tok[0].isalnum() or tok[0] == "_"}  # a word: ``_WORDS``
        self._encode(dict.fromkeys(keys.values()))
        self._encode(dict.fromkeys(folded.values()))
        table = self._table
        known.update((tok, table[key]) for tok, key in keys.items())
        self._word.update((tok, table[folded[tok]] if tok in folded else "") for tok in new)
        self._is_word.update((tok, int(tok in folded)) for tok in new)
        if not _STOPS.isdisjoint(new):  # a stop's symbol, once, not at every diff
            self._stops = "".join(known[stop] for stop in _STOPS if stop in known)

    def learn(self, texts) -> None:
        """Tokenise these texts now: forked workers then inherit them instead of each
        tokenising every text again."""
        for text in texts:
            self._tokenized(text)

    def word_symbols(self, texts: list[str]) -> list[str] | None:
        """Each text's words as ``words_of`` finds them, one symbol per folded word (equal
        words, equal symbols); None once symbols stand for several tokens (``_verified``)."""
        found = [self._tokenized(text).words for text in texts]
        return found if len(self._table) <= _ALPHABET else None

    def _tokenized(self, text: str) -> _Tokenized:
        done = self._texts.get(text)
        if done is None:
            tokens = _tokens(text)
            self._learn(tokens)
            ends = array("q", itertools.accumulate(map(len, tokens), initial=0))
            done = self._texts[text] = _Tokenized(
                "".join(map(self._symbol.__getitem__, tokens)), ends,
                "".join(map(self._word.__getitem__, tokens)),
                array("q", itertools.accumulate(map(self._is_word.__getitem__, tokens),
                                                initial=0)), _offset_texts(ends))
        return done

    def changes(self, a: str, b: str, timeout: float = 1.0) -> list[tuple]:
        """``(op, a_start, a_end, b_start, b_end, trivial)`` covering all of ``a`` and ``b``.

        ``timeout`` bounds the search in seconds on texts longer than
        ``MINIMAL_UP_TO`` symbols; past it the diff is coarser (larger replaced
        runs), never wrong.
        """
        out = []
        a0 = b0 = 0
        for op, a1, b1, trivial in self._runs(a, b, timeout):
            out.append((op, a0, a1, b0, b1, trivial))
            a0, b0 = a1, b1
        return out

    def _runs(self, a: str, b: str, timeout: float, as_text: bool = False
              ) -> Iterator[tuple[str, int | str, int | str, bool]]:
        """The runs of the diff of ``a`` and ``b`` (see the function ``_runs``), as found;
        ``as_text``: their offsets as JSON text where that is at hand (``diff_json``)."""
        ta, tb = self._tokenized(a), self._tokenized(b)
        ops = _symbol_diff(ta.symbols, tb.symbols, timeout)
        if len(self._table) <= _ALPHABET:
            return _runs(ops, ta, tb, self._stops, a, b, as_text)
        # Symbols are shared by several tokens: equal symbols may not be equal tokens.
        return _trivial_from_words(_runs(_verified(ops, _tokens(a), _tokens(b)),
                                         ta, tb, self._stops, a, b), a, b)

    def diff(self, a: str, b: str, timeout: float = 1.0) -> list[Span]:
        """Spans covering all of ``a`` and all of ``b``, in order."""
        return [Span(*change) for change in self.changes(a, b, timeout)]

    def diff_json(self, a: str, b: str, timeout: float = 1.0) -> str:
        """The spans as JSON text (``Span.to_json`` of each), written without a dict each.

        With ``keep_json``, kept by pair of texts: a paragraph left unchanged
        in several versions makes the same pair of texts in many links (one
        in six of the links of 20 versions), diffed once. Two equal texts are
        one equal span, known without a diff.
        """
        key = (a, b)
        done = self._json.get(key)
        if done is None:
            done = "[" + (_SAME_JSON.format(len(a)) if a == b and a
                          else _runs_json(self._runs(a, b, timeout, as_text=True))) + "]"
            if self._keep_json:
                self._json[key] = done
        return done


_SAME_JSON = '{{"op": "equal", "a": [0, {0}], "b": [0, {0}], "trivial": false}}'
"""The one span of a non-empty text diffed against itself."""


_SPAN_HEAD = {op: f'{{"op": "{op}", "a": [' for op in (EQUAL, INSERT, DELETE, REPLACE)}
_SPAN_TAIL = {True: '], "trivial": true}', False: '], "trivial": false}'}
"""What ``Span.to_json`` writes before a span's offsets and after them, by op and trivial."""


def _runs_json(runs: Iterator[tuple[str, int | str, int | str, bool]]) -> str:
    """The spans of ``_runs`` as JSON objects, comma-separated.

    Every offset but 0 ends one span and starts the next: its text (given, or made
    by the f-string from an int) is written twice. The fixed text around the offsets
    is taken whole (``_SPAN_HEAD``, ``_SPAN_TAIL``)."""
    out = []
    a0 = b0 = "0"
    for op, a1, b1, trivial in runs:
        out.append(f'{_SPAN_HEAD[op]}{a0}, {a1}], "b": [{b0}, {b1}{_SPAN_TAIL[trivial]}')
        a0, b0 = a1, b1
    return ", ".join(out)


def _runs(ops: list[tuple[str, int]], ta: _Tokenized, tb: _Tokenized, stops: str = "",
          a: str = "", b: str = "", as_text: bool = False
          ) -> Iterator[tuple[str, int | str, int | str, bool]]:
    """The diff of tokens as runs of characters, consecutive changes making one run:
    ``(op, a_end, b_end, trivial)``, each run starting where the one before ended.

    Only the ends: ``changes`` and ``diff_json`` (which writes each offset once) carry
    the starts. A run has characters on a side exactly when it has tokens there (no
    token is empty). A sentence added or dropped whole right after a replaced run is a
    run of its own (``_stop_split``; ``stops``: the symbols of ``_STOPS``, ``a`` and
    ``b``: the texts; ``as_text``: the ends as JSON text, ``_Tokenized.offsets``)."""
    at_a, at_b = (ta.offsets, tb.offsets) if as_text else (ta.ends, tb.ends)
    words_a, words_b = ta.word_at, tb.word_at
    folded_a, folded_b = ta.words, tb.words  # one symbol per word, case and quotes folded
    ia = ib = 0  # token positions
    run_a = run_b = -1  # token positions where the current change run began
    for op, n in itertools.chain(ops, _CLOSE):
        if op != "=":
            if run_a < 0:
                run_a, run_b = ia, ib
            if op == "-":
                ia += n
            else:
                ib += n
            continue
        if run_a >= 0:
            end_a, end_b = ia, ib  # where the replaced run ends (before a split sentence)
            split = n and ia > run_a and ib > run_b and ta.symbols[ia] in stops \
                and _stop_split(ta, tb, a, b, run_a, ia, run_b, ib)
            if split:
                end_a, end_b = split
            yield (REPLACE if end_a > run_a and end_b > run_b else
                   (DELETE if end_a > run_a else INSERT), at_a[end_a], at_b[end_b],
                   folded_a[words_a[run_a]:words_a[end_a]]
                   == folded_b[words_b[run_b]:words_b[end_b]])
            if split:  # the stop kept, then the sentence added or dropped, with the stop
                yield EQUAL, at_a[end_a + 1], at_b[end_b + 1], False
                yield (INSERT if end_b < ib else DELETE), at_a[ia + 1], at_b[ib + 1], False
                ia, ib, n = ia + 1, ib + 1, n - 1
            run_a = -1
        if n:
            ia += n
            ib += n
            yield EQUAL, at_a[ia], at_b[ib], False


_STOPS = frozenset(".!?")
"""Tokens that end a sentence, where one added or dropped whole may be cut from a change."""


def _stop_split(ta: _Tokenized, tb: _Tokenized, a: str, b: str,
                run_a: int, ia: int, run_b: int, ib: int) -> tuple[int, int] | None:
    """Where a replaced run (tokens ``run_a:ia`` of ``a``, ``run_b:ib`` of ``b``) followed by
    an equal run that starts with a stop really ends, when one side's run holds that stop
    with a capitalised word after it and the other's holds no stop: "in 1967." → "in 1971.
    It is known locally as the Iron Mile." was one run, "1967" → "1971. It is known…",
    shown as reworded where the sentence was added. Of the equally short diffs, the one
    keeping the stop after the changed word equal and the sentence after it whole is
    taken: ``(end_a, end_b)`` of the replaced run, or None."""
    stop = _token(ta, a, ia)
    for (t, text, start, end), (other, other_text, o_start, o_end) in (
            ((tb, b, run_b, ib), (ta, a, run_a, ia)), ((ta, a, run_a, ia), (tb, b, run_b, ib))):
        if any(_token(other, other_text, k) in _STOPS for k in range(o_start, o_end)):
            continue
        for k in range(start + 1, end - 1):
            if _token(t, text, k) == stop and _token(t, text, k + 1).isspace() \
                    and _token(t, text, k + 2)[:1].isupper():
                return (ia, k) if t is tb else (k, ib)
    return None


def _token(t: _Tokenized, text: str, k: int) -> str:
    """Token ``k`` of ``text`` ("" past its end)."""
    return text[t.ends[k]:t.ends[k + 1]] if k + 1 < len(t.ends) else ""


_CLOSE = (("=", 0),)
"""An empty "equal" after the last operation: it closes a pending change run."""


def _trivial_from_words(runs: Iterator[tuple[str, int, int, bool]], a: str, b: str
                        ) -> Iterator[tuple[str, int, int, bool]]:
    """``runs`` with the trivial flag read from the words of ``a`` and ``b`` (their
    symbols no longer tell: several words share one)."""
    a0 = b0 = 0
    for op, a1, b1, _ in runs:
        yield op, a1, b1, op != EQUAL and words_of(a[a0:a1]) == words_of(b[b0:b1])
        a0, b0 = a1, b1


def word_diff(a: str, b: str, timeout: float = 1.0) -> list[Span]:
    """Spans covering all of ``a`` and all of ``b``, in order (see ``WordDiffer.diff``)."""
    return WordDiffer().diff(a, b, timeout)


def word_counts(spans: list[Span], a: str, b: str) -> dict[str, int]:
    """Words added, omitted and changed, and words shared, ignoring trivial spans. A change
    of punctuation alone counted as one (``accidental_spans``) is one word changed."""
    counts = {"added": 0, "omitted": 0, "changed": 0, "same": 0}
    for s in spans:
        wa, wb = len(words_of(a[s.a_start:s.a_end])), len(words_of(b[s.b_start:s.b_end]))
        if s.op == EQUAL or s.trivial:
            counts["same"] += wa
        elif s.op == INSERT:
            counts["added"] += max(wb, 1)
        elif s.op == DELETE:
            counts["omitted"] += max(wa, 1)
        else:
            counts["changed"] += max(wa, wb, 1)
    return counts
