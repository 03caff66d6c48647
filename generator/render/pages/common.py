"""What several page kinds show alike: grade badges, links to a paragraph, an inspection in a
list or table, judgement rows. Each is a frozen dataclass the templates read."""
from __future__ import annotations

from dataclasses import dataclass

from generator.index.catalog import Catalog, Inspection, Mention
from generator.model.dates import date_range, long_date
from generator.model.records import Document, Judgement
from generator.model.vocab import DOCUMENT_KIND, GRADE_LABELS, HEADLINE_STATUSES, PARAGRAPH
from generator.render import urls
from generator.render.labels import area_short_name, inspection_title, ordered_judgements
from generator.render.place import locate

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@dataclass(frozen=True, slots=True)
class Page:
    """One generated page: its path under docs/, its template and the template's context."""

    path: str
    template: str
    context: object  # a frozen dataclass; its fields are the template's variables


@dataclass(frozen=True, slots=True)
class Grade:
    """A grade as the site shows it: the label, and the key of its visual cue (CSS class)."""

    key: str
    label: str


@dataclass(frozen=True, slots=True)
class AreaGrade:
    """One area's grade, listed where an inspection has no overall grade: ("Leaders", Good)."""

    area: str  # the area's short name
    grade: Grade


@dataclass(frozen=True, slots=True)
class Headline:
    """What stands for an inspection where one grade is shown. With an overall grade, that
    grade. Without one, `status` says so in words ("No overall grade": the reformed framework of
    2026 judges areas only; "Not graded": a visit or letter), and `areas` lists the areas'
    grades, in the framework's order, so that no area's grade passes for an overall one."""

    grade: Grade | None  # the overall grade
    status: str  # when there is no overall grade: why, in words
    areas: tuple[AreaGrade, ...]  # when there is no overall grade but areas were graded


@dataclass(frozen=True, slots=True)
class FeedLink:
    """The Atom feed a page announces in its head (autodiscovery, overrides/main.html): its path
    from the site root, which the theme makes relative to the page, and its title."""

    path: str
    title: str


@dataclass(frozen=True, slots=True)
class NamedLink:
    """A name and a Markdown link to it."""

    name: str
    link: str


@dataclass(frozen=True, slots=True)
class JudgementRow:
    """One judgement's row: the area as written, its grade, and the grade word as the report
    wrote it when that differs from the site's label ("Requires improvement to be good")."""

    area: str
    grade: Grade
    written_as: str | None


@dataclass(frozen=True, slots=True)
class Citing:
    """A paragraph of a later document that mentions an inspection."""

    text: str  # the document and paragraph: "Single inspection framework, March 2015, paragraph 3"
    link: str
    quote: str = ""  # what it says, as read by the machine ("" for a person's entry: read the paragraph)


@dataclass(frozen=True, slots=True)
class Version:
    """What one later document says where documents disagree."""

    value: str  # "June 2012", "Good"
    source: str  # the document and paragraph
    link: str


@dataclass(frozen=True, slots=True)
class Difference:
    """Where later documents disagree with each other, or with the inspection's own report."""

    text: str  # "Later reports give different dates"
    versions: tuple[Version, ...]


@dataclass(frozen=True, slots=True)
class InspectionItem:
    """An inspection in a list or table: documented (with its own page) or known only from a
    later report (shown on its council's page, with what is known of it)."""

    title: str
    dates: str
    link: str
    headline: Headline
    cited: bool
    anchor: str  # id of a cited inspection's entry on its council's page; "" for documented ones
    sources: str
    secondary_only: bool  # every document is the council's own account
    graded: bool  # the framework gives grades
    summary: str = ""  # cited only: what is known of it
    citations: tuple[Citing, ...] = ()  # cited only: the paragraphs that mention it
    judgements: tuple[JudgementRow, ...] = ()  # cited inspections, and the latest graded one on a council's page
    authority: str = ""  # in national lists: the council's short name
    authority_link: str = ""
    by_machine: bool = False  # cited only: known from the machine's reading of later reports, not checked by a person
    differences: tuple[Difference, ...] = ()  # cited only: where later reports disagree
    predecessor: str = ""  # on a successor's page: the council it was an inspection of ("Northamptonshire")
    several: bool = False  # cited only: more than one later document mentions it


def grade_badge(j: Judgement | None) -> Grade | None:
    return None if j is None else Grade(j.grade_key, GRADE_LABELS[j.grade_key])


def headline(insp: Inspection) -> Headline:
    """The overall grade, or what is shown instead (see Headline)."""
    if insp.headline is not None:
        return Headline(grade_badge(insp.headline), "", ())
    areas = tuple(AreaGrade(area_short_name(insp, j), Grade(j.grade_key, GRADE_LABELS[j.grade_key]))
                  for j in ordered_judgements(insp)) if insp.judgements else ()
    return Headline(None, HEADLINE_STATUSES[insp.headline_status], areas)


def judgement_rows(insp: Inspection) -> tuple[JudgementRow, ...]:
    rows = []
    for j in ordered_judgements(insp):
        label = GRADE_LABELS[j.grade_key]
        rows.append(JudgementRow(j.area, Grade(j.grade_key, label), j.grade if j.grade.lower() != label.lower() else None))
    return tuple(rows)


def mention_link(cat: Catalog, page: str, m: Mention, html: bool = False) -> str:
    """Link to the paragraph or finding of a mention: for Markdown, or (html=True) for raw HTML."""
    return (urls.html_link if html else urls.md_link)(page, *locate(cat, m.inspection, m.document, m.anchor))


def paragraph_label(m: Mention) -> str:
    if m.number is not None:
        return f"paragraph {m.number}"
    if m.anchor.startswith("s-"):
        return "summary text" if m.kind == PARAGRAPH else "in the text"
    return ""


def _source(cat: Catalog, ref: str, paragraph: str, of: Inspection) -> tuple[str, Inspection, Document]:
    """"Single inspection framework, March 2015, paragraph 3": a citing paragraph in words (with
    its council's name when that is not the council of the inspection `of`, a predecessor's)."""
    target_insp, target_doc = cat.by_ref(ref)
    block = target_doc.block(paragraph)
    label = f"paragraph {block.number}" if block and block.number else "unnumbered paragraph"
    council = f"{target_insp.authority.short_name}: " if target_insp.authority.slug != of.authority.slug else ""
    return f"{council}{inspection_title(target_insp)}, {label}", target_insp, target_doc


def _excerpt(text: str, limit: int = 320) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[:cut if cut > 0 else limit].rstrip(",;:") + " …"


def citing(cat: Catalog, page: str, insp: Inspection) -> tuple[Citing, ...]:
    """The paragraphs of later documents that cite an inspection, oldest document first."""
    def order(c) -> tuple:
        doc = cat.by_ref(c.document)[1]
        at = next((k for k, b in enumerate(doc.body) if b.anchor == c.paragraph), 0)
        return doc.start_date.as_date(), c.document, at

    out = []
    for c in sorted(insp.cited_at, key=order):
        label, target_insp, target_doc = _source(cat, c.document, c.paragraph, insp)
        out.append(Citing(label, urls.md_link(page, *locate(cat, target_insp, target_doc, c.paragraph)),
                          _excerpt(c.text)))
    return tuple(out)


def differences(cat: Catalog, page: str, insp: Inspection) -> tuple[Difference, ...]:
    """Where later documents disagree on an inspection's date or grades, with each other or with
    its own report: every version, each with the paragraph that gives it."""
    def version(value: str, c) -> Version:
        label, target_insp, target_doc = _source(cat, c.document, c.paragraph, insp)
        return Version(value, label, urls.md_link(page, *locate(cat, target_insp, target_doc, c.paragraph)))

    out: list[Difference] = []
    dated = [c for c in insp.cited_at if c.date is not None and not c.published]
    if insp.documents:
        given = [c for c in dated if c.date in insp.dates_given]
        if given:
            out.append(Difference(f"Its report dates it {date_range(insp.start_date, insp.end_date)}; "
                                  f"{'a later document gives' if len(given) == 1 else 'later documents give'}",
                                  tuple(version(long_date(c.date), c) for c in given)))
        own = {j.area_key: j for j in insp.judgements}
        for c in insp.cited_at:
            for j in c.grades:
                if j.area_key in own and own[j.area_key].grade_key != j.grade_key:
                    out.append(Difference(f"{own[j.area_key].area}: its report gives "
                                          f"{GRADE_LABELS[own[j.area_key].grade_key]}; a later document gives",
                                          (version(GRADE_LABELS[j.grade_key], c),)))
        return tuple(out)
    months = {(c.date.year, c.date.month) for c in dated if c.date.month}
    years = {c.date.year for c in dated}
    if len(months) > 1 or len(years) > 1:
        out.append(Difference("Later documents give different dates",
                              tuple(version(long_date(c.date), c) for c in dated
                                    if c.date.month or len(years) > 1)))
    by_area: dict[str, list] = {}
    for c in insp.cited_at:
        for j in c.grades:
            by_area.setdefault(j.area_key, []).append((j, c))
    for key, found in by_area.items():
        if len({j.grade_key for j, _ in found}) > 1:
            out.append(Difference(f"{found[0][0].area}: later documents give different grades",
                                  tuple(version(GRADE_LABELS[j.grade_key], c) for j, c in found)))
    return tuple(out)


def inspection_item(cat: Catalog, page: str, insp: Inspection, judgements: bool = False,
                    national: bool = False, predecessor: str = "") -> InspectionItem:
    """What a list or table row needs to show one inspection, with links from `page`;
    `judgements`: with its judgement rows; `national`: with its council's name and link;
    `predecessor`: shown on a successor's page, as the inspection of the council it names."""
    head = headline(insp)
    who = dict(authority=insp.authority.short_name, authority_link=urls.md_link(page, urls.authority(insp.authority.slug))) if national else {}
    if insp.cited is not None and not insp.documents:
        several = len({c.document for c in insp.cited_at}) > 1
        return InspectionItem(
            title=insp.cited.title, dates=date_range(insp.start_date, insp.end_date),
            link=urls.md_link(page, *urls.inspection_home(insp.authority.slug, insp.id, True)),
            headline=head, cited=True, anchor=urls.cited_anchor(insp.id),
            sources="Known only from later reports" if several else "Known only from a later report",
            secondary_only=False, graded=insp.framework.graded,
            summary=insp.cited.summary, citations=citing(cat, page, insp), judgements=judgement_rows(insp), **who,
            by_machine=insp.by_machine, differences=differences(cat, page, insp), predecessor=predecessor,
            several=several)
    return InspectionItem(
        title=inspection_title(insp), dates=date_range(insp.start_date, insp.end_date),
        link=urls.md_link(page, urls.inspection(insp.authority.slug, insp.id)), headline=head,
        cited=False, anchor="", sources=", ".join(DOCUMENT_KIND[d.kind].label for d in insp.documents),
        secondary_only=insp.secondary_only, graded=insp.framework.graded,
        judgements=judgement_rows(insp) if judgements else (), **who, predecessor=predecessor)
