"""A section of short lines moved whole: linked as moved, not added here and omitted there.

Written by hand after a review: an encyclopedia article whose later revision moves its
"Key figures" section (a heading and list items, each a one-liner) from the middle to
just under the lead. One-liners alone are never linked against the story order (a
"CHAPTER II." at a chapter break an edition moved belongs to another passage), so the
whole section read as eight additions and eight omissions, and the revision's changed
figures (14 m -> 15 m) were lost with them.
"""

from __future__ import annotations

from reader.core.comparison import compare
from reader.core.load.documents import document_from_text

LEAD = ("The Aldermoor Bridge is a wrought-iron lattice girder bridge carrying the coast "
        "road over the River Wensley between Castlebrook and the fishing village of Wensford.")
HISTORY = ["Before the bridge was built, the only crossing between Castlebrook and the sea "
           "was a chain ferry, which stopped running in winter storms and on spring tides.",
           "An Act of Parliament allowing a company to raise money for the crossing was "
           "passed in 1869, after a petition signed by the merchants of the town.",
           "The bridge was opened in September 1874 by the Lord Lieutenant, and tolls were "
           "charged on carts, cattle and walkers until the county bought it in 1921."]
FIGURES = ["## Key figures", "- Total length: 412 m", "- Longest span: 60 m",
           "- Number of spans: 7", "- Height above water: 14 m", "- Opened: 1874"]
DESIGN = ["## Design",
          "The bridge has seven spans of lattice girders resting on cast-iron cylinders sunk "
          "to bedrock, the deepest of them twenty metres below the river bed at low tide.",
          "Its engineer chose a double lattice so that the girders could be rolled out from "
          "the banks without scaffolding in the river, which the harbour board had refused."]


def _article(*parts: list[str]) -> str:
    return "\n\n".join(["# Aldermoor Bridge", LEAD, "## History", *sum(parts, [])])


def test_a_moved_section_of_one_liners_is_linked_where_it_went():
    old = document_from_text(_article(HISTORY, FIGURES, DESIGN), "old.md")
    moved = [f.replace("14 m", "15 m") for f in FIGURES]
    new = document_from_text("\n\n".join(["# Aldermoor Bridge", LEAD, *moved, "## History",
                                          *HISTORY, *DESIGN]), "new.md")
    comp = compare([old, new])
    at = {old.paragraphs[p].text: new.paragraphs[q].text  # a heading without its "## "
          for (_, p), (_, q) in ((link.a, link.b) for link in comp.links)}
    for line, now in zip(FIGURES, moved):
        assert at.get(line.lstrip("# ")) == now.lstrip("# "), line
    assert not [d for d in comp.differences(0) if d.kind in ("added", "omitted")]


def test_a_heading_moved_alone_is_not_linked_against_the_story_order():
    """One heading out of order, its section's words left where they were: the heading
    alone says too little to be a move (the aligner's rule for one-liners stands)."""
    old = document_from_text(_article(HISTORY, DESIGN), "old.md")
    new = document_from_text("\n\n".join(["# Aldermoor Bridge", LEAD, "## Design", "## History",
                                          *HISTORY, *DESIGN[1:]]), "new.md")
    comp = compare([old, new])
    design_old = next(p for p, para in enumerate(old.paragraphs) if para.text == "Design")
    design_new = next(q for q, para in enumerate(new.paragraphs) if para.text == "Design")
    assert not any(link.a == (0, design_old) and link.b == (1, design_new) and
                   link.kind == "moved" for link in comp.links)


def test_a_moved_paragraph_is_marked_moved_in_both_panes_not_only_here(qapp):
    """A paragraph the second draft moved up: the first draft's pane said "+1 ¶ only in
    [2]" where the second has it, and the second's pane put the "only here" bar beside
    it, though the first draft has it further down (⇅ showed that too). The marker now
    says the paragraph is there, moved, and no bar says it is not in the reference."""
    from PySide6.QtGui import QFont

    from reader.gui.document_builder import build_pane
    from reader.gui.story import build_story
    from reader.gui.theme import LIGHT
    old = document_from_text(_article(HISTORY, DESIGN), "old.md")
    new = document_from_text("\n\n".join(["# Aldermoor Bridge", LEAD, DESIGN[2], "## History",
                                          *HISTORY, *DESIGN[:2]]), "new.md")
    comp = compare([old, new])
    story = build_story(comp)
    moved = next(q for q, para in enumerate(new.paragraphs) if para.text == DESIGN[2])
    assert comp.moved((1, moved))
    first, second = (build_pane(comp, story, s, 0, LIGHT, QFont()) for s in (0, 1))
    labels = [m.label for pane in (first, second) for m in pane.markers.values()]
    assert "+1 ¶ in [2], moved" in labels and "+1 ¶ in [1], moved" in labels
    assert not any("only in" in label for label in labels)
    assert moved not in second.not_in_reference and moved in second.moved
