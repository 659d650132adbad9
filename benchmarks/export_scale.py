"""Export at 20 sources (issue 12): the installed ``parallax export`` as a whole process.

    QT_QPA_PLATFORM=offscreen python benchmarks/export_scale.py

The sources are the four seed articles and 16 edited copies of them (real
prose; tests/export_sets.py). For each layout it prints the seconds the
whole command takes (loading, aligning, laying out, writing) and the page
count, beside a difflib baseline timed in the same run: HtmlDiff tables of
the reference against each other source, the nearest thing difflib makes to
this export. Target: any PDF layout < 10 s for aligning and writing.
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from export_sets import versions  # noqa: E402


def _parallax() -> str:
    venv = Path(sys.executable).parent / "parallax"
    return str(venv) if venv.exists() else shutil.which("parallax") or "parallax"


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    paths = versions(folder, 20)
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    start = time.perf_counter()
    for other in texts[1:]:
        difflib.HtmlDiff(wrapcolumn=60).make_file(texts[0].splitlines(), other.splitlines())
    baseline = time.perf_counter() - start
    print(f"difflib HtmlDiff, reference vs 19 sources: {baseline:.2f} s")
    start = time.perf_counter()
    subprocess.run([_parallax(), "align", *paths], capture_output=True, check=True)
    align = time.perf_counter() - start
    print(f"20 sources, parallax align alone (the part an export shares): {align:.2f} s")
    for layout, fmt in (("auto", "pdf"), ("table", "pdf"), ("pairs", "pdf"),
                        ("auto", "html"), ("auto", "md")):
        out = folder / f"out-{layout}.{fmt}"
        start = time.perf_counter()
        run = subprocess.run([_parallax(), "export", *paths, "--layout", layout, "-o", str(out)],
                             capture_output=True, text=True)
        took = time.perf_counter() - start
        pages = re.search(r"\((\d+) pages\)", run.stdout)
        print(f"20 sources, {fmt} {layout}: {took:.2f} s (export beyond align ≈ "
              f"{took - align:.2f} s)"
              + (f", {pages.group(1)} pages" if pages else "")
              + ("" if run.returncode == 0 else f"  FAILED: {run.stderr.strip()}"))
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
