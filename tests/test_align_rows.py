"""The steps after pairwise alignment (triangles, groups, rows) against plain references.

The fast versions read only part of the links (sets already linked all to
all, links that share nothing) or index them by arrays; each is checked here
against the plain reading of every link on generated graphs of near-copies.
"""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.align import consistency
from reader.core.align.consistency import link_ends, merge_groups, triangle_gaps
from reader.core.align.rows import (
    _cell_weights,
    _fold_in,
    _Layout,
    _source_order,
    _Ties,
    build_rows,
)


@st.composite
def near_copies(draw):
    """Links among n sources of a few paragraphs: each row mostly linked all to all, a few
    links missing or wrong, some given twice or the other way round, some within a source."""
    n = draw(st.integers(2, 6))
    paras = draw(st.integers(1, 5))
    confidence = st.sampled_from([0.9, 0.9, 1.0, 0.5, 0.3])
    links = []
    for p in range(paras):
        members = [(s, p) for s in range(n) if draw(st.booleans()) or s < 2]
        for i, x in enumerate(members):
            for y in members[i + 1:]:
                if draw(st.integers(0, 9)):  # one in ten left out
                    links.append((x, y, draw(confidence)))
    stray = st.tuples(st.integers(0, n - 1), st.integers(0, paras - 1))
    for x, y in draw(st.lists(st.tuples(stray, stray), max_size=4)):
        links.append((x, y, draw(confidence)))
    if links:
        for k in draw(st.lists(st.integers(0, len(links) - 1), max_size=3)):
            x, y, c = links[k]
            links.append((y, x, c) if draw(st.booleans()) else (x, y, draw(confidence)))
    return n, paras, draw(st.permutations(links))


def _gaps_reference(links):
    """Every via's sure partners, each pair tested (the first via in order names a pair)."""
    sure, partners_of = defaultdict(set), defaultdict(set)
    for a, b, confidence in links:
        partners_of[a].add(b)
        partners_of[b].add(a)
        if confidence >= consistency.SURE:
            sure[a].add(b)
            sure[b].add(a)
    found = {}
    for via, partners in sure.items():
        for x in partners:
            for y in partners - partners_of[x]:
                if x[0] < y[0]:
                    found.setdefault((x, y), via)
    return found


@settings(max_examples=300, deadline=None)
@given(near_copies())
def test_triangle_gaps_are_those_of_every_via(graph):
    _, _, links = graph
    saved = consistency.CLIQUE_CHECK_FROM
    consistency.CLIQUE_CHECK_FROM = 0  # the complete sets are skipped even in small graphs
    try:
        assert triangle_gaps(links) == _gaps_reference(links)
    finally:
        consistency.CLIQUE_CHECK_FROM = saved


def test_a_complete_set_proposes_nothing_and_a_missing_link_is_found():
    row = [(s, 0) for s in range(4)]
    complete = [(x, y, 0.9) for i, x in enumerate(row) for y in row[i + 1:]]
    filler = [((0, p), (1, p), 0.9) for p in range(1, 200)]  # past CLIQUE_CHECK_FROM
    assert triangle_gaps(complete + filler) == {}
    gapped = [link for link in complete if link[:2] != ((1, 0), (3, 0))]
    assert triangle_gaps(gapped + filler) == {((1, 0), (3, 0)): (0, 0)}


def _groups_reference(pairs):
    """Union-find over every link of each pair of sources; sets of two or more numbered."""
    groups = {}
    by_pair = defaultdict(list)
    for k, (a, b) in enumerate(pairs):
        by_pair[(a[0], b[0])].append(k)
    for _, members in sorted(by_pair.items()):
        parent = {}

        def root(x, parent=parent):
            while parent.get(x, x) != x:
                x = parent[x]
            return x
        for k in members:
            ra, rb = root(pairs[k][0]), root(pairs[k][1])
            if ra != rb:
                parent[ra] = rb
        sizes = defaultdict(int)
        for k in members:
            sizes[root(pairs[k][0])] += 1
        ids, first = {}, len(set(groups.values()))
        for k in members:
            if sizes[root(pairs[k][0])] > 1:
                groups[k] = first + ids.setdefault(root(pairs[k][0]), len(ids))
    return groups


@settings(max_examples=300, deadline=None)
@given(near_copies())
def test_merge_groups_are_the_connected_sets_of_every_link(graph):
    _, _, links = graph
    pairs = [(a, b) for a, b, _ in links]
    assert merge_groups(link_ends(pairs)) == _groups_reference(pairs)


def test_a_split_is_one_group_and_lone_links_none():
    pairs = [((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 1), (1, 2)), ((0, 2), (1, 3))]
    assert merge_groups(link_ends(pairs)) == {1: 0, 2: 0}


def _cells_reference(rows, s, links):
    """Each (row, paragraph of s) cell's links summed walking the rows (a pair given twice
    weighs what it was given last)."""
    weight = {}
    for a, p, b, q, w in links:
        weight[(a, p, b, q)] = weight[(b, q, a, p)] = w
    cells = {}
    for r, row in enumerate(rows):
        for src, paras in enumerate(row):
            for p in paras:
                for (a, pa, b, q), w in weight.items():
                    if (a, pa, b) == (src, p, s):
                        cells[(r, q)] = cells.get((r, q), 0.0) + w
    return dict(sorted(cells.items()))


@settings(max_examples=200, deadline=None)
@given(near_copies())
def test_each_fold_weighs_the_cells_the_rows_link(graph):
    n, paras, found = graph
    counts = [paras] * n
    links = [(a[0], a[1], b[0], b[1], c) for a, b, c in found]
    ties = _Ties(counts, links)
    order = _source_order(n, ties.pair_weights())
    layout = _Layout(counts, order[0])
    for s in order[1:]:
        assert _cell_weights(layout, s, paras, ties) == _cells_reference(layout.rows, s, links)
        _fold_in(layout, s, ties)
        at = {int(layout.offset[src]) + p: r for r, row in enumerate(layout.rows)
              for src, ps in enumerate(row) for p in ps}
        assert {g: layout.ids.index(int(layout.row_of[g])) for g in at} == at
    assert layout.rows == build_rows(counts, links)
    for s in range(n):
        assert [p for row in layout.rows for p in row[s]] == list(range(paras))


def test_a_pair_given_twice_weighs_what_it_was_given_last():
    diagonal = [(0, p, 1, p, 1.0) for p in range(3)]
    heavy = diagonal + [(0, 0, 1, 1, 5.0)]
    assert build_rows([3, 3], heavy)[0] == [[0], [0, 1]]  # the heavy link pulls a split
    lightened = heavy + [(1, 1, 0, 0, 0.1)]
    assert build_rows([3, 3], lightened) == [[[p], [p]] for p in range(3)]


def test_components_are_scipys_connected_sets():
    """``components`` (labels spread along edges) splits random graphs, with self-loops,
    repeated edges and lone nodes, into the sets scipy's ``connected_components`` finds."""
    import numpy as np
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    from reader.core.align.consistency import components
    rng = np.random.default_rng(7)
    for _ in range(300):
        n = int(rng.integers(1, 60))
        edges = int(rng.integers(0, 2 * n))
        ia, ib = rng.integers(0, n, edges), rng.integers(0, n, edges)
        label = components(n, ia, ib)
        _, theirs = connected_components(
            sparse.coo_matrix((np.ones(edges), (ia, ib)), shape=(n, n)), directed=False)
        same_ours = label[:, None] == label[None, :]
        assert (same_ours == (theirs[:, None] == theirs[None, :])).all()
        assert (label == np.array([min(np.flatnonzero(label == label[k])) for k in range(n)])).all()


def test_a_link_joined_through_a_chain_of_merges_is_in_its_group():
    """Found by the property test above: the union-find ``merge_groups`` had before it
    used ``components`` (its path halving, ``x = parent[x] = ...``, assigned ``parent`` at
    the new ``x``) made a paragraph a root of its own, and a link joined to the set only
    through it was left out of the group."""
    pairs = [((0, 0), (1, 0)), ((0, 2), (1, 2)), ((0, 0), (1, 1)), ((0, 0), (1, 2))]
    assert merge_groups(link_ends(pairs)) == {0: 0, 1: 0, 2: 0, 3: 0}
