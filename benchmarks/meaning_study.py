"""Would static embeddings find the pairs that share meaning in other words?

    .venv/bin/pip install wordllama   # a study only: not a project dependency
    .venv/bin/python benchmarks/meaning_study.py

Runs the installed ``parallax align --json`` on the seeds (judged by
``tests/seed_truth.py``) and on every dev set (judged by its ``gold.json``),
embeds every content paragraph and sentence with wordllama's bundled 256-dim
model, and prints two tables (the README's "Alignment" section quotes them):

1. How well each similarity tells true pairs from their neighbours: the share
   of true pairs that are each other's best partner, and the share of
   comparisons a true pair wins against the wrong pairs of its row and column,
   by embedding cosine and by the engine's word cosine (TF-IDF).
2. Rules that would add links the engine does not find today: for each, the
   true pairs it adds and the wrong pairs it adds, set by set (on the seeds
   every true pair added is a must pair the engine misses). Silver sets have incomplete gold: their pairs count as neither.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np

from reader.core.align.sides import prepare
from reader.core.align.similarity import split_sentences
from reader.core.load.documents import load_document

ROOT = Path(__file__).resolve().parents[1]
PARALLAX = ROOT / ".venv/bin/parallax"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from prose import DEVSETS  # noqa: E402
from seed_truth import ACCEPTABLE, MUST  # noqa: E402

TRUE, NEITHER, WRONG = 1, 0, -1
_BLOCK = re.compile(r"\S(?:.*?\S)?(?=[ \t]*\n\s*\n|\s*\Z)", re.S)  # as the dev-set scorer


def load_model():
    """wordllama's bundled model, never a download.

    ``WordLlama.load(disable_download=True)`` alone fails (0.4.0.post1): it looks
    for the bundled tokenizer under ``tokenizer/`` but the wheel ships it under
    ``tokenizers/``; the package folder given as cache folder finds both files.
    """
    import wordllama
    return wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent,
                                    disable_download=True)


def aligned(paths: list[Path]) -> dict:
    run = subprocess.run([str(PARALLAX), "align", "--json", *map(str, paths)],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def seed_judge(a: int, p: int, b: int, q: int) -> int:
    key = (a, p, b, q) if a < b else (b, q, a, p)
    return TRUE if key in MUST else NEITHER if key in ACCEPTABLE else WRONG


def gold_judge(folder: Path, doc: dict):
    """Paragraphs map to gold blocks by character overlap, as the dev-set scorer does."""
    blocks = []
    for src in doc["sources"]:
        name = Path(src["path"]).stem
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        spans = [(n, m.start(), m.end()) for n, m in enumerate(_BLOCK.finditer(text), 1)]
        blocks.append([{f"{name}:{n}" for n, s, e in spans
                        if min(p["end"], e) - max(p["start"], s) > 0} for p in src["paragraphs"]])
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    want = {frozenset(pair) for pairs in gold["pairs"].values() for pair in pairs}
    silver = folder.name.endswith("_silver")

    def judge(a: int, p: int, b: int, q: int) -> int:
        if any(frozenset((x, y)) in want for x in blocks[a][p] for y in blocks[b][q]):
            return TRUE
        return NEITHER if silver else WRONG
    return judge


def judged_sets():
    """(name, version paths, judge maker): the judge maker takes the engine's JSON."""
    yield "seeds", sorted((ROOT / "seeds").glob("*.txt")), lambda doc: seed_judge
    for folder in sorted(p.parent for p in DEVSETS.glob("*/gold.json")):
        versions = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["versions"]
        yield (folder.name, [folder / f"{v}.txt" for v in versions],
               lambda doc, folder=folder: gold_judge(folder, doc))


def rules(emb: float, sent: float, best: dict[str, bool], unlinked: bool) -> list[str]:
    """The candidate rules that would link a pair not linked today.

    ``best`` says whether the pair is the best of its row (``_a``) and of its
    column (``_b``) by each similarity; ``unlinked``: neither paragraph is
    linked in this pair of sources (a pair inside a gap between links).
    """
    fired = []
    for t in (0.7, 0.73):
        if emb >= t and best["emb_a"] and best["emb_b"]:
            fired.append(f"embedding mutual best >= {t}")
        if emb >= t and (best["emb_a"] or best["emb_b"]):
            fired.append(f"embedding best on one side >= {t}")
        if emb >= t:
            fired.append(f"embedding alone >= {t}")
        if emb >= t and ((best["emb_a"] and best["word_a"]) or (best["emb_b"] and best["word_b"])):
            fired.append(f"embedding and word best agree >= {t}")
    if emb >= 0.65 and best["emb_a"] and best["emb_b"] and unlinked:
        fired.append("embedding mutual best >= 0.65, both unlinked")
    if sent >= 0.65 and best["sent_a"] and best["sent_b"]:
        fired.append("best sentence embedding mutual >= 0.65")
    return fired


class Study:
    """Figures of one set, pair of sources by pair of sources."""

    def __init__(self, model, paths: list[Path], judge_for) -> None:
        doc = aligned(paths)
        self.judge = judge_for(doc)
        docs = [load_document(p) for p in paths]
        self.sides = prepare(docs)
        self.linked = {(l["a"][0], l["a"][1], l["b"][0], l["b"][1]) for l in doc["links"]}
        texts = [[docs[s].paragraphs[i].text for i in side.paras]
                 for s, side in enumerate(self.sides)]
        self.paras = [model.embed(t, norm=True) if t else np.zeros((0, 256)) for t in texts]
        self.sents = [[model.embed(split_sentences(t), norm=True) for t in ts] for ts in texts]
        self.true = 0
        self.mutual = {"emb": 0, "word": 0}
        self.wins = {"emb": 0, "word": 0}
        self.duels = 0
        self.added: dict[str, list[int]] = {}  # rule -> [true, neither, wrong] pairs added

    def run(self) -> "Study":
        for a in range(len(self.sides)):
            for b in range(a + 1, len(self.sides)):
                if len(self.sides[a]) and len(self.sides[b]):
                    self._pair(a, b)
        return self

    def _pair(self, a: int, b: int) -> None:
        A, B = self.sides[a], self.sides[b]
        sims = {"emb": self.paras[a] @ self.paras[b].T,
                "word": (A.vectors @ B.vectors.T).toarray(),
                "sent": np.array([[float((x @ y.T).max()) for y in self.sents[b]]
                                  for x in self.sents[a]])}
        verdict = np.array([[self.judge(a, p, b, q) for q in B.paras] for p in A.paras])
        row_best = {k: m.argmax(1) for k, m in sims.items()}
        col_best = {k: m.argmax(0) for k, m in sims.items()}
        linked_a = {p for (s, p, t, _) in self.linked if (s, t) == (a, b)}
        linked_b = {q for (s, _, t, q) in self.linked if (s, t) == (a, b)}
        for x, y in np.ndindex(verdict.shape):
            p, q = A.paras[x], B.paras[y]
            best = {f"{k}_a": row_best[k][x] == y for k in sims}
            best |= {f"{k}_b": col_best[k][y] == x for k in sims}
            if verdict[x, y] == TRUE:
                self._separation(sims, verdict, x, y, best)
            if (a, p, b, q) in self.linked:
                continue
            for rule in rules(sims["emb"][x, y], sims["sent"][x, y], best,
                              p not in linked_a and q not in linked_b):
                self.added.setdefault(rule, [0, 0, 0])[1 - verdict[x, y]] += 1

    def _separation(self, sims: dict, verdict: np.ndarray, x: int, y: int, best: dict) -> None:
        """A true pair: is it mutual best, and how many wrong pairs of its row and column beat it."""
        self.true += 1
        wrong_cols = np.flatnonzero(verdict[x] == WRONG)
        wrong_rows = np.flatnonzero(verdict[:, y] == WRONG)
        self.duels += len(wrong_cols) + len(wrong_rows)
        for k in ("emb", "word"):
            m = sims[k]
            self.mutual[k] += best[f"{k}_a"] and best[f"{k}_b"]
            self.wins[k] += int((m[x, wrong_cols] < m[x, y]).sum()
                                + (m[wrong_rows, y] < m[x, y]).sum())


def main() -> None:
    model = load_model()
    added: dict[str, dict[str, list[int]]] = {}
    print(f"{'set':32} {'true':>5} {'mutual best: emb':>17} {'word':>6}"
          f" {'wins over wrong: emb':>21} {'word':>6}")
    for name, paths, judge_for in judged_sets():
        study = Study(model, paths, judge_for).run()
        n = max(study.true, 1)
        wins = (f"{study.wins['emb'] / study.duels:21.3f} {study.wins['word'] / study.duels:6.3f}"
                if study.duels else f"{'-':>21} {'-':>6}")
        print(f"{name:32} {study.true:5} {study.mutual['emb'] / n:17.3f} "
              f"{study.mutual['word'] / n:6.3f} {wins}")
        for rule, counts in study.added.items():
            added.setdefault(rule, {})[name] = counts
    print("\nrule: true pairs added / wrong pairs added, per set (sets with neither left out)")
    for rule, per_set in sorted(added.items()):
        true = sum(c[0] for c in per_set.values())
        wrong = sum(c[2] for c in per_set.values())
        detail = ", ".join(f"{s} {c[0]}/{c[2]}" for s, c in per_set.items() if c[0] or c[2])
        print(f"{rule:48} {true:3} / {wrong:3}   {detail}")


if __name__ == "__main__":
    main()
