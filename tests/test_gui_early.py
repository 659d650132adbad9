"""The files named on the command line are aligned by a child forked before Qt starts
(``reader.gui.early``), and the window adopts it instead of spawning another."""

from __future__ import annotations

import os
import subprocess
import sys

WATCH = r"""
import sys
import reader.cli  # as the parallax command does
from reader.gui import early as early_module

seen = {"spawned": 0}


def watch_window():
    # Imported after the fork, as run_gui does: patch the window to quit once aligned.
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from reader.gui import jobs
    from reader.gui.main_window import MainWindow

    launch = jobs.ChildJob.launch

    def counted(job):
        # alignment only: the facts job the window starts once aligned may launch
        # before the window quits, or not (a race the test does not ask about)
        seen["spawned"] += isinstance(job, jobs.AlignJob)
        return launch(job)

    jobs.ChildJob.launch = counted
    open_paths = MainWindow.open_paths

    def opened(window, paths, wait=False, early=None):
        open_paths(window, OPEN or paths, wait, early)
        seen["adopted"] = window.job is not None and window.job.early is early
        poll = QTimer(window, interval=10)
        poll.timeout.connect(lambda: QApplication.quit() if window.comp is not None else None)
        poll.start()
        seen["window"] = window

    MainWindow.open_paths = opened


real = early_module.start_for_reader


def start(paths):
    seen["qt before"] = "PySide6.QtWidgets" in sys.modules
    seen["early"] = early = real(paths)
    watch_window()
    return early


early_module.start_for_reader = start
from reader.gui.app import run_gui

run_gui(PATHS)
window, early = seen["window"], seen["early"]
print("qt before fork", seen["qt before"])
print("forked", early is not None and early.process is not None)
print("adopted", seen["adopted"])
print("spawned", seen["spawned"])
print("waiting", len(early_module._WAITING))
print("sources", len(window.comp.documents))
window.comparisons.session.changed = False
window.close()
"""


def _run(tmp_path, paths: list[str], opened: list[str] | None) -> dict[str, str]:
    script = f"PATHS = {paths!r}\nOPEN = {opened!r}\n" + WATCH
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return dict(line.rsplit(" ", 1) for line in done.stdout.splitlines())


def test_command_line_files_are_aligned_by_the_child_forked_before_qt(tmp_path):
    from reader.core.load.documents import seed_paths
    paths = [str(p) for p in seed_paths()]
    out = _run(tmp_path, paths, None)
    assert out["qt before fork"] == "False"
    assert out["forked"] == "True"
    assert out["adopted"] == "True"
    assert out["spawned"] == "0"  # no second child: the early one did the work
    assert out["waiting"] == "0"
    assert out["sources"] == str(len(paths))


def test_a_window_that_opens_other_files_stops_the_early_child(tmp_path):
    from reader.core.load.documents import seed_paths
    paths = [str(p) for p in seed_paths()]
    out = _run(tmp_path, paths, paths[:2])
    assert out["forked"] == "True"
    assert out["adopted"] == "False"
    assert out["spawned"] == "1"  # the window aligned what it opened itself
    assert out["waiting"] == "0"  # and the early child was stopped
    assert out["sources"] == "2"


def test_no_fork_once_a_qt_application_runs(qapp):
    from reader.core.load.documents import seed_paths
    from reader.gui.early import fork_safe, start_early
    assert not fork_safe()
    assert start_early([str(p) for p in seed_paths()], None) is None


def test_children_run_below_the_window_priority():
    """A child waiting for its work (diffs_child reads its inbox first) already runs at
    ``BACKGROUND_NICENESS`` above the window's niceness."""
    import multiprocessing
    import time

    from reader.gui.align_child import BACKGROUND_NICENESS, diffs_child

    context = multiprocessing.get_context("spawn")
    inbox, messages = context.Queue(), context.Queue()
    child = context.Process(target=diffs_child, args=(inbox, 0, messages))
    child.start()
    try:
        want = min(19, os.nice(0) + BACKGROUND_NICENESS)
        deadline = time.monotonic() + 20
        while True:  # the child lowers its priority once its modules are imported
            with open(f"/proc/{child.pid}/stat") as stat:
                niceness = int(stat.read().rsplit(")", 1)[1].split()[16])
            if niceness == want or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert niceness == want
    finally:
        child.terminate()
        child.join()


def _niceness(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[16])


def test_the_window_lowers_a_background_child_as_it_starts():
    """A diffs or facts child's interpreter start-up (~0.2 s of imports) already runs
    below the window (``ChildJob.launch``), not at its priority until the child lowers
    itself; and the child, lowering itself again, ends as low, not twice as low."""
    import time

    from reader.core.comparison import compare
    from reader.core.load.documents import load_document, seed_paths
    from reader.gui.align_child import BACKGROUND_NICENESS
    from reader.gui.jobs import DiffsJob

    job = DiffsJob(compare([load_document(p) for p in seed_paths()[:2]]), 1)
    child, messages, inbox = job.launch()
    try:
        want = min(19, os.nice(0) + BACKGROUND_NICENESS)
        seen = {_niceness(child.pid)}
        assert seen == {want}
        for _ in range(40):  # meanwhile the child imports its modules and lowers itself
            time.sleep(0.05)
            seen.add(_niceness(child.pid))
        assert seen == {want}
    finally:
        child.terminate()
        child.join()
        for queue in (messages, inbox):
            queue.close()


NICENESS_AT_EACH_MESSAGE = r"""
import os, sys
from reader.gui.align_child import align_child

class Messages(list):
    def put(self, message):
        self.append((message[0], os.nice(0)))

messages = Messages()
align_child(sys.argv[2:], None, messages, waited=sys.argv[1] == "waited")
print(" ".join(f"{kind}={n}" for kind, n in messages))
"""


def _niceness_by_message(waited: bool, paths: list[str]) -> dict[str, set[int]]:
    """Run ``align_child`` in a process of its own (niceness only goes up) and note its
    niceness as it sends each kind of message."""
    done = subprocess.run([sys.executable, "-c", NICENESS_AT_EACH_MESSAGE,
                           "waited" if waited else "not", *paths],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    seen: dict[str, set[int]] = {}
    for pair in done.stdout.split():
        kind, niceness = pair.rsplit("=", 1)
        seen.setdefault(kind, set()).add(int(niceness))
    return seen


def test_a_waited_for_alignment_runs_at_the_windows_priority_until_aligned(tmp_path):
    """With nothing aligned on screen the window waits for the child: it aligns at the
    window's priority, then goes ``BACKGROUND_NICENESS`` lower for the word diffs that
    follow ``aligned`` (a staged comparison: ``STAGED_FROM`` paragraphs or more)."""
    from reader.core.load.documents import seed_paths
    from reader.gui.align_child import BACKGROUND_NICENESS, STAGED_FROM

    paragraphs = "\n\n".join(f"Paragraph {n} says something of its own, number {n}."
                             for n in range(STAGED_FROM // 2 + 1))
    paths = []
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text(paragraphs, encoding="utf-8")
        paths.append(str(tmp_path / name))
    ours = os.nice(0)
    low = min(19, ours + BACKGROUND_NICENESS)
    waited = _niceness_by_message(True, paths)
    assert waited["document"] == waited["aligned"] == {ours}
    assert waited["differences"] == waited["done"] == {low}
    behind = _niceness_by_message(False, [str(p) for p in seed_paths()])
    assert behind["document"] == behind["aligned"] == behind["done"] == {low}


WORKERS_NICENESS = r"""
import os, sys
from reader.core.align.parallel import fork_map
from reader.gui import align_child as child

real_compare = child.compare
seen = {}

def compare(docs, progress):
    # the engine's workers, as compare forks them (parallel.fork_map), say their niceness
    seen["workers"] = set(fork_map(lambda _: os.nice(0), range(48), parallel_from=2).values())
    seen["aligning"] = os.nice(0)
    return real_compare(docs, progress)

class Messages(list):
    def put(self, message):
        self.append(message)

child.compare = compare
child.align_child(sys.argv[1:], None, Messages(), waited=True)
print(seen["aligning"], *sorted(seen["workers"]))
"""


def test_a_waited_for_alignment_forks_its_workers_below_the_window():
    """While the window lays out and paints the sources' text as read, a waited-for
    alignment's own thread keeps the window's priority but its workers run
    ``BACKGROUND_NICENESS`` lower: at equal priority the window's turns waited for a
    core they held (gui_open.py --late: stalls of 0.1-0.17 s for ~0.05 s of work)."""
    from reader.core.load.documents import seed_paths
    from reader.gui.align_child import BACKGROUND_NICENESS

    done = subprocess.run([sys.executable, "-c", WORKERS_NICENESS,
                           *[str(p) for p in seed_paths()[:2]]],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    aligning, *workers = (int(n) for n in done.stdout.split())
    ours = os.nice(0)
    assert aligning == ours
    assert workers == [min(19, ours + BACKGROUND_NICENESS)]


def test_the_fork_server_starts_once_the_window_has_put_its_results_on_screen(
        new_window, qtbot, monkeypatch):
    """Its start-up takes a core for ~0.3 s: started while the window still marks and
    paints what the last job brought, the window's turns waited for a core. It starts
    once no job runs and no window is busy (``jobs._warm_up_when_idle``)."""
    from reader.gui import jobs

    started = []
    monkeypatch.setattr(jobs, "warm_up", lambda: started.append(True))
    monkeypatch.setattr(jobs, "IDLE_RETRY_MS", 10)
    window = new_window()
    busy = [True]
    monkeypatch.setattr(window, "busy", lambda: busy[0])
    jobs._warm_up_when_idle()
    qtbot.wait(100)
    assert started == []  # the window is still at work: asked again later
    busy[0] = False
    qtbot.waitUntil(lambda: started == [True], timeout=2000)
    running = object()
    monkeypatch.setattr(jobs, "_RUNNING", {running})
    jobs._warm_up_when_idle()
    qtbot.wait(50)
    assert started == [True]  # a job runs: its end starts the server


BEFORE_AND_AFTER_THE_WINDOW = r"""
import mmap, multiprocessing, os, time
from reader.core.align.parallel import fork_map
from reader.gui import align_child as child

def workers():
    return sorted(set(fork_map(lambda _: os.nice(0), range(48), parallel_from=2).values()))

def aligning(found):  # an early child: one worker of its own already running
    worker = multiprocessing.get_context("fork").Process(target=time.sleep, args=(30,))
    worker.start()
    found.put(worker.pid)
    worker.join()

found = multiprocessing.get_context("fork").Queue()
early = multiprocessing.get_context("fork").Process(target=aligning, args=(found,))
early.start()
worker = found.get(timeout=30)
was = os.getpriority(os.PRIO_PROCESS, worker)
child.children_in_background(early.pid)  # this process plays the window adopting it
running = (was, os.getpriority(os.PRIO_PROCESS, worker), os.getpriority(os.PRIO_PROCESS, early.pid))
shown = mmap.mmap(-1, 1)
child.workers_in_background(shown)  # this process plays the early child now: ppid = pytest's
before = workers()
shown[0] = 1  # the window adopts it
after = workers()
print(*before, "|", *after, "|", *running)
early.terminate()
os.kill(worker, 9)
"""


def test_an_early_childs_workers_go_below_the_window_once_it_adopts_the_child():
    """A child forked before the window (``EarlyAlignment``) forks its workers at the
    window's priority until the window adopts it: the window's start-up then fills the
    cores the alignment leaves idle. From then on its new workers start lower, and the
    window lowers those already running (``children_in_background``), not the child."""
    from reader.gui.align_child import BACKGROUND_NICENESS

    done = subprocess.run([sys.executable, "-c", BEFORE_AND_AFTER_THE_WINDOW],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    before, after, running = (part.split() for part in done.stdout.split("|"))
    ours = os.nice(0)
    low = min(19, ours + BACKGROUND_NICENESS)
    assert before == [str(ours)]
    assert after == [str(low)]
    assert running == [str(ours), str(low), str(ours)]  # worker before, worker after, child
