"""Fact-reading rules asked for by a scholarly editor's review (review 10: editions of a
Frankenstein chapter, re-paragraphed, with footnotes and a spacing correction), each
checked on sentences written by hand after the chapter's."""

from __future__ import annotations

from fact_labels import labels as _labels

_FIRST = ("The attempts of Clerval to introduce me to the professors were made of no avail "
          "when I visited them.")
_SECOND = ("He perceived that I disliked the subject, and not guessing the real cause, he "
           "changed it. I could not exhibit the pain I felt. I could not speak.")
_WHOLE = _FIRST + " " + _SECOND



def test_a_paragraph_split_in_two_drops_no_negation_its_first_half_keeps():
    """The half's "no avail when I" stands at a third of the whole and at the end of the
    half: paired by place, it went with the whole's "not exhibit the pain I" (one word
    shared, "I"), and the whole's own "no" read as dropped beside the half that has it.
    The negations that share more of the words they bear on pair first."""
    assert _labels(_WHOLE, _FIRST, b_siblings=(_SECOND,)) == []
    assert _labels(_WHOLE, _SECOND, b_siblings=(_FIRST,)) == []
    assert _labels(_FIRST, _WHOLE, a_siblings=(_SECOND,)) == []
    assert _labels(_SECOND, _WHOLE, a_siblings=(_FIRST,)) == []


def test_a_negation_really_dropped_from_a_split_paragraph_is_still_found():
    half = _SECOND.replace("and not guessing", "and guessing")
    assert _labels(_WHOLE, half, b_siblings=(_FIRST,)) == \
        ["negation dropped: not (guessing the real…)"]


def test_a_spacing_corrected_is_no_negation_added():
    """1818 printed "nobounds", 1823 "no bounds": the same words, spaced anew."""
    a = "I felt that my enthusiasm had nobounds, and I wept."
    b = "I felt that my enthusiasm had no bounds, and I wept."
    assert _labels(a, b) == [] and _labels(b, a) == []
    assert _labels("It had no bounds.", "It had bounds.") == ["negation dropped: no (bounds…)"]


def test_note_marks_and_page_numbers_are_no_numbers():
    """A footnote's mark set against a word, and a printed page's number kept in braces or
    brackets (as Project Gutenberg's texts keep them), state no quantity."""
    assert _labels("He read Ariosto and Tasso.", "He read Ariosto[1] and Tasso.") == []
    assert _labels("I waited for two days.", "I waited {102} for two days.") == []
    assert _labels("I waited for two days.", "I waited for two days. [p. 101]") == []
    assert _labels("There were 12 of them.", "There were [12] of them.") == []  # spaced: a value
    assert _labels("It cost 12 pounds.", "It cost 14 pounds.") == ["number: 12 → 14"]


def test_the_month_of_may_is_a_month():
    """"The month of May" → "The month of April" is a date changed: "May" had been read
    as a name there, and "April" as a date added."""
    assert _labels("The month of May began, and I expected the letter.",
                   "The month of April began, and I expected the letter.") == \
        ["date: May → April"]
