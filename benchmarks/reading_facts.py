"""Reader figures for fact changes (issue 9), offscreen at 1600x1000 (a benchmark, not a test).

    QT_QPA_PLATFORM=offscreen python benchmarks/reading_facts.py

For the seeds and for 20 sources (the seeds copied with edits, as in
``reading_view.py``) prints: how long the fact worker takes, the longest
time the window's event loop went without running while it worked (a 5 ms
timer's largest gap), how long the window is busy when the facts arrive
(marks in every open pane, the fact list, the Quotes dock, relayout), Facts
mode on and off, and the slowest Ctrl+F7 jump — beside a difflib pass over
the same texts timed in the same run as a yardstick for the machine.
Goal: nothing blocks the window for more than 100 ms.
"""

from __future__ import annotations

import difflib
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp())
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from reading_view import edited_copies  # noqa: E402

from reader.core.load.documents import seed_paths  # noqa: E402
from reader.core.pipeline import load_and_compare  # noqa: E402
from reader.gui.app import settle  # noqa: E402
from reader.gui.main_window import MainWindow  # noqa: E402

TICK_MS = 5
STEPS = 15


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def difflib_baseline(paths: list[str]) -> float:
    texts = [Path(p).read_text(encoding="utf-8").split() for p in paths]
    start = time.perf_counter()
    for t in texts[1:]:
        difflib.SequenceMatcher(None, texts[0], t).ratio()
    return time.perf_counter() - start


def measure(app, paths: list[str], name: str) -> None:
    comp, docs, errors = load_and_compare(paths)
    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    controller = window.facts
    busy: list[float] = []
    original_ready = controller._ready

    def ready(*args) -> None:
        busy.append(timed(lambda: original_ready(*args)))

    original_marks = controller._marks_arrived

    def marks() -> None:
        busy.append(timed(original_marks))

    controller._ready = ready  # instance attributes win over the methods for new jobs
    controller._marks_arrived = marks
    ticks: list[float] = []
    timer = QTimer(interval=TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    start = time.perf_counter()
    shown = timed(lambda: window._loaded(comp, docs, errors))
    settled = timed(lambda: settle(app, rounds=1))  # the window's own first relayout and paint
    timer.start()
    while not controller.marks and time.perf_counter() - start < 120:
        app.processEvents()
        time.sleep(0.001)
    worker = time.perf_counter() - start
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    settle(app, rounds=2)
    mode_on = timed(lambda: controller.mode_action.setChecked(True))
    mode_off = timed(lambda: controller.mode_action.setChecked(False))
    steps = [timed(lambda: controller.step_facts(1)) for _ in range(min(STEPS, len(
        controller.placed)))]
    baseline = difflib_baseline(paths)
    print(f"{name}: {len(paths)} sources, {len(controller.placed)} fact changes, "
          f"{len(controller.quotes)} quotes, {len(window.panes)} panes open")
    print(f"  window shown (without facts) in {shown * 1000:.0f} ms, settled in "
          f"{settled * 1000:.0f} ms; fact worker "
          f"{worker:.2f} s; longest event-loop gap meanwhile {max(gaps, default=0) * 1000:.0f} "
          f"ms ({len(gaps)} ticks)")
    print(f"  facts arriving: list and quotes {busy[0] * 1000:.0f} ms, then marks and relayout "
          f"{busy[-1] * 1000:.0f} ms;"
          f" Facts mode on {mode_on * 1000:.0f} ms, off {mode_off * 1000:.0f} ms; slowest "
          f"Ctrl+F7 {max(steps, default=0) * 1000:.0f} ms")
    print(f"  difflib over the same texts: {baseline * 1000:.0f} ms")
    window.close()
    settle(app, rounds=2)


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    measure(app, seed_paths(), "seeds")
    with tempfile.TemporaryDirectory() as tmp:
        measure(app, edited_copies(Path(tmp)), "20 sources")


if __name__ == "__main__":
    main()
