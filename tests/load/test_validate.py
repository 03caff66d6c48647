"""Validation of whole records beyond the golden cases: references, paragraphs, duplicates."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.checker import ValidationFailed

from generator.load.validate import load_dataset


def _problems(project: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as exc:
        load_dataset(project / "data")
    return [str(p) for p in exc.value.problems]


def test_shipped_data_is_valid() -> None:
    from tests.conftest import DATA

    ds = load_dataset(DATA)
    assert len(ds.documents) == 7 and len(ds.authorities) == 3 and len(ds.themes) >= 15
    # the first five; the letter is a machine record, and the 2026 report a copy of one
    assert sum(d.reviewed for d in ds.documents) == 5


LETTER = "data/reports/nottingham/2020-02-04-focused-visit.ofsted-letter"


def test_a_broken_text_file_names_its_file_and_line(project: Path) -> None:
    text = project / f"{LETTER}.md"
    lines = text.read_text(encoding="utf-8").split("\n")
    lines[4] = "# a heading of level 1"
    text.write_text("\n".join(lines), encoding="utf-8")
    assert _problems(project) == [f"{LETTER}.md:5: expected a heading of '## ', '### ' or '#### ' and its text, "
                                  "got '# a heading of level 1'"]


def test_a_text_file_is_checked_like_a_body(project: Path) -> None:
    text = project / f"{LETTER}.md"
    body = text.read_text(encoding="utf-8")
    text.write_text(body + "\n¶ 7 · themes: saftey\nA paragraph.\n", encoding="utf-8")
    problems = _problems(project)
    assert len(problems) == 1 and problems[0].startswith(f"{LETTER}.md:{body.count(chr(10)) + 2}: ")
    assert "saftey" in problems[0]


def test_a_record_with_its_text_in_two_places_or_none(project: Path) -> None:
    rec = project / f"{LETTER}.yaml"
    rec.write_text(rec.read_text(encoding="utf-8") + "body:\n  - text: more\n", encoding="utf-8")
    assert any("expected the text in one place" in p for p in _problems(project))
    (project / f"{LETTER}.md").unlink()
    rec.write_text(rec.read_text(encoding="utf-8").replace("body:\n  - text: more\n", ""), encoding="utf-8")
    assert any("or the text in 2020-02-04-focused-visit.ofsted-letter.md beside this record, got neither" in p
               for p in _problems(project))


def test_stray_files_among_the_records_are_reported(project: Path) -> None:
    folder = project / "data/reports/nottingham"
    (folder / "2022-01-01-ilacs.ofsted-report.yml").write_text("authority: E06000018\n", encoding="utf-8")
    (folder / "orphan.md").write_text("¶\ntext\n", encoding="utf-8")
    problems = _problems(project)
    assert "data/reports/nottingham/2022-01-01-ilacs.ofsted-report.yml:1: expected a record (.yaml) or a record's " \
           "text (.md), got a .yml: rename it to .yaml" in problems
    assert "data/reports/nottingham/orphan.md:1: expected the record orphan.yaml beside this text file, got none" in problems


def test_a_neighbour_must_be_a_council_of_the_file(project: Path) -> None:
    auth = project / "data/authorities.yaml"
    auth.write_text(auth.read_text(encoding="utf-8").replace("  neighbours: []", "  neighbours: [E08000019]", 1),
                    encoding="utf-8")
    problems = _problems(project)
    assert len(problems) == 1 and "neighbours[0]: expected the ONS code of an authority in this file, got 'E08000019'" in problems[0]


def test_a_source_address_that_could_break_out_of_a_link_is_refused(project: Path) -> None:
    rec = project / "data/reports/nottinghamshire/2019-10-07-ilacs.ofsted-report.yaml"
    rec.write_text(rec.read_text(encoding="utf-8").replace("/file/50135440", "/x)<img src=x onerror=alert(1)>"),
                   encoding="utf-8")
    problems = _problems(project)
    assert len(problems) == 1 and "source.url: expected an https:// address without spaces" in problems[0]


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
