"""Reader and export benchmarks (issues 4 and 6), offscreen.

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_export.py   (or: make bench)

Targets: window shown with the seeds < 1.5 s, with 20 sources x 100
paragraphs < 4 s; the seeds' PDF < 3 s, 20 x 100 < 30 s. "Shown" means
aligned, laid out with rows lined up, and painted once.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp())
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import versions  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reader.core.comparison import compare  # noqa: E402
from reader.core.load.documents import document_from_text, seed_paths  # noqa: E402
from reader.core.export.report import ExportOptions, build_report  # noqa: E402
from reader.gui.main_window import MainWindow  # noqa: E402
from reader.render.pdf import write_pdf  # noqa: E402


def window_time(paths: list[str]) -> tuple[float, float, float]:
    """Seconds until the aligned panes show, until their word highlights are in,
    and the longest stall of the GUI thread.

    Alignment runs in the reader's background job, as in normal use (large
    comparisons show the aligned text first, highlighted as soon as the word
    diffs arrive); a 10 ms heartbeat timer measures how long the event loop
    was ever blocked.
    """
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    start = time.perf_counter()
    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
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
    window.open_paths(paths)
    loop.exec()
    window.grab()  # one full paint
    shown = time.perf_counter() - start
    while window._diffs_pending:
        loop.exec()
    window.grab()
    highlighted = time.perf_counter() - start
    heart.stop()
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return shown, highlighted, stall[0] / 1000


def scroll_time(paths: list[str], steps: int = 30) -> float:
    """Milliseconds to scroll one step and repaint every pane (all 20 painted, as if visible)."""
    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    window.open_paths(paths, wait=True)
    window.relayout()
    start = time.perf_counter()
    for k in range(steps):
        window.vbar.setValue(k * 200)
        for pane in window.panes:
            pane.view.viewport().grab()
    elapsed = (time.perf_counter() - start) / steps * 1000
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return elapsed


def pdf_time(docs, out: str) -> tuple[float, int]:
    start = time.perf_counter()
    comp = compare(docs)
    pages = write_pdf(build_report(comp, [], ExportOptions()), out)
    return time.perf_counter() - start, pages


def main() -> None:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        big = []
        for i, text in enumerate(versions(20, 100)):
            path = Path(tmp) / f"v{i:02d}.txt"
            path.write_text(text)
            big.append(str(path))
        window_time(seed_paths())  # warm up fonts and caches once, as a running app would be
        for name, paths, target in (("seeds", seed_paths(), 1.5), ("20 x 100", big, 4.0)):
            t, lit, stall = window_time(paths)
            print(f"window shown, {name:<9} {t:6.2f} s  (target < {target} s, "
                  f"{'ok' if t < target else 'SLOW'}); highlights in at {lit:.2f} s; "
                  f"GUI thread never blocked over {stall:.2f} s")
        print(f"scrolling 20 x 100: {scroll_time(big):.0f} ms per step with all 20 panes "
              f"repainted (60 fps = 17 ms)")
        from reader.core.load.documents import load_document
        seeds = [load_document(p) for p in seed_paths()]
        bigdocs = [document_from_text(Path(p).read_text(), p) for p in big]
        for name, docs, target in (("seeds", seeds, 3.0), ("20 x 100", bigdocs, 30.0)):
            t, pages = pdf_time(docs, str(Path(tmp) / "out.pdf"))
            print(f"PDF export,   {name:<9} {t:6.2f} s, {pages} pages  (target < {target} s, "
                  f"{'ok' if t < target else 'SLOW'})")
    del app


if __name__ == "__main__":
    main()
