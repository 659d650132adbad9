"""The shortcuts of reading a paragraph's facts give what the plain scans they replace give.

Reading every paragraph's facts is a share of what fact finding adds to
``parallax align`` (issue 9), so ``facts`` finds some words from others it has
found already (a role's noun among the anchors of the fact patterns) or by one
scan where a loop went match by match. Each is checked here against the plain
scan, on every paragraph of the seeds and the dev sets and on cases made to test
its limits.
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
    cut at spaces: the words are those a scan word by word finds, none cut in two."""
    long = " ".join(f"word{i}\u00a0x{i}\nnext{i}" for i in range(3000))  # past WORDS_PIECE
    assert len(long) > 2 * facts.WORDS_PIECE
    for texts in ([long], ["Tiny one.", long], ["", "a b", "ç’est là"] * 900, [], ["—"]):
        plain = list(itertools.islice((m.group() for text in texts
                                       for m in facts._ANY_WORD.finditer(text)), 2000))
        assert facts._leading_words(texts, 2000) == plain


def test_lower_case_words_are_those_a_word_boundary_finds(seed_comparison):
    """``_LOWER_START`` asks for no word character before a word's first letter after it,
    where ``\\b`` asked before it: the same words."""
    plain = re.compile(r"\b[a-z][\w’'\-]*")
    for text in _texts(seed_comparison) + ROLE_CASES + ["a", "Ab-cd éa 3a x'y’z _a -a"]:
        assert facts._LOWER_START.findall(text) == plain.findall(text)
