"""Paint an export report onto pages: PDF files, printers and print preview.

The report becomes blocks (``flow``), laid out and cut into pages by
``pages``; each page gets a running header (title, date) and a footer (page
n of m) and is painted only from what lies on it. The text stays real,
selectable text in the bundled DejaVu fonts, with ligatures turned off so
that "official" is extracted as o-f-f-i-c-i-a-l, not as an "ﬃ" glyph.
``finish`` then adds what Qt does not write: bookmarks, the document
language, and a text layer mapped back from presentation forms.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from reader.core.export.html_export import COLOURS, css
from reader.core.export.report import PAIRS_ABOVE, Report
from reader.core.files import OutputError
from reader.render.finish import Bookmark, finish_pdf
from reader.render.flow import body_blocks, change_blocks, front_blocks
from reader.render.glyphs import beyond_bmp_shapes
from reader.render.pages import ExportCancelled, Page, Typesetter, lay_out, paginate_pieces
from reader.render.sfnt import Shape

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
RESOLUTION = 300
NO_LIGATURES = ("liga", "clig", "dlig", "hlig")
"""OpenType features that merge letters into one glyph: off, so the text layer
holds the letters (Arabic joining forms are required shaping and stay on)."""
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


def _text_columns(report: Report) -> int:
    return 2 if report.layout == "pairs" else len(report.order)


def page_layout(report: Report) -> QPageLayout:
    """Portrait for up to two text columns, landscape for more."""
    orientation = QPageLayout.Orientation.Portrait if _text_columns(report) <= 2 \
        else QPageLayout.Orientation.Landscape
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                       QMarginsF(12, 16, 12, 14), QPageLayout.Unit.Millimeter)


def export_font(report: Report) -> QFont:
    register_fonts()
    font = QFont("DejaVu Serif")
    font.setPointSizeF(9.5 if _text_columns(report) <= PAIRS_ABOVE else 7.5)
    for tag in NO_LIGATURES:
        font.setFeature(QFont.Tag(tag), 0)
    # No kerning: DejaVu pulls the apostrophe of "L’" left of where the L ends, and text
    # extraction read that step back as a new line ("L" / "’avis" in French).
    font.setKerning(False)
    return font


def layout_pages(report: Report, device: QPagedPaintDevice,
                 cancelled=lambda: False) -> tuple[list[Page], QRectF, float]:
    """The report cut into pages for ``device``: (pages, page rect, header line height)."""
    rect = QRectF(device.pageLayout().paintRectPixels(device.resolution()))
    rect.moveTo(0, 0)
    line = device.resolution() / 72 * 12  # one 12 pt line, for header and footer
    setter = Typesetter(rect.width(), rect.height() - 3.2 * line, device.resolution(),
                        export_font(report), css(semantic=False), device)
    front = lay_out(front_blocks(report), setter, cancelled)
    body = lay_out(body_blocks(report), setter, cancelled)  # meanwhile the change list may
    changes = lay_out(change_blocks(report), setter, cancelled)  # still be computed elsewhere
    return paginate_pieces(front + changes + body, setter), rect, line


class Painted(NamedTuple):
    pages: int
    bookmarks: list[Bookmark]  # page, y in points from the top of the page
    beyond_bmp: list[tuple[Shape, str]]  # glyphs drawn for emoji etc. (``finish``)


def paint_report(report: Report, device: QPagedPaintDevice, cancelled=lambda: False,
                 progress=lambda done, total: None) -> Painted:
    """Paint every page of ``report`` on ``device`` (a QPdfWriter or QPrinter).

    ``cancelled`` is asked between pages and stops the painting, ``progress``
    hears of each page painted.
    """
    pages, rect, line = layout_pages(report, device, cancelled)
    to_points = 72 / device.resolution()
    top_margin = device.pageLayout().paintRect(QPageLayout.Unit.Point).top()
    bookmarks: list[Bookmark] = []
    painter = QPainter(device)
    try:
        for number, page in enumerate(pages):
            if cancelled():
                break
            progress(number, len(pages))
            if number:
                device.newPage()
            _furniture(painter, report, rect, line, number, len(pages))
            for y, piece in page.placed:
                top = 1.6 * line + y
                _paint_piece(painter, piece, rect.width(), top)
                if piece.block.bookmark and not piece.continued:
                    level, title = piece.block.bookmark
                    bookmarks.append(Bookmark(level, title, number,
                                              top_margin + top * to_points))
            _paint_feet(painter, page, rect, line)
    finally:
        painter.end()
    docs = [doc for page in pages for piece in [p for _, p in page.placed] + page.feet
            for doc in piece.docs]
    return Painted(len(pages), bookmarks, beyond_bmp_shapes(docs))


def _furniture(painter: QPainter, report: Report, rect: QRectF, line: float, page: int,
               pages: int) -> None:
    small = QFont("DejaVu Sans")
    small.setPointSizeF(7.5)
    painter.setFont(small)
    painter.setPen(QColor(COLOURS["muted"]))
    painter.drawText(QRectF(0, 0, rect.width() * 0.75, line),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, report.title)
    painter.drawText(QRectF(0, 0, rect.width(), line),
                     Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                     f"Parallax · {report.date}")
    painter.drawLine(0, int(1.2 * line), int(rect.width()), int(1.2 * line))
    painter.drawText(QRectF(0, rect.height() - line, rect.width(), line),
                     Qt.AlignmentFlag.AlignCenter, f"Page {page + 1} of {pages}")


def _paint_feet(painter: QPainter, page: Page, rect: QRectF, line: float) -> None:
    """The page's footnotes at the foot of its body, under a short rule."""
    if not page.feet:
        return
    top = rect.height() - 1.6 * line - sum(p.height for p in page.feet)
    rule = QPen(QColor(COLOURS["rule"]))
    rule.setWidthF(2.0)
    painter.setPen(rule)
    painter.drawLine(QPointF(0, top - line / 4), QPointF(rect.width() / 4, top - line / 4))
    for piece in page.feet:
        _paint_piece(painter, piece, rect.width(), top)
        top += piece.height


def _paint_piece(painter: QPainter, piece, width: float, top: float) -> None:
    block = piece.block
    x = 0.0
    rule = QPen(QColor(COLOURS["rule"]))
    rule.setWidthF(1.0)
    for i, (doc, share) in enumerate(zip(piece.docs, block.widths)):
        cell = QRectF(x, top, share * width, piece.height)
        shade = block.shades[i] if i < len(block.shades) else None
        if shade:
            painter.fillRect(cell, QColor(shade))
        if not doc.isEmpty():  # the empty side of a cut cell: nothing to draw
            painter.save()
            painter.translate(QPointF(x, top))
            doc.drawContents(painter)
            painter.restore()
        if block.boxed:
            painter.setPen(rule)
            painter.drawRect(cell)
        x += share * width
    if block.opens and not piece.continued:  # where a row of several blocks begins
        opening = QPen(QColor(COLOURS["muted"]))
        opening.setWidthF(2.0)
        painter.setPen(opening)
        painter.drawLine(QPointF(0, top), QPointF(width, top))


def pdf_bytes(report: Report, cancelled=lambda: False,
              progress=lambda done, total: None) -> tuple[bytes, int]:
    """The report as a finished PDF in memory, and its page count.

    Painting to memory means an interrupted or cancelled export never leaves
    half a PDF anywhere; the caller writes the bytes in one go.
    """
    data = QByteArray()
    buffer = QBuffer(data)
    if not buffer.open(QIODevice.OpenModeFlag.WriteOnly):
        raise OutputError("the PDF could not be made (no memory for it); nothing was written")
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(page_layout(report))
    writer.setTitle(report.title)
    writer.setCreator("Parallax")
    writer.setAuthor("Parallax")
    pages, bookmarks, beyond_bmp = paint_report(report, writer, cancelled, progress)
    del writer  # finishes the PDF into the buffer
    buffer.close()
    if cancelled():
        raise ExportCancelled()
    raw = bytes(data)
    if not pages or not raw.startswith(b"%PDF") or b"%%EOF" not in raw[-64:]:
        raise OutputError("the PDF could not be laid out; nothing was written")
    return finish_pdf(raw, bookmarks, report.language, beyond_bmp), pages


def write_pdf(report: Report, path: str, cancelled=lambda: False) -> int:
    """Write the report as a PDF file (``reader.core.files``); returns the page count."""
    from reader.render.output import write_report
    return write_report(report, path, "pdf", cancelled)


__all__ = ["ExportCancelled", "paint_report", "pdf_bytes", "write_pdf", "page_layout"]
