"""Saving a comparison file that someone else saved meanwhile, without losing their work.

Two windows (or a window and ``parallax fix``) may have one comparison file
open. Each remembers the file as it read or last wrote it (``Baseline``);
on saving, ``write_comparison(expect=stamp)`` notices that the file on disk
is no longer that, and ``save_merged`` merges instead of overwriting, the
way a reader expects of two people ticking off one list:

* checked places: what this side checked or unchecked since its baseline
  is applied on top of the file as it is now (the other side's checks stay);
* fixes: taken from the side that changed them. Fixes interact (a link and a
  split of one paragraph), so when both sides changed them differently
  there is no safe merge: ``SaveConflict``, and the caller asks (the window:
  Overwrite / Save As… / Cancel; the command line: run it again);
* the title: this side's if it changed it, else the file's;
* the view (reference, pane order, pinned and hidden panes, place): this
  side's, like any editor's last save. It is where this reader was; nothing
  another reader made is lost by it;
* sources: both sides must name the same files with the same content, else
  indices and anchors may not mean the same thing: ``SaveConflict``.

Notes need none of this: they live in their own store, which merges itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from reader.core.saved import (
    Baseline,
    ChangedOnDisk,
    ComparisonFileError,
    SavedComparison,
    write_comparison,
)

ATTEMPTS = 3
"""Merges tried in a row when the file keeps changing while it is being saved."""


class SaveConflict(ComparisonFileError):
    """The file changed on disk in a way that cannot be merged; nothing was written."""


def _source_keys(state: SavedComparison) -> list[tuple[str, str]]:
    return [(s.path, s.sha256) for s in state.sources]


def merge(base: SavedComparison, mine: SavedComparison, disk: SavedComparison,
          file: str = "") -> SavedComparison:
    """``mine``'s changes since ``base`` on top of ``disk`` (``SaveConflict`` if unsafe)."""
    keys = _source_keys(base)
    if _source_keys(disk) != keys or _source_keys(mine) != keys:
        raise SaveConflict(file, "changed on disk since you opened it, and its sources are "
                                 "not the same files any more; the changes cannot be merged")
    if mine.fixes == base.fixes:
        fixes = list(disk.fixes)
    elif disk.fixes in (base.fixes, mine.fixes):
        fixes = list(mine.fixes)
    else:
        raise SaveConflict(file, "changed on disk since you opened it, and both there and "
                                 "here the alignment fixes changed; they cannot be merged")
    added = [s for s in mine.checked if s not in base.checked]
    removed = [s for s in base.checked if s not in mine.checked]
    checked = [s for s in disk.checked if s not in removed] + \
        [s for s in added if s not in disk.checked]
    title = mine.title if mine.title != base.title else disk.title
    return replace(mine, title=title, fixes=fixes, checked=checked)


def save_merged(file: str, mine: SavedComparison, baseline: Baseline | None,
                prepare: Callable[[SavedComparison], SavedComparison] = lambda s: s,
                ) -> tuple[SavedComparison, Baseline, bool]:
    """Write ``prepare(mine)`` to ``file``, merged with what changed on disk since
    ``baseline`` (None: write over whatever comparison file is there, as Save As to
    another file does once the reader confirmed it).

    ``prepare`` turns the merged state into what is written (the window refreshes
    hashes and anchors); it runs after the merge, so the merge compares states
    as they were read and changed, not rewritten. Returns what was written, the
    new baseline and whether another side's changes were merged in."""
    state, merged = mine, False
    expect = baseline.stamp if baseline else None
    for _ in range(ATTEMPTS):
        written = prepare(state)
        try:
            stamp = write_comparison(file, written, expect)
        except ChangedOnDisk as exc:
            state, expect, merged = merge(baseline.state, mine, exc.state, file), exc.stamp, True
            continue
        return written, Baseline(written, stamp), merged
    raise ComparisonFileError(file, "keeps changing on disk while it is saved; nothing was "
                                    "written, try again")
