"""Recognise page furniture: text a page carries that is not the story.

Scraped and syndicated articles come wrapped in "Read more:" teasers, share
and comment prompts, site names, datelines and credits. They are kept and
shown (a reader may want to see them), but flagged so that alignment does not
count them as story content: two copies that share a "Leave A Reply" line do
not share any news.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reader.core.load.divisions import is_division_heading
from reader.core.load.markup import compared_text
from reader.core.load.script_aware import count_words
from reader.core.load.segmentation import Paragraph

_PUNCTUATION = re.compile(r"[.!?,;:。！？，、；：]")

_MONTHS = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_FURNITURE = re.compile(
    rf"""^\W*(
        read\s+(more|also|the\s+following|next|this)\b | continue\s+reading\b |
        see\s+also\b | related(\s+(news|articles?|stories|posts|topics))?\W*$ |
        recent\s+(articles|posts|news)\W*$ | more\s+(from|on|stories)\b |
        leave\s+a\s+(reply|comment) | please\s+enter\s+your |
        (share|tweet|email|print)(\s+(this|on|via|article|story)\b.*)?\W*$ |
        subscribe\b | sign\s+up\b | follow\s+us\b | (advertisement|photo|image|video|loading)\W*$ |
        (source|photo|image|credit|credits|via|tags?|topics?|related|filed\s+under)\s*: |
        have\s+a\s+(news\s+)?tip\b | posted\s+(by|on)\b | posted\s+{_MONTHS}\s+\d |
        copyright\b | © | all\s+rights\s+reserved | click\s+here\b |
        (home|news)\s*[›»>|/]
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_CREDIT_LINE = re.compile(r"\W*by\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}"
                          r"(\s*[,|·—–]\s*((?-i:[A-Z])[\w.'’&-]*\s*){1,4}"
                          r"(staff(\s+writer)?|writer|reporter|correspondent|editor)?)?\W*$", re.I)
_CREDIT_NOTE = re.compile(r"contributed\s+to\s+this\s+report", re.I)
"""A credit: a line "By Jane Doe", "By Jane Doe, Valley Register staff", "By Jane Doe |
Reuters" (matched at the start; after the name only capitalised words and a role: "By
Tuesday, officials said…" is story), or "... contributed to this report" anywhere. Two
patterns, not one alternation searched: the line's branch was tried at every character
of every paragraph (20 sources of 48 KB: 23 -> 6 ms to load)."""
_BYLINE = re.compile(r"^\W*by\s+\S", re.I)
_DATE = re.compile(
    rf"""^\W*((mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(
        {_MONTHS}\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}} |
        \d{{1,2}}(st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}} |
        \d{{4}}-\d{{2}}-\d{{2}} | \d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}
    )([\s,]+(at\s+)?\d{{1,2}}[:.]\d{{2}}(\s*[ap]\.?m\.?)?(\s+\w{{2,4}})?)?\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
_TIME = re.compile(r"^\W*(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|\d{1,2}(?:\.\d{2})?\s*[ap]\.?m\.?"
                   r"|\d{1,2}\.\d{2}(?=\s+[A-Za-z]{2,4}\W*$)"
                   r"|\d{1,3}\s*(?:mins?|minutes?|h|hrs?|hours?)\s+ago)(?:\s+[A-Za-z]{2,4})?\W*$",
                   re.IGNORECASE)
"""A live blog's entry stamp alone on its line: "10:42 GMT", "10.42am", "11.15 BST", "5 mins
ago". Read as headings, six of them were six of a live blog's thirteen places beside
the final story ("[2] omits “10:42 GMT”"), between the changes a reader was looking for."""
_STAMP = re.compile(r"^\W*(?:(?:last\s+)?updated|published|posted)\b(?:(?!:\s).){0,70}?"
                    r"\b(?:1[89]|20)\d\d\W*$", re.IGNORECASE)
"""A page's time stamp: "Published 6:45 a.m., Tuesday, March 10, 2026", "Updated 10:04 a.m.
EDT, March 10, 2026" (it ends with the year: "Updated 5:02 PM EST: An earlier version…",
an editor's notice, is story). Two unrelated stories of one town and day shared theirs
as a sure link, and their headlines and paragraphs were paired around it."""
_TEASER_INTRO = re.compile(r"^\W*(read\s+(more|also|the\s+following|next)|see\s+also|related)\W*$",
                           re.I)
_PAGE_NUMBER = re.compile(r"^\s*(?:\[\s*(?:p|pp|pg|page)\.?\s*\d{1,4}\s*\]|\{\d{1,4}\}"
                          r"|[-—–]\s*\d{1,4}\s*[-—–])\s*$", re.IGNORECASE)
"""A printed page's number alone on its line, as digitised books keep it: "[p. 101]",
"[Pg 7]", "{102}", "— 101 —". (A bare number is left as text: it may number a section.)"""
_BOOK_START = re.compile(r"^\s*\*{3}\s*START OF (?:THIS|THE) PROJECT GUTENBERG", re.IGNORECASE)
_BOOK_END = re.compile(r"^\s*(?:\*{3}\s*)?END OF (?:THIS|THE) PROJECT GUTENBERG", re.IGNORECASE)
"""The lines that frame a Project Gutenberg book: what is before the first (the licence's
summary, title, author, release date) and from the second on (the licence; "End of the
Project Gutenberg EBook of …" comes just before its own line) is the library's, not the
book's. A teacher's copy of a chapter with its frame had 12 places of
"[2] adds “Title: Frankenstein”" beside the text's variants, and the frame's first line
for its title."""
PAGE_FURNITURE_ROLES = ("byline", "caption")
"""Roles a page's markup gives that are furniture whatever the text: a photo's caption
beside the lead shares its place and a few names, and was linked into the lead's row
(every source without the photo "left out" its words; extraction F1 0.980 -> 0.979, as
Readability keeps captions)."""
TITLE_LIKE = 120
"""Longer than this, a paragraph is body text: the page's leading furniture is over."""
FURNITURE_MAX = 200
"""Longer than this, a paragraph that opens like furniture ("© Photo ...") goes on as story."""
_QUOTES = str.maketrans("’‘`´", "''''")


def _norm(text: str) -> str:
    return " ".join(text.translate(_QUOTES).lower().split())


def _is_site_name(p: Paragraph, leading: bool, following: Paragraph | None) -> bool:
    """Bare site names sit at the top of the page, above the real title.

    A few words with no punctuation, followed by another title-like line: a
    short real title followed by the story's first paragraph is kept, and so is one
    followed by its credit ("Markets Tumble" above "By Jane Doe"): a credit is no title,
    and so is a chapter's number above the chapter's title ("CHAPTER SEVEN").
    """
    return (leading and count_words(p.text) <= 3 and not _PUNCTUATION.search(p.text)
            and following is not None and following.heading
            and not _CREDIT_LINE.match(following.text) and not is_division_heading(p.text))


BREADCRUMB_TITLE = 20
"""Fewest characters of a title that a heading ending in it is a breadcrumb trail of (its
endings are looked up, not every title compared: a text of 10,000 short lines, each a
heading, took 54 s to load)."""


def flag_boilerplate(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Return the paragraphs with ``boilerplate`` set on page furniture."""
    flags = [False] * len(paragraphs)
    leading = True
    seen_titles: set[str] = set()
    long_titles = {t for t in (_norm(p.text) for p in paragraphs if p.heading)
                   if len(t) > BREADCRUMB_TITLE}
    for i, p in enumerate(paragraphs):
        text = p.text.strip()
        norm = _norm(text) if p.heading else ""  # only titles are compared
        if len(text) > TITLE_LIKE and not p.heading:
            leading = False
        flag = bool(
            (_FURNITURE.search(text) and len(text) <= FURNITURE_MAX)
            or _DATE.match(text) or _TIME.match(text) or _STAMP.match(text)
            or _CREDIT_LINE.match(text)
            or _CREDIT_NOTE.search(text)
            or _PAGE_NUMBER.match(text)
            or _is_site_name(p, leading, paragraphs[i + 1] if i + 1 < len(paragraphs) else None)
        )
        if p.heading and norm in seen_titles and not is_division_heading(text):
            flag = True  # the same title printed twice (page header + article header), not
            # a chapter's number that each part of a book starts again ("Chapter 1")
        if p.heading and any(norm[-n:] in long_titles
                             for n in range(BREADCRUMB_TITLE + 1, len(norm))):
            flag = True  # a breadcrumb trail ending in the title
        if i > 0 and _TEASER_INTRO.match(paragraphs[i - 1].text) and p.heading:
            flag = True  # the linked headline that follows "Read more:"
        if p.heading:
            seen_titles.add(norm)
        flags[i] = flag or p.role in PAGE_FURNITURE_ROLES
    _flag_book_frame(paragraphs, flags)
    _flag_trailing_headings(paragraphs, flags)
    headline = _headline_index(paragraphs, flags)
    out = []
    for i, (p, f) in enumerate(zip(paragraphs, flags)):
        role = "headline" if i == headline else _role(p, f)
        out.append(replace(p, boilerplate=f, role=role) if (f, role) != (p.boilerplate, p.role)
                   else p)
    return out


def shared_furniture(sources: list[list[Paragraph]]) -> list[list[Paragraph]]:
    """Each source's paragraphs, with the furniture read across sources, both ways: the
    bylines another source's markup names are furniture here too (``_shared_bylines``),
    and furniture another source carries as story is story here too
    (``_story_elsewhere``). The rules read each source alone; what they get wrong is seen
    only beside the others."""
    return _story_elsewhere(_shared_bylines(sources))


def _shared_bylines(sources: list[list[Paragraph]]) -> list[list[Paragraph]]:
    """Each source's paragraphs, with the bylines another source's markup names flagged here
    too, word for word: a page says which line is its byline ("Dan Goodin - Apr 16, 2015
    8:02 pm UTC", "by Lucas Nolan22 Dec 2016"), a .txt copy of the same story does not, and
    its copy of the line showed as an addition beside the page. Only bylines are shared:
    the other furniture rules read the text itself (they flag the copy alike) or its place
    in its own page, which ``_story_elsewhere`` reads against the other sources."""
    bylines = {_norm(p.text) for paragraphs in sources for p in paragraphs
               if p.boilerplate and p.role == "byline"}
    if not bylines:
        return sources
    return [[replace(p, boilerplate=True, role="byline")
             if not p.boilerplate and p.role != "headline" and _norm(p.text) in bylines else p
             for p in paragraphs] for paragraphs in sources]


def _story_elsewhere(sources: list[list[Paragraph]]) -> list[list[Paragraph]]:
    """Each source's paragraphs, with the furniture that another source carries as story
    unflagged: furniture is chrome that differs from site to site, and the place rules
    (headings with no story after them, a site name above a title, the line after "See
    also") can take a copy's story for it. A .txt copy's "See also" items, read as
    trailing headings, were furniture there and list items in the Markdown copies, and
    the copy was said to leave them out. Compared as the reader sees them (Markdown syntax
    left out), whole paragraph against whole paragraph.

    Left as furniture: what every source flags (a site's "Related News" in two copies
    from that site); what a page's markup calls a byline or a caption; a text this
    source also carries as story (a title printed twice: the first copy is the story's);
    and text that is only another source's headline (a "Read more:" teaser linking to
    it)."""
    if len(sources) < 2 or not any(p.boilerplate and p.role not in PAGE_FURNITURE_ROLES
                                   for paragraphs in sources for p in paragraphs):
        return sources
    visible = [[_visible(p) for p in paragraphs] for paragraphs in sources]
    anywhere = {text for paragraphs, texts in zip(sources, visible)
                for p, text in zip(paragraphs, texts) if not p.boilerplate and p.role != "headline"}
    out = []
    for paragraphs, texts in zip(sources, visible):
        own = {text for p, text in zip(paragraphs, texts) if not p.boilerplate}
        story_here = [p.boilerplate and p.role not in PAGE_FURNITURE_ROLES and bool(text)
                      and text in anywhere and text not in own
                      for p, text in zip(paragraphs, texts)]
        out.append([replace(p, boilerplate=False) if here else p
                    for p, here in zip(paragraphs, story_here)] if any(story_here)
                   else paragraphs)
    return out


def _flag_book_frame(paragraphs: list[Paragraph], flags: list[bool]) -> None:
    """Flag a Project Gutenberg book's frame (``_BOOK_START``, ``_BOOK_END``): the lines up
    to its start line, and from its first end line on."""
    start = next((i for i, p in enumerate(paragraphs) if _BOOK_START.match(p.text)), None)
    if start is not None:
        flags[:start + 1] = [True] * (start + 1)
    end = next((i for i in range(start or 0, len(paragraphs))
                if _BOOK_END.match(paragraphs[i].text)), None)
    if end is not None:
        flags[end:] = [True] * (len(paragraphs) - end)


def _visible(p: Paragraph) -> str:
    return _norm(compared_text(p))


def _headline_index(paragraphs: list[Paragraph], flags: list[bool]) -> int | None:
    """The headline is the first heading that is story, not a dateline or site name above it.

    A page's ``<h1>`` or a file's first title line is the candidate; when furniture
    took that place, the first story heading before the body takes it instead. A
    chapter's number ("CHAPTER SEVEN") is story but no headline: it names no chapter,
    the title under it does ("The Salt House").
    """
    for i, (p, furniture) in enumerate(zip(paragraphs, flags)):
        if furniture or is_division_heading(p.text):
            continue
        if p.role in ("headline", "heading"):
            return i
        if p.role == "body":
            return None
    return None


def _flag_trailing_headings(paragraphs: list[Paragraph], flags: list[bool]) -> None:
    """A heading with no story after it ("What's Next", "Related") heads page furniture,
    where some story comes before it. The first story paragraph is found once, not looked
    for before each heading (20,000 short lines, each a heading: 7.8 s to load)."""
    first_story = next((k for k, (p, f) in enumerate(zip(paragraphs, flags))
                        if not f and not p.heading), len(paragraphs))
    for i in range(len(paragraphs) - 1, 0, -1):
        if not (flags[i] or paragraphs[i].heading):
            return
        if paragraphs[i].heading and first_story < i:
            flags[i] = True


def _role(p: Paragraph, furniture: bool) -> str:
    """A credit line ("By Jane Doe", a short line that may pass for a title) is the
    byline; a headline that is furniture is demoted."""
    if furniture and p.role in ("body", "heading") and _BYLINE.match(p.text):
        return "byline"
    return "heading" if p.role == "headline" else p.role

