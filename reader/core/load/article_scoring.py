"""Find the article in a page with nothing but the standard library.

The fallback when no extractor package is installed, after Readability's
published method: every text paragraph votes for its parent (and half a vote
for its grandparent) with its length and commas; containers whose class or id
says "comment", "sidebar", "related"... lose, "article", "content"... win;
link-heavy containers (menus, teaser lists) are discounted by their link
density. The best container wins, with the siblings that score close to it.
Text lengths are summed bottom-up once, so the whole pass is linear.
"""

from __future__ import annotations

import re

from reader.core.load.html_blocks import BLOCK, SKIP
from reader.core.load.html_tree import Element

MIN_PARAGRAPH = 25
"""Characters; shorter text (labels, buttons, datelines) casts no vote."""
MIN_ARTICLE = 500
"""Characters; an article found with fewer is retried with unlikely boxes kept."""
CLASS_WEIGHT = 25
SIBLING_SHARE = 0.2
"""A sibling scoring a fifth of the winner is part of the article (split bodies)."""
CLIMB_SHARE = 1 / 3
"""An ancestor scoring less than this share of the candidate below it is not the article."""
JUNK_LINK_DENSITY = 0.5
"""Inside the article, a list or box that is more than half link text is navigation."""

_UNLIKELY = re.compile(r"combx|comment|community|disqus|extra|foot|header|menu|remark|rss|"
                       r"shoutbox|sidebar|sponsor|ad-break|agegate|pagination|pager|popup|"
                       r"tweet|twitter|related|share|social|newsletter|promo|breadcrumb|"
                       r"cookie|subscribe|most-?popular|trending|recommend", re.I)
_MAYBE = re.compile(r"and|article|body|column|content|main|shadow|story", re.I)
_POSITIVE = re.compile(r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|"
                       r"story", re.I)
_NEGATIVE = re.compile(r"combx|comment|com-|contact|foot|footer|footnote|masthead|media|meta|"
                       r"outbrain|promo|related|scroll|shoutbox|sidebar|sponsor|shopping|tags|"
                       r"tool|widget|share|social|newsletter|recommend|teaser|card", re.I)
_COMMAS = re.compile(r"[,，、،]")
_TAG_SCORE = {"div": 5, "article": 8, "pre": 3, "td": 3, "blockquote": 3, "section": 2,
              "address": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3,
              "form": -3, "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5,
              "th": -5}
_SCORED = frozenset({"p", "pre", "td"})


def class_weight(el: Element) -> int:
    if not el.attrs:
        return 0
    weight = 0
    for value in (el.get("class"), el.get("id")):
        if value and _NEGATIVE.search(value):
            weight -= CLASS_WEIGHT
        if value and _POSITIVE.search(value):
            weight += CLASS_WEIGHT
    return weight


def _unlikely(el: Element) -> bool:
    if not el.attrs:
        return False
    hint = f"{el.get('class')} {el.get('id')} {el.get('role')}"
    return (el.tag not in ("body", "article", "main", "a", "html", "#root")
            and bool(_UNLIKELY.search(hint)) and not _MAYBE.search(hint)) \
        or el.get("role") in ("navigation", "complementary", "banner", "contentinfo") \
        or "hidden" in el.attrs \
        or "display:none" in el.get("style").replace(" ", "")


class _Measure:
    """Per element: visible text length, link text length and commas (bottom-up, once)."""

    def __init__(self, root: Element, strip_unlikely: bool = True) -> None:
        self.text: dict[Element, int] = {}
        self.links: dict[Element, int] = {}
        self.commas: dict[Element, int] = {}
        self.kept: list[Element] = []
        self.dropped = 0
        order: list[Element] = []
        stack = [root]
        while stack:
            el = stack.pop()
            if el.tag in SKIP:
                continue
            if strip_unlikely and el is not root and _unlikely(el):
                self.dropped += 1
                continue
            order.append(el)
            stack.extend(c for c in el.children if isinstance(c, Element))
        for el in reversed(order):  # children before parents
            own = [c for c in el.children if isinstance(c, str)]
            text = sum(len(s.strip()) for s in own)
            commas = sum(len(_COMMAS.findall(s)) for s in own)
            links = 0
            for child in el.children:
                if isinstance(child, Element) and child in self.text:
                    text += self.text[child]
                    commas += self.commas[child]
                    links += self.text[child] if child.tag == "a" else self.links[child]
            self.text[el], self.links[el], self.commas[el] = text, links, commas
        self.kept = order

    def link_density(self, el: Element) -> float:
        return self.links.get(el, 0) / max(1, self.text.get(el, 0))


def _is_paragraph(el: Element) -> bool:
    if el.tag in _SCORED:
        return True
    return el.tag in ("div", "section") and not any(
        isinstance(c, Element) and c.tag in BLOCK for c in el.children)


def article_elements(root: Element) -> tuple[list[Element], _Measure]:
    """The elements that hold the article, in page order (the body when nothing scores).

    As in Readability, a page whose article sits inside a box named like a sidebar
    is read again without dropping such boxes when the first pass finds too little.
    """
    chosen, m = _article_elements(root, strip_unlikely=True)
    if m.dropped and sum(m.text[e] for e in chosen) < MIN_ARTICLE:
        chosen, m = _article_elements(root, strip_unlikely=False)
    return chosen, m


def _article_elements(root: Element, strip_unlikely: bool) -> tuple[list[Element], _Measure]:
    m = _Measure(root, strip_unlikely)
    scores: dict[Element, float] = {}
    for el in m.kept:
        length = m.text[el]
        if not _is_paragraph(el) or length < MIN_PARAGRAPH or el.parent is None:
            continue
        vote = 1 + m.commas[el] + min(length // 100, 3)
        ancestor, level = el.parent, 0
        while ancestor is not None and ancestor.tag != "#root" and level < 3:
            if ancestor not in scores:
                scores[ancestor] = _TAG_SCORE.get(ancestor.tag, 0) + class_weight(ancestor)
            scores[ancestor] += vote / (1, 2, 6)[level]
            ancestor, level = ancestor.parent, level + 1
    if not scores:
        body = next((e for e in root.iter() if e.tag == "body"), root)
        return [body], m
    final = {el: s * (1 - m.link_density(el)) for el, s in scores.items()}
    top = _unwrap(_climb(max(final, key=final.get), final), m)
    parent = top.parent
    if parent is None:
        return [top], m
    best = _best_inside(final)
    threshold = max(10.0, final.get(top, best.get(top, 0.0)) * SIBLING_SHARE)
    chosen = []
    for sib in parent.children:
        if not isinstance(sib, Element) or sib not in m.text:
            continue
        same_kind = sib.tag == top.tag and sib.get("class") == top.get("class")
        score = best.get(sib, -1e9) if same_kind else final.get(sib, -1e9)
        if sib is top or score >= threshold or _good_paragraph(sib, m):
            chosen.append(sib)
    return chosen, m


def _best_inside(final: dict[Element, float]) -> dict[Element, float]:
    """For each element, the best candidate score at or below it: a section of the article
    (same tag and class as the winner) whose own wrapper scored little still counts by the
    paragraphs' container inside it."""
    best: dict[Element, float] = {}
    for candidate, score in final.items():
        el: Element | None = candidate
        while el is not None and best.get(el, -1e9) < score:
            best[el] = score
            el = el.parent
    return best


def _unwrap(top: Element, m: _Measure) -> Element:
    """Lift the candidate out of wrappers that hold nothing else, so that the sections
    beside the wrapper (an article split by ads or embeds) are its siblings."""
    while top.parent is not None and top.parent.tag not in ("body", "#root"):
        others = [c for c in top.parent.children if isinstance(c, Element) and c is not top
                  and m.text.get(c, 0) > 0]
        if others:
            break
        top = top.parent
    return top


def _climb(top: Element, final: dict[Element, float]) -> Element:
    """Readability's walk up: an article split into sections scores in each section, and
    their common container, scoring more than the best section, is the article."""
    last = final[top]
    ancestor = top.parent
    while ancestor is not None and ancestor.tag not in ("body", "#root"):
        score = final.get(ancestor)
        if score is not None:
            if score < last * CLIMB_SHARE:
                break
            if score > last:
                return ancestor
            last = score
        ancestor = ancestor.parent
    return top


def _good_paragraph(el: Element, m: _Measure) -> bool:
    if el.tag != "p":
        return False
    length, density = m.text[el], m.link_density(el)
    return (length > 80 and density < 0.25) or (0 < length <= 80 and density == 0)


def is_junk(el: Element, m: _Measure) -> bool:
    """A box inside the article that is navigation, teasers or widgets, not story."""
    if el not in m.text:
        return True  # skipped as unlikely when measured
    if el.tag not in ("div", "section", "ul", "ol", "table", "dl", "figure"):
        return False
    return class_weight(el) < 0 or (m.link_density(el) > JUNK_LINK_DENSITY
                                    and m.text[el] > 0)
