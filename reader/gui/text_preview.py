"""The sources' text on screen while they are being aligned.

Aligning 20 long versions takes seconds; a reader who opens files expects
to see them at once. As soon as the background job has loaded the sources
(``AlignJob.texts_loaded``), the panes that will open show each source's
text as it was read: every paragraph, page furniture greyed, Markdown syntax
hidden as in the aligned panes, no marks,
and a header that says it is not yet aligned. Nothing in them is clickable; the
aligned panes replace them when the alignment arrives. They are built one
per step of a gradual build, as the aligned panes are, and go on screen
together once the last one is built (``show_previews``): each is laid out once, at
its width.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont, QFontMetricsF, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

from reader.core.bidi import mostly_right_to_left
from reader.core.load.documents import Document
from reader.gui.document_builder import (
    PaneContent,
    _base_format,
    _block_format,
    _display_text,
    _formats,
    _hide_markup,
)
from reader.gui.row_sync import GAP_LINES, show_document
from reader.gui.source_pane import SourcePane
from reader.gui.theme import Theme

ALIGNING = "Aligning… · "
"""Before the file name on the second line of a preview pane's header, where there is room:
the name says which file it is (the reader looks for it there, as in an aligned pane's
header; it said "Aligning…" alone), and the greyed header, the status bar and its progress
bar say that the text is not lined up yet."""


def text_content(doc: Document, source: int, theme: Theme, font: QFont) -> PaneContent:
    """A source's text before alignment: one block per paragraph, no marks, no rows."""
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(14)
    document.setUndoRedoEnabled(False)
    content = PaneContent(source, document, doc.paragraphs,
                          right_to_left=mostly_right_to_left(doc.text))
    formats = _formats(theme, font)
    gap = GAP_LINES * QFontMetricsF(font).lineSpacing()
    cursor = QTextCursor(document)
    for para in doc.paragraphs:
        fmt = _block_format(para)
        fmt.setBottomMargin(gap)
        if content.block_para:
            cursor.insertBlock(fmt)
        else:
            cursor.setBlockFormat(fmt)
        cursor.insertText(_display_text(para.text), _base_format(formats, para))
        content._blocks[para.index] = len(content.block_para)
        content.block_para.append(para.index)
        _hide_markup(content, cursor, formats, para)  # as the aligned panes show it
    return content


def preview_pane(doc: Document, source: int, theme: Theme, font: QFont) -> SourcePane:
    """A pane showing ``doc``'s text, marked as not aligned yet."""
    pane = SourcePane(source, theme)
    pane.view.set_content(text_content(doc, source, theme, font), show=False)  # no width yet
    pane.header.set_source(doc, source, False, f"{doc.encoding} · {doc.words} words")
    pane.header.detail.setText(Path(doc.path).name, ALIGNING)
    pane.header.setEnabled(False)  # no reference, pin or close before there is a comparison
    pane.view.setAccessibleDescription("Text of this source as read; being aligned")
    return pane


def show_previews(splitter, panes: list[SourcePane]) -> None:
    """Put the preview ``panes`` into ``splitter`` at once, then their documents into
    them (``row_sync.show_document``): added one at a time, each new pane narrowed the
    ones before it, and their documents were laid out again at each width."""
    for pane in panes:
        splitter.addWidget(pane)
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the panes' widths
    for pane in panes:
        show_document(pane.view, limit=False)
