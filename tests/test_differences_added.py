"""What the reference lacks is added, wherever a third source puts it: the paragraphs a
wire's later updates added had read "moves it here" because an outlet put them elsewhere
(review 12), and added news looked like reshuffled copy."""

from __future__ import annotations

from reader.core.comparison import compare
from reader.core.load.documents import document_from_text

LEDE = ("A dam on the Caston River gave way before dawn on Tuesday, sending water through "
        "the village of Millbrook and forcing hundreds of residents from their homes.")
RESCUE = ("Rescue crews in boats pulled 27 people from flooded houses and cars, the county "
          "sheriff said, and at least 11 others were still unaccounted for by evening.")
SCHOOLS = ("Schools across the valley will stay closed through Friday while engineers inspect "
           "the bridges downstream, the district superintendent told parents in a letter.")
UPDATE = ("Update, 3:40 p.m.: The governor declared a state of emergency for the county and "
          "asked the federal government for help with the cost of the cleanup.")


def _kinds(comp, reference: int, source: int) -> dict[str, str]:
    """The kind of each difference of ``source``, by its paragraph's opening words."""
    out = {}
    for d in comp.differences(reference):
        if d.source == source:
            paras = comp.rows[d.row][source] or comp.rows[d.row][reference]
            doc = comp.documents[source if comp.rows[d.row][source] else reference]
            out[doc.paragraphs[paras[0]].text.split(":")[0].split(",")[0]] = d.kind
    return out


def test_a_paragraph_the_reference_lacks_is_added_though_another_source_moved_it():
    docs = [document_from_text("\n\n".join(paras) + "\n", f"{name}.txt") for name, paras in (
        ("first_take", [LEDE, RESCUE, SCHOOLS]),
        ("update", [LEDE, RESCUE, SCHOOLS, UPDATE]),
        ("outlet", [UPDATE, LEDE, RESCUE, SCHOOLS]))]
    comp = compare(docs)
    assert comp.moved((1, 3)) == [(2, 0)]  # the update's paragraph sits elsewhere in [3]
    assert _kinds(comp, 0, 1) == {"Update": "added"}
    assert _kinds(comp, 0, 2) == {"Update": "added"}
    # against the update, the outlet moved it, and the first take omits it
    assert _kinds(comp, 1, 2)["Update"] == "moved"
    assert _kinds(comp, 1, 0)["Update"] == "omitted"


OLD_FAILURE = ("The last deadly dam failure in Oregon was in 1996, when a small dam in Lane "
               "County collapsed during a winter storm, state records show.")
REWORDED = ("State records show Oregon's last deadly dam failure came in 1996, when a small "
            "dam in Lane County gave way in a winter storm.")
CORRECTION = ("Correction: An earlier version of this story incorrectly described a 1996 dam "
              "failure in Lane County as deadly. No one was killed in that failure, and the "
              "reference has been removed.")


def test_a_withdrawn_paragraph_is_omitted_and_its_correction_added():
    """A correction quotes what it withdraws in its words: the withdrawn paragraph had read
    as moved into the correction (directly, and through a third version's rewording),
    never as dropped (review 12)."""
    docs = [document_from_text("\n\n".join(paras) + "\n", f"{name}.txt") for name, paras in (
        ("first_take", [LEDE, RESCUE, OLD_FAILURE, SCHOOLS]),
        ("outlet", [LEDE, RESCUE, REWORDED, SCHOOLS]),
        ("corrected", [LEDE, RESCUE, SCHOOLS, CORRECTION]),
        ("corrected_again", [LEDE, RESCUE, SCHOOLS, CORRECTION]))]
    comp = compare(docs)
    for s in (2, 3):
        assert [link.other((s, 3)) for link in comp.links_of((s, 3))] == [(5 - s, 3)]
        assert _kinds(comp, 0, s) == {"The last deadly dam failure in Oregon was in 1996":
                                      "omitted", "Correction": "added"}
    assert comp.links_of((0, 2)) and comp.links_of((1, 2))  # the rewording still links


def test_a_heading_only_one_version_gives_is_said_to_be_one():
    """An outlet's subheads ("## Evacuations") read "[2] adds" like news (review 12)."""
    from reader.cli.places import place_lines
    docs = [document_from_text("\n\n".join(paras) + "\n", name) for name, paras in (
        ("wire.txt", ["# Dam gives way above Caston", LEDE, RESCUE, SCHOOLS]),
        ("outlet.md", ["# Dam gives way above Caston", LEDE, RESCUE, "## Evacuations",
                       SCHOOLS]))]
    comp = compare(docs)
    lines = place_lines(comp, 0)
    assert any("[2] adds a heading" in line and "Evacuations" in line for line in lines)
    lines = place_lines(comp, 1)
    assert any("[1] omits a heading" in line for line in lines)
