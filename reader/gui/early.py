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

Where no early child can align the files (a comparison file, or no fork),
the fork server the window's later children come from is started instead
(``warm_up``): it imports the engine while the window is built.

No Qt here: importing this module must not start a thread.
"""

from __future__ import annotations

import atexit
import mmap
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import multiprocessing.util  # noqa: F401  (its exit handler is registered before ours)
import sys
import threading

from reader.core.sources import MAX_SOURCES  # the reader opens the first 20 of more
from reader.gui.align_child import align_child, children_in_background

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
        self.shown = mmap.mmap(-1, 1)  # shared with the child: set once the window adopts it
        # not a daemon: the child forks workers of its own to use every core
        # the window has nothing else to show: it waits for this at its own priority
        self.process = context.Process(target=align_child,
                                       args=(self.paths, reference, self.queue),
                                       kwargs={"waited": True, "shown": self.shown})
        self.process.start()
        _WAITING.add(self)

    def matches(self, paths: list[str], reference: str | None) -> bool:
        """Whether this child aligns exactly what the window is asked to open."""
        return self.paths == list(paths) and self.reference == reference

    def adopt(self) -> tuple:
        """The child and its queue, handed to the job that relays its messages
        (``jobs.ChildJob``), which stops it and releases them when it ends.

        From now on the child's workers run below the window (``workers_in_background``),
        those it forks and those already running. Not before: while the window is
        built, nothing of it is on screen to wait for, and at equal priority its
        start-up fills the cores the alignment leaves idle in its serial steps (lowered
        from the start, the workers let the window be built ~0.04 s sooner and the
        aligned panes came ~0.05 s later, in alternated runs of gui_open.py)."""
        _WAITING.discard(self)
        self.shown[0] = 1  # first: a worker forked meanwhile is then lowered either way
        children_in_background(self.process.pid)
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
    (a comparison file among them, too many sources) or could not fork: the fork server
    is started then (``warm_up``), for the child the window will start."""
    from reader.core.sources import distinct_files, is_comparison_file
    from reader.gui.settings import ReaderSettings  # QtCore only: it starts no thread

    paths = distinct_files(paths)[0]  # as ``MainWindow.open_paths`` will ask for them
    early = None
    if len(paths) <= MAX_SOURCES and not any(is_comparison_file(p) for p in paths):
        _, reference = ReaderSettings().arrangement(paths)
        early = start_early(paths, reference)
    if early is None:
        warm_up()
    return early


PRELOADED = ("reader.gui.align_child", "reader.core.diff.story_facts")
"""What the children run, imported by the fork server before it forks any (``warm_up``)."""
_warm = False


def warm_up() -> None:
    """Start the fork server that the window's children are forked from from now on
    (Linux): it imports ``PRELOADED`` meanwhile, on a core the window does not need,
    and a child forked from it starts its work at once (spawned, a child imports
    numpy, scipy and the engine first: ~0.4 s of a core).

    Started before the window is built when no early child aligns the files (the
    window will start one itself, ~0.5 s later: the server is ready by then), else
    when the window's last running job has ended and what it brought is on screen
    (``jobs``), not sooner: beside the first alignment it would take a core from it,
    beside the first comparison's word diffs and facts it made their highlights ~0.08 s
    later, and beside the window marking them it made the window's turns wait for a
    core. The server ends with the window (its pipe closes)."""
    global _warm
    if _warm or not sys.platform.startswith("linux"):  # as ``start_early``: macOS's system
        return  # libraries are not safe in a forked child, Windows has no fork
    multiprocessing.get_context("forkserver").set_forkserver_preload(list(PRELOADED))
    try:
        multiprocessing.forkserver.ensure_running()
    except (OSError, RuntimeError):  # no process to spare, or a script mid-import: spawned
        return
    _warm = True


def child_context() -> multiprocessing.context.BaseContext:
    """Where a child comes from: forked from the warm fork server, else spawned."""
    return multiprocessing.get_context("forkserver" if _warm else "spawn")


def _stop_waiting() -> None:
    for early in list(_WAITING):
        early.discard()


# Runs before multiprocessing's own exit handler (registered earlier, by the import above).
atexit.register(_stop_waiting)
