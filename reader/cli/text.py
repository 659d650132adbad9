"""``parallax text FILE [--json]``: what Parallax reads from a file, so a user can check it.

Every paragraph with its role and offsets, page furniture marked, and what
the file says about itself (title, byline, site, dates, address, language).
The JSON carries the decoded text too: each paragraph is ``text[start:end]``.
"""

from __future__ import annotations

import argparse
import json
import sys

from reader.core.load.documents import Document, load_document
from reader.core.load.markup import syntax_of
from reader.core.snippets import counted

METADATA_FIELDS = ("title", "byline", "site", "published", "updated", "url", "lang")
PREVIEW_CHARS = 100


def add_text_command(sub) -> None:
    text = sub.add_parser("text", help="show the paragraphs, roles and metadata read from a file")
    text.add_argument("file", help="a .txt, .md, .html/.htm or .mhtml file")
    text.add_argument("--json", action="store_true",
                      help="print JSON (paragraph offsets index into its 'text')")
    text.set_defaults(run=_cmd_text)


def document_json(doc: Document) -> dict:
    """The document as JSON: metadata, decoded text, paragraphs (0-based ``index``)."""
    return {
        "schema": 1, "path": doc.path, "name": doc.name, "encoding": doc.encoding,
        "format": doc.format, "extractor": doc.extractor, "words": doc.words,
        **{f: getattr(doc, f) for f in METADATA_FIELDS},
        "text": doc.text,
        "paragraphs": [{
            "index": p.index, "start": p.start, "end": p.end, "role": p.role,
            "heading": p.heading, "boilerplate": p.boilerplate,
            "markup": [list(r) for r in p.markup], "text": p.text,
        } for p in doc.paragraphs],
    }


def document_text(doc: Document) -> str:
    """Human-readable listing; paragraphs numbered from 1 like everywhere people read them."""
    lines = [f"{doc.path}  ({doc.format}, {doc.encoding}"
             + (f", article found by {doc.extractor}" if doc.extractor else "") + ")"]
    lines += [f"  {f:9} {getattr(doc, f)}" for f in METADATA_FIELDS if getattr(doc, f)]
    lines.append(f"{counted(len(doc.paragraphs), 'paragraph')}, "
                 f"{sum(p.boilerplate for p in doc.paragraphs)} marked as page furniture:")
    for p in doc.paragraphs:
        flat = " ".join(syntax_of([p]).visible(p.text).split())  # as the reader shows it
        preview = flat if len(flat) <= PREVIEW_CHARS else flat[:PREVIEW_CHARS - 1] + "…"
        mark = "furniture" if p.boilerplate else ""
        lines.append(f"¶{p.index + 1:<4} {p.role:10} {mark:9} {p.start:>7}–{p.end:<7} {preview}")
    return "\n".join(lines)


def _cmd_text(args: argparse.Namespace) -> int:
    doc = load_document(args.file)
    if args.json:
        json.dump(document_json(doc), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(document_text(doc))
    return 0
