"""Source sets for export tests: the seeds, and versions of them made by editing
real prose the way rewrites do (words dropped, swapped and added; a paragraph
dropped), so that 8 and 20 sources still read as one story."""

from __future__ import annotations

import random
from pathlib import Path

from reader.core.load.documents import seed_paths


def _edited(text: str, seed: int) -> str:
    rng = random.Random(seed)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    out = []
    for para in paragraphs:
        if len(paragraphs) > 8 and rng.random() < 0.08:
            continue  # a paragraph this version leaves out
        words = para.split()
        kept = []
        for word in words:
            roll = rng.random()
            if roll < 0.04:
                continue
            kept.append(word)
            if roll > 0.97:
                kept.append(rng.choice(["reportedly", "also", "again", "officially"]))
        out.append(" ".join(kept))
    return "\n\n".join(out)


def versions(folder: Path, count: int) -> list[str]:
    """``count`` files in ``folder``: the four seeds, then edited copies of them."""
    seeds = seed_paths()
    paths = []
    for i in range(count):
        seed = Path(seeds[i % len(seeds)])
        text = seed.read_text(encoding="utf-8")
        if i >= len(seeds):
            text = _edited(text, i)
        path = folder / (seed.name if i < len(seeds) else f"v{i + 1:02d}_{seed.name}")
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths
