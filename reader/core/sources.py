"""How a source is named for people, and its place in time.

One function names a source everywhere (pane headers, story map, exports,
the change list, the CLI summary), so a reader recognises "[2] The Guardian ·
24 Jul 2015 · Jane Doe" wherever it appears. The outlet, date and author come
first because that is what tells versions of one story apart; a page that
states none of them is named by its file and title instead.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

MIN_SOURCES = 2
MAX_SOURCES = 20
"""The documented limit (README, ``parallax --help``): 2 to 20 sources. Past 20 every
layout, the reader's panes included, stops being readable. Defined here, where
sources are named, so that a command can check the count without importing
the export code."""

SUFFIX = ".parallax"
"""A comparison file's (``core/saved.py``), told from a source by its name alone: a
command tells them apart before it imports the engine."""


def is_comparison_file(path: str) -> bool:
    return str(path).lower().endswith(SUFFIX)


def distinct_files(paths: list[str]) -> tuple[list[str], list[str]]:
    """``paths`` with each file once (where first named), and the names given again.

    A file compared with itself shows one version twice and hides the other
    source a reader meant; "a.txt", "./a.txt" and a link to it name one file."""
    seen: set[str] = set()
    kept, repeated = [], []
    for path in paths:
        key = file_key(path)
        (repeated if key in seen else kept).append(path)
        seen.add(key)
    return kept, repeated


def file_key(path: str) -> str:
    """One key for every name of a file ("a.txt", "./a.txt", a link to it)."""
    return os.path.normcase(os.path.realpath(path))


def given_twice(repeated: list[str]) -> str:
    """What the reader and the CLI say about the files ``distinct_files`` left out."""
    names = ", ".join(sorted({Path(p).name for p in repeated}))
    return f"the same file was given twice: {names}"


TITLE_CHARS = 70
"""A title is cut to this many characters in the short form (column headers, lists)."""

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""Month names fixed in English: ``%b`` would follow the machine's locale."""

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_date(stated: str | None) -> datetime | None:
    """The moment an ISO 8601 string names, as stated (the page's own day), or None.

    Pages write ``2015-07-24T10:00:00Z``, ``…+01:00`` or just ``2015-07-24``;
    anything else (free text dates) is not guessed at.
    """
    if not stated:
        return None
    text = stated.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        found = _ISO_DATE.match(text)
        if not found:
            return None
        try:
            moment = datetime(*map(int, found.groups()))
        except ValueError:
            return None
    return moment


def _instant(moment: datetime) -> datetime:
    """A comparable (naive UTC) moment: pages mix zones, and some state none (taken as UTC)."""
    if moment.tzinfo is not None:
        return moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def readable_date(stated: str | None) -> str:
    """``24 Jul 2015`` for an ISO date; a date not in ISO form is shown as stated."""
    moment = parse_date(stated)
    if moment is None:
        return (stated or "").strip()
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def _furniture(doc) -> set[str]:
    """Lines that are only page furniture: a headline repeated in a furniture block
    (a share box, a related-stories list) still names the article."""
    paragraphs = getattr(doc, "paragraphs", [])
    story = {p.text.strip() for p in paragraphs if not p.boilerplate}
    return {p.text.strip() for p in paragraphs if p.boilerplate} - story


def _clean(value: str | None, furniture: set[str]) -> str:
    """A metadata value worth showing: not empty, not a line of page furniture."""
    text = " ".join((value or "").split())
    return "" if text in furniture else text


def _cut(text: str) -> str:
    return text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS - 1].rstrip() + "…"


def file_name(doc) -> str:
    """The source's file name, never its folders (which name the user's own directories)."""
    return Path(doc.path).name or doc.path


def source_title(doc) -> str:
    """The title worth showing beside the file name ("" when it says nothing new).

    A title equal to the file name, or to a paragraph flagged as page furniture
    ("Complete News World"), says nothing about the source.
    """
    title = _clean(getattr(doc, "title", None) or doc.name, _furniture(doc))
    return "" if title == file_name(doc) else title


def source_facts(doc, *, long: bool = False) -> str:
    """``The Guardian · 24 Jul 2015 · Jane Doe`` as far as the page states them, else "".

    The long form adds the updated date: ``24 Jul 2015 (updated 25 Jul 2015)``.
    """
    furniture = _furniture(doc)
    date = readable_date(getattr(doc, "published", None))
    updated = readable_date(getattr(doc, "updated", None)) if long else ""
    if updated and updated != date:
        date = f"{date} (updated {updated})" if date else f"updated {updated}"
    parts = [_clean(getattr(doc, "site", None), furniture), _clean(date, furniture),
             _clean(getattr(doc, "byline", None), furniture)]
    return " · ".join(part for part in parts if part)


def source_name(doc, told: str = "") -> str:
    """What tells a source apart at a glance, without its file name: whose page it is
    (site · date · byline) when the page states it, else its title (the file name when it
    has none), then ``told`` (``distinctions``). Where room is short (a pane's header, the
    reference box) this comes first: a file name is often a hash or "source.html"."""
    return (source_facts(doc) or source_title(doc) or doc.name) + (f" ({told})" if told else "")


def source_label(doc, index: int, *, long: bool = False,
                 cut: Callable[[str], str] = _cut) -> str:
    """How people see source ``index`` (0-based; shown as ``[index + 1]``).

    Short: ``[2] The Guardian · 24 Jul 2015 · Jane Doe`` when the page states
    its site, date or author, else ``[2] file.txt — Title``, the title shortened by
    ``cut`` (an export has room for more than a pane header). Long (tooltips):
    the file name and full title as well, and the updated date.
    """
    number = f"[{index + 1}]"
    file = file_name(doc)
    title = source_title(doc)
    facts = source_facts(doc, long=long)
    if long:
        named = f"{number} {file}" + (f" — {title}" if title else "")
        return named + (f"\n{facts}" if facts else "")
    if facts:
        return f"{number} {facts}"
    return f"{number} {file}" + (f" — {cut(title)}" if title else "")


def source_labels(documents: Sequence, numbers: Sequence[int] | None = None,
                  cut: Callable[[str], str] = _cut, told: list[str] | None = None) -> list[str]:
    """``source_label`` of every source (numbered ``numbers``, else in order), with what
    tells it apart where two would read alike (``told``: ``distinctions``, when the
    caller has them already)."""
    numbers = range(len(documents)) if numbers is None else numbers
    labels = [source_label(d, n, cut=cut) for d, n in zip(documents, numbers)]
    told = distinctions(documents) if told is None else told
    return [label + (f" ({apart})" if apart else "") for label, apart in zip(labels, told)]


def distinctions(documents: Sequence) -> list[str]:
    """For each source, what tells it from the others whose label reads alike ("" where
    none does).

    Revisions of one article saved from one site state the same site, date and
    author, or are two files "index.html" with one title: each gets the first of
    its updated date, file name and folder that differs between all of those that
    read alike (else that differs at all)."""
    named = [source_label(d, 0).partition(" ")[2] for d in documents]  # without the number
    out = []
    for s, doc in enumerate(documents):
        alike = [documents[k] for k, name in enumerate(named) if name == named[s]]
        out.append(_told_apart(doc, alike) if len(alike) > 1 else "")
    return out


def _told_apart(doc, alike: list) -> str:
    """What tells ``doc`` from the other sources in ``alike`` (``source_labels``)."""
    readers = (_updated, file_name, _folder)
    for wanted in (len(alike), 2):  # all different, else at least two
        for read in readers:
            if len({read(d) for d in alike}) >= wanted:
                return read(doc)
    return ""


def _updated(doc) -> str:
    updated = readable_date(getattr(doc, "updated", None))
    return f"updated {updated}" if updated else ""


def _folder(doc) -> str:
    """The folder a source file is in (its name alone: the rest names the user's disk)."""
    folder = Path(doc.path).parent.name
    return f"in {folder}/" if folder else ""


def date_order(documents: list) -> tuple[list[int], list[int]]:
    """Sources earliest first by publication date; those without one after, as given.

    Returns the order and the undated sources (so a caller can say which
    kept their place). Equal dates keep their given order (a stable sort).
    """
    dated = [(parse_date(getattr(d, "published", None)), s) for s, d in enumerate(documents)]
    undated = [s for moment, s in dated if moment is None]
    ordered = sorted(((m, s) for m, s in dated if m is not None), key=lambda pair: _instant(pair[0]))
    return [s for _, s in ordered] + undated, undated


NAMED_AT_MOST = 3
"""Sources that do share passages named one by one; more read as "the other sources"."""


def alone_warning(alone: list[int], count: int, reference: int = 0,
                  tags: Sequence[str] | None = None) -> str:
    """What the CLI, the reader and the exports say of ``Comparison.alone``: "[2] and [3]
    share no passage with [1] or with each other: are they the same story?", or "" when
    every source shares a passage with another. ``tags[s]`` is how people number source
    ``s`` ("[2]"; loading order when None). When no two sources share anything, the
    others are named against the reference."""
    if not alone:
        return ""
    tags = _tags(tags, count)
    linked = [s for s in range(count) if s not in alone] or [reference]
    alone = [s for s in alone if s not in linked]

    def named(sources: list[int], word: str) -> str:
        return listed(sorted((tags[s] for s in sources), key=lambda tag: int(tag.strip("[]"))),
                       word)

    against = named(linked, "or") if len(linked) <= NAMED_AT_MOST else "the other sources"
    if len(alone) == 1:
        return f"{named(alone, 'and')} shares no passage with {against}: is it the same story?"
    return (f"{named(alone, 'and')} share no passage with {against} or with each other: "
            "are they the same story?")


def loose_warning(loose: list[int], count: int, tags: Sequence[str] | None = None) -> str:
    """What the CLI, the reader and the exports say of ``Comparison.loose``: "[8] shares
    only a few passages with the other sources: another story, or another language?", or
    "" when there are none."""
    if not loose:
        return ""
    tags = _tags(tags, count)
    verb = "shares" if len(loose) == 1 else "share"
    return (f"{listed([tags[s] for s in loose], 'and')} {verb} only a few passages "
            "with the other sources: another story, or another language?")


def copies_warning(copies: list[tuple[int, int]], count: int,
                   tags: Sequence[str] | None = None) -> str:
    """What the CLI, the reader and the exports say of ``Comparison.copies``: "[9] is a copy
    of [2], word for word", one clause a pair, or ""."""
    tags = _tags(tags, count)
    return "; ".join(f"{tags[t]} is a copy of {tags[s]}, word for word" for s, t in copies)


def _tags(tags: Sequence[str] | None, count: int) -> Sequence[str]:
    """The sources' numbers as people see them: ``tags``, or loading order ("[1]"...)."""
    return tags or [f"[{s + 1}]" for s in range(count)]


def listed(names: list[str], word: str) -> str:
    """"[2]", "[2] and [3]", "[2], [3] and [5]" (``word``: "and" or "or")."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {word} {names[-1]}"
