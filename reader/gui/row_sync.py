"""Line rows up across panes: same content, same height, in every pane.

Each pane lays out its own document; for every row we measure its natural
height in each pane, take the tallest, and pad the row's last block with a
bottom margin so every pane's row has that height. Since all rows then have
equal heights everywhere, equal scroll positions show equal rows, and
synchronised scrolling is just copying a scroll value. Re-run after any
change of width, font or zoom.
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlockFormat, QTextCursor

from reader.gui.pane_view import MARK_WIDTH, PaneView

GAP_LINES = 0.8
"""Space after each row, in line heights: rows read as separate paragraphs."""
MAX_LINE_CHARS = 80
"""Lines longer than this are hard to read: wide panes get a right margin instead."""


def _limit_line_length(view: PaneView) -> None:
    doc = view.document()
    longest = view.fontMetrics().averageCharWidth() * MAX_LINE_CHARS
    spare = view.viewport().width() - 2 * doc.documentMargin() - longest
    right = max(MARK_WIDTH, spare)  # never less than the room the ⇅ marks need
    root = doc.rootFrame()
    fmt = root.frameFormat()
    if abs(fmt.rightMargin() - right) > 0.5:
        fmt.setRightMargin(right)
        root.setFrameFormat(fmt)


def _natural_heights(view: PaneView, gap: float) -> list[float]:
    content = view.content
    doc = view.document()
    layout = doc.documentLayout()
    heights = []
    for first, last in content.row_blocks:
        top = layout.blockBoundingRect(doc.findBlockByNumber(first)).top()
        bottom = layout.blockBoundingRect(doc.findBlockByNumber(last)).bottom()
        inner = sum(doc.findBlockByNumber(b).blockFormat().bottomMargin()
                    for b in range(first, last))
        heights.append(bottom - top - inner + gap * (last - first))
    return heights


def _set_margins(view: PaneView, pads: list[float], gap: float) -> None:
    content = view.content
    doc = view.document()
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    for (first, last), pad in zip(content.row_blocks, pads):
        for b in range(first, last + 1):
            block = doc.findBlockByNumber(b)
            want = gap + (pad if b == last else 0.0)
            if abs(block.blockFormat().bottomMargin() - want) > 0.01:
                fmt = QTextBlockFormat(block.blockFormat())
                fmt.setBottomMargin(want)
                cursor.setPosition(block.position())
                cursor.setBlockFormat(fmt)
    cursor.endEditBlock()


def align_rows(views: list[PaneView]) -> list[float]:
    """Pad rows in every view to equal heights; return the top y of each row."""
    views = [v for v in views if v.content is not None]
    if not views:
        return []
    line = views[0].fontMetrics().lineSpacing()
    gap = GAP_LINES * line
    for view in views:
        _limit_line_length(view)
        view.document().setTextWidth(view.viewport().width())
    heights = [_natural_heights(v, gap) for v in views]
    rows = len(heights[0])
    target = [max(h[r] for h in heights) for r in range(rows)]
    for view, own in zip(views, heights):
        _set_margins(view, [t - h for t, h in zip(target, own)], gap)
    # Read the tops back from the layout rather than summing heights: Qt places
    # blocks at fractional positions, and sums drift by a pixel over long texts.
    first = views[0]
    layout = first.document().documentLayout()
    tops = [layout.blockBoundingRect(first.document().findBlockByNumber(f)).top()
            for f, _ in first.content.row_blocks]
    for view in views:
        view.row_top = tops
        view.viewport().update()
    return tops
