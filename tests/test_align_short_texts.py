"""Flashes and alerts: one or two sentences a version, where a wrong figure does the most harm.

Review 8: two one-sentence versions that differ by one figure were not linked ("[2]
shares no passage with [1]: is it the same story?", no fact change). Over two
sentences, every shared word is in all the sentences there are, and weighed nothing.
The texts are written for this test.
"""

from __future__ import annotations

from reader.core.comparison import compare
from reader.core.diff.story_facts import comparison_fact_changes
from reader.core.load.documents import document_from_text

FLASH = "Firefighters say between {} and 40 people may be trapped under the rubble."


def _compare(*texts: str):
    return compare([document_from_text(t, f"v{k}.txt") for k, t in enumerate(texts, 1)])


def test_two_one_sentence_versions_that_differ_by_a_figure_are_linked_and_the_figure_found():
    comp = _compare(FLASH.format(30), FLASH.format(20))
    assert [(l.a, l.b) for l in comp.links] == [((0, 0), (1, 0))]
    labels = [p.label for p in comparison_fact_changes(comp, 0)]
    assert labels == ["number: 30 → 20"], labels


def test_three_one_line_alerts_link_each_to_each():
    comp = _compare("BREAKING: Six-storey building collapses in Lyon, 3 dead.",
                    "BREAKING: Six-storey building collapses in Lyon, 7 dead.",
                    "Breaking: six-storey building collapses in Lyon; seven dead.")
    assert len(comp.links) == 3


def test_two_unrelated_sentences_are_still_not_linked():
    comp = _compare("The council approved the new budget for the city's schools on Monday.",
                    "A storm flooded the coast road overnight and closed the harbour.")
    assert comp.links == []
