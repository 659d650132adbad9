"""Manual alignment fixes: what a reader corrected, applied on top of the engine's links.

No aligner is right every time. A fix records a reader's verdict about
paragraphs, and the verdict wins over the engine's:

* ``link``      the paragraphs of group 1 and group 2 say the same thing;
* ``unlink``    they do not (a wrong pair);
* ``only-here`` group 1's paragraph has no counterpart anywhere;
* ``merge``     all paragraphs of group 1 belong in one row;
* ``split``     the paragraphs of group 1 do not belong with those of group 2.

Fixes point at paragraphs the way notes point at text: by quote, context and
offsets (``annotations.anchoring``), never by paragraph number alone, so a
fix still finds its paragraph after the source was edited before it and the
whole comparison was re-aligned. A fix whose paragraph cannot be found is
kept and reported, never dropped. Later fixes win over earlier ones about the
same pair. Links a fix made carry ``set_by == "hand"``.

Fixes live in a plain list; ``AddFix`` / ``RemoveFix`` are undo/redo-able
command objects (``redo()``, ``undo()``, ``text``) that a GUI can wrap in
its own undo stack; ``EditHistory`` is the same without Qt.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from reader.core.align.rows import Row, build_rows
from reader.core.comparison import Comparison, Link, Ref, _title_ties
from reader.core.load.documents import Document

if TYPE_CHECKING:  # anchors are made and placed only where fixes are: `align` needs set_by
    from reader.core.annotations.model import Anchor

HAND = "hand"
"""``set_by`` of a link a person made or confirmed (the engine's say ``engine``)."""
OPS = ("link", "unlink", "only-here", "merge", "split")
GROUPS_OF = {"link": 2, "unlink": 2, "only-here": 1, "merge": 1, "split": 2}
HAND_WEIGHT = 10.0
"""Row-layout weight of a hand link: several times a word-for-word copy (2.0), so the
layout honours it whenever the sources' order allows (a crossing link stays a link, moved)."""
IDENTICAL_BONUS = 1.0
"""Extra row weight of a word-for-word copy, as the engine gives it (``comparison.compare``)."""


@dataclass(frozen=True)
class HandLink(Link):
    """A link a reader made (or confirmed); the engine's links have no ``set_by``."""

    set_by: str = HAND


def set_by(link: Link) -> str:
    """``hand`` for links a fix made, ``engine`` for the others (JSON ``set_by``).

    Once ``Link`` has a ``set_by`` field of its own (the align rework), this
    reads it; ``HandLink`` then only changes its default.
    """
    return getattr(link, "set_by", "engine")


@dataclass(frozen=True)
class Fix:
    """One reader's verdict. ``groups`` hold paragraph anchors (see the module doc).

    ``Anchor.source`` is the index of the source in the saved comparison
    (``saved.SavedComparison.sources``), which may differ from the index in
    the loaded comparison when a source is missing.
    """

    op: str
    groups: tuple[tuple[Anchor, ...], ...]

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise ValueError(f"unknown fix {self.op!r} (expected one of {', '.join(OPS)})")
        if len(self.groups) != GROUPS_OF[self.op] or not all(self.groups):
            raise ValueError(f"a {self.op} fix needs {GROUPS_OF[self.op]} group(s) "
                             f"of paragraphs")

    @property
    def anchors(self) -> list[Anchor]:
        return [a for group in self.groups for a in group]

    def describe(self, label=None) -> str:
        """For people: ``link [1]“quote” ↔ [2]“quote”``, or with ``label(anchor)`` names."""
        label = label or (lambda a: f"[{a.source + 1}]“{_short(a.quote)}”")
        parts = [" + ".join(label(a) for a in group) for group in self.groups]
        joiner = " ↮ " if self.op in ("unlink", "split") else " ↔ "
        return f"{self.op} {joiner.join(parts)}"

    def to_json(self) -> dict:
        return {"op": self.op, "groups": [[anchor_json(a) for a in g] for g in self.groups]}

    @classmethod
    def from_json(cls, data: dict) -> "Fix":
        if not isinstance(data, dict) or not isinstance(data.get("groups"), list):
            raise ValueError("a fix must be an object with 'op' and 'groups'")
        groups = tuple(tuple(anchor_from_json(a) for a in g) for g in data["groups"])
        return cls(str(data.get("op")), groups)


def _short(text: str, size: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size - 1] + "…"


def anchor_json(anchor: Anchor) -> dict:
    return {"source": anchor.source, "quote": anchor.quote, "prefix": anchor.prefix,
            "suffix": anchor.suffix, "start": anchor.start, "end": anchor.end}


def anchor_from_json(data: dict) -> Anchor:
    from reader.core.annotations.model import Anchor
    try:
        return Anchor(int(data["source"]), "", str(data["quote"]), str(data.get("prefix", "")),
                      str(data.get("suffix", "")), int(data["start"]), int(data["end"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"a paragraph anchor needs source, quote, start and end ({exc})") \
            from None


# -- making fixes from what the reader points at ----------------------------------------------

def paragraph_anchor(doc: Document, saved_index: int, paragraph: int) -> Anchor:
    """A paragraph's anchor; its ``source`` is the saved index, so no path is kept."""
    from reader.core.annotations.model import Anchor
    para = doc.paragraphs[paragraph]
    return Anchor.from_text(saved_index, "", doc.text, para.start, para.end)


def make_fix(op: str, comp: Comparison, *groups: list[Ref],
             saved_index: list[int] | None = None) -> Fix:
    """A fix about paragraphs of the loaded comparison (``(source, paragraph)``, 0-based).

    ``saved_index[s]`` is loaded source ``s``'s index in the saved comparison
    (the identity when every source is loaded). For ``split`` with one group,
    the rest of that paragraph's row is the second group.
    """
    index = saved_index or list(range(len(comp.documents)))
    if op == "split" and len(groups) == 1:
        part = set(groups[0])
        row = comp.rows[comp.row_of[groups[0][0]]]
        rest = [(s, p) for s, paras in enumerate(row) for p in paras if (s, p) not in part]
        if not rest:
            raise ValueError("nothing else shares that row: there is nothing to split off")
        groups = (groups[0], rest)
    if op in ("link", "unlink") and groups and groups[0] and groups[-1] \
            and groups[0][0][0] == groups[-1][0][0]:
        raise ValueError("link and unlink pair paragraphs of two different sources")
    if op == "merge" and len({s for s, _p in groups[0]}) < 2:
        raise ValueError("merge paragraphs of at least two sources")
    return Fix(op, tuple(tuple(paragraph_anchor(comp.documents[s], index[s], p) for s, p in g)
                         for g in groups))


# -- applying fixes -----------------------------------------------------------------------------

@dataclass
class Applied:
    """The comparison with fixes applied, and the fixes that found no paragraph."""

    comparison: Comparison
    placed: dict[int, list[list[Ref]]] = field(default_factory=dict)  # fix number -> groups
    unplaced: list[tuple[int, Fix, str]] = field(default_factory=list)  # (number, fix, why)

    def report(self) -> list[str]:
        return [f"fix {n + 1} ({fix.describe()}) could not be placed: {why}; it is kept"
                for n, fix, why in self.unplaced]


def find_paragraph(doc: Document, anchor: Anchor) -> int | None:
    """The paragraph of ``doc`` the anchor's text is in now (most overlap), or None."""
    from reader.core.annotations.anchoring import place
    placement = place(doc.text, anchor)
    if placement.state == "orphan":
        return None
    best, overlap = None, 0
    for para in doc.paragraphs:
        shared = min(para.end, placement.end) - max(para.start, placement.start)
        if shared > overlap or (best is None and para.start <= placement.start < para.end):
            best, overlap = para.index, shared
    return best


def locate(fix: Fix, documents: list[Document], loaded: list[int]) -> list[list[Ref]] | str:
    """The fix's groups as loaded ``(source, paragraph)`` refs, or why that failed."""
    where = {saved: s for s, saved in enumerate(loaded)}
    groups = []
    for group in fix.groups:
        refs = []
        for anchor in group:
            if anchor.source not in where:
                return f"source [{anchor.source + 1}] is not loaded"
            s = where[anchor.source]
            p = find_paragraph(documents[s], anchor)
            if p is None:
                return f"“{_short(anchor.quote)}” is no longer in [{anchor.source + 1}]"
            refs.append((s, p))
        groups.append(refs)
    return groups


def _pair(x: Ref, y: Ref) -> tuple[Ref, Ref]:
    return (x, y) if x < y else (y, x)


def _verdicts(fix: Fix, groups: list[list[Ref]]) -> list[tuple[str, Ref | tuple[Ref, Ref]]]:
    """(verdict, pair or paragraph) the fix asks for: force, forbid or alone."""
    if fix.op == "only-here":
        return [("alone", ref) for ref in groups[0]]
    if fix.op == "merge":
        pairs = itertools.combinations(groups[0], 2)
    else:
        pairs = itertools.product(groups[0], groups[1])
    verdict = "force" if fix.op in ("link", "merge") else "forbid"
    return [(verdict, _pair(x, y)) for x, y in pairs if x[0] != y[0]]


def apply_fixes(comp: Comparison, fixes: list[Fix], loaded: list[int] | None = None) -> Applied:
    """The engine's comparison with the reader's fixes on top (later fixes win)."""
    loaded = loaded if loaded is not None else list(range(len(comp.documents)))
    applied = Applied(comp)
    pairs: dict[tuple[Ref, Ref], str] = {}
    alone: set[Ref] = set()
    for number, fix in enumerate(fixes):
        groups = locate(fix, comp.documents, loaded)
        if isinstance(groups, str):
            applied.unplaced.append((number, fix, groups))
            continue
        applied.placed[number] = groups
        for verdict, what in _verdicts(fix, groups):
            if verdict == "alone":
                alone.add(what)
                pairs = {k: v for k, v in pairs.items() if what not in k}
            else:
                pairs[what] = verdict
                alone.difference_update(what)
    if not applied.placed:
        return applied
    engine = {_pair(link.a, link.b): link for link in comp.links}
    links = [link for key, link in engine.items()
             if key not in pairs and not (set(key) & alone)]
    links += [_hand_link(comp, key, engine.get(key)) for key, v in pairs.items() if v == "force"]
    applied.comparison = rebuilt(comp, links, lambda a, b: _pair(a, b) not in pairs
                                 and a not in alone and b not in alone)
    return applied


def _hand_link(comp: Comparison, key: tuple[Ref, Ref], engine: Link | None) -> HandLink:
    """The engine's link marked as set by hand, or a new one (kind from the texts).

    A person's verdict is sure: where links carry a confidence, it is 1.
    """
    if engine is not None:
        values = {f.name: getattr(engine, f.name) for f in fields(engine)
                  if f.init and f.name != "set_by"}
        if "confidence" in values:
            values["confidence"] = 1.0
        return HandLink(**values)
    a, b = key
    same = " ".join(comp.text(a).split()) == " ".join(comp.text(b).split())
    return HandLink(a, b, 1.0, "identical" if same else "reworded", 1.0, 1.0)


def rebuilt(comp: Comparison, links: list[Link], title_tie_allowed) -> Comparison:
    """A new comparison with these links, its rows laid out again.

    The one place that calls the engine's row builder for fixes
    (``align/rows.py``), weighting links as ``compare`` does.
    """
    ties = [(l.a[0], l.a[1], l.b[0], l.b[1],
             HAND_WEIGHT if set_by(l) == HAND
             else l.score + (IDENTICAL_BONUS if l.kind == "identical" else 0.0))
            for l in links]
    ties += [t for t in _title_ties(comp.documents)
             if title_tie_allowed((t[0], t[1]), (t[2], t[3]))]
    rows: list[Row] = build_rows([len(d.paragraphs) for d in comp.documents], ties)
    fixed = Comparison(comp.documents, links, rows)
    fixed.carry_link_texts(comp)
    return fixed


# -- undo / redo ------------------------------------------------------------------------------

class AddFix:
    """Command: append a fix to the list (undo removes it)."""

    def __init__(self, fixes: list[Fix], fix: Fix) -> None:
        self.fixes, self.fix = fixes, fix
        self.text = fix.op.replace("-", " ").capitalize()

    def redo(self) -> None:
        self.fixes.append(self.fix)

    def undo(self) -> None:
        for i in range(len(self.fixes) - 1, -1, -1):
            if self.fixes[i] is self.fix:
                del self.fixes[i]
                return


class RemoveFix:
    """Command: take back fix number ``index`` (undo puts it back in its place)."""

    def __init__(self, fixes: list[Fix], index: int) -> None:
        if not 0 <= index < len(fixes):
            raise IndexError(f"there is no fix {index + 1} (there are {len(fixes)})")
        self.fixes, self.index, self.fix = fixes, index, fixes[index]
        self.text = f"Remove {self.fix.op.replace('-', ' ')}"

    def redo(self) -> None:
        del self.fixes[self.index]

    def undo(self) -> None:
        self.fixes.insert(self.index, self.fix)


class EditHistory:
    """An undo/redo stack of commands, for callers without Qt's QUndoStack."""

    def __init__(self) -> None:
        self.done: list = []
        self.undone: list = []

    def push(self, command) -> None:
        command.redo()
        self.done.append(command)
        self.undone.clear()

    def undo(self) -> bool:
        if not self.done:
            return False
        command = self.done.pop()
        command.undo()
        self.undone.append(command)
        return True

    def redo(self) -> bool:
        if not self.undone:
            return False
        command = self.undone.pop()
        command.redo()
        self.done.append(command)
        return True
