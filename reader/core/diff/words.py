"""Word-level differences inside two aligned texts.

diff-match-patch works on characters; on whole words it is both faster and
closer to how people read a change ("showed" -> "showcased", not "s" + "case").
We map every token (a word, a run of spaces, one punctuation mark) to one
symbol, diff those strings with the C++ build of diff-match-patch (the
pure-Python one, ~50 times slower, only when the C++ module is missing), run
the semantic clean-up so that small coincidental matches inside a rewritten
phrase do not chop it up, and map back to character offsets in each text.

Each span says whether the change touches words or only punctuation, case and
spacing, so readers can hide the trivial ones.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

try:
    from fast_diff_match_patch import diff as _fast_diff
except ImportError:  # pragma: no cover - the C++ wheel is a declared dependency
    _fast_diff = None

_WORD = r"\w+(?:[’'\-]\w+)*"
_TOKEN = re.compile(_WORD + r"|\s+|[^\w\s]")
_WORDS = re.compile(_WORD)  # the tokens that are words, found without the others
_QUOTES = str.maketrans("’‘“”`´", "''\"\"''")

EQUAL, INSERT, DELETE, REPLACE = "equal", "insert", "delete", "replace"

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


def words_of(text: str) -> list[str]:
    """Words only, case and quote style folded: what a change must touch to count."""
    return [t.lower().translate(_QUOTES) for t in _WORDS.findall(text)]


def _tokens_to_symbols(tokens_a: list[str], tokens_b: list[str]) -> tuple[str, str]:
    """One symbol per distinct token, in order of first appearance."""
    table = dict(zip(dict.fromkeys(itertools.chain(tokens_a, tokens_b)), _symbols()))
    return "".join(map(table.__getitem__, tokens_a)), "".join(map(table.__getitem__, tokens_b))


def _symbol_diff(sa: str, sb: str, timeout: float) -> list[tuple[str, int]]:
    """``[(op, length), ...]`` with op one of ``=``, ``-``, ``+``, semantically cleaned."""
    if _fast_diff is not None:
        return _fast_diff(sa, sb, timelimit=timeout, checklines=False, cleanup="Semantic")
    from diff_match_patch import diff_match_patch  # pragma: no cover
    dmp = diff_match_patch()
    dmp.Diff_Timeout = timeout
    diffs = dmp.diff_main(sa, sb, False)
    dmp.diff_cleanupSemantic(diffs)
    return [("=-+"[op], len(chunk)) for op, chunk in diffs]


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
                    tokens_a[ia + k] == tokens_b[ib + k] for k in range(n)):
                size = sum(1 for _ in run)
                out += [("=", size)] if same else [("-", size), ("+", size)]
        ia += n if op != "+" else 0
        ib += n if op != "-" else 0
    return out


def word_diff(a: str, b: str, timeout: float = 1.0) -> list[Span]:
    """Spans covering all of ``a`` and all of ``b``, in order.

    ``timeout`` bounds the search in seconds; past it the diff is coarser
    (larger replaced runs), never wrong.
    """
    tokens_a, tokens_b = _TOKEN.findall(a), _TOKEN.findall(b)
    sym_a, sym_b = _tokens_to_symbols(tokens_a, tokens_b)
    ops = _symbol_diff(sym_a, sym_b, timeout)
    if len(tokens_a) + len(tokens_b) > _ALPHABET:
        ops = _verified(ops, tokens_a, tokens_b)
    # Character offset of each token boundary, so a run of n tokens maps in O(1).
    at_a = [0, *itertools.accumulate(map(len, tokens_a))]
    at_b = [0, *itertools.accumulate(map(len, tokens_b))]
    spans: list[Span] = []
    ia = ib = 0  # token positions
    run_a = run_b = -1  # token positions where the current change run began

    def flush() -> None:
        nonlocal run_a
        if run_a < 0:
            return
        a0, a1, b0, b1 = at_a[run_a], at_a[ia], at_b[run_b], at_b[ib]
        op = REPLACE if a1 > a0 and b1 > b0 else (DELETE if a1 > a0 else INSERT)
        trivial = words_of(a[a0:a1]) == words_of(b[b0:b1])
        spans.append(Span(op, a0, a1, b0, b1, trivial))
        run_a = -1

    for op, n in ops:
        if op == "=":
            flush()
            spans.append(Span(EQUAL, at_a[ia], at_a[ia + n], at_b[ib], at_b[ib + n]))
            ia, ib = ia + n, ib + n
            continue
        if run_a < 0:
            run_a, run_b = ia, ib
        if op == "-":
            ia += n
        else:
            ib += n
    flush()
    return spans


def word_counts(spans: list[Span], a: str, b: str) -> dict[str, int]:
    """Words added, omitted and changed, and words shared, ignoring trivial spans."""
    counts = {"added": 0, "omitted": 0, "changed": 0, "same": 0}
    for s in spans:
        wa, wb = len(words_of(a[s.a_start:s.a_end])), len(words_of(b[s.b_start:s.b_end]))
        if s.op == EQUAL or s.trivial:
            counts["same"] += wa
        elif s.op == INSERT:
            counts["added"] += wb
        elif s.op == DELETE:
            counts["omitted"] += wa
        else:
            counts["changed"] += max(wa, wb)
    return counts
