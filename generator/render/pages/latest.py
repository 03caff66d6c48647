"""Latest grades: one row per council with its latest overall grade and date, the grade before
it and the change in words, sortable and filterable in the page (assets/sort-table.js) but
complete without it; and two short lists, the councils inadequate now and those that improved
most."""
from __future__ import annotations

from dataclasses import dataclass

from generator.index.catalog import Catalog, Inspection, Standing
from generator.model.vocab import CHANGES, GRADE_LABELS, HEADLINE_STATUSES, NO_OVERALL_GRADE
from generator.render import urls
from generator.render.labels import area_short_name, month_year, ordered_judgements
from generator.render.pages.common import Headline, Page, headline

INADEQUATE = "inadequate"


@dataclass(frozen=True, slots=True)
class GradeAt:
    """One inspection in the table: what stands for it, when it began, and its page."""

    headline: Headline
    when: str  # "June 2026"
    link: str  # raw HTML href
    cited: bool  # known only from a later report
    secondary: bool  # as reported in the council's own account
    sort: str  # the overall grade's rank; "" with none (sorted last, either way: it is not a grade)
    date: str  # ISO start date, for sorting
    filter: str  # the grade's label, or why there is none: a value of the table's grade filter


@dataclass(frozen=True, slots=True)
class CouncilRow:
    name: str
    link: str  # raw HTML href
    region: str
    latest: GradeAt | None
    previous: GradeAt | None
    change: str  # in words: "Better: up 2 grades"
    change_key: str  # vocab.CHANGES key, "" with no graded inspection
    change_filter: str  # the change's words without the number of grades: a value of the change filter
    change_sort: str  # grades better (+) or worse (-), for sorting


@dataclass(frozen=True, slots=True)
class Listed:
    """A council in one of the short lists, with the facts that put it there."""

    name: str
    link: str  # Markdown link
    detail: str


@dataclass(frozen=True, slots=True)
class LatestCounts:
    councils: int
    graded: int  # with a graded inspection on the site
    inadequate: int
    no_overall: int  # latest inspection has no overall grade (2026)
    better: int
    worse: int


@dataclass(frozen=True, slots=True)
class LatestLinks:
    frameworks: str
    grades: str
    data: str


@dataclass(frozen=True, slots=True)
class LatestContext:
    """latest.md.j2: every council's latest grade beside the one before it, and two short lists."""

    description: str  # the page in a sentence or two, for search engines (its meta description)
    rows: tuple[CouncilRow, ...]  # by council name
    inadequate: tuple[Listed, ...]  # latest overall grade inadequate, by name
    inadequate_area: tuple[Listed, ...]  # latest inspection has no overall grade but judged an area inadequate
    improved: tuple[Listed, ...]  # most grades better than before, then newest
    counts: LatestCounts
    script: str  # assets/sort-table.js, relative to the page
    links: LatestLinks


def change_words(s: Standing) -> str:
    """"Better: up 2 grades", "Worse: down 1 grade", "Same", "Cannot compare: no overall grade now" …"""
    if s.change in ("better", "worse"):
        n = abs(s.steps)
        return f"{CHANGES[s.change]}: {'up' if s.steps > 0 else 'down'} {n} grade{'s' if n != 1 else ''}"
    if s.change == "not-comparable":
        now = s.latest is not None and s.latest.headline is None
        return f"{CHANGES[s.change]}: no overall grade {'now' if now else 'before'}"
    return CHANGES.get(s.change, "")


def grade_words(insp: Inspection) -> str:
    """"Inadequate" or "no overall grade", for a sentence."""
    return GRADE_LABELS[insp.headline.grade_key] if insp.headline else HEADLINE_STATUSES[insp.headline_status].lower()


def _grade_at(page: str, insp: Inspection) -> GradeAt:
    head = insp.headline
    return GradeAt(
        headline=headline(insp), when=month_year(insp.start_date),
        link=urls.html_link(page, *urls.inspection_home(insp.authority.slug, insp.id, insp.is_cited)),
        cited=insp.is_cited, secondary=insp.secondary_only,
        sort=str(head.rank) if head else "", date=insp.start_date.iso,
        filter=GRADE_LABELS[head.grade_key] if head else HEADLINE_STATUSES[insp.headline_status])


def _row(page: str, s: Standing) -> CouncilRow:
    a = s.authority
    return CouncilRow(
        name=a.short_name, link=urls.html_link(page, urls.authority(a.slug)), region=a.region,
        latest=_grade_at(page, s.latest) if s.latest else None,
        previous=_grade_at(page, s.previous) if s.previous else None,
        change=change_words(s), change_key=s.change, change_filter=CHANGES.get(s.change, ""),
        change_sort=str(s.steps) if s.change in ("better", "worse", "same", "same-rank") else "")


def _cited(insp: Inspection) -> str:
    return ", known from a later report" if insp.is_cited else ""


def latest_page(cat: Catalog) -> Page:
    page = urls.LATEST
    standings = [cat.standings[a.slug] for a in cat.authorities]
    graded = [s for s in standings if s.latest is not None]

    def listed(s: Standing, detail: str) -> Listed:
        return Listed(s.authority.short_name, urls.md_link(page, urls.authority(s.authority.slug)), detail)

    inadequate = [listed(s, f"judged inadequate in {month_year(s.latest.start_date)}")
                  for s in graded if s.latest.headline and s.latest.headline.grade_key == INADEQUATE]
    inadequate_area = []
    for s in graded:
        if s.latest.headline_status == NO_OVERALL_GRADE:
            areas = [area_short_name(s.latest, j) for j in ordered_judgements(s.latest) if j.grade_key == INADEQUATE]
            if areas:
                inadequate_area.append(listed(s, f"no overall grade in {month_year(s.latest.start_date)}; judged "
                                                 f"inadequate: {', '.join(areas)}"))
    better = sorted((s for s in graded if s.change == "better"),
                    key=lambda s: (-s.steps, -s.latest.start_date.as_date().toordinal(), s.authority.short_name))
    improved = [listed(s, f"{grade_words(s.previous)} ({month_year(s.previous.start_date)}{_cited(s.previous)}) to "
                          f"{grade_words(s.latest)} ({month_year(s.latest.start_date)}): {change_words(s)[len('Better: '):]}")
                for s in better[:cat.limits.improved_listed]]
    return Page(page, "latest.md.j2", LatestContext(
        description=("Each English council's latest Ofsted grade for its children's services beside the grade before "
                     "it: which councils are inadequate now, and which improved most."),
        rows=tuple(_row(page, s) for s in standings), inadequate=tuple(inadequate),
        inadequate_area=tuple(inadequate_area), improved=tuple(improved),
        counts=LatestCounts(len(standings), len(graded), len(inadequate),
                            sum(1 for s in graded if s.latest.headline_status == NO_OVERALL_GRADE),
                            len(better), sum(1 for s in graded if s.change == "worse")),
        script=urls.file_link(page, urls.SORT_SCRIPT),
        links=LatestLinks(urls.md_link(page, urls.FRAMEWORKS), urls.md_link(page, urls.GRADES),
                          urls.md_link(page, urls.DATA))))
