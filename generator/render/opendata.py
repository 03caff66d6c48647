"""Open data: the catalog as tables (authorities, inspections, documents, judgements,
findings), each as CSV and JSON with a JSON Schema, CSVW metadata for the CSV files, and the
Data page that documents every field.

The schemas in generator/render/schemas/ are the source of truth: a table's columns, their order
and their descriptions come from its schema, and the files are checked against it in the
tests. Every row has a stable id, its source and its licence. Output is deterministic: rows
in a fixed order, no dates but the data's, the same bytes for the same input."""
from __future__ import annotations

import csv
import io
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from generator.index.catalog import Catalog, Inspection
from generator.index.ids import Ids, unique
from generator.model.records import Authority, Document, Judgement
from generator.model.vocab import DOCUMENT_KIND, FINDING_KINDS, GRADE_LABELS
from generator.render import urls
from generator.render.labels import listed_title
from generator.render.place import locate

SCHEMAS = Path(__file__).parent / "schemas"
# Tables whose rows each name a document: their source and licence are that document's (documents.csv).
BY_DOCUMENT = ("followups", "paragraph_themes")
TABLES = ("authorities", "inspections", "documents", "judgements", "findings", "followups", "paragraph_themes")
TABLE_TITLES = {
    "authorities": "Authorities",
    "inspections": "Inspections",
    "documents": "Documents",
    "judgements": "Judgements",
    "findings": "Findings",
    "followups": "What happened next",
    "paragraph_themes": "Paragraph themes",
}
CSV_METADATA = "csv-metadata.json"
LIST_SEPARATOR = "; "  # between the items of a list in a CSV cell

OGL = "Open Government Licence v3.0"
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
COUNCIL_LICENCE = ("Council's public paper: the council's own account, published by the council; "
                   "not Crown copyright and not under the Open Government Licence")
AUTHORITY_SOURCE = ("Office for National Statistics register of local authority codes and names; "
                    "Ofsted's unique reference numbers (URN)")



@cache
def schema(table: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one table's JSON file."""
    return json.loads((SCHEMAS / f"{table}.schema.json").read_text(encoding="utf-8"))


def fields(table: str) -> list[str]:
    """A table's columns, in order: the properties of its row schema."""
    return list(schema(table)["$defs"]["row"]["properties"])


def natural_key(text: str) -> list[Any]:
    """Sort key that compares the numbers inside an id as numbers (…/improvement/2 before …/10)."""
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]


def licence_of(doc: Document) -> tuple[str, str | None]:
    if DOCUMENT_KIND[doc.kind].secondary:
        return COUNCIL_LICENCE, None
    return OGL, OGL_URL


def source_of(doc: Document, authority: Authority) -> str:
    """The original's address where known; else, for Ofsted's documents, the council's page on
    Ofsted's reports site; else the record (never a local path to the source file)."""
    if doc.source_url:
        return doc.source_url
    if not DOCUMENT_KIND[doc.kind].secondary and authority.urn:
        return urls.ofsted_provider_page(authority.urn)
    return doc.file


def _provenance(authority: Authority, doc: Document | None, fallback: str) -> dict[str, Any]:
    if doc is None:  # a cited inspection with no citing document on record: only its own record
        return {"source": fallback, "licence": "This site's summary of what a later document says", "licence_url": None,
                "reviewed": True}
    name, url = licence_of(doc)
    return {"source": source_of(doc, authority), "licence": name, "licence_url": url, "reviewed": doc.reviewed}


def build_tables(cat: Catalog) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows, each row a dict with the schema's properties in order."""
    ids = cat.ids
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for a in cat.authorities:
        out["authorities"].append(_authority_row(cat, a))
        for insp in cat.inspections[a.slug]:
            out["inspections"].append(_inspection_row(cat, insp))
            out["judgements"].extend(_judgement_rows(cat, insp))
            for doc in insp.documents:
                out["documents"].append(_document_row(ids, insp, doc))
                out["findings"].extend(_finding_rows(cat, ids, insp, doc))
                out["followups"].extend(_followup_rows(cat, insp, doc))
                out["paragraph_themes"].extend(_paragraph_rows(cat, insp, doc))
    for table, rows in out.items():
        rows.sort(key=lambda r: natural_key(r["id"]))
        want = fields(table)
        for r in rows:
            if list(r) != want:
                raise AssertionError(f"{table}: row {r.get('id')} has fields {list(r)}, the schema {want}")
    return out


def _authority_row(cat: Catalog, a: Authority) -> dict[str, Any]:
    documented = cat.documented(a.slug)
    return {
        "id": a.ons_code, "ons_code": a.ons_code, "slug": a.slug, "name": a.name, "short_name": a.short_name,
        "type": a.type or None, "region": a.region or None, "ofsted_urn": a.urn or None, "website": a.website or None,
        "documented_inspections": len(documented),
        "cited_inspections": len(cat.inspections[a.slug]) - len(documented),
        "documents": sum(len(i.documents) for i in documented),
        "page": urls.site_path(urls.authority(a.slug)), "feed": urls.authority_feed(a.slug),
        "source": AUTHORITY_SOURCE, "licence": OGL, "licence_url": OGL_URL,
    }


def _source_document(cat: Catalog, insp: Inspection) -> Document | None:
    """The document an inspection's facts come from: the first with judgements, else the first;
    for a cited inspection, the first document that cites it."""
    if insp.cited is not None:
        for c in insp.cited.cited_by:
            if c.document in cat.refs:
                return cat.refs[c.document][1]
        return None
    return next((d for d in insp.documents if d.judgements), insp.primary)


def _source_document_id(ids: Ids, doc: Document | None) -> str | None:
    return ids.document(doc) if doc is not None else None


def _council(a: Authority) -> dict[str, Any]:
    """The columns beside an authority's ONS code: its name and region."""
    return {"authority": a.ons_code, "authority_name": a.short_name, "region": a.region or None}


def _area_name(insp: Inspection, j: Judgement) -> str:
    """The framework's own name for a judgement's area (one name per area key)."""
    area = insp.framework.area(j.area_key)
    return area.name if area is not None else j.area


def _inspection_row(cat: Catalog, insp: Inspection) -> dict[str, Any]:
    ids = cat.ids
    head = insp.headline
    src = _source_document(cat, insp)
    return {
        "id": ids.inspection(insp), **_council(insp.authority), "authority_slug": insp.authority.slug,
        "framework": insp.framework.key, "framework_name": insp.framework.name,
        "status": ("cited-by-machine" if insp.by_machine else "cited") if insp.is_cited else "documented",
        "title": listed_title(insp),
        "start_date": insp.start_date.iso, "end_date": insp.end_date.iso if insp.end_date else None,
        "secondary_only": insp.secondary_only, "headline_status": insp.headline_status,
        "headline_area": _area_name(insp, head) if head else None,
        "headline_grade": GRADE_LABELS[head.grade_key] if head else None,
        "headline_grade_key": head.grade_key if head else None, "headline_rank": head.rank if head else None,
        "judgements": len(insp.judgements),
        "documents": [ids.document(d) for d in insp.documents],
        "page": urls.site_path(*urls.inspection_home(insp.authority.slug, insp.id, insp.is_cited)),
        "source_document": _source_document_id(ids, src),
        **_provenance(insp.authority, src, insp.cited.file if insp.cited else ""),
    }


def _judgement_rows(cat: Catalog, insp: Inspection) -> list[dict[str, Any]]:
    ids = cat.ids
    src = _source_document(cat, insp)
    head = insp.headline
    iid = ids.inspection(insp)
    taken: set[str] = set()
    rows = []
    for j in insp.judgements:
        rows.append({
            "id": unique(f"{iid}/{j.area_key}", taken), "inspection": iid, **_council(insp.authority),
            "framework": insp.framework.key, "area": _area_name(insp, j), "area_key": j.area_key,
            "grade": GRADE_LABELS[j.grade_key], "grade_key": j.grade_key, "rank": j.rank,
            "area_as_written": j.area, "grade_as_written": j.grade, "headline": j is head,
            "source_document": _source_document_id(ids, src),
            **_provenance(insp.authority, src, insp.cited.file if insp.cited else ""),
        })
    return rows


def _document_row(ids: Ids, insp: Inspection, doc: Document) -> dict[str, Any]:
    return {
        "id": ids.document(doc), "inspection": ids.inspection(insp), **_council(insp.authority),
        "kind": doc.kind, "title": doc.title, "start_date": doc.start_date.iso, "end_date": doc.end_date.iso,
        "published": doc.published.iso if doc.published else None,
        "document_date": doc.document_date.iso if doc.document_date else None,
        "inspector": doc.inspector, "legal_basis": doc.legal_basis,
        "paragraphs": sum(1 for b in doc.body if not b.is_heading), "findings": len(doc.findings),
        "page": urls.site_path(urls.inspection_home(insp.authority.slug, insp.id, insp.is_cited)[0]), "record": doc.file,
        "source_url": doc.source_url,
        **_provenance(insp.authority, doc, doc.file),
    }


def _finding_rows(cat: Catalog, ids: Ids, insp: Inspection, doc: Document) -> list[dict[str, Any]]:
    did = ids.document(doc)
    counts = dict.fromkeys((k.key for k in FINDING_KINDS), 0)
    rows = []
    for f in doc.findings:
        counts[f.kind] += 1
        block = doc.block(f.paragraph) if f.paragraph else None
        rows.append({
            "id": f"{did}/{f.kind}/{counts[f.kind]}", "inspection": ids.inspection(insp),
            **_council(insp.authority), "kind": f.kind, "n": counts[f.kind], "text": f.text,
            "timescale": f.timescale, "themes": list(f.themes), "paragraph": f.paragraph or None,
            "paragraph_number": block.number if block is not None else None,
            "paragraph_page": urls.site_path(*locate(cat, insp, doc, f.paragraph or "")),
            "source_document": did,
            **_provenance(insp.authority, doc, doc.file),
        })
    return rows


def _followup_rows(cat: Catalog, insp: Inspection, doc: Document) -> list[dict[str, Any]]:
    """One row per (finding of `doc`, later document) the machine read or an editor judged."""
    ids = cat.ids
    did = ids.document(doc)
    ref = doc.ref(insp.authority.slug)
    counts = dict.fromkeys((k.key for k in FINDING_KINDS), 0)
    rows = []
    for f in doc.findings:
        counts[f.kind] += 1
        finding = f"{did}/{f.kind}/{counts[f.kind]}"
        for fu in cat.followups_of(f"{ref}#{f.kind}-{counts[f.kind]}"):
            later = ids.document(fu.document)
            rows.append({
                "id": f"{finding} -> {later}", "finding": finding, "later_inspection": ids.inspection(fu.inspection),
                "later_document": later, "authority": doc.authority, "verdict": fu.verdict, "shown": fu.verdict is not None,
                "paragraphs": [p.at for p in fu.passages],
                "similarity": [p.similarity for p in fu.passages if p.similarity is not None],
                "reviewed": fu.reviewed,
            })
    return rows


def _paragraph_rows(cat: Catalog, insp: Inspection, doc: Document) -> list[dict[str, Any]]:
    did = cat.ids.document(doc)
    rows = []
    for b in doc.body:
        if b.is_heading or not b.anchor:
            continue
        page, anchor = locate(cat, insp, doc, b.anchor)
        rows.append({"id": f"{did}#{anchor}", "document": did, "anchor": anchor, "page": urls.site_path(page, anchor),
                     "themes": list(b.themes), "reviewed": doc.reviewed})
    return rows


# Files ------------------------------------------------------------------------------------


# A spreadsheet runs a cell that begins with one of these as a formula. Text cells that do are
# written with an apostrophe first, which spreadsheets read as "this is text" and do not show
# (OWASP's advice on CSV injection); the JSON files keep the text as it is.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = LIST_SEPARATOR.join(map(str, value)) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# A UTF-8 byte-order mark first: without it Excel reads a CSV file as the computer's own legacy
# code page, so that "Children’s" shows as "Childrenâ€™s". Python reads it with
# encoding="utf-8-sig", R's readr and pandas skip it, and CSVW parsers are to drop it.
BOM = "\ufeff"


def to_csv(table: str, rows: list[dict[str, Any]]) -> str:
    """RFC 4180 CSV: a UTF-8 byte-order mark, a header of the schema's field names, CRLF line
    ends, quotes only where needed."""
    buf = io.StringIO()
    buf.write(BOM)
    w = csv.writer(buf, lineterminator="\r\n")
    cols = fields(table)
    w.writerow(cols)
    for r in rows:
        w.writerow([_cell(r[c]) for c in cols])
    return buf.getvalue()


def to_json(table: str, rows: list[dict[str, Any]]) -> str:
    """The table as one JSON object; one row per line, so the file reads and diffs well."""
    head = {"table": table, "description": schema(table)["description"].split(" One object per row")[0],
            "schema": f"{table}.schema.json", "csv": f"{table}.csv", "count": len(rows)}
    lines = ["{"]
    lines += [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    lines.append('  "rows": [')
    lines += ["    " + json.dumps(r, ensure_ascii=False) + ("," if k + 1 < len(rows) else "") for k, r in enumerate(rows)]
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


# Columns that hold another table's id.
FOREIGN_KEYS = (("authority", "authorities"), ("inspection", "inspections"), ("source_document", "documents"),
                ("finding", "findings"), ("later_inspection", "inspections"), ("later_document", "documents"),
                ("document", "documents"))
_CSVW_TYPES = {"string": "string", "integer": "integer", "boolean": "boolean", "array": "string", "number": "decimal"}


def csvw_metadata() -> dict[str, Any]:
    """CSV on the Web (W3C) metadata for the CSV files, from the JSON Schemas."""
    tables = []
    for table in TABLES:
        s = schema(table)
        columns = []
        for name, prop in s["$defs"]["row"]["properties"].items():
            types = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
            base = next(t for t in types if t != "null")
            col: dict[str, Any] = {"name": name, "titles": name, "dc:description": prop["description"],
                                   "datatype": _CSVW_TYPES[base], "required": "null" not in types and base != "array"}
            if base == "string" and prop.get("pattern") == r"^\d{4}-\d{2}-\d{2}$":
                col["datatype"] = "date"
            if base == "array":
                col["separator"] = LIST_SEPARATOR.strip()
            columns.append(col)
        schema_ = {"columns": columns, "primaryKey": "id"}
        keys = [(c, ref) for c, ref in FOREIGN_KEYS if c in s["$defs"]["row"]["properties"]]
        if keys:
            schema_["foreignKeys"] = [{"columnReference": c, "reference": {"resource": f"{ref}.csv", "columnReference": "id"}}
                                      for c, ref in keys]
        tables.append({"url": f"{table}.csv", "dc:title": TABLE_TITLES[table],
                       "dc:description": s["description"].split(" One object per row")[0], "tableSchema": schema_})
    return {"@context": "http://www.w3.org/ns/csvw", "dc:title": "Children's services inspections: open data",
            "dialect": {"encoding": "utf-8", "header": True, "lineTerminators": ["\r\n"], "doubleQuote": True,
                        "skipInitialSpace": True},
            "tables": tables}


def render_files(cat: Catalog, tables: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, str]:
    """Every open data file but the database (render/database.py): path under docs/ → text."""
    tables = tables if tables is not None else build_tables(cat)
    out: dict[str, str] = {}
    for table in TABLES:
        out[urls.data_file(f"{table}.csv")] = to_csv(table, tables[table])
        out[urls.data_file(f"{table}.json")] = to_json(table, tables[table])
        out[urls.data_file(f"{table}.schema.json")] = (SCHEMAS / f"{table}.schema.json").read_text(encoding="utf-8")
    out[urls.data_file(CSV_METADATA)] = json.dumps(csvw_metadata(), indent=2, ensure_ascii=False) + "\n"
    return out
