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


class AlignJob(QThread):
    """One background load-and-align; emits ``finished_ok``, ``failed`` or ``cancelled``."""

    progressed = Signal(int, int)
    finished_ok = Signal(object, object, object)  # Comparison | None, documents, errors
    diffs_ready = Signal(object)  # large comparisons: the diffs, after finished_ok
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, paths: list[str], reference: str | None = None) -> None:
        super().__init__()
        self.paths = list(paths)
        self.reference = reference
        self._stop = False

    def cancel(self) -> None:
        self._stop = True

    def run(self) -> None:
        context = multiprocessing.get_context("spawn")
        messages = context.Queue()
        # not a daemon: the child forks workers of its own to use every core
        child = context.Process(target=run_child, args=(self.paths, self.reference, messages))
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
                    self.failed.emit(f"the alignment process stopped (exit code {child.exitcode})")
                    return
                continue
            if kind == "progress":
                self.progressed.emit(*payload)
            elif kind == "aligned":
                self.finished_ok.emit(*payload)
            elif kind == "diffs":
                self.diffs_ready.emit(payload)
                return
            elif kind == "done":
                self.finished_ok.emit(*payload)
                return
            elif kind == "cancelled":
                self.cancelled.emit()
                return
            else:
                self.failed.emit(payload)
                return
