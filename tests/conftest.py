"""Shared fixtures. Qt must never try to open a display in tests."""

from __future__ import annotations

import os
import shutil

# Without a display and without this, Qt aborts the interpreter (not a test failure).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

from reader.core.comparison import compare  # noqa: E402
from reader.core.load.documents import load_document, seed_paths  # noqa: E402

# CI runs the property tests on a fixed set of examples: a rare input that random examples
# hit once in many runs (a Markdown quote marker merged with emphasis, found by a local run)
# must fail here, on every run, or never, not turn a landing red at random. Local runs keep
# exploring new examples.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def private_user_dirs(tmp_path, monkeypatch):
    """Notes, settings and caches of a test run never touch the real user's folders."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


@pytest.fixture(scope="session")
def seed_docs():
    return [load_document(p) for p in seed_paths()]


@pytest.fixture(scope="session")
def seed_comparison(seed_docs):
    return compare(seed_docs)


@pytest.fixture
def new_window(qtbot, tmp_path):
    """Factory for reader windows with settings of their own (never the user's)."""
    from PySide6.QtCore import QSettings

    from reader.gui.main_window import MainWindow
    from reader.gui.settings import ReaderSettings

    def make(paths=None, size=(1500, 900)):
        ini = tmp_path / f"settings-{len(list(tmp_path.glob('settings-*')))}.ini"
        win = MainWindow(ReaderSettings(QSettings(str(ini), QSettings.Format.IniFormat)))
        qtbot.addWidget(win)
        win.resize(*size)
        win.show()
        if paths is not None:
            win.open_paths(paths, wait=True)
            win.relayout()
        return win

    return make


@pytest.fixture
def texts_window(new_window, tmp_path):
    """Factory for a reader window on texts written for a test: ``{file name: paragraphs}``,
    each file its paragraphs parted by blank lines."""
    def make(texts: dict[str, list[str]], size=(1400, 900)):
        paths = []
        for name, paras in texts.items():
            path = tmp_path / name
            path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
            paths.append(str(path))
        return new_window(paths, size=size)

    return make


@pytest.fixture
def no_save_prompt(monkeypatch):
    """Closing a window at teardown must never wait on the "Save changes?" box (modules
    that open windows with fixes ask for it with ``pytestmark``)."""
    from reader.gui.comparison_actions import DISCARD, ComparisonActions
    monkeypatch.setattr(ComparisonActions, "ask_to_save", lambda self: DISCARD)


@pytest.fixture
def seeds(tmp_path):
    """The four seeds copied where a test may move or edit them."""
    folder = tmp_path / "sources"
    folder.mkdir()
    return [shutil.copy(p, folder) for p in seed_paths()]


@pytest.fixture
def window(new_window, seeds):
    """A reader window on copies of the seeds, laid out (a module may define its own)."""
    from gui_helpers import settle_app
    win = new_window(seeds)
    settle_app()
    win.relayout()
    return win
