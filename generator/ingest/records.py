"""Machine records: a Draft as a record in the schema of data/README.md (the one place it takes
that shape), and a record as files: the metadata in `<record>.yaml`, the text in
`<record>.md`, and a checksum of both, so that a later ingest can tell a record nobody has
touched from one a person has edited."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.ingest.draft import BlockDraft, Draft, FindingDraft, JudgementDraft
from generator.ingest.yamlout import dump
from generator.load import bodytext

HEADER = ("# Made by `make ingest` from the report named in source. Check it against the report, then set\n"
          "# reviewed: true. An edit by hand (reviewed or not) keeps ingest from changing this record again.\n")
_MACHINE = "\nmachine:\n"
_CHECKSUM = re.compile(r"^  checksum: ([0-9a-f]{64})$", re.M)


def record_of(draft: Draft) -> dict[str, Any]:
    """The draft as a record (reviewed: false), with a `body`. A finding whose paragraph the
    body does not have is left out."""
    meta, body = draft.meta, draft.body
    numbered = {b.number for b in body.blocks if b.number is not None}
    inspector = meta.lead_inspector
    if inspector and meta.lead_inspector_role:
        inspector = f"{inspector}, {meta.lead_inspector_role}"

    def findings(fs: Iterable[FindingDraft], timescale: bool = False) -> list[dict[str, Any]]:
        return [_finding(f, timescale) for f in fs if f.paragraph is None or f.paragraph in numbered]

    return {
        "authority": draft.authority,
        "framework": meta.framework,
        "kind": meta.kind,
        "title": meta.title,
        "start_date": iso(meta.start_date),
        "end_date": iso(meta.end_date),
        "published": iso(meta.published),
        "document_date": iso(meta.document_date),
        "inspector": inspector,
        "legal_basis": meta.legal_basis,
        "source": {"file": draft.source_file, "url": draft.source_url},
        "reviewed": False,
        "judgements": [judgement_entry(j) for j in meta.judgements],
        "improvements": findings(body.improvements, timescale=True),
        "priority_actions": findings(body.priority_actions),
        "strengths": findings(body.strengths),
        "development_areas": findings(body.development_areas),
        "body": body_entries(body.blocks),
    }


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def judgement_entry(j: JudgementDraft) -> dict[str, Any]:
    return {"area": j.area, "area_key": j.area_key, "grade": j.grade, "grade_key": j.grade_key, "rank": j.rank}


def _finding(f: FindingDraft, timescale: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"text": f.text}
    if timescale:
        out["timescale"] = f.timescale or "none-stated"
    if f.paragraph is not None:
        out["paragraph"] = f.paragraph
    out["themes"] = list(f.themes)
    return out


def body_entries(blocks: Iterable[BlockDraft]) -> list[dict[str, Any]]:
    """Record `body` entries: headings with their level, text blocks with their number (if any)
    and themes; an empty block has none."""
    out: list[dict[str, Any]] = []
    for b in blocks:
        if not b.text.strip():
            continue
        if b.heading:
            out.append({"heading": b.text, "level": b.heading})
            continue
        entry: dict[str, Any] = {}
        if b.number is not None:
            entry["number"] = b.number
        entry["themes"] = list(b.themes)
        entry["text"] = b.text
        out.append(entry)
    return out


def checksum(head: str, text: str) -> str:
    return hashlib.sha256(head.encode("utf-8") + b"\0" + text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RecordFiles:
    """The two files of one machine record, as ingest writes them."""

    yaml: str
    text: str


# Keys in the order of data/README.md, whatever order a record's dict has (cached results
# come back with their keys sorted).
RECORD_KEYS = ("authority", "framework", "kind", "title", "start_date", "end_date", "published", "document_date",
               "inspector", "legal_basis", "source", "reviewed", "judgements", "improvements", "priority_actions",
               "strengths", "development_areas")
_NESTED_KEYS = ("file", "url", "area", "area_key", "grade", "grade_key", "rank", "text", "timescale", "paragraph",
                "themes")


def _ordered(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _ordered(value[k]) for k in sorted(value, key=lambda k: (_NESTED_KEYS.index(k) if k in _NESTED_KEYS
                                                                            else len(_NESTED_KEYS), k))}
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


def record_files(record: dict[str, Any], source_sha256: str, header: str = HEADER,
                 warnings: tuple[str, ...] = ()) -> RecordFiles:
    """`record` (in the schema of data/README.md, with a `body`) as its two files; `warnings`
    become comments under the header, for the person who reviews it."""
    unknown = sorted(set(record) - set(RECORD_KEYS) - {"body", "machine"})
    if unknown:
        raise ValueError(f"record keys not in the schema: {', '.join(unknown)}")
    meta = {k: _ordered(record[k]) for k in RECORD_KEYS if k in record}
    text = bodytext.render(record["body"])
    head = header + "".join(f"# warning: {w}\n" for w in warnings) + dump(meta)
    machine = dump({"machine": {"source_sha256": source_sha256, "checksum": checksum(head, text)}})
    return RecordFiles(head + "\n" + machine, text)


def untouched(yaml_text: str, text: str) -> bool:
    """True when a record's files are exactly as ingest wrote them (its checksum still holds)."""
    at = yaml_text.rfind(_MACHINE)
    if at < 0:
        return False
    m = _CHECKSUM.search(yaml_text, at)
    return bool(m) and m.group(1) == checksum(yaml_text[:at], text)


def read_files(yaml_path: Path) -> RecordFiles:
    text_path = yaml_path.with_suffix(bodytext.SUFFIX)
    return RecordFiles(yaml_path.read_bytes().decode("utf-8", "replace"),
                       text_path.read_bytes().decode("utf-8", "replace") if text_path.exists() else "")
