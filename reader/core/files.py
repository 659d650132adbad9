"""The one way Parallax writes a file the user keeps: exports, notes, notes JSON.

Why one writer: every output must survive a kill, a full disk and a hostile
folder the same way, and the rules are easy to get subtly wrong.

* ``check_target`` refuses, with a one-line ``OutputError``, an empty path,
  a folder, a missing folder, a target that is one of the inputs (export over
  a source would destroy it), a file made read-only (by its mode: root may
  write anything) and anything that is not a regular file: a FIFO
  would hang, a device node would be replaced, a symlink would redirect the
  write to a file the user did not name.
* ``write_atomically`` creates a unique temporary file *in the target's folder*
  (same file system, so the rename is atomic) with ``O_CREAT|O_EXCL|O_NOFOLLOW``
  (a planted symlink or a concurrent writer cannot be followed or shared),
  writes every byte (partial writes are resumed, errors raised), fsyncs, gives
  it the old file's permission bits (a new file gets ``0666 & ~umask`` like any
  other program's output, not mkstemp's 0600) and renames it over the target.
  On any failure the temp file is removed and the old file is untouched.
* Temporary names carry the writer's process id, so ``clean_stale_temps`` can
  remove what a killed writer left behind without touching a live one's.
* ``folder_lock`` holds a folder while a caller reads a file there, checks it
  and replaces it (a comparison file two ``parallax fix`` runs update at once).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

TEMP_SUFFIX = ".parallax-tmp"
STALE_AFTER_S = 24 * 3600
"""A temp file older than this is stale even if its process id is in use again."""
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) \
    | getattr(os, "O_CLOEXEC", 0)


class OutputError(OSError):
    """A file could not be written; the message is one line that names it.

    ``reason`` is the message without the leading ``path: `` when there is one:
    a caller that names the file itself (``ComparisonFileError``) adds only the
    reason, so the path is not said twice.
    """

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.reason = message if reason is None else reason

    def __str__(self) -> str:
        return self.message


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _refused(shown: str, reason: str) -> OutputError:
    """``shown: reason``, keeping the reason apart (see ``OutputError``)."""
    return OutputError(f"{shown}: {reason}", reason)


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def check_target(path: str | os.PathLike, inputs: Iterable[str | os.PathLike] = ()) -> Path:
    """The target as a Path if it may be (re)placed by a new file; ``OutputError`` if not."""
    if not str(path).strip():
        raise OutputError("no output file given (empty path)")
    target = Path(path)
    shown = os.fsdecode(os.fspath(path))
    if str(path).endswith(os.sep) or target.is_dir():
        raise _refused(shown, "is a folder; give a file name")
    folder = target.parent
    if not folder.is_dir():
        raise _refused(shown, f"folder {os.fsdecode(os.fspath(folder))} does not exist")
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise _refused(shown, f"cannot be written ({_reason(exc)})") from None
    if stat.S_ISLNK(info.st_mode):
        raise _refused(shown, "is a symbolic link; refusing to replace it "
                       "(give the real file's path)")
    if not stat.S_ISREG(info.st_mode):
        raise _refused(shown, "is not a regular file (a device, pipe or socket); "
                       "refusing to replace it")
    if any(_same_file(info, other) for other in _stats(inputs)):
        raise _refused(shown, "is one of the input files; refusing to "
                       "overwrite it (choose another output name)")
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        # by its mode, not by ``os.access``: a file made read-only to keep it is kept from
        # its owner too, and from root, whom ``os.access`` lets write anything
        raise _refused(shown, "is read-only; refusing to replace it (make it writable, "
                       "or choose another output name)")
    return target


@contextlib.contextmanager
def folder_lock(folder: str | os.PathLike) -> Iterator[None]:
    """Hold ``folder`` for this process's Parallax writes while the caller reads a file
    there, checks it and replaces it: another Parallax process doing the same waits. Two
    ``parallax fix`` runs on one comparison file had each checked the file unchanged,
    then replaced it, and one's change was lost with exit 0 (review 13). A lock on the
    folder, not the file: the file is replaced by a rename, and a lock on the old one
    holds nothing; nor a lock file, which would stay behind. Where there are no
    advisory locks (Windows) the check alone stands."""
    if fcntl is None:
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield  # an unreadable folder: the write that follows says why it cannot be made
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # (closing releases the lock)


def _stats(paths: Iterable[str | os.PathLike]) -> list[os.stat_result]:
    out = []
    for path in paths:
        with contextlib.suppress(OSError, ValueError):
            out.append(os.stat(path))
    return out


def temp_name(target: Path) -> Path:
    """A fresh temp path beside ``target``: hidden, with our pid and a random part."""
    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(6)}{TEMP_SUFFIX}")


def encode_text(text: str, encoding: str) -> bytes:
    """Text as bytes; a file name that is not valid UTF-8 shows as U+FFFD, not a crash."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        clean = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        return clean.encode(encoding, "replace")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.EIO, "write made no progress")
        view = view[written:]


def _old_mode(target: Path) -> int | None:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return None


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every file system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomically(path: str | os.PathLike, data: str | bytes, *,
                     inputs: Iterable[str | os.PathLike] = (), encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``data`` whole, or leave it untouched and raise ``OutputError``."""
    target = check_target(path, inputs)
    payload = encode_text(data, encoding) if isinstance(data, str) else bytes(data)
    shown = os.fsdecode(os.fspath(path))
    clean_stale_temps(target.parent, target.name)
    mode = _old_mode(target)
    tmp = temp_name(target)
    try:
        fd = os.open(tmp, _CREATE_FLAGS, 0o666)  # the umask applies, as for any new file
    except OSError as exc:
        raise _refused(shown, f"cannot be written ({_reason(exc)})") from None
    try:
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _refused(shown, f"could not be written ({_reason(exc)}); "
                       "the old file, if any, is unchanged") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(target.parent)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def clean_stale_temps(folder: str | os.PathLike, target_name: str | None = None) -> int:
    """Remove temp files a killed writer left in ``folder`` (for one target, or all).

    A temp file is stale when the process that made it is gone, or when it is
    older than ``STALE_AFTER_S`` (its pid may belong to another process by now).
    Returns how many were removed; errors are ignored (this is housekeeping).
    """
    prefix = f".{target_name}." if target_name else "."
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(TEMP_SUFFIX)):
            continue
        owner = name[:-len(TEMP_SUFFIX)].rsplit(".", 1)[-1].split("-", 1)[0]
        try:
            info = entry.stat(follow_symlinks=False)
            old = now - info.st_mtime > STALE_AFTER_S
            if not stat.S_ISREG(info.st_mode):
                continue
            if old or not owner.isdigit() or not _pid_alive(int(owner)):
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed
