"""Spread independent work over several cores when that is safe.

Pairs of sources are independent once their paragraphs are prepared (190 of
them for 20 sources), and so are the word diffs of the rows. Worker
processes are forked so they inherit the prepared data without copying;
forking is only done from a process with no other threads (a fork taken
while another thread holds a lock can deadlock the child), so inside a GUI
thread the work stays serial: the reader runs alignment in a process of its
own to get the parallel path.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

PARALLEL_FROM = 24
"""Fewer items than this are done in-process: forking costs more than it saves (callers
whose few items are each heavy say so with ``parallel_from``)."""
PARALLEL_CHARS = 300_000
"""Characters of text a piece of work reads below which it takes less time (~0.1 s) than
forking workers: the word diffs of a JSON's links, the alignment of a few heavy pairs of
sources ((sources - 1) x content: the seeds hold 60,000, six 55 KB editions 1.6 million)."""
BATCHES_PER_WORKER = 24
"""Items go to the workers in about this many batches each: few round trips, still a smooth
progress bar and no worker left alone with the last heavy batch."""

_SHARED: dict[str, Any] = {}  # what forked workers read (inherited, never pickled)


class Cancelled(Exception):
    """The caller's progress callback asked to stop."""


def can_fork() -> bool:
    """Fork only where no other thread can hold a lock the children would inherit.

    A multiprocessing queue's feeder thread (the reader's alignment process
    reports progress through one) is harmless: the workers never touch it.
    """
    others = [t for t in threading.enumerate()
              if t is not threading.current_thread() and t.name != "QueueFeederThread"]
    return ("fork" in multiprocessing.get_all_start_methods() and not others
            and not multiprocessing.current_process().daemon and (os.cpu_count() or 1) > 1)


def _run_chunk(chunk: list) -> list:
    work = _SHARED["work"]
    return [(item, work(item)) for item in chunk]


def fork_map(work: Callable[[Any], Any], items: Sequence,
             progress: Callable[[int, int], bool] | None = None,
             parallel_from: int = PARALLEL_FROM,
             meanwhile: Callable[[], None] | None = None) -> dict:
    """``{item: work(item)}``, on forked workers when worthwhile and safe.

    ``work`` may use anything the calling process holds: workers are forked
    after it is set. ``progress(done, total)`` returning False cancels.
    Fewer than ``parallel_from`` items are done in this process.
    ``meanwhile()`` is work of this process's own, done while the workers
    work (before the items when there are none): work that the workers'
    results do not change costs no time of its own then.
    """
    total = len(items)
    report = progress or (lambda done, total: True)
    results: dict = {}
    if total < max(2, parallel_from) or not can_fork():
        if meanwhile is not None:
            meanwhile()
        for done, item in enumerate(items):
            if not report(done, total):
                raise Cancelled()
            results[item] = work(item)
        return results
    with _forked(work) as (pool, chunks):
        batches = pool.imap_unordered(_run_chunk, chunks(items))
        if meanwhile is not None:
            meanwhile()
        for batch in batches:
            results.update(batch)
            if not report(len(results), total):
                raise Cancelled()
    return results


def fork_imap(work: Callable[[Any], Any], items: Sequence,
              parallel_from: int = PARALLEL_FROM,
              meanwhile: Callable[[], None] | None = None) -> Iterator:
    """``work(item)`` for each item in order, each as soon as it and those before it are
    done (on forked workers as ``fork_map``): a caller that writes the results out keeps
    only the few that came early, and writes while the workers work."""
    if len(items) < max(2, parallel_from) or not can_fork():
        if meanwhile is not None:
            meanwhile()
        yield from map(work, items)
        return
    with _forked(work) as (pool, chunks):
        batches = pool.imap(_run_chunk, chunks(items))
        if meanwhile is not None:
            meanwhile()
        for batch in batches:
            yield from (result for _, result in batch)


def fork_beside(work: Callable[[], Any], meanwhile: Callable[[], None]) -> Any:
    """``work()``, done in one forked worker while this process runs ``meanwhile()``
    (in turn when forking is not safe): two independent pieces of serial work at once.
    What ``work`` returns comes back pickled, so it should be arrays rather than many
    small objects."""
    if not can_fork():
        meanwhile()
        return work()
    with _forked(lambda _: work(), workers=1) as (pool, _):
        pending = pool.apply_async(_run_chunk, ([None],))
        meanwhile()
        return pending.get()[0][1]


@contextmanager
def _forked(work: Callable[[Any], Any], workers: int | None = None
            ) -> Iterator[tuple[Any, Callable[[Sequence], list]]]:
    """A pool of forked workers (as many as cores, up to 4, unless told) that run ``work``,
    and how to cut items into its batches."""
    _SHARED["work"] = work
    workers = workers or min(4, os.cpu_count() or 2)

    def chunks(items: Sequence) -> list[list]:
        size = -(-len(items) // (workers * BATCHES_PER_WORKER))
        return [list(items[k:k + size]) for k in range(0, len(items), size)]

    gc.freeze()  # the workers' collector then never walks (and so copies) what they inherit
    try:
        pool = multiprocessing.get_context("fork").Pool(workers)
    finally:
        gc.unfreeze()
    try:
        yield pool, chunks
    finally:
        pool.terminate()
        pool.join()
        _SHARED.clear()
