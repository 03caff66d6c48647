"""The latest grades of every council: each council's latest grade beside the one before it,
the change in words, and the two short lists (inadequate now, improved most)."""
from __future__ import annotations

import dataclasses

from generator.config import Limits
from generator.index.catalog import build_catalog
from generator.load.validate import load_dataset
from generator.model.records import Judgement
from generator.render import urls
from generator.render.pages.latest import latest_page
from generator.render.run import render_pages
from tests.conftest import DATA, NATIONAL


def _regraded(ds, file_end: str, area_key: str, grade_key: str, rank: int):
    """The dataset with one judgement of one record (document or cited inspection) regraded."""
    def regrade(js: tuple[Judgement, ...]) -> tuple[Judgement, ...]:
        return tuple(dataclasses.replace(j, grade=grade_key.replace("-", " ").capitalize(), grade_key=grade_key, rank=rank)
                     if j.area_key == area_key else j for j in js)
    docs = tuple(dataclasses.replace(d, judgements=regrade(d.judgements)) if d.file.endswith(file_end) else d
                 for d in ds.documents)
    cited = tuple(dataclasses.replace(c, judgements=regrade(c.judgements))
                  if c.file.endswith(file_end) and c.start_date.year == 2015 else c for c in ds.cited)
    return dataclasses.replace(ds, documents=docs, cited=cited)


def test_standings_of_the_fixture() -> None:
    cat = build_catalog(load_dataset(DATA))
    notts = cat.standings["nottinghamshire"]
    assert notts.latest.id == "2019-10-07-ilacs"
    # The inspection before is the 2015 one known only from the 2019 report, not the 2011 report.
    assert notts.previous.id == "2015-sif" and notts.previous.is_cited
    assert (notts.change, notts.steps) == ("same", 0)
    assert cat.standings["nottingham"].change == "first" and cat.standings["nottingham"].previous is None
    tyneside = cat.standings["south-tyneside"]
    # The 2026 report says the previous inspection, in 2023, judged it inadequate overall: that
    # inspection, known only from the 2026 report, is the one before.
    assert tyneside.latest.framework.key == "ilacs-2026" and tyneside.previous.id == "2023-ilacs"
    assert tyneside.previous.is_cited and tyneside.previous.headline.grade_key == "inadequate"
    assert (tyneside.change, tyneside.steps) == ("not-comparable", 0)
    assert cat.latest_graded("south-tyneside") is tyneside.latest


def test_better_worse_and_adequate_beside_requires_improvement() -> None:
    ds = load_dataset(DATA)
    cat = build_catalog(_regraded(ds, "cited/nottinghamshire.yaml", "overall-effectiveness", "inadequate", 4))
    assert (cat.standings["nottinghamshire"].change, cat.standings["nottinghamshire"].steps) == ("better", 2)
    cat = build_catalog(_regraded(ds, "cited/nottinghamshire.yaml", "overall-effectiveness", "outstanding", 1))
    assert (cat.standings["nottinghamshire"].change, cat.standings["nottinghamshire"].steps) == ("worse", -1)
    # Adequate (the 2011 report) then requires improvement: the same rank, not the same judgement.
    two = _regraded(ds, "2019-10-07-ilacs.ofsted-report.yaml", "overall-effectiveness", "requires-improvement", 3)
    two = dataclasses.replace(two, cited=tuple(c for c in two.cited if not (c.framework == "sif" and c.start_date.year == 2015)))
    assert build_catalog(two).standings["nottinghamshire"].change == "same-rank"


def test_the_page_lists_the_inadequate_now_and_the_most_improved() -> None:
    ds = load_dataset(DATA)
    ds = _regraded(ds, "cited/nottinghamshire.yaml", "overall-effectiveness", "inadequate", 4)
    ds = _regraded(ds, "2014-03-11-sif.council-response.yaml", "overall-effectiveness", "inadequate", 4)
    ds = _regraded(ds, "2026-06-15-ilacs-2026.ofsted-report.yaml", "help-and-protection", "inadequate", 4)
    ctx = latest_page(build_catalog(ds)).context
    assert [(c.name, c.detail) for c in ctx.inadequate] == [("Nottingham", "judged inadequate in March 2014")]
    assert [(c.name, c.detail) for c in ctx.inadequate_area] == [
        ("South Tyneside", "no overall grade in June 2026; judged inadequate: Help and protection")]
    assert [(c.name, c.detail) for c in ctx.improved] == [
        ("Nottinghamshire", "Inadequate (2015, known from a later report) to Good (October 2019): up 2 grades")]
    rows = {r.name: r for r in ctx.rows}
    assert rows["Nottinghamshire"].change == "Better: up 2 grades" and rows["Nottinghamshire"].change_sort == "2"
    assert rows["South Tyneside"].change == "Cannot compare: no overall grade now"
    assert rows["South Tyneside"].latest.sort == "" and rows["South Tyneside"].latest.filter == "No overall grade"
    assert rows["Nottingham"].change == "No earlier grade" and rows["Nottingham"].previous is None
    assert (ctx.counts.inadequate, ctx.counts.no_overall, ctx.counts.better, ctx.counts.worse) == (1, 1, 1, 0)


def test_the_page_is_linked_from_home_and_grades_and_is_complete_in_html() -> None:
    pages = render_pages(build_catalog(load_dataset(DATA)))
    assert "(latest-grades.md)" in pages[urls.HOME] and "(latest-grades.md)" in pages[urls.GRADES]
    text = pages[urls.LATEST]
    assert text.count("<tr><th scope=\"row\"") == 3  # one row per council, in the page without JavaScript
    assert '<script src="../assets/sort-table.js"></script>' in text
    assert "No council's latest overall grade is inadequate." in text


def test_nationally_the_lists_answer_the_questions() -> None:
    cat = build_catalog(load_dataset(NATIONAL), Limits())
    ctx = latest_page(cat).context
    assert len(ctx.rows) == len(cat.authorities) >= 150
    inadequate = {c.name for c in ctx.inadequate}
    for c in ctx.inadequate:
        s = next(x for x in cat.standings.values() if x.authority.short_name == c.name)
        assert s.latest.headline.grade_key == "inadequate"
    assert len(inadequate) >= 1
    assert len(ctx.improved) == Limits().improved_listed
    steps = [next(x for x in cat.standings.values() if x.authority.short_name == c.name).steps for c in ctx.improved]
    assert steps == sorted(steps, reverse=True) and steps[0] >= 2
    # Trafford's 2026 inspection judged leaders and help and protection inadequate, with no overall grade.
    assert any(c.name == "Trafford" and "Leaders, Help and protection" in c.detail for c in ctx.inadequate_area)
