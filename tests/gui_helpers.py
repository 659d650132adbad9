"""What the reader's GUI tests do as a reader would: let the window settle, click a paragraph."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reader.gui.app import settle


def settle_app() -> None:
    """Run the events queued so far (layout, painting, finished jobs), as a pause would."""
    settle(QApplication.instance())


def click_paragraph(win, qtbot, ref) -> None:
    """Bring a paragraph into view in its pane and click it, as a reader would."""
    source, para = ref
    win.jump_to(source, win.story.of_ref[ref])
    settle_app()
    view = win.pane_of(source).view
    rect = view.block_rect(view.content.para_block(para))
    point = QPoint(40, int(rect.top() - view.verticalScrollBar().value() + 6))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    settle_app()


def select_text(win, source: int, quote: str) -> None:
    """Select ``quote`` (its first occurrence in the source's text) in the source's pane, as
    a reader drags over it, and make that pane the active one."""
    pane = win.pane_of(source)
    start = win.comp.documents[source].text.index(quote)
    [(a, b)] = pane.view.content.document_range(start, start + len(quote))
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(a)
    cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
    pane.view.setTextCursor(cursor)
    win.active_source = source
