"""The reader's place in the story, and Back/Forward through jumps.

A place names a paragraph of a file (by path and paragraph index, both
stable for a given file) and how far the sync line is into its passage, so
it survives everything that rebuilds the panes: zoom, a new reference, a
theme change, a source added or removed, a new alignment.
"""

from __future__ import annotations

from dataclasses import dataclass

HISTORY_LIMIT = 100


@dataclass(frozen=True)
class Place:
    path: str
    paragraph: int
    fraction: float = 0.0


class History:
    """Back and forward stacks of places, as in a web browser."""

    def __init__(self) -> None:
        self.back: list[Place] = []
        self.forward: list[Place] = []

    def push(self, here: Place | None) -> None:
        """Remember ``here`` before a jump (a new jump clears Forward)."""
        if here is None or (self.back and self.back[-1] == here):
            return
        self.back = (self.back + [here])[-HISTORY_LIMIT:]
        self.forward.clear()

    def go_back(self, here: Place | None) -> Place | None:
        return self._step(self.back, self.forward, here)

    def go_forward(self, here: Place | None) -> Place | None:
        return self._step(self.forward, self.back, here)

    @staticmethod
    def _step(source: list[Place], other: list[Place], here: Place | None) -> Place | None:
        """Take the last place of ``source``, leaving ``here`` on ``other`` to come back to."""
        if not source:
            return None
        if here is not None:
            other.append(here)
        return source.pop()
