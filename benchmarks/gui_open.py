"""Open the reader on FILE... offscreen, wait until the panes are painted, and exit.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_open.py \
        [--actions] [--late | --again] FILE...

``run.py`` times this whole process. It prints one JSON line with the
seconds from process start to the window shown (imports included), from
asking to open the files to the sources' text painted (before alignment),
to the aligned panes painted, to their word highlights painted, and the
longest stall of the GUI thread (a 10 ms heartbeat timer measures how long
the event loop was ever blocked) and the most CPU time the window's thread
used in one turn (what the stall would be on an idle machine, roughly); then
whether the alignment started before the window (``early``) and the seconds
from process start to the aligned panes painted; then, from asking to open to
the aligned panes painted, the CPU seconds of the window's thread, of the
alignment child (the early one or the one the window started, with its finished
workers; Linux) and of every other process on the machine (``/proc/stat``): a slow
run beside a large last figure was the machine's, not the reader's. Alignment runs
in the reader's background job, as in normal use: forked before Qt is imported, as
``parallax FILE...`` does (``reader.gui.early``), or with ``--late`` started
when the window asks, as File ▸ Open does in a window that has shown nothing
yet; ``--again`` opens the seeds first, waits until they are shown, then
opens FILE... (File ▸ Open in a window in use: its children come from the
warm fork server, ``jobs.warm_up``).

``--actions`` then drives every action that rebuilds or re-lays the panes
(new reference, zoom, hiding and showing a pane, moving one, page furniture,
Facts mode, a resize, re-alignment after a fix, saving and reopening the
comparison, removing a source) and prints one more JSON line: for each, the
longest stall from the action until the window has settled again, and the
busiest turn's CPU time.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

START = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp())

BUSIEST: list[float] = []
"""The most CPU time the window's thread used in one turn, action by action (``Probe``)."""
SETTLE_SECONDS = 0.3
"""Quiet time after an action's work is over, so late timers (relayouts) are counted too."""


class Probe:
    """A 10 ms heartbeat: the longest gap between beats is the longest stall of the loop.

    Beside it, the most CPU time the window's thread used between two beats: on a
    machine other work keeps busy a stall stretches while the thread waits for a core,
    its CPU time does not, so it tells the window's own work from the machine's load."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.beat = QElapsedTimer()
        self.beat.start()
        self.stall = 0
        self.cpu = 0.0
        self.used = time.thread_time()
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.stall = max(self.stall, self.beat.restart())
        used = time.thread_time()
        self.cpu = max(self.cpu, used - self.used)
        self.used = used

    def take(self) -> float:
        """The longest stall since the last ``take``, in seconds (``busiest`` keeps the
        most CPU time of one turn in it)."""
        self._tick()
        out, self.stall = self.stall, 0
        self.busiest, self.cpu = self.cpu, 0.0
        return out / 1000


def wait(condition, timeout: float = 120.0) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    poll = QTimer(interval=5)
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    poll.start()
    deadline = time.perf_counter() + timeout
    while not condition() and time.perf_counter() < deadline:
        loop.exec()
    poll.stop()


def busy(window) -> bool:
    """A gradual rebuild or lay_out under way (readers before ``busy()``: what they had)."""
    if hasattr(window, "busy"):
        return window.busy()
    return bool(window._to_build or window._built) or window._layout_steps is not None


def text_shown(window) -> bool:
    """The sources' text on screen (readers before ``text_shown()``: the aligned panes)."""
    if hasattr(window, "text_shown"):
        return window.text_shown()
    return window.comp is not None and bool(window.panes) and not busy(window)


def settled(window) -> bool:
    """Nothing of a rebuild, relayout, alignment or facts job is left to do."""
    switching = getattr(window.facts, "switching", lambda: False)()
    return (window.job is None and not window._diffs_pending and not busy(window)
            and not switching and getattr(window, "diffs_job", None) is None
            and (window.facts.job is None or window.facts.job.isFinished()))


def idle(seconds: float) -> None:
    end = time.perf_counter() + seconds
    wait(lambda: time.perf_counter() >= end)


def run_action(window, probe: Probe, action) -> float:
    """Start ``action`` from the event loop (as a key press would) and wait until settled."""
    from PySide6.QtCore import QTimer

    idle(SETTLE_SECONDS)
    probe.take()
    started = []
    QTimer.singleShot(0, lambda: (action(), started.append(True)))
    wait(lambda: bool(started) and settled(window))
    idle(SETTLE_SECONDS)
    stall = probe.take()
    BUSIEST.append(round(probe.busiest, 3))
    print(f"{stall:.3f}", file=sys.stderr, flush=True)
    return stall


def actions(window, folder: str) -> dict[str, float]:
    """Longest stall of each action that rebuilds or re-lays the panes, in seconds."""
    out: dict[str, float] = {}
    probe = Probe()
    BUSIEST.clear()
    other = next(s for s in window.order if s != window.reference)
    hidden = next((s for s in window.order if s not in window.open_sources), None)
    out["reference"] = run_action(window, probe, lambda: window.set_reference(other))
    out["zoom in"] = run_action(window, probe, lambda: window.set_zoom(window.zoom + 1))
    out["zoom out"] = run_action(window, probe, lambda: window.set_zoom(window.zoom - 1))
    shut = next(s for s in window.open_sources if s != window.reference)
    out["hide pane"] = run_action(window, probe, lambda: window.hide_source(shut))
    if hidden is not None:
        out["show pane"] = run_action(window, probe, lambda: window.show_source(hidden))
    out["move pane"] = run_action(window, probe,
                                  lambda: window.move_source(window.open_sources[-1],
                                                             window.open_sources[0]))
    out["furniture"] = run_action(window, probe, lambda: window.set_show_furniture(True))
    out["facts mode on"] = run_action(window, probe,
                                      lambda: window.facts.mode_action.setChecked(True))
    out["facts mode off"] = run_action(window, probe,
                                       lambda: window.facts.mode_action.setChecked(False))
    out["resize"] = run_action(window, probe, lambda: window.resize(1300, 900))
    out["re-align after a fix"] = run_action(window, probe, window.comparisons.reapply)
    saved = os.path.join(folder, "bench.parallax")
    out["save"] = run_action(window, probe, lambda: window.comparisons.save(path=saved))
    out["open saved"] = run_action(window, probe, lambda: window.open_paths([saved]))
    window.notes.confirm_remove = lambda _source: True  # no question box in a benchmark
    out["remove source"] = run_action(window, probe,
                                      lambda: window.remove_source(window.order[-1]))
    probe.timer.stop()
    return out


def machine_busy() -> float:
    """CPU seconds every process on the machine has used (Linux ``/proc/stat``; 0 elsewhere)."""
    try:
        with open("/proc/stat") as stat:
            ticks = [int(t) for t in stat.readline().split()[1:]]
    except OSError:
        return 0.0
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # not idle, iowait


def child_cpu(pid: int | None) -> float:
    """CPU seconds the alignment child ``pid`` and its finished workers have used (Linux)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, ValueError):
        return 0.0
    return sum(int(t) for t in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def aligning_child(window, early) -> int | None:
    """The process id of the child that aligns what the window was asked to open: the
    early one, or the one its job started (readers before ``ChildJob.pid``: None)."""
    if early is not None:
        return early.process.pid
    return getattr(window.job, "pid", None)


class CpuUse:
    """From now on: the window thread's CPU, the alignment child's, and the rest of the
    machine's: on a machine other work keeps busy, the figures beside it say how much
    of a slow run was others' doing. A child the window starts (``--late``, ``--again``)
    is forked after this and starts from nothing."""

    def __init__(self, window, early) -> None:
        self.window, self.early = window, early
        self.start = (time.thread_time(), time.process_time(),
                      child_cpu(aligning_child(window, early)), machine_busy())

    def figures(self) -> dict[str, float]:
        thread, process, child, machine = self.start
        child = child_cpu(aligning_child(self.window, self.early)) - child
        ours = (time.process_time() - process) + child
        return {"window thread cpu": round(time.thread_time() - thread, 3),
                "child cpu": round(child, 3),
                "other processes cpu": round(max(0.0, machine_busy() - machine - ours), 2)}


def start_early(paths: list[str]):
    """The alignment forked before Qt starts, as ``parallax FILE...`` does (readers before
    ``reader.gui.early``: None, they start it when the window asks)."""
    try:
        from reader.gui.early import start_for_reader
    except ImportError:
        return None
    return start_for_reader(paths)


def main(argv: list[str]) -> None:
    import reader.cli  # noqa: F401  (what the ``parallax`` command imports before the window)

    drive = "--actions" in argv
    again = "--again" in argv
    late = "--late" in argv or again
    paths = [a for a in argv if a not in ("--actions", "--late", "--again")]
    early = None if late else start_early(paths)
    if late:  # the fork server, as the reader starts it when no early child aligns its files
        from reader.gui import early as early_module
        getattr(early_module, "warm_up", lambda: None)()  # (readers before it: none)
    from PySide6.QtWidgets import QApplication

    from reader.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    window.grab()
    shown = time.perf_counter()
    if again:  # File > Open in a window that has shown a comparison (the seeds) already
        from reader.core.load.documents import seed_paths
        window.open_paths([str(p) for p in seed_paths()])
        wait(lambda: window.comp is not None and settled(window))
        idle(1.0)
    probe = Probe()
    cpu = CpuUse(window, early)
    asked = time.perf_counter()
    if early is None:
        window.open_paths(paths)
    else:
        window.open_paths(paths, early=early)
    shown_before = window.comp  # ``--again``: the seeds, readable until the new one is in
    wait(lambda: text_shown(window) and (shown_before is None or window.comp is not shown_before))
    window.grab()  # one full paint of the sources' text
    text = time.perf_counter()
    wait(lambda: window.comp is not None and window.comp is not shown_before
         and not busy(window))
    window.grab()  # one full paint of the aligned panes
    painted = time.perf_counter()
    used = cpu.figures()
    wait(lambda: not window._diffs_pending and not busy(window))
    window.grab()
    highlighted = time.perf_counter()
    figures = {"window": shown - START, "text": text - asked, "painted": painted - asked,
               "highlighted": highlighted - asked, "stall": probe.take(),
               "busiest turn cpu": round(probe.busiest, 3),
               "early": early is not None, "start to painted": painted - START,
               **{f"{name} to painted": value for name, value in used.items()}}
    probe.timer.stop()
    print(json.dumps(figures), flush=True)
    if drive:
        with tempfile.TemporaryDirectory() as folder:
            stalls = actions(window, folder)
            print(json.dumps({"stalls": stalls,
                              "busiest turn cpu": dict(zip(stalls, BUSIEST))}), flush=True)
    window.comparisons.session.changed = False  # never ask to save at the end
    window.close()
    del app


if __name__ == "__main__":  # the reader's alignment child imports this module
    main(sys.argv[1:])
