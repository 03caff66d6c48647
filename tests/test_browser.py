"""The built site in a real browser (Debian's chromium via playwright), as a person uses it.
Screenshots of each page kind go to test-artifacts/screenshots/ (not committed)."""
from __future__ import annotations


import pytest

from tests.conftest import ROOT

SHOTS = ROOT / "test-artifacts" / "screenshots"
PAGES = {
    "home": "",
    "authority": "authorities/nottinghamshire/",
    "inspection": "authorities/nottinghamshire/2019-10-07-ilacs/",
    "theme": "themes/strategy-discussions/",
    "grades": "grades/",
    "grades-year": "grades/2019/",
    "data": "data/",
    "search": "search/?q=strategy+discussions",
}


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_page_kind_renders(page, site_url: str, kind: str) -> None:
    response = page.goto(site_url + PAGES[kind])
    assert response is not None and response.ok
    assert page.locator("h1").first.is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{kind}.png"), full_page=True)


def test_timeline_is_visible_with_an_accessible_name(page, site_url: str) -> None:
    page.goto(site_url + PAGES["authority"])
    chart = page.locator("svg.timeline")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300
    assert page.get_by_role("img", name="Grade timeline for Nottinghamshire").count() == 1


def test_paragraph_permalink_lands_on_its_paragraph(page, site_url: str) -> None:
    page.goto(site_url + PAGES["inspection"] + "#p-32")
    para = page.locator("#p-32")
    assert para.is_visible()
    top = para.bounding_box()["y"]
    assert 0 <= top < 300  # scrolled to it, below the fixed header
    assert page.evaluate("document.querySelector(':target').id") == "p-32"


@pytest.mark.parametrize("kind", ["home", "authority", "inspection", "theme", "grades"])
def test_no_horizontal_scrolling_on_a_phone(browser, site_url: str, kind: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.goto(site_url + PAGES[kind])
    overflow = pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"phone-{kind}.png"), full_page=False)
    context.close()
    assert overflow <= 0, f"{kind}: {overflow}px wider than the screen"


def test_keyboard_reaches_search_and_main_links(page, site_url: str) -> None:
    page.goto(site_url)
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("(() => { const e = document.activeElement; return (e.id || '') + '|' + (e.getAttribute('href') || '') })()"))
    assert any(r.startswith("site-search-q|") for r in reached), reached
    hrefs = {r.split("|", 1)[1] for r in reached}
    for target in ("authorities/", "grades/", "themes/"):
        assert any(h.endswith(target) for h in hrefs), (target, hrefs)


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async () => (await axe.run(document, {runOnly: {type: 'tag',
  values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})).violations
  .map(v => `${v.id} (${v.impact}): ${v.nodes.length} element(s), first ${v.nodes[0].target.join(' ')}`)"""


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_wcag_22_a_or_aa_violations(page, site_url: str, kind: str) -> None:
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `make test` (it runs npm ci)")
    page.goto(site_url + PAGES[kind])
    if kind == "search":
        page.wait_for_selector("#search-results a", timeout=15000)
        page.click("#search-filters summary")  # the facets are checked too
        page.wait_for_selector("#search-facets fieldset", timeout=15000)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(AXE_RUN)
    assert violations == [], f"{kind}: " + "; ".join(violations)
