"""Findings and paragraphs on each theme, located in their documents."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from generator.index.history import Inspection
from generator.model.records import Block, Document, Finding
from generator.model.vocab import PARAGRAPH


@dataclass(frozen=True)
class Mention:
    """A finding or paragraph on a theme, located in its document."""

    inspection: Inspection
    document: Document
    anchor: str  # paragraph anchor (p-N / s-K) or "" if the finding has no paragraph
    kind: str  # a finding kind, or "paragraph"
    text: str
    number: int | None = None
    timescale: str | None = None


def _block_mentions(insp: Inspection, doc: Document) -> list[tuple[str, Mention]]:
    return [(t, Mention(insp, doc, b.anchor, PARAGRAPH, b.text, b.number)) for b in doc.body for t in b.themes]


def _finding_mentions(insp: Inspection, doc: Document, findings: tuple[Finding, ...]) -> list[tuple[str, Mention]]:
    out = []
    blocks: dict[str, Block] = {b.anchor: b for b in doc.body}
    for f in findings:
        number = blocks[f.paragraph].number if f.paragraph and f.paragraph in blocks else None
        for t in f.themes:
            out.append((t, Mention(insp, doc, f.paragraph or "", f.kind, f.text, number, f.timescale)))
    return out


def build_mentions(inspections: Mapping[str, tuple[Inspection, ...]], theme_slugs: list[str]
                   ) -> tuple[dict[str, tuple[Mention, ...]], dict[str, dict[str, tuple[Mention, ...]]]]:
    """Theme → its mentions (councils by slug, each council's inspections oldest first, findings
    before paragraphs), and council slug → theme → its mentions, in the same order."""
    mentions: dict[str, list[Mention]] = {t: [] for t in theme_slugs}
    for slug in sorted(inspections):
        for insp in inspections[slug]:
            for doc in insp.documents:
                for theme_slug, m in _finding_mentions(insp, doc, doc.findings) + _block_mentions(insp, doc):
                    mentions[theme_slug].append(m)
    by_authority: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for theme_slug, ms in mentions.items():
        for m in ms:
            by_authority[m.inspection.authority.slug][theme_slug].append(m)
    return ({k: tuple(v) for k, v in mentions.items()},
            {a: {t: tuple(ms) for t, ms in themes.items()} for a, themes in by_authority.items()})
