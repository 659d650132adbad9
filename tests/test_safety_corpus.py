"""A corpus of bad inputs through the CLI: a clear one-line message or a comparison, never a
traceback or a hang (each run is bounded by an alarm)."""

from __future__ import annotations

import os
import signal

import pytest

from reader.cli import main

STORY = ("The council met on Tuesday to discuss the new bridge. Members argued for hours.\n\n"
         "In the end the vote was close, and the plan passed by a single vote.\n")
CORPUS = {
    "empty.txt": b"",
    "blank.txt": b"   \n\n \t \n",
    "binary.bin": bytes(range(256)) * 40,
    "nul.txt": b"text\x00with\x00nuls\n" * 50,
    "huge.txt": (STORY.encode() + b"\n") * 6000,  # ~850 KB
    "one-long-line.txt": b"word " * 200_000,
    "hostile.html": (b"<html><head><title><img src=x onerror=alert(1)></title>"
                     b"<script>alert(1)</script><style>p{}</style></head><body>"
                     + b"<div>" * 5000 + b"<p>The council met on Tuesday.</p>" + b"</div>" * 5000
                     + b"<p onclick=alert(2)>In the end the vote was close.</p></body></html>"),
    "no-text.html": b"<html><body><script>x()</script></body></html>",
    "cp1251.txt": "Совет собрался во вторник, чтобы обсудить новый мост.\n".encode("cp1251") * 5,
    "koi8.txt": "Совет собрался во вторник, чтобы обсудить мост.\n".encode("koi8-r") * 5,
    "stray-byte.txt": STORY.encode() + b"\xff\n",
    "utf16.txt": STORY.encode("utf-16-le"),
    "utf16-bom.txt": STORY.encode("utf-16"),
    "latin1.txt": "Le conseil s'est réuni mardi à Genève.\n".encode("latin-1") * 5,
    "cjk.txt": "理事会于周二开会讨论新桥。\n\n最后投票结果很接近。\n".encode() * 3,
    "rtl.txt": "اجتمع المجلس يوم الثلاثاء لمناقشة الجسر الجديد.\n\nשלום עולם.\n".encode(),
    "emoji.txt": "The council 🏛️ met 👩‍👩‍👧‍👦 on Tuesday 🌉.\n\nThe vote 🗳️ was close.\n".encode(),
    "crlf.txt": STORY.replace("\n", "\r\n").encode(),
    "bom.txt": b"\xef\xbb\xbf" + STORY.encode(),
}
LIMIT_S = 60


class _Hang(Exception):
    pass


def _alarm(_signum, _frame):
    raise _Hang()


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_bad_input_gives_a_message_or_a_comparison(tmp_path, capsys, name):
    bad = tmp_path / name
    bad.write_bytes(CORPUS[name])
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(LIMIT_S)
    try:
        try:
            code = main(["align", str(bad), str(good)])
        except SystemExit as exit_:
            code = exit_.code
    except _Hang:
        pytest.fail(f"{name}: no answer within {LIMIT_S} s")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    out, err = capsys.readouterr()
    if code == 0:
        assert "2 sources" in out
    else:
        assert code == 2
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("parallax: ") and name in lines[0], err


def test_non_utf8_file_name_through_every_command(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    odd = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(odd, "wb") as fh:
        fh.write(STORY.encode())
    good = tmp_path / "good.txt"
    good.write_text(STORY.replace("Tuesday", "Monday"))
    name = os.fsdecode(odd)
    notes = tmp_path / "in.json"
    notes.write_text('{"schema": 1, "notes": [{"id": "n", "source": 0, "quote": "council", '
                     '"start": 4, "end": 11, "body": "b"}]}')
    for argv in (["align", name, str(good)], ["notes", "import", name, str(good), str(notes)],
                 ["notes", "list", name, str(good)],
                 ["notes", "export", name, str(good), "-o", str(tmp_path / "n.json")],
                 ["export", name, str(good), "-o", str(tmp_path / "x.md")],
                 ["export", name, str(good), "-o", str(tmp_path / "x.html")]):
        assert main(argv) == 0, argv
    assert "council" in capsys.readouterr().out
    assert "caf\ufffd.txt" in (tmp_path / "x.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("size", ["abc", "30000x30000", "0x10", "10x"])
def test_bad_screenshot_size_is_refused_before_any_work(tmp_path, size):
    import subprocess
    import sys
    run = subprocess.run([sys.executable, "-m", "reader", "--screenshot",
                          str(tmp_path / "x.png"), "--size", size], capture_output=True,
                         text=True, timeout=60, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "--size" in run.stderr.splitlines()[-1] and not (tmp_path / "x.png").exists()
