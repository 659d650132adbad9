"""Note bodies: Markdown in, HTML out that cannot run or load anything.

Raw HTML in a note is shown as text (the markdown package's HTML block and
inline HTML handlers are removed, so ``<script>`` arrives escaped), images are
not rendered (an ``![..](http://..)`` would fetch a remote file when the
export is opened), and links carry ``rel="noopener noreferrer nofollow"``;
a reader must click them, nothing follows them by itself.
"""

from __future__ import annotations

import re
from html import escape

import markdown

_HREF = re.compile(r'<a href="([^"]*)"')
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "#")


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["extra"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    for name in ("image_link", "image_reference", "short_image_ref"):
        if name in md.inlinePatterns:
            md.inlinePatterns.deregister(name)
    return md


def _link(match: re.Match) -> str:
    href = match.group(1)
    if not href.lower().startswith(_SAFE_SCHEMES):
        href = "#"  # javascript:, data:, file: ... never become live links
    return f'<a rel="noopener noreferrer nofollow" href="{href}"'


def note_html(body: str) -> str:
    """Render a note's Markdown body to safe HTML."""
    if not body.strip():
        return ""
    html = _converter().convert(body)
    return _HREF.sub(_link, html)


def note_plain(body: str) -> str:
    """A one-line plain text preview of a note (lists, tooltips)."""
    text = re.sub(r"\s+", " ", body).strip()
    return escape(text if len(text) < 160 else text[:157] + "…")
