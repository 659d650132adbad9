"""Many sources (story map, choosing panes) and the Differences dock by passage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from gui_helpers import settle_app
from PySide6.QtCore import QPoint, Qt

from reader.core.load.documents import seed_paths


def edited_copies(out: Path, count: int) -> list[str]:
    """``count`` versions: the seeds, then copies with a paragraph dropped, a word changed
    and a line of their own added (so every copy differs from its seed)."""
    seeds = [Path(p).read_text(encoding="utf-8") for p in seed_paths()]
    paths = []
    for i in range(count):
        paras = [p for p in seeds[i % len(seeds)].splitlines() if p.strip()]
        if i >= len(seeds):
            k = (3 + i % 7) % len(paras)
            paras[k] = paras[k].replace(" the ", f" the very {i} ", 1)
            del paras[(5 + i % 5) % len(paras)]
            paras.insert(2 + i % 4, f"Editor's note {i}: this copy adds a line of its own.")
        path = out / f"v{i + 1:02d}.txt"
        path.write_text("\n\n".join(paras), encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.fixture(scope="module")
def twenty_paths(tmp_path_factory):
    return edited_copies(tmp_path_factory.mktemp("twenty"), 20)


@pytest.fixture
def twenty(new_window, twenty_paths):
    win = new_window(twenty_paths, size=(1600, 1000))
    settle_app()
    win.relayout()
    return win


# -- 2. many sources ----------------------------------------------------------------------------
def test_all_twenty_sources_have_a_lane_on_one_screen(twenty):
    smap = twenty.story_map
    assert smap.story.sources == 20
    assert smap.isVisible()
    right = smap.mapTo(twenty, smap.rect().topRight()).x()
    assert right <= twenty.width()
    lanes = {smap.hit(smap._lane_x(s) + 2, smap.height() / 2)[0] for s in range(20)}
    assert lanes == set(range(20))
    # the panes that are open stay readable
    assert 2 <= len(twenty.panes) < 20
    assert all(p.width() >= 220 for p in twenty.panes)


def test_f7_through_every_place_never_lands_on_a_hidden_pane(twenty):
    places = twenty.diff_panel.places
    assert len(places) > 20
    for _ in places:
        twenty.next_action.trigger()
        diff = twenty.diffs[twenty.current]
        pane = twenty.pane_of(diff.source)
        assert pane is not None and pane.isVisible(), diff
        left = pane.mapTo(twenty, pane.rect().topLeft()).x()
        assert 0 <= left and left + pane.width() <= twenty.width()
        assert len(twenty.panes) <= twenty.pane_capacity()


def test_clicking_a_lane_opens_that_source_at_that_place(twenty, qtbot):
    hidden = next(s for s in range(20) if s not in twenty.open_sources)
    smap = twenty.story_map
    k = next(k for k, p in enumerate(twenty.story.passages)
             if p.carried_by(hidden) and not p.furniture and k > 10)
    y = smap._y((smap.words[k] + smap.words[k + 1]) / 2)
    qtbot.mouseClick(smap, Qt.MouseButton.LeftButton,
                     pos=QPoint(int(smap._lane_x(hidden) + 2), int(y)))
    pane = twenty.pane_of(hidden)
    assert pane is not None and twenty.lead == hidden
    view = pane.view
    rect = view.passage_rect(k)
    assert rect is not None and 0 <= rect.top() < view.viewport().height()


def test_the_reader_chooses_which_panes_are_open(twenty):
    menu = twenty.panes_menu.actions()
    assert len(menu) == 20
    hidden = next(a for a in menu if not a.isChecked())
    hidden.trigger()
    assert sum(1 for a in twenty.panes_menu.actions() if a.isChecked()) == len(twenty.panes)
    shown = twenty.panes[-1].index
    twenty.hide_source(shown)
    assert twenty.pane_of(shown) is None and shown in range(20)
    assert len(twenty.comp.documents) == 20  # hiding is not removing


# -- 6. differences dock by passage --------------------------------------------------------------
def _numbers_named(text: str) -> set[int]:
    """Source numbers an entry names, ranges ("[2]–[5]") read out."""
    named = set()
    for first, last in re.findall(r"\[(\d+)\](?:–\[(\d+)\])?", text):
        named.update(range(int(first), int(last or first) + 1))
    return named


def test_one_entry_per_place_naming_the_sources_and_words(window):
    panel = window.diff_panel
    rows = sorted({d.row for d in window.diffs})
    assert [row for row, _ in panel.places] == rows
    assert panel.list.count() == len(rows) < len(window.diffs)
    for n in range(panel.list.count()):
        item = panel.list.item(n)
        row = item.data(Qt.ItemDataRole.UserRole + 1)
        for d in window.diffs:
            if d.row == row:
                assert d.source + 1 in _numbers_named(item.text().split("\n")[0])
        # the first words of the change, or its first fact change ("number: 12 → 14"),
        # after the source they are quoted from where the place has several ("[3] ")
        assert "“" in item.text() or re.search(r"\n(\[\d+\] )?[a-z][a-z ]*: ", item.text()), \
            item.text()
        sources = {d.source for d in window.diffs if d.row == row}
        quoted = re.match(r"\[(\d+)\] ", item.text().split("\n")[1])
        assert (quoted is not None) == (len(sources) > 1), item.text()
        if quoted:
            assert int(quoted.group(1)) - 1 in sources
        assert "Row " not in item.text()
    assert panel.list.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def test_kind_and_source_filters_scope_f7(window):
    panel = window.diff_panel
    panel.kind.setCurrentIndex(panel.kind.findData("omitted"))
    omitted_rows = sorted({d.row for d in window.diffs if d.kind == "omitted"})
    assert [row for row, _ in panel.places] == omitted_rows
    seen = []
    for _ in omitted_rows:
        window.next_action.trigger()
        assert window.diffs[window.current].kind == "omitted"
        seen.append(window.diffs[window.current].row)
    assert seen == omitted_rows
    panel.kind.setCurrentIndex(0)
    panel.source.setCurrentIndex(panel.source.findData(3))
    window.current = -1
    for _ in panel.places:
        window.next_action.trigger()
        assert window.diffs[window.current].source == 3


def test_arrow_keys_in_the_dock_jump(window, qtbot):
    panel = window.diff_panel
    panel.list.setFocus()
    panel.list.setCurrentRow(0)
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    row = panel.list.currentItem().data(Qt.ItemDataRole.UserRole + 1)
    assert window.diffs[window.current].row == row == panel.places[1][0]
    assert window.selected_row == row


# -- 7. conventions -------------------------------------------------------------------------------
def test_find_matches_however_the_sources_quote_and_space(window, qtbot):
    """The seeds write "Beijing’s" with a curly apostrophe (counted in the files by hand:
    none writes a straight one); typed straight, with a double space, or in another case,
    it is found as often."""
    typed = window.find_bar.edit
    window.show_find()

    def count(text: str) -> int:
        typed.setText(text)
        return len(window.find_bar.matches)

    curly = count("Beijing’s")
    assert curly > 0
    assert count("Beijing's") == count("beijing’s") == curly
    assert count("Wang  Yi") == count("Wang Yi") > 0
    window.find_bar.case.setChecked(True)
    assert count("beijing’s") == 0 and count("Beijing's") == curly


def test_a_space_typed_matches_a_line_break_inside_a_paragraph(qtbot):
    from PySide6.QtGui import QTextDocument

    from reader.gui.find_bar import search_pattern
    doc = QTextDocument()
    doc.setPlainText("The ferry left at\u2028noon\u00a0on Tuesday.\nThe ferry left at\n")
    found = doc.find(search_pattern("left at noon on"), 0)
    assert (found.selectionStart(), found.selectionEnd()) == (10, 25)
    assert doc.find(search_pattern("at noon"), found).isNull()  # not across paragraphs


def test_find_keeps_the_focus_and_steps_with_enter_and_f3(window, qtbot):
    window.show_find()
    edit = window.find_bar.edit
    qtbot.keyClicks(edit, "Lavrov")
    assert window.find_bar.matches
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.find_bar.current == 1 and edit.hasFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.find_bar.current == 0 and edit.hasFocus()
    window.find_next_action.trigger()
    assert window.find_bar.current == 1
    window.find_prev_action.trigger()
    assert window.find_bar.current == 0
    # the current match is in view in its pane
    _, k, _ = window.find_bar.matches[0]
    view = window.panes[k].view
    rect = view.cursorRect(window.find_bar.cursors[0])
    assert 0 <= rect.top() < view.viewport().height()
    colours = {window.theme.find.name(), window.theme.changed.name(), window.theme.added.name()}
    assert len(colours) == 3


def test_empty_loading_and_all_bad_states(new_window, tmp_path, qtbot):
    win = new_window()
    assert win.stack.currentIndex() == 0 and "Compare versions" in win.state_title.text()
    assert win.state_open.isVisible() and win.state_samples.isVisible()
    for action in (win.next_action, win.prev_action, win.export_pdf_action, win.find_action,
                   win.back_action):
        assert not action.isEnabled(), action.text()
    win.open_paths(seed_paths())
    assert "Aligning 4 sources" in win.state_title.text() and win.state_cancel.isVisible()
    assert "Drop" not in win.state_title.text()
    win.cancel_job()
    assert "Compare versions" in win.state_title.text()
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    win.open_paths([str(bad), str(tmp_path / "missing.txt")], wait=True)
    assert "Nothing could be opened" in win.state_title.text()
    assert "empty.txt" in win.state_text.text() and "missing.txt" in win.state_text.text()
    assert not win.next_action.isEnabled() and not win.export_pdf_action.isEnabled()
    win.open_paths(seed_paths(), wait=True)
    assert win.stack.currentWidget() is win.pane_area and win.next_action.isEnabled()


def test_help_menu_lists_every_shortcut(window):
    from reader.gui.window_layout import shortcut_rows
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert "Help" in menus
    entries = [a.text().replace("&", "") for a in menus["Help"].actions()]
    assert "Keyboard Shortcuts" in entries and "About Parallax" in entries
    keys = " ".join(k for _, k in shortcut_rows(window))
    for key in ("F7", "Shift+F7", "F3", "Alt+Left", "Alt+Right", "Ctrl+F", "F6", "Ctrl+J"):
        assert key in keys


def test_every_pane_has_an_accessible_name_and_keyboard_reaches_it(window):
    for pane in window.panes:
        assert pane.view.accessibleName().startswith(f"[{pane.index + 1}]")
    window.focus_pane(1)
    first = window.active_source
    window.focus_pane(1)
    assert window.active_source != first


def test_keyboard_follows_a_moved_paragraph(window):
    pane, para = next((p, q) for p in window.panes for q in p.view.content.moved)
    cursor = pane.view.textCursor()
    cursor.setPosition(pane.view.document().findBlockByNumber(
        pane.view.content.para_block(para)).position())
    pane.view.setTextCursor(cursor)
    window.active_source = pane.index
    target = window.comp.moved((pane.index, para))[0]
    window.go_to_counterpart()
    assert window.selected_row == window.comp.row_of[target]


def test_legend_explains_every_mark(window):
    from reader.gui.theme import LEGEND
    keys = {k for k, _ in LEGEND}
    for mark in ("added", "changed", "omitted", "unique", "unique_light", "uncertain", "missing",
                 "moved", "band", "boilerplate", "note", "find", "selected_row", "current"):
        assert mark in keys
    text = window.legend.text()
    assert "only in [3]" in text and "Story map" in text



def test_a_gradual_lay_out_is_not_started_over_at_the_same_widths(new_window, twenty_paths,
                                                                   qtbot, monkeypatch):
    """The resizes that follow a rebuild leave the widths as they were: the lay_out under
    way goes on instead of starting again (each start lays every pane out again)."""
    from reader.gui import row_sync
    real, runs = row_sync.lay_out_steps, []

    def watched(views):
        run = {"done": False}
        runs.append(run)
        yield from real(views)
        run["done"] = True

    monkeypatch.setattr(row_sync, "lay_out_steps", watched)
    win = new_window(size=(1600, 1000))
    win.open_paths(twenty_paths)
    qtbot.waitUntil(lambda: win.job is None and win.comp is not None and not win.busy()
                    and not win._diffs_pending, timeout=60000)
    settle_app()
    assert runs and all(run["done"] for run in runs), runs


def test_bands_between_panes_of_the_last_comparison_are_not_painted(new_window):
    """While a smaller comparison's panes are being built (a source removed), the panes
    of the last one stay on screen: the bands between them must not be painted from the
    new comparison's passages (an IndexError in paintEvent)."""
    from reader.core.comparison import compare
    from reader.core.load.documents import load_document
    win = new_window(seed_paths(), size=(1600, 1000))
    settle_app()
    assert len(win.panes) == 4
    smaller = compare([load_document(p) for p in seed_paths()[:2]])
    win.job = object()  # from a job: the panes are built a turn at a time
    win._loaded(smaller, smaller.documents, [])
    win.job = None
    assert win._leaving and all(p.view.passage_top for p in win._leaving)
    win.splitter.grab()  # paints the handles between the old panes
    settle_app()
    assert len(win.panes) == 2


def test_aligned_panes_get_their_documents_fitted_to_their_width(new_window, twenty_paths,
                                                                  qtbot, monkeypatch):
    """A document given to a view lays itself out at the view's width: the panes of an
    alignment that arrives from the background, and the previews of the text before it,
    get theirs once they have their place in the window, already fitted to it
    (``row_sync.show_document``), not while unplaced (laid out at the ~640 px of a
    widget with no place yet, then at the pane's width)."""
    from reader.gui.pane_view import PaneView
    from reader.gui.source_pane import MIN_PANE_WIDTH

    given = []
    real = PaneView.setDocument

    def watched(view, document):
        given.append((document, view.viewport().width(), document.textWidth()))
        real(view, document)

    monkeypatch.setattr(PaneView, "setDocument", watched)
    win = new_window(size=(1600, 1000))
    win.open_paths(twenty_paths)
    qtbot.waitUntil(lambda: win.job is None and win.comp is not None and not win.busy()
                    and not win._diffs_pending, timeout=60000)
    shown = {id(p.view.content.document) for p in win.panes}
    assert len([d for d, _, _ in given if id(d) in shown]) == len(win.panes) > 1
    assert len(given) > len(win.panes)  # the text previews first, as read
    assert all(text == width >= MIN_PANE_WIDTH / 2 for _, width, text in given), given


def test_aligned_panes_are_laid_out_at_one_width(new_window, twenty_paths, qtbot, monkeypatch):
    """Once a pane has its document, nothing narrows or widens it until the comparison
    is on screen: the story map takes its lanes' width, and the docks theirs, before
    the documents go in (each document is laid out at one width, once). Filling the
    map after the documents narrowed 20 sources' panes by ~50 px, and each was laid out
    a second time."""
    from PySide6.QtWidgets import QTextEdit

    from reader.gui.pane_view import PaneView

    widths: dict[int, list[int]] = {}
    set_document, resized = PaneView.setDocument, QTextEdit.resizeEvent

    def given(view, document):
        set_document(view, document)
        widths.setdefault(id(document), []).append(view.viewport().width())

    def resize(view, event):
        resized(view, event)
        if view.content is not None and view.document() is view.content.document:
            seen = widths[id(view.document())]
            if seen[-1] != view.viewport().width():
                seen.append(view.viewport().width())

    monkeypatch.setattr(PaneView, "setDocument", given)
    monkeypatch.setattr(PaneView, "resizeEvent", resize, raising=False)
    win = new_window(size=(1600, 1000))
    win.open_paths(twenty_paths)
    qtbot.waitUntil(lambda: win.job is None and win.comp is not None and not win.busy()
                    and not win._diffs_pending, timeout=60000)
    aligned = [widths[id(p.view.content.document)] for p in win.panes]
    assert len(aligned) > 1 and all(len(w) == 1 for w in aligned), aligned


def test_notes_are_opened_once_while_twenty_sources_are_aligned(new_window, twenty_paths,
                                                                  qtbot, monkeypatch):
    """Opening from the background job: the store is opened while the text previews are
    on screen and the alignment runs, not again when the comparison arrives."""
    import reader.gui.notes_controller as controller

    opened = []  # sources, and whether the comparison had arrived yet
    real = controller.open_store

    def counted(documents, *args):
        opened.append((len(documents), win.comp is not None))
        return real(documents, *args)

    monkeypatch.setattr(controller, "open_store", counted)
    win = new_window(size=(1600, 1000))
    win.open_paths(twenty_paths)
    qtbot.waitUntil(lambda: win.job is None and win.comp is not None and not win.busy(),
                    timeout=60000)
    assert opened == [(20, False)] and win.notes.store is not None


def test_a_marker_names_many_sources_as_runs():
    """"+1 ¶ in [1] [2] [3] [5] [6] [7] [8] [9] […" is a wall of brackets with 20 sources:
    runs of numbers read "[1]–[3] [5]–[20]"."""
    from types import SimpleNamespace

    from reader.gui.document_builder import _marker_label
    sources = [s for s in range(20) if s != 3]
    story = SimpleNamespace(numbers=list(range(20)),
                            passages=[SimpleNamespace(sources=sources)],
                            tag=lambda s: f"[{s + 1}]")
    (text, *_shorter), tip, furniture = _marker_label(story, [0], [f"v{s}" for s in range(20)],
                                                      0)
    assert text == "+1 ¶ in [1]–[3] [5]–[20]" and not furniture
    assert "[20] v19" in tip


def test_a_preview_panes_header_names_its_file(qapp, tmp_path):
    """While the sources are aligned, each preview pane's second line names its file, as an
    aligned pane's does (it said "Aligning…" alone: which file was which?), with "Aligning…"
    before it where there is room."""
    from PySide6.QtGui import QFont

    from reader.core.load.documents import document_from_text
    from reader.gui.text_preview import preview_pane
    from reader.gui.theme import LIGHT
    doc = document_from_text("A title\n\nSome text of the story, as read.\n",
                             str(tmp_path / "001_dad8e1a0cad.txt"))
    pane = preview_pane(doc, 1, LIGHT, QFont())
    detail = pane.header.detail
    assert detail.full == "Aligning… · 001_dad8e1a0cad.txt"
    detail.resize(2000, 30)
    assert detail.shown() == "Aligning… · 001_dad8e1a0cad.txt"
    detail.resize(detail.fontMetrics().horizontalAdvance("001_dad8e1a0cad.txt") + 2, 30)
    assert detail.shown() == "001_dad8e1a0cad.txt"  # narrow: the name first


def test_a_preview_pane_hides_markdown_syntax_as_an_aligned_pane_does(qapp, tmp_path):
    """The text shown while aligning read "*By Jenna Ortiz · …*", its asterisks and all."""
    from PySide6.QtGui import QFont, QTextCursor

    from reader.core.load.documents import document_from_text
    from reader.gui.text_preview import text_content
    from reader.gui.theme import LIGHT
    doc = document_from_text("# A title\n\n*By Jenna Ortiz · March 10*\n\nSome **bold** text.\n",
                             str(tmp_path / "story.md"))
    content = text_content(doc, 0, LIGHT, QFont())
    text = content.document.toPlainText()
    star = text.index("*By")
    cursor = QTextCursor(content.document)
    cursor.setPosition(star + 1)
    assert cursor.charFormat().fontPointSize() == 1  # the syntax takes no room, unseen
    cursor.setPosition(star + 3)
    assert cursor.charFormat().fontItalic()  # what it meant shows instead
