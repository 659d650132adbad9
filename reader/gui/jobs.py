"""Loading and aligning in a child process, with progress and cancel.

Large inputs take seconds to align. Running the pipeline in a separate
process (``reader.core.pipeline.run_child``) keeps the window fully
responsive (no shared interpreter lock), lets Cancel stop the work at once,
and lets the engine use every core. A QThread here only waits for the
child's messages and turns them into signals.
"""

from __future__ import annotations

import multiprocessing
import queue as queues

from PySide6.QtCore import QThread, Signal

from reader.core.pipeline import run_child

POLL_SECONDS = 0.05


class ChildJob(QThread):
    """Runs ``target(*args, queue)`` in a spawned child process and relays its messages.

    Subclasses say what the work is (``target``, ``args``, ``what``) and turn
    each message into signals in ``handle``, which returns True on the last
    one. The child is always stopped and its OS resources released when the
    thread ends, whether the work finished, failed or was cancelled.
    """

    failed = Signal(str)
    cancelled = Signal()
    what = "background"

    def __init__(self) -> None:
        super().__init__()
        self._stop = False

    def cancel(self) -> None:
        self._stop = True

    def child_args(self) -> tuple:
        raise NotImplementedError

    def handle(self, kind: str, payload) -> bool:
        raise NotImplementedError

    def run(self) -> None:
        context = multiprocessing.get_context("spawn")
        messages = context.Queue()
        target, *args = self.child_args()
        # not a daemon: the child may fork workers of its own to use every core
        child = context.Process(target=target, args=(*args, messages))
        child.start()
        try:
            self._relay(child, messages)
        finally:
            if child.is_alive():
                child.terminate()
            child.join()
            child.close()  # release the child's and the queue's OS resources now,
            messages.close()  # not at interpreter exit
            messages.join_thread()

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
    """One background load-and-align; emits ``finished_ok``, ``failed`` or ``cancelled``."""

    progressed = Signal(int, int)
    finished_ok = Signal(object, object, object)  # Comparison | None, documents, errors
    diffs_ready = Signal(object)  # large comparisons: the diffs, after finished_ok
    what = "alignment"

    def __init__(self, paths: list[str], reference: str | None = None) -> None:
        super().__init__()
        self.paths = list(paths)
        self.reference = reference

    def child_args(self) -> tuple:
        return run_child, self.paths, self.reference

    def handle(self, kind: str, payload) -> bool:
        if kind == "progress":
            self.progressed.emit(*payload)
            return False
        if kind == "aligned":
            self.finished_ok.emit(*payload)
            return False
        if kind == "diffs":
            self.diffs_ready.emit(payload)
        elif kind == "done":
            self.finished_ok.emit(*payload)
        elif kind == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(str(payload))
        return True
