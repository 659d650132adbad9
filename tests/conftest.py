"""Shared fixtures. Qt must never try to open a display in tests."""

from __future__ import annotations

import os

# Without a display and without this, Qt aborts the interpreter (not a test failure).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from reader.core.comparison import compare  # noqa: E402
from reader.core.documents import load_document, seed_paths  # noqa: E402


@pytest.fixture(scope="session")
def seed_docs():
    return [load_document(p) for p in seed_paths()]


@pytest.fixture(scope="session")
def seed_comparison(seed_docs):
    return compare(seed_docs)
