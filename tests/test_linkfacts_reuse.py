"""What the links' fact changes keep per paragraph stays true for every link that reads it.

A fact with no counterpart is one change made once per paragraph (``_Read.lone``), and a
paragraph's sentences are read once (``sentences_of``): what one link asks of them must
not leak into the answer of another (the op of a change, the anchors of a link). A
paragraph's names are indexed by what another spelling shares with them: the index must
find every spelling that comparing with every name finds.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.diff import fact_changes as fact_changes_module
from reader.core.diff.fact_changes import fact_changes
from reader.core.diff.facts import NAME
from reader.core.diff.sentences import sentences_of

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

NOT_SIGNED = "The minister did not sign the treaty on Monday, officials said."
SIGNED = "The minister signed the treaty on Monday, officials said."
SIGNED_IN_PARIS = "The minister signed the treaty on Monday in Paris, officials said."


def test_a_lone_fact_is_dropped_one_way_and_added_the_other():
    """The same negation ("not", offsets 17-20 of ``NOT_SIGNED``) is dropped where its
    paragraph is the link's ``a`` and added where it is ``b``: one change kept for each."""
    dropped = fact_changes(NOT_SIGNED, SIGNED)
    added = fact_changes(SIGNED, NOT_SIGNED)
    assert [c.to_json() for c in dropped] == [
        {"kind": "negation", "op": "dropped", "a": [17, 20], "b": None,
         "label": "negation dropped: not (sign the treaty…)"}]
    assert [c.to_json() for c in added] == [
        {"kind": "negation", "op": "added", "a": None, "b": [17, 20],
         "label": "negation added: not (sign the treaty…)"}]
    again = fact_changes(NOT_SIGNED, SIGNED_IN_PARIS)  # another link of the same paragraph
    assert again == dropped and again[0] is dropped[0]  # made once, as its docstring says
    assert fact_changes(SIGNED_IN_PARIS, NOT_SIGNED) == added


def test_a_links_anchors_do_not_stay_with_the_paragraph():
    """The second sentence of ``text`` shares no word of five letters or more with
    ``other`` ("banned exports of grain" / "discuss bread prices"): unshared, unless the
    link asking has an anchor in it; asked again without one, it is unshared again."""
    text = "Prices of bread rose sharply across the region. Ukraine banned exports of grain."
    other = sentences_of("Officials met in Geneva yesterday to discuss bread prices across "
                         "the region.", None)
    mine = sentences_of(text, None)
    at = text.index("exports")
    assert not mine.shared(at, other)
    assert mine.shared(at, other, [text.index("grain")])
    assert not mine.shared(at, other, [text.index("bread")])  # an anchor in the first one
    assert not mine.shared(at, other)
    assert mine.shared(text.index("sharply"), other)  # the first sentence is shared


def _paragraphs() -> list[str]:
    return [p for path in sorted(SEEDS.glob("*.txt"))
            for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def test_another_spelling_is_found_among_the_names_indexed_as_among_all():
    """``_named_otherwise`` compares a name only with the names sharing a token or a stem
    with it; on every pair of the seeds' paragraphs (and "Russia" / "the Russian
    Federation", "Wang" / "Wang Yi"), it answers as ``_same_name`` with every name."""
    texts = _paragraphs() + ["Russia and Mr Wang met.", "The Russian Federation and Wang Yi met."]
    reads = [fact_changes_module._read(text, None) for text in texts]
    asked = found = 0
    for read in reads:
        for other in reads:
            for name in read.by_kind.get(NAME, ()):
                if name.key in other.name_keys:
                    continue
                expected = any(fact_changes_module._same_name(name, theirs)
                               for theirs in other.by_kind.get(NAME, ()))
                assert other._named_otherwise(name) == expected, (name, other.text)
                asked += 1
                found += expected
    assert asked > 1000 and found > 10  # many asked, and other spellings among them
