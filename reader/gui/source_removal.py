"""Removing a source from the comparison, undoably (View ▸ Remove Source, Ctrl+Shift+W).

A removal re-aligns the other sources in the background, which reopens the
comparison (and clears the undo stack the notes and fixes share). So the
removal is pushed on that stack once its result is shown, holding what the
window had: every path, the pane order, the reference, the open panes and
the comparison session, whose fixes and checked places name the removed
source too. Undo re-aligns all of them with that session, so the source
comes back with its pane, its links set by hand and its checks; its notes
were never deleted (they live with its file).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand

from reader.gui.comparison_file import ComparisonSession


@dataclass(frozen=True)
class Removal:
    """The comparison as it was before ``path`` left it."""

    path: str
    label: str  # "[3] name", as the reader knew it
    paths: list[str]  # every source, loaded order
    order: list[str]  # panes, as paths
    reference: str
    open: list[str]  # sources open as panes
    session: ComparisonSession | None

    @classmethod
    def of(cls, window, source: int) -> "Removal":
        paths = list(window.paths)
        return cls(paths[source],
                   f"{window.story.tag(source)} {window.comp.documents[source].name}",
                   paths, [paths[s] for s in window.order], paths[window.reference],
                   [paths[s] for s in window.open_sources], window.comparisons.session)

    def remaining(self) -> list[str]:
        """The paths the window loads without the removed source, as ``remove_source``
        hands them over (in pane order)."""
        return [p for p in self.order if p != self.path]


class RemoveSourceCommand(QUndoCommand):
    """Edit ▸ Undo Remove [n]: align the removed source back in (later, not inside the
    stack's own call: opening clears the stack)."""

    def __init__(self, window, removal: Removal) -> None:
        super().__init__(f"Remove {removal.label}")
        self.window, self.removal = window, removal
        self.done = True  # pushed after the removal happened: the first redo is no-op

    def redo(self) -> None:
        if not self.done:
            self.done = True
            self.window.removal = self.removal  # undoable again once aligned
            QTimer.singleShot(0, self.window,  # never after the window has gone
                              lambda: self.window.open_paths(self.removal.remaining()))

    def undo(self) -> None:
        self.done = False
        QTimer.singleShot(0, self.window, lambda: self.window.restore_removed(self.removal))
