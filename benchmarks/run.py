"""Engine benchmarks against a difflib line diff run on the same inputs.

    python benchmarks/run.py          (or: make bench)

Targets (issue 3): seeds < 0.2 s; 20 sources x 100 paragraphs < 2 s; two
300 KB book-length versions < 5 s and < 500 MB peak. The GUI and export
figures are measured by ``benchmarks/gui.py`` and ``benchmarks/export.py``.
"""

from __future__ import annotations

import difflib
import itertools
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import book, versions  # noqa: E402

from reader.core.comparison import compare  # noqa: E402
from reader.core.load.documents import document_from_text, load_document, seed_paths  # noqa: E402


def _time(fn, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def _difflib(texts: list[str]) -> None:
    for a, b in itertools.combinations(texts, 2):
        list(difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm=""))


def bench(name: str, texts: list[str], target: float, repeat: int = 3) -> None:
    docs = [document_from_text(t, f"v{i}.txt") for i, t in enumerate(texts)]
    engine = _time(lambda: compare(docs), repeat)
    baseline = _time(lambda: _difflib(texts), repeat)
    verdict = "ok" if engine < target else "SLOW"
    print(f"{name:<34} engine {engine:7.3f} s  (target < {target} s, {verdict})   "
          f"difflib lines {baseline:7.3f} s")


def main() -> None:
    seed_texts = [load_document(p).text for p in seed_paths()]
    bench("4 seeds", seed_texts, 0.2, repeat=5)
    bench("20 sources x 100 paragraphs", versions(20, 100), 2.0)
    a, b = book(300_000)
    print(f"(book versions: {len(a) / 1000:.0f} KB and {len(b) / 1000:.0f} KB)")
    bench("2 x 300 KB books", [a, b], 5.0, repeat=1)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {peak_mb:.0f} MB in this process, {workers_mb:.0f} MB in the "
          f"largest forked worker (target < 500 MB)")


if __name__ == "__main__":
    main()
