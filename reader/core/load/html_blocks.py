"""An element tree -> the text blocks a reader sees, each with its role.

A block is what a browser lays out as one paragraph: the text of a ``<p>``,
a heading, a list item, a caption. The role comes from the nearest element
that says what its text is (``<h1>`` is the headline, ``<blockquote>`` a
quote, a "standfirst" class the standfirst...). The text is joined with a
blank line between blocks, and each block keeps its exact ``(start, end)``
in that text: notes and highlights point back into it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reader.core.load.html_tree import Element

SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "title", "nav",
                  "footer", "aside", "form", "button", "select", "iframe", "object",
                  "canvas", "textarea", "math", "video", "audio", "map", "dialog"})
BLOCK = frozenset({"p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4",
                   "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "table", "tr", "td",
                   "th", "figure", "figcaption", "caption", "dd", "dt", "dl", "hr",
                   "address", "body", "details", "summary", "center", "hgroup", "tbody"})
STANDFIRST_MAX = 600
"""Characters; a "summary" class on more text than this is the article body."""
_STANDFIRST = re.compile(r"standfirst|\bdek\b|subhead|sub-headline|subtitle|strapline|"
                         r"article-summary|\blede\b|\bintro\b|excerpt|description|teaser-text",
                         re.I)
_BYLINE = re.compile(r"byline|\bauthor\b|writtenby", re.I)
_ROLE_OF_TAG = {"h1": "headline", "h2": "heading", "h3": "heading", "h4": "heading",
                "h5": "heading", "h6": "heading", "blockquote": "quote", "li": "list",
                "dt": "list", "dd": "list", "figcaption": "caption", "caption": "caption"}
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u200b]+")


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    role: str


def _hint(el: Element) -> str:
    return f"{el.get('class')} {el.get('id')} {el.get('itemprop')} {el.get('rel')}"


def role_of(el: Element, inherited: str) -> str:
    """The role an element gives its text (``inherited`` when it says nothing)."""
    if el.tag in _ROLE_OF_TAG:
        return _ROLE_OF_TAG[el.tag]
    if inherited in ("quote", "caption", "list") or not el.attrs:
        return inherited  # a <p> inside a quote is quote text
    hint = _hint(el)
    if _BYLINE.search(hint) and len(el.text()) <= 100:
        return "byline"
    if _STANDFIRST.search(hint) and el.tag in ("p", "div", "h2", "span", "section") \
            and len(el.text()) <= STANDFIRST_MAX:
        return "standfirst"
    return inherited


class _Writer:
    """Accumulates inline text into blocks and the joined text."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []
        self.pending: list[str] = []
        self.role = "body"
        self.preformatted = 0

    def add(self, text: str, role: str) -> None:
        if not self.pending:
            self.role = role
        self.pending.append(text if self.preformatted else _SPACE.sub(" ", text))

    def flush(self) -> None:
        if not self.pending:
            return
        raw = "".join(self.pending).replace("\r\n", "\n").replace("\r", "\n")
        self.pending = []
        lines = [ln.strip() if not self.preformatted else ln.rstrip() for ln in raw.split("\n")]
        text = "\n".join(ln for ln in lines if ln.strip()).strip()  # a paragraph is stripped
        if not text:
            return
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        self.parts.append(text)
        self.blocks.append(Block(self.length, self.length + len(text), self.role))
        self.length += len(text)


def blocks_of(elements: list[Element],
              skip: Callable[[Element], bool] | None = None) -> tuple[str, list[Block]]:
    """The visible text of ``elements`` (in order) and its blocks with roles.

    ``skip`` leaves out whole elements (the extractor's verdict on boxes of links).
    """
    out = _Writer()
    for element in elements:
        stack: list[tuple[Element | str, str, bool]] = [(element, "body", False)]
        while stack:
            node, role, closing = stack.pop()
            if isinstance(node, str):
                out.add(node, role)
                continue
            if closing:
                if node.tag == "pre":
                    out.preformatted -= 1
                if node.tag in BLOCK:
                    out.flush()
                continue
            if node.tag in SKIP or (skip is not None and skip(node)):
                continue
            if node.tag == "br":
                out.add("\n", role)
                continue
            if node.tag in BLOCK:
                out.flush()
            if node.tag == "pre":
                out.preformatted += 1
            inner = role_of(node, role)
            stack.append((node, role, True))
            stack.extend((child, inner, False) for child in reversed(node.children))
        out.flush()
    return "".join(out.parts), out.blocks
