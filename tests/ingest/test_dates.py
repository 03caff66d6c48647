"""Dates as reports and letters write them (generator.ingest.dates)."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.ingest.dates import parse_date_range

D = dt.date


@pytest.mark.parametrize("text, start, end", [
    ("7 October 2019 to 18 October 2019", D(2019, 10, 7), D(2019, 10, 18)),
    ("11 May 2015 \u2013 4 June 2015", D(2015, 5, 11), D(2015, 6, 4)),
    ("20 to 24 May 2024", D(2024, 5, 20), D(2024, 5, 24)),
    ("13-22 May 2013", D(2013, 5, 13), D(2013, 5, 22)),
    ("14 January \u2013 5 February 2014", D(2014, 1, 14), D(2014, 2, 5)),
    ("18 Feb 2014 \u2013 12 March 2014", D(2014, 2, 18), D(2014, 3, 12)),
    ("29 and 30 September, and 1 October 2020", D(2020, 9, 29), D(2020, 10, 1)),
    ("1/06/2015 \u2013 25/06/2015", D(2015, 6, 1), D(2015, 6, 25)),
    ("5 to 9 December 2022 and 14 to 15 February 2023", D(2022, 12, 5), D(2023, 2, 15)),
    ("7 November 2018", D(2018, 11, 7), D(2018, 11, 7)),
])
def test_date_ranges(text: str, start: dt.date, end: dt.date) -> None:
    assert parse_date_range(text) == (start, end)
