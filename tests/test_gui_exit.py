"""Quitting while a background child is still starting: the process ends, quietly.

Found by the benchmark: the window closed right after the panes were painted,
while the facts child was starting; multiprocessing's exit handler unlinked
its queue's semaphores first, the child died on them with a traceback, and the
exit then waited for ever to write into the dead child's pipe.
"""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = r"""
import sys
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from reader.gui.main_window import MainWindow

app = QApplication([])
window = MainWindow()
window.show()
window.open_paths(sys.argv[1:])
loop = QEventLoop()
poll = QTimer(interval=5)
poll.timeout.connect(lambda: loop.quit() if window.facts.job is not None else None)
poll.start()
loop.exec()  # the facts child has just been started: quit now
window.comparisons.session.changed = False
window.close()
print("closed", flush=True)
"""


def test_quitting_while_the_facts_child_starts_ends_the_process_quietly(tmp_path):
    from reader.core.load.documents import seed_paths
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", SCRIPT, *seed_paths()], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "closed" in done.stdout
    assert "Traceback" not in done.stderr, done.stderr
