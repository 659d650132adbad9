"""The reader's window: N aligned panes, navigation, docks, menus.

The window owns presentation state only (pane order, reference, zoom, the
current difference); everything it shows comes from a ``Comparison`` built
by the engine in a background job.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QMainWindow,
)

from reader.core.comparison import Comparison, Difference
from reader.core.errors import SourceError
from reader.core.pipeline import load_and_compare
from reader.gui.document_builder import add_highlights, build_pane
from reader.gui.jobs import AlignJob
from reader.gui.notes_controller import NotesController
from reader.gui.row_sync import align_rows
from reader.gui.settings import ReaderSettings
from reader.gui.source_pane import SourcePane
from reader.gui.theme import current_theme
from reader.gui.window_layout import build_actions, build_ui

MAX_PANES = 20
BASE_POINT_SIZE = 11.0


class MainWindow(QMainWindow):
    """Parallax's main window."""

    comparisonShown = Signal()

    def __init__(self, settings: ReaderSettings | None = None) -> None:
        super().__init__()
        self.setWindowTitle("Parallax")
        self.setAcceptDrops(True)
        self.settings = settings or ReaderSettings()
        self.theme = current_theme()
        self.comp: Comparison | None = None
        self.paths: list[str] = []
        self.order: list[int] = []
        self.reference = 0
        self.diffs: list[Difference] = []
        self.current = -1
        self.selected_row: int | None = None
        self.panes: list[SourcePane] = []
        self.active_source: int | None = None
        self.job: AlignJob | None = None
        self._diffs_pending = False  # a large comparison shown before its word diffs
        self.zoom = self.settings.zoom
        self._syncing = False
        self._realign = QTimer(self, singleShot=True, interval=60)
        self._realign.timeout.connect(self.relayout)
        self._unflash = QTimer(self, singleShot=True, interval=900)
        self._unflash.timeout.connect(self._clear_flash)
        self.notes = NotesController(self)
        build_ui(self)
        build_actions(self)
        if self.settings.geometry is not None:
            self.restoreGeometry(self.settings.geometry)
        else:
            self.resize(1400, 900)

    # -- construction -----------------------------------------------------------------------
    def open_paths(self, paths: list[str], wait: bool = False) -> None:
        """Load and align ``paths`` in the background (or now, with ``wait``)."""
        paths = [str(p) for p in paths]
        if len(paths) > MAX_PANES:
            self.show_banner(f"Parallax shows up to {MAX_PANES} sources side by side; "
                             f"the first {MAX_PANES} of {len(paths)} are open.")
            paths = paths[:MAX_PANES]
        self.cancel_job()
        _, reference = self.settings.arrangement(paths)
        if wait:
            comp, docs, errors = load_and_compare(paths, reference=reference)
            self._loaded(comp, docs, errors)
            return
        self.job = AlignJob(paths, reference)
        self.job.progressed.connect(self._progress)
        self.job.finished_ok.connect(self._loaded)
        self.job.diffs_ready.connect(self._diffs_ready)
        self.job.failed.connect(lambda msg: self.statusBar().showMessage(
            f"Alignment failed: {msg}", 10000))
        self.job.cancelled.connect(lambda: self.statusBar().showMessage(
            "Alignment cancelled.", 8000))
        self.job.finished.connect(self._job_over)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.statusBar().showMessage(f"Aligning {len(paths)} sources…")
        self.job.start()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
            self.job = None
        self.progress.hide()
        self.cancel_button.hide()
        if self._diffs_pending:  # cancelled while the diffs were still on their way
            self._diffs_pending = False
            self.rebuild()

    def _job_over(self) -> None:
        """The job's thread has ended (QThread.finished): now it may be dropped."""
        if self.job is not None and self.job.isFinished():
            self.job = None
            self.progress.hide()
            self.cancel_button.hide()

    def _loaded(self, comp: Comparison | None, docs, errors: list[SourceError]) -> None:
        self.statusBar().clearMessage()  # "Aligning N sources…" is over
        messages = [f"Could not open {e.path}: {e.reason}" for e in errors]
        if comp is None:
            self.show_banner("\n".join(messages) or "Nothing to show.")
            return
        if len(comp.documents) == 1:
            messages.append("Only one source is open: add another version (File ▸ Add Sources "
                            "or drop a file here) to compare.")
        self.comp = comp
        messages += self.notes.open(comp)
        self.show_banner("\n".join(messages))
        self.paths = [d.path for d in comp.documents]
        self.settings.add_recent(self.paths)
        order_paths, ref_path = self.settings.arrangement(self.paths)
        self.order = [self.paths.index(p) for p in order_paths]
        self.reference = self.paths.index(ref_path) if ref_path else self.order[0]
        self._diffs_pending = self.job is not None and not comp.has_diffs(self.reference)
        self._fill_reference_box()
        self.rebuild()

    def _diffs_ready(self, caches) -> None:
        """The word diffs of a large comparison arrived: highlight the panes."""
        if self.comp is None:
            return
        self.comp.absorb(caches)
        self._diffs_pending = False
        if not self.comp.has_diffs(self.reference):  # the reference changed meanwhile
            self.rebuild()
            return
        font = self._font()
        for pane in self.panes:
            add_highlights(self.comp, pane.view.content, self.reference, self.theme, font)
            pane.view.viewport().update()
        self._show_differences()
        self.statusBar().clearMessage()
        self.comparisonShown.emit()

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    # -- building the panes -----------------------------------------------------------------
    def _font(self) -> QFont:
        font = QFont("Noto Serif")
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setPointSizeF(max(6.0, BASE_POINT_SIZE + self.zoom))
        return font

    def _fill_reference_box(self) -> None:
        self.reference_box.clear()
        for s in self.order:
            self.reference_box.addItem(f"[{s + 1}] {self.comp.documents[s].name}", s)
        self.reference_box.setCurrentIndex(self.order.index(self.reference))

    def rebuild(self) -> None:
        """(Re)create every pane's document: after loading, or a change of reference or zoom."""
        comp = self.comp
        if comp is None:
            return
        for pane in self.panes:
            pane.setParent(None)
            pane.deleteLater()
        self.panes = []
        font = self._font()
        # While a large comparison's diffs are still being computed elsewhere,
        # show the aligned text plain; _diffs_ready builds the panes again.
        highlight = comp.has_diffs(self.reference) or not self._diffs_pending
        for s in self.order:
            pane = SourcePane(s, self.theme)
            content = build_pane(comp, s, self.reference, self.theme, font, highlight)
            pane.view.set_content(content)
            pane.rowClicked.connect(self._row_clicked)
            pane.movedClicked.connect(self.show_counterpart)
            pane.scrolled.connect(self._pane_scrolled)
            pane.closeRequested.connect(self.remove_source)
            pane.referenceRequested.connect(self.set_reference)
            pane.dropped.connect(self.move_source)
            pane.zoomRequested.connect(self._zoom_step)
            pane.view.installEventFilter(self)
            pane.view.context_actions = [self.annotate_action]
            doc = comp.documents[s]
            shared = sum(1 for p in doc.content if comp.presence((s, p.index)) != "none")
            pane.header.set_source(doc, s == self.reference,
                                   f"{doc.encoding} · {doc.words} words · "
                                   f"{shared}/{len(doc.content)} paragraphs shared")
            self.splitter.addWidget(pane)
            self.panes.append(pane)
        self.splitter.setMinimumWidth(len(self.panes) * (self.panes[0].minimumWidth() + 4))
        self.placeholder.hide()
        self.scroll.show()
        if highlight:
            self._show_differences()
        else:
            self.diffs = []
            self.statusBar().showMessage("Finding word differences…")
        self.notes.refresh()
        QTimer.singleShot(0, self.relayout)

    def _show_differences(self) -> None:
        """Fill the Differences dock, the overview strip and the counts."""
        self.diffs = self.comp.differences(self.reference)
        self.diff_panel.set_differences(self.diffs, [d.name for d in self.comp.documents],
                                        [self._snippet(d) for d in self.diffs])
        self.current = -1
        self._update_counts()
        if self.panes and self.panes[0].view.row_top:
            view = self.panes[0].view
            self.overview.set_marks(self.diffs, view.row_top, view.document().size().height())

    def _snippet(self, diff: Difference) -> str:
        """The first words of what a difference is about, for the Differences list."""
        text = " ".join(self.comp.row_text(diff.row, diff.source).split()) or \
            " ".join(self.comp.row_text(diff.row, self.reference).split())
        return f"“{text[:48]}…”" if len(text) > 48 else f"“{text}”"

    def relayout(self) -> None:
        """Line rows up again (after a resize, zoom or rebuild), keeping the top row in view."""
        views = [p.view for p in self.panes]
        if not views:
            return
        top_row = views[0].row_at(views[0].verticalScrollBar().value()) if views[0].row_top else 0
        tops = align_rows(views)
        total = max(v.document().size().height() for v in views)
        page = views[0].viewport().height()
        self.vbar.setRange(0, max(0, int(total - page)))
        self.vbar.setPageStep(page)
        self.vbar.setSingleStep(views[0].fontMetrics().lineSpacing() * 3)
        self.overview.set_marks(self.diffs, tops, total)
        if top_row:
            self.scroll_to_row(top_row, margin=0)
        self._update_view_span()
        self.comparisonShown.emit()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._realign.start()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == event.Type.Resize:
            self._realign.start()
        elif event.type() == event.Type.FocusIn:
            self.active_source = next((p.index for p in self.panes if p.view is watched), None)
        return False

    # -- scrolling --------------------------------------------------------------------------
    def set_sync(self, on: bool) -> None:
        self.sync_action.setChecked(on)
        self.settings.sync = on
        if on and self.panes:
            self._shared_scrolled(self.vbar.value())

    def _shared_scrolled(self, value: int) -> None:
        if self._syncing:
            return
        self._syncing = True
        targets = self.panes if self.sync_action.isChecked() else [
            p for p in self.panes if p.index == self.active_source] or self.panes
        for pane in targets:
            pane.view.verticalScrollBar().setValue(value)
        self._syncing = False
        self._update_view_span()

    def _pane_scrolled(self, source: int, value: int) -> None:
        if self._syncing:
            return
        self._syncing = True
        if self.sync_action.isChecked():
            for pane in self.panes:
                if pane.index != source:
                    pane.view.verticalScrollBar().setValue(value)
        self.vbar.setValue(value)
        self._syncing = False
        self._update_view_span()

    def _update_view_span(self) -> None:
        if not self.panes:
            return
        view = self.panes[0].view
        total = max(1.0, view.document().size().height())
        top = view.verticalScrollBar().value()
        self.overview.set_view(top / total, (top + view.viewport().height()) / total)

    def scroll_to_row(self, row: int, margin: float = 0.2) -> None:
        """Bring ``row`` into view in every pane, a little below the top."""
        if not self.panes or not self.panes[0].view.row_top:
            return
        view = self.panes[0].view
        y = view.row_top[row] - margin * view.viewport().height()
        self.vbar.setValue(int(max(0, y)))
        if not self.sync_action.isChecked():
            for pane in self.panes:
                pane.view.verticalScrollBar().setValue(int(max(0, y)))

    # -- selection and navigation -----------------------------------------------------------
    def select_row(self, row: int, source: int | None = None) -> None:
        self.selected_row = row
        if source is not None:
            self.active_source = source
        # Counterparts that sit in other rows (moved content) are outlined too.
        elsewhere: dict[int, set[int]] = {}
        for s, paras in enumerate(self.comp.rows[row]):
            for p in paras:
                for other in self.comp.moved((s, p)):
                    elsewhere.setdefault(other[0], set()).add(other[1])
        for pane in self.panes:
            pane.view.selected_row = row
            pane.view.linked_elsewhere = elsewhere.get(pane.index, set())
            pane.view.viewport().update()
        self.detail.show_row(self.comp, row, self.reference, self.order, self.theme)

    def _row_clicked(self, source: int, row: int) -> None:
        self.select_row(row, source)

    def go_to_difference(self, index: int) -> None:
        if not 0 <= index < len(self.diffs):
            return
        self.current = index
        diff = self.diffs[index]
        self.select_row(diff.row, diff.source)
        self.scroll_to_row(diff.row)
        self.flash(diff.row)
        self.diff_panel.select(index)
        self.overview.current = index
        self.overview.update()
        self._update_counts()

    def step(self, delta: int) -> None:
        """Next (+1) or previous (-1) difference, in reading order."""
        if not self.diffs:
            return
        if self.current < 0 and delta < 0:
            self.go_to_difference(len(self.diffs) - 1)
        else:
            self.go_to_difference(min(len(self.diffs) - 1, max(0, self.current + delta)))

    def flash(self, row: int) -> None:
        """Outline a row for a moment, so the eye finds where a jump landed."""
        for pane in self.panes:
            pane.view.flash_row = row
            pane.view.viewport().update()
        self._unflash.start()

    def _clear_flash(self) -> None:
        for pane in self.panes:
            pane.view.flash_row = None
            pane.view.viewport().update()

    def show_counterpart(self, source: int, para: int) -> None:
        """Scroll to where a moved paragraph's content sits and flash it."""
        targets = self.comp.moved((source, para))
        if not targets:
            return
        row = self.comp.row_of[targets[0]]
        self.select_row(row, targets[0][0])
        self.scroll_to_row(row)
        self.flash(row)

    def _update_counts(self) -> None:
        kinds = Counter(d.kind for d in self.diffs)
        where = f"difference {self.current + 1} of {len(self.diffs)}" if self.current >= 0 \
            else f"{len(self.diffs)} differences"
        parts = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        self.counts.setText(f"{where} ({parts}) · {len(self.comp.rows)} rows · "
                            f"{len(self.comp.documents)} sources" if self.comp else "")

    # -- reference, zoom, pane order --------------------------------------------------------
    def set_reference(self, source: int) -> None:
        if self.comp is None or source == self.reference:
            return
        self.reference = source
        self._save_arrangement()
        self._fill_reference_box()
        self.rebuild()

    def _zoom_step(self, delta: int) -> None:
        self.set_zoom(self.zoom + delta)

    def set_zoom(self, zoom: int) -> None:
        self.zoom = max(-5, min(20, zoom))
        self.settings.zoom = self.zoom
        self.rebuild()

    def move_source(self, source: int, onto: int) -> None:
        """Put pane ``source`` in the place of pane ``onto`` (drag and drop of headers)."""
        if source == onto or source not in self.order or onto not in self.order:
            return
        target = self.order.index(onto)
        self.order.remove(source)
        self.order.insert(target, source)
        self._save_arrangement()
        self._fill_reference_box()
        self.rebuild()

    def move_active(self, delta: int) -> None:
        source = self.active_source
        if source is None or source not in self.order:
            return
        i = self.order.index(source)
        j = max(0, min(len(self.order) - 1, i + delta))
        if i != j:
            self.order.insert(j, self.order.pop(i))
            self._save_arrangement()
            self._fill_reference_box()
            self.rebuild()

    def remove_active(self) -> None:
        source = self.active_source
        if source is not None:
            self.remove_source(source)

    def remove_source(self, source: int) -> None:
        """Drop a source from the comparison and align the rest again."""
        remaining = [self.paths[s] for s in self.order if s != source]
        if not remaining or not self.notes.confirm_remove(source):
            return
        self.open_paths(remaining)

    def _save_arrangement(self) -> None:
        self.settings.save_arrangement(self.paths, [self.paths[s] for s in self.order],
                                       self.paths[self.reference])

    # -- find -------------------------------------------------------------------------------
    def show_find(self) -> None:
        self.find_bar.show()
        self.find_bar.edit.setFocus()
        self.find_bar.edit.selectAll()

    # -- drag and drop, closing -------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.open_paths(self.paths + [p for p in paths if p not in self.paths])

    def closeEvent(self, event) -> None:  # noqa: N802
        self.cancel_job()
        self.settings.geometry = self.saveGeometry()
        super().closeEvent(event)

