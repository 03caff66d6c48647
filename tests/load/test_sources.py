from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.sources import SourceError, parse_yaml, read_yaml


def test_lines_of_nested_keys() -> None:
    src = parse_yaml("a: 1\nlist:\n  - x: 2\n    y: [p, q]\n", "f.yaml")
    assert src.line(("a",)) == 1
    assert src.line(("list", 0, "y")) == 4
    assert src.line(("list", 0, "y", 1)) == 4
    assert src.line(("list", 0, "missing")) == 3


def test_dates_stay_text() -> None:
    assert parse_yaml("d: 2019-10-07\n", "f").data == {"d": "2019-10-07"}


def test_malformed_yaml_names_file_and_line() -> None:
    with pytest.raises(SourceError) as exc:
        parse_yaml("a: 1\nb: [1, 2\nc: 3\n", "data/x.yaml")
    assert str(exc.value).startswith("data/x.yaml:")
    assert "malformed YAML" in str(exc.value)


def test_duplicate_keys_are_an_error() -> None:
    with pytest.raises(SourceError) as exc:
        parse_yaml("a: 1\nb: 2\na: 3\n", "x.yaml")
    assert exc.value.line == 3


def test_non_utf8_names_the_line(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_bytes(b"a: ok\nb: caf\xe9\n")
    with pytest.raises(SourceError) as exc:
        read_yaml(p, "data/bad.yaml")
    assert exc.value.line == 2
    assert "UTF-8" in exc.value.message
