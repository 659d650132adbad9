"""The window's children come from a warm fork server (``early.warm_up``), forked with
the engine imported, not spawned to import it: once its first jobs are done, or from the
start when no early child aligns its first files (``early.start_for_reader``)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = r"""
import multiprocessing.forkserver
import os

from PySide6.QtCore import QCoreApplication

from reader.core.load.documents import seed_paths
from reader.gui import early, jobs

app = QCoreApplication([])
PATHS = [str(p) for p in seed_paths()][:2]


def parent_of(pid):
    with open(f"/proc/{pid}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[1])


def aligned_by(job):
    '''Run the job here to its end; the parent process of its child, and what it found.'''
    launch, parents = job.launch, []
    job.launch = lambda: (lambda made: parents.append(parent_of(made[0].pid)) or made)(launch())
    job.run()
    return parents[0], job.comp


spawned_from, before = aligned_by(jobs.AlignJob(PATHS))
print("no early child for 22 files", early.start_for_reader(PATHS * 11) is None)
forked_from, after = aligned_by(jobs.AlignJob(PATHS))
server = multiprocessing.forkserver._forkserver._forkserver_pid
print("spawned by the window", spawned_from == os.getpid())
print("forked by the server", forked_from == server != os.getpid())
print("same links", [(l.a, l.b, l.kind) for l in before.links]
      == [(l.a, l.b, l.kind) for l in after.links] != [])
"""


def test_children_are_forked_from_the_warm_server_and_align_the_same(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = dict(line.rsplit(" ", 1) for line in done.stdout.splitlines())
    assert out == {"spawned by the window": "True", "no early child for 22 files": "True",
                   "forked by the server": "True", "same links": "True"}
