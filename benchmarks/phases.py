"""Where the time of ``parallax align --json`` goes, phase by phase, in one process.

    .venv/bin/python benchmarks/phases.py FILE...

Prints one JSON line: seconds for the imports, loading, alignment
(``compare``), and the JSON (word diffs of every link included), so each
figure can be owed to the module that spends it.
"""

from __future__ import annotations

import io
import json
import sys
import time


def main(paths: list[str]) -> None:
    start = time.perf_counter()
    from reader.cli import _comparison  # noqa: F401  (the CLI's own imports)
    from reader.core.comparison import compare
    from reader.core.export.summary import write_json
    from reader.core.pipeline import load_all
    imported = time.perf_counter()
    docs, errors = load_all(paths)
    loaded = time.perf_counter()
    comp = compare(docs)
    aligned = time.perf_counter()
    write_json(comp, io.StringIO())
    written = time.perf_counter()
    print(json.dumps({"imports": imported - start, "load": loaded - imported,
                      "align": aligned - loaded, "json": written - aligned,
                      "links": len(comp.links), "errors": len(errors)}))


if __name__ == "__main__":
    main(sys.argv[1:])
