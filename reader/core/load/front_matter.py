"""A Markdown file's front matter: what it says about the page, never part of the story.

Web clippers (Obsidian Web Clipper, MarkDownload) and static-site generators
open a Markdown file with a block of fields between ``---`` lines (YAML) or
``+++`` lines (TOML)::

    ---
    title: "China and Russia get closer"
    source: https://www.example.com/news/2023/02/22/china-russia
    author:
      - "[[Jane Doe]]"
    published: 2023-02-22
    ---

Read as paragraphs, those lines put the address's and the clipping's dates
among the story's facts and differences. They are what an HTML page says in
its ``<meta>`` tags, so they become the document's metadata (title, byline,
site, dates, address) and no paragraph. Only the few fields below are read;
a full YAML parser would read more than any clipper writes.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

FRONT_MATTER_LINES = 200
"""Lines within which a front matter's closing line must come: a file that merely opens
with a thematic break (``---``) has story after it, not fields."""

_OPENING = re.compile(r"(---|\+\+\+)[ \t]*\r?\n")
_FIELD = re.compile(r"([A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(.*)")
_ITEM = re.compile(r"[ \t]+-[ \t]+(.*)")
_WIKI_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")

FIELDS = {
    "title": ("title", "headline"),
    "byline": ("author", "authors", "byline", "creator", "by"),
    "site": ("site", "site_name", "sitename", "publisher", "source_name"),
    "published": ("published", "date", "pubdate", "date_published", "datepublished"),
    "updated": ("updated", "modified", "last_modified", "lastmod", "date_modified"),
    "url": ("source", "url", "link", "canonical", "canonical_url", "original_url", "href"),
    "lang": ("lang", "language", "locale"),
}
"""Document field <- the keys clippers and site generators write for it, first found wins
(keys read without case)."""


def front_matter(text: str) -> tuple[int, dict[str, str]]:
    """Where the front matter ends (0: none) and the document fields it gives."""
    opening = _OPENING.match(text)
    if not opening:
        return 0, {}
    fence = opening.group(1)
    closing = {"---": ("---", "..."), "+++": ("+++",)}[fence]
    lines: list[str] = []
    at = opening.end()
    for _ in range(FRONT_MATTER_LINES):
        end = text.find("\n", at)
        line = text[at:] if end < 0 else text[at:end]
        if line.strip() in closing:
            return (len(text) if end < 0 else end + 1), _fields(lines)
        if end < 0:
            break
        lines.append(line.rstrip("\r"))
        at = end + 1
    return 0, {}


def _fields(lines: list[str]) -> dict[str, str]:
    """The document fields of the front matter's lines (``FIELDS``)."""
    values: dict[str, str] = {}
    key = None
    for line in lines:
        field = _FIELD.match(line)
        if field:
            key = field.group(1).lower()
            values.setdefault(key, _plain(field.group(2)))
            continue
        item = _ITEM.match(line)
        if item and key is not None:  # a list under the last key: "author:\n  - Jane Doe"
            said = _plain(item.group(1))
            values[key] = f"{values[key]}, {said}" if values.get(key) else said
    out = {}
    for name, keys in FIELDS.items():
        found = next((values[k] for k in keys if values.get(k) and (
            name != "url" or _URL_SCHEME.match(values[k]))), "")
        if found:
            out[name] = found
    source = values.get("source", "")
    if "site" not in out and source and not _URL_SCHEME.match(source):
        out["site"] = source  # "source: Reuters" names the site, "url:" may give the address
    if "site" not in out and "url" in out:
        out["site"] = _host(out["url"])
    return {name: value for name, value in out.items() if value}


_URL_SCHEME = re.compile(r"https?://", re.I)


def _plain(value: str) -> str:
    """A field's value as text: quotes, wiki links and a one-line list's brackets gone."""
    value = _WIKI_LINK.sub(r"\1", value.strip())
    if value.startswith("[") and value.endswith("]"):  # a flow list: ["Jane Doe", "John Roe"]
        items = (item.strip().strip("\"'") for item in value[1:-1].split(","))
        return ", ".join(item for item in items if item)
    return value.strip("\"'")


def _host(url: str) -> str:
    """The site of an address: its host without "www."."""
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host
