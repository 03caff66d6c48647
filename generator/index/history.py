"""Each council's inspections: documents grouped into inspections (Ofsted's first), and the
inspections known only because later documents cite them, merged where their report is here."""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from generator.model.dates import PartialDate
from generator.model.records import Authority, Citation, CitedInspection, Dataset, Document, Framework, Judgement
from generator.model.vocab import DOCUMENT_KIND, NO_OVERALL_GRADE, OVERALL


@dataclass(frozen=True)
class Inspection:
    """One inspection: its documents (Ofsted's first), or, if cited, what is known of it."""

    authority: Authority
    id: str
    framework: Framework
    start_date: PartialDate
    end_date: PartialDate | None
    documents: tuple[Document, ...]
    cited: CitedInspection | None = None
    citations: tuple[Citation, ...] = ()  # where later documents mention this inspection

    @property
    def is_cited(self) -> bool:
        return self.cited is not None

    @property
    def primary(self) -> Document | None:
        return self.documents[0] if self.documents else None

    @property
    def judgements(self) -> tuple[Judgement, ...]:
        if self.cited is not None:
            return self.cited.judgements
        for doc in self.documents:
            if doc.judgements:
                return doc.judgements
        return ()

    @property
    def headline(self) -> Judgement | None:
        """The judgement that stands for the inspection on timelines."""
        js = self.judgements
        if not js:
            return None
        # The framework's headline area; failing that (a looked after children inspection
        # judges only its own overall effectiveness) an overall judgement of another name.
        return (next((j for j in js if j.area_key == self.framework.headline), None)
                or next((j for j in js if j.area_key.endswith("overall-effectiveness")), None))

    @property
    def headline_status(self) -> str:
        """What stands for the inspection where one grade is shown (vocab.HEADLINE_STATUSES):
        its overall grade; none by design (the 2026 framework, whose areas are graded); none
        recorded; or an ungraded visit or letter."""
        if self.headline is not None:
            return OVERALL
        if not self.framework.graded:
            return "not-graded"
        if self.judgements and self.framework.headline is None:
            return NO_OVERALL_GRADE
        return "overall-not-recorded"

    @property
    def secondary_only(self) -> bool:
        """True when every document is a secondary source (a council's own account)."""
        return bool(self.documents) and all(DOCUMENT_KIND[d.kind].secondary for d in self.documents)


def _group_documents(documents: tuple[Document, ...]) -> list[tuple[str, list[Document]]]:
    """Documents about one inspection: same authority and framework, overlapping dates
    (within a few days: a council's paper and Ofsted's report may date the start differently)."""
    groups: list[tuple[str, list[Document]]] = []
    ordered = sorted(documents, key=lambda d: (d.authority, d.framework, d.start_date.as_date(), d.file))
    ends: list = []
    for doc in ordered:
        last = groups[-1] if groups else None
        if (last is not None and last[0] == doc.authority and last[1][0].framework == doc.framework
                and (doc.start_date.as_date() - ends[-1]).days <= 3):
            last[1].append(doc)
            ends[-1] = max(ends[-1], doc.end_date.as_date())
        else:
            groups.append((doc.authority, [doc]))
            ends.append(doc.end_date.as_date())
    return groups


def _is_cited_one(c: CitedInspection, insp: Inspection) -> bool:
    """Is documented inspection `insp` the one that cited record `c` describes?"""
    if c.framework != insp.framework.key:
        return False
    start, end = insp.start_date, insp.end_date or insp.start_date
    if c.start_date.year not in (start.year, end.year):
        return False
    return not c.start_date.month or c.start_date.month in (start.month, end.month)


def build_history(ds: Dataset, frameworks: Mapping[str, Framework]) -> dict[str, tuple[Inspection, ...]]:
    """Authority slug → its inspections, oldest first, cited ones included."""
    by_code = {a.ons_code: a for a in ds.authorities}
    per_authority: dict[str, list[Inspection]] = {a.slug: [] for a in ds.authorities}
    for code, group in _group_documents(ds.documents):
        group.sort(key=lambda d: (DOCUMENT_KIND[d.kind].order, d.start_date, d.file))
        first = group[0]
        a = by_code[code]
        per_authority[a.slug].append(
            Inspection(a, first.inspection_id, frameworks[first.framework], first.start_date, first.end_date, tuple(group)))
    for c in ds.cited:
        a = by_code[c.authority]
        documented = next((i for i in per_authority[a.slug] if not i.is_cited and _is_cited_one(c, i)), None)
        if documented is not None:
            # The report of a cited inspection is now on the site: its citations move there.
            k = per_authority[a.slug].index(documented)
            per_authority[a.slug][k] = dataclasses.replace(documented, citations=documented.citations + c.cited_by)
            continue
        per_authority[a.slug].append(Inspection(a, c.inspection_id, frameworks[c.framework], c.start_date, c.end_date, (), c))
    return {slug: tuple(sorted(v, key=lambda i: (i.start_date.as_date(), i.is_cited, i.id)))
            for slug, v in per_authority.items()}
