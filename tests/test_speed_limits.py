"""Sources too large to compare together are refused up front, with a reason."""

from __future__ import annotations

import pytest

from reader import cli
from reader.core import pipeline


@pytest.fixture
def three_files(tmp_path):
    paths = []
    for k in range(3):
        path = tmp_path / f"v{k}.txt"
        path.write_text("One paragraph here.\n\nAnother one there.\n\nAnd a third.\n")
        paths.append(str(path))
    return paths


def _forbid_reading(monkeypatch) -> None:
    """Reading any source fails the test: a refusal must come before it."""
    def never(path):
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(pipeline, "load_document", never)


def test_refused_by_size_before_any_file_is_read(three_files, monkeypatch):
    monkeypatch.setattr(pipeline, "PAIR_BYTES_LIMIT", 100)  # (3 - 1) x 3 files x 54 bytes = 324 > 100
    _forbid_reading(monkeypatch)
    docs, errors = pipeline.load_all(three_files)
    assert docs == [] and len(errors) == 1
    message = str(errors[0])
    assert message.startswith("3 sources: too large to compare together")
    assert "324 bytes" in message and "limit is 100" in message


def test_refused_by_paragraph_count(three_files, monkeypatch):
    monkeypatch.setattr(pipeline, "PAIR_PARAGRAPHS_LIMIT", 17)  # 2 x 9 paragraphs = 18
    docs, errors = pipeline.load_all(three_files)
    assert docs == [] and "18 paragraphs" in str(errors[0])
    monkeypatch.setattr(pipeline, "PAIR_PARAGRAPHS_LIMIT", 18)
    docs, errors = pipeline.load_all(three_files)
    assert len(docs) == 3 and errors == []


def test_one_source_is_never_refused(three_files, monkeypatch):
    monkeypatch.setattr(pipeline, "PAIR_BYTES_LIMIT", 1)
    docs, errors = pipeline.load_all(three_files[:1])
    assert len(docs) == 1 and errors == []


def test_cli_says_why_in_one_line(three_files, monkeypatch, capsys):
    monkeypatch.setattr(pipeline, "PAIR_BYTES_LIMIT", 100)
    with pytest.raises(SystemExit) as stop:
        cli.main(["align", "--json", *three_files[:2]])
    assert stop.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert err.startswith("parallax: v0.txt and v1.txt: too large to compare together")


def _sized_files(tmp_path, sizes):
    """Files of these sizes on disk (sparse: only their size is read before the refusal)."""
    paths = []
    for k, size in enumerate(sizes):
        path = tmp_path / f"big{k}.txt"
        with open(path, "wb") as f:
            f.truncate(size)
        paths.append(str(path))
    return paths


class _Loaded:
    def __init__(self, path):
        self.path, self.paragraphs = path, []


def test_two_sources_over_the_total_are_refused_before_reading(tmp_path, monkeypatch):
    half = pipeline.TOTAL_BYTES_LIMIT // 2
    paths = _sized_files(tmp_path, [half, half + 1])

    _forbid_reading(monkeypatch)
    docs, errors = pipeline.load_all(paths)
    assert docs == [] and len(errors) == 1
    message = str(errors[0])
    assert message.startswith("big0.txt and big1.txt: too large to compare together")
    assert f"{2 * half + 1:,} bytes in all" in message
    assert f"limit is {pipeline.TOTAL_BYTES_LIMIT:,}" in message


def test_a_pair_at_the_limits_is_accepted(tmp_path, monkeypatch):
    half = pipeline.TOTAL_BYTES_LIMIT // 2
    paths = _sized_files(tmp_path, [half, half])
    monkeypatch.setattr(pipeline, "load_document", _Loaded)
    docs, errors = pipeline.load_all(paths)
    assert [d.path for d in docs] == paths and errors == []


def test_twenty_sources_are_bound_by_their_pairs():
    # 19 x (20 x 105,000) = 39,900,000 bytes of pairs: under 40 MB; 106,000 each is over
    under, over = [105_000] * 20, [106_000] * 20
    paths = [f"v{k}.txt" for k in range(20)]
    assert pipeline._too_much(under, paths, pipeline.PAIR_BYTES_LIMIT, "bytes",
                              pipeline.TOTAL_BYTES_LIMIT) == []
    refused = pipeline._too_much(over, paths, pipeline.PAIR_BYTES_LIMIT, "bytes",
                                 pipeline.TOTAL_BYTES_LIMIT)
    assert len(refused) == 1 and "every pair of sources is aligned" in str(refused[0])
    assert "40,280,000 bytes to read" in str(refused[0])
