"""Each council's history from the citations (generator/index/history.py): the machine's
readings merged into one entry per inspection, reconciled with the documented inspections and
people's entries, disagreements kept, and a reorganised council's readings given to the
council it took over from."""
from __future__ import annotations

import dataclasses

from generator.index.catalog import build_catalog
from generator.load.validate import load_dataset
from generator.model.dates import PartialDate
from generator.model.records import CitationReading, Formed
from generator.model.vocab import CITATION_UNTOLD
from generator.render.run import render_pages
from tests.conftest import DATA

SLAC_2011 = "nottinghamshire/2011-09-19-slac/ofsted-report"
ILACS_2019 = "nottinghamshire/2019-10-07-ilacs/ofsted-report"


def _reading(document: str, paragraph: str, date: str, framework: str | None, grades=(), text: str = "…",
             candidates=(), doubt: str = "", published: bool = False) -> CitationReading:
    y, *m = date.split("-")
    return CitationReading("data/citations/test.yaml", document, paragraph, PartialDate(int(y), int(m[0]) if m else 0),
                           framework, tuple(candidates), tuple(grades), text, doubt, published)


def _with(*readings: CitationReading, **changes):
    ds = load_dataset(DATA)
    ds = dataclasses.replace(ds, citations=tuple(readings), **changes)
    return build_catalog(ds)


def _cited(cat, slug: str) -> dict:
    return {i.id: i for i in cat.inspections[slug] if i.is_cited}


def test_the_fixtures_machine_reading_of_an_earlier_ilacs_becomes_an_entry() -> None:
    cat = build_catalog(load_dataset(DATA))
    insp = _cited(cat, "nottingham")["2018-11-ilacs"]
    assert insp.by_machine and insp.cited is not None
    assert [(j.area_key, j.grade_key) for j in insp.judgements] == [("overall-effectiveness", "requires-improvement")]
    assert [(c.document, c.paragraph) for c in insp.cited_at] == [("nottingham/2020-02-04-focused-visit/ofsted-letter", "s-3")]


def test_a_paragraph_a_person_has_read_is_theirs_alone() -> None:
    cat = build_catalog(load_dataset(DATA))
    cited = _cited(cat, "nottinghamshire")
    # data/cited/ cites paragraph 1 of the 2011 report: the machine's readings of it (2010, 2011,
    # "October 2009") are not used, so no second 2010 inspection and no 2009 one appear.
    assert sorted(cited) == ["2010-03-slac", "2011-02-cra-unannounced", "2015-sif", "2019-01-focused-visit"]
    assert not any(i.by_machine for i in cited.values())


def test_readings_of_one_inspection_in_several_documents_are_one_entry() -> None:
    cat = _with(_reading(SLAC_2011, "p-2", "2008-11", "slac", [("help-and-protection", "good")]),
                _reading(ILACS_2019, "p-5", "2008", "slac", [("children-in-care", "adequate")]))
    insp = _cited(cat, "nottinghamshire")["2008-11-slac"]
    assert len(insp.cited_at) == 2 and insp.start_date == PartialDate(2008, 11)
    assert [(j.area_key, j.grade_key) for j in insp.judgements] == [
        ("overall-effectiveness", "good"), ("looked-after-overall-effectiveness", "adequate")]


def test_where_readings_disagree_on_a_grade_both_are_kept_and_none_is_the_inspections() -> None:
    cat = _with(_reading(SLAC_2011, "p-2", "2008-11", "slac", [("overall-effectiveness", "good")]),
                _reading(ILACS_2019, "p-5", "2008-11", "slac", [("overall-effectiveness", "adequate")]))
    insp = _cited(cat, "nottinghamshire")["2008-11-slac"]
    assert insp.judgements == () and insp.headline is None
    assert sorted(j.grade_key for c in insp.cited_at for j in c.grades) == ["adequate", "good"]
    page = render_pages(cat)["authorities/nottinghamshire/index.md"]
    assert "later documents give different grades: Good (" in page and "; Adequate (" in page


def test_an_inspection_on_the_site_is_not_added_again_and_a_different_month_is_shown() -> None:
    cat = _with(_reading(ILACS_2019, "p-5", "2011-11", "slac"))
    assert "2011-11-slac" not in _cited(cat, "nottinghamshire")
    documented = next(i for i in cat.inspections["nottinghamshire"] if i.id == "2011-09-19-slac")
    assert [c.paragraph for c in documented.cited_at] == ["p-5"]
    assert documented.dates_given == (PartialDate(2011, 11),)
    page = render_pages(cat)["authorities/nottinghamshire/2011-09-19-slac/index.md"]
    assert "## Later reports that mention this inspection" in page and "a later document gives: November 2011" in page


def test_a_reading_that_does_not_tell_its_framework_joins_the_one_inspection_of_its_year() -> None:
    cat = _with(_reading(ILACS_2019, "p-5", "2011", None, candidates=("slac", "cp-2012"), doubt=CITATION_UNTOLD))
    documented = next(i for i in cat.inspections["nottinghamshire"] if i.id == "2011-09-19-slac")
    assert [c.paragraph for c in documented.cited_at] == ["p-5"]
    # two inspections of 2011 it could be (a person's entry has the unannounced one): it is left out
    cat = _with(_reading(ILACS_2019, "p-5", "2011", None, candidates=("slac", "cra-unannounced"), doubt=CITATION_UNTOLD))
    assert not any(c.paragraph == "p-5" for i in cat.inspections["nottinghamshire"] for c in i.cited_at)


def test_a_reading_in_doubt_is_never_used() -> None:
    cat = _with(_reading(ILACS_2019, "p-5", "2008-11", "slac", doubt="the sentence names two inspections"))
    assert "2008-11-slac" not in _cited(cat, "nottinghamshire")


def test_a_reorganised_councils_readings_before_it_was_formed_are_its_predecessors() -> None:
    ds = load_dataset(DATA)
    old = next(a for a in ds.authorities if a.slug == "nottinghamshire")
    new = next(a for a in ds.authorities if a.slug == "nottingham")
    moved = dataclasses.replace(new, formed=Formed(PartialDate(2019, 4, 1), (old.ons_code,), ""))
    cat = _with(_reading("nottingham/2020-02-04-focused-visit/ofsted-letter", "s-3", "2018-11", "ilacs",
                         [("overall-effectiveness", "requires-improvement")]),
                authorities=tuple(moved if a is new else a for a in ds.authorities))
    assert "2018-11-ilacs" in _cited(cat, "nottinghamshire") and "2018-11-ilacs" not in _cited(cat, "nottingham")
    assert [a.slug for a in cat.successors["nottinghamshire"]] == ["nottingham"]
    timeline = cat.timeline("nottingham")
    before = [i for i in timeline if i.authority.slug == "nottinghamshire"]
    assert before and all(i.start_date.as_date() < moved.formed.date.as_date() for i in before)
    pages = render_pages(cat)
    assert "took over children's services on 1 April 2019 from [Nottinghamshire]" in pages["authorities/nottingham/index.md"]
    assert "(Nottinghamshire)" in pages["authorities/nottingham/index.md"]
    assert ("no longer exists as a council with children's services: on 1 April 2019 [Nottingham]"
            in pages["authorities/nottinghamshire/index.md"])
