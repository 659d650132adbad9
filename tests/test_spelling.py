"""British and American spellings of one word are one word to the quotes
(``reader.core.diff.spelling``); words that only look like a respelling stay apart."""

from __future__ import annotations

import pytest
from fact_labels import labels

from reader.core.diff.spelling import spelling_key, spelt_alike


@pytest.mark.parametrize("british, american", [
    ("colour", "color"), ("behaviour", "behavior"), ("favourite", "favorite"),
    ("neighbours", "neighbors"), ("recognise", "recognize"), ("organisation", "organization"),
    ("analysed", "analyzed"), ("centre", "center"), ("fibres", "fibers"),
    ("travelled", "traveled"), ("cancelling", "canceling"), ("catalogue", "catalog"),
    ("defence", "defense"), ("licence", "license"), ("grey", "gray"),
    ("programme", "program"), ("solemnisation", "solemnization")])
def test_a_respelling_folds(british, american):
    assert spelling_key(british) == spelling_key(american)


@pytest.mark.parametrize("one, other", [
    ("four", "for"), ("hour", "hor"), ("filled", "filed"), ("killed", "kiled"),
    ("rise", "rize"), ("more", "mor"), ("fence", "fense"), ("timbre", "timber")])
def test_words_that_only_look_respelt_stay_apart(one, other):
    assert spelling_key(one) != spelling_key(other)


def test_texts_spelt_alike_word_for_word():
    assert spelt_alike("we recognise the colour for ever", "we recognize the color forever")
    assert not spelt_alike("we recognise the colour", "we recognise the flag")
    assert not spelt_alike("four of them", "for of them")


SAID = ("The minister said: “We recognise the colour of this behaviour, and we will defend "
        "our centre.”")
AMERICAN = SAID.replace("recognise", "recognize").replace("colour", "color") \
    .replace("behaviour", "behavior").replace("centre", "center")


def test_a_quote_a_house_style_respells_is_the_same_quote():
    """"quote altered: “…recognise the colour…” → “…recognize the color…”" sent a
    fact-checker to a quote that says what it said."""
    assert labels(SAID, AMERICAN) == []


def test_a_quote_respelt_and_edited_is_labelled_by_its_edit():
    """The label quoted the first respelt word, or the first comma an edition moved,
    not the word that changed."""
    assert labels(SAID, AMERICAN.replace("defend", "abandon")) == [
        "quote altered: “…defend our centre” → “…abandon our center”"]
    said = "“Come with me, Henry, to order the horses,” he said."
    assert labels(said, said.replace("me, Henry", "me Clerval")) == [
        "quote altered: “…Henry, to order the horses” → “…Clerval, to order the horses”",
        "name: Henry → Clerval"]
