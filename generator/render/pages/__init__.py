"""One module per page kind: Catalog → Page(path, template, context), each context a documented
frozen dataclass. Contexts hold finished strings and links; templates only lay out and loop."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from generator.index.catalog import Catalog
from generator.render.pages.authority import authority_page
from generator.render.pages.common import Page
from generator.render.pages.data import data_page
from generator.render.pages.grades import frameworks_page, grades_page, grades_year_page
from generator.render.pages.home import authorities_index, home_page
from generator.render.pages.inspection import inspection_page, text_part_page
from generator.render.pages.themes import theme_page, theme_region_page, themes_index

__all__ = ["Page", "page_groups"]


def page_groups(cat: Catalog, tables: dict[str, list[dict[str, Any]]]) -> list[list[Callable[[], Page]]]:
    """One function per page that builds its context when called, grouped: the site's own
    pages (with the grades year by year and the Data page), then each council's pages together,
    then each theme's pages."""
    groups: list[list[Callable[[], Page]]] = [[partial(home_page, cat), partial(authorities_index, cat),
                                               partial(grades_page, cat), partial(frameworks_page, cat),
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
