"""The page inside an ``.mhtml`` single-file archive (Chrome's and Edge's "Save as single file").

An MHTML archive is a MIME ``multipart/related`` message: the page's HTML is
one part (quoted-printable or base64), its images, styles and scripts are the
others. We take the HTML part and its declared charset and ignore everything
else, so no resource of the archive is ever used.
"""

from __future__ import annotations

import re

_MIME_HEAD = re.compile(rb"^(?:[!-9;-~]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)*?"
                        rb"content-type:\s*multipart/related", re.I)
MHTML_SUFFIXES = (".mhtml", ".mht")


def is_mhtml(path: str, data: bytes) -> bool:
    """By name, or by a MIME header block announcing ``multipart/related``."""
    return path.lower().endswith(MHTML_SUFFIXES) or bool(_MIME_HEAD.match(data[:8192]))


def html_part(data: bytes) -> tuple[bytes, str | None] | None:
    """``(html_bytes, declared_charset)`` of the archive's page, or None when it has none."""
    import email  # only for archives: the e-mail package costs 15 ms to import

    message = email.message_from_bytes(data)
    for part in message.walk():
        if part.get_content_type() in ("text/html", "application/xhtml+xml"):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                return payload, part.get_content_charset()
    return None
