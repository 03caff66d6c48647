"""Long pages split: a long report's text on pages of its own (generator/index/parts.py) and a long
theme page's councils on a page per region. How the text is cut, and a real build in which
every link to a paragraph of a split report finds it, on the right page."""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from generator.config import Limits, Settings

from generator.render import urls
from generator.index.catalog import build_catalog
from generator.model.dates import PartialDate
from generator.write.linkcheck import check_site, parse
from generator.model.records import Block, Document, Finding
from generator.index.parts import TextPart, block_size, split_texts
from generator.render.search import records
from generator.load.validate import load_dataset
from tests.conftest import DATA, copy_project, serve

SPLIT = "authorities/nottingham/2014-03-11-sif"  # the longest report in the shipped data
LIMIT = 30_000  # small enough to split it, two more reports whose findings name their paragraphs, and theme pages
PART = 15_000
DEFAULT = Limits()


def _doc(body: list[Block], kind: str = "ofsted-report", findings: tuple[Finding, ...] = ()) -> Document:
    d = PartialDate(2015, 1, 20)
    return Document(file=f"x-{kind}.yml", authority="E08000035", framework="sif", kind=kind, title="A report",
                    start_date=d, end_date=d, published=None, document_date=None, inspector=None,
                    legal_basis=None, source_file=None, source_url=None, reviewed=False,
                    judgements=(), findings=findings, body=tuple(body))


def _report(sections: int, paragraphs: int, chars: int = 800) -> list[Block]:
    body, n = [], 0
    for s in range(sections):
        body.append(Block("", f"Section {s + 1}", heading_level=1))
        for _ in range(paragraphs):
            n += 1
            body.append(Block(f"p-{n}", f"Paragraph {n}. " + "x" * chars, number=n))
    return body


def _size(part: TextPart) -> int:
    return sum(block_size(b) for b in part.blocks)


def test_a_page_under_the_limit_keeps_its_text() -> None:
    assert split_texts((_doc(_report(3, 20)),), DEFAULT) == ()


def test_a_long_text_is_cut_into_parts_at_headings_each_under_the_budget() -> None:
    doc = _doc(_report(12, 30))  # about 300 KB of text
    got = split_texts((doc,), DEFAULT)
    total = sum(block_size(b) for b in doc.body)
    assert len(got) == math.ceil(total / (DEFAULT.part_text_bytes * 0.85))
    assert tuple(b for p in got for b in p.blocks) == doc.body  # nothing lost, nothing twice, in order
    for p in got:
        assert _size(p) <= DEFAULT.part_text_bytes
        assert not p.blocks[-1].is_heading, "a heading left at the end of a part"
        assert p.blocks[0].is_heading, "a cut between paragraphs although a heading was near"
    assert [(p.number, p.index, p.count) for p in got] == [(k, k, len(got)) for k in range(1, len(got) + 1)]
    first, last = got[1].paragraph_range
    assert got[0].paragraph_range[1] + 1 == first and last < got[2].paragraph_range[0]


def test_a_text_without_headings_is_cut_between_paragraphs() -> None:
    doc = _doc([Block(f"p-{n}", "y" * 1500, number=n) for n in range(1, 301)])
    got = split_texts((doc,), DEFAULT)
    assert len(got) > 1 and tuple(b for p in got for b in p.blocks) == doc.body
    assert all(_size(p) <= DEFAULT.part_text_bytes for p in got)


def test_findings_count_towards_the_page_and_every_document_gets_its_own_parts() -> None:
    body = _report(4, 25)  # about 90 KB: fits alone
    assert split_texts((_doc(body),), DEFAULT) == ()
    findings = tuple(Finding("improvement", "Improve this. " * 10, ()) for _ in range(40))
    report, response = _doc(body, findings=findings), _doc(_report(1, 5), kind="council-response")
    assert split_texts((report, response), DEFAULT, later=0) == ()
    got = split_texts((report, response), DEFAULT, later=8)  # each area to improve lists 8 later verdicts
    assert [(p.document.kind, p.number, p.index, p.count) for p in got] == [
        ("ofsted-report", 1, 1, 2), ("ofsted-report", 2, 2, 2), ("council-response", 3, 1, 1)]


# A real build of the shipped data with limits small enough to split the longest report.

SMALL = Limits(page_bytes=LIMIT, part_text_bytes=PART)


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.commands.site import build_site

    proj = copy_project(tmp_path_factory.mktemp("parts") / "project")
    assert build_site(Settings.for_project(proj, limits=SMALL)) == 0
    return proj / "site"


@pytest.fixture(scope="module")
def split_catalog():
    cat = build_catalog(load_dataset(DATA), SMALL)
    insp = next(i for i in cat.inspections["nottingham"] if i.id == "2014-03-11-sif")
    assert cat.text_parts(insp)
    return cat, insp


def test_every_link_and_anchor_of_the_split_site_resolves(split_site: Path) -> None:
    report = check_site(split_site)
    assert report.broken == [] and report.external_loads == []


def test_the_inspection_page_lists_the_parts_and_each_paragraph_is_on_exactly_one(split_site: Path, split_catalog) -> None:
    cat, insp = split_catalog
    part_pages = sorted((split_site / SPLIT).glob("part-*/index.html"))
    assert len(part_pages) == len(cat.text_parts(insp)) >= 3
    main = parse(split_site / SPLIT / "index.html")
    html = (split_site / SPLIT / "index.html").read_text(encoding="utf-8")
    assert 'class="para"' not in html
    for k in range(1, len(part_pages) + 1):
        assert f"part-{k}/" in main.links
    seen: dict[str, str] = {}
    for p in part_pages:
        for anchor in parse(p).ids:
            if re.fullmatch(r"(council-response-)?[ps]-\d+", anchor):
                assert anchor not in seen, f"{anchor} on {seen.get(anchor)} and {p}"
                seen[anchor] = p.parent.name
    expected = {urls.page_anchor(d is insp.primary, d.kind, b.anchor) for d in insp.documents for b in d.body if b.anchor}
    assert set(seen) == expected


def test_no_page_links_to_a_split_paragraph_on_the_inspection_page(split_site: Path) -> None:
    """Theme pages, the council's page, later inspections' "Later" links and the inspection
    page's own findings all link to the part that holds the paragraph."""
    stale = []
    for page in split_site.rglob("*.html"):
        for href in parse(page).links:
            target, _, anchor = href.partition("#")
            dest = (page.parent / target).resolve() if target else page.resolve()
            if dest.is_dir():
                dest = dest / "index.html"
            if dest == (split_site / SPLIT / "index.html").resolve() and re.match(r"(council-response-)?[ps]-", anchor):
                stale.append(f"{page.relative_to(split_site)}: {href}")
    assert stale == []
    theme_links = [h for p in (split_site / "themes").rglob("*.html") for h in parse(p).links
                   if "2014-03-11-sif/part-" in h]
    assert theme_links, "no theme page links into the parts"


def test_search_records_and_open_data_point_at_the_parts(split_site: Path, split_catalog) -> None:
    cat, _ = split_catalog
    urls = {r.url for r in records(cat) if r.url.startswith(f"/{SPLIT}/")}
    assert any("/part-" in u for u in urls)
    findings = json.loads((split_site / "data" / "findings.json").read_text(encoding="utf-8"))["rows"]
    tyneside = "authorities/south-tyneside/2013-05-13-cp-2012/"
    mine = [f for f in findings if f["paragraph_page"].startswith(tyneside) and f["paragraph"]]
    assert mine and all(re.match(tyneside + r"part-\d+/#p-\d+$", f["paragraph_page"]) for f in mine)
    for f in mine:  # and the page it names holds the paragraph
        page, _, anchor = f["paragraph_page"].partition("#")
        assert anchor in parse(split_site / page / "index.html").ids


def test_an_old_link_to_a_paragraph_on_the_inspection_page_goes_on_to_its_part(browser, split_site: Path, split_catalog) -> None:
    cat, insp = split_catalog
    second = cat.text_parts(insp)[1]
    anchor = urls.page_anchor(second.document is insp.primary, second.document.kind, second.anchors[3])
    with serve(split_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + SPLIT + "/#" + anchor)
        page.wait_for_url(re.compile(f"/part-{second.number}/#{anchor}$"))
        assert page.locator("#" + anchor).is_visible()
        assert 0 <= page.locator("#" + anchor).bounding_box()["y"] < 300
        # A part page passes axe and fits a phone.
        from tests.test_browser import AXE, AXE_RUN, SHOTS

        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "text-part.png"))
        page.add_script_tag(path=str(AXE))
        assert page.evaluate(AXE_RUN) == []
        page.goto(base + SPLIT + "/")
        page.locator("ol.text-parts").first.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "inspection-with-parts.png"))
        page.add_script_tag(path=str(AXE))
        assert page.evaluate(AXE_RUN) == []
        page.close()
        phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True).new_page()
        phone.goto(base + SPLIT + "/part-2/")
        assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        phone.context.close()


def test_a_long_theme_page_lists_its_councils_on_a_page_per_region(split_site: Path, split_catalog) -> None:
    cat, _ = split_catalog
    split = {t: cat.theme_regions(t) for t in cat.themes}
    slug = next(t for t, r in sorted(split.items()) if len(r) >= 2)
    theme_page = split_site / urls.page_url(urls.theme(slug)) / "index.html"
    links = parse(theme_page).links
    html = theme_page.read_text(encoding="utf-8")
    assert 'class="by-council"' not in html and "By region" in html
    listed: dict[str, str] = {}
    for region, members in split[slug].items():
        rel = urls.page_url(urls.theme_region(slug, region))
        assert any(h.rstrip("/").endswith(rel.rstrip("/").split("/")[-1]) for h in links), (region, links)
        ids = parse(split_site / rel / "index.html").ids
        for a in members:
            assert a.slug in ids and a.slug not in listed, a.slug
            listed[a.slug] = region
    with_mentions = {a.slug for a in cat.authorities if cat.authority_mentions(a.slug).get(slug)}
    assert set(listed) == with_mentions  # every council with something on the theme, once
