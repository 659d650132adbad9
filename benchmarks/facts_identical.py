"""Whether a change to the fact finder leaves its output byte for byte the same.

    python benchmarks/facts_identical.py BASE_CHECKOUT [inputs]...

Runs ``parallax align --json`` with the code of this checkout and with the code
of ``BASE_CHECKOUT`` (another worktree of the repository, put first on
``PYTHONPATH``) on the same inputs, and compares every paragraph's ``facts`` and
every link's ``fact_changes`` as serialised JSON. Each input is a folder (all
its files, sorted) or a glob. Speed work on the fact finder must change no
output: this is how it is checked. Prints one line per input and the first
differences; exits 1 if any.
"""

from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _paths(spec: str) -> list[str]:
    if Path(spec).is_dir():
        return sorted(str(p.resolve()) for p in Path(spec).iterdir() if p.is_file()
                      and p.suffix in (".txt", ".md", ".html", ".htm"))
    return sorted(str(Path(p).resolve()) for p in glob.glob(spec))


def _facts(code: Path, paths: list[str]) -> dict[str, str]:
    """Each paragraph's facts and each link's fact changes, as JSON text, by place."""
    env = dict(os.environ, PYTHONPATH=str(code), PARALLAX_FACTS="1")
    out = subprocess.run([sys.executable, "-c", "import sys; from reader.cli import main; "
                          "sys.argv[0] = 'parallax'; sys.exit(main())", "align", "--json",
                          *paths], env=env, check=True, capture_output=True, cwd="/").stdout
    doc = json.loads(out)
    found = {}
    for source in doc["sources"]:
        for para in source["paragraphs"]:
            found[f"facts {source['index']}:{para['index']}"] = json.dumps(
                para.get("facts"), ensure_ascii=False)
    for link in doc["links"]:
        found[f"changes {link['a']}->{link['b']}"] = json.dumps(
            link.get("fact_changes"), ensure_ascii=False)
    return found


def main() -> int:
    base, specs = Path(sys.argv[1]).resolve(), sys.argv[2:]
    bad = 0
    for spec in specs:
        paths = _paths(spec)
        if not paths:
            print(f"{spec}: no files")
            continue
        old, new = _facts(base, paths), _facts(ROOT, paths)
        differ = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
        facts = sum(len(json.loads(v) or ()) for k, v in new.items() if k.startswith("facts"))
        changes = sum(len(json.loads(v) or ()) for k, v in new.items() if k.startswith("ch"))
        print(f"{spec}: {len(paths)} files, {facts} facts, {changes} fact changes: "
              f"{'same' if not differ else f'{len(differ)} DIFFER'}", flush=True)
        for key in differ[:5]:
            print(f"  {key}\n    before {old.get(key, '')[:300]}"
                  f"\n    after  {new.get(key, '')[:300]}")
        bad += bool(differ)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
