"""A paragraph's words as the reader sees them: Markdown syntax taken out, offsets kept.

``Paragraph.markup`` lists the absolute ranges of syntax (``**``, ``> ``,
``](https://...)``). The diff compares ``visible_text`` (or ``visible_words``)
so that ``**Updated**`` and ``Updated`` are the same word, then maps any
position of the visible text back to the document with ``offsets``; the
display skips or styles the markup ranges. For HTML and plain text, markup is
empty and the visible text is the paragraph text itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.load.segmentation import Paragraph

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class VisibleText:
    """``text`` with the markup removed; ``offsets[i]`` is the absolute offset of ``text[i]``.

    ``offsets`` has one extra entry, the absolute end, so ``offsets[j]`` for an
    exclusive end ``j`` is valid too.
    """

    text: str
    offsets: list[int]

    def absolute(self, start: int, end: int) -> tuple[int, int]:
        """Absolute ``(start, end)`` of the visible slice ``text[start:end]`` (non-empty)."""
        return self.offsets[start], self.offsets[end - 1] + 1


def visible_text(p: Paragraph) -> VisibleText:
    chars: list[str] = []
    offsets: list[int] = []
    position = p.start
    for m_start, m_end in list(p.markup) + [(p.end, p.end)]:
        m_start, m_end = max(m_start, p.start), min(m_end, p.end)
        for absolute in range(position, m_start):
            chars.append(p.text[absolute - p.start])
            offsets.append(absolute)
        position = max(position, m_end)
    offsets.append(p.end)
    return VisibleText("".join(chars), offsets)


def visible_words(p: Paragraph) -> list[tuple[str, int, int]]:
    """``(word, absolute_start, absolute_end)`` for each visible word of ``p``.

    A word's range may span markup inside it (``**Up**dated`` is one word).
    """
    visible = visible_text(p)
    return [(m.group(), *visible.absolute(m.start(), m.end()))
            for m in _WORD.finditer(visible.text)]
