"""Synthetic versions of one text, for benchmarks and scale tests.

Real articles are too short to time the engine at book length, and copying
seed paragraphs would create duplicates that real versions do not have. So
we draw a Zipf-distributed vocabulary of made-up words (every paragraph is
distinct, as in real prose) and derive versions by the edits paraphrasing
tools and editors make: word substitutions, deletions and insertions, dropped,
moved, merged and split paragraphs.
"""

from __future__ import annotations

import random


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    syllables = [c + v for c in "bdfgklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
    words = {"".join(rng.choice(syllables) for _ in range(rng.choice((1, 2, 2, 3, 3, 4))))
             for _ in range(size * 2)}
    return sorted(words)[:size]


def base_text(paragraphs: int, seed: int = 1, sentences: tuple[int, int] = (2, 5)) -> list[str]:
    """``paragraphs`` distinct paragraphs of pseudo-English prose."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    out = []
    for _ in range(paragraphs):
        sents = []
        for _ in range(rng.randint(*sentences)):
            ws = rng.choices(vocab, weights, k=rng.randint(8, 24))
            sents.append(" ".join(ws).capitalize() + ".")
        out.append(" ".join(sents))
    return out


def edited(paragraphs: list[str], seed: int, rate: float = 0.1) -> list[str]:
    """A version of ``paragraphs`` with paraphrase-like edits at the given rate."""
    rng = random.Random(seed)
    vocab = _vocabulary(random.Random(seed + 1000), 800)
    out: list[str] = []
    for para in paragraphs:
        roll = rng.random()
        if roll < rate / 3:
            continue  # dropped
        words = []
        for w in para.split():
            r = rng.random()
            if r < rate:
                words.append(rng.choice(vocab) + ("." if w.endswith(".") else ""))
            elif r < rate * 1.5:
                continue
            else:
                words.append(w)
            if rng.random() < rate / 2:
                words.append(rng.choice(vocab))
        text = " ".join(words)
        if roll > 1 - rate / 3 and out:
            out[-1] = out[-1] + " " + text  # merged with the previous paragraph
        else:
            out.append(text)
    if len(out) > 4 and rng.random() < 0.8:
        k = rng.randrange(len(out))
        out.insert(rng.randrange(len(out)), out.pop(k))  # one paragraph moved
    return out


def versions(count: int, paragraphs: int, seed: int = 7) -> list[str]:
    """``count`` texts (paragraphs separated by blank lines) of one story."""
    base = base_text(paragraphs, seed)
    texts = ["\n\n".join(base)]
    texts += ["\n\n".join(edited(base, seed + k)) for k in range(1, count)]
    return texts


def book(size_bytes: int, seed: int = 3) -> tuple[str, str]:
    """Two book-length versions of about ``size_bytes`` each."""
    paras = base_text(max(10, size_bytes // 600), seed, sentences=(3, 7))
    return "\n\n".join(paras), "\n\n".join(edited(paras, seed + 1, rate=0.05))
