"""Reader problems a second fresh-eyes review found, each as a reader meets it: notes on fact
changes, clipped labels, right-to-left text, sources that are not the same story."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFont, QTextCursor
from test_gui_review_fixes import _files

STORY = ("China and Russia get closer\n\n"
         "Russia and China showed deepening relations in a series of meetings on Wednesday "
         "that were closely watched for signs that Beijing may be offering the Kremlin more "
         "help in its war in Ukraine.\n\n"
         "The visit to Moscow by Wang Yi, the most prominent foreign policy official within "
         "the Chinese Communist Party, comes as the conflict continues.\n")
CHANGED = STORY.replace("Wednesday", "Thursday")


def _pane(win, source: int):
    return next(p for p in win.panes if p.index == source)


def _colour_in(image, rect: QRect, colour: QColor) -> int:
    """Pixels of ``colour`` (give or take a little) inside ``rect`` of ``image``."""
    found = 0
    for x in range(max(0, rect.left()), min(image.width(), rect.right() + 1)):
        for y in range(max(0, rect.top()), min(image.height(), rect.bottom() + 1)):
            c = image.pixelColor(x, y)
            if max(abs(c.red() - colour.red()), abs(c.green() - colour.green()),
                   abs(c.blue() - colour.blue())) <= 12:
                found += 1
    return found


# -- 1. a note on a fact change ----------------------------------------------------------------
def test_a_note_on_a_fact_change_shows_both_marks(new_window, tmp_path, qtbot):
    from reader.core.annotations.model import Anchor, Note
    from reader.core.annotations.session import open_store
    from reader.core.load.documents import load_document
    from reader.gui.fact_marks import FACT_GROUND
    a, b = _files(tmp_path, orig=STORY, changed=CHANGED)
    docs = [load_document(a), load_document(b)]
    start = docs[1].text.index("Thursday")
    open_store(docs).add(Note(Anchor.from_text(1, b, docs[1].text, start, start + 8),
                              category="factual", body="Which day was it?"))
    win = new_window([a, b])
    qtbot.waitUntil(lambda: win.facts.key is not None and bool(win.facts.marks), timeout=20000)
    view = _pane(win, 1).view
    [(note_start, note_end, _tip)] = view.noted
    cursor = QTextCursor(view.document())
    cursor.setPosition(note_start + 1)
    assert cursor.charFormat().fontWeight() == QFont.Weight.Bold  # the fact mark is there
    assert cursor.charFormat().background().color() == FACT_GROUND[False]
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    cursor.setPosition(note_start)
    left = view.cursorRect(cursor)
    cursor.setPosition(note_end)
    word = left.united(view.cursorRect(cursor)).adjusted(-3, -3, 3, 3)
    # the note shows over the fact mark's violet ground, which hides its pink fill
    assert _colour_in(image, word, win.theme.note_ink) >= word.width()
    assert _colour_in(image, word, FACT_GROUND[False]) > 0  # and the fact mark keeps its own


# -- 3. right-to-left text -----------------------------------------------------------------------
AR_OLD = ("الصين وروسيا تتقاربان\n\n"
          "وصل وزير الخارجية الصيني وانغ يي إلى موسكو يوم الأربعاء حيث التقى بالرئيس "
          "فلاديمير بوتين.\n\n"
          "وقال التقرير إن حجم التجارة بين البلدين بلغ 190 مليار دولار في عام 2022.\n")
AR_NEW = AR_OLD.replace("الأربعاء", "الخميس").replace("190", "200")


def _glyphs_drawn(view, text: str) -> list[tuple[str, list[int]]]:
    """(font, glyphs) of each run drawing the first ``text`` in a pane's document."""
    block = view.document().find(text).block()
    layout = block.layout()
    start = block.text().index(text)
    return [(r.rawFont().familyName(), list(r.glyphIndexes()))
            for r in layout.glyphRuns(start, len(text))]


def test_an_arabic_pane_shows_the_digits_the_source_has(new_window, tmp_path):
    a, b = _files(tmp_path, ar1=AR_OLD, ar2=AR_NEW)
    win = new_window([a, b])
    for source, number in ((0, "190"), (1, "200")):
        runs = _glyphs_drawn(_pane(win, source).view, number)
        assert runs
        for family, glyphs in runs:
            from PySide6.QtGui import QFont, QRawFont
            raw = QRawFont.fromFont(QFont(family))
            ascii_glyphs = raw.glyphIndexesForString(number)
            assert ascii_glyphs in (glyphs, glyphs[::-1]), (family, glyphs, ascii_glyphs)


def _visual_order(text: str, parts: list[str]) -> list[str]:
    """``parts`` of a one-line ``text`` from left to right, as a list item lays it out
    (left-to-right, as the widget)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextLayout, QTextOption
    layout = QTextLayout(text, QFont("DejaVu Sans"))
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.LeftToRight)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(2000)
    layout.endLayout()

    def middle(part: str) -> float:
        """Inside a word: a cursor at its edge may stand at either end of a bidi run."""
        i = text.index(part)
        inside = range(i + 1, i + len(part)) if len(part) > 1 else range(i, i + 2)
        xs = [line.cursorToX(k)[0] for k in inside]
        return sum(xs) / len(xs)
    return sorted(parts, key=middle)


def test_the_dock_reads_old_to_new_from_left_to_right_in_arabic(new_window, tmp_path):
    a, b = _files(tmp_path, ar1=AR_OLD, ar2=AR_NEW)
    win = new_window([a, b])
    lines = [win.diff_panel.list.item(i).text().split("\n")[1]
             for i in range(win.diff_panel.list.count())]
    [day] = [t for t in lines if "الخميس" in t]
    assert _visual_order(day, ["الأربعاء", "→", "الخميس"]) == ["الأربعاء", "→", "الخميس"]
    assert day.replace("\u2068", "").replace("\u2069", "").replace("\u200e", "") == "“الأربعاء → الخميس”"


def test_left_to_right_changes_are_left_as_they_are():
    from reader.core.bidi import ltr_changes
    assert ltr_changes("1. [2] number: 15 → 16\n“this week → Tuesday”") == \
        "1. [2] number: 15 → 16\n“this week → Tuesday”"


# -- 4. sources that are not the same story -----------------------------------------------------
GARDEN = ("Tomatoes in a cold summer\n\n"
          "Gardeners in the north have lost most of their tomato crop to a wet and cold July, "
          "the allotment society reported on Monday.\n\n"
          "Growers are advised to pick green fruit early and ripen it indoors on a sunny sill.\n")
LAUNCH = ("Rocket launch delayed by wind\n\n"
          "The launch of a weather satellite was postponed for the third time after strong "
          "upper-level winds were measured over the coast.\n\n"
          "Engineers will try again next week if the forecast improves, the agency said.\n")


def test_sources_sharing_nothing_get_a_banner_naming_them(new_window, tmp_path):
    paths = _files(tmp_path, news=STORY, garden=GARDEN, launch=LAUNCH)
    win = new_window(paths)
    assert not win.comp.links  # truly nothing in common: the warning is about that
    assert ("[2] and [3] share no passage with [1] or with each other: are they the same "
            "story?") in win.banner.text()
    assert win.banner.isVisible()


def test_one_stray_source_is_named_against_the_others(new_window, tmp_path):
    paths = _files(tmp_path, orig=STORY, garden=GARDEN, changed=CHANGED)
    win = new_window(paths)
    assert "[2] shares no passage with [1] or [3]: is it the same story?" in win.banner.text()


def test_versions_of_one_story_get_no_such_banner(new_window, tmp_path):
    win = new_window(_files(tmp_path, orig=STORY, changed=CHANGED))
    assert "same story" not in win.banner.text()


# -- 2. labels on the first screen: readable, or elided with the whole in a tooltip -------------
SEEDS = sorted(str(p) for p in (Path(__file__).parent.parent / "seeds").glob("*.txt"))


def test_pane_headers_give_their_room_to_what_tells_sources_apart(new_window):
    win = new_window(SEEDS, size=(1400, 700))
    shown = []
    for pane in win.panes:
        header = pane.header
        assert header.width() < 300  # four panes at 1400 px: a narrow header
        title = header.title.shown()
        assert "Reference" not in title and ".txt" not in title  # the story's own words
        shown.append(title.rstrip("…"))
        detail = header.detail.shown()
        name = Path(win.comp.documents[pane.index].path).name
        assert detail.endswith(name[-6:])  # a file name keeps both ends: elided mid-way
        assert name in header.toolTip()
    assert len(set(shown)) == len(shown)  # no two headers read alike


def test_markers_say_what_fits_and_keep_the_rest_for_their_tooltip(new_window):
    win = new_window(SEEDS, size=(1400, 700))
    checked = 0
    for pane in win.panes:
        view = pane.view
        _font, metrics = view._marker_font()
        room = view.viewport().width() - 16 - 14
        for marker in view.content.markers.values():
            label = marker.label_for(
                lambda text, metrics=metrics, room=room: metrics.horizontalAdvance(text) <= room)
            assert metrics.horizontalAdvance(label) <= room, label  # never cut mid-word
            assert marker.tip
            checked += 1
    assert checked


def test_a_narrow_marker_still_says_how_much_is_missing():
    from reader.gui.document_builder import Marker
    marker = Marker(0, (1, 2), "+20 ¶ this source lacks (3 places)", "tip", False, 1,
                    shorter=("+20 ¶ others have", "+20 ¶"))
    assert marker.label_for(lambda text: len(text) <= 18) == "+20 ¶ others have"
    assert marker.label_for(lambda text: len(text) <= 2) == "+20 ¶"


def test_the_annotations_dock_shows_each_notes_words_and_whole_filters(new_window, tmp_path,
                                                                       qtbot):
    from reader.core.annotations.model import Anchor, Note
    from reader.core.annotations.session import open_store
    from reader.core.load.documents import load_document
    a, b = _files(tmp_path, orig=STORY, changed=CHANGED)
    docs = [load_document(a), load_document(b)]
    start = docs[1].text.index("Thursday")
    open_store(docs).add(Note(Anchor.from_text(1, b, docs[1].text, start, start + 8),
                              category="factual", body="Wrong day: the ministry says Wednesday"))
    win = new_window([a, b], size=(1400, 700))
    win.notes_dock.show()
    win.notes_dock.raise_()
    qtbot.waitUntil(lambda: win.notes_panel.isVisible(), timeout=5000)
    panel = win.notes_panel
    for box in (panel.category, panel.status, panel.source):
        text = box.itemText(0)
        assert box.width() >= box.fontMetrics().horizontalAdvance(text) + 20, text
    item = panel.tree.topLevelItem(0).child(0)
    words, where = item.text(0).split("\n")
    assert words == "Wrong day: the ministry says Wednesday"  # the note's own words, first
    assert where == "[2] “Thursday” · factual · open"
    room = panel.tree.visualItemRect(item).width()
    assert room >= panel.tree.fontMetrics().horizontalAdvance("Wrong day: the ministry"), room
    assert words in item.toolTip(0)


AR_QUOTE_OLD = AR_OLD + "\nوقال بوتين: «إن علاقاتنا تتطور بسرعة كبيرة جدا».\n"
AR_QUOTE_NEW = AR_OLD + "\nوقال بوتين: «إن علاقاتنا تتطور ببطء شديد».\n"


def test_a_fact_marks_tooltip_reads_old_to_new_from_left_to_right_in_arabic(new_window, tmp_path,
                                                                            qtbot):
    """Hovering a fact mark says what changed, old → new, in that order on screen: without
    isolates the Arabic words and the arrow made one right-to-left run, read new ← old."""
    from reader.gui.fact_marks import FACT_STYLE
    a, b = _files(tmp_path, ar1=AR_QUOTE_OLD, ar2=AR_QUOTE_NEW)
    win = new_window([a, b])
    qtbot.waitUntil(lambda: bool(win.facts.marks), timeout=20000)
    tips = [m.tip for m in _pane(win, 1).view.content.span_marks if m.style == FACT_STYLE]
    [tip] = [t for t in tips if "quote" in t]
    assert tip.replace("\u2068", "").replace("\u2069", "") == \
        "Fact change: quote altered: “…بسرعة كبيرة جدا” → “…ببطء شديد”"  # from where they part
    assert _visual_order(tip, ["بسرعة", "→", "ببطء"]) == ["بسرعة", "→", "ببطء"]
