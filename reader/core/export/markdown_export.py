"""The comparison as Markdown (GitHub-flavoured): for pasting into notes, wikis and e-mail.

Markdown has no colours, so marks are textual: added words in **bold**,
omitted ones ~~struck~~, changed ones in *italics* after the struck
reference words. A mark never spans a paragraph break (GFM would show the
markers literally), and the markers sit on the words, spaces outside, as GFM
requires of emphasis. Each row heading carries an explicit anchor
(``<a id="row-12">``, see ``render_markdown``), which the change list links to.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.core.change_items import group_changes
from reader.core.diff.words import DELETE, EQUAL, INSERT
from reader.core.export.markup import note_tag
from reader.core.export.report import (
    AGAINST_KEY,
    ALIGN_LEGEND,
    CHANGE_HEADINGS,
    ORPHANS_HEADING,
    NoteMark,
    Report,
    align_mark,
    shown_label,
)
from reader.core.snippets import one_line, quoted, with_stop

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
_PUNCT = re.compile(r"[^\w\s]")


def _md(text: str) -> str:
    """Escape Markdown (and HTML) syntax in source text."""
    return _SPECIAL.sub(r"\\\1", text).replace("\n\n", "\n\n> ")


_NOTE_SPECIAL = re.compile(r"([\\{}\[\]<>#|])")
"""What a note keeps from its Markdown in the Markdown export: emphasis, code and
strike-through (``*``, ``_``, `` ` ``, ``~``) stay; brackets (links, which could point
anywhere), angle brackets (raw HTML) and backslashes (which would unescape the rest)
are escaped."""


def _note_entry(mark: NoteMark, names: dict[int, str]) -> str:
    """One note as a list item: its name (``note_tag``; orphans have none), state, category and
    status, source, the text it quotes and its body."""
    note = mark.placed.note
    state = f" ({mark.placed.state_words})" if mark.placed.state_words else ""
    label = (f"- **{note_tag(mark.number)}**" if mark.number else "-") + state
    where = names.get(mark.placed.source, Path(note.anchor.path).name)
    return (f"{label} _{_md(note.category)}, {_md(note.status)}_ on {_md(where)}: "
            f"{_md(quoted(one_line(note.anchor.quote)))} — {_note_md(note.body)}")


def _note_md(body: str) -> str:
    """A note's text on one line, still Markdown (bold reads as bold), but unable to
    link, load or inject anything: notes are user input shared with others."""
    return _NOTE_SPECIAL.sub(r"\\\1", one_line(body))


def _wrap(marker: str, text: str, before: str = "", after: str = "") -> str:
    """``text`` with ``marker`` around each of its paragraphs, spaces kept outside.

    ``before`` and ``after`` are the characters the Markdown has on either side ("" for
    none). GFM opens a marker before punctuation only where a space or punctuation
    precedes it, and closes one after punctuation only where a space or punctuation
    follows: only against a letter or digit is a space put in. (Always putting it in
    wrote ``accountable,~~ " Ellison said``: a space before the closing quote.)"""
    pieces = text.split("\n\n")
    out = []
    for k, piece in enumerate(pieces):
        core = piece.strip()
        if not core:
            out.append(piece)
            continue
        lead = piece[:len(piece) - len(piece.lstrip())]
        trail = piece[len(piece.rstrip()):]
        if not lead and _PUNCT.match(core[0]) and _is_word_char(before if k == 0 else ""):
            lead = " "
        if not trail and _PUNCT.match(core[-1]) and \
                _is_word_char(after if k == len(pieces) - 1 else ""):
            trail = " "
        out.append(f"{lead}{marker}{_md(core)}{marker}{trail}")
    return "\n\n> ".join(out)


def _is_word_char(char: str) -> bool:
    return bool(char) and not char.isspace() and not _PUNCT.match(char)


MARK = "~"
"""What a neighbouring mark puts beside a span's text in ``_marked``: punctuation (its
marker) or the space ``_wrap`` keeps outside it; either lets a marker close."""


def _marked(report: Report, row: int, s: int) -> str:
    """Row ``row`` of source ``s`` in Markdown, its changes against the reference marked.

    A struck run keeps its own spaces around it ("here, ~~and if anyone cut corners,~~"),
    where it was written stripped and glued to the word before ("here,~~and…")."""
    comp = report.comp
    text, syntax = comp.row_text(row, s), comp.row_syntax(row, s)
    ref = report.reference
    if s == ref or not comp.comparable(row, ref, s):
        return _md(syntax.visible(text))
    reference, reference_syntax = comp.row_text(row, ref), comp.row_syntax(row, ref)
    pieces = [(EQUAL if span.op == EQUAL or span.trivial else span.op,
               reference_syntax.visible(reference, span.a_start, span.a_end),
               syntax.visible(text, span.b_start, span.b_end))
              for span in comp.row_diff(row, ref, s)]
    out = []
    for k, (op, old, new) in enumerate(pieces):
        before = (pieces[k - 1][2][-1:] if pieces[k - 1][0] == EQUAL else MARK) if k else ""
        after = (pieces[k + 1][2][:1] if pieces[k + 1][0] == EQUAL else MARK) \
            if k + 1 < len(pieces) else ""
        if op == EQUAL:
            out.append(_md(new))
        elif op == INSERT:
            out.append(_wrap("**", new, before, after))
        elif op == DELETE:
            out.append(_wrap("~~", old, before, after))
        else:  # the new words after the struck ones, a space between (cmark-gfm opens no
            # "*" right after "~~" before punctuation: "~~12~~*: what*" stays literal)
            gap = "" if old[-1:].isspace() else " "
            out.append(_wrap("~~", old, before, MARK) + gap + _wrap("*", new, " ", after))
    return "".join(out)


def _anchor(report: Report, row: int) -> str:
    return f"row-{report.number(row)}"


def _row_link(report: Report, row: int, capital: bool = False) -> str:
    """A reference-style link to a row named as the reader names it (``[place 9][row-12]``,
    defined at the end): an inline ``](`` is never written, so none can come from a
    source's text unescaped."""
    return f"[{_where(report, row, capital)}][{_anchor(report, row)}]"


def _where(report: Report, row: int, capital: bool) -> str:
    """``Report.where``: "place 9", "after place 9"; with a capital to open a line."""
    where = report.where(row)
    return where[0].upper() + where[1:] if capital else where


def _source(s: int) -> str:
    return f"\\[{s + 1}\\]"


def _cell_marks(report: Report, row: int, s: int) -> str:
    """What the HTML shows under a cell, in words: only here, moved, alignment."""
    marks = ["▍only here"] if report.only_here(row, s) else []
    marks += [f"⇅ also in {_row_link(report, other)}: {' '.join(map(_source, sources))}"
              for other, sources in report.elsewhere(row, s).items()]
    mark = align_mark(report.comp, row, report.reference, s)
    if mark:
        marks.append(_md(mark.label))
    return "".join(f" — {m}" for m in marks)


def _readings(report: Report, row: int, names: dict[int, str]) -> list[str]:
    """The row's entries (``Report.renderings``) with text: each text once, under the
    source's name, or the numbers of all that read so (the sources table names them);
    "same words as [1]" in one line."""
    ref = report.reference
    lines = []
    for entry in report.renderings(row):
        first = entry.sources[0]
        if entry.kind == "absent":
            continue
        if entry.kind == "same":
            lines += [f"_Same words as {_source(ref)}:_ {_md(entry.numbers)}"
                      f"{_cell_marks(report, row, first)}", ""]
            continue
        who = f"**{_md(names[first])}**" if len(entry.sources) == 1 else \
            f"**{_md(entry.numbers)}** (word for word the same in each)"
        what = " (reference)" if entry.kind == "reference" else \
            f" (not linked to {_source(ref)}'s text here)" \
            if entry.kind == "unlinked" and report.comp.rows[row][ref] else ""
        lines.append(f"{who}{what}{_cell_marks(report, row, first)}:")
        lines += ["", f"> {_marked(report, row, first)}", ""]
    return lines


def _absent(report: Report, row: int) -> list[str]:
    """One line for the sources with nothing in this row, grouped by where their text
    moved to (a line per source would repeat "not in this source" hundreds of times)."""
    out = [_md(entry.numbers) + (
        f" (moved to {', '.join(_row_link(report, r) for r in entry.moved_to)})"
        if entry.moved_to else "")
        for entry in report.renderings(row) if entry.kind == "absent"]
    return [f"_Not here:_ {' · '.join(out)}", ""] if out else []


def _change_lines(report: Report) -> list[str]:
    lines = ["## Changes", ""]
    for heading, fact in zip(CHANGE_HEADINGS, (True, False)):
        items = [item for item in report.changes if item.fact == fact]
        if not items:
            continue
        lines += [f"### {heading}", ""]
        for group in group_changes(items):
            item = group.first
            kind = f"**{_md(item.kind)}** " if item.fact else ""
            label = shown_label(item)
            moved = (f" (moved: {_md(group.numbers)} {group.says} it in "
                     f"{_row_link(report, item.at)})" if item.at is not None else "")
            lines.append(f"- {_row_link(report, item.row, capital=True)} · {_md(group.numbers)} "
                         f"{kind}{_md(label)}{moved}")
        lines.append("")
    return lines


def render_markdown(report: Report) -> str:
    """The comparison as GitHub-flavoured Markdown.

    Rows are targets of explicit ``<a id="row-n"></a>`` anchors: cmark-gfm and most
    renderers give headings no ids, so ``#row-n`` needs one of its own. GitHub keeps
    ``id`` on ``a`` (prefixed ``user-content-``, which its pages resolve for ``#row-n``).
    Headings name rows as the reader does ("Place 4", ``Report.where``); the anchors
    count every shown row, as the HTML's do. Renderers that drop raw HTML (cmark-gfm
    without ``--unsafe``) keep the text, not the targets.
    """
    names = {s: report.label(s) for s in report.order}
    lines = [f"# {_md(report.title)}", "",
             f"Comparison of {len(report.order)} versions, exported by Parallax on "
             f"{report.date}. Reference: {_md(with_stop(names[report.reference]))}", "",
             "Marks: **added**, ~~omitted~~, ~~reference~~ *changed*; ▍only here: no other "
             "source carries it; ⇅ also in place n: the same content sits in another row.", "",
             f"Alignment: {_md(ALIGN_LEGEND)}", ""]
    lines += [f"> ⚠ {_md(w)}" for w in report.warnings] + ([""] if report.warnings else [])
    # "From" only where some label does not say where its source comes from already.
    origin = any(report.sources[s].provenance for s in report.order)
    lines += ["## Sources", "",
              f"| Source |{' From |' if origin else ''} Encoding | Words | Paragraphs "
              f"| Only here | Against {_source(report.reference)} |",
              "|---" * (6 + origin) + "|"]
    for s in report.order:  # the label starts with the source's number: no column of its own
        i = report.sources[s]
        lines.append(f"| {_md(names[s])} |{f' {_md(i.provenance)} |' if origin else ''}"
                     f" {i.encoding} | {i.words} | {i.paragraphs} | {i.unique} "
                     f"| {_md(report.against(s))} |")
    lines += ["", _md(AGAINST_KEY), ""]
    # Who [1]…[n] are comes before the change list that names them (as in the PDF and HTML).
    if report.changes:
        lines += _change_lines(report)
    lines += ["## Aligned text", "",
              "Each row shows the reference's text, then each other reading beneath it; "
              "sources that read alike share one entry.", ""]
    for row in report.rows:
        lines += [f'### <a id="{_anchor(report, row)}"></a>{_where(report, row, True)}', ""]
        lines += _readings(report, row, names)
        lines += _absent(report, row)
    if report.notes or report.orphans:
        lines += ["## Notes", ""] + ([_md(report.notes_key), ""] if report.notes_key else [])
        lines += [_note_entry(mark, names) for mark in report.notes] + [""]
        if report.orphans:  # apart, under the heading the PDF and the HTML give them
            lines += [f"### {ORPHANS_HEADING}", ""]
            lines += [_note_entry(mark, names) for mark in report.orphans] + [""]
    lines += [f"[{_anchor(report, row)}]: #{_anchor(report, row)}" for row in report.rows]
    return "\n".join(lines)
