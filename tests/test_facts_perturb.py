"""Perturbation tests on real seed paragraphs: one fact edited in a copy must be found.

Each case takes a real paragraph, replaces one phrase, and asks for a fact
change of the expected kind whose span in the copy covers the edit (or, for a
deletion, whose span in the original covers the deleted words). Nothing else
in the paragraph changes, so no other change may be reported either.
"""

from __future__ import annotations

import pytest

from reader.core.diff.fact_changes import fact_changes
from reader.core.diff.facts import name_context
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
    # A capital stands for its state (facts.METONYMS), so another capital is another state.
    (0, 12, "that Moscow will suspend", "that Kyiv will suspend", "name"),
    # The speaker named before a titled apposition ("Yu Jie, a senior research fellow …
    # at British think tank Chatham House, said … that “…”") is the person, not the place.
    (1, 31, "Yu Jie, a senior", "Li Wei, a senior", "speaker"),
]

# Equal facts in other words: each edit must give no fact change at all.
SAME = [
    (0, 12, "that Moscow will suspend", "that Russia will suspend"),  # capital for state
    (0, 13, "follows Moscow’s cancellation", "follows the Kremlin’s cancellation"),
    (1, 15, "with the United States over", "with Washington over"),
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


@pytest.mark.parametrize("source, para, old, new", SAME)
def test_equal_fact_in_other_words_is_no_change(docs, source, para, old, new):
    a = docs[source].paragraphs[para].text
    assert a.count(old) == 1, "the case must name one place"
    assert fact_changes(a, a.replace(old, new)) == []


def _context(doc):
    return name_context([p.text for p in doc.paragraphs if not p.boilerplate])


@pytest.mark.parametrize("source, para, old, new, changed", [
    # "the Russian leader" is Putin (a Russian President): no change ...
    (0, 12, "Russian President Vladimir Putin", "the Russian leader", False),
    # ... and "the Chinese President" is Xi, whose nationality 003 leaves unsaid ...
    (0, 4, "Chinese President Xi Jinping will", "the Chinese President will", False),
    # ... but not Wang, the Chinese foreign minister: a role sharing only "Chinese".
    (0, 8, "Hours earlier, Wang held", "Hours earlier, the Chinese President held", True),
])
def test_a_role_stands_for_the_person_whose_titles_it_names(docs, source, para, old, new,
                                                            changed):
    context = _context(docs[source])
    a = docs[source].paragraphs[para].text
    assert a.count(old) == 1
    names = [c for c in fact_changes(a, a.replace(old, new), context, context)
             if c.kind == "name"]
    assert bool(names) == changed, [c.label for c in names]


def test_a_full_stop_inside_a_closing_quote_ends_the_sentence(docs):
    """001 p10 ends in a garbled sentence after “….” (lower-case "and questioning … the
    meeting with Putin."); 003 p9 renders the quote, not that sentence: naming no Putin
    there is no dropped name."""
    a, b = docs[1].paragraphs[10].text, docs[3].paragraphs[9].text
    found = fact_changes(a, b, _context(docs[1]), _context(docs[3]))
    assert [c.label for c in found if c.kind == "name"] == []


def test_a_sentence_sharing_only_a_verb_of_saying_is_not_shared(docs):
    """“It’s not what I want,” he said. shares only "said" with a paraphrase that
    drops it: its negation is no change of the shared sentences."""
    a = docs[1].paragraphs[31].text
    cut = "It’s not what I want,” he said. "
    assert a.count(cut) == 1
    assert [c for c in fact_changes(a, a.replace(cut, "")) if c.kind == "negation"] == []


def test_a_reworded_sentence_with_a_changed_fact_keeps_its_added_facts(docs):
    """The anchor: 003 rewords 000's sentence wholesale ("repeating Russia’s claims that
    the West and NATO are to blame" / "echoed Moscow’s accusations that the United States
    and NATO are responsible … by “provoking” Russia") and names another accused; the
    swapped name shows the sentence is shared, so its new quotation counts."""
    a, b = docs[0].paragraphs[10].text, docs[3].paragraphs[11].text
    kinds = {(c.kind, c.op) for c in fact_changes(a, b, _context(docs[0]), _context(docs[3]))}
    assert {("name", "changed"), ("quote", "added")} <= kinds


def test_a_paragraph_merged_whole_into_one_sentence_shares_it(docs):
    """003 p12 merges 001 p30 (analysts: China is cautious) and 001 p15 (Russia supports
    China over Taiwan) into one sentence: its hedge "believe" counts for p15 as well,
    though p30 shares more of its words."""
    a, b, sibling = (docs[1].paragraphs[15].text, docs[3].paragraphs[12].text,
                     docs[1].paragraphs[30].text)
    found = fact_changes(a, b, _context(docs[1]), _context(docs[3]), a_siblings=(sibling,))
    assert any(c.kind == "hedge" and b[c.b_span[0]:c.b_span[1]] == "believe" for c in found)


def test_plural_and_singular_words_tell_a_shared_sentence(docs):
    """001 p29 "meeting", 002 p11 "meetings": the sentence is shared, so the date 002
    adds ("earlier Wednesday") counts."""
    a, b = docs[1].paragraphs[29].text, docs[2].paragraphs[11].text
    found = fact_changes(a, b, _context(docs[1]), _context(docs[2]))
    assert any(c.kind == "date" and c.op == "added" for c in found)


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
