"""Manual alignment fixes on top of the engine's links (reader/core/fixes.py).

Two short hand-written versions of a harbour story: paragraphs 0, 1 and 3
say the same in both (the engine links them); paragraph 2 differs (a bakery
in A, the pier in B), so the engine leaves it unlinked.
"""

from __future__ import annotations

import pytest

from reader.core.comparison import compare
from reader.core.fixes import AddFix, EditHistory, Fix, RemoveFix, apply_fixes, make_fix, set_by
from reader.core.load.documents import document_from_text

A = """The harbour council approved a new ferry timetable on Monday after months of complaints from commuters.

Ferries will now leave every twenty minutes during the morning rush, the council said.

A local bakery won the regional bread competition for the third year running.

Weather forecasters expect heavy rain across the coast for the rest of the week.
"""
B = """After months of commuter complaints, the harbour council on Monday approved a new timetable for ferries.

During the morning rush ferries will now depart every twenty minutes, according to the council.

Officials also announced repairs to the old pier, which closed last winter.

Heavy rain is expected along the coast for the rest of the week, forecasters said.
"""
# A edited before its paragraph 2: a paragraph inserted at the top, paragraph 0 reworded.
A_EDITED = "A late update to this story follows the council meeting.\n\n" + A.replace(
    "on Monday after months", "on Monday evening after many months")


def _compare(a: str = A, b: str = B):
    return compare([document_from_text(a, "a.txt"), document_from_text(b, "b.txt")])


def _pairs(comp) -> set:
    return {(link.a, link.b) for link in comp.links}


@pytest.fixture(scope="module")
def comp():
    engine = _compare()
    # What the engine finds on its own, checked by reading the two texts.
    assert _pairs(engine) == {((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 3), (1, 3))}
    return engine


def test_link_is_set_by_hand_and_shares_a_row(comp):
    fixed = apply_fixes(comp, [make_fix("link", comp, [(0, 2)], [(1, 2)])]).comparison
    hand = [link for link in fixed.links if set_by(link) == "hand"]
    assert [(link.a, link.b) for link in hand] == [((0, 2), (1, 2))]
    assert fixed.row_of[(0, 2)] == fixed.row_of[(1, 2)]
    assert all(set_by(link) == "engine" for link in fixed.links if link not in hand)


def test_unlink_removes_a_wrong_pair_and_separates_the_rows(comp):
    fixed = apply_fixes(comp, [make_fix("unlink", comp, [(0, 1)], [(1, 1)])]).comparison
    assert ((0, 1), (1, 1)) not in _pairs(fixed)
    assert fixed.row_of[(0, 1)] != fixed.row_of[(1, 1)]
    assert ((0, 0), (1, 0)) in _pairs(fixed)  # the rest is left as the engine had it


def test_only_here_leaves_the_paragraph_alone_in_its_row(comp):
    fixed = apply_fixes(comp, [make_fix("only-here", comp, [(1, 3)])]).comparison
    assert fixed.links_of((1, 3)) == []
    row = fixed.rows[fixed.row_of[(1, 3)]]
    assert row == [[], [3]]


def test_merge_puts_three_paragraphs_in_one_row(comp):
    fixed = apply_fixes(comp, [make_fix("merge", comp, [(0, 2), (1, 2), (1, 3)])]).comparison
    assert fixed.row_of[(0, 2)] == fixed.row_of[(1, 2)] == fixed.row_of[(1, 3)]


def test_split_takes_a_paragraph_out_of_its_row(comp):
    fixed = apply_fixes(comp, [make_fix("split", comp, [(1, 0)])]).comparison
    assert fixed.rows[fixed.row_of[(1, 0)]] == [[], [0]]


def test_a_later_fix_wins_over_an_earlier_one(comp):
    link = make_fix("link", comp, [(0, 2)], [(1, 2)])
    unlink = make_fix("unlink", comp, [(0, 2)], [(1, 2)])
    assert ((0, 2), (1, 2)) not in _pairs(apply_fixes(comp, [link, unlink]).comparison)
    assert ((0, 2), (1, 2)) in _pairs(apply_fixes(comp, [unlink, link]).comparison)


def test_link_within_one_source_is_refused(comp):
    with pytest.raises(ValueError, match="two different sources"):
        make_fix("link", comp, [(0, 1)], [(0, 2)])


def test_fix_survives_an_edit_before_its_paragraph_and_realignment(comp):
    fixes = [make_fix("link", comp, [(0, 2)], [(1, 2)]),
             make_fix("unlink", comp, [(0, 1)], [(1, 1)])]
    edited = _compare(A_EDITED)
    applied = apply_fixes(edited, fixes)
    assert applied.unplaced == []
    bakery = edited.documents[0].paragraphs[3]
    assert bakery.text.startswith("A local bakery")  # moved from paragraph 2 to 3
    pairs = _pairs(applied.comparison)
    assert ((0, 3), (1, 2)) in pairs
    assert ((0, 2), (1, 1)) not in pairs  # the ferries pair, shifted too, stays unlinked
    assert applied.comparison.row_of[(0, 3)] == applied.comparison.row_of[(1, 2)]


def test_fix_whose_paragraph_is_gone_is_kept_and_reported(comp):
    fixes = [make_fix("link", comp, [(0, 2)], [(1, 2)])]
    without_bakery = A.replace(
        "A local bakery won the regional bread competition for the third year running.\n\n", "")
    applied = apply_fixes(_compare(without_bakery), fixes)
    assert [n for n, _fix, _why in applied.unplaced] == [0]
    assert "could not be placed" in applied.report()[0] and "kept" in applied.report()[0]
    assert len(fixes) == 1


def test_undo_and_redo_of_fixes(comp):
    fixes: list[Fix] = []
    history = EditHistory()
    first = make_fix("link", comp, [(0, 2)], [(1, 2)])
    second = make_fix("only-here", comp, [(1, 3)])
    history.push(AddFix(fixes, first))
    history.push(AddFix(fixes, second))
    assert fixes == [first, second]
    assert history.undo() and fixes == [first]
    assert history.redo() and fixes == [first, second]
    history.push(RemoveFix(fixes, 0))
    assert fixes == [second]
    assert history.undo() and fixes == [first, second]
    assert history.undo() and history.undo() and fixes == []
    assert not history.undo()


def test_fix_json_round_trip_and_bad_fixes(comp):
    fix = make_fix("merge", comp, [(0, 2), (1, 2)])
    assert Fix.from_json(fix.to_json()) == fix
    with pytest.raises(ValueError, match="unknown fix"):
        Fix.from_json({"op": "glue", "groups": [[fix.to_json()["groups"][0][0]]]})
    with pytest.raises(ValueError, match="needs 2 group"):
        Fix.from_json({"op": "link", "groups": fix.to_json()["groups"]})


def test_fixes_correct_every_wrong_pairing_in_the_seeds(seed_comparison):
    from seed_truth import ACCEPTABLE, MUST

    def found(comp):
        return {(l.a[0], l.a[1], l.b[0], l.b[1]) for l in comp.links}

    wrong = found(seed_comparison) - MUST - ACCEPTABLE
    missed = MUST - found(seed_comparison)
    fixes = [make_fix("unlink", seed_comparison, [(a, p)], [(b, q)]) for a, p, b, q in wrong]
    fixes += [make_fix("link", seed_comparison, [(a, p)], [(b, q)]) for a, p, b, q in missed]
    applied = apply_fixes(seed_comparison, fixes)
    fixed = applied.comparison
    assert applied.unplaced == []
    assert not found(fixed) - MUST - ACCEPTABLE
    assert MUST <= found(fixed)
    assert len(fixed.links) == len(seed_comparison.links) - len(wrong) + len(missed)


def test_merge_within_one_source_is_refused(comp):
    with pytest.raises(ValueError, match="at least two sources"):
        make_fix("merge", comp, [(1, 1), (1, 2)])


def test_linking_what_the_engine_linked_marks_it_set_by_hand(comp):
    fixed = apply_fixes(comp, [make_fix("link", comp, [(0, 0)], [(1, 0)])]).comparison
    (link,) = fixed.links_of((0, 0))
    engine_link = comp.links_of((0, 0))[0]
    assert set_by(link) == "hand" and set_by(engine_link) == "engine"
    assert (link.kind, link.score) == (engine_link.kind, engine_link.score)


def test_fix_follows_its_paragraph_when_the_paragraph_itself_is_reworded(comp):
    fixes = [make_fix("link", comp, [(0, 2)], [(1, 2)])]
    reworded = A.replace("bread competition for the third", "bread contest for a third")
    applied = apply_fixes(_compare(reworded), fixes)
    assert applied.unplaced == []
    assert applied.placed[0] == [[(0, 2)], [(1, 2)]]
