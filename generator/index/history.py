"""Each council's inspections: documents grouped into inspections (Ofsted's first), and the
inspections known only because later documents cite them.

Citations come from two places: people's entries in data/cited/ (an inspection with the
paragraphs that cite it) and the machine's readings in data/citations/ (one paragraph, one
inspection it names). A paragraph a person has read is theirs alone: the machine's readings
of it are dropped. A reading in doubt is never used. The rest become history:

- a reading belongs to the council of the document that makes it, or, when the council was
  formed by a reorganisation after the date it gives, to the council it took over from (the one
  the text names, where there were several);
- it is linked to the inspection it names where that is on the site (documented, or a person's
  entry): same framework, same year, and the month where both give one (a report may date an
  inspection by its publication);
- readings of the same inspection in other documents are merged into one entry: one inspection
  of a framework a year (visits: a month), the month where they give it; where they disagree on
  the month or a grade, every version is kept for the page to show;
- a reading that does not tell the framework joins the one inspection of its year that it can
  be (none, or several: it is left out).
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.model.dates import PartialDate
from generator.model.records import (
    Authority,
    Citation,
    CitationReading,
    CitedInspection,
    Dataset,
    Document,
    Framework,
    Judgement,
)
from generator.model.vocab import CITATION_UNTOLD, DOCUMENT_KIND, NO_OVERALL_GRADE, OVERALL

# Frameworks that may visit a council more than once a year: their inspections are told apart by month.
_SEVERAL_A_YEAR = ("focused-visit", "monitoring-visit")


@dataclass(frozen=True)
class CitedAt:
    """A paragraph of a later document that cites an inspection, and what it says of it."""

    document: str  # the citing document's ref
    paragraph: str  # anchor id
    date: PartialDate | None  # the date it gives (None: a person's entry, which gives the inspection's own)
    grades: tuple[Judgement, ...] = ()  # the grades it states, as the inspection's framework's areas
    text: str = ""  # the sentences that cite it ("" for a person's entry)
    by_machine: bool = False  # read by the machine, not checked by a person
    published: bool = False  # the date it gives is its report's publication


@dataclass(frozen=True)
class Inspection:
    """One inspection: its documents (Ofsted's first), or, if cited, what is known of it."""

    authority: Authority
    id: str
    framework: Framework
    start_date: PartialDate
    end_date: PartialDate | None
    documents: tuple[Document, ...]
    cited: CitedInspection | None = None  # what is known of one with no document here
    cited_at: tuple[CitedAt, ...] = ()  # the paragraphs of later documents that cite it
    by_machine: bool = False  # known only from the machine's readings, which no person has checked

    @property
    def is_cited(self) -> bool:
        return not self.documents

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(Citation(c.document, c.paragraph) for c in self.cited_at)

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

    @property
    def dates_given(self) -> tuple[PartialDate, ...]:
        """The dates later documents give it, where they differ from its own (a person's entry
        and the documents give its own)."""
        own = {self.start_date.iso, (self.end_date or self.start_date).iso}
        out: list[PartialDate] = []
        for c in self.cited_at:
            if c.date is None or c.date in out or c.published:
                continue
            if c.date.iso not in own and not any(o.startswith(c.date.iso) for o in own):
                out.append(c.date)
        return tuple(out)


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


# --------------------------------------------------------------------------- readings


def owner_of(r: CitationReading, citing: Authority, by_code: Mapping[str, Authority]) -> Authority | None:
    """Whose inspection a reading names: the citing council's, or, when that council was formed
    after the date, the predecessor's (the one the text names, where it took over from several);
    None when that cannot be told."""
    formed = citing.formed
    if formed is None:
        return citing
    d, f = r.date, formed.date
    if d.year > f.year or (d.year == f.year and d.month and d.month >= f.month):
        return citing
    if d.year == f.year and not d.month:
        return None  # the year of the change: before or after it?
    olds = [by_code[p] for p in formed.predecessors if p in by_code]
    if len(olds) == 1:
        return olds[0]
    named = [a for a in olds if a.short_name.lower() in r.text.lower() or a.name.lower() in r.text.lower()]
    return named[0] if len(named) == 1 else None


def _grades(fw: Framework, r: CitationReading) -> tuple[Judgement, ...]:
    """A reading's grades as the framework's judgements: each area the text names stands for the
    framework's areas whose `cited_as` lists it (none: the grade is left out)."""
    out: list[Judgement] = []
    for area, key in r.grades:
        grade = fw.grade(key)
        if grade is None:
            continue
        for a in fw.areas_cited_as(area):
            j = Judgement(a.name, a.key, grade.words[0], grade.key, grade.rank)
            if j not in out:
                out.append(j)
    return tuple(out)


def _at(r: CitationReading, fw: Framework) -> CitedAt:
    return CitedAt(r.document, r.paragraph, r.date, _grades(fw, r), r.text, True, r.published)


def _months(insp: Inspection) -> set[int]:
    months = {insp.start_date.month, (insp.end_date or insp.start_date).month}
    for d in insp.documents:
        if d.published is not None:
            months.add(d.published.month)
    return months - {0}


def _years(insp: Inspection) -> set[int]:
    return {insp.start_date.year, (insp.end_date or insp.start_date).year}


def _same_date(insp: Inspection, year: int, month: int, published: bool) -> bool:
    """Whether an inspection on the site is of the date a reading gives (a publication date may
    fall in the next year)."""
    if published:
        pub = {d.published.year for d in insp.documents if d.published is not None}
        return year in _years(insp) | pub
    return year in _years(insp) and (not month or month in _months(insp))


def _one_of(found: list[Inspection]) -> Inspection | None:
    return found[0] if len(found) == 1 else None


def _match(known: list[Inspection], fw: str, r: CitationReading, citing_start: PartialDate | None) -> Inspection | None:
    """The inspection on the site a reading names: same framework and date; or, for a framework
    with one inspection a year, the only one of that year whatever month the reading gives; or
    the last one before the citing document, begun late the year before the year "the last
    inspection" is given (reports sometimes date an inspection by its report)."""
    same_fw = [i for i in known if i.framework.key == fw]
    exact = _one_of([i for i in same_fw if _same_date(i, r.date.year, r.date.month, r.published)])
    if exact is not None or fw in _SEVERAL_A_YEAR:
        return exact
    hit = _one_of([i for i in same_fw if r.date.year in _years(i)])
    if hit is not None or citing_start is None or not _LAST.search(r.text):
        return hit
    earlier = [i for i in same_fw if i.start_date.as_date() < citing_start.as_date()]
    last = max(earlier, key=lambda i: i.start_date.as_date(), default=None)
    if last is not None and last.start_date.year == r.date.year - 1 and last.start_date.month >= 9 and not r.date.month:
        return last
    return None


_LAST = re.compile(r"(?i)\b(?:last|previous|most recent)\b")


def _agreed(fw: Framework, ats: list[CitedAt]) -> tuple[Judgement, ...]:
    """The grades every reading that gives one agrees on, in the framework's order of areas."""
    by_area: dict[str, set[Judgement]] = {}
    for c in ats:
        for j in c.grades:
            by_area.setdefault(j.area_key, set()).add(j)
    order = {a.key: k for k, a in enumerate(fw.areas)}
    return tuple(next(iter(js)) for key, js in sorted(by_area.items(), key=lambda kv: order.get(kv[0], 99))
                 if len(js) == 1)


def _date_of(ats: list[CitedAt]) -> PartialDate:
    """An inspection's date from its readings: the year, and the month they give if they all give
    the same (the earliest otherwise, the others shown as what reports say)."""
    year = min(c.date.year for c in ats if c.date is not None and not c.published) if any(
        not c.published for c in ats) else min(c.date.year for c in ats if c.date is not None)
    months = sorted({c.date.month for c in ats if c.date is not None and c.date.year == year and c.date.month
                     and not c.published})
    return PartialDate(year, months[0] if months else 0)


def _machine_history(owner: Authority, known: list[Inspection], readings: list[CitationReading],
                     frameworks: Mapping[str, Framework], citing: Mapping[str, PartialDate]) -> list[Inspection]:
    """The owner's inspections with the readings that name them: those on the site with their
    citations added, and new ones known only from the readings."""
    attached: dict[str, list[CitedAt]] = {}  # known inspection id → readings
    pending: dict[tuple[str, int, int], list[CitationReading]] = {}  # (framework, year, month) → readings
    untold: list[CitationReading] = []
    for r in sorted(readings, key=lambda r: (r.date, r.document, r.paragraph)):
        if r.framework is None:
            untold.append(r)
            continue
        hit = _match(known, r.framework, r, citing.get(r.document))
        if hit is not None:
            attached.setdefault(hit.id, []).append(_at(r, hit.framework))
            continue
        pending.setdefault((r.framework, r.date.year, r.date.month if r.framework in _SEVERAL_A_YEAR else 0),
                           []).append(r)
    # A visit dated only by its year joins the one visit of that year dated by its month.
    for (fw, year, month), rs in list(pending.items()):
        if fw in _SEVERAL_A_YEAR and month == 0:
            months = [k for k in pending if k[0] == fw and k[1] == year and k[2]]
            if len(months) == 1:
                pending[months[0]] += pending.pop((fw, year, 0))
    # An inspection of late one year is often dated by its report, published early the next: readings
    # that give only the next year (or say it was published then) join it, and the page shows both dates.
    for (fw, year, month), rs in sorted(pending.items(), reverse=True):
        late = [r for r in pending.get((fw, year - 1, 0), ()) if r.date.month >= 9 and not r.published]
        if fw not in _SEVERAL_A_YEAR and all(not r.date.month or r.published for r in rs) and late:
            pending[(fw, year - 1, 0)] += pending.pop((fw, year, month))
    # Across the turn of a year, dates under three months apart are one inspection dated two ways
    # (one report gives the inspection's month, another its report's).
    for (fw, year, month) in sorted(pending, reverse=True):
        if fw in _SEVERAL_A_YEAR or (fw, year, month) not in pending or (fw, year - 1, 0) not in pending:
            continue
        late = [r.date.as_date() for r in pending[(fw, year - 1, 0)] if r.date.month]
        early = [r.date.as_date() for r in pending[(fw, year, month)] if r.date.month]
        if late and early and 0 < (min(early) - max(late)).days <= 92:
            pending[(fw, year - 1, 0)] += pending.pop((fw, year, month))
    new: list[Inspection] = []
    for (fw_key, year, month), rs in sorted(pending.items()):
        if fw_key in _SEVERAL_A_YEAR and not month and any(i.framework.key == fw_key and year in _years(i) for i in known):
            continue  # "the focused visits in 2019": those on the site, but which?
        fw = frameworks[fw_key]
        ats = [_at(r, fw) for r in rs]
        start = _date_of(ats)
        cited = CitedInspection(rs[0].file, owner.ons_code, fw_key, start, None, fw.name, "", _agreed(fw, ats),
                                tuple(Citation(c.document, c.paragraph) for c in ats))
        new.append(Inspection(owner, f"{start.iso}-{fw_key}", fw, start, None, (), cited, tuple(ats), True))
    # A reading that does not tell the framework joins the one inspection of its year it can be.
    everything = known + new
    for r in untold:
        fits = [i for i in everything if i.framework.key in r.candidates
                and _same_date(i, r.date.year, r.date.month, r.published)]
        hit = _one_of(fits)
        if hit is not None:
            at = _at(r, hit.framework)
            if hit in new:
                k = new.index(hit)
                new[k] = dataclasses.replace(hit, cited_at=hit.cited_at + (at,))
                everything = known + new
            else:
                attached.setdefault(hit.id, []).append(at)
    out = [dataclasses.replace(i, cited_at=i.cited_at + tuple(attached.get(i.id, ()))) for i in known]
    return out + new


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
    # People's entries.
    for c in ds.cited:
        a = by_code[c.authority]
        ats = tuple(CitedAt(x.document, x.paragraph, None) for x in c.cited_by)
        documented = next((i for i in per_authority[a.slug] if not i.is_cited and _is_cited_one(c, i)), None)
        if documented is not None:
            # The report of a cited inspection is now on the site: its citations move there.
            k = per_authority[a.slug].index(documented)
            per_authority[a.slug][k] = dataclasses.replace(documented, cited_at=documented.cited_at + ats)
            continue
        per_authority[a.slug].append(Inspection(a, c.inspection_id, frameworks[c.framework], c.start_date, c.end_date,
                                                (), c, ats))
    # The machine's readings, of the paragraphs no person has read, that are not in doubt.
    checked = {(c.document, c.paragraph) for c in ds.checked}
    slugs = {a.slug: a for a in ds.authorities}
    starts = {d.ref(by_code[d.authority].slug): d.start_date for d in ds.documents}
    by_owner: dict[str, list[CitationReading]] = {}
    for r in ds.citations:
        if (r.doubt and not (r.framework is None and r.doubt == CITATION_UNTOLD)) or (r.document, r.paragraph) in checked:
            continue  # in doubt (a reading that only does not tell its framework may still be placed)
        if r.document not in starts:
            continue  # a reading of a document that is not in the dataset
        citing = slugs.get(r.document.split("/", 1)[0])
        owner = owner_of(r, citing, by_code) if citing is not None else None
        if owner is not None:
            by_owner.setdefault(owner.slug, []).append(r)
    for slug, readings in by_owner.items():
        per_authority[slug] = _machine_history(slugs[slug], per_authority[slug], readings, frameworks, starts)
    return {slug: tuple(sorted(v, key=lambda i: (i.start_date.as_date(), i.is_cited, i.id)))
            for slug, v in per_authority.items()}
