"""Export at 20 sources (issue 10): the installed ``parallax export`` as a whole process.

    QT_QPA_PLATFORM=offscreen python benchmarks/export_scale.py [--repeat N] [--case NAME]

Cases, all real prose: ``prose`` is 20 versions of 100 paragraphs (``prose.py``:
the dev-set texts, edited ~8%, some paragraphs dropped or swapped; the input of
``align_inputs.py``'s ``twenty``), ``seeds`` the four seed articles and 16
edited copies of them (tests/export_sets.py). For each it prints, beside a
difflib baseline timed in the same run (HtmlDiff tables of the reference against
each other source, the nearest thing difflib makes to this export), the wall
and CPU seconds (user + sys of the process and its workers) of ``parallax align``
alone, the part an export shares, and of each export layout, with the page count.
Each figure is the best of ``--repeat`` runs: the machine is shared, the best
run is the one least disturbed. Target: every PDF layout < 10 s wall.
"""

from __future__ import annotations

import argparse
import difflib
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import prose  # noqa: E402
from export_sets import versions  # noqa: E402

EXPORTS = (("auto", "pdf"), ("table", "pdf"), ("pairs", "pdf"), ("auto", "html"),
           ("auto", "md"))


def _parallax() -> str:
    venv = Path(sys.executable).parent / "parallax"
    return str(venv) if venv.exists() else shutil.which("parallax") or "parallax"


def _inputs(case: str, folder: Path) -> list[str]:
    if case == "seeds":
        return versions(folder, 20)
    paths = []
    for k, text in enumerate(prose.versions(20, prose.paragraphs(100))):
        path = folder / f"twenty-{k + 1:02d}.txt"  # as align_inputs.py names them
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def _timed(command: list[str], repeat: int) -> tuple[float, float, str]:
    """Best wall and best CPU seconds of ``command`` over ``repeat`` runs, and its output."""
    walls, cpus, out = [], [], ""
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        run = subprocess.run(command, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        out = run.stdout if run.returncode == 0 else f"FAILED: {run.stderr.strip()}"
    return min(walls), min(cpus), out


def _case(case: str, repeat: int) -> None:
    folder = Path(tempfile.mkdtemp())
    paths = _inputs(case, folder)
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    start = time.perf_counter()
    for other in texts[1:]:
        difflib.HtmlDiff(wrapcolumn=60).make_file(texts[0].splitlines(), other.splitlines())
    baseline = time.perf_counter() - start
    print(f"[{case}] 20 sources, {sum(map(len, texts)) // 1000} KB")
    print(f"  difflib HtmlDiff, reference vs 19 sources: {baseline:.2f} s")
    wall, cpu, _out = _timed([_parallax(), "align", *paths], repeat)
    print(f"  parallax align alone (the part an export shares): {wall:.2f} s wall, "
          f"{cpu:.2f} s CPU")
    for layout, fmt in EXPORTS:
        out = folder / f"out-{layout}.{fmt}"
        wall, cpu, stdout = _timed([_parallax(), "export", *paths, "--layout", layout,
                                    "-o", str(out)], repeat)
        pages = re.search(r"\((\d+) pages\)", stdout)
        print(f"  {fmt} {layout}: {wall:.2f} s wall ({wall / baseline:.1f}x difflib), "
              f"{cpu:.2f} s CPU" + (f", {pages.group(1)} pages" if pages else "")
              + (f"  {stdout}" if stdout.startswith("FAILED") else ""))
    shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure (best is kept)")
    parser.add_argument("--case", choices=("prose", "seeds"), action="append",
                        help="input set (default: both)")
    args = parser.parse_args()
    for case in args.case or ["prose", "seeds"]:
        _case(case, args.repeat)


if __name__ == "__main__":
    main()
