"""Start aligning the files named on the command line before the window exists.

Opening 20 sources from the command line used to go: import Qt and the
reader's widgets, build the window (~0.5 s), then spawn the alignment
child, which started a new interpreter and imported the engine again
(~0.5 s) before it read a file. Aligning itself takes ~1.4 s, so the aligned
panes came ~2.5 s after the window was asked to open them.

Here the child is *forked* before Qt starts: the process then runs no thread
that could hold a lock (a fork taken while another thread holds one can
deadlock the child), and the engine is already imported (``align_child``,
imported below, imports it), so the child starts aligning at once, on the second core, while
this process imports Qt and builds the window. The window adopts the running child
(``MainWindow.open_paths(..., early=)``) and reads its messages as if it had
started it; if it opens something else, the child is stopped.

No Qt here: importing this module must not start a thread.
"""

from __future__ import annotations

import atexit
import multiprocessing
import multiprocessing.util  # noqa: F401  (its exit handler is registered before ours)
import sys
import threading

from reader.core.sources import MAX_SOURCES  # the reader opens the first 20 of more
from reader.gui.align_child import align_child

_WAITING: set[EarlyAlignment] = set()
"""Early children no window adopted yet: stopped at exit (a non-daemon child that
nobody stops makes multiprocessing's exit handler wait for it)."""


def fork_safe() -> bool:
    """Whether no other thread can hold a lock a forked child would inherit: Python runs
    no thread but this one and no Qt application exists yet (it runs threads of its own).
    Native threads that libraries start when imported (OpenBLAS's pool, under numpy)
    stop themselves around a fork (``pthread_atfork``): the engine forks its own workers
    with them too (``reader.core.align.parallel``)."""
    if threading.active_count() != 1:
        return False
    qt = sys.modules.get("PySide6.QtCore")
    return qt is None or qt.QCoreApplication.instance() is None


class EarlyAlignment:
    """An alignment child forked before the window: its process and its message queue."""

    def __init__(self, paths: list[str], reference: str | None) -> None:
        context = multiprocessing.get_context("fork")
        self.paths = list(paths)
        self.reference = reference
        self.queue = context.Queue()
        # not a daemon: the child forks workers of its own to use every core
        # the window has nothing else to show: it waits for this at its own priority
        self.process = context.Process(target=align_child,
                                       args=(self.paths, reference, self.queue),
                                       kwargs={"waited": True})
        self.process.start()
        _WAITING.add(self)

    def matches(self, paths: list[str], reference: str | None) -> bool:
        """Whether this child aligns exactly what the window is asked to open."""
        return self.paths == list(paths) and self.reference == reference

    def adopt(self) -> tuple:
        """The child and its queue, handed to the job that relays its messages
        (``jobs.ChildJob``), which stops it and releases them when it ends."""
        _WAITING.discard(self)
        return self.process, self.queue

    def discard(self) -> None:
        """Stop the child: the window opened something else."""
        _WAITING.discard(self)
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.process.close()
        self.queue.close()
        self.queue.cancel_join_thread()


def start_early(paths: list[str], reference: str | None) -> EarlyAlignment | None:
    """Fork the alignment of ``paths`` now, or None where a fork is not safe (threads
    running, not Linux) or fails: the window then spawns its child as usual."""
    # Linux only: macOS's system libraries are not safe in a forked child (Python spawns
    # there by default), Windows has no fork.
    if not sys.platform.startswith("linux") or not fork_safe():
        return None
    try:
        return EarlyAlignment(paths, reference)
    except OSError:  # no process to spare: the window spawns its child later, as usual
        return None


def start_for_reader(paths: list[str]) -> EarlyAlignment | None:
    """``start_early`` for the files the reader opens at start-up, against the reference
    the reader remembers for them; None when the window would not align them as they are
    (a comparison file among them, too many sources)."""
    from reader.core.saved import is_comparison_file
    from reader.gui.settings import ReaderSettings  # QtCore only: it starts no thread

    if len(paths) > MAX_SOURCES or any(is_comparison_file(p) for p in paths):
        return None
    _, reference = ReaderSettings().arrangement(paths)
    return start_early(paths, reference)


def _stop_waiting() -> None:
    for early in list(_WAITING):
        early.discard()


# Runs before multiprocessing's own exit handler (registered earlier, by the import above).
atexit.register(_stop_waiting)
