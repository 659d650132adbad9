"""Perturbation tests on literary prose: Frankenstein (1818 text, public domain, as in the
dev set /work/shared/devsets/frankenstein_1818v1ch5_C11-C12 and _1818v3ch1_C24).

The edits are those a reviewer met in 20 versions of these paragraphs and in the
manuscript and Thomas-copy witnesses: a number or date put where a word that is no
number or date stood, a date cut down to part of itself, a capitalised common word
or an interjection, a quotation left open into the next paragraph. Each must give
the right kind and operation, or nothing at all. The expected results were written
by reading the sentences, not from the program's output.
"""

from __future__ import annotations

import pytest

from reader.core.diff.fact_changes import fact_changes
from reader.core.diff.facts import DATE, paragraph_facts

LETTER = (
    "“I cannot describe to you the uneasiness we have all felt concerning your health. We "
    "cannot help imagining that your friend Clerval conceals the extent of your disorder: for "
    "it is now several months since we have seen your hand-writing; and all this time you "
    "have been obliged to dictate your letters to Henry. Surely, Victor, you must have been "
    "exceedingly ill; and this makes us all very wretched, as much so nearly as after the "
    "death of your dear mother. My uncle was almost persuaded that you were indeed "
    "dangerously ill, and could hardly be restrained from undertaking a journey to "
    "Ingolstadt. Clerval always writes that you are getting better; I eagerly hope that you "
    "will confirm this intelligence soon in your own hand-writing; for indeed, indeed, "
    "Victor, we are all very miserable on this account. Relieve us from this fear, and we "
    "shall be the happiest creatures in the world. Your father’s health is now so vigorous, "
    "that he appears ten years younger since last winter. Ernest also is so much improved, "
    "that you would hardly know him: he is now nearly sixteen, and has lost that sickly "
    "appearance which he had some years ago; he is grown quite robust and active.")
"""Elizabeth's letter: its paragraphs open with “ and the letter closes it pages later."""

JUSTINE = (
    "“One by one, her brothers and sister died; and her mother, with the exception of her "
    "neglected daughter, was left childless. The conscience of the woman was troubled; she "
    "began to think that the deaths of her favourites was a judgment from heaven to chastise "
    "her partiality. She was a Roman Catholic; and I believe her confessor confirmed the idea "
    "which she had conceived. Accordingly, a few months after your departure for Ingolstadt, "
    "Justine was called home by her repentant mother. Poor girl! she wept when she quitted "
    "our house: she was much altered since the death of my aunt; grief had given softness "
    "and a winning mildness to her manners, which had before been remarkable for vivacity. "
    "Nor was her residence at her mother’s house of a nature to restore her gaiety.")

KREMPE = (
    "M. Krempe was not equally docile; and in my condition at that time, of almost "
    "insupportable sensitiveness, his harsh blunt encomiums gave me even more pain than the "
    "benevolent approbation of M. Waldman. “D—n the fellow!” cried he; “why, M. Clerval, I "
    "assure you he has outstript us all. Aye, stare if you please; but it is nevertheless "
    "true. A youngster who, but a few years ago, believed Cornelius Agrippa as firmly as the "
    "gospel, has now set himself at the head of the university; and if he is not soon pulled "
    "down, we shall all be out of countenance.—Aye, aye,” continued he, observing my face "
    "expressive of suffering, “M. Frankenstein is modest; an excellent quality in a young "
    "man.”")

# (paragraph, old phrase, new phrase, kind, operation)
CASES = [
    # A number with a word that states no number in its place is dropped, not changed.
    (LETTER, "appears ten years", "appears there. years", "number", "dropped"),
    (LETTER, "appears ten years", "appears his years", "number", "dropped"),
    # ... while a word that states a number vaguely is its new value.
    (LETTER, "appears ten years", "appears several years", "number", "changed"),
    # A date cut down to a word of itself, or its period swapped for a word of no time.
    (LETTER, "which he had some years ago;", "which he had ago;", "date", "dropped"),
    (LETTER, "since last winter.", "since last remark,", "date", "dropped"),
    # "few months after" is a date too: the change is the article, not a lost date.
    (JUSTINE, "Accordingly, a few months after", "Accordingly, few months after", "date",
     "changed"),
]


def _edit(text: str, old: str, new: str) -> tuple[str, int]:
    assert text.count(old) == 1, "the case must name one place"
    return text.replace(old, new), text.index(old)


@pytest.mark.parametrize("text, old, new, kind, op", CASES)
def test_edit_gives_the_right_kind_and_operation(text, old, new, kind, op):
    edited, at = _edit(text, old, new)
    found = fact_changes(text, edited)
    edit_a, edit_b = (at, at + len(old)), (at, at + len(new))

    def near(span, edit):
        return span is not None and span[0] < edit[1] and edit[0] < span[1]

    touching = [c for c in found if near(c.b_span, edit_b) or near(c.a_span, edit_a)]
    assert [(c.kind, c.op) for c in touching] == [(kind, op)], [c.label for c in found]
    assert touching == found, f"changes away from the edit: {[c.label for c in found]}"
    if op == "changed":  # the new value is the words put there, whole
        start, end = found[0].b_span
        assert edited[start:end].split()[0] == new.split()[1], found[0].label


# (paragraph, old phrase, new phrase): no fact changed, so nothing may be reported.
SAME = [
    # An interjection or a name put where only a grammar word stood names nothing in its
    # place ("name: a → Alas", "name: from → William" were reported).
    (LETTER, "undertaking a journey", "undertaking Alas, journey"),
    (LETTER, "restrained from undertaking", "restrained William undertaking"),
    # A witness capitalising a common noun the text writes in lower case elsewhere.
    (JUSTINE, "her repentant mother. Poor", "her repentant Mother. Poor"),
    # A quotation mark closed early inside a letter the paragraph leaves open: its words
    # are quoted on both sides ("quote added (was unquoted)" was reported).
    (LETTER, "on this account. Relieve", "on this account.” Relieve"),
]


@pytest.mark.parametrize("text, old, new", SAME)
def test_no_fact_changed_reports_nothing(text, old, new):
    edited, _ = _edit(text, old, new)
    assert [c.label for c in fact_changes(text, edited)] == []


def test_an_amount_without_its_currency_sign_is_the_same_number():
    """onestopenglish's simplified bonus story writes "6,442" where the original has
    "£6,442" (its £ lost); the amounts are the same, in crossed order no less."""
    a = ("In UK management roles earned average bonuses of £6,442 in 2012 compared with "
         "£3,029 for women. In the most senior roles, female directors received bonuses of "
         "£36,270 over the past 12 months, compared with £63,700 awarded to male directors.")
    b = a.replace("£", "")
    assert [c.label for c in fact_changes(a, b)] == []
    assert [c.label for c in fact_changes(a, a.replace("£6,442", "$6,442"))] == \
        ["number: £6,442 → $6,442"]


def test_an_interjection_after_a_dash_is_no_name():
    """".—Aye, aye," opens a sentence: "Aye" → "Ay" (the 1831 spelling) is no name change
    (the quote's words did change, and that is reported)."""
    edited = KREMPE.replace("Aye", "Ay").replace("aye", "ay")
    found = fact_changes(KREMPE, edited)
    assert [c.label for c in found if c.kind == "name"] == []
    assert {c.kind for c in found} == {"quote"}


def test_time_passing_is_no_date():
    text = ("DAY after day, week after week, passed away on my return to Geneva; and I could "
            "not collect the courage to recommence my work.")
    assert [f.text for f in paragraph_facts(text) if f.kind == DATE] == []


def test_interjections_are_no_names():
    """"Thank" and "Nay" open sentences and lines of dialogue; older prose capitalises
    them inside a sentence too ("I now say, Thank God"), so the document's own use made
    them names wherever a sentence started with them. None of them is a name: the only
    names here are Elizabeth and Victor (and God, whatever precedes it)."""
    text = ("“Nay, you must not go,” said Elizabeth. Thank you, Victor, for the letter; I now "
            "say, Thank God, you are well. Alas, the winter is long. Nay, Victor, be calm. "
            "Surely you will write again, and I will say once more, Nay, Thank you.")
    names = [f.text for f in paragraph_facts(text) if f.kind == "name"]
    assert names == ["Elizabeth", "Victor", "God", "Victor"]
    edited = text.replace("Thank you, Victor", "Thanks, Victor")
    assert [c.label for c in fact_changes(text, edited)] == []
