"""Rules for one kind of value each, and the Checker that applies them and collects problems at file:line."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from generator.load.sources import Source, key_path
from generator.model import dates
from generator.model.dates import PartialDate, parse_date
from generator.model.vocab import DOCUMENT_KINDS, FINDING_KINDS
from generator.model.vocab import TIMESCALES as TIMESCALE_LABELS

KINDS = tuple(k.key for k in DOCUMENT_KINDS)


TIMESCALES = tuple(TIMESCALE_LABELS)


FINDING_LISTS = tuple((k.record_key, k.key) for k in FINDING_KINDS)


AUTHORITY = "an ONS code from data/authorities.yaml"


FRAMEWORK = "a framework key from data/frameworks.yaml"


# One rule per kind of value. Slugs and keys become folder names, URLs and HTML ids: lower-case
# words of letters and digits joined by single hyphens, nothing else (no dots, slashes or spaces).
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


SLUG_RULE = "lower-case letters and digits in words joined by hyphens, such as north-yorkshire"


_ONS = re.compile(r"^E\d{8}$")


_URN = re.compile(r"^\d{5,8}$")


# Names and titles are shown as text: no markup, no line breaks. (Control characters are refused
# in every string when the file is read.)
_MARKUP = re.compile(r"[<>\n\r\t]")


# Dates: Ofsted's inspections of councils' children's services began with the joint area reviews
# of 2005; an inspection lasts days or weeks (a year at most, allowing for a letter's typo), and
# its report follows within months.
EARLIEST = dt.date(2005, 1, 1)


LONGEST_INSPECTION = dt.timedelta(days=366)


PUBLISHED_WITHIN = dt.timedelta(days=2 * 365)


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ValidationFailed(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(problems)


def _show(value: Any) -> str:
    """A value as a person editing YAML would recognise it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        keys = [str(k) for k in value]
        return "a mapping with the keys " + (", ".join(keys) if len(keys) <= 6 else ", ".join(keys[:6]) + ", …")
    text = repr(value)
    if isinstance(value, list) and len(text) > 60:
        return f"a list of {len(value)} items"
    return text if len(text) <= 60 else text[:57] + "…'"


def _kind_of(data: Any) -> str:
    """What a whole file turned out to hold, for `expected …, got …`."""
    if data is None:
        return "an empty file"
    if isinstance(data, dict):
        return "a mapping"
    if isinstance(data, list):
        return "a list"
    return f"a single value ({_show(data)})"


def _did_you_mean(value: Any, allowed: list[str] | tuple[str, ...], aliases: dict[str, str] | None = None,
                  fuzzy: bool = True) -> str:
    """': did you mean …?' for a near miss, else ''. Always for a difference of case or spacing
    only, or a name in `aliases`; for a typo (one or two letters off) only when `fuzzy`: never
    for grades or frameworks, where the nearest word ("adequate" → "inadequate") can mean the
    opposite."""
    if not isinstance(value, str):
        return ""
    key = value.strip().lower()
    lower = {a.lower(): a for a in allowed}
    if key in lower:
        return f": did you mean {lower[key]!r}?"
    if aliases is not None and key in aliases:
        return f": did you mean {aliases[key]}?"
    close = difflib.get_close_matches(key, list(lower), n=1, cutoff=0.85) if fuzzy and aliases is None else []
    return f": did you mean {lower[close[0]]!r}?" if close else ""


_path = key_path


def _choices(values: list[str] | tuple[str, ...]) -> str:
    values = list(values)
    return ", ".join(values) if len(values) <= 10 else ", ".join(values[:8]) + f", … ({len(values)} in all)"


class Checker:
    """Typed access to one source's data that records a Problem instead of raising."""

    def __init__(self, source: Source, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems

    def problem(self, path: tuple, message: str) -> None:
        self.problems.append(Problem(self.source.file, self.source.line(path), _path(path), message))

    def get(self, obj: dict, path: tuple, key: str, kind: type | tuple, required: bool = True, what: str = "") -> Any:
        if not isinstance(obj, dict):
            return None
        if key not in obj or obj[key] is None:
            if required:
                self.problem(path + ((key,) if key in obj else ()), f"expected key '{key}' ({what or _type_name(kind)}), got nothing")
            return None
        value = obj[key]
        if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            hint = ""
            if isinstance(value, bool) and kind is str:
                hint = " (YAML reads a bare yes, no, on, off, true or false as true or false: put the word in quotes)"
            self.problem(path + (key,), f"expected {what or _type_name(kind)}, got {_show(value)}{hint}")
            return None
        if isinstance(value, str) and not value.strip() and required:
            self.problem(path + (key,), f"expected {what or 'text'}, got an empty string")
            return None
        return value

    def choice(self, obj: dict, path: tuple, key: str, allowed: list[str] | tuple[str, ...], required: bool = True,
               what: str = "", aliases: dict[str, str] | None = None, fuzzy: bool = True) -> str | None:
        """A value from `allowed`; `what` names where the allowed values come from ("an ONS code
        from data/authorities.yaml"), `aliases` maps other spellings (lower case) to a suggestion."""
        expected = f"{what} ({_choices(allowed)})" if what else f"one of {_choices(allowed)}"
        value = self.get(obj, path, key, str, required, what=expected)
        if value is not None and value not in allowed:
            self.problem(path + (key,), f"expected {expected}, got {_show(value)}{_did_you_mean(value, allowed, aliases, fuzzy)}")
            return None
        return value

    def date(self, obj: dict, path: tuple, key: str, required: bool = True, partial: bool = False) -> PartialDate | None:
        if not isinstance(obj, dict) or obj.get(key) is None:
            if required:
                where = path + ((key,) if isinstance(obj, dict) and key in obj else ())
                self.problem(where, f"expected key '{key}' (a date as YYYY-MM-DD), got nothing")
            return None
        try:
            return parse_date(obj[key], partial=partial)
        except ValueError as exc:
            self.problem(path + (key,), f"expected {exc}, got {_show(obj[key])}")
            return None

    def slug(self, obj: dict, path: tuple, key: str, required: bool = True) -> str | None:
        """A slug or key (see SLUG_RULE)."""
        value = self.get(obj, path, key, str, required, what=SLUG_RULE)
        if value is not None and not _SLUG.match(value):
            self.problem(path + (key,), f"expected {SLUG_RULE}, got {_show(value)}")
            return None
        return value

    def name(self, obj: dict, path: tuple, key: str, required: bool = True) -> str | None:
        """A name or title: text on one line with no markup."""
        value = self.get(obj, path, key, str, required)
        if value is not None and _MARKUP.search(value.strip()):
            self.problem(path + (key,), f"expected a name on one line without < or >, got {_show(value)}")
            return None
        return value

    def plausible(self, path: tuple, key: str, value: PartialDate | None, after: PartialDate | None = None,
                  after_what: str = "", within: dt.timedelta | None = None, within_what: str = "") -> PartialDate | None:
        """`value`, unless it is before 2005, in the future, before `after`, or more than `within`
        after it; each with its own message."""
        if value is None:
            return None
        today = dates.today()
        day = value.as_date() if value.year >= EARLIEST.year else EARLIEST
        if value.year < EARLIEST.year:
            self.problem(path + (key,), f"expected a date in 2005 or later (Ofsted's inspections of children's "
                                        f"services began then), got {value.iso}")
        elif value.year > today.year or (value.is_full and day > today):
            self.problem(path + (key,), f"expected a date no later than today ({today.isoformat()}), got {value.iso}")
        elif after is not None and value < after:
            self.problem(path + (key,), f"expected a date on or after {after_what} {after.iso}, got {value.iso}")
        elif after is not None and within is not None and day - after.as_date() > within:
            self.problem(path + (key,), f"expected a date within {within_what} of {after_what} {after.iso}, got "
                                        f"{value.iso}")
        else:
            return value
        return None

    def unknown_keys(self, obj: dict, path: tuple, known: tuple[str, ...]) -> None:
        if isinstance(obj, dict):
            for key in obj:
                if key not in known:
                    self.problem(path + (key,), f"expected one of the keys {', '.join(known)}, got unknown key {_show(key)}"
                                                f"{_did_you_mean(key, known)}")

    def items(self, obj: dict, path: tuple, key: str, required: bool = False) -> list[tuple[tuple, Any]]:
        value = self.get(obj, path, key, list, required, what="a list of '- ' entries")
        return [(path + (key, i), item) for i, item in enumerate(value or [])]


def _type_name(kind: type | tuple) -> str:
    names = {str: "text", int: "a whole number", bool: "true or false", list: "a list", dict: "a mapping"}
    if isinstance(kind, tuple):
        return " or ".join(names.get(k, k.__name__) for k in kind)
    return names.get(kind, kind.__name__)


# A link out is an absolute https address whose every character is safe in an HTML attribute
# and in any Markdown around it: no spaces, quotes, angle brackets, brackets of any kind or
# backslashes. (Pages write it as an escaped href attribute as well.)
_URL = re.compile(r"^https://[A-Za-z0-9.-]+(?::\d+)?(?:/[^\s<>()\[\]{}\"'`\\^|]*)?$")


URL_RULE = "an https:// address without spaces, quotes, brackets or angle brackets"


def _url(c: Checker, obj: dict, path: tuple, key: str = "url") -> str | None:
    url = c.get(obj, path, key, str, required=False)
    if url is None:
        return None
    try:
        parts = urlsplit(url)
        ok = bool(_URL.match(url)) and parts.scheme == "https" and bool(parts.hostname)
    except ValueError:
        ok = False
    if not ok:
        c.problem(path + (key,), f"expected {URL_RULE}, got {_show(url)}")
        return None
    return url
