"""Review 6, findings 4 and 5: lists in plain text, and furniture read across sources."""

from __future__ import annotations

import textwrap

import pytest

from reader.core.load.documents import document_from_text
from reader.core.load.markup import compared_text
from reader.core.pipeline import load_all, load_and_compare

INTRO = ("Whitcombe's design was notable for its use of a double-intersection lattice. "
         "Its principal features are:")
FIGURES = ["Total length: 412 m (1,352 ft)", "Longest span: 60 m (197 ft)",
           "Number of spans: 7", "Width of roadway: 6.1 m (20 ft)",
           "Height above mean water level: 15 m", "Cost of construction: £41,200",
           "Opened: 14 September 1874"]
RESTORATION = ("By the 1990s the ironwork was badly corroded and a weight limit of 7.5 tonnes "
               "was imposed in 1996, and the bridge was closed to traffic for eleven months.")
SEE_ALSO = ["List of bridges in Northmere", "River Wensley", "Thomas Whitcombe"]


def _story(bullet: str, see_also: list[str]) -> str:
    return "\n".join([
        "Aldermoor Bridge", "", INTRO, "", "Key figures", "",
        *(bullet + item for item in FIGURES), "", "Restoration", "", RESTORATION, "",
        "See also", "", *see_also, ""])


def _shown(p) -> str:
    return " ".join(compared_text(p).split())


def _items(doc, texts):
    return [p for p in doc.paragraphs if _shown(p) in texts]


@pytest.mark.parametrize("bullet", ["* ", "- ", "• ", "– ", "+ "])
def test_bulleted_lines_of_a_plain_text_are_list_items_and_their_bullet_is_markup(bullet):
    """Read line by line, "* Number of spans: 7" was a heading and "* Total length: 412 m"
    body, and the "* " was compared as a word."""
    doc = document_from_text(_story(bullet, ["* " + s for s in SEE_ALSO]), "v2.txt")
    items = _items(doc, FIGURES)
    assert [_shown(p) for p in items] == FIGURES
    assert {(p.role, p.heading, p.boilerplate) for p in items} == {("list", False, False)}
    for p in items:
        assert p.text.startswith(bullet) and doc.text[p.start:p.end] == p.text


@pytest.mark.parametrize("number", ["{}. ", "{}) ", "({}) "])
def test_numbered_lines_counting_up_are_list_items(number):
    text = "Steps\n\n" + "\n".join(number.format(k + 1) + f for k, f in enumerate(FIGURES))
    items = document_from_text(text + "\n\nThen the bridge was opened to traffic.\n",
                               "steps.txt").paragraphs[1:-1]
    assert [(p.role, _shown(p)) for p in items] == [("list", f) for f in FIGURES]


def test_a_plain_text_list_compares_as_the_markdown_list_does():
    """The .txt copy's "* " against the .md copy's "- ": no word differs (the export
    quoted "changes 1 word: '* Height above mean water level: 15 m'")."""
    plain = document_from_text(_story("* ", []), "v2.txt")
    marked = document_from_text(_story("- ", []).replace("Key figures", "## Key figures"),
                                "v1.md")
    assert [(p.role, _shown(p)) for p in _items(plain, FIGURES)] == \
        [(p.role, _shown(p)) for p in _items(marked, FIGURES)]


def test_wrapped_items_with_indented_continuations_are_one_item_each():
    items = ["The pipeline to the east, which the two sides have discussed for years "
             "without agreement on its price.", "Trade settled in yuan and roubles, rather "
             "than in dollars, to keep clear of the sanctions the West has imposed."]
    body = ("The talks covered energy and trade, and the officials who took part in them "
            "said that both sides wanted more of each in the coming year.")
    text = "\n\n".join(["Talks", textwrap.fill(body, 66), "\n".join(
        textwrap.fill("* " + item, 66, subsequent_indent="  ") for item in items),
        textwrap.fill(body, 66)]) + "\n"
    doc = document_from_text(text, "talks.txt")
    assert [(p.role, _shown(p)) for p in doc.paragraphs] == [
        ("headline", "Talks"), ("body", body), ("list", items[0]), ("list", items[1]),
        ("body", body)]


PROSE_NOT_LISTS = {
    "a dash in prose": ["He stopped at the bridge and looked down at the water.",
                        "- and then, without a word, he walked on.",
                        "Nobody saw him again that winter."],
    "dialogue": ["– Are you coming? – she asked.",
                 "– Not today, he said. – Maybe tomorrow.", "She left without him."],
    "numbered paragraphs of a judgment": [
        "1. The applicant, Mr John Smith, is a British national who was born in 1970 and "
        "lives in London. He was represented before the Court by Ms A. Jones, a lawyer "
        "practising in London.",
        "2. The Government were represented by their Agent, Mr B. Brown, of the Foreign "
        "and Commonwealth Office, who submitted written observations on the admissibility "
        "and the merits of the application."],
}


@pytest.mark.parametrize("case", sorted(PROSE_NOT_LISTS))
@pytest.mark.parametrize("joiner", ["\n", "\n\n"])
def test_prose_that_starts_lines_with_a_dash_or_a_number_is_no_list(case, joiner):
    """Their dashes and numbers are the text's (how lines join is the wrapping rules' call)."""
    doc = document_from_text("The Story\n\n" + joiner.join(PROSE_NOT_LISTS[case]) + "\n",
                             "s.txt")
    assert {(p.role, p.markup) for p in doc.paragraphs[1:]} == {("body", ())}
    assert " ".join(p.text for p in doc.paragraphs[1:]) == " ".join(PROSE_NOT_LISTS[case])


def test_a_section_break_of_asterisks_is_no_list_item():
    text = ("The Story\n\nThe first part ends here, as parts do.\n\n* * *\n\n* * *\n\n"
            "The second part begins here, much later.\n")
    roles = [p.role for p in document_from_text(text, "s.txt").paragraphs]
    assert "list" not in roles


def _write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_what_another_source_carries_as_story_is_no_furniture_here(tmp_path):
    """A .txt copy's "See also" items, short lines after the last story paragraph, read as
    headings with no story after them: furniture there, list items in the Markdown copy,
    and the .txt copy was said to leave them out ("[2] omits 'River Wensley'")."""
    md = _story("- ", ["- " + s for s in SEE_ALSO]).replace("Key figures", "## Key figures")
    paths = [_write(tmp_path, "v1.md", md), _write(tmp_path, "v2.txt", _story("* ", SEE_ALSO))]
    comp, docs, errors = load_and_compare(paths)
    assert not errors
    plain = _items(docs[1], SEE_ALSO)
    assert [(_shown(p), p.boilerplate) for p in plain] == [(s, False) for s in SEE_ALSO]
    assert not [d for d in comp.differences(0) if d.kind in ("added", "omitted")]


def test_furniture_every_source_flags_stays_furniture(tmp_path):
    """Two copies from one site share its "Related News" teasers: furniture in both."""
    tail = "\n".join(["", "Related News", "", "Ferry rights sold for £8,500",
                      "Council buys the bridge", ""])
    paths = [_write(tmp_path, f"v{k}.txt", _story("* ", []) + tail) for k in (1, 2)]
    docs, _ = load_all(paths)
    for doc in docs:
        flagged = [p.text for p in doc.paragraphs if p.boilerplate]
        assert {"Related News", "Council buys the bridge"} <= set(flagged)


def test_a_title_printed_twice_stays_furniture_beside_a_copy_with_it_once(tmp_path):
    """The second copy of a page's title is furniture; another copy's headline does not
    make it story (nor does this copy's own headline)."""
    title = "Aldermoor Bridge reopens, two years late"
    body = "The council reopened the Aldermoor Bridge on Tuesday after two years of work."
    once = _write(tmp_path, "a.txt", f"{title}\n\n{body}\n")
    twice = _write(tmp_path, "b.txt", f"{title}\n\n{title}\n\n{body}\n")
    docs, _ = load_all([once, twice])
    assert [p.boilerplate for p in docs[1].paragraphs] == [False, True, False]


CONDITIONS = ["The work must finish by 14 September.", "The cost must stay under £3.2 million.",
              "The footpath stays open at weekends."]


@pytest.mark.parametrize("marks", [("a) ", "b) ", "c) "), ("(a) ", "(b) ", "(c) "),
                                   ("A. ", "B. ", "C. "), ("i. ", "ii. ", "iii. "),
                                   ("(i) ", "(ii) ", "(iii) "), ("IV. ", "V. ", "VI. ")])
def test_lettered_and_roman_lines_counting_up_are_list_items(marks):
    """"a) The work must finish…" had its "a)" compared as a word, so a copy numbering the
    conditions "1." or bulleting them changed a word in each."""
    text = ("The council set three conditions for the repairs:\n\n"
            + "\n".join(m + c for m, c in zip(marks, CONDITIONS)) + "\n\nThe mayor agreed.\n")
    items = document_from_text(text, "conditions.txt").paragraphs[1:-1]
    assert [(p.role, _shown(p)) for p in items] == [("list", c) for c in CONDITIONS]


def test_a_lettered_list_reaches_i_as_the_letter_after_h():
    letters = "abcdefghij"
    lines = [f"{k}) Item number {n} of the long list" for n, k in enumerate(letters, 1)]
    items = document_from_text("Rules:\n\n" + "\n".join(lines) + "\n\nEnd.\n",
                               "rules.txt").paragraphs[1:-1]
    assert [(p.role, _shown(p)) for p in items] == \
        [("list", f"Item number {n} of the long list") for n in range(1, 11)]


def test_roman_numbered_headings_parted_by_blank_lines_stay_headings():
    """A story's parts, "I. The Crossing" and "II. The Storm", each with its text: no list."""
    text = ("I. The Crossing\n\nThe ferry left at dawn with forty passengers and a cargo of "
            "wool bound for the mills.\n\nII. The Storm\n\nBy noon the wind had risen and "
            "the captain turned back towards the harbour.\n")
    doc = document_from_text(text, "story.txt")
    heads = [p for p in doc.paragraphs if p.text.startswith(("I.", "II."))]
    assert len(heads) == 2 and all(p.role != "list" and p.heading for p in heads)


def test_initials_and_letters_that_do_not_count_up_are_no_list():
    text = ("J. Smith and K. Jones wrote the report.\n"
            "A. Brown read it aloud at the meeting, then\n"
            "C. Green answered.\n")
    assert all(p.role != "list" for p in document_from_text(text, "names.txt").paragraphs)
