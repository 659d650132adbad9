"""Checked items and the reader's place: differences and passages that survive re-alignment.

A reader marks a difference or a passage as checked, and comes back to
where they were. Rows and difference numbers change whenever the sources
or the fixes do, so a spot is kept as an anchor (quote, context, offsets,
like a note: ``annotations.anchoring``) on a paragraph or a passage, and
found again in whatever comparison is loaded now.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reader.core.annotations.anchoring import place
from reader.core.annotations.model import Anchor
from reader.core.comparison import Comparison, Difference
from reader.core.fixes import anchor_from_json, anchor_json, find_paragraph, paragraph_anchor
from reader.core.places import places


@dataclass
class Spot:
    """A difference or a passage: checked by the reader, or where the reader was.

    A difference is "what ``source`` says in the row of ``anchor``'s
    paragraph" (the anchor is the source's paragraph there, or the
    reference's when the source omits it); a passage is ``anchor``'s text.
    Indices are those of the saved comparison's sources.
    """

    kind: str  # difference | passage
    source: int
    anchor: Anchor

    def to_json(self) -> dict:
        return {"kind": self.kind, "source": self.source, "anchor": anchor_json(self.anchor)}

    @classmethod
    def from_json(cls, data: dict) -> "Spot":
        if not isinstance(data, dict) or data.get("kind") not in ("difference", "passage"):
            raise ValueError("a checked item or place needs kind 'difference' or 'passage'")
        return cls(data["kind"], int(data["source"]), anchor_from_json(data["anchor"]))


@dataclass(frozen=True)
class Found:
    """Where a spot is in the loaded comparison (loaded indices).

    ``source`` is the difference's source (or the passage's), ``row`` its
    row; ``holder`` is the source whose text ``start``/``end`` point into.
    """

    source: int
    row: int
    holder: int
    start: int
    end: int


def difference_spot(comp: Comparison, diff: Difference, reference: int,
                    loaded: list[int] | None = None) -> Spot:
    loaded = loaded or list(range(len(comp.documents)))
    holder = diff.source if comp.rows[diff.row][diff.source] else reference
    para = comp.rows[diff.row][holder][0]
    return Spot("difference", loaded[diff.source],
                paragraph_anchor(comp.documents[holder], loaded[holder], para))


def passage_spot(comp: Comparison, source: int, start: int, end: int,
                 loaded: list[int] | None = None) -> Spot:
    loaded = loaded or list(range(len(comp.documents)))
    doc = comp.documents[source]
    return Spot("passage", loaded[source],
                Anchor.from_text(loaded[source], "", doc.text, start, end))


def find_spot(comp: Comparison, spot: Spot, loaded: list[int] | None = None) -> Found | None:
    loaded = loaded or list(range(len(comp.documents)))
    if spot.anchor.source not in loaded or spot.source not in loaded:
        return None
    s = loaded.index(spot.anchor.source)
    doc = comp.documents[s]
    if spot.kind == "passage":
        placement = place(doc.text, spot.anchor)
        if placement.state == "orphan":
            return None
        para = find_paragraph(doc, spot.anchor)
        row = comp.row_of[(s, para)] if para is not None else 0
        return Found(s, row, s, placement.start, placement.end)
    p = find_paragraph(doc, spot.anchor)
    if p is None:
        return None
    para = doc.paragraphs[p]
    return Found(loaded.index(spot.source), comp.row_of[(s, p)], s, para.start, para.end)


def checked_differences(comp: Comparison, spots: list[Spot], reference: int,
                        loaded: list[int] | None = None) -> set[int]:
    """Positions in ``comp.differences(reference)`` of the differences marked checked."""
    wanted = {(f.row, f.source) for spot in spots if spot.kind == "difference"
              for f in [find_spot(comp, spot, loaded)] if f is not None}
    return {i for i, d in enumerate(comp.differences(reference)) if (d.row, d.source) in wanted}


def checked_summary(comp: Comparison, spots: list[Spot], reference: int,
                    loaded: list[int] | None = None) -> dict[str, int]:
    """Counts for the summary: places checked of all (a place: one entry of the reader's
    dock and of ``parallax fix … differences``, checked when each of its differences is),
    differences (a source's at a place) checked of all, passages checked."""
    diffs = comp.differences(reference)
    checked = set(checked_differences(comp, spots, reference, loaded))
    found = places(diffs)
    return {"places": len(found),
            "checked_places": sum(1 for p in found if checked.issuperset(p.indices)),
            "differences": len(diffs), "checked_differences": len(checked),
            "checked_passages": sum(1 for s in spots if s.kind == "passage")}


def refreshed_spot(spot: Spot, comp: Comparison, loaded: list[int]) -> Spot:
    """The spot anchored on the text as it is now (unchanged when it cannot be found)."""
    found = find_spot(comp, spot, loaded)
    if found is None:
        return spot
    doc = comp.documents[found.holder]
    return replace(spot, anchor=Anchor.from_text(spot.anchor.source, "", doc.text,
                                                 found.start, found.end))
