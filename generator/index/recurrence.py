"""What happened next to each area for improvement and priority action: for every later
inspection or visit of the same council, is the finding's theme raised again as something
to improve, said to have improved, still a concern in the text, only mentioned, or not
mentioned at all? Pure and explainable: the evidence is a finding or a paragraph, linked."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.index.history import Inspection
from generator.model.records import Document, Finding
from generator.model.vocab import FOLLOWUP_ORDER, TO_IMPROVE

# Plain cue phrases, shown to readers as the reason for a status. Lower case, matched against
# lower-cased text (re.IGNORECASE made the national build's recurrence 2.5 times slower).
_IMPROVED = re.compile(
    r"\b(has|have) (now )?(improved|been strengthened|strengthened|been addressed|been resolved)|"
    r"\bimprovements? (in|to) |\bnow (timely|effective|consistent|well|good|robust|in place)|"
    r"\b(better|stronger|more effective|more consistent|more timely) than\b|\bprogress has been made\b|"
    r"\bsince the last inspection\b[^.]*\b(improved|strengthened|better)|"
    r"\b(effective|effectively|robust|strong|timely|well established|well embedded|good)\b")
_CONCERN = re.compile(
    r"\bnot (always|consistently|yet|sufficiently|routinely|all)\b|\binconsistent|\bvariable\b|\bweak|"
    r"\bdelays?\b|\black of\b|\black\b|\bpoor\b|\binsufficient|\bremains? (a )?(concern|weak|inconsistent|variable)|"
    r"\bneeds? to (improve|be strengthened)|\btoo (many|few|slow|long|variable)\b|\blimited\b|\bshortfall")



@dataclass(frozen=True)
class Followup:
    inspection: Inspection
    status: str
    theme: str | None  # the theme that links the two, None when not mentioned
    document: Document | None
    anchor: str  # paragraph anchor in `document`, "" when the evidence has none
    number: int | None
    evidence: str  # the finding or paragraph text (for a short quote)


@dataclass(frozen=True)
class Trace:
    inspection: Inspection
    document: Document
    finding: Finding
    followups: tuple[Followup, ...]


def _paragraph_status(text: str) -> str:
    text = text.lower()
    if _CONCERN.search(text):
        return "still-a-concern"
    return "improved" if _IMPROVED.search(text) else "mentioned"


def _evidence_by_theme(later: Inspection) -> dict[str, Followup]:
    """For every theme `later` touches, its strongest evidence: the first area for improvement
    or priority action on the theme (raised again), else the paragraph whose status comes
    first in FOLLOWUP_ORDER (the earliest such paragraph on a tie)."""
    raised: dict[str, Followup] = {}
    best: dict[str, Followup] = {}
    for doc in later.documents:
        blocks = {b.anchor: b for b in doc.body}
        for f in doc.findings:
            if f.kind not in TO_IMPROVE:
                continue
            for theme in f.themes:
                if theme not in raised:
                    b = blocks.get(f.paragraph or "")
                    raised[theme] = Followup(later, "raised-again", theme, doc, f.paragraph or "", b.number if b else None, f.text)
        for b in doc.body:
            if b.is_heading or not b.themes:
                continue
            status = _paragraph_status(b.text)
            for theme in b.themes:
                held = best.get(theme)
                if held is None or _RANK[status] < _RANK[held.status]:
                    best[theme] = Followup(later, status, theme, doc, b.anchor, b.number, b.text)
    return {**best, **raised}


_RANK = {s: k for k, s in enumerate(FOLLOWUP_ORDER)}


def _evidence(evidence: Mapping[str, Followup], later: Inspection, themes: tuple[str, ...]) -> Followup:
    """Evidence for the finding's first theme; its other themes only when the first is absent."""
    for theme in themes:
        ev = evidence.get(theme)
        if ev is not None and ev.status != "not-mentioned":
            return ev
    return Followup(later, "not-mentioned", None, None, "", None, "")


def build_traces(documented: Mapping[str, tuple[Inspection, ...]]) -> dict[tuple[str, str], tuple[Trace, ...]]:
    """(council slug, inspection id) → one trace per area for improvement or priority action of
    the inspection, through every later documented inspection of the same council. Each later
    inspection is read once, whatever number of earlier findings ask."""
    out: dict[tuple[str, str], tuple[Trace, ...]] = {}
    for slug in sorted(documented):
        seq = documented[slug]
        evidence = [_evidence_by_theme(j) for j in seq]
        for k, insp in enumerate(seq):
            later = [(j, evidence[n]) for n, j in enumerate(seq) if j.start_date.as_date() > insp.start_date.as_date()]
            traces = []
            for doc in insp.documents:
                for f in doc.findings:
                    if f.kind in TO_IMPROVE and f.themes:
                        traces.append(Trace(insp, doc, f, tuple(_evidence(ev, j, f.themes) for j, ev in later)))
            out[(slug, insp.id)] = tuple(traces)
    return out


def recurring_themes(documented: tuple[Inspection, ...]) -> dict[str, tuple[Inspection, ...]]:
    """Theme → the inspections of one council that raised it as something to improve (oldest
    first); only themes raised at two or more."""
    raised: dict[str, list[Inspection]] = {}
    for insp in documented:
        themes = {t for d in insp.documents for f in d.findings if f.kind in TO_IMPROVE for t in f.themes}
        for t in sorted(themes):
            raised.setdefault(t, []).append(insp)
    return {t: tuple(v) for t, v in raised.items() if len(v) >= 2}
