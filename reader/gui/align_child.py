"""What the reader's child processes run: load and align, word diffs, fact changes.

A child keeps the window's interpreter (and its lock) free, Cancel stops it
at once, and it can use every core. Its results travel in small pieces
(``transfer``): the window's thread never waits long for the interpreter
lock while they are unpickled. Plain Python (no Qt): children import this
module, not the window's (spawned, or forked from the fork server that has
imported it: ``early.warm_up``).

The messages, in order: ``document`` (one per source loaded) then
``loaded`` (the load errors): the reader shows the texts at once; then
``progress``; the comparison's pieces and ``aligned``; for a large
comparison the word diffs against the reference come after ``aligned`` (the
reader shows the aligned panes meanwhile), for a small one before it; then
``done``.
"""

from __future__ import annotations

import mmap
import os
import sys
from functools import partial

from reader.core.align.parallel import Cancelled
from reader.core.comparison import Comparison, compare
from reader.core.pipeline import load_all, reference_index
from reader.gui.transfer import comparison_pieces, diff_pieces, packed, received

BACKGROUND_NICENESS = 5
"""How much lower than the window's a child's CPU priority is. While a comparison
arrives or a new reference is diffed, the window's thread and the child (with its
workers: every core) want the CPU at once, and at equal priority the window's turns
stretched by the time the children took. At 5 the window gets ~3/4 of a core they
share; a child alone still gets every idle core, so the work takes no longer.

Not while the window waits for the alignment with nothing aligned to show
(``align_child(waited=True)``): the window has little to do meanwhile (the text as
read), so a lowered child gained it nothing and gave way to every other busy program
on the machine; it aligns at the window's priority and goes to the background for
the word diffs, which come while the window lays out the aligned panes. (Alternating
runs on an otherwise idle machine: 20 x 100 painted 1.76-1.77 s after opening
against 1.98 s.)

Its workers (``parallel``) run lowered even then, once the window is there
(``workers_in_background``): while it aligns, the window lays out and paints the
sources' text as read, and at equal priority its turns waited for a core the workers
held (run-queue waits of 40-130 ms beside turns of ~45 ms of work). Lowered, they give
way to the window's turns and take every core it leaves idle."""
PROGRESS_EVERY = 4
"""Pairs of sources aligned between two progress messages, at least."""
PROGRESS_MESSAGES = 20
"""Progress messages in an alignment, at most (and the last one). Each repaints the
window's progress bars: 20 sources (190 pairs) sent 47, which took the window's
thread ~30 ms while the child aligned, on the cores the alignment wants."""
STAGED_FROM = 1000
"""Paragraphs in all sources from which the reader gets the alignment before the diffs."""


SWITCH_SECONDS = 0.0005
"""How long a child's thread may hold the interpreter lock while another waits for it
(Python's default: 5 ms). A queue's messages are pickled and written by a thread of
its own; after each write it waits for the lock while the child's main thread works
on (the word diffs), up to 5 ms a piece: the ~20 pieces of a 20 x 100
comparison reached the window ~0.1 s after they were sent, and up to twice that when
the child moved on to the diffs. A child's main thread does not mind switching more
often; while it is the only thread with work, it does not switch at all."""


def hand_off_promptly() -> None:
    """Let the thread that sends this child's messages have the lock soon
    (``SWITCH_SECONDS``)."""
    sys.setswitchinterval(SWITCH_SECONDS)


def _background_niceness(window: int) -> int:
    """The niceness of a process that runs below ``window``'s (``BACKGROUND_NICENESS``)."""
    return min(19, os.getpriority(os.PRIO_PROCESS, window) + BACKGROUND_NICENESS)


def in_background(pid: int = 0) -> None:
    """Run process ``pid`` (0: this child) ``BACKGROUND_NICENESS`` below the window's
    priority. The window's niceness plus that, not this process's plus that: the window
    lowers a child it spawns as soon as it starts (``jobs.ChildJob.launch``), so the new
    interpreter's start-up does not compete with the window's panes, and the child,
    once running, sets the same niceness again (not twice as low). A child forked
    from the fork server reads the server's niceness, which is the window's (the
    window started it)."""
    try:
        niceness = _background_niceness(os.getpid() if pid else os.getppid())
        os.setpriority(os.PRIO_PROCESS, pid, niceness)
    except (AttributeError, OSError):  # not here (Windows), gone, or not allowed: as is
        pass


def workers_in_background(shown: mmap.mmap | None = None) -> None:
    """Every process this child forks from now on (the engine's workers, ``parallel``)
    starts ``BACKGROUND_NICENESS`` below the window, whatever this child's own priority
    then: a waited-for alignment's own thread keeps the window's priority
    (``BACKGROUND_NICENESS``) but its workers give way to the window's turns.

    ``shown``: only once its byte is set (``EarlyAlignment``, forked before the window
    exists, sets it when the window adopts it: ``children_in_background`` lowers the
    workers already running then)."""
    try:
        niceness = _background_niceness(os.getppid())
        os.register_at_fork(after_in_child=partial(_worker_started, niceness, shown))
    except (AttributeError, OSError):  # no fork or no priorities (Windows), or not allowed
        pass


def _worker_started(niceness: int, shown: mmap.mmap | None) -> None:
    """This new process's niceness raised to ``niceness`` (never lowered: only a
    privileged process could), unless ``shown`` says the window is not there yet."""
    if shown is not None and not shown[0]:
        return
    try:
        if os.getpriority(os.PRIO_PROCESS, 0) < niceness:
            os.setpriority(os.PRIO_PROCESS, 0, niceness)
    except OSError:
        pass


def children_in_background(pid: int) -> None:
    """Run the processes child ``pid`` has forked (its workers) ``BACKGROUND_NICENESS``
    below this process, the window (Linux: ``/proc``; elsewhere nothing)."""
    try:
        entries = os.listdir("/proc")
    except OSError:
        return
    for entry in entries:
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as stat:
                    parent = int(stat.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):  # gone meanwhile, or not readable
                continue
            if parent == pid:
                in_background(int(entry))


def _send_diffs(comp: Comparison, reference: int, queue) -> None:
    comp.prepare_diffs(reference)
    comp.differences(reference)
    for piece in diff_pieces(comp.diff_caches(reference)):
        queue.put(piece)


def align_child(paths: list[str], reference: str | None, queue, waited: bool = False,
                shown: mmap.mmap | None = None) -> None:
    """Load and align ``paths``; word diffs against ``reference`` (a path). ``waited``:
    the window has nothing aligned on screen and waits for this (``BACKGROUND_NICENESS``):
    the child goes to the background only once the alignment is sent. ``shown``: the
    window's flag, for a child forked before it (``workers_in_background``)."""
    def progress(done: int, total: int) -> bool:
        if done % max(PROGRESS_EVERY, total // PROGRESS_MESSAGES) == 0 or done == total:
            queue.put(("progress", (done, total)))
        return True

    hand_off_promptly()
    workers_in_background(shown)
    if not waited:
        in_background()
    try:
        docs, errors = load_all(paths)
        for doc in docs:
            queue.put(("document", doc))
        queue.put(("loaded", errors))
        comp = compare(docs, progress) if docs else None
        if comp is None:
            queue.put(("done", None))
            return
        index = reference_index(comp, reference)
        staged = sum(len(d.paragraphs) for d in docs) >= STAGED_FROM
        for piece in comparison_pieces(comp, documents=False):
            queue.put(packed(piece))
        if not staged:
            _send_diffs(comp, index, queue)
        queue.put(("aligned", None))
        if waited:
            in_background()
        if staged:  # the reader lays out the aligned panes meanwhile
            _send_diffs(comp, index, queue)
        queue.put(("done", None))
    except Cancelled:
        queue.put(("cancelled", None))
    except Exception as exc:  # reported to the window, which stays open
        queue.put(("error", f"{type(exc).__name__}: {exc}"))


def diffs_child(inbox, reference: int, queue) -> None:
    """The word diffs of a comparison (its pieces come on ``inbox``) against another
    reference."""
    hand_off_promptly()
    in_background()
    try:
        _send_diffs(received(inbox), reference, queue)
        queue.put(("done", None))
    except Exception as exc:
        queue.put(("error", f"{type(exc).__name__}: {exc}"))


FACTS_PER_PIECE = 200
"""Fact changes per message: 20 x 100 paragraphs have ~1,300 against one reference, and
unpickling them at once held the window's interpreter lock for ~0.1 s."""


def facts_child(inbox, reference: int, queue) -> None:
    """The fact changes of a comparison (its pieces come on ``inbox``) against ``reference``
    and its quotations: ``facts`` messages, then ``quotes``."""
    from reader.core.diff.story_facts import comparison_fact_changes, track_quotes

    hand_off_promptly()
    in_background()
    try:
        comp = received(inbox)
        changes = comparison_fact_changes(comp, reference, spread=True)  # on both cores
        for start in range(0, len(changes), FACTS_PER_PIECE):
            queue.put(("facts", changes[start:start + FACTS_PER_PIECE]))
        queue.put(("quotes", track_quotes(comp)))
    except Exception as exc:  # reported to the window, which reads on without facts
        queue.put(("error", f"{type(exc).__name__}: {exc}"))
