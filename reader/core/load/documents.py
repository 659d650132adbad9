"""Load a file into a ``Document``: decoded text, paragraphs, furniture flags.

This is the first step of the pipeline (load -> segment -> align -> diff).
The format is chosen by file name (.html/.htm, .md/.markdown, anything else is
plain text) and, for unknown names, by a sniff for HTML markup.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path

from reader.core.errors import SourceError
from reader.core.load.decoding import MAX_BYTES, decode_bytes
from reader.core.load.front_matter import front_matter
from reader.core.load.furniture import flag_boilerplate
from reader.core.load.mhtml import html_part, is_mhtml
from reader.core.load.rejoin import rejoined
from reader.core.load.script_aware import count_words
from reader.core.load.segmentation import Paragraph, segment

_NOT_A_BREAK = re.compile(r"[^\r\n]")
_HTML_SNIFF = re.compile(r"^\s*(<!doctype\s+html|<html\b|<head\b|<body\b)", re.I)


@dataclass(frozen=True)
class Document:
    """One version of the story, as the engine sees it."""

    path: str
    name: str
    encoding: str
    text: str
    paragraphs: list[Paragraph]
    format: str = "text"
    sha256: str = ""
    title: str | None = None
    """What the page or file calls itself (og:title, JSON-LD headline, <title>, first heading)."""
    byline: str | None = None
    site: str | None = None
    published: str | None = None
    """As the page states it, usually ISO 8601 (``2015-07-24T10:00:00Z``)."""
    updated: str | None = None
    url: str | None = None
    """The canonical address of the page (never fetched)."""
    lang: str | None = None
    extractor: str = ""
    """How an HTML article was found: "readability-lxml", "builtin" or "whole page"."""

    @property
    def content(self) -> list[Paragraph]:
        """Paragraphs that carry the story (furniture left out)."""
        return [p for p in self.paragraphs if not p.boilerplate]

    @cached_property
    def words(self) -> int:
        """Words in the document, counted when first asked for: only the reader's header,
        ``parallax text`` and exports show it, and counting took ~0.04 s of the 0.1 s
        that loading 20 sources of 48 KB took (``align`` never asks)."""
        return sum(count_words(p.text) for p in self.paragraphs)


def _format_for(path: str, text: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    if suffix in ("", ".txt", ".text") and _HTML_SNIFF.match(text):
        return "html"
    return "text"


def document_from_text(text: str, path: str = "<text>", encoding: str = "UTF-8",
                       fmt: str | None = None, sha256: str = "") -> Document:
    """Build a document from already-decoded text (used by load and by tests)."""
    fmt = fmt or _format_for(path, text)
    meta: dict[str, str | None] = {}
    extractor = ""
    if fmt == "html":
        from reader.core.load.html_text import read_html  # the HTML readers load only for pages

        page = read_html(text)
        text, extractor = page.text, page.extractor
        if not text.strip():
            raise SourceError(path, "the HTML page has no visible text")
        paragraphs = [Paragraph(i, b.start, b.end, text[b.start:b.end], role=b.role,
                                heading=b.role in ("headline", "heading"))
                      for i, b in enumerate(page.blocks)]
        meta = {k: v or None for k, v in asdict(page.metadata).items()}
    elif fmt == "markdown":
        end, meta = front_matter(text)
        # the front matter's lines blanked, offsets kept: no paragraph is read there
        read = _NOT_A_BREAK.sub(" ", text[:end]) + text[end:] if end else text
        text, paragraphs = rejoined(text, segment(read, markdown=True))
    else:
        text, paragraphs = rejoined(text, segment(text))
    paragraphs = flag_boilerplate(paragraphs)
    if not paragraphs:
        raise SourceError(path, "file holds no text")
    meta["title"] = meta.get("title") or _title_of(paragraphs) or None
    name = meta["title"] or Path(path).name
    return Document(path, name, encoding, text, paragraphs, fmt, sha256,
                    extractor=extractor, **meta)


def _title_of(paragraphs: list[Paragraph]) -> str:
    """The headline, or else the first story heading: a chapter's number ("CHAPTER SEVEN")
    titles a text only when no title follows it. Looked for among the first paragraphs of
    the story, after any furniture (a Project Gutenberg book's frame is a dozen lines)."""
    story_headings = [p for p in itertools.islice((p for p in paragraphs if not p.boilerplate), 6)
                      if p.heading]
    headline = next((p for p in story_headings if p.role == "headline"), None)
    first = headline or next(iter(story_headings), None)
    return first.text if first else ""


def seed_paths() -> list[str]:
    """The four bundled sample articles, whether installed as a package or run from a checkout."""
    try:
        from importlib.resources import files
        paths = sorted(str(entry) for entry in files("reader.seeds").iterdir()
                       if entry.name.endswith(".txt"))
        if paths and all(os.path.isfile(p) for p in paths):
            return paths
    except (ModuleNotFoundError, TypeError, FileNotFoundError):
        pass
    return sorted(str(p) for p in (Path(__file__).resolve().parents[3] / "seeds").glob("*.txt"))


def load_document(path: str | os.PathLike[str]) -> Document:
    """Read, decode and segment one file, or raise ``SourceError`` naming it."""
    path = str(path)
    if not os.path.exists(path):
        raise SourceError(path, "no such file")
    if os.path.isdir(path):
        raise SourceError(path, "is a folder, not a file")
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise SourceError(path, f"file is {size / 1e6:.1f} MB; the limit is "
                                    f"{MAX_BYTES // 1_000_000} MB")
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise SourceError(path, f"cannot read: {exc.strerror or exc}") from None
    digest = hashlib.sha256(data).hexdigest()
    fmt = None
    declared = None
    if is_mhtml(path, data):
        part = html_part(data)
        if part is None:
            raise SourceError(path, "the MHTML archive holds no HTML page")
        data, declared = part
        fmt = "html"
    text, encoding = decode_bytes(data, path, declared)
    return document_from_text(text, path, encoding, fmt=fmt, sha256=digest)
