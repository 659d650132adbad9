"""Fact changes in the reader (issue 9): marks, Facts mode, facts-only stepping, Quotes dock.

The facts checked here were read in the seeds by hand: 000 ¶ "Hours earlier,
Wang held talks with … Lavrov, who noted that “our relations have continued
to develop dynamically…”" is, in 001, "Earlier Wednesday, the king met with …
Lavrov. “Our relationship continues to develop dynamically…” Lavrov said." —
"Wang" became "the king" (a factual slip), "Hours earlier" became "Earlier
Wednesday", and the quote's words were altered; 003 gives the quote without
quotation marks ("…relationship between the two nations has continued to
develop robustly…").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor

from reader.core.load.documents import seed_paths
from reader.gui.fact_marks import FACT_GROUND

WANG_LAVROV = "Hours earlier, Wang held talks with Russian Foreign Minister Sergei Lavrov"
KING_LAVROV = "Earlier Wednesday, the king met with Russian Foreign Minister Sergei Lavrov"


@pytest.fixture
def window(new_window, qtbot):
    win = new_window(seed_paths(), size=(1600, 1000))
    qtbot.waitUntil(lambda: win.facts.key is not None and bool(win.facts.marks), timeout=20000)
    for s in range(4):
        win.show_source(s)
    qtbot.waitUntil(lambda: len(win.panes) == 4)
    return win


def _paragraph(win, source: int, starts: str) -> int:
    return next(p.index for p in win.comp.documents[source].paragraphs
                if p.text.startswith(starts))


def _position(win, source: int, starts: str, words: str) -> int:
    """Document position in ``source``'s pane of ``words`` inside the paragraph ``starts``."""
    para = _paragraph(win, source, starts)
    content = win.pane_of(source).view.content
    block = content.document.findBlockByNumber(content.para_block(para))
    return block.position() + win.comp.documents[source].paragraphs[para].text.index(words)


def _format_at(win, source: int, position: int) -> QTextCharFormat:
    cursor = QTextCursor(win.pane_of(source).view.document())
    cursor.setPosition(position + 1)  # the format of the character before the cursor
    return cursor.charFormat()


def _tooltip_at(win, qtbot, source: int, position: int) -> str:
    view = win.pane_of(source).view
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    cursor.setPosition(position + 2)
    return view.tooltip_at(view.cursorRect(cursor).center())


def _is_fact_mark(fmt: QTextCharFormat) -> bool:
    return fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline and \
        fmt.background().color() in FACT_GROUND.values()


def test_a_changed_name_has_the_fact_mark_and_its_label_on_hover(window, qtbot):
    king = _position(window, 1, KING_LAVROV, "the king")
    fmt = _format_at(window, 1, king)
    assert _is_fact_mark(fmt) and fmt.fontWeight() == 700
    assert "name: Wang → the king" in _tooltip_at(window, qtbot, 1, king)
    # the reference pane marks its side, naming the source that changes it
    wang = _position(window, 0, WANG_LAVROV, "Wang")
    assert _is_fact_mark(_format_at(window, 0, wang))
    assert "[2] name: Wang → the king" in _tooltip_at(window, qtbot, 0, wang)
    # reworded words beside it keep the word mark: never bold, never wavy
    met = _format_at(window, 1, _position(window, 1, KING_LAVROV, "met"))
    assert met.background().color() == window.theme.changed
    assert not _is_fact_mark(met) and met.fontWeight() != 700


def test_the_differences_dock_lists_fact_changes_first_with_their_labels(window):
    layout = window.diff_panel.layout()
    index = [layout.indexOf(w) for w in (window.facts.list, window.diff_panel.list)]
    assert 0 <= index[0] < index[1]
    labels = [window.facts.list.item(i).text() for i in range(window.facts.list.count())]
    assert any("[2] name: Wang → the king" in t for t in labels)
    assert any("[2] date: Hours earlier → Earlier Wednesday" in t for t in labels)


def _backgrounds(win, source: int) -> list:
    doc = win.pane_of(source).view.document()
    out, block = [], doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            out.append((it.fragment().position(), fmt.background().color().name()
                        if fmt.background().style() != Qt.BrushStyle.NoBrush else None))
            it += 1
        block = block.next()
    return out


def test_facts_mode_fades_rewording_and_keeps_fact_marks(window, qtbot):
    changed = window.theme.changed.name()
    met = _position(window, 1, KING_LAVROV, "met")
    king = _position(window, 1, KING_LAVROV, "the king")
    before = _backgrounds(window, 1)
    height = window.pane_of(1).view.document().size().height()
    assert any(colour == changed for _, colour in before)

    window.facts.mode_action.trigger()
    assert window.facts.mode_action.isChecked()
    for s in range(4):
        assert all(colour != changed for _, colour in _backgrounds(window, s))
    faded = _format_at(window, 1, met)
    assert faded.foreground().color() == window.theme.faded
    assert _is_fact_mark(_format_at(window, 1, king))
    assert window.pane_of(1).view.document().size().height() == height  # layout untouched

    window.facts.mode_action.trigger()
    assert _backgrounds(window, 1) == before
    assert _is_fact_mark(_format_at(window, 1, king))


def test_f7_with_facts_only_lands_on_fact_changes_only(window, qtbot):
    assert "F7" in [k.toString() for k in window.next_action.shortcuts()]
    window.facts.only_action.trigger()
    assert not window.diff_panel.list.isVisibleTo(window)
    visited = []
    for _ in range(6):
        window.next_action.trigger()
        placed = window.facts.placed[window.facts.current]
        ref, span = (placed.other, placed.change.b_span) if placed.change.b_span else \
            (placed.reference, placed.change.a_span)
        view = window.pane_of(ref[0]).view
        selected = view.textCursor()
        marks = window.facts.marks[ref[0]]
        assert any(m.start == selected.selectionStart() and m.end == selected.selectionEnd()
                   for m in marks), placed.label
        assert selected.selectedText() == window.comp.text(ref)[span[0]:span[1]]
        assert window.lead == ref[0]
        visited.append(window.facts.current)
    assert visited == sorted(visited) and len(set(visited)) == 6
    window.prev_action.trigger()
    assert window.facts.current == visited[-2]

    window.facts.only_action.trigger()  # off: F7 steps differences again
    before = window.current
    window.next_action.trigger()
    assert window.current != before and window.facts.current == visited[-2]


def test_quotes_dock_lists_a_quote_of_several_sources_and_a_click_jumps_there(window, qtbot):
    panel = window.facts.quotes_panel
    quote = next(q for q in panel.quotes if "our relations have continued" in q.text)
    forms = {r.source: r.form for r in quote.renderings}
    assert forms[0] == "verbatim" and forms[1] == "altered" and forms[3] == "paraphrased"
    assert "Lavrov" in next(r.speaker for r in quote.renderings if r.source == 0)
    window.facts.dock.show()
    window.facts.dock.raise_()  # the panel writes its quotes when shown (QuotesPanel)
    text = panel.toPlainText()
    assert "our relations have continued" in text and "“Our relationship continues" in text

    cursor = panel.document().find("Our relationship continues")
    panel.setTextCursor(cursor)
    panel.ensureCursorVisible()
    qtbot.waitUntil(lambda: panel.cursorRect(cursor).top() >= 0)
    point = panel.cursorRect(cursor).center() - QPoint(30, 0)  # inside the words, not past them
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=point)
    view = window.pane_of(1).view
    assert window.lead == 1
    assert view.textCursor().selectedText().startswith("Our relationship continues")
    para = _paragraph(window, 1, KING_LAVROV)
    rect = view.passage_rect(window.story.of_ref[(1, para)])
    assert 0 <= rect.top() < view.viewport().height()


def test_a_new_reference_gets_its_own_fact_changes_and_marks(window, qtbot):
    window.set_reference(1)
    qtbot.waitUntil(lambda: window.facts.key is not None and bool(window.facts.marks),
                    timeout=20000)
    assert window.facts.key[1] == 1 and window.facts.placed
    assert all(p.reference[0] == 1 and p.source != 1 for p in window.facts.placed)
    king = _position(window, 1, KING_LAVROV, "the king")  # [2] is the reference now
    assert _is_fact_mark(_format_at(window, 1, king))
    assert "[1] name:" in _tooltip_at(window, qtbot, 1, king)
    assert "against [2]" in window.facts.header.text()


def test_a_hidden_quotes_panel_is_written_when_shown(window, qtbot):
    """Hidden behind the Notes tab, the panel lays nothing out (Qt lays a big rich-text
    table out in long steps); it shows the quotes once raised."""
    panel = window.facts.quotes_panel
    window.notes_dock.show()
    window.notes_dock.raise_()  # the Quotes tab behind it
    qtbot.waitUntil(lambda: not panel.on_screen())
    window.set_reference(1)  # new fact changes and quotes arrive while it is hidden
    qtbot.waitUntil(lambda: window.facts.key is not None and window.facts.key[1] == 1
                    and bool(panel.quotes), timeout=20000)
    assert "our relations have continued" not in panel.toPlainText()
    window.facts.dock.raise_()
    qtbot.waitUntil(panel.on_screen)
    assert "our relations have continued" in panel.toPlainText()


def test_a_marking_turn_queued_before_the_panes_were_marked_again_does_nothing(window):
    """Long panes are marked one per turn; when the marks are laid again meanwhile (the
    facts came back, the panes were rebuilt), a turn queued before finds nothing left
    to mark and must not fail (it raised IndexError from the event loop)."""
    facts = window.facts
    facts._mark_panes()  # every pane marked at once (the seeds are not long)
    assert not facts._to_mark and set(facts.marks) == {p.index for p in window.panes}
    facts._mark_next()  # the late turn of an earlier, gradual marking
    assert not facts._to_mark and set(facts.marks) == {p.index for p in window.panes}


def test_a_facts_job_starts_its_child_after_the_windows_turn_and_paint(qtbot, seed_comparison):
    """Started in the turn that lists the differences, a facts job waits
    ``START_AFTER_MS`` before it forks its child and pickles the comparison for it (which
    shared the window's interpreter lock with that turn and its paint); cancelled
    meanwhile, it starts nothing."""
    from reader.gui.facts_controller import START_AFTER_MS, FactsJob

    job = FactsJob(seed_comparison, 0)
    with qtbot.waitSignal(job.ready, timeout=60000):
        job.start()
        qtbot.wait(START_AFTER_MS // 2)
        assert job.pid is None  # no child yet
    assert job.pid is not None
    job.wait()
    stopped = FactsJob(seed_comparison, 0)
    stopped.start()
    stopped.cancel()
    assert stopped.wait(5000)
    assert stopped.pid is None


def test_facts_mode_keeps_the_wording_marks_of_a_source_in_another_language(new_window, qtbot,
                                                                             tmp_path):
    """Names, dates, attribution and negations are read in English only: in German their
    changes ("nicht" dropped, Mittwoch -> Dienstag) are not found, so Facts mode must not
    fade them as rewording, and says why."""
    english, german = tmp_path / "en.txt", tmp_path / "de.txt"
    english.write_text(Path(seed_paths()[0]).read_text(encoding="utf-8"), encoding="utf-8")
    german.write_text("Die Regierung hat am Mittwoch ein Klimapaket beschlossen.\n\nDie Ziele "
                      "werden nicht erreicht, sagte die Sprecherin.\n", encoding="utf-8")
    edited = tmp_path / "de2.txt"
    edited.write_text("Die Regierung hat am Dienstag ein Klimapaket beschlossen.\n\nDie Ziele "
                      "werden erreicht, sagte die Sprecherin.\n", encoding="utf-8")
    win = new_window([str(english), str(german), str(edited)], size=(1600, 1000))
    qtbot.waitUntil(lambda: win.facts.key is not None, timeout=20000)
    for s in range(3):
        win.show_source(s)
    qtbot.waitUntil(lambda: len(win.panes) == 3)
    win.set_reference(1)
    qtbot.waitUntil(lambda: win.facts.key is not None and win.facts.key[1] == 1, timeout=20000)
    changed = win.theme.changed.name()
    # the marks against the new reference come from a job of their own, maybe after the facts
    qtbot.waitUntil(lambda: any(colour == changed for _, colour in _backgrounds(win, 2)),
                    timeout=20000)
    win.facts.mode_action.trigger()
    qtbot.waitUntil(lambda: not win.facts.switching())
    assert any(colour == changed for _, colour in _backgrounds(win, 2))  # not faded
    message = win.statusBar().currentMessage()
    assert "not in [1] [2] [3]: not English" in message  # [2] is the reference


def test_facts_only_gives_the_fact_list_the_whole_dock(window):
    from gui_helpers import settle_app
    facts = window.facts
    assert facts.list.count() > 8  # more than the list shows beside the differences
    facts.only_action.setChecked(True)
    settle_app()
    panel = window.diff_panel
    assert facts.list.height() > panel.height() / 2  # no empty gap, no four-entry list
    gap = facts.list.y() - (facts.header.y() + facts.header.height())
    assert 0 <= gap < 20
    facts.only_action.setChecked(False)
    settle_app()
    assert facts.list.height() < panel.height() / 2 and panel.list.isVisible()
