"""``parallax align --json`` (schema 2): complete, exact, and the same however it is computed."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from reader.core.align import parallel
from reader.core.comparison import compare
from reader.core.diff import story_facts
from reader.core.diff.words import word_diff
from reader.core.export import summary
from reader.core.load.documents import document_from_text

A = "The quick fox jumps.\n\nIt was a cold day in April.\n\nNobody saw it."
B = "The quick brown fox jumps.\n\nIt was a bright cold day in April.\n\nNobody saw it."


def _json(comp, diffs=True) -> dict:
    out = io.StringIO()
    summary.write_json(comp, out, diffs)
    return json.loads(out.getvalue())


def _pair():
    return compare([document_from_text(A, "a.txt"), document_from_text(B, "b.txt")])


def test_header_says_schema_and_indexing():
    data = _json(_pair())
    assert data["schema"] == 2 and data["indices"] == "0-based" and data["diffs"] is True
    assert [s["index"] for s in data["sources"]] == [0, 1]
    assert [p["index"] for p in data["sources"][0]["paragraphs"]] == [0, 1, 2]


def test_link_diffs_read_as_written_by_hand():
    """Paragraph 0 gains "brown ", paragraph 1 gains "bright ", paragraph 2 is unchanged."""
    data = _json(_pair())
    by_pair = {(tuple(l["a"]), tuple(l["b"])): l for l in data["links"]}
    texts = [[p["text"] for p in s["paragraphs"]] for s in data["sources"]]

    def changes(link):
        a, b = texts[0][link["a"][1]], texts[1][link["b"][1]]
        return [(d["op"], a[slice(*d["a"])], b[slice(*d["b"])]) for d in link["diff"]
                if d["op"] != "equal"]

    assert changes(by_pair[(0, 0), (1, 0)]) == [("insert", "", "brown ")]
    assert changes(by_pair[(0, 1), (1, 1)]) == [("insert", "", "bright ")]
    assert changes(by_pair[(0, 2), (1, 2)]) == []
    assert all(link["moved"] is False for link in data["links"])


def test_metadata_and_link_details_pass_through_when_present():
    comp = _pair()
    object.__setattr__(comp.documents[0], "title", "A fox")  # as the loader may set it
    data = _json(comp)
    assert data["sources"][0]["title"] == "A fox" and data["sources"][1]["title"] is None
    assert set(summary.DOCUMENT_METADATA) <= set(data["sources"][1])
    assert set(summary.LINK_DETAILS) <= set(data["links"][0])


def test_without_diffs_says_so():
    data = _json(_pair(), diffs=False)
    assert data["diffs"] is False and data["links"]
    assert all("diff" not in link for link in data["links"])


def test_forked_batches_match_a_plain_diff_of_every_link(monkeypatch):
    """Many links, computed in forked workers in several runs: each diff is the
    one ``word_diff`` gives, and it rebuilds both paragraphs exactly."""
    monkeypatch.setattr(parallel, "PARALLEL_CHARS", 0)  # read by ``worth_forking``
    monkeypatch.setattr(summary, "LINK_RUN", 7)  # runs of 7 links: joined within and across
    monkeypatch.setattr(summary, "MIN_RUNS", 2)
    paras = [f"Paragraph {k} tells of the {k}th day, when the rain came at noon." for k in range(30)]
    edited = [p.replace("rain", "snow") if k % 3 else p for k, p in enumerate(paras)]
    comp = compare([document_from_text("\n\n".join(paras), "a.txt"),
                    document_from_text("\n\n".join(edited), "b.txt")])
    data = _json(comp)
    assert len(data["links"]) == len(comp.links) >= 24  # enough to be forked
    for link, got in zip(comp.links, data["links"]):
        a, b = comp.text(link.a), comp.text(link.b)
        assert [list(link.a), list(link.b)] == [got["a"], got["b"]]
        assert got["diff"] == [span.to_json() for span in word_diff(a, b)]
        assert "".join(a[slice(*d["a"])] for d in got["diff"]) == a
        assert "".join(b[slice(*d["b"])] for d in got["diff"]) == b


def test_diffs_made_beside_the_alignment_are_the_writers_own(monkeypatch):
    """``compare(link_diffs=True)`` diffs every pairwise link in the forked aligning workers;
    the JSON must be exactly what the writer gives when it diffs each link itself."""
    from reader.core import comparison
    monkeypatch.setattr(comparison, "PARALLEL_CHARS", 0)  # three pairs: forked all the same
    paras = [f"Paragraph {k} tells of the {k}th day, when the rain came at noon." for k in range(12)]
    texts = ["\n\n".join(paras), "\n\n".join(p.replace("rain", "heavy snow") for p in paras),
             "\n\n".join(p.replace(" at noon", "") for p in paras[1:])]
    docs = [document_from_text(t, f"{n}.txt") for n, t in enumerate(texts)]
    ahead = compare(docs, link_diffs=True)
    assert ahead.links and all(ahead.has_link_diff(link) for link in ahead.links)
    plain = compare(docs)
    assert not any(plain.has_link_diff(link) for link in plain.links)
    written = [io.StringIO(), io.StringIO()]
    summary.write_json(ahead, written[0])
    summary.write_json(plain, written[1])
    assert written[0].getvalue() == written[1].getvalue()
    assert all(f'"op": "{op}"' in written[0].getvalue() for op in ("replace", "delete"))


def test_cli_prints_valid_json_and_people_count_from_one(tmp_path):
    (tmp_path / "a.txt").write_text(A)
    (tmp_path / "b.txt").write_text(B)
    paths = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    run = subprocess.run([sys.executable, "-m", "reader", "align", "--json", *paths],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["sources"][1]["path"] == paths[1]
    text = subprocess.run([sys.executable, "-m", "reader", "align", *paths],
                          capture_output=True, text=True, timeout=120).stdout
    assert "[1] " in text and "[1]-[2]: 3 " in text and "[0]" not in text


def test_meanwhile_runs_beside_the_workers_and_changes_nothing(monkeypatch):
    """``compare(meanwhile=...)`` hands the caller the comparison it will return, before its
    links exist, while the workers align; facts found then (``reading_for_json``) are the ones
    the JSON gives."""
    from reader.core import comparison
    monkeypatch.setattr(comparison, "PARALLEL_CHARS", 0)  # three pairs: forked all the same
    texts = ["Li Qiang met Putin in Moscow on Tuesday. Talks lasted two days.\n\nNo deal.",
             "Li Qiang met Putin in Moscow on Monday. Talks lasted three days.\n\nNo deal.",
             "Wang Yi met Putin in Moscow on Tuesday. Talks lasted two days."]
    docs = [document_from_text(t, f"{n}.txt") for n, t in enumerate(texts)]
    seen = []

    def meanwhile(comp):
        seen.append((comp, list(comp.links)))
        yield from story_facts.reading_for_json(comp)

    ahead = compare(docs, link_diffs=True, meanwhile=meanwhile)
    assert len(seen) == 1 and seen[0][0] is ahead and seen[0][1] == [] and ahead.links
    written = [io.StringIO(), io.StringIO()]
    summary.write_json(ahead, written[0])
    summary.write_json(compare(docs), written[1])
    assert written[0].getvalue() == written[1].getvalue()
    assert '"kind": "date"' in written[0].getvalue()


def test_sources_read_to_the_end_are_not_read_again(monkeypatch):
    comp, other = _pair(), _pair()
    for _ in story_facts.reading_for_json(comp):
        pass
    read = []
    monkeypatch.setattr(story_facts, "read_for_json", lambda c, ref: read.append((c, ref)))
    summary.read_sources(comp)
    assert read == []
    summary.read_sources(other)  # never read: every paragraph now
    assert read == [(other, (s, p.index)) for s, doc in enumerate(other.documents)
                    for p in doc.paragraphs]


def test_work_is_worth_forking_past_the_threshold_and_summed_no_further():
    from reader.core.align.parallel import PARALLEL_CHARS, worth_forking
    assert not worth_forking([PARALLEL_CHARS // 2, PARALLEL_CHARS // 2])
    assert worth_forking([PARALLEL_CHARS // 2, PARALLEL_CHARS // 2, 1])
    assert not worth_forking([])
    summed = []

    def sizes():
        for n in range(10):
            summed.append(n)
            yield PARALLEL_CHARS
    assert worth_forking(sizes()) and summed == [0, 1]


def test_forked_results_come_in_order_with_the_parents_own_work_done_once():
    """``fork_imap`` on forked workers: results in the items' order whatever order the
    workers finish in, and ``meanwhile`` run once by the calling process."""
    import os
    import time

    from reader.core.align import parallel
    if not parallel.can_fork():
        return
    parent = os.getpid()
    calls = []

    def slow_first(k: int) -> tuple[int, bool]:
        time.sleep(0.002 * (40 - k))  # the first items finish last
        return k * k, os.getpid() != parent

    results = list(parallel.fork_imap(slow_first, list(range(40)), parallel_from=2,
                                      meanwhile=lambda calls=calls: calls.append(os.getpid())))
    assert [r for r, _ in results] == [k * k for k in range(40)]
    assert all(forked for _, forked in results) and calls == [parent]


def test_placed_items_go_to_one_worker_per_part_and_come_back_in_order():
    """``fork_imap(places=...)``: each worker starts on its own part of the items (the
    first part's first item and the second part's are done by different workers), and
    the results still come in the items' order, all of them once."""
    import os

    from reader.core.align import parallel
    if not parallel.can_fork():
        return
    items = list(range(96))
    half = len(items) // 2
    results = list(parallel.fork_imap(lambda k: (k, os.getpid()), items, parallel_from=2,
                                      places=[k / len(items) for k in items]))
    assert [k for k, _ in results] == items
    pids = dict(results)
    assert pids[0] != pids[half] and os.getpid() not in pids.values()
    assert pids[0] == pids[1]  # a batch of the first part, one worker's


def test_batches_never_mix_lanes_and_keep_the_items_order():
    from reader.core.align.parallel import _chunks
    lanes = [0, 0, 0, 1, 1, 0, 0, 1]
    chunks = _chunks(list("abcdefgh"), 1, lanes)
    assert [item for _, batch in chunks for item in batch] == list("abcdefgh")
    for lane, batch in chunks:
        assert {lanes["abcdefgh".index(item)] for item in batch} == {lane}


def test_work_beside_runs_in_a_worker_and_the_parents_share_here(monkeypatch):
    """``fork_beside``: ``work`` in a forked worker, its result sent back; ``meanwhile``
    once in the calling process; both in this process, in turn, where forking is unsafe."""
    import os

    from reader.core.align import parallel
    parent = os.getpid()
    for forking in (True, False):
        if forking and not parallel.can_fork():
            continue
        monkeypatch.setattr(parallel, "can_fork", lambda forking=forking: forking)
        calls = []
        result = parallel.fork_beside(lambda: (os.getpid(), list(range(5))),
                                      lambda calls=calls: calls.append(os.getpid()))
        assert result[1] == [0, 1, 2, 3, 4] and (result[0] != parent) == forking
        assert calls == [parent]


def test_steps_fill_the_wait_for_the_worker_beside_and_stop_when_it_is_done():
    """``fork_beside(more=...)``: while the worker still works, this process takes steps of
    its later work; it stops taking them once the worker is done, and leaves the rest."""
    import os
    import time

    from reader.core.align import parallel
    if not parallel.can_fork():
        return
    taken = []

    def steps():
        for k in range(1000):
            taken.append(k)
            yield
            time.sleep(0.01)

    more = steps()
    result = parallel.fork_beside(lambda: (time.sleep(0.3), os.getpid())[1], lambda: None, more)
    assert result != os.getpid()
    during = len(taken)
    assert 5 <= during < 100  # ~30 steps of 10 ms fit in the worker's 0.3 s, not 1000
    for _ in more:
        pass
    assert taken == list(range(1000))  # the rest ran afterwards, each step once


def test_links_pickle_whole():
    """Links cross process boundaries (workers, the reader's alignment process) as their
    fields: every field comes back, and the copy is equal to the link."""
    import pickle

    from reader.core.comparison import Link
    link = Link((0, 3), (2, 5), 0.75, "merged", 0.5, 1.0, 0.4, "both linked surely", 7, "user")
    copy = pickle.loads(pickle.dumps(link))
    assert copy == link and copy.group == 7 and copy.set_by == "user"
    assert pickle.loads(pickle.dumps(Link((0, 0), (1, 0), 1.0, "identical", 1.0, 1.0))) \
        == Link((0, 0), (1, 0), 1.0, "identical", 1.0, 1.0)


def test_a_comparison_rebuilt_for_fixes_keeps_the_link_diffs():
    """The word diffs ``compare`` found beside the alignment stay with a comparison rebuilt
    for fixes (a diff depends on its two texts alone): the JSON writer diffs only the
    links the fixes made."""
    from reader.core.comparison import Comparison, Link
    from reader.core.fixes import rebuilt
    from reader.core.load.documents import document_from_text
    docs = [document_from_text("One.\n\nTwo.", f"{n}.txt") for n in range(2)]
    kept = Link((0, 0), (1, 0), 1, "identical", 1, 1)
    old = Comparison(docs, [kept], [])
    old._diff_texts = {(kept.a, kept.b): "found"}
    made = Link((0, 1), (1, 1), 1, "identical", 1, 1, set_by="user")
    fixed = rebuilt(old, [kept, made], lambda a, b: True)
    assert fixed.has_link_diff(kept) and not fixed.has_link_diff(made)
    assert len(fixed.rows) == 2


def test_links_written_as_utf8_bytes_make_the_same_document_as_text():
    """The links' text comes from the workers as UTF-8 and goes to the bytes beneath a
    UTF-8 stream as it is: the document is the one a text stream gets, in order, and a
    stream in another encoding gets it through its own encoding."""
    comp = compare([document_from_text(t, f"{n}.txt") for n, t in enumerate((
        "Li Qiang met Putin in Moscow on Tuesday. Talks lasted two days.\n\nNo deal “yet”.",
        "Li Qiang met Putin in Moscow on Monday. Talks lasted three days.\n\nNo deal yet."))])
    as_text = io.StringIO()
    summary.write_json(comp, as_text)
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    summary.write_json(comp, stream)
    stream.flush()
    assert "→" in as_text.getvalue()  # a fact change's label: not ASCII
    assert raw.getvalue().decode("utf-8") == as_text.getvalue()
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="latin-1", errors="backslashreplace", newline="")
    summary.write_json(comp, stream)
    stream.flush()
    assert raw.getvalue() == as_text.getvalue().encode("latin-1", "backslashreplace")


def test_sides_prepared_ahead_make_the_same_comparison(monkeypatch):
    """``compare(sides_ahead=...)``: sides a worker began preparing before the engine was
    imported (``parallax align``'s way) give the comparison ``compare`` makes itself."""
    from reader.core import comparison
    from reader.core.align.parallel import Beside
    from reader.core.align.sides import prepare
    monkeypatch.setattr(comparison, "PARALLEL_CHARS", 0)  # spread: forked as on big inputs
    texts = ["Li Qiang met Putin in Moscow on Tuesday. Talks lasted two days.\n\nNo deal.",
             "Li Qiang met Putin in Moscow on Monday. Talks lasted three days.\n\nNo deal.",
             "Wang Yi met Putin in Moscow on Tuesday. Talks lasted two days."]
    docs = [document_from_text(t, f"{n}.txt") for n, t in enumerate(texts)]
    ahead = compare(docs, link_diffs=True, sides_ahead=Beside(lambda: prepare(docs)))
    alone = compare(docs, link_diffs=True)
    assert ahead.links == alone.links and ahead.rows == alone.rows and ahead.links
    written = [io.StringIO(), io.StringIO()]
    summary.write_json(ahead, written[0])
    summary.write_json(alone, written[1])
    assert written[0].getvalue() == written[1].getvalue()
