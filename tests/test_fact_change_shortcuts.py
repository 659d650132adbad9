"""The kinds ``_kind_changes`` does not ask about would have had nothing to report.

``_kind_changes`` asks a kind's changes only where the two paragraphs' summaries
(``_Compared``) leave something to find: names only where ``b`` has a key ``a``
lacks or ``a`` a person's key ``b`` lacks, stances compared without neutral verbs.
Here every kind is asked of every link, both ways, and the answers must be the
same; the seeds (and the dev set, where present) must hold links where each
shortcut skips a kind whose plain comparison differs, or the test proves nothing.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.comparison import compare
from reader.core.diff import fact_changes as fc
from reader.core.diff import story_facts
from reader.core.diff.facts import DATE, HEDGE, NAME, NEGATION, NUMBER
from reader.core.load.documents import load_document

DEVSET = Path("/work/shared/devsets/onestopenglish_nsa")


def _every_kind(pair: fc._Pair) -> list[fc.FactChange]:
    """What ``_kind_changes`` gives, with every kind asked."""
    out = [*pair.simple(NUMBER), *pair.simple(DATE), *pair.names()]
    quoted = pair.quotes()
    speakers = {(c.a_span, c.b_span) for c in quoted if c.kind == fc.SPEAKER}
    out = [c for c in out if not (c.kind == NAME and (c.a_span, c.b_span) in speakers)]
    return [*out, *quoted, *pair.attributions(), *pair.flips(NEGATION), *pair.flips(HEDGE)]


def _linked_reads(comp):
    for link in comp.links:
        for a, b in ((link.a, link.b), (link.b, link.a)):
            yield (fc._read(comp.text(a), story_facts.document_context(comp, a[0])),
                   fc._read(comp.text(b), story_facts.document_context(comp, b[0])))


def _comparisons(seed_comparison):
    yield seed_comparison
    if DEVSET.exists():
        yield compare([load_document(p) for p in sorted(DEVSET.glob("*.txt"))])


def test_kinds_left_unasked_have_no_changes(seed_comparison):
    names_skipped = stances_skipped = 0
    for comp in _comparisons(seed_comparison):
        for read_a, read_b in _linked_reads(comp):
            a, b = read_a.compared, read_b.compared
            assert fc._kind_changes(fc._Pair(read_a, read_b)) == \
                _every_kind(fc._Pair(read_a, read_b))
            names_skipped += a.names != b.names and b.names <= a.names and \
                a.people.isdisjoint(a.names - b.names)
            stances_skipped += a.stances == b.stances and \
                read_a._values("attribution") != read_b._values("attribution")
    assert names_skipped >= 10 and stances_skipped >= 10


def test_a_place_only_one_side_names_is_no_change():
    a = "Officials in Moscow and Kyiv said on Tuesday that the talks would resume."
    b = "Officials in Kyiv said on Tuesday that the talks would resume."
    read_a, read_b = fc._read(a, None).compared, fc._read(b, None).compared
    assert read_a.names == {"russia", "ukraine"} and read_b.names == {"ukraine"}
    assert [c for c in fc.fact_changes(a, b) if c.kind == NAME] == []


def test_another_neutral_verb_is_no_change_of_stance():
    a = "Wang said the talks went well. Lavrov told reporters they did, and added more."
    b = "Wang said the talks went well. Lavrov said they did."
    assert [c for c in fc.fact_changes(a, b) if c.kind == "attribution"] == []


def test_a_marked_stance_still_changes():
    a = "Wang said the talks went well, and Lavrov admitted they had stalled."
    b = "Wang said the talks went well, and Lavrov said they had stalled."
    assert [c.op for c in fc.fact_changes(a, b) if c.kind == "attribution"] == ["changed"]
