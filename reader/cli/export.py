"""``parallax export [FILE...] -o OUT``: the comparison as PDF, HTML or Markdown.

HTML and Markdown come from the engine alone; PDF is laid out by Qt's rich
text engine, which runs here without a display (offscreen platform).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from collections.abc import Callable
from pathlib import Path

from reader.cli import add_order_option, add_punctuation_option, add_reference_option
from reader.core.align.parallel import can_fork
from reader.core.files import check_target
from reader.render.output import FORMATS, SUFFIXES, format_for, render, write_report

STDOUT = "-"
"""``-o -``: the export on standard output, as pipelines write it (Markdown or HTML)."""
TEXT_FORMATS = ("md", "html")


def add_export_command(sub) -> None:
    export = sub.add_parser("export", help="export a comparison to PDF, HTML or Markdown")
    export.add_argument("files", nargs="*", help="files to compare (default: bundled seeds)")
    export.add_argument("-o", "--output", required=True,
                        help="file to write; - writes Markdown or HTML (--format) to "
                             "standard output")
    export.add_argument("--format", choices=FORMATS,
                        help="output format (default: from the output's extension: "
                             ".pdf, .html/.htm, .md/.markdown)")
    add_reference_option(export)
    export.add_argument("--boilerplate", action="store_true", help="include page furniture")
    export.add_argument("--only-differences", action="store_true",
                        help="leave out rows where every source says the same")
    export.add_argument("--layout", choices=("auto", "table", "pairs"), default="auto",
                        help="all columns in one table (up to 6 sources), or pairs: each row "
                             "once, the reference's text and beneath it each other reading, "
                             "sources that read alike in one entry (auto: table up to 4 "
                             "sources)")
    export.add_argument("--no-notes", action="store_true", help="leave the notes out")
    export.add_argument("--title", default="", help="title on the first page")
    add_order_option(export)
    add_punctuation_option(export)
    export.set_defaults(run=_export)


def _format(args: argparse.Namespace) -> str | None:
    return args.format or format_for(args.output)


def _unwritable_folder(output: str) -> str | None:
    """A folder we may not write in, found before any work (``check_target`` finds the rest)."""
    folder = Path(output).parent
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        return f"{output}: no permission to write in {folder}"
    return None


def _export(args: argparse.Namespace) -> int:
    from reader.cli import _inputs, chosen_reference, order_by_date
    from reader.core.annotations.session import open_store, place_notes  # not on every command
    from reader.core.export.report import ExportOptions, build_report
    to_stdout = args.output == STDOUT
    if to_stdout and args.format not in TEXT_FORMATS:
        print("parallax: -o - writes Markdown or HTML to standard output (--format md or "
              "--format html); a PDF goes to a file", file=sys.stderr)
        return 2
    if not to_stdout:
        check_target(args.output, args.files)  # a folder, a missing folder, an input: exit 2
        problem = _unwritable_folder(args.output)
        if problem:
            print(f"parallax: {problem}", file=sys.stderr)
            return 2
    fmt = _format(args)
    if fmt is None:
        known = ", ".join(f".{s}" for s in SUFFIXES)
        print(f"parallax: {args.output}: unknown extension "
              f"'{Path(args.output).suffix or '(none)'}'; use {known} or --format",
              file=sys.stderr)
        return 2
    inputs = _inputs(args.files)
    order = order_by_date(inputs) if args.order == "date" else inputs.order
    comp = inputs.comparison()
    args.built = inputs, comp  # freed with ``args`` (``reader.cli.script``: never)
    reference = chosen_reference(args, inputs, len(comp.documents))
    comp.prepare_diffs(reference)  # every row's word diff, on all cores at once
    comp.accidentals = args.punctuation
    notes = []
    if not args.no_notes:
        store = open_store(comp.documents)
        for message in store.messages:
            print(f"parallax: {message}", file=sys.stderr)
        notes = place_notes(store.notes, comp.documents)
    options = ExportOptions(reference=reference, include_boilerplate=args.boilerplate,
                            only_differences=args.only_differences, layout=args.layout,
                            include_notes=not args.no_notes, title=args.title or inputs.title,
                            order=order)
    # A PDF's pages are laid out while a forked child finds the change list's fact changes
    report = build_report(comp, notes, options,
                          background=_in_background if fmt == "pdf" else None)
    for warning in report.warnings:
        print(f"parallax: {warning}", file=sys.stderr)
    if to_stdout:  # a pipeline's: the text alone, no "wrote" line
        sys.stdout.write(render(report, fmt)[0])
        return 0
    app = _gui_application() if fmt == "pdf" else None  # Qt paints PDFs only while one lives
    pages = write_report(report, args.output, fmt)  # OutputError: one line, exit 2 (cli main)
    del app  # kept alive until the PDF is written, and no longer
    print(f"wrote {args.output}" + (f" ({pages} pages)" if pages is not None else ""))
    return 0


def _in_background(work: Callable[[], list]) -> Callable[[], list]:
    """Start ``work`` in a forked child; returns what waits for its result.

    Forked before Qt starts (a fork of a process with Qt's threads could
    deadlock), so that Qt lays out the pages on one core while the child
    computes on the other. Where there is no fork, one core, or the child
    fails, the work is done here instead, when its result is asked for.
    """
    if not can_fork():
        return work
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        try:
            send.send(work())
        finally:
            os._exit(0)  # no atexit handlers, no flushing of the parent's buffers

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()

    def result() -> list:
        try:
            value = receive.recv()
        except (EOFError, OSError):  # the child died before sending: do the work here
            value = work()
        process.join()
        return value

    return result


def _gui_application():
    """The running QGuiApplication, or a new offscreen one (no display needed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    return QGuiApplication.instance() or QGuiApplication(["parallax"])
