"""The grades overview and its pages year by year, and a council with no inspection on the site
(generated Markdown, no build)."""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from functools import lru_cache

from generator.render import urls
from generator.render.run import render_pages
from generator.index.catalog import build_catalog
from generator.load.validate import load_dataset
from tests.conftest import DATA


@lru_cache(maxsize=1)
def _shipped() -> tuple:
    cat = build_catalog(load_dataset(DATA))
    return cat, render_pages(cat)


def _links_to_inspections(text: str) -> list[str]:
    """The inspections a year page's table links to, as authority/inspection-or-cited-anchor."""
    out = []
    for line in text.split("## Inspections", 1)[1].splitlines():
        if line.startswith("| ") and not line.startswith("| Dates"):
            m = re.search(r"\| \[[^\]]+\]\(\.\./\.\./authorities/([^/]+)/(?:([^/]+)/index\.md|index\.md#cited-([^)]+))\)", line)
            assert m, line
            out.append(f"{m.group(1)}/{m.group(2) or m.group(3)}")
    return out


def test_every_inspection_is_on_the_page_of_the_year_it_began_once() -> None:
    cat, pages = _shipped()
    expected = {}
    for a in cat.authorities:
        for i in cat.inspections[a.slug]:
            expected.setdefault(i.start_date.year, []).append(f"{a.slug}/{i.id}")
    seen = []
    for year, ids in expected.items():
        listed = _links_to_inspections(pages[urls.grades_year(year)])
        assert sorted(listed) == sorted(ids), year
        seen += listed
    assert len(seen) == len(set(seen)) == sum(len(v) for v in expected.values())
    assert sorted(p for p in pages if p.startswith("grades/")) == sorted(urls.grades_year(y) for y in expected)


def test_a_years_inspections_are_in_date_order() -> None:
    cat, pages = _shipped()
    by_id = {f"{i.authority.slug}/{i.id}": i for a in cat.authorities for i in cat.inspections[a.slug]}
    for year in {i.start_date.year for i in by_id.values()}:
        starts = [by_id[k].start_date.iso for k in _links_to_inspections(pages[urls.grades_year(year)])]
        assert starts == sorted(starts), year


def test_the_overview_links_each_year_with_its_count_newest_first() -> None:
    cat, pages = _shipped()
    listed = re.findall(r"^- \[(\d{4})\]\(grades/(\d{4})/index\.md\): (\d+) inspections?$", pages[urls.GRADES], re.M)
    assert listed, pages[urls.GRADES]
    years = [int(y) for y, _, _ in listed]
    assert years == sorted(years, reverse=True) and all(y == z for y, z, _ in listed)
    counts = {int(y): int(n) for y, _, n in listed}
    for y, n in counts.items():
        assert n == len(_links_to_inspections(pages[urls.grades_year(y)]))
    assert "## Every inspection" not in pages[urls.GRADES]  # the long table is now the year pages


def test_year_pages_link_the_years_beside_them() -> None:
    _, pages = _shipped()
    years = sorted(int(p.split("/")[1]) for p in pages if p.startswith("grades/"))
    first, last = pages[urls.grades_year(years[0])], pages[urls.grades_year(years[-1])]
    assert f"Later year: [{years[1]}](../{years[1]}/index.md)" in first and "Earlier year" not in first
    assert f"Earlier year: [{years[-2]}](../{years[-2]}/index.md)" in last and "Later year" not in last


@lru_cache(maxsize=1)
def _with_a_council_without_inspections() -> dict[str, str]:
    ds = load_dataset(DATA)
    extra = dataclasses.replace(ds.authorities[0], ons_code="E99999999", slug="nowhere-shire", name="Nowhere Shire Council",
                                short_name="Nowhere Shire", urn=None, neighbours=(ds.authorities[0].ons_code,))
    return render_pages(build_catalog(dataclasses.replace(ds, authorities=ds.authorities + (extra,))))


def test_a_council_without_inspections_says_so_on_the_grades_overview() -> None:
    pages = _with_a_council_without_inspections()
    row = next(line for line in pages[urls.GRADES].splitlines() if line.startswith("| [Nowhere Shire]"))
    assert row.endswith("| No inspections on this site yet |")


def test_a_council_without_inspections_has_a_plain_page() -> None:
    text = _with_a_council_without_inspections()[urls.authority("nowhere-shire")]
    assert "No report of an inspection of Nowhere Shire's children's services is on this site yet." in text
    assert "lists 0 inspections" not in text
    # No empty timeline, table or section: only the feed to follow and the similar councils.
    for gone in ("## Grade timeline", "<svg", "| Date | Inspection |", "## Latest grades", "## Inspections",
                 "## Themes that recur"):
        assert gone not in text, gone
    assert "follow the Atom feed" in text and "## Similar councils" in text


def test_the_home_page_counts_only_councils_with_documents() -> None:
    _, pages = _shipped()
    assert "documents about 3 councils." in pages[urls.HOME]
    home = _with_a_council_without_inspections()[urls.HOME]
    assert "documents about 3 councils; 1 of the 4 councils listed has none here yet." in home


def test_a_council_of_no_recorded_type_says_so_in_the_list_of_councils() -> None:
    ds = load_dataset(DATA)
    untyped = dataclasses.replace(ds.authorities[0], type="")
    pages = render_pages(build_catalog(dataclasses.replace(ds, authorities=(untyped,) + ds.authorities[1:])))
    row = next(line for line in pages[urls.AUTHORITIES].splitlines() if line.startswith(f"| [{untyped.short_name}]"))
    assert row.split(" | ")[3] == "Not recorded"


def test_a_years_grade_counts_add_up_to_its_inspections() -> None:
    cat, pages = _shipped()
    for year in {i.start_date.year for a in cat.authorities for i in cat.inspections[a.slug]}:
        text = pages[urls.grades_year(year)]
        tally_part, listing_part = text.split("## Inspections", 1)
        tally = {m[0] or m[1]: int(m[2]) for m in
                 re.findall(r"^\| (?:<span[^>]*>([^<]+)</span>|([^|<]+)) \| (\d+) \|$", tally_part, re.M)}
        # An overall grade's badge, or the words said instead ("No overall grade", "Not graded" …).
        listed = re.findall(r"\| (?:<span class=\"grade[^>]*>([^<]+)</span>|<span class=\"no-overall\">([^<]+)</span>[^|]*"
                            r"|([^|<\]]+)) \|$", listing_part.split("|---|---|---|---|", 1)[1], re.M)
        assert tally == dict(Counter(a or b or c for a, b, c in listed)), year
        assert sum(tally.values()) == len(_links_to_inspections(text))
