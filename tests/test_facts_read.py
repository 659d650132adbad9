"""Shortcuts of reading a paragraph's facts give what the full reading gives."""

import re

import pytest

from reader.core.diff import facts


def _plain_title_case(text: str) -> bool:
    """``facts._title_case`` as its definition says, every long word counted."""
    long = [w for w in re.findall(r"[^\W\d_][\w’'\-]*", text) if len(w) > 3]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= facts.TITLE_CASE * len(long)


@pytest.mark.parametrize("text, headline", [
    ("Xi Meets Putin In Moscow For Talks", True),
    # capitals out of ASCII count as capitals: four of six long words
    ("Élan Über Ärger Öffnung with some", True),
    ("Élan Über Ärger with some more", False),  # three of six: below TITLE_CASE
    # prose: long words after a space, most in small letters
    ("The minister said on Monday that the talks would resume after the summit.", False),
    # words that no space starts (line breaks, no-break spaces, quotation marks)
    ("“Talks\nResume\u00a0After Summit”, Says Minister", True),
    ("“talks\nresume\u00a0after summit”, says Minister", False),
    ("", False), ("Big Red Dog", False),  # fewer than three long words
])
def test_title_case_shortcut_gives_the_counted_answer(text, headline):
    assert _plain_title_case(text) == headline
    assert facts._title_case(text) == headline


DIGIT_CASES = [
    "$ 15 and £6,442, 1,23 or 4.8bn; ( 15 %) and A320, COVID19, 5/6, -3, x_7.",
    "增长4.9%，4.9%로 and ٣ ٤٥ (Arabic-Indic digits), ３ fullwidth, 1999 and 2,000,000th.",
    "No digit here at all.", "15", " 15", "$15", "€ 3 million", "İstanbul had 15 million.",
]


@pytest.mark.parametrize("text", DIGIT_CASES)
def test_numbers_in_digits_tried_at_their_digits_are_what_a_whole_scan_finds(text):
    expected = [m.span() for m in facts._DIGITS.finditer(text)]
    assert [m.span() for m in facts._Anchored(text).in_digits()] == expected


def test_digit_cases_hold_matches_that_start_before_their_digits():
    """The cases above test the shortcut: matches that start at a sign or a space."""
    starts = {text[m.start()] for text in DIGIT_CASES for m in facts._DIGITS.finditer(text)}
    assert {"$", "£", "€", " "} <= starts
