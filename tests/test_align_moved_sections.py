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


def _moved_up() -> tuple:
    """The old draft, and a new one that moves the last Design paragraph up under the lead
    (the paragraph read by hand: in the old draft it is the article's last)."""
    old = document_from_text(_article(HISTORY, DESIGN), "old.md")
    new = document_from_text("\n\n".join(["# Aldermoor Bridge", LEAD, DESIGN[2], "## History",
                                          *HISTORY, *DESIGN[:2]]), "new.md")
    return old, new


def test_each_end_of_a_move_says_which_end_it_is_and_which_way_the_text_went():
    """A move is two places, where the reference has the paragraph and where the source
    has it. Both read "[2] has elsewhere", the same words twice: which was the paragraph's
    old place, and did it go up or down? Now the reference's end says "later" or
    "earlier" and the source's end "here", in the reader's dock and on the command line
    (``place_says``) and in the exports' change list."""
    from reader.core.export.report import change_list
    from reader.core.places import place_says, places
    old, new = _moved_up()
    for docs, reference_end in (([old, new], "[2] moves it earlier"),
                                ([new, old], "[2] moves it later")):
        comp = compare(docs)
        diffs = comp.differences(0)
        said = [place_says(diffs, place, [1, 2, 3]) for place in places(diffs)]
        assert reference_end in said and "[2] moves it here" in said, said
        assert not any("elsewhere" in line for line in said)
        items = [item.label for item in change_list(comp, 0, set(range(len(comp.rows))))
                 if item.kind == "moved"]
        way = reference_end.rsplit(" ", 1)[1]
        assert len(items) == 2 and items[0].startswith("moves ") and \
            {item.split(":")[0].rsplit(" ", 1)[1] for item in items} == {way, "here"}, items


def test_the_story_maps_mark_a_move_as_moved_not_added_here_and_left_out_there(qapp):
    """The export's story map marked the moved paragraph "+" (only this source) where the
    source has it and "−" (left out) where the reference has it; the reader's map drew the
    reference's paragraph green, "only this one". It is in both: ⇅ in the export, and the
    reader's map counts the source that has it elsewhere."""
    from reader.core.export.html_export import MAP_LEGEND, MAP_MARKS, map_mark
    from reader.core.export.report import ExportOptions, build_report
    from reader.gui.story import build_story
    old, new = _moved_up()
    third = document_from_text(_article(HISTORY, DESIGN), "third.md")
    comp = compare([old, new, third])
    report = build_report(comp, [], ExportOptions())
    moved = next(q for q, para in enumerate(new.paragraphs) if para.text == DESIGN[2])
    kept = next(p for p, para in enumerate(old.paragraphs) if para.text == DESIGN[2])
    new_row, old_row = comp.row_of[(1, moved)], comp.row_of[(0, kept)]
    assert new_row != old_row
    assert map_mark(report, new_row, 1) == map_mark(report, old_row, 1) == "moved"
    assert map_mark(report, old_row, 2) == "same"  # the third keeps it where [1] has it
    assert MAP_MARKS["moved"] in MAP_LEGEND
    two = compare([old, new])
    story = build_story(two)
    k = story.of_ref[(0, kept)]
    assert story.passages[k].sources == [0] and story.spread(k) == "all"


def test_the_command_lines_place_detail_points_each_end_of_a_move_at_the_other(capsys, tmp_path):
    """``parallax align --difference N`` showed the source's empty cell at the reference's
    end as "(not in this source here)" and its paragraph at the other end as "(not linked
    to the reference)", though it is linked, one place away. Each end now names the other."""
    from test_saved_cli import run
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(_article(HISTORY, DESIGN), encoding="utf-8")
    new.write_text("\n\n".join(["# Aldermoor Bridge", LEAD, DESIGN[2], "## History", *HISTORY,
                                *DESIGN[:2]]), encoding="utf-8")
    listed = run(capsys, "align", "--differences", str(old), str(new))[1].splitlines()
    here = next(n for n, line in enumerate(listed, 1) if "[2] moves it here" in line)
    away = next(n for n, line in enumerate(listed, 1) if "[2] moves it earlier" in line)
    status, out, _err = run(capsys, "align", "--difference", str(away), str(old), str(new))
    assert status == 0 and f"[2]: (not here: moved to place {here})" in out.splitlines()
    status, out, _err = run(capsys, "align", "--difference", str(here), str(old), str(new))
    assert status == 0 and f"[2] (moved from place {away}): Its engineer chose" in out
    assert "not linked" not in out


def test_the_readers_story_map_marks_a_moved_paragraph_blue_at_both_ends(qapp):
    """On the reader's map, the source's lane had its moved paragraph blue where it stands,
    but nothing where the reference has it (a paragraph left out gets a thin red bar), and
    the reference's lane drew that paragraph green, "only this one". Now the source's lane
    has a thin blue bar there and the reference's lane is grey: both carry it."""
    from PySide6.QtGui import QColor

    from reader.gui.story import build_story
    from reader.gui.story_map import StoryMap
    from reader.gui.theme import LIGHT
    old, new = _moved_up()
    comp = compare([old, new])
    story = build_story(comp)
    smap = StoryMap(LIGHT)
    smap.resize(smap.width(), 600)
    smap.set_story(story, comp, comp.differences(0), 0)
    kept = next(p for p, para in enumerate(old.paragraphs) if para.text == DESIGN[2])
    moved = next(q for q, para in enumerate(new.paragraphs) if para.text == DESIGN[2])
    away, here = story.of_ref[(0, kept)], story.of_ref[(1, moved)]
    assert smap.kinds[(1, away)] == smap.kinds[(1, here)] == "moved"
    image = smap.grab().toImage()

    def colour(lane: int, k: int, dx: float) -> QColor:
        y = smap._y((smap.words[k] + smap.words[k + 1]) / 2)
        return image.pixelColor(int(smap._lane_x(lane) + dx), int(y))

    middle = smap.lane_width() / 2
    assert colour(1, away, middle) == QColor(LIGHT.moved)  # the thin bar where it was
    assert colour(1, here, middle) == QColor(LIGHT.moved)
    assert colour(0, away, middle) != QColor(LIGHT.unique)  # not "only this one"
