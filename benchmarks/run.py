"""Benchmarks of the installed ``parallax`` as a user runs it, beside difflib.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/run.py [--huge] [--only NAME]
    (or: make bench; make bench BENCH_ARGS=--huge)

Every figure is a whole process (start-up and imports included) on versions of
real English prose (``prose.py``), printed beside difflib line diffs of all
pairs of the same texts timed in the same run, with the peak resident memory
of the largest process of the run (the command and its forked workers: the
kernel's maximum over the process tree, via ``wait4``). Targets are issue 10's.

Cases: ``parallax align --json`` (word diffs of every link included) on the
seeds, 20 versions x 100 paragraphs, six editions of a 55 KB chapter, two
~300 KB versions of a book and, with ``--huge``, two ~8 MB versions, just under the
limit of what Parallax compares together (``pipeline.TOTAL_BYTES_LIMIT``; slow);
then the phases of each (imports, load, alignment, JSON) measured in one
process by ``phases.py``, so that alignment time is told apart; the window
opening on 20 sources (``gui_open.py``: from the command line, by File >
Open in a window showing the seeds, and in an empty window); the PDF export of 20 sources in each
layout; and, as an extra, the synthetic invented-word corpus of ``corpus.py``.
Each measured process runs with its address space capped (``GUARD_MB``) and is
killed past ``GUARD_SECONDS``, so a runaway case fails alone.
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import prose  # noqa: E402

BIN = Path(sys.executable).parent
PARALLAX = str(BIN / "parallax")
PHASES = ("imports", "load", "align", "json")


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system seconds of the process and its forked workers
    peak_mb: float
    last_line: str  # of what the process printed


GUARD_MB = 6144
"""Address space a measured process may take: a runaway fails here, not the shared machine."""
GUARD_SECONDS = 600
"""Longest a measured process may run."""


def _guarded() -> None:
    """In the child before exec: cap its memory (forked workers inherit the cap)."""
    limit = GUARD_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run(cmd: list[str], env: dict | None = None) -> Run:
    """Time one whole process; its peak RSS is the largest of it and its reaped children.

    Output goes to a file, as ``parallax align --json > out.json`` would.
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env={**os.environ, **(env or {})},
                                preexec_fn=_guarded, start_new_session=True)
        watchdog = threading.Timer(GUARD_SECONDS, os.killpg, (proc.pid, signal.SIGKILL))
        watchdog.start()
        _, status, usage = os.wait4(proc.pid, 0)
        watchdog.cancel()
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            err.seek(0)
            print(f"  ! {' '.join(cmd[:3])} exited {proc.returncode}: {err.read()[-500:]}")
        out.seek(max(0, out.seek(0, os.SEEK_END) - 4096))
        tail = out.read().strip().splitlines()
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
               tail[-1] if tail else "")


def best(cmd: list[str], repeat: int, env: dict | None = None) -> Run:
    """Median time and the largest peak of ``repeat`` runs (the machine is shared)."""
    runs = sorted((run(cmd, env) for _ in range(repeat)), key=lambda r: r.seconds)
    middle = runs[len(runs) // 2]
    return Run(middle.seconds, middle.cpu, max(r.peak_mb for r in runs), middle.last_line)


def difflib_seconds(texts: list[str], repeat: int) -> tuple[float, float]:
    """Wall and CPU seconds of difflib unified line diffs of every pair (the baseline)."""
    def once() -> tuple[float, float]:
        start, cpu = time.perf_counter(), time.process_time()
        for a, b in itertools.combinations(texts, 2):
            list(difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm=""))
        return time.perf_counter() - start, time.process_time() - cpu
    runs = sorted(once() for _ in range(repeat))
    return runs[len(runs) // 2]


def figures(whole: Run, base: tuple[float, float]) -> str:
    """Wall (CPU) seconds of parallax and of difflib, and their ratio in CPU time (the
    machine is shared: CPU time moves less with the load than wall time)."""
    return (f"{whole.seconds:.2f} s ({whole.cpu:.2f}) | {base[0]:.2f} s ({base[1]:.2f}) "
            f"| {whole.cpu / max(base[1], 1e-3):.0f}x")


def write_texts(folder: Path, name: str, texts: list[str]) -> list[str]:
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"{name}-{i + 1:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def phases(paths: list[str]) -> dict | None:
    """``phases.py`` on the same files, under the same guard; None if it did not finish."""
    try:
        out = subprocess.run([str(BIN / "python"), str(HERE / "phases.py"), *paths],
                             capture_output=True, text=True, check=True, preexec_fn=_guarded,
                             timeout=GUARD_SECONDS)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        print(f"  ! phases.py did not finish: {str(exc)[:200]}")
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def verdict(value: float, target: float | None) -> str:
    if target is None:
        return "-"
    return f"< {target:g}: {'ok' if value < target else 'MISSED'}"


def phase_figures(split: dict | None) -> str:
    if split is None:
        return "-"
    return (" / ".join(f"{split[k]:.2f} ({split[k + '_cpu']:.2f})" for k in PHASES)
            + f" ({split['links']} links)")


def report_align(name: str, paths: list[str], texts: list[str], target_s: float | None,
                 target_mb: float | None, repeat: int) -> None:
    whole = best([PARALLAX, "align", "--json", *paths], repeat)
    base = difflib_seconds(texts, repeat)
    split = phases(paths)
    size = sum(len(t.encode()) for t in texts) / 1024
    print(f"| align --json, {name} ({len(texts)} x {size / len(texts):.0f} KB) "
          f"| {verdict(whole.seconds, target_s)} "
          f"| {whole.peak_mb:.0f} MB {verdict(whole.peak_mb, target_mb)} | {figures(whole, base)} "
          f"| {phase_figures(split)} |", flush=True)


def report_command(label: str, cmd: list[str], texts: list[str], target_s: float | None,
                   repeat: int, env: dict | None = None, detail=lambda line: "") -> None:
    whole = best(cmd, repeat, env)
    base = difflib_seconds(texts, repeat)
    print(f"| {label} | {verdict(whole.seconds, target_s)} | {whole.peak_mb:.0f} MB "
          f"| {figures(whole, base)} | {detail(whole.last_line)} |", flush=True)


def window_detail(line: str) -> str:
    """What ``gui_open.py`` measured inside the process."""
    t = json.loads(line)
    return (f"window up {t['window']:.2f} s after start; open to the sources' text painted "
            f"{t['text']:.2f} s, to aligned panes painted {t['painted']:.2f} s "
            f"{verdict(t['painted'], 1.5)}, highlighted {t['highlighted']:.2f} s; "
            f"GUI thread blocked at most {t['stall']:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--huge", action="store_true", help="also the 2 x 8 MB pair at the size limit (a minute)")
    parser.add_argument("--only", help="run only the cases whose label contains this: "
                        "align, window, PDF, seeds, book, synthetic...")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    args = parser.parse_args()
    wanted = (lambda label: args.only is None or args.only in label)
    repeat = args.repeat
    seeds = sorted(str(p) for p in (HERE.parent / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        twenty = prose.versions(20, prose.paragraphs(100))
        cases = [
            ("the seeds", seeds, [Path(p).read_text(encoding="utf-8") for p in seeds], 0.5, None),
            ("20 versions x 100 paragraphs", None, twenty, 2.5, None),
            ("six editions of a 55 KB chapter", None,
             prose.versions(6, prose.base_text(55_000)), 1.5, None),
            ("two versions of a 300 KB book", None,
             prose.versions(2, prose.base_text(300_000)), 3.0, 300),
        ]
        if args.huge:
            cases.append(("two 8 MB versions", None,  # 15.95 MB in all: under the 16 MB limit
                          prose.versions(2, prose.base_text(7_900_000)), 60.0, 2048))
        print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; whole processes of "
              f"{PARALLAX}; median of {repeat} runs\n")
        print("| case | target (wall s) | peak RSS | parallax, wall (CPU) "
              "| difflib lines, all pairs, wall (CPU) | CPU ratio "
              "| phases in one process, wall (CPU) s: imports / load / align / JSON |")
        print("|---|---|---|---|---|---|---|")
        for name, paths, texts, target_s, target_mb in cases:
            if wanted(f"align {name}"):
                paths = paths or write_texts(folder, name.split()[0], texts)
                report_align(name, paths, texts, target_s, target_mb,
                             1 if "8 MB" in name else repeat)
        paths20 = write_texts(folder, "twenty", twenty)
        for how, label in (("", "reader window, 20 sources, start to highlighted and closed"),
                           ("--again", "reader window, File > Open of 20 sources in a window "
                            "showing the seeds (CPU: without the fork server's children)"),
                           ("--late", "reader window, 20 sources opened in an empty window, "
                            "as a comparison file is (CPU: likewise)")):
            if wanted(f"window {how}"):
                report_command(label, [str(BIN / "python"), str(HERE / "gui_open.py"),
                                       *([how] if how else []), *paths20],
                               twenty, None, repeat, {"QT_QPA_PLATFORM": "offscreen"},
                               window_detail)
        for layout in ("table", "pairs"):
            if wanted(f"PDF {layout}"):
                report_command(
                    f"export PDF, 20 sources, layout {layout}",
                    [PARALLAX, "export", *paths20, "-o", str(folder / "out.pdf"), "--layout",
                     layout, "--no-notes"], twenty, 10.0, 1, {"QT_QPA_PLATFORM": "offscreen"})
        if wanted("align synthetic"):
            synthetic = corpus.versions(20, 100)
            report_align("synthetic invented words, 20 x 100", write_texts(
                folder, "synthetic", synthetic), synthetic, None, None, repeat)


if __name__ == "__main__":
    main()
