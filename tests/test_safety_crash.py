"""Kill -9 a process while it saves notes, again and again: no acknowledged note is lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from reader.core.annotations.store import NotesStore

CHILD = r"""
import sys
from reader.core.annotations.model import Anchor, Note
from reader.core.annotations.store import NotesStore
folder, run = sys.argv[1], sys.argv[2]
store = NotesStore(["/crash/a.txt", "/crash/b.txt"], ["h1", "h2"], folder)
for i in range(100000):
    source = i % 2
    note = Note(Anchor(source, "", "quote", "", "", 0, 5), body=f"{run}-{i}", id=f"{run}-{i}")
    store.add(note)  # returns once the note is on disk (fsync + rename)
    print(note.id, flush=True)
"""
ROUNDS = 14


def test_killed_saves_lose_no_acknowledged_note(tmp_path):
    rnd = random.Random(11)
    acknowledged: set[str] = set()
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg"))
    for run in range(ROUNDS):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path), f"r{run}"],
                                 stdout=subprocess.PIPE, text=True, env=env)
        first = child.stdout.readline()  # started and saving
        assert first, "the saving process died on its own"
        acknowledged.add(first.strip())
        time.sleep(rnd.uniform(0.05, 0.4))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
        acknowledged.update(line.strip() for line in out.splitlines() if line.strip())
    store = NotesStore(["/crash/a.txt", "/crash/b.txt"], ["h1", "h2"], tmp_path)
    kept = {n.id for n in store.notes}
    assert len(acknowledged) > ROUNDS and acknowledged <= kept
    assert not store.messages  # no file was ever half-written
    leftovers = [p for p in tmp_path.rglob("*.parallax-tmp")]
    assert leftovers == []  # the last run's start cleaned what the kills left
