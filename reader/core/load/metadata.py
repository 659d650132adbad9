"""Whose page is it: title, byline, site, dates, canonical URL and language.

Pages state these in several vocabularies at once (Open Graph and Twitter
``<meta>``, JSON-LD ``NewsArticle``, ``<time>``, ``rel=author`` links and
"byline" classes); each field takes the first vocabulary that has it, in the
order that proved most reliable on saved news pages (publishers fill Open
Graph for link previews, so it is rarely stale).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from reader.core.load.html_tree import Element
from reader.core.load.script_aware import has_cjk

BYLINE_MAX = 100
"""A "byline" longer than this is a paragraph that happens to carry an author class."""
_BYLINE_CLASS = re.compile(r"byline|author|writtenby|p-author|dateline-name", re.I)
NAME_WORDS = 8
"""Words; a longer "byline" is a teaser or a menu that happens to carry an author class."""
MIN_NAME_CHARS = 4
"""Shorter is an avatar's initials ("J J"), not a name; CJK names are exempt."""
_BY = re.compile(r"^\s*by\s+", re.I)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_URL = re.compile(r"^\s*https?://", re.I)


@dataclass(frozen=True)
class PageMetadata:
    """What a page says about itself; empty strings where it is silent."""

    title: str = ""
    byline: str = ""
    site: str = ""
    published: str = ""
    updated: str = ""
    url: str = ""
    lang: str = ""


def _clean(text: str) -> str:
    return " ".join(text.split())


class _Index:
    """The page's elements in document order and by tag, gathered in one walk."""

    def __init__(self, root: Element) -> None:
        self.elements = list(root.iter())
        self.by_tag: dict[str, list[Element]] = {}
        for el in self.elements:
            self.by_tag.setdefault(el.tag, []).append(el)

    def tags(self, tag: str) -> list[Element]:
        return self.by_tag.get(tag, [])


def _metas(page: _Index) -> dict[str, str]:
    """``<meta>`` values by lower-cased property/name/itemprop (first one wins)."""
    found: dict[str, str] = {}
    for el in page.tags("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop")
               or el.get("http-equiv")).lower()
        value = _clean(el.get("content") or el.get("datetime"))
        if key and value and key not in found:
            found[key] = value
    return found


def _json_ld(page: _Index) -> list[dict]:
    """Every JSON-LD object of the page, ``@graph`` members flattened."""
    objects: list[dict] = []
    for el in page.tags("script"):
        if "ld+json" not in el.get("type").lower():
            continue
        data = _lenient_json("".join(c for c in el.children if isinstance(c, str)))
        if data is None:
            continue
        queue = data if isinstance(data, list) else [data]
        while queue:
            item = queue.pop(0)
            if isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                queue.extend(graph if isinstance(graph, list) else [])
    return [o for o in objects if _is_article(o)] + [o for o in objects if not _is_article(o)]


def _lenient_json(raw: str):
    """JSON-LD as pages write it: HTML comment or CDATA wrappers, raw newlines, trailing commas."""
    raw = re.sub(r"^\s*(<!--|<!\[CDATA\[)|(-->|\]\]>)\s*$", "", raw.strip())
    for attempt in (raw, _TRAILING_COMMA.sub(r"\1", raw)):
        try:
            return json.loads(attempt, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _is_article(obj: dict) -> bool:
    kind = obj.get("@type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report"))
               for k in kinds)


def _names(value) -> str:
    """A person/organisation value of JSON-LD (string, object or list) as display text."""
    if isinstance(value, str):
        return "" if _URL.match(value) else _clean(value)
    if isinstance(value, dict):
        return _names(value.get("name", ""))
    if isinstance(value, list):
        return ", ".join(n for n in (_names(v) for v in value) if n)
    return ""


def _ld(objects: list[dict], *keys: str) -> str:
    for obj in objects:
        for key in keys:
            value = obj.get(key)
            text = _names(value) if key in ("author", "publisher", "creator") else value
            if isinstance(text, str) and text.strip():
                return _clean(text)
    return ""


def _first(*values: str) -> str:
    return next((v for v in values if v and not _URL.match(v)), "")


def _hint(el: Element) -> str:
    return " ".join((el.get("class"), el.get("id"), el.get("rel"), el.get("itemprop")))


def _name_like(text: str) -> bool:
    """A person's name, maybe after "By": one to ``NAME_WORDS`` words, no menu separators."""
    name = _BY.sub("", text)
    long_enough = len(name.replace(" ", "")) >= MIN_NAME_CHARS or has_cjk(name)
    return long_enough and len(name.split()) <= NAME_WORDS and len(text) <= BYLINE_MAX \
        and not any(c in text for c in "|•»›")


def _byline_element(page: _Index) -> str:
    """The first name-like byline in the page (the author link inside it when there is one)."""
    for el in page.elements:
        if el.tag in ("script", "style", "meta", "link", "head", "nav", "body", "html"):
            continue
        if not _BYLINE_CLASS.search(_hint(el)):
            continue
        text = el.text()
        inner = next((c for c in el.iter() if c is not el and (
            c.get("rel") == "author" or c.get("itemprop") in ("name", "author")
            or (c.tag == "a" and _BY.match(text)))), None)
        for candidate in (inner, el):
            text = candidate.text() if candidate is not None else ""
            if _name_like(text):
                return _BY.sub("", text)
    return ""


def _lang(page: _Index, metas: dict[str, str], ld: list[dict]) -> str:
    html = next(iter(page.tags("html")), None)
    lang = html.get("lang") or html.get("xml:lang") if html is not None else ""
    return _clean(lang or metas.get("content-language", "") or metas.get("og:locale", "")
                  or _ld(ld, "inLanguage")).replace("_", "-")


def _canonical(page: _Index) -> str:
    for el in page.tags("link"):
        if "canonical" in el.get("rel").lower().split():
            return el.get("href").strip()
    return ""


def _first_time(page: _Index) -> str:
    for el in page.tags("time"):
        if el.get("datetime").strip():
            return el.get("datetime").strip()
    return ""


def _title_tag(page: _Index) -> str:
    title = next(iter(page.tags("title")), None)
    return title.text() if title is not None else ""


_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")


def _own_title(title: str, names: tuple[str, ...]) -> str:
    """A page's title without the site or author it ends in ("Floods force 12,000 from homes
    | Riverside Courier", "… whale strandings | Eleanor Ainge Roy"): an export's title
    and a source's label name the site once, where the page states it."""
    for name in filter(None, names):
        for separator in _TITLE_SEPARATORS:
            suffix = separator + name
            if title.lower().endswith(suffix.lower()) and len(title) > len(suffix):
                return title[:-len(suffix)].rstrip()
    return title


def page_metadata(root: Element) -> PageMetadata:
    """Read the page's own statements about itself out of its tree."""
    page = _Index(root)
    m = _metas(page)
    ld = _json_ld(page)
    found = PageMetadata(
        title=_first(m.get("og:title", ""), m.get("twitter:title", ""), _ld(ld, "headline"),
                     _title_tag(page)),
        byline=_first(_ld(ld, "author", "creator"), m.get("author", ""),
                      m.get("article:author", ""), m.get("dc.creator", ""),
                      m.get("byl", "").removeprefix("By ").removeprefix("by "),
                      _byline_element(page)),
        site=_first(m.get("og:site_name", ""), _ld(ld, "publisher"),
                    m.get("application-name", ""), m.get("twitter:site", "").lstrip("@")),
        published=_first(m.get("article:published_time", ""), _ld(ld, "datePublished"),
                         m.get("datepublished", ""), m.get("pubdate", ""),
                         m.get("publishdate", ""), m.get("date", ""),
                         m.get("dc.date.issued", ""), _first_time(page)),
        updated=_first(m.get("article:modified_time", ""), _ld(ld, "dateModified"),
                       m.get("og:updated_time", ""), m.get("datemodified", "")),
        url=_canonical(page) or m.get("og:url", "") or _ld(ld, "url", "mainEntityOfPage"),
        lang=_lang(page, m, ld),
    )
    return replace(found, title=_own_title(found.title, (found.site, found.byline)))
