"""Paint an export report onto pages: PDF files, printers and print preview.

Qt's rich text engine lays out the report's HTML once for the page width;
we then paint it page by page ourselves, so that every page gets a running
header (title, date) and a footer (page n of m) and the text stays real,
selectable text with the bundled DejaVu fonts embedded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from reader.core.export.html_export import render_html
from reader.core.export.report import Report
from reader.core.files import OutputError, check_target, write_atomically

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
RESOLUTION = 300
_fonts_loaded = False


def font_dir() -> Path:
    try:
        from importlib.resources import files
        folder = Path(str(files("reader.resources.fonts")))
        if folder.is_dir():
            return folder
    except (ModuleNotFoundError, TypeError):
        pass
    return FONT_DIR


def register_fonts() -> None:
    """Make the bundled DejaVu fonts available, whatever the system has."""
    global _fonts_loaded
    if _fonts_loaded:
        return
    for ttf in sorted(font_dir().glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(ttf))
    _fonts_loaded = True


def page_layout(report: Report) -> QPageLayout:
    """Portrait for two columns, landscape for more (or for pair-by-pair with notes)."""
    columns = 2 if report.layout == "pairs" else len(report.order)
    orientation = QPageLayout.Orientation.Portrait if columns <= 2 \
        else QPageLayout.Orientation.Landscape
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                       QMarginsF(12, 16, 12, 14), QPageLayout.Unit.Millimeter)


def _document(report: Report, device: QPagedPaintDevice, body: QRectF) -> QTextDocument:
    register_fonts()
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    font = QFont("DejaVu Serif")
    font.setPointSizeF(9.5 if len(report.order) <= 4 or report.layout == "pairs" else 7.5)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(render_html(report, for_qt=True))
    doc.setPageSize(QSizeF(body.width(), body.height()))
    return doc


def paint_report(report: Report, device: QPagedPaintDevice) -> int:
    """Paint every page of ``report`` on ``device`` (a QPdfWriter or QPrinter)."""
    rect = QRectF(device.pageLayout().paintRectPixels(device.resolution()))
    rect.moveTo(0, 0)
    line = device.resolution() / 72 * 12  # one 12 pt line, for header and footer
    body = QRectF(0, 1.6 * line, rect.width(), rect.height() - 3.2 * line)
    doc = _document(report, device, body)
    pages = doc.pageCount()
    painter = QPainter(device)
    small = QFont("DejaVu Sans")
    small.setPointSizeF(7.5)
    try:
        for page in range(pages):
            if page:
                device.newPage()
            painter.setFont(small)
            painter.setPen(Qt.GlobalColor.darkGray)
            painter.drawText(QRectF(0, 0, rect.width() * 0.75, line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             report.title)
            painter.drawText(QRectF(0, 0, rect.width(), line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"Parallax · {report.date}")
            painter.drawLine(0, int(1.2 * line), int(rect.width()), int(1.2 * line))
            painter.drawText(QRectF(0, rect.height() - line, rect.width(), line),
                             Qt.AlignmentFlag.AlignCenter, f"Page {page + 1} of {pages}")
            painter.save()
            painter.translate(0, body.top() - page * body.height())
            doc.drawContents(painter, QRectF(0, page * body.height(), body.width(), body.height()))
            painter.restore()
    finally:
        painter.end()
    return pages


def write_pdf(report: Report, path: str, inputs: Iterable[str] = ()) -> int:
    """Write the report as a PDF file; returns the page count.

    The pages are painted into memory and then written by the one safe
    writer (``reader.core.files``: unique temp file, every write checked,
    fsync, rename): a full disk or a kill never leaves half a PDF in place of
    the old one, and a target that is an input or not a regular file is refused.
    """
    check_target(path, inputs)  # fail before the (slow) layout
    buffer = QBuffer()
    if not buffer.open(QIODevice.OpenModeFlag.WriteOnly):
        raise OutputError(f"{path}: could not be written (no memory for the PDF)")
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(page_layout(report))
    writer.setTitle(report.title)
    writer.setCreator("Parallax")
    pages = paint_report(report, writer)
    del writer  # finishes the PDF
    data = bytes(buffer.data())
    if not pages or not data.startswith(b"%PDF") or b"%%EOF" not in data[-64:]:
        raise OutputError(f"{path}: the PDF could not be laid out; nothing was written")
    write_atomically(path, data, inputs=inputs)
    return pages
