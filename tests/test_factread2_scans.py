"""The shortcuts of reading a paragraph's facts give what the plain scans they replace give.

Reading every paragraph's facts is a share of what fact finding adds to
``parallax align`` (issue 9), so ``facts`` finds some words in a scan it makes
for others (a role's noun, a run of digits, a date's prefix among the anchors of
the fact patterns), and ``lowercase`` a paragraph's words and their offsets by
one split where a loop went match by match. Each is checked here against the
plain scan, on every paragraph of the seeds and the dev sets and on cases made
to test its limits.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from reader.core.diff import facts

DEVSETS = Path("/work/shared/devsets")
ROLE_CASES = [
    "The Chinese President met the  Russian\n leader; the Kremlin’s top diplomat and the "
    "ex-Soviet state's leader spoke to (the prime minister) and “The King”.",
    "Bathe king, lathe minister, the co-leader, the the leader, the vice-president, THE head, "
    "the HEAD, the headman, the king’s envoy, the K\u212ang and the\tPope.",
    "Presıdent: the presıdent, the preſident and the spokeſwoman spoke.",  # case-blind letters
    "İstanbul: the foreign minister and the envoy said so.",  # lower-casing moves offsets
    "the leader", "the", "leader", ""]


def _texts(seed_comparison) -> list[str]:
    texts = [p.text for doc in seed_comparison.documents for p in doc.paragraphs]
    for path in sorted(DEVSETS.glob("*/*.txt")):
        texts += [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    return texts


def test_roles_tried_before_their_nouns_are_those_a_whole_scan_finds(seed_comparison):
    """``roles`` tries ``ROLE`` only where "the" ends one of the three runs of non-space
    before a role noun that the anchor scan found: it finds every role a scan of the
    whole paragraph finds, and only those."""
    texts = _texts(seed_comparison) + ROLE_CASES
    found = 0
    for text in texts:
        plain = [(r.start(), r.end()) for r in facts.ROLE.finditer(text)]
        assert [r[:2] for r in facts.roles(text)] == plain, text
        found += len(plain)
    assert found > 40


def test_a_documents_first_words_are_those_a_scan_word_by_word_finds():
    """``_leading_words`` scans each paragraph whole, and a long one a piece at a time,
    cut between words: the words are those a scan word by word finds, none cut in two."""
    long = " ".join(f"word{i}\u00a0x{i}\nnext{i}" for i in range(3000))  # past WORDS_PIECE
    assert len(long) > 2 * facts.WORDS_PIECE
    unspaced = "，".join("增长百分之四点九" for _ in range(9000))  # no space: cut at "，"
    for texts in ([long], ["Tiny one.", long], ["", "a b", "ç’est là"] * 900, [], ["—"],
                  [unspaced], ["x" * 50_000, "y"]):
        plain = list(itertools.islice((m.group() for text in texts
                                       for m in facts._ANY_WORD.finditer(text)), 2000))
        assert facts._leading_words(texts, 2000) == plain


def test_lower_case_words_are_those_a_word_boundary_finds(seed_comparison):
    """``_LOWER_START`` asks for no word character before a word's first letter after it,
    where ``\\b`` asked before it: the same words."""
    plain = re.compile(r"\b[a-z][\w’'\-]*")
    for text in _texts(seed_comparison) + ROLE_CASES + ["a", "Ab-cd éa 3a x'y’z _a -a"]:
        assert facts._LOWER_START.findall(text) == plain.findall(text)


DIGIT_CASES = ["A320s, COVID19 and F-16s: $4.8 billion, £ 5m, 3.5%, 1,000,000 on 5/6, 10:30 p.m.",
               "增长4.9%，4.9%로; x_5, é5, _7 and 12th of May 2020, Jan. 5, 2016, 5 Jan. 2016",
               "9", "", "mid-2020 and late 1999, nearly 30 days ago, midMarch 5, lateApril.",
               "Almost a few days ago, earlier in the week, later on Monday, the spring of 1999."]


def test_numbers_tried_at_the_digits_the_anchor_scan_finds_are_a_whole_scans(seed_comparison):
    """``_Anchored.in_digits`` tries ``_DIGITS`` only before the runs of digits the anchor
    scan finds, none after an ASCII letter, digit or "_": it finds every number a scan
    of the whole paragraph finds; and the dates tried before those digits and the prefixes
    "early", "late" and "mid" at word starts only are every date a scan finds."""
    texts = _texts(seed_comparison) + DIGIT_CASES + ROLE_CASES
    numbers = dates = 0
    for text in texts:
        found = facts._Anchored(text)
        plain = [m.span() for m in facts._DIGITS.finditer(text)]
        assert [m.span() for m in found.in_digits()] == plain, text
        numbers += len(plain)
        scan = facts._SCANS[facts.DATE]
        low = text.lower()
        whole = scan.lowered if len(low) == len(text) else scan.pattern
        plain = [m.span() for m in whole.finditer(low if whole is scan.lowered else text)]
        assert [m.span() for m in found.matches(facts.DATE)] == plain, text
        dates += len(plain)
    assert numbers > 200 and dates > 200


def test_words_split_at_their_matches_are_the_matches_words_and_offsets(seed_comparison):
    """``lowered_words`` reads words and offsets from one split of the text: the same as
    the matches of the pattern give, where lower-casing keeps offsets and where it moves
    them ("İ") or depends on the letters around ("Σ")."""
    from reader.core.diff import fact_changes, quotes
    from reader.core.diff.lowercase import lower_as_words, lowered_matches, lowered_words
    odd = ["İstanbul’s mayor said: “Don’t”", "ΣΟΦΟΣ Σ σ", "", "...", "word", "a-b c’d -e-"]
    for text in _texts(seed_comparison) + odd:
        for pattern in (fact_changes._TOKEN, quotes._WORD):
            low = lower_as_words(text)
            found, words = lowered_matches(pattern, text, low)
            plain = list(words), [m.start() for m in found], [m.end() for m in found]
            split = lowered_words(pattern, text, low)
            assert (split[0], list(split[1]), list(split[2])) == plain, text
