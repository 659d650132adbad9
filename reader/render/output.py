"""Write a report to a file in one of the export formats.

HTML and Markdown come from the engine alone; PDF is laid out by Qt's rich
text engine (``reader.render.pdf``), which the caller must have a Qt
application for (the CLI starts an offscreen one). Every format is written
through a temporary file and a rename.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.annotations.store import write_atomically
from reader.core.export.report import Report

FORMATS = ("pdf", "html", "md")


def write_report(report: Report, path: str, fmt: str) -> int | None:
    """Write ``report`` to ``path``; returns the page count for PDF."""
    if fmt == "html":
        from reader.core.export.html_export import render_html
        write_atomically(Path(path), render_html(report))
        return None
    if fmt == "md":
        from reader.core.export.markdown_export import render_markdown
        write_atomically(Path(path), render_markdown(report))
        return None
    from reader.render.pdf import write_pdf
    return write_pdf(report, path)
