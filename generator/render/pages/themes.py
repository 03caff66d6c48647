"""Theme pages: the list of themes, each theme across councils and years, and a theme's councils
region by region when its page would be too long."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from generator.index.catalog import Catalog
from generator.model.records import Authority
from generator.model.vocab import DOCUMENT_KIND, FINDING_KIND, PARAGRAPH, TIMESCALES, TO_IMPROVE
from generator.render import urls
from generator.render.charts import bar_chart_svg
from generator.render.labels import inspection_title
from generator.render.pages.authority import in_region
from generator.render.feeds import theme_title
from generator.render.pages.common import FeedLink, NamedLink, Page, mention_link, paragraph_label


@dataclass(frozen=True, slots=True)
class Entry:
    """A finding on the theme."""

    kind: str  # "Area for improvement (within three months)"
    text: str
    where: str
    href: str
    secondary: bool  # from the council's own account


@dataclass(frozen=True, slots=True)
class Paragraphs:
    """An inspection's paragraphs on the theme: how many, and a link to the first."""

    count: int
    first_number: int | None
    first_href: str


@dataclass(frozen=True, slots=True)
class InspectionGroup:
    title: str
    href: str
    entries: tuple[Entry, ...]
    paragraphs: Paragraphs | None


@dataclass(frozen=True, slots=True)
class CouncilGroup:
    name: str
    id: str
    href: str
    inspections: tuple[InspectionGroup, ...]


@dataclass(frozen=True, slots=True)
class RegionRow:
    name: str
    href: str
    councils: int
    findings: int
    inspections: int


@dataclass(frozen=True, slots=True)
class Recurs:
    name: str
    link: str
    count: int
    years: str


@dataclass(frozen=True, slots=True)
class YearCount:
    year: int
    count: int


@dataclass(frozen=True, slots=True)
class NameCount:
    name: str
    count: int


@dataclass(frozen=True, slots=True)
class ThemeInfo:
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class Counts:
    findings: int
    paragraphs: int
    authorities: int
    inspections: int


@dataclass(frozen=True, slots=True)
class ThemeLinks:
    themes: str
    search: str
    feed: str


@dataclass(frozen=True, slots=True)
class ThemeContext:
    """theme.md.j2: one theme across councils and years."""

    description: str  # the page in a sentence or two, for search engines (its meta description)
    theme: ThemeInfo
    counts: Counts
    chart: str  # SVG, escaped; "" when no inspection raised it
    by_year: tuple[YearCount, ...]
    by_framework: tuple[NameCount, ...]
    recurs: tuple[Recurs, ...]  # the councils where it recurs most (at most 30)
    recurs_total: int
    groups: tuple[CouncilGroup, ...]  # council by council, when the page is not split by region
    regions: tuple[RegionRow, ...]  # when it is
    links: ThemeLinks
    feed: FeedLink  # the theme's feed, announced in the page's head


@dataclass(frozen=True, slots=True)
class OtherRegion:
    name: str
    link: str
    current: bool


@dataclass(frozen=True, slots=True)
class RegionLinks:
    themes: str
    search: str


@dataclass(frozen=True, slots=True)
class ThemeRegionContext:
    """theme_region.md.j2: one region's councils on a theme whose page is split."""

    description: str  # the page in a sentence or two, for search engines (its meta description)
    theme: NamedLink
    region: str
    in_region: str
    counts: Counts
    others: tuple[OtherRegion, ...]
    groups: tuple[CouncilGroup, ...]
    links: RegionLinks
    feed: FeedLink  # the theme's feed, announced in the page's head


@dataclass(frozen=True, slots=True)
class ThemeRow:
    name: str
    link: str
    description: str
    findings: int
    paragraphs: int
    authorities: int


@dataclass(frozen=True, slots=True)
class ThemesContext:
    """themes.md.j2: every theme."""

    description: str  # the page in a sentence or two, for search engines (its meta description)
    themes: tuple[ThemeRow, ...]


def _groups(cat: Catalog, page: str, theme_slug: str, authorities: Iterable[Authority]) -> tuple[CouncilGroup, ...]:
    """What the councils' reports said on a theme, council by council, newest inspection first."""
    groups = []
    for a in authorities:
        mine = cat.authority_mentions(a.slug).get(theme_slug, ())
        if not mine:
            continue
        insp_groups = []
        for insp in sorted({m.inspection.id: m.inspection for m in mine}.values(), key=lambda i: i.start_date.as_date(), reverse=True):
            items, paragraphs = [], []
            for m in (x for x in mine if x.inspection.id == insp.id):
                if m.kind == PARAGRAPH:
                    if m.anchor:
                        paragraphs.append(m)
                    continue
                items.append(Entry(
                    FINDING_KIND[m.kind].label + (f" ({TIMESCALES[m.timescale].lower()})" if m.timescale else ""),
                    m.text, paragraph_label(m) or "in the text", mention_link(cat, page, m, html=True) if m.anchor else "",
                    DOCUMENT_KIND[m.document.kind].secondary))
            # A count and the first paragraph: every paragraph is one search away (the search
            # page's theme filter), and a national theme page stays small.
            insp_groups.append(InspectionGroup(
                inspection_title(insp), urls.html_link(page, urls.inspection(a.slug, insp.id)), tuple(items),
                Paragraphs(len(paragraphs), paragraphs[0].number, mention_link(cat, page, paragraphs[0], html=True))
                if paragraphs else None))
        groups.append(CouncilGroup(a.short_name, a.slug, urls.html_link(page, urls.authority(a.slug)), tuple(insp_groups)))
    return tuple(groups)


def region_name(region: str) -> str:
    return region or "Region not recorded"


def _counts(mentions: Iterable, authorities: int | None = None) -> Counts:
    ms = list(mentions)
    return Counts(sum(1 for m in ms if m.kind != PARAGRAPH), sum(1 for m in ms if m.kind == PARAGRAPH),
                  authorities if authorities is not None else len({m.inspection.authority.slug for m in ms}),
                  len({(m.inspection.authority.slug, m.inspection.id) for m in ms}))


def _raising(cat: Catalog, slug: str, theme_slug: str) -> list:
    return [i for i in cat.documented(slug)
            if any(theme_slug in f.themes and f.kind in TO_IMPROVE for d in i.documents for f in d.findings)]


def theme_page(cat: Catalog, theme_slug: str) -> Page:
    t = cat.themes[theme_slug]
    page = urls.theme(theme_slug)
    ms = cat.mentions[theme_slug]
    split = cat.theme_regions(theme_slug)
    regions = []
    for region, members in split.items():
        mine = [m for a in members for m in cat.authority_mentions(a.slug).get(theme_slug, ())]
        regions.append(RegionRow(region_name(region), urls.md_link(page, urls.theme_region(theme_slug, region)),
                                 len(members), sum(1 for m in mine if m.kind != PARAGRAPH),
                                 len({(m.inspection.authority.slug, m.inspection.id) for m in mine})))
    recurs = []
    by_year: Counter[int] = Counter()
    by_framework: Counter[str] = Counter()
    for a in cat.authorities:
        raised = _raising(cat, a.slug, theme_slug)
        if len(raised) >= 2:
            recurs.append(Recurs(a.short_name, urls.md_link(page, urls.authority(a.slug)), len(raised),
                                 ", ".join(str(i.start_date.year) for i in raised)))
        for i in raised:
            by_year[i.start_date.year] += 1
            by_framework[i.framework.name] += 1
    recurs.sort(key=lambda r: (-r.count, r.name))
    years = list(range(min(by_year), max(by_year) + 1)) if by_year else []
    chart = bar_chart_svg([(str(y), by_year[y]) for y in years], f"chart-{theme_slug}",
                          f"Inspections that raised {t.name.lower()} as something to improve, by year",
                          "; ".join(f"{y}: {by_year[y]}" for y in years) or "none") if years else ""
    return Page(page, "theme.md.j2", ThemeContext(
        description=(f"{t.name}: what Ofsted's reports on English councils' children's services said, council by "
                     f"council and year by year. {t.description}"),
        theme=ThemeInfo(t.name, t.description), counts=_counts(ms), chart=chart,
        by_year=tuple(YearCount(y, by_year[y]) for y in years),
        by_framework=tuple(NameCount(k, v) for k, v in sorted(by_framework.items(), key=lambda kv: (-kv[1], kv[0]))),
        recurs=tuple(recurs[:30]), recurs_total=len(recurs),
        groups=() if split else _groups(cat, page, theme_slug, cat.authorities), regions=tuple(regions),
        links=ThemeLinks(urls.md_link(page, urls.THEMES), urls.md_link(page, urls.SEARCH),
                         urls.md_link(page, urls.theme_feed(theme_slug))),
        feed=FeedLink(urls.theme_feed(theme_slug), theme_title(t))))


def theme_region_page(cat: Catalog, theme_slug: str, region: str) -> Page:
    """One region's councils on a theme whose page is too long to list every council."""
    t = cat.themes[theme_slug]
    page = urls.theme_region(theme_slug, region)
    split = cat.theme_regions(theme_slug)
    groups = _groups(cat, page, theme_slug, split[region])
    mine = [m for a in split[region] for m in cat.authority_mentions(a.slug).get(theme_slug, ())]
    return Page(page, "theme_region.md.j2", ThemeRegionContext(
        description=(f"{t.name}: what Ofsted's reports on the children's services of councils "
                     f"{in_region(region) or 'whose region is not recorded'} said, council by council."),
        theme=NamedLink(t.name, urls.md_link(page, urls.theme(theme_slug))), region=region_name(region),
        in_region=in_region(region) or "whose region is not recorded", counts=_counts(mine, len(groups)),
        others=tuple(OtherRegion(region_name(r), urls.md_link(page, urls.theme_region(theme_slug, r)), r == region)
                     for r in split),
        groups=groups, links=RegionLinks(urls.md_link(page, urls.THEMES), urls.md_link(page, urls.SEARCH)),
        feed=FeedLink(urls.theme_feed(theme_slug), theme_title(t))))


def themes_index(cat: Catalog) -> Page:
    page = urls.THEMES
    rows = []
    for t in sorted(cat.themes.values(), key=lambda t: t.name):
        ms = cat.mentions[t.slug]
        rows.append(ThemeRow(t.name, urls.md_link(page, urls.theme(t.slug)), t.description,
                             sum(1 for m in ms if m.kind != PARAGRAPH), sum(1 for m in ms if m.kind == PARAGRAPH),
                             len({m.inspection.authority.slug for m in ms})))
    return Page(page, "themes.md.j2", ThemesContext(
        "The themes Ofsted's inspectors return to in reports on councils' children's services, from strategy "
        "discussions to private fostering, each followed across councils and years.", tuple(rows)))
