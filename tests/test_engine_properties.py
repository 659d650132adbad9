"""Invariants of the engine, checked on generated input with hypothesis."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from span_checks import assert_spans_rebuild

from reader.core.comparison import compare
from reader.core.diff.words import EQUAL, word_diff
from reader.core.load.documents import document_from_text
from reader.core.load.segmentation import segment

WORDS = ("Moscow Beijing talks war minister treaty nuclear said the of and a visit "
         "sanctions president week relations support Ukraine weapons").split()

sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=14).map(
    lambda ws: " ".join(ws).capitalize() + ".")
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
article = st.lists(paragraph, min_size=1, max_size=8)
newline = st.sampled_from(["\n", "\r\n", "\r"])
messy_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)


@given(messy_text, st.booleans())
def test_offsets_slice_back_to_text(text, markdown):
    for p in segment(text, markdown=markdown):
        assert text[p.start:p.end] == p.text
        assert p.text.strip() == p.text and p.text


@given(article, newline)
def test_paragraph_count_matches_blocks(paras, nl):
    text = (nl + nl).join(paras)
    assert [p.text for p in segment(text)] == paras


def _docs(articles):
    return [document_from_text("\n\n".join(a), f"s{i}.txt") for i, a in enumerate(articles)]


@settings(max_examples=40, deadline=None)
@given(st.lists(article, min_size=2, max_size=5))
def test_rows_hold_every_paragraph_once_in_order(articles):
    comp = compare(_docs(articles))
    for s, doc in enumerate(comp.documents):
        seen = [p for row in comp.rows for p in row[s]]
        assert seen == list(range(len(doc.paragraphs)))


@settings(max_examples=30, deadline=None)
@given(article)
def test_file_aligned_with_itself_links_everything_identical(paras):
    docs = _docs([paras, paras])
    comp = compare(docs)
    expected = {p.index for p in docs[0].content}
    identical = {l.a[1] for l in comp.links if l.kind == "identical" and l.a[1] == l.b[1]}
    assert identical == expected
    for row in comp.rows:  # and each sits beside itself
        assert row[0] == row[1]


@settings(max_examples=60, deadline=None)
@given(paragraph, paragraph)
def test_diff_rebuilds_both_texts(a, b):
    spans = word_diff(a, b)
    assert_spans_rebuild(spans, a, b)
    for s in spans:  # equal up to how whitespace runs are written (words.SPACE)
        if s.op == EQUAL:
            assert a[s.a_start:s.a_end].split() == b[s.b_start:s.b_end].split()


@given(st.text(max_size=200), st.text(max_size=200))
def test_diff_rebuilds_arbitrary_text(a, b):
    spans = word_diff(a, b)
    assert_spans_rebuild(spans, a, b)


def test_reordered_paragraph_is_linked_across_order():
    rng = random.Random(4)
    vocabulary = ["".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou")
                          for _ in range(3)) for _ in range(400)]
    paras = [" ".join(rng.choice(vocabulary) for _ in range(25)) + "." for _ in range(6)]
    moved = paras[1:5] + [paras[0]] + paras[5:]
    comp = compare(_docs([paras, moved]))
    pairs = {(l.a[1], l.b[1]) for l in comp.links}
    assert (0, 4) in pairs  # found although it moved from first to fifth place
    assert comp.moved((0, 0)) == [(1, 4)] or comp.moved((1, 4)) == [(0, 0)]
