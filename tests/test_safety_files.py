"""The one safe writer (reader.core.files) and the CLI outputs that use it."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core import files
from reader.core.files import OutputError, check_target, clean_stale_temps, write_atomically

SEEDS = sorted(str(p) for p in (Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def _cli(*args: str, cwd=None, env_home=None) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if env_home:
        env["XDG_DATA_HOME"] = str(env_home)
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True,
                          text=True, timeout=120, env=env, cwd=cwd)


def _one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    return lines[0]


def test_writes_and_replaces(tmp_path):
    target = tmp_path / "out.txt"
    write_atomically(target, "one")
    write_atomically(target, "two ünïcode")
    assert target.read_text(encoding="utf-8") == "two ünïcode"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_new_file_gets_umask_mode_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomically(tmp_path / "new.html", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.html").st_mode) == 0o644


def test_keeps_the_old_files_mode(tmp_path):
    target = tmp_path / "kept.md"
    target.write_text("old")
    os.chmod(target, 0o640)
    write_atomically(target, "new")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640


def test_refuses_a_read_only_file(tmp_path):
    """A file made read-only to keep it had been replaced by the rename (which the folder
    allows), and by root whatever its mode (review 13)."""
    target = tmp_path / "kept.md"
    target.write_text("kept")
    os.chmod(target, 0o444)
    with pytest.raises(OutputError, match="is read-only"):
        write_atomically(target, "new")
    assert target.read_text() == "kept"


def test_refuses_an_input(tmp_path):
    source = tmp_path / "b.txt"
    source.write_text("precious")
    with pytest.raises(OutputError, match="one of the input files"):
        write_atomically(str(tmp_path / "." / "b.txt"), "x", inputs=[str(source)])
    assert source.read_text() == "precious"


def test_refuses_a_hard_link_to_an_input(tmp_path):
    source = tmp_path / "b.txt"
    source.write_text("precious")
    os.link(source, tmp_path / "alias.txt")
    with pytest.raises(OutputError):
        write_atomically(tmp_path / "alias.txt", "x", inputs=[source])


def test_refuses_fifo_symlink_and_device(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        write_atomically(fifo, "x")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    victim = tmp_path / "victim"
    victim.write_text("keep")
    link = tmp_path / "link.pdf"
    link.symlink_to(victim)
    with pytest.raises(OutputError, match="symbolic link"):
        write_atomically(link, "x")
    assert link.is_symlink() and victim.read_text() == "keep"
    with pytest.raises(OutputError, match="not a regular file"):
        check_target("/dev/null")


@pytest.mark.parametrize("bad, message", [("", "empty path"), (".", "is a folder"),
                                          ("missing/out.html", "does not exist")])
def test_bad_output_paths(tmp_path, bad, message):
    with pytest.raises(OutputError, match=message):
        write_atomically(bad if bad == "" else tmp_path / bad, "x")


def test_a_planted_symlink_at_a_temp_name_is_not_followed(tmp_path, monkeypatch):
    victim = tmp_path / "victim"
    victim.write_text("keep")
    planted = tmp_path / ".out.pdf.planted.parallax-tmp"
    planted.symlink_to(victim)
    monkeypatch.setattr(files, "temp_name", lambda target: planted)
    with pytest.raises(OutputError):
        write_atomically(tmp_path / "out.pdf", "evil")
    assert victim.read_text() == "keep"


def test_full_disk_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    target.write_text("old report")
    calls = {"n": 0}
    real_write = os.write

    def short_then_full(fd, data):
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data[:5]))  # a short write must be resumed
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", short_then_full)
    with pytest.raises(OutputError, match="No space left"):
        write_atomically(target, "new report that does not fit")
    monkeypatch.undo()
    assert target.read_text() == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_short_writes_are_resumed(tmp_path, monkeypatch):
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:3])))
    write_atomically(tmp_path / "x", "abcdefghij")
    monkeypatch.undo()
    assert (tmp_path / "x").read_text() == "abcdefghij"


def test_stale_temps_of_dead_writers_are_cleaned(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    stale = tmp_path / f".out.html.{dead}-abc{files.TEMP_SUFFIX}"
    live = tmp_path / f".out.html.{os.getpid()}-def{files.TEMP_SUFFIX}"
    unrelated = tmp_path / ".out.html.notours"
    for p in (stale, live, unrelated):
        p.write_text("x")
    assert clean_stale_temps(tmp_path) == 1
    assert not stale.exists() and live.exists() and unrelated.exists()
    very_old = 1_000_000
    os.utime(live, (very_old, very_old))
    write_atomically(tmp_path / "out.html", "y")  # cleans the target's stale temps itself
    assert not live.exists()


# -- the CLI ------------------------------------------------------------------------------

def test_export_refuses_to_overwrite_an_input(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("One paragraph here.\n\nAnother one.\n")
    b.write_text("One paragraph there.\n\nAnother one.\n")
    line = _one_line_error(_cli("export", str(a), str(b), "-o", str(b), "--format", "md",
                                env_home=tmp_path))
    assert "input" in line
    assert b.read_text() == "One paragraph there.\n\nAnother one.\n"


def test_notes_export_refuses_to_overwrite_an_input(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Alpha.\n")
    b.write_text("Beta.\n")
    _one_line_error(_cli("notes", "export", str(a), str(b), "-o", str(a), env_home=tmp_path))
    assert a.read_text() == "Alpha.\n"


@pytest.mark.parametrize("out", ["", "FOLDER", "FOLDER/missing/x.html", "FIFO"])
def test_export_bad_targets_one_line_exit_2(tmp_path, out):
    os.mkfifo(tmp_path / "fifo")
    out = out.replace("FOLDER", str(tmp_path)).replace("FIFO", str(tmp_path / "fifo"))
    _one_line_error(_cli("export", *SEEDS[:2], "-o", out, "--format", "html",
                         env_home=tmp_path))


def test_pdf_on_a_full_disk_exits_non_zero_and_keeps_the_old_pdf(tmp_path):
    """ENOSPC is simulated in a child process (no tmpfs mount needed)."""
    old = tmp_path / "x.pdf"
    old.write_bytes(b"%PDF old")
    code = (
        "import errno, os, sys\n"
        "def full(fd, data): raise OSError(errno.ENOSPC, 'No space left on device')\n"
        "os.write = full\n"
        "from reader.cli import main\n"
        f"sys.exit(main(['export', *{SEEDS[:2]!r}, '-o', {str(old)!r}]))\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env=env)
    _one_line_error(proc)
    assert "No space left" in proc.stderr and "wrote" not in proc.stdout
    assert old.read_bytes() == b"%PDF old"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != "") == ["x.pdf"]


def test_concurrent_writers_never_interleave(tmp_path):
    import threading
    target = tmp_path / "same.pdf"
    payloads = [bytes([65 + i]) * 2_000_000 for i in range(4)]
    threads = [threading.Thread(target=write_atomically, args=(target, p)) for p in payloads]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert target.read_bytes() in payloads
    assert [p.name for p in tmp_path.iterdir()] == ["same.pdf"]


def test_a_real_full_disk_keeps_the_old_pdf(tmp_path):
    """A 64 KB tmpfs (needs root and mount permission; skipped otherwise)."""
    small = tmp_path / "small"
    small.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(small)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        old = small / "x.pdf"
        old.write_bytes(b"%PDF old")
        proc = _cli("export", *SEEDS[:2], "-o", str(old), env_home=tmp_path)
        _one_line_error(proc)
        assert "No space left" in proc.stderr and old.read_bytes() == b"%PDF old"
        assert [p.name for p in small.iterdir()] == ["x.pdf"]
    finally:
        subprocess.run(["umount", str(small)], capture_output=True)
