"""`make add-report FILE=…`: turn one report (PDF, Markdown or text) into a draft record in
data/, check everything, and tell the person what to review. A failed check removes the
draft again, so data/ is never left broken; an existing record is never overwritten."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from generator.ingest.authorities import read_authorities_csv
from generator.ingest.batch import build_context, context_inputs
from generator.commands.ingest import draft_name
from generator.ingest.cache import Cache, file_hash
from generator.ingest.draft import Failure
from generator.ingest.pipeline import ingest_file
from generator.ingest.records import record_files, record_of
from generator.ingest.refresh import authority_entries, resolve_neighbours
from generator.ingest.yamlout import dump
from generator.load.checker import ValidationFailed
from generator.load.sources import read_yaml
from generator.load.validate import load_dataset

REVIEW_STEPS = (
    "the council, framework, inspection dates and publication date against the report's first page",
    "each grade against the report's judgement table",
    "the list of what needs to improve (and any timescales) against the report",
    "paragraph numbers: they must run as the report numbers them, with no paragraph split or merged",
    "the themes on each finding and paragraph (suggested from keywords; remove wrong ones, add missing ones)",
)


def _authority_entry(data_dir: Path, ons_code: str, authorities_csv: Path | None) -> tuple[str, str | None]:
    """The slug of the authority, and YAML text to append to authorities.yaml if it is new there."""
    local = read_yaml(data_dir / "authorities.yaml").data or []
    for a in local:
        if a.get("ons_code") == ons_code:
            return a["slug"], None
    rows = read_authorities_csv(authorities_csv) if authorities_csv and authorities_csv.exists() else []
    row = next((r for r in rows if r.ons_code == ons_code), None)
    if row is None:
        raise LookupError(f"council {ons_code} is neither in data/authorities.yaml nor in authorities.csv")
    neighbours = resolve_neighbours(rows, {r.la_code: r.ons_code for r in rows if r.la_code}, authorities_csv)
    entry = authority_entries([row], neighbours, local)[0]
    return entry["slug"], dump([entry])


def add_report(project: Path, file: Path, authorities_csv: Path | None) -> int:
    data_dir = project / "data"
    try:
        load_dataset(data_dir)
    except ValidationFailed as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print("the records in data/ already fail the check: fix them before adding a report", file=sys.stderr)
        return 1
    ctx = build_context(data_dir, authorities_csv)
    cache = Cache(project / ".cache" / "ingest", context_inputs(data_dir, authorities_csv))
    digest = file_hash(file) if file.exists() else ""
    result = cache.get(digest) if digest else None
    if result is None:
        result = ingest_file(file, ctx)
        if digest and not isinstance(result, Failure):
            cache.put(digest, result)
    if isinstance(result, Failure):
        print(f"{file}: error: {result.error}", file=sys.stderr)
        return 1
    draft = replace(result, source_file=file.name)
    record = record_of(draft)
    missing = [k for k in ("authority", "framework", "kind", "start_date", "end_date") if not record.get(k)]
    if missing:
        for w in draft.warnings:
            print(f"{file}: warning: {w}", file=sys.stderr)
        print(f"{file}: error: could not find {', '.join(missing)}; add the record by hand (see data/README.md)", file=sys.stderr)
        return 1
    try:
        slug, new_authority = _authority_entry(data_dir, record["authority"], authorities_csv)
    except LookupError as exc:
        print(f"{file}: error: {exc}", file=sys.stderr)
        return 1
    dest = data_dir / "reports" / slug / draft_name(draft)
    text_dest = dest.with_suffix(".md")
    for existing in (dest, text_dest):
        if existing.exists():
            print(f"{file}: error: {existing.relative_to(project)} exists; a draft never overwrites a record",
                  file=sys.stderr)
            return 1
    auth_file = data_dir / "authorities.yaml"
    auth_before = auth_file.read_text(encoding="utf-8")
    header = (f"# Draft made by `make add-report` from {file.name}. A person should check it against the\n"
              "# report, correct it, then set reviewed: true. Until then the site shows it as machine-extracted.\n"
              "# An edit by hand keeps `make ingest` from changing this record again.\n")
    files = record_files(record, digest, header=header, warnings=draft.warnings)
    dest.parent.mkdir(parents=True, exist_ok=True)
    text_dest.write_text(files.text, encoding="utf-8")
    dest.write_text(files.yaml, encoding="utf-8")
    if new_authority:
        auth_file.write_text(auth_before.rstrip("\n") + "\n" + new_authority, encoding="utf-8")
    try:
        load_dataset(data_dir)
    except ValidationFailed as exc:
        dest.unlink()
        text_dest.unlink()
        if not any(dest.parent.iterdir()):
            dest.parent.rmdir()
        auth_file.write_text(auth_before, encoding="utf-8")
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"{file}: the draft failed the check, so it was not added (data/ is as it was)", file=sys.stderr)
        return 1
    grades = ", ".join(f"{j['area']}: {j['grade']}" for j in record["judgements"]) or "none (ungraded)"
    print(f"Added {dest.relative_to(project)} and its text, {text_dest.name} (unreviewed)")
    if new_authority:
        print(f"Added {record['authority']} ({slug}) to data/authorities.yaml")
    print(f"  council: {draft.meta.authority_name} ({record['authority']})")
    print(f"  {record['framework']} {record['kind']}, {record['start_date']} to {record['end_date']}")
    print(f"  grades: {grades}")
    print(f"  {len(record['improvements'])} things to improve, {len(record['priority_actions'])} priority actions, "
          f"{draft.paragraphs} numbered paragraphs")
    print("What a person should review, then set reviewed: true:")
    for w in draft.warnings:
        print(f"  - {w}")
    for step in REVIEW_STEPS:
        print(f"  - {step}")
    print("Then run `make site` to see it on the site.")
    return 0
