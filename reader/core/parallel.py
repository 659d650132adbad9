"""Link every pair of sources, on several cores when that is safe.

Pairs of sources are independent once their paragraphs are prepared, and
with 20 sources there are 190 of them. Worker processes are forked so they
inherit the prepared units without copying; forking is only done from a
single-threaded process (a fork taken while other threads hold locks can
deadlock the child), so inside a GUI thread the work stays serial — the
reader runs alignment in a process of its own to get the parallel path.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
from collections.abc import Callable

from reader.core.alignment import Evidence, Unit, link_pair

PARALLEL_FROM = 24
"""Fewer source pairs than this are done in-process: forking costs more than it saves."""
CHUNK = 6

_UNITS: list[list[Unit]] = []  # what forked workers read (inherited, never pickled)


class Cancelled(Exception):
    """The caller's progress callback asked to stop."""


def _work(pairs: list[tuple[int, int]]) -> list[tuple[int, int, list[Evidence]]]:
    return [(a, b, link_pair(_UNITS[a], _UNITS[b])) for a, b in pairs]


def _can_fork() -> bool:
    return ("fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1 and (os.cpu_count() or 1) > 1)


def link_all(units: list[list[Unit]], progress: Callable[[int, int], bool] | None = None
             ) -> dict[tuple[int, int], list[Evidence]]:
    """Evidence for every pair of sources; ``progress(done, total)`` False cancels."""
    pairs = list(itertools.combinations(range(len(units)), 2))
    total = len(pairs)
    report = progress or (lambda done, total: True)
    results: dict[tuple[int, int], list[Evidence]] = {}
    if total < PARALLEL_FROM or not _can_fork():
        for done, (a, b) in enumerate(pairs):
            if not report(done, total):
                raise Cancelled()
            results[(a, b)] = link_pair(units[a], units[b])
        return results
    global _UNITS
    _UNITS = units
    chunks = [pairs[k:k + CHUNK] for k in range(0, total, CHUNK)]
    workers = min(4, os.cpu_count() or 2)
    pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        for batch in pool.imap_unordered(_work, chunks):
            results.update(((a, b), ev) for a, b, ev in batch)
            if not report(len(results), total):
                raise Cancelled()
    finally:
        pool.terminate()
        pool.join()
        _UNITS = []
    return results
