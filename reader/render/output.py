"""Write a report to a file in one of the export formats.

HTML and Markdown come from the engine alone; PDF is laid out by Qt's rich
text engine (``reader.render.pdf``), which the caller must have a Qt
application for (the CLI starts an offscreen one). Every format is written
by ``reader.core.files.write_atomically``: a unique temporary file, fsync and
a rename; never over one of the compared sources or a non-regular file.
"""

from __future__ import annotations

from reader.core.files import write_atomically
from reader.core.export.report import Report

FORMATS = ("pdf", "html", "md")


def write_report(report: Report, path: str, fmt: str) -> int | None:
    """Write ``report`` to ``path``; returns the page count for PDF.

    Raises ``reader.core.files.OutputError`` (an ``OSError``) with a one-line message.
    """
    inputs = [d.path for d in report.comp.documents]
    if fmt == "html":
        from reader.core.export.html_export import render_html
        write_atomically(path, render_html(report), inputs=inputs)
        return None
    if fmt == "md":
        from reader.core.export.markdown_export import render_markdown
        write_atomically(path, render_markdown(report), inputs=inputs)
        return None
    from reader.render.pdf import write_pdf
    return write_pdf(report, path, inputs)
