"""A draft record from a report's text: the body as blocks, themes suggested, metadata left
for extraction or a person to fill (null, never guessed)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.ingest.blocks import Block, blocks_from_text
from generator.ingest.tagging import suggest


@dataclass(frozen=True)
class JudgementDraft:
    area: str  # as written in the document
    area_key: str  # key from data/frameworks.yaml areas of that framework
    grade: str  # as written, in the framework's own words ("Requires improvement to be good")
    grade_key: str  # the grade's key in the framework's scale (data/frameworks.yaml)
    rank: int  # the grade's rank there


@dataclass(frozen=True)
class Meta:
    kind: str | None  # ofsted-report | ofsted-letter | council-response
    framework: str | None  # cra-unannounced, slac, cp-2012, sif, ilacs, ilacs-2026, focused-visit, monitoring-visit, jtai
    variant: str | None  # ilacs: "standard" | "short"; else None
    title: str | None
    authority_name: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    published: dt.date | None
    document_date: dt.date | None
    lead_inspector: str | None
    lead_inspector_role: str | None
    legal_basis: str | None
    judgements: tuple[JudgementDraft, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class FindingDraft:
    text: str
    timescale: str | None = None  # improvements only: immediately | within-three-months | within-six-months | none-stated
    paragraph: int | None = None  # the numbered paragraph it stands in, if any


@dataclass(frozen=True)
class CitedDraft:
    text: str  # the sentence that cites an earlier inspection
    paragraph: str  # "p-N" for numbered paragraph N, "s-K" for the K-th unnumbered text block
    year: int | None
    month: int | None
    framework: str | None
    grades: tuple[tuple[str, str], ...] = ()


@dataclass
class BodyDraft:
    blocks: list[Block]
    improvements: list[FindingDraft] = field(default_factory=list)
    priority_actions: list[FindingDraft] = field(default_factory=list)
    strengths: list[FindingDraft] = field(default_factory=list)
    development_areas: list[FindingDraft] = field(default_factory=list)
    cited: list[CitedDraft] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def body_entries(blocks: Iterable[Block], keywords: list[tuple[str, tuple[str, ...]]],
                 heading_shift: int = 1) -> list[dict[str, Any]]:
    """Record `body` entries for blocks; text blocks get suggested themes. Markdown headings
    (# = 1) move down one level (the page title is the only level 1); PDF blocks come
    with record levels already (heading_shift=0)."""
    out: list[dict[str, Any]] = []
    for b in blocks:
        if not b.text.strip():
            continue
        if b.heading:
            out.append({"heading": b.text, "level": max(2, min(b.heading + heading_shift, 4))})
            continue
        entry: dict[str, Any] = {}
        if b.number is not None:
            entry["number"] = b.number
        entry["themes"] = list(suggest(b.text, keywords)) if not b.text.startswith("|") else []
        entry["text"] = b.text
        out.append(entry)
    return out


def draft_record(text: str, source_name: str, keywords: list[tuple[str, tuple[str, ...]]]) -> tuple[dict[str, Any], list[str]]:
    """A draft record and the warnings met while making it."""
    blocks = blocks_from_text(text)
    warnings = [f"paragraph {b.number}: {n}" if b.number else n for b in blocks for n in b.notes]
    record: dict[str, Any] = {
        "authority": None,
        "framework": None,
        "kind": None,
        "title": None,
        "start_date": None,
        "end_date": None,
        "published": None,
        "document_date": None,
        "inspector": None,
        "legal_basis": None,
        "source": {"file": source_name, "url": None},
        "reviewed": False,
        "judgements": [],
        "improvements": [],
        "priority_actions": [],
        "strengths": [],
        "development_areas": [],
        "body": body_entries(blocks, keywords),
    }
    return record, warnings
