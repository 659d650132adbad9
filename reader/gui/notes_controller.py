"""Notes in the reader: create, edit, delete (undoable), show, jump, re-attach.

The store and anchoring live in ``reader.core.annotations``; this class
connects them to the panes (marks and tooltips), the Annotations dock and
the window's undo stack.

Nothing the user wrote is lost silently: a failed save is shown in the
banner, the note stays in memory, saving is retried (``RETRY_MS``) and
closing the window with unsaved notes asks what to do. Placing notes
(re-anchoring in texts that changed) can take a while, so it runs in a
worker thread; what is already known (cached, or still at its offsets) is
drawn at once.
"""

from __future__ import annotations

import copy
import os
import threading
from html import escape

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from reader.core.annotations.anchoring import known_placement
from reader.core.annotations.exchange import write_notes
from reader.core.annotations.model import Anchor, Note
from reader.core.annotations.render import note_html
from reader.core.annotations.session import (
    PlacedNote,
    change_report,
    open_store,
    place_notes,
)
from reader.core.annotations.store import NotesStore
from reader.core.snippets import counted
from reader.gui.note_editor import NoteEditor

RETRY_MS = 30_000
"""How often unsaved notes are tried again (a full disk may have been cleared)."""


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
    placedReady = Signal(int, object)  # generation, list[PlacedNote] (from the worker thread)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.store: NotesStore | None = None
        self.placed: list[PlacedNote] = []
        self.placing = False  # a worker is re-anchoring notes
        self._generation = 0
        self.undo_stack = QUndoStack(self)
        # Another window on the same comparison saves into the same files: show its notes.
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._disk_changed)
        self._seen: tuple | None = None
        self._opened_early: tuple | None = None  # ``open_early``: documents, store, its files
        self._report_due = False  # the notes of changed sources are still to be counted
        self.placedReady.connect(self._placed_ready)
        self._jump_due: str | None = None  # a note to go to once unfolded furniture is shown
        window.comparisonShown.connect(self._jump_when_shown)
        self.retry = QTimer(self, interval=RETRY_MS)
        self.retry.timeout.connect(self._retry_save)
        window.installEventFilter(self)  # closing with unsaved notes asks first

    # -- loading ----------------------------------------------------------------------------
    def open_early(self, documents) -> None:
        """Open the notes store of ``documents`` while they are being aligned: ``open``
        takes it if they are the comparison's and no notes file changed meanwhile.

        Opening it (mostly the sources' paragraph fingerprints) took ~0.02 s of the
        window's thread between a 20-source comparison's arrival and its panes on screen;
        while the sources are aligned the window has little else to do."""
        store = open_store(documents)
        self._opened_early = (list(documents), store, self._stamp(store))

    def _early_store(self, documents) -> NotesStore | None:
        """The store ``open_early`` opened, if it is for these very documents (the ones
        read, now aligned) and its files are still as it read them."""
        early, self._opened_early = self._opened_early, None
        if early is None:
            return None
        read, store, stamp = early
        same = len(read) == len(documents) and all(a is b for a, b in zip(read, documents))
        if not same or stamp is None or self._stamp(store) != stamp:
            return None
        return store

    def open(self, comp) -> list[str]:
        """Load the notes of this comparison; return messages for the user."""
        self.undo_stack.clear()
        self.store = self._early_store(comp.documents) or open_store(comp.documents)
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        if self.store.sources_folder.is_dir():
            self.watcher.addPath(str(self.store.sources_folder))
        self._seen = self._stamp()
        known = self._all_known(self.store.notes, comp.documents)
        self.placed = place_notes(self.store.notes, comp.documents) if known else []
        messages = list(self.store.messages)
        report = change_report(self.store, self.placed, comp.documents) if known else ""
        if report:
            messages.append(report)
        self._report_due = not known  # counted once a worker has placed them (``_show``)
        return messages

    def _stamp(self, store: NotesStore | None = None) -> tuple | None:
        """The notes files of ``store`` (by default the open one) as they are on disk
        (names and times): has anyone saved?"""
        store = store or self.store
        if store is None:
            return None
        try:
            return tuple(sorted((e.name, e.stat().st_mtime_ns)
                                for e in os.scandir(store.sources_folder)
                                if e.name.endswith(".json")))
        except OSError:
            return None

    def _disk_changed(self, _folder: str) -> None:
        """A notes file was replaced (ours or another window's save): re-read them."""
        stamp = self._stamp()
        if self.store is None or stamp == self._seen:
            return
        self._seen = stamp
        if self.store.pending:
            return  # our unsaved changes first; the next save merges the disk's
        self.store.load()
        self.refresh()

    @staticmethod
    def _all_known(notes: list[Note], documents) -> bool:
        """Can every note be placed without real work (cached, or still at its offsets)?"""
        for note in notes:
            for anchor in [note.anchor, *note.counterparts]:
                if 0 <= anchor.source < len(documents) and \
                        known_placement(documents[anchor.source].text, anchor) is None:
                    return False
        return True

    def refresh(self) -> None:
        """Re-place notes (in a worker if that takes work) and redraw marks and the dock."""
        comp = self.window.comp
        if self.store is None or comp is None:
            return
        self._generation += 1
        notes = copy.deepcopy(self.store.notes)
        if self._all_known(notes, comp.documents):
            self.placing = False
            self._show(place_notes(notes, comp.documents))
            return
        self.placing = True
        generation, documents = self._generation, comp.documents
        threading.Thread(target=self._place_in_worker, args=(generation, notes, documents),
                         daemon=True).start()
        self._show([p for p in self.placed if self.store.get(p.note.id) is not None])

    def _place_in_worker(self, generation: int, notes: list[Note], documents) -> None:
        placed = place_notes(notes, documents)
        try:
            self.placedReady.emit(generation, placed)
        except RuntimeError:  # the window was closed meanwhile: nobody to tell
            pass

    def _placed_ready(self, generation: int, placed: list[PlacedNote]) -> None:
        if generation == self._generation and self.window.comp is not None:
            self.placing = False
            self._show(placed)

    def _show(self, placed: list[PlacedNote]) -> None:
        comp = self.window.comp
        self.placed = placed
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
                                          self.store.categories, self.window.tags())
        if self._report_due and not self.placing:
            self._report_changes()

    def _report_changes(self) -> None:
        """Say where the notes of changed sources went, now that they are placed: counted
        when the comparison opened, before a worker placed them, it said "none"."""
        self._report_due = False
        report = change_report(self.store, self.placed, self.window.comp.documents)
        if report:
            self.window.add_to_banner(report)

    # -- saving: never lose a note silently ---------------------------------------------------
    def _saved(self, action) -> bool:
        """Run a store change; on a failed save say so, keep the note and retry later."""
        try:
            action()
        except OSError as exc:
            self.window.show_banner(f"{exc}. The change is kept in this window and saving is "
                                    "tried again; closing the window will ask what to do.")
            self.retry.start()
            return False
        return True

    def _retry_save(self) -> None:
        if self.store is None or not self.store.pending:
            self.retry.stop()
            return
        if self._saved(self.store.save):
            self.retry.stop()
            self.window.show_banner("Notes saved.")

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.window and event.type() == QEvent.Type.Close \
                and not self.may_close():
            event.ignore()
            return True
        return super().eventFilter(obj, event)

    def may_close(self) -> bool:
        """True when nothing unsaved would be lost (saving again, or asking, first)."""
        store = self.store
        if store is None or not store.pending:
            return True
        try:
            store.save()
            return True
        except OSError as exc:
            reason = str(exc)
        # The store's reason starts "Notes not saved: …" already: said once.
        box = QMessageBox(QMessageBox.Icon.Warning, "Notes not saved", reason,
                          parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        save_as = box.addButton("Save Notes As…", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Close Without Saving", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is discard:
            return True
        if box.clickedButton() is save_as:
            return self.save_notes_as()
        return False

    def save_notes_as(self) -> bool:
        """Write every note of this comparison to a JSON file of the user's choice."""
        path, _ = QFileDialog.getSaveFileName(self.window, "Save notes as", "notes.json",
                                              "Notes (*.json)")
        if not path:
            return False
        documents = self.window.comp.documents
        try:  # the file File ▸ Import Notes… and ``parallax notes import`` read
            write_notes(path, place_notes(self.store.notes, documents),
                        [d.path for d in documents])
        except OSError as exc:
            QMessageBox.warning(self.window, "Notes not saved", str(exc))
            return False
        return True

    def confirm_remove(self, source: int) -> bool:
        """Ask before a source leaves the comparison (its notes stay with its file)."""
        comp = self.window.comp
        if comp is None or not 0 <= source < len(comp.documents):
            return True
        count = sum(1 for n in (self.store.notes if self.store else [])
                    if n.anchor.source == source)
        kept = (f" Its {counted(count, 'note')} stay saved with the file and "
                "come back when you add it again." if count else "")
        answer = QMessageBox.question(
            self.window, "Remove source",
            f"Remove {self.window.story.tag(source)} {comp.documents[source].name} from the "
            f"comparison?{kept} Edit ▸ Undo (Ctrl+Z) brings it back.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    @staticmethod
    def _tip(p: PlacedNote) -> str:
        state = "" if p.state == "anchored" else f" · {p.state}"
        return (f"<b>{escape(p.note.category)}</b> · {escape(p.note.status)}{state}"
                f"{note_html(p.note.body) or '<p><i>(no text)</i></p>'}")

    # -- changing (every change goes through the undo stack) ----------------------------------
    def change(self, action) -> None:
        """Run a store change of an undo command (an import, its undo) as a note's own:
        saved at once (else kept and retried, ``_saved``), then drawn."""
        self._saved(action)
        self.refresh()

    def apply(self, old: Note | None, new: Note | None) -> None:
        if new is None and old is not None:
            self._saved(lambda: self.store.delete(old.id))
        elif new is not None:
            self._saved(lambda: self.store.add(copy.deepcopy(new)))
        self.refresh()

    def _selection_anchor(self) -> tuple[int, int, int] | None:
        """(source, start, end) from the active pane's selection, else its clicked paragraph,
        else the paragraph its text cursor is in (a keyboard user's "this paragraph")."""
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
            para = content.block_para[cursor.block().blockNumber()] \
                if cursor.block().blockNumber() < len(content.block_para) else None
            if para is None or not pane.view.hasFocus():
                return None
            shown = content.paragraphs[para]
            return pane.index, shown.start, shown.end
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
        tags = self.window.tags()
        where = f"{tags[note.anchor.source]} {names[note.anchor.source]}" \
            if 0 <= note.anchor.source < len(names) else note.anchor.path
        counterparts = _paragraphs_by_source(comp, note.counterparts, tags)
        dialog = NoteEditor(self.window, note, self.store.categories, where, counterparts)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        note.body, note.category, note.status = dialog.values()
        if note.category not in self.store.categories:
            self._saved(lambda: self.store.add_category(note.category))
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
            self._unfold_for(placed)
            return
        cursor = QTextCursor(content.document)
        cursor.setPosition(ranges[0][0])
        cursor.setPosition(ranges[-1][1], QTextCursor.MoveMode.KeepAnchor)
        pane.view.setTextCursor(cursor)
        row = content.block_row[cursor.block().blockNumber()]
        window.select_row(row, placed.source)
        window.scroll_to_row(row)
        window.flash(row)

    def _unfold_for(self, placed: PlacedNote) -> None:
        """A note on page furniture that is folded away: unfold it, then go to the note
        (the dock's click did nothing before; the reader could not tell why)."""
        window = self.window
        doc = window.comp.documents[placed.source]
        start, end = placed.placement.start, placed.placement.end
        on_furniture = any(p.boilerplate for p in doc.paragraphs
                           if p.start < end and start < p.end or p.start <= start < p.end)
        if window.show_furniture or not on_furniture:
            window.statusBar().showMessage("The note's text is not shown in its pane.", 6000)
            return
        window.statusBar().showMessage("The note is on page furniture: shown again "
                                       "(View ▸ Show Page Furniture).", 8000)
        self._jump_due = placed.note.id
        window.set_show_furniture(True)
        if not window.busy():  # rebuilt at once: no ``comparisonShown`` is coming
            self._jump_when_shown()

    def _jump_when_shown(self) -> None:
        note_id, self._jump_due = self._jump_due, None
        if note_id is not None:
            self.jump(note_id)


def _paragraphs_by_source(comp, anchors: list[Anchor], tags: list[str]) -> list[str]:
    """The paragraphs a note also concerns, one entry a source: "[4] ¶5, ¶6". Versions of
    one story share a title, and a source whose paragraph was split came twice: "[1]
    Freight train derails…; [4] Freight train derails…; [4] Freight train derails…"."""
    by_source: dict[int, list[int]] = {}
    for anchor in anchors:
        if 0 <= anchor.source < len(comp.documents):
            doc = comp.documents[anchor.source]
            number = next((p.index + 1 for p in doc.paragraphs
                           if p.start <= anchor.start < max(p.end, p.start + 1)), None)
            if number is not None:
                by_source.setdefault(anchor.source, []).append(number)
    return [f"{tags[s]} " + ", ".join(f"¶{n}" for n in sorted(set(numbers)))
            for s, numbers in sorted(by_source.items(),
                                     key=lambda item: int(tags[item[0]].strip("[]") or 0))]
