"""Colours and marks for differences, in a light and a dark variant.

Every kind of difference has a colour *and* a second cue that survives
colour blindness and grey-scale screenshots: added words are underlined,
changed wording gets a dotted underline, omitted words leave a caret mark,
paragraphs missing from a source show a hatched "not in this source" band.
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
    missing_text: QColor
    moved: QColor
    boilerplate: QColor
    selected_row: QColor
    current: QColor
    note: QColor
    find: QColor
    dark: bool


LIGHT = Theme(
    added=QColor("#c9efc4"), changed=QColor("#fbe3a1"), omitted=QColor("#c0392b"),
    unique=QColor("#2e9d4a"), missing=QColor("#eeeeec"), missing_text=QColor("#8a8a85"),
    moved=QColor("#2f6fd0"), boilerplate=QColor("#9a9a96"), selected_row=QColor("#e4eefb"),
    current=QColor("#e67e22"), note=QColor("#f3d1f4"), find=QColor("#ffe75a"), dark=False,
)
DARK = Theme(
    added=QColor("#24502c"), changed=QColor("#5c4a14"), omitted=QColor("#ff7b6b"),
    unique=QColor("#5cc97a"), missing=QColor("#2b2b2e"), missing_text=QColor("#8d8d92"),
    moved=QColor("#6ea8ff"), boilerplate=QColor("#7b7b80"), selected_row=QColor("#23344d"),
    current=QColor("#f0a050"), note=QColor("#5a2f5c"), find=QColor("#7a6a00"), dark=True,
)

LEGEND = [
    ("added", "Words this version adds (underlined)"),
    ("changed", "Wording that differs (dotted underline)"),
    ("omitted", "‸  Words of the reference this version omits (hover to read)"),
    ("unique", "▍ Paragraph only this version has"),
    ("missing", "Not in this source (hatched band)"),
    ("moved", "⇅  Content that sits elsewhere in this source (click to go there)"),
    ("boilerplate", "Page furniture (dimmed, not aligned)"),
]


def current_theme() -> Theme:
    """The theme matching the application palette (dark window -> dark theme)."""
    app = QApplication.instance()
    if app is None:
        return LIGHT
    window = app.palette().color(QPalette.ColorRole.Window)
    return DARK if window.lightness() < 128 else LIGHT
