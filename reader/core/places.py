"""Differences numbered by place: what people count, in the reader and on the command line.

``Comparison.differences`` lists one entry per (row, source): four sources
departing from the reference in one paragraph are four differences. A person
reads one place there, "3. [2]–[4] word differently". The reader's
Differences dock, F7, the status bar and every CLI command that shows or takes
a difference number count these places, so a number read in one is the same
place in the other.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field

from reader.core.comparison import Comparison, Difference
from reader.core.diff.words import PARAGRAPH_BREAK, Span, words_of
from reader.core.snippets import (
    DOUBLE_QUOTATION_MARKS,
    counted,
    cut_at_word,
    number_runs,
    one_line,
    quoted,
    whole_words,
)

KIND_LABEL = {"added": ("adds", "add"), "omitted": ("omits", "omit"),
              "changed": ("words differently", "word differently"),
              "moved": ("moves it", "move it")}
"""What a source does at a place, as a person says it: one source, several (a move
says where to: ``moved_words``)."""


def moved_words(diff: Difference) -> str:
    """Which end of a move a place is, as a person says it after "moves it": "here" (the
    source's paragraph stands here), "later" or "earlier" (the reference's stands here,
    the source has it further on or further back)."""
    return diff.moved or "elsewhere"


HEADING_ONLY = "a heading"
"""What a place says a source adds or omits when that is only headings (``Difference.heading``)."""

SNIPPET_CHARS = 60
"""First characters of the change shown beside a place: one line of a list."""


@dataclass(frozen=True)
class Place:
    """One row where some source departs from the reference: one numbered entry."""

    row: int
    indices: list[int]  # into the differences, in order


def places(diffs: list[Difference],
           keep: Callable[[int, Difference], bool] | None = None) -> list[Place]:
    """The places of ``diffs`` (``Comparison.differences``) in reading order; ``keep(index,
    difference)`` chooses which count (the dock's filters), all when None."""
    by_row: dict[int, list[int]] = {}
    for i, diff in enumerate(diffs):
        if keep is None or keep(i, diff):
            by_row.setdefault(diff.row, []).append(i)
    return [Place(row, indices) for row, indices in sorted(by_row.items())]


@dataclass(frozen=True)
class FactLeads:
    """What the fact changes against the reference tell the places: where each source
    changes a fact, what it changes first there, and which sources are in another language
    than the reference's. Empty until the facts are found (the reader finds them after
    it shows the places)."""

    labels: Mapping[tuple[int, int], str] = field(default_factory=dict)
    """(row, source) -> the label of the source's most serious fact change in that row (its
    first of the most serious: ``story_facts.fact_severity``)."""
    foreign: Collection[int] = frozenset()
    ranks: Mapping[tuple[int, int], int] = field(default_factory=dict)
    """(row, source) -> how serious that change is (0 most: a negation flipped)."""
    more: Mapping[tuple[int, int], int] = field(default_factory=dict)
    """(row, source) -> the fact changes of the row that its label does not say (other
    changes, of this source or others; one said alike by several sources counts once)."""


NO_LEADS = FactLeads()
"""Before the facts are found, or without them."""
NO_FACT = 1 << 30
"""The rank of a source that changes no fact at a place: after every one that does."""


def lead_first(diffs: list[Difference], indices: list[int],
               leads: FactLeads = NO_LEADS) -> list[int]:
    """A place's differences (``indices``), the one to show first first: a source that
    changes a fact there, the most serious change first (``leads.ranks``; a negation
    flipped, a speaker, a number: what a reader checking the story is there for, before a
    date left out or a quote trimmed), then the one that changes most words. A
    moved paragraph changes none here (its words are elsewhere). Ties keep the sources'
    order. With more sources than panes, the first ones get the panes and the entry
    quotes the first: reading order alone showed the lowest-numbered sources, which may
    not hold the change at all. A source in another language than the reference's
    (``leads.foreign``) changes every word, so it follows the others that change no fact
    there."""
    def weight(i: int) -> tuple[int, bool, int]:
        diff = diffs[i]
        return (leads.ranks.get((diff.row, diff.source), NO_FACT), diff.source in leads.foreign,
                -(0 if diff.kind == "moved" else diff.words))
    return sorted(indices, key=weight)


def place_says(diffs: list[Difference], place: Place, tag: list[int]) -> str:
    """``[2]–[4] word differently; [5] omits``: who does what there (``tag``: the
    number people see for each loaded source)."""
    what: dict[tuple[str, str], list[int]] = {}
    for i in place.indices:
        diff = diffs[i]
        where = moved_words(diff) if diff.kind == "moved" else HEADING_ONLY if diff.heading \
            else ""
        what.setdefault((diff.kind, where), []).append(tag[diff.source])
    return "; ".join(" ".join(filter(None, (number_runs(numbers),
                                            KIND_LABEL[kind][len(numbers) > 1], where)))
                     for (kind, where), numbers in what.items())


def only_accidentals(comp: Comparison, reference: int) -> str:
    """What an empty list of places leaves out, where the sources differ in punctuation,
    case or paragraphing alone and those are not counted (``Comparison.accidentals``):
    "No differences in wording; 7 places differ in …", else ""."""
    rows = comp.accidental_rows(reference)
    return (f"No differences in wording; {counted(rows, 'place')} differ in punctuation, "
            f"case or paragraphing alone") if rows else ""


def quoted_source(diffs: list[Difference], indices: list[int], tag: list[int]) -> str:
    """``"[3] "`` where a place holds the differences of several sources: whose words its
    line quotes (``indices`` in ``lead_first``'s order; ``tag``: each loaded source's
    number). "[2]–[4] word differently  number dropped: ten" had read as [2]'s."""
    if len({diffs[i].source for i in indices}) < 2:
        return ""
    return f"[{tag[diffs[indices[0]].source]}] "


def snippet(comp: Comparison, diff: Difference, reference: int,
            leads: FactLeads = NO_LEADS) -> str:
    """What changed, in a line: the source's first fact change there (``leads``), else
    the first words of what changed (``old → new``, ``+ new``, ``− old``), quoted, the
    changed words made whole (``whole_words``), the text cut at a word. The fact first:
    a typo fixed early in a paragraph ("bearnigs → bearings") hid the cost that changed
    after it ("£3.2 million → £4.1 million")."""
    fact = leads.labels.get((diff.row, diff.source)) if diff.kind != "added" else None
    if fact:
        more = leads.more.get((diff.row, diff.source), 0)
        return cut_at_word(one_line(fact), SNIPPET_CHARS) + (f" (+{more} more)" if more else "")
    reading = next(_readings(comp, diff, reference), None) if diff.kind == "changed" else None
    if reading is not None:
        return quoted(cut_at_word(one_line(reading[0]), SNIPPET_CHARS)) + reading[1]
    text = one_line(comp.row_shown(diff.row, diff.source) or comp.row_shown(diff.row, reference))
    return quoted(cut_at_word(text, SNIPPET_CHARS))


def readings(comp: Comparison, diff: Difference, reference: int) -> Iterator[str]:
    """Each change of a reworded row, in order, as ``“old → new”`` (or ``“+ new”``, ``“−
    old”``), quoted: the reference's reading and the source's, as an edition's apparatus
    gives them, and where the words went or came from if they moved (``moved_runs``)."""
    for reading, moved in _readings(comp, diff, reference):
        yield quoted(reading) + moved


def _readings(comp: Comparison, diff: Difference, reference: int) -> Iterator[tuple[str, str]]:
    for span in comp.row_diff(diff.row, reference, diff.source):
        if span.op != "equal" and not span.trivial:
            yield _reading(comp, diff, reference, span), _moved_note(comp, diff, reference, span)


def _moved_note(comp: Comparison, diff: Difference, reference: int, span: Span) -> str:
    """" (moved later)" after words a source drops here and adds in a later row, " (moved
    here from earlier)" after words it adds here that it drops in an earlier one."""
    if span.op == "replace":
        return ""
    came = span.op == "insert"
    there = moved_runs(comp, reference).get(
        (diff.row, diff.source, "came" if came else "gone", span.b_start if came else span.a_start))
    if there is None:
        return ""
    way = "later" if there > diff.row else "earlier"
    return f" (moved here from {way})" if came else f" (moved {way})"


def _reading(comp: Comparison, diff: Difference, reference: int, span: Span) -> str:
    a, b = (span.a_start, span.a_end), (span.b_start, span.b_end)
    texts = comp.compared_row_text(diff.row, reference), comp.compared_row_text(diff.row,
                                                                                diff.source)
    if texts[0][a[0]:a[1]].isspace() and texts[1][b[0]:b[1]].isspace():
        return _paragraphing(texts, a, b)
    if not any(c.isalnum() for text, (lo, hi) in zip(texts, (a, b)) for c in text[lo:hi]):
        # punctuation alone (``Comparison.accidentals``): with the words around it, "Surely,
        # Victor → Surely Victor" rather than "− ,"
        a, b = _with_neighbours(texts[0], *a), _with_neighbours(texts[1], *b)
    old = _words_at(comp, diff.row, reference, *a)
    new = _words_at(comp, diff.row, diff.source, *b)
    if old and new:  # each side cut on its own, so a long one leaves the arrow in sight
        side = (SNIPPET_CHARS - len(" → ")) // 2
        return f"{cut_at_word(old, side)} → {cut_at_word(new, side)}"
    return f"+ {new}" if new else f"− {old}"


MOVED_WORDS = 6
"""Fewest words a run one row drops and another adds must share, word for word, to be one
passage moved (a sentence taken to another paragraph): shorter runs ("he said", "on
Tuesday") recur by chance."""

Run = tuple[int, int, str, int]
"""A run of a row's word diff: (row, source, ``"gone"`` or ``"came"``, its start: in the
reference's row text where gone, in the source's where it came)."""


def moved_runs(comp: Comparison, reference: int) -> dict[Run, int]:
    """Each run of words a source drops in one row and adds, word for word, in another
    (``MOVED_WORDS`` or more): the row it went to, or came from. A sentence moved into
    another paragraph had read as one thing left out and another added, neither
    pointing to the other; a paragraph moved whole is a link's (``Comparison.moved``)."""
    key = (id(comp), reference, comp.accidentals, len(comp.rows))
    found = _MOVED.get(key)
    if found is None:
        found = _MOVED[key] = _find_moved_runs(comp, reference)
        weakref.finalize(comp, _MOVED.pop, key, None)
    return found


_MOVED: dict[tuple, dict[Run, int]] = {}


def _find_moved_runs(comp: Comparison, reference: int) -> dict[Run, int]:
    """``moved_runs``: runs dropped and added by one source, one holding the other's words
    in a row (an added run may go on past the moved sentence: "… native town. The roads
    were open, he said."), each run paired once, in story order."""
    gone: list[tuple[str, Run]] = []
    came: list[tuple[str, Run]] = []
    for diff in comp.differences(reference):
        if diff.kind != "changed":
            continue
        row, s = diff.row, diff.source
        a, b = comp.compared_row_text(row, reference), comp.compared_row_text(row, s)
        for span in comp.row_diff(row, reference, s):
            if span.op not in ("delete", "insert") or span.trivial:
                continue
            side, text, start, end, runs = ("gone", a, span.a_start, span.a_end, gone) \
                if span.op == "delete" else ("came", b, span.b_start, span.b_end, came)
            if text.count(" ", start, end) < MOVED_WORDS - 1:
                continue  # most runs: a few words (a test in C before any is read)
            said = words_of(text[start:end])
            if len(said) >= MOVED_WORDS:  # the words, each between marks no word holds
                runs.append(("\x00" + "\x00".join(said) + "\x00", (row, s, side, start)))
    out: dict[Run, int] = {}
    for words, there in gone:
        here = next((run for said, run in came if run[1] == there[1] and run[0] != there[0]
                     and run not in out and (words in said or said in words)), None)
        if here is not None:
            out[there], out[here] = here[0], there[0]
    return out


def _paragraphing(texts: tuple[str, str], a: tuple[int, int], b: tuple[int, int]) -> str:
    """A paragraph broken on one side where the other runs on (``accidental_spans``), as
    the words around the break with ``¶`` where it is: "hands. It was → hands. ¶ It was"."""
    def around(text: str, start: int, end: int) -> str:
        lo, hi = _with_neighbours(text, start, end)
        mark = " ¶ " if PARAGRAPH_BREAK in text[start:end] else " "
        return one_line(text[lo:start]) + mark + one_line(text[end:hi])
    return f"{around(texts[0], *a)} → {around(texts[1], *b)}"


def _with_neighbours(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` grown to the word it touches before it, and to the next word after
    it where a space follows it."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and text[end].isspace():
        end += 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def _words_at(comp: Comparison, row: int, source: int, start: int, end: int) -> str:
    """The words a diff span touches in ``source``'s row text, made whole, as shown (the
    words found in the text as the diff read it, Markdown syntax left out), without the
    quotation marks at their ends: the snippet is quoted whole, and a source's own mark
    there read as a quotation left open ("“After → No,") or closed twice ("years,””")."""
    whole = whole_words(comp.compared_row_text(row, source), start, end)
    shown = comp.row_syntax(row, source).visible(comp.row_text(row, source), *whole)
    return one_line(shown).strip(DOUBLE_QUOTATION_MARKS)
