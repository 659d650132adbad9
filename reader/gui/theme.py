"""Colours and marks for differences, in a light and a dark variant.

Every kind of difference has a colour *and* a second cue that survives
colour blindness and grey-scale screenshots: added words are underlined,
changed wording gets a dotted underline, omitted words leave a caret mark,
what a source lacks shows as a thin labelled marker ("+2 ¶ only in [3]").
Find matches get a colour of their own (cyan, outlined when current) so they
never pass for changed (amber) or added (green) words.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Theme:
    """Colours for one palette (light or dark)."""

    added: QColor
    changed: QColor
    omitted: QColor
    unique: QColor
    missing: QColor
    missing_text: QColor  # the markers' words: 4.5:1 or more on ``missing`` (WCAG AA)
    faded: QColor  # what steps back (Facts mode's reworded words, bands of like passages)
    moved: QColor
    boilerplate: QColor
    selected_row: QColor
    current: QColor
    note: QColor
    note_ink: QColor  # the frame round annotated text: shows over every background mark
    find: QColor
    hand: QColor  # what the reader set by hand (fixes): teal, unlike every engine mark
    dark: bool


LIGHT = Theme(
    added=QColor("#c9efc4"), changed=QColor("#fbe3a1"), omitted=QColor("#c0392b"),
    unique=QColor("#2e9d4a"), missing=QColor("#eeeeec"), missing_text=QColor("#5f5f5a"),
    faded=QColor("#8a8a85"),
    moved=QColor("#2f6fd0"), boilerplate=QColor("#9a9a96"), selected_row=QColor("#e4eefb"),
    current=QColor("#e67e22"), note=QColor("#f3d1f4"), note_ink=QColor("#b3279f"),
    find=QColor("#8fe3f5"), hand=QColor("#00796b"), dark=False,
)
DARK = Theme(
    added=QColor("#24502c"), changed=QColor("#5c4a14"), omitted=QColor("#ff7b6b"),
    unique=QColor("#5cc97a"), missing=QColor("#2b2b2e"), missing_text=QColor("#a9a9ae"),
    faded=QColor("#8d8d92"),
    moved=QColor("#6ea8ff"), boilerplate=QColor("#7b7b80"), selected_row=QColor("#23344d"),
    current=QColor("#f0a050"), note=QColor("#5a2f5c"), note_ink=QColor("#f08ae6"),
    find=QColor("#1f6f80"), hand=QColor("#4fd1bd"), dark=True,
)

LEGEND = [
    ("added", "Words this version adds (underlined)"),
    ("changed", "Wording that differs from the reference (dotted underline)"),
    ("omitted", "‸  Words of the reference this version omits (hover to read)"),
    ("unique", "▍ Paragraph only this version has"),
    ("unique_light", "▍ (light) Paragraph others have, but not the reference"),
    ("uncertain", "┆ Aligned with low confidence (check it)"),
    ("hand", "☛ Set by hand: your link or verdict (a fix), not the engine's guess; a teal "
             "band joins paragraphs you linked"),
    ("missing", "+2 ¶ only in [3]: what other sources have here (click to read it)"),
    ("moved", "⇅  Content that sits elsewhere in another source (click to go there)"),
    ("band", "Band between panes: one passage at two heights (amber: worded differently)"),
    ("boilerplate", "Page furniture: folded into ⋯, dimmed when shown"),
    ("note", "Annotated text: pink, framed (the frame shows over fact and word marks)"),
    ("find", "Find matches (the current one darker, underlined)"),
    ("selected_row", "Selected passage"),
    ("current", "Frame: where the last jump landed"),
]
"""Every mark the panes paint, with its swatch colour (``legend_colour``)."""

MARK_STYLES: dict = {}
"""Span mark styles by name -> (colour, Qt pen style): a hook for later marks
(facts, quotes). ``PaneContent.span_marks`` name one of these."""


def legend_colour(theme: Theme, key: str) -> QColor:
    if key == "unique_light":
        return theme.unique.lighter(150)
    if key == "uncertain":
        return theme.moved
    if key == "band":
        return theme.changed
    return getattr(theme, key)


def current_theme() -> Theme:
    """The theme matching the application palette (dark window -> dark theme)."""
    app = QApplication.instance()
    if app is None:
        return LIGHT
    window = app.palette().color(QPalette.ColorRole.Window)
    return DARK if window.lightness() < 128 else LIGHT
