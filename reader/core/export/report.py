"""What an exported comparison holds, independent of the output format.

The HTML, Markdown and PDF exports all render this one model, so they agree
on which rows are shown, what is marked and how the summary counts.
"""

from __future__ import annotations

import itertools
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property

from reader.core.annotations.anchoring import Placement
from reader.core.annotations.session import PlacedNote
from reader.core.bidi import ltr_changes
from reader.core.change_items import ChangeItem, fact_item
from reader.core.comparison import LOW_CONFIDENCE, Comparison, Difference, Link
from reader.core.diff.fact_changes import label_without_kind
from reader.core.diff.story_facts import comparison_fact_changes, english_only_note
from reader.core.fixes import HAND, set_by
from reader.core.load.script_aware import count_words
from reader.core.places import moved_words, places, readings
from reader.core.snippets import counted, cut_at_word, number_runs, quoted
from reader.core.sources import (
    alone_warning,
    copies_warning,
    file_name,
    loose_warning,
    source_facts,
    source_labels,
    source_title,
)

PAIRS_ABOVE = 4
"""With more sources than this, the default layout is ``pairs`` (each row once: the
reference's text, then each other reading beneath it, ``Rendering``):
five text columns are the most a landscape A4 page holds at a readable 7.5 pt
(about 50 mm, some 30 characters, a column)."""

TABLE_MAX = 6
"""The most sources one table holds: six columns of some 44 mm on landscape A4, where
a file name still fits a column header whole at 7 pt."""

LABEL_TITLE_CHARS = 120
"""A title in a label is cut (at a word) past this many characters: four lines of the
narrowest column header (six sources on landscape A4, some 30 characters a line)."""

SHARES_LITTLE = 0.1
"""A source with fewer than this share of its content paragraphs linked to the
reference "shares almost nothing" with it: its word counts against the reference
are then mostly whole paragraphs, and the sources table says so in words."""

OPENING_WORDS = 8
OPENING_CHARS = 60
"""The change list recognises a paragraph by its first words: at most 8 words and 60
characters (scripts without spaces, such as Japanese or Thai, are cut by characters)."""

Background = Callable[[Callable[[], list]], Callable[[], list]]
"""Starts a piece of work elsewhere and returns what waits for its result."""


@dataclass
class ExportOptions:
    reference: int = 0
    order: list[int] | None = None  # display order of sources; default: as loaded
    include_boilerplate: bool = False
    only_differences: bool = False
    layout: str = "auto"  # auto | table | pairs
    include_notes: bool = True
    title: str = ""

    def resolved_layout(self, sources: int) -> str:
        if self.layout == "pairs" or (self.layout == "table" and sources <= TABLE_MAX):
            return self.layout
        return "pairs" if sources > PAIRS_ABOVE else "table"

    def layout_warning(self, sources: int) -> str:
        """Why the layout asked for is not the one used (empty when it is)."""
        if self.layout == "table" and sources > TABLE_MAX:
            return (f"{sources} sources do not fit side by side in one table (at most "
                    f"{TABLE_MAX}); each row shows the reference's text and each other reading "
                    f"beneath it instead, after a story map of all {sources}.")
        return ""


@dataclass
class SourceSummary:
    index: int
    name: str
    path: str  # full path: never printed (it names the user's folders); see ``provenance``
    encoding: str
    words: int
    paragraphs: int
    content: int
    shared: int  # content paragraphs carried by at least one other source
    unique: int
    moved: int
    """Content paragraphs the reference has in another row (none for the reference): a
    count of paragraphs standing anywhere else had the summary say "[1]–[3]: 2 moved
    each" where [3] alone had moved two."""
    added: int = 0  # words (script-aware, as ``words``), against the reference
    omitted: int = 0
    changed: int = 0
    moved_words: int = 0  # words of paragraphs the reference has in another row
    with_reference: int = 0  # content paragraphs linked to a paragraph of the reference
    provenance: str = ""  # file name, title and address for people (never the folder)


def shown_label(item: ChangeItem) -> str:
    """An item's label as an export prints it after its kind ("number" in bold, then
    "15 → 16"), each side of a change read left to right in any script
    (``bidi.ltr_changes``: an Arabic quote's change read backwards)."""
    return ltr_changes(label_without_kind(item.kind, item.label) if item.fact else item.label)


@dataclass
class NoteMark:
    """A note as an export shows it: a number at its place, the note at the end."""

    number: int
    placed: PlacedNote


@dataclass
class Report:
    comp: Comparison
    options: ExportOptions
    title: str
    date: str
    order: list[int]
    rows: list[int]  # indices of the rows shown
    sources: list[SourceSummary]
    shared_by_all: int
    notes: list[NoteMark] = field(default_factory=list)
    orphans: list[NoteMark] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _changes: list[ChangeItem] = field(default_factory=list, repr=False)
    _pending: Callable[[], list[ChangeItem]] | None = field(default=None, repr=False)
    _renderings: dict[int, list[Rendering]] = field(default_factory=dict, repr=False)

    @property
    def changes(self) -> list[ChangeItem]:
        """The change list (``change_list``); waits for it when it is being computed
        elsewhere (``build_report``'s ``background``)."""
        if self._pending is not None:
            self._changes, self._pending = self._pending(), None
        return self._changes

    @changes.setter
    def changes(self, items: list[ChangeItem]) -> None:
        self._changes, self._pending = items, None

    @cached_property
    def numbers(self) -> dict[int, int]:
        """Row index -> the number a reader sees: the shown rows are numbered 1…n, so
        hidden furniture rows leave no gaps (every format numbers rows by this)."""
        return {row: n for n, row in enumerate(self.rows, 1)}

    def number(self, row: int) -> int:
        return self.numbers[row]

    @property
    def notes_key(self) -> str:
        """``FUZZY_KEY`` when a note is shown fuzzy (every format says it above its notes)."""
        return FUZZY_KEY if any(m.placed.state == "fuzzy" for m in self.notes) else ""

    @cached_property
    def fact_spans(self) -> dict[tuple[int, int], list[tuple[int, int, str]]]:
        """(source, paragraph) -> its fact changes against the reference, ``(start, end,
        label)`` in the paragraph: a source's side of each change, and in the reference's
        paragraphs every source's, the label naming it ("[3] number: 14 → 16"). The
        aligned text marks them as the reader does: marked amber as rewording only, "16"
        and "Saturday" had read as any other changed word."""
        self.changes  # noqa: B018  (waits for the change list, which finds them)
        out: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
        for placed in comparison_fact_changes(self.comp, self.reference):
            change = placed.change
            if change.b_span:
                out.setdefault(placed.other, []).append((*change.b_span, change.label))
            if change.a_span:
                out.setdefault(placed.reference, []).append(
                    (*change.a_span, f"[{placed.source + 1}] {change.label}"))
        return out

    @cached_property
    def moved_cells(self) -> frozenset[tuple[int, int]]:
        """(row, source) where a source departs from the reference by a move: its paragraph
        stands in another row than the reference's (``Difference.moved``)."""
        return frozenset((d.row, d.source) for d in self.comp.differences(self.reference)
                         if d.kind == "moved")

    @cached_property
    def place_numbers(self) -> dict[int, int]:
        """Row index -> its number among the places the reader steps through (the
        Differences dock, F7, the status bar's "place 3 of 9", ``parallax align
        --differences``): the rows where some source departs from the reference. Exports
        name rows by it, so "place 3" is one place in the reader and in every export."""
        found = places(self.comp.differences(self.reference))
        return {place.row: n for n, place in enumerate(found, 1)}

    def place_number(self, row: int) -> str:
        """The row's number cell: its place number, blank where no source departs from
        the reference (the reader numbers no such row either)."""
        return str(self.place_numbers.get(row, ""))

    def where(self, row: int) -> str:
        """How people find ``row``: "place 3", or for a row the reader does not number,
        "after place 3" (the place before it; "before place 1" at the story's start)."""
        if row in self.place_numbers:
            return f"place {self.place_numbers[row]}"
        if not self.place_numbers:  # versions that agree throughout
            return "the aligned text"
        before = [n for r, n in self.place_numbers.items() if r < row]
        return f"after place {max(before)}" if before else "before place 1"

    def renderings(self, row: int) -> list[Rendering]:
        """The row's entries in the pair layout (``find_renderings``), found once."""
        if row not in self._renderings:
            self._renderings[row] = find_renderings(self, row)
        return self._renderings[row]

    def rendering_of(self, row: int, s: int) -> Rendering:
        """The entry of the pair layout that shows source ``s`` in ``row``."""
        return next(r for r in self.renderings(row) if s in r.sources)

    def elsewhere(self, row: int, s: int) -> dict[int, list[int]]:
        """Other shown rows holding the content of ``s``'s cell in ``row`` (moved
        content): row -> the sources there, each once, in order."""
        comp = self.comp
        by_row: dict[int, list[int]] = {}
        for p in comp.rows[row][s]:
            for other in comp.moved((s, p)):
                if comp.row_of[other] in self.numbers:
                    by_row.setdefault(comp.row_of[other], []).append(other[0])
        return {r: sorted(set(sources)) for r, sources in sorted(by_row.items())}

    def moved_to(self, row: int, s: int) -> list[int]:
        """Shown rows where ``s`` carries this row's content although its cell here is
        empty: where the paragraph moved to."""
        rows = {r for t in range(len(self.comp.documents))
                for r in self.comp.moved_rows(row, t, s)}
        return sorted(r for r in rows if r in self.numbers and r != row)

    def only_here(self, row: int, s: int) -> bool:
        """Whether ``s``'s cell holds content no other source carries."""
        doc = self.comp.documents[s]
        return any(self.comp.presence((s, p)) == "none" and not doc.paragraphs[p].boilerplate
                   for p in self.comp.rows[row][s])

    def against(self, s: int) -> str:
        """The sources table's "against the reference" for source ``s``, in words when
        the source shares nothing or almost nothing with the reference."""
        if s == self.reference:
            return "reference"
        info = self.sources[s]
        ref = f"[{self.reference + 1}]"
        counts = f"+{info.added} −{info.omitted} ~{info.changed} words"
        if info.moved_words:
            counts += f", {info.moved_words} moved"
        if not info.with_reference:
            return f"shares no paragraph with {ref} ({counts})"
        if info.with_reference < SHARES_LITTLE * info.content:
            return (f"shares only {info.with_reference} of its {info.content} paragraphs "
                    f"with {ref} ({counts})")
        return counts

    @property
    def language(self) -> str:
        """BCP 47 tag for the export (``lang`` in HTML, ``/Lang`` in PDF)."""
        return self.comp.documents[self.reference].lang or "en"

    def label(self, s: int) -> str:
        """``[n] site · date · byline`` (else ``[n] file — title``) for source ``s``:
        what people see everywhere (``reader.core.sources``), the title cut only past
        ``LABEL_TITLE_CHARS`` and then at a word, as an export has room for it."""
        return self._labels[s]

    @cached_property
    def _labels(self) -> list[str]:
        return source_labels(self.comp.documents,
                             cut=lambda title: cut_at_word(title, LABEL_TITLE_CHARS))

    @property
    def reference(self) -> int:
        return self.options.reference

    @property
    def layout(self) -> str:
        return self.options.resolved_layout(len(self.order))

    def notes_in(self, source: int, start: int, end: int) -> list[tuple[int, Placement]]:
        """(number, placement) of notes and counterparts on ``source`` in ``[start, end)``."""
        out = []
        for mark in self.notes:
            for s, placement in [(mark.placed.source, mark.placed.placement),
                                 *mark.placed.counterparts]:
                if s == source and placement.state != "orphan" and \
                        start <= placement.start < end:
                    out.append((mark.number, placement))
        return out


@dataclass(frozen=True)
class Rendering:
    """One way a row reads in the pair layout, and the sources that read so.

    The pair layout shows each row once: the reference's text, then beneath it
    each other reading of it. Sources that read alike share one entry, so a
    reader of a handed-over comparison meets each wording once: ``same``
    (the reference's words, give or take punctuation and case: "[3] [5] same
    words as [1]"), ``own`` (one text, marked against the reference, that
    these sources share word for word), ``unlinked`` (text here that is not
    linked to the reference's, shown as it is), ``absent`` (nothing here;
    ``moved_to``: the rows where they have it instead). The reference's own
    entry is ``reference`` (or ``absent``) and comes first.
    """

    kind: str  # reference | same | own | unlinked | absent
    sources: tuple[int, ...]  # in display order; the first one's cell is the one shown
    moved_to: tuple[int, ...] = ()

    @property
    def numbers(self) -> str:
        return number_runs([s + 1 for s in self.sources])


def find_renderings(report: Report, row: int) -> list[Rendering]:
    """The row's entries in the pair layout (``Rendering``): the reference's first, then
    one per distinct reading in display order. A source whose cell carries a note, or
    marks of its own (alignment set by hand or unsure, content also in another row, only
    here), is grouped only with sources carrying the same marks, and never when it has
    a note: its marker must stand on its own text."""
    comp, ref = report.comp, report.reference
    groups: dict[tuple, list[int]] = {}
    for s in [ref] + [s for s in report.order if s != ref]:
        if not comp.rows[row][s]:
            key: tuple = ("absent", tuple(report.moved_to(row, s)), s == ref)
        elif s == ref:
            key = ("reference",)
        else:
            noted = _has_notes(report, row, s)
            elsewhere = tuple((r, tuple(t)) for r, t in report.elsewhere(row, s).items())
            marks = (align_mark(comp, row, ref, s), elsewhere, report.only_here(row, s),
                     s if noted else None)
            text = " ".join(comp.row_shown(row, s).split())
            if not comp.comparable(row, ref, s):
                key = ("unlinked", text, marks)
            elif not noted and not _differs(comp, row, ref, s):
                key = ("same", marks)
            else:
                key = ("own", text, marks)
        groups.setdefault(key, []).append(s)
    return [Rendering(key[0], tuple(sources), key[1] if key[0] == "absent" else ())
            for key, sources in groups.items()]


def _differs(comp: Comparison, row: int, reference: int, source: int) -> bool:
    counts = comp.row_counts(row, reference, source)
    return bool(counts["added"] + counts["omitted"] + counts["changed"])


def _has_notes(report: Report, row: int, s: int) -> bool:
    doc = report.comp.documents[s]
    return any(report.notes_in(s, doc.paragraphs[p].start, doc.paragraphs[p].end + 1)
               for p in report.comp.rows[row][s])


def _row_has_difference(comp: Comparison, row: int, reference: int) -> bool:
    present = [s for s, paras in enumerate(comp.rows[row]) if paras]
    if len(present) != len(comp.documents):
        return True
    return any(s != reference and comp.comparable(row, reference, s)
               and any(span.op != "equal" and not span.trivial
                       for span in comp.row_diff(row, reference, s))
               for s in present)


def _furniture_only(comp: Comparison, row: int) -> bool:
    return all(comp.documents[s].paragraphs[p].boilerplate
               for s, paras in enumerate(comp.rows[row]) for p in paras)


def export_time() -> datetime:
    """When an export says it was made: now, or ``SOURCE_DATE_EPOCH`` (seconds since 1970,
    UTC) where the environment sets it, as reproducible builds do: a batch that keeps its
    exports under version control had every Markdown and HTML export change with the
    minute it ran (review 13)."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed.isdigit():
        return datetime.fromtimestamp(int(fixed), timezone.utc).replace(tzinfo=None)
    return datetime.now()


def build_report(comp: Comparison, notes: list[PlacedNote], options: ExportOptions,
                 now: datetime | None = None, background: Background | None = None) -> Report:
    """The export model. ``background``, when given, runs the change list's work (the
    fact changes of every link: the slow part) elsewhere while the caller goes on;
    reading ``changes`` waits for it."""
    order = options.order or list(range(len(comp.documents)))
    rows = [r for r in range(len(comp.rows))
            if (options.include_boilerplate or not _furniture_only(comp, r))
            and (not options.only_differences or _row_has_difference(comp, r, options.reference))]
    sources = [_summary(comp, s, options.reference) for s in range(len(comp.documents))]
    all_carry = sum(1 for p in comp.documents[order[0]].content
                    if comp.presence((order[0], p.index)) == "all")
    ref_doc = comp.documents[options.reference]
    report = Report(comp, options, options.title or ref_doc.name,
                    (now or export_time()).strftime("%Y-%m-%d %H:%M"), order, rows, sources,
                    all_carry)
    for warning in (alone_warning(comp.alone(), len(comp.documents), options.reference),
                    loose_warning(comp.loose(), len(comp.documents)),
                    copies_warning(comp.copies(), len(comp.documents)),
                    english_only_note(comp), options.layout_warning(len(order))):
        if warning:
            report.warnings.append(warning)
    shown = set(rows)
    if background is None:
        report.changes = change_list(comp, options.reference, shown)
    else:
        report._pending = background(lambda: change_list(comp, options.reference, shown))
    if options.include_notes:
        number = 0
        for placed in sorted(notes, key=lambda p: (order.index(p.source)
                                                   if p.source in order else 99,
                                                   p.placement.start)):
            if placed.state == "orphan":
                report.orphans.append(NoteMark(0, placed))
            else:
                number += 1
                report.notes.append(NoteMark(number, placed))
    return report


def provenance(doc) -> str:
    """Where a source comes from, for people, where its label does not say it already:
    the file name (never the folder, which names the user's own directories) and title
    when the label shows the page's site, date or author instead, and the address the
    page was saved from. Empty for a plain file, whose label is its name."""
    parts = []
    if source_facts(doc):
        title = source_title(doc)
        parts.append(file_name(doc) + (f" — {title}" if title else ""))
    if getattr(doc, "url", None):
        parts.append(doc.url)
    return " · ".join(parts)


def _content(comp: Comparison, row: int, s: int) -> list[int]:
    doc = comp.documents[s]
    return [p for p in comp.rows[row][s] if not doc.paragraphs[p].boilerplate]


def _para_words(comp: Comparison, s: int, paras: list[int]) -> int:
    doc = comp.documents[s]
    return sum(count_words(doc.paragraphs[p].text) for p in paras)


def row_words(comp: Comparison, row: int, reference: int, s: int) -> dict[str, int]:
    """Words added, omitted and changed in a row against the reference, counted as the
    sources table counts a source's words (``script_aware.count_words``: each CJK
    character a word), so the change list and the table agree in every script. A change of
    punctuation alone, where it counts (``Comparison.accidentals``), is one word changed,
    as ``word_counts`` counts it."""
    counts = {"added": 0, "omitted": 0, "changed": 0}
    a, b = comp.compared_row_text(row, reference), comp.compared_row_text(row, s)
    for span in comp.row_diff(row, reference, s):
        if span.op == "equal" or span.trivial:
            continue
        old, new = count_words(a[span.a_start:span.a_end]), count_words(b[span.b_start:span.b_end])
        kind = {"insert": "added", "delete": "omitted"}.get(span.op, "changed")
        counts[kind] += max(1, {"added": new, "omitted": old}.get(kind, max(old, new)))
    return counts


def _linked_to(comp: Comparison, ref: tuple[int, int], source: int) -> list[tuple[int, int]]:
    return [o for o in (link.other(ref) for link in comp.links_of(ref)) if o[0] == source]


def _summary(comp: Comparison, s: int, reference: int) -> SourceSummary:
    doc = comp.documents[s]
    content = doc.content
    presence = Counter(comp.presence((s, p.index)) for p in content)
    moved = 0 if s == reference else sum(1 for p in content if any(
        other[0] == reference for other in comp.moved((s, p.index))))
    summary = SourceSummary(s, doc.name, doc.path, doc.encoding, doc.words,
                            len(doc.paragraphs), len(content),
                            presence["all"] + presence["some"], presence["none"], moved,
                            provenance=provenance(doc))
    if s != reference:
        _count_against(comp, s, reference, summary)
    return summary


def _count_against(comp: Comparison, s: int, reference: int, summary: SourceSummary) -> None:
    """Words against the reference over the whole story: word diffs where the two share
    a row, and whole paragraphs where one of them has no counterpart (a source sharing
    nothing with the reference is all added and omitted words, never "+0 −0")."""
    summary.with_reference = sum(1 for p in comp.documents[s].content
                                 if _linked_to(comp, (s, p.index), reference))
    for r in range(len(comp.rows)):
        mine, theirs = _content(comp, r, s), _content(comp, r, reference)
        if mine and theirs and comp.comparable(r, reference, s):
            for kind, n in row_words(comp, r, reference, s).items():
                setattr(summary, kind, getattr(summary, kind) + n)
            continue
        for p in mine:
            words = _para_words(comp, s, [p])
            if any(comp.row_of[o] != r for o in _linked_to(comp, (s, p), reference)):
                summary.moved_words += words
            else:
                summary.added += words
        summary.omitted += _para_words(comp, reference, [
            q for q in theirs if not _linked_to(comp, (reference, q), s)])


CHANGE_HEADINGS = ("Fact changes", "Wording, additions and omissions")
"""The change list's two parts: the engine's fact changes first, then the paragraphs."""


WHAT = {"added": "adds", "omitted": "omits", "changed": "changes", "moved": "moves"}


def change_list(comp: Comparison, reference: int, shown: set[int]) -> list[ChangeItem]:
    """What each source adds, omits and changes against the reference, in story order.

    Fact changes (numbers, dates, names, quotes…) come first: they are what a
    reader of several versions looks for before rewording. Each item is tied to the
    row it sits in, so exports can link it, and a fact of a paragraph the source
    moved also to the row holding the source's side. Rows not shown in the export
    are left out of the list too.
    """
    facts = [fact_item(comp, fc, shown) for fc in comparison_fact_changes(comp, reference)
             if fc.row in shown]
    items = []
    for d in comp.differences(reference):
        if d.row not in shown:
            continue
        words = _difference_words(comp, d.row, d.source, d.kind, reference)
        where = f" {moved_words(d)}" if d.kind == "moved" else ""
        items.append(ChangeItem(d.kind, f"{WHAT.get(d.kind, d.kind)} {counted(words, 'word')}"
                                        f"{where}: {_what_changed(comp, d, reference)}", d.row,
                                d.source, words))
    return facts + items  # comparison_fact_changes is in story order already


READINGS = 3
"""Changes of a reworded paragraph a change list gives, each as the reference's reading and
the source's ("“favourite → favorite”; “for ever → forever”"), before "(+2 more)"."""


def _what_changed(comp: Comparison, diff: Difference, reference: int) -> str:
    """A change list's words for a difference: a reworded paragraph's first changes as
    readings (a teacher's handout had "changes 1 word: “My uncle and I conversed…”", the
    paragraph's opening, where the change was "favourite → favorite"), else the opening
    words of the paragraph added, omitted or moved."""
    if diff.kind == "changed":
        found = list(itertools.islice(readings(comp, diff, reference), READINGS))
        if found:
            more = sum(1 for span in comp.row_diff(diff.row, reference, diff.source)
                       if span.op != "equal" and not span.trivial) - len(found)
            return "; ".join(found) + (f" (+{more} more)" if more else "")
    text = comp.row_shown(diff.row, diff.source) or comp.row_shown(diff.row, reference)
    return quoted(_opening(text))


def _difference_words(comp: Comparison, row: int, s: int, kind: str, reference: int) -> int:
    """A difference's words counted as the sources table counts them (``row_words``)."""
    if kind == "changed":
        return sum(row_words(comp, row, reference, s).values())
    mine = _content(comp, row, s)
    return _para_words(comp, s, mine) if mine else \
        _para_words(comp, reference, _content(comp, row, reference))


def _opening(text: str) -> str:
    """The first few words of a paragraph, to recognise it in a list: whole words up to
    ``OPENING_WORDS`` and ``OPENING_CHARS``; a text with no space there (Japanese,
    Thai) is cut by characters, since its first "word" may be the whole paragraph."""
    text = " ".join(text.split())
    if count_words(text) <= OPENING_WORDS and len(text) <= OPENING_CHARS:
        return text
    out = ""
    for piece in text.split(" "):
        longer = f"{out} {piece}".strip()
        if count_words(longer) > OPENING_WORDS or len(longer) > OPENING_CHARS:
            break
        out = longer
    if not out:  # one long unspaced run: CJK counts a word a character, Thai not at all
        out = text[:OPENING_CHARS // 2]
    return f"{out} …"


HAND_MARK = "☛ set by hand"
LOW_MARK = "? low confidence"
HAND_LEGEND = "a person fixed how this row is aligned with the reference"
LOW_LEGEND = ("the engine's best link to the reference here is a guess (the kind beside the "
              "mark says what it took the pair for): check it. Rows aligned surely carry no mark")
ALIGN_LEGEND = f"{HAND_MARK}: {HAND_LEGEND}. {LOW_MARK} (kind): {LOW_LEGEND}."
"""What ``align_mark`` means: one line (Markdown), or the two entries of a legend table."""
FUZZY_KEY = ("fuzzy n%: the text the note quotes has changed since the note was made; the "
             "note is placed where the source now reads most like it (n% alike)")
"""What a note marked "fuzzy" means (``PlacedNote.state_words``), said above the notes of
an export that has one: its quote is no longer the source's text."""

ORPHANS_HEADING = "Notes whose text was not found (orphans)"
"""Above the notes an export could not place, in every format."""

AGAINST_KEY = ("Against the reference: +words added, −words left out, ~words worded "
               "differently; moved: words that stand in another place of the story.")
"""What the sources table's counts mean (``Report.against``), said under the table."""


@dataclass(frozen=True)
class AlignMark:
    """How a source's cell in a row was aligned with the reference, when worth saying."""

    kind: str  # hand | low
    label: str  # what the export prints: "☛ set by hand", "? low confidence (region)"
    evidence: str  # what the links rest on, for a tooltip


def _links_in_row(comp: Comparison, row: int, source: int, others: set[int]) -> list[Link]:
    """``source``'s links from its paragraphs in ``row`` to those of ``others`` there."""
    cells = comp.rows[row]
    return [link for q in cells[source] for link in comp.links_of((source, q))
            for s, p in (link.other((source, q)),) if s in others and p in cells[s]]


def align_mark(comp: Comparison, row: int, reference: int, source: int) -> AlignMark | None:
    """The mark for ``source``'s cell in ``row``, from its links to the reference's paragraphs
    there: hand-set links first (a person's decision), then an unsure best link. Sure links
    get none, so the marks stay rare enough to be read. Where it has no link to the
    reference's text in the row, its links to the other sources' text there put it in the
    row, and are read the same way (two versions' passages side by side on a guess, with
    the reference elsewhere or silent)."""
    if source == reference:
        return None
    links = _links_in_row(comp, row, source, {reference}) or \
        _links_in_row(comp, row, source, set(range(len(comp.documents))) - {source})
    if not links:
        return None
    evidence = "; ".join(dict.fromkeys(link.evidence for link in links if link.evidence))
    if any(set_by(link) == HAND for link in links):
        return AlignMark("hand", HAND_MARK, evidence or "linked by a person")
    best = max(links, key=lambda link: link.confidence)
    if best.confidence < LOW_CONFIDENCE:
        return AlignMark("low", f"{LOW_MARK} ({best.kind})",
                         evidence or f"confidence {best.confidence:.0%}")
    return None
