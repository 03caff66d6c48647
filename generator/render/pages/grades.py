"""Grades across councils and years, the inspections of each year, and the frameworks explained."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.index.catalog import Catalog
from generator.model.vocab import GRADE_LABELS, HEADLINE_STATUSES, OVERALL
from generator.render import urls
from generator.render.labels import month_year
from generator.render.pages.common import Grade, Headline, InspectionItem, Page, inspection_item


@dataclass(frozen=True, slots=True)
class Step:
    """One inspection in a council's row of headline grades."""

    when: str
    link: str
    headline: Headline
    cited: bool
    secondary: bool


@dataclass(frozen=True, slots=True)
class GradesRow:
    name: str
    link: str
    sequence: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class YearLink:
    year: int
    count: int
    link: str


@dataclass(frozen=True, slots=True)
class GradesLinks:
    frameworks: str
    latest: str


@dataclass(frozen=True, slots=True)
class GradesContext:
    """grades.md.j2: each council's headline grades in a row, and the years."""

    description: str  # the page in a sentence or two, for search engines (its meta description)
    rows: tuple[GradesRow, ...]
    years: tuple[YearLink, ...]
    links: GradesLinks


@dataclass(frozen=True, slots=True)
class Tally:
    """How many of a year's inspections had one overall grade, or none (label: why)."""

    grade: Grade | None
    label: str  # without an overall grade: "No overall grade", "Not graded" …
    count: int


@dataclass(frozen=True, slots=True)
class NearYear:
    label: str  # "Earlier year"
    year: int
    link: str


@dataclass(frozen=True, slots=True)
class YearLinks:
    grades: str
    frameworks: str


@dataclass(frozen=True, slots=True)
class GradesYearContext:
    """grades_year.md.j2: the inspections that began in one year."""

    description: str  # the page in a sentence or two, for search engines (its meta description)
    year: int
    listing: tuple[InspectionItem, ...]  # in date order, with their councils
    tally: tuple[Tally, ...]  # overall grades given, in the order of the scale, then those without one
    near: tuple[NearYear, ...]
    links: YearLinks


@dataclass(frozen=True, slots=True)
class ScaleGrade:
    word: str
    key: str
    rank: int
    meaning: str


@dataclass(frozen=True, slots=True)
class FrameworkInfo:
    key: str
    name: str
    years: str
    summary: str
    scale: tuple[ScaleGrade, ...]
    areas: tuple[str, ...]
    overall: str | None  # the area whose grade is the overall grade; None when the framework gives none


@dataclass(frozen=True, slots=True)
class FrameworksContext:
    """frameworks.md.j2: every framework, its grades and areas."""

    description: str  # the page in a sentence or two, for search engines (its meta description)
    frameworks: tuple[FrameworkInfo, ...]


def grades_page(cat: Catalog) -> Page:
    """Each council's headline grades in a row, and a link to each year's inspections (a table
    of every inspection on one page grew past 170 KB nationally)."""
    page = urls.GRADES
    rows = []
    for a in cat.authorities:
        sequence = []
        for i in cat.inspections[a.slug]:
            s = inspection_item(cat, page, i)
            sequence.append(Step(month_year(i.start_date), s.link, s.headline, i.is_cited, i.secondary_only))
        rows.append(GradesRow(a.short_name, urls.md_link(page, urls.authority(a.slug)), tuple(sequence)))
    years = tuple(YearLink(y, len(found), urls.md_link(page, urls.grades_year(y))) for y, found in cat.years.items())
    return Page(page, "grades.md.j2", GradesContext(
        "The overall grade of every Ofsted inspection of English councils' children's services on this site, council "
        "by council, oldest first, and the inspections of each year.", tuple(rows), years, GradesLinks(
        urls.md_link(page, urls.FRAMEWORKS), urls.md_link(page, urls.LATEST))))


def grades_year_page(cat: Catalog, year: int) -> Page:
    """The inspections that began in one year, in date order, with links to the years beside it."""
    ordered = sorted(cat.years)
    k = ordered.index(year)
    page = urls.grades_year(year)
    found = cat.years[year]
    graded = Counter(i.headline.grade_key for i in found if i.headline)
    without = Counter(i.headline_status for i in found if i.headline is None)
    near = [("Earlier year", ordered[k - 1])] if k > 0 else []
    near += [("Later year", ordered[k + 1])] if k + 1 < len(ordered) else []
    return Page(page, "grades_year.md.j2", GradesYearContext(
        description=(f"Every Ofsted inspection of an English council's children's services that began in {year}, in "
                     "date order, with its overall grade."),
        year=year, listing=tuple(inspection_item(cat, page, i, national=True) for i in found),
        tally=tuple(Tally(Grade(key, label), "", graded[key]) for key, label in GRADE_LABELS.items() if graded[key])
        + tuple(Tally(None, label, without[status]) for status, label in HEADLINE_STATUSES.items()
                if status != OVERALL and without[status]),
        near=tuple(NearYear(label, y, urls.md_link(page, urls.grades_year(y))) for label, y in near),
        links=YearLinks(urls.md_link(page, urls.GRADES), urls.md_link(page, urls.FRAMEWORKS))))


def frameworks_page(cat: Catalog) -> Page:
    return Page(urls.FRAMEWORKS, "frameworks.md.j2", FrameworksContext(
        "How Ofsted's inspections of councils' children's services and their grades have changed since 2009: "
        "\"adequate\" is not \"requires improvement\", and the reformed inspections of 2026 give no overall grade.", tuple(
        FrameworkInfo(f.key, f.name, f.years, f.summary,
                      tuple(ScaleGrade(g.words[0] if g.words else g.key, g.key, g.rank, g.meaning) for g in f.scale),
                      tuple(a.name for a in f.areas),
                      next((a.name for a in f.areas if a.key == f.headline), None))
        for f in cat.dataset.frameworks)))

