"""Command line: ``parallax`` opens the reader; sub-commands work without a display.

    parallax [FILE...] [--screenshot OUT.png]    the reader (bundled seeds if no FILE)
    parallax align [--json] [FILE...]            alignment summary or JSON (schema 2)
    parallax export [FILE...] -o OUT [--format pdf|html|md] ...
    parallax notes list|export|import FILE... ...

Errors in the input are reported as one line naming the file, and the exit
status is non-zero; no traceback is shown for bad input.
"""

from __future__ import annotations

import argparse
import sys

from reader.core.comparison import Comparison, compare
from reader.core.errors import SourceError
from reader.core.pipeline import load_all

COMMANDS = ("align", "export", "notes")


def _comparison(paths: list[str]) -> Comparison:
    docs, errors = load_all(paths)
    for exc in errors:
        print(f"parallax: {exc}", file=sys.stderr)
    if errors:
        raise SystemExit(2)
    if len(docs) < 2:
        print("parallax: give at least two files to compare", file=sys.stderr)
        raise SystemExit(2)
    return compare(docs)


def _cmd_align(args: argparse.Namespace) -> int:
    from reader.core.export.summary import summary_text, write_json
    comp = _comparison(args.files)
    if args.json:
        write_json(comp, sys.stdout, diffs=not args.no_diffs)
    else:
        print(summary_text(comp))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="parallax", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    align = sub.add_parser("align", help="align files and print a summary or JSON")
    align.add_argument("--json", action="store_true", help="print the JSON document (schema 2)")
    align.add_argument("--no-diffs", action="store_true",
                       help="leave the word diffs of links out of the JSON (faster on big inputs)")
    align.add_argument("files", nargs="*", help="files to compare (default: bundled seeds)")
    align.set_defaults(run=_cmd_align)
    for extra in _extra_commands():
        extra(sub)
    return parser


def _extra_commands():
    """Sub-commands that live beside the features they drive."""
    from reader.cli.notes import add_notes_command
    from reader.cli.export import add_export_command
    return [add_export_command, add_notes_command]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in COMMANDS:
        args = _parser().parse_args(argv)
        try:
            return args.run(args)
        except SourceError as exc:
            print(f"parallax: {exc}", file=sys.stderr)
            return 2
        except BrokenPipeError:
            return 0
    from reader.gui.app import run_gui
    return run_gui(argv)
