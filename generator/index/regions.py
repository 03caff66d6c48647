"""Which theme pages are too long to list every council, and so go on one page per region:
estimated from the mentions, before any page is made."""
from __future__ import annotations

from collections.abc import Mapping

from generator.index.mentions import Mention
from generator.model.records import Authority
from generator.model.vocab import PARAGRAPH

# Estimated bytes of HTML of a theme page: each finding's text and markup, each inspection's
# heading and paragraph line, each council's heading, and the rest (the theme's chrome,
# summary, chart and tables). Fitted on the national build's 23 theme pages: over their true
# size by 2–8 %.
THEME_ENTRY, THEME_INSPECTION, THEME_COUNCIL = 150, 250, 200
THEME_PAGE_REST = 25_000


def theme_regions(authorities: tuple[Authority, ...], by_authority: Mapping[str, Mapping[str, tuple[Mention, ...]]],
                  theme_slug: str, page_bytes: int) -> dict[str, tuple[Authority, ...]]:
    """Region → its councils with something on the theme, when the theme's page would pass
    `page_bytes` listing every council; {} when the theme's page lists every council itself."""
    size, regions = THEME_PAGE_REST, {}
    for a in authorities:
        mine = by_authority.get(a.slug, {}).get(theme_slug, ())
        if not mine:
            continue
        regions.setdefault(a.region, []).append(a)
        size += THEME_COUNCIL + THEME_INSPECTION * len({m.inspection.id for m in mine})
        size += sum(THEME_ENTRY + len(m.text) for m in mine if m.kind != PARAGRAPH)
    if size <= page_bytes:
        return {}
    return {r: tuple(v) for r, v in sorted(regions.items(), key=lambda kv: (kv[0] == "", kv[0]))}
