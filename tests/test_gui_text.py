"""The text as the author wrote it, in the panes: hard-wrapped paragraphs and Markdown."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QFont, QTextCharFormat

from reader.core.comparison import compare
from reader.core.load.documents import document_from_text, seed_paths
from reader.core.load.segmentation import Paragraph
from reader.gui.document_builder import build_pane
from reader.gui.story import build_story
from reader.gui.theme import LIGHT


def _wrapped(text: str) -> str:
    """Every paragraph re-wrapped at 72 columns, paragraphs separated by blank lines."""
    paras = [p for p in text.splitlines() if p.strip()]
    return "\n\n".join(textwrap.fill(p, 72, break_on_hyphens=False, break_long_words=False)
                         for p in paras) + "\n"


def _differences(paths: list[str]) -> list[tuple[int, str, int]]:
    from reader.core.pipeline import load_and_compare
    comp, _, _ = load_and_compare(paths, reference=paths[0])
    return [(d.source, d.kind, d.words) for d in comp.differences(0)]


def test_a_hard_wrapped_paragraph_is_one_block_with_offsets_intact(tmp_path):
    """Whatever the segmenter gives, a paragraph with line breaks shows as one block
    whose positions map back to the source text (no highlight lands mid-word)."""
    text = "Headline here\n\n" + textwrap.fill("word " * 60, 40) + "\n\nLast one.\n"
    docs = [document_from_text(text, "a.txt"), document_from_text(text.replace("word", "Word", 1),
                                                                   "b.txt")]
    comp = compare(docs)
    story = build_story(comp)
    content = build_pane(comp, story, 1, 0, LIGHT, QFont())
    for para in content.paragraphs:
        block = content.document.findBlockByNumber(content.para_block(para.index))
        assert len(block.text()) == len(para.text)
        assert "\n" not in block.text()
        assert content.to_source(block.position() + 3) == para.start + 3


def test_a_wrapped_seed_shows_the_differences_of_the_unwrapped_one(tmp_path):
    seed = seed_paths()[1]
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text(_wrapped(Path(seed).read_text(encoding="utf-8")), encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text("\n\n".join(p for p in Path(seed).read_text(encoding="utf-8").splitlines()
                                 if p.strip()), encoding="utf-8")
    reference = seed_paths()[0]
    assert _differences([reference, str(wrapped)]) == _differences([reference, str(plain)])


def test_wrapped_and_unwrapped_panes_stay_level(new_window, tmp_path):
    seed = seed_paths()[1]
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text(_wrapped(Path(seed).read_text(encoding="utf-8")), encoding="utf-8")
    win = new_window([seed, str(wrapped)])
    a, b = (p.view for p in win.panes)
    assert a.content.passage_blocks == b.content.passage_blocks
    for k, span in enumerate(a.content.passage_blocks):
        if span is not None:
            win._scroll_lead_to(k)
            assert abs(a.passage_rect(k).top() - b.passage_rect(k).top()) <= 2


@dataclass(frozen=True)
class MarkedParagraph(Paragraph):
    """A paragraph as the loader will give it (``role``, ``markup``): set by hand here."""

    role: str = "body"
    markup: tuple = ()


def test_markdown_markup_is_hidden_and_roles_are_styled():
    text = "# The title\n\nSome **bold** words here.\n\n> A quote.\n"
    doc = document_from_text(text, "a.txt")
    starts = [text.index(s) for s in ("# The", "Some", "> A")]
    bold = text.index("**bold**")
    paragraphs = [
        MarkedParagraph(0, starts[0], starts[0] + 11, text[starts[0]:starts[0] + 11],
                        heading=True, role="headline", markup=((starts[0], starts[0] + 2),)),
        MarkedParagraph(1, starts[1], starts[1] + 25, text[starts[1]:starts[1] + 25],
                        role="body", markup=((bold, bold + 2), (bold + 6, bold + 8))),
        MarkedParagraph(2, starts[2], starts[2] + 10, text[starts[2]:starts[2] + 10],
                        role="quote", markup=((starts[2], starts[2] + 2),)),
    ]
    doc = type(doc)(doc.path, doc.name, doc.encoding, doc.text, paragraphs, doc.format)
    comp = compare([doc, doc])
    content = build_pane(comp, build_story(comp), 0, 0, LIGHT, QFont())
    document = content.document

    def fmt_at(para: int, offset: int):
        block = document.findBlockByNumber(content.para_block(para))
        for fr in block.textFormats():
            if fr.start <= offset < fr.start + fr.length:
                return QTextCharFormat(fr.format)
        raise AssertionError(offset)

    assert fmt_at(0, 0).fontPointSize() == 1  # "# " shrunk out of sight
    assert fmt_at(0, 0).foreground().color().alpha() == 0
    assert fmt_at(0, 3).font().bold()  # the headline
    assert fmt_at(1, bold - starts[1] + 3).font().bold()  # **bold**
    assert not fmt_at(1, 0).font().bold()
    assert fmt_at(2, 3).font().italic()  # the quote
    quote = document.findBlockByNumber(content.para_block(2))
    assert quote.blockFormat().leftMargin() > 0


def test_a_markdown_file_reads_formatted_with_the_loaders_roles():
    """End to end with the loader: Markdown syntax never shows, the headline is big."""
    text = "# China and Russia\n\nRussia and **China** met.\n\n> A quote here.\n"
    doc = document_from_text(text, "story.md")
    comp = compare([doc, document_from_text(text.replace("met", "talked"), "other.md")])
    content = build_pane(comp, build_story(comp), 0, 1, LIGHT, QFont())
    shown = []
    block = content.document.begin()
    while block.isValid():
        for fr in block.textFormats():
            fmt = QTextCharFormat(fr.format)
            if fmt.foreground().color().alpha() != 0:
                shown.append(block.text()[fr.start:fr.start + fr.length])
        block = block.next()
    visible = "".join(shown)
    assert "**" not in visible and "#" not in visible and ">" not in visible
    assert "China and Russia" in visible and "China" in visible


def test_only_the_words_between_a_pair_of_marks_are_bold(qtbot):
    """"**Putin** in Moscow, reports [the agency](…)": "Putin" is bold, the words after
    its closing "**" are not (the closing mark opened a bold run up to the link's "[")."""
    text = "Wang Yi met **Putin** in Moscow, reports [the agency](https://example.org/a).\n"
    doc = document_from_text(text, "story.md")
    comp = compare([doc, document_from_text(text.replace("met", "saw"), "other.md")])
    content = build_pane(comp, build_story(comp), 0, 1, LIGHT, QFont())
    block = content.document.findBlockByNumber(content.para_block(0))
    bold = "".join(block.text()[fr.start:fr.start + fr.length] for fr in block.textFormats()
                   if QTextCharFormat(fr.format).font().bold()
                   and QTextCharFormat(fr.format).foreground().color().alpha() != 0)
    assert bold == "Putin"


def test_a_hidden_link_address_takes_no_room(qtbot):
    """"[the agency](https://…)." reads "the agency." with its full stop close by: the
    address, shrunk to 1 pt, still left a gap of about three spaces."""
    plain = "Wang Yi met Putin, reports the agency.\n"
    linked = ("Wang Yi met Putin, reports [the agency](https://example.org/a-long-address-"
              "that-goes-on-and-on-2024).\n")
    widths = []
    for text, name in ((plain, "a.md"), (linked, "b.md")):
        doc = document_from_text(text, name)
        comp = compare([doc, doc])
        content = build_pane(comp, build_story(comp), 0, 0, LIGHT, QFont())
        document = content.document
        document.setTextWidth(2000)
        document.size()  # laid out now
        block = document.findBlockByNumber(content.para_block(0))
        assert block.layout().lineCount() == 1
        widths.append(block.layout().lineAt(0).naturalTextWidth())
    assert abs(widths[1] - widths[0]) < 4
