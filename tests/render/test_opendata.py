"""Open data: the files a real build publishes under data/ validate against their schemas,
the CSV and JSON agree, ids are unique and stable, every row names its source and licence,
and the same input gives the same bytes."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from generator.config import Settings
from generator.render import opendata
from generator.commands.build import generate
from generator.render.run import render_files
from generator.index.catalog import build_catalog
from generator.write.linkcheck import parse
from generator.load.validate import load_dataset
from tests.conftest import DATA

TABLES = opendata.TABLES
OGL = "Open Government Licence v3.0"


def _json(site: Path, table: str) -> dict[str, Any]:
    return json.loads((site / "data" / f"{table}.json").read_text(encoding="utf-8"))


def _csv(site: Path, table: str) -> list[list[str]]:
    raw = (site / "data" / f"{table}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and not raw.startswith(b"\xef\xbb\xbf\xef\xbb\xbf"), "one byte-order mark"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def _rows(site: Path) -> dict[str, list[dict[str, Any]]]:
    return {t: _json(site, t)["rows"] for t in TABLES}


def test_the_site_publishes_every_file_and_the_data_page(built_site: Path) -> None:
    names = {p.name for p in (built_site / "data").iterdir()}
    for t in TABLES:
        assert {f"{t}.csv", f"{t}.json", f"{t}.schema.json"} <= names
    assert "csv-metadata.json" in names
    page = parse(built_site / "data" / "index.html")
    for t in TABLES:
        for ext in ("csv", "json", "schema.json"):
            assert f"{t}.{ext}" in page.links, f"the Data page links {t}.{ext}"
    assert "csv-metadata.json" in page.links


@pytest.mark.parametrize("table", TABLES)
def test_json_files_validate_against_their_schemas(built_site: Path, table: str) -> None:
    schema = json.loads((built_site / "data" / f"{table}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    doc = _json(built_site, table)
    errors = sorted(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(doc), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:20])
    assert doc["count"] == len(doc["rows"]) > 0


def test_a_row_that_breaks_the_schema_is_caught(built_site: Path) -> None:
    schema = opendata.schema("findings")
    doc = _json(built_site, "findings")
    bad = dict(doc["rows"][0], timescale="sometime", licence="")
    del bad["source"]
    errors = list(Draft202012Validator(schema).iter_errors(dict(doc, rows=[bad])))
    assert len(errors) == 3


@pytest.mark.parametrize("table", TABLES)
def test_csv_header_rows_and_cells_match_the_json(built_site: Path, table: str) -> None:
    rows = _csv(built_site, table)
    header, body = rows[0], rows[1:]
    assert header == list(opendata.schema(table)["$defs"]["row"]["properties"])
    json_rows = _json(built_site, table)["rows"]
    assert len(body) == len(json_rows)
    for cells, obj in zip(body, json_rows):
        assert len(cells) == len(header)
        for name, cell in zip(header, cells):
            value = obj[name]
            if value is None:
                assert cell == "", (obj["id"], name)
            elif isinstance(value, bool):
                assert cell == ("true" if value else "false")
            elif isinstance(value, list):
                assert (cell.split("; ") if cell else []) == [str(v) for v in value]
            elif isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
                assert cell == "'" + value, (obj["id"], name)
            else:
                assert cell == str(value), (obj["id"], name)
    raw = (built_site / "data" / f"{table}.csv").read_bytes()
    assert raw.count(b"\r\n") >= len(rows) and raw.endswith(b"\r\n")


def test_csvw_metadata_describes_every_csv_file(built_site: Path) -> None:
    meta = json.loads((built_site / "data" / "csv-metadata.json").read_text(encoding="utf-8"))
    assert meta["@context"] == "http://www.w3.org/ns/csvw"
    assert [t["url"] for t in meta["tables"]] == [f"{t}.csv" for t in TABLES]
    for t in meta["tables"]:
        header = _csv(built_site, t["url"][:-4])[0]
        assert [c["name"] for c in t["tableSchema"]["columns"]] == header
        assert t["tableSchema"]["primaryKey"] == "id"
        assert all(c["dc:description"] for c in t["tableSchema"]["columns"])


def test_ids_are_unique_and_references_resolve(built_site: Path) -> None:
    rows = _rows(built_site)
    ids = {t: [r["id"] for r in rows[t]] for t in TABLES}
    for t in TABLES:
        assert len(ids[t]) == len(set(ids[t])), f"{t}: duplicate ids"
        assert ids[t] == sorted(ids[t], key=opendata.natural_key), f"{t}: not in id order"
    known = {t: set(v) for t, v in ids.items()}
    for t in TABLES:
        for r in rows[t]:
            if "authority" in r:
                assert r["authority"] in known["authorities"]
            if "inspection" in r:
                assert r["inspection"] in known["inspections"]
            if r.get("source_document") is not None:
                assert r["source_document"] in known["documents"]
    for r in rows["inspections"]:
        assert all(d in known["documents"] for d in r["documents"])
        assert (r["status"] in ("cited", "cited-by-machine")) == (not r["documents"])


def test_every_row_names_its_source_and_licence(built_site: Path) -> None:
    rows = _rows(built_site)
    for t in TABLES:
        for r in rows[t]:
            if t in opendata.BY_DOCUMENT:  # the source and licence of the document each row names
                assert (r.get("document") or r["later_document"]) in {d["id"] for d in rows["documents"]}, (t, r["id"])
            else:
                assert r["source"].strip() and r["licence"].strip(), (t, r["id"])
    docs = {d["id"]: d for d in rows["documents"]}
    for d in docs.values():
        if d["kind"] == "council-response":
            assert "council" in d["licence"].lower() and d["licence_url"] is None
        else:
            assert d["licence"] == OGL and d["licence_url"].startswith("https://www.nationalarchives.gov.uk/")
    for t in ("inspections", "judgements", "findings"):
        for r in rows[t]:
            if r["source_document"] is not None:
                src = docs[r["source_document"]]
                assert (r["licence"], r["source"], r["reviewed"]) == (src["licence"], src["source"], src["reviewed"])
    council = [f for f in rows["findings"] if f["source_document"].endswith("/council-response")]
    assert council and all(f["licence"] != OGL for f in council)


def test_the_tables_hold_the_shipped_records(built_site: Path) -> None:
    ds = load_dataset(DATA)
    rows = _rows(built_site)
    assert len(rows["authorities"]) == len(ds.authorities)
    assert len(rows["documents"]) == len(ds.documents)
    assert len(rows["findings"]) == sum(len(d.findings) for d in ds.documents)
    insp = {r["id"]: r for r in rows["inspections"]}
    ilacs = insp["nottinghamshire/2019-10-07-ilacs"]
    assert (ilacs["status"], ilacs["headline_grade"], ilacs["page"]) == ("documented", "Good", "authorities/nottinghamshire/2019-10-07-ilacs/")
    assert ilacs["documents"] == ["nottinghamshire/2019-10-07-ilacs/ofsted-report"]
    cited = insp["nottinghamshire/2010-03-slac"]
    assert (cited["status"], cited["start_date"], cited["page"]) == ("cited", "2010-03", "authorities/nottinghamshire/#cited-2010-03-slac")
    assert cited["source_document"] == "nottinghamshire/2011-09-19-slac/ofsted-report"
    finding = next(f for f in rows["findings"] if f["id"] == "nottinghamshire/2019-10-07-ilacs/ofsted-report/improvement/1")
    assert finding["text"].startswith("The quality of strategy discussions")
    assert finding["themes"][0] == "strategy-discussions" and finding["timescale"] == "none-stated"
    assert (finding["paragraph"], finding["paragraph_number"]) == ("p-3", 3)
    assert finding["paragraph_page"] == "authorities/nottinghamshire/2019-10-07-ilacs/#p-3"
    judgement = next(j for j in rows["judgements"] if j["id"] == "nottingham/2014-03-11-sif/overall-effectiveness")
    assert (judgement["grade"], judgement["grade_key"], judgement["rank"], judgement["headline"]) == (
        "Requires improvement", "requires-improvement", 3, True)
    assert (judgement["grade_as_written"], judgement["area"], judgement["area_as_written"]) == (
        "Requires Improvement", "Overall effectiveness", "Overall judgement")
    # No full report text in the data: the findings file stays small.
    assert (built_site / "data" / "findings.json").stat().st_size < 2000 * len(rows["findings"])


def test_every_address_in_the_data_is_a_page_of_the_site(built_site: Path) -> None:
    rows = _rows(built_site)
    parsed: dict[Path, set[str]] = {}
    checked = 0
    for t in TABLES:
        for r in rows[t]:
            for key in ("page", "paragraph_page", "feed"):
                if key not in r:
                    continue
                path, _, anchor = r[key].partition("#")
                assert not path.startswith("/") and "://" not in path
                target = built_site / path
                if target.is_dir():
                    target = target / "index.html"
                assert target.is_file(), (t, r["id"], r[key])
                if anchor:
                    ids = parsed.setdefault(target, parse(target).ids)
                    assert anchor in ids, (t, r["id"], r[key])
                checked += 1
    assert checked > 100


def test_the_data_page_documents_every_field(built_site: Path) -> None:
    html = (built_site / "data" / "index.html").read_text(encoding="utf-8")
    for t in TABLES:
        assert f'id="fields-{t}"' in html
        for name, prop in opendata.schema(t)["$defs"]["row"]["properties"].items():
            assert f"<code>{name}</code>" in html, (t, name)
            assert prop["description"], (t, name)
    assert "Open Government Licence v3.0" in html


def test_same_input_gives_the_same_bytes(built_site: Path) -> None:
    first = render_files(build_catalog(load_dataset(DATA)))
    second = render_files(build_catalog(load_dataset(DATA)))
    assert first == second
    data = {k: v for k, v in first.items() if k.startswith("data/")}
    assert len(data) == 3 * len(TABLES) + 2  # CSV, JSON and schema of each table, the CSVW metadata, the database
    for path, text in data.items():
        assert (built_site / path).read_bytes() == (text if isinstance(text, bytes) else text.encode("utf-8")), path


def test_ids_do_not_depend_on_other_records() -> None:
    """Removing one council's records leaves every other row's id (and row) as it was."""
    ds = load_dataset(DATA)
    full = opendata.build_tables(build_catalog(ds))
    gone = next(a for a in ds.authorities if a.slug == "nottingham")
    fewer = dataclasses.replace(ds, documents=tuple(d for d in ds.documents if d.authority != gone.ons_code))
    part = opendata.build_tables(build_catalog(fewer))
    for t in ("inspections", "documents", "judgements", "findings"):
        kept = {r["id"]: r for r in full[t] if r["authority"] != gone.ons_code}
        assert {r["id"]: r for r in part[t] if r["authority"] != gone.ons_code} == kept, t
        assert not any(r["authority"] == gone.ons_code for r in part[t])


def test_stale_data_files_are_pruned(project: Path) -> None:
    (project / "docs" / "data").mkdir()
    (project / "docs" / "data" / "old-table.csv").write_text("id\r\n", encoding="utf-8")
    (project / "docs" / "feeds" / "authorities").mkdir(parents=True)
    (project / "docs" / "feeds" / "authorities" / "gone.xml").write_text("<feed/>", encoding="utf-8")
    report = generate(Settings.for_project(project))
    assert "data/old-table.csv" in report.removed and "feeds/authorities/gone.xml" in report.removed
    assert (project / "docs" / "data" / "findings.csv").is_file() and (project / "docs" / "data.md").is_file()
    again = generate(Settings.for_project(project))
    assert again.written == [] and again.removed == []


def test_awkward_text_survives_csv_and_json(project: Path) -> None:
    rec = project / "data/reports/nottinghamshire/2019-10-07-ilacs.ofsted-report.yaml"
    awkward = 'Say "no", then; <b>bold</b> & a | pipe, é'
    text = rec.read_text(encoding="utf-8").replace(
        "  - text: The consistency of social work practice", f"  - text: {awkward} The consistency of social work practice", 1)
    rec.write_text(text, encoding="utf-8")
    files = render_files(build_catalog(load_dataset(project / "data")))
    obj = json.loads(files["data/findings.json"])
    row = next(r for r in obj["rows"] if r["id"] == "nottinghamshire/2019-10-07-ilacs/ofsted-report/improvement/2")
    assert row["text"].startswith(awkward)
    table = list(csv.reader(io.StringIO(files["data/findings.csv"], newline="")))
    cells = next(c for c in table if c[0] == row["id"])
    assert cells[table[0].index("text")] == row["text"]
    errors = list(Draft202012Validator(opendata.schema("findings")).iter_errors(obj))
    assert not errors


@pytest.mark.parametrize("formula", ['=HYPERLINK("https://evil.example","click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)"])
def test_a_cell_a_spreadsheet_would_run_is_inert(project: Path, formula: str) -> None:
    """A finding's text that begins like a formula: the CSV cell begins with an apostrophe
    (text to a spreadsheet); the JSON keeps the text as written."""
    rec = project / "data/reports/nottinghamshire/2019-10-07-ilacs.ofsted-report.yaml"
    text = rec.read_text(encoding="utf-8").replace(
        "  - text: The consistency of social work practice in all geographical areas of the county.",
        f"  - text: {json.dumps(formula)}", 1)
    rec.write_text(text, encoding="utf-8")
    files = render_files(build_catalog(load_dataset(project / "data")))
    obj = json.loads(files["data/findings.json"])
    row = next(r for r in obj["rows"] if r["id"] == "nottinghamshire/2019-10-07-ilacs/ofsted-report/improvement/2")
    assert row["text"] == formula
    table = list(csv.reader(io.StringIO(files["data/findings.csv"], newline="")))
    cells = next(c for c in table if c[0] == row["id"])
    assert cells[table[0].index("text")] == "'" + formula


def test_followups_and_paragraph_themes_refer_to_rows_of_the_other_tables(built_site: Path) -> None:
    rows = _rows(built_site)
    ids = {t: {r["id"] for r in rows[t]} for t in ("findings", "inspections", "documents")}
    followups = rows["followups"]
    ds = load_dataset(DATA)
    assert len(followups) == len(ds.followups) > 0  # one row per (finding, later document) read
    for r in followups:
        assert r["finding"] in ids["findings"] and r["later_inspection"] in ids["inspections"]
        assert r["later_document"] in ids["documents"]
        assert r["shown"] == (r["verdict"] is not None) and not r["reviewed"]  # the fixture has no editor's verdict
        assert len(r["similarity"]) == len(r["paragraphs"]) <= 3
    blocks = sum(1 for d in ds.documents for b in d.body if not b.is_heading and b.anchor)
    themes = rows["paragraph_themes"]
    assert len(themes) == blocks and {r["document"] for r in themes} <= ids["documents"]
    p32 = next(r for r in themes if r["id"] == "nottinghamshire/2019-10-07-ilacs/ofsted-report#p-32")
    assert p32["page"] == "authorities/nottinghamshire/2019-10-07-ilacs/#p-32"


# --------------------------------------------------------------------------- CSV for Excel

def test_csv_opens_cleanly_in_excel(built_site: Path) -> None:
    """A byte-order mark (Excel reads UTF-8 only with one), the council's name and region beside
    its ONS code, and one label per grade."""
    from generator.model.vocab import GRADE_LABELS

    authorities = {r["id"]: r for r in _rows(built_site)["authorities"]}
    for t in ("inspections", "documents", "judgements", "findings"):
        table = _csv(built_site, t)
        header = table[0]
        at = header.index("authority")
        assert header[at:at + 3] == ["authority", "authority_name", "region"], t
        for row in table[1:]:
            a = authorities[row[at]]
            assert (row[at + 1], row[at + 2]) == (a["short_name"], a["region"] or ""), (t, row[0])
    # The schemas list the labels, and they are the site's.
    assert opendata.schema("judgements")["$defs"]["row"]["properties"]["grade"]["enum"] == list(GRADE_LABELS.values())
    assert opendata.schema("judgements")["$defs"]["row"]["properties"]["grade_key"]["enum"] == list(GRADE_LABELS)


def test_one_label_per_grade_nationally() -> None:
    """Nationally the reports write "Requires improvement", "Requires improvement to be good",
    "Requires Improvement" …: the data gives each grade key one label, and keeps the wording apart."""
    from generator.model.vocab import GRADE_LABELS
    from tests.conftest import NATIONAL

    tables = opendata.build_tables(build_catalog(load_dataset(NATIONAL)))
    labels: dict[str, set[str]] = {}
    written: dict[str, set[str]] = {}
    for r in tables["judgements"]:
        labels.setdefault(r["grade_key"], set()).add(r["grade"])
        written.setdefault(r["grade_key"], set()).add(r["grade_as_written"])
    assert labels == {k: {GRADE_LABELS[k]} for k in labels}
    assert len(written["requires-improvement"]) > 1  # what the one label replaces
    for r in tables["inspections"]:
        if r["headline_grade_key"]:
            assert r["headline_grade"] == GRADE_LABELS[r["headline_grade_key"]]
    areas: dict[tuple[str, str], set[str]] = {}
    for r in tables["judgements"]:
        areas.setdefault((r["framework"], r["area_key"]), set()).add(r["area"])
    assert all(len(v) == 1 for v in areas.values())
