"""What several page kinds show alike: grade badges, links to a paragraph, an inspection in a
list or table, judgement rows. Each is a frozen dataclass the templates read."""
from __future__ import annotations

from dataclasses import dataclass

from generator.index.catalog import Catalog, Inspection, Mention
from generator.model.dates import date_range
from generator.model.records import Judgement
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
    """A paragraph of a later document that mentions a cited inspection."""

    text: str
    link: str


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


def inspection_item(cat: Catalog, page: str, insp: Inspection, judgements: bool = False,
                    national: bool = False) -> InspectionItem:
    """What a list or table row needs to show one inspection, with links from `page`;
    `judgements`: with its judgement rows; `national`: with its council's name and link."""
    head = headline(insp)
    who = dict(authority=insp.authority.short_name, authority_link=urls.md_link(page, urls.authority(insp.authority.slug))) if national else {}
    if insp.cited is not None:
        citations = []
        for c in insp.cited.cited_by:
            target_insp, target_doc = cat.by_ref(c.document)
            block = target_doc.block(c.paragraph)
            label = f"paragraph {block.number}" if block and block.number else "summary"
            citations.append(Citing(f"{inspection_title(target_insp)}, {label}",
                                    urls.md_link(page, *locate(cat, target_insp, target_doc, c.paragraph))))
        return InspectionItem(
            title=insp.cited.title, dates=date_range(insp.start_date, insp.end_date),
            link=urls.md_link(page, *urls.inspection_home(insp.authority.slug, insp.id, True)),
            headline=head, cited=True, anchor=urls.cited_anchor(insp.id),
            sources="Known only from a later report", secondary_only=False, graded=insp.framework.graded,
            summary=insp.cited.summary, citations=tuple(citations), judgements=judgement_rows(insp), **who)
    return InspectionItem(
        title=inspection_title(insp), dates=date_range(insp.start_date, insp.end_date),
        link=urls.md_link(page, urls.inspection(insp.authority.slug, insp.id)), headline=head,
        cited=False, anchor="", sources=", ".join(DOCUMENT_KIND[d.kind].label for d in insp.documents),
        secondary_only=insp.secondary_only, graded=insp.framework.graded,
        judgements=judgement_rows(insp) if judgements else (), **who)
