"""Notes placed on the documents of a comparison as they are now.

Ties the store (what was saved) to the loaded documents (what the files say
today): each note and each of its counterparts is re-anchored, and a
summary says what happened to the notes of sources that changed.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass

from reader.core.annotations.anchoring import Placement, place
from reader.core.annotations.model import Anchor, Note
from reader.core.annotations.store import NotesStore, fingerprint
from reader.core.load.documents import Document
from reader.core.sources import file_name


@dataclass
class PlacedNote:
    note: Note
    source: int  # index in the comparison now (by path; the saved index otherwise)
    placement: Placement
    counterparts: list[tuple[int, Placement]]

    @property
    def state(self) -> str:
        return self.placement.state

    @property
    def state_words(self) -> str:
        """How the note was placed, as ``notes list``, the Annotations dock and every export
        say it: "fuzzy 61%" (its text changed: placed where the source reads most like it),
        "moved", "orphan", or "" when its text is where it was."""
        if self.state == "fuzzy":
            return f"fuzzy {self.placement.confidence:.0%}"
        return "" if self.state == "anchored" else self.state

    def to_json(self) -> dict:
        data = self.note.to_json()
        data.update(source=self.source, start=self.placement.start, end=self.placement.end,
                    state=self.placement.state, confidence=self.placement.confidence)
        return data


def open_store(documents: list[Document], folder=None) -> NotesStore:
    """The notes of every source in ``documents``, each found by its path or content."""
    return NotesStore([d.path for d in documents], [d.sha256 for d in documents], folder,
                      [fingerprint(d.text) for d in documents])


def source_index(anchor: Anchor, documents: list[Document]) -> int | None:
    wanted = os.path.abspath(anchor.path) if anchor.path else None
    for i, doc in enumerate(documents):
        if wanted and os.path.abspath(doc.path) == wanted:
            return i
    return anchor.source if 0 <= anchor.source < len(documents) else None


def _placed(anchor: Anchor, documents: list[Document]) -> tuple[int, Placement]:
    index = source_index(anchor, documents)
    if index is None:
        return anchor.source, Placement("orphan", anchor.start, anchor.end, 0.0)
    return index, place(documents[index].text, anchor)


def place_notes(notes: list[Note], documents: list[Document]) -> list[PlacedNote]:
    out = []
    for note in notes:
        source, placement = _placed(note.anchor, documents)
        # a counterpart whose source is not open is kept in the note, not drawn
        counterparts = [_placed(a, documents) for a in note.counterparts
                        if source_index(a, documents) is not None]
        out.append(PlacedNote(note, source, placement, counterparts))
    return out


def change_report(store: NotesStore, placed: list[PlacedNote],
                  documents: list[Document]) -> str:
    """What happened to notes because source files changed ('' when nothing did). Sources
    are named by number and file ("[2] v2.txt"): versions of a story share a title."""
    changed = store.changed_sources()
    if not changed:
        return ""
    states = Counter(p.state for p in placed if p.source in changed)
    names = ", ".join(f"[{i + 1}] {file_name(documents[i])}" for i in changed)
    detail = ", ".join(f"{states[s]} {s}" for s in ("anchored", "moved", "fuzzy", "orphan")
                       if states[s])
    return (f"Changed since the notes were made: {names}. Their notes: "
            f"{detail or 'none'}.")
