"""Perturbation tests on real seed paragraphs: one fact edited in a copy must be found.

Each case takes a real paragraph, replaces one phrase, and asks for a fact
change of the expected kind whose span in the copy covers the edit (or, for a
deletion, whose span in the original covers the deleted words). Nothing else
in the paragraph changes, so no other change may be reported either.
"""

from __future__ import annotations

import pytest

from reader.core.diff.fact_changes import fact_changes
from reader.core.load.documents import load_document, seed_paths

# (source, paragraph, old phrase, new phrase, expected kind)
CASES = [
    (0, 13, "the two sides", "the three sides", "number"),
    (1, 32, "At least seven civilians", "At least 17 civilians", "number"),
    (1, 32, "At least seven civilians", "At least seventeen civilians", "number"),
    (3, 18, "193-member", "139-member", "number"),
    (0, 1, "on Wednesday", "on Thursday", "date"),
    (0, 12, "on Tuesday", "on Monday", "date"),
    (2, 7, "December 2022", "November 2022", "date"),
    (0, 8, "Hours earlier", "Days earlier", "date"),
    (0, 12, "Vladimir Putin", "Dmitry Medvedev", "name"),
    (0, 8, "Sergei Lavrov", "Sergei Shoigu", "speaker"),  # Lavrov speaks the quote there
    (0, 4, "Xi Jinping", "Li Qiang", "name"),
    (1, 12, "” Lavrov said.", "” Putin said.", "speaker"),
    (0, 6, "Wang stated", "Putin stated", "speaker"),
    (0, 9, "“no limit.”", "“some limit.”", "quote"),
    (0, 7, "“multipolarity and", "“unipolarity and", "quote"),
    (0, 6, " and are certainly not subject to pressure from third parties.”", ".”", "quote"),
    (0, 6, "are not against", "are against", "negation"),
    (1, 20, "should not support", "should support", "negation"),
    (0, 3, "has expressed concern", "has not expressed concern", "negation"),
    (0, 6, "Wang stated", "Wang admitted", "attribution"),
    (0, 14, "Putin said", "Putin denied", "attribution"),
    (0, 3, "China is sending", "China is reportedly sending", "hedge"),
    (0, 1, "Beijing may be offering", "Beijing is offering", "hedge"),
]


@pytest.fixture(scope="module")
def docs():
    return [load_document(p) for p in seed_paths()]


@pytest.mark.parametrize("source, para, old, new, kind", CASES)
def test_edited_fact_is_found(docs, source, para, old, new, kind):
    a = docs[source].paragraphs[para].text
    assert a.count(old) == 1, "the case must name one place"
    at = a.index(old)
    b = a.replace(old, new)
    found = fact_changes(a, b)
    edit_a, edit_b = (at, at + len(old)), (at, at + len(new))

    def near(span, edit):
        return span is not None and span[0] < edit[1] and edit[0] < span[1]

    touching = [c for c in found if near(c.b_span, edit_b) or near(c.a_span, edit_a)]
    assert any(c.kind == kind for c in touching), \
        f"{kind} change not found; reported: {[c.label for c in found]}"
    assert touching == found, f"changes away from the edit: {[c.label for c in found]}"


def test_unchanged_paragraph_has_no_fact_changes(docs):
    for doc in docs:
        for p in doc.paragraphs:
            assert fact_changes(p.text, p.text) == []


def test_number_words_and_digits_are_one_fact():
    assert fact_changes("At least fifteen people died on Friday.",
                        "At least 15 people died on Friday.") == []


def test_person_under_a_shorter_name_is_no_change():
    assert [c for c in fact_changes("Foreign minister Wang Yi said so.", "Mr Wang said so.")
            if c.kind == "name"] == []


def test_other_scripts_do_not_break():
    text = "Путин встретился с Ван И в среду. 王毅周三在莫斯科会见了普京。"
    assert fact_changes(text, text + " 两国") is not None
