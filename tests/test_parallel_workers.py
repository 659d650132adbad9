"""Forked workers (``reader.core.align.parallel``) that fail: a worker that dies ends the
run at once with ``WorkerDied``, never a wait for ever; a worker's exception reaches the
caller as itself; nothing is left running afterwards.

Each death is staged in a process of its own, run with a timeout: a regression to a
pool that waits for ever then fails the test instead of hanging the suite.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
import textwrap
import time

import pytest

from reader.core.load.documents import seed_paths

HANG = 30
"""Seconds after which a staged run counts as hung (it ends in ~1 s when it works)."""
PROMPT = 10
"""Seconds within which a worker's death must have ended the run, start-up included."""

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2,
    reason="no forked workers here: the work is done in-process")

_KILLER = """
import os, signal
PARENT = os.getpid()

def kill_in_worker(value):
    '''Dies as the out-of-memory killer kills: SIGKILL, no clean-up, in a worker only.'''
    if os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return value
"""


def _staged(code: str, *args: str, prelude: str = "") -> tuple[subprocess.CompletedProcess,
                                                                 float]:
    """Run ``prelude`` then ``code`` (with ``kill_in_worker`` defined) in a fresh Python;
    its result and how long it took. A run that hangs fails the test."""
    started = time.monotonic()
    program = _KILLER + prelude + textwrap.dedent(code)
    try:
        done = subprocess.run([sys.executable, "-c", program, *args],
                              capture_output=True, text=True, timeout=HANG)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the run still waited after {HANG} s: a dead worker was not noticed")
    return done, time.monotonic() - started


@pytest.mark.parametrize("call", [
    "fork_map(kill_in_worker, list(range(100)), parallel_from=2)",
    "list(fork_imap(kill_in_worker, list(range(100)), parallel_from=2))",
    "fork_beside(lambda: kill_in_worker(1), lambda: None)",
])
def test_a_dead_worker_stops_the_run_at_once(call):
    """Each way of forking raises ``WorkerDied`` (saying SIGKILL) promptly, and no worker
    or thread of the run is left behind."""
    done, took = _staged(f"""
        import multiprocessing, threading
        from reader.core.align.parallel import WorkerDied, fork_beside, fork_imap, fork_map
        try:
            {call}
        except WorkerDied as exc:
            print("died:", exc)
        print("left:", len(multiprocessing.active_children()), threading.active_count())
        """)
    assert done.returncode == 0, done.stderr
    assert "died: a worker process died (killed by SIGKILL" in done.stdout
    assert "left: 0 1" in done.stdout
    assert took < PROMPT


def test_a_workers_exception_reaches_the_caller_and_the_rest_still_works():
    """An exception in ``work`` is raised in the caller as itself, and forking again
    afterwards works."""
    done, _ = _staged("""
        from reader.core.align.parallel import fork_map
        def fails_on_7(k):
            if k == 7:
                raise ValueError("item 7 is bad")
            return k
        try:
            fork_map(fails_on_7, list(range(50)), parallel_from=2)
        except ValueError as exc:
            print("raised:", exc)
        print("then:", sum(fork_map(lambda k: k, list(range(50)), parallel_from=2).values()))
        """)
    assert done.returncode == 0, done.stderr
    assert "raised: item 7 is bad" in done.stdout and "then: 1225" in done.stdout


@pytest.fixture
def eight_sources(tmp_path) -> list[str]:
    """Eight sources (each seed twice): 28 pairs, enough to align them on forked workers."""
    paths = []
    for copy in range(2):
        for seed in seed_paths():
            path = tmp_path / f"{copy}_{os.path.basename(seed)}"
            shutil.copy(seed, path)
            paths.append(str(path))
    return paths


_KILL_ALIGNMENT = """
import sys
import reader.core.comparison as comparison
aligned = comparison.link_pair
comparison.link_pair = lambda a, b: kill_in_worker(aligned(a, b))
"""


def test_the_cli_says_in_one_line_that_a_worker_died(eight_sources):
    """``parallax align`` whose worker is killed: one line on stderr, exit status 2,
    promptly; the same files align when nothing is killed."""
    done, took = _staged("""
        from reader.cli import main
        sys.exit(main(["align", *sys.argv[1:]]))
        """, *eight_sources, prelude=_KILL_ALIGNMENT)
    assert done.returncode == 2 and took < PROMPT
    assert done.stderr.startswith("parallax: a worker process died (killed by SIGKILL")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    whole = subprocess.run([sys.executable, "-m", "reader", "align", *eight_sources],
                           capture_output=True, text=True, timeout=HANG)
    assert whole.returncode == 0, whole.stderr


def test_the_readers_alignment_process_reports_a_dead_worker(eight_sources):
    """The reader's alignment child sends ``error`` naming ``WorkerDied`` (the window shows
    it as a failed alignment, ``jobs.ChildJob``) as its last message, promptly."""
    done, took = _staged("""
        from reader.gui.align_child import align_child
        class Messages(list):
            put = list.append
        messages = Messages()
        align_child(sys.argv[1:], None, messages)
        print(messages[-1])
        """, *eight_sources, prelude=_KILL_ALIGNMENT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("('error', 'WorkerDied: a worker process died") and \
        took < PROMPT


_INTERRUPT_ALIGNMENT = """
import os, signal, sys, time
import reader.core.comparison as comparison
aligned = comparison.link_pair

def interrupting(a, b):
    '''Ctrl-C as a terminal sends it, once, from inside a worker: to the whole group.'''
    if os.getpid() != PARENT:
        try:
            os.close(os.open(os.environ["ONCE"], os.O_CREAT | os.O_EXCL))
            os.killpg(0, signal.SIGINT)
        except FileExistsError:
            pass
    return aligned(a, b)

comparison.link_pair = interrupting
from reader.cli import main
sys.exit(main(["align", *sys.argv[1:]]))
"""


def test_ctrl_c_stops_the_cli_with_one_line_and_no_worker_left(eight_sources, tmp_path):
    """Ctrl-C during alignment: ``parallax: interrupted``, status 130, no traceback from
    the parent or its workers, and no worker process outlives the run."""
    program = _KILLER + _INTERRUPT_ALIGNMENT
    run = subprocess.Popen([sys.executable, "-c", program, *eight_sources], text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           start_new_session=True,  # its own group: the SIGINT stays there
                           env={**os.environ, "ONCE": str(tmp_path / "interrupted")})
    try:
        _out, err = run.communicate(timeout=HANG)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, 9)
        pytest.fail(f"the run still waited after {HANG} s")
    assert run.returncode == 130, err
    assert err == "parallax: interrupted\n"
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):  # nothing of its group is left running
        os.killpg(run.pid, 0)


def test_results_pipes_are_wide_and_carry_results_larger_than_them():
    """A worker's results pipe holds 1 MB where Linux allows it (64 KB by default), and a
    batch's results larger than that still arrive whole."""
    import fcntl
    import multiprocessing

    from reader.core.align import parallel
    ours, theirs = parallel._channels(multiprocessing.get_context("fork"))
    try:
        if hasattr(fcntl, "F_GETPIPE_SZ"):
            size = fcntl.fcntl(theirs._out.fileno(), fcntl.F_GETPIPE_SZ)
            assert size >= min(parallel.RESULT_PIPE_BYTES, _pipe_max())
    finally:
        ours.close()
        theirs.close()
    if parallel.can_fork():
        big = parallel.fork_map(lambda k: str(k) * 1_500_000, list(range(4)), parallel_from=2)
        assert big == {k: str(k) * 1_500_000 for k in range(4)}


def _pipe_max() -> int:
    try:
        with open("/proc/sys/fs/pipe-max-size") as f:
            return int(f.read())
    except OSError:
        return 65536
