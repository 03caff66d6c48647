"""Dates as records hold them (full or partial) and as GOV.UK style writes them."""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

def today() -> dt.date:
    """Today's date, or the day of `SOURCE_DATE_EPOCH` when it is set (the reproducible-builds
    convention), so that checks against "today" give the same message on any day in tests."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day (cited inspections are often vague)."""

    year: int
    month: int = 0  # 0: unknown
    day: int = 0  # 0: unknown

    @property
    def iso(self) -> str:
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out

    @property
    def is_full(self) -> bool:
        return bool(self.day)

    def as_date(self) -> dt.date:
        """The earliest day the partial date can mean (for ordering and charts)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        return long_date(self)


def parse_date(value: object, partial: bool = False) -> PartialDate:
    """Parse `YYYY-MM-DD` (or `YYYY-MM` / `YYYY` when partial); ValueError says what was wrong."""
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    text = str(value).strip()
    m = _ISO.match(text)
    if not m or (not partial and not m.group(3)):
        raise ValueError("a date as YYYY-MM-DD" + (" (or YYYY-MM, YYYY)" if partial else ""))
    year, month, day = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    if month:
        try:
            dt.date(year, month, day or 1)
        except ValueError:
            raise ValueError("a real calendar date as YYYY-MM-DD") from None
    return PartialDate(year, month, day)


def long_date(d: PartialDate) -> str:
    """GOV.UK style: "19 September 2011", "March 2010", "2015"."""
    if d.day:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if d.month:
        return f"{MONTHS[d.month - 1]} {d.year}"
    return str(d.year)


def date_range(start: PartialDate, end: PartialDate | None) -> str:
    """GOV.UK style range: "19 to 23 September 2011", "11 March to 2 April 2014"."""
    if end is None or end == start:
        return long_date(start)
    if start.is_full and end.is_full:
        if start.year == end.year and start.month == end.month:
            return f"{start.day} to {long_date(end)}"
        if start.year == end.year:
            return f"{start.day} {MONTHS[start.month - 1]} to {long_date(end)}"
    return f"{long_date(start)} to {long_date(end)}"
