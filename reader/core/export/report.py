"""What an exported comparison holds, independent of the output format.

The HTML, Markdown and PDF exports all render this one model, so they agree
on which rows are shown, what is marked and how the summary counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from reader.core.annotations.anchoring import Placement
from reader.core.annotations.session import PlacedNote
from reader.core.comparison import Comparison

PAIRS_ABOVE = 4
"""With more sources than this, the default layout is pair by pair against the reference."""


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
        if self.layout in ("table", "pairs"):
            return self.layout
        return "pairs" if sources > PAIRS_ABOVE else "table"


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

    @property
    def reference(self) -> int:
        return self.options.reference

    @property
    def layout(self) -> str:
        return self.options.resolved_layout(len(self.order))

    def notes_in(self, source: int, start: int, end: int) -> list[tuple[int, Placement]]:
        """(number, placement) of notes and counterparts on ``source`` starting in ``[start, end)``."""
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
                 now: datetime | None = None) -> Report:
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
