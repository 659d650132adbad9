"""Command line: ``parallax`` opens the reader; sub-commands work without a display.

    parallax [FILE...] [--screenshot OUT.png]    the reader (bundled seeds if no FILE)
    parallax align [--json] [--order date] [FILE...]   alignment summary or JSON (schema 2)
    parallax align --differences | --difference N [FILE...]   places that differ, numbered
    parallax export [FILE...] -o OUT [--format pdf|html|md] ...
    parallax notes list|export|import FILE... ...
    parallax save OUT.parallax FILE...           a comparison file (reader/cli/saved.py)
    parallax fix FILE.parallax link|unlink|...   manual alignment fixes in it
    parallax --version

Wherever FILE... is asked for, one comparison file (.parallax) may stand in.

A comparison takes 2 to 20 sources. Errors in the input are reported as one
line naming the file, and the exit status is 2; no traceback is shown for
bad input. A first argument that is not an existing file and looks like a
command word (letters and dashes, no dot or slash) is a mistyped command,
not a file for the reader: ``parallax algin`` is an error, not a window.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__
from reader.core.collector import gc_paused
from reader.core.errors import SourceError
from reader.core.files import OutputError
from reader.core.numpy_tools import defer_numpy_tools, one_blas_thread
from reader.core.sources import MAX_SOURCES, MIN_SOURCES, is_comparison_file

if TYPE_CHECKING:  # each command imports what it runs: a process starts in ~0.3 s, half of it
    from reader.cli.saved import Inputs  # importing, and `align` needs no export or notes code
    from reader.core.align.parallel import Beside
    from reader.core.comparison import Comparison
    from reader.core.pipeline import Loaded

COMMANDS = ("align", "export", "notes", "save", "fix", "text")
INTERNAL_ERROR = 70
"""Exit status of a command that failed on a bug of Parallax's (``EX_SOFTWARE``), told from
2, a bad input or output the message explains: a script should report it, not retry.
It had been Python's traceback of 60 lines and status 1 (review 13)."""
DEBUG_ENV = "PARALLAX_DEBUG"
EXTRA_COMMANDS = {"export": ("reader.cli.export", "add_export_command"),
                  "notes": ("reader.cli.notes", "add_notes_command"),
                  "save": ("reader.cli.saved", "add_save_command"),
                  "fix": ("reader.cli.saved", "add_fix_command"),
                  "text": ("reader.cli.text", "add_text_command")}
"""Sub-commands that live beside the features they drive: the module, and its function
that adds the command's parser."""
_COMMAND_WORD = re.compile(r"^[A-Za-z][A-Za-z-]*$")


def check_source_count(count: int) -> None:
    """Exit 2 with one line unless there are 2 to 20 sources (the documented limit)."""
    if not MIN_SOURCES <= count <= MAX_SOURCES:
        print(f"parallax: a comparison takes {MIN_SOURCES} to {MAX_SOURCES} files; "
              f"{count} given", file=sys.stderr)
        raise SystemExit(2)


def _inputs(files: list[str], loaded: Loaded | None = None) -> Inputs:
    """The documents of FILE... or of one comparison file, with its options (cli/saved.py);
    ``loaded`` is ``load_all(files)`` when the caller has it already."""
    from reader.cli.saved import load_inputs
    if files and not (len(files) == 1 and is_comparison_file(files[0])):
        check_source_count(len(files))
    return load_inputs(files, loaded)


def counted_from_one(text: str) -> int:
    """An argparse type for a number people count with: a source ([1] is the first), a
    place, a fix. The JSON's indices start at 0, and a 0 given here was taken silently
    for "none" (``--difference 0`` printed the summary) or for [1]."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(
            f"{number}: counted from 1 here ([1] is the first source, 1 the first place)")
    return number


def add_order_option(command) -> None:
    """``--order date``: versions earliest first, by the date their pages state."""
    command.add_argument("--order", choices=("given", "date"), default="given",
                         help="order of the sources: as given (default) or by publication "
                              "date, earliest first (undated ones after, as given)")


def add_punctuation_option(command) -> None:
    """``--punctuation``: a change of punctuation, case or paragraphing alone is a
    difference."""
    command.add_argument("--punctuation", action="store_true",
                         help="count a change of punctuation, case or paragraphing alone (hands. / hands:, "
                              "CLERVAL / Clerval) as a difference, as an editor of a text "
                              "does; quote styles and dashes stay alike")


def add_reference_option(command) -> None:
    """``--reference N``: the source the others are compared against, as the reader's
    Compare against box chooses it."""
    command.add_argument("--reference", type=counted_from_one, metavar="N",
                         help="source to compare the others against, counted from 1 "
                              "(default: the comparison file's, else 1)")


def chosen_reference(args: argparse.Namespace, inputs: Inputs, sources: int) -> int:
    """The 0-based reference ``--reference`` names (a comparison file's, else [1], when it
    names none); exit 2 with one line when it names no source."""
    if args.reference is None:
        return inputs.reference
    if not 1 <= args.reference <= sources:
        print(f"parallax: --reference must be between 1 and {sources}", file=sys.stderr)
        raise SystemExit(2)
    return args.reference - 1


def date_ordered(documents: list) -> list[int]:
    """The sources by publication date, saying on stderr (one line) which have no date."""
    from reader.core.sources import date_order
    order, undated = date_order(documents)
    if undated:
        names = ", ".join(Path(documents[s].path).name for s in undated)
        print(f"parallax: no publication date for {names}; kept in the given order after "
              f"the dated sources", file=sys.stderr)
    return order


def order_by_date(inputs: Inputs) -> list[int] | None:
    """Put FILE... in date order, so [1] (index 0) is the earliest; returns None.

    A comparison file's sources keep their saved numbers (its fixes name them):
    the date order is returned instead, as a display order.
    """
    order = date_ordered(inputs.documents)
    if inputs.opening:
        return order
    inputs.documents = [inputs.documents[s] for s in order]
    return None


def _comparison(paths: list[str]) -> Comparison:
    return _inputs(paths).comparison()


def _cmd_align(args: argparse.Namespace) -> int:
    if args.json and (args.differences or args.difference):
        print("parallax: --differences and --difference N print text; leave out --json",
              file=sys.stderr)
        return 2
    loaded = ahead = None
    if args.order == "given" and MIN_SOURCES <= len(args.files) <= MAX_SOURCES and \
            not any(is_comparison_file(f) for f in args.files):
        loaded, ahead = _load_ahead(args.files)
    try:
        return _align(args, loaded, ahead)
    finally:
        if ahead is not None:
            ahead.close()


def _load_ahead(files: list[str]) -> tuple[Loaded, Beside | None]:
    """FILE... loaded before the engine is imported, and a worker preparing their sides
    from then on (``compare(sides_ahead=...)``): the engine's imports and the tokens
    this process reads then run beside it, where they ran before it (20 x 100: the
    pairs' workers start ~0.1 s sooner). None when something did not load."""
    from reader.core.align.parallel import Beside
    from reader.core.pipeline import load_all
    loaded = docs, errors = load_all(files)
    if errors or len(docs) < MIN_SOURCES:
        return loaded, None

    def prepare_sides() -> list:
        from reader.core.align.sides import prepare  # in the worker, not here
        return prepare(docs)
    return loaded, Beside(prepare_sides)


def _align(args: argparse.Namespace, loaded: Loaded | None, ahead: Beside | None) -> int:
    from reader.core.diff.story_facts import reading_for_json, reading_for_summary
    from reader.core.export.summary import summary_text, write_json
    inputs = _inputs(args.files, loaded)
    if args.order == "date":
        if inputs.opening:
            print("parallax: --order date takes the files, not a comparison file (it keeps "
                  "its saved order)", file=sys.stderr)
            return 2
        order_by_date(inputs)
    comp = inputs.comparison(link_diffs=args.json and not args.no_diffs,
                             meanwhile=reading_for_json if args.json else
                             None if args.differences or args.difference else
                             reading_for_summary, sides_ahead=ahead)
    args.built = inputs, comp  # freed with ``args`` (``script``: never)
    comp.accidentals = args.punctuation
    reference = chosen_reference(args, inputs, len(comp.documents))
    if args.json:
        # What the comparison file adds (set_by per link, its state), streamed with the rest.
        added = inputs.json({"links": [{} for _ in comp.links]}, comp)
        write_json(comp, sys.stdout, diffs=not args.no_diffs, link_fields=added.pop("links"),
                   fields={"order": args.order, **added})
    elif args.differences or args.difference:
        return _print_places(args, comp, inputs, reference)
    else:
        print(summary_text(comp, reference, [n - 1 for n in inputs.tags]))
        if inputs.summary(comp):
            print(inputs.summary(comp))
    return 0


def _print_places(args: argparse.Namespace, comp: Comparison, inputs: Inputs,
                  reference: int) -> int:
    """``--differences`` (the numbered places) or ``--difference N`` (place N in full),
    against ``reference``."""
    from reader.cli.places import no_differences, place_detail, place_lines
    if not args.difference:
        print("\n".join(place_lines(comp, reference, inputs.tags))
              or no_differences(comp, reference))
        return 0
    try:
        print(place_detail(comp, reference, args.difference, inputs.tags))
    except ValueError as exc:
        print(f"parallax: {exc}", file=sys.stderr)
        return 2
    return 0


class _OneLineErrors(argparse.ArgumentParser):
    """An option misused is one line on stderr, status 2, as every other bad input is: the
    usage block before it (four to six lines) was more for a script to log than the
    error (review 13). ``--help`` still shows the usage whole."""

    def error(self, message: str):  # noqa: D102 (argparse's)
        self.exit(2, f"{self.prog}: {message} ({self.prog} --help shows the options)\n")


def _parser(command: str) -> argparse.ArgumentParser:
    """The parser for ``command`` (one of ``COMMANDS``) alone: only its module is imported.

    Every other command's module (export, notes, comparison files) would be
    imported just to be registered; a sub-command's usage, help and errors
    read the same with or without its siblings.
    """
    parser = _OneLineErrors(
        prog="parallax", description=__doc__.split("\n")[0],
        epilog=f"A comparison takes {MIN_SOURCES} to {MAX_SOURCES} files.")
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    # named in full, as every command's error about an unknown option shows them
    sub = parser.add_subparsers(dest="command", required=True,
                                metavar="{" + ",".join(COMMANDS) + "}")
    if command == "align":
        _add_align_command(sub)
    else:
        module, add_command = EXTRA_COMMANDS[command]
        getattr(importlib.import_module(module), add_command)(sub)
    return parser


def _add_align_command(sub) -> None:
    align = sub.add_parser("align", help="align files and print a summary or JSON")
    align.add_argument("--json", action="store_true", help="print the JSON document (schema 2)")
    align.add_argument("--no-diffs", action="store_true",
                       help="leave the word diffs of links out of the JSON (faster on big inputs)")
    places = align.add_mutually_exclusive_group()
    places.add_argument("--differences", action="store_true",
                        help="list the places where sources differ from the reference ([1], "
                             "a comparison file's, or --reference), numbered as the reader's Differences "
                             "dock numbers them: one entry per place, however many sources "
                             "differ there")
    places.add_argument("--difference", type=counted_from_one, metavar="N",
                        help="show place N of that list in every source, the words each "
                             "drops marked [-old-] and its own {+new+}")
    add_reference_option(align)
    add_order_option(align)
    add_punctuation_option(align)
    align.add_argument("files", nargs="*", help="files to compare (default: bundled seeds)")
    align.set_defaults(run=_cmd_align)


def _mistyped_command(word: str) -> str | None:
    """One error line if ``word`` is a command word that is neither a command nor a file."""
    if not _COMMAND_WORD.match(word) or Path(word).exists():
        return None
    import difflib
    close = difflib.get_close_matches(word, COMMANDS, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return (f"parallax: '{word}' is not a command or a file{hint}; commands: "
            f"{', '.join(COMMANDS)}")


def main(argv: list[str] | None = None, keep: list | None = None) -> int:
    """Run ``parallax ARGS``; a command's parsed arguments, and what it leaves on them
    (``args.built``), go into ``keep`` when given (``script``)."""
    argv = sys.argv[1:] if argv is None else argv
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 must not crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if argv and argv[0] in ("--version", "-V"):
        print(f"parallax {__version__}")
        return 0
    if argv and argv[0] not in COMMANDS:
        error = _mistyped_command(argv[0])
        if error:
            print(error, file=sys.stderr)
            return 2
    if not argv or argv[0] != "text":  # `text` reads one file and imports no numpy at all
        one_blas_thread()
        defer_numpy_tools()  # the reader and every other command import scipy: ~80 ms less
    if argv and argv[0] in COMMANDS:
        args = _parser(argv[0]).parse_args(argv)
        if keep is not None:
            keep.append(args)
        try:
            with gc_paused():  # one comparison, built, written, and the process ends
                return args.run(args)
        except (SourceError, OutputError, ChildProcessError) as exc:  # last: WorkerDied
            print(f"parallax: {exc}", file=sys.stderr)
            return 2
        except BrokenPipeError:
            return 0
        except OSError as exc:  # writing the output (a full disk behind > out.json)
            print(f"parallax: {_system_error(exc)}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:  # Ctrl-C: what was written so far is all there is
            print("parallax: interrupted", file=sys.stderr)
            return 130
        except Exception as exc:  # a bug of ours: one line a script can log, and its own code
            if os.environ.get(DEBUG_ENV):
                raise
            print(f"parallax: internal error ({type(exc).__name__}: {exc}); please report "
                  f"it: {DEBUG_ENV}=1 shows where it happened", file=sys.stderr)
            return INTERNAL_ERROR
    from reader.gui.app import run_gui
    return run_gui(argv)  # the reader opens a comparison file itself (comparison_actions)


def script() -> None:
    """The ``parallax`` program: ``main``, and after a command the process ends at once.

    A command's comparison is millions of small objects; freed one by one as the
    interpreter shuts down, those of 20 sources of 100 paragraphs took 0.3 s after
    the JSON was written (a tenth of the command). Everything a command writes is
    flushed here, and its files are fsync'd and renamed before it returns, so
    nothing is lost by not freeing them. Nor is the comparison freed as the command
    returns (0.03-0.06 s more): it stays on its arguments (``args.built``), kept here.
    The reader shuts down as usual.
    """
    argv = sys.argv[1:]
    kept: list = []
    code = main(argv, kept)
    if argv and argv[0] in COMMANDS:
        os._exit(_flushed(code))
    raise SystemExit(code)


def _system_error(exc: OSError) -> str:
    """One line for a failure of the system rather than of the input."""
    if exc.filename:
        return f"{exc.strerror or exc}: {exc.filename}"
    writing = exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO)
    return f"{exc.strerror or exc}{' (writing the output)' if writing else ''}"


def _flushed(code: int) -> int:
    """``code`` once stdout and stderr are flushed; 2 when the output could not be written
    (a full disk behind ``> out.json``), 0 when its reader is gone (``| head``)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if code == 0:  # else ``main`` said what went wrong, and this is the same failure
            print(f"parallax: {_system_error(exc)}", file=sys.stderr)
        code = 2
    try:
        sys.stderr.flush()
    except OSError:
        pass  # nowhere left to say anything
    return code
