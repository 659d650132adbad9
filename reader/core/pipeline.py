"""The whole pipeline for a list of paths, in this process or in a child process.

``load_all`` loads what loads and collects the errors of the rest (a bad file
must never stop the others), then reads the furniture across sources
(``furniture.shared_furniture``): the bylines another source's markup names are
furniture in each source, and what another source carries as story is story.
Before anything is read, and again once the paragraphs are known, it refuses a set of sources whose
alignment would not finish in bounded time and memory (``TooMuchWork``), with
a message that says why: a comparison either finishes or is refused up front.
``load_and_compare`` adds alignment and the word diffs against the expected
reference (the reader's background child, ``gui/align_child.py``, runs the
same steps and sends their results in pieces).
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.core.errors import SourceError
from reader.core.load.documents import Document, load_document, seed_paths
from reader.core.load.furniture import shared_furniture

if TYPE_CHECKING:
    from reader.core.comparison import Comparison


TOTAL_BYTES_LIMIT = 16_000_000
"""Bytes of all the sources together that a comparison may take on: every paragraph's facts
and names are read against its whole document, and kept, so time and memory grow with the
total even for two sources. Measured with facts on (``parallax align --json``, 2 cores
shared): two 8 MB versions of a prose text 46 s and 1.6 GB, three of 5.3 MB 40 s and
1.1 GB; two of 10 MB took 64 s, two of 19 MB 154 s and 2.1 GB (roughly linear: ~3 s of
CPU a megabyte of the pair)."""
PAIR_BYTES_LIMIT = 40_000_000
"""Bytes read over all pairs of sources ((sources - 1) x total size) that alignment may take
on: every pair of sources is aligned, so the work grows with this, not with the total size
alone. Measured as above: 19 versions of a 105 KB text (38 MB) take 9 s and 0.3 GB; six
versions of 2.7 MB (16 MB in all, 80 MB of pairs) took 83 s, 20 of 250 KB (95 MB) 36 s."""
PAIR_PARAGRAPHS_LIMIT = 600_000
"""The same bound in paragraphs: each costs memory and candidate pairs however short it
is. Two texts of 297,000 four-word lines each (594,000, 14.7 MB) took 42 s and 1.5 GB."""


class TooMuchWork(SourceError):
    """The sources together are more than alignment can take in bounded time and memory."""

    def __init__(self, why: str, amount: int, limit: int, paths: list[str]) -> None:
        n = len(paths)
        super().__init__(
            f"{n} sources" if n > 2 else " and ".join(os.path.basename(p) for p in paths),
            f"too large to compare together: {why.format(amount=amount)} (the limit is "
            f"{limit:,}); compare fewer or shorter sources at once")


PAIRS = "every pair of sources is aligned, which makes {amount:,} %s to read"
TOTAL = "they make {amount:,} bytes in all, and each is read whole for its facts"


def _too_much(sizes: list[int], paths: list[str], pair_limit: int, unit: str,
              total_limit: int | None = None) -> list[TooMuchWork]:
    """The refusal of sources of these sizes (bytes or paragraphs), if they are too many."""
    if len(sizes) < 2:
        return []
    total = sum(sizes)
    if total_limit is not None and total > total_limit:
        return [TooMuchWork(TOTAL, total, total_limit, paths)]
    work = (len(sizes) - 1) * total
    return [TooMuchWork(PAIRS % unit, work, pair_limit, paths)] if work > pair_limit else []


Loaded = tuple[list[Document], list[SourceError]]
"""What ``load_all`` gives: the documents that loaded, the errors of the rest."""


def load_all(paths: list[str]) -> Loaded:
    """Load every file that can be loaded (the seeds when none are given).

    Sources too large to compare together give no documents and one
    ``TooMuchWork`` error, before they are read when their sizes say so.
    """
    paths = paths or seed_paths()
    refused = _too_much([_size(p) for p in paths], paths, PAIR_BYTES_LIMIT, "bytes",
                        TOTAL_BYTES_LIMIT)
    if refused:
        return [], refused
    docs, errors = [], []
    for path in paths:
        try:
            docs.append(load_document(path))
        except SourceError as exc:
            errors.append(exc)
    refused = _too_much([len(d.paragraphs) for d in docs], [d.path for d in docs],
                        PAIR_PARAGRAPHS_LIMIT, "paragraphs")
    return ([], errors + refused) if refused else (_with_shared_furniture(docs), errors)


def _with_shared_furniture(docs: list[Document]) -> list[Document]:
    """The documents, with their furniture read across sources
    (``furniture.shared_furniture``)."""
    shared = shared_furniture([d.paragraphs for d in docs])
    return [d if new is d.paragraphs else replace(d, paragraphs=new)
            for d, new in zip(docs, shared)]


def _size(path: str) -> int:
    """Size on disk, 0 when unknown (``load_document`` then reports what is wrong)."""
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def load_and_compare(paths: list[str], progress=None, reference: str | None = None
                     ) -> tuple[Comparison | None, list[Document], list[SourceError]]:
    """Load what loads and compare it (one source alone still shows, with a hint).

    The word diffs against the expected reference (by path) are computed here
    too, so that a reader only has to build its panes afterwards.
    """
    from reader.core.comparison import compare  # here: ``load_all`` alone imports no engine
    docs, errors = load_all(paths)
    comp = compare(docs, progress) if docs else None
    if comp is not None:
        index = reference_index(comp, reference)
        comp.prepare_diffs(index)
        comp.differences(index)
    return comp, docs, errors


def reference_index(comp: Comparison, reference: str | None) -> int:
    """The source whose path is ``reference``, else the first."""
    loaded = [d.path for d in comp.documents]
    return loaded.index(reference) if reference in loaded else 0
