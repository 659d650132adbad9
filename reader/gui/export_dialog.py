"""File ▸ Export / Print: options, then PDF, HTML, Markdown, a printer or a preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
)

from reader.render.output import write_report
from reader.core.export.report import PAIRS_ABOVE, ExportOptions, Report, build_report


class ExportOptionsDialog(QDialog):
    def __init__(self, parent, names: list[str], order: list[int], reference: int,
                 verb: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{verb} comparison")
        self.order = order
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title = QLineEdit(names[reference])
        form.addRow("Title", self.title)
        self.reference = QComboBox()
        for s in order:
            self.reference.addItem(f"[{s + 1}] {names[s]}", s)
        self.reference.setCurrentIndex(order.index(reference))
        form.addRow("Compare against", self.reference)
        self.table = QRadioButton("All sources in one table")
        self.pairs = QRadioButton("Each source against the reference, pair by pair")
        (self.pairs if len(order) > PAIRS_ABOVE else self.table).setChecked(True)
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


def ask_report(window, verb: str) -> Report | None:
    """Show the options dialog and build the report, or None if cancelled."""
    comp = window.comp
    if comp is None:
        return None
    dialog = ExportOptionsDialog(window, [d.name for d in comp.documents], window.order,
                                 window.reference, verb)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return build_report(comp, window.notes.placed, dialog.options())


FORMATS = {"pdf": "PDF (*.pdf)", "html": "HTML (*.html)", "md": "Markdown (*.md)"}


def export_file(window, fmt: str) -> str | None:
    """File ▸ Export …: options, file name, then write (temp file + rename)."""
    report = ask_report(window, "Export")
    if report is None:
        return None
    suggested = str(Path.home() / f"comparison.{fmt}")
    path, _ = QFileDialog.getSaveFileName(window, "Export comparison", suggested, FORMATS[fmt])
    if not path:
        return None
    try:
        write_report(report, path, fmt)
    except OSError as exc:
        QMessageBox.warning(window, "Export failed", f"Could not write {path}: {exc}")
        return None
    window.statusBar().showMessage(f"Exported {path}", 8000)
    return path


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
