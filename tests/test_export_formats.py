"""HTML and Markdown exports: what a browser and GitHub show, and the CLI's rules.

Colour contrast is computed with the WCAG 2 formula; GFM rendering uses the
reference implementation (cmark-gfm) when it is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from reader.core.comparison import compare
from reader.core.export.html_export import COLOURS, css, render_html
from reader.core.export.markdown_export import render_markdown
from reader.core.export.report import ExportOptions, build_report
from reader.core.load.documents import document_from_text, load_document, seed_paths


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# Which text colour sits on which background, read from the style sheet's rules.
TEXT_ON = {
    "text": ["page", "added", "changed", "noted", "missing", "header"],
    "omitted": ["page", "added", "changed", "noted", "header"],
    "missing_text": ["missing"],
    "unique": ["page"], "moved": ["page", "missing"], "furniture": ["page"],
    "muted": ["page", "header", "missing"], "fact_ink": ["fact"],
}


def test_every_text_colour_has_contrast_of_at_least_4_5():
    for text, backgrounds in TEXT_ON.items():
        for background in backgrounds:
            ratio = _contrast(COLOURS[text], COLOURS[background])
            assert ratio >= 4.5, (text, background, round(ratio, 2))
    used = set(re.findall(r"(?<![-\w])color: (#[0-9a-f]{6})", css(True)))
    assert used <= {COLOURS[t] for t in TEXT_ON}, used


@pytest.fixture(scope="module")
def seeds():
    return compare([load_document(p) for p in seed_paths()])


def test_html_has_language_semantic_marks_anchors_and_print_css(seeds):
    html = render_html(build_report(seeds, [], ExportOptions()))
    assert re.search(r'<html lang="en">', html)
    table = html.split("<h2>Aligned text</h2>")[1]
    assert "<ins " in table and "<del " in table and '<span class="add"' not in table
    rows = set(re.findall(r'<tr id="(row-\d+)"', html))
    links = set(re.findall(r'href="#(row-\d+)"', html))
    assert links and links <= rows  # every change-list and "also in" link has its row
    assert "@page" in html and "print-color-adjust: exact" in html
    assert "overflow-wrap: anywhere" in html


def test_html_column_is_the_sources_own_text(seeds):
    """Copying a column gives that source's words: the reference's are only in .gone
    spans, which are left out of a selection (user-select: none)."""
    report = build_report(seeds, [], ExportOptions())
    html = render_html(report)
    assert ".gone {" in html and "user-select: none" in html
    copied = re.sub(r'<span class="gone">.*?</span>', "", html, flags=re.S)
    copied = re.sub(r"<[^>]+>", "", copied.replace("<br>", " ")).replace("‸", "")
    import html as h
    text = " ".join(h.unescape(copied).split())
    for row in report.rows:
        for s in report.order:
            own = " ".join(seeds.row_text(row, s).split())
            if own:
                assert own in text, (row, s)


def _gfm(markdown: str) -> str:
    run = subprocess.run(["cmark-gfm", "-e", "strikethrough", "-e", "table"], input=markdown,
                         capture_output=True, text=True, check=True)
    return run.stdout


@pytest.mark.skipif(shutil.which("cmark-gfm") is None, reason="cmark-gfm is not installed")
def test_markdown_renders_on_github_without_stray_markers(seeds):
    for reference in range(4):
        md = render_markdown(build_report(seeds, [], ExportOptions(reference=reference)))
        html = _gfm(md)
        text = re.sub(r"<[^>]+>", "", html)
        assert "~~" not in text and "**" not in text
        assert html.count("<del>") == md.count("~~") // 2 > 0
        assert html.count("<strong>") >= md.count("**") // 2 - 1  # source labels are bold too
    assert 'href="#row-' in html  # the change list's reference-style links resolve


@pytest.mark.skipif(shutil.which("cmark-gfm") is None, reason="cmark-gfm is not installed")
def test_struck_words_keep_their_spaces_once_rendered():
    """A reviewer's rendered Markdown read "here,and if anyone…" (the struck run glued to
    the word before), "accountable,  ” Ellison" (a space before the closing quote) and
    "plantkills at least 12"."""
    a = document_from_text("Explosion at Ohio chemical plant kills at least 12\n\n"
                           "“We will find out what happened here, and if anyone cut corners, "
                           "they will be held accountable,” Ellison said.", "a.txt")
    b = document_from_text("Explosion at Ohio chemical plant: what we know\n\n"
                           "“We will find out what happened here,” Ellison said.", "b.txt")
    html = _gfm(render_markdown(build_report(compare([a, b]), [], ExportOptions())))
    text = re.sub(r"<[^>]+>", "", html)
    assert "~~" not in text and "*" not in text
    assert "here, <del>and if anyone cut corners, they will be held accountable,</del>” " \
        "Ellison said." in html
    assert "chemical plant <del>kills at least 12</del> <em>: what we know</em>" in html


def test_struck_words_never_cross_a_paragraph_break():
    a = document_from_text("Opening words of the story.\n\nThe minister spoke today in Moscow "
                           "about the treaty and the war.\n\nIt ended late.", "a.txt")
    b = document_from_text("Opening words of the story.\n\nThe minister spoke in Moscow.",
                           "b.txt")
    md = render_markdown(build_report(compare([a, b]), [], ExportOptions()))
    for span in re.findall(r"~~(.*?)~~", md, re.S):
        assert "\n" not in span


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd)


def test_cli_version_and_mistyped_command():
    run = _cli("--version")
    assert run.returncode == 0 and re.match(r"parallax \d+\.\d+", run.stdout)
    run = _cli("algin")
    assert run.returncode == 2 and "did you mean 'align'" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_cli_output_errors_are_one_line(tmp_path):
    a, b = seed_paths()[:2]
    cases = {str(tmp_path / "x.docx"): "unknown extension '.docx'",
             str(tmp_path / "missing" / "x.pdf"): "does not exist",
             str(tmp_path): "is a folder",
             a: "is one of the input files"}
    for output, message in cases.items():
        run = _cli("export", a, b, "-o", output)
        assert run.returncode == 2, output
        assert message in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert not (tmp_path / "x.docx").exists()


def test_cli_enforces_two_to_twenty_sources(tmp_path):
    one = seed_paths()[0]
    run = _cli("align", *([one] * 21))
    assert run.returncode == 2 and "2 to 20 files; 21 given" in run.stderr
    run = _cli("align", one)
    assert run.returncode == 2 and "1 given" in run.stderr
