"""Reader bugs a fresh-eyes review found: each test shows one, as a reader would meet it."""

from __future__ import annotations

from pathlib import Path

from reader.cli import main

STORY = ("Bridge reopens after repairs\n\n"
         "The harbour bridge reopened on Tuesday after three months of repairs.\n\n"
         "The council said the work cost less than planned.\n")
EDITED = STORY.replace("three months", "four months")


def _files(folder: Path, **texts: str) -> list[str]:
    out = []
    for name, text in texts.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        out.append(str(path))
    return out


# -- 1. the same file given twice ------------------------------------------------------------
def test_the_same_file_given_twice_opens_once_and_says_so(new_window, tmp_path):
    [a] = _files(tmp_path, a=STORY)
    win = new_window([a, str(tmp_path / "." / "a.txt")])
    assert [d.path for d in win.comp.documents] == [a]
    assert [p.index for p in win.panes] == [0]
    assert "The same file was given twice: a.txt; it is open once." in win.banner.text()


def test_adding_an_open_file_again_keeps_one_pane_of_it(new_window, tmp_path, qtbot):
    a, b = _files(tmp_path, a=STORY, b=EDITED)
    win = new_window([a, b])
    win.add_paths([a])
    qtbot.waitUntil(lambda: win.job is None and not win.busy(), timeout=20000)
    assert [d.path for d in win.comp.documents] == [a, b]
    assert "given twice: a.txt" in win.banner.text()


def test_cli_refuses_the_same_file_twice_in_one_line(capsys, tmp_path):
    [a] = _files(tmp_path, a=STORY)
    try:
        main(["align", a, a])
    except SystemExit as exc:
        assert exc.code == 2
    else:
        raise AssertionError("align compared a file with itself")
    assert capsys.readouterr().err.strip() == (
        "parallax: the same file was given twice: a.txt; give each file once")


# -- 2. the notes banner after a source changed ------------------------------------------------
def test_banner_counts_the_notes_of_a_changed_source_once_they_are_placed(new_window, tmp_path,
                                                                          qtbot):
    from reader.core.annotations.model import Anchor, Note
    from reader.core.annotations.session import open_store
    from reader.core.load.documents import load_document
    a, b = _files(tmp_path, a=STORY, b=EDITED)
    docs = [load_document(a), load_document(b)]
    quote = "four months of repairs"
    start = docs[1].text.index(quote)
    open_store(docs).add(Note(Anchor.from_text(1, b, docs[1].text, start, start + len(quote))))
    Path(b).write_text(EDITED.replace("four months of", "four long months of"), encoding="utf-8")
    win = new_window([a, b])
    qtbot.waitUntil(lambda: not win.notes.placing, timeout=20000)  # placed in a worker
    [placed] = win.notes.placed
    assert placed.state != "anchored"  # it did move: the banner must count it
    assert f"Their notes: 1 {placed.state}." in win.banner.text()
    assert "none" not in win.banner.text()


# -- 3. "Passage in every source" after a change of reference ----------------------------------
def test_passage_dock_follows_a_new_reference(new_window, tmp_path, qtbot):
    a, b, c = _files(tmp_path, a=STORY, b=EDITED, c=EDITED.replace("less", "more"))
    win = new_window([a, b, c])
    win.select_row(win.story.passages[1].row, 0)
    assert _reference_tag(win) == "[1]"
    win.set_reference(2)
    qtbot.waitUntil(lambda: _reference_tag(win) == "[3]", timeout=5000)
    win.move_source(2, 0)
    qtbot.waitUntil(lambda: win.detail.toPlainText().index("[3] ")
                    < win.detail.toPlainText().index("[1] "), timeout=5000)
    assert " c.txt reference" in win.detail.toPlainText()  # named as its pane, then its file


def _reference_tag(win) -> str:
    """The source the passage dock calls the reference, as ``[n]``."""
    lines = win.detail.toPlainText().splitlines()
    [line] = [line for line in lines if line.endswith(" reference")]
    return line.split()[0]


# -- 4. furniture markers stand for the pane's own furniture only -------------------------------
def test_a_pane_folds_only_its_own_furniture(new_window):
    from reader.core.load.documents import seed_paths
    win = new_window(seed_paths())
    for pane in win.panes:
        own = [p.index for p in win.comp.documents[pane.index].paragraphs if p.boilerplate]
        folds = [m for m in pane.view.content.markers.values() if m.furniture]
        assert all(m.label == f"⋯ page furniture ({len(m.folded)}) — click to show"
                   for m in folds)
        assert sorted(p for m in folds for p in m.folded) == own
    win.set_show_furniture(True)
    assert not any(m.furniture for p in win.panes for m in p.view.content.markers.values())


# -- 5. hard-wrapped lines that end in a space -------------------------------------------------
def test_wrapped_lines_meet_with_one_space_on_screen_and_in_a_copy(new_window, tmp_path):
    from PySide6.QtGui import QTextCursor
    wrapped = ("Bridge reopens \n\nThe harbour bridge reopened on Tuesday after three \n"
               "months of repairs, the \r\ncouncil said.\n")
    a, b = _files(tmp_path, a=wrapped, b=EDITED)
    win = new_window([a, b])
    view = win.pane_of(0).view
    para = win.comp.documents[0].paragraphs[1]
    assert "three months" in para.text  # loading joined the wrapped lines (core/load/rejoin)
    block = view.document().findBlockByNumber(view.content.para_block(1))
    shown = block.text()
    assert len(shown) == len(para.text)  # offsets in the pane are the source's
    assert shown.replace("\u200b", "") == ("The harbour bridge reopened on Tuesday after three "
                                           "months of repairs, the council said.")
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.copy()
    from PySide6.QtWidgets import QApplication
    assert QApplication.clipboard().text().endswith("after three months of repairs, the "
                                                     "council said.")


def test_an_indented_next_line_shows_one_space_too():
    from reader.gui.document_builder import _display_text
    shown = _display_text("cost \r\n    less")
    assert len(shown) == len("cost \r\n    less") and shown.replace("\u200b", "") == "cost less"


# -- 7. words of the status bar, the Open dialog and the load errors --------------------------
def test_matching_versions_say_so_and_counts_read_as_sentences(new_window, tmp_path):
    a, b, c = _files(tmp_path, a=STORY, b=STORY, c=EDITED)
    win = new_window([a, b])
    assert win.counts.text().startswith("No differences: these versions match · reference [1]")
    win = new_window([a, c])
    assert win.counts.text().startswith("1 place · 1 difference (1 changed) · ")
    assert win.counts.text().endswith(" · 2 sources, 2 open")


def test_open_dialog_offers_saved_web_archives():
    from reader.gui.window_layout import FILE_FILTER
    first = FILE_FILTER.split(";;")[0]
    assert "*.mhtml" in first and "*.mht " in first


def test_pdf_and_word_files_get_a_message_that_says_what_to_do(tmp_path):
    from reader.core.errors import SourceError
    from reader.core.load.documents import load_document
    pdf = tmp_path / "story.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nstream\n\x00\x01\x02\nendstream")
    word = tmp_path / "story.docx"
    word.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)))
    for path in (pdf, word):
        try:
            load_document(path)
        except SourceError as exc:
            assert exc.reason == "PDF and Word files are not read: save the page as HTML or text"
        else:
            raise AssertionError(f"{path.name} loaded")


# -- 6. F7 through the separate changes of one long paragraph -----------------------------------
LONG = " ".join(f"Sentence {n} of the story says what happened on day {n} in the harbour town."
                for n in range(1, 41))


def test_f7_steps_through_each_change_inside_one_paragraph(new_window, tmp_path):
    edited = LONG.replace("day 3 ", "night 3 ").replace("day 20 ", "week 20 ") \
        .replace("day 38 ", "month 38 ")
    a, b = _files(tmp_path, a=LONG, b=edited)
    win = new_window([a, b], size=(1000, 500))
    assert len(win.diff_panel.places) == 1
    pane = win.pane_of(1).view
    seen, scrolled = [], []
    for _ in range(3):
        win.next_action.trigger()
        seen.append(pane.textCursor().selectedText())
        scrolled.append(pane.verticalScrollBar().value())
    assert seen == ["night", "week", "month"]
    assert scrolled == sorted(scrolled) and scrolled[0] < scrolled[-1]  # each brought into view
    assert win.counts.text().startswith("place 1 of 1, [2], change 3 of 3 · ")
    win.next_action.trigger()  # nowhere further: it says so and stays
    assert pane.textCursor().selectedText() == "month"
    assert win.statusBar().currentMessage().startswith("This is the last difference")
    win.prev_action.trigger()
    assert pane.textCursor().selectedText() == "week"


def test_a_place_of_one_change_is_still_shown_whole(new_window, tmp_path):
    a, b = _files(tmp_path, a=STORY, b=EDITED)
    win = new_window([a, b])
    win.next_action.trigger()
    assert win.change is None and not win.pane_of(1).view.textCursor().hasSelection()
    assert win.counts.text().startswith("place 1 of 1, [2] · ")


def test_a_place_a_pixel_short_of_a_passage_is_that_passage(new_window):
    """Other sources' furniture takes no room in a pane: a sync line a pixel above the next
    passage, with such passages before it, is still at that passage's top."""
    import bisect

    from reader.core.load.documents import seed_paths
    from reader.gui.row_sync import sync_line
    win = new_window(seed_paths())
    view = win.pane_of(0).view
    tops = view.passage_top
    k = next(k for k in range(2, len(tops) - 2) if tops[k - 1] == tops[k] > tops[k - 2] + 5
             and win.story.passages[k].carried_by(0))
    win.lead = 0
    bar = view.verticalScrollBar()
    first = bisect.bisect_left(range(bar.maximum() + 1), tops[k],
                               key=lambda v: sync_line(view, v)[0])  # the line at its top
    bar.setValue(first - 1)
    assert tops[k] - sync_line(view)[0] <= 3
    place = win.current_place()
    assert (place.paragraph, place.fraction) == (win.story.passages[k].cells[0][0], 0.0)


def test_a_lay_out_leaves_each_pane_its_scroll_range_at_once(new_window):
    """Qt passes a new document height to the view on a timer: the place restored right
    after a lay_out must not be scrolled to with the range of the height before it."""
    from reader.core.load.documents import seed_paths
    win = new_window(seed_paths())  # laid out last, no event handled since
    for pane in win.panes:
        view = pane.view
        height = round(view.document().size().height()) - view.viewport().height()
        assert view.verticalScrollBar().maximum() == max(0, height)


# -- CI, twelfth round: a facts job that fails after its window has gone -------------------------
def test_a_facts_job_failing_after_its_window_has_gone_touches_nothing(new_window, tmp_path,
                                                                       qtbot):
    """A job can outlive its window (the child stopped as the window closed). Its ``failed``
    used to reach a lambda that set the deleted fact list header: "Internal C++ object
    (QLabel) already deleted" in the event loop. Deleting the controller with its header, as
    closing the window does, must leave nobody listening."""
    import shiboken6
    a, b = _files(tmp_path, a=STORY, b=EDITED)
    win = new_window([a, b])
    qtbot.waitUntil(lambda: win.facts.key is not None, timeout=20000)
    job = win.facts.job
    shiboken6.delete(win.facts.header)
    shiboken6.delete(win.facts)
    job.failed.emit("the facts process stopped (exit code -15)")  # must raise nothing


def test_a_stale_diffs_job_failing_does_not_rebuild_the_panes(new_window, tmp_path, qtbot,
                                                              monkeypatch):
    """Only the diffs job of the comparison on screen may make the window compute the
    diffs itself: an older one's failure (it was cancelled mid-way) is no news."""
    from reader.gui.main_window import MainWindow
    a, b = _files(tmp_path, a=STORY, b=EDITED)
    win = new_window([a, b])
    win._start_diffs()
    stale = win.diffs_job
    win._start_diffs()  # a newer reference: the first job is stale
    rebuilt = []
    monkeypatch.setattr(MainWindow, "rebuild", lambda self: rebuilt.append(self))
    current = win.diffs_job
    stale.failed.emit("cancelled")
    assert rebuilt == []
    current.failed.emit("no child process")
    assert rebuilt == [win]
    qtbot.waitUntil(lambda: stale.isFinished() and current.isFinished(), timeout=20000)


def test_closing_the_window_stops_its_facts_job(new_window, tmp_path, qtbot):
    """Closing the window cancels the facts still being computed: their child is stopped at
    once instead of working on for a window that is gone."""
    a, b = _files(tmp_path, a=STORY, b=EDITED)
    win = new_window([a, b])
    job = win.facts.job
    assert job is not None
    win.close()
    assert job._stop
    qtbot.waitUntil(job.isFinished, timeout=20000)
