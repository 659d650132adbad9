"""Side panels: the list of differences, and the selected row in every source."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.core.annotations.render import plain_tooltip
from reader.core.comparison import Comparison, Difference
from reader.core.export.markup import diff_css, mark_text
from reader.gui.theme import Theme

KINDS = ("added", "omitted", "changed", "moved")
KIND_LABEL = {"added": "adds", "omitted": "omits", "changed": "words differently",
              "moved": "has elsewhere"}


def fill_filter(box: QComboBox, everything: str, items: list[tuple[str, object]]) -> None:
    """Refill a filter box ("All …" first, then items), keeping the choice if it remains."""
    current = box.currentData()
    box.blockSignals(True)
    box.clear()
    box.addItem(everything, None)
    for label, data in items:
        box.addItem(label, data)
    box.setCurrentIndex(max(0, box.findData(current)))
    box.blockSignals(False)


def source_items(names: list[str]) -> list[tuple[str, int]]:
    return [(f"[{i + 1}] {name}", i) for i, name in enumerate(names)]


class DifferencesPanel(QWidget):
    """All differences against the reference, filterable by kind and source."""

    jumpRequested = Signal(int)  # index into the full difference list

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        filters = QHBoxLayout()
        self.kind = QComboBox()
        fill_filter(self.kind, "All kinds", [(k.capitalize(), k) for k in KINDS])
        self.source = QComboBox()
        filters.addWidget(self.kind)
        filters.addWidget(self.source, 1)
        layout.addLayout(filters)
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        self.kind.currentIndexChanged.connect(self._refill)
        self.source.currentIndexChanged.connect(self._refill)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.diffs: list[Difference] = []
        self.names: list[str] = []
        self.snippets: list[str] = []

    def set_differences(self, diffs: list[Difference], names: list[str],
                        snippets: list[str] | None = None) -> None:
        self.diffs, self.names = diffs, names
        self.snippets = snippets or [""] * len(diffs)
        fill_filter(self.source, "All sources", source_items(names))
        self._refill()

    def _refill(self) -> None:
        kind, source = self.kind.currentData(), self.source.currentData()
        self.list.clear()
        for i, d in enumerate(self.diffs):
            if (kind and d.kind != kind) or (source is not None and d.source != source):
                continue
            words = f" ({d.words} words)" if d.words else ""
            item = QListWidgetItem(f"Row {d.row + 1}: [{d.source + 1}] {KIND_LABEL[d.kind]}"
                                   f"{words}  {self.snippets[i]}")
            item.setToolTip(plain_tooltip(f"{self.names[d.source]}\n{self.snippets[i]}"))
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.list.addItem(item)

    def select(self, index: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == index:
                self.list.setCurrentRow(row)
                return

    def _activated(self, item: QListWidgetItem) -> None:
        self.jumpRequested.emit(item.data(Qt.ItemDataRole.UserRole))


class RowDetail(QTextBrowser):
    """The selected row in every source, each diffed against the reference."""

    def __init__(self) -> None:
        super().__init__()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setPlaceholderText("Click a paragraph to see it in every source.")

    def show_row(self, comp: Comparison, row: int, reference: int, order: list[int],
                 theme: Theme) -> None:
        style = diff_css(theme.added.name(), theme.changed.name(), theme.omitted.name(),
                         theme.note.name()) + \
            f".missing {{ color: {theme.missing_text.name()}; font-style: italic; }}"
        parts = [f"<style>{style}</style>"]
        ref_text = comp.row_text(row, reference)
        for s in order:
            doc = comp.documents[s]
            label = "reference" if s == reference else ""
            parts.append(f"<p><b>[{s + 1}] {escape(doc.name)}</b> <i>{label}</i><br>")
            if not comp.rows[row][s]:
                parts.append('<span class="missing">not in this source</span></p>')
                continue
            text = comp.row_text(row, s)
            if s == reference or not comp.comparable(row, reference, s):
                parts.append(escape(text).replace("\n\n", "<br><br>") + "</p>")
            else:
                parts.append(mark_text(text, comp.row_diff(row, reference, s), ref_text) + "</p>")
        self.setHtml("".join(parts))
