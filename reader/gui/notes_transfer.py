"""File ▸ Export Notes… / Import Notes…: hand a comparison's notes on, take a colleague's in.

The file is the one ``parallax notes export`` writes and ``notes import`` reads;
reading, sorting and writing it is ``reader.core.annotations.exchange``, shared
with the CLI. This module adds what a window needs: the file dialogs, one
message that says what happened, and the import as one step of the notes' undo
stack (Edit ▸ Undo takes every imported note away again).
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reader.core.annotations.exchange import (
    NotesFileError,
    plan_import,
    read_notes_file,
    write_notes,
)
from reader.core.annotations.model import Note
from reader.core.annotations.session import place_notes
from reader.core.snippets import counted

FILTER = "Notes (*.json);;All files (*)"


class ImportNotes(QUndoCommand):
    """The notes of one import: added on redo, all deleted again on undo."""

    def __init__(self, controller, notes: list[Note]) -> None:
        super().__init__(f"Import {counted(len(notes), 'note')}")
        self.controller = controller
        self.notes = copy.deepcopy(notes)

    def redo(self) -> None:  # copies: the store touches and re-points the notes it takes
        store = self.controller.store
        self.controller.change(lambda: store.merge_in(copy.deepcopy(self.notes)))

    def undo(self) -> None:
        store = self.controller.store
        self.controller.change(lambda: store.delete_all([n.id for n in self.notes]))


def _folder(window) -> str:
    """Where to look first: the reference source's folder (a story's versions live together)."""
    return str(Path(window.comp.documents[window.reference].path).parent)


def _inputs(window) -> list[str]:
    """Files an export must never replace: the sources, and the comparison file if any."""
    session = window.comparisons.session
    saved = [str(session.file)] if session is not None and session.file else []
    return [d.path for d in window.comp.documents] + saved


def export_notes(window) -> bool:
    """Write the comparison's notes, as placed now, to a file the user names."""
    notes, comp = window.notes, window.comp
    if comp is None or notes.store is None:
        return False
    if not notes.store.notes:
        QMessageBox.information(window, "Export Notes", "This comparison has no notes yet.")
        return False
    suggested = str(Path(_folder(window)) / "notes.json")
    path, _ = QFileDialog.getSaveFileName(window, "Export notes", suggested, FILTER)
    if not path:
        return False
    placed = place_notes(notes.store.notes, comp.documents)
    try:
        write_notes(path, placed, _inputs(window))
    except OSError as exc:  # "path: reason", the old file (if any) untouched
        QMessageBox.warning(window, "Notes not exported", str(exc))
        return False
    window.statusBar().showMessage(f"Exported {counted(len(placed), 'note')} to {path}", 8000)
    return True


def import_notes(window) -> bool:
    """Merge the notes of a file the user picks into the comparison, as one undoable step."""
    notes, comp = window.notes, window.comp
    if comp is None or notes.store is None:
        return False
    path, _ = QFileDialog.getOpenFileName(window, "Import notes", _folder(window), FILTER)
    if not path:
        return False
    try:
        incoming = read_notes_file(path)
    except NotesFileError as exc:
        QMessageBox.warning(window, "Notes not imported",
                            f"{exc}.\n\nNothing was imported.")
        return False
    plan = plan_import(incoming, comp.documents, notes.store.notes)
    if plan.fresh:
        notes.undo_stack.push(ImportNotes(notes, plan.fresh))
    summary = plan.summary(f" from {Path(path).name}")
    text = summary[0].upper() + summary[1:]
    if plan.fresh:
        text += f" Edit ▸ Undo takes {'it' if len(plan.fresh) == 1 else 'them'} away again."
    QMessageBox.information(window, "Notes imported" if plan.fresh else "No notes imported",
                            text)
    window.statusBar().showMessage(text, 8000)
    return bool(plan.fresh)
