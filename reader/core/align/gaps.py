"""What lies between two links: pieces, titles, rewritten regions, moved breaks.

Once the sure links of two sources are in story order, each gap between
consecutive links is read as a unit; the order itself vouches for links
that the words alone would not carry.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.core.align.candidates import best_by
from reader.core.align.sentences import SENTENCE_HINT, SENTENCE_MATCH
from reader.core.align.sides import SHORT_WORDS, Side
from reader.core.align.similarity import row_dot

SUPPORT_MATCH = 0.13
"""Best sentence cosine that links a pair whose diagonal neighbour is linked (order vouches)."""
BREAK_SHARE = 0.2
"""Share of each side a pair across a moved paragraph break must have in common."""
COMPLETE = 0.9
"""Share of a paragraph found in its partner above which nothing of it went elsewhere."""
REGION_HINT = 0.08
"""Paragraph cosine that lets two unlinked passages between anchors form a rewritten region."""
REGION_MAX = 3
"""Gaps with more paragraphs than this on a side are insertions, not one rewrite."""


def by_order(how: dict, pairs: dict, fits: Callable[[tuple[int, int]], bool], a: Side,
             b: Side) -> None:
    """Weak pairs the story's order vouches for.

    A heavy rewrite keeps the order of the story. When the paragraphs just
    before (or just after) a pair are linked to each other, neither side of
    the pair is linked elsewhere, and each is the other's best remaining
    candidate, a modest sentence match is enough.
    """
    linked_a = {i for i, _ in how}
    linked_b = {j for _, j in how}
    free = {k: p for k, p in pairs.items()
            if k[0] not in linked_a and k[1] not in linked_b and fits(k)
            and not (a.short[k[0]] or b.short[k[1]])}
    best_a, best_b = best_by({k: p.strength for k, p in free.items()})
    for (i, j), pair in sorted(free.items()):
        if best_a[i][1] != j or best_b[j][1] != i or pair.best < SUPPORT_MATCH:
            continue
        if (i - 1, j - 1) in how or (i + 1, j + 1) in how:
            how[(i, j)] = "order"


def fill_gaps(how: dict, cands: dict, pairs: dict, a: Side, b: Side) -> None:
    """Paragraphs left unlinked between two linked passages.

    The gap between consecutive links (or before the first and after the
    last) is read as a unit. When only one side has paragraphs there, each
    is most likely a piece split off a neighbour (``_split_pieces``), and a
    heading there may be the title the other source prints inline
    (``_inline_title``). When both sides do, their unlinked headings pair up
    by position if they are as many, and a few text paragraphs on each side
    that share some words are one rewritten region.

    Only the order of linked passages vouches for such pairs: two sources with
    no link at all are two different stories, and their headlines share a
    place (the top) but no content.
    """
    if not how:
        return
    linked_a = {i for i, _ in how}
    linked_b = {j for _, j in how}
    bounds = [(-1, -1)] + sorted(k for k, h in how.items() if h != "moved") + [(len(a), len(b))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        if i1 - i0 < 2 and j1 - j0 < 2:  # nothing between: most links follow the last
            continue
        ga = [i for i in range(i0 + 1, i1) if i not in linked_a]
        gb = [j for j in range(j0 + 1, j1) if j not in linked_b]
        if bool(ga) != bool(gb):
            for k in _split_pieces(ga, gb, (i0, j0), (i1, j1), pairs):
                how[k] = "order"
            titles = [(i, j1) for i in ga if a.short[i] and not a.notice[i]] + \
                [(i1, j) for j in gb if b.short[j] and not b.notice[j]]
            for k in titles:
                if k not in how and k[0] < len(a) and k[1] < len(b) and _inline_title(a, b, k):
                    how[k] = "heading"
            continue
        ha = [i for i in ga if a.heading[i] and not a.notice[i]]  # a notice: by its words only
        hb = [j for j in gb if b.heading[j] and not b.notice[j]]
        if ha and len(ha) == len(hb):
            how.update({(i, j): "heading" for i, j in zip(ha, hb)})
        ta = [i for i in ga if not a.heading[i]]
        tb = [j for j in gb if not b.heading[j]]
        if ta and tb and len(ta) <= REGION_MAX and len(tb) <= REGION_MAX:
            for k in ((i, j) for i in ta for j in tb):
                if cands.get(k, 0.0) >= REGION_HINT:
                    how[k] = "region"


def repaginated(how: dict, pairs: dict) -> None:
    """Re-paragraphed passages: where (i, j) and (i+1, j+1) are linked, a paragraph break moved.

    If the text of i is not all found in j, nor that of j+1 in i+1, the
    missing part may have changed sides of the break: the crossing pair
    (i, j+1) is then linked on one strong sentence match
    (``SENTENCE_MATCH``) covering ``BREAK_SHARE`` of each; likewise (i+1, j).
    """
    def partial(k: tuple[int, int], side: int) -> bool:
        pair = pairs.get(k)
        return pair is not None and (pair.cover_a, pair.cover_b)[side] < COMPLETE

    for i, j in [k for k, h in how.items() if h != "moved"]:
        if how.get((i + 1, j + 1), "moved") == "moved":
            continue
        for k, first, second in (((i, j + 1), 0, 1), ((i + 1, j), 1, 0)):
            if (k not in how and k in pairs and pairs[k].best >= SENTENCE_MATCH
                    and min(pairs[k].cover_a, pairs[k].cover_b) >= BREAK_SHARE
                    and partial((i, j), first) and partial((i + 1, j + 1), second)):
                how[k] = "order"


def _inline_title(a: Side, b: Side, key: tuple[int, int]) -> bool:
    """Whether the paragraph after a heading's gap opens with that title, run into its text.

    A manuscript writes "Chap. 13 Nothing is more painful..." where the
    edition prints "CHAPTER I." on a line of its own: the paragraph's first
    sentence is a fragment (fewer than ``SHORT_WORDS`` content words) that
    shares some of the heading's features (``REGION_HINT``).
    """
    i, j = key
    heading_side, other, unit = (a, b, j) if a.short[i] else (b, a, i)
    first = int(other.first[unit])
    if other.space.content_words[first] >= SHORT_WORDS:
        return False
    row = int(heading_side.first[i if heading_side is a else j])
    return row_dot(a.space.sentences, row, first) >= REGION_HINT


def _split_pieces(ga: list[int], gb: list[int], before: tuple[int, int], after: tuple[int, int],
                  pairs: dict) -> list[tuple[int, int]]:
    """One-sided gap: each paragraph there joins the neighbour it shares a sentence with.

    When the paragraphs on both sides of the gap are linked to one and the
    same paragraph, the gap is surely a piece of it: order alone vouches and
    ``SUPPORT_MATCH`` is enough. Otherwise the piece must have been cut from
    that neighbour: at least ``BREAK_SHARE`` of it found there, or it is new
    text that merely echoes one phrase of the neighbour (1831's added Clerval
    paragraph beside 1818's travel plan).
    """
    side = 1 if ga else 0  # which coordinate holds the neighbours
    sandwiched = before[side] == after[side]
    out = []
    for x in ga or gb:
        keys = [(x, n[1]) if ga else (n[0], x) for n in (before, after)]
        scored = [(pairs[k].best, k) for k in keys if k in pairs and (
            sandwiched or (pairs[k].cover_a, pairs[k].cover_b)[1 - side] >= BREAK_SHARE)]
        if scored and max(scored)[0] >= (SUPPORT_MATCH if sandwiched else SENTENCE_HINT):
            out.append(max(scored)[1])
    return out
