"""The cross-reference index: inspections from documents, each authority's history,
themes across records, previous and next. Pure: a Dataset in, a Catalog out."""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field

from generator.render import urls
from generator.model.dates import PartialDate
from generator.model.records import (Annotation, Authority, Block, Citation, CitedInspection, Dataset, Document, Finding,
                             Framework, Judgement, Theme)
from generator.index.parts import TextPart, split_texts

_PRIMARY = {"ofsted-report": 0, "ofsted-letter": 1, "council-response": 2}


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
    def secondary_only(self) -> bool:
        """True when every document is a secondary source (a council's own account)."""
        return bool(self.documents) and all(d.kind == "council-response" for d in self.documents)


@dataclass(frozen=True)
class Mention:
    """A finding or paragraph on a theme, located in its document."""

    inspection: Inspection
    document: Document
    anchor: str  # paragraph anchor (p-N / s-K) or "" if the finding has no paragraph
    kind: str  # improvement | priority-action | strength | development-area | paragraph
    text: str
    number: int | None = None
    timescale: str | None = None


@dataclass
class Catalog:
    dataset: Dataset
    authorities: tuple[Authority, ...]
    inspections: dict[str, tuple[Inspection, ...]]  # authority slug → oldest first, cited included
    frameworks: dict[str, Framework]
    themes: dict[str, Theme]
    mentions: dict[str, tuple[Mention, ...]]  # theme slug → mentions
    annotations: dict[tuple[str, str | None], tuple[Annotation, ...]] = field(default_factory=dict)
    _parts: dict[tuple[str, str], tuple[TextPart, ...]] = field(default_factory=dict, repr=False)
    _part_pages: dict[tuple[int, str], str] = field(default_factory=dict, repr=False)

    def documented(self, slug: str) -> tuple[Inspection, ...]:
        return tuple(i for i in self.inspections[slug] if not i.is_cited)

    def neighbours(self, insp: Inspection) -> tuple[Inspection | None, Inspection | None]:
        """Previous and next documented inspections of the same authority."""
        seq = self.documented(insp.authority.slug)
        k = seq.index(insp)
        return (seq[k - 1] if k > 0 else None, seq[k + 1] if k + 1 < len(seq) else None)

    def latest_graded(self, slug: str) -> Inspection | None:
        graded = [i for i in self.inspections[slug] if i.judgements and not i.is_cited]
        return graded[-1] if graded else None

    def authority_mentions(self, slug: str) -> dict[str, list[Mention]]:
        """Theme slug → mentions in this authority's documents."""
        return self.mentions_by_authority().get(slug, {})

    def mentions_by_authority(self) -> dict[str, dict[str, list[Mention]]]:
        """Authority slug → theme slug → mentions, in the order of `mentions` (built once)."""
        if not hasattr(self, "_by_authority"):
            out: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
            for theme_slug, ms in self.mentions.items():
                for m in ms:
                    out[m.inspection.authority.slug][theme_slug].append(m)
            self._by_authority = {a: dict(t) for a, t in out.items()}
        return self._by_authority

    def notes(self, ref: str, anchor: str | None) -> tuple[Annotation, ...]:
        return self.annotations.get((ref, anchor), ())

    def by_ref(self, ref: str) -> tuple[Inspection, Document]:
        """The inspection and document a ref ("<slug>/<inspection-id>/<kind>") names."""
        if not hasattr(self, "_refs"):
            self._refs = {d.ref(i.authority.slug): (i, d) for insps in self.inspections.values()
                          for i in insps for d in i.documents}
        return self._refs[ref]

    def text_parts(self, insp: Inspection) -> tuple[TextPart, ...]:
        """The parts of a long inspection page's texts, each on a page of its own; () when the
        texts stay on the inspection page."""
        key = (insp.authority.slug, insp.id)
        parts = self._parts.get(key)
        if parts is None:
            seq = self.documented(insp.authority.slug)
            later = len(seq) - 1 - seq.index(insp) if insp in seq else 0
            parts = self._parts[key] = split_texts(insp.documents, later)
            for part in parts:
                page = urls.inspection_part(insp.authority.slug, insp.id, part.number)
                for anchor in part.anchors:
                    self._part_pages[(id(part.document), anchor)] = page
        return parts

    def locate(self, insp: Inspection, doc: Document, anchor: str) -> tuple[str, str]:
        """The page (Markdown path) that shows a document's paragraph, and the paragraph's id
        there: the inspection's page, or the page of the part of a long text that holds it.
        An empty anchor (a finding placed in no paragraph) is the inspection's page itself."""
        if anchor and self.text_parts(insp):
            page = self._part_pages.get((id(doc), anchor))
            if page is not None:
                return page, self.page_anchor(insp, doc, anchor)
        return urls.inspection(insp.authority.slug, insp.id), self.page_anchor(insp, doc, anchor)

    @staticmethod
    def page_anchor(insp: Inspection, doc: Document, anchor: str) -> str:
        """The id of a document's paragraph on its page (see `locate`): the document's own
        anchor for the main document, prefixed with the kind for any other (one page may hold
        Ofsted's report and a council's paper, each with a paragraph 1)."""
        if not anchor or doc is insp.primary:
            return anchor
        return f"{doc.kind}-{anchor}"

    @staticmethod
    def finding_anchor(insp: Inspection, doc: Document, finding: Finding) -> str:
        """The id of a finding on its inspection's page, e.g. "improvement-2"."""
        k = [f for f in doc.findings if f.kind == finding.kind].index(finding) + 1
        own = f"{finding.kind}-{k}"
        return own if doc is insp.primary else f"{doc.kind}-{own}"


def _block_mentions(insp: Inspection, doc: Document) -> list[tuple[str, Mention]]:
    out = []
    for b in doc.body:
        for t in b.themes:
            out.append((t, Mention(insp, doc, b.anchor, "paragraph", b.text, b.number)))
    return out


def _finding_mentions(insp: Inspection, doc: Document, findings: tuple[Finding, ...]) -> list[tuple[str, Mention]]:
    out = []
    blocks: dict[str, Block] = {b.anchor: b for b in doc.body}
    for f in findings:
        number = blocks[f.paragraph].number if f.paragraph and f.paragraph in blocks else None
        for t in f.themes:
            out.append((t, Mention(insp, doc, f.paragraph or "", f.kind, f.text, number, f.timescale)))
    return out


def _group_documents(documents: tuple[Document, ...]) -> list[tuple[str, list[Document]]]:
    """Documents about one inspection: same authority and framework, overlapping dates
    (within a few days: a council's paper and Ofsted's report may date the start differently)."""
    groups: list[tuple[str, list[Document]]] = []
    ordered = sorted(documents, key=lambda d: (d.authority, d.framework, d.start_date.as_date(), d.file))
    end_of: dict[int, object] = {}
    for doc in ordered:
        last = groups[-1] if groups else None
        if (last is not None and last[0] == doc.authority and last[1][0].framework == doc.framework
                and (doc.start_date.as_date() - end_of[len(groups) - 1]).days <= 3):  # type: ignore[operator]
            last[1].append(doc)
            end_of[len(groups) - 1] = max(end_of[len(groups) - 1], doc.end_date.as_date())  # type: ignore[type-var]
        else:
            groups.append((doc.authority, [doc]))
            end_of[len(groups) - 1] = doc.end_date.as_date()
    return groups


def _is_cited_one(c: CitedInspection, insp: Inspection) -> bool:
    """Is documented inspection `insp` the one that cited record `c` describes?"""
    if c.framework != insp.framework.key:
        return False
    start, end = insp.start_date, insp.end_date or insp.start_date
    if c.start_date.year not in (start.year, end.year):
        return False
    return not c.start_date.month or c.start_date.month in (start.month, end.month)


def build_catalog(ds: Dataset) -> Catalog:
    frameworks = {f.key: f for f in ds.frameworks}
    by_code = {a.ons_code: a for a in ds.authorities}
    per_authority: dict[str, list[Inspection]] = {a.slug: [] for a in ds.authorities}
    for code, group in _group_documents(ds.documents):
        group.sort(key=lambda d: (_PRIMARY[d.kind], d.start_date, d.file))
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
    inspections = {slug: tuple(sorted(v, key=lambda i: (i.start_date.as_date(), i.is_cited, i.id)))
                   for slug, v in per_authority.items()}

    mentions: dict[str, list[Mention]] = {t.slug: [] for t in ds.themes}
    for slug in sorted(inspections):
        for insp in inspections[slug]:
            for doc in insp.documents:
                for theme_slug, m in _finding_mentions(insp, doc, doc.findings) + _block_mentions(insp, doc):
                    mentions[theme_slug].append(m)
    annotations: dict[tuple[str, str | None], list[Annotation]] = defaultdict(list)
    for note in ds.annotations:
        annotations[(note.document, note.paragraph)].append(note)
    authorities = tuple(sorted(ds.authorities, key=lambda a: a.short_name))
    return Catalog(ds, authorities, inspections, frameworks, {t.slug: t for t in ds.themes},
                   {k: tuple(v) for k, v in mentions.items()}, {k: tuple(v) for k, v in annotations.items()})
