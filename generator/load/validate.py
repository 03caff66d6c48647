"""Read every data file, check it, and build the typed Dataset; collect every problem first."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.load import bodytext
from generator.load.sources import MAX_BYTES, Source, SourceError, decode_text, key_path, read_yaml, unsafe_char
from generator.model import dates
from generator.model.dates import PartialDate, parse_date
from generator.model.records import (Annotation, Area, Authority, Block, Citation, CitedInspection, Dataset, Document,
                                     Finding, Framework, Grade, Judgement, Theme, Unreadable)
from generator.model.vocab import DOCUMENT_KINDS, FINDING_KINDS, GRADE_LABELS, TIMESCALES as TIMESCALE_LABELS

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


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.parent).as_posix()
    except ValueError:
        return path.as_posix()


def _load(path: Path, root: Path, problems: list[Problem]) -> Source | None:
    try:
        return read_yaml(path, _rel(path, root))
    except SourceError as exc:
        problems.append(Problem(exc.file, exc.line, "", exc.message))
    except OSError as exc:
        problems.append(Problem(_rel(path, root), 1, "", f"cannot read file: {exc.strerror}"))
    return None


def _record_files(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """The record files under reports/; a file of any other kind there is a problem, not
    silently left out (a record saved as .yml would otherwise vanish from the site)."""
    records: list[Path] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".yaml":
            records.append(path)
        elif path.suffix == bodytext.SUFFIX:
            if not path.with_suffix(".yaml").exists():
                problems.append(Problem(_rel(path, root), 1, "", f"expected the record {path.with_suffix('.yaml').name} "
                                        "beside this text file, got none"))
        elif not path.name.startswith("."):
            problems.append(Problem(_rel(path, root), 1, "", "expected a record (.yaml) or a record's text (.md), got a "
                                    f"{path.suffix or 'file with no extension'}{': rename it to .yaml' if path.suffix.lower() in ('.yml', '.yaml') else ''}"))
    return records


# What data/ holds; anything else there is reported, so that no file is silently left out.
DATA_FILES = ("authorities.yaml", "frameworks.yaml", "themes.yaml", "unreadable.yaml", "README.md")
DATA_FOLDERS = ("reports", "cited", "annotations")


def _stray_files(root: Path, problems: list[Problem]) -> None:
    """Files under data/ that are neither read nor documentation."""
    for path in sorted(root.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir() and path.name not in DATA_FOLDERS:
            problems.append(Problem(_rel(path, root), 1, "", f"expected only the folders {', '.join(DATA_FOLDERS)} in "
                                    f"data/, got a folder {path.name!r}: its files would not be read"))
        elif path.is_file() and path.name not in DATA_FILES:
            hint = next((f": rename it to {f}" for f in DATA_FILES if f.lower().split(".")[0] == path.stem.lower()), "")
            problems.append(Problem(_rel(path, root), 1, "", f"expected only {', '.join(DATA_FILES)} in data/, got "
                                    f"{path.name!r}, which would not be read{hint}"))
    for folder in ("cited", "annotations"):
        for path in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else ():
            if path.name.startswith(".") or path.is_dir() or (path.parent == root / folder and path.suffix == ".yaml"):
                continue
            problems.append(Problem(_rel(path, root), 1, "", f"expected a .yaml file directly in data/{folder}/, got "
                                    f"{path.relative_to(root / folder).as_posix()!r}, which would not be read"
                                    f"{': rename it to .yaml' if path.suffix.lower() in ('.yml', '.yaml') else ''}"))


def _load_text(path: Path, root: Path, problems: list[Problem]) -> Source | None:
    """A record's text file as a Source whose `body` entries know their lines."""
    name = _rel(path, root)
    try:
        if path.stat().st_size > MAX_BYTES:
            problems.append(Problem(name, 1, "", f"expected a text file under {MAX_BYTES // 2**20} MB, got "
                                                 f"{path.stat().st_size / 2**20:.1f} MB"))
            return None
        text = decode_text(path.read_bytes(), name)
        for number, line in enumerate(text.split("\n"), 1):
            bad = unsafe_char(line.rstrip("\r"))
            if bad:
                problems.append(Problem(name, number, "", f"expected printable text, got {bad}"))
                return None
        entries, lines = bodytext.parse(text)
    except SourceError as exc:
        problems.append(Problem(exc.file, exc.line, "", exc.message))
        return None
    except bodytext.BodyTextError as exc:
        problems.append(Problem(name, exc.line, "", exc.message))
        return None
    except OSError as exc:
        problems.append(Problem(name, 1, "", f"cannot read file: {exc.strerror}"))
        return None
    at: dict[tuple, int] = {(): 1, ("body",): 1}
    for i, line in lines.items():
        at[("body", i)] = line
    return Source(file=name, data={"body": entries}, lines=at)


def _list_source(c: Checker, what: str) -> list[tuple[tuple, dict]]:
    data = c.source.data
    if not isinstance(data, list):
        c.problem((), f"expected a list of {what}, got {_kind_of(data)}")
        return []
    out = []
    for i, item in enumerate(data):
        if not isinstance(item, dict):
            c.problem((i,), f"expected a mapping ({what[:-1] if what.endswith('s') else what}), got {_show(item)}")
        else:
            out.append(((i,), item))
    return out


def check_mkdocs_config(project: Path) -> None:
    """mkdocs.yml read as strictly as a record before MkDocs reads it: MkDocs' own loader
    constructs Python objects from tags such as !!python/object/apply, so a pull request could
    run a command through it. Plain YAML only (no tags, no aliases); ValidationFailed otherwise."""
    path = project / "mkdocs.yml"
    try:
        read_yaml(path, "mkdocs.yml")
    except SourceError as exc:
        raise ValidationFailed([Problem(exc.file, exc.line, "", exc.message + " (MkDocs would construct a Python "
                                        "object from it: mkdocs.yml may hold settings only)"
                                        if "tag" in exc.message else exc.message)]) from None
    except OSError as exc:
        raise ValidationFailed([Problem("mkdocs.yml", 1, "", f"cannot read file: {exc.strerror}")]) from None


def load_vocabulary(data_dir: Path) -> Dataset:
    """Frameworks, themes and authorities only (no records): what a draft is checked against."""
    problems: list[Problem] = []
    frameworks = _read_frameworks(data_dir, problems)
    themes = _read_themes(data_dir, problems)
    authorities = _read_authorities(data_dir, problems)
    if problems:
        raise ValidationFailed(problems)
    return Dataset(tuple(authorities), tuple(frameworks), tuple(themes), (), ())


def load_dataset(data_dir: Path) -> Dataset:
    """Read and check everything under `data_dir`; raise ValidationFailed with every problem."""
    problems: list[Problem] = []
    root = data_dir

    frameworks = _read_frameworks(root, problems)
    themes = _read_themes(root, problems)
    authorities = _read_authorities(root, problems)
    if problems:
        # Every record is checked against these files: with a problem in one of them (a council's
        # slug, a framework's key), records would only repeat it, so stop at the file itself.
        raise ValidationFailed(problems)
    fw_by_key = {f.key: f for f in frameworks}
    theme_slugs = tuple(t.slug for t in themes)
    auth_by_code = {a.ons_code: a for a in authorities}

    documents: list[Document] = []
    named: dict[str, str] = {}  # document file → the ref its file name gives, if it follows the naming rule
    broken: set[str] = set()  # refs of documents with problems: references to them are not reported again
    _stray_files(root, problems)
    record_paths = _record_files(root / "reports", root, problems)
    for path in record_paths:
        source = _load(path, root, problems)
        text_path = path.with_suffix(bodytext.SUFFIX)
        body_source = _load_text(text_path, root, problems) if text_path.exists() else None
        if text_path.exists() and body_source is None:
            source = None  # its problem is reported; the record cannot be read without its text
        doc = _read_document(Checker(source, problems), fw_by_key, theme_slugs, auth_by_code, body_source) if source else None
        if doc is not None:
            documents.append(doc)
            named[doc.file] = next(iter(_guess_refs(path, root, None, auth_by_code)), "")
        else:
            broken.update(_guess_refs(path, root, source, auth_by_code))
    by_ref: dict[str, list[Document]] = {}
    for doc in documents:
        by_ref.setdefault(doc.ref(auth_by_code[doc.authority].slug), []).append(doc)
    refs: dict[str, Document] = {}
    for ref, docs in by_ref.items():
        # The record whose file name matches its content is the real one; report the others.
        first = next((d for d in docs if named[d.file] == ref), docs[0])
        refs[ref] = first
        for doc in docs:
            if doc is not first:
                name = f", though this file's name is for {named[doc.file]}" if named[doc.file] else ""
                problems.append(Problem(doc.file, 1, "", "expected one record per document (named by its authority, start_date, "
                                                         f"framework and kind), got a second record for {ref} (first in {first.file}){name}"))

    cited: list[CitedInspection] = []
    for path in sorted((root / "cited").glob("*.yaml")):
        source = _load(path, root, problems)
        if source is not None:
            cited.extend(_read_cited(Checker(source, problems), fw_by_key, auth_by_code, refs, broken))
    annotations: list[Annotation] = []
    for path in sorted((root / "annotations").glob("*.yaml")):
        source = _load(path, root, problems)
        if source is not None:
            annotations.extend(_read_annotations(Checker(source, problems), refs, broken))

    unreadable: list[Unreadable] = []
    if (root / "unreadable.yaml").exists():
        source = _load(root / "unreadable.yaml", root, problems)
        if source is not None:
            unreadable = _read_unreadable(Checker(source, problems), auth_by_code)

    if problems:
        raise ValidationFailed(problems)
    documents.sort(key=lambda d: (d.authority, d.start_date, d.framework, KINDS.index(d.kind)))
    cited.sort(key=lambda c: (c.authority, c.start_date, c.framework))
    return Dataset(tuple(authorities), tuple(frameworks), tuple(themes), tuple(documents), tuple(cited), tuple(annotations),
                   tuple(sorted(unreadable, key=lambda u: (u.authority, u.published or PartialDate(0), u.file))))


def _read_unreadable(c: Checker, authorities: dict[str, Authority]) -> list[Unreadable]:
    out = []
    for path, item in _list_source(c, "unreadable documents"):
        c.unknown_keys(item, path, ("authority", "published", "url", "file", "reason"))
        authority = c.choice(item, path, "authority", sorted(authorities), what=AUTHORITY)
        url = _url(c, item, path)
        file, reason = c.get(item, path, "file", str), c.get(item, path, "reason", str)
        published = c.plausible(path, "published", c.date(item, path, "published", required=False))
        if authority and file and reason:
            out.append(Unreadable(file, authority, published, url, reason))
    return out


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


def _read_frameworks(root: Path, problems: list[Problem]) -> list[Framework]:
    source = _load(root / "frameworks.yaml", root, problems)
    if source is None:
        return []
    c = Checker(source, problems)
    out: list[Framework] = []
    keys: set[str] = set()
    for path, item in _list_source(c, "frameworks"):
        c.unknown_keys(item, path, ("key", "name", "years", "kind", "summary", "scale", "areas", "headline"))
        key = c.slug(item, path, "key")
        if key in keys:
            c.problem(path + ("key",), f"expected each framework once, got {_show(key)} again")
        keys.add(key or "")
        scale = []
        for gpath, g in c.items(item, path, "scale"):
            if not isinstance(g, dict):
                c.problem(gpath, f"expected a mapping (key, rank, words, meaning), got {_show(g)}")
                continue
            c.unknown_keys(g, gpath, ("key", "rank", "words", "meaning"))
            words = tuple(str(w) for w in (c.get(g, gpath, "words", list) or []))
            gkey, rank = c.slug(g, gpath, "key"), c.get(g, gpath, "rank", int)
            if gkey and gkey not in GRADE_LABELS:
                c.problem(gpath + ("key",), f"expected a grade the site can show ({', '.join(GRADE_LABELS)}), "
                                            f"got {_show(gkey)}")
                gkey = None
            if rank is not None and rank < 1:
                c.problem(gpath + ("rank",), f"expected a rank of 1 or more, got {rank}")
                rank = None
            if gkey and rank:
                scale.append(Grade(gkey, rank, words, c.get(g, gpath, "meaning", str, False) or ""))
        areas = []
        area_problems = False
        for apath, a in c.items(item, path, "areas"):
            if not isinstance(a, dict):
                c.problem(apath, f"expected a mapping with key and name, got {_show(a)}")
                area_problems = True
                continue
            c.unknown_keys(a, apath, ("key", "name"))
            akey, aname = c.slug(a, apath, "key"), c.name(a, apath, "name")
            if akey and aname:
                areas.append(Area(akey, aname))
        headline = c.get(item, path, "headline", str, False)
        if headline is not None and not area_problems and headline not in [a.key for a in areas]:
            c.problem(path + ("headline",), f"expected one of this framework's area keys "
                                            f"({_choices([a.key for a in areas])}), got {_show(headline)}")
        kind = c.choice(item, path, "kind", ("report", "letter"), required=False)
        name = c.name(item, path, "name")
        if key:
            out.append(Framework(key, name or key, c.get(item, path, "years", str) or "",
                                 kind or "report", " ".join((c.get(item, path, "summary", str) or "").split()),
                                 tuple(scale), tuple(areas), headline))
    return out


def _read_themes(root: Path, problems: list[Problem]) -> list[Theme]:
    source = _load(root / "themes.yaml", root, problems)
    if source is None:
        return []
    c = Checker(source, problems)
    out, seen = [], set()
    for path, item in _list_source(c, "themes"):
        slug = c.slug(item, path, "slug")
        if slug is not None and slug in seen:
            c.problem(path + ("slug",), f"expected a slug used once, got {_show(slug)} again")
        seen.add(slug)
        if slug:
            out.append(Theme(slug, c.name(item, path, "name") or slug, c.get(item, path, "description", str) or "",
                             tuple(str(k).lower() for k in (c.get(item, path, "keywords", list, False) or []))))
    return out


def _read_authorities(root: Path, problems: list[Problem]) -> list[Authority]:
    source = _load(root / "authorities.yaml", root, problems)
    if source is None:
        return []
    c = Checker(source, problems)
    out, codes, slugs = [], set(), set()
    neighbours_at: list[tuple[tuple, list]] = []
    former: dict[str, str] = {}  # an old ONS code → the authority's current one
    for path, item in _list_source(c, "authorities"):
        c.unknown_keys(item, path, ("ons_code", "slug", "name", "short_name", "type", "region", "urn", "website",
                                    "former_ons_codes", "neighbours"))
        code, slug = c.get(item, path, "ons_code", str), c.slug(item, path, "slug")
        if code and not _ONS.match(code):
            c.problem(path + ("ons_code",), f"expected an ONS code like E10000024, got {_show(code)}")
        if code in codes or slug in slugs:
            c.problem(path, f"expected each authority once, got {code} / {slug} again")
        codes.add(code)
        slugs.add(slug)
        name = c.name(item, path, "name")
        urn = c.get(item, path, "urn", str, False)
        if urn is not None and not _URN.match(urn):
            c.problem(path + ("urn",), f"expected Ofsted's reference number (5 to 8 digits), got {_show(urn)}")
            urn = None
        website = _url(c, item, path, "website")
        neighbours = [str(n) for n in (c.get(item, path, "neighbours", list, False) or [])]
        neighbours_at.append((path, neighbours))
        former.update((str(f), str(code)) for f in (c.get(item, path, "former_ons_codes", list, False) or []))
        if code and slug and name:
            out.append(Authority(code, slug, name, c.name(item, path, "short_name", False) or name,
                                 c.name(item, path, "type", False) or "", c.name(item, path, "region", False) or "",
                                 urn, website, tuple(neighbours)))
    # Statistical neighbours name councils of this file by their current code.
    for path, neighbours in neighbours_at:
        for i, n in enumerate(neighbours):
            if n not in codes:
                hint = f": that is {former[n]}'s former code, write {former[n]}" if n in former else ""
                c.problem(path + ("neighbours", i), f"expected the ONS code of an authority in this file, got {_show(n)}{hint}")
    return out


def _authority_aliases(authorities: dict[str, Authority]) -> dict[str, str]:
    """An authority's slug and names (lower case) → its ONS code, for people who write the name."""
    out = {}
    for a in authorities.values():
        for alias in (a.slug, a.name, a.short_name):
            out.setdefault(alias.lower(), f"{a.ons_code} ({a.name})")
    return out


def _read_themes_list(c: Checker, obj: dict, path: tuple, theme_slugs: tuple[str, ...]) -> tuple[str, ...]:
    out = []
    for tpath, slug in c.items(obj, path, "themes"):
        if slug not in theme_slugs:
            c.problem(tpath, f"expected a theme from data/themes.yaml ({_choices(theme_slugs)}), got {_show(slug)}{_did_you_mean(slug, theme_slugs)}")
        elif slug not in out:
            out.append(slug)
    return tuple(out)


def _grade_elsewhere(grade_key: str, fw: Framework, frameworks: dict[str, Framework]) -> str:
    """For a grade of another framework ("adequate" in an ILACS record): which frameworks have it,
    since either the grade or the record's framework is wrong."""
    others = [f.key for f in frameworks.values() if f.key != fw.key and f.grade(grade_key) is not None]
    if not others:
        return ""
    listed = others[0] if len(others) == 1 else f"{', '.join(others[:-1])} and {others[-1]}"
    return f" ({grade_key} is a grade of {listed}: is the framework right?)"


def _read_judgements(c: Checker, obj: dict, path: tuple, fw: Framework | None,
                     frameworks: dict[str, Framework] | None = None) -> tuple[Judgement, ...]:
    out = []
    for jpath, j in c.items(obj, path, "judgements"):
        if not isinstance(j, dict):
            c.problem(jpath, f"expected a mapping (area, area_key, grade, grade_key, rank), got {_show(j)}")
            continue
        c.unknown_keys(j, jpath, ("area", "area_key", "grade", "grade_key", "rank"))
        area, grade = c.get(j, jpath, "area", str), c.get(j, jpath, "grade", str)
        area_key = c.get(j, jpath, "area_key", str)
        grade_key, rank = c.get(j, jpath, "grade_key", str), c.get(j, jpath, "rank", int)
        if fw is None:
            continue
        if not fw.graded:
            c.problem(jpath, f"expected no judgements: {fw.key} is ungraded, got a judgement")
            continue
        if area_key is not None and area_key not in [a.key for a in fw.areas]:
            keys = [a.key for a in fw.areas]
            c.problem(jpath + ("area_key",), f"expected an area key of {fw.key} from data/frameworks.yaml ({_choices(keys)}), "
                                             f"got {_show(area_key)}{_did_you_mean(area_key, keys)}")
            area_key = None
        scale = fw.grade(grade_key) if grade_key else None
        if grade_key is not None and scale is None:
            keys = [g.key for g in fw.scale]
            c.problem(jpath + ("grade_key",), f"expected a grade key of {fw.key} from data/frameworks.yaml ({_choices(keys)}), "
                                              f"got {_show(grade_key)}{_did_you_mean(grade_key, keys, fuzzy=False)}"
                                              f"{_grade_elsewhere(grade_key, fw, frameworks or {})}")
        if grade is not None and scale is not None:
            written = " ".join(grade.split()).lower()
            if written not in [w.lower() for w in scale.words]:
                c.problem(jpath + ("grade",), f"expected the grade as {fw.key} reports write {scale.key} ({', '.join(scale.words)}), got {_show(grade)}")
                scale = None
        if grade is not None and grade_key is None:
            known = [w for g in fw.scale for w in g.words]
            c.problem(jpath + ("grade",), f"expected one of {_choices(known)}, got {_show(grade)}")
        if scale is not None and rank is not None and rank != scale.rank:
            c.problem(jpath + ("rank",), f"expected {scale.rank} (the rank of {scale.key}), got {rank}")
        elif scale is not None and area and area_key and grade and rank is not None:
            out.append(Judgement(area, area_key, grade, scale.key, rank))
    return tuple(out)


def _read_body(c: Checker, obj: dict, theme_slugs: tuple[str, ...]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    numbers: dict[int, tuple] = {}
    unnumbered = 0
    for bpath, entry in c.items(obj, (), "body", required=True):
        if not isinstance(entry, dict):
            c.problem(bpath, f"expected a heading or a paragraph (a mapping), got {_show(entry)}")
            continue
        if "heading" in entry:
            c.unknown_keys(entry, bpath, ("heading", "level"))
            text = c.get(entry, bpath, "heading", str)
            level = c.get(entry, bpath, "level", int, required=False) or 2
            if level not in (2, 3, 4):
                c.problem(bpath + ("level",), f"expected 2, 3 or 4, got {level}")
            if text:
                blocks.append(Block("", " ".join(text.split()), (), None, level))
            continue
        c.unknown_keys(entry, bpath, ("number", "text", "themes"))
        text = c.get(entry, bpath, "text", str)
        number = c.get(entry, bpath, "number", int, required=False)
        themes = _read_themes_list(c, entry, bpath, theme_slugs)
        if number is not None:
            if number < 1:
                c.problem(bpath + ("number",), f"expected a paragraph number of 1 or more, got {number}")
            elif number in numbers:
                c.problem(bpath + ("number",), f"expected each paragraph number once, got {number} again (first at line {c.source.line(numbers[number])})")
            numbers[number] = bpath
            anchor = f"p-{number}"
        else:
            unnumbered += 1
            anchor = f"s-{unnumbered}"
        if text:
            blocks.append(Block(anchor, text.strip(), themes, number))
    return tuple(blocks)


def _anchor(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return f"p-{value}"
    if isinstance(value, str) and re.fullmatch(r"s-\d+|p-\d+", value):
        return value
    if isinstance(value, str) and value.isdigit():
        return f"p-{value}"
    return None


def _paragraph_ref(c: Checker, obj: dict, path: tuple, body: tuple[Block, ...], required: bool = False) -> str | None:
    if not isinstance(obj, dict) or obj.get("paragraph") is None:
        if required:
            c.problem(path, "expected key 'paragraph' (a paragraph number or s-K), got nothing")
        return None
    anchor = _anchor(obj["paragraph"])
    if anchor is None:
        c.problem(path + ("paragraph",), f"expected a paragraph number or s-K, got {_show(obj['paragraph'])}")
        return None
    if not any(b.anchor == anchor for b in body):
        last = max((b.number for b in body if b.number), default=0)
        c.problem(path + ("paragraph",), f"expected a paragraph of this document (numbered 1 to {last}, or s-K), got {_show(obj['paragraph'])}")
        return None
    return anchor


def _read_machine(c: Checker, data: dict) -> None:
    """`machine`: what ingest wrote (the source file's hash and the record's own checksum)."""
    if "machine" not in data:
        return
    machine = c.get(data, (), "machine", dict, what="a mapping of source_sha256 and checksum")
    if machine is None:
        return
    c.unknown_keys(machine, ("machine",), ("source_sha256", "checksum"))
    for key in ("source_sha256", "checksum"):
        value = c.get(machine, ("machine",), key, str, what="64 hexadecimal digits, as ingest writes them")
        if value is not None and not re.fullmatch(r"[0-9a-f]{64}", value):
            c.problem(("machine", key), f"expected 64 hexadecimal digits, as ingest writes them, got {_show(value)}")


def _read_document(c: Checker, frameworks: dict[str, Framework], theme_slugs: tuple[str, ...],
                   authorities: dict[str, Authority], body_source: Source | None = None) -> Document | None:
    data = c.source.data
    if not isinstance(data, dict):
        c.problem((), f"expected a document record (a mapping of keys such as authority, framework, title, body), got {_kind_of(data)}")
        return None
    known = ("authority", "framework", "kind", "title", "start_date", "end_date", "published", "document_date",
             "inspector", "legal_basis", "source", "reviewed", "judgements", "improvements", "priority_actions",
             "strengths", "development_areas", "body", "machine")
    c.unknown_keys(data, (), known)
    before = len(c.problems)
    # The aliases only serve a message about a wrong authority: made only then.
    aliases = _authority_aliases(authorities) if data.get("authority") not in authorities else None
    authority = c.choice(data, (), "authority", sorted(authorities), what=AUTHORITY, aliases=aliases)
    fw_key = c.choice(data, (), "framework", sorted(frameworks), what=FRAMEWORK, fuzzy=False)
    fw = frameworks.get(fw_key) if fw_key else None
    kind = c.choice(data, (), "kind", KINDS)
    title = c.name(data, (), "title")
    start = c.plausible((), "start_date", c.date(data, (), "start_date"))
    end = c.plausible((), "end_date", c.date(data, (), "end_date"), start, "start_date", LONGEST_INSPECTION, "a year")
    published = c.plausible((), "published", c.date(data, (), "published", required=False), start, "start_date",
                            PUBLISHED_WITHIN, "two years")
    document_date = c.plausible((), "document_date", c.date(data, (), "document_date", required=False), start,
                                "start_date", PUBLISHED_WITHIN, "two years")
    source = c.get(data, (), "source", dict) or {}
    c.unknown_keys(source, ("source",), ("file", "url"))
    url = _url(c, source, ("source",))
    reviewed = c.get(data, (), "reviewed", bool)
    _read_machine(c, data)
    if body_source is None:
        if "body" not in data:
            c.problem((), f"expected key 'body' (the document's text), or the text in "
                          f"{Path(c.source.file).with_suffix(bodytext.SUFFIX).name} beside this record, got neither")
            body: tuple[Block, ...] = ()
        else:
            body = _read_body(c, data, theme_slugs)
            if not any(not b.is_heading for b in body):
                c.problem(("body",), "expected the document's text (at least one paragraph), got none")
    else:
        if "body" in data:
            c.problem(("body",), f"expected the text in one place, got a body here and the text file {body_source.file}")
        tc = Checker(body_source, c.problems)
        body = _read_body(tc, body_source.data, theme_slugs)
        if not any(not b.is_heading for b in body):
            tc.problem((), "expected the document's text (at least one paragraph), got none")
    judgements = _read_judgements(c, data, (), fw, frameworks)
    seen_areas: dict[str, int] = {}
    for i, j in enumerate(judgements):
        if j.area_key in seen_areas:
            c.problem(("judgements", i, "area_key"), f"expected each area judged once, got {j.area_key} again")
        seen_areas[j.area_key] = i
    findings: list[Finding] = []
    for key, fkind in FINDING_LISTS:
        for fpath, f in c.items(data, (), key):
            if not isinstance(f, dict):
                c.problem(fpath, f"expected a mapping with text and themes, got {_show(f)}")
                continue
            allowed = ("text", "themes", "paragraph") + (("timescale",) if key == "improvements" else ())
            c.unknown_keys(f, fpath, allowed)
            text = c.get(f, fpath, "text", str)
            timescale = c.choice(f, fpath, "timescale", TIMESCALES) if key == "improvements" else None
            themes = _read_themes_list(c, f, fpath, theme_slugs)
            para = _paragraph_ref(c, f, fpath, body)
            if text:
                findings.append(Finding(fkind, " ".join(text.split()), themes, timescale, para))
    if len(c.problems) > before or not (authority and fw and kind and title and start and end and reviewed is not None):
        return None
    return Document(c.source.file, authority, fw.key, kind, " ".join(title.split()), start, end, published, document_date,
                    c.get(data, (), "inspector", str, False), c.get(data, (), "legal_basis", str, False),
                    c.get(source, ("source",), "file", str, False), url, reviewed, judgements, tuple(findings), body)


def _guess_refs(path: Path, root: Path, source: Source | None, authorities: dict[str, Authority]) -> set[str]:
    """The refs a broken document record was probably meant to have (from its file name and data)."""
    out = set()
    rel = path.relative_to(root / "reports").as_posix()
    if rel.count("/") == 1 and rel.count(".") == 2:
        slug, rest = rel.split("/")
        iid, kind, _ = rest.split(".")
        out.add(f"{slug}/{iid}/{kind}")
    data = source.data if source is not None else None
    if isinstance(data, dict):
        a = authorities.get(str(data.get("authority")))
        if a is not None:
            out.add(f"{a.slug}/{data.get('start_date')}-{data.get('framework')}/{data.get('kind')}")
    return out


def _split_ref(c: Checker, path: tuple, ref: Any, refs: dict[str, Document], broken: set[str]) -> Document | None:
    if isinstance(ref, str) and ref in broken:
        return None  # the document itself has problems, already reported
    if not isinstance(ref, str) or ref not in refs:
        c.problem(path, f"expected a document as <authority-slug>/<inspection-id>/<kind> ({_choices(sorted(refs))}), got {_show(ref)}")
        return None
    return refs[ref]


def _read_cited(c: Checker, frameworks: dict[str, Framework], authorities: dict[str, Authority],
                refs: dict[str, Document], broken: set[str]) -> list[CitedInspection]:
    out = []
    for path, item in _list_source(c, "cited inspections"):
        c.unknown_keys(item, path, ("authority", "framework", "start_date", "end_date", "title", "summary", "judgements", "cited_by"))
        before = len(c.problems)
        authority = c.choice(item, path, "authority", sorted(authorities), what=AUTHORITY, aliases=_authority_aliases(authorities))
        fw_key = c.choice(item, path, "framework", sorted(frameworks), what=FRAMEWORK, fuzzy=False)
        start = c.plausible(path, "start_date", c.date(item, path, "start_date", partial=True))
        end = c.plausible(path, "end_date", c.date(item, path, "end_date", required=False, partial=True), start,
                          "start_date", LONGEST_INSPECTION, "a year")
        title = c.name(item, path, "title")
        summary = c.get(item, path, "summary", str, required=False) or ""
        judgements = _read_judgements(c, item, path, frameworks.get(fw_key or ""), frameworks)
        citations = []
        for cpath, cit in c.items(item, path, "cited_by", required=True):
            doc = _split_ref(c, cpath + ("document",), cit.get("document") if isinstance(cit, dict) else None, refs, broken)
            if doc is not None:
                para = _paragraph_ref(c, cit, cpath, doc.body, required=True)
                if para:
                    citations.append(Citation(cit["document"], para))
        if len(c.problems) == before and authority and fw_key and start and title:
            out.append(CitedInspection(c.source.file, authority, fw_key, start, end, " ".join(title.split()),
                                       " ".join(summary.split()), judgements, tuple(citations)))
    return out


def _read_annotations(c: Checker, refs: dict[str, Document], broken: set[str]) -> list[Annotation]:
    out = []
    for path, item in _list_source(c, "annotations"):
        c.unknown_keys(item, path, ("document", "paragraph", "text"))
        doc = _split_ref(c, path + ("document",), item.get("document"), refs, broken)
        text = c.get(item, path, "text", str)
        para = _paragraph_ref(c, item, path, doc.body) if doc is not None else None
        if doc is not None and text and (para or item.get("paragraph") is None):
            out.append(Annotation(c.source.file, item["document"], para, text.strip()))
    return out


def document_from_record(data: dict[str, Any], file: str, ds: Dataset) -> tuple[Document | None, list[Problem]]:
    """Check a record that did not come from a YAML file (a machine draft) against the same
    rules, with the authorities, frameworks and themes of `ds`."""
    problems: list[Problem] = []
    source = Source(file=file, data=data, lines={})
    doc = _read_document(Checker(source, problems), {f.key: f for f in ds.frameworks},
                         tuple(t.slug for t in ds.themes), {a.ons_code: a for a in ds.authorities})
    return doc, problems
