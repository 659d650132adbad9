"""Two unrelated stories opened together: nothing links them, so nothing is diffed.

Written by hand: a story about stranded whales and one about a council
budget, each a headline and three paragraphs, sharing no content word.
Their headlines sit side by side in the first row (``comparison._title_ties``:
readers compare headlines first), but they are not versions of each other,
so no link may join them and no export may mark them as a rewording.

Today the engine links the two headlines ("reworded", score 0.93, confidence
0.5, "heading at the same place between two linked passages"): with no link
at all between the sources, ``align.gaps.fill_gaps`` reads the whole of both
documents as one gap between two linked passages (its bounds are the
documents' ends) and pairs their headings by position. That is the aligning
helper's code (reader/core/align); these tests are strict expected failures
until it changes there, and then pass.
"""

from __future__ import annotations

import re

import pytest

from reader.core.comparison import compare
from reader.core.export.html_export import render_html
from reader.core.export.report import ExportOptions, build_report
from reader.core.load.documents import document_from_text

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
ENGINE = ("align.gaps.fill_gaps pairs headings by position in a gap bounded only by the "
          "documents' ends (no link vouches for the place): the aligning helper's code")


@pytest.fixture(scope="module")
def comp():
    return compare([document_from_text(WHALES, "whales.txt"),
                    document_from_text(BUDGET, "budget.txt")])


def test_the_headlines_share_the_first_row(comp):
    assert comp.rows[0] == [[0], [0]]  # side by side by design (comparison._title_ties)


@pytest.mark.xfail(strict=True, reason=ENGINE)
def test_unrelated_stories_have_no_link(comp):
    assert comp.links == []


@pytest.mark.xfail(strict=True, reason=ENGINE)
def test_unrelated_headlines_are_not_marked_as_a_rewording(comp):
    html = render_html(build_report(comp, [], ExportOptions()))
    first_row = re.search(r'<tr id="row-1">.*?</tr>', html).group(0)
    assert "data-diff" not in first_row and "low confidence" not in first_row
