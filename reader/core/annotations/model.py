"""A note and the anchor that ties it to a stretch of a source's text.

Anchors follow the W3C Web Annotation selectors that Hypothesis uses: the
exact quote, some text before and after it, and its character offsets.
Offsets are fast and exact while the source is unchanged; the quote and its
context let us find the text again after the source was edited.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

CONTEXT_CHARS = 32
DEFAULT_CATEGORIES = ("omission", "addition", "wording", "factual", "framing", "other")
STATUSES = ("open", "checked", "dismissed")


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


@dataclass
class Anchor:
    """Where a note sits: source index and path, quote, context and offsets."""

    source: int
    path: str
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int

    @classmethod
    def from_text(cls, source: int, path: str, text: str, start: int, end: int) -> "Anchor":
        return cls(source, path, text[start:end], text[max(0, start - CONTEXT_CHARS):start],
                   text[end:end + CONTEXT_CHARS], start, end)


@dataclass
class Note:
    """One annotation: where it is, what the user wrote, how they filed it."""

    anchor: Anchor
    body: str = ""
    category: str = "other"
    status: str = "open"
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    created: str = field(default_factory=now_iso)
    modified: str = field(default_factory=now_iso)
    counterparts: list[Anchor] = field(default_factory=list)

    def touch(self) -> None:
        self.modified = now_iso()

    def to_json(self) -> dict:
        """The documented note format (README, "Notes JSON"): anchor fields at top level."""
        data = {"id": self.id, **asdict(self.anchor), "body": self.body,
                "category": self.category, "status": self.status, "created": self.created,
                "modified": self.modified}
        if self.counterparts:
            data["counterparts"] = [asdict(a) for a in self.counterparts]
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Note":
        """Build a note from JSON, filling in missing optional fields; raises on bad data."""
        if not isinstance(data, dict):
            raise ValueError("a note must be a JSON object")
        anchor = _anchor(data)
        counterparts = [_anchor(c) for c in data.get("counterparts") or []]
        stamp = str(data.get("created") or now_iso())
        category = str(data.get("category") or "other")
        status = str(data.get("status") or "open")
        return cls(anchor, str(data.get("body") or ""), category,
                   status if status in STATUSES else "open",
                   str(data.get("id") or uuid.uuid4().hex), stamp,
                   str(data.get("modified") or stamp), counterparts)


def _anchor(data: dict) -> Anchor:
    try:
        source, start, end = int(data["source"]), int(data["start"]), int(data["end"])
        quote = str(data["quote"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"a note needs source, quote, start and end ({exc})") from None
    if start < 0 or end < start:
        raise ValueError("a note's start and end must satisfy 0 <= start <= end")
    return Anchor(source, str(data.get("path") or ""), quote, str(data.get("prefix") or ""),
                  str(data.get("suffix") or ""), start, end)
