"""Notes in the reader: create, edit, delete (undoable), show, jump, re-attach.

The store and anchoring live in ``reader.core.annotations``; this class
connects them to the panes (marks and tooltips), the Annotations dock and
the window's undo stack.
"""

from __future__ import annotations

import copy
from html import escape

from PySide6.QtCore import QFileSystemWatcher, QObject
from PySide6.QtGui import QTextCursor, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog

from reader.core.annotations.model import Anchor, Note
from reader.core.annotations.render import note_html
from reader.core.annotations.session import (
    PlacedNote,
    change_report,
    open_store,
    place_notes,
)
from reader.core.annotations.store import NotesStore
from reader.gui.note_editor import NoteEditor


class NoteChange(QUndoCommand):
    """Replace one state of a note by another (None: the note does not exist)."""

    def __init__(self, controller: "NotesController", text: str, before: Note | None,
                 after: Note | None) -> None:
        super().__init__(text)
        self.controller = controller
        self.before = copy.deepcopy(before)
        self.after = copy.deepcopy(after)

    def redo(self) -> None:
        self.controller.apply(self.before, self.after)

    def undo(self) -> None:
        self.controller.apply(self.after, self.before)


class NotesController(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.store: NotesStore | None = None
        self.placed: list[PlacedNote] = []
        self.undo_stack = QUndoStack(self)
        # Another window on the same comparison saves into the same file: show its notes.
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._disk_changed)
        self._seen: float | None = None

    # -- loading ----------------------------------------------------------------------------
    def open(self, comp) -> list[str]:
        """Load the notes of this comparison; return messages for the user."""
        self.undo_stack.clear()
        self.store = open_store(comp.documents)
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        self.store.folder.mkdir(parents=True, exist_ok=True)
        self.watcher.addPath(str(self.store.folder))
        self._seen = self._stamp()
        self.placed = place_notes(self.store.notes, comp.documents)
        messages = list(self.store.messages)
        report = change_report(self.store, self.placed, comp.documents)
        if report:
            messages.append(report)
        return messages

    def _stamp(self) -> float | None:
        try:
            return self.store.file.stat().st_mtime_ns if self.store else None
        except OSError:
            return None

    def _disk_changed(self, _folder: str) -> None:
        """The notes file was replaced (ours or another window's save): re-read it."""
        stamp = self._stamp()
        if self.store is None or stamp is None or stamp == self._seen:
            return
        self._seen = stamp
        self.store.load()
        self.refresh()

    def refresh(self) -> None:
        """Re-place notes and redraw their marks in every pane and the dock."""
        comp = self.window.comp
        if self.store is None or comp is None:
            return
        self.placed = place_notes(self.store.notes, comp.documents)
        for pane in self.window.panes:
            content = pane.view.content
            marks = []
            for p in self.placed:
                for source, placement in [(p.source, p.placement), *p.counterparts]:
                    if source != pane.index or placement.state == "orphan":
                        continue
                    for start, end in content.document_range(placement.start, placement.end):
                        marks.append((start, end, self._tip(p)))
            pane.view.noted = marks
            pane.view.viewport().update()
        self.window.notes_panel.set_notes(self.placed, [d.name for d in comp.documents],
                                          self.store.categories)

    @staticmethod
    def _tip(p: PlacedNote) -> str:
        state = "" if p.state == "anchored" else f" · {p.state}"
        return (f"<b>{escape(p.note.category)}</b> · {escape(p.note.status)}{state}"
                f"{note_html(p.note.body) or '<p><i>(no text)</i></p>'}")

    # -- changing (every change goes through the undo stack) ----------------------------------
    def apply(self, old: Note | None, new: Note | None) -> None:
        if new is None and old is not None:
            self.store.delete(old.id)
        elif new is not None:
            self.store.add(copy.deepcopy(new))
        self.refresh()

    def _selection_anchor(self) -> tuple[int, int, int] | None:
        """(source, start, end) from the active pane's selection, else its clicked paragraph."""
        window = self.window
        pane = next((p for p in window.panes if p.index == window.active_source), None)
        if pane is None:
            return None
        cursor = pane.view.textCursor()
        content = pane.view.content
        if cursor.hasSelection():
            start = content.to_source(cursor.selectionStart())
            end = content.to_source(cursor.selectionEnd())
            if end > start:
                return pane.index, start, end
        if window.selected_row is None:
            return None
        paras = window.comp.rows[window.selected_row][pane.index]
        if not paras:
            return None
        doc = window.comp.documents[pane.index]
        return pane.index, doc.paragraphs[paras[0]].start, doc.paragraphs[paras[-1]].end

    def annotate(self) -> None:
        """Create a note on the selection (or the selected difference) in the active pane."""
        comp = self.window.comp
        where = self._selection_anchor()
        if comp is None or self.store is None or where is None:
            self.window.statusBar().showMessage(
                "Select text in a pane, or click a paragraph, then choose Annotate.", 6000)
            return
        source, start, end = where
        doc = comp.documents[source]
        note = Note(Anchor.from_text(source, doc.path, doc.text, start, end),
                    category=self._guess_category(source, start))
        note.counterparts = self._counterparts(source, start, end)
        if self._edit_dialog(note):
            self.undo_stack.push(NoteChange(self, "Add note", None, note))

    def _guess_category(self, source: int, start: int) -> str:
        """Start from what the reader is looking at: a difference kind if there is one."""
        window = self.window
        if 0 <= window.current < len(window.diffs):
            kind = window.diffs[window.current].kind
            return {"added": "addition", "omitted": "omission", "changed": "wording"}.get(kind,
                                                                                         "other")
        return "other"

    def _counterparts(self, source: int, start: int, end: int) -> list[Anchor]:
        """The linked paragraphs of other sources: the note concerns them too."""
        comp = self.window.comp
        doc = comp.documents[source]
        touched = [p.index for p in doc.paragraphs if p.start < end and start < p.end] or \
            [p.index for p in doc.paragraphs if p.start <= start <= p.end]
        anchors, seen = [], set()
        for p in touched:
            for link in comp.links_of((source, p)):
                s, q = link.other((source, p))
                if (s, q) in seen:
                    continue
                seen.add((s, q))
                other = comp.documents[s]
                para = other.paragraphs[q]
                anchors.append(Anchor.from_text(s, other.path, other.text, para.start, para.end))
        return anchors

    def _edit_dialog(self, note: Note) -> bool:
        comp = self.window.comp
        names = [d.name for d in comp.documents]
        where = f"[{note.anchor.source + 1}] {names[note.anchor.source]}" \
            if 0 <= note.anchor.source < len(names) else note.anchor.path
        counterparts = [f"[{a.source + 1}] {names[a.source]}" for a in note.counterparts
                        if 0 <= a.source < len(names)]
        dialog = NoteEditor(self.window, note, self.store.categories, where, counterparts)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        note.body, note.category, note.status = dialog.values()
        if note.category not in self.store.categories:
            self.store.add_category(note.category)
        return True

    def edit(self, note_id: str) -> None:
        before = self.store.get(note_id) if self.store else None
        if before is None:
            return
        after = copy.deepcopy(before)
        if self._edit_dialog(after):
            after.touch()
            self.undo_stack.push(NoteChange(self, "Edit note", before, after))

    def delete(self, note_id: str) -> None:
        before = self.store.get(note_id) if self.store else None
        if before is not None:
            self.undo_stack.push(NoteChange(self, "Delete note", before, None))

    def reattach(self, note_id: str) -> None:
        """Move a note (typically an orphan) to the current selection."""
        before = self.store.get(note_id) if self.store else None
        where = self._selection_anchor()
        if before is None or where is None:
            self.window.statusBar().showMessage("Select the text to attach the note to first.",
                                                6000)
            return
        source, start, end = where
        doc = self.window.comp.documents[source]
        after = copy.deepcopy(before)
        after.anchor = Anchor.from_text(source, doc.path, doc.text, start, end)
        after.counterparts = self._counterparts(source, start, end)
        after.touch()
        self.undo_stack.push(NoteChange(self, "Re-attach note", before, after))

    def jump(self, note_id: str) -> None:
        """Scroll to a note's text and select it in its pane."""
        placed = next((p for p in self.placed if p.note.id == note_id), None)
        if placed is None or placed.state == "orphan":
            return
        window = self.window
        pane = next((p for p in window.panes if p.index == placed.source), None)
        if pane is None:
            return
        content = pane.view.content
        ranges = content.document_range(placed.placement.start, placed.placement.end)
        if not ranges:
            return
        cursor = QTextCursor(content.document)
        cursor.setPosition(ranges[0][0])
        cursor.setPosition(ranges[-1][1], QTextCursor.MoveMode.KeepAnchor)
        pane.view.setTextCursor(cursor)
        row = content.block_row[cursor.block().blockNumber()]
        window.select_row(row, placed.source)
        window.scroll_to_row(row)
        window.flash(row)
