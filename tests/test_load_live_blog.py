"""A live blog's entry stamps are page furniture, not headings to compare (review 8).

Written for this test: a live blog's entries each under a stamp ("10:42 GMT"), beside the
final story. Read as headings, the stamps were six of thirteen places ("[2] omits
“10:42 GMT”"), between the changes a reader compares a live blog with its final story for.
"""

from __future__ import annotations

import pytest

from reader.core.comparison import compare
from reader.core.load.documents import document_from_text
from reader.core.places import places

ENTRIES = ["A six-storey building collapsed in the Croix-Rousse district of Lyon this morning, "
           "the fire service said.",
           "Police say a 52-year-old man has been arrested near the scene of the collapse.",
           "Nearly 200 residents of neighbouring buildings have been evacuated by the police."]


@pytest.mark.parametrize("stamps", [("10:42 GMT", "10:58 GMT", "11:15 GMT"),
                                    ("10.42am", "10.58am", "11.15am"),
                                    ("2 hours ago", "1 hour ago", "5 mins ago")])
def test_entry_stamps_are_furniture_and_no_place_of_their_own(stamps):
    blog = "Live: building collapses in Lyon\n\n" + "\n\n".join(
        f"{stamp}\n\n{entry}" for stamp, entry in zip(stamps, ENTRIES)) + "\n"
    final = "Building collapses in Lyon\n\n" + "\n\n".join(ENTRIES) + "\n"
    doc = document_from_text(blog, "live.txt")
    flagged = [p.text for p in doc.paragraphs if p.boilerplate]
    assert flagged == list(stamps)
    comp = compare([doc, document_from_text(final, "final.txt")])
    assert len(places(comp.differences(0))) == 1  # the headline's "Live:" alone


@pytest.mark.parametrize("line", ["The 10:42 train from Lyon was cancelled.", "3.50",
                                  "1.5 million", "Chapter 9"])
def test_a_time_inside_a_sentence_or_a_bare_number_is_not_a_stamp(line):
    doc = document_from_text(f"{line}\n\n{ENTRIES[0]}\n", "story.txt")
    assert not doc.paragraphs[0].boilerplate
