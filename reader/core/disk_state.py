"""What a loaded source file holds on disk now: the same bytes, other bytes, or nothing.

The reader watches its open sources (``reader.gui.source_watch``) and must tell a real
edit from a touch, a save of the same text or a rename-save that changed nothing: a
modification time says only that something happened, so the bytes are compared by their
SHA-256 (the digest ``load_document`` records as ``Document.sha256``). A file's status
(size, time, inode) is kept to skip hashing files no event touched. These functions
do blocking I/O and are meant for a worker thread.
"""

from __future__ import annotations

import hashlib
import os

CHUNK = 1 << 20
"""Bytes read at a time: a 20 MB source is hashed without holding it all in memory."""

Stamp = tuple[int, int, int, int]
"""A file's (device, inode, size, modification time in ns): changes with any write or
rename over it."""


def stamp_of(path: str) -> Stamp | None:
    """The file's ``Stamp``, None when it is gone or unreadable."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def file_sha256(path: str) -> str | None:
    """The SHA-256 of the file's bytes, None when it is gone, a folder or unreadable."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(CHUNK), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def look(paths: list[str], seen: dict[str, Stamp | None]) -> dict[str, tuple[Stamp | None,
                                                                             str | None]]:
    """For each path whose stamp differs from ``seen`` (or was never seen): its new stamp
    and digest (both None when it is gone). Paths that did not change are left out."""
    out = {}
    for path in paths:
        stamp = stamp_of(path)
        if path in seen and stamp == seen[path]:
            continue
        out[path] = (stamp, file_sha256(path) if stamp is not None else None)
    return out
