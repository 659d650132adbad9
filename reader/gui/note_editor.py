"""The note editor: quoted text, Markdown body with preview, category, status."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
)

from reader.core.annotations.model import STATUSES, Note
from reader.core.annotations.render import note_html


class NoteEditor(QDialog):
    """Edit one note; the caller saves it when ``exec`` returns Accepted."""

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
        self.body.textChanged.connect(self._preview)
        self._preview()
        self.body.setFocus()

    def _preview(self) -> None:
        self.preview.setHtml(note_html(self.body.toPlainText()))

    def values(self) -> tuple[str, str, str]:
        """(body, category, status) as entered."""
        return (self.body.toPlainText(), self.category.currentText().strip() or "other",
                self.status.currentText())
