"""What every word diff must be, whatever the texts (shared by the diff property tests)."""

from __future__ import annotations


def assert_spans_rebuild(spans, a: str, b: str) -> None:
    """The spans, in order, rebuild ``a`` from their a-sides and ``b`` from their b-sides."""
    assert "".join(a[s.a_start:s.a_end] for s in spans) == a
    assert "".join(b[s.b_start:s.b_end] for s in spans) == b
