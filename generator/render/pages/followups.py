"""What happened next, as pages show it: what later documents say of a finding (an editor's
verdict, or passages the machine found), and an inspection's changes since the previous one."""
from __future__ import annotations

from dataclasses import dataclass

from generator.index.catalog import Catalog, Inspection
from generator.index.followups import Followup
from generator.model.records import Document
from generator.model.vocab import DOCUMENT_KIND, FINDING_KIND, FOLLOWUP_LABELS, TO_IMPROVE
from generator.render import urls
from generator.render.labels import inspection_title, month_year, visit_name
from generator.render.pages.common import Grade, grade_badge
from generator.render.place import locate


@dataclass(frozen=True, slots=True)
class TitleLink:
    title: str
    link: str


@dataclass(frozen=True, slots=True)
class PassageLink:
    """A passage of a later document: its label ("paragraph 12", "area for improvement 3"), link and
    the start of its text."""

    label: str
    href: str
    excerpt: str


@dataclass(frozen=True, slots=True)
class Later:
    """What one later document says of a finding: an editor's verdict with its evidence, or the
    passages the machine found possibly related (no verdict)."""

    when: str  # "July 2022 focused visit"
    href: str  # the later inspection's page
    verdict: str  # the editor's verdict, lower case; "" for the machine's passages
    passages: tuple[PassageLink, ...]
    note: str  # the editor's reason, if given


@dataclass(frozen=True, slots=True)
class GradeChange:
    area: str
    then: Grade | None
    now: Grade | None


@dataclass(frozen=True, slots=True)
class PreviousFinding:
    """A finding of the previous inspection, and what this inspection's documents say of it."""

    kind: str  # "Area for improvement"
    text: str
    href: str
    later: tuple[Later, ...]


@dataclass(frozen=True, slots=True)
class NewFinding:
    kind: str
    text: str
    href: str


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed since the previous inspection with documents on this site."""

    previous: TitleLink
    graded_then: TitleLink | None  # the latest graded inspection before this one (the grades compared)
    grades: tuple[GradeChange, ...]
    findings: tuple[PreviousFinding, ...]  # the previous inspection's areas to improve
    new: tuple[NewFinding, ...]  # this inspection's areas to improve no earlier one is linked to
    method: str


def excerpt(text: str, most: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: text.rfind(" ", 0, most)] + " …"


def later(page: str, cat: Catalog, fu: Followup) -> Later:
    links = []
    for p in fu.passages:
        if p.finding:
            kind, _, k = p.finding.rpartition("-")
            label = f"{FINDING_KIND[kind].label.lower()} {k}"
            primary = fu.document is fu.inspection.primary
            page_, anchor = urls.inspection(fu.inspection.authority.slug, fu.inspection.id), \
                urls.finding_anchor(primary, fu.document.kind, kind, int(k))
        else:
            label = f"paragraph {p.number}" if p.number is not None else "in the text"
            page_, anchor = locate(cat, fu.inspection, fu.document, p.paragraph)
        links.append(PassageLink(label, urls.html_link(page, page_, anchor), excerpt(p.text)))
    return Later(f"{month_year(fu.inspection.start_date)} {visit_name(fu.inspection)}",
                 urls.html_link(page, urls.inspection(fu.inspection.authority.slug, fu.inspection.id)),
                 FOLLOWUP_LABELS[fu.verdict].lower() if fu.verdict else "", tuple(links), fu.note)


def shown(fu: Followup) -> bool:
    """A follow-up worth a line: an editor's verdict, or passages the machine found."""
    return fu.reviewed or bool(fu.passages)


def finding_id(insp: Inspection, doc: Document, kind: str, k: int) -> str:
    return f"{doc.ref(insp.authority.slug)}#{kind}-{k}"


def _to_improve(insp: Inspection) -> list[tuple[Document, str, int, str]]:
    """(document, kind, k, text) of each area for improvement and priority action of an inspection,
    in Ofsted's documents (a council's own account asks nothing of itself that is followed)."""
    out = []
    for doc in insp.documents:
        if DOCUMENT_KIND[doc.kind].secondary:
            continue
        counts: dict[str, int] = {}
        for f in doc.findings:
            counts[f.kind] = counts.get(f.kind, 0) + 1
            if f.kind in TO_IMPROVE:
                out.append((doc, f.kind, counts[f.kind], f.text))
    return out


def _grade_changes(then: Inspection, now: Inspection) -> tuple[GradeChange, ...]:
    """Each of this inspection's judgements beside the earlier one's for the same area; the
    headline grades alone when the two frameworks judged no area alike."""
    before = {j.area_key: j for j in then.judgements}
    rows = [GradeChange(j.area, grade_badge(before.get(j.area_key)), grade_badge(j)) for j in now.judgements]
    if not any(r.then for r in rows) and (then.headline or now.headline):
        return (GradeChange("Headline grade", grade_badge(then.headline), grade_badge(now.headline)),)
    return tuple(rows)


def changes(cat: Catalog, page: str, insp: Inspection) -> Changes | None:
    prev, _ = cat.neighbours(insp)
    if prev is None:
        return None
    slug = insp.authority.slug
    mine = {d.file for d in insp.documents}
    findings, linked = [], set()
    for doc, kind, k, text in _to_improve(prev):
        here = [fu for fu in cat.followups_of(finding_id(prev, doc, kind, k)) if fu.document.file in mine]
        linked |= {(fu.document.file, p.finding) for fu in here for p in fu.passages if p.finding}
        findings.append(PreviousFinding(
            FINDING_KIND[kind].label, text,
            urls.html_link(page, urls.inspection(slug, prev.id), urls.finding_anchor(doc is prev.primary, doc.kind, kind, k)),
            tuple(later(page, cat, fu) for fu in here if shown(fu))))
    new = tuple(NewFinding(FINDING_KIND[kind].label, text,
                           "#" + urls.finding_anchor(doc is insp.primary, doc.kind, kind, k))
                for doc, kind, k, text in _to_improve(insp) if (doc.file, f"{kind}-{k}") not in linked)
    earlier = [i for i in cat.documented(slug) if i.judgements and i.start_date.as_date() < insp.start_date.as_date()]
    graded = earlier[-1] if earlier and insp.judgements else None
    return Changes(
        previous=TitleLink(inspection_title(prev), urls.md_link(page, urls.inspection(slug, prev.id))),
        graded_then=TitleLink(inspection_title(graded), urls.md_link(page, urls.inspection(slug, graded.id))) if graded else None,
        grades=_grade_changes(graded, insp) if graded else (),
        findings=tuple(findings), new=new, method=urls.md_link(page, urls.ABOUT, urls.FOLLOWUPS_ANCHOR))
