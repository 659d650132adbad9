"""Fact changes marked in the panes: the first thing the eye should find.

A fact change (a number, date, name, quote, speaker, stance, negation or
hedge that differs from the reference: ``reader.core.diff.story_facts``)
gets a mark of its own that no wording mark uses, so it survives colour
blindness and grey-scale screenshots: **bold** text with a *wavy*
underline, on a violet ground (a long quote keeps the wave and the ground
but not the bold). Word marks use a straight (added) or dotted (changed)
underline and are never bold. Hovering shows the change's label
("number: 15 → 16", "speaker: Wang Yi → Putin").

A source's pane marks its side of each change against the reference; the
reference pane marks its side of every source's change, the label naming
the source ("[3] date: this week → Tuesday"). A fact the other side dropped
has nothing to mark there: the reference pane carries it.

Bold text is wider, so marking changes line breaks: the caller lays the
panes out again afterwards (``FactsController``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor

from reader.core.bidi import ltr_changes
from reader.core.comparison import Ref
from reader.core.diff.story_facts import PlacedFactChange
from reader.gui.document_builder import PaneContent, SpanMark
from reader.gui.facts_mode import STANDOUT_WORDS
from reader.gui.theme import MARK_STYLES, Theme

FACT_STYLE = "fact"
"""``SpanMark.style`` of a fact mark (its tooltip rides on the pane's span-mark hook)."""
FACT_INK = {False: QColor("#5b2bb5"), True: QColor("#c3a6ff")}
"""Wavy underline of a fact mark, by ``Theme.dark``."""
FACT_GROUND = {False: QColor("#e6dcfb"), True: QColor("#3e2d68")}
"""Background of a fact mark, by ``Theme.dark``: violet, unlike amber, green, pink or cyan."""
BOLD_WORDS = 6
"""Fact marks up to this many words are bold; a longer one (a whole altered quote) keeps only
the wavy underline and ground, or a paraphrased paragraph would turn into a bold block."""
TEXT_INK = {False: QColor("#1a1a1a"), True: QColor("#ececec")}
"""Fact text stays full strength even where Facts mode fades the wording around it."""

# The pane paints span marks as an extra underline: the wavy one is in the text format
# already, so this style draws nothing (NoPen) and only lends its tooltip.
MARK_STYLES[FACT_STYLE] = (FACT_INK[False].name(), Qt.PenStyle.NoPen)


@dataclass(frozen=True)
class FactMark:
    """Where one placed fact change shows in a pane (document positions)."""

    index: int  # into the placed change list
    start: int
    end: int


def fact_format(theme: Theme, bold: bool = True) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(FACT_INK[theme.dark])
    fmt.setBackground(FACT_GROUND[theme.dark])
    fmt.setForeground(TEXT_INK[theme.dark])
    return fmt


def tagged_label(placed: PlacedFactChange, tags: list[str]) -> str:
    """The label with the source it is about, numbered for people: "[2] number: 15 → 16"
    (``tags``: ``Story.tag`` of each source)."""
    return f"{tags[placed.source]} {placed.label}"


def pane_spans(placed: list[PlacedFactChange], source: int, reference: int, tags: list[str]
               ) -> list[tuple[int, int, tuple[int, int], str]]:
    """For a pane of ``source``: (change index, paragraph, span in it, tooltip line)."""
    out = []
    for i, p in enumerate(placed):
        if source == reference and p.change.a_span is not None:
            out.append((i, p.reference[1], p.change.a_span, tagged_label(p, tags)))
        elif source == p.source and p.change.b_span is not None:
            out.append((i, p.other[1], p.change.b_span, p.label))
    return out


def mark_pane(content: PaneContent, placed: list[PlacedFactChange], reference: int,
              theme: Theme, tags: list[str], text: Callable[[Ref], str]) -> list[FactMark]:
    """Mark ``content``'s side of every placed change; return where each mark went.

    Spans are offsets into a paragraph's text, and every shown paragraph is
    one block of exactly its length, so a span maps to its block directly.
    Overlapping changes (several sources changing one reference fact) share
    one mark whose tooltip lists them all. A fact this source dropped marks
    where its words left it out (``_mark_dropped``; ``text``: a paragraph's text).
    """
    formats = {bold: fact_format(theme, bold) for bold in (True, False)}
    content.fact_carets = {}
    doc = content.document
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    tips: dict[tuple[int, int, int], list[str]] = {}
    marks = []
    for index, para, (start, end), tip in pane_spans(placed, content.source, reference, tags):
        if not content.has_para(para) or end <= start:
            continue
        block_number = content.para_block(para)
        block = doc.findBlockByNumber(block_number)
        end = min(end, block.length() - 1)
        if end <= start:
            continue
        key = (block_number, start, end)
        if key not in tips:
            tips[key] = []
            cursor.setPosition(block.position() + start)
            cursor.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
            short = len(cursor.selectedText().split()) <= BOLD_WORDS
            cursor.mergeCharFormat(formats[short])
        if tip not in tips[key]:
            tips[key].append(tip)
        marks.append(FactMark(index, block.position() + start, block.position() + end))
    if content.source != reference:
        _mark_dropped(content, placed, cursor, formats[True], tips, marks, FACT_INK[theme.dark],
                      text)
    cursor.endEditBlock()
    content.span_marks = [m for m in content.span_marks if m.style != FACT_STYLE]
    content.span_marks[:0] = [  # first: a fact's label wins over the wording tooltip
        SpanMark(block, start, end, FACT_STYLE, _tooltip(lines))
        for (block, start, end), lines in tips.items()]
    return marks


def _mark_dropped(content: PaneContent, placed: list[PlacedFactChange], cursor: QTextCursor,
                  fmt: QTextCharFormat, tips: dict[tuple[int, int, int], list[str]],
                  marks: list[FactMark], ink: QColor, text: Callable[[Ref], str]) -> None:
    """Where this source left out a fact of the reference's: the omission caret whose
    words hold it, drawn in the fact's ink (``PaneContent.fact_carets``: Facts mode keeps
    it), or the words that replace it, marked as a fact. A dropped "not" had only the
    plain caret every dropped "the" has, which Facts mode hid; the fact mark stood in the
    reference's pane alone."""
    for index, p in enumerate(placed):
        if p.source != content.source or p.change.b_span is not None \
                or p.change.a_span is None or not content.has_para(p.other[1]):
            continue
        words = text(p.reference)[slice(*p.change.a_span)]
        block_number = content.para_block(p.other[1])
        block = content.document.findBlockByNumber(block_number)
        caret = next((h for h in content.omitted if h.block == block_number and words in h.tip),
                     None)
        if caret is not None:
            content.fact_carets[(block_number, caret.start)] = ink
            start, end = max(0, caret.start - 1), caret.start + 1  # the caret's hover spot
        else:
            changed = next((h for h in content.changed
                            if h.block == block_number and words in h.tip), None)
            if changed is None:
                continue
            start, end = changed.start, changed.end
            cursor.setPosition(block.position() + start)
            cursor.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        tips.setdefault((block_number, start, end), []).append(p.label)
        marks.append(FactMark(index, block.position() + start, block.position() + end))


def _tooltip(lines: list[str]) -> str:
    """A fact mark's tooltip: its change, or one change a line where several sources change
    one fact, each "old → new" read left to right whatever its script (``ltr_changes``)."""
    text = "Fact change: " + lines[0] if len(lines) == 1 else \
        "Fact changes:\n" + "\n".join(lines)
    return ltr_changes(text)


def facts_legend_html(dark: bool) -> str:
    """The legend's first entries: the fact mark (drawn as in the panes) and Facts mode."""
    return (f'<p id="fact-mark"><span style="background:{FACT_GROUND[dark].name()}; '
            'font-weight:bold; text-decoration:underline; '
            f'color:{FACT_INK[dark].name()}">&nbsp;15 → 16&nbsp;</span> '
            "<b>Fact change</b>: bold, with a wavy violet underline (word marks are never "
            "bold): a number, date, name, quote, speaker, stance (said → admitted), "
            "negation or hedge that differs from the reference. Hover for what changed "
            "(“number: 15 → 16”, “speaker: Wang Yi → Putin”). In the reference pane the "
            "mark names the sources that change it.</p>"
            "<p><b>Facts mode</b> (Ctrl+Shift+F): reworded words fade to grey; fact "
            f"changes, additions and omissions of {STANDOUT_WORDS}+ words and passages "
            "only some sources have stand out. Ctrl+F7 / Ctrl+Shift+F7: next / previous "
            "fact change; “Facts only” in Differences makes F7 do the same.</p>")
