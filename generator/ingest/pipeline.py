"""One source file → one ingest result: metadata, body, findings and a draft record.

Results are plain JSON-able dicts so they can be cached by content hash and printed with
--json. A result is either {"source", "error"} or the full extraction with a draft record."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.ingest.authorities import AuthorityIndex
from generator.ingest.grades import Scales
from generator.ingest.pdftext import IngestError, pdf_pages
from generator.ingest.tagging import suggest

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
INGEST_SUFFIXES = (".pdf",) + TEXT_SUFFIXES
_HERE = Path(__file__).resolve().parent


def code_version() -> str:
    """A hash of the ingest code: cached results are only reused while it is unchanged."""
    h = hashlib.sha256()
    for p in sorted(_HERE.glob("*.py")):
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class Context:
    """What ingest needs besides the file: the authority index, theme keywords and the grade
    scales of the frameworks (data/frameworks.yaml, validated)."""

    authorities: AuthorityIndex
    keywords: tuple[tuple[str, tuple[str, ...]], ...]
    scales: Scales


def read_pages(path: Path) -> list[str]:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return pdf_pages(path)
    if suffix in TEXT_SUFFIXES:
        raw = path.read_bytes()
        if not raw.strip():
            raise IngestError("the file is empty")
        try:
            return [raw.decode("utf-8-sig")]
        except UnicodeDecodeError as exc:
            raise IngestError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from None
    raise IngestError(f"expected a PDF, Markdown or text file, got {suffix or 'a file with no extension'}")


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _themes(text: str, ctx: Context) -> list[str]:
    return list(suggest(text, ctx.keywords))


def ingest_file(path: Path, ctx: Context) -> dict[str, Any]:
    """Ingest one file; never raises for a bad input (the result carries "error")."""
    from generator.ingest.body import extract_body
    from generator.ingest.meta import extract_meta

    source = str(path)
    try:
        pages = read_pages(path)
    except (IngestError, OSError) as exc:
        return {"source": source, "error": str(exc)}
    is_markdown = path.suffix.lower() in TEXT_SUFFIXES
    meta = extract_meta(pages, ctx.scales)
    body = extract_body(pages, ctx.scales, meta.framework)
    warnings = list(meta.warnings) + list(body.warnings)
    authority = ctx.authorities.match(meta.authority_name)
    ons_code = authority.ons_code if authority else None
    if ons_code is None:
        warnings.append(f"authority not matched to an ONS code: {meta.authority_name!r}")
    numbered = [b for b in body.blocks if b.number is not None]
    result: dict[str, Any] = {
        "source": source,
        "authority": {"name": meta.authority_name, "ons_code": ons_code},
        "kind": meta.kind,
        "framework": meta.framework,
        "variant": meta.variant,
        "title": meta.title,
        "start_date": _iso(meta.start_date),
        "end_date": _iso(meta.end_date),
        "published": _iso(meta.published),
        "document_date": _iso(meta.document_date),
        "lead_inspector": meta.lead_inspector,
        "judgements": [{"area": j.area, "area_key": j.area_key, "grade": j.grade, "grade_key": j.grade_key, "rank": j.rank}
                       for j in meta.judgements],
        "improvements": [{"text": f.text, "timescale": f.timescale or "none-stated"} for f in body.improvements],
        "priority_actions": [f.text for f in body.priority_actions],
        "paragraphs": len(numbered),
        "cited": [{"text": c.text, "paragraph": c.paragraph, "year": c.year, "month": c.month,
                   "framework": c.framework, "grades": [list(g) for g in c.grades]} for c in body.cited],
        "warnings": warnings,
    }
    result["record"] = _draft_record(path, meta, body, ons_code, ctx, is_markdown)
    return result


def _finding(f: Any, ctx: Context, timescale: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"text": f.text}
    if timescale:
        out["timescale"] = f.timescale or "none-stated"
    if f.paragraph is not None:
        out["paragraph"] = f.paragraph
    out["themes"] = _themes(f.text, ctx)
    return out


def _draft_record(path: Path, meta: Any, body: Any, ons_code: str | None, ctx: Context, is_markdown: bool) -> dict[str, Any]:
    """The draft in the record schema of data/README.md (reviewed: false)."""
    from generator.ingest.draft import body_entries

    numbered = {b.number for b in body.blocks if b.number is not None}
    inspector = meta.lead_inspector
    if inspector and meta.lead_inspector_role:
        inspector = f"{inspector}, {meta.lead_inspector_role}"

    def ok(f: Any) -> bool:
        return f.paragraph is None or f.paragraph in numbered

    return {
        "authority": ons_code,
        "framework": meta.framework,
        "kind": meta.kind,
        "title": meta.title,
        "start_date": _iso(meta.start_date),
        "end_date": _iso(meta.end_date),
        "published": _iso(meta.published),
        "document_date": _iso(meta.document_date),
        "inspector": inspector,
        "legal_basis": meta.legal_basis,
        "source": {"file": path.name, "url": None},
        "reviewed": False,
        "judgements": [{"area": j.area, "area_key": j.area_key, "grade": j.grade, "grade_key": j.grade_key, "rank": j.rank}
                       for j in meta.judgements],
        "improvements": [_finding(f, ctx, timescale=True) for f in body.improvements if ok(f)],
        "priority_actions": [_finding(f, ctx) for f in body.priority_actions if ok(f)],
        "strengths": [_finding(f, ctx) for f in body.strengths if ok(f)],
        "development_areas": [_finding(f, ctx) for f in body.development_areas if ok(f)],
        "body": body_entries(body.blocks, list(ctx.keywords), heading_shift=1 if is_markdown else 0),
    }


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class Cache:
    """Ingest results by content hash and code version, one JSON file each."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.version = code_version()

    def _path(self, digest: str) -> Path | None:
        return self.root / self.version / f"{digest}.json" if self.root else None

    def get(self, digest: str) -> dict[str, Any] | None:
        p = self._path(digest)
        if p is None or not p.exists():
            return None
        try:
            return json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, digest: str, result: dict[str, Any]) -> None:
        p = self._path(digest)
        if p is None:
            return
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(".tmp")
        tmp.write_text(json.dumps(result, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        tmp.replace(p)
