"""The article of a saved web page: its text blocks with roles, and its metadata.

Saved news pages are mostly furniture (navigation, teasers, footers). Two
finders look for the article: ``article_scoring`` (Readability's method in
plain Python, needs nothing) and readability-lxml (a well-kept port, when
installed). Measured on the 21 saved pages against Mozilla Readability's own
extraction (mean word F1): plain Python 0.980, readability-lxml 0.962,
trafilatura 0.950 (64 MB installed against 15 MB, 0.57 s to import against
0.23 s). The plain-Python finder was tuned on those pages, so on a page nobody
here has seen it is trusted only when readability-lxml agrees with it (holds
nearly all readability-lxml's words, and not the page around them); else
readability-lxml's article is used. Either way the chosen part of the page is
laid out by ``html_blocks`` so every paragraph has a role and exact offsets
into the text we return, and the page's ``<h1>`` headline (with its
standfirst) is kept even when the finder leaves it out."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from reader.core.load.article_scoring import article_elements, is_junk
from reader.core.load.html_blocks import Block, blocks_of, role_of
from reader.core.load.html_tree import Element, parse_html
from reader.core.load.metadata import PageMetadata, page_metadata
from reader.core.load.script_aware import count_words, words

EXTRACTOR_ENV = "PARALLAX_EXTRACTOR"
"""``auto`` (default), ``builtin`` or ``readability``: which article finder to use."""
AGREEMENT = 0.9
"""Share of readability-lxml's words the plain-Python article must hold to be preferred."""
MAX_GROWTH = 2.0
"""...while holding at most this many times as many words (more is the page around it)."""
MIN_ARTICLE_CHARS = 200
"""An extraction shorter than this missed the article; the next method is tried."""
HEADLINE_LOOKAHEAD = 3
"""The headline counts as kept when one of the first blocks already says it."""
HEADLINE_OVERLAP = 0.5
"""Share of an ``<h1>``'s words found in the page title for it to be the headline."""
LEAD_WINDOW = 40
"""Elements after the headline within which a standfirst counts as the headline's."""
HEADLINE_MIN_WORDS = 4
"""An ``<h1>`` unrelated to the title needs this many words to be a headline, not a label."""
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class HtmlPage:
    """The article's text, its blocks (offsets into ``text``), the page metadata, the method."""

    text: str
    blocks: list[Block]
    metadata: PageMetadata = field(default_factory=PageMetadata)
    extractor: str = "builtin"


def _readability_root(markup: str) -> Element | None:
    try:
        from readability import Document as Readable
    except ImportError:
        return None
    try:
        summary = Readable(markup).summary(html_partial=True)
    except Exception:  # noqa: BLE001 - any failure of the optional extractor means: fall back
        return None
    return parse_html(summary)


def _builtin(root: Element) -> tuple[str, list[Block]]:
    elements, measure = article_elements(root)
    return blocks_of(elements, skip=lambda el: is_junk(el, measure))


def _whole_body(root: Element) -> tuple[str, list[Block]]:
    body = next((e for e in root.iter() if e.tag == "body"), root)
    return blocks_of([body])


def _headline(root: Element, title: str) -> Element | None:
    """The ``<h1>`` that says the page's title, else the first one that reads like a headline.

    A logo or a section name in an ``<h1>`` is not the headline; a page whose
    ``og:title`` is the site's own name still has its story's ``<h1>``.
    """
    h1s = [e for e in root.iter() if e.tag == "h1" and e.text()]
    wanted = set(_words(title))
    best = max(h1s, key=lambda e: _overlap(_words(e.text()), wanted), default=None)
    if best is not None and _overlap(_words(best.text()), wanted) >= HEADLINE_OVERLAP:
        return best
    return next((e for e in h1s if count_words(e.text()) >= HEADLINE_MIN_WORDS), None)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _overlap(words: list[str], wanted: set[str]) -> float:
    return sum(1 for w in words if w in wanted) / max(1, len(words))


def _standfirst(root: Element, h1: Element) -> Element | None:
    """A standfirst printed just after the headline (extractors often leave it in the header)."""
    after = False
    for seen, el in enumerate(root.iter()):
        if el is h1:
            after, start = True, seen
        elif after and seen - start > LEAD_WINDOW:
            return None
        elif after and role_of(el, "body") == "standfirst":
            return el
    return None


def _with_lead(root: Element, title: str, text: str,
               blocks: list[Block]) -> tuple[str, list[Block]]:
    """Put the page's ``<h1>`` and its standfirst first when the extraction dropped them."""
    h1 = _headline(root, title)
    if h1 is None:
        return text, blocks
    lead = [(h1, "headline")]
    standfirst = _standfirst(root, h1)
    if standfirst is not None:
        lead.append((standfirst, "standfirst"))
    kept = {text[b.start:b.end] for b in blocks[:HEADLINE_LOOKAHEAD]}
    for element, role in reversed(lead):
        lead_text, lead_blocks = blocks_of([element])
        if not lead_blocks or lead_text in kept or lead_text in text[:len(lead_text) * 4]:
            continue
        shift = len(lead_text) + 2
        blocks = [replace(lead_blocks[0], role=role)] + [
            replace(b, start=b.start + shift, end=b.end + shift) for b in blocks]
        text = lead_text + "\n\n" + text
    return text, blocks


def _agree(builtin: str, readability: str) -> bool:
    """True when the plain-Python article is readability-lxml's article, or more of it.

    Both methods found the same story when the plain one holds nearly all of
    readability-lxml's words; it then usually also holds the sections and captions
    readability-lxml drops. A much longer text means it took in the page around.
    """
    ours, theirs = Counter(words(builtin)), Counter(words(readability))
    total = sum(theirs.values())
    return total > 0 and sum((ours & theirs).values()) >= AGREEMENT * total \
        and sum(ours.values()) <= MAX_GROWTH * total


def _article(root: Element, markup: str, extractor: str) -> tuple[str, list[Block], str]:
    builtin = _builtin(root) if extractor != "readability" else None
    if extractor != "builtin":
        article = _readability_root(markup)
        if article is not None:
            text, blocks = blocks_of([article])
            if builtin is not None and _agree(builtin[0], text) \
                    and len(builtin[0]) >= MIN_ARTICLE_CHARS:
                return *builtin, "builtin, confirmed by readability-lxml"
            if len(text) >= MIN_ARTICLE_CHARS:
                return text, blocks, "readability-lxml"
    builtin = builtin or _builtin(root)
    if len(builtin[0]) >= MIN_ARTICLE_CHARS:
        return *builtin, "builtin"
    return *_whole_body(root), "whole page"


def read_html(markup: str, extractor: str | None = None) -> HtmlPage:
    """Read the article and metadata of ``markup``; nothing in it is run or fetched.

    ``extractor`` is ``"auto"`` (the default, or ``PARALLAX_EXTRACTOR`` in the
    environment): the plain-Python article when readability-lxml agrees with it,
    else readability-lxml's; ``"readability"`` or ``"builtin"`` force one method.
    """
    root = parse_html(markup)
    metadata = page_metadata(root)
    text, blocks, used = _article(root, markup,
                                  extractor or os.environ.get(EXTRACTOR_ENV) or "auto")
    text, blocks = _with_lead(root, metadata.title, text, blocks)
    return HtmlPage(text, blocks, metadata, used)
