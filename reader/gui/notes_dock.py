"""The Annotations dock: every note of the comparison, filterable, with orphans apart."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.annotations.model import STATUSES
from reader.core.annotations.render import plain_tooltip
from reader.core.annotations.session import PlacedNote
from reader.core.snippets import cut_at_word
from reader.gui.docks import fill_filter, plain_tags, source_items

ID_ROLE = Qt.ItemDataRole.UserRole
ALL_CATEGORIES, ALL_STATUSES, ALL_SOURCES = "All categories", "All statuses", "All sources"
INDENT = 12
"""Pixels a note sits in under its group (Notes, Orphans): the rest is for its words."""
QUOTE_CHARS = 24
"""Characters of the annotated text shown under "Where" (the note's words get the room)."""


class NotesPanel(QWidget):
    """Lists notes; asks the window to jump, edit, delete or re-attach."""

    jumpRequested = Signal(str)
    editRequested = Signal(str)
    deleteRequested = Signal(str)
    reattachRequested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        # Two filters a line: three side by side in a docked panel cut "All categories".
        filters = QGridLayout()
        self.category = QComboBox()
        self.status = QComboBox()
        self.source = QComboBox()
        self.search = QLineEdit()
        for box, name in ((self.category, "Show notes of category"),
                          (self.status, "Show notes of status"),
                          (self.source, "Show notes on source"), (self.search, "Search notes")):
            box.setAccessibleName(name)  # a Tab stop says what it filters
        for k, (box, everything) in enumerate(((self.category, ALL_CATEGORIES),
                                               (self.status, ALL_STATUSES),
                                               (self.source, ALL_SOURCES))):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(len(everything))  # never narrower than "All …"
            filters.addWidget(box, k // 2, k % 2)
            box.currentIndexChanged.connect(self.refill)
        filters.addWidget(self.search, 1, 1)
        layout.addLayout(filters)
        self.search.setPlaceholderText("Search notes")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refill)
        self.tree = QTreeWidget()
        # One column, two lines an entry: the note's own words get the panel's width, where
        # it is and its kind go under them (three columns left "factual…" of a note).
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setIndentation(INDENT)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAlternatingRowColors(True)  # where one two-line entry ends
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self._emit(self.editRequested, item))
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        for text, signal in (("Edit", self.editRequested), ("Delete", self.deleteRequested),
                             ("Re-attach to selection", self.reattachRequested)):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=signal: self._emit(s, self.tree.currentItem()))
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.placed: list[PlacedNote] = []
        self.names: list[str] = []
        self.tags: list[str] = []

    def set_notes(self, placed: list[PlacedNote], names: list[str], categories: list[str],
                  tags: list[str] | None = None) -> None:
        self.placed, self.names = placed, names
        fill_filter(self.category, ALL_CATEGORIES, [(c, c) for c in categories])
        fill_filter(self.status, ALL_STATUSES, [(s, s) for s in STATUSES])
        self.tags = tags or plain_tags(len(names))
        fill_filter(self.source, ALL_SOURCES, source_items(names, self.tags))
        self.refill()

    def refill(self) -> None:
        self.tree.clear()
        attached = QTreeWidgetItem(self.tree, ["Notes"])
        orphans = QTreeWidgetItem(self.tree, ["Orphans: text not found, re-attach them"])
        needle = self.search.text().lower()
        for p in self.placed:
            note = p.note
            if self.category.currentData() not in (None, note.category):
                continue
            if self.status.currentData() not in (None, note.status):
                continue
            if self.source.currentData() not in (None, p.source):
                continue
            if needle and needle not in (note.body + " " + note.anchor.quote).lower():
                continue
            parent = orphans if p.state == "orphan" else attached
            summary = (note.body.strip().splitlines() or [f"“{note.anchor.quote}”"])[0]
            quote = f"“{cut_at_word(note.anchor.quote, QUOTE_CHARS)}”"
            where = f"{self.tags[p.source]} {quote}" if 0 <= p.source < len(self.tags) else quote
            shown = p.state_words if p.state != "orphan" else ""  # orphans sit apart
            state = f" · {shown}" if shown else ""
            kind = f"{note.category} · {note.status}{state}"
            item = QTreeWidgetItem(parent, [f"{summary}\n{where} · {kind}"])
            item.setData(0, ID_ROLE, note.id)
            item.setToolTip(0, plain_tooltip(f"{kind}\n{where}\n\n{note.body}"))
        attached.setExpanded(True)
        orphans.setExpanded(True)
        orphans.setHidden(orphans.childCount() == 0)

    def _clicked(self, item: QTreeWidgetItem) -> None:
        self._emit(self.jumpRequested, item)

    @staticmethod
    def _emit(signal, item: QTreeWidgetItem | None) -> None:
        if item is not None and item.data(0, ID_ROLE):
            signal.emit(item.data(0, ID_ROLE))
