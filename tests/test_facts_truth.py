"""Recall and precision of fact changes on the hand-checked seed pairs (tests/fact_truth.py).

Every pair in ``PAIRS`` is compared with ``fact_changes`` (documents read as
context, and the other paragraphs the alignment merges with a pair given as
siblings, as ``story_facts`` does); a reported change matches a truth entry of
the same kind whose texts lie inside its spans (and whose missing side is
missing in the report too). Unmatched reports count against precision.
"""

from __future__ import annotations

import pytest
from fact_truth import PAIRS, TRUTH

from reader.core.comparison import compare
from reader.core.diff.fact_changes import FactChange, fact_changes
from reader.core.diff.facts import name_context
from reader.core.load.documents import load_document, seed_paths

GOAL = 0.9
"""Issue 9 asks for 0.9 recall and precision (README, "Facts")."""
FLOOR = {"recall": GOAL, "precision": GOAL}
"""Measured 0.906 / 0.921: the goal is the floor."""


def _located(text: str, needle: str | None) -> tuple[int, int] | None:
    if needle is None:
        return None
    at = text.find(needle)
    assert at >= 0, f"truth text not in paragraph: {needle!r}"
    return at, at + len(needle)


def _hits(span, truth) -> bool:
    if truth is None or span is None:
        return truth is None and span is None
    return span[0] < truth[1] and truth[0] < span[1]


def score() -> tuple[float, float, list, list]:
    docs = [load_document(p) for p in seed_paths()]
    contexts = [name_context([p.text for p in d.paragraphs if not p.boilerplate]) for d in docs]
    linked = {(link.a, link.b) for link in compare(docs).links}

    def siblings(ref, other):
        """Paragraphs of ``ref``'s source that the engine also links to ``other``."""
        return tuple(docs[ref[0]].paragraphs[r[1]].text for x, y in linked
                     for r, o in ((x, y), (y, x)) if o == other and r[0] == ref[0] and r != ref)

    found: dict[tuple, list[FactChange]] = {}
    for a, p, b, q in PAIRS:
        found[(a, p, b, q)] = fact_changes(docs[a].paragraphs[p].text, docs[b].paragraphs[q].text,
                                           contexts[a], contexts[b],
                                           a_siblings=siblings((a, p), (b, q)),
                                           b_siblings=siblings((b, q), (a, p)))
    missed, used = [], set()
    for a, p, b, q, kind, ta, tb in TRUTH:
        sa = _located(docs[a].paragraphs[p].text, ta)
        sb = _located(docs[b].paragraphs[q].text, tb)
        hit = next((i for i, c in enumerate(found[(a, p, b, q)])
                    if c.kind == kind and (a, p, b, q, i) not in used
                    and _hits(c.a_span, sa) and _hits(c.b_span, sb)), None)
        if hit is None:
            missed.append((a, p, b, q, kind, ta, tb))
        else:
            used.add((a, p, b, q, hit))
    extra = [(key, c.label) for key, changes in found.items() for i, c in enumerate(changes)
             if (*key, i) not in used]
    reported = sum(len(c) for c in found.values())
    recall = 1 - len(missed) / len(TRUTH)
    precision = (reported - len(extra)) / max(1, reported)
    return recall, precision, missed, extra


def test_truth_set_is_big_enough_and_varied():
    assert len(TRUTH) >= 40
    assert {e[4] for e in TRUTH} >= {"number", "date", "name", "quote", "attribution", "hedge"}


@pytest.mark.parametrize("which", ["recall", "precision"])
def test_fact_changes_on_hand_set(which):
    recall, precision, missed, extra = score()
    value = recall if which == "recall" else precision
    assert value >= FLOOR[which], (f"{which} {value:.2f}; missed: {missed}; extra: {extra}")


if __name__ == "__main__":
    r, p, m, e = score()
    print(f"recall {r:.3f}  precision {p:.3f}  truth {len(TRUTH)}")
    print("missed:", *m, sep="\n  ")
    print("extra:", *e, sep="\n  ")
