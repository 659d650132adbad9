"""Side panels: the list of differences, and the selected row in every source."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from operator import attrgetter
from pathlib import Path

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
from reader.core.bidi import ltr_lines
from reader.core.comparison import Comparison, Difference
from reader.core.diff.words import word_diff
from reader.core.export.markup import diff_css, mark_text
from reader.core.load.markup import Syntax, compared_text, syntax_of
from reader.core.load.segmentation import Paragraph
from reader.core.places import NO_LEADS, FactLeads, lead_first, place_says, places, quoted_source
from reader.core.sources import source_name
from reader.gui.story import Story
from reader.gui.theme import Theme

KINDS = ("added", "omitted", "changed", "moved")


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


def plain_tags(count: int) -> list[str]:
    """``[1]``…``[n]``: sources numbered as loaded (no saved comparison says otherwise)."""
    return [f"[{i + 1}]" for i in range(count)]


def source_items(names: list[str], tags: list[str]) -> list[tuple[str, int]]:
    """Filter entries "[n] name" (``tags``: the numbers people see, ``Story.tag``)."""
    return [(f"{tag} {name}", i) for i, (tag, name) in enumerate(zip(tags, names))]


class DifferencesPanel(QWidget):
    """Differences against the reference, one entry per place in the story.

    An entry lists the sources that differ there and the first words of the
    change. The kind and source filters choose which entries show, and
    F7 / Shift+F7 step through exactly those (``places``). Moving through the
    list with the keyboard jumps the panes there, as a click does.
    """

    jumpRequested = Signal(int)  # index into the full difference list
    filtersChanged = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        filters = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName("Show differences of kind")
        fill_filter(self.kind, "All kinds", [(k.capitalize(), k) for k in KINDS])
        self.source = QComboBox()
        self.source.setAccessibleName("Show differences of source")
        self.source.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source.setMinimumContentsLength(8)
        filters.addWidget(self.kind)
        filters.addWidget(self.source, 1)
        layout.addLayout(filters)
        self.list = QListWidget()
        self.list.setAccessibleName("Differences by passage")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout.addWidget(self.list, 1)
        self.kind.currentIndexChanged.connect(self._refill)
        self.source.currentIndexChanged.connect(self._refill)
        self.list.itemClicked.connect(self._activated)
        self.list.itemActivated.connect(self._activated)
        self.list.currentItemChanged.connect(self._moved_to)
        self.diffs: list[Difference] = []
        self.names: list[str] = []
        self.tags: list[str] = []
        self.quote: Callable[[int], str] = lambda _index: ""
        self.leads = NO_LEADS  # where sources change facts, and which are in another language
        self.places: list[tuple[int, list[int]]] = []  # shown entries: row, difference indices
        self.checked: set[int] = set()  # hook (comparison_actions): differences marked checked
        self.hide_checked = False

    def set_differences(self, diffs: list[Difference], names: list[str],
                        quote: Callable[[int], str] | None = None,
                        tags: list[str] | None = None) -> None:
        """``quote(index)``: the first words of difference ``index``'s change; ``tags``: the
        sources' numbers as people see them (``Story.tag``)."""
        self.diffs, self.names = diffs, names
        self.tags = tags or plain_tags(len(names))
        self.quote = quote or (lambda _index: "")
        self.leads = NO_LEADS  # until the facts arrive
        fill_filter(self.source, "All sources", source_items(names, self.tags))
        self._refill()

    def set_facts(self, leads: FactLeads) -> None:
        """The fact changes arrived: each entry leads with a source changing a fact there
        (``lead_first``), which F7 shows and the entry quotes (its first fact change there,
        ``snippet``); sources in another language than the reference's after the others."""
        self.leads = leads
        self._refill()

    def wanted(self, diff: Difference) -> bool:
        kind, source = self.kind.currentData(), self.source.currentData()
        return (not kind or diff.kind == kind) and (source is None or diff.source == source)

    def _refill(self) -> None:
        """List the places the filters leave, each quoting its leading difference: filtered
        to one source, that source's own words. The entry that was current stays so."""
        current = self.list.currentItem()
        row_now = current.data(Qt.ItemDataRole.UserRole + 1) if current is not None else None
        found = places(self.diffs, lambda i, d: self.wanted(d) and not (
            self.hide_checked and i in self.checked))
        self.places = [(place.row, lead_first(self.diffs, place.indices, self.leads))
                       for place in found]
        numbers = [int(t.strip("[]")) for t in self.tags]
        self.list.blockSignals(True)
        self.list.clear()
        for n, (place, (row, indices)) in enumerate(zip(found, self.places), 1):
            says = place_says(self.diffs, place, numbers)
            tick = "✓ " if all(i in self.checked for i in indices) else ""
            quote = quoted_source(self.diffs, indices, numbers) + self.quote(indices[0])
            item = QListWidgetItem(ltr_lines(f"{tick}{n}. {says}\n{quote}"))
            item.setToolTip(plain_tooltip(f"Passage {n} of {len(self.places)}: {says}\n{quote}"))
            item.setData(Qt.ItemDataRole.UserRole, indices[0])
            item.setData(Qt.ItemDataRole.UserRole + 1, row)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._select_row(row_now)
        self.filtersChanged.emit()

    def set_checked(self, checked: set[int], hide: bool) -> None:
        """Mark checked differences ✓, or leave them out with ``hide``."""
        self.checked, self.hide_checked = checked, hide
        self._refill()

    def select(self, index: int) -> None:
        """Make the entry holding difference ``index`` current (without jumping again)."""
        self._select_row(self.diffs[index].row if 0 <= index < len(self.diffs) else None)

    def place_of(self, index: int) -> list[int]:
        """The differences of the listed place holding difference ``index``, the leading one
        first (``lead_first``); just ``index`` when no entry holds it."""
        return next((indices for _row, indices in self.places if index in indices), [index])

    def _select_row(self, row: int | None) -> None:
        self.list.blockSignals(True)
        for n in range(self.list.count()):
            if self.list.item(n).data(Qt.ItemDataRole.UserRole + 1) == row:
                self.list.setCurrentRow(n)
                self.list.scrollToItem(self.list.item(n))
                break
        self.list.blockSignals(False)

    def _activated(self, item: QListWidgetItem) -> None:
        self.jumpRequested.emit(item.data(Qt.ItemDataRole.UserRole))

    def _moved_to(self, item: QListWidgetItem | None, _previous) -> None:
        if item is not None:
            self._activated(item)


class RowDetail(QTextBrowser):
    """The passage the reader is on, in every source, each diffed against the reference.

    A passage, not the engine's whole row: a row can hold unrelated
    paragraphs side by side (``story``), and showing them here would present
    them as versions of the passage the reader clicked.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setPlaceholderText("Click a paragraph (or press F7) to see that passage in every "
                                "source, each compared with the reference.")
        self.passage: int | None = None
        self.story: Story | None = None  # the story ``passage`` counts in

    def clear_passage(self) -> None:
        """Show nothing (the placeholder says how to pick a passage)."""
        self.passage = self.story = None
        self.clear()

    def show_passage(self, comp: Comparison, story: Story, passage: int, reference: int,
                     order: list[int], theme: Theme, badges: dict | None = None) -> None:
        """``badges``: (source, paragraph) -> what the reader set there by hand (☛)."""
        self.passage, self.story = passage, story
        badges = badges or {}
        style = diff_css(theme.added.name(), theme.changed.name(), theme.omitted.name(),
                         theme.note.name()) + \
            f".missing {{ color: {theme.missing_text.name()}; font-style: italic; }}"
        cells = story.passages[passage].cells
        row = story.passages[passage].row
        whole_row = all(list(c) == list(r) for c, r in zip(cells, comp.rows[row]))
        ref_text = passage_text(comp, cells, reference)
        ref_syntax = _passage_syntax(comp, cells, reference)
        parts = [f"<style>{style}</style>"]
        for s in order:
            doc = comp.documents[s]
            label = "reference" if s == reference else ""
            hand = [badges[(s, p)] for p in cells[s] if (s, p) in badges]
            set_here = (f' <span style="color:{theme.hand.name()}">{escape(hand[0])}</span>'
                        if hand else "")
            # named as the pane headers name it (whose page, else its title), file second
            parts.append(f"<p><b>{story.tag(s)} {escape(source_name(doc))}</b> "
                         f'<span style="color:{theme.missing_text.name()}">'
                         f"{escape(Path(doc.path).name)}</span> <i>{label}</i>{set_here}<br>")
            if not cells[s]:
                parts.append('<span class="missing">not in this source here</span></p>')
                continue
            text, syntax = passage_text(comp, cells, s), _passage_syntax(comp, cells, s)
            if s == reference or not _linked(comp, cells, reference, s):
                parts.append(mark_text(text, syntax=syntax) + "</p>")
            else:
                spans = comp.row_diff(row, reference, s) if whole_row else \
                    word_diff(passage_text(comp, cells, reference, compared_text),
                              passage_text(comp, cells, s, compared_text))
                parts.append(mark_text(text, spans, ref_text, syntax=syntax,
                                       reference_syntax=ref_syntax) + "</p>")
        self.setHtml("".join(parts))


def passage_text(comp: Comparison, cells, source: int,
                 read: Callable[[Paragraph], str] = attrgetter("text")) -> str:
    """A source's paragraphs in a passage, as ``read`` gives them (``compared_text``: as the
    word diff reads them, Markdown syntax blanked at the same offsets)."""
    doc = comp.documents[source]
    return "\n\n".join(read(doc.paragraphs[p]) for p in cells[source])


def _passage_syntax(comp: Comparison, cells, source: int) -> Syntax:
    """The Markdown syntax in ``passage_text`` of ``source`` (shown nowhere)."""
    doc = comp.documents[source]
    return syntax_of([doc.paragraphs[p] for p in cells[source]])


def _linked(comp: Comparison, cells, reference: int, source: int) -> bool:
    """Whether ``source``'s paragraphs here are linked to the reference's (else a word diff
    between them would only be noise)."""
    ref_paras = set(cells[reference])
    return any(other[0] == reference and other[1] in ref_paras
               for q in cells[source] for other in
               (link.other((source, q)) for link in comp.links_of((source, q))))
