"""Recurrence of findings through later inspections, on the shipped data and the corpus."""
from __future__ import annotations

import re
from pathlib import Path


from generator.index.catalog import build_catalog
from generator.load.validate import load_dataset
from tests.conftest import DATA, ROOT


def _cat():
    return build_catalog(load_dataset(DATA))


def test_strategy_discussions_recur_in_nottinghamshire() -> None:
    cat = _cat()
    recurring = cat.recurring_themes("nottinghamshire")
    assert [i.id for i in recurring["strategy-discussions"]] == ["2009-10-08-cra-unannounced", "2019-10-07-ilacs"]


def test_a_finding_is_followed_to_the_paragraph_that_raises_it_again() -> None:
    cat = _cat()
    insp = next(i for i in cat.documented("nottinghamshire") if i.id == "2011-09-19-slac")
    traces = cat.traces_for(insp)
    assert len(traces) == 7  # every area for improvement of 2011
    lado = next(t for t in traces if "LADO" in t.finding.text)
    (fu,) = lado.followups
    assert fu.inspection.id == "2019-10-07-ilacs" and fu.theme == "allegations-against-staff"
    assert fu.anchor == "p-14" and fu.status == "improved"


def test_latest_inspection_has_nothing_later() -> None:
    cat = _cat()
    latest = cat.documented("nottinghamshire")[-1]
    assert all(t.followups == () for t in cat.traces_for(latest))


def test_inspection_page_shows_later_verdicts_linked_to_paragraphs(built_site: Path) -> None:
    html = (built_site / "authorities/nottinghamshire/2009-10-08-cra-unannounced/index.html").read_text(encoding="utf-8")
    later = re.findall(r'Later: .*?</li>', html, re.S)
    assert later and all("October 2019 inspection" in x for x in later)
    assert "../2019-10-07-ilacs/#p-" in html


def test_authority_page_has_recurring_theme_table(built_site: Path) -> None:
    html = (built_site / "authorities/nottinghamshire/index.html").read_text(encoding="utf-8")
    section = html.split('id="themes-that-recur"')[1]
    assert "Strategy discussions and child protection enquiries" in section
    assert section.count("<strong>Raised</strong>") >= 4


def test_nottinghamshire_recurrence_through_the_national_record() -> None:
    cat = build_catalog(load_dataset(ROOT / "data"))
    recurring = cat.recurring_themes("nottinghamshire")
    for theme in ("strategy-discussions", "private-fostering"):
        years = {(i.start_date.year, i.framework.key) for i in recurring[theme]}
        assert {(2015, "sif"), (2019, "ilacs")} <= years, (theme, years)
    sif15 = next(i for i in cat.documented("nottinghamshire") if i.start_date.year == 2015)
    fostering = [t for t in cat.traces_for(sif15) if t.finding.themes and t.finding.themes[0] == "private-fostering"]
    assert fostering
    by_id = {fu.inspection.id: fu for fu in fostering[0].followups}
    assert by_id["2019-10-07-ilacs"].status == "raised-again" and by_id["2019-10-07-ilacs"].anchor.startswith("p-")
