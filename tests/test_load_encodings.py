"""Issue 11, inputs misread: legacy encodings, UTF-16 without BOM, stray bytes, CJK paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.comparison import compare
from reader.core.errors import SourceError
from reader.core.load.decoding import decode_bytes
from reader.core.load.documents import document_from_text, load_document
from reader.core.load.script_aware import count_words, ends_sentence

RUSSIAN = ("Министр иностранных дел Китая прибыл в Москву в среду.\n\n"
           "Переговоры в Москве внимательно наблюдали чиновники в Вашингтоне, "
           "опасавшиеся, что Пекин поставит оружие.\n")
GREEK = ("Ο υπουργός Εξωτερικών της Κίνας επισκέφθηκε τη Μόσχα την Τετάρτη.\n\n"
         "Οι συνομιλίες παρακολουθήθηκαν στενά από την Ουάσινγκτον.\n")
CHINESE = "中国外交部长周三抵达莫斯科。\n\n双方表示将进一步加强合作，并讨论了乌克兰局势。\n"
JAPANESE = "中国の外相が水曜日にモスクワを訪問した。\n\n両国は協力を強化すると述べた。\n"
ENGLISH = "The talks in Moscow were closely watched.\n\nOfficials in Washington feared the worst.\n"
DATA = Path(__file__).parent / "data" / "load"
SPANISH = ("La anciana estaba sentada junto a la ventana y miraba la calle, donde jugaban los "
           "niños. Su hijo se había marchado a Madrid hacía muchos años y desde entonces "
           "escribía muy poco. Cada domingo iba a la iglesia y después al cementerio, donde "
           "descansaba su marido. Los vecinos la querían porque siempre sabía lo que pasaba en "
           "el pueblo y nunca hablaba mal de nadie. ¿Quién sabe qué habría sido de ella sin "
           "aquel jardín? En otoño, las hojas de los árboles se volvían amarillas y rojas, y en "
           "invierno la nieve cubría los tejados. El señor Muñoz la saludaba cada mañana.\n")
GERMAN = ("Die alte Frau saß am Fenster und schaute auf die Straße, wo die Kinder spielten. "
          "Ihr Sohn war vor vielen Jahren nach München gezogen und schrieb seitdem nur selten. "
          "Jeden Sonntag ging sie in die Kirche und danach auf den Friedhof. Die Nachbarn "
          "mochten sie, weil sie nie schlecht über jemanden sprach. Im Herbst wurden die Blätter "
          "gelb und rot. Herr Müller grüßte sie jeden Morgen freundlich, wenn er zur Bäckerei "
          "ging, um frische Brötchen zu kaufen. Über die Jahre war sie schwächer geworden, aber "
          "ihr Gedächtnis war noch immer schärfer als das der Jüngeren.\n")
FRENCH = ("La vieille femme était assise à la fenêtre et regardait la rue, où les enfants "
          "jouaient. Son fils était parti à Paris il y a bien des années et n'écrivait plus que "
          "rarement. Chaque dimanche, elle allait à l'église, puis au cimetière. Les voisins "
          "l'aimaient bien, car elle ne disait jamais de mal de personne. Hélène lui apportait "
          "du pain frais et des crêpes le mercredi, et elles parlaient du garçon qui s'était "
          "noyé près du château. Ça ne change rien, disait-elle.\n")
POLISH = ("Stara kobieta siedziała przy oknie i patrzyła na ulicę, gdzie bawiły się dzieci. "
          "Jej syn wyjechał do Warszawy wiele lat temu i od tego czasu pisał rzadko. Każdej "
          "niedzieli chodziła do kościoła, a potem na cmentarz, gdzie leżał jej mąż. Sąsiedzi "
          "ją lubili, bo zawsze wiedziała, co się dzieje we wsi, i nigdy nie mówiła źle o "
          "nikim. Zażółć gęślą jaźń.\n")
CZECH = ("Byl pozdní večer, první máj, večerní máj, byl lásky čas. Stará paní seděla u okna a "
         "dívala se na ulici, kde si hrály děti. Její syn odjel před mnoha lety do Prahy a od "
         "té doby psal jen zřídka. Každou neděli chodila do kostela a potom na hřbitov, kde "
         "ležel její muž. Sousedé ji měli rádi, protože vždycky věděla, co se ve vesnici "
         "děje, a nikdy nic neřekla zle. Jezero hladké v křovích stinných zvučelo temně.\n")
"""Czech whose every letter cp1252 has too (ř è ì: køeslo): only its language tells."""
ARABIC = "وصل وزير الخارجية الصيني إلى موسكو يوم الأربعاء.\n\nوقال إن العلاقات بين البلدين قوية.\n"


@pytest.mark.parametrize("text,codec,label", [
    (RUSSIAN, "cp1251", "cp1251"),
    (RUSSIAN, "koi8-r", "koi8-r"),
    (GREEK, "cp1253", "cp1253"),
    (CHINESE, "gbk", "GBK"),
    (JAPANESE, "shift_jis", "Shift-JIS"),
    (ENGLISH, "utf-16-le", "UTF-16 LE"),
    (ENGLISH, "utf-16-be", "UTF-16 BE"),
    (CHINESE, "utf-16-le", "UTF-16 LE"),
    (RUSSIAN, "utf-16-le", "UTF-16 LE"),  # a zero byte in its spaces only: it was "binary"
    (RUSSIAN, "utf-16-be", "UTF-16 BE"),
    (GREEK, "utf-16-be", "UTF-16 BE"),
    (ARABIC, "utf-16-le", "UTF-16 LE"),
])
def test_legacy_and_bomless_encodings_decode_and_are_labelled(tmp_path, text, codec, label):
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode(codec))
    doc = load_document(path)
    assert (doc.text, doc.encoding) == (text, label)


def test_a_latin1_chapter_keeps_its_accented_names():
    """3,000 words of English with 22 é and è: the detector's first guess was mac-latin2,
    which made every Hélène HťlŤne."""
    doc = load_document(DATA / "chapter_latin1.txt")
    assert doc.encoding == "cp1252"
    assert (doc.text.count("Hélène"), doc.text.count("café")) == (10, 2)


@pytest.mark.parametrize("text,codec", [
    (SPANISH, "cp1252"),  # ¿ was no letter nor punctuation: it read as cp1250, señor seńor
    (GERMAN, "cp1252"),
    (FRENCH, "latin-1"),
], ids=["spanish", "german", "french"])
def test_western_prose_decodes_as_cp1252(text, codec):
    assert decode_bytes(text.encode(codec)) == (text, "cp1252")


@pytest.mark.parametrize("text,codec", [
    (POLISH, "cp1250"),
    (CZECH, "cp1250"),
    (GERMAN, "mac_roman"),  # Müller read as cp1252 is MŸller: a capital inside a word
    (FRENCH, "mac_roman"),
    (FRENCH, "cp850"),
], ids=["polish-cp1250", "czech-cp1250", "german-mac-roman", "french-mac-roman", "french-cp850"])
def test_other_latin_code_pages_win_with_evidence(text, codec):
    assert decode_bytes(text.encode(codec))[0] == text


def test_random_bytes_with_zeros_in_one_position_are_still_binary(tmp_path):
    """What the looser UTF-16 test (zeros in one byte position) must still refuse: data
    whose every other byte is random reads as unassigned and private code points."""
    import random
    noise = random.Random(7).randbytes(4096)
    path = tmp_path / "noise.txt"
    path.write_bytes(b"".join(noise[k:k + 1] + b"\x00" for k in range(0, 4096, 2))
                     .replace(b"\x00", b"\x01", 100) + noise)
    with pytest.raises(SourceError, match="binary data"):
        load_document(path)


def test_one_stray_byte_in_utf8_is_not_binary():
    data = ("Déjà vu — naïve café in Zürich. " * 4).encode() + b"\xff" + b" The end.\n"
    text, label = decode_bytes(data)
    assert text.startswith("Déjà vu") and text.endswith("The end.\n")
    assert label == "UTF-8 (1 invalid byte replaced)"


def test_cp1251_and_utf8_copies_yield_identical_paragraphs_and_align(tmp_path):
    (tmp_path / "a.txt").write_bytes(RUSSIAN.encode("cp1251"))
    (tmp_path / "b.txt").write_bytes(RUSSIAN.encode("utf-8"))
    a, b = load_document(tmp_path / "a.txt"), load_document(tmp_path / "b.txt")
    assert [p.text for p in a.paragraphs] == [p.text for p in b.paragraphs]
    comp = compare([a, b])
    assert {link.kind for link in comp.links} == {"identical"}
    assert len(comp.links) == len(a.content)


def test_short_cjk_paragraphs_ending_in_full_stop_are_body_text():
    doc = document_from_text("港口大桥重新通车。\n市长出席了仪式。\n工程耗时八个月。\n", "zh.txt")
    assert [(p.heading, p.boilerplate, p.role) for p in doc.paragraphs] == [
        (False, False, "body")] * 3


def test_words_are_counted_per_character_in_cjk():
    assert count_words("港口大桥重新通车。") == 8
    assert count_words("The bridge reopened, at last.") == 5
    assert count_words("Мост снова открыт") == 3
    doc = document_from_text("港口大桥重新通车。\n", "zh.txt")
    assert doc.words == 8


@pytest.mark.parametrize("line,ends", [
    ("完了。", True), ("本当ですか？", True), ("Τι έγινε;", True), ("کجا؟", True),
    ("समाप्त।", True), ("He said “yes.”", True), ("Breaking news", False), ("港口大桥", False),
])
def test_sentence_ends_in_every_script(line, ends):
    assert ends_sentence(line) is ends


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["a.txt", "a.html", "a.md", "a.mhtml"]))
def test_any_bytes_load_or_give_a_one_line_reason(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    try:
        doc = load_document(path)
    except SourceError as exc:
        assert str(path) in str(exc) and "\n" not in str(exc)
        return
    for p in doc.paragraphs:
        assert doc.text[p.start:p.end] == p.text


def test_control_characters_are_unicodes_cc_but_whitespace():
    """The one regular expression that counts control characters finds exactly Unicode's
    category Cc less tab, line feed, carriage return, form feed and vertical tab."""
    import sys
    import unicodedata

    from reader.core.load.decoding import _CONTROLS
    wanted = {chr(c) for c in range(sys.maxunicode + 1)
              if unicodedata.category(chr(c)) == "Cc" and chr(c) not in "\t\n\r\f\v"}
    found = set(_CONTROLS.findall("".join(chr(c) for c in range(sys.maxunicode + 1)
                                          if not 0xD800 <= c <= 0xDFFF)))
    assert found == wanted and "\x1b" in found and "\x85" in found


def test_text_with_a_few_control_characters_loads_and_with_many_is_binary(tmp_path):
    body = "A line of ordinary prose, long enough to count. " * 40  # ~2,000 characters
    few = tmp_path / "few.txt"
    few.write_text(body[:1000] + "\x1b[1m" + body[1000:] + "\x07", encoding="utf-8")
    assert load_document(str(few)).paragraphs
    many = tmp_path / "many.txt"
    many.write_text("".join(ch + "\x1b" for ch in body[:400]) + body, encoding="utf-8")
    with pytest.raises(SourceError, match="binary"):
        load_document(str(many))
