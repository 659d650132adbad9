"""Fact rules from a standards editor's review of one developing story in 17 versions
(review 12): what a wire's updates and the outlets' rewrites changed, and what they only
worded otherwise. Each pair below was written from the review's versions of a dam breach."""

from __future__ import annotations

from fact_labels import labels

from reader.core.diff.facts import paragraph_facts

WARNED = ("The dam is owned by the Millbrook Irrigation District, which was warned in a "
          "2019 state inspection that the dam's spillway was in “poor” condition.")


def _attributions(text: str) -> list[str]:
    return [f.text for f in paragraph_facts(text) if f.kind == "attribution"]


def test_the_passive_and_a_noun_are_no_one_speaking():
    """"was warned" names who was warned, and "A flood warning remained" a warning: each
    had been an attribution ("attribution: warned → told")."""
    assert _attributions(WARNED) == []
    assert _attributions("Forecasters said more rain could fall. A flood warning stayed in "
                         "effect for the river below the dam.") == ["said"]
    assert _attributions("The sheriff warned that the water could rise again.") == ["warned"]
    assert labels(WARNED, WARNED.replace("was warned", "was not warned")) == \
        ["negation added: not (warned in a…)"]
    assert _attributions("The district was never warned about the spillway.") == []


def test_not_and_a_negative_prefix_say_the_same():
    """"it was not yet clear how" / "it was unclear how" denies nothing more or less."""
    said = "Officials said it was not yet clear how many homes had been destroyed."
    assert labels(said, said.replace("not yet clear", "unclear")) == []
    assert labels("Crews were not able to reach the village.",
                  "Crews were unable to reach the village.") == []
    assert labels("The mayor said the dam was not safe.", "The mayor said the dam was safe.") \
        == ["negation dropped: not (safe…)"]


def test_words_of_the_day_that_name_one_hour_are_one_time():
    """"By daybreak" / "By first light" had read "time dropped: daybreak"."""
    said = "By daybreak, rescuers in boats had pulled 27 people from rooftops and cars."
    assert labels(said, said.replace("daybreak", "first light")) == []
    assert labels(said, said.replace("By daybreak", "By noon")) == ["time: daybreak → noon"]


def test_a_name_the_other_half_of_a_split_keeps_is_not_dropped():
    """A paragraph split in two: the sheriff named in the half whose figures changed had
    been "name dropped" from the other half (the changed figure beside the name kept the
    halves' words from agreeing)."""
    whole = ("The Millbrook Reservoir dam, built in 1962, failed at about 3:15 a.m. after three "
             "days of heavy rain, according to the Marlow County Sheriff's Office. Sheriff Dana "
             "Whitcomb said 27 people had been pulled from rooftops and cars.")
    first = ("The Millbrook Reservoir dam, which dates from 1962, gave way at about 3:15 a.m. "
             "following three days of heavy rain, the Marlow County Sheriff's Office said.")
    second = "Sheriff Dana Whitcomb said 31 people had been rescued from rooftops and vehicles."
    assert labels(whole, first, b_siblings=(second,)) == []
    assert labels(whole, second, b_siblings=(first,)) == ["number: 27 → 31"]


def test_an_institutions_three_words_are_no_persons_name():
    """"the Oregon National Guard" made Oregon a person's name for the whole document,
    and "Caston High School" Caston: a headline's "Oregon valley town" / "above Caston"
    was "name dropped: Oregon" and "name added: Caston"."""
    from reader.core.diff.facts import name_context
    texts = ["Dam breach floods Oregon valley town, killing at least 4",
             "The governor asked the Oregon National Guard to send two helicopters.",
             "Whitcomb spoke at a command post in the Caston High School gym.",
             "The Millbrook Irrigation District owns the dam."]
    people = name_context(texts).people
    assert people.isdisjoint({"oregon", "caston", "millbrook", "national", "guard"})
