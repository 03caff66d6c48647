"""Search (Pagefind) in a real browser: facets narrow results to the right paragraphs, and the
search page loads only what a query needs."""
from __future__ import annotations

import re
from functools import lru_cache

from generator.render import urls
from generator.config import Limits
from generator.index.catalog import build_catalog
from generator.render.place import locate
from generator.render.search import COMMON_SHARE, _parts, common_words, records
from generator.load.validate import load_dataset
from tests.conftest import DATA

SEARCH = """async ([term, filters]) => {
  const pagefind = await import(new URL('pagefind/pagefind.js', document.baseURI.replace(/search\\/.*$/, '')).href);
  await pagefind.options({ baseUrl: '/' });
  const found = await pagefind.search(term, { filters });
  const data = await Promise.all(found.results.slice(0, 50).map(r => r.data()));
  const urls = data.flatMap(d => d.meta && d.meta.target && d.sub_results.some(s => s.url.includes('#'))
    ? d.sub_results.filter(s => s.url.includes('#')).map(s => '/' + d.meta.target + s.url.slice(s.url.indexOf('#')).split('~')[0])
    : [d.url]);
  return { count: found.results.length, urls, filters: await pagefind.filters() };
}"""
THEME = "Strategy discussions and child protection enquiries"
LINKS = "els => els.map(e => e.getAttribute('href'))"


def _search(page, site_url: str, term: str, filters: dict | None = None) -> dict:
    page.goto(site_url + "search/")
    return page.evaluate(SEARCH, [term, filters or {}])


@lru_cache(maxsize=1)
def _catalog() -> Catalog:
    return build_catalog(load_dataset(DATA))


def _places_with_theme(name: str) -> set[str]:
    """Every paragraph and finding carrying the theme, as /page/#anchor."""
    slug = next(t.slug for t in _catalog().themes.values() if t.name == name)
    out = set()
    cat = _catalog()
    for a in cat.authorities:
        for insp in cat.documented(a.slug):
            page = "/" + urls.page_url(urls.inspection(a.slug, insp.id))
            for doc in insp.documents:
                out |= {"/" + urls.site_path(*locate(cat, insp, doc, b.anchor)) for b in doc.body if slug in b.themes}
                kth = {id(f): k for kind in {f.kind for f in doc.findings}
                       for k, f in enumerate((g for g in doc.findings if g.kind == kind), 1)}
                out |= {page + "#" + urls.finding_anchor(doc is insp.primary, doc.kind, f.kind, kth[id(f)])
                        for f in doc.findings if slug in f.themes}
    return out


def _ui_search(page, site_url: str, term: str) -> None:
    page.goto(site_url + "search/?q=" + term.replace(" ", "+"))
    page.wait_for_selector("#search-results a", timeout=15000)


def _open_filters(page) -> None:
    page.click("#search-filters summary")
    page.wait_for_selector("#search-facets fieldset", timeout=15000)


def _ui_links(page) -> list[str]:
    page.wait_for_function("document.getElementById('search-status').textContent.includes('result')", timeout=15000)
    return page.eval_on_selector_all("#search-results a", LINKS)


def test_strategy_discussions_finds_the_2019_nottinghamshire_paragraph(page, site_url: str) -> None:
    res = _search(page, site_url, "strategy discussions")
    assert res["count"] > 5
    assert "/authorities/nottinghamshire/2019-10-07-ilacs/#p-3" in res["urls"]


def test_council_facet_keeps_only_that_council(page, site_url: str) -> None:
    res = _search(page, site_url, "strategy discussions", {"Council": ["South Tyneside"]})
    assert res["count"] > 0
    assert all("/south-tyneside/" in u for u in res["urls"])


def test_kind_and_theme_facets(page, site_url: str) -> None:
    res = _search(page, site_url, "strategy", {"Kind of text": ["Area for improvement"], "Theme": [THEME]})
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


def test_every_record_item_id_starts_with_its_anchor_on_the_page() -> None:
    for r in records(_catalog()):
        names = r.filters.get("Theme", [])
        for item in r.items:
            anchor, *themes = r.item_id(item).split("~")
            assert anchor == item.anchor
            assert {names[int(i)] for i in themes} == set(item.themes)


def test_theme_facet_narrows_to_the_paragraphs_that_carry_the_theme(page, site_url: str) -> None:
    _ui_search(page, site_url, "children")
    everything = _ui_links(page)
    themed = _places_with_theme("Care leavers")
    # Without the facet some places found do not carry the theme (so the test can fail) …
    assert any("#" in h and h not in themed for h in everything), everything
    _open_filters(page)
    page.check("#search-facets input[data-facet='Theme'][value='Care leavers']")
    page.wait_for_timeout(300)
    links = _ui_links(page)
    # … and with it, every place shown carries it.
    assert links and all(h in themed for h in links), sorted(set(links) - themed)


def test_council_facet_in_the_page(page, site_url: str) -> None:
    _ui_search(page, site_url, "strategy discussions")
    _open_filters(page)
    assert page.get_by_role("group", name="Council").count() == 1
    page.get_by_label(re.compile(r"^South Tyneside \(\d+\)$")).check()
    page.wait_for_timeout(300)
    links = _ui_links(page)
    assert links and all("/authorities/south-tyneside/" in h for h in links), links


def test_header_search_box_opens_the_search_page_with_results(page, site_url: str) -> None:
    page.goto(site_url + "authorities/nottinghamshire/")
    page.fill("#site-search-q", "private fostering")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/search/?q=private+fostering")
    page.wait_for_selector("#search-results a", timeout=15000)
    links = _ui_links(page)
    # Results go to the place: a paragraph (#p-N) or a finding (#improvement-N) of a report.
    assert any(re.search(r"/authorities/[^/]+/[^/]+/#(p|improvement)-\d+$", h) for h in links), links
    # Each report's result says whose report, which inspection and when.
    titles = page.eval_on_selector_all("#search-results h2", "els => els.map(e => e.textContent)")
    assert any(re.match(r"^(Nottinghamshire|Nottingham|South Tyneside): .+, [A-Z][a-z]+ \d{4}", t) for t in titles), titles


def test_search_by_keyboard(page, site_url: str) -> None:
    page.goto(site_url + "search/")
    page.focus("#search-q")
    page.keyboard.type("strategy discussions")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results a", timeout=15000)
    page.keyboard.press("Tab")  # the search button
    page.keyboard.press("Tab")  # the filters' summary
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-facets fieldset", timeout=15000)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "checkbox"


def test_first_query_loads_no_filters_no_default_ui_and_no_worker(page, site_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    _ui_search(page, site_url, "strategy discussions")
    page.wait_for_load_state("networkidle")
    assert any("/pagefind/index/" in u for u in fetched) and any("/pagefind/fragment/" in u for u in fetched)
    for unwanted in ("/pagefind/filter/", "pagefind-ui", "pagefind-worker", "bundle."):
        assert not any(unwanted in u for u in fetched), unwanted
    assert all(u.startswith(site_url) for u in fetched), [u for u in fetched if not u.startswith(site_url)]
    _open_filters(page)
    assert any("/pagefind/filter/" in u for u in fetched)


def test_long_reports_are_split_into_records_of_at_most_max_words() -> None:
    most = Limits().search_record_words
    recs = records(_catalog())
    for r in recs:
        words = sum(len(i.text.split()) for i in r.items)
        assert len(r.items) == 1 or words <= most, (r.title, words)
    docs = [d for a in _catalog().authorities for i in _catalog().documented(a.slug) for d in i.documents]
    blocks = [b for d in docs for b in d.body if not b.is_heading]  # one long run of text
    parts = _parts(blocks, most)
    assert len(parts) > 1 and [b for p in parts for b in p] == blocks  # every paragraph once, in order
    assert all(sum(len(b.text.split()) for b in p) <= most for p in parts if len(p) > 1)


def test_show_more_appears_only_when_there_are_more_results(page, site_url: str) -> None:
    page.goto(site_url + "search/")
    assert not page.is_visible("#search-more")  # nothing searched yet
    page.goto(site_url + "search/?q=zzzzqqqx")
    page.wait_for_function("document.getElementById('search-status').textContent.startsWith('No results')", timeout=15000)
    assert not page.is_visible("#search-more")
    page.goto(site_url + "search/?q=children")
    page.wait_for_selector("#search-results a", timeout=15000)
    page.wait_for_timeout(300)
    shown = page.eval_on_selector_all("#search-results > li", "els => els.length")
    total = int(re.match(r"(\d+) results?", page.inner_text("#search-status")).group(1))
    assert page.is_visible("#search-more") == (total > shown), (total, shown)


def test_common_words_are_the_commonest_of_the_index_and_ship_with_it(built_site) -> None:
    import json

    recs = records(_catalog())
    words = common_words(recs)
    assert {"the", "and", "of", "children"} <= set(words) and "strategy" not in words and "discussions" not in words
    total = sum(len(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", t.lower().replace("\u2019", "'")))
                for r in recs for t in [r.text, *(i.text for i in r.items)])
    assert all(n >= total * COMMON_SHARE for n in words.values())
    shipped = json.loads((built_site / urls.COMMON_WORDS).read_text(encoding="utf-8"))
    assert shipped["words"] == words


def test_a_query_leaves_out_the_commonest_words_and_says_so(page, site_url: str) -> None:
    _ui_search(page, site_url, "the strategy discussions")
    status = page.inner_text("#search-status")
    assert "Not searched for" in status and "‘the’" in status, status
    # The same results as without the word.
    with_the = _ui_links(page)
    _ui_search(page, site_url, "strategy discussions")
    assert _ui_links(page) == with_the
    assert "Not searched for" not in page.inner_text("#search-status")


def test_a_query_in_quotes_keeps_every_word(page, site_url: str) -> None:
    _ui_search(page, site_url, '"strategy discussions are"')
    assert "Not searched for" not in page.inner_text("#search-status")


def test_a_query_of_common_words_only_keeps_the_rarest(page, site_url: str) -> None:
    page.goto(site_url + "search/?q=the+children")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('result')", timeout=15000)
    status = page.inner_text("#search-status")
    assert "‘the’" in status.split("Not searched for", 1)[1] and "‘children’" not in status.split("Not searched for", 1)[1]


def test_a_results_paragraphs_that_mark_more_of_the_query_come_first(page, site_url: str) -> None:
    _ui_search(page, site_url, "child protection strategy")
    per_result = page.eval_on_selector_all(
        "#search-results .search-result__places",
        """uls => uls.map(ul => [...ul.querySelectorAll('.search-result__excerpt')].map(p =>
             ['child', 'protect', 'strateg'].filter(w => [...p.querySelectorAll('mark')]
               .some(m => m.textContent.toLowerCase().startsWith(w))).length))""")
    assert per_result and any(len(set(r)) > 1 for r in per_result), per_result  # the order is put to the test
    for counts in per_result:
        assert counts == sorted(counts, reverse=True), per_result
