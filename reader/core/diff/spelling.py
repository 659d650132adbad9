"""British and American spelling of one word, made one: "recognise" / "recognize".

An outlet on either side of the Atlantic respells the quotes it carries by its house
style ("We will not tolerate this behaviour" / "behavior"), and an edition modernises
its author's spelling ("favourite" / "favorite"). Neither changes what was said, and a
fact-checker who reads "quote altered" there checks a quote for nothing. Only regular
endings and a few irregular words are folded, and only where the folded form is no
other English word: "four" is never "for", "filled" never "filed".
"""

from __future__ import annotations

import re
from functools import lru_cache

_IRREGULAR = {"grey": "gray", "programme": "program", "programmes": "programs",
              "cheque": "check", "cheques": "checks", "tyre": "tire", "tyres": "tires",
              "kerb": "curb", "plough": "plow", "sceptical": "skeptical",
              "aluminium": "aluminum", "pyjamas": "pajamas", "mould": "mold",
              "practise": "practice", "practised": "practiced", "storey": "story",
              "jewellery": "jewelry", "manoeuvre": "maneuver"}
"""Words no ending rule folds."""
_OPEN_COMPOUNDS = {"for ever": "forever"}
"""Compounds an edition writes open or closed."""

_ENDINGS = [
    (re.compile(r"(?<=\w\w)our(?=(?:s|ed|ing|ite|ites|able|ably|ful|less)?$)"), "or"),
    (re.compile(r"(?<=\w\w\w)is(?=(?:e|es|ed|ing|ation|ations|er|ers)$)"), "iz"),
    (re.compile(r"(?<=\w\w)ys(?=(?:e|es|ed|ing)$)"), "yz"),
    (re.compile(r"(?<=\w\w[^aeiou\W])re(?=s?$)"), "er"),
    (re.compile(r"(?<=\w{4})ll(?=(?:ed|ing|er|ers)$)"), "l"),
    (re.compile(r"(?<=\w\w)logue(?=s?$)"), "log"),
    (re.compile(r"(?<=\w\w[^aeiou\W])ence$"), "ense"),
]
"""British endings and the American ones they fold to: -our (colour, behaviour, favourite;
two letters before it at least, so "four", "your" and "hour" stay), -ise and -isation
(recognise, organisation; not "rise" or "raise"), -yse (analyse), -re after a consonant
(centre, fibre; not "more", "there"), a doubled l before an ending after four letters
(travelled, cancelling; not "filled", "killed"), -logue (catalogue), -ence for -ense
(defence, licence; not "fence", "hence")."""


_KEPT = frozenset({"timbre"})
"""Words an ending rule would fold into another word ("timbre" is no "timber")."""


@lru_cache(maxsize=65536)
def spelling_key(word: str) -> str:
    """``word`` (lower case) with its British spelling made American."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word in _KEPT:
        return word
    for pattern, american in _ENDINGS:
        folded = pattern.sub(american, word, count=1)
        if folded != word:
            return folded
    return word


def spelt_alike(a: str, b: str) -> bool:
    """Whether two lower-case texts are the same words once spelling is folded (and the
    spaces of compounds an edition writes open or closed: "for ever" / "forever")."""
    if a == b:
        return True
    for pair, one in _OPEN_COMPOUNDS.items():
        a, b = a.replace(pair, one), b.replace(pair, one)
    words_a, words_b = a.split(), b.split()
    return len(words_a) == len(words_b) and all(
        x == y or spelling_key(x) == spelling_key(y) for x, y in zip(words_a, words_b))
