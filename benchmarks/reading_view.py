"""Reading-view figures for issue 14, offscreen at 1600x1000 (a benchmark, not a test).

    QT_QPA_PLATFORM=offscreen python benchmarks/reading_view.py [--shots DIR]

Prints, for the seeds: story words painted in each pane's viewport on the
first screen (words of non-furniture lines whose line box lies inside the
viewport: a proxy for OCR), the story's scroll height against the tallest
source laid out alone at the same pane width; for 20 sources (the seeds,
copied five times with edits): time until the window is shown and painted,
the slowest of 40 scroll steps (each step scrolls and repaints every open
pane), beside a difflib pass over the same texts timed in the same run as
a yardstick for the machine's speed.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp())
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtGui import QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reader.core.load.documents import seed_paths  # noqa: E402
from reader.core.pipeline import load_and_compare  # noqa: E402
from reader.gui.app import settle  # noqa: E402
from reader.gui.main_window import MainWindow  # noqa: E402


def painted_words(view) -> int:
    """Words of story (non-furniture) lines wholly inside the pane's viewport."""
    doc, top = view.document(), view.verticalScrollBar().value()
    bottom = top + view.viewport().height()
    layout = doc.documentLayout()
    content = view.content
    words = 0
    block = doc.begin()
    while block.isValid():
        para = content.block_para[block.blockNumber()] if block.blockNumber() < len(
            content.block_para) else None
        rect = layout.blockBoundingRect(block)
        if para is not None and not content.paragraphs[para].boilerplate and \
                rect.bottom() > top and rect.top() < bottom and block.isVisible():
            lines = block.layout()
            for i in range(lines.lineCount()):
                line = lines.lineAt(i)
                y0 = rect.top() + line.y()
                if y0 >= top and y0 + line.height() <= bottom:
                    text = block.text()[line.textStart():line.textStart() + line.textLength()]
                    words += len(text.split())
        block = block.next()
    return words


def alone_height(window, source: int, width: float) -> float:
    """Height of one source's text laid out alone, in the panes' font and width."""
    doc = QTextDocument()
    doc.setDefaultFont(window._font())
    doc.setDocumentMargin(14)
    doc.setPlainText("\n".join(p.text for p in window.comp.documents[source].paragraphs))
    doc.setTextWidth(width)
    return doc.size().height()


def story_height(window) -> float:
    """The scroll height a reader covers to read the whole story in the panes."""
    return window.vbar.maximum() + window.vbar.pageStep()


def edited_copies(out: Path, count: int = 20) -> list[str]:
    """``count`` versions: the seeds, then copies with a sentence dropped and a word changed."""
    seeds = [Path(p).read_text(encoding="utf-8") for p in seed_paths()]
    paths = []
    for i in range(count):
        text = seeds[i % len(seeds)]
        paras = text.split("\n\n")
        if i >= len(seeds):
            k = 3 + i % 7
            if k < len(paras):
                paras[k] = paras[k].replace(" the ", f" the very {i} ", 1)
            del paras[min(len(paras) - 1, 5 + i % 5)]
            paras.insert(2 + i % 4, f"Editor's note {i}: this copy adds a line of its own.")
        path = out / f"v{i + 1:02d}.txt"
        path.write_text("\n\n".join(paras), encoding="utf-8")
        paths.append(str(path))
    return paths


def open_window(app, paths, shots: Path | None, name: str) -> tuple[MainWindow, float, float]:
    """The window on ``paths``: seconds aligning (engine), and seconds from the aligned
    comparison to the window laid out and painted (reader)."""
    start = time.perf_counter()
    comp, docs, errors = load_and_compare(paths)
    aligned = time.perf_counter() - start
    start = time.perf_counter()
    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    window._loaded(comp, docs, errors)
    settle(app, rounds=2)
    window.relayout()
    window.grab()  # paint once
    elapsed = time.perf_counter() - start
    if shots:
        window.grab().save(str(shots / f"{name}.png"))
    return window, aligned, elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shots", type=Path)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window, _, _ = open_window(app, seed_paths(), args.shots, "seeds")
    views = [p.view for p in window.panes if p.isVisible()]
    per_pane = [painted_words(v) for v in views]
    width = views[0].viewport().width()
    alone = max(alone_height(window, s, width) for s in range(len(window.comp.documents)))
    print(f"seeds: painted story words per pane {per_pane}, total {sum(per_pane)}")
    tallest = max(v.document().size().height() for v in views)
    print(f"seeds: story height (scroll range of the lead pane) {story_height(window):.0f} px, "
          f"tallest pane {tallest:.0f} px, tallest source alone {alone:.0f} px, "
          f"ratio {max(tallest, story_height(window)) / alone:.2f}")
    window.close()
    with tempfile.TemporaryDirectory() as tmp:
        paths = edited_copies(Path(tmp))
        texts = [Path(p).read_text(encoding="utf-8").split() for p in paths]
        start = time.perf_counter()
        for t in texts[1:]:
            difflib.SequenceMatcher(None, texts[0], t).ratio()
        baseline = time.perf_counter() - start
        window, aligned, seconds = open_window(app, paths, args.shots, "twenty")
        steps = []
        for _ in range(40):
            start = time.perf_counter()
            window.vbar.setValue(window.vbar.value() + window.vbar.singleStep())
            for pane in window.panes:
                if pane.isVisible():
                    pane.view.viewport().repaint()
            steps.append(time.perf_counter() - start)
        open_panes = sum(1 for p in window.panes if p.isVisible())
        print(f"20 sources: aligned in {aligned:.2f} s, then shown and painted in {seconds:.2f} s "
              f"(difflib over the same "
              f"texts: {baseline:.2f} s); {open_panes} panes open; scroll step fastest "
              f"{min(steps) * 1000:.0f} ms (the cost, least disturbed by other work), median "
              f"{sorted(steps)[20] * 1000:.0f} ms, slowest {max(steps) * 1000:.0f} ms")
        window.close()


if __name__ == "__main__":
    main()
