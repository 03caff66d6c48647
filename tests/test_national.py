"""Ingest of real PDFs into records (`make ingest`), skipped where the corpus is absent; and the
national record in data/ itself, which every clone has."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.index.catalog import build_catalog
from generator.ingest.refresh import refresh
from generator.render.pages.authority import Unreadable, authority_page
from generator.load.validate import load_dataset
from tests.conftest import CORPUS, NATIONAL, ROOT, copy_project

needs_corpus = pytest.mark.skipif(not (CORPUS / "reports").exists(), reason="../shared/corpus is not here")


def _pdf(dest: Path, *, encrypt: bool = False, text: bool = True) -> Path:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    w = PdfWriter()
    page = w.add_blank_page(width=595, height=842)
    if text:
        content = DecodedStreamObject()
        lines = " ".join(f"({'Inspection of Nowhere children services paragraph text ' * 2}) Tj T*" for _ in range(6))
        content.set_data(f"BT /F1 10 Tf 14 TL 40 800 Td {lines} ET".encode())
        font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                                 NameObject("/BaseFont"): NameObject("/Helvetica")})
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): w._add_object(font)})})
        page[NameObject("/Contents")] = w._add_object(content)
    if encrypt:
        w.encrypt(user_password="secret", owner_password="owner")
    with open(dest, "wb") as fh:
        w.write(fh)
    return dest


def _ingest_json(*paths: Path) -> tuple[int, list[dict]]:
    res = subprocess.run([sys.executable, "-m", "generator", "ingest", *map(str, paths), "--json", "--no-cache"],
                         cwd=ROOT, capture_output=True, text=True)
    return res.returncode, [json.loads(line) for line in res.stdout.splitlines()]


def test_bad_files_give_one_clear_error_each_and_the_others_go_on(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("# Inspection of Nottinghamshire County Council local authority children's services\n\n"
                    "1. Early help services are effective and make a positive difference to children.\n", encoding="utf-8")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    fake = tmp_path / "fake.pdf"
    fake.write_text("this is not a PDF at all", encoding="utf-8")
    html = tmp_path / "page.pdf"
    html.write_text("<!DOCTYPE html><html><body>Not found</body></html>", encoding="utf-8")
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(_pdf(tmp_path / "ok.pdf").read_bytes()[:400])
    encrypted = _pdf(tmp_path / "encrypted.pdf", encrypt=True)
    scanned = _pdf(tmp_path / "scanned.pdf", text=False)
    code, rows = _ingest_json(good, empty, fake, html, damaged, encrypted, scanned)
    assert code != 0
    by_name = {Path(r["source"]).name: r for r in rows}
    assert "error" not in by_name["good.md"] and by_name["good.md"]["paragraphs"] == 1
    assert by_name["good.md"]["authority"]["ons_code"] == "E10000024"
    expected = {"empty.pdf": "empty", "fake.pdf": "not a PDF", "page.pdf": "web page", "damaged.pdf": "damaged",
                "encrypted.pdf": "encrypted", "scanned.pdf": "no text layer"}
    for name, words in expected.items():
        assert set(by_name[name]) == {"source", "error"}, by_name[name]
        assert words in by_name[name]["error"], (name, by_name[name]["error"])
        assert "\n" not in by_name[name]["error"]


@needs_corpus
def test_json_fields_of_a_real_report() -> None:
    pdf = next((CORPUS / "reports").glob("*-nottinghamshire/2019-*.pdf"))
    code, rows = _ingest_json(pdf)
    assert code == 0
    r = rows[0]
    for key in ("source", "authority", "framework", "start_date", "end_date", "published", "lead_inspector",
                "judgements", "improvements", "priority_actions", "paragraphs", "warnings"):
        assert key in r
    assert r["authority"] == {"name": r["authority"]["name"], "ons_code": "E10000024"}
    assert (r["framework"], r["start_date"], r["end_date"]) == ("ilacs", "2019-10-07", "2019-10-18")
    assert {j["area_key"]: j["grade"] for j in r["judgements"]}["help-and-protection"].lower().startswith("requires improvement")
    assert r["paragraphs"] >= 40 and len(r["improvements"]) == 4


# --------------------------------------------------------------------------- make ingest

SAMPLE = ("reports/80534-nottinghamshire/2019-12-19.pdf",  # the fixture's reviewed record describes it
          "reports/80534-nottinghamshire/2015-07-20.pdf",
          "reports/80533-nottingham/2014-05-14.pdf",  # beside the council's own paper of the same inspection
          "focused-visits/80534-nottinghamshire/2019-02-01.pdf",  # a letter: no link in the table
          "reports/80429-birmingham/2012-10-19.pdf")  # a web page saved as .pdf


def _sample_sources(dest: Path, files: tuple[str, ...] = SAMPLE) -> Path:
    dest.mkdir(parents=True)
    shutil.copy2(CORPUS / "authorities.csv", dest / "authorities.csv")
    with (CORPUS / "inspections.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [r for r in reader if r["corpus_path"] in files]
        fields = reader.fieldnames
    with (dest / "inspections.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    for rel in files:
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(CORPUS / rel, dest / rel)
    return dest


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@needs_corpus
def test_ingest_makes_records_leaves_reviewed_ones_alone_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    sources = _sample_sources(tmp_path / "corpus")
    reviewed = project / "data" / "reports" / "nottinghamshire" / "2019-10-07-ilacs.ofsted-report.yaml"
    reviewed.write_text(reviewed.read_text(encoding="utf-8") + "# a reviewer's note, by hand\n", encoding="utf-8")
    before = reviewed.read_bytes()

    first = refresh(project, sources, cache_dir=tmp_path / "cache", progress=False)
    assert sorted(first.added) == ["data/reports/nottingham/2014-03-11-sif.ofsted-report.yaml",
                                   "data/reports/nottinghamshire/2015-05-11-sif.ofsted-report.yaml",
                                   "data/reports/nottinghamshire/2019-01-09-focused-visit.ofsted-letter.yaml"]
    assert reviewed.read_bytes() == before
    assert [x.split(":")[0] for x in first.left_alone] == ["data/reports/nottinghamshire/2019-10-07-ilacs.ofsted-report.yaml"]
    assert len(first.failed) == 1 and first.failed[0].startswith("reports/80429-birmingham/2012-10-19.pdf: not a PDF")
    assert len(first.authorities_added) == 153  # the table's councils the fixture does not have
    assert first.unreadable == 1
    listed = (project / "data" / "unreadable.yaml").read_text(encoding="utf-8")
    assert "reports/80429-birmingham/2012-10-19.pdf" in listed and "https://files.ofsted.gov.uk/v1/file/50004190" in listed
    # The fixture's own machine record has no source here any more: listed, not removed.
    assert first.would_remove == ["data/reports/nottingham/2020-02-04-focused-visit.ofsted-letter.yaml"]

    ds = load_dataset(project / "data")  # the records pass the check
    by_file = {d.file: d for d in ds.documents}
    sif = by_file["data/reports/nottinghamshire/2015-05-11-sif.ofsted-report.yaml"]
    assert sif.source_url and sif.source_url.startswith("https://files.ofsted.gov.uk/")
    assert sif.published is not None and sif.published.iso == "2015-07-20"  # Ofsted's listing, not the PDF
    assert not sif.reviewed and len(sif.body) > 50
    letter = by_file["data/reports/nottinghamshire/2019-01-09-focused-visit.ofsted-letter.yaml"]
    assert letter.source_url is None and letter.published is not None and letter.published.iso == "2019-02-01"
    assert (project / "data" / "reports" / "nottinghamshire" / "2015-05-11-sif.ofsted-report.md").is_file()
    nottm = [i for i in build_catalog(ds).inspections["nottingham"] if i.start_date.year == 2014]
    assert len(nottm) == 1 and sorted(d.kind for d in nottm[0].documents) == ["council-response", "ofsted-report"]

    # Run twice: nothing changes, not a byte; with the cache gone too (cached and fresh results agree).
    snapshot = _tree(project / "data")
    second = refresh(project, sources, cache_dir=tmp_path / "cache", progress=False)
    third = refresh(project, sources, cache_dir=None, progress=False)
    assert _tree(project / "data") == snapshot
    for run in (second, third):
        assert not run.added and not run.changed and not run.wrote and len(run.unchanged) == 3

    # A machine record edited by hand (not reviewed) is left as the person left it.
    text = project / "data" / "reports" / "nottinghamshire" / "2015-05-11-sif.ofsted-report.md"
    edited = text.read_text(encoding="utf-8").replace("¶ 1 ", "¶ 1 ", 1) + "\n¶\nA sentence a reviewer restored.\n"
    text.write_text(edited, encoding="utf-8")
    fourth = refresh(project, sources, cache_dir=tmp_path / "cache", progress=False)
    assert text.read_text(encoding="utf-8") == edited
    assert any(x.startswith("data/reports/nottinghamshire/2015-05-11-sif.ofsted-report.yaml: edited by hand")
               for x in fourth.left_alone)

    # A person corrects a letter's dates by more than a week (Ofsted's letter had a slip), which renames
    # the record: ingest knows it by its source file and does not make the old one again.
    folder = project / "data" / "reports" / "nottinghamshire"
    old = folder / "2019-01-09-focused-visit.ofsted-letter.yaml"
    new = folder / "2019-01-01-focused-visit.ofsted-letter.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("start_date: 2019-01-09", "start_date: 2019-01-01")
                   .replace("end_date: 2019-01-09", "end_date: 2019-01-01"), encoding="utf-8")
    old.with_suffix(".md").rename(new.with_suffix(".md"))
    old.unlink()
    fifth = refresh(project, sources, cache_dir=tmp_path / "cache", progress=False)
    assert not old.exists() and not fifth.added
    assert any(x.startswith(f"{new.relative_to(project).as_posix()}: edited by hand") for x in fifth.left_alone)


@needs_corpus
def test_same_document_from_two_files_becomes_one_record(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    sources = _sample_sources(tmp_path / "corpus", SAMPLE[1:2])
    copy = sources / "reports" / "80534-nottinghamshire" / "2015-07-20-copy.pdf"
    shutil.copy2(sources / SAMPLE[1], copy)
    out = refresh(project, sources, cache_dir=tmp_path / "cache", progress=False)
    assert out.added == ["data/reports/nottinghamshire/2015-05-11-sif.ofsted-report.yaml"]
    assert out.merged == ["reports/80534-nottinghamshire/2015-07-20-copy.pdf: the same document as "
                          "reports/80534-nottinghamshire/2015-07-20.pdf; one record made"]


# --------------------------------------------------------------------------- the national record


@pytest.fixture(scope="module")
def national():
    return load_dataset(NATIONAL)


def test_the_national_record_covers_every_council(national) -> None:
    councils = {d.authority for d in national.documents}
    assert len(councils) >= 150 and len(national.documents) >= 860


def test_every_ofsted_report_names_its_source_and_publication_date(national) -> None:
    reports = [d for d in national.documents if d.kind == "ofsted-report" and not d.file.endswith(
        ("2011-09-19-slac.ofsted-report.yaml", "2013-05-13-cp-2012.ofsted-report.yaml"))]  # seeds, not in the corpus
    assert len(reports) > 480
    missing = [d.file for d in reports if not (d.source_url and d.published)]
    assert missing == []
    assert all(not (d.source_url or "").startswith(("file:", "/", ".")) for d in national.documents)


def test_similar_councils_resolve_across_changed_ons_codes(national) -> None:
    by_slug = {a.slug: a for a in national.authorities}
    codes = {a.ons_code for a in national.authorities}
    assert by_slug["sheffield"].ons_code in by_slug["leeds"].neighbours  # E08000019 in the table, now E08000039
    assert by_slug["barnsley"].ons_code in by_slug["doncaster"].neighbours
    for a in national.authorities:
        assert set(a.neighbours) <= codes, a.slug
    with_docs = {d.authority for d in national.documents}
    short = [a.slug for a in national.authorities if a.ons_code in with_docs and len(a.neighbours) < 10]
    assert short == []


def test_unreadable_reports_are_said_on_their_councils_pages(national) -> None:
    cat = build_catalog(national)
    ctx = authority_page(cat, "birmingham").context
    assert ctx.unreadable == (Unreadable("19 October 2012", "https://files.ofsted.gov.uk/v1/file/50004190"),)
    assert {u.authority for u in national.unreadable} == {a.ons_code for a in national.authorities
                                                          if a.slug in ("birmingham", "blackpool", "bromley", "rotherham")}


def test_the_repository_stays_workable() -> None:
    big = [p.relative_to(ROOT).as_posix() for p in NATIONAL.rglob("*") if p.is_file() and p.stat().st_size > 2 * 2**20]
    assert big == []
    assert not [p for p in NATIONAL.rglob("*") if p.suffix.lower() == ".pdf"]


@needs_corpus
def test_a_source_that_alone_fails_is_left_alone_when_a_person_keeps_its_record(tmp_path: Path) -> None:
    """A letter whose own date is a slip fails as a draft; the record a person corrected stands,
    and ingest says so instead of listing the letter as unreadable."""
    pdf = "focused-visits/80464-dudley/2020-01-21.pdf"
    project = copy_project(tmp_path / "project")
    sources = _sample_sources(tmp_path / "corpus", (pdf,))
    kept = NATIONAL / "reports" / "dudley" / "2019-12-18-focused-visit.ofsted-letter.yaml"
    dest = project / "data" / "reports" / "dudley"
    dest.mkdir(parents=True)
    for path in (kept, kept.with_suffix(".md")):
        shutil.copy2(path, dest / path.name)
    before = _tree(dest)
    out = refresh(project, sources, cache_dir=tmp_path / "cache", progress=False)
    assert out.failed == []
    assert [x.split(" (")[0] for x in out.left_alone] == [
        "data/reports/dudley/2019-12-18-focused-visit.ofsted-letter.yaml: edited by hand since ingest wrote it"]
    assert "which alone gives: expected a date on or after start_date 2019-12-18, got 2019-01-21" in out.left_alone[0]
    assert _tree(dest) == before
