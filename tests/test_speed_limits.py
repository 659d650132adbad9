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


def test_refused_by_size_before_any_file_is_read(three_files, monkeypatch):
    monkeypatch.setattr(pipeline, "PAIR_BYTES_LIMIT", 100)  # (3 - 1) x 3 files x 54 bytes = 324 > 100

    def never(path):
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(pipeline, "load_document", never)
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
