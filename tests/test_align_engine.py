"""The order-aware alignment engine: sentences in any script, link fields, order, rows, bounds."""

from __future__ import annotations

import random
from dataclasses import replace

from reader.core.align.candidates import CANDIDATES_PER_PARAGRAPH, candidates
from reader.core.align.sides import prepare
from reader.core.align.similarity import split_sentences, words
from reader.core.comparison import compare, rows_from_links
from reader.core.load.documents import document_from_text

KINDS = {"identical", "minor", "reworded", "partial", "merged", "moved", "region"}


def _docs(*texts: str):
    return [document_from_text(t, f"s{i}.txt") for i, t in enumerate(texts)]


def _pairs(comp) -> set[tuple[int, int]]:
    return {(l.a[1], l.b[1]) for l in comp.links}


# --- sentences in any script -------------------------------------------------------


def test_sentences_split_in_latin_script_but_not_after_abbreviations():
    text = "Mr. Smith went to the U.S. Senate. He spoke. Then he left."
    assert split_sentences(text) == ["Mr. Smith went to the U.S. Senate.", "He spoke.",
                                     "Then he left."]


def test_only_a_whole_abbreviation_at_a_sentence_end_keeps_it_open():
    """The abbreviation check reads the end of a sentence only (``_ABBREV_TAIL``): the
    letters before a capital's full stop decide, however long the sentence."""
    long = "The committee met for many hours in a crowded room downtown with "
    assert len(split_sentences(long + "the U.S.A. Then it voted.")) == 1
    assert len(split_sentences(long + "Prof. Smith. Then it voted.")) == 2
    assert len(split_sentences(long + "NASA. Then it voted.")) == 2
    assert len(split_sentences(long + 'Dr. No." Then it voted.')) == 1  # quote read past


def test_sentences_split_in_cyrillic_greek_and_arabic():
    assert len(split_sentences("Москва приняла делегацию. Переговоры длились час. Итоги "
                               "подведут завтра.")) == 3
    assert len(split_sentences("Η συνάντηση έγινε χθες. Οι υπουργοί συμφώνησαν.")) == 2
    assert len(split_sentences("وصل الوزير إلى موسكو. وعقد اجتماعا مع نظيره؟ ثم غادر.")) == 3


def test_sentences_split_in_chinese_and_japanese_without_spaces():
    assert split_sentences("王毅访问了莫斯科。他会见了普京！双方谈了什么？") == [
        "王毅访问了莫斯科。", "他会见了普京！", "双方谈了什么？"]
    assert len(split_sentences("外相はモスクワを訪れた。会談は一時間続いた。")) == 2


def test_every_chinese_and_japanese_letter_is_read_in_pairs():
    """The aligner reads the letters the word diff and word counts read as CJK
    (``script_aware.HAN_AND_KANA``): half-width katakana and the rarer ideographs of
    names (extension B) too, which it read as one long word before."""
    assert words("ｶﾀｶﾅ") == ["ｶﾀ", "ﾀｶ", "ｶﾅ"]
    assert words("𠀋𡈽𡌛") == ["𠀋𡈽", "𡈽𡌛"]
    assert words("王毅访问") == ["王毅", "毅访", "访问"]


def test_lower_case_after_a_full_stop_does_not_start_a_sentence():
    # German ordinals and abbreviations: "am 3. März", "z. B. die"
    assert len(split_sentences("Das Treffen fand am 3. märz statt, z. b. in Berlin.")) == 1


def test_chinese_versions_align_paragraph_by_paragraph():
    paras = ["中国外交事务负责人王毅星期三访问了莫斯科，在克里姆林宫会见了俄罗斯总统普京，"
             "双方在会谈中表示两国关系正在不断深化，并且强调合作对稳定国际局势特别重要。",
             "在此之前，王毅还与俄罗斯外交部长拉夫罗夫举行了会谈，拉夫罗夫说两国关系继续"
             "蓬勃发展，尽管全球局势动荡，双方仍然愿意维护彼此的利益，并将继续加强协调。",
             "与此同时，美国官员对中国可能向俄罗斯提供武器表示担忧，北约秘书长也发出了警告，"
             "认为这将违反国际法，而中国外交部则否认有任何这样的计划，并呼吁各方通过对话解决冲突。"]
    edited = [paras[0].replace("会见了", "见到了"), paras[1], paras[2].replace("表示", "说")]
    # Taken as prose whatever the loader thinks of lines without Latin full stops.
    docs = [replace(d, paragraphs=[replace(p, heading=False, boilerplate=False)
                                   for p in d.paragraphs])
            for d in _docs("\n\n".join(paras), "\n\n".join(edited))]
    comp = compare(docs)
    assert _pairs(comp) == {(0, 0), (1, 1), (2, 2)}


# --- what each link says -----------------------------------------------------------


def test_links_carry_kind_confidence_evidence(seed_comparison):
    for link in seed_comparison.links:
        assert link.kind in KINDS
        assert 0.0 <= link.confidence <= 1.0
        assert link.evidence
        assert link.set_by == "engine"


def test_a_split_is_one_group_of_kind_merged(seed_comparison):
    # 000 p10 was split into 001 p14 + p15 (read in the texts, see seed_truth).
    links = [l for l in seed_comparison.links if l.a == (0, 10) and l.b[0] == 1]
    assert {l.b for l in links} >= {(1, 14), (1, 15)}
    groups = {l.group for l in links if l.b in {(1, 14), (1, 15)}}
    assert len(groups) == 1 and None not in groups
    assert {l.kind for l in links if l.b in {(1, 14), (1, 15)}} == {"merged"}


def test_identical_paragraphs_are_identical_and_sure():
    text = ("The ship left the harbour at dawn with forty men aboard and no cargo.\n\n"
            "A storm broke on the third day and the mast was lost before noon.")
    comp = compare(_docs(text, text))
    assert {l.kind for l in comp.links} == {"identical"}
    assert {l.confidence for l in comp.links} == {1.0}


def test_unlinked_paragraphs_say_why():
    a = ("Part One\n\n"
         "The ship left the harbour at dawn with forty men aboard and no cargo at all.\n\n"
         "A storm broke on the third day and the mast was lost before noon that day.")
    b = ("The ship left the harbour at dawn with forty men aboard and no cargo at all.\n\n"
         "Nobody in the village had ever seen the captain smile or heard him sing a song.\n\n"
         "A storm broke on the third day and the mast was lost before noon that day.")
    comp = compare(_docs(a, b))
    assert comp.unlinked((0, 0)) == "heading"
    assert comp.unlinked((1, 1)) == "only here"
    assert comp.unlinked((0, 1)) is None


# --- story order -------------------------------------------------------------------

STORY = [
    "Victor walked along the lake shore while the evening storm gathered over the Alps.",
    "Lightning struck a tree near the path and lit the figure of a giant among the rocks.",
    "He knew at once that the creature had murdered his brother William in the woods.",
    "At dawn he returned to Geneva and found his family weeping over the little coffin.",
    "Justine, the servant girl, had been arrested because the locket was found on her.",
]


def test_a_chapter_heading_moved_to_another_place_is_not_linked_by_its_words():
    # Edition A opens chapter II before paragraph 0; edition B moves the break to
    # before paragraph 2. Same words, different place in the story: no link.
    a = "\n\n".join(["CHAPTER II."] + STORY)
    b = "\n\n".join(STORY[:2] + ["CHAPTER II."] + STORY[2:])
    comp = compare(_docs(a, b))
    pairs = _pairs(comp)
    assert (0, 2) not in pairs
    assert {(k + 1, k if k < 2 else k + 1) for k in range(5)} <= pairs


def test_a_heading_is_not_linked_to_a_body_paragraph_that_mentions_its_words():
    a = "\n\n".join(["The Murder of William"] + STORY)
    b = "\n\n".join(STORY)
    comp = compare(_docs(a, b))
    assert all(l.a != (0, 0) for l in comp.links)


def test_rewritten_paragraph_between_two_anchors_is_linked_with_low_confidence():
    rewritten = ("When morning came he went back to Geneva, where the whole family stood "
                 "crying around a tiny coffin.")
    a = "\n\n".join(STORY)
    b = "\n\n".join(STORY[:3] + [rewritten] + STORY[4:])
    comp = compare(_docs(a, b))
    link = [l for l in comp.links if l.a == (0, 3) and l.b == (1, 3)]
    assert link and link[0].confidence < 0.9


# --- rows from any list of links -------------------------------------------------------


def test_rows_can_be_rebuilt_from_a_subset_of_links(seed_comparison):
    docs = seed_comparison.documents
    kept = [l for l in seed_comparison.links if not (l.a == (0, 1) or l.b == (0, 1))]
    rows = rows_from_links(docs, kept)
    for s, doc in enumerate(docs):
        assert [p for row in rows for p in row[s]] == list(range(len(doc.paragraphs)))
    row_of = {(s, p): r for r, row in enumerate(rows) for s, ps in enumerate(row) for p in ps}
    assert row_of[(0, 4)] == row_of[(1, 8)]  # a link that was kept still shares a row


# --- bounded work --------------------------------------------------------------------------


def test_candidates_stay_bounded_on_many_tiny_paragraphs():
    rng = random.Random(7)
    a = "\n\n".join(f"Item {k} is ok." for k in range(3000))
    b = "\n\n".join(f"Item {k} is ok." for k in range(3000) if rng.random() > 0.05)
    sides = prepare(_docs(a, b))
    cands = candidates(sides[0], sides[1])
    assert len(cands) <= 2 * CANDIDATES_PER_PARAGRAPH * (len(sides[0]) + len(sides[1]))
    # the numbers are rare words: each item still finds itself
    assert sum(1 for (i, j) in cands if sides[0].paras[i] == 0 and sides[1].paras[j] == 0) == 1


def test_one_block_per_pair_of_sources_links_as_products_run_by_run(seed_docs, monkeypatch):
    """Sources few sentences long are read from one block of all their sentence cosines
    (``Side.sentence_cosines``), larger ones a run of paragraphs at a time: the cosines,
    so the links, rows and witnesses, must not depend on which."""
    from reader.core.align import sides

    whole = compare(seed_docs)
    monkeypatch.setattr(sides, "WHOLE_PAIR", 0)
    runs = compare(seed_docs)
    assert whole.links == runs.links and whole.rows == runs.rows
    assert any("agrees" in l.evidence for l in whole.links)  # witnesses read the block too


def test_dense_product_gives_scipys_numbers_bit_for_bit():
    """The alignment's cosines go through ``dense_product``: the same float32 sums as
    scipy's product, whatever the order of a row's features or the index type."""
    import numpy as np
    from scipy import sparse

    from reader.core.align.similarity import dense_product

    rng = np.random.default_rng(3)
    x = sparse.random(40, 300, density=0.05, format="csr", dtype=np.float32, random_state=rng)
    y = sparse.random(300, 30, density=0.05, format="csr", dtype=np.float32, random_state=rng)
    keep = np.ones(40, np.float32)
    keep[7] = 0
    x = sparse.csr_matrix(sparse.diags(keep) @ x)  # row 7 empty
    x.eliminate_zeros()
    shuffled = x.copy()
    for r in range(shuffled.shape[0]):  # features out of order, as in paragraph vectors
        lo, hi = shuffled.indptr[r], shuffled.indptr[r + 1]
        order = rng.permutation(hi - lo) + lo
        shuffled.indices[lo:hi], shuffled.data[lo:hi] = x.indices[order], x.data[order]
    wide = y.copy()
    wide.indptr, wide.indices = wide.indptr.astype(np.int64), wide.indices.astype(np.int64)
    for left, right in ((x, y), (shuffled, y), (x, wide)):
        got, want = dense_product(left, right), (left @ right).toarray()
        assert got.dtype == want.dtype == np.float32
        assert np.array_equal(got.view(np.int32), want.view(np.int32))


def test_dense_product_without_scipys_private_routine(monkeypatch):
    """A scipy that renamed its private product module still aligns: the public product."""
    import numpy as np
    from scipy import sparse

    from reader.core.align import similarity

    x = sparse.csr_matrix(np.array([[1.0, 0.0, 2.0], [0.0, 3.0, 0.0]], np.float32))
    monkeypatch.setattr(similarity, "_sparsetools", None)
    assert similarity.dense_product(x, x.T.tocsr()).tolist() == [[5.0, 0.0], [0.0, 9.0]]


def test_row_dot_gives_scipys_number_bit_for_bit(seed_docs):
    """``row_dot`` stands for ``x[i].multiply(x[j]).sum()`` (a heading against the opening
    sentence of a paragraph): the same float for every pair of the seeds' sentences that
    share a feature, many of them dozens (numpy sums those pairwise, not in a running sum)."""
    import numpy as np

    from reader.core.align.similarity import row_dot

    sents = prepare(seed_docs)[0].space.sentences
    shared = (sents @ sents.T).tocoo()
    assert shared.nnz > 10_000
    for i, j in zip(shared.row[::3].tolist(), shared.col[::3].tolist()):
        want = float(sents[i].multiply(sents[j]).sum())
        assert np.float64(row_dot(sents, i, j)).view(np.int64) == np.float64(want).view(np.int64)


def test_a_line_of_one_common_word_still_finds_its_copy():
    comp = compare(_docs("Same.\n\n" + STORY[0], "Same.\n\n" + STORY[0]))
    assert (0, 0) in _pairs(comp)


def test_a_sentence_does_not_vote_for_a_fragment_of_its_words():
    """Built by hand after the seeds (001 p26 linked to 000 p12 through "Russians from
    Washington.", a two-word tail left by a machine translation).

    The eight-word sentence of b is best matched by a's two-word fragment
    (cosine 0.22, a "strong" match): the fragment's words are in the
    sentence, so the fragment votes for b's paragraph (its 2 of 19 words),
    but the sentence, which the fragment does not hold, casts no vote for a's.
    """
    from reader.core.align.sentences import SENTENCE_MATCH, read_sentences
    from reader.core.align.votes import votes

    a, b = prepare(_docs(
        "Putin announced on Tuesday that Moscow would suspend its part in the last arms "
        "treaty. Russians from Washington.\n",
        "Washington warned the Russians about the consequences of any further escalation "
        "near the southern border.\n"))
    pair = read_sentences(a, b, {(0, 0): 0.2})[(0, 0)]
    assert pair.from_b[0][0] >= SENTENCE_MATCH and pair.from_b[0][1] == (1,)
    votes_a, votes_b = votes({(0, 0): pair}, a, b, {}, [(0, 0)])
    assert votes_a[(0, 0)][0] == 2 / 19
    assert (0, 0) not in votes_b


FLOOD = [
    "Elbe floods force thousands from their homes",
    "Flooding forced about 12,000 people from their homes in eastern Germany on Tuesday after "
    "the Elbe River broke through a levee near the town of Riesa, officials said.",
    "The river rose to 8.7 meters overnight, the highest level since August 2002, according "
    "to the Saxony state flood agency.",
    "“We have never seen water come this fast,” said Mayor Katrin Weber, who ordered the "
    "evacuation shortly after midnight.",
    "Police said two people died, including a 71-year-old man whose car was swept off a road "
    "near Strehla. Three others were reported missing.",
    "Volunteers filled sandbags through the night along the river banks in Meissen, where the "
    "old town square stood under half a meter of brown water by dawn.",
    "The German weather service forecast more rain through Thursday, with up to 60 "
    "millimeters expected in the Ore Mountains.",
    "Environmental groups have warned for years that the levees along the upper Elbe were "
    "not built for the heavier storms that a warming climate brings.",
    "Chancellor Friedrich Merz is expected to visit the region on Wednesday, a government "
    "spokesman said.",
]


def test_paragraphs_joined_and_moved_together_are_both_linked_as_moved():
    """A fresh-eyes reviewer's case: one outlet joins the forecast and the warning (¶7, ¶8)
    into one paragraph and moves it up under the lead. Only the warning, that paragraph's
    best partner both ways, was linked (moved); the forecast, word for word inside the
    same paragraph, was reported as omitted."""
    moved = FLOOD[:2] + [FLOOD[6] + " " + FLOOD[7]] + FLOOD[2:6] + FLOOD[8:]
    comp = compare([document_from_text("\n\n".join(FLOOD) + "\n", "a.txt"),
                    document_from_text("\n\n".join(moved) + "\n", "b.txt")])
    links = {(link.a, link.b): link.kind for link in comp.links}
    assert links[((0, 6), (1, 2))] == links[((0, 7), (1, 2))] == "moved"
    assert [d.kind for d in comp.differences(0)].count("omitted") == 0
    assert len(links) == len(FLOOD)  # every paragraph of [1] linked once, nothing else
