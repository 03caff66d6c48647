"""One module per page kind: Catalog → Page(path, template, context), each context a documented
frozen dataclass. Contexts hold finished strings and links; templates only lay out and loop."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from generator.index.catalog import Catalog
from generator.render.pages.authority import AuthorityContext, authority_page
from generator.render.pages.common import Page
from generator.render.pages.data import DataContext, data_page
from generator.render.pages.grades import (
    FrameworksContext,
    GradesContext,
    GradesYearContext,
    frameworks_page,
    grades_page,
    grades_year_page,
)
from generator.render.pages.home import AuthoritiesContext, HomeContext, authorities_index, home_page
from generator.render.pages.latest import LatestContext, latest_page
from generator.render.pages.inspection import InspectionContext, TextPartContext, inspection_page, text_part_page
from generator.render.pages.themes import (
    ThemeContext,
    ThemeRegionContext,
    ThemesContext,
    theme_page,
    theme_region_page,
    themes_index,
)

__all__ = ["CONTEXTS", "Page", "page_groups"]

# Each template and the one context it is rendered with (tests/render/test_template_context.py
# holds every template to its context: no field used that the context lacks, none left unused).
CONTEXTS: dict[str, type] = {
    "home.md.j2": HomeContext,
    "authorities.md.j2": AuthoritiesContext,
    "authority.md.j2": AuthorityContext,
    "inspection.md.j2": InspectionContext,
    "text_part.md.j2": TextPartContext,
    "theme.md.j2": ThemeContext,
    "theme_region.md.j2": ThemeRegionContext,
    "themes.md.j2": ThemesContext,
    "grades.md.j2": GradesContext,
    "latest.md.j2": LatestContext,
    "grades_year.md.j2": GradesYearContext,
    "frameworks.md.j2": FrameworksContext,
    "data.md.j2": DataContext,
}


def page_groups(cat: Catalog, tables: dict[str, list[dict[str, Any]]]) -> list[list[Callable[[], Page]]]:
    """One function per page that builds its context when called, grouped: the site's own
    pages (with the grades year by year and the Data page), then each council's pages together,
    then each theme's pages."""
    groups: list[list[Callable[[], Page]]] = [[partial(home_page, cat), partial(authorities_index, cat),
                                               partial(grades_page, cat), partial(latest_page, cat),
                                               partial(frameworks_page, cat),
                                               partial(themes_index, cat)]
                                              + [partial(grades_year_page, cat, y) for y in sorted(cat.years)]
                                              + [partial(data_page, cat, tables)]]
    for a in cat.authorities:
        groups.append([partial(authority_page, cat, a.slug)]
                      + [make for i in cat.documented(a.slug)
                         for make in [partial(inspection_page, cat, i)]
                         + [partial(text_part_page, cat, i, part) for part in cat.text_parts(i)]])
    groups += [[partial(theme_page, cat, slug)] + [partial(theme_region_page, cat, slug, r) for r in cat.theme_regions(slug)]
               for slug in sorted(cat.themes)]
    return groups
