"""The separate changes inside one place, for F7 to step through as Meld and Draftable do.

A place is an engine row: two versions of a story pasted as one paragraph each
make one place of the whole story, and F7, which went from place to place, had
nowhere to go however many edits the paragraph held. A change is a run of
differing words with shared words on both sides: a replacement, an insertion,
or the spot where words were left out. Trivial differences (punctuation, case,
spacing) are passed over, as the panes leave them unmarked.

The engine finds them (no Qt); the window scrolls to and selects them.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.comparison import Comparison, Difference
from reader.core.diff.words import EQUAL, Span


@dataclass(frozen=True)
class Change:
    """Where one change shows: in the version's text, or, for words it left out, in the
    reference's (nothing of it is in the version)."""

    source: int
    start: int  # offsets in that source's text
    end: int


def changes_of(comp: Comparison, diff: Difference, reference: int) -> list[Change]:
    """The changes of ``diff`` (a version's changed wording in a row), in reading order;
    none for a paragraph added, omitted or moved whole (the place is the change)."""
    if diff.kind != "changed" or diff.source == reference:
        return []
    text = comp.compared_row_text(diff.row, diff.source)  # syntax no shared word
    out = []
    for group in _groups(comp.row_diff(diff.row, reference, diff.source), text):
        a_start, a_end = group[0].a_start, group[-1].a_end
        b_start, b_end = group[0].b_start, group[-1].b_end
        if b_end > b_start:
            out.append(_change(comp, diff.row, diff.source, b_start, b_end))
        else:
            out.append(_change(comp, diff.row, reference, a_start, a_end))
    return out


def _groups(spans: list[Span], text: str) -> list[list[Span]]:
    """Runs of the word diff's non-trivial changes; shared words end a run (a space alone
    does not: "a b" -> "c d" is one change)."""
    groups: list[list[Span]] = []
    run: list[Span] = []
    for span in spans:
        if span.op == EQUAL and text[span.b_start:span.b_end].strip():
            if run:
                groups.append(run)
            run = []
        elif span.op != EQUAL and not span.trivial:
            run.append(span)
    if run:
        groups.append(run)
    return groups


def _change(comp: Comparison, row: int, source: int, start: int, end: int) -> Change:
    """A change at ``[start, end)`` of ``source``'s ``row_text`` (its paragraphs joined by a
    blank line), in offsets of the source's own text."""
    return Change(source, _in_source(comp, row, source, start),
                  _in_source(comp, row, source, end))


def _in_source(comp: Comparison, row: int, source: int, at: int) -> int:
    offset = 0
    paragraphs = [comp.documents[source].paragraphs[p] for p in comp.rows[row][source]]
    for para in paragraphs:
        if at <= offset + len(para.text):
            return para.start + max(0, at - offset)
        offset += len(para.text) + 2
    return paragraphs[-1].end
