"""The comparison as one self-contained HTML file (also the PDF's source).

No scripts, no external resources: styles are inline in one <style>
element, and every text from a source or a note is escaped. ``for_qt``
renders the subset of HTML and CSS that Qt's rich text engine lays out
(tables with explicit widths, spans with background colours) for the PDF.
"""

from __future__ import annotations

from html import escape

from reader.core.annotations.render import note_html
from reader.core.comparison import Comparison
from reader.core.export.markup import diff_css, mark_text
from reader.core.export.report import NoteMark, Report

COLOURS = {"added": "#c9efc4", "changed": "#fbe3a1", "omitted": "#b03a2e", "noted": "#f3d1f4",
           "missing": "#efefed", "unique": "#2e9d4a", "moved": "#2f6fd0", "furniture": "#8a8a85"}

LEGEND = [
    ('<span class="add">added words</span>', "in this version, not in the reference (underlined)"),
    ('<span class="chg">changed words</span>', "worded differently from the reference (italic)"),
    ('<span class="omit">omitted words</span>', "in the reference, left out here (struck through)"),
    ('<span class="missing-cell">&nbsp;not in this source&nbsp;</span>',
     "the source has nothing for this row (grey cell)"),
    ('<b style="color:#2e9d4a">▍only here</b>', "no other source carries this paragraph"),
    ('<span style="color:#2f6fd0">⇅ elsewhere</span>', "this content sits in another row in some source"),
    ('<sup class="note">[1]</sup>', "a note; notes are listed at the end"),
]


def _css(for_qt: bool) -> str:
    base = diff_css(COLOURS["added"], COLOURS["changed"], COLOURS["omitted"], COLOURS["noted"])
    layout = (
        "body { font-family: 'DejaVu Serif', Georgia, serif; font-size: 9.5pt; color: #111; }\n"
        "h1 { font-family: 'DejaVu Sans', sans-serif; font-size: 17pt; margin-bottom: 2pt; }\n"
        "h2 { font-family: 'DejaVu Sans', sans-serif; font-size: 12.5pt; margin-top: 14pt; }\n"
        "table.grid { border-collapse: collapse; width: 100%; }\n"
        "table.grid td, table.grid th { border: 1px solid #bbb; padding: 4px; vertical-align: top; }\n"
        "th { font-family: 'DejaVu Sans', sans-serif; font-size: 8.5pt; background-color: #f2f2f0; "
        "text-align: left; }\n"
        "td.rowno { font-family: 'DejaVu Sans', sans-serif; font-size: 7pt; color: #777; }\n"
        "td.missing-cell, span.missing-cell { background-color: #efefed; color: #8a8a85; "
        "font-style: italic; }\n"
        ".furniture { color: #8a8a85; }\n"
        ".heading { font-weight: bold; }\n"
        ".where { font-family: 'DejaVu Sans', sans-serif; font-size: 7pt; color: #2f6fd0; }\n"
        ".only { color: #2e9d4a; font-weight: bold; }\n"
        ".meta { color: #555; }\n"
        "td.num { text-align: right; }\n"
    )
    if not for_qt:
        layout += ("body { max-width: 1400px; margin: 2em auto; line-height: 1.4; }\n"
                   "table.grid { table-layout: fixed; }\n"
                   "@media print { tr { break-inside: avoid; } }\n")
    return base + layout


def _names(report: Report) -> dict[int, str]:
    return {s: f"[{s + 1}] {escape(report.comp.documents[s].name)}" for s in report.order}


def render_html(report: Report, for_qt: bool = False) -> str:
    parts = [f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
             f"<title>{escape(report.title)}</title>"
             f"<style>\n{_css(for_qt)}</style></head><body>"]
    parts.append(_front_matter(report))
    parts.append(_comparison(report, for_qt))
    parts.append(_notes_section(report))
    parts.append("</body></html>")
    return "".join(parts)


def _front_matter(report: Report) -> str:
    names = _names(report)
    ref = report.reference
    out = [f"<h1>{escape(report.title)}</h1>",
           f'<p class="meta">Comparison of {len(report.order)} versions exported by Parallax on '
           f"{escape(report.date)}. Reference: {names[ref]}.</p>",
           "<h2>Sources</h2>",
           '<table class="grid" cellspacing="0" cellpadding="4" width="100%"><tr>'
           "<th>#</th><th>Name</th><th>Path</th><th>Encoding</th><th>Words</th>"
           "<th>Paragraphs</th><th>Shared with others</th></tr>"]
    for s in report.order:
        info = report.sources[s]
        share = f"{100 * info.shared / info.content:.0f}%" if info.content else "–"
        out.append(f"<tr><td>{s + 1}</td><td>{escape(info.name)}</td>"
                   f"<td>{escape(info.path)}</td><td>{escape(info.encoding)}</td>"
                   f'<td class="num">{info.words}</td><td class="num">{info.paragraphs}</td>'
                   f'<td class="num">{share}</td></tr>')
    out.append("</table><h2>Legend</h2><table cellspacing=\"0\" cellpadding=\"3\">")
    out.extend(f"<tr><td>{mark}</td><td>{escape(text)}</td></tr>" for mark, text in LEGEND)
    out.append("</table><h2>Summary</h2><ul>")
    out.append(f"<li>{report.shared_by_all} paragraphs of {names[report.order[0]]} are carried "
               f"by all {len(report.order)} sources.</li>")
    for s in report.order:
        info = report.sources[s]
        line = (f"{names[s]}: {info.unique} paragraphs only here, {info.moved} moved"
                if info.unique or info.moved else f"{names[s]}: no unique or moved paragraphs")
        if s != ref:
            line += (f"; against the reference {info.added} words added, {info.omitted} omitted, "
                     f"{info.changed} changed")
        out.append(f"<li>{line}.</li>")
    out.append("</ul>")
    if report.options.only_differences:
        out.append('<p class="meta">Only rows with differences are shown.</p>')
    return "".join(out)


def _cell(report: Report, row: int, s: int) -> tuple[str, str]:
    """(td attributes, inner HTML) for source ``s`` in ``row``."""
    comp = report.comp
    paras = comp.rows[row][s]
    if not paras:
        return ' class="missing-cell"', "not in this source"
    doc = comp.documents[s]
    ref = report.reference
    comparable = s != ref and comp.comparable(row, ref, s)
    text = comp.row_text(row, s)
    notes = []
    offset = 0
    for p in paras:  # map note positions into the row's joined text
        para = doc.paragraphs[p]
        for number, placement in report.notes_in(s, para.start, para.end + 1):
            start = offset + placement.start - para.start
            end = min(offset + len(para.text), start + placement.end - placement.start)
            notes.append((start, end, number))
        offset += len(para.text) + 2
    spans = comp.row_diff(row, ref, s) if comparable else None
    body = mark_text(text, spans, comp.row_text(row, ref) if comparable else "", notes)
    extras = []
    first = doc.paragraphs[paras[0]]
    if all(doc.paragraphs[p].boilerplate for p in paras):
        body = f'<span class="furniture">{body}</span>'
    elif first.heading:
        body = f'<span class="heading">{body}</span>'
    if any(comp.presence((s, p)) == "none" and not doc.paragraphs[p].boilerplate for p in paras):
        extras.append('<span class="only">▍only here</span>')
    for p in paras:
        for other in comp.moved((s, p)):
            extras.append(f'<span class="where">⇅ also in [{other[0] + 1}], row '
                          f'{comp.row_of[other] + 1}</span>')
    if extras:
        body += "<br>" + " ".join(dict.fromkeys(extras))
    return "", body


def _comparison(report: Report, for_qt: bool) -> str:
    names = _names(report)
    if report.layout == "pairs":
        sections = []
        for s in report.order:
            if s != report.reference:
                sections.append(f"<h2>{names[s]} against the reference</h2>")
                sections.append(_table(report, [report.reference, s], names))
        return "<h2>Aligned text, pair by pair</h2>" + "".join(sections)
    return "<h2>Aligned text</h2>" + _table(report, report.order, names)


def _table(report: Report, columns: list[int], names: dict[int, str]) -> str:
    width = f"{96 // len(columns)}%"
    out = ['<table class="grid" cellspacing="0" cellpadding="4" width="100%"><thead><tr>'
           '<th width="3%">#</th>']
    out.extend(f'<th width="{width}">{names[s]}{" (reference)" if s == report.reference else ""}'
               f"</th>" for s in columns)
    out.append("</tr></thead><tbody>")
    for row in report.rows:
        if report.layout == "pairs" and not any(report.comp.rows[row][s] for s in columns):
            continue
        out.append(f'<tr><td class="rowno">{row + 1}</td>')
        for s in columns:
            attrs, body = _cell(report, row, s)
            out.append(f'<td width="{width}"{attrs}>{body}</td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _note_item(mark: NoteMark, comp: Comparison) -> str:
    note = mark.placed.note
    doc = comp.documents[mark.placed.source] if 0 <= mark.placed.source < len(comp.documents) \
        else None
    where = f"[{mark.placed.source + 1}] {escape(doc.name)}" if doc else escape(note.anchor.path)
    number = f"<b>[{mark.number}]</b> " if mark.number else ""
    state = mark.placed.state
    confidence = f" ({mark.placed.placement.confidence:.0%} sure)" if state == "fuzzy" else ""
    return (f"<p>{number}<i>{escape(note.category)}</i> · {escape(note.status)} · {where}"
            f"{'' if state == 'anchored' else f' · {state}{confidence}'}<br>"
            f"“{escape(note.anchor.quote)}”</p>{note_html(note.body)}")


def _notes_section(report: Report) -> str:
    if not report.options.include_notes or not (report.notes or report.orphans):
        return ""
    out = ["<h2>Notes</h2>"]
    out.extend(_note_item(m, report.comp) for m in report.notes)
    if report.orphans:
        out.append("<h2>Notes whose text was not found (orphans)</h2>")
        out.extend(_note_item(m, report.comp) for m in report.orphans)
    return "".join(out)
