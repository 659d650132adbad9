"""Write a report to a file in one of the export formats.

HTML and Markdown come from the engine alone; PDF is laid out by Qt's rich
text engine (``reader.render.pdf``), which the caller must have a Qt
application for (the CLI starts an offscreen one). Every format is made in
memory first and written by ``reader.core.files.write_atomically``: a unique
temporary file, fsync and a rename; never over one of the compared sources
or a non-regular file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.files import check_target, write_atomically

if TYPE_CHECKING:  # the CLI reads FORMATS on every command, and builds a report only to export
    from reader.core.export.report import Report

FORMATS = ("pdf", "html", "md")
SUFFIXES = {"pdf": "pdf", "html": "html", "htm": "html", "md": "md", "markdown": "md"}
"""File name extensions the export knows, and the format each one means."""


def format_for(path: str) -> str | None:
    """The format a file name asks for, or None for an extension we do not write."""
    return SUFFIXES.get(Path(path).suffix.lower().lstrip("."))


def render(report: Report, fmt: str, cancelled=lambda: False,
           progress=lambda done, total: None) -> tuple[str | bytes, int | None]:
    """The export (text for HTML and Markdown, bytes for PDF) and, for PDF, its page
    count; ``write_atomically`` encodes text, file names that are not UTF-8 included."""
    if fmt == "html":
        from reader.core.export.html_export import render_html
        return render_html(report), None
    if fmt == "md":
        from reader.core.export.markdown_export import render_markdown
        return render_markdown(report), None
    from reader.render.pdf import pdf_bytes
    return pdf_bytes(report, cancelled, progress)


def write_report(report: Report, path: str, fmt: str, cancelled=lambda: False,
                 progress=lambda done, total: None) -> int | None:
    """Write ``report`` to ``path``; returns the page count for PDF. ``cancelled`` and
    ``progress`` reach the PDF painter (see ``reader.render.pdf.paint_report``).

    Raises ``reader.core.files.OutputError`` (an ``OSError``) with a one-line message,
    before any slow work when the target itself cannot be written.
    """
    inputs = [d.path for d in report.comp.documents]
    check_target(path, inputs)
    data, pages = render(report, fmt, cancelled, progress)
    write_atomically(path, data, inputs=inputs)
    return pages
