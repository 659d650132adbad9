"""Hard-wrapped plain text gives the same paragraphs, word for word, as the unwrapped text.

A reviewer's seed 000 wrapped by textwrap with first-line indents read a wrapped line as a
heading, merged paragraphs, and the fact finder then reported changes between identical
texts. The wrappers here are written out so the tests run anywhere: textwrap (greedy,
indent or blank lines), ``fold -s`` (greedy by UTF-8 bytes, keeps the blank it breaks at)
and an even filler like par and fmt (least squared slack, not greedy).
"""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from reader.core.comparison import compare
from reader.core.diff.story_facts import comparison_fact_changes
from reader.core.load.documents import document_from_text, load_document, seed_paths


def _fold(paragraph: str, width: int) -> str:
    """``fold -s -w width``: a word and the blank after it must fit, counted in bytes."""
    lines, line = [], ""
    for word in paragraph.split(" "):
        if line and len((line + word + " ").encode()) > width:
            lines.append(line)
            line = ""
        line += word + " "
    return "\n".join(lines + [line[:-1]])


def _even(paragraph: str, width: int, indent: str = "") -> str:
    """Least squared slack over all lines but the last, as par and fmt fill."""
    words = paragraph.split()
    best: list[float] = [0.0] * (len(words) + 1)
    cut = [len(words)] * (len(words) + 1)
    for i in range(len(words) - 1, -1, -1):
        best[i], length = float("inf"), len(indent) * (i == 0) - 1
        for j in range(i, len(words)):
            length += len(words[j]) + 1
            if length > width and j > i:
                break
            cost = (width - length) ** 2 * (j < len(words) - 1) + best[j + 1]
            if cost < best[i]:
                best[i], cut[i] = cost, j + 1
    lines, i = [], 0
    while i < len(words):
        lines.append(" ".join(words[i:cut[i]]))
        i = cut[i]
    return indent + "\n".join(lines)


WRAPPERS = {
    "textwrap, indented first lines": lambda ps, w: "\n".join(
        textwrap.fill(p, w, initial_indent="    ") for p in ps),
    "textwrap, tab-indented first lines": lambda ps, w: "\n".join(
        textwrap.fill(p, w, initial_indent="\t") for p in ps),
    "textwrap, blank lines, CRLF": lambda ps, w: "\r\n\r\n".join(
        textwrap.fill(p, w).replace("\n", "\r\n") for p in ps),
    "fold -s, blank lines": lambda ps, w: "\n\n".join(_fold(p, w) for p in ps),
    "fold -s, no blank lines": lambda ps, w: "\n".join(_fold(p, w) for p in ps),
    "even fill (par, fmt), blank lines": lambda ps, w: "\n\n".join(_even(p, w) for p in ps),
    "even fill (par, fmt), indented": lambda ps, w: "\n".join(
        _even(p, w, "    ") for p in ps),
}


def _flat(paragraphs) -> list[str]:
    return [" ".join(p.text.split()) for p in paragraphs]


@pytest.mark.parametrize("width", [60, 67, 72, 80])
@pytest.mark.parametrize("wrapper", WRAPPERS)
@pytest.mark.parametrize("seed", range(4))
def test_seed_rewrapped_gives_exactly_the_seed_paragraphs(seed, wrapper, width):
    original = load_document(seed_paths()[seed])
    paragraphs = _flat(original.paragraphs)
    wrapped = document_from_text(WRAPPERS[wrapper](paragraphs, width) + "\n", "wrapped.txt")
    assert [p.text for p in wrapped.paragraphs] == paragraphs  # one space where lines met
    assert [p.role for p in wrapped.paragraphs] == [p.role for p in original.paragraphs]
    assert [p.boilerplate for p in wrapped.paragraphs] == \
        [p.boilerplate for p in original.paragraphs]
    for p in wrapped.paragraphs:
        assert wrapped.text[p.start:p.end] == p.text


def test_reviewers_indented_seed_has_no_fact_changes_and_identical_links():
    """The reviewer's case: textwrap at 70 columns, 4-space first-line indents."""
    path = seed_paths()[0]
    paragraphs = [ln.strip() for ln in open(path, encoding="utf-8") if ln.strip()]
    paragraphs[-2:] = [" ".join(paragraphs[-2:])]  # as the reviewer's file has them
    wrapped = "\n".join(textwrap.fill(p, 70, initial_indent="    ") for p in paragraphs)
    comp = compare([load_document(path), document_from_text(wrapped + "\n", "w.txt")])
    assert comparison_fact_changes(comp, 0) == []
    assert comp.links and {link.kind for link in comp.links} == {"identical"}
    texts = [p.text for p in comp.documents[1].paragraphs]
    assert "Hours earlier, Wang held talks with Russian Foreign Minister Sergei Lavrov, who " \
        "noted that" in texts[8] and texts[9].startswith("Wang responded")
    assert "Recent Articles" in texts


def test_fold_keeps_one_space_where_it_kept_a_blank():
    paragraph = ("Russia and China showed deepening relations in a series of meetings on "
                 "Wednesday that were closely watched by officials in Washington.")
    text = "\n\n".join([_fold(paragraph, 66)] * 3) + "\n"
    assert "of \nmeetings" in text  # the blank fold broke at stays on the line
    doc = document_from_text(text, "f.txt")
    assert [p.text for p in doc.paragraphs] == [paragraph] * 3
    assert doc.text == "\n\n".join([paragraph] * 3) + "\n"


def test_a_compound_broken_at_its_hyphen_joins_without_a_space():
    paragraph = ("Wang stated that relations between the two countries were not against third "
                 "parties, calling the China-Russia partnership a well-known source of calm.")
    widths = [w for w in range(44, 81) if any(
        line.endswith("-") for line in textwrap.wrap(paragraph, w))]
    assert len(widths) > 5  # "China-" and "well-" both end lines somewhere
    for width in widths:
        text = "\n\n".join([textwrap.fill(paragraph, width)] * 3)
        assert [p.text for p in document_from_text(text, "h.txt").paragraphs] == [paragraph] * 3


ZH_STORY = [
    "中俄关系持续升温",
    "俄罗斯总统普京周三在克里姆林宫会见了到访的中国外交官王毅，双方表示将继续深化两国在各个领域的合作，"
    "并就乌克兰局势交换了意见。",
    "王毅此行正值乌克兰战争爆发将近一周年之际，西方国家密切关注北京是否会向莫斯科提供更多支持。"
    "美国官员此前多次表示，担心中国可能向俄罗斯提供武器和弹药。",
    "普京在会谈开始时表示，俄中关系正在按照计划发展，并期待中国国家主席习近平在今年访问俄罗斯。"
    "他说：“国际关系正在经历复杂的变化，俄中两国的合作对于稳定国际局势尤为重要。”",
    "王毅回应说，中俄关系不针对任何第三方，也绝不受第三方的干扰。他强调，两国支持国际关系的多极化和民主化。",
    "数据显示，两国贸易额在2022年增长了29.3%，达到创纪录的1900亿美元，其中能源贸易占了很大比重。",
    "核武器问题",
    "另一方面，普京周二宣布暂停参与美俄之间仅存的核军控条约，此举将对两国核活动的相互监督产生直接影响。",
]


def _by_characters(paragraph: str, width: int, indent: str = "") -> str:
    """How a wrapper cuts text without spaces: every ``width`` characters, "29.3%" or not."""
    paragraph = indent + paragraph
    return "\n".join(paragraph[i:i + width] for i in range(0, len(paragraph), width))


@pytest.mark.parametrize("width", [24, 30, 35, 40])
@pytest.mark.parametrize("indent", ["", "\u3000\u3000"])
def test_cjk_wrapped_lines_join_without_a_space(width, indent):
    """Blank lines between paragraphs, or (no blank lines) two ideographic spaces before each."""
    separator = "\n" if indent else "\n\n"
    text = separator.join(_by_characters(p, width, indent) for p in ZH_STORY) + "\n"
    doc = document_from_text(text, "zh.txt")
    assert [p.text for p in doc.paragraphs] == ZH_STORY
    assert [p.role for p in doc.paragraphs][:1] == ["headline"]


def test_cjk_text_that_spaces_latin_apart_keeps_those_spaces():
    paragraph = ("开发者们使用 Python 编写了这个程序，并在 2023 年发布了第一个版本，"
                 "随后又用 Rust 重写了其中对性能要求很高的部分，在 GitHub 上获得了很多关注。")
    lines = textwrap.wrap(paragraph, 30)  # breaks at the spaces around Latin words too
    text = "\n\n".join(["\n".join(lines)] * 4)
    assert [p.text for p in document_from_text(text, "zh.txt").paragraphs] == [paragraph] * 4


WRAPPED_STORY = """Wang Yi in Moscow
By Jane Doe

Russia and China showed deepening relations in a series of meetings
on Wednesday that were closely watched for signs that Beijing may be
offering the Kremlin more help in its war in Ukraine.

The crowd outside sang an old song, its verses short:

Moscow nights, so still and bright,
The river moves and does not move,
Silver in the moonlight.

The talks covered three subjects:
- energy and the pipeline to the east;
- trade in yuan and roubles;
- the war in Ukraine.

"Are you satisfied?" a reporter asked.
"Very," Wang said.
"And the Americans?"

Officials in Washington said they were watching the meetings closely,
and that any help for the Kremlin's war would have consequences for
Beijing.

The visit to Moscow by Wang Yi, the most prominent foreign policy
official within the Chinese Communist Party, comes as the conflict in
Ukraine continues to upend the world's geopolitical order.

Relations between Russia and the West are at their lowest point since
the Cold War, and ties between China and the United States are also
under severe strain.
"""


def test_short_lines_of_a_wrapped_story_stay_apart():
    """Titles, a byline, verse, list items and dialogue lines are not wrapped prose."""
    doc = document_from_text(WRAPPED_STORY, "story.txt")
    assert [p.text for p in doc.paragraphs] == [
        "Wang Yi in Moscow", "By Jane Doe",
        "Russia and China showed deepening relations in a series of meetings on Wednesday that "
        "were closely watched for signs that Beijing may be offering the Kremlin more help in "
        "its war in Ukraine.",
        "The crowd outside sang an old song, its verses short:",
        "Moscow nights, so still and bright,", "The river moves and does not move,",
        "Silver in the moonlight.",
        "The talks covered three subjects:", "- energy and the pipeline to the east;",
        "- trade in yuan and roubles;", "- the war in Ukraine.",
        '"Are you satisfied?" a reporter asked.', '"Very," Wang said.', '"And the Americans?"',
        "Officials in Washington said they were watching the meetings closely, and that any "
        "help for the Kremlin's war would have consequences for Beijing.",
        "The visit to Moscow by Wang Yi, the most prominent foreign policy official within the "
        "Chinese Communist Party, comes as the conflict in Ukraine continues to upend the "
        "world's geopolitical order.",
        "Relations between Russia and the West are at their lowest point since the Cold War, "
        "and ties between China and the United States are also under severe strain."]


def test_hanging_list_items_in_an_indented_story_stay_whole():
    first = ("    The talks covered energy and trade, and the officials who took part in them "
             "said that both sides wanted more of each in the coming year.")
    items = ["  * The pipeline to the east, which the two sides have discussed for years "
             "without agreement on its price.", "  * Trade settled in yuan and roubles, "
             "rather than in dollars, to keep clear of the sanctions."]
    text = "\n".join([textwrap.fill(first, 66)] * 2 + [
        textwrap.fill(item, 66, subsequent_indent="    ") for item in items]) + "\n"
    texts = [" ".join(p.text.split()) for p in document_from_text(text, "l.txt").paragraphs]
    assert texts == [" ".join(first.split())] * 2 + [" ".join(i.split()) for i in items]


MARKDOWN = """# China and Russia get closer

Russia and China showed deepening relations in a series of meetings on Wednesday that were closely watched for signs that Beijing may be offering the Kremlin more help in its war in Ukraine.

> Wang stated that “China-Russia relations are not against third parties and are certainly not subject to pressure from third parties.”

- The visit to Moscow by Wang Yi, the most prominent foreign policy official within the Chinese Communist Party, comes as the conflict continues.
- Relations between Russia and the West are at their lowest point since the Cold War.

## Nuclear weapons

On the other hand, the announcement made on Tuesday by **Russian President Vladimir Putin** will have an immediate impact on the monitoring of nuclear activities.
"""  # noqa: E501


@pytest.mark.parametrize("width", [60, 72])
def test_wrapped_markdown_reads_as_the_unwrapped_markdown(width):
    wrapped = "\n\n".join(
        textwrap.fill(block, width, subsequent_indent="> " if block.startswith(">") else "")
        if not block.startswith("- ") else
        "\n".join(textwrap.fill(item, width, subsequent_indent="  ") for item in block.split("\n"))
        for block in MARKDOWN.strip().split("\n\n")) + "\n"
    plain, folded = document_from_text(MARKDOWN, "a.md"), document_from_text(wrapped, "b.md")
    assert [p.role for p in folded.paragraphs] == [p.role for p in plain.paragraphs]
    assert _flat(folded.paragraphs) == _flat(plain.paragraphs)
    assert all("\n" not in p.text for p in folded.paragraphs)
    for p in folded.paragraphs:
        assert all(p.start <= s < e <= p.end for s, e in p.markup)
        assert [folded.text[s:e].strip() for s, e in p.markup] == \
            [folded.text[s:e].strip() for s, e in p.markup if folded.text[s:e].strip()]
    comp = compare([plain, folded])
    assert {link.kind for link in comp.links} == {"identical"}


_markdownish = st.lists(st.one_of(
    st.sampled_from(["# ", "> ", ">", "- ", "1. ", "**", "*", "`", "[", "](http://x)", "\n", "\r\n",
                     "\n\n", "  \n", "\n> ", "\n  ", "-\n", "中\n文", " ", "\t"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8),
), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_markdownish, st.booleans())
@example("> \n> ****", True)  # a quote's "> " merged with the emphasis after it: (10, 10)
def test_joined_paragraphs_slice_back_and_keep_their_markup_in_order(text, markdown):
    doc = document_from_text("Title\n\n" + text, "a.md" if markdown else "a.txt")
    for p in doc.paragraphs:
        assert doc.text[p.start:p.end] == p.text and "\n" not in p.text and "\r" not in p.text
        previous_end = p.start
        for start, end in p.markup:
            assert previous_end <= start < end <= p.end
            previous_end = end


def test_one_paragraph_a_line_text_is_kept_as_it_was():
    text = "".join(ln + "\n" for ln in open(seed_paths()[1], encoding="utf-8"))
    assert document_from_text(text, "s.txt").text == text


_WORDS = ("Moscow Beijing talks war minister treaty nuclear said the of and a visit sanctions "
          "president week relations support Ukraine weapons Washington officials").split()
_sentence = st.lists(st.sampled_from(_WORDS), min_size=4, max_size=16).map(
    lambda ws: " ".join(ws).capitalize() + ".")
_article = st.lists(st.lists(_sentence, min_size=1, max_size=5).map(" ".join),
                    min_size=6, max_size=14)


@settings(max_examples=60, deadline=None)
@given(_article, st.integers(60, 80), st.sampled_from(sorted(WRAPPERS)))
def test_any_article_rewrapped_gives_its_paragraphs(paragraphs, width, wrapper):
    """An article whose paragraphs mostly span several lines (when most fit on one line, the
    lines show no wrap width and no habit of indenting)."""
    assume(sum(len(p) > width for p in paragraphs) > len(paragraphs) / 2)
    doc = document_from_text(WRAPPERS[wrapper](paragraphs, width) + "\n", "w.txt")
    assert [p.text for p in doc.paragraphs] == paragraphs
