"""A fact the source left out is marked in its own pane, and Facts mode keeps the mark.

Review 8 (a fact-checker's): the outlet's "had ruled out sabotage" drops the wire's
"not" — the meaning reversed. The outlet's pane showed only the small caret any dropped
"the" gets, and Facts mode, which hides omissions under four words, took that away: the
fact mark stood in the wire's pane alone. The texts are written for this test; the
dropped "not" and "58" were planted by hand.
"""

from __future__ import annotations

import pytest

WIRE = ["Train derails near Lyon, killing 14",
        "A freight train carrying chlorine derailed near Lyon on Thursday, killing 14 "
        "people and injuring 58, regional officials said.",
        "Police commissioner Dana Whitfield said investigators had not ruled out sabotage "
        "but that there was no sign of it so far.",
        "Residents within two kilometres were told to stay indoors with their windows "
        "closed until the air had been tested.",
        "Firefighters said between 30 and 40 people may be trapped under the wreckage of a "
        "warehouse beside the line."]
OUTLET = [WIRE[0],
          "A freight train carrying chlorine derailed near Lyon on Thursday, killing 14 "
          "people and injuring dozens, regional officials said.",
          "Police commissioner Dana Whitfield said investigators had ruled out sabotage "
          "but that there was no sign of it so far.",
          WIRE[3],
          "Firefighters said between 30 and 40 people are trapped under the wreckage of a "
          "warehouse beside the line."]


@pytest.fixture
def window(texts_window, qtbot):
    win = texts_window({"wire.txt": WIRE, "outlet.txt": OUTLET})
    qtbot.waitUntil(lambda: win.facts.key is not None and bool(win.facts.marks), timeout=20000)
    return win


def _caret(win, starts: str):
    content = win.pane_of(1).view.content
    para = next(p.index for p in win.comp.documents[1].paragraphs if p.text.startswith(starts))
    return content, content.para_block(para)


def test_a_dropped_negation_has_a_fact_caret_in_the_sources_pane_that_facts_mode_keeps(window):
    content, block = _caret(window, "Police commissioner")
    carets = [h for h in content.omitted if h.block == block and "not" in h.tip]
    assert len(carets) == 1
    spot = (block, carets[0].start)
    assert spot in content.fact_carets  # drawn in the fact's ink, not the plain caret's
    tips = [m.tip for m in content.span_marks
            if m.block == block and m.start <= carets[0].start <= m.end]
    assert any("negation dropped: not" in tip for tip in tips), tips
    window.facts.mode_action.trigger()  # Facts mode: short omissions fade, this one stays
    assert window.facts.mode_action.isChecked()
    assert any((h.block, h.start) == spot for h in content.omitted)
    plain = [h for h in content.omitted if h.block == block and (h.block, h.start) != spot]
    assert all(len(h.tip.split()) >= 4 for h in plain)


def test_a_hedge_dropped_in_reworded_words_is_marked_on_the_words_that_replace_it(window):
    """"may be trapped" → "are trapped": the hedge is gone, and "are" (amber, faded in
    Facts mode) carries the fact mark and the change's label instead."""
    assert any(p.source == 1 and p.label.startswith("hedge dropped: may")
               for p in window.facts.placed), [p.label for p in window.facts.placed]
    content, block = _caret(window, "Firefighters")
    text = window.comp.documents[1].paragraphs[content.block_para[block]].text
    marked = [(text[m.start:m.end], m.tip) for m in content.span_marks
              if m.block == block and m.style == "fact"]
    assert any("are" in words and "hedge dropped" in tip for words, tip in marked), marked


def test_the_fact_lists_context_names_the_source_it_quotes(window):
    """"[2] negation dropped: not" over the wire's "…had not ruled out…" read as [2]'s."""
    items = [window.facts.list.item(n).text() for n in range(window.facts.list.count())]
    dropped = next(t for t in items if "negation dropped" in t)
    assert dropped.split("\n")[1].startswith("[1]: ") and "not ruled out" in dropped


QUOTED = ('"This is the worst rail disaster this state has seen in a generation," Governor '
          'Michael Reyes said. "We will not rest until every family has answers."')
CUT = '"This is the worst rail disaster this state has seen in a generation," Governor ' \
      'Michael Reyes said.'


def test_the_quotes_panel_names_who_cut_a_quote_and_does_not_repeat_verbatim_words(
        new_window, qtbot, tmp_path):
    """Review 8: "We will not rest…" was listed "in [1] [3]" with nothing saying [2] cut
    it, and every verbatim rendering repeated the whole quote, five to seven lines each."""
    paths = []
    for name, second in (("wire.txt", QUOTED), ("cut.txt", CUT), ("copy.txt", QUOTED)):
        path = tmp_path / name
        path.write_text("\n\n".join([WIRE[0], WIRE[1], second, WIRE[3]]) + "\n", encoding="utf-8")
        paths.append(str(path))
    win = new_window(paths, size=(1400, 900))
    qtbot.waitUntil(lambda: win.facts.key is not None and bool(win.facts.marks), timeout=20000)
    win.facts.dock.show()
    win.facts.dock.raise_()
    text = win.facts.quotes_panel.toPlainText()
    rest = text[text.index("We will not rest until every family has answers” in"):]
    assert rest.split("\n")[0].endswith("in [1] [3] · not in [2]"), rest[:200]
    assert text.count("This is the worst rail disaster this state has seen") == 2  # title, [1]
    assert "same words as [1]" in text
