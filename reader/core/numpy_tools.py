"""numpy's developer tools load when first used, not when scipy is imported.

Importing ``scipy.sparse`` builds scipy's array-API copy of the numpy
namespace, which reads every attribute numpy lists, so numpy imports its
test helpers, its Fortran wrapper generator, masked arrays and polynomials:
~80 ms of the ~0.5 s ``parallax align --json`` takes on the four seeds, for
modules the reader never calls. Registered here as lazy modules (the
standard library's ``importlib.util.LazyLoader``), they are found by that
copy without being run, and run in full the first time anything reads one
of their attributes: nothing the program computes changes.
"""

from __future__ import annotations

import importlib.util
import os
import sys

DEFERRED = ("f2py", "testing", "ma", "polynomial")
"""The numpy submodules scipy's import reads but Parallax does not use (~39, ~27, ~9 and
~3 ms to import here). ``random``, ``linalg`` and ``fft`` are left alone: scipy runs
code of theirs as it is imported, so deferring them would save nothing."""


BLAS_THREADS = "1"
"""Threads numpy's BLAS (OpenBLAS) may start, unless the environment says otherwise.
Parallax spreads its work over processes (``align/parallel.py``), and its matrix
products are small: OpenBLAS's own threads (one a core), started as numpy is imported,
only spin. They cost 0.12 s of CPU at every start, ~0.1 s more on 20 x 100."""


def one_blas_thread() -> None:
    """Ask numpy's BLAS for ``BLAS_THREADS``; call before numpy is first imported."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", BLAS_THREADS)


def defer_numpy_tools() -> None:
    """Register the ``DEFERRED`` submodules as lazy; call before scipy is first imported.

    A submodule already imported, or one this numpy does not have, is left as
    it is. Lazy loading is not thread-safe before Python 3.12: this runs once,
    at start-up, and none of these modules is used by the reader's threads.
    """
    import numpy

    for name in DEFERRED:
        full = f"numpy.{name}"
        if full in sys.modules:
            continue
        spec = importlib.util.find_spec(full)
        if spec is None or spec.loader is None:
            continue
        spec.loader = importlib.util.LazyLoader(spec.loader)
        module = importlib.util.module_from_spec(spec)
        sys.modules[full] = module
        spec.loader.exec_module(module)
        setattr(numpy, name, module)  # as an import would: numpy's own lookup is not run
