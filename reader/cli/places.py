"""The command line's listing of places with differences (``reader.core.places`` numbers
them as the reader's Differences dock does): ``align --differences/--difference N`` and
``fix differences|check|uncheck`` show and take these numbers."""

from __future__ import annotations

from reader.core.comparison import Comparison
from reader.core.places import (
    Place,
    lead_first,
    only_accidentals,
    place_says,
    quoted_source,
    snippet,
)
from reader.core.places import places as _places


def places(comp: Comparison, reference: int) -> list[Place]:
    """The places with differences against ``reference``, in reading order."""
    return _places(comp.differences(reference))


def place_number(text: str, found: list[Place]) -> Place:
    """Place ``text`` (1-based, as typed) of ``found``; ValueError with a sentence a person
    can read."""
    try:
        n = int(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a place number") from None
    return place_at(n, found)


def place_at(n: int, found: list[Place]) -> Place:
    """Place ``n`` (1-based) of ``found``; ValueError with a sentence a person can read."""
    if not 1 <= n <= len(found):
        raise ValueError(f"there is no place {n} with differences (there are {len(found)})")
    return found[n - 1]


def place_lines(comp: Comparison, reference: int, tag: list[int] | None = None,
                checked: set[int] = frozenset()) -> list[str]:
    """The numbered listing, one line per place: ``✓`` where every difference is checked."""
    from reader.core.diff.story_facts import fact_leads
    tag = tag or list(range(1, len(comp.documents) + 1))
    diffs = comp.differences(reference)
    leads = fact_leads(comp, reference)
    out = []
    for n, place in enumerate(places(comp, reference), 1):
        tick = "✓" if all(i in checked for i in place.indices) else " "
        led = lead_first(diffs, place.indices, leads)
        quote = snippet(comp, diffs[led[0]], reference, leads)
        out.append(f"{tick} {n:3d}. {place_says(diffs, place, tag)}  "
                   f"{quoted_source(diffs, led, tag)}{quote}")
    return out


def no_differences(comp: Comparison, reference: int) -> str:
    """What an empty list of places says: whether the sources differ in punctuation, case
    or paragraphing alone, which are not counted unless asked (``--punctuation``)."""
    left_out = only_accidentals(comp, reference)
    return f"{left_out} (--punctuation lists them)." if left_out else "No differences."


def marked_diff(comp: Comparison, row: int, reference: int, source: int) -> str:
    """``source``'s text in a row with the reference's words it drops as ``[-old-]`` and
    its own as ``{+new+}`` (wdiff's marks: plain text that survives a terminal or a mail)."""
    old_text, new_text = comp.row_text(row, reference), comp.row_text(row, source)
    old_syntax, new_syntax = comp.row_syntax(row, reference), comp.row_syntax(row, source)
    out = []
    for span in comp.row_diff(row, reference, source):
        old = old_syntax.visible(old_text, span.a_start, span.a_end)
        new = new_syntax.visible(new_text, span.b_start, span.b_end)
        if span.op == "equal" or span.trivial:
            out.append(new)
            continue
        out.append(f"[-{old}-]" if old else "")
        out.append(f"{{+{new}+}}" if new else "")
    return "".join(out)


def place_detail(comp: Comparison, reference: int, number: int,
                 tag: list[int] | None = None) -> str:
    """Place ``number`` (1-based) in every source: the reference's text, then each other
    source's, its word differences marked (``marked_diff``) where it is comparable."""
    tag = tag or list(range(1, len(comp.documents) + 1))
    found = places(comp, reference)
    place = place_at(number, found)
    lines = [f"Place {number} of {len(found)}: "
             f"{place_says(comp.differences(reference), place, tag)}"]
    row = place.row
    for s in [reference] + [s for s in range(len(comp.documents)) if s != reference]:
        text = comp.row_shown(row, s)
        if s == reference:
            head, body = f"[{tag[s]}] (reference)", text or "(not in this source here)"
        elif not text:
            there = _moved(comp, found, row, reference, s)
            head, body = f"[{tag[s]}]", f"(not here: moved to {there})" if there else \
                "(not in this source here)"
        elif comp.comparable(row, reference, s):
            head, body = f"[{tag[s]}]", marked_diff(comp, row, reference, s)
        else:
            there = _moved(comp, found, row, s, reference)
            head = f"[{tag[s]}] ({f'moved from {there}' if there else 'not linked to the reference'})"
            body = text
        lines.append(f"{head}: {' '.join(body.split())}")
    return "\n".join(lines)


def _moved(comp: Comparison, found: list[Place], row: int, source: int, other: int) -> str:
    """"place 5" when ``other`` carries the content of ``source``'s cell of ``row`` at
    another place: a moved paragraph's two ends point at each other (they had read "not in
    this source here" and "not linked to the reference"), else ""."""
    rows = set(comp.moved_rows(row, source, other))
    numbers = [n for n, place in enumerate(found, 1) if place.row in rows]
    return f"place{'s' * (len(numbers) > 1)} {', '.join(map(str, numbers))}" if numbers else ""
