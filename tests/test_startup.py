"""Start-up: a command imports what it runs, and the deferred numpy modules still work.

Each check runs a fresh interpreter, since what a process has imported is the
thing under test (pytest itself has imported numpy.testing long before).
"""

from __future__ import annotations

import subprocess
import sys

from reader.core.load.documents import seed_paths

NOT_FOR_ALIGN = ("reader.core.export.report", "reader.core.annotations.session",
                 "reader.core.annotations.store", "reader.core.annotations.anchoring",
                 "reader.core.checked", "reader.core.places", "reader.render.pdf")


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_align_imports_no_export_notes_or_checked_code():
    out = _run(
        "import contextlib, io, sys\n"
        "from reader.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['align', '--json', *{seed_paths()!r}]) == 0\n"
        f"print(' '.join(m for m in {NOT_FOR_ALIGN!r} if m in sys.modules) or 'none')\n")
    assert out.split() == ["none"]


def test_numpy_tools_are_deferred_until_used():
    out = _run(
        "import sys\n"
        "from reader.cli import main\n"
        "assert main(['align', *" + repr(seed_paths()) + "]) == 0\n"
        "import numpy\n"
        "run = [type(sys.modules['numpy.testing']).__name__]\n"
        "numpy.testing.assert_array_equal(numpy.ma.masked_array([1, 2]), [1, 2])\n"
        "run.append(type(numpy.testing.assert_array_equal).__name__)\n"
        "print('RESULT', *run)\n")
    result = next(line for line in out.splitlines() if line.startswith("RESULT")).split()
    assert result == ["RESULT", "_LazyModule", "function"]


def test_words_counted_when_asked():
    from reader.core.load.documents import document_from_text
    from reader.core.load.script_aware import count_words
    doc = document_from_text("Title here\n\nOne two three four.\n\nFive six, seven.\n")
    assert "words" not in vars(doc)
    assert doc.words == sum(count_words(p.text) for p in doc.paragraphs) == 9


def test_text_imports_no_engine():
    out = _run(
        "import contextlib, io, sys\n"
        "from reader.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['text', {seed_paths()[0]!r}]) == 0\n"
        "print(*(m for m in ('numpy', 'scipy', 'reader.core.comparison') if m in sys.modules))\n")
    assert out.split() == []


def _program(*args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    """``python -m reader ARGS``: the program as the ``parallax`` script runs it."""
    return subprocess.run([sys.executable, "-m", "reader", *args], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, timeout=120)


def test_a_command_ends_at_once_with_all_its_output_written():
    import json
    done = _program("align", "--json", *seed_paths())
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)  # complete: flushed before the process ended
    assert len(document["sources"]) == 4 and document["links"]
    assert done.stderr == ""


def test_the_program_keeps_a_commands_comparison_to_the_end(tmp_path):
    """``script`` ends the process without freeing the comparison one object at a time:
    ``main`` hands it the commands' arguments, with what they built on them."""
    import contextlib
    import io

    from reader.cli import main
    from reader.core.comparison import Comparison
    out = tmp_path / "out.html"
    for argv in (["align", "--json", *seed_paths()], ["export", *seed_paths(), "-o", str(out)]):
        kept: list = []
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(argv, kept) == 0
        [args] = kept
        inputs, comp = args.built
        assert isinstance(comp, Comparison) and len(comp.documents) == 4 and comp.links


def test_output_to_a_full_disk_is_one_line_and_status_2():
    with open("/dev/full", "w") as full:
        for args in (["align", "--json"], ["align"]):
            done = _program(*args, *seed_paths(), stdout=full)
            assert done.returncode == 2, done.stderr
            assert done.stderr == "parallax: No space left on device (writing the output)\n"


def test_numpy_gets_one_blas_thread_unless_the_environment_says_otherwise():
    code = ("import contextlib, io, os\n"
            "from reader.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['align', *{seed_paths()!r}])\n"
            "print('BLAS', os.environ.get('OPENBLAS_NUM_THREADS'))\n")
    import os
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    for given, expected in ((None, "1"), ("3", "3")):
        run_env = env if given is None else {**env, "OPENBLAS_NUM_THREADS": given}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=120, env=run_env)
        assert done.returncode == 0, done.stderr
        assert done.stdout.split()[-2:] == ["BLAS", expected]
