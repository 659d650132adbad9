"""Line passages up across compact panes, the way Meld maps chunks.

Each pane lays out only its own text (plus thin markers where it lacks
something). Two things keep the panes in step:

* A passage that several open panes carry is padded to the same height in
  each of them (a bottom margin on its last block) when the heights are
  close, so while it is in view it sits level everywhere and stays level as
  it scrolls.
* Scrolling maps positions through the passages: the *lead* pane (the one
  the reader scrolls) has a sync line; the passage under it and how far
  into it the line is are found there, and every other pane is placed so
  that the same point of the same passage is on the same line. The sync
  line moves from the top of the view (at the start) to its bottom (at the
  end), so all panes reach their first and last lines together.

Re-run ``lay_out`` after any change of width, font or zoom.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from PySide6.QtGui import QTextBlockFormat, QTextCursor

from reader.gui.pane_view import MARK_WIDTH, PaneView

GAP_LINES = 0.6
"""Space after each paragraph, in line heights: paragraphs read as separate."""
PAD_LINES = 2
PAD_SHARE = 0.25
"""A shared passage is padded to its tallest version's height only when that costs at
most this many lines (or this share of it): same text with edits then sits exactly
level, while a merge (one short paragraph against three) leaves no hole; the sync
mapping and the connector bands carry those."""
MARKER_ROOM = 0.6
"""Extra room under a marker, in lines, so its painted label never touches the text."""
MAX_LINE_CHARS = 80
"""Lines longer than this are hard to read: wide panes get a right margin instead."""


def show_document(view: PaneView, limit: bool = True) -> None:
    """Put the pane's document into ``view``, fitted to the view's width first.

    A document given to a view lays itself out at the view's width, a bit at a
    time between turns of the event loop, and again at each new width or right
    margin. Given to the new panes before they had their place, their documents
    were laid out at the ~640 px of a widget not yet placed, then at the pane's
    width, then with the right margin: of the window's ~0.4 s of CPU between a
    20 x 100 comparison's arrival and its panes painted, ~0.17 s went to those
    layouts. Fitted first, each is laid out at its width (and again only if the
    Differences dock, filled next, takes room from the panes). ``limit``:
    the line length too (``MAX_LINE_CHARS``; not in a preview of the text as read)."""
    doc = view.content.document
    if view.document() is doc:
        return
    if limit:
        _limit_line_length(view, doc)
    doc.setTextWidth(view.viewport().width())
    view.setDocument(doc)
    view.fitted = (doc, view.viewport().width(), limit)


def _limit_line_length(view: PaneView, doc=None) -> None:
    doc = doc or view.document()
    longest = view.fontMetrics().averageCharWidth() * MAX_LINE_CHARS
    spare = view.viewport().width() - 2 * doc.documentMargin() - longest
    right = max(MARK_WIDTH, spare)  # never less than the room the ⇅ marks need
    # the document's margin kept at the lines' start: the frames drawn round a passage
    # (where a jump landed, a note) had covered the first letter of every line at x = 0
    left = doc.documentMargin()
    if view.content.right_to_left:  # lines start at the right: the spare room goes left
        left, right = max(doc.documentMargin(), spare - MARK_WIDTH), MARK_WIDTH
    root = doc.rootFrame()
    fmt = root.frameFormat()
    if abs(fmt.rightMargin() - right) > 0.5 or abs(fmt.leftMargin() - left) > 0.5:
        fmt.setRightMargin(right)
        fmt.setLeftMargin(left)
        root.setFrameFormat(fmt)


def _block_rect(view: PaneView, number: int):
    doc = view.document()
    return doc.documentLayout().blockBoundingRect(doc.findBlockByNumber(number))


def _natural_heights(view: PaneView, gap: float) -> list[float | None]:
    """Height of each passage this pane carries (None where it lacks it), one gap included.

    A block's bounding rectangle holds its lines only: the margin under it lies between
    it and the next block. So the margins inside a passage (under all its blocks but the
    last) are taken out, and the last one's never counted: counting it took last
    layout's padding for text, and every relayout padded the other way.
    """
    doc = view.document()
    out: list[float | None] = []
    for span in view.content.passage_blocks:
        if span is None:
            out.append(None)
            continue
        first, last = span
        inner = sum(doc.findBlockByNumber(b).blockFormat().bottomMargin()
                    for b in range(first, last))
        out.append(_block_rect(view, last).bottom() - _block_rect(view, first).top()
                   - inner + gap * (last - first + 1))
    return out


def _set_margins(view: PaneView, pads: list[float], gap: float, marker_room: float) -> None:
    content = view.content
    doc = view.document()
    want = [gap] * len(content.block_para)
    for span, pad in zip(content.passage_blocks, pads):
        if span is not None:
            want[span[1]] += pad
    for block_number in content.markers:
        want[block_number] = gap / 2 + marker_room
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    for b, margin in enumerate(want):
        block = doc.findBlockByNumber(b)
        if abs(block.blockFormat().bottomMargin() - margin) > 0.01:
            fmt = QTextBlockFormat(block.blockFormat())
            fmt.setBottomMargin(margin)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
    cursor.endEditBlock()


def _passage_tops(view: PaneView) -> list[float]:
    """Document y where each passage starts in this pane, plus the end of the document.

    Passages the pane lacks share the marker standing in for them: they get
    equal slices of its height, so positions keep growing through a run.
    """
    content = view.content
    count = len(content.passage_blocks)
    tops: list[float | None] = [None] * count
    for k, span in enumerate(content.passage_blocks):
        if span is not None:
            tops[k] = _block_rect(view, span[0]).top()
    for block_number, marker in content.markers.items():
        rect = _block_rect(view, block_number)
        height = rect.height() / len(marker.passages)
        for i, k in enumerate(marker.passages):
            tops[k] = rect.top() + i * height
    end = view.document().size().height()
    for k in range(count - 1, -1, -1):  # passages carried by no source: zero height
        if tops[k] is None:
            tops[k] = tops[k + 1] if k + 1 < count else end
    if tops:
        tops[0] = 0.0  # the document's top margin belongs to the first passage
    return [float(t) for t in tops] + [end]


def _fit_scroll_range(view: PaneView) -> None:
    """The scroll range for the document as just padded, at once. Qt tells the view of a
    new document height on a timer of the document's layout (it compresses those
    signals); the sync line's place depends on the range (``sync_line``), and a place
    restored before that timer fired was scrolled to with the old range: after a change
    of reference, the reader was put 20 px above their passage, in the run before it."""
    bar = view.verticalScrollBar()
    height = round(view.document().size().height())  # as QTextEdit's own range: whole pixels
    bar.setRange(0, max(0, height - view.viewport().height()))


def lay_out(views: list[PaneView]) -> None:
    """Pad shared passages to equal heights in every open pane; record passage tops."""
    for _ in lay_out_steps(views):
        pass


def lay_out_steps(views: list[PaneView]) -> Iterator[None]:
    """``lay_out`` one pane at a time: the window runs its event loop at each ``yield``.

    Laying out a pane's document is the costly part (tens of milliseconds for a
    long story); done pane after pane, with the event loop running between, the
    window never freezes while 20 sources are laid out.
    """
    views = [v for v in views if v.content is not None]
    if not views:
        return
    line = views[0].fontMetrics().lineSpacing()
    gap = GAP_LINES * line
    heights = []
    for view in views:
        show_document(view)
        _limit_line_length(view)
        # A pane just given its document (``show_document``) at this width is being laid
        # out by Qt, a bit at a time since: starting over threw that away (~8 ms a pane
        # of 100 paragraphs). Any other lay_out starts over, as the width may have moved
        # and come back meanwhile.
        if view.fitted != (view.document(), view.viewport().width(), True):
            view.document().setTextWidth(view.viewport().width())
        view.fitted = None
        heights.append(_natural_heights(view, gap))
        yield
    count = len(heights[0])
    target = [max((h[k] for h in heights if h[k] is not None), default=0.0)
              for k in range(count)]
    most = PAD_LINES * line
    for view, own in zip(views, heights):
        _set_margins(view, [0.0 if h is None or t - h > max(most, PAD_SHARE * t) else t - h
                            for t, h in zip(target, own)], gap, MARKER_ROOM * line)
        view.passage_top = _passage_tops(view)
        _fit_scroll_range(view)
        view.viewport().update()
        yield


def locate(view: PaneView, y: float) -> tuple[int, float]:
    """Passage at document height ``y`` in a pane, and how far into it (0..1)."""
    tops = view.passage_top
    k = max(0, min(len(tops) - 2, bisect.bisect_right(tops, y) - 1))
    span = tops[k + 1] - tops[k]
    return k, (0.0 if span <= 0 else max(0.0, min(1.0, (y - tops[k]) / span)))


def position(view: PaneView, passage: int, fraction: float) -> float:
    """Document y of a point ``fraction`` into ``passage`` in a pane."""
    tops = view.passage_top
    return tops[passage] + fraction * (tops[passage + 1] - tops[passage])


REACH = 3.0
"""Pixels by which a scroll may miss its target (rounding) and still count as reached."""
READING_LINE = 1 / 3
"""Where the sync line sits in the middle of the story: a third down the view, where
people read. It moves to the very top at the start and the very bottom at the end,
so every pane reaches its first and last lines together."""


def _share(value: float, maximum: float, page: float) -> float:
    """Sync line's place in the view (0 top .. 1 bottom) at scroll ``value``."""
    if maximum <= 0:
        return 0.0
    ramp = max(1.0, page)
    start = READING_LINE * min(1.0, value / ramp)
    end = 1 - (1 - READING_LINE) * min(1.0, (maximum - value) / ramp)
    weight = value / maximum
    return (1 - weight) * start + weight * end


def sync_line(view: PaneView, value: float | None = None) -> tuple[float, float]:
    """Document y of the sync line at scroll ``value`` (default: now), and its screen y."""
    bar = view.verticalScrollBar()
    value = bar.value() if value is None else value
    page = view.viewport().height()
    screen = _share(value, bar.maximum(), page) * page
    return value + screen, screen


def follow(lead: PaneView, others: list[PaneView]) -> None:
    """Scroll ``others`` so the lead's sync-line passage sits on the same line in each."""
    if not lead.passage_top:
        return
    line, screen = sync_line(lead)
    passage, fraction = locate(lead, line)
    for view in others:
        if view is lead or not view.passage_top:
            continue
        view.verticalScrollBar().setValue(round(position(view, passage, fraction) - screen))


def _value_for(view: PaneView, passage: int, fraction: float) -> tuple[float, float]:
    """Scroll value that puts the sync line ``fraction`` into ``passage``, and the line's
    distance from there at that value (non-zero when the pane cannot scroll so far)."""
    target = position(view, passage, fraction)
    lo, hi = 0.0, float(view.verticalScrollBar().maximum())
    for _ in range(40):  # the sync line's y grows with the scroll value: bisect
        mid = (lo + hi) / 2
        if sync_line(view, mid)[0] < target:
            lo = mid
        else:
            hi = mid
    value = float(round(hi))  # the sync line on or just past the target: inside the passage
    if sync_line(view, value)[0] < target:
        value = min(float(view.verticalScrollBar().maximum()), value + 1)
    return value, abs(sync_line(view, value)[0] - target)


def reachable(view: PaneView, passage: int, fraction: float = 0.0) -> bool:
    """Whether this pane can bring the point to its sync line (its ends may stop it)."""
    return bool(view.passage_top) and _value_for(view, passage, fraction)[1] <= REACH


def scroll_to(lead: PaneView, passage: int, fraction: float = 0.0) -> None:
    """Scroll the lead pane so its sync line falls ``fraction`` into ``passage``
    (then ``follow`` puts the same point on the same line in every pane)."""
    if lead.passage_top:
        lead.verticalScrollBar().setValue(round(_value_for(lead, passage, fraction)[0]))
