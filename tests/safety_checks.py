"""What "nothing injected" means, checked on an export's text (shared by the safety tests).

HTML: no script-like element, no ``on*=`` attribute, no ``style`` or ``<style>`` that
loads something (``url(``, ``@import``), no ``javascript:``/``data:``/``vbscript:`` link,
no element that loads a remote file (``src``, ``<link href>``, ``srcset``, ``poster``).
Markdown: the same, after rendering it as a permissive renderer would (raw HTML allowed).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown

_ACTIVE = {"script", "iframe", "object", "embed", "applet", "frame", "frameset", "base",
           "form"}
_LOADS = ("src", "srcset", "poster", "background", "data", "action", "formaction")
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def _bare(value: str) -> str:
    return _CONTROL.sub("", value or "").lower()


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _ACTIVE:
            self.problems.append(f"<{tag}>")
        self.in_style = tag == "style"
        for name, value in attrs:
            bare = _bare(value or "")
            if tag == "meta" and name == "http-equiv":
                self.problems.append(f"<meta http-equiv={value!r}>")
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            if name == "style" and ("url(" in bare or "expression(" in bare):
                self.problems.append(f"style loading something on <{tag}>")
            if name in ("href", "xlink:href") and bare.startswith(_BAD_SCHEMES):
                self.problems.append(f"{name}={value!r}")
            if name in _LOADS and bare:
                self.problems.append(f"{name}={value!r} on <{tag}>")
            if tag == "link" and name == "href" and "//" in bare:
                self.problems.append(f"<link href={value!r}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag) -> None:
        if tag == "style":
            self.in_style = False

    def handle_data(self, data) -> None:
        if self.in_style and re.search(r"url\s*\(|@import", data, re.I):
            self.problems.append("CSS that loads something")


def html_problems(html: str) -> list[str]:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.problems


def markdown_problems(text: str) -> list[str]:
    return html_problems(markdown.markdown(text, extensions=["extra"]))
