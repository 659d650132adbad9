"""Cost of fact finding in ``parallax align`` on 20 versions of a real story.

    python benchmarks/facts.py

Runs the installed ``parallax align`` (JSON and summary) as whole processes
with facts on and with ``PARALLAX_FACTS=0``, beside a difflib line diff of
the same 20 texts timed in the same run. Target (issue 9): facts add at most
25% to ``parallax align``.

The 20 sources are the four seeds and four edited copies of each: every copy
drops a different paragraph, moves a number or a weekday, and swaps a name,
as versions of a story do. Real prose, so the fact finder has real work.
"""

from __future__ import annotations

import difflib
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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


def _run(args: list[str], facts: bool, repeat: int) -> float:
    env = dict(os.environ, PARALLAX_FACTS="1" if facts else "0")
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def _difflib(paths: list[Path]) -> float:
    texts = [p.read_text(encoding="utf-8").splitlines() for p in paths]
    start = time.perf_counter()
    for a, b in itertools.combinations(texts, 2):
        list(difflib.unified_diff(a, b, lineterm=""))
    return time.perf_counter() - start


def main() -> int:
    parallax = shutil.which("parallax") or str(Path(sys.executable).with_name("parallax"))
    repeat = int(os.environ.get("BENCH_REPEAT", "3"))
    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(p) for p in _sources(Path(tmp))]
        baseline = _difflib([Path(p) for p in paths])
        worst = 0.0
        for mode in (["--json"], []):
            args = [parallax, "align", *mode, *paths]
            off = _run(args, False, repeat)
            on = _run(args, True, repeat)
            extra = on / off - 1
            worst = max(worst, extra)
            name = "align --json" if mode else "align (summary)"
            print(f"{name:<18} 20 sources: facts off {off:6.3f} s  on {on:6.3f} s  "
                  f"(+{extra:.0%}, target <= {TARGET:.0%})   difflib lines {baseline:6.3f} s")
    print("ok" if worst <= TARGET else "SLOW")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
