"""Notes on disk: one JSON file per comparison, saved atomically, merged on save.

* Where: ``<user data dir>/parallax/notes/<key>.json`` (appdirs; honours
  ``XDG_DATA_HOME``). The key is derived from the sources' paths; each
  source's content hash is stored too, so a changed file is noticed.
* How: every change is written to a temporary file in the same folder,
  flushed to disk and renamed over the old file. A crash or kill at any
  moment leaves either the old or the new file, never half of one.
* Two windows on one comparison: a save re-reads the file under a lock and
  merges by note id (newer ``modified`` wins; deletions are remembered as
  tombstones), so neither window's new notes are lost.
* A corrupt or unreadable file is moved aside with a timestamp and reported;
  the reader starts with no notes rather than refusing to open.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

import appdirs

from reader.core.annotations.model import DEFAULT_CATEGORIES, Note, now_iso
from reader.core.files import write_atomically  # noqa: F401  (old home; callers moving)

SCHEMA = 1


def notes_folder() -> Path:
    return Path(appdirs.user_data_dir("parallax", appauthor=False)) / "notes"


def comparison_key(paths: list[str]) -> str:
    joined = "\n".join(sorted(os.path.abspath(p) for p in paths))
    return hashlib.sha256(joined.encode()).hexdigest()[:24]


class NotesStore:
    """The notes of one comparison (a list of source paths with their hashes)."""

    def __init__(self, paths: list[str], hashes: list[str], folder: Path | None = None) -> None:
        self.paths = [os.path.abspath(p) for p in paths]
        self.hashes = list(hashes)
        self.folder = Path(folder) if folder else notes_folder()
        self.file = self.folder / f"{comparison_key(paths)}.json"
        self.notes: list[Note] = []
        self.deleted: dict[str, str] = {}  # id -> when it was deleted
        self.categories: list[str] = list(DEFAULT_CATEGORIES)
        self.saved_hashes: list[str] = []
        self.messages: list[str] = []
        self.load()

    # -- reading --------------------------------------------------------------------------
    def load(self) -> None:
        data = self._read()
        if data is None:
            return
        self.notes, self.deleted, self.categories, self.saved_hashes = data

    def _read(self):
        """Parse the file; a bad one is moved aside (reported in ``messages``)."""
        if not self.file.exists():
            return None
        try:
            raw = json.loads(self.file.read_text(encoding="utf-8"))
            if not isinstance(raw, dict) or raw.get("schema") != SCHEMA:
                raise ValueError(f"unknown format (schema {raw.get('schema')!r})"
                                 if isinstance(raw, dict) else "not a JSON object")
            notes = [Note.from_json(n) for n in raw.get("notes", [])]
            deleted = {str(k): str(v) for k, v in dict(raw.get("deleted", {})).items()}
            categories = [str(c) for c in raw.get("categories", DEFAULT_CATEGORIES)]
            by_path = {s.get("path"): s.get("sha256", "") for s in raw.get("sources", [])}
            hashes = [by_path.get(p, "") for p in self.paths]
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            self._move_aside(exc)
            return None
        for c in DEFAULT_CATEGORIES:
            if c not in categories:
                categories.append(c)
        return notes, deleted, categories, hashes

    def _move_aside(self, exc: Exception) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.file.with_name(f"{self.file.stem}.corrupt-{stamp}.json")
        with contextlib.suppress(OSError):
            os.replace(self.file, aside)
        self.messages.append(f"The notes file {self.file} could not be read ({exc}); it was "
                             f"moved to {aside.name} and the reader started without notes.")

    def changed_sources(self) -> list[int]:
        """Sources whose content changed since the notes were last saved."""
        return [i for i, (old, new) in enumerate(zip(self.saved_hashes, self.hashes))
                if old and new and old != new]

    # -- changing -------------------------------------------------------------------------
    def get(self, note_id: str) -> Note | None:
        return next((n for n in self.notes if n.id == note_id), None)

    def add(self, note: Note) -> None:
        if self.deleted.pop(note.id, None) is not None:
            note.touch()  # newer than its tombstone, which another window may still hold
        self.notes = [n for n in self.notes if n.id != note.id] + [note]
        self.save()

    def update(self, note: Note) -> None:
        note.touch()
        self.add(note)

    def delete(self, note_id: str) -> Note | None:
        note = self.get(note_id)
        self.notes = [n for n in self.notes if n.id != note_id]
        self.deleted[note_id] = now_iso()
        self.save()
        return note

    def add_category(self, name: str) -> None:
        name = name.strip()
        if name and name not in self.categories:
            self.categories.append(name)
            self.save()

    def merge_in(self, notes: list[Note]) -> int:
        """Import: add notes whose id is new; return how many were added."""
        known = {n.id for n in self.notes}
        fresh = [n for n in notes if n.id not in known]
        for n in fresh:
            self.deleted.pop(n.id, None)
        self.notes.extend(fresh)
        if fresh:
            self.save()
        return len(fresh)

    # -- writing --------------------------------------------------------------------------
    def save(self) -> None:
        """Merge with what is on disk (another window may have saved) and write atomically."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._locked():
            disk = self._read()
            if disk is not None:
                self._merge(*disk[:3])
            payload = {
                "schema": SCHEMA,
                "sources": [{"path": p, "sha256": h} for p, h in zip(self.paths, self.hashes)],
                "categories": self.categories,
                "notes": [n.to_json() for n in self.notes],
                "deleted": self.deleted,
            }
            write_atomically(self.file, json.dumps(payload, ensure_ascii=False, indent=1))
        self.saved_hashes = list(self.hashes)

    def _merge(self, notes: list[Note], deleted: dict[str, str], categories: list[str]) -> None:
        for note_id, when in deleted.items():
            if when > self.deleted.get(note_id, ""):
                self.deleted[note_id] = when
        mine = {n.id: n for n in self.notes}
        for note in notes:
            if note.id not in mine or note.modified > mine[note.id].modified:
                mine[note.id] = note
        self.notes = sorted((n for n in mine.values()
                             if not (n.id in self.deleted and self.deleted[n.id] >= n.modified)),
                            key=lambda n: n.created)
        for c in categories:
            if c not in self.categories:
                self.categories.append(c)

    @contextlib.contextmanager
    def _locked(self):
        lock = self.file.with_suffix(".lock")
        with open(lock, "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
