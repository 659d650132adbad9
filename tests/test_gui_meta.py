"""Whose page each pane is, and panes ordered by publication date (pytest-qt, offscreen)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from gui_helpers import settle_app
from PySide6.QtCore import Qt

from reader.core.load.documents import seed_paths

DATA = Path(__file__).parent / "data" / "meta"
PAGES = [str(DATA / f"{n}.html") for n in ("guardian", "undated", "herald")]



@pytest.fixture
def window(new_window):
    win = new_window(PAGES)
    settle_app()
    return win


def _pane(window, s):
    return next(p for p in window.panes if p.index == s)


def test_the_pane_header_says_whose_page_it_is(window):
    header = _pane(window, 0).header
    assert header.title.text() == "[1] The Guardian · 24 Jul 2015 · Jane Doe"  # tells apart
    assert header.detail.text() == "★ Reference · guardian.html"
    tip = header.toolTip()
    assert "Whales stranded in New Zealand" in tip and "updated 25 Jul 2015" in tip
    assert _pane(window, 2).header.title.text() == "[3] Daily Herald · 23 Jul 2015 · John Roe"
    assert _pane(window, 1).header.title.text() == "[2] Whale strandings explained"


def test_the_compare_against_box_names_sources_as_their_headers_and_the_map_by_label(window):
    """The box is narrow: it reads as the panes' headers do (a file name first, often a
    hash, left "[1] 000_d5ac7d6149c1ba32.txt — China" cut off); the whole label is its
    tooltip, and the story map's."""
    box = [window.reference_box.itemText(i) for i in range(window.reference_box.count())]
    assert box == ["[1] The Guardian · 24 Jul 2015 · Jane Doe",
                   "[2] Whale strandings explained",
                   "[3] Daily Herald · 23 Jul 2015 · John Roe"]
    assert "[2] undated.html — Whale strandings explained" in \
        window.reference_box.itemData(1, Qt.ItemDataRole.ToolTipRole)
    assert window.story_map.names[2] == "[3] Daily Herald · 23 Jul 2015 · John Roe"


def test_order_sources_by_date_and_back(window):
    window.order_sources("date")
    settle_app()
    assert window.order == [2, 0, 1]  # Herald, Guardian, then the undated page
    assert [p.index for p in window.panes] == [2, 0, 1]
    assert "[2]" in window.statusBar().currentMessage()
    window.order_sources("given")
    settle_app()
    assert [p.index for p in window.panes] == [0, 1, 2]


def _dated_seeds(folder: Path) -> list[str]:
    """The seed articles as pages stating dates in reverse of their given order."""
    paths = []
    for n, seed in enumerate(seed_paths()):
        paras = Path(seed).read_text(encoding="utf-8").split("\n\n")
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paras if p.strip())
        page = folder / f"seed{n}.html"
        page.write_text(f'<html><head><meta property="article:published_time" '
                        f'content="2020-01-{20 - n:02d}T12:00:00Z"></head><body><article>'
                        f"{body}</article></body></html>", encoding="utf-8")
        paths.append(str(page))
    return paths


def test_ordering_by_date_keeps_the_place(new_window, tmp_path):
    win = new_window(_dated_seeds(tmp_path))
    settle_app()
    shared = [k for k, p in enumerate(win.story.passages)
              if not p.furniture and len(p.sources) == len(win.paths)]
    k = shared[len(shared) * 2 // 3]
    win._scroll_lead_to(k)
    settle_app()
    before = win.current_place()
    before_passage = win.story.of_ref[(win.paths.index(before.path), before.paragraph)]
    assert before_passage > 0  # a place down the story, not its start
    win.order_sources("date")
    settle_app()
    assert win.order == [3, 2, 1, 0]
    after = win.current_place()
    assert win.story.of_ref[(win.paths.index(after.path), after.paragraph)] == before_passage


def test_two_saves_of_one_page_are_told_apart(new_window, tmp_path):
    """Two saves of one article, both index.html, in two folders: same site, date and
    author, same file name; the folder tells them apart in the header, the box and the map."""
    for day in ("mon", "tue"):
        (tmp_path / day).mkdir()
        text = Path(PAGES[0]).read_text(encoding="utf-8")
        (tmp_path / day / "index.html").write_text(
            text if day == "mon" else text.replace("</p>", " Updated.</p>", 1), encoding="utf-8")
    window = new_window([str(tmp_path / day / "index.html") for day in ("mon", "tue")])
    settle_app()
    titles = [_pane(window, s).header.title.text() for s in (0, 1)]
    assert titles == ["[1] The Guardian · 24 Jul 2015 · Jane Doe (in mon/)",
                      "[2] The Guardian · 24 Jul 2015 · Jane Doe (in tue/)"]
    details = [_pane(window, s).header.detail.text() for s in (0, 1)]
    assert details == ["★ Reference · index.html", "index.html"]
    box = [window.reference_box.itemText(i) for i in range(window.reference_box.count())]
    assert box == ["[1] The Guardian · 24 Jul 2015 · Jane Doe (in mon/)",
                   "[2] The Guardian · 24 Jul 2015 · Jane Doe (in tue/)"]
    assert window.story_map.names == box
