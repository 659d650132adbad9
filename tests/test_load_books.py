"""Digitised books as a teacher has them (review 10): a Project Gutenberg frame, page
numbers on their own lines and inside paragraphs, italics between underscores, and a
chapter's opening sentence that is no title. Each text here is written out by hand."""

from __future__ import annotations

from reader.core.comparison import compare
from reader.core.load.documents import document_from_text
from reader.core.load.markup import compared_text

_CHAPTER = """CHAPTER V.

CLERVAL then put the following letter into my hands. It was from my own Elizabeth.

I read with pleasure the letter of my cousin, and I wrote to her at once. Clerval
was kind to me in every way, and he read to me from _Orlando_ by Ariosto.

We returned to our college on a Sunday afternoon: the peasants were dancing, and
every one we met appeared gay and happy.
"""

_FRAMED = """The Project Gutenberg EBook of Frankenstein, by Mary Wollstonecraft Shelley

This eBook is for the use of anyone anywhere at no cost and with
almost no restrictions whatsoever.

Title: Frankenstein

Author: Mary Wollstonecraft Shelley

Release Date: June 17, 2008 [EBook #84]

*** START OF THIS PROJECT GUTENBERG EBOOK FRANKENSTEIN ***

CHAPTER V.

CLERVAL then put the following letter into my hands. It was from my own Elizabeth.

[p. 101]

I read with pleasure the letter of my cousin, and I wrote to her at once. Clerval
was kind to me in every way, and he read to me {102} from Orlando by Ariosto.

{103}

We returned to our college on a Sunday afternoon: the peasants were dancing, and
every one we met appeared gay and happy.

End of the Project Gutenberg EBook of Frankenstein, by Mary Wollstonecraft Shelley

*** END OF THIS PROJECT GUTENBERG EBOOK FRANKENSTEIN ***

Updated editions will replace the previous one--the old editions
will be renamed.
"""


def _story(doc) -> list[str]:
    return [compared_text(p) for p in doc.paragraphs if not p.boilerplate]


def test_a_gutenberg_frame_and_page_numbers_are_furniture():
    framed = document_from_text(_FRAMED, "framed.txt")
    plain = document_from_text(_CHAPTER, "plain.txt")
    assert [" ".join(t.split()) for t in _story(framed)] == \
        [" ".join(compared_text(p).split()) for p in plain.paragraphs]
    assert framed.title == plain.title == "CHAPTER V."
    furniture = [p.text for p in framed.paragraphs if p.boilerplate]
    assert "[p. 101]" in furniture and "{103}" in furniture
    assert any(t.startswith("*** END OF") for t in furniture)
    assert furniture[-1].startswith("Updated editions")


def test_the_same_chapter_framed_and_paged_has_no_differences():
    """The frame, the page numbers and the italics' underscores are no variants; the
    underscored words are still words, and read alike."""
    comp = compare([document_from_text(_CHAPTER, "plain.txt"),
                    document_from_text(_FRAMED, "framed.txt")])
    assert comp.differences(0) == []


def test_page_numbers_and_underscores_inside_a_paragraph_are_markup():
    doc = document_from_text(_CHAPTER.replace("pleasure", "pleasure {7}"), "plain.txt")
    para = next(p for p in doc.paragraphs if "{7}" in p.text)
    shown = compared_text(para)
    assert "{7}" not in shown and "_Orlando_" not in shown and " Orlando " in shown
    # snake_case, a lone underscore and a pair spanning lines are not italics
    doc = document_from_text("Set max_value to 3 and _ to 4.\n\nA _b\nc_ d.\n", "code.txt")
    assert [compared_text(p) for p in doc.paragraphs] == [p.text for p in doc.paragraphs]


def test_an_opening_line_of_two_sentences_is_no_title():
    doc = document_from_text(_CHAPTER.replace("CHAPTER V.\n\n", "").replace(
        "Elizabeth.", "Elizabeth:—"), "ch.txt")  # as the 1831 edition's chapter opens
    assert doc.title is None
    assert document_from_text("Dr. No Returns\n\nHe came back on Monday.\n", "t.txt").title \
        == "Dr. No Returns"


def test_a_change_list_gives_the_readings_of_a_reworded_paragraph():
    """A teacher's handout listed "changes 1 word: “I read with pleasure the letter of…”",
    the paragraph's opening, where the change was "cousin → friend": each change is
    given as the reference's reading and the source's, the first three of them."""
    from reader.core.export.report import ExportOptions, build_report
    edited = _CHAPTER.replace("my cousin", "my friend")
    report = build_report(compare([document_from_text(_CHAPTER, "a.txt"),
                                   document_from_text(edited, "b.txt")]), [], ExportOptions())
    [item] = [c for c in report.changes if c.kind == "changed"]
    assert item.label == "changes 1 word: “cousin → friend”"
    many = edited.replace("pleasure", "joy").replace("at once", "soon").replace(
        "every way", "all ways").replace("Ariosto", "Tasso")
    report = build_report(compare([document_from_text(_CHAPTER, "a.txt"),
                                   document_from_text(many, "b.txt")]), [], ExportOptions())
    [item] = [c for c in report.changes if c.kind == "changed"]
    assert item.label.endswith("“pleasure → joy”; “cousin → friend”; “at once → soon” "
                               "(+2 more)"), item.label
