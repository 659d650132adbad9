"""The one error type the engine raises for bad input.

Callers (CLI, GUI) catch ``SourceError`` and show its message as it is: the
message always names the file and says what is wrong, so no traceback is
ever needed to understand it.
"""

from __future__ import annotations


class SourceError(Exception):
    """A source file could not be turned into a document."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self):  # errors travel back from the alignment process
        return (SourceError, (self.path, self.reason))
