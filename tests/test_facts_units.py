"""Numbers written against their unit, and times written every way (a data journalist's
review, 13): "33,000mph" had read 33, and "33,000mph" / "33,000 miles per hour" was
"number: 33 → 33,000"."""

from __future__ import annotations

from fact_labels import labels

from reader.core.diff.facts import paragraph_facts


def _numbers(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.key) for f in paragraph_facts(text) if f.kind == "number"]


def test_a_unit_against_its_number_leaves_the_number_whole():
    assert _numbers("It went 5000mph and 2.5km, a 7,500mAh battery, 40,000sq ft and "
                    "2,000MW, at 33,000mph.") == [
        ("5000", "5000"), ("2.5", "2.5"), ("7,500", "7500"), ("40,000", "40000"),
        ("2,000", "2000"), ("33,000", "33000")]
    # codes stay codes, a decimal comma a decimal, and an amount its scale
    assert _numbers("On 4G with an A320 it cost $3bn; 9,8 метра.") == [
        ("$3bn", "$3000000000"), ("9,8", "9.8")]


def test_a_unit_spaced_or_not_is_no_change():
    said = "The meteor entered the atmosphere at 33,000mph and fell 1,250km away."
    spaced = said.replace("33,000mph", "33,000 miles per hour").replace("1,250km", "1,250 km")
    assert labels(said, spaced) == []
    assert labels(said, said.replace("33,000mph", "34,000mph")) == ["number: 33,000 → 34,000"]


def test_a_time_is_one_time_however_it_is_written():
    said = "The rock fell at 9am, and the sirens sounded at 9:40pm."
    assert labels(said, said.replace("9am", "9 a.m.").replace("9:40pm", "9:40 p.m.")) == []
    assert labels(said, said.replace("9am", "10 am")) == ["time: 9am → 10 am"]


def test_more_than_before_two_numbers_is_no_proof_they_are_one():
    """"more than six metres wide" / "a city of more than one million people" shared only
    their "more than", and were "number: six → one million"; "at least 16 people were
    killed" / "killing at least 14 people" share what they say of it."""
    crater = ("At least three craters were found. One crater was more than six metres wide, "
              "while another lump of meteorite slammed through the thick ice of a nearby lake.")
    city = ("The event caused panic in Chelyabinsk, a city of more than one million people. "
            "The vapour trail was visible for hundreds of miles.")
    assert "number: six → one million" not in labels(crater, city)
    killed = ("At least 16 people were killed and 63 injured when a freight train carrying "
              "vinyl chloride derailed in the center of Carverton.")
    killing = ("A freight train hauling vinyl chloride came off the rails in the middle of "
               "Carverton, killing at least 14 people and injuring 63.")
    assert labels(killed, killing) == ["number: 16 → 14"]


def test_the_one_date_left_in_a_merge_pairs_only_in_a_sentence_both_say():
    """A long paragraph linked with a short one (a merge) pairs the one date left on each
    side only where their sentences share a word: "dating to April 2013" / "was changed in
    December 2012" are two dates. Paragraphs of like length pair it as ever, whatever
    their words: a paraphrase may share none (review 8's "Saturday" / "Friday")."""
    long = ("The NSA's document highlights the breadth of the data it is able to obtain: "
            "email, video and voice chat, photos and file transfers. The document is recent, "
            "dating to April 2013. Such a leak is extremely rare in the history of the NSA.")
    short = "The Foreign Intelligence Surveillance Act was changed in December 2012."
    assert [x for x in labels(long, short) if "April" in x] == []
    until = ("Officials said the evacuation order would remain in place until at least "
             "Saturday, March 18.")
    before = ("Roughly 2,400 people were told to leave, and will not be allowed back before "
              "Friday, March 17.")
    assert "date: Saturday, March 18 → Friday, March 17" in labels(until, before)
