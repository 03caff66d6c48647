"""An inspection's page (metadata, judgements, findings with what happened next, full text) and
the pages of a long text's parts."""
from __future__ import annotations

from dataclasses import dataclass

from generator.index.catalog import Catalog, Inspection
from generator.index.parts import TextPart
from generator.model.dates import date_range, long_date
from generator.model.records import Authority, Block, Document
from generator.model.vocab import DOCUMENT_KIND, FINDING_KIND, NO_OVERALL_GRADE, TIMESCALES
from generator.render import urls
from generator.render.jinja import html_text, paragraph_inside, report_html
from generator.render.labels import headline_words, inspection_title, listed_title
from generator.render.pages.common import (
    OGL,
    Citing,
    Difference,
    JudgementRow,
    NamedLink,
    Page,
    citing,
    differences,
    judgement_rows,
)
from generator.render.pages.followups import Changes, Later, TitleLink, changes, finding_id, later, shown
from generator.render.place import locate


@dataclass(frozen=True, slots=True)
class Tag:
    """A theme's name and its link (raw HTML)."""

    name: str
    href: str


@dataclass(frozen=True, slots=True)
class Where:
    label: str
    href: str


def themes_label(doc: Document) -> str:
    """Themes a person has checked (a reviewed record) are themes; a machine's are suggestions
    (about 3 in 4 right: bench/themes_accuracy.py)."""
    return "Themes: " if doc.reviewed else "Suggested themes: "


@dataclass(frozen=True, slots=True)
class FindingItem:
    anchor: str
    text: str
    paragraph: Where | None  # the paragraph it stands in
    themes: tuple[Tag, ...]
    themes_label: str  # "Themes: ", or "Suggested themes: " for a machine-made record
    later: tuple[Later, ...]
    method: str  # how the machine finds related passages, and how often it is right (About page)


@dataclass(frozen=True, slots=True)
class Timescale:
    """Areas for improvement with one timescale; `stated` is false for "No timescale stated"."""

    label: str
    stated: bool
    entries: tuple[FindingItem, ...]


@dataclass(frozen=True, slots=True)
class FindingSection:
    title: str  # "Areas for priority action"
    entries: tuple[FindingItem, ...]


@dataclass(frozen=True, slots=True)
class TextHeading:
    """One of the report's own section headings, as a Markdown heading of the page, so that it
    is in the page's contents and can be linked to."""

    text: str
    hashes: str  # "###": its level on the page, one below the heading above it at most
    anchor: str  # urls.heading_anchor


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A paragraph of report text, ready for the report text macro."""

    anchor: str = ""
    html: str = ""  # safe HTML
    paragraph: str | None = None  # the inside of the paragraph, when it is one <p>
    mark: str = ""  # the paragraph's number, or ¶
    label: str = ""  # "paragraph 3": the link's accessible name
    tags: str = ""  # "Themes: " or "Suggested themes: " and the theme links, raw HTML
    notes: tuple[str, ...] = ()  # editors' notes (Markdown)


@dataclass(frozen=True, slots=True)
class TextSection:
    """A run of report text and the report's heading above it (none before the first heading)."""

    heading: TextHeading | None
    blocks: tuple[TextBlock, ...]


@dataclass(frozen=True, slots=True)
class PartLink:
    """A part of a long text, as a link (or the current part)."""

    label: str
    href: str
    current: bool
    headings: str
    anchors: str  # on the inspection page: the paragraph ids the part holds, for assets/parts.js


@dataclass(frozen=True, slots=True)
class Source:
    """Where the original is."""

    published: str | None
    href: str | None
    label: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """One document of an inspection page."""

    kind_label: str
    title: str
    secondary: bool  # the council's own account
    from_label: str
    text_label: str
    document_date: str | None
    inspector: str | None
    inspector_label: str
    legal_basis: str | None
    reviewed: bool
    source_url: str | None
    source: Source | None
    notes: tuple[str, ...]
    priority: FindingSection | None  # areas for priority action, shown first as the reports put them
    improvements: tuple[Timescale, ...]
    sections: tuple[FindingSection, ...]  # strengths, areas for development (those it has)
    text: tuple[TextSection, ...]  # the text, when it is on this page
    parts: tuple[PartLink, ...]  # the text's parts, when it is on pages of its own
    paragraph_count: int


@dataclass(frozen=True, slots=True)
class AuthorityRef:
    name: str
    short_name: str
    link: str


@dataclass(frozen=True, slots=True)
class FrameworkRef:
    name: str
    graded: bool
    link: str


@dataclass(frozen=True, slots=True)
class CitedHere:
    """An earlier inspection this inspection's documents cite, and the paragraph that does."""

    title: str
    dates: str
    link: str
    paragraphs: tuple[NamedLink, ...]  # every paragraph that cites it: "paragraph 3" and its link
    council: str  # "" for this council's own; else whose inspection it was (a council it took over from)
    documented: bool  # its report is on this site


@dataclass(frozen=True, slots=True)
class InspectionLinks:
    authorities: str


@dataclass(frozen=True, slots=True)
class InspectionContext:
    """inspection.md.j2: one inspection."""

    description: str  # the page in a sentence or two, for search engines (its meta description)
    title: str
    authority: AuthorityRef
    framework: FrameworkRef
    dates: str
    judgements: tuple[JudgementRow, ...]
    no_overall: bool  # graded by area only, with no overall grade (the reformed framework of 2026)
    secondary_only: bool
    documents: tuple[DocumentInfo, ...]
    cited_here: tuple[CitedHere, ...]
    cited_later: tuple[Citing, ...]  # paragraphs of later documents that mention this inspection
    later_by_machine: bool  # some of them were found by machine and not checked by a person
    differences: tuple[Difference, ...]  # where they disagree with its report (date, grades)
    changes: Changes | None  # None for a council's first inspection on this site
    parts_script: str  # assets/parts.js, when the texts are on part pages
    previous: TitleLink | None
    next: TitleLink | None
    links: InspectionLinks
    ogl: str


@dataclass(frozen=True, slots=True)
class PartDocument:
    title: str
    secondary: bool
    text_label: str
    reviewed: bool
    source_url: str | None
    several: bool  # the inspection has several documents
    numbered: bool  # the part has numbered paragraphs


@dataclass(frozen=True, slots=True)
class PartInspection:
    dates: str
    link: str


@dataclass(frozen=True, slots=True)
class NearPart:
    label: str
    link: str


@dataclass(frozen=True, slots=True)
class TextPartContext:
    """text_part.md.j2: one part of a long document's text."""

    description: str  # the page in a sentence or two, for search engines (its meta description)
    title: str
    heading: str
    crumb: str
    label: str
    authority: AuthorityRef
    inspection: PartInspection
    document: PartDocument
    parts: tuple[PartLink, ...]
    text: tuple[TextSection, ...]
    previous: NearPart | None
    next: NearPart | None
    links: InspectionLinks
    ogl: str


def _sections(cat: Catalog, page: str, insp: Inspection, doc: Document, body: tuple[Block, ...],
              top: int) -> tuple[TextSection, ...]:
    """A document's headings and paragraphs as the report text macro shows them: runs of
    paragraphs, each under the report's heading before it. The report's headings (levels 2 to
    4) become the page's headings from level `top` down, never more than one level below the
    heading before them, so the page's levels stay in order. Their ids are made over the whole
    document, so a part page gives a heading the id the whole text would."""
    ref = doc.ref(insp.authority.slug)
    primary = doc is insp.primary
    sections: list[TextSection] = []
    heading: TextHeading | None = None
    out: list[TextBlock] = []
    taken: set[str] = set()
    ids = {id(b): urls.heading_anchor(b.text, taken) for b in doc.body if b.is_heading}
    shallowest = min((b.heading_level for b in doc.body if b.is_heading), default=2)
    level = 0  # the page level of the last heading
    tag_html: dict[str, str] = {}  # theme slug → its link from this page, made once per page
    for b in body:
        if b.is_heading:
            if heading is not None or out:
                sections.append(TextSection(heading, tuple(out)))
            want = top + b.heading_level - shallowest
            level = min(want, level + 1 if level else top, 6)
            heading = TextHeading(b.text, "#" * level, urls.page_anchor(primary, doc.kind, ids[id(b)]))
            out = []
            continue
        for s in b.themes:
            if s not in tag_html:
                tag_html[s] = f'<a href="{html_text(urls.html_link(page, urls.theme(s)))}">{html_text(cat.themes[s].name)}</a>'
        html = report_html(b.text)  # safe HTML, made once
        out.append(TextBlock(
            anchor=urls.page_anchor(primary, doc.kind, b.anchor), html=html,
            paragraph=paragraph_inside(html), mark=str(b.number) if b.number else "¶",
            label=f"paragraph {b.number}" if b.number else "this paragraph",
            tags=(themes_label(doc) + " ".join(tag_html[s] for s in b.themes)) if b.themes else "", notes=tuple(n.text for n in cat.notes(ref, b.anchor))))
    if heading is not None or out:
        sections.append(TextSection(heading, tuple(out)))
    return tuple(sections)


def _part_label(part: TextPart) -> str:
    """"Part 2 of 3: paragraphs 96 to 190", or "The whole text" for a text in one part."""
    name = f"Part {part.index} of {part.count}" if part.count > 1 else "The whole text"
    span = part.paragraph_range
    if span is None:
        return name
    first, last = span
    return f"{name}: paragraph {first}" if first == last else f"{name}: paragraphs {first} to {last}"


def _part_headings(part: TextPart, most: int = 4) -> str:
    """The part's first few top-level headings, "A; B; C; and 5 more headings"."""
    hs = part.headings
    shown = "; ".join(hs[:most])
    rest = len(hs) - most
    return shown + (f"; and {rest} more heading{'s' if rest != 1 else ''}" if rest > 0 else "")


def _part_links(cat: Catalog, page: str, insp: Inspection, doc: Document, current: TextPart | None = None) -> tuple[PartLink, ...]:
    """The parts of a document's long text, with links from `page`. On the inspection page (no
    `current` part) each link lists its paragraphs' ids for assets/parts.js."""
    primary = doc is insp.primary
    return tuple(
        PartLink(_part_label(part), urls.html_link(page, urls.inspection_part(insp.authority.slug, insp.id, part.number)),
                 part is current, _part_headings(part),
                 "" if current else " ".join(urls.page_anchor(primary, doc.kind, a) for a in part.anchors))
        for part in cat.text_parts(insp) if part.document is doc)


def source_of(doc: Document, authority: Authority) -> Source | None:
    """Where the original is: Ofsted's own file where the record has its address; else, for
    Ofsted's documents, the council's page on Ofsted's reports site, said to be just that."""
    kind = DOCUMENT_KIND[doc.kind]
    published = long_date(doc.published) if doc.published else None
    if doc.source_url:
        label = f"the {kind.short} on Ofsted's website (PDF)" if not kind.secondary else "the paper on the council's website"
        return Source(published, doc.source_url, label, None)
    if not kind.secondary and authority.urn:
        return Source(published, urls.ofsted_provider_page(authority.urn), f"Ofsted's page for {authority.short_name}",
                      f"which lists its reports and letters: this site has no link to this {kind.short} itself")
    return Source(published, None, None, None) if published else None


def _document(cat: Catalog, page: str, insp: Inspection, doc: Document) -> DocumentInfo:
    ref = doc.ref(insp.authority.slug)
    kind = DOCUMENT_KIND[doc.kind]
    parts = _part_links(cat, page, insp, doc)
    primary = doc is insp.primary
    method = urls.html_link(page, urls.ABOUT, urls.FOLLOWUPS_ANCHOR)
    by_kind: dict[str, list[tuple[FindingItem, str | None]]] = {k: [] for k in FINDING_KIND}
    for f in doc.findings:
        block = doc.block(f.paragraph) if f.paragraph else None
        k = len(by_kind[f.kind]) + 1
        followups = cat.followups_of(finding_id(insp, doc, f.kind, k))
        item = FindingItem(
            anchor=urls.finding_anchor(primary, doc.kind, f.kind, k), text=f.text,
            paragraph=(Where(f"paragraph {block.number}" if block and block.number else "in the text",
                             urls.html_link(page, *locate(cat, insp, doc, f.paragraph))) if f.paragraph else None),
            themes=tuple(Tag(cat.themes[s].name, urls.html_link(page, urls.theme(s))) for s in f.themes),
            themes_label=themes_label(doc),
            later=tuple(later(page, cat, fu) for fu in followups if shown(fu)), method=method)
        by_kind[f.kind].append((item, f.timescale))
    improvements = []
    for key, label in TIMESCALES.items():
        entries = tuple(item for item, timescale in by_kind["improvement"] if timescale == key)
        if entries:
            improvements.append(Timescale(label, key != "none-stated", entries))
    sections = tuple(FindingSection(FINDING_KIND[k].plural.capitalize(), tuple(i for i, _ in by_kind[k]))
                     for k in ("strength", "development-area") if by_kind[k])
    priority = (FindingSection(FINDING_KIND["priority-action"].plural.capitalize(),
                               tuple(i for i, _ in by_kind["priority-action"])) if by_kind["priority-action"] else None)
    return DocumentInfo(
        kind_label=kind.label, title=doc.title, secondary=kind.secondary, from_label=kind.from_label,
        text_label=kind.text_label, document_date=long_date(doc.document_date) if doc.document_date else None,
        inspector=doc.inspector, inspector_label="Inspector named" if kind.secondary else "Lead or reporting inspector",
        legal_basis=doc.legal_basis, reviewed=doc.reviewed, source_url=doc.source_url,
        source=source_of(doc, insp.authority), notes=tuple(n.text for n in cat.notes(ref, None)),
        priority=priority, improvements=tuple(improvements), sections=sections,
        text=() if parts else _sections(cat, page, insp, doc, doc.body, top=3), parts=parts,
        paragraph_count=sum(1 for b in doc.body if b.number))


def _whose(insp: Inspection, doc: Document | None = None) -> str:
    """"Ofsted's report on Nottinghamshire County Council", or "Nottingham City Council's own
    account of it"."""
    kind = DOCUMENT_KIND[(doc or insp.primary).kind]
    name = insp.authority.name
    return f"{name}'s own account of it" if kind.secondary else f"Ofsted's {kind.short} on {name}"


def _authority_ref(page: str, insp: Inspection) -> AuthorityRef:
    a = insp.authority
    return AuthorityRef(a.name, a.short_name, urls.md_link(page, urls.authority(a.slug)))


def inspection_page(cat: Catalog, insp: Inspection) -> Page:
    slug = insp.authority.slug
    page = urls.inspection(slug, insp.id)
    prev, nxt = cat.neighbours(insp)
    cited: dict[tuple[str, str], tuple[Inspection, list[NamedLink]]] = {}
    for doc in insp.documents:
        at = {b.anchor: k for k, b in enumerate(doc.body)}
        for other, c in sorted(cat.cites(doc.ref(slug)), key=lambda x: (x[0].start_date.as_date(), x[0].id,
                                                                          at.get(x[1].paragraph, 0))):
            block = doc.block(c.paragraph)
            label = f"paragraph {block.number}" if block is not None and block.number else "an unnumbered paragraph"
            cited.setdefault((other.authority.slug, other.id), (other, []))[1].append(
                NamedLink(label, urls.md_link(page, *locate(cat, insp, doc, c.paragraph))))
    cited_here = [CitedHere(listed_title(other), date_range(other.start_date, other.end_date),
                            urls.md_link(page, *urls.inspection_home(other.authority.slug, other.id, other.is_cited)),
                            tuple(links), other.authority.short_name if other.authority.slug != slug else "",
                            not other.is_cited)
                  for other, links in cited.values()]
    mentioned_by = citing(cat, page, insp)
    grade = f" {headline_words(insp)}" if insp.judgements else ""
    return Page(page, "inspection.md.j2", InspectionContext(
        description=(f"{inspection_title(insp)}: {_whose(insp)}, "
                     f"{date_range(insp.start_date, insp.end_date)}.{grade} The full text, paragraph by paragraph, "
                     "with what needed to improve and what later inspections said of it."),
        title=inspection_title(insp), authority=_authority_ref(page, insp),
        framework=FrameworkRef(insp.framework.name, insp.framework.graded,
                               urls.md_link(page, urls.FRAMEWORKS, f"framework-{insp.framework.key}")),
        dates=date_range(insp.start_date, insp.end_date), judgements=judgement_rows(insp),
        no_overall=insp.headline_status == NO_OVERALL_GRADE,
        secondary_only=insp.secondary_only,
        documents=tuple(_document(cat, page, insp, d) for d in insp.documents), cited_here=tuple(cited_here),
        cited_later=mentioned_by, later_by_machine=any(c.by_machine for c in insp.cited_at), differences=differences(cat, page, insp),
        changes=changes(cat, page, insp),
        parts_script=urls.file_link(page, urls.PARTS_SCRIPT) if cat.text_parts(insp) else "",
        previous=TitleLink(inspection_title(prev), urls.md_link(page, urls.inspection(slug, prev.id))) if prev else None,
        next=TitleLink(inspection_title(nxt), urls.md_link(page, urls.inspection(slug, nxt.id))) if nxt else None,
        links=InspectionLinks(urls.md_link(page, urls.AUTHORITIES)), ogl=OGL))


def text_part_page(cat: Catalog, insp: Inspection, part: TextPart) -> Page:
    """One part of a long document's text, on a page of its own."""
    slug = insp.authority.slug
    page = urls.inspection_part(slug, insp.id, part.number)
    doc = part.document
    kind = DOCUMENT_KIND[doc.kind]
    siblings = [p for p in cat.text_parts(insp) if p.document is doc]
    k = siblings.index(part)

    def near(other: TextPart) -> NearPart:
        return NearPart(_part_label(other), urls.html_link(page, urls.inspection_part(slug, insp.id, other.number)))

    several = len(insp.documents) > 1
    what = kind.text_label[:1].lower() + kind.text_label[1:] if several else "full text"
    return Page(page, "text_part.md.j2", TextPartContext(
        description=(f"{inspection_title(insp)}: the text of {_whose(insp, doc)}, "
                     f"{date_range(insp.start_date, insp.end_date)}"
                     + (f", part {part.index} of {part.count}." if part.count > 1 else ".")),
        title=inspection_title(insp),
        heading=what + (f", part {part.index} of {part.count}" if part.count > 1 else ""),
        crumb=f"Part {part.index}" if part.count > 1 else what[0].upper() + what[1:],
        label=_part_label(part), authority=_authority_ref(page, insp),
        inspection=PartInspection(date_range(insp.start_date, insp.end_date), urls.md_link(page, urls.inspection(slug, insp.id))),
        document=PartDocument(doc.title, kind.secondary, kind.text_label, doc.reviewed, doc.source_url, several,
                              any(b.number for b in part.blocks)),
        parts=_part_links(cat, page, insp, doc, current=part) if part.count > 1 else (),
        text=_sections(cat, page, insp, doc, part.blocks, top=3 if part.count > 1 else 2),
        previous=near(siblings[k - 1]) if k > 0 else None,
        next=near(siblings[k + 1]) if k + 1 < len(siblings) else None,
        links=InspectionLinks(urls.md_link(page, urls.AUTHORITIES)), ogl=OGL))
