"""The reformed inspections of 2026 have no overall effectiveness judgement. Wherever a
headline grade is shown (home, councils, a council's timeline and its table, the grades pages,
feeds, open data) they say "No overall grade" and list every area's grade: no area's grade
(the leaders', say) stands in for an overall one."""
from __future__ import annotations

import re

import pytest

from generator.index.catalog import build_catalog
from generator.load.validate import load_dataset
from generator.model.vocab import NO_OVERALL_GRADE, OVERALL
from generator.render import urls
from generator.render.opendata import build_tables
from generator.render.run import render_files, render_pages
from tests.conftest import DATA, NATIONAL

REFORMED = "south-tyneside/2026-06-15-ilacs-2026"
# How the fixture's 2026 inspection is shown in one line wherever a grade is shown.
SAID = ('<span class="no-overall">No overall grade</span>: '
        '<span class="area-grade">Leaders <span class="grade grade-good">Good</span></span>, '
        '<span class="area-grade">Help and protection <span class="grade grade-good">Good</span></span>, '
        '<span class="area-grade">Children in care <span class="grade grade-good">Good</span></span>, '
        '<span class="area-grade">Care leavers <span class="grade grade-outstanding">Outstanding</span></span>')


@pytest.fixture(scope="module")
def shipped():
    cat = build_catalog(load_dataset(DATA))
    return cat, render_pages(cat), render_files(cat)


def _row(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(start))


def test_a_2026_inspection_has_no_overall_grade_and_others_keep_theirs(shipped) -> None:
    cat = shipped[0]
    reformed = next(i for i in cat.inspections["south-tyneside"] if i.framework.key == "ilacs-2026")
    assert reformed.headline is None and reformed.headline_status == NO_OVERALL_GRADE
    assert len(reformed.judgements) == 4
    ilacs = next(i for i in cat.inspections["nottinghamshire"] if i.framework.key == "ilacs")
    assert ilacs.headline_status == OVERALL and ilacs.headline.area_key == "overall-effectiveness"


def test_home_and_councils_say_no_overall_grade_and_list_the_areas(shipped) -> None:
    pages = shipped[1]
    home = _row(pages[urls.HOME], "| [South Tyneside]")
    assert home.split(" | ")[1] == SAID
    council = _row(pages[urls.AUTHORITIES], "| [South Tyneside]")
    assert council.split(" | ")[1] == SAID
    newest = _row(pages[urls.HOME], "- [South Tyneside: Reformed inspection")
    assert newest.endswith(": " + SAID)


def test_the_councils_timeline_and_its_table(shipped) -> None:
    page = shipped[1][urls.authority("south-tyneside")]
    assert _row(page, "| 15 to 26 June 2026 |").split(" | ")[2] == SAID
    # The chart: no circle on a grade's row, but a line over its areas' grades with a dot at each.
    mark = re.search(r'<g class="areas"><title>([^<]+)</title>(.*?)</g>', page)
    assert mark is not None
    assert mark.group(1) == ("15 June 2026: no overall grade; Leaders: Good; Help and protection: Good; "
                             "Children in care: Good; Care leavers: Outstanding")
    assert re.findall(r'class="area (rank-\d)"', mark.group(2)) == ["rank-1", "rank-2"]
    assert "2026" not in "".join(re.findall(r'<circle class="mark[^"]*"[^>]*><title>([^<]+)', page))
    assert "A vertical line with small dots is an inspection with no overall grade" in page


def test_the_grades_pages(shipped) -> None:
    pages = shipped[1]
    assert _row(pages[urls.GRADES], "| [South Tyneside]").endswith("[June 2026](authorities/south-tyneside/"
                                                                  "2026-06-15-ilacs-2026/index.md): " + SAID + " |")
    year = pages[urls.grades_year(2026)]
    assert "| No overall grade | 1 |" in year
    assert _row(year, "| 15 to 26 June 2026 |").endswith(" | " + SAID + " |")
    assert 'No overall grade: each area is graded on its own.' in pages[urls.FRAMEWORKS]
    inspection = shipped[1][urls.inspection(*REFORMED.split("/"))]
    assert "This inspection gives no overall grade" in inspection


def test_the_feeds_and_the_open_data(shipped) -> None:
    cat, _pages, files = shipped
    assert ("No overall grade (the reformed inspections of 2026 grade each area only). Leaders: Good; "
            "Help and protection: Good; Children in care: Good; Care leavers: Outstanding.") in files[urls.feed_all()]
    tables = build_tables(cat)
    row = next(r for r in tables["inspections"] if r["id"] == REFORMED)
    assert row["headline_status"] == "no-overall-grade"
    assert (row["headline_area"], row["headline_grade"], row["headline_grade_key"], row["headline_rank"]) == (None,) * 4
    judgements = [r for r in tables["judgements"] if r["inspection"] == REFORMED]
    assert len(judgements) == 4 and not any(r["headline"] for r in judgements)
    statuses = {r["headline_status"] for r in tables["inspections"]}
    assert statuses == {"overall-grade", "no-overall-grade", "not-graded", "overall-not-recorded"}


def test_nationally_no_2026_inspection_shows_a_single_grade() -> None:
    """Blackpool's June 2026 inspection read "Outstanding" on the home page (the leaders' grade)."""
    cat = build_catalog(load_dataset(NATIONAL))
    reformed = [i for a in cat.authorities for i in cat.documented(a.slug) if i.framework.key == "ilacs-2026"]
    assert len(reformed) >= 10
    assert all(i.headline is None and i.headline_status == NO_OVERALL_GRADE for i in reformed)
    from generator.render.pages.home import home_page
    ctx = home_page(cat).context
    blackpool = next(r for r in ctx.authorities if r.name == "Blackpool")
    assert blackpool.latest.headline.grade is None
    assert [a.area for a in blackpool.latest.headline.areas] == ["Leaders", "Help and protection", "Children in care",
                                                                 "Care leavers"]
