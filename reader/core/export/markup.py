"""Escaped HTML for a text and its word diff against the reference.

Used by the reader's side panel and by the HTML and PDF exports, so a
difference looks the same everywhere. Everything from a source goes through
``html.escape``: a source containing ``<script>`` shows those characters and
runs nothing.
"""

from __future__ import annotations

from html import escape

from reader.core.worddiff import DELETE, EQUAL, INSERT, Span

CLASS = {INSERT: "add", DELETE: "omit", "replace": "chg"}


def diff_html(reference: str, text: str, spans: list[Span], show_omitted: bool = True) -> str:
    """``text`` with added (<ins class=add>), changed and omitted words marked.

    Omitted words of the reference appear struck through (<del class=omit>)
    where they would have been, so a reader sees both versions in one line.
    Changed wording shows the new words marked and, struck, the reference's.
    """
    out: list[str] = []
    for span in spans:
        new = escape(text[span.b_start:span.b_end])
        old = escape(reference[span.a_start:span.a_end])
        if span.op == EQUAL or span.trivial:
            out.append(new)
        elif span.op == INSERT:
            out.append(f'<ins class="add">{new}</ins>')
        elif span.op == DELETE:
            if show_omitted:
                out.append(f'<del class="omit">{old}</del>')
        else:
            if show_omitted:
                out.append(f'<del class="omit">{old}</del>')
            out.append(f'<ins class="chg">{new}</ins>')
    return "".join(out).replace("\n\n", "<br><br>")


def marked_spans(spans: list[Span]) -> int:
    """How many spans ``diff_html`` marks (changed wording counts once)."""
    return sum(1 for s in spans if s.op != EQUAL and not s.trivial)
