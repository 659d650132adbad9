"""The installed package carries the seeds and fonts; the console script exists."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_seeds_fonts_and_entry_point(tmp_path):
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                          str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    [wheel] = tmp_path.glob("parallax_reader-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    seeds = sorted(n for n in names if n.startswith("reader/seeds/") and n.endswith(".txt"))
    assert [Path(n).name for n in seeds] == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert "reader/resources/fonts/DejaVuSerif.ttf" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "parallax = reader.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
