"""A comparison's way from the alignment child to the window (``reader.gui.transfer``):
what arrives in pieces, pickled by the child itself, is the comparison that was sent."""

from __future__ import annotations

import pytest

from reader.core.comparison import Comparison, compare
from reader.core.load.documents import seed_paths
from reader.core.pipeline import load_all
from reader.gui.story import build_story
from reader.gui.transfer import Assembly, comparison_pieces, packed


@pytest.fixture(scope="module")
def comp() -> Comparison:
    docs, errors = load_all(seed_paths())
    assert not errors
    return compare(docs)


def _sent(comp: Comparison, links_per_piece: int, monkeypatch) -> Comparison:
    monkeypatch.setattr("reader.gui.transfer.LINKS_PER_PIECE", links_per_piece)
    assembly = Assembly()
    for piece in comparison_pieces(comp):
        assembly.take(*packed(piece))
    return assembly.comparison()


@pytest.mark.parametrize("links_per_piece", [1, 7, 100_000])
def test_a_comparison_sent_in_packed_pieces_arrives_whole(comp, links_per_piece, monkeypatch):
    got = _sent(comp, links_per_piece, monkeypatch)
    assert got.links == comp.links and got.rows == comp.rows
    assert [d.text for d in got.documents] == [d.text for d in comp.documents]


@pytest.mark.parametrize("links_per_piece", [1, 7, 100_000])
def test_the_links_lookup_built_on_arrival_is_the_comparisons_own(comp, links_per_piece,
                                                                  monkeypatch):
    """Built a piece at a time while the pieces arrive, the lookup must list the same links
    in the same order as the one a comparison builds itself (the panes, the story and
    the exports read it)."""
    got = _sent(comp, links_per_piece, monkeypatch)
    fresh = Comparison(got.documents, got.links, got.rows)
    refs = {(s, p.index) for s, d in enumerate(got.documents) for p in d.paragraphs}
    assert any(len(fresh.links_of(ref)) > 1 for ref in refs)  # the order is put to the test
    assert all(got.links_of(ref) == fresh.links_of(ref) for ref in refs)
    assert build_story(got) == build_story(comp)


def test_a_piece_that_is_not_a_comparisons_is_refused():
    assembly = Assembly()
    assert not assembly.take(*packed(("progress", (1, 2))))
    assert assembly.links == [] and assembly.rows is None
