"""Keeping the garbage collector's full passes from freezing the window.

A 20 x 100 comparison is about a million small Python objects. Python's
cyclic garbage collector now and then walks every object it tracks (a
"generation 2" pass): measured at 0.2-0.7 s on the reader with two such
comparisons in memory, with the interpreter lock held, so the window froze
whichever thread triggered it. Unpickling a new comparison allocates enough
to trigger several passes.

So while a comparison arrives the collector pauses (``hold``), and once it
is on screen everything alive is moved out of the collector's sight
(``gc.freeze``, meant for long-lived objects like these): later passes walk
only what was made since. Reference counting still frees everything that is
not in a reference cycle (a comparison's links, rows and documents are
not), so memory comes back when a comparison is replaced.
"""

from __future__ import annotations

import gc


def hold() -> None:
    """A comparison is on its way: no full collection until it is shown."""
    gc.disable()


def settle() -> None:
    """A comparison is shown: what is alive now is long-lived; collect the rest as usual."""
    gc.freeze()
    gc.enable()
