"""Which panes a place opens, and what its Differences entry quotes, when there are more
sources than panes (the reviewer's 12 versions: a negation flipped in [10] and [11] only
showed in no pane at F7, and a dock filtered to [10] quoted [2]'s words)."""

from __future__ import annotations

import pytest
from gui_helpers import settle_app

pytestmark = pytest.mark.usefixtures("no_save_prompt")

STORY = [
    "Chemical train derails in Ashford Junction",
    "A freight train carrying industrial chemicals derailed late Monday in the center of "
    "the town, officials said.",
    "The state environmental agency said air monitoring had not detected dangerous levels "
    "of chemicals outside the evacuation zone.",
    "A shelter has been opened at the high school on Route 9.",
]
REWORDED = ("The state environmental agency said its air monitoring had not detected "
            "dangerous levels of chemicals anywhere outside of the wide evacuation zone.")
FLIPPED = STORY[2].replace("had not detected", "had detected")


def _versions_window(new_window, folder, versions: list[list[str]]):
    """A window on these versions (each a list of paragraphs), its facts found, laid out."""
    paths = []
    for n, paras in enumerate(versions, 1):
        path = folder / f"v{n}.txt"
        path.write_text("\n\n".join(paras), encoding="utf-8")
        paths.append(str(path))
    win = new_window(paths, size=(1200, 800))
    win.facts.wait()
    settle_app()
    win.relayout()
    settle_app()
    return win


@pytest.fixture
def six(new_window, tmp_path):
    """Six versions: [2]–[5] reword the agency's paragraph, [6] flips its negation."""
    return _versions_window(new_window, tmp_path, [
        [*STORY[:2], STORY[2] if n == 1 else FLIPPED if n == 6 else REWORDED, *STORY[3:]]
        for n in range(1, 7)])


def _agency_place(win) -> int:
    """Number (1-based) of the place where the agency's paragraph differs."""
    return next(n for n, (_row, indices) in enumerate(win.diff_panel.places, 1)
                if any(win.diffs[i].source == 5 for i in indices))


def test_f7_at_a_place_shows_the_source_that_changes_a_fact_there(six):
    assert six.pane_capacity() < 6  # not every source that differs there gets a pane
    n = _agency_place(six)
    for _ in range(n):
        six.next_action.trigger()
        settle_app()
    assert six.diffs[six.current].source == 5 and six.lead == 5
    assert 5 in six.open_sources and six.reference in six.open_sources
    assert six.counts.text().startswith(f"place {n} of ")
    entry = six.diff_panel.list.currentItem().text()
    assert "not" in entry.split("\n")[1]  # it quotes [6]'s change, not [2]'s


def test_a_pinned_pane_stays_open_at_a_place(six):
    six.set_pinned(1, True)
    six.go_to_place(_agency_place(six))
    settle_app()
    assert {0, 1, 5} <= set(six.open_sources)


def test_a_pane_the_reader_closed_opens_again_only_when_f7_goes_to_it(six):
    six.show_source(4)
    six.hide_source(4)
    six.go_to_place(_agency_place(six))
    settle_app()
    assert 4 not in six.open_sources and 5 in six.open_sources


def test_a_dock_filtered_to_one_source_quotes_that_source_change(six):
    panel = six.diff_panel
    panel.source.setCurrentIndex(panel.source.findData(1))
    assert "its" in panel.list.item(0).text().split("\n")[1]  # [2] adds "its"
    panel.source.setCurrentIndex(panel.source.findData(5))
    quote = panel.list.item(0).text().split("\n")[1]
    assert "not" in quote and "its" not in quote


def _resized(win, width: int) -> list[int]:
    win.resize(width, 800)
    settle_app()
    win._resized()  # the resize timer's work, now
    settle_app()
    return list(win.open_sources)


def test_panes_closed_for_want_of_room_come_back_when_the_window_grows(six):
    wide = _resized(six, 1800)
    assert len(wide) > 3
    six.hide_source(wide[-1])  # the reader closes one: it stays closed
    wide = list(six.open_sources)
    assert len(_resized(six, 1000)) < len(wide)
    assert _resized(six, 1800) == wide


def test_a_reopened_comparison_file_shows_the_panes_it_saved(six, new_window, tmp_path):
    six.show_source(4)
    six.show_source(5)
    settle_app()
    assert six.open_sources == [0, 4, 5]  # past the first sources in order
    file = str(tmp_path / "six.parallax")
    assert six.comparisons.save(path=file)
    again = new_window([file], size=(1200, 800))
    settle_app()
    assert again.open_sources == [0, 4, 5]


GERMAN = [
    "Chemiezug entgleist in Ashford Junction",
    "Ein mit Industriechemikalien beladener Güterzug ist am späten Montag im Zentrum der "
    "Stadt entgleist, teilten die Behörden mit.",
    "Die Umweltbehörde des Bundesstaates teilte mit, die Luftmessungen hätten außerhalb "
    "der Sperrzone keine gefährlichen Chemikalienwerte festgestellt.",
    "In der Schule an der Route 9 wurde eine Notunterkunft eingerichtet.",
]


def test_a_version_in_another_language_does_not_lead_a_place(new_window, tmp_path):
    """A translation changes every word of a paragraph, so it led every place it was in
    (most words changed) and took the panes from the versions that change the story."""
    win = _versions_window(new_window, tmp_path,
                           [STORY, GERMAN, [*STORY[:2], REWORDED, STORY[3]]])
    led = [win.diffs[indices[0]].source for _row, indices in win.diff_panel.places
           if {win.diffs[i].source for i in indices} == {1, 2}]
    assert led and all(source == 2 for source in led), led
