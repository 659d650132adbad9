"""Word-level diff: what a reader sees highlighted."""

from __future__ import annotations

from reader.core.diff.words import DELETE, INSERT, REPLACE, word_counts, word_diff


def _changes(a, b):
    return [(s.op, a[s.a_start:s.a_end], b[s.b_start:s.b_end], s.trivial)
            for s in word_diff(a, b) if s.op != "equal"]


def test_word_replacement_is_one_whole_word_span():
    a = "Russia and China showed deepening relations on Wednesday."
    b = "Russia and China showcased deepening relations on Wednesday."
    assert _changes(a, b) == [(REPLACE, "showed", "showcased", False)]


def test_insert_and_delete():
    assert _changes("the quick fox", "the quick brown fox") == [(INSERT, "", "brown ", False)]
    assert _changes("the quick brown fox", "the quick fox") == [(DELETE, "brown ", "", False)]


def test_punctuation_only_change_is_trivial():
    changes = _changes("He said: yes, indeed.", "He said: yes indeed!")
    assert changes and all(trivial for *_, trivial in changes)


def test_curly_quotes_and_case_are_trivial():
    changes = _changes("“No limit,” he said", "\"no limit,\" he said")
    assert changes and all(trivial for *_, trivial in changes)


def test_counts():
    a, b = "one two three four", "one 2 three four five"
    counts = word_counts(word_diff(a, b), a, b)
    assert counts == {"added": 1, "omitted": 0, "changed": 1, "same": 3}
