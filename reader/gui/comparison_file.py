"""Save Comparison, Save As, Open and Open Recent for the reader, without the widgets.

The window's menus call these (File ▸ Save Comparison Ctrl+S, Save As
Ctrl+Shift+S, Open accepting ``.parallax`` files as well as sources, Open
Recent listing comparisons by title); everything that can go wrong is a
``ComparisonFileError`` whose message the window shows as it is.

Opening is two steps because alignment runs in a background job:
``begin_open(path)`` reads the file and finds its sources (moved, edited,
missing: ``opening.messages()`` for the banner, ``opening.sources`` with
state ``missing`` for "Locate…"); the window aligns ``opening.paths``; then
``finish_open(opening, comp)`` applies the fixes and returns the session
plus the report of what could not be placed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from reader.core.checked import Spot
from reader.core.comparison import Comparison
from reader.core.fixes import AddFix, Fix, RemoveFix, apply_fixes
from reader.core.load.documents import Document
from reader.core.saved import (
    Baseline,
    ComparisonFileError,
    Opening,
    Restored,
    SavedComparison,
    apply_saved,
    new_comparison,
    open_comparison,
    read_comparison,
    refreshed,
)
from reader.core.saved_merge import save_merged
from reader.core.sources import SUFFIX, is_comparison_file

FILE_FILTER = f"Parallax comparisons (*{SUFFIX})"
SAVE_SHORTCUT = "Ctrl+S"
SAVE_AS_SHORTCUT = "Ctrl+Shift+S"


@dataclass
class ComparisonSession:
    """The comparison behind a window: what to save, where, and whether it changed."""

    engine: Comparison  # as aligned, before fixes (fixes are re-applied on every edit)
    state: SavedComparison
    loaded: list[int]  # saved index of each loaded document
    file: str | None = None
    changed: bool = False
    messages: list[str] = field(default_factory=list)
    baseline: Baseline | None = None  # ``file`` as read or last written here
    merged: bool = False  # the last save took in changes saved elsewhere meanwhile

    def fixed(self) -> Comparison:
        """What the panes show: the engine's alignment with the fixes on top.

        Recomputed on each call (rows are laid out again): call it once after
        each edit, undo or redo, not per paint.
        """
        return apply_fixes(self.engine, self.state.fixes, self.loaded).comparison

    @property
    def title(self) -> str:
        return self.state.title or (self.engine.documents[0].name if self.engine.documents
                                    else "Comparison")

    def fix_command(self, fix: Fix) -> AddFix:
        """An undoable "add this fix" (wrap it in a QUndoCommand; mark changed on redo/undo)."""
        self.changed = True
        return AddFix(self.state.fixes, fix)

    def remove_fix_command(self, index: int) -> RemoveFix:
        self.changed = True
        return RemoveFix(self.state.fixes, index)

    def set_checked(self, spot: Spot, checked: bool) -> None:
        if checked and spot not in self.state.checked:
            self.state.checked.append(spot)
        elif not checked:
            self.state.checked = [s for s in self.state.checked if s != spot]
        self.changed = True

    def set_view(self, reference: int | None = None, order: list[int] | None = None,
                 place: Spot | None = None) -> None:
        """Reference and pane order in loaded indices, as the window has them."""
        if reference is not None:
            self.state.reference = self.loaded[reference]
        if order is not None:
            shown = [self.loaded[i] for i in order]
            self.state.order = shown + [i for i in self.state.order if i not in shown]
        if place is not None:
            self.state.place = place
        self.changed = True

    def view(self) -> tuple:
        """What ``set_view`` and the panes' flags change, to put back if a save fails: a
        failed save must leave the window as it was (no phantom "unsaved changes")."""
        state = self.state
        return (state.reference, list(state.order), state.place, self.changed,
                [(s.hidden, s.pinned) for s in state.sources])

    def restore_view(self, view: tuple) -> None:
        state = self.state
        state.reference, state.order, state.place, self.changed, flags = view
        for source, (hidden, pinned) in zip(state.sources, flags):
            source.hidden, source.pinned = hidden, pinned


def new_session(engine: Comparison, title: str = "", reference: int = 0,
                order: list[int] | None = None) -> ComparisonSession:
    """A window's comparison of loose files, not saved yet."""
    documents: list[Document] = engine.documents
    state = new_comparison(documents, title, reference, order)
    return ComparisonSession(engine, state, list(range(len(documents))))


def begin_open(path: str) -> Opening:
    """Read a comparison file and find its sources (ComparisonFileError if unusable)."""
    return open_comparison(path)


def finish_open(opening: Opening, engine: Comparison) -> tuple[ComparisonSession, Restored]:
    """After the window aligned ``opening.paths``: the session and what stayed out."""
    restored = apply_saved(engine, opening)
    session = ComparisonSession(engine, opening.state, opening.loaded, opening.file,
                                messages=opening.messages() + restored.report(),
                                baseline=opening.baseline)
    return session, restored


def save(session: ComparisonSession, path: str | None = None, overwrite: bool = False) -> str:
    """Save (to ``session.file``) or Save As (to ``path``); returns the file written.

    Saving to the session's own file merges what was saved there meanwhile
    (``saved_merge``; ``SaveConflict`` when that is unsafe), unless
    ``overwrite``: the reader chose to replace it. Another file is replaced
    as it is (Save As asked the reader first)."""
    target = path or session.file
    if not target:
        raise ComparisonFileError("", "choose where to save the comparison (Save As)")
    if not is_comparison_file(target):
        target += SUFFIX
    own = session.file is not None and os.path.abspath(target) == os.path.abspath(session.file)
    fresh, baseline, session.merged = save_merged(
        target, session.state, session.baseline if own and not overwrite else None,
        lambda state: refreshed(state, session.engine, session.loaded))
    # In place: undo commands hold ``state.fixes`` itself, and must go on working after a save.
    state = session.state
    state.sources[:], state.fixes[:], state.checked[:] = fresh.sources, fresh.fixes, fresh.checked
    state.place, state.title = fresh.place, fresh.title
    session.file, session.changed, session.baseline = target, False, baseline
    return target


def suggested_name(session: ComparisonSession, folder: str = "") -> str:
    """A file name for Save As, from the title."""
    stem = re.sub(r"[^\w\- ]+", "", session.title).strip()[:60] or "comparison"
    return os.path.join(folder, stem + SUFFIX)


def split_selection(paths: list[str]) -> tuple[str | None, list[str]]:
    """What File ▸ Open was given: one comparison file, or sources (never both)."""
    files = [p for p in paths if is_comparison_file(p)]
    if files and len(paths) > 1:
        raise ComparisonFileError(files[0], "open a comparison file alone, not with other files")
    return (files[0], []) if files else (None, list(paths))


def recent_titles(paths: list[str]) -> list[tuple[str, str]]:
    """(title, path) for Open Recent; files that are gone or unreadable are left out."""
    out = []
    for path in paths:
        try:
            state = read_comparison(path)
        except ComparisonFileError:
            continue
        out.append((state.title or os.path.basename(path), path))
    return out



