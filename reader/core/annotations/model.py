"""A note and the anchor that ties it to a stretch of a source's text.

Anchors follow the W3C Web Annotation selectors that Hypothesis uses: the
exact quote, some text before and after it, and its character offsets.
Offsets are fast and exact while the source is unchanged; the quote and its
context let us find the text again after the source was edited.
"""

from __future__ import annotations

import hashlib
import json
import math
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

NOTES_JSON_SCHEMA = 1
"""Version of the exchange format (``notes export``/``import``); the store has its own."""
CONTEXT_CHARS = 32
CLOCK_SKEW_S = 24 * 3600
"""Timestamps further than this in the future are a wrong clock or a forged file."""
DEFAULT_CATEGORIES = ("omission", "addition", "wording", "factual", "framing", "other")
STATUSES = ("open", "checked", "dismissed")


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def when(stamp: str) -> float:
    """Seconds since the epoch of an ISO time stamp; 0 for anything unreadable.

    Stamps are compared as instants, not strings ("Z" and "+00:00", other zones).
    """
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        return moment.timestamp()
    except (OverflowError, OSError, ValueError):
        return 0.0


def in_the_future(stamp: str) -> bool:
    return when(stamp) > datetime.now(timezone.utc).timestamp() + CLOCK_SKEW_S


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
    store: str = ""  # id of the source's notes file: finds a counterpart after a rename

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
        data = {"id": self.id, **_anchor_json(self.anchor), "body": self.body,
                "category": self.category, "status": self.status, "created": self.created,
                "modified": self.modified}
        if self.counterparts:
            data["counterparts"] = [_anchor_json(a) for a in self.counterparts]
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Note":
        """Build a note from JSON, filling in missing optional fields; ValueError on bad data.

        A note without an id gets one derived from its content, so that the
        same note read twice is recognised as one (not duplicated on save).
        """
        if not isinstance(data, dict):
            raise ValueError("a note must be a JSON object")
        anchor = _anchor(data)
        counterparts = data.get("counterparts") or []
        if not isinstance(counterparts, list):
            raise ValueError("counterparts must be a list")
        counterparts = [_anchor(c) for c in counterparts]
        stamp = _text(data, "created") or now_iso()
        status = _text(data, "status") or "open"
        return cls(anchor, _text(data, "body"), _text(data, "category") or "other",
                   status if status in STATUSES else "open",
                   _text(data, "id") or content_id(data), stamp,
                   _text(data, "modified") or stamp, counterparts)


def content_id(data: dict) -> str:
    """A stable id for a note saved without one."""
    try:
        canonical = json.dumps(data, sort_keys=True, ensure_ascii=True, default=str)
    except (TypeError, ValueError, RecursionError):
        canonical = repr(sorted(map(str, data)))
    return "c" + hashlib.sha256(canonical.encode()).hexdigest()[:31]


def _anchor_json(anchor: Anchor) -> dict:
    data = asdict(anchor)
    if not data["store"]:
        del data["store"]
    return data


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{key} must be text")
    return value


def _int(data: dict, key: str) -> int:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"{key} must be a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{key} must be a finite number")
    return int(value)


def _anchor(data: dict) -> Anchor:
    if not isinstance(data, dict):
        raise ValueError("an anchor must be a JSON object")
    missing = [key for key in ("source", "quote", "start", "end") if key not in data]
    if missing:
        raise ValueError(f"a note needs source, quote, start and end; this one has no "
                         f"{' and no '.join(missing)}")
    try:
        source, start, end = _int(data, "source"), _int(data, "start"), _int(data, "end")
        quote = data["quote"]
    except (TypeError, ValueError, OverflowError) as exc:
        raise ValueError(f"a note's source, start and end must be whole numbers ({exc})") \
            from None
    if not isinstance(quote, str):
        raise ValueError("a note's quote must be text")
    if start < 0 or end < start:
        raise ValueError("a note's start and end must satisfy 0 <= start <= end")
    return Anchor(source, _text(data, "path"), quote, _text(data, "prefix"),
                  _text(data, "suffix"), start, end, _text(data, "store"))
