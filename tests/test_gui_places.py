"""One numbering of places for the reader and the CLI: `parallax --difference N` (the
reader) and `parallax align --difference N` (the command line) go to the same place."""

from __future__ import annotations

import pytest
from gui_helpers import settle_app

from reader.cli.places import places

pytestmark = pytest.mark.usefixtures("no_save_prompt")


def test_the_dock_numbers_places_as_the_command_line_does(window):
    cli = [(p.row, sorted(p.indices)) for p in places(window.comp, window.reference)]
    assert len(cli) > 3  # each place's differences in the order to show (``lead_first``)
    assert [(row, sorted(indices)) for row, indices in window.diff_panel.places] == cli


def test_go_to_place_lands_on_that_place_first_difference(window):
    third = window.diff_panel.places[2]
    window.go_to_place(3)
    settle_app()
    assert window.current == third[1][0]
    assert window.diffs[window.current].row == third[0]
    assert window.counts.text().startswith(f"place 3 of {len(window.diff_panel.places)}, [")
    window.go_to_place(len(window.diff_panel.places) + 1)  # no such place: nothing moves
    assert window.current == third[1][0]


def test_f7_goes_on_from_the_reader_place_after_the_reference_changes(window):
    window.go_to_place(3)
    settle_app()
    row = window.diffs[window.current].row
    window.set_reference(1)
    settle_app()
    window.next_action.trigger()
    settle_app()
    assert window.diffs[window.current].row > row  # not back to place 1
    assert window.counts.text().startswith("place ")
