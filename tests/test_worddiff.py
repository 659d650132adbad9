"""Word-level diff: what a reader sees highlighted."""

from __future__ import annotations

from span_checks import assert_spans_rebuild

from reader.core.diff.words import DELETE, INSERT, REPLACE, word_counts, word_diff, words_of


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


def _rebuilds(spans, a, b):
    assert "".join(a[s.a_start:s.a_end] for s in spans) == a
    assert "".join(b[s.b_start:s.b_end] for s in spans) == b
    for s in spans:
        if s.op == "equal":
            assert a[s.a_start:s.a_end] == b[s.b_start:s.b_end]


def test_more_distinct_words_than_old_symbol_range():
    """140,000 distinct words used to overflow ``chr()``; now one word changed is one span."""
    words = [f"w{k}" for k in range(140_000)]
    a = " ".join(words)
    b = " ".join(words[:70_000] + ["changed"] + words[70_001:])
    spans = word_diff(a, b)
    _rebuilds(spans, a, b)
    assert _changes(a, b) == [(REPLACE, "w70000", "changed", False)]


def test_shared_symbols_never_fake_an_equal_span(monkeypatch):
    """With the alphabet exhausted, different words share a symbol: the diff must still not
    call them equal."""
    from reader.core.diff import words
    monkeypatch.setattr(words, "_SYMBOL_BLOCKS", ((0xE000, 0xE003),))
    monkeypatch.setattr(words, "_ALPHABET", 3)
    # Symbols go to distinct tokens in order: alpha 0, " " 1, beta 2, delta 0, eta 1,
    # theta 2, zeta 0: delta and zeta share symbol 0, at the same place.
    a = "alpha beta delta eta theta"
    b = "alpha beta zeta eta theta"
    spans = word_diff(a, b)
    _rebuilds(spans, a, b)
    assert [(a[s.a_start:s.a_end], b[s.b_start:s.b_end]) for s in spans if s.op != "equal"] \
        == [("delta", "zeta")]


def test_symbols_are_never_surrogates_letters_or_spaces():
    from reader.core.diff.words import _ALPHABET, _symbols
    seen = 0
    for ch in _symbols():
        assert not ("\ud800" <= ch <= "\udfff") and not ch.isalnum() and not ch.isspace()
        seen += 1
        if seen == _ALPHABET:
            break
    assert next(_symbols()) == "\ue000"


def test_json_text_is_the_spans_to_json():
    """``diff_json`` says what ``diff`` says, span for span,
    on edits, equal texts, texts equal but for their spacing, and empty ones."""
    import json

    from reader.core.diff.words import WordDiffer
    pairs = [("Russia and China showed ties.", "Russia and China showcased ties!"),
             ("same text here", "same text here"), ("spaced  out\ntext", "spaced out text"),
             ("", ""), ("", "new words"), ("old words", ""), ("“No,” he said.", '"no," he said')]
    differ = WordDiffer()
    for a, b in pairs:
        assert json.loads(differ.diff_json(a, b)) == [s.to_json() for s in word_diff(a, b)]


def test_json_text_is_the_spans_to_json_on_any_mix_of_tricky_pieces():
    """``diff_json`` and ``diff`` share one walk over the diff (a generator that
    ``diff_json`` formats as it goes): they must agree on any pair of texts, with the
    spans contiguous and covering both texts."""
    import json

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from reader.core.diff.words import WordDiffer
    piece = st.sampled_from(_TRICKY + ["then", "the", "put", "letter", "my", "hands"])
    text = st.lists(piece, max_size=30).map(" ".join)
    differ = WordDiffer()

    @settings(max_examples=200, deadline=None)
    @given(text, text)
    def check(a, b):
        spans = word_diff(a, b)
        assert_spans_rebuild(spans, a, b)
        assert all(s.a_end == t.a_start and s.b_end == t.b_start for s, t in zip(spans, spans[1:]))
        assert json.loads(differ.diff_json(a, b)) == [s.to_json() for s in spans]
        assert differ.changes(a, b) == [(s.op, s.a_start, s.a_end, s.b_start, s.b_end, s.trivial)
                                        for s in spans]
    check()


def test_diff_json_of_a_pair_met_again_is_the_same_text():
    from reader.core.diff.words import WordDiffer
    differ = WordDiffer(keep_json=True)
    first = differ.diff_json("the quick brown fox", "the quick red fox")
    assert differ.diff_json("the quick brown fox", "the quick red fox") is first  # kept
    assert differ.diff_json("the quick red fox", "the quick brown fox") != first


_TRICKY = ["Don’t", "DON'T", "don't", "a‘b", "`c´", "İstanbul", "ΟΔΟΣ", "οδος", "straße",
           "STRASSE", "_x_", "3rd", "well-known", "—", " ", "\n", ".", "“", "”", "Ünïcödé"]


def _check_word_symbols(texts):
    from itertools import combinations

    from reader.core.diff.words import WordDiffer, words_of
    symbols = WordDiffer().word_symbols(texts)
    assert [len(s) for s in symbols] == [len(words_of(t)) for t in texts]
    flat_s = "".join(symbols)
    flat_w = [w for t in texts for w in words_of(t)]
    assert all((flat_s[i] == flat_s[j]) == (flat_w[i] == flat_w[j])
               for i, j in combinations(range(len(flat_w)), 2))


def test_word_symbols_are_the_words_of_words_of():
    """One symbol per word ``words_of`` finds; equal symbols exactly where the folded words
    are equal (``comparison`` counts shared words with them)."""
    _check_word_symbols(["Don’t stop: DON'T stop!", "İstanbul ΟΔΟΣ οδος straße _x_",
                         "", "a‘b `c´ well-known 3rd—4th", "“Quoted,” he said."])


def test_word_symbols_on_any_mix_of_tricky_pieces():
    from hypothesis import given, settings
    from hypothesis import strategies as st
    piece = st.sampled_from(_TRICKY)
    text = st.lists(piece, max_size=12).map("".join)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(text, min_size=1, max_size=4))
    def check(texts):
        _check_word_symbols(texts)
    check()


def test_word_symbols_refused_once_symbols_are_shared(monkeypatch):
    from reader.core.diff import words
    monkeypatch.setattr(words, "_SYMBOL_BLOCKS", ((0xE000, 0xE003),))
    monkeypatch.setattr(words, "_ALPHABET", 3)
    assert words.WordDiffer().word_symbols(["alpha beta delta eta"]) is None


def test_runs_of_spaces_and_line_breaks_are_equal():
    """A hard-wrapped or double-spaced copy is the same text: one equal span."""
    spans = word_diff("one  two\nthree", "one two three")
    assert [(s.op, s.a_start, s.a_end, s.b_start, s.b_end) for s in spans] \
        == [("equal", 0, 14, 0, 13)]


def test_space_on_one_side_only_is_a_trivial_change():
    assert _changes("end.Next one", "end. Next one") == [(INSERT, "", " ", True)]
    assert _changes("word , next", "word, next") == [(DELETE, " ", "", True)]


def test_hard_wrapped_copy_shows_the_changes_of_the_unwrapped_one():
    import textwrap
    a = ("The committee met on Tuesday to discuss the new budget, which several members "
         "described as the most ambitious in a decade, before adjourning for lunch.")
    b = ("The committee met on Wednesday to discuss the revised budget, which many members "
         "described as the most ambitious in a decade, before adjourning.")
    wrapped = textwrap.fill(b, 30)
    assert "\n" in wrapped
    plain = _changes(a, b)
    assert [(op, old, new.split(), trivial) for op, old, new, trivial in _changes(a, wrapped)] \
        == [(op, old, new.split(), trivial) for op, old, new, trivial in plain]
    assert [(op, old.strip(), new.strip()) for op, old, new, _ in plain] == [
        (REPLACE, "Tuesday", "Wednesday"), (REPLACE, "new", "revised"),
        (REPLACE, "several", "many"), (DELETE, "for lunch", "")]


def test_non_latin_scripts():
    assert _changes("Москва большая и красивая.", "Москва очень большая и красивая.") \
        == [(INSERT, "", "очень ", False)]
    assert _changes("Москва — столица России.", "Москва – столица россии!") \
        == [(REPLACE, "—", "–", True), (REPLACE, "России.", "россии!", True)]
    assert _changes("北京是中国的首都。它很大。", "北京是中国的首都，它很大。") \
        == [(REPLACE, "。", "，", True)]
    assert _changes("ΟΔΟΣ οδος", "οδος ΟΔΟΣ") == [(REPLACE, "ΟΔΟΣ οδος", "οδος ΟΔΟΣ", True)]
    assert _changes("Αθήνα είναι η πόλη", "Αθήνα ήταν η πόλη") \
        == [(REPLACE, "είναι", "ήταν", False)]


def test_empty_and_blank_texts():
    import json

    from reader.core.diff.words import WordDiffer
    differ = WordDiffer()
    cases = {("", ""): [], ("", "a b"): [(INSERT, 0, 0, 0, 3, False)],
             ("a b", ""): [(DELETE, 0, 3, 0, 0, False)], (" ", ""): [(DELETE, 0, 1, 0, 0, True)],
             ("\n", " "): [("equal", 0, 1, 0, 1, False)]}
    for (a, b), want in cases.items():
        assert differ.changes(a, b) == want, (a, b)
        assert json.loads(differ.diff_json(a, b)) == [
            {"op": op, "a": [a0, a1], "b": [b0, b1], "trivial": t} for op, a0, a1, b0, b1, t in want]


def test_diff_json_of_many_spans():
    """Hundreds of spans in one diff, each as ``diff`` says, the whole text valid JSON."""
    import json

    from reader.core.diff.words import WordDiffer
    words = [f"w{k}" for k in range(1500)]
    a = " ".join(words)
    b = " ".join(w.upper() if k % 3 == 0 else w for k, w in enumerate(words))
    spans = word_diff(a, b)
    assert len(spans) == 1000 and sum(s.trivial for s in spans) == 500
    assert json.loads(WordDiffer().diff_json(a, b)) == [s.to_json() for s in spans]


def test_diff_json_offsets_past_the_shared_ones(monkeypatch):
    """Offsets are written from strings made once per text, shared between texts up to
    ``SHARED_OFFSETS``, made for the text alone past it: the same JSON either way."""
    import json

    from reader.core.diff import words
    monkeypatch.setattr(words, "SHARED_OFFSETS", 40)
    a, b = "one two three four five six seven eight nine ten", "one two three five six ten"
    for text_a, text_b in ((a, b), (a * 2, b * 2), (b, a * 3)):
        assert json.loads(words.WordDiffer().diff_json(text_a, text_b)) == [
            s.to_json() for s in word_diff(text_a, text_b)]


def test_shared_symbols_in_json_and_trivial_flags(monkeypatch):
    """With the alphabet exhausted, ``diff_json`` and ``changes`` still tell a case change
    (trivial) from a different word, the trivial flag read from the words themselves."""
    import json

    from reader.core.diff import words
    monkeypatch.setattr(words, "_SYMBOL_BLOCKS", ((0xE000, 0xE003),))
    monkeypatch.setattr(words, "_ALPHABET", 3)
    a = "alpha beta delta eta theta"
    b = "alpha beta Delta eta zeta"
    differ = words.WordDiffer()
    got = differ.changes(a, b)
    assert [(op, a[a0:a1], b[b0:b1], t) for op, a0, a1, b0, b1, t in got if op != "equal"] \
        == [(REPLACE, "delta", "Delta", True), (REPLACE, "theta", "zeta", False)]
    _rebuilds([words.Span(*c) for c in got], a, b)
    assert json.loads(differ.diff_json(a, b)) == [words.Span(*c).to_json() for c in got]


def test_pure_python_fallback_gives_the_same_spans(monkeypatch):
    """Without the C++ module the pure-Python diff-match-patch runs the same algorithm:
    the same spans (it once swapped insertions and deletions)."""
    from reader.core.diff import words
    pairs = [("the quick fox", "the quick brown fox"), ("the quick brown fox", "the quick fox"),
             ("Russia and China showed ties.", "Russia and China showcased ties!"),
             ("", "new words"), ("old words", ""), ("a b c d e f", "a x c y e f z")]
    expected = [word_diff(a, b) for a, b in pairs]
    assert expected[0][1].op == INSERT and expected[1][1].op == DELETE
    monkeypatch.setattr(words, "_fast_diff", None)
    assert [word_diff(a, b) for a, b in pairs] == expected


_SHORTCUT_PAIRS = [  # two versions' paragraphs where a deadline's half-match shortcut marks more
    ("kindness, then put the following letter unexampled my hands.",
     "CLERVAL then the following letter into my hands.",
     [(REPLACE, "kindness,", "CLERVAL", False), (DELETE, "put ", "", False),
      (REPLACE, "unexampled", "into", False)]),
    ("“I clever not Henry. attempt Fairy-land, console you; but will simply relate the "
     "circumstances of the transaction.",
     "“I will not attempt to console you; but will simply relate the of the transaction.",
     [(REPLACE, "clever", "will", False), (DELETE, "Henry. ", "", False),
      (REPLACE, "Fairy-land,", "to", False), (DELETE, "circumstances ", "", False)])]


def _minimal_diffs_everywhere(monkeypatch):
    """The modules that can find a paragraph's diff, each in turn: ``dissimilar`` when
    installed, else the C++ and the pure-Python diff-match-patch without deadline."""
    from reader.core.diff import words
    if words.dissimilar is not None:
        yield "dissimilar"
    monkeypatch.setattr(words, "dissimilar", None)
    yield "C++ without deadline"
    monkeypatch.setattr(words, "_fast_diff", None)
    yield "Python without deadline"


def test_paragraph_diffs_are_minimal_whichever_module_finds_them(monkeypatch):
    """'then' and 'attempt' are in both versions: neither is marked (the half-match
    shortcut marked 'kindness, then put' -> 'CLERVAL then')."""
    for module in _minimal_diffs_everywhere(monkeypatch):
        for a, b, want in _SHORTCUT_PAIRS:
            assert _changes(a, b) == want, module


def test_modules_give_equally_minimal_diffs_on_any_mix_of_tricky_pieces(monkeypatch):
    """Whichever module finds a diff, it changes as many characters on each side (the
    modules agreed exactly here until hypothesis drew a tie they break apart, ``_cost``)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from reader.core.diff import words
    piece = st.sampled_from(_TRICKY + ["then", "the", "put", "letter", "my", "hands"])
    text = st.lists(piece, max_size=30).map(" ".join)
    pairs = []

    @settings(max_examples=150, deadline=None)
    @given(text, text)
    def collect(a, b):
        pairs.append((a, b))
    collect()
    found = {module: [words.WordDiffer().changes(a, b) for a, b in pairs]
             for module in _minimal_diffs_everywhere(monkeypatch)}
    first = next(iter(found.values()))
    assert len(found) >= 2 and all(list(map(_cost, got)) == list(map(_cost, first))
                                   for got in found.values())


def _cost(changes: list[tuple]) -> tuple[int, int]:
    """Characters a diff deletes and inserts. Two minimal diffs may place a run differently
    where the texts repeat a word: on "3rd “ 3rd 3rd Don’t" / "3rd ⏎ 3rd Don’t “" the
    Rust module drops the first "3rd “", diff-match-patch the "“ 3rd" after it (both
    one run of six characters); on real prose they agree byte for byte (``words``)."""
    return (sum(a1 - a0 for op, a0, a1, _, _, _ in changes if op in (DELETE, REPLACE)),
            sum(b1 - b0 for op, _, _, b0, b1, _ in changes if op in (INSERT, REPLACE)))


def test_long_texts_keep_the_deadline(monkeypatch):
    """Over ``MINIMAL_UP_TO`` symbols the search is bounded in time: the C++ module is asked
    with the caller's deadline."""
    from reader.core.diff import words
    asked = []
    monkeypatch.setattr(words, "_fast_diff", lambda a, b, timelimit, **kw: asked.append(
        (len(a) + len(b), timelimit)) or [("-", len(a)), ("+", len(b))])
    monkeypatch.setattr(words, "dissimilar", None)
    long_a = " ".join(f"a{k}" for k in range(words.MINIMAL_UP_TO // 2))
    words.WordDiffer().changes(long_a, long_a + " end", timeout=0.5)
    words.WordDiffer().changes("short text", "short texts", timeout=0.5)
    assert asked[0][0] > words.MINIMAL_UP_TO and asked[0][1] == 0.5
    assert asked[1][1] == 0


def test_a_comparison_diffs_its_rows_with_one_differ_left_behind_when_sent(seed_comparison):
    """Rows and links of a comparison are diffed by one differ (each paragraph cut into
    tokens once), with the spans a fresh differ gives; a pickled comparison (sent to the
    reader's window) leaves the differ's tokens behind and diffs as before."""
    import pickle

    from reader.core.diff.words import word_diff

    comp = seed_comparison
    link = next(l for l in comp.links if l.kind != "identical")
    assert comp.link_diff(link) == word_diff(comp.text(link.a), comp.text(link.b))
    row = comp.row_of[link.a]
    assert comp.row_diff(row, link.a[0], link.b[0]) == word_diff(
        comp.row_text(row, link.a[0]), comp.row_text(row, link.b[0]))
    assert comp._differ._texts  # the texts were cut once and kept
    copy = pickle.loads(pickle.dumps(comp))
    assert not copy._differ._texts
    copy._diffs.clear()
    assert copy.link_diff(link) == comp.link_diff(link)


def test_a_number_is_one_word_with_its_decimal_point_and_separators():
    """"$4.8 billion" -> "$4.6 billion" is "4.8 -> 4.6" to a reader, not "8 -> 6"."""
    a, b = "It cost $4.8 billion and 5,000 jobs.", "It cost $4.6 billion and 6,000 jobs."
    changed = [(a[s.a_start:s.a_end], b[s.b_start:s.b_end])
               for s in word_diff(a, b) if s.op != "equal"]
    assert changed == [("4.8", "4.6"), ("5,000", "6,000")]
    assert words_of("in 2024. A320, 3.5%") == ["in", "2024", "a320", "3.5"]


def test_a_sentence_added_after_a_changed_word_is_an_addition_not_a_rewording():
    """"in 1967." → "in 1971. It is known locally as the Iron Mile." was one replaced run,
    "1967" → "1971. It is known…", so the new sentence showed as reworded (amber) where
    the revision added it; and likewise for a sentence dropped after a changed number."""
    old = "The bridge was listed in 1967."
    new = "The bridge was listed in 1971. It is known locally as the Iron Mile."
    assert [c for c in _changes(old, new) if c[0] != "equal"] == [
        (REPLACE, "1967", "1971", False), (INSERT, "", " It is known locally as the Iron Mile.",
                                           False)]
    assert [c for c in _changes(new, old) if c[0] != "equal"] == [
        (REPLACE, "1971", "1967", False), (DELETE, " It is known locally as the Iron Mile.", "",
                                           False)]
    # sentences rewritten on both sides stay one change: nothing was added whole
    rewrite = _changes("Twelve died. Police came.", "Fourteen died. Troops came.")
    assert [c[:3] for c in rewrite if c[0] != "equal"] == [
        (REPLACE, "Twelve", "Fourteen"), (REPLACE, "Police", "Troops")]
