"""The home page and the list of councils by region."""
from __future__ import annotations

from dataclasses import dataclass

from generator.index.catalog import Catalog
from generator.render import urls
from generator.render.feeds import england_title
from generator.render.pages.common import FeedLink, InspectionItem, Page, inspection_item


@dataclass(frozen=True, slots=True)
class CouncilRow:
    name: str
    link: str
    region: str
    latest: InspectionItem | None  # its latest graded inspection with documents here
    reports: int  # inspections with documents here


@dataclass(frozen=True, slots=True)
class HomeCounts:
    authorities: int
    documents: int
    with_documents: int  # councils with at least one document here


@dataclass(frozen=True, slots=True)
class HomeLinks:
    grades: str
    latest: str
    themes: str
    frameworks: str
    about: str
    authorities: str
    feed: str
    data: str


@dataclass(frozen=True, slots=True)
class HomeContext:
    """home.md.j2: every council with its latest grade, and the newest documents."""

    description: str  # the page in a sentence or two, for search engines (its meta description)
    authorities: tuple[CouncilRow, ...]
    newest: tuple[InspectionItem, ...]  # the ten newest documented inspections, with their councils
    counts: HomeCounts
    links: HomeLinks
    feed: FeedLink  # England's feed, announced in the page's head


@dataclass(frozen=True, slots=True)
class RegionCouncil:
    name: str
    link: str
    type: str
    latest: InspectionItem | None
    inspections: int  # on record, cited included


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    authorities: tuple[RegionCouncil, ...]


@dataclass(frozen=True, slots=True)
class AuthoritiesContext:
    """authorities.md.j2: councils by region."""

    description: str  # the page in a sentence or two, for search engines (its meta description)
    regions: tuple[Region, ...]


def home_page(cat: Catalog) -> Page:
    page = urls.HOME
    rows = []
    for a in cat.authorities:
        latest = cat.latest_graded(a.slug)
        rows.append(CouncilRow(a.short_name, urls.md_link(page, urls.authority(a.slug)), a.region,
                               inspection_item(cat, page, latest) if latest else None, len(cat.documented(a.slug))))
    newest = sorted((i for a in cat.authorities for i in cat.documented(a.slug)),
                    key=lambda i: (i.start_date.as_date(), i.authority.short_name), reverse=True)[:10]
    return Page(page, "home.md.j2", HomeContext(
        description=(f"How Ofsted has judged each English council's services for children: {len(cat.dataset.documents)} "
                     "reports and letters in full, paragraph by paragraph, with the grades, what needed to improve and "
                     "the themes that come back."),
        authorities=tuple(rows),
        newest=tuple(inspection_item(cat, page, i, national=True) for i in newest),
        counts=HomeCounts(len(cat.authorities), len(cat.dataset.documents), sum(1 for r in rows if r.reports)),
        links=HomeLinks(grades=urls.md_link(page, urls.GRADES), latest=urls.md_link(page, urls.LATEST), themes=urls.md_link(page, urls.THEMES),
                        frameworks=urls.md_link(page, urls.FRAMEWORKS), about=urls.md_link(page, urls.ABOUT),
                        authorities=urls.md_link(page, urls.AUTHORITIES), feed=urls.md_link(page, urls.feed_all()),
                        data=urls.md_link(page, urls.DATA)),
        feed=FeedLink(urls.feed_all(), england_title())))


def authorities_index(cat: Catalog) -> Page:
    page = urls.AUTHORITIES
    regions: dict[str, list[RegionCouncil]] = {}
    for a in sorted(cat.authorities, key=lambda a: (a.region, a.short_name)):
        latest = cat.latest_graded(a.slug)
        regions.setdefault(a.region, []).append(RegionCouncil(
            a.short_name, urls.md_link(page, urls.authority(a.slug)), a.type,
            inspection_item(cat, page, latest) if latest else None, len(cat.inspections[a.slug])))
    return Page(page, "authorities.md.j2", AuthoritiesContext(
        "Every council with children's services in England, by region, with its latest grade from Ofsted and its "
        "inspections on record.", tuple(Region(k, tuple(v)) for k, v in regions.items())))
