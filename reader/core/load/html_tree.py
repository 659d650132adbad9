"""HTML markup -> a light element tree, in time linear in the input.

The standard library's tokenizer does the lexing; this module only keeps the
nesting, the way a forgiving browser would, with two rules that keep hostile
pages cheap: an end tag is matched through a per-tag count of open elements
(an end tag nothing opened costs O(1), not a scan of the stack), and nesting
deeper than ``MAX_DEPTH`` is flattened into the deepest element (so every
later walk of the tree is bounded and recursion-safe). Scripts, styles and
remote resources are text to us: nothing is run or fetched.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

MAX_DEPTH = 200
"""Browsers cap nesting too (Blink at 512); real articles stay below 60 levels."""

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr", "keygen", "command"})
_SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})
"""An open one of these is closed by a new sibling of the same name (``<li>a<li>b``)."""


class Element:
    """One element: its tag, attributes and children (elements and text strings)."""

    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Element | str] = []
        self.parent = parent

    def get(self, name: str) -> str:
        return self.attrs.get(name, "")

    def iter(self):
        """Every element below this one (itself included), document order, no recursion."""
        stack: list[Element] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(c for c in reversed(node.children) if isinstance(c, Element))

    def text(self) -> str:
        """All text below, whitespace collapsed (script and style content left out)."""
        parts: list[str] = []
        stack: list[Element | str] = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, str):
                parts.append(node)
            elif node.tag not in ("script", "style", "template"):
                stack.extend(reversed(node.children))
        return " ".join(" ".join(parts).split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, None)
        self.current = self.root
        self.depth = 0
        self.open = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SELF_CLOSING and self.current.tag == tag:
            self._close_top()
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag in VOID or self.depth >= MAX_DEPTH:
            return
        self.current = element
        self.depth += 1
        self.open[tag] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.current.tag == tag:
            self._close_top()

    def handle_endtag(self, tag: str) -> None:
        if not self.open[tag]:
            return  # a stray end tag: nothing to close (O(1), however many there are)
        while self.current.tag != tag:
            self._close_top()  # each element is closed once: linear over the whole page
        self._close_top()

    def _close_top(self) -> None:
        self.open[self.current.tag] -= 1
        self.depth -= 1
        self.current = self.current.parent or self.root

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse_html(markup: str) -> Element:
    """The page as a tree under a ``#root`` element."""
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root

