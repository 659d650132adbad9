"""A sentence taken from one paragraph to another reads as a move at both ends (review
10: "− I felt this delay very bitterly…" and "+ I felt this delay very bitterly…" had
been two places pointing nowhere). The texts are written for this test; the move, a
short phrase dropped in one place and added in another, and a real addition were
planted by hand."""

from __future__ import annotations

from reader.core.comparison import compare
from reader.core.load.documents import document_from_text
from reader.core.places import moved_runs, places, snippet

MOVED = "I felt this delay very bitterly, for I longed to see my native town."
FIRST = f"""Summer passed away in these occupations, and my return to Geneva was fixed for the
end of autumn. {MOVED}

The winter, however, was spent cheerfully, and the spring came on uncommonly late, he said.

When it came, its beauty compensated for its dilatoriness, and I walked with Clerval.
"""
SECOND = FIRST.replace(f" {MOVED}", "").replace(
    "uncommonly late, he said.", "uncommonly late.").replace(
    "with Clerval.", f"with Clerval. {MOVED} The roads were open, he said.")


def test_a_sentence_moved_to_another_paragraph_points_both_ways():
    comp = compare([document_from_text(FIRST, "a.txt"), document_from_text(SECOND, "b.txt")])
    diffs = comp.differences(0)
    lines = [snippet(comp, diffs[p.indices[0]], 0) for p in places(diffs)]
    assert lines[0].endswith("” (moved later)") and lines[0].startswith("“− I felt this delay")
    assert lines[-1].startswith("“+ I felt this delay") and \
        lines[-1].endswith("” (moved here from earlier)")
    # "he said", dropped in one row and added in another, is too short to be a move
    assert len(moved_runs(comp, 0)) == 2 and not any("moved" in line for line in lines[1:-1])
