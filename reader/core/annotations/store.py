"""Notes on disk: one file per *source*, found again by content, merged on save.

Layout (schema 2), under ``<user data dir>/parallax/notes/`` (appdirs;
honours ``XDG_DATA_HOME``)::

    sources/<id>.json     the notes anchored in one source text:
                          {"schema": 2, "id", "paths": [...], "sha256",
                           "fingerprint": [paragraph hashes], "categories",
                           "notes": [...], "deleted": {id: when}}
    migrated/<key>.json   schema-1 files (one per set of paths), kept after migration
    .lock                 taken while reading-merging-writing

Why per source: a note belongs to the text it is anchored in, so it must
show in every comparison that includes that text, however many other
sources are added or removed. A source's file is found by, in order: its
path and content hash, its path (the file was edited), its content hash
(the file was renamed or copied), or - only for files whose recorded paths
are gone - by sharing at least half of its paragraphs (renamed *and*
edited). Notes are then re-anchored in the text as it is now.

Safety:

* every write goes through ``reader.core.files.write_atomically``;
* a save re-reads the file under the lock and merges by note id (newer
  ``modified`` wins; deletions are tombstones), so two windows lose nothing;
* loading keeps what can be read: a note that cannot be read is left out
  and a copy of the whole file is kept beside it; a file that is not JSON at
  all is moved aside (unique name) - and if it cannot be moved, it is never
  overwritten; a file from a newer Parallax (higher schema) is read but never
  written (that would drop what this version does not understand);
* a failed save raises ``OutputError`` and keeps the change in memory
  (``pending``), so the caller can say so and try again.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import appdirs

from reader.core.annotations.model import (
    DEFAULT_CATEGORIES,
    Anchor,
    Note,
    in_the_future,
    now_iso,
    when,
)
from reader.core.files import OutputError, clean_stale_temps, write_atomically

SCHEMA = 2
LEGACY_SCHEMA = 1
FINGERPRINT_MATCH = 0.5
"""Share of paragraphs a renamed-and-edited source must still have in common with its notes."""
MAX_FINGERPRINT = 2000  # paragraphs hashed per source: enough to recognise it, bounded
MAX_DEPTH = 200  # deeper JSON values are dropped (the json module recurses)
MAX_INT_DIGITS = 30  # longer integers in a notes file are nonsense (and slow to parse)
_LEGACY_NAME = re.compile(r"^[0-9a-f]{24}\.json$")
_PARAGRAPHS = re.compile(r"\n\s*\n")


def notes_folder() -> Path:
    return Path(appdirs.user_data_dir("parallax", appauthor=False)) / "notes"


def comparison_key(paths: list[str]) -> str:
    """The schema-1 file name of a set of paths (any bytes the file system allows)."""
    joined = b"\n".join(sorted(os.fsencode(os.path.abspath(p)) for p in paths))
    return hashlib.sha256(joined).hexdigest()[:24]


def fingerprint(text: str) -> list[str]:
    """Short hashes of a text's paragraphs (whitespace and case ignored)."""
    out = []
    for para in _PARAGRAPHS.split(text):
        norm = " ".join(para.split()).lower()
        if len(norm) >= 20:
            out.append(hashlib.blake2b(norm.encode("utf-8", "surrogatepass"),
                                       digest_size=6).hexdigest())
        if len(out) >= MAX_FINGERPRINT:
            break
    return out


def json_text(payload) -> str:
    """JSON text that is always valid UTF-8 (odd file names are \\u-escaped)."""
    text = json.dumps(payload, ensure_ascii=False, indent=1)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(payload, ensure_ascii=True, indent=1)
    return text


# -- reading one file, keeping what can be read ------------------------------------------------

class Unreadable(Exception):
    """The file as a whole cannot be read (not JSON, not an object, unknown schema)."""


@dataclass
class Contents:
    schema: int
    header: dict
    notes: list[Note] = field(default_factory=list)
    deleted: dict[str, str] = field(default_factory=dict)
    categories: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # parts that could not be read


def _strings(value) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _big_int(digits: str) -> int | None:
    return int(digits) if len(digits) <= MAX_INT_DIGITS else None


def _loads(text: str):
    return json.loads(text, parse_constant=lambda _c: None, parse_int=_big_int)


_JSON_MARKS = re.compile(r'["\\\[\]{}]')


def _flatten_deep(text: str) -> str:
    """``text`` with every JSON value nested deeper than ``MAX_DEPTH`` replaced by an
    invalid number (``-1e999``, read as -inf: no field accepts it, so its note is left out)."""
    parts, last, depth, cut, in_string, skip = [], 0, 0, -1, False, -1
    for match in _JSON_MARKS.finditer(text):
        i, c = match.start(), match.group()
        if i == skip:
            continue
        if in_string:
            if c == "\\":
                skip = i + 1
            elif c == '"':
                in_string = False
            continue
        if c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
            if depth == MAX_DEPTH + 1:
                cut = i
        elif c in "]}":
            if depth == MAX_DEPTH + 1 and cut >= 0:
                parts += [text[last:cut], "-1e999"]
                last, cut = i + 1, -1
            depth -= 1
    parts.append(text[last:])
    return "".join(parts)


def parse(raw: bytes) -> Contents:
    """Whatever can be read from a notes file's bytes; ``Unreadable`` if nothing can."""
    problems = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 BOM, added by some editors
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("utf-8", "replace")
        problems.append("bytes that are not UTF-8 were replaced")
    try:
        data = _loads(text)
    except RecursionError:  # one absurdly nested value must not cost the other notes
        try:
            data = _loads(_flatten_deep(text))
        except (ValueError, RecursionError) as exc:
            raise Unreadable(f"not valid JSON: {str(exc)[:80]}") from None
        problems.append(f"values nested deeper than {MAX_DEPTH} levels were dropped")
    except ValueError as exc:
        raise Unreadable(f"not valid JSON: {str(exc)[:80]}") from None
    if not isinstance(data, dict):
        raise Unreadable("not a JSON object")
    schema = data.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < LEGACY_SCHEMA:
        raise Unreadable(f"unknown format (schema {str(schema)[:20]})")
    notes = []
    raw_notes = data.get("notes", [])
    if not isinstance(raw_notes, list):
        raw_notes = []
        problems.append("its notes are not a list")
    bad = 0
    for item in raw_notes:
        try:
            notes.append(Note.from_json(item))
        except (ValueError, TypeError, OverflowError, RecursionError):
            bad += 1
    if bad:
        problems.append(f"{bad} note{'s' if bad > 1 else ''} could not be read")
    deleted = data.get("deleted")
    deleted = {k: v for k, v in deleted.items() if isinstance(k, str) and isinstance(v, str)} \
        if isinstance(deleted, dict) else {}
    future = [k for k, v in deleted.items() if in_the_future(v)]
    for k in future:  # a wrong clock must not hide a note forever
        del deleted[k]
    return Contents(schema, data, notes, deleted, _strings(data.get("categories")), problems)


# -- one source's notes ------------------------------------------------------------------------

class SourceNotes:
    """The notes anchored in one source, in ``sources/<id>.json``."""

    def __init__(self, file: Path, contents: Contents | None = None) -> None:
        self.file = file
        self.id = file.stem
        self.notes: list[Note] = []
        self.deleted: dict[str, str] = {}
        self.categories: list[str] = []
        self.paths: list[str] = []
        self.sha256 = ""
        self.fingerprint: list[str] = []
        self.read_only = ""  # why this file must not be written ('' if it may)
        self.problems: list[str] = []  # what could not be read (reported if this source is open)
        self.raw: bytes | None = None  # the file as read, while a copy of it is still to be kept
        self.dirty = False
        if contents is not None:
            self._take(contents)

    def _take(self, contents: Contents) -> None:
        head = contents.header
        self.notes, self.deleted = contents.notes, contents.deleted
        self.categories = contents.categories
        self.paths = _strings(head.get("paths"))
        self.sha256 = head.get("sha256") if isinstance(head.get("sha256"), str) else ""
        self.fingerprint = _strings(head.get("fingerprint"))
        if contents.schema > SCHEMA:
            self.read_only = (f"{self.file.name} was written by a newer Parallax (notes format "
                              f"{contents.schema}); its notes are shown but changes are not "
                              "saved, so that nothing the newer version wrote is lost")

    def payload(self, categories: list[str]) -> dict:
        return {"schema": SCHEMA, "id": self.id, "paths": self.paths[:10],
                "sha256": self.sha256, "fingerprint": self.fingerprint,
                "categories": categories, "notes": [n.to_json() for n in self.notes],
                "deleted": self.deleted}

    def merge(self, disk: Contents) -> None:
        """Take in what another window saved: newer edits, deletions, new notes."""
        for note_id, stamp in disk.deleted.items():
            if when(stamp) > when(self.deleted.get(note_id, "")):
                self.deleted[note_id] = stamp
        mine = {n.id: n for n in self.notes}
        for note in disk.notes:
            if note.id not in mine or when(note.modified) > when(mine[note.id].modified):
                mine[note.id] = note
        self.notes = sorted((n for n in mine.values() if not self._tombstoned(n)),
                            key=lambda n: when(n.created))
        for c in disk.categories:
            if c not in self.categories:
                self.categories.append(c)
        for p in _strings(disk.header.get("paths")):
            if p not in self.paths:
                self.paths.append(p)

    def _tombstoned(self, note: Note) -> bool:
        stamp = self.deleted.get(note.id)
        return stamp is not None and when(stamp) >= when(note.modified)


# -- the notes of a comparison -------------------------------------------------------------------

@dataclass
class SourceInfo:
    path: str
    sha256: str
    fingerprint: list[str]


class NotesStore:
    """The notes of the sources of one comparison, each kept with its own source.

    ``notes`` lists them with ``anchor.source`` set to the source's index in
    this comparison; counterparts in sources not in this comparison get
    ``source = -1`` (kept, not shown).
    """

    def __init__(self, paths: list[str], hashes: list[str], folder: Path | None = None,
                 fingerprints: list[list[str]] | None = None) -> None:
        prints = fingerprints or [[] for _ in paths]
        self.sources = [SourceInfo(os.path.abspath(p), h, f)
                        for p, h, f in zip(paths, hashes, prints)]
        self.paths = [s.path for s in self.sources]
        self.hashes = list(hashes)
        self.folder = Path(folder) if folder else notes_folder()
        self.sources_folder = self.folder / "sources"
        self.messages: list[str] = []
        self.categories: list[str] = list(DEFAULT_CATEGORIES)
        self.stores: list[SourceNotes] = []
        self.saved_hashes: list[str] = []
        self.load()

    # -- reading ------------------------------------------------------------------------------
    def load(self) -> None:
        """(Re)read the notes of every source from disk."""
        try:
            self.sources_folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._say(f"The notes folder {self.folder} cannot be created ({exc.strerror}); "
                      "notes cannot be saved.")
        clean_stale_temps(self.sources_folder)
        self._migrate()
        self.stores = self._match(self._scan())
        for store in self.stores:
            self._report(store)
        self.saved_hashes = [s.sha256 for s in self.stores]
        self.categories = list(DEFAULT_CATEGORIES)
        for store in self.stores:
            for c in store.categories:
                if c not in self.categories:
                    self.categories.append(c)
        for index, store in enumerate(self.stores):
            for note in store.notes:
                self._localise(note, index)

    def _say(self, message: str) -> None:
        if message not in self.messages:
            self.messages.append(message)

    def _scan(self) -> list[SourceNotes]:
        try:
            files = sorted(p for p in self.sources_folder.glob("*.json") if "." not in p.stem)
        except OSError:
            return []
        return [s for s in (self._open(f) for f in files) if s is not None]

    def _open(self, file: Path) -> SourceNotes | None:
        """Read one source's file; set aside what cannot be read (see the module doc)."""
        try:
            raw = file.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._say(f"The notes file {file} cannot be read ({exc.strerror}).")
            store = SourceNotes(file)
            store.read_only = f"{file.name} could not be read"
            return store
        try:
            contents = parse(raw)
        except Unreadable as exc:
            self._set_aside(file, str(exc))
            return None
        store = SourceNotes(file, contents)
        if contents.problems:
            store.problems, store.raw = contents.problems, raw
        return store

    def _report(self, store: SourceNotes) -> None:
        """Say what could not be read in a file this comparison uses; keep a copy of it first."""
        if store.problems and store.raw is not None:
            try:
                copy = _keep_copy(store.file, store.raw)
            except OSError as exc:
                store.read_only = f"{store.file.name} has parts that could not be read or copied"
                self._say(f"In the notes file {store.file}: {', '.join(store.problems)}; a "
                          f"copy could not be made ({exc}), so the file is left untouched.")
            else:
                self._say(f"In the notes file {store.file}: {', '.join(store.problems)}. The "
                          f"readable notes are shown; the whole file is kept as {copy.name}.")
            store.raw = None
        if store.read_only:
            self._say(store.read_only + ".")

    def _set_aside(self, file: Path, reason: str) -> None:
        aside = _unique(file, "corrupt")
        try:
            os.rename(file, aside)
        except OSError as exc:
            self._say(f"The notes file {file} could not be read ({reason}) nor moved aside "
                      f"({exc.strerror}); it is left as it is.")
            return
        self._say(f"The notes file {file} could not be read ({reason}); it was moved to "
                  f"{aside.name}.")

    def _match(self, stores: list[SourceNotes]) -> list[SourceNotes]:
        """For each source of this comparison, its notes file (a new, empty one if none)."""
        free = list(stores)
        chosen: list[SourceNotes | None] = [None] * len(self.sources)
        tests = [lambda s, src: src.path in s.paths and s.sha256 == src.sha256,
                 lambda s, src: src.path in s.paths,
                 lambda s, src: bool(src.sha256) and s.sha256 == src.sha256]
        for test in tests:
            for i, src in enumerate(self.sources):
                if chosen[i] is None:
                    hit = next((s for s in free if test(s, src)), None)
                    if hit is not None:
                        chosen[i] = hit
                        free.remove(hit)
        for i, src in enumerate(self.sources):
            if chosen[i] is None and src.fingerprint:
                chosen[i] = self._by_fingerprint(src, free)
                if chosen[i] is not None:
                    free.remove(chosen[i])
        out = []
        for src, store in zip(self.sources, chosen):
            if store is None:
                store = SourceNotes(self.sources_folder / f"{uuid.uuid4().hex[:24]}.json")
                store.fingerprint = src.fingerprint
            if src.path not in store.paths:
                store.paths.insert(0, src.path)
            out.append(store)
        return out

    @staticmethod
    def _by_fingerprint(src: SourceInfo, free: list[SourceNotes]) -> SourceNotes | None:
        """A renamed and edited source: the file of a vanished path sharing most paragraphs."""
        mine = set(src.fingerprint)
        best, best_share = None, FINGERPRINT_MATCH
        for store in free:
            if not store.fingerprint or any(os.path.exists(p) for p in store.paths):
                continue
            theirs = set(store.fingerprint)
            share = len(mine & theirs) / max(1, min(len(mine), len(theirs)))
            if share >= best_share:
                best, best_share = store, share
        return best

    def _localise(self, note: Note, index: int) -> None:
        """Point a note's anchors at this comparison's sources (by path, else by notes file)."""
        note.anchor.source, note.anchor.path = index, self.paths[index]
        note.anchor.store = self.stores[index].id
        for anchor in note.counterparts:
            found = self._find(anchor)
            anchor.source = -1 if found is None else found
            if found is not None:
                anchor.path, anchor.store = self.paths[found], self.stores[found].id

    def _find(self, anchor: Anchor) -> int | None:
        if anchor.path and os.path.abspath(anchor.path) in self.paths:
            return self.paths.index(os.path.abspath(anchor.path))
        ids = [s.id for s in self.stores]
        return ids.index(anchor.store) if anchor.store in ids else None

    def changed_sources(self) -> list[int]:
        """Sources whose content changed since their notes were last saved."""
        return [i for i, (old, new) in enumerate(zip(self.saved_hashes, self.hashes))
                if old and new and old != new]

    @property
    def notes(self) -> list[Note]:
        return [n for store in self.stores for n in store.notes]

    @property
    def pending(self) -> bool:
        """Changes that are not on disk yet (a save failed)."""
        return any(s.dirty for s in self.stores)

    # -- changing ---------------------------------------------------------------------------
    def get(self, note_id: str) -> Note | None:
        return next((n for n in self.notes if n.id == note_id), None)

    def _store_of(self, note: Note) -> SourceNotes:
        index = note.anchor.source
        if not 0 <= index < len(self.stores):
            raise ValueError(f"note {note.id} is not on a source of this comparison")
        return self.stores[index]

    def _remove_everywhere(self, note_id: str) -> None:
        for store in self.stores:
            if any(n.id == note_id for n in store.notes):
                store.notes = [n for n in store.notes if n.id != note_id]
                store.dirty = True

    def add(self, note: Note) -> None:
        """Add or replace a note; saved at once (``OutputError`` if that fails, kept anyway)."""
        store = self._store_of(note)
        if store.deleted.pop(note.id, None) is not None:
            note.touch()  # newer than its tombstone, which another window may still hold
        for other in self.stores:
            if other is not store and any(n.id == note.id for n in other.notes):
                # re-attached to another source: the old file must not bring it back on merge
                other.notes = [n for n in other.notes if n.id != note.id]
                other.deleted[note.id] = now_iso()
                other.dirty = True
        store.notes = [n for n in store.notes if n.id != note.id] + [note]
        self._localise(note, note.anchor.source)
        store.dirty = True
        self.save()

    def update(self, note: Note) -> None:
        note.touch()
        self.add(note)

    def delete(self, note_id: str) -> Note | None:
        return self.delete_all([note_id])[0]

    def delete_all(self, note_ids: list[str]) -> list[Note | None]:
        """Delete notes with one save: undoing an import of 500 notes writes each file once."""
        gone = [self._forget(note_id) for note_id in note_ids]
        self.save()
        return gone

    def _forget(self, note_id: str) -> Note | None:
        note = self.get(note_id)
        self._remove_everywhere(note_id)
        stamp = now_iso()
        if note is not None and when(note.modified) > when(stamp):
            stamp = note.modified  # a note from a fast clock is deleted all the same
        for store in self.stores:
            if note is None or store is self._store_of(note):
                store.deleted[note_id] = stamp
                store.dirty = True
        return note

    def add_category(self, name: str) -> None:
        name = name.strip()
        if name and name not in self.categories:
            self.categories.append(name)
            for store in self.stores:
                if store.notes or store.file.exists():
                    store.dirty = True
            self.save()

    def merge_in(self, notes: list[Note]) -> int:
        """Import: add notes whose id is new (even if deleted before); return how many."""
        known = {n.id for n in self.notes}
        fresh = [n for n in notes if n.id not in known and 0 <= n.anchor.source < len(self.stores)]
        for note in fresh:
            for s in self.stores:
                s.deleted.pop(note.id, None)
            note.touch()  # an import is a new decision: newer than any tombstone on disk
            self._localise(note, note.anchor.source)
            self._store_of(note).notes.append(note)
            self._store_of(note).dirty = True
        if fresh:
            self.save()
        return len(fresh)

    # -- writing --------------------------------------------------------------------------
    def save(self) -> None:
        """Write every changed source's notes; ``OutputError`` (changes kept) if one fails."""
        failures = []
        for index, store in enumerate(self.stores):
            if not store.dirty:
                continue
            try:
                self._save_one(index, store)
            except OSError as exc:
                failures.append(str(exc))
        if failures:
            raise OutputError("Notes not saved: " + "; ".join(failures))

    def _save_one(self, index: int, store: SourceNotes) -> None:
        if store.read_only:
            raise OutputError(store.read_only)
        src = self.sources[index]
        try:
            self.sources_folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{self.sources_folder}: cannot be created ({exc.strerror})") \
                from None
        with self._locked():
            if not store.file.exists():
                self._adopt(store, src)
            disk = self._disk(store)
            if disk is not None:
                store.merge(disk)
            store.sha256 = src.sha256 or store.sha256
            store.fingerprint = src.fingerprint or store.fingerprint
            write_atomically(store.file, json_text(store.payload(self.categories)))
        store.dirty = False
        self.saved_hashes[index] = store.sha256
        for note in store.notes:
            self._localise(note, index)

    def _adopt(self, store: SourceNotes, src: SourceInfo) -> None:
        """Another window made this source's file since we looked: save into that one."""
        others = [s for s in self._scan() if not s.read_only and not s.problems and s.id not in
                  {t.id for t in self.stores}]
        same = next((s for s in others if src.path in s.paths), None) or \
            next((s for s in others if src.sha256 and s.sha256 == src.sha256), None)
        if same is not None:
            store.file, store.id = same.file, same.id

    def _disk(self, store: SourceNotes) -> Contents | None:
        """What is on disk now for ``store`` (None if nothing readable)."""
        try:
            raw = store.file.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise OutputError(f"{store.file}: cannot be read before saving ({exc.strerror})") \
                from None
        try:
            contents = parse(raw)
        except Unreadable as exc:  # damaged since we loaded it: keep it, write ours
            self._set_aside(store.file, str(exc))
            if store.file.exists():
                raise OutputError(f"{store.file}: damaged and could not be moved aside") \
                    from None
            return None
        if contents.schema > SCHEMA:
            store.read_only = SourceNotes(store.file, contents).read_only
            raise OutputError(store.read_only)
        if contents.problems:  # damaged since we loaded it: what we drop is kept in a copy
            _keep_copy(store.file, raw)
        return contents

    @contextlib.contextmanager
    def _locked(self):
        try:
            fh = open(self.folder / ".lock", "a")
        except OSError as exc:
            raise OutputError(f"{self.folder}: cannot be written ({exc.strerror})") from None
        with fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # -- schema 1 -------------------------------------------------------------------------------
    def _migrate(self) -> None:
        """Move schema-1 files (one per set of paths) into per-source files; lose nothing.

        Each note goes to the file of the source its path names; the old file is
        kept in ``migrated/`` only after every new file was written (a failed
        migration is simply tried again next time: merging by id is idempotent).
        """
        try:
            legacy = sorted(p for p in self.folder.iterdir() if _LEGACY_NAME.match(p.name))
        except OSError:
            return
        if not legacy:
            return
        try:
            with self._locked():
                known = self._scan()
                for file in legacy:
                    self._migrate_one(file, known)
        except OSError as exc:
            self._say(f"Notes in the old format could not be converted ({exc}); they are "
                      "left as they are and will be converted next time.")

    def _migrate_one(self, file: Path, known: list[SourceNotes]) -> None:
        try:
            contents = parse(file.read_bytes())
        except Unreadable as exc:
            self._set_aside(file, str(exc))
            return
        if contents.schema != LEGACY_SCHEMA:
            self._say(f"The notes file {file} has notes format {contents.schema}, which this "
                      "version does not know; it is left as it is.")
            return
        listed = contents.header.get("sources")
        listed = [s for s in listed if isinstance(s, dict)] if isinstance(listed, list) else []
        shas = {s.get("path"): s.get("sha256") for s in listed}
        paths = [s.get("path") for s in listed]
        touched: dict[str, SourceNotes] = {}
        homeless = 0
        for note in contents.notes:
            path = note.anchor.path or (paths[note.anchor.source]
                                        if 0 <= note.anchor.source < len(paths) else None)
            if not isinstance(path, str) or not path:
                homeless += 1
                continue
            path = os.path.abspath(path)
            store = next((s for s in known if path in s.paths and not s.read_only), None)
            if store is None:
                store = SourceNotes(self.sources_folder / f"{uuid.uuid4().hex[:24]}.json")
                store.paths, store.sha256 = [path], str(shas.get(path) or "")
                known.append(store)
            for cp in note.counterparts:
                if not cp.path and 0 <= cp.source < len(paths):
                    cp.path = str(paths[cp.source] or "")
            if all(n.id != note.id for n in store.notes):
                store.notes.append(note)
            store.deleted.update(contents.deleted)
            touched[store.id] = store
        for store in touched.values():
            categories = list(dict.fromkeys([*DEFAULT_CATEGORIES, *store.categories,
                                             *contents.categories]))
            write_atomically(store.file, json_text(store.payload(categories)))
        if contents.problems:
            _keep_copy(file, file.read_bytes())
        (self.folder / "migrated").mkdir(exist_ok=True)
        os.replace(file, self.folder / "migrated" / file.name)
        if homeless:
            self._say(f"{homeless} notes in {file.name} name no source file; they are kept in "
                      f"{self.folder / 'migrated' / file.name}.")


def _keep_copy(file: Path, raw: bytes) -> Path:
    """A copy of a partly unreadable file beside it (once: an identical copy is reused)."""
    for old in file.parent.glob(f"{file.stem}.unreadable-*.json"):
        with contextlib.suppress(OSError):
            if old.stat().st_size == len(raw) and old.read_bytes() == raw:
                return old
    copy = _unique(file, "unreadable")
    write_atomically(copy, raw)
    return copy


def _unique(file: Path, what: str) -> Path:
    """A name beside ``file`` that no other backup has (two in one second do not collide)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return file.with_name(f"{file.stem}.{what}-{stamp}-{secrets.token_hex(3)}.json")
