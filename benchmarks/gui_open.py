"""Open the reader on FILE... offscreen, wait until the panes are painted, and exit.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_open.py FILE...

``run.py`` times this whole process. It prints one JSON line with the
seconds from process start to the window shown (imports included), from
asking to open the files to the aligned panes painted, to their word
highlights painted, and the longest stall of the GUI thread (a 10 ms
heartbeat timer measures how long the event loop was ever blocked).
Alignment runs in the reader's background job, as in normal use.
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


def main(paths: list[str]) -> None:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    window.grab()
    shown = time.perf_counter()
    beat = QElapsedTimer()
    beat.start()
    stall = [0]

    def tick() -> None:
        stall[0] = max(stall[0], beat.restart())

    heart = QTimer(interval=10)
    heart.timeout.connect(tick)
    heart.start()
    loop = QEventLoop()
    window.comparisonShown.connect(loop.quit)
    asked = time.perf_counter()
    window.open_paths(paths)
    loop.exec()
    window.grab()  # one full paint of the aligned panes
    painted = time.perf_counter()
    while window._diffs_pending:
        loop.exec()
    window.grab()
    highlighted = time.perf_counter()
    heart.stop()
    print(json.dumps({"window": shown - START, "painted": painted - asked,
                      "highlighted": highlighted - asked, "stall": stall[0] / 1000}))
    window.close()
    del app


if __name__ == "__main__":  # the reader's alignment child imports this module
    main(sys.argv[1:])
