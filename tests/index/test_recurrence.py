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
