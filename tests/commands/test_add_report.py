"""`make add-report` on a copy of the project, with a real report, then `make site` with it."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.ingest.records import read_files, untouched
from tests.conftest import CORPUS, ROOT, copy_project

needs_corpus = pytest.mark.skipif(not (CORPUS / "reports").exists(), reason="../shared/corpus is not here")


def _project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "generator", project / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    return project


def _make(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "-s", *args, f"VENV={ROOT / '.venv'}"], cwd=project, capture_output=True, text=True)


@needs_corpus
def test_add_a_real_report_and_build_the_site(tmp_path: Path) -> None:
    project = _project(tmp_path)
    pdf = sorted((CORPUS / "reports").glob("*-norfolk/*.pdf"))[-1]
    added = _make(project, "add-report", f"FILE={pdf}", f"AUTHORITIES={CORPUS / 'authorities.csv'}")
    assert added.returncode == 0, added.stdout + added.stderr
    assert "(unreviewed)" in added.stdout and "What a person should review" in added.stdout
    drafts = list((project / "data/reports/norfolk").glob("*.yaml"))
    assert len(drafts) == 1 and "reviewed: false" in drafts[0].read_text(encoding="utf-8")
    # The same two-file layout as `make ingest`, with a checksum that still holds, so that a
    # later ingest may refresh it while nobody has edited it.
    files = read_files(drafts[0])
    assert files.text.startswith("¶") or "\n¶ 1" in files.text
    assert untouched(files.yaml, files.text)
    assert not untouched(files.yaml.replace("reviewed: false", "reviewed: true"), files.text)
    assert "slug: norfolk" in (project / "data/authorities.yaml").read_text(encoding="utf-8")

    again = _make(project, "add-report", f"FILE={pdf}", f"AUTHORITIES={CORPUS / 'authorities.csv'}")
    assert again.returncode != 0 and "never overwrites" in again.stderr

    built = _make(project, "site")
    assert built.returncode == 0, built.stdout + built.stderr
    page = project / "site/authorities/norfolk" / drafts[0].name.split(".")[0] / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "Machine-extracted: not yet checked by a person" in html
    assert 'id="p-1"' in html


def test_add_report_refuses_a_bad_file_and_leaves_data_alone(tmp_path: Path) -> None:
    project = _project(tmp_path)
    before = {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()}
    bad = tmp_path / "report.pdf"
    bad.write_text("not a pdf", encoding="utf-8")
    result = _make(project, "add-report", f"FILE={bad}")
    assert result.returncode != 0 and "not a PDF" in result.stderr
    assert {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()} == before
