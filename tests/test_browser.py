"""The built site in a real browser (Debian's chromium via playwright), as a person uses it.
Screenshots of each page kind go to test-artifacts/screenshots/ (not committed)."""
from __future__ import annotations


import pytest

from tests.conftest import ROOT

SHOTS = ROOT / "test-artifacts" / "screenshots"
PAGES = {
    "home": "",
    "councils": "authorities/",
    "latest": "latest-grades/",
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
    chart = page.locator("svg.timeline-wide")
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


# --------------------------------------------------------------------------- phones (375 px)

PHONE = {"width": 375, "height": 740}
# The columns a reader must see without scrolling: council and grade on the lists of councils;
# the first column of every other table.
KEY_COLUMNS = {"home": 2, "councils": 2, "latest": 2}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.mark.parametrize("kind", sorted(k for k in PAGES if k != "search"))
def test_every_tables_key_columns_are_on_a_phones_screen(phone, site_url: str, kind: str) -> None:
    phone.goto(site_url + PAGES[kind])
    found = phone.evaluate("""(keys) => {
      const out = {overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth, cells: []};
      for (const table of document.querySelectorAll('article table')) {
        for (const row of Array.from(table.rows).slice(0, 4)) {
          for (const cell of Array.from(row.cells).slice(0, keys)) {
            const box = cell.getBoundingClientRect();
            out.cells.push([cell.textContent.trim().slice(0, 30), Math.round(box.left), Math.round(box.right)]);
          }
        }
      }
      return out;
    }""", KEY_COLUMNS.get(kind, 1))
    assert found["overflow"] <= 0, f"{kind}: the page is {found['overflow']}px wider than the screen"
    assert found["cells"] or kind in ("search",), kind
    off = [c for c in found["cells"] if c[1] < 0 or c[2] > PHONE["width"]]
    assert off == [], f"{kind}: key cells off the screen: {off}"


def test_the_timelines_text_is_readable_on_a_phone(phone, site_url: str) -> None:
    """The wide chart would show its 13-unit text at 6 px on a phone; the narrow one is shown
    instead, at 11 px or more."""
    phone.goto(site_url + PAGES["authority"])
    shown = phone.evaluate("""() => Array.from(document.querySelectorAll('svg.timeline'))
      .filter(svg => svg.getBoundingClientRect().width > 0)
      .map(svg => ({cls: svg.getAttribute('class'), scale: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
                    size: parseFloat(getComputedStyle(svg.querySelector('text')).fontSize),
                    texts: svg.querySelectorAll('text').length}))""")
    assert len(shown) == 1 and "timeline-narrow" in shown[0]["cls"], shown
    assert shown[0]["size"] * shown[0]["scale"] >= 11, shown
    assert phone.get_by_role("img", name="Grade timeline for Nottinghamshire").count() == 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.locator("svg.timeline-narrow").screenshot(path=str(SHOTS / "phone-timeline.png"))


# --------------------------------------------------------------------------- latest grades table

def _councils(page) -> list[str]:
    return page.eval_on_selector_all("table[data-sortable] tbody tr:not([hidden]) th", "ths => ths.map(t => t.textContent.trim())")


def test_the_latest_grades_table_is_complete_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(site_url + PAGES["latest"])
    assert _councils(pg) == ["Nottingham", "Nottinghamshire", "South Tyneside"]
    assert pg.locator("table[data-sortable] button").count() == 0 and pg.locator(".table-filters").count() == 0
    context.close()


def test_the_latest_grades_table_sorts_and_filters(page, site_url: str) -> None:
    page.goto(site_url + PAGES["latest"])
    table = page.locator("table[data-sortable]")
    assert _councils(page) == ["Nottingham", "Nottinghamshire", "South Tyneside"]
    status = page.get_by_role("status")
    assert status.inner_text() == "Showing 3 of 3 councils."
    # By latest grade: best first (Good, Requires improvement, then no overall grade), then worst first.
    grade = table.get_by_role("button", name="Latest grade", exact=True)
    grade.click()
    assert _councils(page) == ["Nottinghamshire", "Nottingham", "South Tyneside"]
    assert table.locator("th[aria-sort]").get_attribute("aria-sort") == "ascending"
    assert status.inner_text() == "Sorted by latest grade, best first. Showing 3 of 3 councils."
    grade.click()
    # No overall grade is not a grade: it stays after the grades whichever way they run.
    assert _councils(page) == ["Nottingham", "Nottinghamshire", "South Tyneside"]
    assert table.locator("th[aria-sort]").get_attribute("aria-sort") == "descending"
    table.get_by_role("button", name="Council", exact=True).click()
    table.get_by_role("button", name="Council", exact=True).click()
    assert _councils(page) == ["South Tyneside", "Nottinghamshire", "Nottingham"]
    # By keyboard too: the sort buttons are in the tab order.
    table.get_by_role("button", name="Latest inspection", exact=True).focus()
    page.keyboard.press("Enter")
    assert _councils(page) == ["Nottingham", "Nottinghamshire", "South Tyneside"]  # March 2014, October 2019, June 2026
    # Filters.
    page.get_by_label("Region", exact=True).select_option("North East")
    assert _councils(page) == ["South Tyneside"]
    assert status.inner_text().endswith("Showing 1 of 3 councils.")
    page.get_by_label("Region", exact=True).select_option("")
    page.get_by_label("Latest grade", exact=True).select_option("No overall grade")
    assert _councils(page) == ["South Tyneside"]
    page.get_by_role("button", name="Show every council").click()
    page.get_by_label("Council name", exact=True).fill("notting")
    assert sorted(_councils(page)) == ["Nottingham", "Nottinghamshire"]
    page.get_by_label("Change", exact=True).select_option("Same")
    assert _councils(page) == ["Nottinghamshire"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "latest-filtered.png"), full_page=True)
