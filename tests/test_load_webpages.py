"""Saved news pages (../shared/webpages): article text and metadata against Readability's.

The reference is Mozilla Readability's own extraction of each page (its test
suite's expected output), so these are measurements against an independent
reader, not against our own output. Skipped when the pages are not there.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reader.core.load.documents import load_document

PAGES = Path(__file__).resolve().parents[2] / "shared" / "webpages"
if not PAGES.is_dir():
    PAGES = Path("/work/shared/webpages")
NAMES = sorted(p.parent.name for p in PAGES.glob("*/source.html")) if PAGES.is_dir() else []
pytestmark = pytest.mark.skipif(not NAMES, reason=f"saved pages not found at {PAGES}")

_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\W\u3040-\u30ff\u3400-\u9fff"
                   r"\uac00-\ud7af]+")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.parts.append(" ")

    def handle_endtag(self, tag):
        self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def _words(text: str) -> Counter:
    return Counter(w.lower() for w in _WORD.findall(text))


@functools.lru_cache(maxsize=None)
def _doc(name: str):
    return load_document(PAGES / name / "source.html")


def _f1(name: str, cached: bool = True) -> float:
    doc = _doc(name) if cached else load_document(PAGES / name / "source.html")
    got = _words(" ".join(p.text for p in doc.paragraphs if not p.boilerplate))
    parser = _Text()
    parser.feed((PAGES / name / "expected.html").read_text(encoding="utf-8", errors="replace"))
    want = _words(" ".join(parser.parts))
    common = sum((got & want).values())
    precision, recall = common / max(1, sum(got.values())), common / max(1, sum(want.values()))
    return 2 * precision * recall / max(1e-9, precision + recall)


@pytest.fixture(scope="module")
def f1_by_page() -> dict[str, float]:
    return {name: _f1(name) for name in NAMES}


def test_mean_word_f1_on_par_with_readability(f1_by_page):
    mean = sum(f1_by_page.values()) / len(f1_by_page)
    assert mean >= 0.95, f1_by_page
    assert min(f1_by_page.values()) >= 0.60, f1_by_page


@pytest.mark.parametrize("extractor", ["builtin", "readability"])
def test_each_article_finder_alone_is_on_par(monkeypatch, extractor):
    """The plain-Python finder (what runs when readability-lxml is missing) and
    readability-lxml alone (what runs when the two disagree) each pass the bar too."""
    if extractor == "readability":
        pytest.importorskip("readability")
    monkeypatch.setenv("PARALLAX_EXTRACTOR", extractor)
    scores = {name: _f1(name, cached=False) for name in NAMES}
    assert sum(scores.values()) / len(scores) >= 0.95, scores
    assert min(scores.values()) >= 0.60, scores


def _same(ours: str | None, theirs: str) -> bool:
    if not ours:
        return False
    a, b = (" ".join(str(x).split()).casefold() for x in (ours, theirs))
    return a[:10] == b[:10] if re.match(r"\d{4}-\d\d-\d\d", b) else (a in b or b in a)


def test_title_and_byline_found_like_readability():
    titles, bylines = [], []
    for name in NAMES:
        doc = _doc(name)
        meta = json.loads((PAGES / name / "expected-metadata.json").read_text(encoding="utf-8"))
        titles.append(_same(doc.title, meta["title"]) if meta.get("title") else True)
        if meta.get("byline"):
            bylines.append(_same(doc.byline, meta["byline"]))
    assert sum(titles) >= 0.9 * len(titles)
    assert sum(bylines) >= 0.7 * len(bylines)


@pytest.mark.parametrize("name", NAMES)
def test_page_paragraphs_slice_the_text_and_start_with_a_title(name):
    doc = _doc(name)
    assert doc.paragraphs and doc.format == "html"
    for p in doc.paragraphs:
        assert doc.text[p.start:p.end] == p.text and p.text.strip() == p.text
    assert doc.content[0].heading and doc.title  # furniture ("Supported by") may come first
    meta = json.loads((PAGES / name / "expected-metadata.json").read_text(encoding="utf-8"))
    if meta.get("lang") and doc.lang:
        assert doc.lang.casefold()[:2] == meta["lang"].casefold()[:2]


def test_h1_headline_kept():
    """Every page whose headline is an ``<h1>`` (all but webmd-2, whose ``<h1>`` is a label)."""
    roles = [_doc(n).content[0].role for n in NAMES]
    assert roles.count("headline") >= len(NAMES) - 1, dict(zip(NAMES, roles))
