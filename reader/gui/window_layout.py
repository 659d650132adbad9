"""How the reader's window is put together: panes area, docks, menus, toolbar.

Kept apart from ``main_window`` (which holds the behaviour) the way Qt
Designer's ``setupUi`` is: these functions only create widgets and actions
and connect them to the window's methods.
"""

from __future__ import annotations

import itertools
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.load.documents import seed_paths
from reader.gui.appearance import APPEARANCES, apply_appearance
from reader.gui.connectors import ConnectorSplitter
from reader.gui.docks import DifferencesPanel, RowDetail
from reader.gui.export_dialog import export_file, print_report
from reader.gui.find_bar import FindBar
from reader.gui.notes_dock import NotesPanel
from reader.gui.notes_transfer import export_notes, import_notes
from reader.gui.story_map import StoryMap
from reader.gui.theme import LEGEND, legend_colour

FILE_FILTER = ("Articles and comparisons (*.txt *.md *.markdown *.html *.htm *.xhtml *.mhtml "
               "*.mht *.parallax);;Parallax comparisons (*.parallax);;All files (*)")



DETAIL_HEIGHT = 150
"""First height (px) of the "Passage in every source" dock: four sources, two lines each."""


def banner_row() -> tuple[QWidget, QLabel, QHBoxLayout]:
    """A row under the window's banner, as the comparison file's messages and the watch on
    the sources use one: the row, its text (plain, wrapped) and its layout for buttons."""
    banner = QWidget()
    banner.setStyleSheet("background: palette(alternate-base);")
    row = QHBoxLayout(banner)
    row.setContentsMargins(6, 4, 6, 4)
    text = QLabel()
    text.setTextFormat(Qt.TextFormat.PlainText)
    text.setWordWrap(True)
    row.addWidget(text, 1)
    return banner, text, row


def add_dock(window, title: str, name: str, widget,
             area=Qt.DockWidgetArea.RightDockWidgetArea, tab_with=None):
    """A dock holding ``widget``; ``name`` lets Qt restore its place between runs.

    With ``tab_with``, it becomes a tab behind that dock, which stays in front
    (the Differences list is what a reader opens the window for).
    """
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
    if tab_with is not None:
        window.tabifyDockWidget(tab_with, dock)
        window.diff_dock.raise_()
    return dock

def build_ui(window) -> None:
    """The central area (banner, state page or panes, story map, scroll bar), docks, status."""
    central = QWidget()
    outer = QVBoxLayout(central)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSpacing(0)
    window.find_bar = FindBar(window)
    window.find_bar.hide()
    window.banner = QLabel()
    window.banner.setWordWrap(True)
    window.banner.setTextFormat(Qt.TextFormat.PlainText)
    window.banner.setStyleSheet("padding: 6px; background: palette(alternate-base);")
    window.banner.hide()
    outer.addWidget(window.banner)
    window.stack = QStackedWidget()
    window.stack.addWidget(_state_page(window))
    window.pane_area = QWidget()
    body = QHBoxLayout(window.pane_area)
    body.setContentsMargins(0, 0, 0, 0)
    body.setSpacing(0)
    window.splitter = ConnectorSplitter(window)
    window.splitter.setChildrenCollapsible(False)
    body.addWidget(window.splitter, 1)
    window.vbar = QScrollBar(Qt.Orientation.Vertical)
    window.vbar.setAccessibleName("Scroll the panes")
    window.vbar.valueChanged.connect(window._shared_scrolled)
    body.addWidget(window.vbar)
    window.story_map = StoryMap(window.theme)
    window.story_map.laneClicked.connect(window.jump_to)
    body.addWidget(window.story_map)
    window.stack.addWidget(window.pane_area)
    outer.addWidget(window.stack, 1)
    outer.addWidget(window.find_bar)
    window.setCentralWidget(central)

    window.diff_panel = DifferencesPanel()
    window.diff_panel.jumpRequested.connect(window.go_to_difference)
    window.diff_panel.filtersChanged.connect(window._update_counts)
    window.diff_dock = add_dock(window, "Differences", "differences", window.diff_panel)
    window.detail = RowDetail()
    window.legend = QLabel(legend_html(window.theme))
    window.legend.setWordWrap(True)
    window.legend.setAlignment(Qt.AlignmentFlag.AlignTop)
    window.detail_dock = add_dock(window, "Passage in every source", "detail", window.detail,
                                  Qt.DockWidgetArea.BottomDockWidgetArea)
    window.detail_dock.hide()  # until a passage is selected: no empty box on the first screen
    window.notes_panel = NotesPanel()
    window.notes_panel.jumpRequested.connect(window.notes.jump)
    window.notes_panel.editRequested.connect(window.notes.edit)
    window.notes_panel.deleteRequested.connect(window.notes.delete)
    window.notes_panel.reattachRequested.connect(window.notes.reattach)
    window.notes_dock = add_dock(window, "Annotations", "annotations", window.notes_panel,
                                 tab_with=window.diff_dock)
    # A tab too: stacked under the Differences list it left that list three entries high
    # at 1366x768, and the list of changes is what the reader works from (as in Draftable).
    window.legend_dock = add_dock(window, "Legend", "legend", window.legend,
                                  tab_with=window.diff_dock)
    window.resizeDocks([window.diff_dock], [290], Qt.Orientation.Horizontal)
    # The right-hand docks run down to the status bar; the passage dock sits under the
    # panes only, low, so the panes keep most of a 768-pixel screen.
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    window.resizeDocks([window.detail_dock], [DETAIL_HEIGHT], Qt.Orientation.Vertical)

    window.counts = QLabel()
    window.progress = QProgressBar()
    window.progress.setMaximumWidth(220)
    window.progress.hide()
    window.cancel_button = QPushButton("Cancel")
    window.cancel_button.hide()
    window.cancel_button.clicked.connect(window.cancel_job)
    window.statusBar().addPermanentWidget(window.counts)
    window.statusBar().addPermanentWidget(window.progress)
    window.statusBar().addPermanentWidget(window.cancel_button)


def _state_page(window) -> QWidget:
    """What the window shows with nothing to read: empty, aligning, or every file bad."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addStretch(2)
    window.state_title = QLabel()
    window.state_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
    font = window.state_title.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    window.state_title.setFont(font)
    window.state_text = QLabel()
    window.state_text.setTextFormat(Qt.TextFormat.PlainText)
    window.state_text.setWordWrap(True)
    window.state_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    window.state_progress = QProgressBar()
    window.state_progress.setFixedWidth(360)
    buttons = QHBoxLayout()
    buttons.addStretch(1)
    window.state_open = QPushButton("Open Files…")
    window.state_open.clicked.connect(lambda: open_dialog(window))
    window.state_samples = QPushButton("Open the Four Sample Articles")
    window.state_samples.clicked.connect(lambda: window.open_paths(seed_paths()))
    window.state_cancel = QPushButton("Cancel")
    window.state_cancel.clicked.connect(window.cancel_job)
    for button in (window.state_open, window.state_samples, window.state_cancel):
        buttons.addWidget(button)
    buttons.addStretch(1)
    layout.addWidget(window.state_title)
    layout.addWidget(window.state_text)
    layout.addWidget(window.state_progress, 0, Qt.AlignmentFlag.AlignCenter)
    layout.addLayout(buttons)
    layout.addStretch(3)
    return page


STATES = {
    "empty": ("Compare versions of a story",
              "Drop two to twenty versions of one story (.txt, .md, .html) on this window, "
              "or open them."),
    "loading": ("Aligning…", ""),
    "failed": ("Nothing could be opened", ""),
}


def show_state(window, state: str, text: str = "") -> None:
    """Switch the central area: ``empty``, ``loading``, ``failed`` or ``reading``.

    With nothing to read, the docks step aside (an empty list and a legend of marks
    nobody sees yet only confuse); they come back as they were when a comparison shows.
    """
    reading = state == "reading"
    docks = (window.diff_dock, window.notes_dock, window.legend_dock)
    if not reading and window.state == "reading":
        window.docks_shown = [d for d in docks if not d.isHidden()]
    if not reading:
        for dock in docks + (window.detail_dock,):
            dock.hide()
    elif window.state != "reading":
        for dock in window.docks_shown:
            dock.show()
        window.diff_dock.raise_()
    window.state = state
    if reading:
        window.stack.setCurrentWidget(window.pane_area)
    else:
        title, default = STATES[state]
        window.state_title.setText(text.splitlines()[0] if state == "loading" and text
                                   else title)
        window.state_text.setText(default if state != "failed" else text)
        window.state_progress.setVisible(state == "loading")
        window.state_progress.setRange(0, 0)
        window.state_cancel.setVisible(state == "loading")
        window.state_open.setVisible(state != "loading")
        window.state_samples.setVisible(state != "loading")
        window.stack.setCurrentIndex(0)
    if hasattr(window, "needs_comparison"):
        window._update_actions()


def legend_html(theme) -> str:
    """Each mark beside its swatch; swatches framed, so pale ones show on any background."""
    rows = "".join(
        '<tr><td><table border=1 cellspacing=0 cellpadding=0 style="border-color:#808080">'
        f'<tr><td style="background:{legend_colour(theme, k).name()}">&nbsp;&nbsp;&nbsp;&nbsp;'
        f"</td></tr></table></td><td>{text}</td></tr>"
        for k, text in LEGEND
    )
    lanes = ("<p>Story map (right): one lane per source [n], ★ the reference; grey where "
             "the source carries a passage (darker: more sources carry it), green: only "
             "this one, amber/green/red/blue: changed/added/omitted/moved. Click a lane to "
             "read that source there.</p>")
    return f"<table cellspacing=3>{rows}</table>{lanes}"


def _action(window, text: str, slot, shortcuts=(), checkable: bool = False) -> QAction:
    action = QAction(text, window)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def _appearance_menu(window, menu) -> dict[str, QAction]:
    """View ▸ Appearance: one of Follow the System, Light and Dark, remembered."""
    group = QActionGroup(window)
    actions = {}
    for choice, text in APPEARANCES.items():
        action = actions[choice] = QAction(text, window, checkable=True)
        action.setChecked(choice == window.settings.appearance)
        action.triggered.connect(lambda _on, c=choice: _set_appearance(window, c))
        group.addAction(action)
        menu.addAction(action)
    return actions


def _set_appearance(window, choice: str) -> None:
    window.settings.appearance = choice
    apply_appearance(choice)


def build_actions(window) -> None:
    """Menus, shortcuts and the toolbar (Meld's keys for differences: F7, Alt+Up/Down)."""
    bar = window.menuBar()
    needs = []  # actions that do nothing without a comparison (disabled then)
    file_menu = bar.addMenu("&File")
    window.open_action = _action(
        window, "&Open…", lambda: open_dialog(window), [QKeySequence.StandardKey.Open]
    )
    window.add_action = _action(
        window, "&Add Sources…", lambda: add_dialog(window), ["Ctrl+Shift+O"]
    )
    file_menu.addAction(window.open_action)
    file_menu.addAction(window.add_action)
    window.recent_menu = file_menu.addMenu("Open &Recent")
    window.recent_menu.aboutToShow.connect(lambda: fill_recent(window))
    file_menu.addAction(
        _action(window, "Open Bundled &Samples", lambda: window.open_paths(seed_paths()))
    )
    file_menu.addSeparator()
    window.export_pdf_action = _action(
        window, "&Export PDF…", lambda: export_file(window, "pdf"), ["Ctrl+E"]
    )
    exports = [
        window.export_pdf_action,
        _action(window, "Export &HTML…", lambda: export_file(window, "html")),
        _action(window, "Export &Markdown…", lambda: export_file(window, "md")),
        _action(window, "&Print…", lambda: print_report(window, False),
                [QKeySequence.StandardKey.Print]),
        _action(window, "Print Pre&view…", lambda: print_report(window, True)),
    ]
    for action in exports:
        file_menu.addAction(action)
    file_menu.addSeparator()
    window.export_notes_action = _action(window, "Export &Notes…",
                                         lambda: export_notes(window))
    window.import_notes_action = _action(window, "&Import Notes…",
                                         lambda: import_notes(window))
    file_menu.addAction(window.export_notes_action)
    file_menu.addAction(window.import_notes_action)
    needs += exports + [window.export_notes_action, window.import_notes_action]
    file_menu.addSeparator()
    file_menu.addAction(_action(window, "&Quit", window.close, [QKeySequence.StandardKey.Quit]))
    window.file_menu = file_menu

    edit_menu = bar.addMenu("&Edit")
    undo = window.notes.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.notes.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcut(QKeySequence.StandardKey.Redo)
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    edit_menu.addSeparator()
    window.annotate_action = _action(window, "&Annotate…", window.notes.annotate, ["Ctrl+M"])
    edit_menu.addAction(window.annotate_action)
    window.find_action = _action(window, "&Find in Open Panes…", window.show_find,
                                 [QKeySequence.StandardKey.Find])
    edit_menu.addAction(window.find_action)
    window.find_next_action = _action(window, "Find &Next", lambda: window.find_bar.step(1),
                                      ["F3"])
    window.find_prev_action = _action(window, "Find Pre&vious",
                                      lambda: window.find_bar.step(-1), ["Shift+F3"])
    edit_menu.addAction(window.find_next_action)
    edit_menu.addAction(window.find_prev_action)
    needs += [window.annotate_action, window.find_action, window.find_next_action,
              window.find_prev_action]
    window.edit_menu = edit_menu

    view = bar.addMenu("&View")
    window.sync_action = _action(window, "&Synchronise Scrolling", window.set_sync, checkable=True)
    window.sync_action.setChecked(window.settings.sync)
    view.addAction(window.sync_action)
    window.furniture_action = _action(window, "Show Page &Furniture",
                                      window.set_show_furniture, checkable=True)
    view.addAction(window.furniture_action)
    window.accidentals_action = _action(window, "Count &Punctuation and Paragraphs",
                                        window.set_accidentals, checkable=True)
    window.accidentals_action.setToolTip("A change of punctuation, case or paragraphing "
                                         "alone (hands. / hands:, CLERVAL / Clerval, a "
                                         "paragraph split) is a difference")
    view.addAction(window.accidentals_action)
    window.panes_menu = view.addMenu("&Panes")
    window.appearance_actions = _appearance_menu(window, view.addMenu("&Appearance"))
    view.addSeparator()
    zooms = [
        _action(window, "Zoom &In", lambda: window.set_zoom(window.zoom + 1),
                [QKeySequence.StandardKey.ZoomIn, "Ctrl+="]),
        _action(window, "Zoom &Out", lambda: window.set_zoom(window.zoom - 1),
                [QKeySequence.StandardKey.ZoomOut]),
        _action(window, "&Reset Zoom", lambda: window.set_zoom(0), ["Ctrl+0"]),
    ]
    for action in zooms:
        view.addAction(action)
    view.addSeparator()
    arrange = [
        # not Ctrl+Shift (it selects a word at a time in the text), nor Ctrl+Alt (desktops
        # switch workspaces with it)
        _action(window, "Move Pane &Left", lambda: window.move_active(-1), ["Alt+Shift+Left"]),
        _action(window, "Move Pane &Right", lambda: window.move_active(1), ["Alt+Shift+Right"]),
        _action(window, "&Hide Pane", lambda: window.hide_source(window.active_source)
                if window.active_source is not None else None, ["Ctrl+W"]),
        _action(window, "Remove Source from &Comparison", window.remove_active,
                ["Ctrl+Shift+W"]),
    ]
    for action in arrange:
        view.addAction(action)
    ordering = view.addMenu("&Order Sources")
    ordering.addAction(_action(window, "By Publication &Date", lambda: window.order_sources("date")))
    ordering.addAction(_action(window, "As &Given", lambda: window.order_sources("given")))
    view.addSeparator()
    for dock in (window.diff_dock, window.notes_dock, window.detail_dock, window.legend_dock):
        view.addAction(dock.toggleViewAction())
    needs += [window.sync_action, window.furniture_action, window.accidentals_action] + zooms \
        + arrange

    go = bar.addMenu("&Go")
    window.next_action = _action(
        window, "&Next Difference", lambda: window.step(1), ["F7", "Alt+Down"]
    )
    window.prev_action = _action(
        window, "&Previous Difference", lambda: window.step(-1), ["Shift+F7", "Alt+Up"]
    )
    window.back_action = _action(window, "&Back", window.go_back, ["Alt+Left"])
    window.forward_action = _action(window, "&Forward", window.go_forward, ["Alt+Right"])
    moves = [
        _action(window, "Go to &Counterpart or What This Pane Lacks",
                window.go_to_counterpart, ["Ctrl+J"]),
        _action(window, "Next &Pane", lambda: window.focus_pane(1), ["F6"]),
        _action(window, "Previous Pa&ne", lambda: window.focus_pane(-1), ["Shift+F6"]),
        _action(window, "Story &Map (arrows, Enter)",
                lambda: window.story_map.setFocus(Qt.FocusReason.ShortcutFocusReason),
                ["Ctrl+Shift+M"]),
    ]
    for action in [window.next_action, window.prev_action, None, window.back_action,
                   window.forward_action, None] + moves:
        if action is None:
            go.addSeparator()
        else:
            go.addAction(action)
    needs += moves

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(_action(window, "&Keyboard Shortcuts", lambda: show_shortcuts(window),
                                ["F1"]))
    help_menu.addAction(_action(window, "&About Parallax", lambda: show_about(window)))
    window.needs_comparison = needs

    tools = window.addToolBar("Main")
    tools.setObjectName("main-toolbar")
    tools.addAction(window.open_action)
    tools.addAction(window.back_action)
    tools.addAction(window.prev_action)
    tools.addAction(window.next_action)
    tools.addWidget(QLabel("  Compare against: "))
    window.reference_box = QComboBox()
    window.reference_box.setAccessibleName("Compare against (reference source)")
    window.reference_box.setMinimumContentsLength(28)
    window.reference_box.setSizeAdjustPolicy(
        QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
    )
    window.reference_box.activated.connect(
        lambda i: window.set_reference(window.reference_box.itemData(i))
    )
    tools.addWidget(window.reference_box)
    tools.addAction(window.sync_action)
    tools.addAction(window.annotate_action)
    tools.addAction(window.export_pdf_action)
    window.toolbar = tools
    window._update_actions()


def shortcut_rows(window) -> list[tuple[str, str]]:
    """Every menu action that has a shortcut: (what it does, keys)."""
    rows = []
    for action in window.actions():
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                         for k in action.shortcuts())
        if keys:
            rows.append((action.text().replace("&", "").rstrip("…"), keys))
    rows.append(("Find: next / previous match", "Enter / Shift+Enter"))
    return rows


def show_shortcuts(window) -> None:
    shortcuts_box(window).exec()


def shortcuts_box(window) -> QMessageBox:
    """The shortcuts in two columns of pairs: in one, the box stood 722 px tall, its OK
    button below a 720-px laptop screen."""
    cells = [f"<td>{escape(what)}</td><td><b>{escape(keys)}</b></td>"
             for what, keys in shortcut_rows(window)]
    half = (len(cells) + 1) // 2
    rows = "".join(f"<tr>{left}<td width=24></td>{right}</tr>"
                   for left, right in itertools.zip_longest(cells[:half], cells[half:],
                                                            fillvalue="<td></td><td></td>"))
    box = QMessageBox(window)
    box.setWindowTitle("Keyboard Shortcuts")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(f"<table cellspacing=4>{rows}</table>")
    return box


def show_about(window) -> None:
    QMessageBox.about(window, "About Parallax",
                      "Parallax reads 2 to 20 versions of one story side by side: it aligns "
                      "the paragraphs that carry the same content and highlights what each "
                      "version adds, omits and words differently.")


# -- opening ----------------------------------------------------------------------------
def open_dialog(window) -> None:
    paths, _ = QFileDialog.getOpenFileNames(window, "Open versions of a story", "", FILE_FILTER)
    if paths:
        window.open_paths(paths)


def add_dialog(window) -> None:
    paths, _ = QFileDialog.getOpenFileNames(window, "Add versions", "", FILE_FILTER)
    if paths:
        window.add_paths(paths)


def fill_recent(window) -> None:
    from reader.gui.comparison_actions import recent_label  # hook: comparisons by title
    window.recent_menu.clear()
    for paths in window.settings.recent():
        label = recent_label(paths) or ", ".join(Path(p).name for p in paths)
        action = window.recent_menu.addAction(label if len(label) < 90 else label[:87] + "…")
        action.triggered.connect(lambda _=False, p=paths: window.open_paths(p))
    if not window.recent_menu.actions():
        window.recent_menu.addAction("(none yet)").setEnabled(False)
