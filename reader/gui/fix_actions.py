"""Manual alignment fixes in the reader: pick paragraphs, link, unlink, only here, merge, split.

The reader picks paragraphs the way they read: a click on a paragraph (or
moving the text cursor into it with the keyboard, F6 to change pane) picks
it, one paragraph per source, the latest last. The commands then work on
what was picked: Link (Ctrl+L) and Unlink (Ctrl+Shift+L) the last two,
Merge (Ctrl+G) all of them into one row, Only Here (Ctrl+Shift+H) and
Split off (Ctrl+Shift+G) the last one. The paragraphs' right-click menu
offers the same, with "Unlink from [n]¶m" for each of its links; Edit ▸
Alignment Fixes ▸ Remove a Fix takes back any fix, also one saved earlier.

Every fix is a ``QUndoCommand`` wrapping the core ``AddFix`` command, pushed
on the window's one undo stack (the notes' one: Edit ▸ Undo takes back the
last thing the reader did, note or fix). After each do and undo the
comparison is re-aligned with the fixes on top and the reader keeps their
place (``ComparisonActions.reapply``). Links set by hand carry a ☛ in the
pane's margin with a "set by hand" tooltip, so they are told apart without
colour.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMenu

from reader.core.comparison import Ref
from reader.core.fixes import HAND, Applied, Fix, make_fix, set_by
from reader.gui.story import Story
from reader.gui.window_layout import _action

HAND_GLYPH = "☛"
"""A pointing hand: fonts Qt finds everywhere draw it (U+270B, a raised hand, is often missing)."""
SHORTCUTS = {"link": "Ctrl+L", "unlink": "Ctrl+Shift+L", "only-here": "Ctrl+Shift+H",
             "merge": "Ctrl+G", "split": "Ctrl+Shift+G"}


def ref_label(ref: Ref, story: Story) -> str:
    """``[n]¶m``: source (its number for people, ``Story.tag``) and paragraph counted from 1,
    as the CLI's ``parallax fix`` names them."""
    return f"{story.tag(ref[0])}¶{ref[1] + 1}"


class FixCommand(QUndoCommand):
    """A core fix command (``AddFix`` / ``RemoveFix``) on Qt's undo stack; re-aligns after."""

    def __init__(self, core, after) -> None:
        super().__init__(core.text)
        self.core, self.after = core, after

    def redo(self) -> None:
        self.core.redo()
        self.after()

    def undo(self) -> None:
        self.core.undo()
        self.after()


def hand_badges(applied: Applied, fixes: list[Fix], story: Story) -> dict[Ref, str]:
    """Paragraphs a fix placed, with what the reader set there (for the ☛ and its tooltip):
    links made or confirmed, and the verdicts that leave no link (unlink, only here, merge,
    split), which would otherwise show nowhere."""
    comp = applied.comparison
    tips: dict[Ref, list[str]] = {}
    for link in comp.links:
        if set_by(link) == HAND:
            tips.setdefault(link.a, []).append(f"linked to {ref_label(link.b, story)}")
            tips.setdefault(link.b, []).append(f"linked to {ref_label(link.a, story)}")
    for number, groups in applied.placed.items():
        op = fixes[number].op
        if op in ("unlink", "split"):
            verb = "not linked to" if op == "unlink" else "split off from"
            for ref in groups[0]:
                tips.setdefault(ref, []).append(
                    f"{verb} {', '.join(ref_label(r, story) for r in groups[1])}")
            for ref in groups[1]:
                tips.setdefault(ref, []).append(
                    f"{verb} {', '.join(ref_label(r, story) for r in groups[0])}")
        elif op == "merge":
            for ref in groups[0]:
                others = [ref_label(r, story) for r in groups[0] if r != ref]
                tips.setdefault(ref, []).append(f"in one row with {', '.join(others)}")
        elif op == "only-here":  # ("link" shows as its link, above)
            for ref in groups[0]:
                tips.setdefault(ref, []).append("only here")
    return {ref: f"{HAND_GLYPH} Set by hand (a fix in this comparison, not the engine's): "
            + ", ".join(dict.fromkeys(t)) for ref, t in tips.items()}


class FixActions:
    """The fix commands of one window (created after its menus; see module doc)."""

    def __init__(self, window, comparisons) -> None:
        self.window = window
        self.comparisons = comparisons
        self.picks: list[Ref] = []  # one paragraph per source, the latest last
        self.badges: dict[Ref, str] = {}
        menu = window.edit_menu.addMenu("Alignment &Fixes")
        self.menu = menu
        self.actions = {
            "link": _action(window, "&Link Picked Paragraphs", self.link, [SHORTCUTS["link"]]),
            "unlink": _action(window, "&Unlink Picked Paragraphs", self.unlink,
                              [SHORTCUTS["unlink"]]),
            "only-here": _action(window, "&Only Here (No Counterpart)", self.only_here,
                                 [SHORTCUTS["only-here"]]),
            "merge": _action(window, "&Merge Picked into One Row", self.merge,
                             [SHORTCUTS["merge"]]),
            "split": _action(window, "&Split off from Its Row", self.split,
                             [SHORTCUTS["split"]]),
        }
        for action in self.actions.values():
            menu.addAction(action)
        menu.addSeparator()
        self.remove_menu = menu.addMenu("&Remove a Fix")
        self.remove_menu.aboutToShow.connect(self._fill_remove_menu)
        window.needs_comparison += list(self.actions.values())
        window._update_actions()

    # -- panes ------------------------------------------------------------------------------
    def attach(self, pane) -> None:
        """Hook for each new pane: picking by click or cursor, menu entries, ☛ badges."""
        view, source = pane.view, pane.index
        view.paragraph_menu.append(self.add_menu_entries)
        view.rowClicked.connect(lambda _row, para, s=source: para is not None
                                and self.pick((s, para)))
        view.cursorPositionChanged.connect(lambda v=view: self._cursor_moved(v))
        view.badges = {p: tip for (s, p), tip in self.badges.items() if s == source}

    def _cursor_moved(self, view) -> None:
        """Keyboard picking: the paragraph the text cursor moved into (focused pane only)."""
        if not view.hasFocus() or view.content is None:
            return
        block = view.textCursor().blockNumber()
        if block < len(view.content.block_para) and view.content.block_para[block] is not None:
            self.pick((view.content.source, view.content.block_para[block]))

    def pick(self, ref: Ref) -> None:
        """Remember the paragraph clicked or entered in each pane, the latest last; once
        two panes have one, say in the status bar what fixing their alignment takes. One
        alone says nothing: every click and cursor move of a reader picks, and "Picked
        [2]¶1 — pick a paragraph in another pane to link them" stood there for 15 s as a
        student merely read."""
        if self.picks and self.picks[-1] == ref:
            return
        self.picks = [r for r in self.picks if r[0] != ref[0]] + [ref]
        if len(self.picks) < 2:
            return
        shown = " and ".join(ref_label(r, self.window.story) for r in self.picks[-2:])
        self.window.statusBar().showMessage(
            f"To fix the alignment of {shown}: link them {SHORTCUTS['link']}, unlink "
            f"{SHORTCUTS['unlink']}, merge {SHORTCUTS['merge']}", 6000)

    # -- commands ---------------------------------------------------------------------------
    def _pair(self) -> tuple[Ref, Ref] | None:
        if len(self.picks) < 2:
            self._say("Pick a paragraph in one pane, then one in another pane (click them).")
            return None
        return self.picks[-2], self.picks[-1]

    def _last(self) -> Ref | None:
        if not self.picks:
            self._say("Pick a paragraph first (click it).")
            return None
        return self.picks[-1]

    def link(self) -> None:
        pair = self._pair()
        if pair:
            self.apply("link", [pair[0]], [pair[1]])

    def unlink(self) -> None:
        pair = self._pair()
        if pair:
            self.apply("unlink", [pair[0]], [pair[1]])

    def only_here(self) -> None:
        ref = self._last()
        if ref:
            self.apply("only-here", [ref])

    def merge(self) -> None:
        if self._pair():
            self.apply("merge", list(self.picks))

    def split(self) -> None:
        ref = self._last()
        if ref:
            self.apply("split", [ref])

    def apply(self, op: str, *groups: list[Ref]) -> bool:
        """Make the fix, push it (re-aligns now), say what happened. False if refused."""
        session = self.comparisons.session
        if session is None or self.window.comp is None:
            return False
        try:
            fix = make_fix(op, self.window.comp, *groups, saved_index=session.loaded)
        except (ValueError, KeyError, IndexError) as exc:
            self._say(f"Cannot {op.replace('-', ' ')}: {exc}")
            return False
        command = FixCommand(session.fix_command(fix), self.comparisons.reapply)
        named = " / ".join(" + ".join(ref_label(r, self.window.story) for r in g) for g in groups)
        command.setText(f"{command.text()} {named}")
        self.window.notes.undo_stack.push(command)
        self.picks = []
        comp = self.window.comp
        if op == "unlink" and comp.row_of[groups[0][0]] == comp.row_of[groups[1][0]]:
            self._say(f"{command.text()}: no longer linked, but other sources still hold "
                      f"them in one row; Split off ({SHORTCUTS['split']}) takes one out.")
        else:
            self._say(f"{command.text()}: set by hand ({HAND_GLYPH}); Ctrl+Z undoes it.")
        return True

    def remove(self, number: int) -> None:
        """Take back fix ``number`` (0-based) of the comparison, undoably."""
        session = self.comparisons.session
        if session is not None and 0 <= number < len(session.state.fixes):
            command = FixCommand(session.remove_fix_command(number), self.comparisons.reapply)
            self.window.notes.undo_stack.push(command)
            self._say(f"Removed fix {number + 1}; Ctrl+Z puts it back.")

    def _fill_remove_menu(self) -> None:
        """Edit ▸ Alignment Fixes ▸ Remove a Fix: every fix of the comparison, numbered."""
        self.remove_menu.clear()
        session = self.comparisons.session
        fixes = session.state.fixes if session is not None else []
        for n, fix in enumerate(fixes):
            self.remove_menu.addAction(f"{n + 1}. {fix.describe()}",
                                       lambda n=n: self.remove(n))
        if not fixes:
            self.remove_menu.addAction("(no fixes yet)").setEnabled(False)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10000)

    # -- context menu -----------------------------------------------------------------------
    def add_menu_entries(self, menu: QMenu, source: int, para: int) -> None:
        """Right-click on a paragraph: fixes about it (``PaneView.paragraph_menu`` hook)."""
        comp, story, ref = self.window.comp, self.window.story, (source, para)
        if comp is None or self.comparisons.session is None:
            return
        menu.addSeparator()
        fixes = menu.addMenu(f"Alignment of {ref_label(ref, story)}")
        linked = sorted({link.other(ref) for link in comp.links_of(ref)})
        partner = next((r for r in reversed(self.picks) if r[0] != source), None)
        if partner is not None and partner not in linked:
            fixes.addAction(f"Link with {ref_label(partner, story)}",
                            lambda: self.apply("link", [partner], [ref]))
            fixes.addAction(f"Merge with {ref_label(partner, story)}'s row",
                            lambda: self.apply("merge", [partner, ref]))
        else:
            fixes.addAction("Pick to Link (then right-click a paragraph in another pane)",
                            lambda: self.pick(ref))
        for other in linked:
            fixes.addAction(f"Unlink from {ref_label(other, story)}",
                            lambda o=other: self.apply("unlink", [ref], [o]))
        fixes.addAction("Only Here (no counterpart anywhere)",
                        lambda: self.apply("only-here", [ref]))
        if any(paras for s, paras in enumerate(comp.rows[comp.row_of[ref]]) if s != source):
            fixes.addAction("Split off from Its Row", lambda: self.apply("split", [ref]))
