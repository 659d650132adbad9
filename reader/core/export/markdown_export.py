"""The comparison as Markdown (GitHub-flavoured): for pasting into notes, wikis and e-mail.

Markdown has no colours, so marks are textual: added words in **bold**,
omitted ones ~~struck~~, changed ones in *italics* after the struck
reference words. A mark never spans a paragraph break (GFM would show the
markers literally), and the markers sit on the words, spaces outside, as GFM
requires of emphasis. Row headings give GitHub's anchors (``#row-12``), which
the change list links to.
"""

from __future__ import annotations

import re

from reader.core.annotations.render import note_line
from reader.core.diff.fact_changes import label_without_kind
from reader.core.diff.words import DELETE, EQUAL, INSERT
from reader.core.export.report import ALIGN_LEGEND, Report, align_mark

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
_PUNCT = re.compile(r"[^\w\s]")


def _md(text: str) -> str:
    """Escape Markdown (and HTML) syntax in source text."""
    return _SPECIAL.sub(r"\\\1", text).replace("\n\n", "\n\n> ")


def _wrap(marker: str, text: str) -> str:
    """``text`` with ``marker`` around each of its paragraphs, spaces kept outside."""
    out = []
    for piece in text.split("\n\n"):
        core = piece.strip()
        if not core:
            out.append(piece)
            continue
        lead = piece[:len(piece) - len(piece.lstrip())]
        trail = piece[len(piece.rstrip()):]
        # GFM opens a marker before punctuation only after a space, and closes one after
        # punctuation only before a space or punctuation: give it the space it needs.
        if _PUNCT.match(core[0]) and not lead:
            lead = " "
        if _PUNCT.match(core[-1]) and not trail:
            trail = " "
        out.append(f"{lead}{marker}{_md(core)}{marker}{trail}")
    return "\n\n> ".join(out)


def _marked(report: Report, row: int, s: int) -> str:
    comp = report.comp
    text = comp.row_text(row, s)
    ref = report.reference
    if s == ref or not comp.comparable(row, ref, s):
        return _md(text)
    reference = comp.row_text(row, ref)
    out = []
    for span in comp.row_diff(row, ref, s):
        new, old = text[span.b_start:span.b_end], reference[span.a_start:span.a_end]
        if span.op == EQUAL or span.trivial:
            out.append(_md(new))
        elif span.op == INSERT:
            out.append(_wrap("**", new))
        elif span.op == DELETE:
            out.append(_wrap("~~", old.strip()) + " ")
        else:
            out.append(_wrap("~~", old.strip()) + " " + _wrap("*", new))
    return "".join(out)


def render_markdown(report: Report) -> str:
    comp = report.comp
    names = {s: report.label(s) for s in report.order}
    lines = [f"# {_md(report.title)}", "",
             f"Comparison of {len(report.order)} versions, exported by Parallax on "
             f"{report.date}. Reference: {_md(names[report.reference])}.", "",
             "Marks: **added**, ~~omitted~~, ~~reference~~ *changed*.", "",
             f"Alignment: {_md(ALIGN_LEGEND)}", ""]
    lines += [f"> ⚠ {_md(w)}" for w in report.warnings] + ([""] if report.warnings else [])
    if report.changes:
        lines += ["## Changes", ""]
        for item in report.changes:  # reference-style links: GitHub's anchors of "### Row n"
            kind = f"**{_md(item.kind)}** " if item.fact else ""
            label = label_without_kind(item.kind, item.label) if item.fact else item.label
            lines.append(f"- [Row {item.row + 1}][row-{item.row + 1}] · \\[{item.source + 1}\\] "
                         f"{kind}{_md(label)}")
        lines.append("")
        rows = dict.fromkeys(item.row for item in report.changes)
        lines += [f"[row-{row + 1}]: #row-{row + 1}" for row in rows] + [""]
    lines += ["## Sources", "",
              "| # | Source | Encoding | Words | Paragraphs | Only here |",
              "|---|---|---|---|---|---|"]
    for s in report.order:
        i = report.sources[s]
        lines.append(f"| {s + 1} | {_md(names[s])} | {i.encoding} | {i.words} | {i.paragraphs} "
                     f"| {i.unique} |")
    lines += ["", "## Aligned text", ""]
    for row in report.rows:
        lines.append(f"### Row {row + 1}")
        lines.append("")
        for s in report.order:
            body = _marked(report, row, s) if comp.rows[row][s] else "_not in this source_"
            mark = align_mark(comp, row, report.reference, s)
            how = f" — {_md(mark.label)}" if mark else ""
            lines.append(f"**{_md(names[s])}**{' (reference)' if s == report.reference else ''}"
                         f"{how}:")
            lines.append("")
            lines.append(f"> {body}")
            lines.append("")
    if report.notes or report.orphans:
        lines += ["## Notes", ""]
        for mark in report.notes + report.orphans:
            note = mark.placed.note
            label = f"{mark.number}." if mark.number else "- (orphan)"
            lines.append(f"{label} _{_md(note.category)}, {_md(note.status)}_ on "
                         f"{_md(names.get(mark.placed.source, note.anchor.path))}: "
                         f"“{_md(note.anchor.quote)}” — {_md(note_line(note.body))}")
        lines.append("")
    return "\n".join(lines)
