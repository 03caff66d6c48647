"""The only place site paths, anchors and links are made: pages, parts of long texts, paragraph
and finding anchors, feeds, open data files and search records. Templates receive finished links."""
from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote

from generator.model.names import slug

HOME = "index.md"
GRADES = "grades.md"
LATEST = "latest-grades.md"  # every council's latest grade beside the one before it
FRAMEWORKS = "frameworks.md"
ABOUT = "about.md"
ABOUT_CITATIONS = "earlier-inspections"  # the About page's section on inspections known from later reports
FOLLOWUPS_ANCHOR = "what-happened-next"  # the About page's section on how follow-ups are found, and how often rightly
ADD_REPORT = "how-to-add-a-report.md"  # the guide for council staff and editors (hand-written)
AUTHORITIES = "authorities/index.md"
THEMES = "themes/index.md"
SEARCH = "search.md"
COMMON_WORDS = "pagefind/common-words.json"  # the list of words the search page leaves out of a query
SORT_SCRIPT = "assets/sort-table.js"  # sorts and filters the table of latest grades in the page
PARTS_SCRIPT = "assets/parts.js"  # sends an old link to a paragraph of a long report on to its part's page


def authority(slug: str) -> str:
    return f"authorities/{slug}/index.md"


def inspection(authority_slug: str, inspection_id: str) -> str:
    return f"authorities/{authority_slug}/{inspection_id}/index.md"


def inspection_part(authority_slug: str, inspection_id: str, number: int) -> str:
    """Page of one part of a long report's text: authorities/x/2014-03-11-sif/part-2/index.md."""
    return f"authorities/{authority_slug}/{inspection_id}/part-{number}/index.md"


def theme(slug: str) -> str:
    return f"themes/{slug}/index.md"


def grades_year(year: int) -> str:
    """Page of the inspections that began in one year: grades/2015/index.md."""
    return f"grades/{year}/index.md"


def theme_region(theme_slug: str, region: str) -> str:
    """Page of one region's councils on a theme whose page is too long to list every council."""
    return f"themes/{theme_slug}/{slug(region) or 'region-not-recorded'}/index.md"


def inspection_or_part(authority_slug: str, inspection_id: str, part: int | None) -> str:
    """The page that shows a paragraph: its inspection's page, or the part page `part` of a long text."""
    return inspection(authority_slug, inspection_id) if part is None else inspection_part(authority_slug, inspection_id, part)


def cited_anchor(inspection_id: str) -> str:
    """Id of an inspection known only from a later report, on its council's page."""
    return f"cited-{inspection_id}"


def inspection_home(authority_slug: str, inspection_id: str, cited: bool) -> tuple[str, str]:
    """(page, anchor) where an inspection is shown: its own page, or, for a cited one, its
    entry on the council's page."""
    if cited:
        return authority(authority_slug), cited_anchor(inspection_id)
    return inspection(authority_slug, inspection_id), ""


def page_anchor(primary: bool, document_kind: str, anchor: str) -> str:
    """The id of a document's paragraph on its page: the document's own anchor (p-3, s-2) for an
    inspection's main document, prefixed with the kind for any other (one page may hold Ofsted's
    report and a council's paper, each with a paragraph 1). An empty anchor stays empty."""
    if not anchor or primary:
        return anchor
    return f"{document_kind}-{anchor}"


def heading_anchor(text: str, taken: set[str]) -> str:
    """The id of a report's own section heading on its page: "h-" and the heading's words
    ("h-the-experiences-and-progress-of-children-in-care"), at most about 60 characters, made
    unique in the document with "-2", "-3" … (the prefix keeps it apart from the page's own
    headings, such as "what-needs-to-improve"). Stable while the document's headings are."""
    words = slug(text)[:60].rsplit("-", 1)[0] if len(slug(text)) > 60 else slug(text)
    base = f"h-{words or 'section'}"
    anchor, n = base, 1
    while anchor in taken:
        n += 1
        anchor = f"{base}-{n}"
    taken.add(anchor)
    return anchor


def finding_anchor(primary: bool, document_kind: str, finding_kind: str, k: int) -> str:
    """The id of a document's k-th finding of a kind (from 1) on its inspection's page: "improvement-2"."""
    own = f"{finding_kind}-{k}"
    return own if primary else f"{document_kind}-{own}"


def relative(path: str, start: str) -> str:
    """posixpath.relpath for the site's own paths (relative, normalised, no ".."), without
    its calls to the file system's current directory: relative("a/b/c.md", "a/d") → "../b/c.md"."""
    p = path.split("/") if path not in ("", ".") else []
    s = start.split("/") if start not in ("", ".") else []
    k = 0
    while k < len(p) and k < len(s) and p[k] == s[k]:
        k += 1
    return "/".join([".."] * (len(s) - k) + p[k:]) or "."


@lru_cache(maxsize=None)
def _md_rel(from_page: str, to_page: str) -> str:
    # Cached: a national build asks for the same few thousand pairs hundreds of thousands of times.
    return "" if to_page == from_page else relative(to_page, posixpath.dirname(from_page))


def md_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative link from one Markdown source page to another, for Markdown links
    (MkDocs checks these and turns them into URLs)."""
    return _md_rel(from_page, to_page) + (f"#{anchor}" if anchor else "")


def page_url(page: str) -> str:
    """Site URL of a Markdown page under directory URLs: a/b/index.md → a/b/, a/c.md → a/c/."""
    if page == "index.md":
        return ""
    if page.endswith("/index.md"):
        return page[: -len("index.md")]
    return page[: -len(".md")] + "/"


@lru_cache(maxsize=None)
def _html_rel(from_page: str, to_page: str) -> str:
    src, dst = page_url(from_page), page_url(to_page)
    if src == dst:
        return ""
    rel = relative(dst.rstrip("/"), src.rstrip("/"))
    return "./" if rel == "." else rel + "/"


def html_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative URL between two built pages, for links inside raw HTML (not rewritten by MkDocs)."""
    rel = _html_rel(from_page, to_page)
    if not rel:
        return f"#{anchor}" if anchor else "./"
    return rel + (f"#{anchor}" if anchor else "")


# Open data and feeds: files under docs/ that MkDocs copies into the site unchanged. Each
# helper returns the file's path under docs/, which is also its path under the site root.
# Link to one from a Markdown page with md_link(page, path), or from raw HTML with file_link.
DATA = "data.md"  # the Data page, documenting every file and field
DATA_DIR = "data"
FEEDS_DIR = "feeds"


def ofsted_provider_page(urn: str) -> str:
    """A council's page on Ofsted's reports site, which lists its reports and letters (a link out)."""
    return f"https://reports.ofsted.gov.uk/provider/44/{quote(urn, safe='')}"


def data_file(name: str) -> str:
    """An open data file: data_file("findings.csv") → data/findings.csv."""
    return f"{DATA_DIR}/{name}"


def feed_all() -> str:
    """Atom feed of the newest reports across England."""
    return f"{FEEDS_DIR}/all.xml"


def authority_feed(slug: str) -> str:
    """Atom feed of one council's reports."""
    return f"{FEEDS_DIR}/authorities/{slug}.xml"


def theme_feed(slug: str) -> str:
    """Atom feed of the newest reports that raise one theme."""
    return f"{FEEDS_DIR}/themes/{slug}.xml"


def absolute(page: str, anchor: str = "") -> str:
    """Site-absolute URL of a page, from the site root: /authorities/nottinghamshire/#p-3."""
    return "/" + page_url(page) + (f"#{anchor}" if anchor else "")


def feed_root(path: str) -> str:
    """The site root relative to a feed's folder (feeds/all.xml: "../"), for its xml:base."""
    return relative(".", posixpath.dirname(path)) + "/"


def feed_id(path: str) -> str:
    """A feed's lasting id (the tail of its tag URI): its path without ".xml"."""
    return path[: -len(".xml")]


def theme_entry_id(theme_slug: str, document_id: str) -> str:
    """The lasting id of a document's entry in a theme's feed."""
    return f"themes/{theme_slug}/{document_id}"


def published(site_url: str | None, path: str) -> str:
    """A site path (site_path, a feed or data file) as an absolute address on the published site
    (site_url ends in "/"); the path itself when the address is not known."""
    return (site_url or "") + path


def site_path(page: str, anchor: str = "") -> str:
    """Site-relative URL of a page (no host, no leading slash), as the open data records it:
    authorities/nottinghamshire/ or authorities/nottinghamshire/2019-10-07-ilacs/#p-3."""
    return page_url(page) + (f"#{anchor}" if anchor else "")


def file_link(from_page: str, path: str) -> str:
    """Relative URL from a built page to a file copied into the site (a feed, a data file),
    for raw HTML such as <a href> or <link rel="alternate">."""
    return relative(path, page_url(from_page).rstrip("/"))
