"""Right-to-left text in the reader's lists and headers reads as the reader expects.

Review 9 (a multilingual newsroom): a Differences entry whose change began with Arabic
letters was laid out right to left as a whole, so "Thursday → Friday" read "Friday →
Thursday"; and an Arabic outlet's label "[3] site · 12 Nov 2024 · byline" showed the
"12" away from its month. Checked here on what Qt draws: where the words land.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import QListWidget

from reader.core.bidi import isolated_label, ltr_lines

SHORT, LONG = "ب", "ببببببببببببببببببببب"  # old and new: told apart by their widths


def _ink_runs(image, top: int, bottom: int) -> list[tuple[int, int]]:
    """Columns holding dark pixels between rows ``top`` and ``bottom``, as runs."""
    dark = [any(image.pixelColor(x, y).lightness() < 100 for y in range(top, bottom))
            for x in range(image.width())]
    runs, start = [], None
    for x, ink in enumerate([*dark, False]):
        if ink and start is None:
            start = x
        elif not ink and start is not None:
            runs.append((start, x))
            start = None
    return runs


def _x(line, text: str, part: str) -> float:
    return line.cursorToX(text.index(part))[0]


def _laid(text: str):
    """One line of ``text`` laid out as a list's line is: its direction from its letters."""
    layout = QTextLayout(text, QFont())
    layout.setTextOption(QTextOption())
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(2000)
    layout.endLayout()
    return layout, line


def test_a_fact_lists_context_line_keeps_its_source_first_before_arabic_words(qapp):
    """"[1]: …words…" under an entry: laid out right to left by its first letter, the
    source's number went to the line's far end, after the words it names."""
    text = ltr_lines("3. [2] quote altered\n[1]: …على مدار الساعة للوصول إلى…").split("\n")[1]
    _layout, line = _laid(text)
    assert _x(line, text, "[1]") < _x(line, text, "…على")


def test_a_changes_line_reads_old_then_new_from_the_left(qapp):
    entry = ltr_lines(f"9. [3] words differently\n“{SHORT} → {LONG}”")
    view = QListWidget()
    view.resize(400, 80)
    view.addItem(entry)
    view.show()
    qapp.processEvents()
    height = view.sizeHintForRow(0)
    runs = [(start, end) for start, end in  # the second line; not the frame's lines
            _ink_runs(view.grab().toImage(), height // 2 + 4, height) if end - start > 1]
    widths = [end - start for start, end in runs]
    # the quote mark, the short old word and the arrow, then the long new word: laid out
    # right to left, the long word came first
    assert widths.index(max(widths)) >= 2, runs


def test_a_labels_date_stays_with_its_month_beside_a_right_to_left_site_name(qapp):
    label = isolated_label("[3] الأخبار اليوم · 12 Nov 2024 · أحمد يوسف")
    _layout, line = _laid(label)
    places = [_x(line, label, part) for part in ("[3]", "12", "Nov", "2024")]
    assert places == sorted(places)  # the tag first, the date whole
    assert 0 < places[2] - places[1] < 40


def test_plain_left_to_right_text_is_left_as_it_is():
    assert ltr_lines("3. [2] number: 14 → 16") == "3. [2] number: 14 → 16"
    assert isolated_label("[1] Daily Herald · 23 Jul 2015") == "[1] Daily Herald · 23 Jul 2015"


HEBREW_TITLE = "מועצת העיר אישרה את הקו הסגול של הרכבת הקלה"
HEBREW_BODY = ("מועצת העיר תל אביב-יפו אישרה אמש ברוב של 21 חברים מול 6 את תוכנית הקו הסגול "
               "של הרכבת הקלה, שעלותה מוערכת ב-12 מיליארד שקל.")


def test_compare_against_shows_a_hebrew_titles_first_words_and_the_pane_its_lines_right(
        new_window, tmp_path):
    """Qt cut a long name at its right end, which is where a Hebrew title starts ("…הקלה
    [1]" with "מועצת העיר" gone); and a Hebrew pane's lines, capped at a readable length,
    ended short of the pane's right edge, where they begin."""
    paths = []
    for name, body in (("a.txt", HEBREW_BODY), ("b.txt", HEBREW_BODY.replace("21", "22"))):
        (tmp_path / name).write_text(f"{HEBREW_TITLE}\n\n{body}\n", encoding="utf-8")
        paths.append(str(tmp_path / name))
    win = new_window(paths, size=(1900, 900))
    shown = win.reference_box.itemText(0)
    assert shown.startswith("[1] ") and "מועצת העיר" in shown and shown.rstrip("\u2069").endswith("…")
    view = win.pane_of(0).view
    fmt = view.document().rootFrame().frameFormat()
    assert view.content.right_to_left and fmt.leftMargin() > fmt.rightMargin()


def test_a_labels_kind_stays_outside_the_isolate_that_holds_its_quoted_words():
    """Review 9: the HTML change list isolated "altered: “…on the clock…" whole, its
    English word and opening quote inside the Arabic quotation's isolate."""
    from reader.core.bidi import ltr_changes
    assert ltr_changes("quote altered: “…على مدار الساعة…” → “…دون توقف…”") == \
        "quote altered: “\u2068…على مدار الساعة…\u2069” → “\u2068…دون توقف…\u2069”"
    assert ltr_changes("name: سامر → أحمد") == "name: \u2068سامر\u2069 → \u2068أحمد\u2069"
