"""Escaped HTML for a text, its word diff against the reference, and note markers.

Used by the reader's side panel and by every export, so a difference looks
the same everywhere. Everything from a source goes through ``html.escape``:
a source containing ``<script>`` shows those characters and runs nothing.

Classes: ``add`` (words this version adds), ``chg`` (wording that differs),
``omit`` (reference words this version leaves out, shown struck through),
``noted`` (annotated text) and ``note`` (a note's number). The first element
of every difference span carries ``data-diff``, so a reader of the HTML (or a
test) can count differences exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from reader.core.diff.words import DELETE, EQUAL, INSERT, REPLACE, Span
from reader.core.load.markup import NO_SYNTAX, Syntax


def diff_css(added: str, changed: str, omitted: str, noted: str) -> str:
    """Style rules for the classes above; colour plus a cue that survives grey-scale."""
    return (f".add {{ background-color: {added}; text-decoration: underline; }}\n"
            f".chg {{ background-color: {changed}; font-style: italic; }}\n"
            f".omit {{ color: {omitted}; text-decoration: line-through; }}\n"
            f".noted {{ background-color: {noted}; }}\n"
            f".note {{ color: {omitted}; font-weight: bold; }}\n")


def _pieces(text: str, spans: list[Span] | None, notes: list[tuple[int, int, int]],
            syntax: Syntax) -> tuple[list[Span], set[int], dict[int, list[int]]]:
    """(spans, where the text is cut into pieces, note numbers by the place they end).
    Every range of ``syntax`` (Markdown) is a piece of its own, left out."""
    spans = spans if spans is not None else [Span(EQUAL, 0, 0, 0, len(text))]
    cuts = {0, len(text)}
    for s in spans:
        cuts.update((s.b_start, s.b_end))
    for lo, hi in syntax.ranges:
        cuts.update((lo, hi))
    for start, end, _ in notes:
        cuts.update((min(start, len(text)), min(end, len(text))))
    ends: dict[int, list[int]] = {}
    for _start, end, number in notes:
        ends.setdefault(min(end, len(text)), []).append(number)
    return spans, cuts, ends


def mark_text(text: str, spans: list[Span] | None = None, reference: str = "",
              notes: list[tuple[int, int, int]] = (), show_omitted: bool = True,
              syntax: Syntax = NO_SYNTAX, reference_syntax: Syntax = NO_SYNTAX) -> str:
    """``text`` as HTML with diff classes and note markers ``(start, end, number)``;
    ``syntax`` (and ``reference_syntax`` in ``reference``) is Markdown's, left out."""
    spans, cuts, ends = _pieces(text, spans, notes, syntax)
    out: list[str] = []
    for span in spans:
        old = escape(reference_syntax.visible(reference, span.a_start, span.a_end))
        if span.op == DELETE:
            if show_omitted and not span.trivial:
                out.append(f'<span class="omit" data-diff="omit">{old}</span>')
            continue
        cls = "" if span.op == EQUAL or span.trivial else ("add" if span.op == INSERT else "chg")
        if cls == "chg" and show_omitted:  # old words struck, a thin space, then the new
            out.append(f'<span class="omit">{old}</span>\u2009')
        first = True
        for _, b, piece, noted in _shown_pieces(text, span, cuts, syntax, notes):
            classes = " ".join(c for c in (cls, "noted" if noted else "") if c)
            attr = f' data-diff="{cls}"' if cls and first else ""
            out.append(f'<span class="{classes}"{attr}>{piece}</span>' if classes else piece)
            first = False
            for number in ends.pop(b, []):
                out.append(f'<sup class="note">{note_tag(number)}</sup>')
    for leftover in ends.values():  # notes at the very start of an empty text
        out.extend(f'<sup class="note">{note_tag(n)}</sup>' for n in leftover)
    return "".join(out)



OMIT_MARK = "‸"
"""Where a column leaves out reference words: one caret, not the words themselves,
so the column stays that source's own text (copying it gives what the source says)."""


def note_tag(number: int) -> str:
    """A note's name where its marker stands and in the list of notes: "n3". Sources are
    [1]…[n] everywhere, and a note marked "[1]" read as source [1] (one row of a handout
    showed "[1]" five times, review 11)."""
    return f"n{number}"


def mark_column(text: str, spans: list[Span] | None = None, reference: str = "",
                notes: list[tuple[int, int, int]] = (), semantic: bool = True,
                left_out: list[tuple[int, int, int]] = (), syntax: Syntax = NO_SYNTAX,
                reference_syntax: Syntax = NO_SYNTAX,
                facts: list[tuple[int, int, str]] = ()) -> str:
    """``text`` as one source's own column: additions and rewordings marked, the
    reference's omitted (and replaced) words shown by a caret at their place.

    ``semantic`` HTML (browsers) uses ``<ins>``/``<del>`` and keeps the reference's
    words inside the ``<del>`` in a span that is styled small and left out of a
    copy, the caret drawn by the style sheet (``del.omit::before``) so it is not
    text either; Qt's rich text (the PDF) gets spans and the bare caret, so the
    PDF's text layer holds exactly the source's words. Note markers ``(start, end, number)``
    link to the note (``#note-n``). ``left_out`` ranges ``(start, end, source number)`` of
    the reference's own column are the words a source beside it leaves out, struck
    through (class ``left-out``) and followed by the sources that leave them out
    ("[5]", class ``who-left``): the PDF shows omitted words there, where they are the
    column's own text, and a strike naming nobody read as the reference's own deletion.
    ``syntax`` and ``reference_syntax`` are Markdown's, left out as by ``mark_text``.
    ``facts`` ``(start, end, label)`` are the text's fact changes (class ``fact``, the
    label as the browser's tooltip).
    """
    spans, cuts, ends = _pieces(text, spans, notes, syntax)
    for start, end, _ in (*left_out, *facts):
        cuts.update((start, end))
    struck: tuple[int, ...] = ()  # the sources named after the strike run being written
    ins, dele = ("ins", "del") if semantic else ("span", "span")
    out: list[str] = []
    for span in spans:
        old = escape(reference_syntax.visible(reference, span.a_start, span.a_end).strip())
        if span.trivial or not old:
            pass
        elif span.op == DELETE:  # a browser draws the caret from CSS, out of a copy
            mark = f'<span class="gone">{old}</span>' if semantic else OMIT_MARK
            out.append(f'<{dele} class="omit" data-diff="omit" title="left out: {old}">'
                       f'{mark}</{dele}>')
        elif span.op == REPLACE and semantic:  # the words it replaces, kept out of a copy
            out.append(f'<del class="was" title="was: {old}"><span class="gone">{old}</span>'
                       f'</del>')
        if span.op == DELETE:
            continue
        cls = "" if span.op == EQUAL or span.trivial else ("add" if span.op == INSERT else "chg")
        first = True
        for a, b, piece, noted in _shown_pieces(text, span, cuts, syntax, notes):
            if noted:
                piece = f'<span class="noted">{piece}</span>'
            who = tuple(sorted({n for ls, le, n in left_out if ls <= a and b <= le}))
            if who != struck and piece.strip():  # a space inside a run keeps its run going
                out.append(_who_left(struck, piece))
                struck = who
            if who:
                piece = f'<span class="left-out">{piece}</span>'
            found = [(label, fe - fs) for fs, fe, label in facts if fs <= a and b <= fe]
            if found and piece.strip():
                title = f' title="{escape("; ".join(dict.fromkeys(l for l, _ in found)))}"' \
                    if semantic else ""
                long = min(size for _, size in found) > LONG_FACT
                piece = f'<span class="{"fact-long" if long else "fact"}"{title}>{piece}</span>'
            if cls:
                attr = f' data-diff="{cls}"' if first else ""
                piece = f'<{ins} class="{cls}"{attr}>{piece}</{ins}>'
            out.append(piece)
            first = False
            for number in ends.pop(b, []):
                out.append(_note_marker(number))
    out.append(_who_left(struck, ""))
    for leftover in ends.values():
        out.extend(_note_marker(n) for n in leftover)
    return "".join(out)


LONG_FACT = 40
"""Characters of a fact change past which it is not set bold (a whole quote altered): the
ground alone marks it, or a paraphrased paragraph would turn into a bold block."""


def _who_left(sources: tuple[int, ...], after: str) -> str:
    """After a struck run of the reference's words: who leaves them out (" [2] [5]"),
    spaced from a word that follows at once (``after``: the next piece of text)."""
    if not sources:
        return ""
    space = " " if after[:1].isalnum() else ""
    return f'<span class="who-left"> {" ".join(f"[{n}]" for n in sources)}{space}</span>'


def _shown_pieces(text: str, span: Span, cuts: set[int], syntax: Syntax,
                  notes: list[tuple[int, int, int]]) -> Iterator[tuple[int, int, str, bool]]:
    """The pieces of ``span`` in ``text`` that are not syntax: ``(start, end, escaped text,
    whether a note covers it)``."""
    points = sorted(c for c in cuts if span.b_start <= c <= span.b_end)
    for a, b in zip(points, points[1:]):
        if not syntax.covers(a, b):
            yield a, b, escape(text[a:b]).replace("\n\n", "<br><br>"), any(
                ns <= a and b <= ne for ns, ne, _ in notes)


def _note_marker(number: int) -> str:
    """A note's mark, linked to the list of notes (a note on linked paragraphs is marked
    in each: no id here, which five marks of one note had repeated)."""
    return f'<sup class="note"><a href="#note-{number}">{note_tag(number)}</a></sup>'
