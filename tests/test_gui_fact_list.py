"""The Differences dock's fact list: one entry per place and change, naming its sources.

Three copies of seed [1] that each say "Thursday" where it says "Wednesday"
([5]–[7] beside the four seeds) make one change three sources share: the
list names it once, as the exports' change list does, not once a source.
"""

from __future__ import annotations

import pytest
from gui_helpers import settle_app
from PySide6.QtCore import Qt

SHARED = "[5]–[7] date: Wednesday → Thursday"


@pytest.fixture
def window(new_window, seeds, tmp_path, qtbot):
    text = open(seeds[0], encoding="utf-8").read()
    assert text.count("on Wednesday") == 1
    copies = []
    for name in ("wire-a", "wire-b", "wire-c"):
        copy = tmp_path / f"{name}.txt"
        copy.write_text(text.replace("on Wednesday", "on Thursday"), encoding="utf-8")
        copies.append(str(copy))
    win = new_window(seeds + copies, size=(1600, 1000))
    qtbot.waitUntil(lambda: win.facts.key is not None, timeout=60000)
    settle_app()
    return win


def _labels(win) -> list[str]:
    """Each entry's first line without its number ("[2] name: Wang → the king")."""
    items = [win.facts.list.item(n) for n in range(win.facts.list.count())]
    return [item.text().split("\n")[0].split(". ", 1)[1] for item in items]


def _entry(win, label: str) -> int:
    return _labels(win).index(label)


def test_a_change_several_sources_share_is_one_entry_naming_them_all(window):
    labels = _labels(window)
    assert labels.count(SHARED) == 1
    assert not any(label.endswith("date: Wednesday → Thursday") and label != SHARED
                   for label in labels)  # no entry of [5], [6] or [7] alone
    changes = len(window.facts.placed)
    assert len(labels) < changes
    assert f"{len(labels)}, {changes} counted source by source" in window.facts.header.text()
    tooltip = window.facts.list.item(_entry(window, SHARED)).toolTip()
    assert SHARED in tooltip
    assert all(f"[{n}] wire-{x}" in tooltip for n, x in ((5, "a"), (6, "b"), (7, "c")))


def test_activating_a_shared_entry_jumps_to_a_source_that_makes_the_change(window, qtbot):
    facts = window.facts
    item = facts.list.item(_entry(window, SHARED))
    facts.list.scrollToItem(item)
    qtbot.mouseClick(facts.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=facts.list.visualItemRect(item).center())
    settle_app()
    placed = facts.placed[facts.current]
    assert placed.source in (4, 5, 6) and placed.label == "date: Wednesday → Thursday"
    assert window.lead == placed.source
    assert window.pane_of(placed.source).view.textCursor().selectedText() == "Thursday"
    assert facts.list.currentRow() == _entry(window, SHARED)
    assert SHARED in window.statusBar().currentMessage()


def test_filtered_to_one_source_the_list_names_only_that_source(window):
    panel = window.diff_panel
    panel.source.setCurrentIndex(panel.source.findData(5))  # [6]
    labels = _labels(window)
    assert "[6] date: Wednesday → Thursday" in labels
    assert all(label.startswith("[6] ") for label in labels)
    assert "counted source by source" not in window.facts.header.text()
    panel.source.setCurrentIndex(0)  # all sources: the shared entry again
    assert _labels(window).count(SHARED) == 1


def test_ctrl_f7_visits_every_entry_once_in_order_and_never_skips_a_change(window):
    facts = window.facts
    rows, said, visited = [], [], set()
    for _ in range(facts.list.count() + 1):  # one more: the last entry stays
        facts.next_action.trigger()
        rows.append(facts.list.currentRow())
        said.append(window.statusBar().currentMessage())
        placed = facts.placed[facts.current]
        visited.add((placed.row, placed.label))
    assert rows == list(range(facts.list.count())) + [facts.list.count() - 1]
    assert {(p.row, p.label) for p in facts.placed} == visited  # every change, in some source
    assert [m for m in said if "Wednesday → Thursday" in m] == [
        f"Fact change {_entry(window, SHARED) + 1} of {facts.list.count()}: {SHARED}"]
    facts.prev_action.trigger()
    assert facts.list.currentRow() == facts.list.count() - 2
