"""``parallax notes list|export|import FILE...``: notes of a comparison, headless."""

from __future__ import annotations

import argparse
import json
import sys

from reader.core.snippets import counted

# The notes modules load when a notes command runs, not on every command (the parser is
# built for all of them).


def add_notes_command(sub) -> None:
    notes = sub.add_parser("notes", help="list, export or import the notes of a comparison")
    verbs = notes.add_subparsers(dest="verb", required=True)
    listing = verbs.add_parser("list", help="notes with their anchor state and offsets")
    listing.add_argument("files", nargs="+")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=_list)
    export = verbs.add_parser("export", help="write the notes to a JSON file")
    export.add_argument("files", nargs="+")
    export.add_argument("-o", "--output", required=True)
    export.set_defaults(run=_export)
    imp = verbs.add_parser("import", help="merge notes from a JSON file (last argument)")
    imp.add_argument("files", nargs="+", help="the comparison's files, then the notes JSON")
    imp.set_defaults(run=_import)


def _session(files: list[str]):
    from reader.cli import _inputs  # FILE... or a comparison file
    from reader.core.annotations.session import open_store
    docs = _inputs(files).documents
    store = open_store(docs)
    for message in store.messages:
        print(f"parallax: {message}", file=sys.stderr)
    return docs, store


def _list(args: argparse.Namespace) -> int:
    from reader.core.annotations.model import NOTES_JSON_SCHEMA as SCHEMA
    from reader.core.annotations.session import change_report, place_notes
    docs, store = _session(args.files)
    placed = place_notes(store.notes, docs)
    if args.json:
        json.dump({"schema": SCHEMA, "notes": [p.to_json() for p in placed]}, sys.stdout,
                  ensure_ascii=False, indent=1)
        print()
        return 0
    report = change_report(store, placed, docs)
    if report:
        print(report)
    if not placed:
        print("No notes for this comparison.")
    for p in placed:
        quote = p.note.anchor.quote.replace("\n", " ")
        print(f"[{p.source + 1}] {p.placement.start}-{p.placement.end} "
              f"{p.state_words or p.state} "
              f"{p.note.category}/{p.note.status}: “{quote[:60]}” {p.note.body[:60]!r}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from reader.core.annotations.exchange import write_notes
    from reader.core.annotations.session import place_notes
    docs, store = _session(args.files)
    placed = place_notes(store.notes, docs)
    write_notes(args.output, placed, inputs=[*args.files, *(d.path for d in docs)])
    print(f"wrote {counted(len(placed), 'note')} to {args.output}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from reader.core.annotations.exchange import NotesFileError, plan_import, read_notes_file
    if len(args.files) < 2:
        print("parallax: give the comparison's files and then the notes JSON", file=sys.stderr)
        return 2
    *files, source = args.files
    try:
        notes = read_notes_file(source)
    except NotesFileError as exc:
        print(f"parallax: cannot import notes: {exc}; nothing was imported",
              file=sys.stderr)
        return 2
    docs, store = _session(files)
    plan = plan_import(notes, docs, store.notes)
    store.merge_in(plan.fresh)
    print(plan.summary())
    return 0
