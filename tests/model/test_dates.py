from __future__ import annotations

import pytest

from generator.model.dates import PartialDate, date_range, long_date, parse_date


def test_long_dates_are_govuk_style() -> None:
    assert long_date(parse_date("2011-09-19")) == "19 September 2011"
    assert long_date(parse_date("2010-03", partial=True)) == "March 2010"
    assert long_date(parse_date("2015", partial=True)) == "2015"


def test_ranges_share_month_and_year() -> None:
    assert date_range(parse_date("2011-09-19"), parse_date("2011-09-23")) == "19 to 23 September 2011"
    assert date_range(parse_date("2014-03-11"), parse_date("2014-04-02")) == "11 March to 2 April 2014"
    assert date_range(parse_date("2013-12-30"), parse_date("2014-01-10")) == "30 December 2013 to 10 January 2014"
    assert date_range(parse_date("2019-01-02"), None) == "2 January 2019"


@pytest.mark.parametrize("bad", ["2019-13-01", "2019-02-30", "19/10/2019", "2019-10", ""])
def test_full_dates_are_required_by_default(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_date(bad)


def test_partial_dates_order_before_full_dates_of_the_same_month() -> None:
    assert PartialDate(2019, 1) < PartialDate(2019, 1, 5)
    assert parse_date("2010-03", partial=True).as_date().isoformat() == "2010-03-01"


def test_today_follows_source_date_epoch(monkeypatch) -> None:
    import datetime as dt
    from generator.model import dates
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796169600")
    assert dates.today() == dt.date(2026, 12, 2)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert dates.today() == dt.date.today()
