"""File ▸ Export / Print: options, then PDF, HTML, Markdown, a printer or a preview.

An export runs in a worker thread (laying out and painting 20 sources takes
seconds), with a progress dialog whose Cancel stops it between pages and
writes nothing. The file name offered is the comparison's title and the date,
in the folder the user last exported to.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
)

from reader.core.export.report import (
    PAIRS_ABOVE,
    TABLE_MAX,
    ExportOptions,
    Report,
    build_report,
)
from reader.core.files import OutputError
from reader.render.output import write_report

FOLDER_KEY = "export/folder"
"""Where the last export went (in the reader's settings store)."""


class ExportOptionsDialog(QDialog):
    def __init__(self, parent, titles: list[str], order: list[int], reference: int,
                 verb: str, labels: list[str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{verb} comparison")
        self.order = order
        layout = QVBoxLayout(self)
        form = QFormLayout()
        labels = labels or [f"[{s + 1}] {t}" for s, t in enumerate(titles)]
        self.title = QLineEdit(titles[reference])
        form.addRow("Title", self.title)
        self.reference = QComboBox()
        for s in order:
            self.reference.addItem(labels[s], s)
        self.reference.setCurrentIndex(order.index(reference))
        form.addRow("Compare against", self.reference)
        self.table = QRadioButton("All sources in one table")
        self.pairs = QRadioButton("Row by row: the reference, then each other reading beneath it")
        (self.pairs if len(order) > PAIRS_ABOVE else self.table).setChecked(True)
        if len(order) > TABLE_MAX:
            self.table.setEnabled(False)
            self.table.setToolTip(f"{len(order)} sources do not fit side by side in one table "
                                  f"(at most {TABLE_MAX}).")
        form.addRow("Layout", self.table)
        form.addRow("", self.pairs)
        self.boilerplate = QCheckBox("Include page furniture (read more, share, dates…)")
        self.only = QCheckBox("Only rows with differences")
        self.notes = QCheckBox("Include notes")
        self.notes.setChecked(True)
        for box in (self.boilerplate, self.only, self.notes):
            form.addRow("", box)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def options(self) -> ExportOptions:
        return ExportOptions(reference=self.reference.currentData(), order=list(self.order),
                             include_boilerplate=self.boilerplate.isChecked(),
                             only_differences=self.only.isChecked(),
                             layout="pairs" if self.pairs.isChecked() else "table",
                             include_notes=self.notes.isChecked(), title=self.title.text())


def ask_options(window, verb: str) -> ExportOptions | None:
    """Show the options dialog; None if cancelled or nothing is open."""
    comp = window.comp
    if comp is None:
        return None
    dialog = ExportOptionsDialog(window, [_title(d) for d in comp.documents], window.order,
                                 window.reference, verb,
                                 [window.label(s) for s in range(len(comp.documents))])
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.options()


def ask_report(window, verb: str) -> Report | None:
    """Show the options dialog and build the report, or None if cancelled."""
    options = ask_options(window, verb)
    return None if options is None else build_report(window.comp, window.notes.placed, options)


FORMATS = {"pdf": "PDF (*.pdf)", "html": "HTML (*.html)", "md": "Markdown (*.md)"}


def _title(doc) -> str:
    return doc.title or doc.name


def suggested_name(title: str, fmt: str, today: date | None = None) -> str:
    """``China and Russia get closer 2026-11-29.pdf``: the title made safe as a file name."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title)
    safe = " ".join(safe.split())[:80].strip(" .") or "comparison"
    return f"{safe} {(today or date.today()).isoformat()}.{fmt}"


def _last_folder(window) -> Path:
    settings = getattr(window, "settings", None)
    folder = settings.store.value(FOLDER_KEY) if settings else None
    return Path(str(folder)) if folder and Path(str(folder)).is_dir() else Path.home()


class ExportJob(QObject):
    """Writes one export off the GUI thread; ``cancel`` stops it between pages."""

    progress = Signal(int, int)
    done = Signal(str, object)  # path, page count (None for HTML and Markdown)
    failed = Signal(str)

    def __init__(self, make_report: Callable[[], Report], path: str, fmt: str) -> None:
        super().__init__()
        self.make_report, self.path, self.fmt = make_report, path, fmt
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        from reader.render.pdf import ExportCancelled
        try:
            report = self.make_report()  # word diffs for every source: seconds at 20
            pages = write_report(report, self.path, self.fmt, self._cancel.is_set,
                                 self.progress.emit)
        except ExportCancelled:
            self.failed.emit("")
        except OutputError as exc:  # its message names the file already
            self.failed.emit(f"Could not write the export: {exc}")
        except OSError as exc:
            self.failed.emit(f"Could not write {self.path}: {exc.strerror or exc}")
        else:
            self.done.emit(self.path, pages)


def export_file(window, fmt: str) -> ExportJob | None:
    """File ▸ Export …: options, file name, then write in the background (temp file +
    rename); returns the running job."""
    options = ask_options(window, "Export")
    if options is None:
        return None
    comp, notes = window.comp, window.notes.placed
    title = options.title or _title(comp.documents[options.reference])
    suggested = _last_folder(window) / suggested_name(title, fmt)
    path, _ = QFileDialog.getSaveFileName(window, "Export comparison", str(suggested),
                                          FORMATS[fmt])
    if not path:
        return None
    if getattr(window, "settings", None):
        window.settings.store.setValue(FOLDER_KEY, str(Path(path).parent))
    return start_export(window, lambda: build_report(comp, notes, options), path, fmt)


class _Progress(QObject):
    """Lives in the GUI thread, so the job's signals reach the dialog queued, not from the
    worker thread."""

    def __init__(self, window, job: ExportJob, thread: QThread, path: str) -> None:
        super().__init__(window)
        self.window, self.thread = window, thread
        self.dialog = QProgressDialog(f"Exporting {Path(path).name}…", "Cancel", 0, 0, window)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(job.cancel)
        job.progress.connect(self.step)
        job.done.connect(self.succeeded)
        job.failed.connect(self.stopped)

    def step(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _finish(self, message: str) -> None:
        self.dialog.reset()
        self.thread.quit()
        self.window.statusBar().showMessage(message, 8000)
        self.deleteLater()

    def succeeded(self, path: str, pages) -> None:
        self._finish(f"Exported {path}" + (f" ({pages} pages)" if pages else ""))

    def stopped(self, error: str) -> None:
        self._finish("Export failed" if error else "Export cancelled; nothing was written")
        if error:
            QMessageBox.warning(self.window, "Export failed", error)


def start_export(window, make_report: Callable[[], Report], path: str, fmt: str) -> ExportJob:
    """Run the export in a thread with a progress dialog; the result goes to the status bar
    (or a message box if it failed)."""
    from reader.render.pdf import register_fonts
    register_fonts()  # the font database is filled from the GUI thread
    job = ExportJob(make_report, path, fmt)
    thread = QThread(window)
    job.moveToThread(thread)
    _Progress(window, job, thread, path)
    thread.started.connect(job.run)
    thread.finished.connect(thread.deleteLater)
    window._export_job = job  # alive until the next export
    thread.start()
    return job


def print_report(window, preview: bool) -> None:
    """File ▸ Print… / Print Preview…, painting the same pages as the PDF."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog

    from reader.render.pdf import page_layout, paint_report
    report = ask_report(window, "Print")
    if report is None:
        return
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(report))
    if preview:
        dialog = QPrintPreviewDialog(printer, window)
        dialog.paintRequested.connect(lambda device: paint_report(report, device))
        dialog.exec()
    elif QPrintDialog(printer, window).exec() == QDialog.DialogCode.Accepted:
        paint_report(report, printer)
