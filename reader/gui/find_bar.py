"""Find in all panes at once (Ctrl+F), as a bar under the panes.

Every match in every pane is highlighted; Enter / Shift+Enter step through
them in reading order (row by row, pane by pane in display order).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)


class FindBar(QWidget):
    """Search box driving highlights in every pane of the window."""

    def __init__(self, window) -> None:
        super().__init__()
        self.window = window
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel("Find:"))
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Search all panes")
        self.edit.setClearButtonEnabled(True)
        layout.addWidget(self.edit, 1)
        self.case = QCheckBox("Match case")
        layout.addWidget(self.case)
        prev_button, next_button, close = QToolButton(), QToolButton(), QToolButton()
        prev_button.setText("▲")
        next_button.setText("▼")
        close.setText("✕")
        for button in (prev_button, next_button, close):
            button.setAutoRaise(True)
            layout.addWidget(button)
        self.status = QLabel()
        layout.addWidget(self.status)
        self.edit.textChanged.connect(self.search)
        self.case.toggled.connect(self.search)
        self.edit.returnPressed.connect(lambda: self.step(1))
        next_button.clicked.connect(lambda: self.step(1))
        prev_button.clicked.connect(lambda: self.step(-1))
        close.clicked.connect(self.close_bar)
        QShortcut(QKeySequence("Shift+Return"), self.edit, lambda: self.step(-1))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar)
        self.matches: list[tuple[int, int, int]] = []  # row, pane position, cursor position
        self.cursors: list[QTextCursor] = []
        self.current = -1

    def search(self) -> None:
        """Highlight every match in every pane; remember them in reading order."""
        text = self.edit.text()
        flags = QTextDocument.FindFlag.FindCaseSensitively if self.case.isChecked() \
            else QTextDocument.FindFlag(0)
        fmt = QTextCharFormat()
        fmt.setBackground(self.window.theme.find)
        found: list[tuple[int, int, int, QTextCursor]] = []
        for k, pane in enumerate(self.window.panes):
            view = pane.view
            selections = []
            if text:
                cursor = view.document().find(text, 0, flags)
                while not cursor.isNull():
                    sel = QTextEdit.ExtraSelection()
                    sel.cursor, sel.format = cursor, fmt
                    selections.append(sel)
                    row = view.content.block_row[cursor.block().blockNumber()]
                    found.append((row, k, cursor.selectionStart(), cursor))
                    cursor = view.document().find(text, cursor, flags)
            view.setExtraSelections(selections)
        found.sort(key=lambda m: m[:3])
        self.matches = [m[:3] for m in found]
        self.cursors = [m[3] for m in found]
        self.current = -1
        self.status.setText(f"{len(found)} matches" if text else "")

    def step(self, delta: int) -> None:
        if not self.matches:
            return
        self.current = (self.current + delta) % len(self.matches)
        row, k, _ = self.matches[self.current]
        view = self.window.panes[k].view
        view.setFocus()
        self.window.active_source = self.window.panes[k].index
        view.setTextCursor(self.cursors[self.current])
        self.window.scroll_to_row(row)
        self.status.setText(f"{self.current + 1} of {len(self.matches)}")

    def close_bar(self) -> None:
        self.edit.clear()
        self.hide()
