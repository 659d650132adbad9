"""Words in scripts with combining marks, and digits in other scripts (review 9).

A multilingual newsroom's findings: Devanagari words were cut into letters and vowel
signs ("लोगों" seven tokens), so "लोगों" → "नागरिकों" kept the shared "ों" as unchanged
and the mark printed on a dotted circle; and an outlet's own digits ("٧٢" where the wire
has "72") were three of a Hindi pair's five places. The sentences are written for this
test.
"""

from __future__ import annotations

import re
import unicodedata

from reader.core.comparison import compare
from reader.core.diff.words import word_diff, words_of
from reader.core.load.documents import document_from_text
from reader.core.load.script_aware import COMBINING_MARKS
from reader.core.places import places


def test_the_combining_marks_class_is_every_mark_of_the_basic_plane():
    found = re.compile(f"[{COMBINING_MARKS}]")
    for code in range(0x10000):
        ch = chr(code)
        assert bool(found.match(ch)) == unicodedata.category(ch).startswith("M"), hex(code)


def test_a_devanagari_word_changed_is_marked_whole():
    a = "निगम आयुक्त ने लोगों से अपील की कि वे घर पर रहें।"
    b = "निगम आयुक्त ने नागरिकों से अपील की कि वे घर पर रहें।"
    changed = [(a[s.a_start:s.a_end], b[s.b_start:s.b_end]) for s in word_diff(a, b)
               if s.op != "equal"]
    assert changed == [("लोगों", "नागरिकों")]
    assert words_of("लोगों से") == ["लोगों", "से"]


def test_an_arabic_word_with_its_vowel_points_is_one_word():
    assert words_of("قتيلاً في السيول") == ["قتيلاً", "في", "السيول"]


def test_digits_of_another_script_differ_only_trivially_and_make_no_place():
    hindi = "मुंबई में {} घंटे में {} मिलीमीटर बारिश हुई और {} लोगों को सुरक्षित निकाला गया।"
    arabic = "تجاوزت الأمطار {} مليمتراً خلال {} ساعة، وتم إجلاء {} شخصاً."
    for text, ours, theirs in ((hindi, ("4", "210", "34"), ("४", "२१०", "३४")),
                               (arabic, ("80", "72", "2.5"), ("٨٠", "٧٢", "٢٫٥"))):
        a, b = text.format(*ours), text.format(*theirs)
        spans = [s for s in word_diff(a, b) if s.op != "equal"]
        assert spans and all(s.trivial for s in spans), [(a[s.a_start:s.a_end], s.trivial)
                                                         for s in spans]
        comp = compare([document_from_text(a + "\n", "a.txt"),
                        document_from_text(b + "\n", "b.txt")])
        assert places(comp.differences(0)) == []
    assert words_of("٢٫٥ متر") == ["2.5", "متر"]  # one number, its separator folded


def test_words_are_counted_with_their_marks():
    """The exports' word counts (``count_words``) read a word as the diff does: a Hindi
    sentence of nine words had counted twelve, its words cut at their vowel signs, and a
    Latin word written with combining accents counted once per accent."""
    from reader.core.load.script_aware import count_words, words
    hindi = "सरकार ने कहा कि लोगों की मदद की जाएगी।"
    assert count_words(hindi) == 9 and words(hindi)[4] == "लोगों"
    assert count_words("e\u0301te\u0301 e\u0301tait") == 2
    assert count_words("قال المسؤولون إن ٢٣ شخصاً قُتلوا") == 6
    assert count_words("The minister's speech, at 10.30, was brief.") == 7
