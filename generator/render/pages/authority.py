"""A council's page: its grades, timeline, every inspection, recurring themes and similar councils."""
from __future__ import annotations

from dataclasses import dataclass

from generator.index.catalog import Catalog, Inspection
from generator.model.dates import PartialDate, long_date
from generator.model.records import Authority
from generator.model.vocab import GRADE_LABELS, HEADLINE_STATUSES, KIND_OF_COUNCIL, NO_OVERALL_GRADE, TO_IMPROVE
from generator.render import urls
from generator.render.charts import LAYOUTS, WIDE, Point, timeline_svg
from generator.render.feeds import authority_title
from generator.render.labels import area_grades, headline_words, month_year, ordered_judgements
from generator.render.pages.common import FeedLink, InspectionItem, NamedLink, Page, inspection_item, mention_link


@dataclass(frozen=True, slots=True)
class AuthorityInfo:
    name: str
    short_name: str
    kind_of_council: str  # "metropolitan borough council"
    in_region: str  # "in the North West"
    ons_code: str
    urn: str | None


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A document Ofsted published that could not be read here."""

    published: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class Neighbour:
    name: str
    link: str
    latest: InspectionItem | None


@dataclass(frozen=True, slots=True)
class Counts:
    documented: int
    cited: int
    by_machine: int  # of the cited, those known from the machine's reading only
    predecessors: int  # inspections of the councils it took over from, before it did


@dataclass(frozen=True, slots=True)
class Reorganised:
    """A reorganisation: the councils before or after it, the day, and what else changed."""

    councils: tuple[NamedLink, ...]
    date: str
    note: str


@dataclass(frozen=True, slots=True)
class Cell:
    """One inspection's cell of a recurring theme's row."""

    raised: bool  # raised as something to improve at this inspection
    mentioned: bool  # not raised, but the report's text discusses it
    count: int
    link: str


@dataclass(frozen=True, slots=True)
class Recurring:
    name: str
    link: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Column:
    title: str


@dataclass(frozen=True, slots=True)
class AuthorityLinks:
    authorities: str
    frameworks_html: str
    feed: str


@dataclass(frozen=True, slots=True)
class AuthorityContext:
    """authority.md.j2: one council's history."""

    description: str  # the page in a sentence or two, for search engines (its meta description)
    authority: AuthorityInfo
    neighbours: tuple[Neighbour, ...]
    unreadable: tuple[Unreadable, ...]
    counts: Counts
    latest: InspectionItem | None  # with its judgements
    chart: str  # SVG, escaped: the timeline in a wide and a narrow layout, one shown at a time (site.css)
    no_overall: bool  # the chart shows an inspection with no overall grade, only its areas' grades
    history: tuple[InspectionItem, ...]  # newest first, cited included
    recurring: tuple[Recurring, ...]
    columns: tuple[Column, ...]  # the documented inspections, oldest first
    links: AuthorityLinks
    feed: FeedLink  # the council's feed, announced in the page's head
    formed_from: Reorganised | None  # a council formed by a reorganisation: whom it took over from
    succeeded_by: Reorganised | None  # a council that no longer exists: who took over
    about_citations: str  # link to how inspections are read from later reports


def in_region(region: str) -> str:
    """"in the North West", "in London", "in Yorkshire and the Humber"; "" when not recorded."""
    if not region:
        return ""
    if region in ("London", "Yorkshire and the Humber") or region.startswith("the "):
        return f"in {region}"
    return f"in the {region}"


def _chart(insp_list: tuple[Inspection, ...], chart_id: str, a: Authority, by_code: dict[str, Authority]) -> str:
    points = []
    for insp in insp_list:
        head = insp.headline
        areas: tuple[int, ...] = ()
        if head is not None:
            label = f"{long_date(insp.start_date)}: {GRADE_LABELS[head.grade_key]} ({head.area.lower()})"
        elif insp.headline_status == NO_OVERALL_GRADE:
            areas = tuple(j.rank for j in ordered_judgements(insp))
            label = f"{long_date(insp.start_date)}: {HEADLINE_STATUSES[NO_OVERALL_GRADE].lower()}; {area_grades(insp)}"
        elif insp.framework.graded:
            label = f"{long_date(insp.start_date)}: {insp.framework.name} (overall grade not recorded)"
        else:
            label = f"{long_date(insp.start_date)}: {insp.framework.name} ({'ungraded' if not insp.framework.graded else 'grade not known'})"
        if insp.is_cited:
            label += ", known from a later report"
        if insp.authority.ons_code != a.ons_code:
            label += f", an inspection of {insp.authority.short_name}"
        points.append(Point(insp.start_date.as_date(), head.rank if head else None, label, insp.is_cited, areas,
                            insp.authority.ons_code != a.ons_code))
    graded = [p for p in points if p.rank or p.areas]
    events = []
    if a.formed is not None:
        olds = " and ".join(by_code[c].short_name for c in a.formed.predecessors if c in by_code)
        events.append((a.formed.date.as_date(), f"{a.short_name} took over from {olds}"))
    desc = (f"{len(points)} inspections from {min(p.when.year for p in points)} to {max(p.when.year for p in points)}; "
            f"{len(graded)} graded. " + "; ".join(p.label for p in points) + ".") if points else "No inspections on record."
    if events:
        desc += " " + " ".join(f"{long_date(PartialDate(d.year, d.month, d.day))}: {text}." for d, text in events)
    # Two layouts, one shown at a time (site.css): the wide one, and one whose text stays
    # readable on a phone.
    return "\n".join(timeline_svg(points, chart_id + ("" if layout is WIDE else "-narrow"),
                                   f"Grade timeline for {a.short_name}", desc, layout, events) for layout in LAYOUTS)


def _description(name: str, insps: tuple[Inspection, ...], latest: Inspection | None) -> str:
    """"Ofsted's inspections of X's children's services, 2009 to 2019. Latest overall grade: Good
    (October 2019). Every report in full, …"."""
    if not insps:
        return f"Ofsted's inspections of {name}'s children's services: none is on this site yet."
    first, last = insps[0].start_date.year, insps[-1].start_date.year
    span = str(first) if first == last else f"{first} to {last}"
    if latest is None:
        now = ""
    elif latest.headline is not None:
        now = f" Latest overall grade: {GRADE_LABELS[latest.headline.grade_key]} ({month_year(latest.start_date)})."
    else:
        now = f" Latest inspection ({month_year(latest.start_date)}): {headline_words(latest)}"
    return (f"Ofsted's inspections of {name}'s children's services, {span}.{now} Every report in full, paragraph by "
            "paragraph, with what needed to improve and the themes that recur.")


def _recurring(cat: Catalog, page: str, slug: str, columns: tuple[Inspection, ...]) -> tuple[Recurring, ...]:
    by_theme = cat.authority_mentions(slug)
    rows = []
    for theme_slug, raised_at in cat.recurring_themes(slug).items():
        raised_ids = {i.id for i in raised_at}
        cells = []
        for insp in columns:
            found = [m for m in by_theme.get(theme_slug, ()) if m.inspection.id == insp.id]
            to_improve = [m for m in found if m.kind in TO_IMPROVE]
            first = (to_improve or found or [None])[0]
            raised = insp.id in raised_ids
            cells.append(Cell(raised, not raised and bool(found), len(to_improve) if to_improve else len(found),
                              mention_link(cat, page, first) if first else ""))
        rows.append((len(raised_at), cat.themes[theme_slug].name,
                     Recurring(cat.themes[theme_slug].name, urls.md_link(page, urls.theme(theme_slug)), tuple(cells))))
    rows.sort(key=lambda r: (-r[0], r[1]))
    return tuple(r[2] for r in rows)


def authority_page(cat: Catalog, slug: str) -> Page:
    a = next(x for x in cat.authorities if x.slug == slug)
    page = urls.authority(slug)
    insps = cat.inspections[slug]
    timeline = cat.timeline(slug)
    latest = cat.latest_graded(slug)
    columns = cat.documented(slug)
    by_code = {x.ons_code: x for x in cat.authorities}
    neighbours = []
    for code in a.neighbours:
        other = by_code.get(code)
        if other is not None:
            other_latest = cat.latest_graded(other.slug)
            neighbours.append(Neighbour(other.short_name, urls.md_link(page, urls.authority(other.slug)),
                                        inspection_item(cat, page, other_latest) if other_latest else None))
    return Page(page, "authority.md.j2", AuthorityContext(
        description=_description(a.name, insps, latest),
        authority=AuthorityInfo(a.name, a.short_name,
                                KIND_OF_COUNCIL.get(a.type, f"{a.type.lower()} council" if a.type else "council"),
                                in_region(a.region), a.ons_code, a.urn),
        neighbours=tuple(neighbours),
        unreadable=tuple(Unreadable(long_date(u.published) if u.published else None, u.url)
                         for u in cat.dataset.unreadable if u.authority == a.ons_code),
        counts=Counts(len(columns), len(insps) - len(columns), sum(1 for i in insps if i.by_machine),
                      len(timeline) - len(insps)),
        latest=inspection_item(cat, page, latest, judgements=True) if latest is not None else None,
        chart=_chart(timeline, f"timeline-{slug}", a, by_code),
        no_overall=any(i.headline_status == NO_OVERALL_GRADE for i in timeline),
        history=tuple(inspection_item(cat, page, i, predecessor=i.authority.short_name if i.authority.slug != slug else "")
                      for i in reversed(timeline)),
        recurring=_recurring(cat, page, slug, columns),
        columns=tuple(Column(long_date(i.start_date)) for i in columns),
        links=AuthorityLinks(authorities=urls.md_link(page, urls.AUTHORITIES),
                             frameworks_html=urls.html_link(page, urls.FRAMEWORKS),
                             feed=urls.md_link(page, urls.authority_feed(slug))),
        feed=FeedLink(urls.authority_feed(slug), authority_title(a)),
        formed_from=_formed_from(page, a, by_code), succeeded_by=_succeeded_by(cat, page, a),
        about_citations=urls.md_link(page, urls.ABOUT, urls.ABOUT_CITATIONS)))


def _formed_from(page: str, a: Authority, by_code: dict[str, Authority]) -> Reorganised | None:
    if a.formed is None:
        return None
    olds = tuple(NamedLink(by_code[c].short_name, urls.md_link(page, urls.authority(by_code[c].slug)))
                 for c in a.formed.predecessors if c in by_code)
    return Reorganised(olds, long_date(a.formed.date), a.formed.note)


def _succeeded_by(cat: Catalog, page: str, a: Authority) -> Reorganised | None:
    new = cat.successors.get(a.slug, ())
    if not new:
        return None
    notes = " ".join(dict.fromkeys(n.formed.note for n in new if n.formed.note))
    return Reorganised(tuple(NamedLink(n.short_name, urls.md_link(page, urls.authority(n.slug))) for n in new),
                       long_date(new[0].formed.date), notes)
