"""A real build of the shipped data: generator, then `mkdocs build --strict`, then the built HTML."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.config import Settings
from generator.commands.site import build_site
from generator.load.validate import load_dataset
from tests.conftest import DATA

from generator.write.linkcheck import check_site, parse


def test_authority_pages_have_an_accessible_timeline(built_site: Path) -> None:
    for slug in ("nottinghamshire", "nottingham", "south-tyneside"):
        page = built_site / "authorities" / slug / "index.html"
        html = page.read_text(encoding="utf-8")
        p = parse(page)
        charts = [s for s in p.svgs if "timeline" in s.get("class", "")]
        # The same chart in two layouts, one shown at a time: wide, and narrow for phones.
        assert sorted(c["class"] for c in charts) == ["timeline timeline-narrow", "timeline timeline-wide"], slug
        for chart in charts:
            assert chart["role"] == "img"
            for ref in chart["aria-labelledby"].split():
                assert ref in p.ids
        assert "<table>" in html  # the data table beside the chart


def test_every_document_has_an_inspection_page_with_paragraph_anchors(built_site: Path) -> None:
    ds = load_dataset(DATA)
    slugs = {a.ons_code: a.slug for a in ds.authorities}
    pages = {(slugs[d.authority], d.inspection_id) for d in ds.documents}
    assert len(pages) == 7
    for slug, iid in pages:
        page = built_site / "authorities" / slug / iid / "index.html"
        assert page.exists(), page
        assert "Open Government Licence" in page.read_text(encoding="utf-8") or "council" in page.read_text(encoding="utf-8")
    p = parse(built_site / "authorities/nottinghamshire/2019-10-07-ilacs/index.html")
    numbered = {i for i in p.ids if re.fullmatch(r"p-\d+", i)}
    assert {"p-1", "p-3", "p-49"} <= numbered and len(numbered) == 49


def test_cited_inspections_are_on_their_authority_pages(built_site: Path) -> None:
    ids = parse(built_site / "authorities/nottinghamshire/index.html").ids
    assert {"cited-2010-03-slac", "cited-2011-02-cra-unannounced", "cited-2015-sif", "cited-2019-01-focused-visit"} <= ids
    html = (built_site / "authorities/nottinghamshire/index.html").read_text(encoding="utf-8")
    assert "Known only from a later report" in html
    assert "cited-2012-05-slac" in parse(built_site / "authorities/south-tyneside/index.html").ids


def test_theme_pages(built_site: Path) -> None:
    themes = [p for p in (built_site / "themes").iterdir() if (p / "index.html").exists()]
    assert len(themes) >= 15
    html = (built_site / "themes/strategy-discussions/index.html").read_text(encoding="utf-8")
    assert "../../authorities/nottinghamshire/2019-10-07-ilacs/#p-3" in html


def test_internal_links_and_anchors_resolve(built_site: Path) -> None:
    report = check_site(built_site)
    assert report.pages >= 39 and report.links > 500
    assert not report.broken, "\n".join(report.broken[:20])


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    report = check_site(built_site)
    assert not report.external_loads, "\n".join(report.external_loads[:20])


def test_the_link_checker_finds_broken_links_and_external_loads(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="a/#nope">bad anchor</a><a href="b/">missing</a>'
                                         '<script src="https://cdn.example/x.js"></script>')
    (tmp_path / "a" / "index.html").write_text('<p id="here">x</p>')
    report = check_site(tmp_path)
    assert sorted(report.broken) == ["index.html: a/#nope (no such anchor)", "index.html: b/"]
    assert report.external_loads == ["index.html: https://cdn.example/x.js"]


def test_a_canonical_or_alternate_link_is_no_load_but_must_resolve_when_relative(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<link rel="canonical" href="https://example.org/site/"><link rel="alternate" type="application/atom+xml" '
        'href="feeds/all.xml"><link rel="alternate" href="feeds/missing.xml"><link rel="stylesheet" '
        'href="https://cdn.example/x.css"><link rel="preconnect" href="https://fonts.example">')
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "all.xml").write_text("<feed/>")
    report = check_site(tmp_path)
    assert report.broken == ["index.html: feeds/missing.xml"]
    assert report.external_loads == ["index.html: https://cdn.example/x.css", "index.html: https://fonts.example"]


def test_navigation_does_not_grow_with_pages(built_site: Path) -> None:
    """The primary navigation lists the top-level pages only, not every authority and report."""
    for page in [built_site / "index.html", built_site / "authorities/nottinghamshire/2019-10-07-ilacs/index.html",
                 built_site / "themes/private-fostering/index.html"]:
        html = page.read_text(encoding="utf-8")
        start = html.index('md-nav--primary')
        end = html.index('md-nav--secondary', start) if 'md-nav--secondary' in html[start:] else len(html)
        primary = html[start:end]
        assert primary.count('class="md-nav__link') <= 20, page
        assert "2019-10-07-ilacs" not in primary and "private-fostering" not in primary


def test_the_guide_for_staff_is_off_the_main_menu_and_linked_from_about_and_data(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    start = home.index("md-tabs__list")
    tabs = home[start:home.index("</ul>", start)]
    assert "how-to-add-a-report" not in tabs and "Add a report" not in tabs
    assert "how-to-add-a-report" not in home[home.index("md-nav--primary"):]
    for page in ("about/index.html", "data/index.html"):
        assert "../how-to-add-a-report/" in parse(built_site / page).links, page
    assert (built_site / "how-to-add-a-report" / "index.html").exists()


def test_dates_and_grades_are_written_out(built_site: Path) -> None:
    html = (built_site / "authorities/nottinghamshire/2011-09-19-slac/index.html").read_text(encoding="utf-8")
    assert "19 to 23 September 2011" in html and "Published 17 October 2011" in html
    assert 'class="grade grade-adequate">Adequate<' in html
    council = (built_site / "authorities/nottingham/2014-03-11-sif/index.html").read_text(encoding="utf-8")
    assert "council&#39;s own account" in council.lower() or "council's own account" in council.lower()


def test_record_text_cannot_become_markup(project: Path) -> None:
    rec = project / "data/reports/nottinghamshire/2019-10-07-ilacs.ofsted-report.yaml"
    text = rec.read_text(encoding="utf-8")
    hostile = "<script>alert('x')</script> <img src=x onerror=alert(1)> [j](javascript:alert(1)) {{ 7*7 }} a | b"
    # (A title may not hold < or >: the check refuses it, tests/cases/title-script.)
    text = text.replace("title: Inspection of local authority children's services",
                        "title: \"" + hostile.replace('"', '\\"').replace("<", "").replace(">", "") + "\"", 1)
    finding = "  - text: The consistency of social work practice in all geographical areas of the county."
    assert finding in text
    text = text.replace(finding, "  - text: \"" + hostile + " The consistency of social work practice\"", 1)
    rec.write_text(text, encoding="utf-8")
    assert build_site(Settings.for_project(project)) == 0
    html = (project / "site/authorities/nottinghamshire/2019-10-07-ilacs/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in html and "<script>alert(" not in html
    assert "<img src=x" not in html and 'href="javascript:' not in html
    assert "{{ 7*7 }}" in html and "49" not in html.split("{{ 7*7 }}")[0][-5:]


def test_failed_check_writes_nothing(project: Path) -> None:
    from generator.cli import main

    rec = project / "data/reports/south-tyneside/2013-05-13-cp-2012.ofsted-report.yaml"
    rec.write_text(rec.read_text(encoding="utf-8").replace("grade: Adequate", "grade: Adequate-ish", 1), encoding="utf-8")
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    assert main(["--data", str(project / "data"), "--docs", str(project / "docs"), "build"]) == 1
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before


@pytest.mark.parametrize("slug", ["nottinghamshire", "nottingham", "south-tyneside"])
def test_authority_pages_list_every_inspection(built_site: Path, slug: str) -> None:
    html = (built_site / "authorities" / slug / "index.html").read_text(encoding="utf-8")
    ds = load_dataset(DATA)
    code = next(a.ons_code for a in ds.authorities if a.slug == slug)
    for d in ds.documents:
        if d.authority == code:
            assert f"{d.inspection_id}/" in html
