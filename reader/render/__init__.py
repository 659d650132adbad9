"""Qt painting without widgets: the PDF writer that the CLI and the reader share.

Nothing here needs a window; a ``QGuiApplication`` (offscreen is enough) must
exist while painting.
"""
