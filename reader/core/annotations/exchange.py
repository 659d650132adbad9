"""Notes JSON (schema 1): the file people hand each other, for the CLI and the reader alike.

``parallax notes export|import`` and the reader's File ▸ Export Notes… / Import
Notes… share this module, so a file written by one is read by the other and
both say the same things: the write is atomic (``write_atomically``), a bad
file is refused whole with one reason (nothing is imported from it), and an
import says what it added and what it skipped, and why.

Which source of this comparison a note belongs to: the file's ``source`` index
is the exporter's numbering and ``path`` a path on their machine, so a note's
source is found by its path, else by its file name (unique here), else by its
index when no other of the file's sources took that one: a colleague's
comparison of the same files in another order or folder lands on the right
sources, and a note on a source not in this comparison is reported, not
attached to whatever source has its number here.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.annotations.model import NOTES_JSON_SCHEMA, Anchor, Note
from reader.core.annotations.session import PlacedNote
from reader.core.annotations.store import json_text
from reader.core.files import write_atomically
from reader.core.snippets import counted

MAX_IMPORT_BYTES = 32_000_000
"""A notes file larger than this is not one (30,000 long notes take ~30 MB)."""
MAX_INT_DIGITS = 30  # longer integers are nonsense in a notes file, and slow to parse
SAME_NOTE = "same id, or the same text on the same quote"


class NotesFileError(ValueError):
    """A notes file that cannot be imported: ``path: reason``, the path said once."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


# -- export ------------------------------------------------------------------------------------

def export_text(placed: list[PlacedNote]) -> str:
    """The file's text: each note as placed now (its ``state`` and ``confidence`` added)."""
    return json_text({"schema": NOTES_JSON_SCHEMA, "notes": [p.to_json() for p in placed]})


def write_notes(path: str | os.PathLike, placed: list[PlacedNote],
                inputs: list[str | os.PathLike]) -> None:
    """Write the notes file whole or not at all (``OutputError`` names the path once);
    ``inputs`` are never overwritten (a source chosen by mistake as the target)."""
    write_atomically(path, export_text(placed), inputs=inputs)


# -- reading a file ------------------------------------------------------------------------------

def read_notes_file(path: str | os.PathLike) -> list[Note]:
    """The notes of an exported file; ``NotesFileError`` for anything that is not one."""
    shown = os.fsdecode(os.fspath(path))
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise NotesFileError(shown, "is not a regular file")
        if info.st_size > MAX_IMPORT_BYTES:
            raise NotesFileError(shown, _too_big(info.st_size))
        with open(path, "rb") as fh:
            raw = fh.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise NotesFileError(shown, f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_IMPORT_BYTES:  # grew since the stat
        raise NotesFileError(shown, _too_big(len(raw)))
    try:
        return parse_notes(raw)
    except ValueError as exc:
        raise NotesFileError(shown, str(exc)) from None


def _too_big(size: int) -> str:
    return (f"is {size / 1e6:.1f} MB, too large for a notes file "
            f"(at most {MAX_IMPORT_BYTES // 1_000_000} MB)")


def _bounded_int(digits: str) -> int:
    if len(digits) > MAX_INT_DIGITS:
        raise ValueError(f"a number of {len(digits)} digits")
    return int(digits)


def parse_notes(raw: bytes) -> list[Note]:
    """Every note of a notes file's bytes, or ``ValueError`` saying why it is not one.

    All or nothing: an import that silently left out the one note it could not
    read would look complete."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 BOM, added by some editors
    if b"\x00" in raw:
        raise ValueError("binary data, not a notes file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text, so not a notes file") from None
    try:
        data = json.loads(text, parse_constant=lambda _c: None, parse_int=_bounded_int)
    except RecursionError:
        raise ValueError("nested too deeply to be a notes file") from None
    except ValueError as exc:
        raise ValueError(f"not JSON ({str(exc)[:80]})") from None
    schema = data.get("schema") if isinstance(data, dict) else None
    if isinstance(schema, bool) or schema != NOTES_JSON_SCHEMA:
        raise ValueError(f"not a notes file exported by Parallax (expected "
                         f'{{"schema": {NOTES_JSON_SCHEMA}, "notes": [...]}}'
                         + (f", found schema {str(schema)[:20]}" if schema is not None else "")
                         + ")")
    items = data.get("notes", [])
    if not isinstance(items, list):
        raise ValueError('its "notes" is not a list')
    notes = []
    for number, item in enumerate(items, 1):
        try:
            notes.append(Note.from_json(item))
        except (ValueError, TypeError, OverflowError, RecursionError) as exc:
            raise ValueError(f"note {number} of {len(items)} cannot be read "
                             f"({str(exc)[:120]})") from None
    return notes


# -- merging into a comparison ---------------------------------------------------------------------

@dataclass
class ImportPlan:
    """What an import would do: ``fresh`` notes to add (re-pointed at this comparison's
    sources), how many are ``present`` already, and those whose source is not here."""

    fresh: list[Note] = field(default_factory=list)
    present: int = 0
    elsewhere: list[Note] = field(default_factory=list)

    def summary(self, origin: str = "") -> str:
        """One sentence for people: "imported 2 notes{origin}; skipped 3: 1 already here
        (…), 2 on sources not in this comparison (…)."; ``origin``: " from x.json"."""
        done = f"imported {counted(len(self.fresh), 'note')}{origin}"
        skipped = self.present + len(self.elsewhere)
        if not skipped:
            return done + ("" if self.fresh else ": the file has none") + "."
        reasons = [f"{self.present} already here ({SAME_NOTE})"] if self.present else []
        if self.elsewhere:
            reasons.append(f"{len(self.elsewhere)} on sources not in this comparison "
                           f"(the file's {_file_sources(self.elsewhere)})")
        return f"{done}; skipped {skipped}: {', '.join(reasons)}."


def _file_sources(notes: list[Note]) -> str:
    """The exporter's sources of ``notes`` as they numbered them: "[5] v5.txt, [6]"."""
    named = {n.anchor.source: Path(n.anchor.path).name for n in notes}
    return ", ".join(f"[{s + 1}] {name}".rstrip() for s, name in sorted(named.items()))


def plan_import(notes: list[Note], documents, existing: list[Note]) -> ImportPlan:
    """Sort ``notes`` (read from a file; re-pointed in place) against this comparison's
    ``documents`` and the notes it has: new, already present, or for a source not here."""
    where = _source_map(notes, documents)
    ids = {n.id for n in existing}
    texts = {_same_text(n, n.anchor.source) for n in existing}
    plan = ImportPlan()
    for note in notes:
        index = where[_key(note.anchor)]
        if note.id in ids or (index is not None and _same_text(note, index) in texts):
            plan.present += 1
            continue
        if index is None:
            plan.elsewhere.append(note)
            continue
        for anchor in [note.anchor, *note.counterparts]:
            found = where[_key(anchor)]
            if found is not None:
                anchor.source, anchor.path = found, documents[found].path
            elif anchor is not note.anchor:
                anchor.source = -1  # kept in the note, drawn where its source is open
        ids.add(note.id)
        texts.add(_same_text(note, index))
        plan.fresh.append(note)
    return plan


def _same_text(note: Note, source: int) -> tuple:
    return source, note.anchor.quote, note.body.strip()


def _key(anchor: Anchor) -> tuple[int, str]:
    return anchor.source, anchor.path


def _source_map(notes: list[Note], documents) -> dict[tuple[int, str], int | None]:
    """Each (index, path) the file names -> this comparison's source (None: not here)."""
    keys = list(dict.fromkeys(_key(a) for n in notes for a in [n.anchor, *n.counterparts]))
    paths = [os.path.abspath(d.path) for d in documents]
    names = [Path(d.path).name for d in documents]
    found: dict[tuple[int, str], int | None] = dict.fromkeys(keys)
    for key in keys:  # the same file (this machine)
        if key[1] and os.path.abspath(key[1]) in paths:
            found[key] = paths.index(os.path.abspath(key[1]))
    for key in keys:  # a file of the same name (a colleague's copy), if only one has it
        name = Path(key[1]).name if key[1] else ""
        if found[key] is None and name and names.count(name) == 1:
            found[key] = names.index(name)
    claims: dict[int, set[int]] = {}  # this comparison's source -> the file's numbers on it
    for key, index in found.items():
        if index is not None:
            claims.setdefault(index, set()).add(key[0])
    for key in keys:  # the exporter's number, unless only others of their sources are there
        if found[key] is None and 0 <= key[0] < len(documents) \
                and key[0] in claims.get(key[0], {key[0]}):
            found[key] = key[0]
    return found
