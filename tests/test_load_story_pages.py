"""Two saved pages of one story align as well as their clean texts (issue 16, done-when).

Version B of a saved New York Times page is made by editing the page's own
markup: three words changed in three paragraphs, one paragraph deleted, one
added. The same edits are made to the clean text Readability extracted from
the page. Parallax must find the same differences both ways.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reader.core.comparison import compare
from reader.core.load.documents import document_from_text

PAGE = Path("/work/shared/webpages/nytimes-2")
pytestmark = pytest.mark.skipif(not (PAGE / "source.html").exists(),
                                reason=f"saved page not found at {PAGE}")
EDITS = {2: ("Verizon", "Verizon Communications"), 5: ("shareholders", "investors"),
         9: ("shareholders", "investors")}
DELETED, ADDED_AFTER = 7, 3
ADDED = "Analysts said the deal could still face a review by regulators in Washington next year."


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.parts: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self.parts = []

    def handle_endtag(self, tag):
        if tag == "p" and self.parts is not None:
            text = " ".join("".join(self.parts).split())
            if text and text != "Continue reading the main story":
                self.found.append(text)
            self.parts = None

    def handle_data(self, data):
        if self.parts is not None:
            self.parts.append(data)


def _locate(markup: str, text: str) -> tuple[int, int]:
    """Start and end of the ``<p>`` element whose text begins like ``text``."""
    for m in re.finditer(re.escape(text[:30]), markup):
        start = markup.rfind("<p", 0, m.start())
        if re.fullmatch(r"<p\b[^<>]*>\s*", markup[start:m.start()]):
            return start, markup.find("</p>", m.start()) + 4
    raise AssertionError(f"paragraph not found in the page: {text[:40]!r}")


def _edit_text_nodes(markup: str, old: str, new: str) -> str:
    parts = re.split(r"(<[^>]*>)", markup)
    for k, part in enumerate(parts):
        if not part.startswith("<") and old in part:
            parts[k] = part.replace(old, new, 1)
            break
    return "".join(parts)


def _versions() -> tuple[list[str], list[str], str, str]:
    page = (PAGE / "source.html").read_text(encoding="utf-8")
    reader = _Paragraphs()
    reader.feed((PAGE / "expected.html").read_text(encoding="utf-8"))
    clean = reader.found
    clean_b, page_b = [], page
    for i, text in enumerate(clean):
        if i != DELETED:
            old, new = EDITS.get(i, ("", ""))
            clean_b.append(text.replace(old, new, 1) if old else text)
        if i == ADDED_AFTER:
            clean_b.append(ADDED)
    for i in sorted({*EDITS, DELETED, ADDED_AFTER}, reverse=True):
        start, end = _locate(page_b, clean[i])
        if i == DELETED:
            page_b = page_b[:start] + page_b[end:]
        elif i == ADDED_AFTER:
            page_b = page_b[:end] + f"<p>{ADDED}</p>" + page_b[end:]
        else:
            page_b = page_b[:start] + _edit_text_nodes(page_b[start:end], *EDITS[i]) + page_b[end:]
    return clean, clean_b, page, page_b


def _differences(a, b) -> tuple[list[tuple[str, str, str]], list[tuple[int, str]]]:
    comp = compare([a, b])
    changes = sorted(
        (span.op, " ".join(comp.text(link.a)[span.a_start:span.a_end].split()),
         " ".join(comp.text(link.b)[span.b_start:span.b_end].split()))
        for link in comp.links for span in comp.link_diff(link)
        if span.op != "equal" and not span.trivial)
    linked = {link.a for link in comp.links} | {link.b for link in comp.links}
    alone = sorted((s, p.text[:40]) for s, doc in enumerate(comp.documents)
                   for p in doc.content if (s, p.index) not in linked)
    return changes, alone


def test_saved_pages_show_the_differences_of_their_clean_texts():
    clean, clean_b, page, page_b = _versions()
    from_clean = _differences(document_from_text("\n\n".join(clean), "a.txt"),
                              document_from_text("\n\n".join(clean_b), "b.txt"))
    from_pages = _differences(document_from_text(page, "a.html"),
                              document_from_text(page_b, "b.html"))
    assert ("replace", "shareholders", "investors") in from_clean[0]
    assert (1, ADDED[:40]) in from_clean[1]
    assert from_pages == from_clean
