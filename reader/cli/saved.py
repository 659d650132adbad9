"""Comparison files on the command line.

* Every command takes ``FILE.parallax`` in place of its list of sources
  (``load_inputs``): its sources are found again (moved, edited, missing
  reported on stderr), its fixes applied, its reference, order and title
  used by ``export``.
* ``parallax save OUT.parallax FILE...`` writes a new comparison file.
* ``parallax fix FILE.parallax VERB`` corrects the alignment without the
  reader (link, unlink, only-here, merge, split, remove, list, show, rows),
  marks places with differences as checked (differences, check, uncheck:
  numbered as the reader's Differences dock numbers them) and finds a
  source that moved (locate). Paragraphs are named for people: ``[n]¶m``
  (also ``n:m``) is the m-th paragraph of source n, both 1-based, counted
  as ``parallax align --json`` lists them.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# The places (and the export code they share) and checked items load only for the commands
# that show them: every command reads its inputs through this module.
from reader.cli import check_source_count, counted_from_one
from reader.core.align.parallel import Beside
from reader.core.comparison import Comparison, Ref, compare
from reader.core.fixes import HAND, AddFix, Fix, RemoveFix, apply_fixes, locate, make_fix, set_by
from reader.core.load.documents import Document
from reader.core.pipeline import Loaded, load_all
from reader.core.saved import (
    Baseline,
    ComparisonFileError,
    Opening,
    SavedComparison,
    apply_saved,
    find_source,
    new_comparison,
    open_comparison,
    read_comparison,
    read_stamped,
    relocate,
    source_in,
    write_comparison,
)
from reader.core.saved_merge import SaveConflict, save_merged
from reader.core.sources import distinct_files, given_twice, is_comparison_file

_REF = re.compile(r"^\s*\[?(\d+)\]?\s*(?:¶|:|/)\s*(\d+)\s*$")


def _fail(message: str) -> SystemExit:
    print(f"parallax: {message}", file=sys.stderr)
    return SystemExit(2)


@dataclass
class Inputs:
    """What a command compares: loaded documents, and the comparison file if one was given."""

    documents: list[Document]
    opening: Opening | None = None

    @property
    def reference(self) -> int:
        """0-based index of the reference among the documents."""
        return self.opening.reference if self.opening else 0

    @property
    def tags(self) -> list[int]:
        """The number people see for each loaded source: its place in the comparison file,
        1-based (sources it lost keep their numbers), else its place among FILE...."""
        loaded = self.opening.loaded if self.opening else range(len(self.documents))
        return [n + 1 for n in loaded]

    @property
    def order(self) -> list[int] | None:
        return self.opening.order if self.opening else None

    @property
    def title(self) -> str:
        return self.opening.state.title if self.opening else ""

    def comparison(self, link_diffs: bool = False,
                   meanwhile: Callable[[Comparison], Iterable[object]] | None = None,
                   sides_ahead: Beside | None = None) -> Comparison:
        """The aligned comparison, with the comparison file's fixes applied (``link_diffs``,
        ``meanwhile`` and ``sides_ahead``: see ``compare``)."""
        if len(self.documents) < 2:
            raise _fail("give at least two files to compare")
        comp = compare(self.documents, link_diffs=link_diffs, meanwhile=meanwhile,
                       sides_ahead=sides_ahead)
        if self.opening is None:
            return comp
        restored = apply_saved(comp, self.opening)
        for line in restored.report() + self._reference_lost():
            print(f"parallax: {line}", file=sys.stderr)
        return restored.comparison

    def _reference_lost(self) -> list[str]:
        """A line when the saved reference is missing and another stands in for it: the
        summary had compared against [1] without a word (review 13)."""
        saved = self.opening.state.reference
        if saved in self.opening.loaded:
            return []
        stand_in = self.tags[self.reference]
        return [f"the reference, [{saved + 1}], is missing: comparing against [{stand_in}] "
                f"(the comparison file keeps [{saved + 1}] as its reference)"]

    def json(self, data: dict, comp: Comparison) -> dict:
        """``align --json`` plus ``set_by`` on each link and the comparison file's state."""
        for entry, link in zip(data["links"], comp.links):
            entry["set_by"] = set_by(link)
        if self.opening:
            from reader.core.checked import checked_summary
            state = self.opening.state
            data["comparison_file"] = {
                "path": self.opening.file, "title": state.title, "reference": self.reference,
                "order": self.order, "fixes": len(state.fixes),
                "places": self.opening.loaded,  # each loaded source's place in the file
                "missing": [{"source": s.index, "path": s.saved.path, "sha256": s.saved.sha256}
                            for s in self.opening.sources if not s.found],
                "checked": checked_summary(comp, state.checked, self.reference,
                                           self.opening.loaded),
            }
        return data

    def summary(self, comp: Comparison) -> str:
        """Lines ``parallax align`` adds for a comparison file ('' for plain files)."""
        if not self.opening:
            return ""
        from reader.core.checked import checked_summary
        state = self.opening.state
        counts = checked_summary(comp, state.checked, self.reference, self.opening.loaded)
        hand = sum(1 for link in comp.links if set_by(link) == HAND)
        return (f"Comparison file: {state.title or self.opening.file}; reference "
                f"[{state.reference + 1}]; {len(state.fixes)} fixes ({hand} links set by hand); "
                f"checked {counts['checked_places']} of {counts['places']} places with "
                f"differences, {counts['checked_passages']} passages")


def load_inputs(files: list[str], loaded: Loaded | None = None) -> Inputs:
    """Load FILE... or one comparison file; bad input ends the command with status 2.
    ``loaded`` is ``load_all(files)`` when the caller has it already."""
    if any(is_comparison_file(f) for f in files) and len(files) != 1:
        raise _fail("give one comparison file alone, or the files to compare")
    if not files or not is_comparison_file(files[0]):
        repeated = distinct_files(files)[1]
        if repeated:
            raise _fail(f"{given_twice(repeated)}; give each file once")
        docs, errors = loaded or load_all(files)
        for exc in errors:
            print(f"parallax: {exc}", file=sys.stderr)
        if errors:
            raise SystemExit(2)
        return Inputs(docs)
    opening = open_comparison(files[0])
    docs, errors = load_all(opening.paths) if opening.paths else ([], [])
    whole = [exc for exc in errors if not opening.drop(exc.path, exc.reason)]
    if whole:  # about the sources together (too large to compare at once): nothing opens,
        for exc in whole:  # and what became of each source would only contradict it
            print(f"parallax: {exc}", file=sys.stderr)
        raise SystemExit(2)
    for message in opening.messages():  # after the drops: they say what became of each
        print(f"parallax: {message}", file=sys.stderr)
    if not opening.paths:
        raise _fail(f"{files[0]}: none of its sources can be found and opened")
    return Inputs(docs, opening)


# -- parallax save ------------------------------------------------------------------------------

def add_save_command(sub) -> None:
    save = sub.add_parser("save", help="save files as a comparison file (.parallax)")
    save.add_argument("output", help="the comparison file to write (.parallax)")
    save.add_argument("files", nargs="+", help="files to compare")
    save.add_argument("--title", default="", help="title (default: the reference's headline)")
    save.add_argument("--reference", type=counted_from_one, default=1,
                      help="reference source, 1-based")
    save.add_argument("--order", help="pane order, 1-based, comma-separated (e.g. 2,1,3)")
    save.add_argument("--force", action="store_true",
                      help="replace an existing comparison file (damaged ones never are)")
    save.set_defaults(run=_save)


def _save(args: argparse.Namespace) -> int:
    if not is_comparison_file(args.output):
        raise _fail(f"{args.output}: a comparison file's name ends in .parallax")
    if any(is_comparison_file(f) for f in args.files):
        raise _fail("save takes the files to compare, not another comparison file")
    # as align and export: a comparison of 1 or 21 files was saved, then could not be opened
    check_source_count(len(args.files))
    docs = load_inputs(args.files).documents
    n = len(docs)
    order = [int(x) - 1 for x in args.order.split(",")] if args.order else list(range(n))
    if sorted(order) != list(range(n)) or not 1 <= args.reference <= n:
        raise _fail(f"--reference and --order name sources 1 to {n}, --order each once")
    try:
        read_comparison(args.output)
        exists = True
    except ComparisonFileError:
        exists = False  # absent (or damaged: write_comparison refuses that below)
    if exists and not args.force:
        raise _fail(f"{args.output} exists; --force replaces it (its fixes would be lost)")
    title = args.title or docs[args.reference - 1].name
    write_comparison(args.output, new_comparison(docs, title, args.reference - 1, order))
    print(f"wrote {args.output} ({n} sources, reference [{args.reference}])")
    return 0


# -- parallax fix ------------------------------------------------------------------------------

def add_fix_command(sub) -> None:
    fix = sub.add_parser("fix", help="correct the alignment saved in a comparison file")
    fix.add_argument("file", help="the comparison file (.parallax)")
    verbs = fix.add_subparsers(dest="verb", required=True)
    for verb, nargs, text in (
            ("link", 2, "these two paragraphs say the same thing"),
            ("unlink", 2, "these two paragraphs do not (a wrong pair)"),
            ("only-here", "+", "these paragraphs have no counterpart anywhere"),
            ("merge", "+", "these paragraphs belong in one row"),
            ("split", "+", "take these paragraphs out of their row")):
        cmd = verbs.add_parser(verb, help=text)
        cmd.add_argument("paragraphs", nargs=nargs, metavar="[n]¶m",
                         help="source n, paragraph m, both 1-based")
        cmd.set_defaults(run=_add_fix, op=verb)
    remove = verbs.add_parser("remove", help="take back fix number N (see 'list')")
    remove.add_argument("number", type=counted_from_one)
    remove.set_defaults(run=_remove_fix)
    listing = verbs.add_parser("list", help="the fixes, numbered, and where they apply")
    listing.set_defaults(run=_list_fixes)
    show = verbs.add_parser("show", help="a paragraph, its row and its links")
    show.add_argument("paragraphs", nargs="+", metavar="[n]¶m")
    show.set_defaults(run=_show)
    rows = verbs.add_parser("rows", help="every row: which paragraphs sit side by side")
    rows.set_defaults(run=_rows)
    locate = verbs.add_parser("locate", help="source N is now at PATH (a missing or moved file)")
    locate.add_argument("number", type=counted_from_one, metavar="N")
    locate.add_argument("path", metavar="PATH")
    locate.set_defaults(run=_locate)
    differences = verbs.add_parser(
        "differences", help="the places where sources differ, numbered as in the reader's "
                            "Differences dock; ✓ = checked")
    differences.set_defaults(run=_differences)
    for verb, text in (("check", "mark places N... (numbered as 'differences' lists them) "
                                 "as checked"),
                       ("uncheck", "take the checked mark off places N...")):
        cmd = verbs.add_parser(verb, help=text)
        cmd.add_argument("numbers", nargs="+", metavar="N")
        cmd.set_defaults(run=_check, checked=verb == "check")


def _write_back(file: str, state: SavedComparison, baseline: Baseline | None) -> None:
    """Write a command's change to the comparison file it read, as the reader's window
    saves: what a window (or another command) saved there meanwhile is merged in, not
    overwritten; when that is not safe nothing is written and the command fails."""
    try:
        save_merged(file, state, baseline)
    except SaveConflict as exc:
        raise _fail(f"{exc}; nothing was written: run the command again") from None


def _open(file: str) -> tuple[Inputs, Comparison]:
    if not is_comparison_file(file):
        raise _fail(f"{file}: give a comparison file (.parallax); 'parallax save' makes one")
    inputs = load_inputs([file])
    return inputs, inputs.comparison()


def parse_ref(text: str, inputs: Inputs, comp: Comparison) -> Ref:
    """``[n]¶m`` (1-based, n counted in the comparison file) -> loaded ``(source, paragraph)``."""
    match = _REF.match(text)
    if not match:
        raise _fail(f"{text!r}: name a paragraph as [n]¶m or n:m (source n, paragraph m)")
    n, m = int(match.group(1)) - 1, int(match.group(2)) - 1
    loaded = inputs.opening.loaded
    if n not in loaded:
        raise _fail(f"{text}: there is no loaded source [{n + 1}]")
    s = loaded.index(n)
    if not 0 <= m < len(comp.documents[s].paragraphs):
        raise _fail(f"{text}: source [{n + 1}] has paragraphs ¶1 to "
                    f"¶{len(comp.documents[s].paragraphs)}")
    return s, m


def label(ref: Ref, inputs: Inputs) -> str:
    return f"[{inputs.opening.loaded[ref[0]] + 1}]¶{ref[1] + 1}"


def _add_fix(args: argparse.Namespace) -> int:
    inputs, comp = _open(args.file)
    refs = [parse_ref(t, inputs, comp) for t in args.paragraphs]
    groups = [refs] if args.op in ("only-here", "merge", "split") else [[refs[0]], [refs[1]]]
    try:
        fix = make_fix(args.op, comp, *groups, saved_index=inputs.opening.loaded)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    state = inputs.opening.state
    AddFix(state.fixes, fix).redo()
    _write_back(args.file, state, inputs.opening.baseline)
    after = apply_fixes(comp, [fix], inputs.opening.loaded).comparison
    print(f"fix {len(state.fixes)}: {_describe(fix, inputs, comp)} "
          f"(saved in {args.file}; rows {len(comp.rows)} -> {len(after.rows)})")
    return 0


def _describe(fix: Fix, inputs: Inputs, comp: Comparison) -> str:
    groups = locate(fix, comp.documents, inputs.opening.loaded)
    if isinstance(groups, str):
        return f"{fix.describe()} — not placed: {groups}"
    names = iter(label(ref, inputs) for group in groups for ref in group)
    return fix.describe(lambda _anchor: next(names))


def _remove_fix(args: argparse.Namespace) -> int:
    inputs, comp = _open(args.file)
    state = inputs.opening.state
    try:
        command = RemoveFix(state.fixes, args.number - 1)
    except IndexError as exc:
        raise _fail(str(exc)) from None
    command.redo()
    _write_back(args.file, state, inputs.opening.baseline)
    print(f"removed fix {args.number}: {_describe(command.fix, inputs, comp)}")
    return 0


def _list_fixes(args: argparse.Namespace) -> int:
    inputs, comp = _open(args.file)
    fixes = inputs.opening.state.fixes
    if not fixes:
        print("No fixes in this comparison.")
    for n, fix in enumerate(fixes, 1):
        print(f"{n}. {_describe(fix, inputs, comp)}")
    return 0


def _excerpt(comp: Comparison, ref: Ref, size: int = 70) -> str:
    text = " ".join(comp.text(ref).split())
    return text if len(text) <= size else text[:size - 1] + "…"


def _show(args: argparse.Namespace) -> int:
    inputs, comp = _open(args.file)
    for text in args.paragraphs:
        ref = parse_ref(text, inputs, comp)
        row = comp.row_of[ref]
        print(f"{label(ref, inputs)} (row {row + 1}): {_excerpt(comp, ref, 200)}")
        for s, paras in enumerate(comp.rows[row]):
            for p in paras:
                if (s, p) != ref:
                    print(f"  same row  {label((s, p), inputs)}: {_excerpt(comp, (s, p))}")
        for link in comp.links_of(ref):
            other = link.other(ref)
            moved = ", moved" if comp.row_of[other] != row else ""
            print(f"  linked to {label(other, inputs)} ({link.kind} {link.score:.2f}, "
                  f"set by {set_by(link)}{moved}): {_excerpt(comp, other)}")
    return 0


def _rows(args: argparse.Namespace) -> int:
    inputs, comp = _open(args.file)
    for r, row in enumerate(comp.rows):
        cells = [" ".join(label((s, p), inputs) for p in paras) or "—"
                 for s, paras in enumerate(row)]
        first = next((s, paras[0]) for s, paras in enumerate(row) if paras)
        print(f"{r + 1:4d}  {'  '.join(cells)}  {_excerpt(comp, first, 50)}")
    return 0


def _differences(args: argparse.Namespace) -> int:
    """The places with differences, numbered as the reader's dock and ``align --differences``."""
    from reader.cli.places import no_differences, place_lines
    from reader.core.checked import checked_differences
    inputs, comp = _open(args.file)
    checked = checked_differences(comp, inputs.opening.state.checked, inputs.reference,
                                  inputs.opening.loaded)
    print("\n".join(place_lines(comp, inputs.reference, inputs.tags, checked))
          or no_differences(comp, inputs.reference))
    return 0


def _check(args: argparse.Namespace) -> int:
    """Mark places N... checked (every difference there, as the reader's Mark Place does)."""
    from reader.cli.places import place_number, places
    from reader.core.checked import difference_spot
    inputs, comp = _open(args.file)
    state, loaded = inputs.opening.state, inputs.opening.loaded
    differences, found = comp.differences(inputs.reference), places(comp, inputs.reference)
    for text in args.numbers:
        try:
            place = place_number(text, found)
        except ValueError as exc:
            raise _fail(str(exc)) from None
        for i in place.indices:
            spot = difference_spot(comp, differences[i], inputs.reference, loaded)
            state.checked = [s for s in state.checked if s != spot] + \
                ([spot] if args.checked else [])
    _write_back(args.file, state, inputs.opening.baseline)
    print(inputs.summary(comp))
    return 0


def _locate(args: argparse.Namespace) -> int:
    """Point source N at another file; its fixes are re-anchored there when next opened."""
    state, stamp = read_stamped(args.file)
    baseline = Baseline(state, stamp)
    if not 1 <= args.number <= len(state.sources):
        raise _fail(f"there is no source [{args.number}] (there are {len(state.sources)})")
    status = relocate(find_source(args.number - 1, state.sources[args.number - 1], args.file),
                      args.path)
    if status.found is None:
        raise _fail(status.reason)
    other = source_in([s.path for s in state.sources], status.found, args.number - 1)
    if other is not None:
        raise _fail(f"{args.path} is source [{other + 1}] already; locate [{args.number}] to "
                    f"its own file")
    state.sources[args.number - 1].path = status.found
    _write_back(args.file, state, baseline)
    edited = " (its content differs: fixes will be re-anchored)" if status.state == "edited" else ""
    print(f"source [{args.number}] is now {status.found}{edited}")
    return 0
