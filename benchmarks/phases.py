"""Where the time of ``parallax align --json`` goes, phase by phase, in one process.

    .venv/bin/python benchmarks/phases.py FILE...

Prints one JSON line: wall and CPU seconds (``*_cpu``, forked workers
included) for the imports, loading, alignment (``compare``, with the word
diffs of the links it finds pair by pair, computed in its workers, and the
paragraphs' facts found meanwhile in this process, as ``parallax align
--json`` asks), and the JSON (the other links' diffs and the links' fact
changes), so each figure can be owed to the module that spends it.
"""

from __future__ import annotations

import io
import json
import resource
import sys
import time


def _cpu() -> float:
    """CPU seconds of this process and of its forked workers once they have ended."""
    own, workers = (resource.getrusage(who) for who in
                    (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def main(paths: list[str]) -> None:
    marks = [(time.perf_counter(), _cpu())]
    from reader.cli import _comparison  # noqa: F401  (the CLI's own imports)
    from reader.core.numpy_tools import defer_numpy_tools
    defer_numpy_tools()  # as the CLI's main does before any command
    from reader.core.comparison import compare
    from reader.core.diff.story_facts import reading_for_json
    from reader.core.export.summary import write_json
    from reader.core.pipeline import load_all
    marks.append((time.perf_counter(), _cpu()))
    from reader.core.collector import gc_paused
    with gc_paused():  # as the CLI runs every command
        docs, errors = load_all(paths)
        marks.append((time.perf_counter(), _cpu()))
        comp = compare(docs, link_diffs=True, meanwhile=reading_for_json)  # as the CLI calls it
        marks.append((time.perf_counter(), _cpu()))
        write_json(comp, io.StringIO())
        marks.append((time.perf_counter(), _cpu()))
    out = {"links": len(comp.links), "errors": len(errors)}
    for name, (wall0, cpu0), (wall1, cpu1) in zip(("imports", "load", "align", "json"),
                                                  marks, marks[1:]):
        out[name], out[name + "_cpu"] = wall1 - wall0, cpu1 - cpu0
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
