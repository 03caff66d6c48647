"""Validation of whole records beyond the golden cases: references, paragraphs, duplicates."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.validate import ValidationFailed, load_dataset


def _problems(project: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as exc:
        load_dataset(project / "data")
    return [str(p) for p in exc.value.problems]


def test_shipped_data_is_valid() -> None:
    from tests.conftest import DATA

    ds = load_dataset(DATA)
    assert len(ds.documents) == 5 and len(ds.authorities) == 3 and len(ds.themes) >= 15
    assert all(d.reviewed for d in ds.documents)


def test_annotation_on_a_missing_paragraph(project: Path) -> None:
    notes = project / "data/annotations/south-tyneside.yaml"
    notes.write_text(notes.read_text(encoding="utf-8") + "- document: south-tyneside/2013-05-13-cp-2012/ofsted-report\n  paragraph: 999\n  text: nowhere\n", encoding="utf-8")
    problems = _problems(project)
    assert len(problems) == 1
    assert problems[0].startswith("data/annotations/south-tyneside.yaml:")
    assert "paragraph: expected a paragraph of this document (numbered 1 to 56, or s-K), got 999" in problems[0]


def test_duplicate_paragraph_numbers(project: Path) -> None:
    rec = project / "data/reports/nottinghamshire/2019-10-07-ilacs.ofsted-report.yaml"
    text = rec.read_text(encoding="utf-8")
    assert "  - number: 4\n" in text
    rec.write_text(text.replace("  - number: 4\n", "  - number: 3\n", 1), encoding="utf-8")
    problems = _problems(project)
    assert any("number: expected each paragraph number once, got 3 again" in p for p in problems)


def test_duplicate_document_record(project: Path) -> None:
    src = project / "data/reports/nottinghamshire/2019-10-07-ilacs.ofsted-report.yaml"
    (src.parent / "copy.yaml").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    problems = _problems(project)
    assert any("a second record for nottinghamshire/2019-10-07-ilacs/ofsted-report" in p for p in problems)


def test_unknown_keys_and_wrong_types(project: Path) -> None:
    rec = project / "data/reports/south-tyneside/2013-05-13-cp-2012.ofsted-report.yaml"
    text = rec.read_text(encoding="utf-8").replace("reviewed: true", "reviewed: yes-ish\nreviewer: someone", 1)
    rec.write_text(text, encoding="utf-8")
    problems = _problems(project)
    assert any("reviewed: expected true or false, got 'yes-ish'" in p for p in problems)
    assert any("reviewer: expected one of the keys" in p for p in problems)
