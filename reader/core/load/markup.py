"""A paragraph's text as diffs read it: Markdown syntax blanked, offsets kept.

``Paragraph.markup`` lists the absolute ranges of syntax (``**``, ``> ``,
``](https://...)``). The display hides them and styles what they mark; the word
diff must not read them as words either, or "[Wang Yi](https://…)" in one
version and "Wang Yi" in another differ by a link target nobody sees. Blanking
the syntax to spaces keeps every offset the text's own (the diff's spans apply
to the text as shown), and a run of spaces matches any other (``words.SPACE``).
For HTML and plain text, markup is empty and the text is compared as it is.
"""

from __future__ import annotations

from reader.core.load.segmentation import Paragraph


def compared_text(p: Paragraph) -> str:
    """``p.text`` with its Markdown syntax (``p.markup``) replaced by spaces."""
    if not p.markup:
        return p.text
    chars = list(p.text)
    for start, end in p.markup:
        start, end = max(start, p.start) - p.start, min(end, p.end) - p.start
        if end > start:
            chars[start:end] = " " * (end - start)
    return "".join(chars)
