"""The note editor: quoted text, Markdown body with preview, category, status."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
)

from reader.core.annotations.model import STATUSES, Note
from reader.core.annotations.render import note_html


class NoteEditor(QDialog):
    """Edit one note; the caller saves it when ``exec`` returns Accepted.

    Usable from the keyboard alone: Tab leaves the text for the buttons (a tab in a note
    is no use: a student's eight Tabs were eight tab characters in the export), Ctrl+Enter
    saves, and Escape asks before it throws away what was typed."""

    def __init__(self, parent, note: Note, categories: list[str], where: str,
                 counterparts: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Note")
        self.resize(620, 520)
        self.note = note
        layout = QVBoxLayout(self)
        quote = QLabel(f"<b>{escape(where)}</b><br>“{escape(note.anchor.quote)}”")
        quote.setWordWrap(True)
        layout.addWidget(quote)
        if counterparts:
            also = QLabel("Also shown with: " + "; ".join(escape(c) for c in counterparts))
            also.setWordWrap(True)
            layout.addWidget(also)
        form = QFormLayout()
        self.category = QComboBox()
        self.category.setEditable(True)  # type a new name to add a category of your own
        self.category.addItems(categories)
        self.category.setCurrentText(note.category)
        self.status = QComboBox()
        self.status.addItems(STATUSES)
        self.status.setCurrentText(note.status)
        form.addRow("Category", self.category)
        form.addRow("Status", self.status)
        layout.addLayout(form)
        split = QSplitter()
        self.body = QPlainTextEdit(note.body)
        self.body.setTabChangesFocus(True)
        self.body.setAccessibleName("Note text")
        self.body.setPlaceholderText("What you found (Markdown: **bold**, *italic*, lists, links)")
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setOpenExternalLinks(False)
        split.addWidget(self.body)
        split.addWidget(self.preview)
        layout.addWidget(split, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.body.installEventFilter(self)  # Ctrl+Enter there saves (``_saves``)
        buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip("Save (Ctrl+Enter)")
        self.body.textChanged.connect(self._preview)
        self._preview()
        self.body.setFocus()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.body and event.type() == QEvent.Type.KeyPress and _saves(event):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if _saves(event):
            self.accept()
        else:
            super().keyPressEvent(event)

    def reject(self) -> None:
        """Cancel, Escape or the window's close: what was typed is thrown away only when
        the user says so."""
        if self.values() != (self.note.body, self.note.category or "other", self.note.status) \
                and QMessageBox.question(
                    self, "Discard note?", "Throw away what you typed in this note?",
                    QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Discard:
            return
        super().reject()

    def _preview(self) -> None:
        self.preview.setHtml(note_html(self.body.toPlainText()))

    def values(self) -> tuple[str, str, str]:
        """(body, category, status) as entered."""
        return (self.body.toPlainText(), self.category.currentText().strip() or "other",
                self.status.currentText())


def _saves(event) -> bool:
    """Ctrl+Enter (either Enter key): save the note, wherever in the editor the focus is."""
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
        bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
