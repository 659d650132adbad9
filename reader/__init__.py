"""Parallax: read several versions of one story side by side.

The package is split the way the data flows: ``reader.core`` is the engine
(load -> segment -> align -> diff, plus annotations and export data) and has
no Qt in it; ``reader.gui`` only presents what the engine computed.
"""

__version__ = "0.1.0"
