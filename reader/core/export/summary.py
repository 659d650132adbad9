"""What ``parallax align`` prints: the JSON document (schema 1) and a readable summary.

The JSON field names are a published interface (README, "JSON output"):
fields may be added, never renamed. Indices are 0-based; offsets are code
points into the decoded text, as in ``Paragraph``.
"""

from __future__ import annotations

import itertools
from collections import Counter

from reader.core.comparison import Comparison
from reader.core.diff.story_facts import fact_summary_lines, facts_json, link_fact_changes_json

SCHEMA = 1


def comparison_json(comp: Comparison) -> dict:
    """The comparison as plain data, ready for ``json.dumps``."""
    sources = []
    for s, doc in enumerate(comp.documents):
        sources.append({
            "path": doc.path, "name": doc.name, "encoding": doc.encoding, "format": doc.format,
            "sha256": doc.sha256,
            "paragraphs": [{
                "start": p.start, "end": p.end, "text": p.text, "boilerplate": p.boilerplate,
                "heading": p.heading, "presence": comp.presence((s, p.index)),
                "carried_by": sorted(comp.carriers((s, p.index))),
                "facts": facts_json(comp, (s, p.index)),
            } for p in doc.paragraphs],
        })
    links = [{
        "a": list(link.a), "b": list(link.b), "score": link.score, "kind": link.kind,
        "cover": [link.cover_a, link.cover_b],
        "moved": comp.row_of[link.a] != comp.row_of[link.b],
        "diff": [span.to_json() for span in comp.link_diff(link)],
        "fact_changes": link_fact_changes_json(comp, link),
    } for link in comp.links]
    return {"schema": SCHEMA, "sources": sources, "links": links, "rows": comp.rows}


def summary_text(comp: Comparison) -> str:
    """A few lines a person can read in a terminal."""
    docs = comp.documents
    lines = [f"{len(docs)} sources, {len(comp.rows)} aligned rows, {len(comp.links)} links",
             *fact_summary_lines(comp)]
    for s, doc in enumerate(docs):
        content = doc.content
        unique = [p for p in content if comp.presence((s, p.index)) == "none"]
        lines.append(
            f"  [{s + 1}] {doc.name[:60]}  ({doc.encoding}; {len(doc.paragraphs)} paragraphs, "
            f"{len(doc.paragraphs) - len(content)} boilerplate, {len(unique)} unique)")
        lines.append(f"      {doc.path}")
    lines.append("Links per pair of sources:")
    per_pair: dict[tuple[int, int], Counter[str]] = {}
    for link in comp.links:
        per_pair.setdefault((link.a[0], link.b[0]), Counter())[link.kind] += 1
    for a, b in itertools.combinations(range(len(docs)), 2):
        kinds = per_pair.get((a, b), Counter())
        detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "none"
        lines.append(f"  [{a + 1}]-[{b + 1}]: {sum(kinds.values())} ({detail})")
    return "\n".join(lines)
