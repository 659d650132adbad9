"""The comparison as one self-contained HTML file, and the HTML pieces the PDF lays out.

No scripts, no external resources: styles are inline in one <style>
element, and every text from a source or a note is escaped. The browser file
uses ``<ins>``/``<del>``, anchors for rows and notes and print CSS; the PDF
(``reader.render.flow``) takes the same pieces with ``semantic=False``, the
subset Qt's rich text engine lays out.

Every text colour is chosen for a contrast of at least 4.5:1 (WCAG AA) on
its background; ``tests/test_export_html.py`` computes it from ``COLOURS``.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from reader.core.annotations.render import note_html
from reader.core.bidi import isolated_label
from reader.core.change_items import ChangeGroup, group_changes
from reader.core.diff.words import DELETE
from reader.core.export.markup import OMIT_MARK, mark_column, note_tag
from reader.core.export.report import (
    AGAINST_KEY,
    CHANGE_HEADINGS,
    HAND_LEGEND,
    HAND_MARK,
    LOW_LEGEND,
    LOW_MARK,
    ORPHANS_HEADING,
    NoteMark,
    Report,
    align_mark,
    shown_label,
)
from reader.core.load.markup import NO_SYNTAX
from reader.core.snippets import counted, cut_at_word, number_runs, one_line, quoted, with_stop

COLOURS = {
    "text": "#111111", "page": "#ffffff",
    "added": "#c9efc4", "changed": "#fbe3a1", "noted": "#f3d1f4",  # backgrounds under text
    "omitted": "#a1281c", "missing": "#efefed", "missing_text": "#55554f",
    "unique": "#1d6e33", "moved": "#2456a6", "furniture": "#62625c", "muted": "#55554f",
    "header": "#f2f2f0", "rule": "#bbbbbb",
    "fact": "#e6dcfb", "fact_ink": "#3b1a80",  # the reader's fact mark: violet, bold
}
"""Backgrounds (added, changed, noted, missing, header) and text colours; every
text colour has >= 4.5:1 contrast on the page and on the backgrounds it sits on."""

LEGEND_SAME = '<span class="same">same words as [1]</span>'
LEGEND = [
    ('<span class="fact">16</span>', "a fact change: a number, date, name, quote, speaker, "
                                     "stance, negation or hedge that differs from the "
                                     "reference (bold on violet)"),
    ('<span class="add">added words</span>', "in this source, not in the reference (underlined)"),
    ('<span class="chg">changed words</span>', "worded differently from the reference (italic)"),
    (f'<span class="omit">{OMIT_MARK}</span>', "reference words this source leaves out "
                                               "(see the reference column)"),
    ('<span class="left-out">struck</span><span class="who-left"> [5]</span>',
     "in the reference's text (one table per row): words [5] leaves out"),
    ('<span class="missing-cell">&nbsp;not in this source&nbsp;</span>',
     "the source has nothing for this row (grey cell)"),
    ('<span class="only">▍only here</span>', "no other source carries this paragraph"),
    ('<span class="where">⇅ elsewhere</span>', "this content sits in another row in some source"),
    (LEGEND_SAME, "these sources read as the reference here, punctuation and case aside"),
    (f'<sup class="note">{note_tag(1)}</sup>', "a note (linked to the list of notes)"),
    (f'<span class="how">{HAND_MARK}</span>', HAND_LEGEND),
    (f'<span class="how low">{LOW_MARK}</span>', LOW_LEGEND),
]


def css(semantic: bool) -> str:
    """The style sheet; ``semantic`` adds the browser and print rules Qt does not read."""
    c = COLOURS
    rules = (
        f"body {{ font-family: 'DejaVu Serif', Georgia, serif; font-size: 9.5pt; "
        f"color: {c['text']}; background-color: {c['page']}; }}\n"
        "h1 { font-family: 'DejaVu Sans', sans-serif; font-size: 17pt; margin-bottom: 2pt; }\n"
        "h2 { font-family: 'DejaVu Sans', sans-serif; font-size: 12.5pt; margin-top: 12pt; }\n"
        "h3 { font-family: 'DejaVu Sans', sans-serif; font-size: 10.5pt; margin-top: 8pt; }\n"
        "table.grid { border-collapse: collapse; width: 100%; }\n"
        f"table.grid td, table.grid th {{ border: 1px solid {c['rule']}; padding: 4px; "
        "vertical-align: top; }\n"
        f"th {{ font-family: 'DejaVu Sans', sans-serif; font-size: 8.5pt; "
        f"background-color: {c['header']}; text-align: left; }}\n"
        f".rowno {{ font-family: 'DejaVu Sans', sans-serif; font-size: 7pt; "
        f"color: {c['muted']}; }}\n"
        f".missing-cell {{ background-color: {c['missing']}; color: {c['missing_text']}; "
        "font-style: italic; }\n"
        f".add {{ background-color: {c['added']}; text-decoration: underline; "
        f"color: {c['text']}; }}\n"
        f".chg {{ background-color: {c['changed']}; font-style: italic; text-decoration: none; "
        f"color: {c['text']}; }}\n"
        f".omit {{ color: {c['omitted']}; font-weight: bold; text-decoration: none; }}\n"
        f".fact {{ background-color: {c['fact']}; font-weight: bold; color: {c['fact_ink']}; "
        "font-style: normal; }\n"
        f".fact-long {{ background-color: {c['fact']}; color: {c['fact_ink']}; "
        "font-style: normal; }\n"
        f".left-out {{ color: {c['omitted']}; text-decoration: line-through; }}\n"
        f".who-left {{ color: {c['omitted']}; font-family: 'DejaVu Sans', sans-serif; "
        f"font-size: 7pt; font-weight: bold; }}\n"
        f".noted {{ background-color: {c['noted']}; }}\n"
        f".note {{ color: {c['omitted']}; font-weight: bold; }}\n"
        f".furniture {{ color: {c['furniture']}; }}\n"
        ".heading { font-weight: bold; }\n"
        f".where {{ font-family: 'DejaVu Sans', sans-serif; font-size: 7pt; "
        f"color: {c['moved']}; }}\n"
        f".only {{ color: {c['unique']}; font-weight: bold; }}\n"
        f".how {{ font-family: 'DejaVu Sans', sans-serif; font-size: 7pt; color: {c['moved']}; "
        f"border: 1px solid {c['moved']}; padding: 0 2px; }}\n"
        f".how.low {{ color: {c['omitted']}; border-color: {c['omitted']}; }}\n"
        f".meta {{ color: {c['muted']}; }}\n"
        f".same {{ color: {c['muted']}; font-style: italic; }}\n"
        f".who {{ font-family: 'DejaVu Sans', sans-serif; font-size: 8pt; }}\n"
        f".warning {{ color: {c['omitted']}; font-weight: bold; }}\n"
        "td.num { text-align: right; }\n"
        "table.changes td { vertical-align: top; padding: 1px 6px 3px 0; }\n"
        "table.map td { text-align: center; padding: 0 2px; }\n"
        f"a {{ color: {c['text']}; }}\n"  # not "inherit": Qt makes it an invalid colour
    )
    if semantic:
        rules += (
            "body { max-width: 1400px; margin: 2em auto; padding: 0 1em; line-height: 1.45; }\n"
            "table.grid { table-layout: fixed; }\n"
            "table.grid th.source { width: 40%; }\n"  # the labels, where the rest are figures
            "td { overflow-wrap: anywhere; }\n"
            "th { overflow-wrap: break-word; hyphens: none; }\n"
            "th.rowno, td.rowno { width: 3.2em; }\n"
            "table.versions th.who { width: 9em; }\n"
            ".run { white-space: nowrap; }\n"  # "[5]–[7]" is never cut at its dash
            f"table.versions tr.first td {{ border-top: 2px solid {c['muted']}; }}\n"
            # a row label ("Place 18", "118") is never broken inside, whatever the column
            ".rowno, td.rowlink { white-space: nowrap; overflow-wrap: normal; }\n"
            # the omission caret is drawn, not text: a copy of the column stays the source's
            "del.omit::before { content: '\\2038'; user-select: none; }\n"
            f".gone {{ font-size: 80%; text-decoration: line-through; color: {c['omitted']}; "
            "font-weight: normal; user-select: none; -webkit-user-select: none; }\n"
            "del.was { text-decoration: none; }\n"
            ":target { outline: 2px solid #2456a6; }\n"
            "@page { size: A4 landscape; margin: 14mm 12mm; }\n"
            "@media print {\n"
            "  body { max-width: none; margin: 0; padding: 0; font-size: 9pt; }\n"
            "  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }\n"
            "  tr { break-inside: avoid; }\n"
            "  h1, h2, h3 { break-after: avoid; }\n"
            "  thead { display: table-header-group; }\n"
            "}\n"
        )
    return rules


def row_anchor(report: Report, row: int, *sources: int | None) -> str:
    """The anchor of a row as the reader numbers it (``row-12``); in the pair layout, of
    the entry showing the first of ``sources`` there (``row-12-s3``, named after the
    entry's first source: sources reading alike share one entry)."""
    number = report.number(row)
    first = next((s for s in sources if s is not None), None)
    if report.layout != "pairs" or first is None:
        return f"row-{number}"
    return f"row-{number}-s{report.rendering_of(row, first).sources[0] + 1}"


def title_html(report: Report) -> str:
    ref = escape(with_stop(report.label(report.reference)))
    out = [f"<h1>{escape(report.title)}</h1>",
           f'<p class="meta">Comparison of {len(report.order)} versions exported by Parallax on '
           f"{escape(report.date)}. Reference: {ref}</p>"]
    out.extend(f'<p class="warning">{escape(w)}</p>' for w in report.warnings)
    if report.options.only_differences:
        out.append('<p class="meta">Only rows with differences are shown.</p>')
    return "".join(out)


def _label(report: Report, row: int) -> str:
    """``Report.where`` as a row's label: "Place 12", "After place 12", its number kept
    on the word's line."""
    where = report.where(row)
    head, _, number = where.rpartition(" ")
    return escape(f"{where[0].upper()}{head[1:]}") + f"&nbsp;{escape(number)}"


def change_line(report: Report, group: ChangeGroup) -> str:
    """One change as "[k] kind label", the sources saying it alike as one "[11]–[15]"; in
    the pair layout the numbers link to the first one's section. A fact of a paragraph the
    source has moved says where its side is."""
    item = group.first
    kind = f"<b>{escape(item.kind)}</b> " if item.fact else ""
    label = shown_label(item)
    sources = group.numbers
    if report.layout == "pairs":
        target = row_anchor(report, item.row if item.at is None else item.at, item.source)
        sources = f'<a href="#{target}">{sources}</a>'
    moved = ""
    if item.at is not None:
        moved = (f' <span class="where">(moved: {group.numbers} {group.says} it in '
                 f'<a href="#{row_anchor(report, item.at, item.source)}">'
                 f"{report.where(item.at)}</a>)</span>")
    return f"{sources} {kind}{escape(label)}{moved}"


def change_sections(report: Report) -> list[tuple[str, list[tuple[str, str]]]]:
    """The change list as (heading, [(link to the row, what changed there)]): fact changes,
    then wording, additions and omissions, one pair per row in story order."""
    out = []
    for heading, fact in zip(CHANGE_HEADINGS, (True, False)):
        groups: dict[int, list[ChangeGroup]] = {}
        for group in group_changes([item for item in report.changes if item.fact == fact]):
            groups.setdefault(group.first.row, []).append(group)
        out.append((heading, [
            (f'<a href="#{row_anchor(report, row)}">{_label(report, row)}</a>',
             "<br>".join(change_line(report, group) for group in row_groups))
            for row, row_groups in groups.items()]))
    return [(heading, groups) for heading, groups in out if groups]


def changes_html(report: Report) -> str:
    out = []
    for heading, groups in change_sections(report):
        rows = "".join(f'<tr><td class="rowlink">{link}</td><td>{what}</td></tr>'
                       for link, what in groups)
        out.append(f'<h3>{escape(heading)}</h3><table class="changes">{rows}</table>')
    return "".join(out)


def sources_html(report: Report) -> str:
    out = ['<table class="grid" cellspacing="0" cellpadding="4" width="100%"><thead><tr>'
           '<th class="source">Source</th><th>Encoding</th><th>Words</th><th>Paragraphs</th>'
           "<th>Shared with others</th><th>Against the reference</th></tr></thead><tbody>"]
    for s in report.order:
        info = report.sources[s]
        share = f"{100 * info.shared / info.content:.0f}%" if info.content else "–"
        origin = f'<br><span class="meta">{escape(info.provenance)}</span>' \
            if info.provenance else ""
        out.append(f"<tr><td>{escape(isolated_label(report.label(s)))}{origin}</td>"
                   f"<td>{escape(info.encoding)}</td>"
                   f'<td class="num">{info.words}</td><td class="num">{info.paragraphs}</td>'
                   f'<td class="num">{share}</td><td>{escape(report.against(s))}</td></tr>')
    out.append(f'</tbody></table><p class="meta">{escape(AGAINST_KEY)}</p>')
    return "".join(out)


SAME_WITH_ACCIDENTALS = ("these sources read as the reference here, punctuation, case and "
                         "paragraphing too")
"""The legend's "same words" where a change of punctuation, case or paragraphing counts
(``Comparison.accidentals``)."""


def legend_html(accidentals: bool = False) -> str:
    """The legend; ``accidentals``: punctuation and case were counted as differences."""
    said = [(mark, SAME_WITH_ACCIDENTALS if accidentals and mark == LEGEND_SAME else text)
            for mark, text in LEGEND]
    rows = "".join(f"<tr><td>{mark}</td><td>{escape(text)}</td></tr>" for mark, text in said)
    return f'<table cellspacing="0" cellpadding="3">{rows}</table>'


def summary_html(report: Report) -> str:
    """What is shared by all, then each source's paragraphs found only there and moved;
    sources with the same counts share a line ("[2]–[5]: …"), or twenty sources make a
    page of near-identical lines."""
    first = escape(report.label(report.order[0]))
    every = "both sources" if len(report.order) == 2 else f"all {len(report.order)} sources"
    shared = report.shared_by_all
    out = ["<ul>", f"<li>{counted(shared, 'paragraph')} of {first} "
                   f"{'is' if shared == 1 else 'are'} carried by {every}.</li>"]
    alike: dict[tuple[int, int], list[int]] = {}
    for s in report.order:
        alike.setdefault((report.sources[s].unique, report.sources[s].moved), []).append(s + 1)
    for (unique, moved), numbers in alike.items():
        each = " each" if len(numbers) > 1 else ""
        line = (f"{counted(unique, 'paragraph')} only here, {moved} moved{each}" if unique or moved
                else "no unique or moved paragraphs")
        out.append(f"<li>{number_runs(numbers)}: {line}.</li>")
    out.append("</ul>")
    return "".join(out)


def header_cell(report: Report, s: int) -> str:
    ref = " (reference)" if s == report.reference else ""
    return f"{escape(isolated_label(report.label(s)))}{ref}"


def cell_html(report: Report, row: int, s: int, semantic: bool,
              beside: list[int] = ()) -> tuple[bool, str]:
    """(present, inner HTML) for source ``s`` in ``row``: the source's own text, marked;
    in the reference's cell, the words the sources ``beside`` it leave out struck through."""
    comp = report.comp
    paras = comp.rows[row][s]
    if not paras:  # and where its counterpart went, when it moved
        return False, "not in this source" + "".join(
            f' <a class="where" href="#{row_anchor(report, other, s)}">⇅ in '
            f"{report.where(other)}</a>" for other in report.moved_to(row, s))
    doc = comp.documents[s]
    ref = report.reference
    comparable = s != ref and comp.comparable(row, ref, s)
    notes, facts = [], []
    offset = 0
    for p in paras:  # map note and fact positions into the row's joined text
        para = doc.paragraphs[p]
        for number, placement in report.notes_in(s, para.start, para.end + 1):
            start = offset + placement.start - para.start
            end = min(offset + len(para.text), start + placement.end - placement.start)
            notes.append((start, end, number))
        facts += [(offset + start, offset + end, label)
                  for start, end, label in report.fact_spans.get((s, p), ())]
        offset += len(para.text) + 2
    spans = comp.row_diff(row, ref, s) if comparable else None
    body = mark_column(comp.row_text(row, s), spans,
                       comp.row_text(row, ref) if comparable else "", notes, semantic,
                       _left_out(report, row, beside) if s == ref else [],
                       comp.row_syntax(row, s),
                       comp.row_syntax(row, ref) if comparable else NO_SYNTAX, facts)
    if all(doc.paragraphs[p].boilerplate for p in paras):
        body = f'<span class="furniture">{body}</span>'
    elif all(doc.paragraphs[p].heading for p in paras):  # a heading merged with a body
        # paragraph is not bold as a whole: the body would be set bold too
        body = f'<span class="heading">{body}</span>'
    return True, _how_badge(report, row, s, semantic) + body + _extras(report, row, s)


def _extras(report: Report, row: int, s: int) -> str:
    """What a cell says under its text: only here, and the other rows holding it."""
    extras = ['<span class="only">▍only here</span>'] if report.only_here(row, s) else []
    extras.extend(_moved_links(report, row, s))
    return "<br>" + " ".join(dict.fromkeys(extras)) if extras else ""


def version_cells(report: Report, row: int, semantic: bool) -> list[tuple[str, str, bool]]:
    """The pair layout's entries for a row (``Report.renderings``) as (who, what, present):
    who reads so ("[3] [5]", with an anchor per entry), and the text once, marked
    against the reference, or "same words as [1]", or "not in this source"."""
    ref = report.reference
    beside = [s for s in report.order if s != ref]
    out = []
    for entry in report.renderings(row):
        first = entry.sources[0]
        name = row_anchor(report, row, first)
        target = f'id="{name}"' if semantic else f'name="{name}"'
        who = f"<a {target}><b>{_runs(entry.numbers, semantic)}</b></a>"
        if ref in entry.sources:
            who += ' <span class="meta">reference</span>'
        if entry.kind == "same":
            present, what = True, (_how_badge(report, row, first, semantic) +
                                   f'<span class="same">same words as [{ref + 1}]</span>' +
                                   _extras(report, row, first))
        else:
            present, what = cell_html(report, row, first, semantic,
                                      beside if entry.kind == "reference" else ())
        if entry.kind == "unlinked" and report.comp.rows[row][ref]:
            what = f'<span class="meta">not linked to [{ref + 1}]\'s text here:</span><br>{what}'
        out.append((who, what, present))
    return out


def _left_out(report: Report, row: int, sources: list[int]) -> list[tuple[int, int, int]]:
    """Where in the reference's row text the ``sources`` leave words out, and which does
    (numbered for people)."""
    comp, ref = report.comp, report.reference
    text = comp.row_text(row, ref)
    out = []
    for s in sources:
        if s != ref and comp.rows[row][s] and comp.comparable(row, ref, s):
            for span in comp.row_diff(row, ref, s):
                words = text[span.a_start:span.a_end]
                if span.op == DELETE and not span.trivial and words.strip():  # not its spaces
                    start = span.a_start + len(words) - len(words.lstrip())
                    out.append((start, start + len(words.strip()), s + 1))
    return out


def _how_badge(report: Report, row: int, s: int, semantic: bool) -> str:
    """A small labelled badge atop the cell when its alignment was set by hand or is a
    guess (``report.align_mark``), the evidence as its tooltip; nothing for sure links.
    Qt's rich text has no tooltips and draws no span borders, so the PDF gets the label."""
    mark = align_mark(report.comp, row, report.reference, s)
    if mark is None:
        return ""
    kind = "how" if mark.kind == "hand" else "how low"
    title = f' title="{escape(mark.evidence)}"' if semantic else ""
    return f'<span class="{kind}"{title}>{escape(mark.label)}</span><br>'


def _moved_links(report: Report, row: int, s: int) -> list[str]:
    """"⇅ also in row 20: [4] [8]" per other row holding this content; one link per row,
    so 20 sources give a line, not a paragraph."""
    return [f'<a class="where" href="#{row_anchor(report, other, s, *sources)}">⇅ also in '
            f'{report.where(other)}: {" ".join(f"[{o + 1}]" for o in sources)}</a>'
            for other, sources in report.elsewhere(row, s).items()]


MAP_MARKS = {"reference": "■", "same": "=", "changed": "≈", "added": "+", "omitted": "−",
             "moved": "⇅", "absent": ""}
MAP_LEGEND = ("■ the reference has this row · = same words as the reference · ≈ worded "
              "differently · + only this source (not the reference) · − left out (the "
              "reference has it) · ⇅ moved (the source has it in another row) · blank: "
              "neither has it. Each mark links to the row.")


def map_mark(report: Report, row: int, s: int) -> str:
    """The story map's mark for source ``s`` in ``row`` (a key of ``MAP_MARKS``)."""
    comp = report.comp
    ref = report.reference
    has, ref_has = bool(comp.rows[row][s]), bool(comp.rows[row][ref])
    if s == ref:
        return "reference" if has else "absent"
    if (row, s) in report.moved_cells:  # not "+" and "−": the paragraph is in both
        return "moved"
    if not has:
        return "omitted" if ref_has else "absent"
    if not ref_has or not comp.comparable(row, ref, s):
        return "added"
    counts = comp.row_counts(row, ref, s)
    return "changed" if counts["added"] + counts["omitted"] + counts["changed"] else "same"


def story_map(report: Report) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """(column headers, [(row link, marks)]): every row against every source at a glance,
    for comparisons too wide for one table."""
    headers = [f"[{s + 1}]" for s in report.order]
    rows = []
    for row in report.rows:
        marks = []
        for s in report.order:
            mark = MAP_MARKS[map_mark(report, row, s)]
            marks.append(f'<a href="#{row_anchor(report, row, s)}">{mark}</a>' if mark else "")
        rows.append((report.place_number(row), marks))
    return headers, rows


def shows_story_map(report: Report) -> bool:
    return report.layout == "pairs" and len(report.order) > 2


def story_map_html(report: Report) -> str:
    headers, rows = story_map(report)
    out = [f'<p class="meta">{escape(MAP_LEGEND)}</p><table class="grid map"><thead><tr>'
           '<th>Place</th>', *(f"<th>{h}</th>" for h in headers), "</tr></thead><tbody>"]
    for number, marks in rows:
        out.append(f"<tr><td class=\"rowno\">{number}</td>" +
                   "".join(f"<td>{m}</td>" for m in marks) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


WHO_LINE_CHARS = 10
"""Characters of "[2] [3] [5]–[7]" that fit one line of the PDF's Source column (12% of
portrait A4 at 8 pt bold): "[13]–[15]" is 9."""


def _runs(numbers: str, semantic: bool) -> str:
    """``number_runs`` text that never breaks inside "[5]–[7]": a browser keeps each run
    on a line (``.run``); Qt ignores that on spans, so the PDF gets its lines packed here."""
    runs = numbers.split()
    if semantic:
        return " ".join(f'<span class="run">{run}</span>' for run in runs)
    lines: list[str] = []
    for run in runs:
        if lines and len(lines[-1]) + 1 + len(run) <= WHO_LINE_CHARS:
            lines[-1] += f" {run}"
        else:
            lines.append(run)
    return "<br>".join(lines)


def pairs_header() -> list[str]:
    """Column headers of the pair layout's one table."""
    return ["Place", "Source", "Text: the reference's, then each other reading beneath it"]


def _note_row(report: Report, mark: NoteMark) -> int | None:
    """The row whose cell carries the note's marker (None if not shown)."""
    s, start = mark.placed.source, mark.placed.placement.start
    if not 0 <= s < len(report.comp.documents):
        return None
    for para in report.comp.documents[s].paragraphs:
        if para.start <= start <= para.end:
            row = report.comp.row_of.get((s, para.index))
            return row if row in report.rows else None
    return None


NOTE_PREVIEW_CHARS = 160
"""A footnote shows a note's first words, this many characters at most (two lines at the
foot of a page): the whole note is in the notes section it links to."""

_BLOCK_TAG = re.compile(r"</?(?:p|h[1-6]|ul|ol|li|blockquote|pre|div|table|thead|tbody|tr|th|"
                        r"td|dl|dt|dd|hr|br)\b[^>]*>")
"""Tags of ``note_html``'s allow-list that would break a footnote's one line."""


def note_preview_html(body: str) -> str:
    """A note's first words on one line, its Markdown rendered (bold, italics, links,
    code) as the notes section renders it, not shown as "**Check**". It goes through
    ``note_html``, whose sanitizer escapes all text and keeps only allow-listed tags, so
    what is left after flattening the block tags is safe."""
    html = note_html(cut_at_word(one_line(body), NOTE_PREVIEW_CHARS))
    return " ".join(_BLOCK_TAG.sub(" ", html).split())


def footnote_html(mark: NoteMark) -> str:
    """A note as a footnote on the page of its marker: number, category, first words."""
    note = mark.placed.note
    return (f'<span style="font-size: 7.5pt"><a href="#note-{mark.number}">'
            f"<b>{note_tag(mark.number)}</b></a> <i>{escape(note.category)}</i>{_state(mark)}: "
            f"{note_preview_html(note.body)}</span>")


def _state(mark: NoteMark) -> str:
    """" · fuzzy 61%" where the note's text was not found as it was ("" where it was)."""
    words = mark.placed.state_words
    return f" · {escape(words)}" if words else ""


def note_item(mark: NoteMark, report: Report) -> str:
    comp = report.comp
    note = mark.placed.note
    where = (escape(report.label(mark.placed.source))
             if 0 <= mark.placed.source < len(comp.documents)
             else escape(Path(note.anchor.path).name))  # never the user's folders
    number = ""
    if mark.number:  # the note's own anchor, then a link back to where its marker stands
        row = _note_row(report, mark)
        back = (f' <a href="#{row_anchor(report, row, mark.placed.source)}">↩ '
                f"{report.where(row)}</a>" if row is not None else "")
        number = (f'<a id="note-{mark.number}" name="note-{mark.number}">'
                  f"<b>{note_tag(mark.number)}</b></a>{back} · ")
    return (f"<p>{number}<i>{escape(note.category)}</i> · {escape(note.status)} · {where}"
            f"{_state(mark)}<br>"
            f"{escape(quoted(one_line(note.anchor.quote)))}</p>{note_html(note.body)}")


def render_html(report: Report) -> str:
    """The whole comparison as one HTML page for a browser (and its print dialog)."""
    parts = [f'<!DOCTYPE html>\n<html lang="{escape(report.language)}"><head>'
             f'<meta charset="utf-8"><meta name="viewport" content="width=device-width">'
             f'<meta name="generator" content="Parallax">'
             f"<title>{escape(report.title)}</title><style>\n{css(True)}</style></head><body>",
             title_html(report),
             # Who [1]…[n] are comes before the change list that names them (as in the PDF).
             '<h2 id="sources">Sources</h2>', sources_html(report)]
    if report.changes:
        parts += ['<h2 id="changes">Changes</h2>', changes_html(report)]
    parts += ["<h2>Legend</h2>", legend_html(report.comp.accidentals), "<h2>Summary</h2>",
              summary_html(report)]
    if shows_story_map(report):
        parts += ['<h2 id="map">Story map</h2>', story_map_html(report)]
    parts.append("<h2>Aligned text</h2>")
    parts.append(_versions_table(report) if report.layout == "pairs" else _table(report))
    parts.append(_notes_section(report))
    parts.append("</body></html>")
    return "".join(parts)


def _table(report: Report) -> str:
    columns = report.order
    out = ['<table class="grid"><thead><tr><th class="rowno" scope="col">Place</th>']
    out.extend(f'<th scope="col">{header_cell(report, s)}</th>' for s in columns)
    out.append("</tr></thead><tbody>")
    for row in report.rows:
        anchor = row_anchor(report, row)
        out.append(f'<tr id="{anchor}"><td class="rowno"><a href="#{anchor}">'
                   f"{report.place_number(row)}</a></td>")
        for s in columns:
            present, body = cell_html(report, row, s, semantic=True)
            out.append(f"<td>{body}</td>" if present else
                       f'<td class="missing-cell">{body}</td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _versions_table(report: Report) -> str:
    """The pair layout: each row once, the reference's text first and each other
    reading beneath it (``version_cells``); a row's entries share its number cell."""
    number, who, what = pairs_header()
    out = [f'<table class="grid versions"><thead><tr><th class="rowno" scope="col">{number}'
           f'</th><th class="who" scope="col">{who}</th><th scope="col">{what}</th></tr>'
           "</thead><tbody>"]
    for row in report.rows:
        anchor = row_anchor(report, row)
        cells = version_cells(report, row, semantic=True)
        out.append(f'<tr id="{anchor}" class="first"><td class="rowno" rowspan="{len(cells)}">'
                   f'<a href="#{anchor}">{report.place_number(row)}</a></td>')
        for k, (who, body, present) in enumerate(cells):
            if k:
                out.append("<tr>")
            out.append(f'<td class="who">{who}</td>' + (
                f"<td>{body}</td>" if present else f'<td class="missing-cell">{body}</td>'))
            out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _notes_section(report: Report) -> str:
    if not report.options.include_notes or not (report.notes or report.orphans):
        return ""
    out = ['<h2 id="notes">Notes</h2>']
    if report.notes_key:
        out.append(f'<p class="meta">{escape(report.notes_key)}</p>')
    out.extend(note_item(m, report) for m in report.notes)
    if report.orphans:
        out.append(f"<h2>{ORPHANS_HEADING}</h2>")
        out.extend(note_item(m, report) for m in report.orphans)
    return "".join(out)
