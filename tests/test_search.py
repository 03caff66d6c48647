"""Search (Pagefind) in a real browser: facets narrow results to the right paragraphs."""
from __future__ import annotations

import re

SEARCH = """async ([term, filters]) => {
  const pagefind = await import(new URL('pagefind/pagefind.js', document.baseURI.replace(/search\\/.*$/, '')).href);
  await pagefind.options({ baseUrl: '/' });
  const found = await pagefind.search(term, { filters });
  const data = await Promise.all(found.results.slice(0, 50).map(r => r.data()));
  const urls = data.flatMap(d => d.meta && d.meta.target
    ? d.sub_results.map(s => '/' + d.meta.target + (s.url.includes('#') ? s.url.slice(s.url.indexOf('#')) : ''))
    : [d.url]);
  return { count: found.results.length, urls, filters: await pagefind.filters() };
}"""


def _search(page, site_url: str, term: str, filters: dict | None = None) -> dict:
    page.goto(site_url + "search/")
    return page.evaluate(SEARCH, [term, filters or {}])


def test_strategy_discussions_finds_the_2019_nottinghamshire_paragraph(page, site_url: str) -> None:
    res = _search(page, site_url, "strategy discussions")
    assert res["count"] > 5
    assert "/authorities/nottinghamshire/2019-10-07-ilacs/#p-3" in res["urls"]


def test_council_facet_keeps_only_that_council(page, site_url: str) -> None:
    res = _search(page, site_url, "strategy discussions", {"Council": ["South Tyneside"]})
    assert res["count"] > 0
    assert all("/south-tyneside/" in u for u in res["urls"])


def test_kind_and_theme_facets(page, site_url: str) -> None:
    res = _search(page, site_url, "strategy", {"Kind of text": ["Area for improvement"], "Theme": ["Strategy discussions and child protection enquiries"]})
    assert res["count"] >= 2
    assert any(u.startswith("/authorities/nottinghamshire/2019-10-07-ilacs/") for u in res["urls"])
    assert any(u.startswith("/authorities/south-tyneside/") for u in res["urls"])
    reports = _search(page, site_url, "strategy", {"Kind of text": ["Report text"], "Year": ["2011"]})
    assert reports["count"] > 0 and all("/2011-09-19-slac/#p-" in u or "/2011-09-19-slac/#s-" in u for u in reports["urls"])


def test_grade_region_and_framework_facets_are_offered(page, site_url: str) -> None:
    res = _search(page, site_url, "children")
    for facet in ("Council", "Region", "Kind of inspection", "Year", "Grade", "Theme", "Kind of text"):
        assert facet in res["filters"], facet
    assert res["filters"]["Grade"].get("Requires improvement", 0) > 0
    assert res["filters"]["Region"].get("North East", 0) > 0


def test_header_search_box_opens_the_search_page_with_results(page, site_url: str) -> None:
    page.goto(site_url + "authorities/nottinghamshire/")
    page.fill("#site-search-q", "private fostering")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/search/?q=private+fostering")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    page.wait_for_timeout(500)
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))")
    # Results go to the place: a paragraph (#p-N) or a finding (#improvement-N) of a report.
    assert any(re.search(r"/authorities/[^/]+/[^/]+/#(p|improvement)-\d+$", h) for h in links), links
