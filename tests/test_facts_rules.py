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
