"""What later documents say of each finding, for pages to read: the machine's possibly related
passages (data/followups/) and editors' verdicts (data/annotations/), an editor's entry taking
the place of the machine's for the same finding and later document."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.index.history import Inspection
from generator.model.records import Document, FollowupRecord


@dataclass(frozen=True)
class Passage:
    """A place in the later document: a paragraph, or one of its findings."""

    at: str  # the anchor as recorded: p-12, s-3, or a finding's improvement-2
    paragraph: str  # the paragraph to link to (a finding's own paragraph when it names one), "" if none
    finding: str  # the finding's anchor (improvement-2) when the passage is a finding, else ""
    number: int | None  # the paragraph's own number, if it has one
    text: str  # the paragraph's or finding's text
    similarity: float | None  # machine passages only


@dataclass(frozen=True)
class Followup:
    """One later document's reading of one finding."""

    inspection: Inspection  # the later inspection
    document: Document  # the later document
    verdict: str | None  # an editor's verdict; None for the machine's (it suggests none)
    reviewed: bool
    passages: tuple[Passage, ...]  # the editor's evidence, or the machine's possibly related passages
    note: str


def _passage(doc: Document, at: str, similarity: float | None) -> Passage:
    block = doc.block(at)
    if block is not None:
        return Passage(at, at, "", block.number, block.text, similarity)
    counts: dict[str, int] = {}
    for f in doc.findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
        if f"{f.kind}-{counts[f.kind]}" == at:
            number = doc.block(f.paragraph).number if f.paragraph and doc.block(f.paragraph) else None
            return Passage(at, f.paragraph or "", at, number, f.text, similarity)
    raise KeyError(at)  # the loader checked every anchor


def build_followups(records: tuple[FollowupRecord, ...], refs: Mapping[str, tuple[Inspection, Document]]
                    ) -> dict[str, tuple[Followup, ...]]:
    """Finding id ("<document ref>#improvement-2") → its follow-ups, oldest later document first."""
    chosen: dict[tuple[str, str], FollowupRecord] = {}
    for r in records:  # editors' entries first for each pair (the loader's order)
        chosen.setdefault((r.finding, r.later), r)
    out: dict[str, list[Followup]] = {}
    for (finding, later), r in chosen.items():
        insp, doc = refs[later]
        if r.reviewed:
            passages = tuple(_passage(doc, at, None) for at in r.paragraphs)
        else:
            passages = tuple(_passage(doc, at, score) for at, score in r.related)
        out.setdefault(finding, []).append(Followup(insp, doc, r.verdict, r.reviewed, passages, r.note))
    return {k: tuple(sorted(v, key=lambda f: (f.inspection.start_date.as_date(), f.document.file))) for k, v in out.items()}
