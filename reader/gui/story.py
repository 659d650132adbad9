"""Passages: the rows of a comparison cut where their paragraphs are unrelated.

The engine's rows keep every source in its own order; a row can still hold
paragraphs that are linked to nothing else in it (a subheading of one
version beside the lede of the others, because both fall between the same
anchors). Shown on one line, those would read as a correspondence. The
reader therefore shows *passages*: the linked groups of a row, each on its
own, in reading order. Headlines share a passage (the engine puts them in one
row on purpose). Page furniture gets passages of its own, which the panes
fold away.

Plain Python (no Qt): the story map and the panes both read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.comparison import LOW_CONFIDENCE, Comparison, Ref


@dataclass(frozen=True)
class Passage:
    """One place in the story: the paragraphs of each source that say the same thing."""

    row: int  # the engine's row it comes from
    cells: tuple[tuple[int, ...], ...]  # per source, paragraph indices (empty: not carried)
    furniture: bool = False
    elsewhere: frozenset[int] = frozenset()
    """Sources that carry this content in another row (moved): it is theirs too, not
    "only this one" on the story map."""

    @property
    def sources(self) -> list[int]:
        return [s for s, paras in enumerate(self.cells) if paras]

    def carried_by(self, source: int) -> bool:
        return bool(self.cells[source])


@dataclass
class Story:
    """The passages of a comparison and the maps between them and the engine's rows."""

    passages: list[Passage]
    of_row: list[list[int]]  # engine row -> its passages
    of_ref: dict[Ref, int]  # (source, paragraph) -> passage
    sources: int
    numbers: list[int]  # per loaded source, its number for people, 0-based (see build_story)

    def tag(self, source: int) -> str:
        """``[n]``: how people know the source, the same in every part of the reader."""
        return f"[{self.numbers[source] + 1}]"

    def spread(self, k: int) -> str:
        """How widely a passage is carried: ``all``, ``most``, ``few`` or ``one``."""
        passage = self.passages[k]
        n = len(passage.sources) + len(passage.elsewhere)
        if n >= self.sources:
            return "all"
        if n == 1:
            return "one"
        return "most" if n * 2 > self.sources else "few"

    def passage_of(self, row: int, source: int) -> int:
        """The passage where ``source`` has its text of ``row`` (else the row's first)."""
        for k in self.of_row[row]:
            if self.passages[k].carried_by(source):
                return k
        return self.of_row[row][0]


def build_story(comp: Comparison, numbers: list[int] | None = None) -> Story:
    """Cut every row of ``comp`` into passages (see the module's docstring).

    ``numbers``: the saved source number (0-based) of each loaded source when a
    saved comparison opened without some of its sources: its panes keep the
    numbers [1]…[n] its notes, fixes and exports were made with, and a gap shows
    which source is missing. Loaded positions by default.
    """
    n = len(comp.documents)
    passages: list[Passage] = []
    of_row: list[list[int]] = []
    for r, row in enumerate(comp.rows):
        start = len(passages)
        passages.extend(_cut_row(comp, r, row, n))
        of_row.append(list(range(start, len(passages))))
    of_ref = {(s, p): k for k, passage in enumerate(passages)
              for s, paras in enumerate(passage.cells) for p in paras}
    return Story(passages, of_row, of_ref, n, list(numbers) if numbers else list(range(n)))


def _cut_row(comp: Comparison, r: int, row, n: int) -> list[Passage]:
    furniture: list[list[int]] = [[] for _ in range(n)]
    nodes: list[Ref] = []
    for s, paras in enumerate(row):
        for p in paras:
            if comp.documents[s].paragraphs[p].boilerplate:
                furniture[s].append(p)
            else:
                nodes.append((s, p))
    out = []
    if any(furniture):
        out.append(Passage(r, tuple(tuple(f) for f in furniture), furniture=True))
    groups = _groups(comp, nodes)
    if groups is None:  # crossing groups: keep the row whole rather than reorder a source
        groups = [nodes] if nodes else []
    for group in groups:
        cells: list[list[int]] = [[] for _ in range(n)]
        for s, p in sorted(group):
            cells[s].append(p)
        moved = {other[0] for node in group for other in comp.moved(node)}
        out.append(Passage(r, tuple(tuple(c) for c in cells),
                           elsewhere=frozenset(s for s in moved if not cells[s])))
    return out


def _groups(comp: Comparison, nodes: list[Ref]) -> list[list[Ref]] | None:
    """Linked groups of a row's paragraphs in reading order, or None if no order fits all."""
    if not nodes:
        return []
    parent = {node: node for node in nodes}

    def find(x: Ref) -> Ref:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Each link joined once, from its lesser end (the groups do not depend on the order of
    # the joins): 20 x 100's story is built in 19 ms rather than 31, on the way to the panes.
    inside = set(nodes)
    for node in nodes:
        for link in comp.links_of(node):
            other = link.other(node)
            if other > node and other in inside:
                root, other_root = find(node), find(other)
                if root != other_root:
                    parent[root] = other_root
    # Headlines side by side are the engine's choice, not a link: keep them together.
    headings = [node for node in nodes if comp.documents[node[0]].paragraphs[node[1]].heading]
    if len(headings) == len(nodes) and len({s for s, _ in nodes}) > 1:
        for node in nodes[1:]:
            parent[find(node)] = find(nodes[0])
    # A source's unlinked paragraphs next to each other stay one group.
    by_root: dict[Ref, list[Ref]] = {}
    for node in nodes:
        by_root.setdefault(find(node), []).append(node)
    groups = list(by_root.values())
    first_of = {}
    for s, p in nodes:
        first_of.setdefault(s, p)
    groups.sort(key=lambda g: (min(p - first_of[s] for s, p in g), -len({s for s, _ in g}),
                               min(g)))
    last: dict[int, int] = {}
    for group in groups:
        for s, p in sorted(group):
            if p < last.get(s, -1):
                return None
            last[s] = p
    return groups


def low_confidence(comp: Comparison, ref: Ref) -> bool:
    """Whether every link of a paragraph is one the engine is unsure of."""
    links = comp.links_of(ref)
    return bool(links) and all(getattr(link, "confidence", 1.0) < LOW_CONFIDENCE
                               for link in links)
