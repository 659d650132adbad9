"""Fact-reading rules asked for by two fresh-eyes reviews (a fact-checker's, review 8,
and a multilingual newsroom's, review 9), each checked on sentences written by hand."""

from __future__ import annotations

from reader.core.diff.fact_changes import fact_changes


def _labels(a: str, b: str) -> list[str]:
    return [c.label for c in fact_changes(a, b)]


def test_a_quote_in_two_sentences_given_to_another_speaker_is_one_change():
    """Each sentence of the quote is a quote of its own with the same speaker: the
    speaker changed once, not "twice" in a list or count."""
    a = ('"The bridge is closed until further notice," Mayor Helen Park said on the radio. '
         '"Nobody should try to cross it tonight."')
    b = ('"The bridge is closed until further notice," Governor Tom Ruiz said on the radio. '
         '"Nobody should try to cross it tonight."')
    assert _labels(a, b) == ["speaker: Helen Park → Tom Ruiz"]


def test_a_relative_day_put_where_a_weekday_was_is_one_date_changed():
    """"earlier today" and "on Thursday" name the day of the event, each its own way: one
    date changed, not a date dropped beside a date added, though each paragraph has
    another date (a year) left unpaired too."""
    a = ("A warehouse in the port of Antwerp burned down earlier today, and it was the "
         "worst blaze there since 2019.")
    b = ("A warehouse in the port of Antwerp burned down on Thursday night in the worst "
         "blaze there in years.")
    assert _labels(a, b) == ["date: today → Thursday night", "date dropped: 2019"]


def test_a_weekday_and_its_date_are_one_date():
    a = "The road will stay closed until Friday, March 17, the council said."
    b = "The road will stay closed until Saturday, March 18, the council said."
    assert _labels(a, b) == ["date: Friday, March 17 → Saturday, March 18"]
    assert _labels(a, "The road will stay closed until March 17, the council said.") == []


def test_a_time_of_day_is_labelled_a_time():
    assert _labels("The first tremor was felt at 04:10 near the coast.",
                   "The first tremor was felt at 04:40 near the coast.") == \
        ["time: 04:10 → 04:40"]
