"""The Annotations dock: every note of the comparison, filterable, with orphans apart."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
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
from reader.gui.docks import fill_filter, plain_tags, source_items

ID_ROLE = Qt.ItemDataRole.UserRole


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
        filters = QHBoxLayout()
        self.category = QComboBox()
        self.status = QComboBox()
        self.source = QComboBox()
        for box in (self.category, self.status, self.source):
            filters.addWidget(box)
            box.currentIndexChanged.connect(self.refill)
        layout.addLayout(filters)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search notes")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refill)
        layout.addWidget(self.search)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Note", "Where", "State"])
        self.tree.setRootIsDecorated(True)
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
        fill_filter(self.category, "All categories", [(c, c) for c in categories])
        fill_filter(self.status, "All statuses", [(s, s) for s in STATUSES])
        self.tags = tags or plain_tags(len(names))
        fill_filter(self.source, "All sources", source_items(names, self.tags))
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
            summary = (note.body.strip().splitlines() or [note.anchor.quote])[0][:80]
            where = f"{self.tags[p.source]} “{note.anchor.quote[:40]}”" \
                if 0 <= p.source < len(self.tags) else f"“{note.anchor.quote[:40]}”"
            state = p.state + (f" {p.placement.confidence:.0%}" if p.state == "fuzzy" else "")
            item = QTreeWidgetItem(parent, [f"{note.category} · {note.status}: {summary}",
                                            where, state])
            item.setData(0, ID_ROLE, note.id)
            item.setToolTip(0, plain_tooltip(note.body))
        attached.setExpanded(True)
        orphans.setExpanded(True)
        orphans.setHidden(orphans.childCount() == 0)
        self.tree.resizeColumnToContents(2)

    def _clicked(self, item: QTreeWidgetItem) -> None:
        self._emit(self.jumpRequested, item)

    @staticmethod
    def _emit(signal, item: QTreeWidgetItem | None) -> None:
        if item is not None and item.data(0, ID_ROLE):
            signal.emit(item.data(0, ID_ROLE))
