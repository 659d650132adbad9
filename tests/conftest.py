"""Shared fixtures. Qt must never try to open a display in tests."""

from __future__ import annotations

import os

# Without a display and without this, Qt aborts the interpreter (not a test failure).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from reader.core.comparison import compare  # noqa: E402
from reader.core.documents import load_document, seed_paths  # noqa: E402


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
