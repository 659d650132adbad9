"""Sources edited or deleted on disk while the window shows them: a banner, Reload / Ignore.

Without it a window kept showing text its files no longer held: every note stayed
"anchored" on it, and a note made then was saved with a quote the file did not contain
(fuzzy at the next opening). Editors and Meld watch their files; so does the reader.

* ``QFileSystemWatcher`` watches each open source and its folder, as the notes folder
  is watched (``NotesController``). Editors save by writing a new file and renaming it
  over the old one: the watch on the file ends then, so it is added again after each
  check; the folder's watch sees the rename and a file coming back.
* Events come in bursts (one save is several), so they are gathered by a short timer.
* A change is real when the bytes differ from those loaded (``Document.sha256``), not
  when the time moved: a touch or a save of the same text shows nothing. Stat and hash
  run in a worker thread (``reader.core.disk_state``): a 20 MB source never blocks the
  window.
* Reload re-aligns the same paths as File ▸ Add Sources does (``add_paths``): the
  reference, order, panes, place, checked places and fixes are kept, and the notes
  re-anchor and are counted as when the comparison is opened again. Unsaved notes are
  saved first; if that fails, nothing is reloaded.
* A deleted source is said, and its loaded text stays shown; Reload waits for it
  (reloading would drop the source and its pane).
* Ignore hides the banner for these very bytes; another change shows it again.
"""

from __future__ import annotations

import os
import threading

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton

from reader.core.disk_state import Stamp, look
from reader.core.sources import file_name, listed
from reader.gui.window_layout import banner_row

GATHER_MS = 300
"""Events closer than this are one change (an editor's save is a burst of them)."""


class SourceWatch(QObject):
    """One window's watch over its open sources, and the banner that reports on it."""

    looked = Signal(int, object)  # generation, ``look``'s answer (from the worker thread)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.paths: list[str] = []  # absolute paths of the comparison's sources, by index
        self.loaded: dict[str, str] = {}  # path -> digest of the bytes shown
        self.seen: dict[str, Stamp | None] = {}  # path -> stamp when last looked at
        self.ignored: dict[str, str | None] = {}  # path -> the state Ignore was given for
        self.changed: dict[str, str] = {}  # path -> its new digest
        self.missing: set[str] = set()
        self._generation = 0
        self._looking = False  # a worker is looking at the files
        self._again = False  # events came meanwhile: look again when it is done
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._poke)
        self.watcher.directoryChanged.connect(self._poke)
        self.timer = QTimer(self, singleShot=True, interval=GATHER_MS)
        self.timer.timeout.connect(self._look)
        self.looked.connect(self._answered)
        self._build_banner()

    def _build_banner(self) -> None:
        """A row under the window's banner: what changed, Reload and Ignore."""
        self.banner, self.text, row = banner_row()
        self.reload_button = QPushButton("Reload")
        self.reload_button.clicked.connect(self.reload)
        self.ignore_button = QPushButton("Ignore")
        self.ignore_button.clicked.connect(self.ignore)
        row.addWidget(self.reload_button)
        row.addWidget(self.ignore_button)
        self.banner.hide()
        self.window.centralWidget().layout().insertWidget(1, self.banner)

    # -- watching ---------------------------------------------------------------------------
    def watch(self, documents) -> None:
        """A comparison arrived (``_loaded``): watch its sources as they were read."""
        self._generation += 1
        self.paths = [os.path.abspath(d.path) for d in documents]
        self.loaded = {p: d.sha256 for p, d in zip(self.paths, documents)}
        self.seen, self.ignored, self.changed, self.missing = {}, {}, {}, set()
        self._show()
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        folders = {os.path.dirname(p) for p in self.paths}
        self.watcher.addPaths([p for p in [*self.paths, *sorted(folders)] if os.path.exists(p)])
        self.timer.start()  # a file edited between reading and now is found too

    def _poke(self, _path: str) -> None:
        self.timer.start()  # (re)started: a burst is looked at once, after it

    def _look(self) -> None:
        """Stat the sources, and hash those whose stamp moved, in a worker."""
        if not self.paths:
            return
        if self._looking:
            self._again = True
            return
        self._looking, self._again = True, False
        threading.Thread(target=self._look_in_worker,
                         args=(self._generation, list(self.paths), dict(self.seen)),
                         daemon=True).start()

    def _look_in_worker(self, generation: int, paths: list[str],
                        seen: dict[str, Stamp | None]) -> None:
        answer = look(paths, seen)
        try:
            self.looked.emit(generation, answer)
        except RuntimeError:  # the window was closed meanwhile: nobody to tell
            pass

    def _answered(self, generation: int, answer: dict) -> None:
        self._looking = False
        if generation == self._generation:
            for path, (stamp, digest) in answer.items():
                self._note(path, stamp, digest)
            self._show()
            self._watch_again()
        if self._again or generation != self._generation:
            self.timer.start()

    def _note(self, path: str, stamp: Stamp | None, digest: str | None) -> None:
        """Record what ``path`` holds now."""
        self.seen[path] = stamp
        self.changed.pop(path, None)
        self.missing.discard(path)
        if self.ignored.get(path, "") == digest:
            return  # the reader chose to go on with this
        self.ignored.pop(path, None)
        if digest is None:
            self.missing.add(path)
        elif self.loaded.get(path) and digest != self.loaded[path]:
            self.changed[path] = digest
        elif not self.loaded.get(path):  # a document made without its digest: now known
            self.loaded[path] = digest

    def _watch_again(self) -> None:
        """A rename-save ended the file's watch: watch the new file at that path."""
        watched = set(self.watcher.files())
        back = [p for p in self.paths if p not in watched and self.seen.get(p) is not None]
        if back:
            self.watcher.addPaths(back)

    # -- the banner -------------------------------------------------------------------------
    def _names(self, paths) -> str:
        """ "[1] a.txt and [3] c.txt", in the sources' order."""
        window = self.window
        return listed([f"{window.story.tag(i)} {file_name(window.comp.documents[i])}"
                       for i, p in enumerate(self.paths) if p in paths], "and")

    def message(self) -> str:
        """What the banner says ('' when every source holds what is shown)."""
        if self.window.comp is None or len(self.window.comp.documents) != len(self.paths):
            return ""
        lines = []
        if self.changed:
            lines.append(f"{self._names(self.changed)} changed on disk. Reload compares the "
                         f"new text (notes follow it); Ignore keeps showing the text as read.")
        if self.missing:
            gone = "is" if len(self.missing) == 1 else "are"
            lines.append(f"{self._names(self.missing)} {gone} no longer on disk (deleted or "
                         "moved): the text as read stays shown"
                         + ("; Reload waits until it is back." if self.changed else "."))
        return "\n".join(lines)

    def _show(self) -> None:
        text = self.message()
        self.text.setText(text)
        self.reload_button.setVisible(bool(self.changed))
        self.reload_button.setEnabled(bool(self.changed) and not self.missing)
        self.banner.setVisible(bool(text))

    def ignore(self) -> None:
        """Go on with the text as read, until the files change again."""
        self.ignored.update(self.changed)
        self.ignored.update(dict.fromkeys(self.missing))
        self.changed, self.missing = {}, set()
        self._show()

    def reload(self) -> None:
        """Read the sources again and re-align them, keeping the reader's arrangement."""
        window = self.window
        if not self.changed or self.missing or window.comp is None:
            return
        if window.job is not None:
            window.statusBar().showMessage("An alignment is under way: Reload once it is "
                                           "done.", 6000)
            return
        store = window.notes.store
        if store is not None and store.pending:
            try:
                store.save()
            except OSError as exc:
                window.statusBar().showMessage(f"Not reloaded: the notes made here are not "
                                               f"saved yet ({exc}).", 10000)
                return
        self.banner.hide()
        window.add_paths([])  # the same paths, aligned again; the place is kept
