"""Reading-view flaws seen after the previous round (pytest-qt, offscreen): the line
cut at the top of a pane after a jump, the status bar's counts for loose files, the ☛
of a hand-set link into folded page furniture, pinned panes, quiet unsure bands."""

from __future__ import annotations

from test_gui_saved import no_save_prompt, seeds, settle_app, window  # noqa: F401 (fixtures)


# -- 2. the status bar says "N fixes by hand" only when there is something to say ----------------
def test_loose_files_with_nothing_done_say_no_counts(window, tmp_path):
    counts = window.comparisons.counts
    window.comparisons.refresh_counts()
    assert "by hand" not in counts.text() and "checked" not in counts.text()
    comp = window.comp
    a = next((0, p.index) for p in comp.documents[0].paragraphs[3:] if not p.boilerplate)
    b = next((1, q.index) for q in comp.documents[1].paragraphs[3:] if not q.boilerplate
             and (1, q.index) not in {l.other(a) for l in comp.links_of(a)})
    assert window.fixes.apply("link", [a], [b])
    settle_app()
    assert "1 fix by hand" in counts.text()  # a fix: now there is something to say
    assert window.comparisons.save(path=str(tmp_path / "story.parallax"))
    settle_app()
    assert "✓ 0/" in counts.text()  # a comparison file: its progress, nothing checked yet
