"""The Quotes panel: each distinct quotation and how every source renders it.

Who said what, and whether a version trimmed a quote, altered its words,
paraphrased it or pinned it on someone else, is what readers of news
versions look for first. One entry per quotation (``track_quotes``), and
beneath it the renderings side by side in aligned columns, one line per
source: [n], the form (verbatim, trimmed, extended, altered, paraphrased),
the speaker that source names, and the words as it has them. A speaker
other than the first rendering's is flagged. A click jumps the panes there.

Rich text rather than a table widget: entries wrap to the dock's width,
which is narrow at the right of the window.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser

from reader.core.comparison import Comparison
from reader.core.diff.quotes import same_person
from reader.core.diff.story_facts import QuoteRendering, TrackedQuote

WORDS_CHARS = 160
"""A rendering shows this many characters of its words at most (a click shows them all)."""
OMITTED_INK = "#a1281c"
"""The sources that do not carry a quote, in the red of what a version leaves out."""
FORM_STYLE = {"verbatim": "", "paraphrased": "font-style:italic",
              "trimmed": "font-weight:bold", "extended": "font-weight:bold",
              "altered": "font-weight:bold"}
"""Forms that change a quote's words stand out; a paraphrase reads as one (italic)."""


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def rendering_words(comp: Comparison, r: QuoteRendering) -> str:
    return comp.documents[r.source].paragraphs[r.paragraph].text[r.span[0]:r.span[1]]


def _other_speaker(first: str, speaker: str) -> bool:
    return bool(first and speaker) and not same_person(first.lower(), speaker.lower())


def quote_html(comp: Comparison, n: int, quote: TrackedQuote, tags: list[str]) -> str:
    """One quote's entry: its first words, then a row per rendering (sources in order;
    ``tags``: their numbers for people, ``Story.tag``)."""
    carriers = " ".join(tags[s] for s in quote.sources)
    lacking = [tags[s] for s in range(len(tags)) if s not in quote.sources]
    if lacking:  # a quote cut by one version is what a reader checks it for
        carriers += f' · <span style="color:{OMITTED_INK}">not in {" ".join(lacking)}</span>'
    first_speaker = next((r.speaker for r in quote.renderings if r.speaker), "")
    first = quote.renderings[0]
    first_words = rendering_words(comp, first)
    rows = []
    for r in sorted(quote.renderings, key=lambda r: (r.source, r.paragraph)):
        link = f"quote:{r.source}:{r.paragraph}:{r.span[0]}:{r.span[1]}"
        speaker = escape(r.speaker) if r.speaker else "—"
        if _other_speaker(first_speaker, r.speaker):
            speaker = f"<b>⚠ {speaker}</b>"
        marks = ("", "") if r.form == "paraphrased" else ("“", "”")
        said = rendering_words(comp, r)
        if r is not first and r.form == "verbatim" and said == first_words:
            words, marks = f"<i>same words as {tags[first.source]}</i>", ("", "")
        else:  # the words again only where they differ: a column of six copies was a page
            words = escape(_short(said, WORDS_CHARS))
        rows.append(
            f'<tr><td><a href="{link}">{tags[r.source]}</a></td>'
            f'<td style="{FORM_STYLE.get(r.form, "")}">{r.form}</td>'
            f"<td>{speaker}</td>"
            f'<td><a class="words" href="{link}">'
            f"{marks[0]}{words}{marks[1]}</a></td></tr>")
    return (f'<p style="margin-top:8px"><b>{n}. “{escape(_short(quote.text, 90))}”</b> '
            f"<span>in {carriers}</span></p>"
            '<table cellspacing=0 cellpadding=2 width="100%">' + "".join(rows) + "</table>")


class QuotesPanel(QTextBrowser):
    """Quotes across sources; emits ``jumpRequested(source, paragraph, start, end)``.

    The panel fills itself when it is shown, not when the quotes arrive: it shares
    its place with the Notes tab and is usually hidden, and Qt lays a rich-text table
    of 20 sources' quotes out in steps of 25-45 ms, in the window's thread, every
    time it is set, hidden or not (up to ~0.1 s of one turn with the rebuild's)."""

    jumpRequested = Signal(int, int, int, int)

    def __init__(self) -> None:
        super().__init__()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Quotations and their renderings per source")
        self.setPlaceholderText("Quotations appear here once a comparison is open.")
        self.anchorClicked.connect(self._activated)
        self.quotes: list[TrackedQuote] = []
        self._pending: tuple | None = None  # (comparison, tags) of quotes not shown yet

    def set_quotes(self, comp: Comparison, quotes: list[TrackedQuote], tags: list[str]) -> None:
        """Quotes carried by several sources first (they are what can differ), then the rest;
        written into the panel now if it is shown, else when it is."""
        self.quotes = sorted(quotes, key=lambda q: len(q.sources) < 2)
        self._pending = (comp, list(tags))
        if self.on_screen():
            self._write()

    def on_screen(self) -> bool:
        """Whether any of the panel can be seen (a tab behind another one is "visible" to
        Qt, but placed off the window)."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def shown(self, visible: bool) -> None:
        """Its dock was shown or its tab raised (``QDockWidget.visibilityChanged``)."""
        if visible:
            self._write()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self._write()
        super().showEvent(event)

    def _write(self) -> None:
        if self._pending is None:
            return
        (comp, tags), self._pending = self._pending, None
        shared = sum(1 for q in self.quotes if len(q.sources) > 1)
        head = (f"<p>{len(self.quotes)} quotations, {shared} carried by more than one "
                "source (first). Forms against the first rendering; <b>⚠</b>: another "
                "speaker. Click a line to read it in the panes.</p>")
        self.document().setDefaultStyleSheet(
            f"a.words {{ color: {self.palette().text().color().name()}; "
            "text-decoration: none; }")
        self.setHtml(head + "".join(quote_html(comp, n, q, tags)
                                    for n, q in enumerate(self.quotes, 1)))

    def clear(self) -> None:
        self.quotes = []
        self._pending = None
        self.setHtml("<p><i>Finding quotations…</i></p>")

    def _activated(self, url: QUrl) -> None:
        parts = url.toString().split(":")
        if len(parts) == 5 and parts[0] == "quote":
            self.jumpRequested.emit(*(int(p) for p in parts[1:]))
