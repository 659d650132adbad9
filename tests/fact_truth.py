"""Hand-checked fact changes between linked paragraphs of the four seeds.

Written by reading each pair of paragraphs side by side (sources: 0 = 000
short wire copy, 1 = 001 long wire copy, 2 = 002 CNN, 3 = 003 rewrite;
paragraph indexes as in ``tests/seed_truth.py``), not from the engine's output.

Rules used while reading:
- A change is a fact of one of the kinds (number, date, name, quote, speaker,
  attribution, negation, hedge) that one side states and the other states
  differently (both texts given) or not at all (the other is None).
- Equal facts in other words are no change: "fifteen"/"15", "Wang Yi"/"Wang",
  "US"/"United States", "Putin"/"the Russian leader", "said"/"stated",
  "Russia"/"Moscow" used for the Russian state.
- A number that counts what the story names ("the two sides", "the two nations" for
  China and Russia) refers to them; said or not, it states no quantity. (Revised in the
  eleventh round: four such entries were read as numbers added or dropped; an
  independent reading of the seeds called them phantom changes, and by the rule above
  they are equal facts in other words. A count that changes, "the three" -> "the four",
  is still a change.)
- A quote whose words differ is a ``quote`` change on both quotes; a quote the
  other side gives without quotation marks has the paraphrase as its other
  text; a quote the other side does not carry at all has None.
- For a paragraph merged into a longer one (partial pairs), only the
  sentences that carry the shared content count; facts in sentences that
  only one side has are not changes of this pair.

Each entry: (source a, paragraph a, source b, paragraph b, kind, text in a, text in b).
A text is a substring of its paragraph that lies inside the changed fact.
"""

from __future__ import annotations

Entry = tuple[int, int, int, int, str, "str | None", "str | None"]

TRUTH: list[Entry] = [
    # --- 000 <-> 001: two machine paraphrases of one wire story -------------------------
    (0, 3, 1, 3, "hedge", None, "possible"),  # "is sending" -> "possible provision"
    # 001 keeps the end of the quote without its opening mark: a paraphrase, not a quote
    (0, 5, 1, 9, "quote", "in this content, the cooperation", "cooperation is particularly"),
    (0, 6, 1, 10, "quote", "are not against third parties", "not directed at a third country"),
    (0, 6, 1, 10, "name", None, "Putin"),  # "the meeting" -> "the meeting with Putin"
    (0, 7, 1, 11, "quote", "multipolarity and democratization", "multipolarization and"),
    (0, 7, 1, 11, "hedge", "perceived", None),  # "perceived US hegemony" -> "US dominance"
    (0, 8, 1, 12, "date", "Hours earlier", "Earlier Wednesday"),
    (0, 8, 1, 12, "name", "Wang", "the king"),  # a factual slip of the paraphrase
    (0, 8, 1, 12, "quote", "our relations have continued", "Our relationship continues"),
    (0, 9, 1, 13, "quote", "no limit", "there are no limits"),
    (0, 10, 1, 14, "attribution", "repeating", "refuting"),  # repeats -> refutes the claim
    (0, 10, 1, 14, "name", "West", "US"),  # "the West and NATO" -> "the US and NATO"
    (0, 10, 1, 15, "name", "other countries", "United States"),
    (0, 12, 1, 40, "name", None, "New START Treaty"),
    (0, 13, 1, 41, "name", "Putin", None),
    (0, 13, 1, 41, "date", "late last year", "Last fall"),
    (0, 13, 1, 41, "attribution", "blamed", None),
    # --- CNN renders Putin's words on cooperation (its first quote, "Russian-Chinese
    # relations are developing…", and "sitting next to Wang" are sentences the wire
    # paragraphs do not carry: not changes of these pairs) ------------------------------
    (0, 5, 2, 6, "quote", "in this content, the cooperation", "Cooperation in the international"),
    (1, 9, 2, 6, "quote", "cooperation is particularly important", "Cooperation in the"),
    (2, 6, 3, 7, "quote", "Cooperation in the international", "collaboration between China"),
    (1, 29, 2, 11, "date", None, "earlier Wednesday"),
    (1, 29, 2, 11, "name", None, "Putin"),  # "one of Putin’s closest allies"
    # --- the rewrite (003) against the wire copies ---------------------------------------
    (0, 2, 3, 5, "date", None, "a year after"),
    (0, 2, 3, 5, "name", None, "Putin"),
    (0, 2, 3, 5, "number", None, "thousands"),
    (0, 2, 3, 5, "number", None, "millions"),
    (1, 2, 3, 5, "date", None, "a year after"),
    (1, 2, 3, 5, "name", None, "Putin"),
    (1, 2, 3, 5, "number", None, "thousands"),
    (1, 2, 3, 5, "number", None, "millions"),
    (0, 5, 3, 7, "quote", "the cooperation between", "collaboration between China and Russia"),
    (0, 4, 3, 8, "hedge", None, "might"),  # "will visit Russia" -> "might soon go to Moscow"
    (1, 8, 3, 8, "hedge", None, "might"),
    (0, 4, 3, 8, "name", "Wang", None),  # "his meeting with Wang": 003 names no Wang here
    (1, 8, 3, 8, "name", "Wang", None),
    (0, 6, 3, 9, "quote", "not against third parties", "not targeted against other"),
    (0, 7, 3, 9, "quote", "multipolarity and democratization", "multipolarity and democrat"),
    (1, 10, 3, 9, "quote", "not directed at a third country", "not targeted against other"),
    (1, 11, 3, 9, "quote", "multipolarization and", "multipolarity and democratization"),
    (1, 11, 3, 9, "hedge", None, "perceived"),
    (0, 8, 3, 11, "date", "Hours earlier", "On Wednesday"),
    (0, 8, 3, 11, "quote", "our relations have continued",
     "the relationship between the two nations has continued to develop robustly"),
    (0, 9, 3, 11, "quote", "no limit", None),
    (0, 10, 3, 11, "name", "West", "United States"),
    (0, 10, 3, 11, "quote", None, "provoking"),
    (1, 12, 3, 11, "name", "the king", "Wang Yi"),
    (1, 12, 3, 11, "quote", "Our relationship continues",
     "the relationship between the two nations has continued to develop robustly"),
    (1, 13, 3, 11, "quote", "there are no limits", None),
    (1, 14, 3, 11, "attribution", "refuting", "echoed"),  # refutes -> echoes the claim
    (1, 14, 3, 11, "quote", "provoking", "provoking"),  # 003 puts the word in quotes
    (0, 10, 3, 12, "name", "other countries", "U.S."),
    (0, 10, 3, 12, "name", None, "Xinjiang"),
    (0, 10, 3, 12, "hedge", None, "believe"),  # the shared sentence opens "Some analysts believe"
    (1, 15, 3, 12, "name", None, "Xinjiang"),
    (1, 15, 3, 12, "hedge", None, "believe"),
    (1, 30, 3, 12, "date", "in recent days", None),
    (1, 30, 3, 12, "hedge", None, "believe"),  # "Some analysts believe China is cautious"
    (1, 31, 3, 16, "quote", "Isolation from the West", "isolation from the West"),
    (1, 31, 3, 16, "quote", "considerable limits to cooperation", "cooperation with Russia"),
    (1, 31, 3, 16, "hedge", None, "could"),  # "could undermine"
]

PAIRS: set[tuple[int, int, int, int]] = {e[:4] for e in TRUTH} | {
    # Read and found without fact changes: precision counts every report here too.
    (0, 1, 1, 1), (0, 2, 1, 2), (0, 4, 1, 8), (0, 12, 1, 40), (0, 3, 3, 7), (1, 3, 3, 7),
}
