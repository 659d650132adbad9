"""Visible article text out of an HTML page, using only the standard library.

Saved news pages are mostly page furniture: navigation, scripts, cookie
banners, footers. We keep the text of ``<article>`` when the page has one
(else ``<main>``, else ``<body>``), drop elements that never hold story text,
and put a blank line between block elements so that segmentation sees the
page's own paragraphs. The result is plain text; offsets of paragraphs refer
to it (there is no stable way to point back into markup a browser would
re-flow anyway).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "template", "svg", "head", "nav", "footer",
         "aside", "form", "button", "select", "iframe", "object", "canvas"}
_BLOCK = {"p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4",
          "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "table", "tr", "td", "th",
          "figure", "figcaption", "dd", "dt", "dl", "hr", "address", "body"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed",
         "source", "track", "wbr", "param"}


class _Collector(HTMLParser):
    """Collects text blocks per container (article/main/body) in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skip_depth = 0
        self.title: list[str] = []
        self.in_title = False
        self.blocks: dict[str, list[list[str]]] = {"article": [], "main": [], "body": []}
        self.open_containers: list[str] = []

    def _break(self) -> None:
        for name in ("article", "main", "body"):
            blocks = self.blocks[name]
            if not blocks or blocks[-1]:
                blocks.append([])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _VOID:
            if tag == "br":
                self._text("\n")
            return
        self.stack.append(tag)
        if tag in _SKIP:
            self.skip_depth += 1
        if tag in ("article", "main", "body"):
            self.open_containers.append(tag)
        if tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            if top in _SKIP:
                self.skip_depth -= 1
            if top in self.open_containers:
                self.open_containers.remove(top)
            if top == tag:
                break
        if tag in _BLOCK:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        self._text(data)

    def _text(self, data: str) -> None:
        if self.skip_depth:
            return
        targets = set(self.open_containers) or {"body"}
        for name in targets:
            blocks = self.blocks[name]
            if not blocks:
                blocks.append([])
            blocks[-1].append(data)


def _clean(block: list[str]) -> str:
    lines = "".join(block).split("\n")
    return "\n".join(re.sub(r"[ \t\r\f\v\u00a0]+", " ", ln).strip() for ln in lines).strip()


def html_to_text(markup: str) -> tuple[str, str]:
    """Return ``(text, title)``: the article's visible text and the page title."""
    parser = _Collector()
    parser.feed(markup)
    parser.close()
    for name in ("article", "main", "body"):
        blocks = [b for b in (_clean(b) for b in parser.blocks[name]) if b]
        if blocks:
            break
    else:
        blocks = []
    title = html.unescape(" ".join("".join(parser.title).split()))
    return "\n\n".join(blocks), title
