"""The shortcuts that make fact changes cheap give the answers of the plain computation.

Fact changes are computed for ~19,000 links on 20 sources, so ``fact_changes``
caches what each paragraph gives every one of its links (word frames, scopes,
an index of word pairs for ``_slot``) and ``story_facts`` finds merged
siblings in one table per comparison. Each shortcut is checked here against
the plain scan it replaces, on every fact of the seeds and the links between
them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.comparison import compare
from reader.core.diff import fact_changes as fc
from reader.core.diff import story_facts
from reader.core.diff.facts import paragraph_facts
from reader.core.load.documents import load_document

DEVSET = Path("/work/shared/devsets/onestopenglish_nsa")


def _plain_tokens(text: str) -> list[tuple[str, int, int]]:
    """Each token of ``text`` lower-cased alone, with its offsets (what ``_tokens`` reads
    at once from the whole lowered text)."""
    return [(m.group(0).lower().replace("’", "'"), m.start(), m.end())
            for m in fc._TOKEN.finditer(text)]


def _plain_slot(text: str, fact, other: str):
    """``_slot`` as a scan of every place of ``other`` (what the index replaces)."""
    before = [w for w in fc._lower_tokens(text, max(0, fact.start - 40), fact.start)
              if w != "the"][-2:]
    after = fc._lower_tokens(text, fact.end, fact.end + 30)[:1]
    if len(before) < 2 or not after:
        return None
    tokens = _plain_tokens(other)
    words = [t[0] for t in tokens]
    for i in range(len(words) - 2):
        if words[i] != before[0] or words[i + 1] != before[1]:
            continue
        first = i + 3 if words[i + 2] == "the" else i + 2
        for j in range(first + 1, min(len(words), first + fc.SLOT_WORDS + 1)):
            if words[j] == after[0]:
                return tokens[first][1], tokens[j - 1][2]
    return None


def _linked_texts(comp):
    for link in comp.links:
        yield comp.text(link.a), comp.text(link.b)
        yield comp.text(link.b), comp.text(link.a)


def test_slot_index_finds_what_the_scan_finds(seed_comparison):
    checked = found = 0
    for a, b in _linked_texts(seed_comparison):
        for fact in paragraph_facts(a):
            expected = _plain_slot(a, fact, b)
            assert fc._slot(a, fact, b) == expected, (fact, a, b)
            checked += 1
            found += expected is not None
    assert checked > 500 and found >= 20  # the seeds exercise both answers (1077, 40)


def test_slot_finds_the_words_in_a_facts_place():
    a = "He said that Moscow will respond soon."
    b = "He said that Kyiv will respond soon."
    fact = next(f for f in paragraph_facts(a) if f.text == "Moscow")
    assert fc._slot(a, fact, b) == (b.index("Kyiv"), b.index("Kyiv") + 4)
    assert fc._slot(a, fact, "Nothing alike here at all.") is None


def _plain_siblings(comp, ref, other):
    return tuple(comp.text(o) for o in (link.other(other) for link in comp.links_of(other))
                 if o[0] == ref[0] and o != ref)


@pytest.mark.skipif(not DEVSET.exists(), reason="dev sets not present")
def test_sibling_table_matches_the_scan(seed_comparison):
    comps = [seed_comparison, compare([load_document(p) for p in sorted(DEVSET.glob("*.txt"))])]
    merged = 0
    for comp in comps:
        for link in comp.links:
            for ref, other in ((link.a, link.b), (link.b, link.a)):
                expected = _plain_siblings(comp, ref, other)
                assert story_facts._siblings(comp, story_facts._merges(comp), ref, other) == expected
                merged += bool(expected)
    assert merged  # some link is a merge, so the table is asked something real


def test_sibling_table_is_read_again_when_the_links_change(seed_comparison):
    """``parallax align --json`` reads the paragraphs' facts while the aligner works, on
    a comparison with no links yet: the table of merges must not keep that empty list."""
    from reader.core.comparison import Comparison
    comp = Comparison(seed_comparison.documents, [], [])
    for s, doc in enumerate(comp.documents):
        for p in doc.paragraphs:
            story_facts.read_for_json(comp, (s, p.index))
    assert story_facts._merges(comp) == {}
    comp.links = seed_comparison.links
    merged = 0
    for link in comp.links:
        for ref, other in ((link.a, link.b), (link.b, link.a)):
            expected = _plain_siblings(seed_comparison, ref, other)
            assert story_facts._siblings(comp, story_facts._merges(comp), ref, other) == expected
            merged += bool(expected)
    assert merged


def test_sibling_table_matches_a_plain_table_on_any_links(seed_comparison):
    """``_merges`` finds its few keys over arrays: on random links (set by hand, say, so
    in no group), the same table as every link's two ends in a dict."""
    import dataclasses
    import random

    from reader.core.comparison import Comparison
    docs = seed_comparison.documents
    template = seed_comparison.links[0]
    rng = random.Random(7)
    for _ in range(40):
        links = []
        for _ in range(rng.randrange(0, 30)):
            sa, sb = rng.sample(range(len(docs)), 2)
            a = (sa, rng.randrange(min(6, len(docs[sa].paragraphs))))
            b = (sb, rng.randrange(min(6, len(docs[sb].paragraphs))))
            links.append(dataclasses.replace(template, a=a, b=b, group=None))
        plain: dict = {}
        for link in links:
            plain.setdefault((link.a, link.b[0]), []).append(link.b)
            plain.setdefault((link.b, link.a[0]), []).append(link.a)
        expected = {key: refs for key, refs in plain.items() if len(refs) > 1}
        assert story_facts._merges(Comparison(docs, links, [])) == expected


def test_cached_answers_do_not_depend_on_order(seed_comparison):
    """Every link's changes are the same computed first or last (no cache leaks state)."""
    comp = seed_comparison
    forward = [story_facts._changes(comp, link.a, link.b) for link in comp.links]
    story_facts._CACHES.pop(id(comp), None)
    for cached in (fc._neighbours_at, fc._slot_frame, fc._scope, fc._tokens):
        cached.cache_clear()
    backward = [story_facts._changes(comp, link.a, link.b) for link in reversed(comp.links)]
    assert forward == backward[::-1]
    assert sum(map(len, forward)) > 20


ODD_CASES = ["İstanbul’s mayor said 15 people died in İzmir.",  # "İ" grows when lower-cased
             "Ο ΔΗΜΟΣ.Α said ΟΔΟΣ’S end",  # a Greek capital sigma: lower case by context
             "He said that Moscow’s envoy, O’Neill, won’t go – and co-operation ends."]


def _paragraphs(comp) -> list[str]:
    return [p.text for doc in comp.documents for p in doc.paragraphs] + ODD_CASES


def test_tokens_read_from_the_whole_lowered_text_are_the_words_lowered_one_by_one(
        seed_comparison):
    """``_tokens`` and ``_span_of_tokens`` lower-case a text at once where
    ``lower_as_words`` allows; the plain reading lower-cases word by word."""
    for text in _paragraphs(seed_comparison):
        plain = _plain_tokens(text)
        words = [w for w, _, _ in plain]
        tokens = fc._tokens(text)
        assert tokens.joined == fc._GAP + fc._GAP.join(words) + fc._GAP
        assert tokens.count == len(words)
        assert list(zip(tokens.starts, tokens.ends)) == [(start, end) for _, start, end in plain]
        for first in range(0, len(plain), 7):
            for last in (first, min(first + 3, len(plain) - 1)):
                assert fc._span_of_tokens(text, first, last) == (plain[first][1], plain[last][2])
    assert fc.lower_as_words(ODD_CASES[0]) is None and fc.lower_as_words(ODD_CASES[1]) is None


def test_pair_places_finds_what_a_scan_of_word_pairs_finds(seed_comparison):
    for text in _paragraphs(seed_comparison):
        words = [w for w, _, _ in _plain_tokens(text)]
        joined = fc._tokens(text).joined
        for pair in {(words[i], words[i + 1]) for i in range(len(words) - 1)}:
            expected = [i for i in range(len(words) - 2) if (words[i], words[i + 1]) == pair]
            found = list(fc._pair_places(text, fc._GAP + fc._GAP.join(pair) + fc._GAP))
            assert [i for i, _ in found] == expected
            assert all(joined[rest:].split(fc._GAP, 1)[0] == words[i + 2] for i, rest in found)


def test_token_within_finds_what_a_scan_of_the_tokens_finds(seed_comparison):
    """``_slot`` finds the word after a fact's place by one search of the joined tokens:
    the same token a reading of the tokens one by one finds, or none."""
    for text in _paragraphs(seed_comparison):
        words = [w for w, _, _ in _plain_tokens(text)]
        joined = fc._tokens(text).joined
        starts = [at + 1 for at, char in enumerate(joined[:-1]) if char == fc._GAP]
        for i, at in enumerate(starts):
            for skip in (1, 2):
                for token in set(words[i:i + 8]):
                    expected = next((k for k in range(skip, len(words) - i)
                                     if words[i + k] == token), None)
                    wrapped = fc._GAP + token + fc._GAP
                    assert fc._token_within(joined, at, skip, wrapped) == expected


def test_paraphrase_word_table_gives_the_first_start_and_last_end(seed_comparison):
    from reader.core.diff import quotes
    for text in _paragraphs(seed_comparison):
        plain: dict[str, tuple[int, int]] = {}
        for m in quotes._WORD.finditer(text):
            word = quotes._fold(m.group(0).lower().replace("’", "'"))
            plain[word] = (plain.get(word, (m.start(),))[0], m.end())
        first, last = quotes._folded(text)
        assert {word: (start, last[word]) for word, start in first.items()} == plain


def test_title_case_counts_the_long_words_a_word_scan_counts(seed_comparison):
    import re

    from reader.core.diff import facts
    for text in _paragraphs(seed_comparison) + ["Xi Meets Putin In Moscow For Talks"]:
        long = [w for w in re.findall(r"[^\W\d_][\w’'\-]*", text) if len(w) > 3]
        plain = len(long) >= 3 and sum(w[0].isupper() for w in long) >= \
            facts.TITLE_CASE * len(long)
        assert facts._title_case(text) == plain


DEVSETS = Path("/work/shared/devsets")
MORE_CASES = ["It happened in midMarch, or early-April, and twenty-one didn’t know.",
              "Tens of thousands said to be there; hundreds of thousands more appear to.",
              "FIFTEEN PEOPLE DIED ON MONDAY, IT IS BELIEVED.", "According to him, 3 p.m."]


def _scanned(text: str, kind: str) -> list:
    """Every match of ``kind``'s pattern, by a scan of the whole text (what ``_Anchored``
    replaces), as (start, end) pairs."""
    from reader.core.diff import facts
    scan = facts._SCANS[kind]
    low = text.lower()
    if scan.lowered is not None and len(low) == len(text):
        found = scan.lowered.finditer(low)
    else:
        found = scan.pattern.finditer(text)
    return [m.span() for m in found]


ANCHOR_CASES = [
    "Almost   a\n few  days ago, mid-March 5, midmay 5 and some   several years later.",
    "Early on Wednesday’s morning, in the spring of 1999, 10:30 p.m., by May, noon.",
    "a  dozen\nhundred, tens of thousands; won’t, don't, DON'T, nothing; said to, appears to.",
    "İstanbul said on Monday that twenty-one people were not there, reportedly."]


def test_patterns_tried_near_their_anchors_find_what_a_whole_scan_finds(seed_comparison):
    """``_plain_facts`` tries each pattern only at the few word starts before the words
    its matches hold (``_Anchored``): on every paragraph of the seeds and the dev sets,
    and on cases made to test the limits (words far before their anchor, anchors
    inside words, lower-casing that moves offsets), it finds the very matches a scan
    of the whole text finds."""
    from reader.core.diff import facts
    texts = _paragraphs(seed_comparison) + MORE_CASES + ANCHOR_CASES
    for path in sorted(DEVSETS.glob("*/*.txt")):
        texts += [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    skipped = matched = 0
    for text in texts:
        found = facts._Anchored(text)
        for kind in facts._SCANS:
            expected = _scanned(text, kind)
            assert [m.span() for m in found.matches(kind)] == expected, (kind, text)
            matched += len(expected)
            skipped += not found.hits.get(kind) and found.low is not None
    assert len(texts) > 1000 and skipped > 1000 and matched > 1000  # shortcut taken, checked


def _titled_before(window: str) -> bool:
    """What ``_name_draft`` takes from the words before a name: title words at their end
    (``_LOWER_TITLE``; nationalities and possessives kept with them)."""
    from reader.core.diff import facts
    found = facts._LOWER_TITLE.search(window)
    keep = []
    for w in reversed(found.group(0).split() if found else []):
        if w.lower() in facts._TITLE_WORDS or facts._NATIONALITY.match(w) or \
                w.endswith(("’s", "'s")):
            keep.insert(0, w)
        else:
            break
    return bool(keep)


def test_title_search_skipped_before_names_would_have_found_none(seed_comparison):
    """``_name_draft`` looks for title words before a name only where the word before
    can end in one (``_may_end_in_title``): before every word of the seeds and the dev
    sets, the search would have kept nothing where it is skipped."""
    import re

    from reader.core.diff import facts
    texts = _paragraphs(seed_comparison) + MORE_CASES + [
        "He met the Russian President Vladimir Putin and Britain’s Prime Minister Starmer.",
        "The talks, said ex-president Trump, went well; 2president Biden disagreed."]
    for path in sorted(DEVSETS.glob("*/*.txt")):
        texts += [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    kept = 0
    for text in texts:
        for word in re.finditer(r"\b\w", text):
            window = text[max(0, word.start() - 60):word.start()]
            titled = _titled_before(window)
            assert facts._may_end_in_title(window) or not titled, window
            kept += titled
    assert kept > 300  # titles, nationalities and possessives before words: all checked


def test_fact_changes_found_on_workers_are_those_found_here(seed_comparison, monkeypatch):
    """``comparison_fact_changes(spread=True)`` (the summary's) finds the changes of each
    source against the reference on forked workers: the same changes, in the same order,
    as found one link after another in this process."""
    from reader.core.align import parallel
    from reader.core.comparison import Comparison
    monkeypatch.setattr(parallel, "PARALLEL_CHARS", 0)  # the seeds: forked all the same
    forked = []
    real_fork_map = story_facts.fork_map

    def counted(*args, **kwargs):
        forked.append(args[1])
        return real_fork_map(*args, **kwargs)

    monkeypatch.setattr(story_facts, "fork_map", counted)
    here = story_facts.comparison_fact_changes(seed_comparison, 0)
    fresh = Comparison(seed_comparison.documents, seed_comparison.links, seed_comparison.rows)
    spread = story_facts.comparison_fact_changes(fresh, 0, spread=True)
    assert forked == [[1, 2, 3]]  # one task per other source
    assert len(here) >= 40 and spread == here


SENTENCE_CASES = ["He left. “Go.” she said. Then “Stop.”  And Bob. Wait!“Yes” (Aye.) No.",
                  "One.  Two.\u201d three. Four.\" Five.\n(Six) seven.  “Eight.”   Nine"]


def test_sentence_bounds_read_from_the_sentence_ends_are_those_of_a_scan(seed_comparison):
    """``_bounds`` reads a paragraph's sentence ends once; the plain scan looked for them in
    the text up to each offset (which finds none that needs a letter at the offset)."""
    from reader.core.diff import sentences

    def plain(text: str, at: int) -> tuple[int, int]:
        begin = 0
        for m in sentences._SENTENCE_END.finditer(text, 0, at):
            begin = m.end()
        stop = sentences._SENTENCE_END.search(text, at)
        return begin, stop.start() + 1 if stop else len(text)

    differ_from_full_scan = 0
    for text in _paragraphs(seed_comparison) + SENTENCE_CASES:
        for at in range(len(text) + 1):
            expected = plain(text, at)
            assert sentences._bounds(text, at) == expected, (text, at)
            differ_from_full_scan += expected[0] != max(
                [m.end() for m in sentences._SENTENCE_END.finditer(text) if m.end() <= at],
                default=0)
    assert differ_from_full_scan  # the offsets where the cut scan differs are checked
