"""Property tests of the notes store loader: any file never crashes it, readable notes survive."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.annotations.model import Anchor, Note
from reader.core.annotations.store import NotesStore

PATH = "/fuzz/a.txt"
STORE_ID = "0123456789abcdef01234567"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "source", "quote", "start", "end", "body",
                                       "path", "modified", "created", "counterparts",
                                       "category", "status", "prefix", "suffix", "x"])
                      | st.text(max_size=5), children, max_size=6),
    max_leaves=20)

good_notes = st.builds(
    lambda i, quote, body, start: Note(Anchor(0, PATH, quote, "", "", start, start + len(quote)),
                                       body=body, id=f"good-{i}"),
    st.integers(0, 10**6), st.text(min_size=1, max_size=20), st.text(max_size=40),
    st.integers(0, 10**6))


def _load(raw: bytes) -> NotesStore:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-store-"))
    try:
        (folder / "sources").mkdir()
        (folder / "sources" / f"{STORE_ID}.json").write_bytes(raw)
        return NotesStore([PATH], ["h"], folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()))
def test_any_file_never_crashes_the_loader(raw):
    store = _load(raw)
    assert isinstance(store.notes, list)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(good_notes, max_size=5, unique_by=lambda n: n.id),
       st.lists(json_values, max_size=5), st.randoms(use_true_random=False),
       st.dictionaries(st.sampled_from(["deleted", "categories", "paths", "fingerprint",
                                        "sha256", "id", "extra"]), json_values, max_size=4),
       st.booleans())
def test_readable_notes_are_never_lost(good, junk, rnd, extra, bom):
    items = [n.to_json() for n in good] + junk
    rnd.shuffle(items)
    payload = {**extra, "schema": 2, "paths": [PATH], "notes": items}  # found by its path
    payload.pop("deleted", None)  # a tombstone may legitimately hide a note
    raw = json.dumps(payload).encode()
    store = _load(b"\xef\xbb\xbf" + raw if bom else raw)
    loaded = {n.id: n for n in store.notes}
    for note in good:
        assert note.id in loaded
        assert (loaded[note.id].body, loaded[note.id].anchor.quote) == (note.body,
                                                                        note.anchor.quote)
