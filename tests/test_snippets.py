"""Short texts for a change (reader dock, CLI, exports): whole amounts, words cut at
word boundaries, no doubled quotation marks, sources saying the same grouped."""

from __future__ import annotations

from reader.core.comparison import compare
from reader.core.export.html_export import change_sections, summary_html
from reader.core.export.markdown_export import render_markdown
from reader.core.export.report import ExportOptions, build_report
from reader.core.load.documents import document_from_text
from reader.core.places import snippet
from reader.core.snippets import context_around, number_runs, quoted, whole_words

SHARED = "A second paragraph that every version carries word for word, as wires do.\n\n"


def _compare(*texts: str):
    return compare([document_from_text(text, f"/x/v{i + 1}.txt")
                    for i, text in enumerate(texts)])


def test_an_amount_keeps_its_currency_and_size_in_a_place_snippet():
    comp = _compare(f"Yahoo's $4.8 billion sale to Verizon is a complicated beast.\n\n{SHARED}",
                    f"Yahoo's $4.6 billion sale to Verizon is a complicated beast.\n\n{SHARED}")
    [diff] = comp.differences(0)
    assert snippet(comp, diff, 0) == "“$4.8 billion → $4.6 billion”"


def test_a_word_cut_by_the_diff_is_made_whole_but_punctuation_edges_stay():
    text = "He met Wang, by most accounts, and ties were good."
    inside = text.index("an")
    assert text[slice(*whole_words(text, inside, inside + 2))] == "Wang"  # not "Wang,"
    comma = text.index(", by")
    assert whole_words(text, comma, comma + len(", by most accounts,")) == (
        comma, comma + len(", by most accounts,"))  # not "Wang, by most accounts,"
    chinese = "中国外交部长王毅周三抵达莫斯科进行访问"
    assert whole_words(chinese, 4, 6) == (4, 6)  # no spaces: the diff's own span


def test_a_long_snippet_is_cut_at_a_word():
    long = ("In Yahoo's case, this is not deliberate, though. It is simply the way the "
            "sale was structured from the start.")
    head = "Headline of the story\n\n"
    comp = _compare(f"{head}{long}\n\n{SHARED}", f"{head}{SHARED}")
    [diff] = [d for d in comp.differences(0) if d.kind == "omitted"]
    shown = snippet(comp, diff, 0)
    assert shown.endswith("…”") and shown[1:-2] in long
    assert long[len(shown) - 3] == " "  # cut before a space, not inside "simply"


def test_quoted_text_gets_no_second_pair_of_quotation_marks():
    assert quoted("“Russian-Chinese relations are developing …") == \
        "“Russian-Chinese relations are developing …"
    assert quoted("Relations are developing") == "“Relations are developing”"


def test_a_change_list_opening_that_is_a_quotation_is_not_quoted_again():
    opening = "“Russian-Chinese relations are developing as we planned,” said Putin on Tuesday."
    comp = _compare(f"{opening}\n\n{SHARED}", SHARED)
    report = build_report(comp, [], ExportOptions(reference=1))
    [item] = [i for i in report.changes if i.kind == "added"]
    assert "““" not in item.label and "adds" in item.label
    assert "“Russian-Chinese" in item.label


def test_context_around_a_change_is_cut_at_words():
    text = ("The United States also expressed concern over China's possible provision "
            "of arms and ammunition to Russia.")
    at = text.index("concern")
    assert context_around(text, at, at + len("concern"), 20) == \
        "…also expressed concern over China's…"
    assert context_around(text, 0, 3, 200) == text  # all of it fits: no ellipsis


def test_number_runs_names_each_source_once():
    assert number_runs([16, 16, 17, 18, 20, 20]) == "[16]–[18] [20]"


def test_sources_saying_the_same_change_are_listed_once_as_a_range():
    reference = f"Wang arrived in Moscow on Monday for talks with Lavrov.\n\n{SHARED}"
    edited = f"Wang arrived in Moscow on Tuesday for talks with Lavrov.\n\n{SHARED}"
    comp = _compare(reference, edited, edited, edited, reference)
    report = build_report(comp, [], ExportOptions())
    md = render_markdown(report)
    assert md.count("\\[2\\]–\\[4\\] **date** Monday → Tuesday") == 1, md
    assert "· \\[3\\]" not in md
    [(_, facts), (_, words)] = change_sections(report)
    assert "[2]–[4]" in facts[0][1] and "[3] " not in facts[0][1]
    assert words[0][1].count("changes") == 1 and "[2]–[4]" in words[0][1]


def test_the_summary_gives_sources_with_the_same_counts_one_line():
    comp = _compare(f"Only the first version has this line.\n\n{SHARED}", SHARED, SHARED, SHARED)
    html = summary_html(build_report(comp, [], ExportOptions()))
    assert "<li>[1]: 1 paragraph only here, 0 moved.</li>" in html
    assert "<li>[2]–[4]: no unique or moved paragraphs.</li>" in html and "[3]:" not in html


def test_a_long_rewording_keeps_its_arrow_in_the_snippet():
    old = "Russia and China showed deepening relations in a series of meetings on Wednesday."
    new = ("Russia and China showcased their deepening ties at Wednesday's talks, with "
           "others watching.")
    comp = _compare(f"{old}\n\n{SHARED}", f"{new}\n\n{SHARED}")
    [diff] = comp.differences(0)
    assert snippet(comp, diff, 0) == "“showed deepening relations… → showcased their deepening…”"


def test_a_change_snippet_is_quoted_once_whatever_marks_the_source_has_there():
    """From the reviewer's six editions: the changed words of a quotation carry the
    source's own marks at their ends ("“After" → "No,"; "words" → "years,”"): the snippet,
    quoted whole, showed "“After → No," (left open) and "“words → years,””" (closed
    twice)."""
    old = "He said: “After all this time, we agree.” Then he left the hall for home."
    new = "He said: “No, all this time, we agree.” Then he left the hall for home."
    comp = _compare(old, new)
    [diff] = comp.differences(0)
    assert snippet(comp, diff, 0) == "“After → No,”"
    comp = _compare(f"“I must say also a few words to you, my dear cousin.”\n\n{SHARED}",
                    f"“I must say also a few years,” to you, my dear cousin.”\n\n{SHARED}")
    [diff] = comp.differences(0)
    assert snippet(comp, diff, 0) == "“words → years,”"
