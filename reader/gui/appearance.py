"""Light or dark, whatever the desktop says: View ▸ Appearance.

The panes take their colours from the application palette (``theme.current_theme``),
so a desktop's dark theme is followed already. A reader on a machine they do not
control (a school laptop, a newsroom terminal) could not choose, and a light room or a
night shift wants the other one. Light and Dark use Qt's own Fusion style with a
palette of their own, the same on every desktop; "Follow the System" puts back the
style and palette the application started with.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

SYSTEM, LIGHT, DARK = "system", "light", "dark"
APPEARANCES = {SYSTEM: "Follow the &System", LIGHT: "&Light", DARK: "&Dark"}
"""Each choice and its menu entry, in menu order."""

_DARK_ROLES = {
    QPalette.ColorRole.Window: "#2b2b2e", QPalette.ColorRole.WindowText: "#e8e8ea",
    QPalette.ColorRole.Base: "#1e1e20", QPalette.ColorRole.AlternateBase: "#2b2b2e",
    QPalette.ColorRole.Text: "#e8e8ea", QPalette.ColorRole.Button: "#353538",
    QPalette.ColorRole.ButtonText: "#e8e8ea", QPalette.ColorRole.ToolTipBase: "#353538",
    QPalette.ColorRole.ToolTipText: "#e8e8ea", QPalette.ColorRole.PlaceholderText: "#a9a9ae",
    QPalette.ColorRole.Highlight: "#3d7bd9", QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4ff", QPalette.ColorRole.LinkVisited: "#c39bff",
    QPalette.ColorRole.Mid: "#48484c", QPalette.ColorRole.Dark: "#19191b",
    QPalette.ColorRole.Light: "#55555a", QPalette.ColorRole.Midlight: "#404044",
    QPalette.ColorRole.Shadow: "#000000", QPalette.ColorRole.BrightText: "#ff7b6b",
}
"""A dark palette whose text stands 13.6:1 on its base; its greyed-out text (the disabled
group, ``_dark_palette``) still reads, at 3.4:1 to 4:1 (WCAG asks nothing of disabled
items)."""

_started: tuple[str, QPalette] | None = None  # the style and palette the application had


def apply_appearance(choice: str) -> None:
    """Give the application the look ``choice`` names (an unknown one follows the system).
    Every window hears of it as a palette change and recolours its panes itself."""
    global _started
    app = QApplication.instance()
    if app is None:
        return
    if _started is None:
        _started = app.style().name(), QPalette(app.palette())
    if choice not in (LIGHT, DARK):
        app.setStyle(QStyleFactory.create(_started[0]))
        app.setPalette(_started[1])
        return
    style = QStyleFactory.create("Fusion")
    app.setStyle(style)
    app.setPalette(_dark_palette() if choice == DARK else style.standardPalette())


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK_ROLES.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7b7b80"))
    return palette
