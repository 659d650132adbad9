"""View ▸ Appearance: a reader who cannot set the desktop's theme chooses light or dark
(review 11), remembered; the panes recolour; the marks and the story map's lane numbers
stay readable in both (contrast as WCAG counts it)."""

from __future__ import annotations

import pytest
from gui_helpers import settle_app
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from reader.gui.appearance import SYSTEM, apply_appearance
from reader.gui.story_map import HEADER
from reader.gui.theme import DARK, LIGHT


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        channels = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
                    for x in (c.redF(), c.greenF(), c.blueF())]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_markers_words_read_on_their_band(theme):
    """"+1 ¶ only in [4]" carries an omission: it had stood 3.0:1 (light), 4.3:1 (dark)."""
    assert _contrast(theme.missing_text, theme.missing) >= 4.5


@pytest.fixture
def window(new_window, seeds):
    win = new_window(seeds[:2])
    yield win
    apply_appearance(SYSTEM)  # the next test's application looks as it started
    settle_app()


def test_dark_is_chosen_remembered_and_recolours_the_panes(window, qtbot):
    assert not window.theme.dark
    window.appearance_actions["dark"].trigger()
    settle_app()
    assert window.theme.dark and window.settings.appearance == "dark"
    view = window.pane_of(0).view
    assert view.palette().color(QPalette.ColorRole.Base).lightness() < 80
    lanes = window.story_map.grab().toImage()  # an open lane's number stands out of its shade
    shade = window.story_map.palette().mid().color()
    x = window.story_map._lane_x(1)
    inks = {lanes.pixelColor(int(x + dx), dy).rgb() for dx in range(2, 10)
            for dy in range(3, HEADER - 4)}
    assert max(_contrast(QColor.fromRgb(c), shade) for c in inks) >= 4.5
    window.appearance_actions["system"].trigger()
    settle_app()
    assert not window.theme.dark and window.settings.appearance == "system"
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() > 128



def test_an_open_lanes_number_reads_on_a_light_shade_under_light_text(window):
    """A desktop's dark palette with a light-grey ``Mid`` had carried light-grey numbers
    on it (1.6:1, review 11)."""
    palette = QPalette(window.story_map.palette())
    palette.setColor(QPalette.ColorRole.Mid, QColor("#b8b8b8"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e5e5e5"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#202124"))
    window.story_map.setPalette(palette)
    lanes = window.story_map.grab().toImage()
    x = window.story_map._lane_x(1)
    inks = {lanes.pixelColor(int(x + dx), dy).rgb() for dx in range(2, 10)
            for dy in range(3, HEADER - 4)}
    assert max(_contrast(QColor.fromRgb(c), QColor("#b8b8b8")) for c in inks) >= 4.5
