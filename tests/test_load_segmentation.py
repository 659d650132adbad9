"""Issue 14 point 3: hard-wrapped text reads like unwrapped; Markdown roles and markup."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.comparison import compare
from reader.core.load.documents import document_from_text, load_document, seed_paths
from reader.core.load.markup import compared_text
from reader.core.load.segmentation import segment


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("seed", range(4))
def test_seed_rewrapped_at_72_columns_gives_the_seed_paragraphs(seed):
    """Each paragraph wrapped at 72 columns in its own blank-line block (wrapped 001 gave 54)."""
    path = seed_paths()[seed]
    original = load_document(path)
    paragraphs = [ln.strip() for ln in open(path, encoding="utf-8").read().splitlines()
                  if ln.strip()]
    wrapped = document_from_text("\n\n".join(textwrap.fill(p, 72) for p in paragraphs) + "\n",
                                 "wrapped.txt")
    squeeze = "".join  # the wrapper breaks after hyphens and drops no-break spaces at breaks
    assert [squeeze(p.text.split()) for p in wrapped.paragraphs] == \
        [squeeze(p.text.split()) for p in original.paragraphs]
    assert [p.heading for p in wrapped.paragraphs] == [p.heading for p in original.paragraphs]
    assert [p.boilerplate for p in wrapped.paragraphs] == \
        [p.boilerplate for p in original.paragraphs]
    for p in wrapped.paragraphs:
        assert wrapped.text[p.start:p.end] == p.text


def test_wrapped_lines_without_blank_lines_join_by_the_wrapping_rule():
    first = ("The talks in Moscow were closely watched by officials in Washington, who feared "
             "that Beijing would send weapons to Russia for its war.")
    second = ("Wang Yi met Vladimir Putin on Wednesday and said relations were as solid as a "
              "rock, according to the Kremlin.")
    title = "Wang Yi in Moscow"
    text = title + "\n" + textwrap.fill(first, 60) + "\n" + textwrap.fill(second, 60) + "\n"
    doc = document_from_text(text, "w.txt")
    assert [_flat(p.text) for p in doc.paragraphs] == [title, first, second]
    assert [p.role for p in doc.paragraphs] == ["headline", "body", "body"]


def test_one_paragraph_a_line_stays_one_paragraph_a_line():
    lines = ["Short title", "A first paragraph that ends here.",
             "Another one, quite a bit longer than the first one, that ends here too.",
             "A third."]
    doc = document_from_text("\n".join(lines), "x.txt")
    assert [p.text for p in doc.paragraphs] == lines


MARKDOWN = """# The **Big** Story #

> An editor's *note*: this was
wrapped across lines.

- First [item](https://example.com/x "t") here
- Second `code` item

Body with __strong__, snake_case_name and <https://x.org>.
Second line of body.

Part two
--------
"""


def test_markdown_roles_and_markup_ranges():
    doc = document_from_text(MARKDOWN, "story.md")
    got = [(p.role, p.heading, [MARKDOWN[s:e] for s, e in p.markup]) for p in doc.paragraphs]
    assert got == [
        ("headline", True, ["**", "**"]),
        ("quote", False, ["> ", "*", "*"]),
        ("list", False, ["- ", "[", '](https://example.com/x "t")']),
        ("list", False, ["- ", "`", "`"]),
        ("body", False, ["__", "__", "<", ">"]),
        ("heading", True, []),
    ]
    for p in doc.paragraphs:
        assert doc.text[p.start:p.end] == p.text
        assert all(p.start <= s < e <= p.end for s, e in p.markup)


def test_compared_text_blanks_markup_and_keeps_offsets():
    doc = document_from_text(MARKDOWN, "story.md")
    quote, item = doc.paragraphs[1], doc.paragraphs[2]
    assert compared_text(quote) == "  An editor's  note : this was wrapped across lines."
    seen = compared_text(item)
    assert len(seen) == len(item.text)
    assert seen.split() == ["First", "item", "here"]
    assert "example" not in seen
    for word in seen.split():  # each word at its own offset in the document
        at = seen.index(word)
        assert doc.text[item.start + at:item.start + at + len(word)] == word
    plain = document_from_text("Updated: the bridge reopened.\n", "a.txt").paragraphs[0]
    assert compared_text(plain) is plain.text


def test_markup_only_differences_are_no_word_differences():
    """A link target or emphasis in one version is no difference a reader sees: the word
    diff marks nothing, or only spaces (trivial)."""
    plain = document_from_text("Talks with Wang Yi: the bridge reopened on Tuesday.\n", "a.md")
    marked = document_from_text("**Talks** with [Wang Yi](https://example.com/wang): the "
                                "bridge _reopened_ on Tuesday.\n", "b.md")
    comp = compare([plain, marked])
    (link,) = comp.links
    assert all(s.op == "equal" or s.trivial for s in comp.link_diff(link))
    assert comp.row_counts(comp.row_of[link.a], 0, 1)["added"] == 0


def test_emphasis_and_links_over_a_line_break_are_markup():
    """A file wrapped at 72 columns breaks "**Russian President Vladimir Putin**" and a link's
    text over two lines: still formatting, shown without its asterisks and brackets (they
    showed as text, and made the wrapped copy differ from the unwrapped one)."""
    doc = document_from_text("Talks by **Russian President\nVladimir Putin** ended, said "
                             "[the Kremlin\nstatement](https://example.com/k).\n", "a.md")
    (p,) = doc.paragraphs
    assert " ".join(compared_text(p).split()) == \
        "Talks by Russian President Vladimir Putin ended, said the Kremlin statement ."


def test_versions_that_differ_only_in_link_targets_are_identical():
    """Read by hand: both say the same words; only where "the new timetable" points
    differs, which no reader sees. The aligner, the link's kind and the word diff read
    the text as shown (before, the target's words made it "reworded")."""
    said = ("The harbour ferry will run every twenty minutes from Monday, the council said, "
            "in [the new timetable]({}).\n")
    a = document_from_text(said.format("https://example.com/timetable-2025?from=monday"), "a.md")
    b = document_from_text(said.format("https://news.example.org/ferries/winter-service-plan"),
                           "b.md")
    (link,) = compare([a, b]).links
    assert (link.kind, link.score) == ("identical", 1.0)


def test_a_text_of_short_lines_loads_in_linear_time():
    """20,000 short lines, each a heading with no story after it: looking for story before
    each one took 7.8 s (quadratic); one look takes 0.3 s. The bound is far from both."""
    import time
    text = "\n".join(f"Short line {k}" for k in range(20_000)) + "\n"
    started = time.perf_counter()
    doc = document_from_text(text, "lines.txt")
    assert time.perf_counter() - started < 4
    assert len(doc.paragraphs) == 20_000


def test_unmatched_markdown_syntax_is_linear():
    """10,000 unmatched ``**`` and brackets: bounded patterns, no quadratic scan."""
    import time
    line = "**[" * 10_000 + "\n"
    started = time.perf_counter()
    doc = document_from_text(line, "bad.md")
    assert time.perf_counter() - started < 10
    assert doc.paragraphs


_markdownish = st.lists(st.one_of(
    st.sampled_from(["# ", "## ", "> ", "- ", "1. ", "**", "*", "_", "`", "[", "](http://x)",
                     "<b>", "\\*", "\n", "\n\n", "---\n", "===\n", " "]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_markdownish)
def test_markup_ranges_lie_inside_their_paragraph_and_blank_in_place(text):
    for p in segment(text, markdown=True):
        assert text[p.start:p.end] == p.text
        previous_end = p.start
        for start, end in p.markup:
            assert previous_end <= start < end <= p.end
            previous_end = end
        seen = compared_text(p)
        assert len(seen) == len(p.text)
        hidden = {k - p.start for start, end in p.markup for k in range(start, end)}
        assert all(c == " " if k in hidden else c == p.text[k] for k, c in enumerate(seen))


def test_a_heading_with_no_story_after_it_is_furniture():
    doc = document_from_text("Bridge reopens\n\nThe bridge reopened on Tuesday after repairs.\n\n"
                             "What's Next\n\nLoading...\n", "x.txt")
    assert [(p.role, p.boilerplate) for p in doc.paragraphs] == [
        ("headline", False), ("body", False), ("heading", True), ("body", True)]


def test_credit_lines_and_notes_are_furniture_and_a_story_that_names_them_is_not():
    text = ("Bridge reopens, city says\n\nBy Jane Doe\n\nThe bridge reopened on Tuesday, said a report "
            "by Jane Doe and colleagues.\n\nWork went on for weeks, by all accounts.\n\n"
            "Reuters contributed to this report.\n")
    doc = document_from_text(text, "x.txt")
    assert [p.boilerplate for p in doc.paragraphs] == [False, True, False, False, True]


def test_a_short_headline_above_its_credit_is_the_headline_not_a_site_name():
    # A site name sits above a title; a title of two words sits above "By ..." too,
    # and the credit line below it is no title.
    doc = document_from_text("Markets Tumble\n\nBy Jane Doe\n\nStocks fell sharply on Monday "
                             "as investors worried about rates.\n\nThe Dow lost 500 points.\n",
                             "x.txt")
    assert [(p.role, p.boilerplate) for p in doc.paragraphs] == [
        ("headline", False), ("byline", True), ("body", False), ("body", False)]
    site = document_from_text("World News\n\nMarkets tumble as rates rise\n\nStocks fell "
                              "sharply on Monday as investors worried about rates.\n", "x.txt")
    assert [(p.role, p.boilerplate) for p in site.paragraphs] == [
        ("heading", True), ("headline", False), ("body", False)]


def test_headline_is_the_first_story_title_not_the_furniture_above_it():
    heads = {}
    for path in seed_paths():
        doc = load_document(path)
        heads[path[-24:-21]] = [(p.index, p.text[:24]) for p in doc.paragraphs
                                if p.role == "headline"]
    assert heads == {"000": [(0, "China and Russia get clo")],
                     "001": [(0, "Chinese foreign minister")],
                     "002": [(3, "Putin and China’s top di")],  # below a date and site names
                     "003": [(1, "China & Russia’s Relatio")]}  # below a breadcrumb


def test_a_letters_salutation_is_no_title():
    """A chapter of letters (Frankenstein's, in the dev sets): "MY DEAR COUSIN," and "Your
    affectionate father," are short lines without a full stop, yet a clause that goes on,
    not a heading; the file's title is not taken from them."""
    doc = document_from_text("“MY DEAR COUSIN,\n\nIt would be impossible to describe the "
                             "anxiety we have all felt on your account.\n\n“Your affectionate "
                             "father,\n\nALPHONSE FRANKENSTEIN.\n", "letter.txt")
    assert [p.role for p in doc.paragraphs[:3]] == ["body", "body", "body"]
    assert doc.title is None and doc.name == "letter.txt"


BODY = ("Snopes fact checker and staff writer David Emery posted to Twitter asking if there "
        "were any un-angry Trump supporters, a post that drew thousands of replies.\n")


@pytest.mark.parametrize("first", [
    "'Neutral' Snopes Fact-Checker David Emery: 'Are There Any Un-Angry Trump Supporters?'",
    "Is the war in Ukraine nearly over?",
    "Putin: “Our relations have never been better”",
    "Stop the presses!"])
def test_a_first_line_that_asks_exclaims_or_quotes_is_the_headline(first):
    """A .txt copy of a page whose headline asked a question took its photo credit, the next
    title-like line, for its title: a short first line alone that ends in a question or
    exclamation mark, or in a quotation that would be a title without its quotes, is the
    headline."""
    doc = document_from_text(f"{first}\n\nJIM WATSON/AFP/Getty Images\n\n{BODY}", "copy.txt")
    assert [p.role for p in doc.paragraphs] == ["headline", "heading", "body"]
    assert doc.title == first


@pytest.mark.parametrize("first", [
    "It was a cold day in March.",  # a sentence
    "“We will not give up,” she said.",  # quoted speech, said
    "“Will it rain tomorrow?” asked the child, looking up at the grey sky over the hills.",
    "Is the war nearly over? Nobody in the capital believes it, and the generals say so "
    "openly now that the winter offensive has stalled in the mud of the east."])  # too long
def test_a_first_line_that_is_a_sentence_stays_body(first):
    doc = document_from_text(f"{first}\n\n{BODY}", "copy.txt")
    assert doc.paragraphs[0].role == "body"


def test_a_related_link_line_is_furniture_as_read_more_is():
    """A clipping's "*Related: [How Germany rebuilt…](…)*" was read as story text (a
    reviewer's "[2] adds “Related: …”"), where "Read more: …" was furniture."""
    doc = document_from_text("Para one is here with some words.\n\n*Related: [How Germany "
                             "rebuilt after the 2002 floods](https://x.org/a)*\n\nRead more: "
                             "[Europe braces](https://x.org/b)\n\nRelated reading is what the "
                             "council asked for, the mayor said.\n", "clip.md")
    assert [p.boilerplate for p in doc.paragraphs] == [False, True, True, False]


def test_topic_tip_and_posted_lines_are_furniture():
    """A reviewer's news set: a tag line ("Topics: Ohio, Industrial accidents"), a tip
    prompt and two "Posted … by …" lines were story text, and the alignment paired them
    with whatever furniture the other outlet had in that place (a tag line with an author
    biography, one outlet's desk line with another's posting line). Story sentences
    that start with the same words stay story."""
    doc = document_from_text(
        "Para one is here with some words about the blast at the plant.\n\n"
        "Posted March 4, 2025 by the Rust Belt Dispatch\n\n"
        "Posted by WKRN-7 Newsroom · March 4, 2025\n\n"
        "Posted guards stood at the gate all night, officials said.\n\n"
        "Topics of the talks included the plant's safety record, the mayor said.\n\n"
        "*Have a news tip? Email newsroom@valleyregister.example.*\n\n"
        "Topics: Ohio, Industrial accidents\n\nFiled under: Ohio\n", "clip.md")
    assert [p.boilerplate for p in doc.paragraphs] == [False, True, True, False, False,
                                                        True, True, True]


@pytest.mark.parametrize("line, furniture", [
    ("*By Sara Lindqvist, Valley Register staff*", True),
    ("By Jane Doe | Reuters", True),
    ("By Karen Holt, Associated Press Writer", True),
    ("By Tuesday, officials said the fire was out at the plant.", False),
    ("By the time crews arrived, the roof of the main hall had fallen in.", False)])
def test_a_byline_with_its_outlet_is_furniture(line, furniture):
    """A Markdown copy's "*By Sara Lindqvist, Valley Register staff*" was story text: "[3]
    adds" it in a reviewer's list. After the name, only capitalised words and a role."""
    doc = document_from_text(f"Para one is here with some words about the blast.\n\n{line}\n\n"
                             f"{BODY}", "copy.md")
    assert doc.paragraphs[1].boilerplate == furniture


CHAPTER_BODY = ("The bus left Hélène at the crossroads a little after four, and she stood for "
                "a while in the road with her suitcase at her feet.\n\nIt was a mile and a half "
                "to the house, and the lane had narrowed since she had last walked it.\n")
DIVISIONS = ["CHAPTER SEVEN", "Chapter 7", "CHAPTER VII.", "Part Two", "BOOK III", "Letter 4",
             "Book the First"]


def _chapter(heading: str, fmt: str) -> str:
    """A chapter's number above its title, in a plain text, a Markdown file or a page."""
    if fmt == "md":
        return f"# {heading}\n\n## The Salt House\n\n{CHAPTER_BODY}"
    if fmt == "html":
        paragraphs = "".join(f"<p>{p}</p>" for p in CHAPTER_BODY.split("\n\n"))
        return (f"<html><body><article><h2>{heading}</h2><h1>The Salt House</h1>{paragraphs}"
                "</article></body></html>")
    return f"{heading}\n\nThe Salt House\n\n{CHAPTER_BODY}"


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
@pytest.mark.parametrize("heading", DIVISIONS)
def test_a_chapters_number_is_a_story_heading_not_furniture(heading, fmt):
    """"CHAPTER SEVEN" above "The Salt House" was a site name above a title: page furniture,
    left out of exports, and an edition's "CHAPTER VII" was no difference. The title under
    it is the headline and names the file."""
    doc = document_from_text(_chapter(heading, fmt), f"ch7.{fmt}")
    assert [(p.text, p.role, p.boilerplate) for p in doc.paragraphs[:2]] == [
        (heading, "heading", False), ("The Salt House", "headline", False)]
    assert doc.title == "The Salt House"


def test_a_chapters_number_with_its_full_stop_heads_a_plain_text():
    doc = document_from_text(f"CHAPTER VII.\n\n{CHAPTER_BODY}", "ch7.txt")
    assert [(p.role, p.boilerplate) for p in doc.paragraphs] == [
        ("heading", False), ("body", False), ("body", False)]
    assert doc.title == "CHAPTER VII."


def test_chapter_numbers_each_part_starts_again_are_no_repeated_title():
    part = "Chapter 1\n\n" + CHAPTER_BODY
    doc = document_from_text(f"Part One\n\n{part}\nPart Two\n\n{part}", "book.txt")
    assert [p.text for p in doc.content if p.heading] == [
        "Part One", "Chapter 1", "Part Two", "Chapter 1"]


@pytest.mark.parametrize("first", ["World News", "Book Reviews", "Part of Life"])
def test_a_site_name_that_starts_like_a_division_is_still_furniture(first):
    doc = document_from_text(f"{first}\n\nThe Salt House reopens\n\n{CHAPTER_BODY}", "x.txt")
    assert [(p.role, p.boilerplate) for p in doc.paragraphs[:2]] == [
        ("heading", True), ("headline", False)]


def test_a_renumbered_chapter_is_a_difference():
    """The reviewer's five editions: one prints "CHAPTER VII" for "CHAPTER SEVEN"."""
    a = document_from_text(f"CHAPTER SEVEN\n\nThe Salt House\n\n{CHAPTER_BODY}", "ed1.txt")
    b = document_from_text(f"CHAPTER VII\n\nThe Salt House\n\n{CHAPTER_BODY}", "ed5.txt")
    links = {(link.a[1], link.b[1]): link.kind for link in compare([a, b]).links}
    assert links[(0, 0)] != "identical" and links[(1, 1)] == "identical"
