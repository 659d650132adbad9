"""Fact changes review 6 found invented, counted twice or missed, on the sentences of its
cases (three translations of one Spanish story, essay drafts, revisions of an article),
each edited one way and read off by hand."""

from __future__ import annotations

from reader.core.diff.fact_changes import fact_changes
from reader.core.diff.facts import name_context, paragraph_facts


def _labels(a: str, b: str, a_doc: tuple[str, ...] = (), b_doc: tuple[str, ...] = ()
             ) -> list[str]:
    """The labels of ``fact_changes``, each paragraph read with its document when given."""
    contexts = [name_context([text, *doc]) if doc else None for text, doc in ((a, a_doc),
                                                                             (b, b_doc))]
    return [c.label for c in fact_changes(a, b, *contexts)]


def _kinds(text: str, kind: str) -> list[str]:
    return [f.text for f in paragraph_facts(text) if f.kind == kind]


def test_a_day_of_the_month_in_words_is_the_day():
    """"January the seventeenth" is 17 January (it read "date: 17 January → January")."""
    night = "On the night of {} the storm broke two panes of the lantern."
    for said in ("January the seventeenth", "the seventeenth of January", "the 17th of January",
                 "January 17th", "January 17"):
        assert _labels(night.format("17 January"), night.format(said)) == [], said
    assert _labels(night.format("17 January"), night.format("January the eighteenth")) == \
        ["date: 17 January → January the eighteenth"]
    assert [f.key for f in paragraph_facts("On the twenty-first of May 1990 they met.")] == \
        ["21 may 1990"]


def test_hedges_qualify_a_claim_not_an_ability_or_a_trust():
    """A hedge says how certain a claim is; "could" of what someone could or could not do,
    and "believed" of a person, say no such thing."""
    assert _kinds("Later she would say she had counted forty-eight, though nobody believed "
                  "her.", "hedge") == []
    assert _kinds("She greased the gears as best she could.", "hedge") == []
    assert _kinds("She laughed and answered that the crank could not count the days.",
                  "hedge") == []
    assert _kinds("All she could do was keep the lamp burning.", "hedge") == []
    assert _labels("The doctor told her the crank could not count the days.",
                   "The doctor told her the crank couldn't count the days.") == []
    # hedges still: a claim held likely
    assert _kinds("a boy who could not have been more than fifteen", "hedge") == ["could"]
    assert _kinds("The sanctions could undermine ties.", "hedge") == ["could"]
    assert _kinds("Some analysts believe China is cautious.", "hedge") == ["believe"]
    assert _kinds("He is believed to have fled.", "hedge") == ["believed"]


def test_without_does_not_answer_a_negation():
    """"did not stop blowing" / "blew without a break" deny one thing, and the review
    counted "negation dropped: not" there as noise; but "did not resign" / "resigned
    without comment" is the flip a reader is there for, at the same place with the same
    words about it: "without" is left to say nothing, and the negation is reported."""
    assert _labels("The minister did not resign after the vote, aides said.",
                   "The minister resigned without comment after the vote, aides said.") == \
        ["negation dropped: not (resign after the…)"]


def test_a_bound_on_a_quantity_is_no_negation():
    """"no fewer than ten" bounds a number; it read "negation added: no". The label keeps
    the bound (review 8: "dozens → 150" lost "more than")."""
    one = "Marlowe reworked her first chapter {} times, and only a handful are corrections."
    assert _labels(one.format("eleven"), one.format("no fewer than ten")) == \
        ["number: eleven → no fewer than ten"]
    assert _kinds("who could not have been more than fifteen", "negation") == []
    assert _kinds("She did not fewer the count.", "negation") == ["not"]  # no "than": denied


def test_a_two_word_place_is_one_place_not_two_people():
    """"Punta Gris" was a person's name (any two capitalised words were), so the title
    "The Lighthouse at Punta Gris" named two people, "Punta" and "Gris", dropped beside
    "Grey Point Lighthouse"."""
    body = ("Doña Amparo Ruiz, widow of the last keeper of Punta Gris, climbed the steps "
            "every evening.",)
    assert _labels("The Lighthouse at Punta Gris", "Grey Point Lighthouse", body,
                   ("She kept the Punta Gris light.",)) == []
    assert [(f.text, f.detail) for f in paragraph_facts(body[0])
            if f.kind == "name" and "Ruiz" not in f.text] == [("Punta Gris", "other")]


def test_a_quote_reworded_is_one_change():
    """The words of one side's quote inside the other's quote: one quote altered, not
    "quote unquoted" and "quote added (was unquoted)" for one quote."""
    assert _labels('She replied: "Tell the mayor the light is still burning. I will count '
                   'myself paid with that."',
                   'She said: "You tell the mayor the light\'s still lit. That\'s payment '
                   'enough for me."') == \
        ["quote altered: “Tell the mayor the light is…” → “You tell the mayor the…”"]


def test_a_stance_verb_in_its_base_form_keeps_the_stance():
    """"This essay argues" / "I want to argue" read "attribution dropped: argues"."""
    assert _labels("This essay argues that revision is a kind of thinking.",
                   "I want to argue that revision is a kind of thinking.") == []


def test_a_name_changed_is_not_also_dropped():
    """A person replaced by a name read as a place ("Kingdom" is a word of states) was both
    "name dropped" and "name: … → …" in every version."""
    one = ("The company appointed Thomas Whitcombe, who had previously worked under {} on "
           "the Britannia Bridge, as its engineer.")
    assert _labels(one.format("Robert Stephenson"), one.format("Isambard Kingdom Brunel")) == \
        ["name: Robert Stephenson → Isambard Kingdom Brunel"]


def test_a_journal_that_describes_is_a_speaker():
    """"The Engineer described it … as “…”" → "The Builder described it …": the speaker
    changed (only "quote altered" was reported)."""
    one = ("Contemporary engineers praised the economy of the design; The {} described it "
           "in 1875 as “the most {} bridge of its length in the kingdom”.")
    assert _labels(one.format("Engineer", "sensible"), one.format("Builder", "economical")) == [
        "speaker: Engineer → Builder",
        "quote altered: “…sensible bridge of its…” → "
        "“…economical bridge of its…”"]


def test_the_one_sum_of_money_left_each_side_is_one_sum_changed():
    """The words around a sum rewritten with it, and a count beside it left over: "number
    dropped: £3.2 million" and "number added: £4.3 million" for one cost."""
    assert _labels("A restoration programme costing £3.2 million, funded by the council, was "
                   "carried out. The bridge was closed to traffic for eleven months.",
                   "The restoration, which in the end cost £4.3 million and was funded by the "
                   "council, was carried out. Traffic was kept moving by temporary signals.") \
        == ["number: £3.2 million → £4.3 million"]
