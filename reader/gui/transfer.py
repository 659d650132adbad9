"""Moving a comparison between the reader and its child processes in small pieces.

A 20 x 100 comparison pickles to ~7 MB, and unpickling it is one call that
holds the interpreter lock for ~0.3 s: whichever thread of the reader does
it, the window freezes that long. Sent as pieces (a document, a slice of
links, the rows, a slice of word diffs), each piece unpickles in a few
milliseconds and the window's thread gets the lock back between them.

Plain Python (no Qt): the child processes use it too.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator

from reader.core.comparison import Comparison, index_links

LINKS_PER_PIECE = 1000
"""Links per piece: ~160 KB, a few milliseconds to unpickle on a slow machine."""
CELLS_PER_PIECE = 150
"""Word-diffed cells (row, source) per piece of diffs: ~100 KB."""


def comparison_pieces(comp: Comparison, documents: bool = True
                      ) -> Iterator[tuple[str, object]]:
    """``comp`` as messages ``Assembly.take`` puts back together (diffs not included);
    without its ``documents`` when they were sent already."""
    for doc in comp.documents if documents else ():
        yield "document", doc
    for start in range(0, len(comp.links), LINKS_PER_PIECE):
        yield "links", comp.links[start:start + LINKS_PER_PIECE]
    yield "rows", comp.rows


def packed(piece: tuple[str, object]) -> tuple[str, bytes]:
    """``piece`` pickled now, by the calling thread (``Assembly.take`` unpacks it).

    A queue's messages are pickled by its sending thread, which shares the child's
    interpreter lock with the child's main thread: while the main thread went on to
    the next work (the story, then the word diffs), a 20 x 100 comparison's links
    reached the window ~0.15 s after the alignment ended, ~0.1 s later than they
    took to pickle. Pickled first, they are sent as bytes, which cost that thread
    next to nothing."""
    return "packed", pickle.dumps(piece, protocol=pickle.HIGHEST_PROTOCOL)


def diff_pieces(caches: tuple) -> Iterator[tuple[str, object]]:
    """``Comparison.diff_caches`` as messages; the last one is ``differences``."""
    reference, rows, counts, differences = caches
    keys = list(rows)
    for start in range(0, len(keys), CELLS_PER_PIECE):
        part = keys[start:start + CELLS_PER_PIECE]
        yield "diff-cells", ({k: rows[k] for k in part},
                             {k[1:]: counts[k[1:]] for k in part if k[1:] in counts})
    yield "differences", (reference, differences)


class Assembly:
    """Puts a comparison and its word diffs back together from their pieces."""

    def __init__(self) -> None:
        self.documents: list = []
        self.links: list = []
        self.by_ref: dict = {}  # the links' lookup by paragraph, filled as they arrive
        self.rows: list | None = None
        self.diffs: dict = {}
        self.counts: dict = {}
        self.caches: tuple | None = None  # complete once ``differences`` arrived

    def take(self, kind: str, payload) -> bool:
        """Keep a piece; False when ``kind`` is not a piece of a comparison."""
        if kind == "packed":
            return self.take(*pickle.loads(payload))
        if kind == "document":
            self.documents.append(payload)
        elif kind == "links":
            self.links.extend(payload)
            index_links(payload, self.by_ref)
        elif kind == "rows":
            self.rows = payload
        elif kind == "diff-cells":
            self.diffs.update(payload[0])
            self.counts.update(payload[1])
        elif kind == "differences":
            reference, differences = payload
            self.caches = (reference, self.diffs, self.counts, differences)
            self.diffs, self.counts = {}, {}
        else:
            return False
        return True

    def comparison(self) -> Comparison:
        """The comparison, its links' lookup built already: the reader's thread that
        receives the pieces builds it between them, a piece at a time, while it would
        only wait for the next; built when the window first asked, it took the window's
        thread 10-25 ms after the comparison arrived (20 x 100)."""
        comp = Comparison(self.documents, self.links, self.rows)
        comp.adopt_link_index(self.by_ref)
        return comp


def received(inbox) -> Comparison:
    """The comparison whose ``comparison_pieces`` come on the queue ``inbox`` (a child's)."""
    assembly = Assembly()
    while assembly.rows is None:  # the rows come last
        assembly.take(*inbox.get())
    return assembly.comparison()
