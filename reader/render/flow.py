"""What goes on the pages of a PDF, in order: blocks of one or more cells.

A block is a heading, a paragraph, or a table row (the cells side by side,
their HTML from ``reader.core.export.html_export``). ``reader.render.pages``
lays the blocks out and cuts them into pages; nothing here knows about Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from reader.core.bidi import isolated_label
from reader.core.export.html_export import (
    COLOURS,
    MAP_LEGEND,
    cell_html,
    change_sections,
    footnote_html,
    header_cell,
    legend_html,
    note_item,
    pairs_header,
    row_anchor,
    shows_story_map,
    story_map,
    summary_html,
    title_html,
    version_cells,
)
from reader.core.export.report import AGAINST_KEY, ORPHANS_HEADING, Report

CHANGE_ROW = 0.09
"""Share of the page width for "Place 12" in the change list."""

MAP_BLANK = "◦"
"""What a story-map cell with no mark shows: drawn light, it keeps each mark in its column
in the text layer ("21 + ◦ +", not "21 + +", which hides whose the marks are)."""
MAP_KEY = MAP_LEGEND.replace("blank:", f"{MAP_BLANK} (light):")
"""The story map's legend, naming the blank cells' dot."""

NUMBER_COLUMN = 0.09
"""Share of the page width for the row-number column: room for "(continued)" at 6 pt
on a portrait page."""


@dataclass
class Block:
    """Cells laid side by side; one cell for running text."""

    cells: list[str]
    widths: list[float]  # shares of the body width, summing to 1
    kind: str = "text"  # text | change (a change-list entry) | heading | header | row | footnote
    shades: list[str | None] = field(default_factory=list)  # background per cell
    bookmark: tuple[int, str] | None = None  # (level, title) for the PDF outline
    number: str = ""  # a table row's number, repeated with "(continued)" after a split
    anchor: str = ""  # named destination of a row
    header: Block | None = None  # the table's header row, repeated on each new page
    compact: bool = False  # thin cell padding: one-line rows such as the story map's
    footnotes: list[Block] = field(default_factory=list)  # notes marked in this row
    opens: bool = False  # the first block of a row of several (a heavier rule above it)

    @property
    def labelled(self) -> bool:
        """Whether the first cell is a label ("12", "Place 12") that must never wrap inside."""
        return bool(self.number) or self.kind == "change"

    def continued_label(self) -> str:
        """The label cell of the part of a block after a page break: "12 (continued)",
        "Place 25 (continued)", so that a reader on the new page knows what it continues."""
        label = f'<span class="rowno">{self.number}</span>' if self.number else self.cells[0]
        return f'{label}<br><span class="rowno" style="font-size: 6pt">(continued)</span>'

    @property
    def boxed(self) -> bool:
        return self.kind in ("header", "row")


def report_blocks(report: Report) -> list[Block]:
    """The whole report as blocks: who the sources are, what changed, then the rest."""
    return front_blocks(report) + change_blocks(report) + body_blocks(report)


def front_blocks(report: Report) -> list[Block]:
    """The title and the sources: who [1]…[n] are, before the change list names them
    (after it, the seeds' readers met them on page 6 of 26, twenty sources' on page 65)."""
    blocks = [Block([title_html(report)], [1.0], bookmark=(0, report.title)),
              _heading("Sources", 0)]
    return blocks + _sources_table(report)


def change_blocks(report: Report) -> list[Block]:
    """The change list: the part that waits for ``report.changes``."""
    if not report.changes:
        return []
    blocks = [_heading("Changes", 0)]
    for heading, groups in change_sections(report):
        blocks.append(_heading(heading, 1))
        blocks.extend(Block([link, what], [CHANGE_ROW, 1 - CHANGE_ROW], kind="change")
                      for link, what in groups)
    return blocks


def body_blocks(report: Report) -> list[Block]:
    """Everything after the change list: legend, summary, story map, tables, notes."""
    blocks = [_heading("Legend", 0), Block([legend_html(report.comp.accidentals)], [1.0]),
              _heading("Summary", 0), Block([summary_html(report)], [1.0])]
    if shows_story_map(report):
        blocks += [_heading("Story map", 0), Block([f'<p class="meta">{escape(MAP_KEY)}</p>'],
                                                   [1.0])]
        blocks.extend(_story_map(report))
    blocks.append(_heading("Aligned text", 0))
    blocks.extend(_versions(report) if report.layout == "pairs" else _aligned_table(report))
    blocks.extend(_notes(report))
    return blocks


def _heading(text: str, level: int) -> Block:
    """A section heading; a sub-section's (level 1: "Fact changes") is smaller, as in the
    HTML, so that it does not read as a section of its own."""
    tag = "h2" if level == 0 else "h3"
    return Block([f"<{tag}>{escape(text)}</{tag}>"], [1.0], kind="heading",
                 bookmark=(level, text))


def _widths(columns: int) -> list[float]:
    number = NUMBER_COLUMN if columns <= 2 else NUMBER_COLUMN * 2 / 3  # landscape is wider
    share = (1 - number) / columns
    return [number] + [share] * columns


def _aligned_table(report: Report) -> list[Block]:
    columns = report.order
    widths = _widths(len(columns))
    header = Block(['<span class="rowno">Place</span>'] +
                   [f"<b>{header_cell(report, s)}</b>" for s in columns], widths, kind="header",
                   shades=["#f2f2f0"] * (len(columns) + 1))
    out = [header]
    for row in report.rows:
        anchor, number = row_anchor(report, row), report.place_number(row)
        cells, shades = [f'<span class="rowno"><a name="{anchor}">{number}</a></span>'], [None]
        for s in columns:
            present, body = cell_html(report, row, s, semantic=False, beside=columns)
            cells.append(body if present else f'<span class="missing-cell">{body}</span>')
            shades.append(None if present else "#efefed")
        out.append(Block(cells, widths, kind="row", shades=shades, number=number,
                         anchor=anchor, header=header,
                         footnotes=_footnotes(report, row, columns)))
    return out


WHO_COLUMN = 0.12
"""Share of the page width for the pair layout's "[3] [5]" column: "[12]–[20]" on one line."""


def _versions(report: Report) -> list[Block]:
    """The pair layout: a block per entry of each row (``version_cells``), the reference's
    first; the row's number stands in its first block and repeats after a page break."""
    widths = [NUMBER_COLUMN, WHO_COLUMN, 1 - NUMBER_COLUMN - WHO_COLUMN]
    header = Block([f"<b>{h}</b>" for h in pairs_header()], widths, kind="header",
                   shades=["#f2f2f0"] * 3)
    out = [header]
    for row in report.rows:
        anchor, number = row_anchor(report, row), report.place_number(row)
        for k, (who, body, present) in enumerate(version_cells(report, row, semantic=False)):
            first = report.renderings(row)[k].sources[0]
            label = f'<span class="rowno"><a name="{anchor}">{number}</a></span>' if not k else ""
            shade = None if present else "#efefed"
            out.append(Block([label, f'<span class="who">{who}</span>',
                              body if present else f'<span class="missing-cell">{body}</span>'],
                             widths, kind="row", shades=[None, None, shade], number=number,
                             anchor=anchor, header=header, opens=not k,
                             footnotes=_footnotes(report, row, [first])))
    return out


def _story_map(report: Report) -> list[Block]:
    headers, rows = story_map(report)
    widths = _widths(len(headers))
    header = Block(['<span class="rowno">Place</span>'] + [f"<b>{h}</b>" for h in headers], widths,
                   kind="header", shades=["#f2f2f0"] * (len(headers) + 1))
    out = [header]
    for number, marks in rows:
        out.append(Block([f'<span class="rowno">{number}</span>'] +
                         [_plain_link(m) for m in marks], widths, kind="row", number=number,
                         header=header, compact=True))
    return out


def _plain_link(mark: str) -> str:
    """A story-map mark's link without Qt's underline: underlined, "−" reads as "=" and
    "+" as "±". The mark stays a link. An empty cell gets the light ``MAP_BLANK``."""
    if not mark:
        return f'<span style="color: {COLOURS["rule"]}">{MAP_BLANK}</span>'
    return mark.replace("<a href=", '<a style="text-decoration: none" href=')


def _footnotes(report: Report, row: int, columns: list[int]) -> list[Block]:
    """Footnote blocks for the notes whose markers stand in this row's cells."""
    numbers = []
    for s in columns:
        doc = report.comp.documents[s]
        for p in report.comp.rows[row][s]:
            para = doc.paragraphs[p]
            numbers += [n for n, _placement in report.notes_in(s, para.start, para.end + 1)]
    marks = {m.number: m for m in report.notes}
    return [Block([footnote_html(marks[n])], [1.0], kind="footnote", compact=True)
            for n in dict.fromkeys(numbers) if n in marks]


def _sources_table(report: Report) -> list[Block]:
    widths = [0.56, 0.09, 0.13, 0.22]
    header = Block(["<b>Source</b>", "<b>Words</b>", "<b>Paragraphs</b>",
                    "<b>Against the reference</b>"], widths, kind="header",
                   shades=["#f2f2f0"] * 4)
    out = [header]
    for s in report.order:
        info = report.sources[s]
        origin = " · ".join(filter(None, (info.provenance, info.encoding)))
        out.append(Block([f"{escape(isolated_label(report.label(s)))}<br>"
                          f'<span class="meta">{escape(origin)}</span>', str(info.words),
                          str(info.paragraphs), escape(report.against(s))],
                         widths, kind="row", header=header))
    out.append(Block([f'<p class="meta">{escape(AGAINST_KEY)}</p>'], [1.0]))
    return out


def _notes(report: Report) -> list[Block]:
    if not report.options.include_notes or not (report.notes or report.orphans):
        return []
    out = [_heading("Notes", 0)]
    if report.notes_key:
        out.append(Block([f'<p class="meta">{escape(report.notes_key)}</p>'], [1.0]))
    out.extend(Block([note_item(m, report)], [1.0]) for m in report.notes)
    if report.orphans:
        out.append(_heading(ORPHANS_HEADING, 1))
        out.extend(Block([note_item(m, report)], [1.0]) for m in report.orphans)
    return out
