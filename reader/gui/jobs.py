"""Loading and aligning off the GUI thread, with progress and cancel.

Large inputs take seconds to align; the window must stay responsive and let
the user give up. The job loads every file it can (a file that fails is
reported, not fatal) and runs ``compare`` with a progress callback that
also carries the cancel request back into the engine.
"""

from __future__ import annotations

from PySide6.QtCore import QThread, Signal

from reader.core.comparison import Cancelled, Comparison, compare
from reader.core.documents import Document, load_document
from reader.core.errors import SourceError


def load_and_compare(paths: list[str], progress=None, reference: str | None = None
                     ) -> tuple[Comparison | None, list[Document], list[SourceError]]:
    """Load what loads and compare it (one source alone still shows, with a hint).

    The word diffs against the expected reference are computed here too, so
    that in the background job the GUI thread only has to build the panes.
    """
    docs: list[Document] = []
    errors: list[SourceError] = []
    for path in paths:
        try:
            docs.append(load_document(path))
        except SourceError as exc:
            errors.append(exc)
    comp = compare(docs, progress) if docs else None
    if comp is not None:
        loaded = [d.path for d in docs]
        comp.differences(loaded.index(reference) if reference in loaded else 0)
    return comp, docs, errors


class AlignJob(QThread):
    """One background load-and-align; emits ``finished_ok`` or ``cancelled``."""

    progressed = Signal(int, int)
    finished_ok = Signal(object, object, object)  # Comparison | None, documents, errors
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, paths: list[str], reference: str | None = None) -> None:
        super().__init__()
        self.paths = list(paths)
        self.reference = reference
        self._stop = False

    def cancel(self) -> None:
        self._stop = True

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._stop

    def run(self) -> None:
        try:
            comp, docs, errors = load_and_compare(self.paths, self._progress, self.reference)
        except Cancelled:
            self.cancelled.emit()
            return
        except Exception as exc:  # the engine failing must not take the window down
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.finished_ok.emit(comp, docs, errors)
