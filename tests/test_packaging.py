"""The wheel builds with the declared build floor and ships what a user needs: seeds,
fonts, the licence, the desktop entry, icon and metainfo, the console script and
the metadata a package index shows; settings move to the one ``parallax`` folder."""

from __future__ import annotations

import email
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from configparser import ConfigParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                          str(out), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    [path] = out.glob("parallax_reader-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_ships_seeds_fonts_and_entry_point(wheel):
    names = wheel.namelist()
    seeds = sorted(n for n in names if n.startswith("reader/seeds/") and n.endswith(".txt"))
    assert [Path(n).name for n in seeds] == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert "reader/resources/fonts/DejaVuSerif.ttf" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "parallax = reader.cli:script" in wheel.read(entry).decode()


def test_wheel_has_licence_metadata_and_desktop_files(wheel):
    names = wheel.namelist()
    assert any(n.endswith("licenses/LICENSE") for n in names)
    meta = email.message_from_bytes(wheel.read(next(n for n in names if n.endswith("METADATA"))))
    assert meta["License-Expression"] == "MIT"
    assert "Parallax maintainers" in (meta["Author"] or "")
    assert any("Topic :: Text Processing" in c for c in meta.get_all("Classifier"))
    for name in ("parallax.desktop", "parallax.svg", "parallax.metainfo.xml"):
        assert f"reader/resources/desktop/{name}" in names


def test_desktop_entry_icon_and_metainfo_agree():
    desktop = ConfigParser(interpolation=None)
    desktop.read(ROOT / "resources/desktop/parallax.desktop")
    entry = desktop["Desktop Entry"]
    assert entry["Exec"].split()[0] == "parallax" and entry["Icon"] == "parallax"
    ET.parse(ROOT / "resources/desktop/parallax.svg")  # well-formed
    info = ET.parse(ROOT / "resources/desktop/parallax.metainfo.xml").getroot()
    assert info.find("launchable").text == "parallax.desktop"
    assert info.find("project_license").text == "MIT"


def test_settings_move_to_the_parallax_folder(tmp_path, qapp):
    from PySide6.QtCore import QSettings

    from reader.gui import settings
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    old = QSettings("Parallax", "Parallax Reader")
    old.setValue("view/zoom", 3)
    old.sync()
    moved = settings.ReaderSettings()
    assert moved.zoom == 3
    assert (tmp_path / "parallax" / "parallax.conf").exists()
    assert (tmp_path / "Parallax" / "Parallax Reader.conf").exists()  # the old file is kept


def test_every_module_compiles_without_warnings():
    """An invalid escape in a docstring ("``\\s``" written unraw) is a warning today and a
    syntax error in a later Python: every module of the package compiles cleanly."""
    import warnings
    root = Path(__file__).resolve().parents[1]
    for path in sorted((root / "reader").rglob("*.py")):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            compile(path.read_text(encoding="utf-8"), str(path), "exec")
