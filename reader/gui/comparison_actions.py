"""The reader's comparison files: Save / Save As / Open, the sources banner, checked items.

``comparison_file`` does the work without widgets; this module gives it
menus, dialogs and a banner, and ties it to the window through a few hooks
(``MainWindow``: ``open_paths`` asks ``intercept``, ``_loaded`` calls
``loaded``, ``closeEvent`` asks ``may_close``).

* File ▸ Save Comparison (Ctrl+S), Save Comparison As… (Ctrl+Shift+S); Open
  and drag & drop take a ``.parallax`` file; Open Recent names it by title.
* What the panes show is the engine's alignment with the fixes on top
  (``window.comp`` is ``session.fixed()``): exports, the Differences dock
  and the story map all read the corrected view.
* Opening a file whose sources changed opens what it can; a banner lists
  what moved, changed, could not be placed (kept in the file) and what is
  missing, with a "Locate…" button per missing source.
* Mark Checked (Ctrl+K) marks the current place (its differences) as
  checked; the Differences dock can hide checked places; the status bar
  counts them.
* The title bar shows the comparison's title and ``*`` while it has unsaved
  changes; closing then asks to save.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton

from reader.core.checked import checked_differences, difference_spot, find_spot, passage_spot
from reader.core.comparison import Comparison
from reader.core.errors import SourceError
from reader.core.fixes import apply_fixes
from reader.core.saved import ComparisonFileError, Opening, SourceStatus
from reader.core.saved_merge import SaveConflict
from reader.core.sources import is_comparison_file
from reader.gui import comparison_file as files
from reader.gui.comparison_file import ComparisonSession
from reader.gui.fix_actions import hand_badges
from reader.gui.navigation import Place
from reader.gui.window_layout import _action, banner_row, show_state

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
OVERWRITE, SAVE_AS = "overwrite", "save as"
CHECK_SHORTCUT = "Ctrl+K"


def recent_label(paths: list[str]) -> str:
    """Open Recent's entry for a comparison file: its title (empty for loose sources)."""
    if len(paths) == 1 and is_comparison_file(paths[0]):
        for title, _path in files.recent_titles(paths):
            return f"{title} ({Path(paths[0]).name})"
    return ""


class ComparisonActions:
    """One window's comparison file, its menus, banner and checked items."""

    def __init__(self, window) -> None:
        self.window = window
        self.session: ComparisonSession | None = None
        self.opening: Opening | None = None  # being aligned in the background
        self.sources: list[SourceStatus] = []  # of the open comparison file
        self._difference_to_restore: tuple[int, int] | None = None  # (row, source)
        self._checked: set[int] = set()
        self._relocated = False  # a Locate… makes the reopened comparison unsaved
        self.unfound: Opening | None = None  # a file none of whose sources was found
        self.restore_from: ComparisonSession | None = None  # undoing a removal: the session then
        self._save_error: str | None = None  # the "Not saved" banner, until a save answers it
        self._build_banner()
        self._build_menus()
        self.counts = QLabel()
        window.statusBar().addPermanentWidget(self.counts)
        window.comparisonShown.connect(self.refresh_checked)

    def _build_banner(self) -> None:
        """Under the window's banner: file messages, a Locate… button per missing source."""
        self.banner, self.banner_text, row = banner_row()
        self.locate_buttons: list[QPushButton] = []
        self.banner_buttons = QHBoxLayout()
        row.addLayout(self.banner_buttons)
        dismiss = QPushButton("Dismiss")
        dismiss.clicked.connect(self.banner.hide)
        row.addWidget(dismiss)
        self.banner.hide()
        self.window.centralWidget().layout().insertWidget(1, self.banner)

    def _build_menus(self) -> None:
        w = self.window
        self.save_action = _action(w, "&Save Comparison", lambda: self.save(),
                                   [files.SAVE_SHORTCUT])
        self.save_as_action = _action(w, "Save Comparison &As…", lambda: self.save(True),
                                      [files.SAVE_AS_SHORTCUT])
        separator = next(a for a in w.file_menu.actions() if a.isSeparator())
        w.file_menu.insertSeparator(separator)
        w.file_menu.insertAction(separator, self.save_action)
        w.file_menu.insertAction(separator, self.save_as_action)
        self.check_action = _action(w, "Mark Place as &Checked", self.toggle_checked,
                                    [CHECK_SHORTCUT])
        w.edit_menu.addAction(self.check_action)
        w.needs_comparison += [self.save_action, self.save_as_action, self.check_action]
        self.hide_checked = QCheckBox("Hide checked places")
        self.hide_checked.setToolTip(f"Leave out places marked checked ({CHECK_SHORTCUT})")
        self.hide_checked.toggled.connect(lambda _on: self.refresh_checked(force=True))
        w.diff_panel.layout().insertWidget(1, self.hide_checked)

    # -- opening ------------------------------------------------------------------------------
    def intercept(self, paths: list[str], wait: bool = False) -> bool:
        """``open_paths`` hook: a comparison file among ``paths`` is opened (alone)."""
        chosen = [p for p in paths if is_comparison_file(p)]
        if not chosen:  # other sources: the comparison goes on, or is left (ask first)
            return not self._continues(paths) and not self.may_close()
        self.open_file(chosen[0], wait)
        return True

    def _continues(self, paths: list[str]) -> bool:
        """Whether ``paths`` are this comparison with sources added or removed."""
        if self.session is None:
            return False
        had = {os.path.abspath(d.path) for d in self.session.engine.documents}
        return bool(had & {os.path.abspath(p) for p in paths})

    def open_file(self, path: str, wait: bool = False) -> bool:
        """Open a ``.parallax`` file; a damaged or newer one is refused with its reason."""
        if not self.may_close():
            return False
        try:
            opening = files.begin_open(path)
        except ComparisonFileError as exc:
            self.refuse(str(exc))
            return False
        self.sources = opening.sources
        return self._align(opening, wait)

    def refuse(self, message: str) -> None:
        """A file that cannot be opened: said once, where the reader looks."""
        if self.window.comp is None:
            show_state(self.window, "failed", message)
        else:
            self.show_messages([message])

    def _align(self, opening: Opening, wait: bool) -> bool:
        w = self.window
        if not opening.paths:
            self.refuse(f"None of the sources of {opening.file} can be found.")
            self.sources, self.unfound = opening.sources, opening
            self.show_messages(opening.messages())
            self.opening = None
            return False
        paths = opening.paths
        # The saved reference and order go through the window's usual arrangement.
        w.settings.save_arrangement(paths, [paths[i] for i in opening.order],
                                    paths[opening.reference])
        self.opening = opening
        w.open_paths(paths, wait)
        return True

    def loaded(self, engine: Comparison, errors: Iterable[SourceError] = ()) -> None:
        """``_loaded`` hook, after the panes were chosen: adopt the new alignment. A saved
        source that failed to load (``errors``) is said so with its reason: a file made
        binary read "is missing (… could not be loaded)" beside a Locate button."""
        w = self.window
        opening, self.opening = self.opening, None
        paths = [d.path for d in engine.documents]
        messages = []
        if opening is not None and set(paths) <= set(opening.paths):
            reasons = {e.path: e.reason for e in errors}
            for path in opening.paths:
                if path not in paths:
                    opening.drop(path, reasons.get(path, "could not be loaded"))
            self.session, restored = files.finish_open(opening, engine)
            self.sources = opening.sources
            messages = self.session.messages
            hidden = {s for s, saved in enumerate(self.session.loaded)
                      if opening.state.sources[saved].hidden}
            w.pinned = {os.path.abspath(w.paths[s]) for s, saved in
                        enumerate(self.session.loaded) if opening.state.sources[saved].pinned}
            w.open_sources = self._saved_panes(hidden)
            w.pending_place = self._restored_place(restored.comparison)
            w.settings.add_recent([os.path.abspath(opening.file)])
            self.session.changed = self._relocated
            self._relocated, self.unfound = False, None
        elif self._continues(paths):  # sources added or removed: fixes and checks follow
            self.session = carried(self.restore_from or self.session, engine)
        else:
            self.session = files.new_session(engine)
            self.sources = []
            w.pinned = set()
        self.restore_from = None
        self._adopt(engine)
        self.show_messages(messages)

    def _saved_panes(self, hidden: set[int]) -> list[int]:
        """The panes a comparison file left open, as many as fit: the reference and the
        pinned ones first; the others wait for room (``squeezed``), and those it hid stay
        closed. (Kept only where the first screen would open a pane, the file's panes
        past the first few in order were dropped: the note's among them.)"""
        w = self.window
        shown = sorted((s for s in w.order if s not in hidden),
                       key=lambda s: (s != w.reference, not w.is_pinned(s)))
        room = w.pane_capacity()
        w.squeezed = [w.paths[s] for s in reversed(shown[room:])]
        return [s for s in w.order if s in shown[:room]] or [w.reference]

    def _adopt(self, engine: Comparison) -> None:
        """The window shows the engine's alignment with the session's fixes on top.

        A large comparison's word diffs arrive after its alignment, for the
        engine's rows: the window takes them in first, then the fixes apply.
        """
        w, session = self.window, self.session
        applied = None
        if session.state.fixes and w._diffs_pending and w.job is not None:
            w.job.diffs_ready.connect(self._fixes_after_diffs)
            w.comp = engine
        elif session.state.fixes:
            applied = apply_fixes(engine, session.state.fixes, session.loaded)
            w.comp = applied.comparison
            w._diffs_pending = False  # the corrected rows get their diffs as they are shown
        else:
            w.comp = engine
        w.story = w.story_of(w.comp, session.loaded)  # the saved numbers, gaps and all
        w.fixes.badges = hand_badges(applied, session.state.fixes, w.story) if applied else {}
        self.update_title()

    def _fixes_after_diffs(self, _caches) -> None:
        """Connected after the window's own slot, which took the diffs in."""
        w = self.window
        w.pending_place = w.pending_place or w.current_place()
        self._adopt(self.session.engine)
        w.rebuild()

    def reapply(self) -> None:
        """After a fix is done or undone: align again with the fixes, keep the place."""
        session = self.session
        if session is None:
            return
        session.changed = True
        self._realign()

    def _realign(self) -> None:
        """Show the engine's alignment with the session's fixes again, at the same place."""
        w = self.window
        w.pending_place = w.pending_place or w.current_place()
        self._adopt(self.session.engine)
        w.selected_row = None
        w.rebuild()

    def _restored_place(self, comp: Comparison) -> Place | None:
        """The saved place in the comparison as loaded (a difference is selected after)."""
        session = self.session
        spot = session.state.place
        found = find_spot(comp, spot, session.loaded) if spot else None
        if found is None:
            return None
        doc = comp.documents[found.holder]
        para = next((p.index for p in doc.paragraphs if p.start <= found.start < p.end), 0)
        if spot.kind == "difference":
            self._difference_to_restore = (found.row, found.source)
            QTimer.singleShot(0, self._select_restored_difference)
        return Place(doc.path, para, 0.0)

    def _select_restored_difference(self) -> None:
        w, wanted = self.window, self._difference_to_restore
        self._difference_to_restore = None
        for i, d in enumerate(w.diffs):
            if wanted == (d.row, d.source):
                w.go_to_difference(i, choose_panes=False)
                return

    def locate(self, status: SourceStatus, path: str | None = None, wait: bool = False) -> None:
        """Locate… a missing source: use ``path`` (asked for when None) and open again."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.window, f"Where is [{status.index + 1}] {Path(status.saved.path).name}?",
                str(Path(status.saved.path).parent))
            if not path:
                return
        session, opening = self.session, self.unfound
        if session is not None and session.file is not None:
            opening = Opening(session.file, session.state, self.sources, session.baseline)
        if opening is None:
            return
        opening.locate(status.index, path)
        self._relocated = True
        self._align(opening, wait)

    # -- banner -------------------------------------------------------------------------------
    def show_messages(self, messages: list[str]) -> None:
        for button in self.locate_buttons:
            button.setParent(None)
            button.deleteLater()
        self.locate_buttons = []
        for status in self.missing():
            button = QPushButton(f"Locate [{status.index + 1}]…")
            button.setToolTip(f"Find {status.saved.path} (moved or renamed)")
            button.clicked.connect(lambda _=False, s=status: self.locate(s))
            self.banner_buttons.addWidget(button)
            self.locate_buttons.append(button)
        self.banner_text.setText("\n".join(messages))
        self.banner.setVisible(bool(messages) or bool(self.locate_buttons))

    # -- saving -------------------------------------------------------------------------------
    def save(self, choose: bool = False, path: str | None = None,
             overwrite: bool = False) -> bool:
        """Save Comparison (Save As when ``choose`` or never saved); False if not saved.

        Nothing changes unless the file was written: the view recorded for it is
        put back when the write fails (else the window would think it has
        unsaved changes no one made). If another window saved the file
        meanwhile, their changes are merged in (``saved_merge``); when that is not
        safe the reader chooses: Overwrite, Save As… or Cancel. ``overwrite``
        replaces the file without merging (the reader's "Overwrite")."""
        session, w = self.session, self.window
        if session is None:
            return False
        if path is None and (choose or session.file is None):
            folder = str(Path(session.file or session.engine.documents[0].path).parent)
            path, _ = QFileDialog.getSaveFileName(w, "Save comparison",
                                                  files.suggested_name(session, folder),
                                                  files.FILE_FILTER)
            if not path:
                return False
        view, fixes = session.view(), list(session.state.fixes)
        self._record_view()
        try:
            written = files.save(session, path, overwrite)
        except ComparisonFileError as exc:
            session.restore_view(view)
            if isinstance(exc, SaveConflict):
                return self._resolve(exc, path)
            self._not_saved(f"Not saved: {exc}")
            return False
        self._saved(written, session.merged and session.state.fixes != fixes)
        return True

    def _resolve(self, conflict: SaveConflict, path: str | None) -> bool:
        """The file changed on disk in a way that cannot be merged: ask what to do."""
        answer = self.ask_conflict(conflict)
        if answer == OVERWRITE:
            return self.save(path=path, overwrite=True)
        if answer == SAVE_AS:
            return self.save(choose=True)
        self._not_saved(f"Not saved: {conflict}")
        return False

    def ask_conflict(self, conflict: SaveConflict) -> str:
        box = QMessageBox(QMessageBox.Icon.Warning, "Comparison changed on disk",
                          f"{Path(conflict.path).name} {conflict.reason}.", parent=self.window)
        box.setInformativeText("Overwrite replaces it with this window's comparison (what was "
                               "saved there is lost); Save As… keeps both.")
        overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
        save_as = box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return {overwrite: OVERWRITE, save_as: SAVE_AS}.get(box.clickedButton(), CANCEL)

    def _not_saved(self, message: str) -> None:
        self._save_error = message
        self.show_messages([message])
        self.window.statusBar().showMessage(message, 15000)

    def _saved(self, written: str, fixes_changed: bool) -> None:
        """After a save: a "Not saved" banner it answers goes; what another window saved
        and this one merged in is shown (its checks, and its fixes re-aligned)."""
        w, session = self.window, self.session
        if self._save_error is not None and self.banner_text.text() == self._save_error:
            self.show_messages([])
        self._save_error = None
        w.settings.add_recent([os.path.abspath(written)])
        if fixes_changed:
            self._realign()
        self.refresh_checked(force=True)
        merged = " (with the changes saved there meanwhile, merged)" if session.merged else ""
        w.statusBar().showMessage(f"Saved {written}{merged}", 8000)
        self.update_title()

    def _record_view(self) -> None:
        """Reference, pane order, hidden panes and place, as the window has them now."""
        w, session = self.window, self.session
        session.set_view(reference=w.reference, order=w.order, place=self._place_spot())
        for s, saved in enumerate(session.loaded):
            session.state.sources[saved].hidden = s not in w.open_sources
            session.state.sources[saved].pinned = w.is_pinned(s)

    def _place_spot(self):
        w, loaded = self.window, self.session.loaded
        if 0 <= w.current < len(w.diffs):
            return difference_spot(w.comp, w.diffs[w.current], w.reference, loaded)
        place = w.current_place()
        if place is None or place.path not in w.paths:
            return None
        source = w.paths.index(place.path)
        para = w.comp.documents[source].paragraphs[place.paragraph]
        return passage_spot(w.comp, source, para.start, para.end, loaded)

    def modified(self) -> bool:
        """Unsaved fixes or checks, or a saved comparison whose view was rearranged."""
        session, w = self.session, self.window
        if session is None:
            return False
        if session.changed:
            return True
        if session.file is None or not w.order:
            return False
        state = session.state
        return (session.loaded[w.reference] != state.reference
                or [session.loaded[s] for s in w.order]
                != [i for i in state.order if i in session.loaded]
                or any(state.sources[saved].pinned != w.is_pinned(s)
                       for s, saved in enumerate(session.loaded)))

    def may_close(self) -> bool:
        """Before closing or opening another comparison: save, discard or stay."""
        if not self.modified():
            return True
        answer = self.ask_to_save()
        if answer == SAVE:
            return self.save()
        return answer == DISCARD

    def ask_to_save(self) -> str:
        box = QMessageBox(self.window)
        box.setWindowTitle("Unsaved comparison")
        box.setText(f"Save the changes to “{self.session.title}”?")
        box.setInformativeText("Your alignment fixes and checked places are kept only if you "
                               "save the comparison.")
        box.setStandardButtons(QMessageBox.StandardButton.Save
                               | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: SAVE,
                QMessageBox.StandardButton.Discard: DISCARD}.get(
                    QMessageBox.StandardButton(answer), CANCEL)

    def update_title(self) -> None:
        session = self.session
        if session is None:
            return
        name = session.title if session.file else "Parallax"
        self.window.setWindowTitle(f"{name}[*] — Parallax" if session.file else "Parallax[*]")
        self.window.setWindowModified(self.modified())
        self.refresh_counts()

    # -- checked places -------------------------------------------------------------------------
    def toggle_checked(self) -> None:
        """Mark the current place (every difference in it) checked, or unchecked if it was."""
        w, session = self.window, self.session
        if session is None or w.comp is None:
            return
        row = w.diffs[w.current].row if 0 <= w.current < len(w.diffs) else w.selected_row
        diffs = [d for d in w.diffs if d.row == row]
        if not diffs:
            w.statusBar().showMessage("Go to a difference first (F7), then mark it checked.",
                                      8000)
            return
        spots = [difference_spot(w.comp, d, w.reference, session.loaded) for d in diffs]
        done = all(spot in session.state.checked for spot in spots)
        for spot in spots:
            session.set_checked(spot, not done)
        w.statusBar().showMessage("Unchecked this place." if done else
                                  f"Checked this place ({CHECK_SHORTCUT} again unchecks).", 6000)
        self.refresh_checked(force=True)
        self.update_title()

    def refresh_checked(self, force: bool = False) -> None:
        """Tell the Differences dock which differences are checked (after every rebuild)."""
        w, session = self.window, self.session
        if session is None or w.comp is None or not w.diffs:
            return
        checked = checked_differences(w.comp, session.state.checked, w.reference,
                                      session.loaded)
        if force or checked != self._checked:
            self._checked = checked
            w.diff_panel.set_checked(checked, self.hide_checked.isChecked())
        self.refresh_counts()

    def refresh_counts(self) -> None:
        w, session = self.window, self.session
        if session is None:
            self.counts.setText("")
            return
        fixes = len(session.state.fixes)
        places = {d.row for d in w.diffs}
        open_ = {d.row for i, d in enumerate(w.diffs) if i not in self._checked}
        done = places - open_
        missing = " ".join(f"[{s.index + 1}]" for s in self.missing())
        saved = session.file is not None  # a comparison file: its progress is worth seeing
        parts = ([f"✓ {len(done)}/{len(places)} places checked"] if saved or done else []) \
            + ([f"{fixes} fix{'es' if fixes != 1 else ''} by hand"] if saved or fixes else []) \
            + ([f"missing: {missing}"] if missing else [])
        self.counts.setText(" · ".join(parts))  # loose files with nothing done: nothing said
        self.counts.setToolTip("\n".join(s.message() for s in self.missing()))

    def missing(self) -> list[SourceStatus]:
        """Sources of the open comparison file that could not be found (Locate… them)."""
        return [s for s in self.sources if s.state == "missing"]


def carried(old: ComparisonSession, engine: Comparison) -> ComparisonSession:
    """A saved comparison whose sources were added or removed in the reader.

    Fixes and checked items about sources still there follow them to their
    new numbers; those about a removed source go with it.
    """
    new = files.new_session(engine, old.state.title)
    by_path = {os.path.abspath(d.path): s for s, d in enumerate(engine.documents)}
    moved = {saved: by_path.get(os.path.abspath(old.state.sources[saved].path))
             for saved in range(len(old.state.sources))}

    def anchor(a):
        return replace(a, source=moved[a.source]) if moved.get(a.source) is not None else None

    for fix in old.state.fixes:
        groups = tuple(tuple(anchor(a) for a in g) for g in fix.groups)
        if all(a is not None for g in groups for a in g):
            new.state.fixes.append(replace(fix, groups=groups))
    for spot in old.state.checked:
        if moved.get(spot.source) is not None and anchor(spot.anchor) is not None:
            new.state.checked.append(replace(spot, source=moved[spot.source],
                                             anchor=anchor(spot.anchor)))
    new.file, new.changed = old.file, old.changed or old.file is not None
    new.baseline = old.baseline  # saving over the file still notices others' changes
    return new
