"""When Python's cyclic garbage collector runs: not while Parallax builds or writes a
comparison. A module of its own, without numpy, so that the command line can pause
the collector before it imports the engine."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector during alignment, while facts are read and
    compared (``story_facts``, ``export.summary``), and for the whole of a command
    (``parallax align``, ``export``, ``notes``), which exits when it is done.

    All of them allocate hundreds of thousands of small dicts and tuples that
    never form cycles; the collector's passes over them cost ~10% of an
    alignment and free nothing, and after an alignment each full pass walks
    the whole comparison (~20% of the summary's facts; on 20 sources of 100
    paragraphs, 0.3–0.4 s of the JSON's 6.5 s of CPU went to passes when the
    engine's own pauses ended). Reference counting still frees everything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
