"""Spread independent work over several cores when that is safe.

Pairs of sources are independent once their paragraphs are prepared (190 of
them for 20 sources), and so are the word diffs of the rows. Worker
processes are forked so they inherit the prepared data without copying;
forking is only done from a process with no other threads (a fork taken
while another thread holds a lock can deadlock the child), so inside a GUI
thread the work stays serial: the reader runs alignment in a process of its
own to get the parallel path.

Each worker has a pipe of its own, and a thread of this process watches the
pipes and the workers' ends at once: a worker that dies (the kernel's
out-of-memory killer, a crash in a C extension, a signal) ends the run at
once with ``WorkerDied``, where ``multiprocessing.Pool`` waits for ever for
the batch it held (and its ``terminate`` can hang on a queue lock the dead
worker held).
"""

from __future__ import annotations

import collections
import gc
import itertools
import multiprocessing
import multiprocessing.connection
import os
import pickle
import queue
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

try:
    import fcntl
except ImportError:  # Windows, which never forks (``can_fork``)
    fcntl = None

PARALLEL_FROM = 24
"""Fewer items than this are done in-process: forking costs more than it saves (callers
whose few items are each heavy say so with ``parallel_from``)."""
SERIAL = 2**62
"""``parallel_from`` that no list of items reaches: the work is done in this process."""
PARALLEL_CHARS = 300_000
"""Characters of text a piece of work reads below which it takes less time (~0.1 s) than
forking workers: the word diffs of a JSON's links, the alignment of a few heavy pairs of
sources ((sources - 1) x content: the seeds hold 60,000, six 55 KB editions 1.6 million)."""


def worth_forking(sizes: Iterable[int]) -> bool:
    """Whether work on texts of these sizes (characters) reads more than ``PARALLEL_CHARS``:
    summed only as far as that (the sizes of 18,000 links took 15 ms to sum in full)."""
    return any(total > PARALLEL_CHARS for total in itertools.accumulate(sizes))


BATCHES_PER_WORKER = 24
"""Items go to the workers in about this many batches each: few round trips, still a smooth
progress bar and no worker left alone with the last heavy batch."""

AHEAD = 2
"""Batches a worker holds at once: the next one is there when it finishes one, so it never
waits for this process to answer; more would only unbalance the end of the run."""

_SHARED: dict[str, Any] = {}  # what forked workers read (inherited, never pickled)


class Cancelled(Exception):
    """The caller's progress callback asked to stop."""


class WorkerDied(ChildProcessError):
    """A worker process ended before its work was done; the run is stopped.

    A ``ChildProcessError`` (an ``OSError``), so callers that report
    failures of the system as one line (the CLI) need not know this module.
    """


def can_fork() -> bool:
    """Fork only where no other thread can hold a lock the children would inherit.

    A multiprocessing queue's feeder thread (the reader's alignment process
    reports progress through one) is harmless: the workers never touch it.
    """
    others = [t for t in threading.enumerate()
              if t is not threading.current_thread() and t.name != "QueueFeederThread"]
    return ("fork" in multiprocessing.get_all_start_methods() and not others
            and not multiprocessing.current_process().daemon and (os.cpu_count() or 1) > 1)


def fork_map(work: Callable[[Any], Any], items: Sequence,
             progress: Callable[[int, int], bool] | None = None,
             parallel_from: int = PARALLEL_FROM,
             meanwhile: Callable[[], None] | None = None) -> dict:
    """``{item: work(item)}``, on forked workers when worthwhile and safe.

    ``work`` may use anything the calling process holds: workers are forked
    after it is set. ``progress(done, total)`` returning False cancels.
    Fewer than ``parallel_from`` items are done in this process.
    ``meanwhile()`` is work of this process's own, done while the workers
    work (before the items when there are none): work that the workers'
    results do not change costs no time of its own then.
    """
    total = len(items)
    report = progress or (lambda done, total: True)
    results: dict = {}
    if total < max(2, parallel_from) or not can_fork():
        if meanwhile is not None:
            meanwhile()
        for done, item in enumerate(items):
            if not report(done, total):
                raise Cancelled()
            results[item] = work(item)
        return results
    with _forked(work, items) as pool:
        if meanwhile is not None:
            meanwhile()
        for k, batch in pool.finished():
            results.update(zip(pool.batches[k], batch))
            if not report(len(results), total):
                raise Cancelled()
    return results


def fork_imap(work: Callable[[Any], Any], items: Sequence,
              parallel_from: int = PARALLEL_FROM,
              meanwhile: Callable[[], None] | None = None,
              places: Sequence[float] | None = None) -> Iterator:
    """``work(item)`` for each item in order, each as soon as it and those before it are
    done (on forked workers as ``fork_map``): a caller that writes the results out keeps
    only the few that came early, and writes while the workers work.

    ``places[k]``, in [0, 1), says where item ``k`` lies in the data it reads: the
    first of two workers does the items of the first half, the other those of the
    second, each in order, until one runs out and helps the other. Each then reads
    (and fills the caches of) half the data rather than all of it: the links of 20
    sources of 100 paragraphs, placed by row, took 0.07-0.1 s less CPU in all."""
    if len(items) < max(2, parallel_from) or not can_fork():
        if meanwhile is not None:
            meanwhile()
        yield from map(work, items)
        return
    with _forked(work, items, places=places) as pool:
        if meanwhile is not None:
            meanwhile()
        early: dict[int, list] = {}  # batches done before those ahead of them
        following = 0
        for k, batch in pool.finished():
            early[k] = batch
            while following in early:
                yield from early.pop(following)
                following += 1


class Beside:
    """``work()``, started now in one forked worker, its result collected later
    (``beside_result``): this process's own serial work runs meanwhile. Where forking
    is not safe, the work is done here when its result is asked for. What ``work``
    returns comes back pickled, so it should be arrays rather than many small objects.

    Until its result is collected or it is closed, this process forks nothing else:
    the thread that hands the worker its work counts as one that could hold a lock.
    """

    def __init__(self, work: Callable[[], Any]) -> None:
        self._work = work
        self._pool: _Workers | None = None
        if can_fork():
            self._pool = _Workers([[None]])
            try:
                self._pool.start(lambda _: work(), 1)
            except BaseException:
                self.close()
                raise

    def ready(self) -> bool:
        """Whether the result would come without waiting for the worker to compute."""
        return self._pool is None or self._pool.ready()

    def result(self) -> Any:
        """What ``work`` returned (what it raised is raised here); the worker stops."""
        if self._pool is None:
            return self._work()
        try:
            return next(self._pool.finished())[1][0]
        finally:
            self.close()

    def close(self) -> None:
        """Stop the worker, wanted or not (again: nothing)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None


def fork_beside(work: Callable[[], Any], meanwhile: Callable[[], None],
                more: Iterable[object] = ()) -> Any:
    """``work()``, done in one forked worker while this process runs ``meanwhile()``:
    two independent pieces of serial work at once (``Beside``, ``beside_result``)."""
    return beside_result(Beside(work), meanwhile, more)


def beside_result(beside: Beside, meanwhile: Callable[[], None],
                  more: Iterable[object] = ()) -> Any:
    """``beside``'s result, once this process has run ``meanwhile()``.

    ``more`` is later work of this process's own, in steps: when ``meanwhile`` is done
    before the worker, steps of it are taken until the worker is done too (the rest is
    left in ``more``), rather than one core waiting idle.
    """
    steps = iter(more)  # ``more`` itself when it is an iterator: its rest stays there
    try:
        meanwhile()
        while not beside.ready() and next(steps, _END) is not _END:
            pass
        return beside.result()
    finally:
        beside.close()


_END = object()
"""What ``next`` gives for an iterator that has no more."""


def _chunks(items: Sequence, workers: int, lanes: Sequence[int]) -> list[tuple[int, list]]:
    """The items in order in ``(lane, batch)``s, a batch's items all of that lane."""
    size = -(-len(items) // (workers * BATCHES_PER_WORKER))
    out = []
    for lane, group in itertools.groupby(range(len(items)), lanes.__getitem__):
        ks = list(group)
        out += [(lane, [items[k] for k in ks[n:n + size]]) for n in range(0, len(ks), size)]
    return out


def _death(process: BaseProcess) -> WorkerDied:
    """The error that says how a worker ended (the hint for SIGKILL: the kernel's
    out-of-memory killer is what sends it when nobody else did)."""
    process.join(timeout=1)  # its end was seen: the exit code follows at once
    code = process.exitcode
    if code is not None and code < 0:
        try:
            how = f"killed by {signal.Signals(-code).name}"
        except ValueError:
            how = f"killed by signal {-code}"
        if -code == signal.SIGKILL:
            how += ", perhaps for want of memory"
    else:
        how = f"exit status {code}"
    return WorkerDied(f"a worker process died ({how}); the work was stopped")


def _sendable(exc: Exception) -> Exception:
    """``exc`` if it survives pickling, else a RuntimeError that says what it was."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")


@contextmanager
def _born_deaf() -> Iterator[None]:
    """Workers forked in here ignore SIGINT from their first instruction on.

    Ctrl-C in a terminal interrupts the whole process group: the parent stops
    the run and its workers. A worker that took it itself would print a
    traceback over the parent's one-line message, even from inside its fork
    (a worker already aligning may start the interrupt while the next is still
    being forked). The parent ignores it for the few milliseconds of the forks
    (Python sets handlers in the main thread only; elsewhere nothing changes).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


RESULT_PIPE_BYTES = 1 << 20
"""Bytes a worker's results pipe holds (Linux; 64 KB by default, 1 MB is the most an
unprivileged process may ask for). Results (up to ~1 MB a batch: links and their diffs'
JSON) are received by a thread of this process while it computes; each read of a
pipe waits up to 5 ms for the interpreter's lock then, and the worker waits on a full
pipe meanwhile: 64 KB at a time, workers of 20 x 100 spent 0.4 s so."""


class _Channel:
    """A worker's two one-way pipes, seen from one end: commands one way, results the
    other (a two-way socket's buffer cannot be widened past the system default)."""

    def __init__(self, incoming: Connection, outgoing: Connection) -> None:
        self._in, self._out = incoming, outgoing

    def fileno(self) -> int:
        """What ``multiprocessing.connection.wait`` watches: the incoming pipe."""
        return self._in.fileno()

    def send(self, obj: Any) -> None:
        self._out.send(obj)

    def recv(self) -> Any:
        return self._in.recv()

    def poll(self) -> bool:
        return self._in.poll()

    def close(self) -> None:
        self._in.close()
        self._out.close()


def _channels(context) -> tuple[_Channel, _Channel]:
    """This process's end and a new worker's end of the pipes between them."""
    commands_in, commands_out = context.Pipe(duplex=False)
    results_in, results_out = context.Pipe(duplex=False)
    if hasattr(fcntl, "F_SETPIPE_SZ"):  # Linux
        try:
            fcntl.fcntl(results_out.fileno(), fcntl.F_SETPIPE_SZ, RESULT_PIPE_BYTES)
        except OSError:  # above the system's limit: the pipe stays as it is
            pass
    return _Channel(results_in, commands_out), _Channel(commands_in, results_out)


def _serve(end: _Channel) -> None:
    """A worker: run ``work`` on the batches whose numbers come on ``end``, send each
    batch's results back, until told to stop or this process's parent is gone (it is
    born ignoring Ctrl-C: ``_born_deaf``)."""
    for inherited in _SHARED["ends"]:  # the parent's ends: EOF here once the parent is gone
        inherited.close()
    work, batches = _SHARED["work"], _SHARED["batches"]
    try:
        while (k := end.recv()) is not None:
            try:
                end.send((k, True, [work(item) for item in batches[k]]))
            except Exception as exc:  # the caller gets it, as if the work were in-process
                end.send((k, False, _sendable(exc)))
    except (EOFError, OSError):  # the parent is gone: nobody wants the results
        pass


class _Workers:
    """Forked workers that run ``work`` on ``batches``, and a thread of this process that
    hands the batches out (``AHEAD`` at a time each), receives the results and notices at
    once when a worker dies (its sentinel becomes ready). Worker ``w`` is handed the
    batches of lane ``w`` (modulo the lanes) in order, then the others' (``fork_imap``)."""

    def __init__(self, batches: list[list], lanes: list[int] | None = None) -> None:
        self.batches = batches
        self.lanes = lanes or [0] * len(batches)
        self.workers: list[tuple[BaseProcess, _Channel]] = []  # each with our end
        self._done: queue.SimpleQueue = queue.SimpleQueue()  # (k, ok, results | error)
        self._stop = False
        self._thread = threading.Thread(target=self._dispatch, name="fork-dispatch",
                                        daemon=True)

    def start(self, work: Callable[[Any], Any], count: int) -> None:
        """Fork ``count`` workers that run ``work``, then start handing out the batches."""
        _SHARED.update(work=work, batches=self.batches, ends=[])
        context = multiprocessing.get_context("fork")
        gc.freeze()  # the workers' collector then never walks (and so copies) what they inherit
        try:
            with _born_deaf():
                for _ in range(count):
                    ours, theirs = _channels(context)
                    _SHARED["ends"].append(ours)
                    process = context.Process(target=_serve, args=(theirs,), daemon=True)
                    process.start()  # if it fails (no memory to fork), ``close`` stops the others
                    self.workers.append((process, ours))
                    theirs.close()  # so that its end is the worker's alone
        finally:
            gc.unfreeze()
        self._thread.start()

    def finished(self) -> Iterator[tuple[int, list]]:
        """``(k, results of batch k)`` as batches finish, in any order; a worker's exception
        or death is raised here."""
        for _ in self.batches:
            k, ok, payload = self._done.get()
            if not ok:
                raise payload
            yield k, payload

    def ready(self) -> bool:
        """Whether a batch's results (or an error) are here or on their way: a worker has
        begun to send them. A caller busy in Python should then wait in ``finished``: the
        thread that receives them needs the interpreter's lock for each piece the pipe
        holds, and waits up to the switch interval (5 ms) for it each time while the
        caller computes (the 8.5 MB sides of 20 sources of 100 paragraphs took 0.25 s to
        arrive so through 64 KB pipes)."""
        return not self._done.empty() or bool(multiprocessing.connection.wait(
            [end for _, end in self.workers], timeout=0))

    def _dispatch(self) -> None:
        try:
            self._hand_out()
        except BaseException as exc:  # the waiting thread raises it
            self._done.put((None, False, exc))
            for process, _ in self.workers:  # their memory back now, not after ``meanwhile``
                process.kill()

    def _hand_out(self) -> None:
        waiting = [collections.deque() for _ in range(max(self.lanes) + 1)]
        for k, lane in enumerate(self.lanes):
            waiting[lane].append(k)
        ends = {end: process for process, end in self.workers}
        own = {end: waiting[w % len(waiting)] for w, (_, end) in enumerate(self.workers)}
        sentinels = {process.sentinel: (process, end) for process, end in self.workers}

        def hand(end: _Channel, batches: int) -> None:
            try:
                for _ in range(batches):
                    lane = own[end] or max(waiting, key=len)
                    if lane:
                        end.send(lane.popleft())
            except OSError:  # a broken pipe: the worker is gone
                raise _death(ends[end]) from None

        for end in ends:
            hand(end, AHEAD)
        left = len(self.batches)
        while left and not self._stop:
            ready = multiprocessing.connection.wait([*ends, *sentinels])
            for end in (r for r in ready if r in ends):
                try:
                    self._done.put(end.recv())
                except (EOFError, OSError):
                    raise _death(ends[end]) from None
                left -= 1
                hand(end, 1)
            for process, end in (sentinels[r] for r in ready if r in sentinels):
                if not end.poll():  # its last results read, nothing more will come
                    raise _death(process)

    def close(self) -> None:
        """Stop the workers (at once: what they are doing is no longer wanted) and the
        thread, and release their OS resources."""
        self._stop = True
        for process, _ in self.workers:
            process.kill()  # a no-op for a worker already seen dead
        if self._thread.is_alive():  # first: it may be reading a worker's exit code
            self._thread.join()
        for process, end in self.workers:
            process.join()
            end.close()
            process.close()
        _SHARED.clear()  # what ``start`` gave the workers


@contextmanager
def _forked(work: Callable[[Any], Any], items: Sequence, workers: int | None = None,
            places: Sequence[float] | None = None) -> Iterator[_Workers]:
    """Forked workers (as many as cores, up to 4, unless told) that run ``work`` on
    ``items`` in batches; with ``places`` (``fork_imap``), one lane of them each."""
    count = workers or min(4, os.cpu_count() or 2)
    lanes = [min(count - 1, int(place * count)) for place in places] if places else \
        [0] * len(items)
    chunks = _chunks(items, count, lanes)  # callers fork for two items or more
    pool = _Workers([batch for _, batch in chunks], [lane for lane, _ in chunks])
    try:
        pool.start(work, count)
        yield pool
    finally:
        pool.close()
