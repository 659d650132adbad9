"""The ``.parallax`` comparison file: a comparison a reader comes back to or hands on.

A comparison is more than its list of files: the reference, the order of
the panes, which sources are pinned or hidden, the alignment fixes, what
was checked and where the reader was. This module reads and writes that
state as documented JSON (README, "Comparison files"), finds its sources
again when they moved or changed, and tells what it could not restore.

* Written like all user data: a temporary file in the same folder, flushed
  to disk, renamed over the old one.
* A damaged file, or one written by a newer Parallax, is refused with a
  one-line message and never overwritten (``write_comparison`` checks); nor
  is a file that is not a comparison file at all.
* A file that changed on disk since it was read (another window, ``parallax
  fix``) is not overwritten blindly: ``write_comparison(expect=stamp)``
  refuses with ``ChangedOnDisk`` and ``saved_merge`` merges or asks.
* Sources keep their path, a path relative to the comparison file, their
  SHA-256 and size. The file at the path the comparison names is the source
  whenever there is one (edited when its hash differs: re-aligned, its fixes
  re-anchored); only a source whose path holds no file is looked for by
  hash, beside the comparison file and among same-sized files in both
  folders (moved); otherwise it is missing, and the rest opens.
"""

from __future__ import annotations

import hashlib
import json
import os
from copy import deepcopy
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.comparison import Comparison
from reader.core.disk_state import file_sha256
from reader.core.errors import SourceError
from reader.core.files import OutputError, encode_text, folder_lock, write_atomically
from reader.core.fixes import Applied, Fix, apply_fixes, locate, paragraph_anchor
from reader.core.load.documents import Document
from reader.core.sources import file_key

if TYPE_CHECKING:  # checked items are read only from a comparison file (`align` reads files)
    from reader.core.checked import Spot

FORMAT = "parallax-comparison"
SCHEMA = 1
SCAN_LIMIT = 2000
"""Folder entries looked at when searching a moved source by hash (a huge folder is not read)."""


class ComparisonFileError(SourceError):
    """A comparison file that cannot be used; the message names it and says why."""


@dataclass
class SavedSource:
    path: str  # absolute, where the file was when saved
    sha256: str
    size: int
    name: str = ""
    # From the comparison file's folder ("" on another drive); derived when written.
    relative: str = field(default="", compare=False)
    pinned: bool = False
    hidden: bool = False


@dataclass
class SavedComparison:
    """Everything a comparison file holds (indices are positions in ``sources``)."""

    sources: list[SavedSource]
    order: list[int]
    reference: int = 0
    title: str = ""
    fixes: list[Fix] = field(default_factory=list)
    checked: list[Spot] = field(default_factory=list)
    place: Spot | None = None


@dataclass
class Baseline:
    """A comparison file as this program last read or wrote it: a copy of its state (what
    the reader changed since is the difference from it) and the stamp of its bytes."""

    state: SavedComparison
    stamp: str

    def __post_init__(self) -> None:
        self.state = deepcopy(self.state)  # the caller's state goes on changing


# -- the file -----------------------------------------------------------------------------------

def to_json(state: SavedComparison, file: str | os.PathLike) -> dict:
    folder = Path(file).resolve().parent
    return {
        "format": FORMAT, "schema": SCHEMA, "title": state.title,
        "saved": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "sources": [{"path": s.path, "relative": _relative(s.path, folder), "sha256": s.sha256,
                     "size": s.size, "name": s.name, "pinned": s.pinned, "hidden": s.hidden}
                    for s in state.sources],
        "order": state.order, "reference": state.reference,
        "fixes": [f.to_json() for f in state.fixes],
        "checked": [s.to_json() for s in state.checked],
        "place": state.place.to_json() if state.place else None,
    }


def _relative(path: str, folder: Path) -> str:
    try:
        return os.path.relpath(path, folder)
    except ValueError:  # another drive
        return ""


def from_json(data: object) -> SavedComparison:
    """Parse and check a comparison file's JSON; raises ValueError saying what is wrong."""
    from reader.core.checked import Spot
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a Parallax comparison file")
    schema = data.get("schema")
    if not isinstance(schema, int) or schema < 1:
        raise ValueError(f"unknown schema {schema!r}")
    if schema > SCHEMA:
        raise ValueError(f"written by a newer Parallax (comparison schema {schema}; this "
                         f"version reads schema {SCHEMA}); update Parallax to open it")
    try:
        sources = [SavedSource(str(s["path"]), str(s["sha256"]), int(s["size"]),
                               str(s.get("name", "")), str(s.get("relative", "")),
                               bool(s.get("pinned")), bool(s.get("hidden")))
                   for s in data["sources"]]
        state = SavedComparison(
            sources, [int(i) for i in data.get("order", range(len(sources)))],
            int(data.get("reference", 0)), str(data.get("title", "")),
            [Fix.from_json(f) for f in data.get("fixes", [])],
            [Spot.from_json(s) for s in data.get("checked", [])],
            Spot.from_json(data["place"]) if data.get("place") else None)
    except (KeyError, TypeError, AttributeError, ValueError, OverflowError) as exc:
        raise ValueError(f"damaged ({type(exc).__name__}: {str(exc)[:200]})") from None
    _check(state)
    return state


def _check(state: SavedComparison) -> None:
    n = len(state.sources)
    if not n:
        raise ValueError("damaged: it lists no sources")
    if sorted(state.order) != list(range(n)):
        raise ValueError("damaged: 'order' is not an arrangement of the sources")
    if not 0 <= state.reference < n:
        raise ValueError("damaged: 'reference' names no source")
    anchors = [a for f in state.fixes for a in f.anchors] + \
              [s.anchor for s in [*state.checked, *([state.place] if state.place else [])]]
    if any(not 0 <= a.source < n for a in anchors):
        raise ValueError("damaged: a fix or checked item names no source")


def stamp_of(data: bytes) -> str:
    """What a comparison file held when this program last read or wrote it: a change by
    anyone else (another window, ``parallax fix``, an editor) changes it."""
    return hashlib.sha256(data).hexdigest()


def read_stamped(file: str | os.PathLike) -> tuple[SavedComparison, str]:
    """The comparison in ``file`` and the stamp of the bytes read (ComparisonFileError with a
    one-line reason if it cannot be used)."""
    file = str(file)
    try:
        raw = Path(file).read_bytes()
    except OSError as exc:
        raise ComparisonFileError(file, f"cannot read: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # a BOM from an editor is fine
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ComparisonFileError(file, f"damaged comparison file, not valid JSON ({exc})") \
            from None
    try:
        return from_json(data), stamp_of(raw)
    except ValueError as exc:
        raise ComparisonFileError(file, str(exc)) from None


def read_comparison(file: str | os.PathLike) -> SavedComparison:
    """The comparison in ``file``, or ComparisonFileError with a one-line reason."""
    return read_stamped(file)[0]


class ChangedOnDisk(ComparisonFileError):
    """``write_comparison(..., expect=stamp)``: the file is no longer what was read or
    written last; nothing was written. It carries what the file holds now, so the
    caller can merge (``saved_merge``) or ask, rather than overwrite someone's work."""

    def __init__(self, file: str, state: SavedComparison, stamp: str) -> None:
        super().__init__(file, "changed on disk since it was opened or last saved here")
        self.state, self.stamp = state, stamp

    def __reduce__(self):
        return (ChangedOnDisk, (self.path, self.state, self.stamp))


def _refusal(file: str, exc: ComparisonFileError) -> ComparisonFileError:
    """Why a file at the target is not replaced, said about that file, not the reader's
    comparison: a plain file that happens to end in .parallax is "not a comparison
    file"; only one that names itself one is a comparison this version cannot read."""
    try:
        named = FORMAT.encode() in Path(file).read_bytes()[:4096]
    except OSError:
        named = False
    keep = "nothing was written over it; save under another name"
    if named:
        return ComparisonFileError(file, f"a comparison file this version cannot read "
                                         f"({exc.reason}); {keep}")
    return ComparisonFileError(file, f"is not a Parallax comparison file (it holds something "
                                     f"else); {keep}")


def write_comparison(file: str | os.PathLike, state: SavedComparison,
                     expect: str | None = None) -> str:
    """Save atomically and return the stamp of what was written.

    A file there that is not a readable comparison is never replaced. With
    ``expect`` (the stamp read or written last), a comparison file that changed
    since is not replaced either: ``ChangedOnDisk``. A file that is gone is
    simply written again (there is nothing of anyone's to keep)."""
    file = str(file)
    _check(state)
    data = encode_text(json.dumps(to_json(state, file), ensure_ascii=False, indent=1) + "\n",
                       "utf-8")
    with folder_lock(Path(file).parent or "."):  # the check and the write, one at a time
        if os.path.exists(file):
            try:
                disk, stamp = read_stamped(file)
            except ComparisonFileError as exc:
                raise _refusal(file, exc) from None
            if expect is not None and stamp != expect:
                raise ChangedOnDisk(file, disk, stamp)
        try:
            write_atomically(Path(file), data)
        except OutputError as exc:
            raise ComparisonFileError(file, exc.reason) from None
        except OSError as exc:
            raise ComparisonFileError(file, f"cannot be written ({exc.strerror or exc})") \
                from None
    return stamp_of(data)


def new_comparison(documents: list[Document], title: str = "", reference: int = 0,
                   order: list[int] | None = None) -> SavedComparison:
    """A comparison of freshly loaded documents, nothing fixed or checked yet."""
    sources = [SavedSource(os.path.abspath(d.path), d.sha256, _size(d.path), d.name)
               for d in documents]
    return SavedComparison(sources, list(order or range(len(documents))), reference, title)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return -1


# -- finding the sources again ----------------------------------------------------------------

@dataclass
class SourceStatus:
    """Where a saved source is now: ``same``, ``moved``, ``edited`` or ``missing``."""

    index: int
    saved: SavedSource
    state: str
    found: str | None = None  # the path to load; None when missing
    reason: str = ""
    unreadable: bool = False
    """Missing because its file is there but cannot be opened (``reason`` says why): not
    "missing" to the person, whose file is where it was."""

    def message(self) -> str:
        label = f"[{self.index + 1}] {self.saved.name or Path(self.saved.path).name}"
        elsewhere = f"was not at {self.saved.path}; found it at {self.found}"
        if self.state == "moved":
            return f"{label} {elsewhere}"
        if self.state == "edited":
            where = f"{elsewhere}, " if self.found != self.saved.path else ""
            return (f"{label} {where}changed since the comparison was saved: re-aligned, fixes "
                    f"and checked items re-anchored")
        if self.state == "missing" and self.unreadable:
            return f"{label} cannot be opened ({self.reason}); locate a readable copy to " \
                   f"bring it back"
        if self.state == "missing":
            return f"{label} is missing ({self.reason or 'not at ' + self.saved.path}); " \
                   f"locate it to bring it back"
        return ""


def _same(path: str, source: SavedSource) -> bool:
    try:
        return os.path.getsize(path) == source.size and file_sha256(path) == source.sha256
    except OSError:
        return False


def _named(source: SavedSource, folder: Path) -> str | None:
    """The file at the place the comparison names, if one is there: where it was, else
    (the comparison file moved with its sources) the same place relative to it."""
    relative = str(folder / source.relative) if source.relative else ""
    return next((p for p in (source.path, relative) if p and os.path.isfile(p)), None)


def _copies(source: SavedSource, folder: Path) -> list[str]:
    """Where a moved or renamed copy may be: beside the comparison file under its old name,
    then the same-sized files of that folder and of its old one."""
    sized = []
    for where in (folder, Path(source.path).parent):
        try:
            with os.scandir(where) as entries:
                for n, entry in enumerate(entries):
                    if n >= SCAN_LIMIT:
                        break
                    if entry.is_file() and entry.stat().st_size == source.size:
                        sized.append(entry.path)
        except OSError:
            continue
    return list(dict.fromkeys([str(folder / Path(source.path).name), *sized]))


def find_source(index: int, source: SavedSource, file: str | os.PathLike) -> SourceStatus:
    """Where saved source ``index`` is now.

    A file at the named place wins even when its hash differs: it is what the
    reader edited, and a backup of the old text beside it (``draft.orig.md``,
    byte for byte what was saved) must not stand in for it. The hash only finds
    a source whose place holds no file (moved or renamed)."""
    folder = Path(file).resolve().parent
    named = _named(source, folder)
    if named is not None:
        same = _same(named, source)
        state = "edited" if not same else "same" if named == source.path else "moved"
        return SourceStatus(index, source, state, named)
    found = next((p for p in _copies(source, folder) if _same(p, source)), None)
    return SourceStatus(index, source, "moved" if found else "missing", found)


def relocate(status: SourceStatus, path: str) -> SourceStatus:
    """The reader's answer to "Locate…": this file is that source (edited if the hash differs)."""
    if not os.path.isfile(path):
        return replace(status, state="missing", found=None, reason=f"{path} is not a file")
    return replace(status, state="same" if _same(path, status.saved) else "edited",
                   found=os.path.abspath(path), reason="")


# -- opening: read, find sources, then apply to the comparison the caller computed ---------------

@dataclass
class Opening:
    """A comparison file being opened; ``paths`` are what to load and align."""

    file: str
    state: SavedComparison
    sources: list[SourceStatus]
    # The file as read, for saving over it later (``saved_merge``): None when unknown.
    baseline: Baseline | None = None

    @property
    def available(self) -> list[SourceStatus]:
        return [s for s in self.sources if s.found]

    @property
    def paths(self) -> list[str]:
        return [s.found for s in self.available]

    @property
    def loaded(self) -> list[int]:
        """Saved index of each loaded source, in loading order."""
        return [s.index for s in self.available]

    def locate(self, index: int, path: str) -> None:
        """The reader picked ``path`` for missing source ``index`` (Locate…): use it, unless
        another source has that file (``once_each``)."""
        self.sources[index] = relocate(self.sources[index], path)
        once_each(self.sources)

    def drop(self, path: str, reason: str) -> bool:
        """A found file that failed to load counts as missing (the rest still opens; its
        fixes and checked items stay in the comparison file), saying what is wrong with it:
        an edited source that became unreadable is not quietly swapped for an old copy.
        False when ``path`` is no source's file (the error is about them all)."""
        dropped = [s for s in self.sources if s.found == path]
        for s in dropped:
            s.state, s.found, s.reason = "missing", None, f"{path}: {reason}"
            s.unreadable = True
        return bool(dropped)

    def messages(self) -> list[str]:
        return [m for m in (s.message() for s in self.sources) if m]

    @property
    def reference(self) -> int:
        """The reference as a loaded index (the first loaded source if it is missing)."""
        loaded = self.loaded
        return loaded.index(self.state.reference) if self.state.reference in loaded else 0

    @property
    def order(self) -> list[int]:
        """The saved pane order as loaded indices (missing sources left out)."""
        loaded = self.loaded
        return [loaded.index(i) for i in self.state.order if i in loaded]


def open_comparison(file: str | os.PathLike) -> Opening:
    """Read ``file`` and find its sources (ComparisonFileError if it cannot be used)."""
    state, stamp = read_stamped(file)
    opening = Opening(str(file), state, [find_source(i, s, file)
                                         for i, s in enumerate(state.sources)],
                      Baseline(state, stamp))
    once_each(opening.sources)
    return opening


def once_each(sources: list[SourceStatus]) -> None:
    """Where two saved sources are found in one file, load it for one of them: the other
    counts as missing and says which source has its file (a comparison file edited by
    hand, or a source located to a file the comparison holds already), rather than one
    version shown twice, as two sources that always agree. A source whose saved hash
    the file has keeps it; else the first listed."""
    holder: dict[str, int] = {}
    for status in sorted(sources, key=lambda s: (s.state == "edited", s.index)):
        if status.found is None:
            continue
        key = file_key(status.found)
        if key in holder:
            status.state, status.found = "missing", None
            status.reason = f"its file is also source [{holder[key] + 1}]"
        else:
            holder[key] = status.index


def source_in(paths: list[str], path: str, besides: int) -> int | None:
    """The index of the source among ``paths`` (None: not found) other than ``besides``
    that is the file ``path``: locating a source to another's file is refused."""
    key = file_key(path)
    return next((k for k, other in enumerate(paths)
                 if k != besides and other and file_key(other) == key), None)


@dataclass
class Restored:
    """The aligned comparison with the file's fixes on top, and what could not be placed."""

    fixes: Applied
    unplaced_checked: list[int]  # positions in ``state.checked``

    @property
    def comparison(self) -> Comparison:
        return self.fixes.comparison

    def report(self) -> list[str]:
        lines = self.fixes.report()
        if self.unplaced_checked:
            lines.append(f"{len(self.unplaced_checked)} checked item(s) could not be placed; "
                         f"they are kept")
        return lines


def apply_saved(comp: Comparison, opening: Opening) -> Restored:
    """Apply the file's fixes to the comparison of ``opening.paths`` the caller aligned."""
    from reader.core.checked import find_spot
    applied = apply_fixes(comp, opening.state.fixes, opening.loaded)
    lost = [n for n, spot in enumerate(opening.state.checked)
            if find_spot(applied.comparison, spot, opening.loaded) is None]
    return Restored(applied, lost)


# -- saving what the reader has now --------------------------------------------------------------

def refreshed(state: SavedComparison, comp: Comparison, loaded: list[int]) -> SavedComparison:
    """The state to save: current hashes and places; what could not be placed kept as it was."""
    from reader.core.checked import refreshed_spot
    sources = list(state.sources)
    for s, doc in enumerate(comp.documents):
        i = loaded[s]
        sources[i] = replace(sources[i], path=os.path.abspath(doc.path), sha256=doc.sha256,
                             size=_size(doc.path), name=doc.name)
    fixes = []
    for fix in state.fixes:
        groups = locate(fix, comp.documents, loaded)
        fixes.append(fix if isinstance(groups, str) else Fix(fix.op, tuple(
            tuple(paragraph_anchor(comp.documents[s], loaded[s], p) for s, p in g)
            for g in groups)))
    return replace(state, sources=sources, fixes=fixes,
                   checked=[refreshed_spot(spot, comp, loaded) for spot in state.checked],
                   place=refreshed_spot(state.place, comp, loaded) if state.place else None)
