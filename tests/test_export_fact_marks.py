"""Fact changes have a look of their own in the exports' aligned text (review 8).

The change list at the front named them, but in the text "16" and "Saturday" were amber
italics like any reworded word, and the HTML's legend had no fact mark. The texts are
written for this test: [2] changes the toll 14 → 16 and drops the "not".
"""

from __future__ import annotations

import re

from reader.core.comparison import compare
from reader.core.export.html_export import render_html
from reader.core.export.report import ExportOptions, build_report
from reader.core.load.documents import document_from_text

WIRE = ("At least 14 people were killed when a freight train derailed near Carverton, "
        "officials said on Wednesday.\n\nInvestigators had not ruled out sabotage but said "
        "there was no sign of it so far.\n")
OUTLET = WIRE.replace("At least 14", "At least 16").replace("had not ruled", "had ruled")


def _report():
    docs = [document_from_text(WIRE, "wire.txt"), document_from_text(OUTLET, "outlet.txt")]
    return build_report(compare(docs), [], ExportOptions())


def test_the_html_marks_each_sides_fact_and_its_legend_says_so():
    html = render_html(_report())
    assert re.search(r'<span class="fact" title="number: 14 → 16">16</span>', html)
    assert re.search(r'<span class="fact" title="\[2\] number: 14 → 16">14</span>', html)
    assert re.search(r'<span class="fact" title="\[2\] negation dropped: not[^"]*">'
                     r'(<span class="left-out">)?not', html)
    assert "a fact change: a number, date, name" in html  # the legend


def test_the_pdf_sets_a_fact_bold_on_violet(tmp_path, qapp):
    from PySide6.QtGui import QColor, QTextCursor
    from test_export_pdf import _cells_holding, _export

    from reader.core.export.html_export import COLOURS
    laid, _raw, _body = _export(_report(), tmp_path / "facts.pdf")
    cell = next(doc for doc in _cells_holding(laid, "At least 16 people")
                if doc.toPlainText().startswith("At least 16"))  # the text, not the list
    at = cell.toPlainText().index("16")
    cursor = QTextCursor(cell)
    cursor.setPosition(at + 1)
    fmt = cursor.charFormat()
    assert fmt.fontWeight() == 700 and fmt.background().color() == QColor(COLOURS["fact"])
    cursor.setPosition(cell.toPlainText().index("people") + 1)
    assert cursor.charFormat().background().color() != QColor(COLOURS["fact"])
