"""Versions of real English prose, for benchmarks.

The texts are the public dev-set sources (Frankenstein, 1818 edition, six
chapters; five Guardian stories as rewritten for learners) and the bundled
seed articles: about 150 KB. A base text of any size takes their paragraphs
in order; past the end it goes on with new paragraphs made of the same
sentences regrouped, so no two paragraphs are copies (real versions have
no duplicate paragraphs, and duplicates would flatter or punish the aligner).

A version is the base with the edits editors make, at a chosen rate (8% of
words by default): words replaced by other words of the corpus, deleted or
inserted; paragraphs dropped, and neighbours swapped.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVSETS = Path("/work/shared/devsets")
SOURCES = sorted(DEVSETS.glob("frankenstein_*/ed1818.txt")) + sorted(
    DEVSETS.glob("onestopenglish_*/adv.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
EDIT_RATE = 0.08
_SENTENCE_END = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“])")


def real_paragraphs() -> list[str]:
    """Every paragraph of the source texts, in order (blank-line separated blocks)."""
    if not any(p.parent.parent == DEVSETS for p in SOURCES):
        raise SystemExit(f"benchmarks need the dev-set texts in {DEVSETS}")
    out = []
    for path in SOURCES:
        blocks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
        out += [" ".join(b.split()) for b in blocks if b.strip()]
    return out


def base_text(size: int, seed: int = 1) -> list[str]:
    """Paragraphs of real prose adding up to about ``size`` characters."""
    real = real_paragraphs()
    out, total = [], 0
    for para in real:
        if total >= size:
            return out
        out.append(para)
        total += len(para) + 2
    rng = random.Random(seed)
    sentences = [s for p in real for s in _SENTENCE_END.split(p) if len(s) > 20]
    while total < size:
        rng.shuffle(sentences)
        k = 0
        while k < len(sentences) and total < size:
            n = rng.randint(2, 6)
            para = " ".join(sentences[k:k + n])
            out.append(para)
            total += len(para) + 2
            k += n
    return out


def paragraphs(count: int) -> list[str]:
    """The first ``count`` paragraphs of the base text."""
    real = real_paragraphs()
    return real[:count] if count <= len(real) else base_text(count * 1000)[:count]


def edited(base: list[str], seed: int, rate: float = EDIT_RATE) -> list[str]:
    """One version of ``base``: about ``rate`` of its words edited, a few paragraphs
    dropped (rate / 4 of them) and a few neighbours swapped (as many)."""
    rng = random.Random(seed)
    vocabulary = sorted({w for p in base[:200] for w in p.split()})
    out: list[str] = []
    for para in base:
        if rng.random() < rate / 4:
            continue
        words = []
        for word in para.split():
            roll = rng.random()
            if roll < rate / 2:
                words.append(rng.choice(vocabulary))  # replaced
            elif roll < rate * 3 / 4:
                continue  # deleted
            elif roll < rate:
                words += [word, rng.choice(vocabulary)]  # inserted after
            else:
                words.append(word)
        out.append(" ".join(words))
    for _ in range(max(1, round(len(out) * rate / 4))):
        k = rng.randrange(len(out) - 1)
        out[k], out[k + 1] = out[k + 1], out[k]
    return out


def versions(count: int, base: list[str], seed: int = 7) -> list[str]:
    """``count`` texts of one story: the base and ``count - 1`` edited versions."""
    texts = [base] + [edited(base, seed + k) for k in range(1, count)]
    return ["\n\n".join(t) + "\n" for t in texts]
