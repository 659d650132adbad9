"""Two unrelated stories opened together: nothing links them, so nothing is diffed.

Written by hand: a story about stranded whales and one about a council
budget, each a headline and three paragraphs, sharing no content word.
Their headlines sit side by side in the first row (``comparison._title_ties``:
readers compare headlines first), but they are not versions of each other,
so no link may join them and no export may mark them as a rewording.

The engine used to link the two headlines ("reworded", score 0.93,
confidence 0.5, "heading at the same place between two linked passages"):
with no link at all between the sources, ``align.gaps.fill_gaps`` read the
whole of both documents as one gap between two linked passages (its bounds
are the documents' ends) and paired their headings by position.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.core.comparison import compare
from reader.core.export.html_export import render_html
from reader.core.export.report import ExportOptions, build_report
from reader.core.export.summary import summary_text
from reader.core.load.documents import document_from_text, load_document

WHALES = """Dozens of pilot whales stranded on a remote beach

Volunteers worked through the night to keep the animals wet and calm until the tide returned on Sunday.

Marine biologists said the pod had probably followed a sick leader into the shallow bay near the lighthouse.

By morning, forty of the whales had been refloated and guided back towards open water by boats.
"""
BUDGET = """City council passes a leaner budget for next year

Councillors voted nine to four on Tuesday evening after a long debate about library opening hours.

The mayor promised that road repairs would go ahead despite the cuts to several cultural programmes.

Opposition members argued the savings fell mostly on poorer districts and asked for an independent review.
"""
@pytest.fixture(scope="module")
def comp():
    return compare([document_from_text(WHALES, "whales.txt"),
                    document_from_text(BUDGET, "budget.txt")])


def test_the_headlines_share_the_first_row(comp):
    assert comp.rows[0] == [[0], [0]]  # side by side by design (comparison._title_ties)


def test_unrelated_stories_have_no_link(comp):
    assert comp.links == []


def test_unrelated_headlines_are_not_marked_as_a_rewording(comp):
    html = render_html(build_report(comp, [], ExportOptions()))
    first_row = re.search(r'<tr id="row-1">.*?</tr>', html).group(0)
    assert "data-diff" not in first_row and "low confidence" not in first_row


def test_two_versions_update_notices_are_each_an_addition_not_one_rewording():
    """A reviewer's two outlets each opened with their own update line (a revised death
    toll; a corrected count of patients): they were linked as one rewritten passage at
    the top, each shown as a rewording of the other, and a false "date: 4:15 p.m. → 5:02
    PM" came of it. A notice links by its words only; here each is an addition."""
    story = ["Fire Chief Dana Whitfield said crews fought the blaze at the Kessler Polymers "
             "plant for six hours before it was contained on Tuesday night.",
             "The governor declared a state of emergency for the county and said 200 National "
             "Guard troops would help with evacuations along the river.",
             "Residents within two miles of the plant were told to stay indoors with their "
             "windows shut until the air had been tested by state inspectors."]
    a = document_from_text("\n\n".join(
        ["UPDATE, 4:15 p.m.: This story has been updated with a revised death toll from "
         "county officials."] + story), "courier.txt")
    b = document_from_text("\n\n".join(
        ["Updated 5:02 PM EST: An earlier version of this story misstated the number of "
         "patients taken to hospital."] + story), "localtv.txt")
    comp = compare([a, b])
    assert not comp.links_of((0, 0)) and not comp.links_of((1, 0))
    assert len([l for l in comp.links if l.kind == "identical"]) == 3
    same = document_from_text("\n\n".join(
        ["UPDATE, 4:40 p.m.: This story has been updated with a revised death toll from "
         "county officials."] + story), "courier2.txt")
    assert [l.other((0, 0)) for l in compare([a, same]).links_of((0, 0))] == [(1, 0)]


DERAILMENT = Path(__file__).parent / "data" / "derailment"
"""A reviewer's versions of a wire story (a train derailment), its German version, and
another story of the same town and morning (a school levy; the same mayor)."""


@pytest.mark.parametrize("other", ["v08_ashford_gazette_levy.txt", "v07_rheinpost_de.html"])
def test_a_source_with_only_weak_links_is_named_in_a_warning(other):
    """The levy story was paired into the derailment story (its headline with the
    headline, the mayor's levy quote as an "altered" rendering of his quote about the
    dead) and nothing said so. Its links stay (a version in another language links as
    weakly), but the summary, the exports and the reader's banner ask."""
    docs = [load_document(DERAILMENT / name)
            for name in ("v01_wire_0700.txt", "v02_wire_1000.txt", other)]
    comp = compare(docs)
    assert comp.loose() == [2]
    assert "Warning: [3] shares only a few passages with the other sources: " \
        "another story, or another language?" in summary_text(comp)
    assert "[3] shares only a few passages" in render_html(
        build_report(comp, [], ExportOptions()))
    assert compare(docs[:2] + [load_document(DERAILMENT / "v02_wire_1000.txt")]).loose() == []


def test_a_copy_of_another_source_is_named():
    """A wire story resent under another name doubled every one of its differences, and
    nothing said that two of the twelve versions were one."""
    wire, resent = DERAILMENT / "v02_wire_1000.txt", document_from_text(
        (DERAILMENT / "v02_wire_1000.txt").read_text(encoding="utf-8"), "resend.txt")
    comp = compare([load_document(DERAILMENT / "v01_wire_0700.txt"), load_document(wire),
                    resent])
    assert comp.copies() == [(1, 2)]
    assert "Warning: [3] is a copy of [2], word for word" in summary_text(comp)
    assert "[3] is a copy of [2], word for word" in render_html(
        build_report(comp, [], ExportOptions()))
    assert compare([load_document(DERAILMENT / "v01_wire_0700.txt"),
                    load_document(wire)]).copies() == []


LIGHTHOUSE = Path(__file__).parent / "data" / "lighthouse"
"""A short story's Spanish original and three English translations of it, written for a
review (each translation words it its own way; one leaves a paragraph out)."""


def test_an_original_in_another_language_that_links_only_its_title_is_named():
    """The Spanish original linked its title to the translations' (names and digits alike)
    and nothing else: nine places of "[4] adds", and no word of why. Its one link is sure,
    so "weak links only" never named it; a source linked to under a quarter of its own
    paragraphs and of every other source's, where the others share theirs, is named."""
    docs = [load_document(LIGHTHOUSE / name) for name in
            ("trans_A.txt", "trans_B.txt", "trans_C.txt", "original_es.txt")]
    comp = compare(docs)
    assert comp.loose() == [3]
    assert "Warning: [4] shares only a few passages with the other sources" in summary_text(comp)
    assert compare(docs[:3] + [load_document(LIGHTHOUSE / "trans_A.txt")]).loose() == []


def test_a_brief_version_sharing_most_of_its_few_paragraphs_is_not_named():
    """A version that keeps 2 of 8 paragraphs shares a quarter of the others' paragraphs
    but all of its own: a brief version, not another story."""
    full = [f"Paragraph {n} of the story says the council met on day {n} to vote on the "
            f"harbour plan number {n}, the mayor said, and the fishermen of the quay {n} "
            f"waited outside the hall for the outcome." for n in range(1, 9)]
    docs = [document_from_text("\n\n".join(full), f"v{k}.txt") for k in (1, 2)]
    docs.append(document_from_text("\n\n".join(full[:2]), "brief.txt"))
    assert compare(docs).loose() == []
