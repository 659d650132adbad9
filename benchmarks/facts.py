"""Cost of fact finding in ``parallax align`` on 20 versions of a real story.

    python benchmarks/facts.py [seeds|prose]...

Runs the installed ``parallax align`` (JSON and summary) as whole processes
with facts on and with ``PARALLAX_FACTS=0``, runs interleaved, beside a
difflib line diff of the same 20 texts timed in the same run. Target (issue
9): facts add at most 25% to ``parallax align``. The verdict uses CPU time
(the process and its workers): on a shared machine wall time swings with the
others' load, CPU time much less.

The 20 sources are the four seeds and four edited copies of each: every copy
drops a different paragraph, moves a number or a weekday, and swaps a name,
as versions of a story do. Real prose, so the fact finder has real work.
``prose`` adds 20 versions x 100 paragraphs of the dev-set prose (``prose.py``, each
version ~8% of words edited), ``align --json`` and the summary: ~18,000 links, the
issue's size.
"""

from __future__ import annotations

import difflib
import itertools
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import prose  # noqa: E402

TARGET = 0.25
EDITS = [("Wednesday", "Thursday"), ("Tuesday", "Monday"), ("Wang Yi", "Li Qiang"),
         ("two", "three"), ("said", "claimed"), ("not ", "")]


def _sources(folder: Path) -> list[Path]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    out = []
    for s, seed in enumerate(seeds):
        paras = [p for p in seed.read_text(encoding="utf-8").split("\n") if p.strip()]
        out.append(seed)
        for k in range(4):
            kept = [p for i, p in enumerate(paras) if i % 7 != (k + s) % 7]
            old, new = EDITS[(k + s) % len(EDITS)]
            text = "\n\n".join(kept).replace(old, new, 2)
            path = folder / f"{seed.stem}_v{k}.txt"
            path.write_text(text, encoding="utf-8")
            out.append(path)
    return out


def _run(args: list[str], facts: bool) -> tuple[float, float]:
    """Wall and CPU seconds (the process and its workers) of one run."""
    env = dict(os.environ, PARALLAX_FACTS="1" if facts else "0")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def _compare(args: list[str], repeat: int) -> tuple[float, float, float, float]:
    """Median wall and CPU time without and with facts, runs interleaved so that the
    load of a shared machine falls on both alike."""
    runs = [(_run(args, False), _run(args, True)) for _ in range(repeat)]
    return (statistics.median(off[0] for off, _ in runs),
            statistics.median(on[0] for _, on in runs),
            statistics.median(off[1] for off, _ in runs),
            statistics.median(on[1] for _, on in runs))


def _difflib(paths: list[Path]) -> float:
    texts = [p.read_text(encoding="utf-8").splitlines() for p in paths]
    start = time.perf_counter()
    for a, b in itertools.combinations(texts, 2):
        list(difflib.unified_diff(a, b, lineterm=""))
    return time.perf_counter() - start


def _prose_sources(folder: Path) -> list[Path]:
    out = []
    for k, text in enumerate(prose.versions(20, prose.paragraphs(100))):
        path = folder / f"prose_v{k:02d}.txt"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


INPUTS = {"seeds": ("seed copies", _sources, (["--json"], [])),
          "prose": ("20 x 100 prose", _prose_sources, (["--json"], []))}


def main() -> int:
    parallax = shutil.which("parallax") or str(Path(sys.executable).with_name("parallax"))
    repeat = int(os.environ.get("BENCH_REPEAT", "5"))
    chosen = sys.argv[1:] or ["seeds"]
    worst = 0.0
    for choice in chosen:
        label, make, modes = INPUTS[choice]
        with tempfile.TemporaryDirectory() as tmp:
            paths = [str(p) for p in make(Path(tmp))]
            baseline = _difflib([Path(p) for p in paths])
            for mode in modes:
                args = [parallax, "align", *mode, *paths]
                off, on, cpu_off, cpu_on = _compare(args, repeat)
                extra = cpu_on / cpu_off - 1
                worst = max(worst, extra)
                name = "align --json" if mode else "align (summary)"
                print(f"{label:<15} {name:<16} facts off / on: wall {off:6.2f} / {on:6.2f} s "
                      f"({on / off - 1:+.0%}), CPU {cpu_off:6.2f} / {cpu_on:6.2f} s "
                      f"({extra:+.0%}; target <= +{TARGET:.0%})   difflib lines "
                      f"{baseline:6.3f} s", flush=True)
    print("ok" if worst <= TARGET else "SLOW")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
