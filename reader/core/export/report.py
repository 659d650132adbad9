"""What an exported comparison holds, independent of the output format.

The HTML, Markdown and PDF exports all render this one model, so they agree
on which rows are shown, what is marked and how the summary counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from reader.core.annotations.anchoring import Placement
from reader.core.annotations.session import PlacedNote
from reader.core.comparison import LOW_CONFIDENCE, Comparison
from reader.core.diff.story_facts import comparison_fact_changes
from reader.core.fixes import HAND, set_by
from reader.core.sources import source_label

PAIRS_ABOVE = 4
"""With more sources than this, the default layout is pair by pair against the reference:
five text columns are the most a landscape A4 page holds at a readable 7.5 pt
(about 50 mm, some 30 characters, a column)."""

TABLE_MAX = 6
"""The most sources one table holds: six columns of some 44 mm on landscape A4, where
a file name still fits a column header whole at 7 pt."""

MAX_SOURCES = 20
"""The documented limit (README, ``parallax --help``): 2 to 20 sources. Past 20 every
layout, the reader's panes included, stops being readable."""

MIN_SOURCES = 2

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
                    f"{TABLE_MAX}); each source is shown beside the reference instead, "
                    f"after a story map of all {sources}.")
        return ""


@dataclass
class SourceSummary:
    index: int
    name: str
    path: str
    encoding: str
    words: int
    paragraphs: int
    content: int
    shared: int  # content paragraphs carried by at least one other source
    unique: int
    moved: int
    added: int = 0  # words, against the reference
    omitted: int = 0
    changed: int = 0


@dataclass
class ChangeItem:
    """One entry of the change list at the front of an export.

    ``kind`` is ``added``, ``omitted``, ``changed`` or ``moved`` for paragraph-level
    changes, or a fact kind (``number``, ``date``, ``quote``…) when the comparison
    offers fact changes; ``fact`` says which, so fact changes can be listed first.
    ``row`` is the 0-based row it sits in (the place an export links to).
    """

    kind: str
    label: str
    row: int
    source: int
    words: int = 0
    fact: bool = False


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

    @property
    def language(self) -> str:
        """BCP 47 tag for the export (``lang`` in HTML, ``/Lang`` in PDF)."""
        return self.comp.documents[self.reference].lang or "en"

    def label(self, s: int) -> str:
        """``[n] site · date · byline`` (else ``[n] file — title``) for source ``s``:
        what people see everywhere (``reader.core.sources``)."""
        return source_label(self.comp.documents[s], s)

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
                    (now or datetime.now()).strftime("%Y-%m-%d %H:%M"), order, rows, sources,
                    all_carry)
    warning = options.layout_warning(len(order))
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


def _summary(comp: Comparison, s: int, reference: int) -> SourceSummary:
    doc = comp.documents[s]
    content = doc.content
    presence = Counter(comp.presence((s, p.index)) for p in content)
    moved = sum(1 for p in content if comp.moved((s, p.index)))
    summary = SourceSummary(s, doc.name, doc.path, doc.encoding, doc.words,
                            len(doc.paragraphs), len(content),
                            presence["all"] + presence["some"], presence["none"], moved)
    if s != reference:
        for r in range(len(comp.rows)):
            if comp.rows[r][s] and comp.comparable(r, reference, s):
                counts = comp.row_counts(r, reference, s)
                summary.added += counts["added"]
                summary.omitted += counts["omitted"]
                summary.changed += counts["changed"]
    return summary


WHAT = {"added": "adds", "omitted": "omits", "changed": "changes", "moved": "moves"}


def change_list(comp: Comparison, reference: int, shown: set[int]) -> list[ChangeItem]:
    """What each source adds, omits and changes against the reference, in story order.

    Fact changes (numbers, dates, names, quotes…) come first: they are what
    a reader of several versions looks for before rewording. Each item is tied to the row it sits in, so exports
    can link it. Rows not shown in the export are left out of the list too.
    """
    facts = [ChangeItem(fc.kind, fc.label, fc.row, fc.source, fact=True)
             for fc in comparison_fact_changes(comp, reference) if fc.row in shown]
    items = []
    for d in comp.differences(reference):
        if d.row not in shown:
            continue
        text = comp.row_text(d.row, d.source) or comp.row_text(d.row, reference)
        items.append(ChangeItem(d.kind, f"{WHAT.get(d.kind, d.kind)} {d.words} "
                                        f"word{'' if d.words == 1 else 's'}: "
                                        f"“{_opening(text)}”", d.row, d.source, d.words))
    return facts + items  # comparison_fact_changes is in story order already


def _opening(text: str, words: int = 8) -> str:
    """The first few words of a paragraph, to recognise it in a list."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


HAND_MARK = "☛ set by hand"
LOW_MARK = "? low confidence"
ALIGN_LEGEND = (f"{HAND_MARK}: a person fixed how this row is aligned with the reference. "
                f"{LOW_MARK} (kind): the engine's best link to the reference here is a guess "
                "(the kind says what it took the pair for); check it. Rows aligned surely "
                "carry no mark.")
"""The legend line for ``align_mark`` in every export format."""


@dataclass(frozen=True)
class AlignMark:
    """How a source's cell in a row was aligned with the reference, when worth saying."""

    kind: str  # hand | low
    label: str  # what the export prints: "☛ set by hand", "? low confidence (region)"
    evidence: str  # what the links rest on, for a tooltip


def align_mark(comp: Comparison, row: int, reference: int, source: int) -> AlignMark | None:
    """The mark for ``source``'s cell in ``row``, from its links to the reference's paragraphs
    there: hand-set links first (a person's decision), then an unsure best link. Sure links
    get none, so the marks stay rare enough to be read."""
    if source == reference:
        return None
    ref_paras = set(comp.rows[row][reference])
    links = [link for q in comp.rows[row][source] for link in comp.links_of((source, q))
             if link.other((source, q))[0] == reference
             and link.other((source, q))[1] in ref_paras]
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
