"""The comparison-level fact API and its JSON: what exports, the reader and the CLI use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader.core.comparison import compare
from reader.core.diff.facts import paragraph_facts
from reader.core.diff.story_facts import comparison_fact_changes, link_fact_changes, track_quotes
from reader.core.export.summary import comparison_json, summary_text
from reader.core.load.documents import document_from_text

A = ("Officials said 15 people died on Wednesday.\n\n"
     "“We will not give up,” Wang Yi said.\n\n"
     "The mayor reportedly resigned.")
B = ("Officials said sixteen people died on Thursday.\n\n"
     "“We will give up,” Putin said.\n\n"
     "The mayor resigned.")


def _comp():
    return compare([document_from_text(A, "a.txt"), document_from_text(B, "b.txt")])


def test_facts_of_a_paragraph_have_exact_offsets():
    text = "Foreign minister Wang Yi said fifteen people, or 15%, died on Wednesday."
    facts = paragraph_facts(text)
    for f in facts:
        assert text[f.start:f.end] == f.text
    kinds = {(f.kind, f.key) for f in facts}
    assert ("number", "15") in kinds and ("number", "15%") in kinds
    assert ("date", "wednesday") in kinds and ("attribution", "neutral") in kinds
    name = next(f for f in facts if f.kind == "name")
    assert name.detail == "person" and name.title.lower() == "foreign minister"


def test_comparison_fact_changes_in_story_order():
    comp = _comp()
    placed = comparison_fact_changes(comp, 0)
    labels = [p.label for p in placed]
    assert "number: 15 → sixteen" in labels
    assert "date: Wednesday → Thursday" in labels
    assert "speaker: Wang Yi → Putin" in labels
    assert any(p.kind == "negation" and p.change.op == "dropped" for p in placed)
    assert any(p.kind == "hedge" and p.change.op == "dropped" for p in placed)
    assert [p.row for p in placed] == sorted(p.row for p in placed)
    for p in placed:
        for span, ref in ((p.change.a_span, p.reference), (p.change.b_span, p.other)):
            if span:
                assert 0 <= span[0] < span[1] <= len(comp.text(ref))


def test_reference_side_is_always_a():
    comp = _comp()
    forward = {p.label for p in comparison_fact_changes(comp, 0)}
    backward = {p.label for p in comparison_fact_changes(comp, 1)}
    assert "number: 15 → sixteen" in forward and "number: sixteen → 15" in backward


def test_json_carries_facts_and_fact_changes():
    comp = _comp()
    data = json.loads(json.dumps(comparison_json(comp)))
    para = data["sources"][0]["paragraphs"][0]
    assert {f["kind"] for f in para["facts"]} >= {"number", "date", "attribution"}
    changes = [c for link in data["links"] for c in link["fact_changes"]]
    assert {"kind", "op", "a", "b", "label"} <= set(changes[0])
    assert sum(len(link_fact_changes(comp, link)) for link in comp.links) == len(changes)


def test_summary_lists_fact_changes_first_with_sources_from_one():
    text = summary_text(_comp())
    lines = text.splitlines()
    assert lines[1].startswith("Fact changes against [1]")
    assert any("[2]" in line and "number: 15 → sixteen" in line for line in lines[2:8])


def test_summary_says_which_paragraphs_each_fact_change_joins():
    """Read by hand: B's paragraph 2 says A's first paragraph with 15 -> sixteen and
    Wednesday -> Thursday; its third, the quote with another speaker."""
    opened = "A short note about the weather came first in this version.\n\n" + B
    comp = compare([document_from_text(A, "a.txt"), document_from_text(opened, "b.txt")])
    lines = summary_text(comp).splitlines()
    assert "  [1] ¶1 → [2] ¶2: number: 15 → sixteen" in lines
    assert "  [1] ¶1 → [2] ¶2: date: Wednesday → Thursday" in lines
    assert any(line.startswith("  [1] ¶2 → [2] ¶3: speaker: ") for line in lines)
    assert not any(line.startswith("  row ") for line in lines)


def test_quotes_are_tracked_across_sources():
    quotes = track_quotes(_comp())
    assert len(quotes) == 1
    forms = {r.source: (r.form, r.speaker) for r in quotes[0].renderings}
    assert forms == {0: ("verbatim", "Wang Yi"), 1: ("altered", "Putin")}


def test_facts_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("PARALLAX_FACTS", "0")
    comp = _comp()
    assert comparison_fact_changes(comp, 0) == []
    assert "Fact changes" not in summary_text(comp)


def test_cli_json_has_fact_keys(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(A, encoding="utf-8")
    b.write_text(B, encoding="utf-8")
    parallax = str(Path(sys.executable).with_name("parallax"))
    out = subprocess.run([parallax, "align", "--json", str(a), str(b)],
                         capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    assert all("fact_changes" in link for link in data["links"])


def test_seed_quotes_are_tracked_as_read():
    """Wang's words on third parties: verbatim in 000, reworded in 001 (both "Wang
    said/stated"), without quotation marks in 003; the CNN article does not carry them."""
    from reader.core.load.documents import load_document, seed_paths
    comp = compare([load_document(p) for p in seed_paths()])
    quote = next(q for q in track_quotes(comp)
                 if q.text.startswith("China-Russia relations are not against third parties"))
    forms = {r.source: (r.paragraph, r.form, r.speaker) for r in quote.renderings}
    assert forms == {0: (6, "verbatim", "Wang"), 1: (10, "altered", "Wang"),
                     3: (9, "paraphrased", "")}


def test_labels_read_without_their_kind_where_the_kind_is_shown():
    from reader.core.diff.fact_changes import label_without_kind
    assert label_without_kind("date", "date: this week → Tuesday") == "this week → Tuesday"
    assert label_without_kind("quote", "quote trimmed") == "trimmed"
    assert label_without_kind("negation", "negation added: not (x…)") == "added: not (x…)"
    assert label_without_kind("speaker", "name: Wang → Putin") == "name: Wang → Putin"


def test_fact_changes_are_written_as_json_writes_their_dicts():
    """The JSON writer formats fact changes itself (``fact_changes_text``): the same text as
    ``json`` gives for ``to_json`` of each, whatever the spans and labels hold."""
    from reader.core.diff.fact_changes import FactChange
    from reader.core.export.summary import _ENCODER, fact_changes_text
    changes = [FactChange("number", "changed", (3, 5), (4, 6), "number: 15 → 16"),
               FactChange("quote", "dropped", (0, 40), None, 'quote dropped: “he said \\"no\\"”'),
               FactChange("name", "added", None, (12, 19), "name added: Zoë\tO'Brien\n"),
               FactChange("speaker", "changed", (1, 2), (3, 4), "speaker: 王毅 → Putin")]
    assert fact_changes_text([]) == "[]"
    for k in range(len(changes)):
        expected = _ENCODER.encode([c.to_json() for c in changes[k:]])
        assert fact_changes_text(changes[k:]) == expected
        assert json.loads(fact_changes_text(changes[k:])) == [c.to_json() for c in changes[k:]]


def test_a_quote_change_says_which_quote_cut_at_a_word():
    """"quote altered" in a list of twenty does not say which, nor what it became: the
    label shows both renderings from the first word where they part, each cut at a word,
    never inside one (read off the sentences by hand)."""
    from reader.core.diff.fact_changes import fact_changes
    said = "Lavrov said: “Our relations have continued to develop dynamically.”"
    altered = "Lavrov said: “Our relationship continues to develop dynamically.”"
    trimmed = "Lavrov said: “Our relations have continued to develop.”"
    assert [c.label for c in fact_changes(said, altered)] == [
        "quote altered: “…relations have continued to…” → “…relationship continues to…”"]
    assert [c.label for c in fact_changes(said, trimmed)] == [
        "quote trimmed: “…develop dynamically” → “…develop”"]


def test_the_summary_lists_a_speaker_renamed_in_two_quotes_once():
    """A speaker renamed in a paragraph of two quotes, each naming the same speaker, is one
    fact change (the same spans): "twice" told of two misattributions (review 8)."""
    from reader.core.comparison import compare
    from reader.core.diff.story_facts import fact_summary_lines
    from reader.core.load.documents import document_from_text
    para = ("“We have never seen water come this fast,” said Mayor Katrin Weber, who ordered "
            "the evacuation shortly after midnight. “People had less than an hour to leave.”\n")
    comp = compare([document_from_text("Floods in Saxony\n\n" + para, "a.txt"),
                    document_from_text("Floods in Saxony\n\n" + para.replace("Weber", "Werner"),
                                       "b.txt")])
    assert fact_summary_lines(comp) == [
        "Fact changes against [1]: 1",
        "  [1] ¶2 → [2] ¶2: speaker: Katrin Weber → Katrin Werner"]
