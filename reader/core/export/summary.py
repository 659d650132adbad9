"""What ``parallax align`` prints: the JSON document (schema 2) and a readable summary.

The JSON field names are a published interface (README, "JSON output"):
fields may be added, never renamed. Indices are 0-based (the document says
so in its ``indices`` field); offsets are code points into the decoded
text, as in ``Paragraph``.

The word diff of every link is the costly part (20 sources of 100
paragraphs have ~19,000 links): ``compare(link_diffs=True)`` computes the
diffs of the links it finds pair by pair in its aligning workers, and the
writer the rest, with the links' fact changes, in forked workers of its own
when worthwhile, which send back runs of finished links as one text each;
the document is written piece by piece rather than built as one string.
``reading_for_json`` finds the paragraphs' facts while ``compare``'s workers
align.
"""

from __future__ import annotations

import codecs
import dataclasses
import functools
import io
import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from typing import IO, Any

from reader.core.align.parallel import SERIAL, fork_imap, worth_forking
from reader.core.collector import gc_paused
from reader.core.comparison import Comparison, Link
from reader.core.diff.story_facts import (
    FactChange,
    fact_summary_lines,
    facts_enabled,
    facts_json,
    link_fact_changes,
    prepare_link_facts,
    reading_for_json,
)
from reader.core.snippets import counted
from reader.core.sources import alone_warning, copies_warning, loose_warning, source_labels

SCHEMA = 2
INDICES = "0-based"
DOCUMENT_METADATA = ("title", "byline", "site", "published", "url", "lang")
"""What the loader may know about a source besides its text; null when it does not."""
LINK_DETAILS = ("kind", "confidence", "evidence", "group", "set_by")
"""What the aligner may say about a link besides its score; null when it does not."""
LINK_RUN = 100
"""Links a worker serialises into one text, at most: ~200 round trips for 20 sources of
100 paragraphs, each text long enough (~200 KB) that sending it costs next to nothing,
short enough that the few that come back early take little memory."""
MIN_RUNS = 50
"""Runs the links are cut into, at least (fewer links make shorter runs): enough for the
workers to share them evenly."""


def _plain(value: Any) -> Any:
    """``json`` fallback for what the engine may attach (dataclasses, sets, dates)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_plain)
"""One encoder for every value: ``json.dumps`` with options builds a new one per call."""
_dumps = _ENCODER.encode


def _source_json(comp: Comparison, s: int, label: str) -> dict:
    """A source in the JSON; ``label`` is how the summary names it (``source_labels``:
    three versions titled "Intermediate" are told apart there by their file names)."""
    doc = comp.documents[s]
    out = {"index": s, "path": doc.path, "name": doc.name, "label": label,
           "encoding": doc.encoding, "format": doc.format, "sha256": doc.sha256}
    out.update({key: getattr(doc, key, None) for key in DOCUMENT_METADATA})
    unlinked = getattr(comp, "unlinked", None)  # words no link covers, where the aligner says
    out["paragraphs"] = [{
        "index": p.index, "start": p.start, "end": p.end, "text": p.text,
        "boilerplate": p.boilerplate, "heading": p.heading,
        "presence": comp.presence((s, p.index)), "carried_by": sorted(comp.carriers((s, p.index))),
        **({"unlinked": unlinked((s, p.index))} if unlinked else {}),
        "facts": facts_json(comp, (s, p.index)),
    } for p in doc.paragraphs]
    return out


def read_sources(comp: Comparison) -> None:
    """Find every paragraph's facts now, and read what its links will compare (both are
    kept): what the JSON needs that alignment does not change (``reading_for_json``,
    which ``compare`` may have run already)."""
    with gc_paused():
        for _ in reading_for_json(comp):
            pass


def _link_json(comp: Comparison, k: int, diff: bool, added: dict) -> bytes:
    """Link ``k`` as JSON text in UTF-8, with its word diff when ``diff``.

    The diff (ASCII, and most of the text) is encoded apart from the rest: joined with
    it, a run of links whose fact labels or evidence hold one curly quote was copied
    at two bytes a character, then encoded back (20 x 100: 0.04 s of the workers').

    Written field by field rather than through ``json.dumps`` of a dict: the
    fields are numbers and a few strings that recur from link to link (kinds,
    evidence), and 18,000 links of 20 sources took ~0.2 s of ``json`` in the
    one process that writes, after the workers are done (through ``_value``
    for each field, still 0.25 s of the workers' time; 0.12 s as written now)."""
    link = comp.links[k]
    values = _link_values(comp, link)
    added = _news(added, link)
    if added:  # a comparison file's fields (its set_by replaces the engine's in place)
        fields = dict(zip(_LINK_KEYS, values))
        fields.update((key, _dumps(value)) for key, value in added.items())
        text = "{" + ", ".join(f"{_value(key)}: {value}" for key, value in fields.items())
    else:
        text = _LINK_TEMPLATE.format(*values)
    if not diff:
        return (text + "}").encode()
    return b"".join(((text + ', "diff": ').encode(), comp.link_diff_json(link).encode(), b"}"))


def _news(added: dict, link: Link) -> dict:
    """The fields of ``added`` that say more than the link: ``parallax align --json`` adds
    every link's ``set_by``, which the link has, and written field by field the 18,000
    links of 20 sources took 0.1 s more than through ``_LINK_TEMPLATE``."""
    if added.get("set_by", link.set_by) == link.set_by:
        return {key: value for key, value in added.items() if key != "set_by"}
    return added


def _link_values(comp: Comparison, link: Link) -> tuple[str, ...]:
    """The JSON text of each of ``_LINK_KEYS`` for ``link`` (as ``json`` writes them)."""
    (sa, pa), (sb, pb) = a, b = link.a, link.b
    group = link.group
    return (f"[{sa}, {pa}]", f"[{sb}, {pb}]", _number(link.score), _string(link.kind),
            _number(link.confidence), _string(link.evidence),
            "null" if group is None else str(int(group)), _value(link.set_by),
            f"[{_number(link.cover_a)}, {_number(link.cover_b)}]",
            "true" if comp.row_of[a] != comp.row_of[b] else "false",
            fact_changes_text(link_fact_changes(comp, link)))


_LINK_KEYS = ("a", "b", "score", *LINK_DETAILS, "cover", "moved", "fact_changes")
_LINK_TEMPLATE = "{{" + ", ".join(f'"{key}": {{}}' for key in _LINK_KEYS)


def fact_changes_text(changes: list[FactChange]) -> str:
    """``[c.to_json() for c in changes]`` as ``json`` writes it, without the dicts (one
    link in two has fact changes on 20 versions of a story: half the time of ``json``)."""
    if not changes:
        return "[]"
    return "[" + ", ".join(
        f'{{"kind": {_string(c.kind)}, "op": {_string(c.op)}, "a": {_span(c.a_span)}, '
        f'"b": {_span(c.b_span)}, "label": {_dumps(c.label)}}}' for c in changes) + "]"


def _span(span: tuple[int, int] | None) -> str:
    return f"[{span[0]}, {span[1]}]" if span else "null"


def _number(value: float) -> str:
    """A number as ``json`` writes it: a finite float (numpy's too) by ``float.__repr__``."""
    if isinstance(value, float) and value - value == 0:
        return float.__repr__(value)
    return _dumps(value)  # an int, NaN, infinity


def _value(value: Any) -> str:
    """A field as ``json`` writes it: a finite float (numpy's too) by ``float.__repr__``,
    a string through a cache (the same few recur over a comparison's links)."""
    if isinstance(value, str):
        return _string(value)
    return _number(value)


@functools.lru_cache(maxsize=4096)
def _string(value: str) -> str:
    return _dumps(value)


def _links(comp: Comparison, diffs: bool, link_fields: list[dict] | None,
           meanwhile: Callable[[], None]) -> Iterator[bytes]:
    """The links' JSON text, in order, a run of links at a time, in UTF-8; diffs (those
    ``compare`` has not computed already) and fact changes computed on every core when
    worthwhile.

    Each worker sends back a run of finished links as one text: the diffs
    ``compare`` computed are spliced in there (the workers inherit them),
    and the parent only writes, each run as soon as it comes in order. The
    text is sent encoded: a ``str`` is sent as UTF-8 all the same, and this
    process would decode 35 MB of it for 20 sources of 100 paragraphs, then
    encode it again to write it (0.06 s; ``_utf8_writer``). A run is placed by
    its first link's row: the links of neighbouring rows join the same
    paragraphs, so each worker, doing its share of the rows, reads those of its
    rows (``fork_imap``). ``meanwhile()`` is run by this process while the
    workers work.
    """
    comp.row_of  # noqa: B018  (computed once here, inherited by the forked workers)
    prepare_link_facts(comp)  # likewise
    work = worth_forking(_work_left(comp, diffs))
    total = len(comp.links)
    size = max(1, min(LINK_RUN, total // MIN_RUNS))
    runs = [range(k, min(k + size, total)) for k in range(0, total, size)]

    def run_json(run: range) -> bytes:
        with gc_paused():
            return b",\n  ".join(_link_json(comp, k, diffs, link_fields[k] if link_fields else {})
                                 for k in run)

    rows = max(1, len(comp.rows))
    yield from fork_imap(run_json, runs, meanwhile=meanwhile,
                         parallel_from=2 if work else SERIAL,
                         places=[comp.row_of[comp.links[run.start].a] / rows for run in runs])


def _work_left(comp: Comparison, diffs: bool) -> Iterator[int]:
    """The characters each link's JSON still has to read: its two texts, where its fact
    changes are to find or its diff to make, once per pair of texts (twenty copies of
    a wire story link the same two paragraphs many times, and each pair is read once:
    ``fact_changes``, ``WordDiffer.diff_json``)."""
    facts = facts_enabled()
    seen: set[tuple[str, str]] = set()
    for link in comp.links:
        if facts and link.kind != "identical" or diffs and not comp.has_link_diff(link):
            texts = (comp.compared(link.a), comp.compared(link.b))
            if texts not in seen:
                seen.add(texts)
                yield len(texts[0]) + len(texts[1])


def write_json(comp: Comparison, out: IO[str], diffs: bool = True,
               link_fields: list[dict] | None = None, fields: dict | None = None) -> None:
    """Write the comparison as JSON (schema 2): one source, link or row per line.

    ``link_fields[k]`` is added to link ``k``, ``fields`` to the document
    (what a comparison file adds: ``set_by``, ``comparison_file``). The
    sources' JSON is made while the links' workers work, then written before
    the links.
    """
    read_sources(comp)  # at once when ``compare`` did it already; else the workers inherit it
    out.write(f'{{"schema": {SCHEMA}, "indices": "{INDICES}", "diffs": {_dumps(diffs)},\n'
              f' "warnings": {_dumps(comparison_warnings(comp))},\n')
    for key, value in (fields or {}).items():
        out.write(f" {_dumps(key)}: {_dumps(value)},\n")
    sources: list[str] = []

    def write_sources() -> None:
        with gc_paused():  # the sources' facts: many small dicts, no cycle
            sources.extend(_dumps(_source_json(comp, s, label)) for s, label in
                           enumerate(source_labels(comp.documents)))

    links = _links(comp, diffs, link_fields, write_sources)
    first = list(itertools.islice(links, 1))
    _write_list(out, "sources", sources)
    out.write(",\n")
    _write_list(out, "links", itertools.chain(first, links), utf8=True)
    out.write(",\n")
    _write_list(out, "rows", map(_dumps, comp.rows))
    out.write("}\n")


def _utf8_writer(out: IO[str]) -> Callable[[bytes], None]:
    """How to write UTF-8 text to ``out`` for a while: as it is, to the bytes beneath,
    where ``out`` writes UTF-8 (the text it holds is passed on first: write no text to
    ``out`` until done with the writer); decoded where it does not (a ``StringIO``, a
    terminal in another encoding)."""
    buffer, encoding = getattr(out, "buffer", None), getattr(out, "encoding", None)
    if buffer is None or not encoding or codecs.lookup(encoding).name != "utf-8":
        return lambda data: out.write(data.decode())
    out.flush()
    return buffer.write


def _write_list(out: IO[str], key: str, items: Iterator[str] | Iterator[bytes],
                utf8: bool = False) -> None:
    """``"key": [items]``, an item a line; ``utf8`` items are UTF-8 bytes (``_utf8_writer``)."""
    out.write(f' "{key}": [')
    write = _utf8_writer(out) if utf8 else out.write
    first, then = ("\n  ", ",\n  ")
    if utf8:
        first, then = first.encode(), then.encode()
    for n, item in enumerate(items):
        write(then if n else first)
        write(item)
    out.write("]")


def comparison_json(comp: Comparison, diffs: bool = True) -> dict:
    """The same document as plain data, for callers that want a ``dict``."""
    buffer = io.StringIO()
    write_json(comp, buffer, diffs)
    return json.loads(buffer.getvalue())


def comparison_warnings(comp: Comparison, tags: list[str] | None = None) -> list[str]:
    """What a reader must know before trusting the comparison: a source that shares no
    passage, or only a few (another story?), a source that is a copy of another. The
    summary says them first, and the JSON carries them (``warnings``): a script over
    hundreds of sets had no way to see them. ``tags``: the sources as people number them."""
    n = len(comp.documents)
    return [w for w in (alone_warning(comp.alone(), n, tags=tags),
                        loose_warning(comp.loose(), n, tags), copies_warning(comp.copies(), n,
                                                                             tags)) if w]


def summary_text(comp: Comparison, reference: int = 0, numbers: list[int] | None = None
                 ) -> str:
    """A few lines a person can read in a terminal; fact changes against ``reference``.
    ``numbers``: each source's number for people, 0-based (a comparison file that lost a
    source keeps the others' numbers, as its stderr lines and ``parallax fix`` name them),
    else its place among the files."""
    docs = comp.documents
    people = numbers or list(range(len(docs)))
    tags = [f"[{n + 1}]" for n in people]
    lines = [f"{len(docs)} sources, {len(comp.rows)} aligned rows, {len(comp.links)} links"]
    lines += [f"Warning: {warning}" for warning in comparison_warnings(comp, tags)]
    lines += fact_summary_lines(comp, reference, people)
    for s, (doc, label) in enumerate(zip(docs, source_labels(docs, people))):
        content = doc.content
        unique = [p for p in content if not comp.links_of((s, p.index))]  # presence "none"
        lines.append(
            f"  {label}  ({doc.encoding}; {counted(len(doc.paragraphs), 'paragraph')}, "
            f"{len(doc.paragraphs) - len(content)} boilerplate, {len(unique)} unique)")
        lines.append(f"      {doc.path}")
    lines.append("Links per pair of sources:")
    per_pair: defaultdict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    for link in comp.links:
        per_pair[(link.a[0], link.b[0])][link.kind] += 1
    for a, b in itertools.combinations(range(len(docs)), 2):
        kinds = per_pair.get((a, b), Counter())
        detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "none"
        lines.append(f"  {tags[a]}-{tags[b]}: {sum(kinds.values())} ({detail})")
    return "\n".join(lines)
