"""Several ``parallax fix`` processes on one comparison file keep every change: each had
checked the file unchanged, then replaced it, and changes were lost with exit 0 (a
data journalist's review, 13: 2 to 7 of 8 parallel checks kept)."""

from __future__ import annotations

import os
import subprocess
import sys

from test_saved_cli import run

from reader.core.load.documents import seed_paths

WRITERS = 8


def _parallax(*argv: str, cwd) -> subprocess.Popen:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.Popen([sys.executable, "-m", "reader", *argv], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_parallel_fixes_on_one_file_keep_every_change(capsys, tmp_path):
    file = tmp_path / "story.parallax"
    status, _out, err = run(capsys, "save", str(file), *map(str, seed_paths()))
    assert status == 0, err
    writers = [_parallax("fix", str(file), "check", str(n), cwd=tmp_path)
               for n in range(1, WRITERS + 1)]
    codes = [w.wait(timeout=120) for w in writers]
    errors = [w.stderr.read().decode() for w in writers]
    for w in writers:
        w.stdout.close()
        w.stderr.close()
    kept = run(capsys, "fix", str(file), "differences")[1].splitlines()
    checked = [line for line in kept if line.startswith("✓")]
    # each writer either kept its change or said it did not (a refusal asks to run again)
    assert len(checked) + sum(code != 0 for code in codes) == WRITERS, errors
    assert all(code in (0, 2) for code in codes)
