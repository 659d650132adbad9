"""A paragraph that several sources carry word for word is read once, and a link between
the same two texts is compared once (``facts.local_context``, ``fact_changes``), without
changing what is found: each reading depends on its document only through what the
paragraph asks of it, and each link's result on everything its texts, their siblings and
the documents' titles can change."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.diff.fact_changes import fact_changes
from reader.core.diff.facts import local_context, name_context, paragraph_facts
from reader.core.diff.sentences import paragraph_words
from reader.core.load.markup import compared_text
from reader.core.pipeline import load_all

ROOT = Path(__file__).resolve().parents[1]

_SHARED = ("Wang said the talks with Lavrov in Moscow had been “constructive”, and that "
           "China would send 12 more delegates on Tuesday.")


def test_copies_of_a_paragraph_in_documents_that_differ_elsewhere_read_alike_once():
    """Two outlets carry the wire's paragraph word for word; one capitalises "Security"
    in another paragraph, the other names a spokesman the first does not."""
    one = name_context([_SHARED, "Foreign Minister Wang Yi met Security officials."])
    other = name_context([_SHARED, "Foreign Minister Wang Yi met security officials, "
                                   "spokesman Li Ming said."])
    assert one != other
    assert local_context(_SHARED, one) == local_context(_SHARED, other)
    assert paragraph_facts(_SHARED, local_context(_SHARED, one)) is \
        paragraph_facts(_SHARED, local_context(_SHARED, other))


def _documents() -> list[list[str]]:
    sets = [sorted((ROOT / "seeds").glob("*.txt")),
            sorted((ROOT / "tests" / "data" / "derailment").iterdir()),
            sorted((ROOT / "tests" / "data" / "lighthouse").glob("*.txt"))]
    out = []
    for paths in sets:
        docs, errors = load_all([str(p) for p in paths])
        assert not errors
        out += [[compared_text(p) for p in doc.paragraphs if not p.boilerplate]
                for doc in docs]
    return out


@pytest.fixture(scope="module")
def documents() -> list[list[str]]:
    return _documents()


def test_a_paragraph_read_with_its_cut_context_finds_what_the_whole_one_finds(documents):
    """Every paragraph of the seeds and two test stories (English, Spanish, wire copies):
    the same facts and the same content words (which a role's people join) either way."""
    for texts in documents:
        whole = name_context(texts)
        for text in texts:
            cut = local_context(text, whole)
            assert paragraph_facts(text, cut) == paragraph_facts(text, whole), text[:60]
            assert paragraph_words(text, cut) == paragraph_words(text, whole), text[:60]


_ROLE = "The Chinese foreign minister said on Tuesday that the talks had gone well."
_NAMED = "Wang Yi said on Tuesday that the talks had gone well."


def test_the_same_two_texts_are_compared_again_where_the_documents_title_someone_otherwise():
    """Whether "the Chinese foreign minister" is Wang Yi is the documents' to say: the
    link between the same two texts is no name change where they call him that, and is
    one where they call him a trade envoy, whichever is asked first. The role's own
    document never names him, so its paragraph reads alike in both: only the titles
    the other document gives him tell the two links apart."""
    minister = "Chinese Foreign Minister Wang Yi arrived in Moscow on Monday."
    envoy = "Trade envoy Wang Yi arrived in Moscow on Monday."
    role_document = name_context([_ROLE, "The talks ended on Wednesday."])
    contexts = {title: (role_document, name_context([_NAMED, title]))
                for title in (minister, envoy)}
    assert local_context(_NAMED, contexts[minister][1]) == \
        local_context(_NAMED, contexts[envoy][1])
    for order in ((minister, envoy), (envoy, minister)):
        labels = {title: [c.label for c in fact_changes(_ROLE, _NAMED, *contexts[title])]
                  for title in order}
        assert labels == {minister: [],
                          envoy: ["name: The Chinese foreign minister → Wang Yi"]}


def test_the_same_two_texts_are_compared_again_beside_other_siblings():
    """A link whose paragraph was split is read with the other half: the same two texts
    without it, and with it, give their own answers in either order."""
    whole = ("At least nine people were killed and 30 injured on Friday when a bus "
             "overturned on the coast road, forcing hundreds of drivers onto side streets.")
    half = "At least nine people were killed and 30 injured on Friday when a bus overturned."
    other_half = "The crash on the coast road forced hundreds of drivers onto side streets."
    alone = [c.label for c in fact_changes(whole, half)]
    assert alone == ["number dropped: hundreds"]
    assert fact_changes(whole, half, b_siblings=(other_half,)) == []
    assert [c.label for c in fact_changes(whole, half)] == alone


def test_a_result_given_twice_is_not_shared():
    """Each call gets its own list: a caller that adds to one changes no other link's."""
    first = fact_changes(_SHARED, _SHARED.replace("12", "14"))
    first.append(None)
    assert None not in fact_changes(_SHARED, _SHARED.replace("12", "14"))
