"""What the reader remembers between runs (QSettings: per user, per machine).

Window geometry, zoom, synchronised scrolling and recent files are global;
pane order and the reference source are remembered per set of files, so
reopening the same comparison restores how the user had arranged it.

One folder name for everything Parallax keeps: ``parallax`` (settings in
``~/.config/parallax/parallax.conf`` on Linux, notes in
``~/.local/share/parallax/``). Settings that an older version kept under
``Parallax/Parallax Reader`` are copied over once; the old file is left alone.
"""

from __future__ import annotations

import hashlib
import json

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10
FOLDER = "parallax"
"""The one config/data folder name (also the notes store's, reader.core.annotations)."""
_OLD = ("Parallax", "Parallax Reader")


def _settings() -> QSettings:
    store = QSettings(FOLDER, FOLDER)
    if not store.allKeys():
        old = QSettings(*_OLD)
        for key in old.allKeys():
            store.setValue(key, old.value(key))
        store.sync()
    return store


class ReaderSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self.store = settings or _settings()

    def _get(self, key: str, default):
        value = self.store.value(key, default)
        return default if value is None else value

    @property
    def geometry(self) -> QByteArray | None:
        value = self.store.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.store.setValue("window/geometry", value)

    @property
    def zoom(self) -> int:
        try:
            return int(self._get("view/zoom", 0))
        except (TypeError, ValueError):
            return 0

    @zoom.setter
    def zoom(self, value: int) -> None:
        self.store.setValue("view/zoom", int(value))

    @property
    def sync(self) -> bool:
        return str(self._get("view/sync", "true")).lower() != "false"

    @sync.setter
    def sync(self, value: bool) -> None:
        self.store.setValue("view/sync", "true" if value else "false")

    @property
    def appearance(self) -> str:
        """View ▸ Appearance: "system", "light" or "dark" (``appearance.APPEARANCES``)."""
        return str(self._get("view/appearance", "system"))

    @appearance.setter
    def appearance(self, value: str) -> None:
        self.store.setValue("view/appearance", value)

    def recent(self) -> list[list[str]]:
        try:
            value = json.loads(str(self._get("files/recent", "[]")))
            return [list(map(str, v)) for v in value if isinstance(v, list)][:MAX_RECENT]
        except (ValueError, TypeError):
            return []

    def add_recent(self, paths: list[str]) -> None:
        items = [p for p in self.recent() if p != paths]
        self.store.setValue("files/recent", json.dumps(([paths] + items)[:MAX_RECENT]))

    @staticmethod
    def _key(paths: list[str]) -> str:
        return hashlib.sha1("\n".join(sorted(paths)).encode()).hexdigest()[:16]

    def arrangement(self, paths: list[str]) -> tuple[list[str], str | None]:
        """Saved pane order (as paths) and reference path for this set of files."""
        try:
            data = json.loads(str(self._get(f"arrangement/{self._key(paths)}", "{}")))
        except (ValueError, TypeError):
            return paths, None
        order = data.get("order")
        if not isinstance(order, list) or sorted(order) != sorted(paths):
            order = paths
        reference = data.get("reference")
        return order, reference if reference in paths else None

    def save_arrangement(self, paths: list[str], order: list[str], reference: str) -> None:
        self.store.setValue(f"arrangement/{self._key(paths)}",
                            json.dumps({"order": order, "reference": reference}))
