"""The whole pipeline for a list of paths, in this process or in a child process.

``load_all`` loads what loads and collects the errors of the rest (a bad file
must never stop the others). ``load_and_compare`` adds alignment and the word
diffs against the expected reference. ``run_child`` is what the reader's
background job starts in a fresh process: the GUI keeps its thread (and the
GIL) to itself, Cancel can stop the work at once, and alignment can use
every core.
"""

from __future__ import annotations

from reader.core.comparison import Comparison, compare
from reader.core.load.documents import Document, load_document, seed_paths
from reader.core.errors import SourceError
from reader.core.align.parallel import Cancelled

PROGRESS_EVERY = 4
STAGED_FROM = 1000
"""Paragraphs in all sources from which the reader gets the alignment before the diffs."""


def load_all(paths: list[str]) -> tuple[list[Document], list[SourceError]]:
    """Load every file that can be loaded (the seeds when none are given)."""
    docs, errors = [], []
    for path in paths or seed_paths():
        try:
            docs.append(load_document(path))
        except SourceError as exc:
            errors.append(exc)
    return docs, errors


def load_and_compare(paths: list[str], progress=None, reference: str | None = None
                     ) -> tuple[Comparison | None, list[Document], list[SourceError]]:
    """Load what loads and compare it (one source alone still shows, with a hint).

    The word diffs against the expected reference (by path) are computed here
    too, so that a reader only has to build its panes afterwards.
    """
    docs, errors = load_all(paths)
    comp = compare(docs, progress) if docs else None
    if comp is not None:
        _prepare_diffs(comp, reference)
    return comp, docs, errors


def _prepare_diffs(comp: Comparison, reference: str | None) -> int:
    loaded = [d.path for d in comp.documents]
    index = loaded.index(reference) if reference in loaded else 0
    comp.prepare_diffs(index)
    comp.differences(index)
    return index


def run_child(paths: list[str], reference: str | None, queue) -> None:
    """Entry point of the child process: progress messages, then the result."""
    def progress(done: int, total: int) -> bool:
        if done % PROGRESS_EVERY == 0 or done == total:
            queue.put(("progress", (done, total)))
        return True

    try:
        docs, errors = load_all(paths)
        comp = compare(docs, progress) if docs else None
        if comp is None or sum(len(d.paragraphs) for d in docs) < STAGED_FROM:
            if comp is not None:
                _prepare_diffs(comp, reference)
            queue.put(("done", (comp, docs, errors)))
            return
        # Large: the reader lays out the aligned panes while the diffs are computed.
        queue.put(("aligned", (comp, docs, errors)))
        index = _prepare_diffs(comp, reference)
        queue.put(("diffs", comp.diff_caches(index)))
    except Cancelled:
        queue.put(("cancelled", None))
    except Exception as exc:  # reported to the window, which stays open
        queue.put(("error", f"{type(exc).__name__}: {exc}"))


def facts_child(comp: Comparison, reference: int, queue) -> None:
    """Entry point of the reader's facts process: the fact changes against ``reference`` and
    the quotations, computed away from the window's interpreter (a thread would share its
    lock and stall its repaints)."""
    from reader.core.diff.story_facts import comparison_fact_changes, track_quotes

    try:
        queue.put(("done", (comparison_fact_changes(comp, reference), track_quotes(comp))))
    except Exception as exc:  # reported to the window, which reads on without facts
        queue.put(("error", f"{type(exc).__name__}: {exc}"))
