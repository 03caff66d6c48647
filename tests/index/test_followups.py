"""What later documents say of each finding: the machine's possibly related passages (the engine,
generator/ingest/followups.py; written to data/followups/), editors' verdicts (data/annotations/),
and how the pages show them."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np

from generator.commands.followups import council_files, write
from generator.config import Settings
from generator.index.catalog import build_catalog
from generator.ingest.followups import ADDRESSED, LEAST_SIMILAR, MOST_RELATED, Unit, related
from generator.load.checker import ValidationFailed
from generator.load.validate import load_dataset
from tests.conftest import DATA, FIXTURE, ROOT, copy_project

CRA = "nottinghamshire/2009-10-08-cra-unannounced/ofsted-letter"
SLAC = "nottinghamshire/2011-09-19-slac/ofsted-report"
ILACS = "nottinghamshire/2019-10-07-ilacs/ofsted-report"


def _units(*specs: tuple[str, bool, str]) -> list[Unit]:
    return [Unit(at, is_finding, at, frozenset(themes.split())) for at, is_finding, themes in specs]


def test_nothing_is_shown_when_no_passage_is_close_enough() -> None:
    us = _units(("p-1", False, ""), ("p-2", False, ""))
    assert related(np.array([ADDRESSED - 0.01, 0.2]), np.array([5.0, 1.0]), us) == ()


def test_passages_are_ranked_by_bm25_one_per_paragraph_and_the_unlike_are_left_out() -> None:
    us = _units(("p-1", False, ""), ("p-1", False, ""), ("p-2", False, ""), ("improvement-1", True, ""),
                ("p-3", False, ""), ("p-4", False, ""))
    similarity = np.array([0.5, 0.9, LEAST_SIMILAR - 0.01, 0.46, 0.3, 0.6])
    ranking = np.array([9.0, 8.0, 7.0, 6.0, 5.0, 0.0])  # p-4 shares no word: BM25 0
    got = related(similarity, ranking, us)
    assert [p.at for p in got] == ["p-1", "improvement-1", "p-3"]  # p-1 once, p-2 too unlike, p-4 not ranked
    assert len(got) <= MOST_RELATED and got[0].score == 0.5


def test_a_shared_theme_brings_a_passage_closer() -> None:
    us = _units(("p-1", False, "allegations-against-staff"), ("p-2", False, "care-leavers"))
    similarity, ranking = np.array([ADDRESSED - 0.05, ADDRESSED - 0.08]), np.array([1.8, 2.0])
    assert related(similarity, ranking, us) == ()
    got = related(similarity, ranking, us, ("allegations-against-staff",))
    assert [p.at for p in got] == ["p-1", "p-2"]


def test_a_real_priority_action_is_followed_to_the_paragraph_that_speaks_of_it() -> None:
    """2009: the response to child protection referrals and the timeliness of assessments. 2011,
    paragraph 32: "There has been an improvement in the timeliness of initial and core assessments"."""
    cat = build_catalog(load_dataset(DATA))
    (fu,) = [f for f in cat.followups_of(f"{CRA}#priority-action-1") if f.document.ref("nottinghamshire") == SLAC]
    assert fu.verdict is None and not fu.reviewed
    assert "p-32" in [p.at for p in fu.passages]
    assert all(p.similarity is not None for p in fu.passages)


def test_the_machine_files_are_what_the_command_makes_and_it_changes_nothing_a_second_time(tmp_path: Path) -> None:
    ds = load_dataset(DATA, followups=False)
    files = council_files(ds)
    assert files["nottinghamshire"] == (FIXTURE / "followups" / "nottinghamshire.yaml").read_text(encoding="utf-8")
    assert sorted(files) == sorted(p.stem for p in (FIXTURE / "followups").glob("*.yaml"))
    project = copy_project(tmp_path / "p")
    assert write(project / "data", ds) == ([], [])  # the fixture's files are up to date: nothing rewritten


REVIEW = f"""
- finding: {CRA}#priority-action-1
  later: {SLAC}
  verdict: improved
  paragraphs: [p-20, p-32]
  text: Child protection enquiries are now timely and done by experienced staff (paragraph 20).
"""


def test_an_editors_verdict_takes_the_machines_place_and_survives_a_reingest(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    notes = project / "data" / "annotations" / "nottinghamshire.yaml"
    notes.write_text(notes.read_text(encoding="utf-8") + REVIEW, encoding="utf-8")
    edited = notes.read_bytes()
    # make ingest's follow-up step: it rewrites only data/followups/, never the editor's file
    result = subprocess.run([sys.executable, "-m", "generator", "--data", str(project / "data"), "followups"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert notes.read_bytes() == edited
    cat = build_catalog(load_dataset(project / "data"))
    (fu,) = [f for f in cat.followups_of(f"{CRA}#priority-action-1") if f.document.ref("nottinghamshire") == SLAC]
    assert fu.reviewed and fu.verdict == "improved" and [p.at for p in fu.passages] == ["p-20", "p-32"]
    assert fu.note.startswith("Child protection enquiries are now timely")
    # the other later document keeps the machine's reading
    (other,) = [f for f in cat.followups_of(f"{CRA}#priority-action-1") if f.document.ref("nottinghamshire") == ILACS]
    assert not other.reviewed and other.verdict is None

    from generator.commands.build import generate
    generate(Settings.for_project(project))
    page = (project / "docs" / "authorities" / "nottinghamshire" / "2009-10-08-cra-unannounced" / "index.md").read_text()
    assert re.search(r"September 2011 inspection</a>: improved \(checked by an editor\), <a [^>]*>paragraph 20</a>, "
                     r"<a [^>]*>paragraph 32</a>", page), page
    assert "2019 inspection</a>: possibly related (found by machine), <a " in page


def test_a_wrong_editors_verdict_is_reported_at_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    notes = project / "data" / "annotations" / "nottinghamshire.yaml"
    lines = len(notes.read_text(encoding="utf-8").splitlines())
    notes.write_text(notes.read_text(encoding="utf-8") + REVIEW.replace("verdict: improved", "verdict: better")
                     .replace("[p-20, p-32]", "[p-20, p-999]"), encoding="utf-8")
    try:
        load_dataset(project / "data")
        raise AssertionError("expected the check to fail")
    except ValidationFailed as exc:
        got = [str(p) for p in exc.problems]
    assert got == [
        f"data/annotations/nottinghamshire.yaml:{lines + 4}: [{_count(notes) - 1}].verdict: expected one of raised-again, "
        "still-a-concern, improved, mixed, not-addressed, got 'better'",
        f"data/annotations/nottinghamshire.yaml:{lines + 5}: [{_count(notes) - 1}].paragraphs[1]: expected a paragraph "
        f"(p-12, s-3) or finding (improvement-2) of {SLAC}, got 'p-999'"], got


def _count(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("- "))


def test_the_inspection_page_says_what_changed_since_the_last_inspection(page, site_url: str) -> None:
    page.goto(site_url + "authorities/nottinghamshire/2011-09-19-slac/")
    section = page.locator("h2#what-changed-since-the-last-inspection")
    assert section.is_visible()
    body = page.locator("ul.changes")
    assert body.locator("li").count() == 2  # the 2009 letter's two priority actions
    first = body.locator("li").first
    assert "Area for priority action" in first.inner_text()
    assert "possibly related (found by machine)" in first.inner_text()
    link = first.locator("a", has_text="paragraph 32")
    assert link.count() == 1
    link.click()
    page.wait_for_url(re.compile(r"#p-32$"))
    assert page.locator("#p-32").is_visible()
    # the method and its figures are one click away
    page.goto(site_url + "authorities/nottinghamshire/2011-09-19-slac/")
    page.locator("a", has_text="how, and how often it is right").click()
    page.wait_for_url(re.compile(r"about/#what-happened-next$"))
    assert "kept apart" in page.locator("#what-happened-next ~ p").first.inner_text() or page.locator("table").count() >= 1
