"""The text converter on short real excerpts (from the seed documents' conversions)."""
from __future__ import annotations

from pathlib import Path

from generator.cli import main
from generator.ingest.blocks import blocks_from_text

# South Tyneside 2013: a lost number (16), a page-break fragment, a number moved into the text (49).
RAGGED = """Overall effectiveness

- 15. Improvements have been made in key areas, such as agreeing thresholds for intervention across the partnership.
- Social work practice and its management and oversight is characterised by variability. In the teams supporting children requiring longer term help caseloads are manageable and management oversight is good.
- 17. Elected members, the Chief Executive, the Director of Children's Services (DCS) and senior partners work well together and are driving forward

strategic plans and priorities for children across the local authority area.

- There is good work with other LSCBs where relevant, for example, 18. working sub-regionally to develop an agreed response to child sexual exploitation. This is an example of effective arrangements in the local area.
"""


def test_ragged_numbering_is_repaired_with_notes() -> None:
    blocks = blocks_from_text(RAGGED)
    numbered = {b.number: b for b in blocks if b.number}
    assert sorted(numbered) == [15, 16, 17, 18]
    assert numbered[16].text.startswith("Social work practice") and "restored lost paragraph number 16" in numbered[16].notes
    assert numbered[17].text.endswith("across the local authority area.")
    assert "18." not in numbered[18].text and "for example, working sub-regionally" in numbered[18].text
    assert blocks[0].heading == 0 and blocks[0].text == "Overall effectiveness"


def test_lists_after_a_lead_in_stay_lists() -> None:
    text = "3. The local authority should take the following action.\n\nImmediately:\n\n- ensure that all enquiries comply\n- ensure that all strategy discussions are recorded\n"
    blocks = blocks_from_text(text)
    assert [b.number for b in blocks] == [3, None, None]
    assert blocks[2].text == "- ensure that all enquiries comply\n- ensure that all strategy discussions are recorded"


def test_html_and_tab_tables_become_markdown() -> None:
    blocks = blocks_from_text("Judgement\tGrade\nOverall effectiveness\tGood\n\n<b>Contents</b>\n")
    assert blocks[0].text.splitlines()[0] == "| Judgement | Grade |"
    assert "Contents" in blocks[1].text and "<b>" not in blocks[1].text


def test_ingest_writes_an_unreviewed_draft_and_never_overwrites(tmp_path: Path, capsys) -> None:
    src = tmp_path / "report.txt"
    src.write_text(RAGGED, encoding="utf-8")
    out = tmp_path / "drafts"
    assert main(["ingest", str(src), "--out", str(out), "--no-cache"]) == 0
    draft = (out / "report.yaml").read_text(encoding="utf-8")
    assert "reviewed: false" in draft and "restored lost paragraph number 16" in draft
    assert main(["ingest", str(src), "--out", str(out), "--no-cache"]) == 1
    assert "never overwrites" in capsys.readouterr().err


def test_ingest_reports_bad_inputs_and_goes_on(tmp_path: Path, capsys) -> None:
    good, empty, binary = tmp_path / "a.md", tmp_path / "b.md", tmp_path / "c.txt"
    good.write_text("1. A paragraph about early help.\n", encoding="utf-8")
    empty.write_text("", encoding="utf-8")
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert main(["ingest", str(good), str(empty), str(binary), "--out", str(tmp_path / "o"), "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert "b.md: error: the file is empty" in err and "c.txt: error" in err and "2 of 3 input(s) failed" in err
    assert (tmp_path / "o" / "a.yaml").exists()


def test_ingest_into_data_writes_only_a_draft_that_passes_the_check(tmp_path: Path, capsys) -> None:
    """`ingest --out data/reports/…`: a draft that names no council (so cannot pass the check) is
    refused there, with the check's reason, and nothing is written; outside data/ it is a
    scratch draft."""
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "project")
    src = tmp_path / "report.txt"
    src.write_text(RAGGED, encoding="utf-8")
    out = project / "data" / "reports" / "nottinghamshire"
    before = sorted(out.iterdir())
    assert main(["--data", str(project / "data"), "ingest", str(src), "--out", str(out), "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert "the draft fails the check: authority: expected key 'authority'" in err
    assert sorted(out.iterdir()) == before
