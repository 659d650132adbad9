"""The comparison as Markdown: for pasting into notes, wikis and e-mail.

Markdown has no colours, so marks are textual: added words in **bold**,
omitted ones ~~struck~~, changed ones in _italics_ after the struck
reference words; note numbers as [^n] footnotes.
"""

from __future__ import annotations

import re

from reader.core.annotations.render import note_line
from reader.core.export.report import Report
from reader.core.diff.words import DELETE, EQUAL, INSERT

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def _md(text: str) -> str:
    """Escape Markdown (and HTML) syntax in source text."""
    return _SPECIAL.sub(r"\\\1", text).replace("\n\n", "\n\n> ")


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
            out.append(f"**{_md(new.strip())}** " if new.endswith(" ") else f"**{_md(new)}**")
        elif span.op == DELETE:
            out.append(f"~~{_md(old.strip())}~~ ")
        else:
            out.append(f"~~{_md(old.strip())}~~ _{_md(new.strip())}_ ")
    return "".join(out)


def render_markdown(report: Report) -> str:
    comp = report.comp
    names = {s: f"[{s + 1}] {comp.documents[s].name}" for s in report.order}
    lines = [f"# {_md(report.title)}", "",
             f"Comparison of {len(report.order)} versions, exported by Parallax on "
             f"{report.date}. Reference: {_md(names[report.reference])}.", "",
             "Marks: **added**, ~~omitted~~, ~~reference~~ _changed_.", "", "## Sources", "",
             "| # | Name | Encoding | Words | Paragraphs | Only here |", "|---|---|---|---|---|---|"]
    for s in report.order:
        i = report.sources[s]
        lines.append(f"| {s + 1} | {_md(i.name)} | {i.encoding} | {i.words} | {i.paragraphs} "
                     f"| {i.unique} |")
    lines += ["", "## Aligned text", ""]
    for row in report.rows:
        lines.append(f"### Row {row + 1}")
        lines.append("")
        for s in report.order:
            body = _marked(report, row, s) if comp.rows[row][s] else "_not in this source_"
            lines.append(f"**{_md(names[s])}**{' (reference)' if s == report.reference else ''}:")
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
