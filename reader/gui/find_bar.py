"""Find in all panes at once (Ctrl+F), as a bar under the panes.

Every match in every open pane is highlighted in the find colour (cyan, its
own: never confused with amber changed or green added words); Enter /
Shift+Enter and F3 / Shift+F3 step through them in reading order, passage by
passage and pane by pane. The focus stays in the search box, so Enter can be
pressed again; the current match is darker and underlined.

What is typed matches however the sources space and quote it: a space
matches any run of spaces, tabs and line breaks inside a paragraph (verse,
addresses and ``<br>`` keep theirs), and a straight quote either curly one
("Wang Yi's" finds "Wang Yi’s"): versions of one story type both.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

_SPACES = re.compile(r"(\s+)")
_QUOTE_CLASSES = {mark: f"[{QRegularExpression.escape(marks)}]"
                  for marks in ("'‘’", '"“”') for mark in marks}


def search_pattern(text: str) -> QRegularExpression:
    """What the find bar looks for when ``text`` is typed (see the module's docstring);
    case is the search's flag (``QTextDocument.find`` sets the pattern's case option
    from it)."""
    parts = []
    for k, piece in enumerate(_SPACES.split(text)):
        if k % 2:
            parts.append(r"\s+")  # Unicode-aware: line separators and no-break spaces too
        else:
            parts.extend(_QUOTE_CLASSES.get(ch) or QRegularExpression.escape(ch) for ch in piece)
    return QRegularExpression("".join(parts),
                              QRegularExpression.PatternOption.UseUnicodePropertiesOption)


class FindBar(QWidget):
    """Search box driving highlights in every pane of the window."""

    def __init__(self, window) -> None:
        super().__init__()
        self.window = window
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel("Find:"))
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Search the open panes")
        self.edit.setAccessibleName("Find in open panes")
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
        prev_button.setToolTip("Previous match (Shift+Enter, Shift+F3)")
        next_button.setToolTip("Next match (Enter, F3)")
        close.setToolTip("Close (Esc)")
        for button, name in ((prev_button, "Previous match"), (next_button, "Next match"),
                             (close, "Close the find bar")):
            button.setAccessibleName(name)  # (its glyph names nothing)
        next_button.clicked.connect(lambda: self.step(1))
        prev_button.clicked.connect(lambda: self.step(-1))
        close.clicked.connect(self.close_bar)
        QShortcut(QKeySequence("Shift+Return"), self.edit, lambda: self.step(-1))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar)
        self.matches: list[tuple[int, int, int]] = []  # passage, pane position, cursor position
        self.cursors: list[QTextCursor] = []
        self.current = -1

    def _formats(self) -> tuple[QTextCharFormat, QTextCharFormat]:
        every = QTextCharFormat()
        every.setBackground(self.window.theme.find)
        current = QTextCharFormat(every)
        current.setBackground(self.window.theme.find.darker(135))
        current.setFontUnderline(True)
        return every, current

    def search(self) -> None:
        """Highlight every match in every pane; remember them in reading order."""
        text = self.edit.text()
        pattern = search_pattern(text)
        flags = QTextDocument.FindFlag.FindCaseSensitively if self.case.isChecked() \
            else QTextDocument.FindFlag(0)
        found: list[tuple[int, int, int, QTextCursor]] = []
        for k, pane in enumerate(self.window.panes):
            view = pane.view
            cursor = view.document().find(pattern, 0, flags) if text.strip() else QTextCursor()
            while not cursor.isNull():
                passage = view.content.block_passage[cursor.block().blockNumber()]
                found.append((passage, k, cursor.selectionStart(), cursor))
                cursor = view.document().find(pattern, cursor, flags)
        found.sort(key=lambda m: m[:3])
        self.matches = [m[:3] for m in found]
        self.cursors = [m[3] for m in found]
        self.current = -1
        self._paint()
        self.status.setText(f"{len(found)} matches" if text else "")

    def _paint(self) -> None:
        every, current = self._formats()
        per_pane: dict[int, list] = {k: [] for k in range(len(self.window.panes))}
        for i, ((_, k, _), cursor) in enumerate(zip(self.matches, self.cursors)):
            sel = QTextEdit.ExtraSelection()
            sel.cursor, sel.format = cursor, current if i == self.current else every
            per_pane[k].append(sel)
        for k, pane in enumerate(self.window.panes):
            pane.view.setExtraSelections(per_pane[k])

    def step(self, delta: int) -> None:
        """Go to the next (+1) or previous (-1) match; the focus stays where it is."""
        if not self.isVisible() or not self.edit.text():
            self.window.show_find()
            return
        if not self.matches:
            return
        self.current = (self.current + delta) % len(self.matches)
        passage, k, _ = self.matches[self.current]
        pane = self.window.panes[k]
        self.window.active_source = pane.index
        self.window.lead = pane.index
        view = pane.view
        rect = view.cursorRect(self.cursors[self.current])
        top = view.passage_top[passage]
        span = max(1.0, view.passage_top[passage + 1] - top)
        y = rect.top() + view.verticalScrollBar().value()
        self.window._scroll_lead_to(passage, max(0.0, min(1.0, (y - top) / span)))
        self.window.pending_place = self.window.current_place()  # kept if the panes resize
        self._paint()
        self.status.setText(f"{self.current + 1} of {len(self.matches)}")

    def close_bar(self) -> None:
        """Hide the bar and give the keyboard back to the pane the reader was in (hidden,
        the bar passed it to the next widget in the Tab order, a dock's filter)."""
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.isAncestorOf(focus)
        self.edit.clear()
        self.hide()
        w = self.window
        pane = w.pane_of(w.active_source if w.active_source is not None else w.lead)
        if had_focus and pane is not None:
            pane.view.setFocus(Qt.FocusReason.OtherFocusReason)
