"""Ingest of real PDFs and the merge with curated records (skipped where the corpus is absent)."""
from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.catalog import build_catalog
from generator.national import national_dataset
from tests.conftest import CORPUS, ROOT

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


@needs_corpus
def test_corpus_documents_merge_with_curated_records(tmp_path: Path) -> None:
    """Nottinghamshire 2019 (report in both) and Nottingham 2014 (Ofsted's report + the council's paper)."""
    sources = tmp_path / "corpus"
    (sources / "reports").mkdir(parents=True)
    shutil.copy2(CORPUS / "authorities.csv", sources / "authorities.csv")
    for pattern in ("*-nottinghamshire/2019-*.pdf", "*-nottinghamshire/2015-*.pdf", "*-nottingham/2014-*.pdf"):
        for pdf in (CORPUS / "reports").glob(pattern):
            dest = sources / "reports" / pdf.parent.name
            dest.mkdir(exist_ok=True)
            shutil.copy2(pdf, dest / pdf.name)
    ds, problems = national_dataset(ROOT, sources, cache_dir=None, progress=False)
    assert problems == []
    cat = build_catalog(ds)
    notts = {i.id: i for i in cat.inspections["nottinghamshire"]}
    oct19 = notts["2019-10-07-ilacs"]
    assert len(oct19.documents) == 1 and oct19.documents[0].file.startswith("data/")  # curated wins
    assert oct19.documents[0].reviewed
    assert cat.notes("nottinghamshire/2019-10-07-ilacs/ofsted-report", "p-3")  # annotations kept
    # The 2015 report is now on the site: the cited record merges into it, with its citations.
    assert "2015-sif" not in notts
    sif15 = next(i for i in notts.values() if i.framework.key == "sif" and i.start_date.year == 2015)
    assert not sif15.is_cited and any(c.paragraph == "p-3" for c in sif15.citations)
    nottm = [i for i in cat.inspections["nottingham"] if i.start_date.year == 2014]
    assert len(nottm) == 1
    kinds = sorted(d.kind for d in nottm[0].documents)
    assert kinds == ["council-response", "ofsted-report"]
    assert nottm[0].primary.kind == "ofsted-report" and not nottm[0].primary.reviewed


def test_a_second_file_of_the_same_document_is_reported_not_dropped_silently() -> None:
    from generator.national import merge
    from generator.validate import load_dataset

    curated = load_dataset(ROOT / "data").documents
    draft = next(d for d in curated if d.authority == "E08000023")
    first = dataclasses.replace(draft, file="corpus/a.pdf", authority="E99999999")
    second = dataclasses.replace(first, file="corpus/b.pdf")
    documents, notes = merge(curated, [first, second])
    assert documents.count(first) == 1 and second not in documents
    assert notes == ["corpus/b.pdf: not placed: the same document as corpus/a.pdf, which is on the site"]
