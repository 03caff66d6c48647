"""Dates as reports and letters write them: ranges, periods, one day."""
from __future__ import annotations

import datetime as dt
import re

from generator.model.dates import MONTHS

__all__ = ["DATE_EXPR", "MON", "ONE_DATE", "one_date", "parse_date_range", "parse_periods", "periods_after",
           "periods_without_year"]

_MONTHS = {m.lower(): i + 1 for i, m in enumerate(MONTHS)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?![a-z])"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_DAY = r"(?<!\d)(?:[0-3]?\d)(?:\s?(?:st|nd|rd|th)(?![a-z]))?(?!\d)"
_NUMDATE = r"(?<!\d)[0-3]?\d/[01]?\d/(?:19|20)\d\d(?!\d)"
_TOK = rf"(?:{_NUMDATE}|{_YEAR}|{MON}|{_DAY})"
_CONN = r"(?:\s*,?\s*(?:and|to|until|&|-|–|—|─|‒)\s*|\s*,\s*|\s+)"
DATE_EXPR = rf"(?:{_NUMDATE}(?:{_CONN}{_NUMDATE})?|{_DAY}(?:{_CONN}{_TOK})+)"
_TOKEN_RE = re.compile(rf"(?P<n>{_NUMDATE})|(?P<y>{_YEAR})|(?P<m>{MON})|(?P<d>{_DAY})", re.I)
ONE_DATE = rf"(?:{_NUMDATE}|{_DAY}\s*{MON}\s*,?\s*{_YEAR})"
_PERIOD_SPLIT = re.compile(r"(?<=\d{4})\s*,?\s*and\s+", re.I)


def _tokens(expr: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for m in _TOKEN_RE.finditer(expr):
        if m.group("n"):
            d, mo, y = m.group("n").split("/")
            out += [("d", int(d)), ("m", int(mo)), ("y", int(y))]
        elif m.group("y"):
            out.append(("y", int(m.group("y"))))
        elif m.group("m"):
            out.append(("m", _MONTHS[m.group("m").rstrip(".").lower()]))
        else:
            out.append(("d", int(re.match(r"\d+", m.group("d")).group(0))))  # type: ignore[union-attr]
    while out and out[-1][0] != "y":
        out.pop()
    return out


def parse_date_range(expr: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of a written range: "7 October 2019 to 18 October 2019",
    "11 May 2015 – 4 June 2015", "20 to 24 May 2024", "13-22 May 2013",
    "29 and 30 September, and 1 October 2020", "8 and 9 October 2009", "7 November 2018",
    "1/06/2015 – 25/06/2015"; for an inspection in periods ("5 to 9 December 2022 and 14 to
    15 February 2023") the first day of the first and the last day of the last."""
    periods = parse_periods(expr)
    return (periods[0][0], periods[-1][1]) if periods else None


def parse_periods(expr: str) -> list[tuple[dt.date, dt.date]]:
    """The periods of a range written in parts joined by "and", each with its own year."""
    parts = _PERIOD_SPLIT.split(expr)
    if len(parts) > 1:
        out = [_parse_one_range(p) for p in parts]
        if all(out) and all(a[1] <= b[0] for a, b in zip(out, out[1:])):  # type: ignore[index]
            return out  # type: ignore[return-value]
    one = _parse_one_range(expr)
    return [one] if one else []


def _parse_one_range(expr: str) -> tuple[dt.date, dt.date] | None:
    toks = _tokens(expr)
    if not toks or toks[0][0] != "d":
        return None
    try:
        i_m = next(i for i, t in enumerate(toks) if t[0] == "m")
        i_y = next(i for i, t in enumerate(toks) if t[0] == "y" and i > i_m)
        last_d = max(i for i, t in enumerate(toks) if t[0] == "d")
        last_m = max(i for i, t in enumerate(toks) if t[0] == "m")
    except (StopIteration, ValueError):
        return None
    if last_m < last_d:
        return None
    try:
        start = dt.date(toks[i_y][1], toks[i_m][1], toks[0][1])
        end = dt.date(toks[-1][1], toks[last_m][1], toks[last_d][1])
    except ValueError:
        return None
    if start > end and start.year == end.year:  # "15 December – 9 January 2015"
        try:
            start = start.replace(year=start.year - 1)
        except ValueError:
            return None
    if start > end:
        return None
    return start, end


def periods_after(label: str, text: str, flags: int = re.I) -> list[tuple[dt.date, dt.date]]:
    m = re.search(label + r"\s*(" + DATE_EXPR + ")", text, flags)
    return parse_periods(m.group(1)) if m else []


def periods_without_year(text: str, letter_date: dt.date) -> list[tuple[dt.date, dt.date]]:
    """A visit a letter dates without its year ("a focused visit … on 30 and 31 January."):
    the year is the letter's, or the one before where that would put the visit after it."""
    m = re.search(rf"\b(?:on|between|from)\s+({_DAY}(?:{_CONN}{_DAY})*{_CONN}{MON})(?!\s*,?\s*(?:{_YEAR}|{_DAY}))",
                  text, re.I)
    if m is None:
        return []
    for year in (letter_date.year, letter_date.year - 1):
        periods = parse_periods(f"{m.group(1)} {year}")
        if periods and periods[-1][1] <= letter_date:
            return periods
    return []


def one_date(s: str) -> dt.date | None:
    r = parse_date_range(s)
    return r[0] if r and r[0] == r[1] else None
