"""The Quotes panel: each distinct quotation and how every source renders it.

Who said what, and whether a version trimmed a quote, altered its words,
paraphrased it or pinned it on someone else, is what readers of news
versions look for first. One entry per quotation (``track_quotes``), its
renderings beneath it, one line per source in the same columns: source
[n], form (verbatim, trimmed, extended, altered, paraphrased), speaker and
the words as that source has them. A click jumps the panes there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from reader.core.annotations.render import plain_tooltip
from reader.core.comparison import Comparison
from reader.core.diff.story_facts import QuoteRendering, TrackedQuote

HEADLINE_CHARS = 70
"""A quote's entry shows its first words, this many characters at most (the tooltip has all)."""
COLUMNS = ("Quote / source", "Form", "Speaker", "Words")


def _short(text: str, limit: int = HEADLINE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def rendering_words(comp: Comparison, r: QuoteRendering) -> str:
    return comp.documents[r.source].paragraphs[r.paragraph].text[r.span[0]:r.span[1]]


class QuotesPanel(QWidget):
    """Quotes across sources; emits ``jumpRequested(source, paragraph, start, end)``."""

    jumpRequested = Signal(int, int, int, int)

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel("Quotations appear here once a comparison is open.")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Quotations and their renderings per source")
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        layout.addWidget(self.tree, 1)
        self.tree.itemClicked.connect(self._activated)
        self.tree.itemActivated.connect(self._activated)
        self.quotes: list[TrackedQuote] = []

    def set_quotes(self, comp: Comparison, quotes: list[TrackedQuote]) -> None:
        """One entry per quote (first words, the sources carrying it), renderings beneath."""
        self.quotes = quotes
        self.tree.clear()
        names = [d.name for d in comp.documents]
        bold = QFont(self.tree.font())
        bold.setBold(True)
        shared = sum(1 for q in quotes if len(q.sources) > 1)
        self.summary.setText(f"{len(quotes)} quotations, {shared} carried by more than one "
                             "source. Click one to read it in the panes.")
        for n, quote in enumerate(quotes, 1):
            carriers = " ".join(f"[{s + 1}]" for s in quote.sources)
            top = QTreeWidgetItem([f"{n}. “{_short(quote.text)}”", "", "", carriers])
            top.setFont(0, bold)
            top.setToolTip(0, plain_tooltip(f"“{quote.text}”\nin {carriers}"))
            first = quote.renderings[0]
            top.setData(0, Qt.ItemDataRole.UserRole, (first.source, first.paragraph,
                                                      *first.span))
            for r in sorted(quote.renderings, key=lambda r: (r.source, r.paragraph)):
                words = rendering_words(comp, r)
                child = QTreeWidgetItem([f"[{r.source + 1}]", r.form, r.speaker or "—",
                                         _short(words)])
                child.setToolTip(0, plain_tooltip(f"[{r.source + 1}] {names[r.source]}"))
                child.setToolTip(3, plain_tooltip(words))
                child.setData(0, Qt.ItemDataRole.UserRole, (r.source, r.paragraph, *r.span))
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(len(quote.sources) > 1)
        for column in range(len(COLUMNS) - 1):
            self.tree.resizeColumnToContents(column)

    def clear(self) -> None:
        self.quotes = []
        self.tree.clear()
        self.summary.setText("Finding quotations…")

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        where = item.data(0, Qt.ItemDataRole.UserRole)
        if where:
            self.jumpRequested.emit(*where)
