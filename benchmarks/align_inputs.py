"""Write the alignment benchmark inputs to a folder, for profiling and for output checks.

    .venv/bin/python benchmarks/align_inputs.py OUT_DIR

The cases of ``run.py`` (versions of real prose made by ``prose.py``) as
files, one folder per case: ``twenty`` (20 versions x 100 paragraphs),
``six`` (six editions of a 55 KB chapter), ``book`` (two ~300 KB versions),
and ``heavy`` (20 x 100 edited at 20%: more rewrites, fewer near copies, so
more sentence pairs are read). Profile one with, e.g.,
``py-spy record -- .venv/bin/python benchmarks/phases.py OUT_DIR/twenty/*``;
compare the engine's output before and after a change on the same files.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import prose  # noqa: E402


def cases() -> dict[str, list[str]]:
    """Case name -> texts of its versions."""
    hundred = prose.paragraphs(100)
    return {
        "twenty": prose.versions(20, hundred),
        "six": prose.versions(6, prose.base_text(55_000)),
        "book": prose.versions(2, prose.base_text(300_000)),
        "heavy": ["\n\n".join(prose.edited(hundred, 100 + k, rate=0.2)) + "\n"
                  for k in range(20)],
    }


def main(out: Path) -> None:
    for name, texts in cases().items():
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        for k, text in enumerate(texts):
            (folder / f"{name}-{k + 1:02d}.txt").write_text(text, encoding="utf-8")
        print(f"{folder}: {len(texts)} files, {sum(map(len, texts)) // 1024} KB")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__.strip().splitlines()[2].strip())
    main(Path(sys.argv[1]))
