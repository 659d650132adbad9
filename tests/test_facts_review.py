"""Fact changes a fresh-eyes reviewer found missed or invented, each read off the two
sentences by hand."""

from __future__ import annotations

from fact_labels import labels as _labels

from reader.core.diff.fact_changes import fact_changes
from reader.core.diff.facts import paragraph_facts


def test_a_sentence_full_of_names_is_no_headline():
    """Capitalised words make up most of the long words of a news lead; its full stop says
    it is a sentence, whose names count (a title-case headline's do only when known)."""
    assert _labels("British Prime Minister Rishi Sunak visited Kyiv on Tuesday.",
                   "British Prime Minister Rishi Sunak visited Warsaw on Tuesday.") == \
        ["name: Kyiv → Warsaw"]
    assert _labels("Russian Foreign Minister Sergei Lavrov met Wang Yi in Moscow.",
                   "Russian Foreign Minister Sergei Shoigu met Wang Yi in Moscow.") == \
        ["name: Foreign Minister Sergei Lavrov → Foreign Minister Sergei Shoigu"]


def test_an_organisation_named_after_a_portfolio_is_a_name():
    """"Ministry of Defence" ends in a word of titles ("Defence Minister"), yet a ministry
    is an organisation, not a role."""
    assert _labels("The report was published by the Ministry of Health on Friday.",
                   "The report was published by the Ministry of Defence on Friday.") == \
        ["name: Ministry of Health → Ministry of Defence"]
    assert _labels("The Foreign Minister said so.", "The Defence Minister said so.") == []


def test_an_abbreviated_month_is_the_same_date():
    assert _labels("Talks resumed on Jan. 5, 2016, in Geneva.",
                   "Talks resumed on January 5, 2016, in Geneva.") == []
    assert [(f.kind, f.text) for f in paragraph_facts("It ended on 5 Dec. 2019.")] == \
        [("date", "5 Dec. 2019")]


def test_a_month_or_a_surname_is_no_hedge():
    assert _labels("Talks are due to resume on 3 March, diplomats said.",
                   "Talks are due to resume on 3 May, diplomats said.") == \
        ["date: 3 March → 3 May"]
    kinds = [(f.kind, f.text) for f in paragraph_facts("Theresa May said it may rain.")]
    assert ("hedge", "may") in kinds and ("hedge", "May") not in kinds
    assert ("hedge", "May") in [(f.kind, f.text) for f in paragraph_facts("May it rain.")]


def test_a_count_of_those_the_story_names_is_no_quantity_unless_it_changes():
    assert _labels("The two countries signed a deal on trade.",
                   "China and Russia signed a deal on trade.") == []
    assert _labels("The three men were freed on Monday.",
                   "The four men were freed on Monday.") == ["number: three → four"]
    assert _labels("Officials said two people died.", "Officials said people died.") == \
        ["number dropped: two"]


def test_a_german_sentence_is_not_read_for_english_names():
    """German capitalises its nouns: only in an English document does a full stop make a
    capitalised sentence's words names (German nouns read as names made fact changes of
    "Regierung", whose marks covered a German pair's word marks in the reader)."""
    from reader.core.diff.facts import name_context
    texts = ["Die Regierung hat am Mittwoch ein Klimapaket beschlossen.",
             "Die Ziele werden nicht erreicht, sagte die Sprecherin."]
    context = name_context(texts)
    assert not context.english
    assert [f for f in paragraph_facts(texts[0], context) if f.kind == "name"] == []


def test_expected_to_is_a_hedge_as_wire_copy_uses_it():
    """A second reviewer planted "is expected to visit" → "will visit" and got no fact
    change, and "is expected to" → "may" gave "hedge added: may", as if the first said it
    for certain. A hedge swapped for another is no change; one dropped is."""
    first = "Chancellor Friedrich Merz is expected to visit the region on Wednesday."
    assert _labels(first, first.replace("is expected to visit", "will visit")) == \
        ["hedge dropped: expected to (visit the region…)"]
    assert _labels(first, first.replace("is expected to", "may")) == []
    assert _labels("Up to 60 millimeters of rain are expected in the mountains.",
                   "Up to 60 millimeters of rain are forecast in the mountains.") == []


def test_a_headline_linked_with_the_lead_it_sums_up_adds_no_fact():
    """A second reviewer's one-paragraph version: its lead is linked to the other source's
    lead (identical) and to its headline, which it sums up (a merge). The lead's "Tuesday"
    was "date added" against the headline, though the headline's sibling, the other lead,
    says the sentence whole."""
    headline = "Floods force 12,000 from homes as Elbe breaks levee in eastern Germany"
    lead = ("DRESDEN, Germany (AP) — Flooding forced about 12,000 people from their homes in "
            "eastern Germany on Tuesday after the Elbe River broke through a levee near the "
            "town of Riesa, officials said.")
    assert [c.label for c in fact_changes(headline, lead, a_siblings=(lead,))] == []
    assert [c.label for c in fact_changes(headline, lead)] == ["date added: Tuesday"]  # alone


def test_a_negations_label_stops_where_its_clause_does():
    """"not unexpected,” said Jana Hofmann" was labelled "not (unexpected said Jana…)",
    as if Jana were not expected: the words shown stop at the clause's end."""
    a = "“This was not unexpected,” said Jana Hofmann of the conservation group BUND."
    assert _labels(a, a.replace("not unexpected", "unexpected")) == [
        "quote altered: “…not unexpected” → “…unexpected”", "negation dropped: not (unexpected…)"]
