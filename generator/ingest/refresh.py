"""`make ingest SOURCES=../shared/corpus`: every report and letter in a sources folder becomes a
machine record in data/, next to the records people made or reviewed, which it never touches.

For each document it writes `reports/<council>/<inspection>.<kind>.yaml` (metadata, grades,
findings) and `.md` beside it (the text). A record it made before is refreshed only while
nobody has edited it (its checksum still holds) and it is not reviewed. It prints what it
added, changed, left alone and would remove; a file it cannot read is listed and the others
go on. Councils new to data/authorities.yaml are added to it (existing entries are left as
they are), and documents Ofsted published that cannot be read here go to data/unreadable.yaml."""
from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.model.names import slug
from generator.ingest.authorities import CorpusAuthority, read_authorities_csv
from generator.ingest.batch import context_inputs, ingest_many
from generator.ingest.cache import Cache
from generator.ingest.draft import Draft, Failure
from generator.ingest.records import RecordFiles, read_files, record_files, record_of, untouched
from generator.ingest.yamlout import dump
from generator.model.records import Document
from generator.load.sources import SourceError, parse_yaml, read_yaml
from generator.load.checker import ValidationFailed
from generator.load.records import document_from_record
from generator.load.validate import load_vocabulary

# ONS codes that changed after the statistical neighbours table was made: old → current.
# (Barnsley and Sheffield in 2024 after a boundary change; Gateshead 2013; Northumberland 2019.)
FORMER_ONS_CODES = {"E08000016": "E08000038", "E08000019": "E08000039", "E08000020": "E08000037",
                    "E06000048": "E06000057"}
SOURCE_FOLDERS = ("reports", "focused-visits")
UNREADABLE = "unreadable.yaml"
_UNREADABLE_HEADER = ("# Documents Ofsted published that ingest could not read (written by `make ingest`; edits are\n"
                      "# lost at the next ingest: add a record of the document instead).\n")


@dataclass(frozen=True)
class Listing:
    """What Ofsted's listing says of one file: its address and publication date."""

    url: str | None
    published: dt.date | None


@dataclass
class Outcome:
    """What one ingest run did, for the summary."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)  # "path: why"
    would_remove: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "source: why"
    merged: list[str] = field(default_factory=list)  # "source: the same document as …"
    authorities_added: list[str] = field(default_factory=list)
    unreadable: int = 0

    @property
    def wrote(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.authorities_added)


# --------------------------------------------------------------------------- the corpus


def _table_date(value: str) -> dt.date | None:
    for fmt in ("%d/%m/%y", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def read_listing(sources: Path) -> dict[str, Listing]:
    """Each file's Ofsted link and publication date, by its path under `sources`: reports from
    inspections.csv; focused-visit letters, which have no table, from their file name
    (`<publication-date>.pdf`, the date of Ofsted's listing) and no link."""
    out: dict[str, Listing] = {}
    table = sources / "inspections.csv"
    if table.exists():
        with table.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                path = (row.get("corpus_path") or "").strip()
                link = (row.get("inspection_link") or "").strip()
                if path:
                    out[path] = Listing(link if re.match(r"^https://", link) else None,
                                        _table_date(row.get("publication_date") or ""))
    for pdf in sorted((sources / "focused-visits").glob("*/*.pdf")):
        rel = pdf.relative_to(sources).as_posix()
        out.setdefault(rel, Listing(None, _table_date(pdf.stem)))
    return out


def find_sources(sources: Path) -> list[Path]:
    return sorted(p for folder in SOURCE_FOLDERS for p in (sources / folder).glob("*/*")
                  if p.is_file() and p.suffix.lower() == ".pdf")


def _urn_of(rel: str) -> str:
    """The Ofsted URN in a corpus path: reports/80429-birmingham/2012-10-19.pdf → 80429."""
    parts = rel.split("/")
    return parts[1].split("-", 1)[0] if len(parts) > 2 else ""


# --------------------------------------------------------------------------- authorities


def display_name(ons_name: str) -> str:
    """"Kingston Upon Hull, City of" → "Kingston upon Hull"; "Bristol, City of" → "Bristol"."""
    name = re.sub(r",\s*(City|County) of$", "", ons_name).strip()
    return name.replace(" Upon ", " upon ")


def resolve_neighbours(rows: list[CorpusAuthority], la_codes: dict[str, str], table: Path) -> dict[str, tuple[str, ...]]:
    """Each council's statistical neighbours as current ONS codes. The table gives them twice:
    as old three-digit LA codes, which do not change, and as ONS codes, some of which have
    (FORMER_ONS_CODES); the LA codes are used, the ONS codes where an LA code is unknown."""
    current = {r.ons_code for r in rows}
    out: dict[str, tuple[str, ...]] = {}
    with table.open(encoding="utf-8-sig", newline="") as fh:
        by_code = {(row.get("la_code_new") or "").strip(): row for row in csv.DictReader(fh)}
    for r in rows:
        row = by_code.get(r.ons_code, {})
        old = [c.strip() for c in (row.get("stat_neighbours") or "").split(",") if c.strip()]
        ons = [c.strip() for c in (row.get("stat_neighbours_la_code") or "").split(",") if c.strip()]
        found: list[str] = []
        for i in range(max(len(old), len(ons))):
            code = la_codes.get(old[i]) if i < len(old) else None
            if code is None and i < len(ons):
                code = FORMER_ONS_CODES.get(ons[i], ons[i])
            if code in current and code != r.ons_code and code not in found:
                found.append(code)
        out[r.ons_code] = tuple(found)
    return out


def authority_entries(rows: list[CorpusAuthority], neighbours: dict[str, tuple[str, ...]],
                      existing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """authorities.yaml entries for the councils of the table that data/ does not have yet."""
    have = {str(a.get("ons_code")) for a in existing}
    slugs = {str(a.get("slug")) for a in existing}
    former = {new: old for old, new in FORMER_ONS_CODES.items()}
    known = have | {r.ons_code for r in rows}  # a neighbour must be a council of the file once written
    out = []
    for r in sorted(rows, key=lambda r: display_name(r.name)):
        if r.ons_code in have:
            continue
        name = display_name(r.name)
        key = slug(name)
        if key in slugs:
            key = f"{key}-{r.ons_code.lower()}"
        slugs.add(key)
        entry: dict[str, Any] = {"ons_code": r.ons_code, "slug": key, "name": name, "short_name": name,
                                 "type": r.type or None, "region": r.region or None, "urn": r.urn or None}
        if r.ons_code in former:
            entry["former_ons_codes"] = [former[r.ons_code]]
        entry["neighbours"] = [n for n in neighbours.get(r.ons_code, ()) if n in known]
        out.append({k: v for k, v in entry.items() if v is not None})
    return out


# --------------------------------------------------------------------------- records on disk


@dataclass(frozen=True)
class OnDisk:
    path: Path
    files: RecordFiles
    meta: dict[str, Any]
    protected: str  # why ingest may not change it ("" when it may)


def _meta_of(text: str, name: str) -> dict[str, Any]:
    """A record's metadata, read as the validator reads it (no aliases, bounded depth); {} for a
    file it refuses, which `make check` reports."""
    try:
        data = parse_yaml(text, name).data
    except SourceError:
        return {}
    return data if isinstance(data, dict) else {}


def records_on_disk(reports: Path) -> dict[Path, OnDisk]:
    out: dict[Path, OnDisk] = {}
    for path in sorted(reports.glob("*/*.yaml")):
        files = read_files(path)
        meta = _meta_of(files.yaml, path.name)
        if meta.get("reviewed") is True:
            why = "reviewed"
        elif "machine" not in meta:
            why = "made by a person"
        elif not untouched(files.yaml, files.text):
            why = "edited by hand since ingest wrote it"
        else:
            why = ""
        out[path] = OnDisk(path, files, meta, why)
    return out


def _same_document(a: dict[str, Any], b: Document) -> bool:
    """A record on disk and a draft describe one document: same council, framework and kind,
    and either made from the same file (a person may have corrected its dates) or starting
    within a week of each other."""
    if not (a.get("authority") == b.authority and a.get("framework") == b.framework and a.get("kind") == b.kind):
        return False
    source = a.get("source")
    if isinstance(source, dict) and b.source_file and source.get("file") == b.source_file:
        return True
    try:
        start = dt.date.fromisoformat(str(a.get("start_date")))
    except ValueError:
        return False
    return abs((start - b.start_date.as_date()).days) <= 7


# --------------------------------------------------------------------------- the run


@dataclass(frozen=True)
class Candidate:
    """A draft that passes the check, before it is given its place in data/."""

    rel: str  # the source's path under the sources folder
    record: dict[str, Any]
    sha256: str
    document: Document


def _listed(draft: Draft, rel: str, listing: Listing | None) -> Draft:
    """The draft with its source as the sources folder and Ofsted's listing give it: its path,
    its address, and the listing's publication date in place of any the document states."""
    draft = replace(draft, source_file=rel, source_url=listing.url if listing else None)
    if listing and listing.published:
        draft = replace(draft, meta=replace(draft.meta, published=listing.published))
    return draft


def refresh(project: Path, sources: Path, cache_dir: Path | None, prune: bool = False,
            progress: bool = True) -> Outcome:
    data = project / "data"
    reports = data / "reports"
    outcome = Outcome()

    # 1. Councils: those of the table that data/ does not have are added.
    table = sources / "authorities.csv"
    rows = read_authorities_csv(table) if table.exists() else []
    existing = read_yaml(data / "authorities.yaml", "data/authorities.yaml").data or []
    la_codes = {r.la_code: r.ons_code for r in rows if r.la_code}
    new_entries = authority_entries(rows, resolve_neighbours(rows, la_codes, table) if rows else {}, existing)
    if new_entries:
        with (data / "authorities.yaml").open("a", encoding="utf-8") as fh:
            fh.write(dump(new_entries))
        outcome.authorities_added = [e["name"] for e in new_entries]
    vocab = load_vocabulary(data)
    slug_of = {a.ons_code: a.slug for a in vocab.authorities}
    by_urn = {a.urn: a for a in vocab.authorities if a.urn}

    # 2. Every file, read (cached by content) and checked as a record would be.
    listing = read_listing(sources)
    inputs = find_sources(sources)
    csv = table if table.exists() else None
    results = ingest_many(inputs, data, csv, Cache(cache_dir, context_inputs(data, csv)), progress=progress)
    drafts: list[Candidate] = []
    unreadable: list[dict[str, Any]] = []
    on_disk = records_on_disk(reports)
    protected = [d for d in on_disk.values() if d.protected]
    # A record a person keeps for a source stands, even when the source alone no longer makes a
    # valid draft (a letter's date that a person corrected by hand).
    kept_for = {d.meta["source"]["file"]: d for d in protected
                if isinstance(d.meta.get("source"), dict) and isinstance(d.meta["source"].get("file"), str)}
    for path, res in zip(inputs, results):
        rel = path.relative_to(sources).as_posix()
        item = listing.get(rel)
        if isinstance(res, Failure):
            outcome.failed.append(f"{rel}: {res.error}")
            council = by_urn.get(_urn_of(rel))
            if council is not None and item is not None:
                unreadable.append({"authority": council.ons_code,
                                   "published": item.published.isoformat() if item.published else None,
                                   "url": item.url, "file": rel, "reason": res.error})
            continue
        if res.authority is None:
            outcome.failed.append(f"{rel}: the council it names ({res.meta.authority_name!r}) is not in authorities.csv")
            continue
        record = record_of(_listed(res, rel, item))
        doc, problems = document_from_record(dict(record), rel, vocab)
        if doc is None:
            first = problems[0] if problems else None
            kept = kept_for.get(rel)
            if kept is not None:
                outcome.left_alone.append(f"{kept.path.relative_to(project).as_posix()}: {kept.protected} (describes "
                                          f"{rel}, which alone gives: {first.message if first else 'no valid record'})")
                continue
            outcome.failed.append(f"{rel}: {first.path + ': ' if first and first.path else ''}"
                                  f"{first.message if first else 'not a valid record'}")
            continue
        drafts.append(Candidate(rel, record, res.sha256, doc))

    # 3. One record per document: where two files make the same record, the one with Ofsted's
    # link (then the first by path) is kept.
    chosen: dict[Path, Candidate] = {}
    for d in sorted(drafts, key=lambda d: (d.record["source"]["url"] is None, d.rel)):
        dest = reports / slug_of[d.document.authority] / f"{d.document.inspection_id}.{d.document.kind}.yaml"
        if dest in chosen:
            outcome.merged.append(f"{d.rel}: the same document as {chosen[dest].rel}; one record made")
            continue
        chosen[dest] = d

    # 4. Write what changed, and only where ingest may.
    for dest, d in sorted(chosen.items()):
        rel_dest = dest.relative_to(project).as_posix()
        cover = on_disk.get(dest)
        if cover is None or not cover.protected:
            cover = next((p for p in protected if _same_document(p.meta, d.document)), cover)
        if cover is not None and cover.protected:
            outcome.left_alone.append(f"{cover.path.relative_to(project).as_posix()}: {cover.protected} "
                                      f"(describes {d.rel})")
            continue
        files = record_files(d.record, d.sha256)
        if cover is not None and cover.files == files:
            outcome.unchanged.append(rel_dest)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        _write(dest.with_suffix(".md"), files.text)
        _write(dest, files.yaml)
        (outcome.changed if cover is not None else outcome.added).append(rel_dest)

    # 5. Machine records that no source makes any more: listed, removed only with --prune.
    for path, d in sorted(on_disk.items()):
        if path in chosen or d.protected:
            continue
        rel_path = path.relative_to(project).as_posix()
        if prune:
            path.unlink()
            path.with_suffix(".md").unlink(missing_ok=True)
            outcome.removed.append(rel_path)
        else:
            outcome.would_remove.append(rel_path)

    unreadable.sort(key=lambda u: (u["authority"], u["published"] or "", u["file"]))
    _write(data / UNREADABLE, _UNREADABLE_HEADER + (dump(unreadable) if unreadable else "[]\n"))
    outcome.unreadable = len(unreadable)
    return outcome


def _write(path: Path, text: str) -> None:
    """Write only when the bytes differ, through a temporary file (a stopped run leaves whole files)."""
    raw = text.encode("utf-8")
    if path.exists() and path.read_bytes() == raw:
        return
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(raw)
    tmp.replace(path)


def print_outcome(outcome: Outcome, out=sys.stdout) -> None:
    def section(title: str, items: Iterable[str], limit: int = 40) -> None:
        items = list(items)
        if not items:
            return
        print(f"{title} ({len(items)}):", file=out)
        for item in items[:limit]:
            print(f"  {item}", file=out)
        if len(items) > limit:
            print(f"  … and {len(items) - limit} more", file=out)

    section("councils added to data/authorities.yaml", outcome.authorities_added, 10)
    section("added", outcome.added, 10)
    section("changed", outcome.changed, 20)
    section("left alone", outcome.left_alone)
    section("one record from two files", outcome.merged)
    section("would remove (no source makes them any more; --prune removes them)", outcome.would_remove)
    section("removed", outcome.removed)
    section("could not be read or placed", outcome.failed)
    print(f"ingest: {len(outcome.added)} added, {len(outcome.changed)} changed, {len(outcome.unchanged)} unchanged, "
          f"{len(outcome.left_alone)} left alone, {len(outcome.would_remove)} would remove, "
          f"{len(outcome.failed)} failed ({outcome.unreadable} of them listed in data/{UNREADABLE})", file=out)


def run(project: Path, sources: Path, cache_dir: Path | None, prune: bool = False) -> int:
    if not (sources / "reports").is_dir() and not (sources / "focused-visits").is_dir():
        print(f"{sources}: expected a folder with reports/ or focused-visits/ in it (such as ../shared/corpus)",
              file=sys.stderr)
        return 2
    try:
        outcome = refresh(project, sources, cache_dir, prune=prune, progress=sys.stderr.isatty())
    except ValidationFailed as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"ingest stopped: {len(exc.problems)} problem(s) in data/ itself; nothing was written", file=sys.stderr)
        return 1
    except SourceError as exc:
        print(exc, file=sys.stderr)
        print("ingest stopped: data/authorities.yaml cannot be read; nothing was written", file=sys.stderr)
        return 1
    print_outcome(outcome)
    return 0

