"""View ▸ Count Punctuation and Paragraphs: an editor's accidentals are differences when asked.

Review 10 (a scholarly editor's): an edition that changes only punctuation and case
("CLERVAL" → "Clerval", "hands." → "hands:") was "No differences: these versions match",
with no way to see its variants. The texts are written for this test; the changes were
planted by hand: a case change and a full stop made a colon in paragraph 2, a comma
dropped in paragraph 3, and a curly quote made straight in paragraph 4 (typesetting, no
variant either way).
"""

from __future__ import annotations

import pytest

FIRST = ["CHAPTER V.",
         "CLERVAL then put the following letter into my hands.",
         "Surely, Victor, you must have been exceedingly ill; and this makes us wretched.",
         "“My uncle and I conversed a long time last night about what profession Ernest "
         "should follow.”"]
SECOND = [FIRST[0],
          "Clerval then put the following letter into my hands:",
          "Surely Victor, you must have been exceedingly ill; and this makes us wretched.",
          "\"My uncle and I conversed a long time last night about what profession Ernest "
          "should follow.\""]


@pytest.fixture
def window(texts_window, qtbot):
    win = texts_window({"first.txt": FIRST, "second.txt": SECOND})
    qtbot.waitUntil(lambda: win.pane_of(1) is not None, timeout=20000)
    return win


def _marked(win) -> list[str]:
    content = win.pane_of(1).view.content
    text = content.document.toPlainText()
    starts = [content.document.findBlockByNumber(h.block).position() for h in content.changed]
    return [text[start + h.start:start + h.end] for start, h in zip(starts, content.changed)]


def test_punctuation_and_case_count_only_when_asked(window, qtbot):
    assert window.diffs == []
    assert "2 places differ in punctuation, case or paragraphing alone" in window.counts.text()
    window.accidentals_action.trigger()
    qtbot.waitUntil(lambda: len(window.diffs) == 2, timeout=20000)
    assert {window.comp.documents[1].paragraphs[window.comp.rows[d.row][1][0]].text[:7]
            for d in window.diffs} == {"Clerval", "Surely "}
    qtbot.waitUntil(lambda: window.pane_of(1) is not None and bool(_marked(window)), timeout=20000)
    assert {"Clerval", ":"} <= set(_marked(window))
    assert "\"" not in "".join(_marked(window))  # quote styles stay alike
    window.accidentals_action.trigger()
    qtbot.waitUntil(lambda: window.diffs == [] and window.pane_of(1) is not None
                    and not _marked(window), timeout=20000)


WHOLE = ["CHAPTER V.",
         "I felt this delay very bitterly; for I longed to see my native town and my beloved "
         "friends. My return had only been delayed so long from an unwillingness to leave "
         "Clerval in a strange place."]
SPLIT = [WHOLE[0], "I felt this delay very bitterly; for I longed to see my native town and my "
         "beloved friends.", "My return had only been delayed so long from an unwillingness "
         "to leave Clerval in a strange place."]


def test_a_paragraph_split_or_joined_is_marked_where_it_is(texts_window, qtbot):
    """With accidentals counted, a paragraph split ("felt. ¶ M.") was listed, yet nothing in
    the panes showed where: a block boundary takes no colour, and a space barely any."""
    from reader.gui.document_builder import BREAKS_HERE, RUNS_ON
    win = texts_window({"whole.txt": WHOLE, "split.txt": SPLIT})
    qtbot.waitUntil(lambda: win.pane_of(1) is not None, timeout=20000)
    win.set_accidentals(True)
    qtbot.waitUntil(lambda: win.pane_of(1) is not None and any(
        h.tip == RUNS_ON for h in win.pane_of(1).view.content.omitted), timeout=20000)
    split = win.pane_of(1).view.content
    [mark] = [h for h in split.omitted if h.tip == RUNS_ON]
    assert split.document.findBlockByNumber(mark.block).text().startswith("My return")
    assert mark.start == 0
    win.set_reference(1)  # the other way round: the whole paragraph breaks nowhere
    qtbot.waitUntil(lambda: win.pane_of(0) is not None and any(
        h.tip == BREAKS_HERE for h in win.pane_of(0).view.content.omitted), timeout=20000)
    whole = win.pane_of(0).view.content
    [mark] = [h for h in whole.omitted if h.tip == BREAKS_HERE]
    text = whole.document.findBlockByNumber(mark.block).text()
    assert text[mark.start - 8:mark.start] == "friends." and text[mark.start] == " "
