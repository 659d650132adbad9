"""Note bodies: Markdown in, HTML out that cannot run or load anything.

A notes file shared by a colleague is untrusted input, so the Markdown
converter is not trusted to keep it harmless: its output goes through an
allow-list sanitizer (``_Sanitizer``) that keeps only plain formatting tags
and a few attributes (``href`` with a safe scheme, table cell ``align``),
whatever extension or trick produced the rest. So ``{: onmouseover=... }``
(attr_list), ``style="background:url(...)"``, ``<script>`` and images
(a remote load when the export is opened) never survive. Raw HTML in a note
is shown as text; links carry ``rel="noopener noreferrer nofollow"``.

Python-Markdown's link parsing is quadratic in the number of ``[`` in a
block (a 20 KB body of brackets took 17 s): bodies with more than
``MAX_BRACKETS`` of them are rendered with brackets as text (no links, but
every character kept). Results are cached: the reader re-renders on every refresh.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from html.parser import HTMLParser

import markdown

MAX_BRACKETS = 200
"""Above this many ``[`` in one body, links are not parsed (linear time; text kept)."""
_EXTENSIONS = ["abbr", "def_list", "fenced_code", "footnotes", "tables", "sane_lists"]
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "#")
_ALLOWED = {"p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote", "ul", "ol",
            "li", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "sup", "sub",
            "del", "abbr", "div", "a", "span"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
"""A note's headings, written as bold lines: a note's "# Heading" stood larger than the
export's own headings around it ("Notes whose text was not found")."""
_DIRECTED = {"p", "li", "blockquote", "td", "th", "dd"}
"""Blocks that take their direction from their text (``dir="auto"``): a Hebrew or Arabic
line of a note reads right to left in a browser."""
_VOID = {"br", "hr"}
_DROP_CONTENT = {"script", "style", "template", "iframe", "object", "svg", "math"}
_OPEN, _CLOSE = "\ue000", "\ue001"
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def safe_href(href: str) -> str:
    """``href`` if it is a web, mail or in-page link; ``#`` for anything else."""
    bare = _CONTROL.sub("", href).lower()  # "java\tscript:" is still javascript:
    return href if bare.startswith(_SAFE_SCHEMES) else "#"


class _Sanitizer(HTMLParser):
    """Rebuild HTML from an allow-list of tags and attributes; text is re-escaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _DROP_CONTENT:
            self.skipping += 1
            return
        if self.skipping:
            return
        if tag in _HEADINGS:
            self.out.append('<p dir="auto"><strong>')
            return
        if tag not in _ALLOWED:
            return
        kept = ' dir="auto"' if tag in _DIRECTED else ""
        values = dict(attrs)
        if tag == "a":
            kept = (f' rel="noopener noreferrer nofollow" '
                    f'href="{escape(safe_href(values.get("href") or "#"))}"')
        elif tag in ("td", "th") and values.get("align") in ("left", "right", "center"):
            kept += f' align="{values["align"]}"'
        elif tag == "abbr" and values.get("title"):
            kept = f' title="{escape(values["title"])}"'
        self.out.append(f"<{tag}{kept}>")

    def handle_startendtag(self, tag, attrs) -> None:
        if tag in _VOID and not self.skipping:
            self.out.append(f"<{tag}>")

    def handle_endtag(self, tag) -> None:
        if tag in _DROP_CONTENT:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _HEADINGS and not self.skipping:
            self.out.append("</strong></p>")
        elif tag in _ALLOWED and tag not in _VOID and not self.skipping:
            self.out.append(f"</{tag}>")

    def handle_data(self, data) -> None:
        if not self.skipping:
            self.out.append(escape(data, quote=False))


def sanitize(html: str) -> str:
    """Only allow-listed tags and attributes of ``html`` (text kept, escaped)."""
    parser = _Sanitizer()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    for name in ("image_link", "image_reference", "short_image_ref"):
        if name in md.inlinePatterns:
            md.inlinePatterns.deregister(name)
    return md


@lru_cache(maxsize=1024)
def note_html(body: str) -> str:
    """Render a note's Markdown body to safe HTML (bounded time, cached)."""
    if not body.strip():
        return ""
    if body.count("[") <= MAX_BRACKETS:
        return sanitize(_converter().convert(body))
    # Hide the brackets from the link parser behind private-use characters, then restore them.
    body = body.replace(_OPEN, "").replace(_CLOSE, "").replace("[", _OPEN).replace("]", _CLOSE)
    return sanitize(_converter().convert(body)).replace(_OPEN, "[").replace(_CLOSE, "]")


def note_line(body: str) -> str:
    """A one-line preview of a note, as raw text (escape it for the format it goes into)."""
    text = re.sub(r"\s+", " ", body).strip()
    return text if len(text) < 160 else text[:157] + "…"


def note_plain(body: str) -> str:
    """A one-line preview of a note, HTML-escaped (lists, tooltips)."""
    return escape(note_line(body))


def plain_tooltip(text: str) -> str:
    """``text`` shown literally by Qt, which would render anything that looks like HTML."""
    return "<qt>" + escape(text).replace("\n", "<br>") + "</qt>" if text else ""
