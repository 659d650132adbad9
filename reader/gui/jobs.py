"""Loading and aligning in a child process, with progress and cancel.

Large inputs take seconds to align. Running the pipeline in a separate
process (``align_child``) keeps the window fully responsive (no shared
interpreter lock), lets Cancel stop the work at once, and lets the engine
use every core. A QThread here only waits for the child's messages (small
pieces: ``transfer``) and turns them into signals.

Children come from the fork server once it runs (``early.warm_up``): started
when the window's first jobs are done and what they brought is on screen
(``_warm_up_when_idle``), or at once when the window aligns its first files itself.
"""

from __future__ import annotations

import atexit
import multiprocessing.util  # noqa: F401  (its exit handler is registered before ours)
import queue as queues
from functools import partial

from PySide6.QtCore import QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication

from reader.gui.align_child import align_child, diffs_child, in_background
from reader.gui.early import EarlyAlignment, child_context, warm_up
from reader.gui.story import build_story
from reader.gui.transfer import Assembly, comparison_pieces

POLL_SECONDS = 0.05
IDLE_RETRY_MS = 100
"""How often a fork server waiting for a busy window to settle asks again
(``_warm_up_when_idle``)."""

_RUNNING: set[ChildJob] = set()
"""Jobs whose thread has not ended. A QThread destroyed while it runs aborts the process, and
a job can outlive its window or be replaced by a newer one: the set holds it until then."""


def _stop_all() -> None:
    for job in list(_RUNNING):
        job.cancel()
        job.wait()


def _windows_busy() -> bool:
    """Whether a window is still putting a job's result on screen (``MainWindow.busy``)."""
    return any(getattr(widget, "busy", lambda: False)()
               for widget in QApplication.topLevelWidgets())


def _warm_up_when_idle() -> None:
    """Start the fork server (``warm_up``) once no job runs and no window is busy.

    Its start-up imports the engine on a core for ~0.3 s, at the window's priority
    (the children it forks read theirs from it). Started as soon as the first
    comparison's job ended, it did so while the window marked the panes' word
    differences and painted them: beside other busy programs, the window's last turns
    waited ~60-100 ms for a core (gui_open.py, 20 x 100)."""
    if _RUNNING:  # a newer job: its end starts it
        return
    if _windows_busy():
        QTimer.singleShot(IDLE_RETRY_MS, _warm_up_when_idle)
        return
    warm_up()


# Exit handlers run last registered first: this one must stop the children before
# multiprocessing's own (imported above, so registered earlier) unlinks the semaphores of
# their queues, or a child still starting dies on them and the exit waits on its pipe for ever.
atexit.register(_stop_all)


class ChildJob(QThread):
    """Runs ``target(*args, queue)`` in a child process and relays its messages.

    Subclasses say what the work is (``target``, ``args``, ``what``) and turn
    each message into signals in ``handle``, which returns True on the last
    one. The child is always stopped and its OS resources released when the
    thread ends, whether the work finished, failed or was cancelled.
    """

    failed = Signal(str)
    cancelled = Signal()
    what = "background"
    background = True
    """Whether the child runs below the window's priority from its start (``in_background``)."""

    def __init__(self) -> None:
        super().__init__()
        self._stop = False
        self.pid: int | None = None  # the child's, once started (benchmarks read its CPU time)

    def start(self, *args) -> None:
        _RUNNING.add(self)
        self.finished.connect(self._ended)  # queued: runs in the thread that made the job
        super().start(*args)

    def _ended(self) -> None:
        self.wait()
        _RUNNING.discard(self)
        _warm_up_when_idle()  # nothing left running: the window is idle soon (see warm_up)

    def cancel(self) -> None:
        self._stop = True

    def child_args(self) -> tuple:
        raise NotImplementedError

    def handle(self, kind: str, payload) -> bool:
        raise NotImplementedError

    def outgoing(self):
        """Messages for the child, put on the queue it gets as its first argument, or None.

        Sent after the child has started, piece by piece (``transfer``): passed as the
        child's arguments, a comparison was pickled and written in one go, and the
        window froze for ~0.1 s."""
        return None

    def launch(self) -> tuple:
        """Start the child: it, the queue of its messages, and its inbox (or None)."""
        context = child_context()
        messages = context.Queue()
        target, *args = self.child_args()
        inbox = context.Queue() if self.outgoing() is not None else None
        if inbox is not None:
            # What the child has not read when it stops is moot: never wait at exit for the
            # queue's feeder thread to write it into a pipe nobody reads any more.
            inbox.cancel_join_thread()
            args = [inbox, *args]
        # not a daemon: the child may fork workers of its own to use every core
        child = context.Process(target=target, args=(*args, messages))
        child.start()
        if self.background:
            in_background(child.pid)
        return child, messages, inbox

    def run(self) -> None:
        child, messages, inbox = self.launch()
        self.pid = child.pid
        outgoing = self.outgoing() if inbox is not None else None
        try:
            for message in outgoing or ():
                if self._stop:
                    break
                inbox.put(message)
            self._relay(child, messages)
        finally:
            if child.is_alive():
                child.terminate()
            child.join()
            child.close()  # release the child's and the queue's OS resources now,
            messages.close()  # not at interpreter exit
            messages.join_thread()
            if inbox is not None:
                inbox.close()

    def _relay(self, child, messages) -> None:
        while True:
            if self._stop:
                self.cancelled.emit()
                return
            try:
                kind, payload = messages.get(timeout=POLL_SECONDS)
            except queues.Empty:
                if not child.is_alive():
                    self.failed.emit(f"the {self.what} process stopped "
                                     f"(exit code {child.exitcode})")
                    return
                continue
            if kind == "error":
                self.failed.emit(payload)
                return
            if self.handle(kind, payload):
                return


class AlignJob(ChildJob):
    """One background load-and-align; emits ``texts_loaded`` once the sources are read,
    ``finished_ok`` with the alignment, ``diffs_ready`` after it for a large comparison,
    or ``failed`` or ``cancelled``."""

    progressed = Signal(int, int)
    texts_loaded = Signal(object)  # the documents, before alignment
    finished_ok = Signal(object, object, object)  # Comparison | None, documents, errors
    diffs_ready = Signal(object)  # large comparisons: the diffs, after finished_ok
    what = "alignment"

    def __init__(self, paths: list[str], reference: str | None = None,
                 early: EarlyAlignment | None = None, waited: bool = False) -> None:
        super().__init__()
        self.paths = list(paths)
        self.reference = reference
        self.early = early  # a child already aligning these paths (``early``): adopted
        self.waited = waited  # nothing aligned on screen meanwhile (``align_child``)
        self.background = not waited  # a waited-for alignment runs at the window's priority
        self.pieces = Assembly()
        self.errors: list = []
        self.story = None  # ``build_story`` of the comparison (default numbers), built here
        self.comp = None

    def child_args(self) -> tuple:
        return partial(align_child, waited=self.waited), self.paths, self.reference

    def launch(self) -> tuple:
        if self.early is None:
            return super().launch()
        return (*self.early.adopt(), None)

    def handle(self, kind: str, payload) -> bool:
        pieces = self.pieces
        if pieces.take(kind, payload):
            if kind == "differences" and self.comp is not None:
                self.diffs_ready.emit(pieces.caches)
            return False
        if kind == "progress":
            self.progressed.emit(*payload)
        elif kind == "loaded":
            self.errors = payload
            self.texts_loaded.emit(list(pieces.documents))
        elif kind == "aligned":
            self.comp = pieces.comparison()
            # Here, not in the child: there it held the links back (``transfer.packed``),
            # and here the links' lookup it reads is built already (``Assembly``); the
            # child starts the word diffs ~40 ms sooner.
            self.story = build_story(self.comp)
            if pieces.caches is not None:  # a small comparison: its diffs came first
                self.comp.absorb(pieces.caches)
            self.finished_ok.emit(self.comp, pieces.documents, self.errors)
        elif kind == "done":
            if self.comp is None:  # nothing could be loaded
                self.finished_ok.emit(None, [], self.errors)
            return True
        elif kind == "cancelled":
            self.cancelled.emit()
            return True
        else:
            self.failed.emit(str(payload))
            return True
        return False


class DiffsJob(ChildJob):
    """The word diffs of a large comparison against a new reference, in a child process:
    ~2 s of work that would freeze the window; the panes show plain text meanwhile."""

    diffs_ready = Signal(object)
    what = "word differences"

    def __init__(self, comp, reference: int) -> None:
        super().__init__()
        self.comp, self.reference = comp, reference
        self.pieces = Assembly()

    def child_args(self) -> tuple:
        return diffs_child, self.reference

    def outgoing(self):
        return comparison_pieces(self.comp)

    def handle(self, kind: str, payload) -> bool:
        if self.pieces.take(kind, payload):
            if kind == "differences":
                self.diffs_ready.emit(self.pieces.caches)
            return False
        return True
