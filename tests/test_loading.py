"""Decoding and loading: every encoding users bring, and every kind of bad input."""

from __future__ import annotations

import codecs

import pytest

from reader.core.errors import SourceError
from reader.core.load.decoding import MAX_BYTES, decode_bytes
from reader.core.load.documents import document_from_text, load_document, seed_paths

TEXT = "Café “Noir” — naïve résumé.\n\nSecond paragraph here.\n"


@pytest.mark.parametrize("encoding,bom,label", [
    ("utf-8", b"", "UTF-8"),
    ("utf-8", codecs.BOM_UTF8, "UTF-8 with BOM"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16 LE"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16 BE"),
    ("cp1252", b"", "cp1252"),
])
def test_encodings_round_trip(tmp_path, encoding, bom, label):
    path = tmp_path / "a.txt"
    path.write_bytes(bom + TEXT.encode(encoding))
    doc = load_document(path)
    assert doc.encoding == label
    assert doc.text == TEXT
    assert [p.text for p in doc.paragraphs] == ["Café “Noir” — naïve résumé.", "Second paragraph here."]


def test_latin1_fallback_when_cp1252_cannot_decode():
    # 0x81 is undefined in cp1252 but a control character in latin-1: one is fine.
    text, label = decode_bytes("Zoë\x81 went home.".encode("latin-1"))
    assert label == "latin-1" and text.startswith("Zoë")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_newline_styles_keep_offsets(tmp_path, newline):
    raw = newline.join(["Title line", "", "First paragraph.", "", "Second one."]) + newline
    path = tmp_path / "n.txt"
    path.write_bytes(raw.encode())
    doc = load_document(path)
    assert [p.text for p in doc.paragraphs] == ["Title line", "First paragraph.", "Second one."]
    for p in doc.paragraphs:
        assert doc.text[p.start:p.end] == p.text


@pytest.mark.parametrize("content,needle", [
    (b"", "empty"),
    (b"   \n\n  ", "only blank space"),
    (b"\x00\x01\x02binary\x00\xff" * 20, "binary"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8", "cannot decode"),
])
def test_bad_content_names_file_and_reason(tmp_path, content, needle):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError) as err:
        load_document(path)
    assert str(path) in str(err.value) and needle in str(err.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        load_document(tmp_path / "nope.txt")
    with pytest.raises(SourceError, match="folder"):
        load_document(tmp_path)


def test_size_limit_is_stated(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(SourceError, match=r"limit is 20 MB"):
        load_document(path)


def test_html_keeps_article_text_only():
    page = """<!doctype html><html><head><title>Page title</title>
    <style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
    <body><nav>Home | World</nav><article><h1>Big news</h1><p>First &amp; foremost.</p>
    <p>Second <b>bold</b> line.</p></article><footer>© Site</footer></body></html>"""
    doc = document_from_text(page, "page.html")
    assert [p.text for p in doc.paragraphs] == ["Big news", "First & foremost.", "Second bold line."]
    assert doc.paragraphs[0].heading
    assert doc.name == "Page title"


def test_markdown_headings_and_lists_stand_alone():
    md = "# Title\n\nSome text\nwrapped here.\n\n## Part two\n- item one\n- item two\n"
    doc = document_from_text(md, "x.md")
    texts = [p.text for p in doc.paragraphs]
    assert texts == ["Title", "Some text wrapped here.", "Part two", "- item one", "- item two"]
    assert [p.heading for p in doc.paragraphs] == [True, False, True, False, False]


def test_hard_wrapped_text_joins_lines_but_one_line_paragraphs_do_not():
    wrapped = ("The talks in Moscow were closely watched by\nofficials in Washington, who"
               " feared that\nBeijing would send weapons.\n")
    assert len(document_from_text(wrapped).paragraphs) == 1
    lines = "First sentence here.\nSecond paragraph, one line.\nThird one.\n"
    assert len(document_from_text(lines).paragraphs) == 3


def test_seeds_paragraphs_are_their_non_empty_lines():
    for path in seed_paths():
        doc = load_document(path)
        raw = open(path, encoding="utf-8").read().splitlines()
        assert [p.text for p in doc.paragraphs] == [ln.strip() for ln in raw if ln.strip()]


def test_boilerplate_in_seeds(seed_docs):
    flagged = {s: {p.index for p in d.paragraphs if p.boilerplate} for s, d in enumerate(seed_docs)}
    assert {16, 17, 18, 19, 20} <= flagged[0]  # Recent Articles ... Please enter your name
    assert {4, 5, 6, 7, 21, 22, 23, 24, 36, 37, 38, 39} == flagged[1]  # read more + teasers
    assert {0, 1, 2, 4, 10, 20, 29, 35} == flagged[2]  # date, site names, dup title, See also, credit
    assert {0, 14, 15, 21} == flagged[3]  # breadcrumb, duplicate heading, Source:, Read Also
    # Story paragraphs are never flagged.
    assert not seed_docs[0].paragraphs[1].boilerplate
    assert not seed_docs[2].paragraphs[25].boilerplate  # "a Read China's foreign ministry said ..."
