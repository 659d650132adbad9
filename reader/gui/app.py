"""Start the reader: ``parallax [FILE...] [--screenshot OUT.png]``."""

from __future__ import annotations

import argparse
import os
import sys
import time

MAX_SIDE = 8000
"""Largest screenshot side: 8000x8000 is 256 MB of pixels; 30000x30000 took 7 GB."""


def _size(text: str) -> tuple[int, int]:
    """``WIDTHxHEIGHT`` for argparse; a clear error instead of a traceback or 7 GB."""
    parts = text.lower().split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1600x1000")
    width, height = (int(p) for p in parts)
    if not (1 <= width <= MAX_SIDE and 1 <= height <= MAX_SIDE):
        raise argparse.ArgumentTypeError(f"{text!r}: each side must be 1 to {MAX_SIDE} pixels")
    return width, height


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="parallax",
        description="Read several versions of one story side by side. Sub-commands: "
                    "align, export, notes, text, save, fix (see 'parallax COMMAND --help').")
    parser.add_argument("files", nargs="*", help="2 to 20 versions (default: bundled samples)")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="render the window to a PNG without a display, then exit")
    parser.add_argument("--size", default="1600x1000", type=_size,
                        help="window size for --screenshot, WIDTHxHEIGHT (at most "
                             f"{MAX_SIDE}x{MAX_SIDE})")
    parser.add_argument("--difference", type=int, metavar="N",
                        help="with --screenshot: jump to place N first, as the Differences dock and "
                             "`parallax align --differences` number them")
    parser.add_argument("--punctuation", action="store_true",
                        help="count a change of punctuation, case or paragraphing alone as a "
                             "difference (View ▸ Count Punctuation and Paragraphs)")
    return parser.parse_args(argv)


def settle(app, rounds: int = 8) -> None:
    """Let pending layouts, resizes and timers run (headless rendering and tests)."""
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.015)
        app.processEvents()


def run_gui(argv: list[str]) -> int:
    args = _parse(argv)
    if args.screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from reader.core.load.documents import seed_paths
    from reader.gui.early import start_for_reader

    paths = [str(p) for p in args.files or seed_paths()]
    # Before Qt is imported (one thread: a fork is safe): the alignment runs while the
    # window is being built (``early``). A screenshot aligns in this process.
    early = None if args.screenshot else start_for_reader(paths)
    from PySide6.QtWidgets import QApplication

    from reader.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Parallax")
    app.setOrganizationName("Parallax")
    window = MainWindow()
    window.set_accidentals(args.punctuation)
    if args.screenshot:
        width, height = args.size
        window.resize(width, height)
        window.show()
        window.open_paths(paths, wait=True)
        window.facts.wait()  # hook (issue 9): the picture shows the fact marks
        settle(app)
        window.relayout()
        settle(app)
        if args.difference:
            window.go_to_place(args.difference)
            settle(app)
        ok = window.grab().save(args.screenshot)
        print(f"saved {args.screenshot}" if ok else f"could not write {args.screenshot}")
        # Tear down in order: PySide6 can crash at interpreter exit otherwise.
        window.close()
        window.deleteLater()
        settle(app)
        return 0 if ok else 1
    window.show()
    window.open_paths(paths, early=early)
    return app.exec()
