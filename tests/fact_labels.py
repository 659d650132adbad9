"""The labels ``fact_changes`` gives two texts: what the rule tests of the reviews compare."""

from __future__ import annotations

from reader.core.diff.fact_changes import fact_changes


def labels(a: str, b: str, a_siblings: tuple[str, ...] = (),
           b_siblings: tuple[str, ...] = ()) -> list[str]:
    """The labels of the changes from ``a`` to ``b`` (``a_siblings``, ``b_siblings``: the
    other paragraphs of each side linked to the other, a split or a merge)."""
    return [c.label for c in fact_changes(a, b, a_siblings=a_siblings, b_siblings=b_siblings)]
