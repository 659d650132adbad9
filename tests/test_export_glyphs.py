"""No empty boxes ("tofu") in the PDF: every script Parallax reads gets a font.

Arabic, Hebrew, Devanagari, CJK, emoji and combining marks are laid out with
the export's own style sheet, plain and in the changed (italic) and bold
styles, and the glyphs Qt chose are checked (``reader.render.glyphs``). Fonts
come from the Makefile's Debian packages: fonts-kacst-one (Arabic in italic:
DejaVu Sans Oblique has no Arabic), fonts-lohit-deva (Devanagari), fonts-symbola
(emoji), fonts-wqy-microhei (CJK). The texts were written by hand.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument

from reader.core.export.html_export import css
from reader.render.glyphs import missing_glyphs
from reader.render.pdf import register_fonts

SCRIPTS = {
    "Arabic": "قال الوزير إن الاتفاق جديد ومهم للمنطقة",
    "Hebrew": "השר אמר שההסכם חשוב מאוד לאזור",
    "Chinese": "部长今天在北京谈到了新的协议。",
    "Hindi": "मंत्री ने आज नई संधि के बारे में बात की।",
    "emoji": "cheered 🎉 waved 🇪🇬 flags 👍 booed 😡",
    "combining": "cafe\u0301 s\u0302\u0303 Zalgo\u0336",
}
STYLES = {"plain": "", "changed": ' class="chg"', "bold": ' style="font-weight: bold"',
          "omitted": ' class="omit"'}


def _missing(html: str, qapp) -> list[str]:
    register_fonts()
    doc = QTextDocument()
    doc.setDefaultStyleSheet(css(semantic=False))
    doc.setHtml(html)
    doc.setTextWidth(2000)
    return missing_glyphs(doc)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("script", SCRIPTS)
def test_every_script_has_glyphs_in_every_style(script, style, qapp):
    assert _missing(f"<p><span{STYLES[style]}>{SCRIPTS[script]}</span></p>", qapp) == []


def test_the_check_sees_tofu(qapp):
    # Private-use code points and an unassigned one: no font draws them.
    assert _missing("<p>a \ue000\ue001 b \U0010fffd</p>", qapp) == ["\ue000", "\ue001",
                                                                  "\U0010fffd"]


needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None,
                                   reason="poppler-utils is not installed")


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("glyphs")
    # Whole sentences: a short line of symbols would be taken for page furniture.
    lines = list(SCRIPTS.values())[:4] + ["The crowd cheered 🎉 and waved 🇪🇬 flags 👍 loudly.",
                                          "Combining: cafe\u0301 naïve s\u0302\u0303 Zalgo\u0336 text."]
    changed = ["قال الرئيس إن الاتفاق قديم ومهم جدا للمنطقة",
               "הנשיא אמר שההסכם חשוב מאוד לכל האזור",
               "总统昨天在上海谈到了旧的协议。",
               "राष्ट्रपति ने कल पुरानी संधि के बारे में बात की।",
               "The crowd booed 😡 and waved 🇫🇷 flags 👎 loudly.",
               "Combining: cafe\u0301 naïve s\u0302 Zalgo\u0338 text."]
    (folder / "a.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text("\n\n".join(changed) + "\n", encoding="utf-8")
    pdf = folder / "out.pdf"
    parallax = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "parallax"
    command = [str(parallax)] if parallax.exists() else ["parallax"]
    subprocess.run(command + ["export", str(folder / "a.txt"), str(folder / "b.txt"),
                              "-o", str(pdf), "--no-notes"],
                   check=True, capture_output=True, env={**__import__("os").environ,
                                                         "QT_QPA_PLATFORM": "offscreen"})
    return pdf


@needs_poppler
def test_fonts_are_embedded_subsets_with_tags(exported):
    rows = subprocess.run(["pdffonts", str(exported)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    names = [row.split()[0] for row in rows]
    assert any("Lohit" in n for n in names) and any("Symbola" in n for n in names)
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
        assert name[6] == "+" and name[:6].isupper(), row


@needs_poppler
def test_text_round_trips(exported):
    text = subprocess.run(["pdftotext", str(exported), "-"], capture_output=True, text=True,
                          check=True).stdout
    for words in ["השר אמר שההסכם חשוב מאוד לאזור", "总统昨天在上海谈到了旧的协议。",
                  "قال الرئيس", "قديم ومهم جدا للمنطقة", "ومهم للمنطقة",
                  "The crowd booed", "Zalgo\u0338"]:
        assert words in text, words


@needs_poppler
def test_emoji_round_trip_as_code_points(exported):
    # Qt's ToUnicode maps cover U+0000-FFFF only; finish.py adds these by glyph shape.
    text = subprocess.run(["pdftotext", str(exported), "-"], capture_output=True, text=True,
                          check=True).stdout
    for emoji in ["🎉", "👍", "😡", "👎", "🇪🇬", "🇫🇷"]:
        assert emoji in text, emoji


def test_a_glyph_like_two_characters_gets_no_text():
    from reader.render.finish import _recognised
    from reader.render.sfnt import Shape

    square = Shape(1, (0, 0, 100, 100), frozenset({(0, 0), (100, 0), (100, 100), (0, 100)}))
    other = Shape(1, (0, 0, 100, 100), frozenset({(0, 0), (100, 0), (50, 100), (0, 100)}))
    assert _recognised(square, [(square, "🇪"), (other, "🇬")]) == "🇪"
    assert _recognised(square, [(square, "🇪"), (square, "🇬")]) is None  # a tie: no guess
    assert _recognised(square, [(Shape(2, square.box, square.on_curve), "🇪")]) is None


def test_added_text_never_overrides_qts_own():
    from reader.render.finish import _with_entries

    cmap = (b"1 beginbfrange\n<0001> <0003> <0041>\nendbfrange\n"
            b"1 beginbfchar\n<0005> <0042>\nendbfchar\nendcmap\n")
    out = _with_entries(cmap, {2: "🎉", 5: "👍", 6: "😡"})
    assert b"<0006> <D83DDE21>" in out
    assert b"<0002> <D83C" not in out and b"<0005> <D83D" not in out


def test_the_newest_version_of_an_object_is_read():
    """An incremental update appends new versions; "11 0 obj" is not object 1."""
    from reader.render.finish import _object_body

    pdf = (b"%PDF-1.4\n1 0 obj\n<< /Old 1 >>\nendobj\n11 0 obj\n<< /Eleven 1 >>\nendobj\n"
           b"xref\ntrailer\n1 0 obj\n<< /New 1 >>\nendobj\n")
    assert _object_body(pdf, 1) == b"<< /New 1 >>"
    assert _object_body(pdf, 11) == b"<< /Eleven 1 >>"
