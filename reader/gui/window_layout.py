"""How the reader's window is put together: panes area, docks, menus, toolbar.

Kept apart from ``main_window`` (which holds the behaviour) the way Qt
Designer's ``setupUi`` is: these functions only create widgets and actions
and connect them to the window's methods.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QScrollBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader.core.load.documents import seed_paths
from reader.gui.docks import DifferencesPanel, RowDetail
from reader.gui.export_dialog import export_file, print_report
from reader.gui.find_bar import FindBar
from reader.gui.notes_dock import NotesPanel
from reader.gui.overview import OverviewStrip
from reader.gui.theme import LEGEND

FILE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm *.xhtml);;All files (*)"


def build_ui(window) -> None:
    """The central area (banner, panes, overview strip, scroll bar), docks and status bar."""
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
    body = QHBoxLayout()
    body.setSpacing(0)
    window.splitter = QSplitter(Qt.Orientation.Horizontal)
    window.splitter.setChildrenCollapsible(False)
    window.scroll = QScrollArea()
    window.scroll.setWidgetResizable(True)
    window.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    window.scroll.setWidget(window.splitter)
    window.placeholder = QLabel("Drop two or more versions of a story here, or use File ▸ Open.")
    window.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
    body.addWidget(window.scroll, 1)
    body.addWidget(window.placeholder, 1)
    window.overview = OverviewStrip(window.theme)
    window.overview.jumpRequested.connect(window.go_to_difference)
    window.vbar = QScrollBar(Qt.Orientation.Vertical)
    window.vbar.valueChanged.connect(window._shared_scrolled)
    body.addWidget(window.overview)
    body.addWidget(window.vbar)
    outer.addLayout(body, 1)
    outer.addWidget(window.find_bar)
    window.setCentralWidget(central)

    window.diff_panel = DifferencesPanel()
    window.diff_panel.jumpRequested.connect(window.go_to_difference)
    window.diff_dock = QDockWidget("Differences", window)
    window.diff_dock.setObjectName("differences")
    window.diff_dock.setWidget(window.diff_panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.diff_dock)
    window.detail = RowDetail()
    window.detail_dock = QDockWidget("Selected row in every source", window)
    window.detail_dock.setObjectName("detail")
    window.detail_dock.setWidget(window.detail)
    window.legend = QLabel(legend_html(window.theme))
    window.legend.setWordWrap(True)
    window.legend_dock = QDockWidget("Legend", window)
    window.legend_dock.setObjectName("legend")
    window.legend_dock.setWidget(window.legend)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.legend_dock)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, window.detail_dock)
    window.notes_panel = NotesPanel()
    window.notes_panel.jumpRequested.connect(window.notes.jump)
    window.notes_panel.editRequested.connect(window.notes.edit)
    window.notes_panel.deleteRequested.connect(window.notes.delete)
    window.notes_panel.reattachRequested.connect(window.notes.reattach)
    window.notes_dock = QDockWidget("Annotations", window)
    window.notes_dock.setObjectName("annotations")
    window.notes_dock.setWidget(window.notes_panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.notes_dock)
    window.tabifyDockWidget(window.diff_dock, window.notes_dock)
    window.diff_dock.raise_()
    window.resizeDocks(
        [window.diff_dock, window.legend_dock], [300, 300], Qt.Orientation.Horizontal
    )
    window.resizeDocks([window.diff_dock, window.legend_dock], [500, 190], Qt.Orientation.Vertical)
    window.resizeDocks([window.detail_dock], [170], Qt.Orientation.Vertical)

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


def legend_html(theme) -> str:
    t = theme
    colour = {
        "added": t.added,
        "changed": t.changed,
        "omitted": t.omitted,
        "unique": t.unique,
        "missing": t.missing,
        "moved": t.moved,
        "boilerplate": t.boilerplate,
    }
    rows = "".join(
        f'<tr><td style="background:{colour[k].name()}">&nbsp;&nbsp;&nbsp;</td><td>{text}</td></tr>'
        for k, text in LEGEND
    )
    return f"<table cellspacing=3>{rows}</table>"


def _action(window, text: str, slot, shortcuts=(), checkable: bool = False) -> QAction:
    action = QAction(text, window)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def build_actions(window) -> None:
    """Menus, shortcuts and the toolbar (Meld's keys for differences: F7, Alt+Up/Down)."""
    bar = window.menuBar()
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
    file_menu.addAction(window.export_pdf_action)
    file_menu.addAction(_action(window, "Export &HTML…", lambda: export_file(window, "html")))
    file_menu.addAction(_action(window, "Export &Markdown…", lambda: export_file(window, "md")))
    file_menu.addAction(
        _action(
            window, "&Print…", lambda: print_report(window, False), [QKeySequence.StandardKey.Print]
        )
    )
    file_menu.addAction(_action(window, "Print Pre&view…", lambda: print_report(window, True)))
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
    edit_menu.addAction(
        _action(window, "&Find in All Panes…", window.show_find, [QKeySequence.StandardKey.Find])
    )
    window.edit_menu = edit_menu

    view = bar.addMenu("&View")
    window.sync_action = _action(window, "&Synchronise Scrolling", window.set_sync, checkable=True)
    window.sync_action.setChecked(window.settings.sync)
    view.addAction(window.sync_action)
    view.addSeparator()
    view.addAction(
        _action(
            window,
            "Zoom &In",
            lambda: window.set_zoom(window.zoom + 1),
            [QKeySequence.StandardKey.ZoomIn, "Ctrl+="],
        )
    )
    view.addAction(
        _action(
            window,
            "Zoom &Out",
            lambda: window.set_zoom(window.zoom - 1),
            [QKeySequence.StandardKey.ZoomOut],
        )
    )
    view.addAction(_action(window, "&Reset Zoom", lambda: window.set_zoom(0), ["Ctrl+0"]))
    view.addSeparator()
    view.addAction(
        _action(window, "Move Pane &Left", lambda: window.move_active(-1), ["Ctrl+Shift+Left"])
    )
    view.addAction(
        _action(window, "Move Pane &Right", lambda: window.move_active(1), ["Ctrl+Shift+Right"])
    )
    view.addAction(_action(window, "Remove &Pane", window.remove_active, ["Ctrl+W"]))
    view.addSeparator()
    for dock in (window.diff_dock, window.notes_dock, window.detail_dock, window.legend_dock):
        view.addAction(dock.toggleViewAction())

    go = bar.addMenu("&Go")
    window.next_action = _action(
        window, "&Next Difference", lambda: window.step(1), ["F7", "Alt+Down"]
    )
    window.prev_action = _action(
        window, "&Previous Difference", lambda: window.step(-1), ["Shift+F7", "Alt+Up"]
    )
    go.addAction(window.next_action)
    go.addAction(window.prev_action)

    tools = window.addToolBar("Main")
    tools.setObjectName("main-toolbar")
    tools.addAction(window.open_action)
    tools.addAction(window.prev_action)
    tools.addAction(window.next_action)
    tools.addWidget(QLabel("  Compare against: "))
    window.reference_box = QComboBox()
    window.reference_box.setMinimumContentsLength(24)
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


# -- opening ----------------------------------------------------------------------------
def open_dialog(window) -> None:
    paths, _ = QFileDialog.getOpenFileNames(window, "Open versions of a story", "", FILE_FILTER)
    if paths:
        window.open_paths(paths)


def add_dialog(window) -> None:
    paths, _ = QFileDialog.getOpenFileNames(window, "Add versions", "", FILE_FILTER)
    if paths:
        window.open_paths(window.paths + [p for p in paths if p not in window.paths])


def fill_recent(window) -> None:
    window.recent_menu.clear()
    for paths in window.settings.recent():
        label = ", ".join(Path(p).name for p in paths)
        action = window.recent_menu.addAction(label if len(label) < 90 else label[:87] + "…")
        action.triggered.connect(lambda _=False, p=paths: window.open_paths(p))
    if not window.recent_menu.actions():
        window.recent_menu.addAction("(none yet)").setEnabled(False)
