"""Facts and word differences in other languages and scripts than English.

Names, dates, attribution verbs, negations and hedges are read in English only
(README, "Facts"); numbers in digits and quotations are read in any script, as
a fact-checker comparing a German, French or Chinese story expects.
"""

from __future__ import annotations

import pytest

from reader.core.diff.fact_changes import fact_changes
from reader.core.diff.facts import NUMBER, QUOTE, name_context, paragraph_facts
from reader.core.diff.words import word_diff, words_of

ZH = "国家统计局周三公布的数据显示，中国第三季度国内生产总值同比增长4.9%，高于市场预期的4.4%。"


def _kinds(text: str, kind: str) -> list[tuple[str, str]]:
    return [(f.text, f.key) for f in paragraph_facts(text) if f.kind == kind]


def test_numbers_written_against_chinese_and_korean_words_are_numbers():
    assert _kinds(ZH, NUMBER) == [("4.9%", "4.9%"), ("4.4%", "4.4%")]
    assert _kinds("경제성장률은 4.9%로 집계됐다", NUMBER) == [("4.9%", "4.9%")]
    # beside a Latin letter a digit is part of a code, as before
    assert _kinds("The A320 and COVID19 flights", NUMBER) == []


def test_an_amount_and_its_scale_are_one_number():
    assert _kinds("It cost $4.8 billion, two million and 3 hundred.", NUMBER) == [
        ("$4.8 billion", "$4800000000"), ("two million", "2000000"), ("3 hundred", "300")]


def test_a_changed_number_in_chinese_is_a_fact_change():
    changed = fact_changes(ZH, ZH.replace("4.4%", "4.5%"))
    assert [(c.kind, c.op, c.label) for c in changed] == [
        ("number", "changed", "number: 4.4% → 4.5%")]


def test_quotation_marks_of_other_languages_hold_quotes():
    cases = {
        "Olaf Scholz sprach von einem „historischen Schritt für unser Land“.":
            "historischen Schritt für unser Land",
        "Le président a parlé d'un « moment historique pour la France ».":
            "moment historique pour la France",
        "Il a dit\u00a0:\u00a0«\u202fC'est fini\u202f», puis il est parti.": "C'est fini",
        "付凌晖表示：“国民经济持续恢复向好。”": "国民经济持续恢复向好",
        "他说「这是历史性的一步」。": "这是历史性的一步",
        "彼は『東京は晴れ』と言った。": "東京は晴れ",
    }
    for text, quoted in cases.items():
        assert [t for t, _ in _kinds(text, QUOTE)] == [quoted], text


def test_an_altered_german_quote_is_a_quote_change():
    a = "Scholz sprach von einem „historischen Schritt für unser Land“."
    b = "Scholz sprach von einem „wichtigen Schritt für unser Land“."
    assert [(c.kind, c.op) for c in fact_changes(a, b)] == [("quote", "altered")]


def test_chinese_and_japanese_are_diffed_character_by_character():
    """No spaces: a run of Han characters is a clause, and one changed character must
    not mark the whole clause."""
    assert words_of("统计局周三 iPhone手机 東京タワー 한국어") == [
        "统", "计", "局", "周", "三", "iphone", "手", "机", "東", "京", "タ", "ワ", "ー", "한국어"]
    a, b = "国家统计局周二公布的数据显示增长4.9%", "国家统计局周三公布的数据显示增长4.4%"
    changed = [(a[s.a_start:s.a_end], b[s.b_start:s.b_end])
               for s in word_diff(a, b) if s.op != "equal"]
    assert changed == [("二", "三"), ("4.9", "4.4")]


def test_english_is_told_from_other_languages():
    from reader.core.diff.facts import reads_english
    from reader.core.load.documents import load_document, seed_paths
    for path in seed_paths():
        assert reads_english([p.text for p in load_document(path).paragraphs])
    others = ["Die Bundesregierung hat am Mittwoch ein Klimapaket beschlossen. Kanzler Scholz "
              "sprach von einem „historischen Schritt für unser Land“.",
              "Le gouvernement a présenté mercredi son plan pour le climat, « un moment "
              "historique », selon le président.", ZH, ""]
    assert not any(reads_english([text]) for text in others)


def test_a_partial_fact_list_says_so_where_it_is_read():
    """A Russian pair: only numbers and quotes are compared, and the summary and the
    exports say so rather than let the list pass for complete; English sources say
    nothing."""
    from reader.core.comparison import compare
    from reader.core.export.report import ExportOptions, build_report
    from reader.core.export.summary import summary_text
    from reader.core.load.documents import document_from_text, load_document, seed_paths
    ru = ("Министр иностранных дел Китая прибыл в Москву в среду и встретился с Лавровым.\n\n"
          "Товарооборот двух стран достиг 190 миллиардов долларов в прошлом году.\n")
    comp = compare([document_from_text(ru, "a.txt"),
                    document_from_text(ru.replace("190", "200"), "b.txt")])
    note = ("Names, dates, attribution, negations and hedges are read in English only: [1] "
            "[2] are not English, so only their numbers and quotes are compared.")
    lines = summary_text(comp).splitlines()
    assert lines[1:3] == ["Fact changes against [1]: 1", f"  ({note})"]
    assert note in build_report(comp, [], ExportOptions()).warnings
    seeds = compare([load_document(p) for p in seed_paths()])
    assert "English only" not in summary_text(seeds)


def test_the_partial_list_note_asks_each_source_once(monkeypatch):
    """Which sources are not English is the question each source's names context answered
    already (the same texts, the same test): once it is read, the note asks no more (the
    summary of 20 versions of 100 paragraphs asked all over again, 30 ms); before, it
    tells alike without reading any name."""
    from reader.core.comparison import compare
    from reader.core.diff import story_facts
    from reader.core.load.documents import document_from_text, load_document, seed_paths
    de = ("Die Bundesregierung hat am Mittwoch ein Klimapaket beschlossen. Kanzler Scholz "
          "sprach von einem „historischen Schritt für unser Land“.\n")
    comp = compare([load_document(seed_paths()[0]), document_from_text(de, "de.txt")])
    assert story_facts.not_english(comp) == [1]
    for source in range(2):
        story_facts.document_context(comp, source)

    def asked(texts):
        raise AssertionError("asked again")
    monkeypatch.setattr(story_facts, "reads_english", asked)
    assert story_facts.not_english(comp) == [1]


@pytest.mark.parametrize("text, numbers", [
    ("Уровень воды поднялся на 2,4 метра и достиг 9,8 метра.", [("2,4", "2.4"), ("9,8", "9.8")]),
    ("Le fleuve a atteint 8,7 mètres ; 3\u00a0400 habitants évacués.",
     [("8,7", "8.7"), ("3\u00a0400", "3400")]),
    ("It had 1.5k followers, cost £20m and $2bn, and the river rose 5m overnight.",
     [("1.5k", "1500"), ("£20m", "£20000000"), ("$2bn", "$2000000000")]),
    ("About 12,000 people and 1,500 cars.", [("12,000", "12000"), ("1,500", "1500")])])
def test_numbers_as_other_languages_and_headlines_write_them(text, numbers):
    """A reviewer's Russian and German pairs: "9,8 → 10,6" read as two changes, 9 → 10 and
    8 → 6; "1.5k" read as 1. A comma before one or two digits is a decimal comma, a
    no-break space groups thousands, a scale glued to an amount counts ("5m" alone is five
    metres: no number). Thousands with commas read as before."""
    assert [(f.text, f.key) for f in paragraph_facts(text) if f.kind == NUMBER] == numbers


@pytest.mark.parametrize("text, numbers", [
    ("Half of the 200 workers went home.", [("Half", "50%"), ("200", "200")]),
    ("Nearly a third of homes and two-thirds of their shops lost power.",
     [("a third", "33%"), ("two-thirds", "67%")]),
    ("Three quarters of the vote and a quarter of the seats.",
     [("Three quarters", "75%"), ("a quarter", "25%")]),
    ("Half a million people and half a dozen boats.",
     [("Half a million", "500000"), ("half a dozen", "6")]),
    # no share: a time, a period, a state
    ("It took half an hour in the first half of the year; he was half asleep.", []),
    ("The third quarter was weak.", [])])
def test_shares_in_words_read_as_the_percentage_another_version_prints(text, numbers):
    """"half" → "50%" was "number added: 50%", as if a figure had appeared; a share read as
    its percentage is the same number, and "half" → "60%" a changed one. "half a million"
    read "a million"."""
    assert [(f.text, f.key) for f in paragraph_facts(text) if f.kind == NUMBER] == numbers


@pytest.mark.parametrize("a, b, labels", [
    ("Half of the staff quit on Monday.", "50% of the staff quit on Monday.", []),
    ("About half the staff quit.", "About 60% of the staff quit.", ["number: half → 60%"]),
    ("A third of the 90 rooms flooded.", "33% of the 90 rooms flooded.", []),
    ("Half a million people marched.", "500,000 people marched.", [])])
def test_a_share_changed_for_its_percentage_is_no_change(a, b, labels):
    assert [c.label for c in fact_changes(a, b)] == labels


_ENGLISH_LEAD = ("The Northline Rail train, which was hauling 96 cars from Toledo to Pittsburgh, "
                 "left the tracks at about 11:40 p.m. near the Main Street crossing, Fire Chief "
                 "Dana Whitlock said. Twenty-three cars derailed, at least four of them carrying "
                 "vinyl chloride.")
_GERMAN_LEAD = ("Der Zug der Bahngesellschaft Northline Rail mit 96 Waggons war auf dem Weg von "
                "Toledo nach Pittsburgh, als er gegen 23.40 Uhr Ortszeit nahe dem Bahnübergang "
                "an der Main Street aus den Gleisen sprang, sagte Feuerwehrchefin Dana Whitlock. "
                "23 Waggons entgleisten, mindestens vier davon hatten Vinylchlorid geladen.")
"""A reviewer's wire paragraph and its German version, word for word."""


def test_an_english_paragraph_and_its_translation_compare_digits_and_quotes_only():
    """A reviewer's German version: "name added: Uhr Ortszeit" (every German noun is
    capitalised, and names were read though the README says English only), "number:
    four → 23.40" (an English number word against the German time) and "date dropped:
    11:40 p.m.". Only what reads alike in both languages is compared."""
    english = name_context([_ENGLISH_LEAD])
    german = name_context([_GERMAN_LEAD])
    assert english.english and not german.english
    assert [f for f in paragraph_facts(_GERMAN_LEAD, german) if f.kind == "name"] == []
    labels = [c.label for c in fact_changes(_ENGLISH_LEAD, _GERMAN_LEAD, english, german)]
    assert not [label for label in labels if label.startswith(("name", "date"))
                or "four" in label], labels
    a, b = "Of the 18 injured, six were critical.", "Von den 22 Verletzten schwebten sechs in Gefahr."
    assert [c.label for c in fact_changes(a, b, name_context([a]), name_context([b]))] == \
        ["number: 18 → 22"]


def test_a_translation_pairs_the_last_numbers_only_where_they_stand_alike():
    """The reviewer's German version dropped the English "Route 9" and gave the evacuee
    count first: "number: 9 → 2500" paired two numbers at the two ends of the paragraphs,
    with no words around to say they were one. Numbers at the same place still pair."""
    a = ("About 1,200 residents living within one mile of the crash site were ordered to leave "
         "their homes overnight. A shelter has been opened at Ashford Junction High School on "
         "Route 9.")
    b = ("Rund 2500 Anwohner im Umkreis von zwei Meilen um die Unglücksstelle mussten ihre "
         "Häuser verlassen, nachdem der Wind gedreht hatte. In der Nacht waren es noch 1200 "
         "gewesen. Notunterkünfte wurden in der Ashford Junction High School eingerichtet.")
    assert [c.label for c in fact_changes(a, b, name_context([a]), name_context([b]))] == \
        ["number dropped: 9"]  # the German names no route
