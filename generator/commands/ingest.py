"""`python -m generator ingest PATH... [--out DIR] [--json]`: draft records from report PDFs
or Markdown/text conversions. Drafts are unreviewed and never overwrite an existing file."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from generator.ingest.batch import context_inputs, find_inputs, failure_summary, ingest_many
from generator.ingest.cache import Cache
from generator.ingest.draft import Draft, Failure
from generator.ingest.records import iso, judgement_entry, record_files, record_of
from generator.load.checker import ValidationFailed
from generator.load.records import document_from_record
from generator.load.validate import load_vocabulary

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_AUTHORITIES = ROOT.parent / "shared" / "corpus" / "authorities.csv"


def summary(result: Draft | Failure) -> dict[str, Any]:
    """What --json prints of one file: what ingest read, or why it could not."""
    if isinstance(result, Failure):
        return {"source": result.source, "error": result.error}
    meta, body = result.meta, result.body
    return {
        "source": result.source,
        "authority": {"name": meta.authority_name, "ons_code": result.authority},
        "kind": meta.kind,
        "framework": meta.framework,
        "variant": meta.variant,
        "title": meta.title,
        "start_date": iso(meta.start_date),
        "end_date": iso(meta.end_date),
        "published": iso(meta.published),
        "document_date": iso(meta.document_date),
        "lead_inspector": meta.lead_inspector,
        "judgements": [judgement_entry(j) for j in meta.judgements],
        "improvements": [{"text": f.text, "timescale": f.timescale or "none-stated"} for f in body.improvements],
        "priority_actions": [f.text for f in body.priority_actions],
        "paragraphs": result.paragraphs,
        "cited": [{"text": c.text, "paragraph": c.paragraph, "year": c.year, "month": c.month,
                   "framework": c.framework, "candidates": list(c.candidates), "grades": [list(g) for g in c.grades],
                   "doubt": c.doubt} for c in body.cited],
        "warnings": list(result.warnings),
    }


def draft_name(draft: Draft) -> str:
    meta = draft.meta
    if meta.start_date and meta.framework and meta.kind:
        return f"{meta.start_date.isoformat()}-{meta.framework}.{meta.kind}.yaml"
    return Path(draft.source).stem + ".yaml"


DRAFT_HEADER = ("# Draft made by `python -m generator ingest`: check it against the source, then set reviewed: true.\n"
                "# An edit by hand keeps `make ingest` from changing this record again.\n")


def _inside(folder: Path, data_dir: Path) -> bool:
    try:
        folder.resolve().relative_to(data_dir.resolve())
        return True
    except ValueError:
        return False


def _problems(record: dict, dest: Path, data_dir: Path) -> list[str]:
    """What `make check` would say of the draft (with the councils, frameworks and themes of
    `data_dir`); a draft that names no council or dates cannot be checked and is refused."""
    try:
        vocab = load_vocabulary(data_dir)
    except ValidationFailed as exc:
        return [str(p) for p in exc.problems]
    doc, problems = document_from_record(dict(record), dest.as_posix(), vocab)
    if doc is None and not problems:
        return ["not a complete record"]
    return [f"{p.path}: {p.message}" if p.path else p.message for p in problems]


def run(args: argparse.Namespace) -> int:
    inputs = find_inputs(args.paths)
    if not inputs:
        print("no input files found (expected .pdf, .md, .markdown or .txt)", file=sys.stderr)
        return 1
    authorities = args.authorities if args.authorities else (DEFAULT_AUTHORITIES if DEFAULT_AUTHORITIES.exists() else None)
    cache = Cache(args.cache if not args.no_cache else None, context_inputs(args.data, authorities))
    try:
        results = ingest_many(inputs, args.data, authorities, cache, progress=not args.json and sys.stderr.isatty())
    except ValidationFailed as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"ingest stopped: {len(exc.problems)} problem(s) in {args.data} itself; nothing was read", file=sys.stderr)
        return 1
    failures = failure_summary(results)
    for res in results:
        if args.json:
            sys.stdout.write(json.dumps(summary(res), ensure_ascii=False) + "\n")
            continue
        if isinstance(res, Failure):
            print(f"{res.source}: error: {res.error}", file=sys.stderr)
            continue
        if args.out is None:
            print(f"{res.source}: {res.meta.framework} {iso(res.meta.start_date)} {res.meta.authority_name!r}: "
                  f"{len(res.meta.judgements)} judgements, {res.paragraphs} paragraphs, {len(res.warnings)} warnings")
            continue
        dest = args.out / draft_name(res)
        if dest.exists() or dest.with_suffix(".md").exists():
            print(f"{res.source}: error: {dest} exists; a draft never overwrites a record", file=sys.stderr)
            failures.append(str(dest))
            continue
        # A draft written into data/ is checked as `make check` would check it, before anything
        # is written: data/ never holds a record that breaks the build. Elsewhere it is a scratch
        # draft, which may lack what ingest could not find.
        record = record_of(res)
        problems = _problems(record, dest, args.data) if _inside(args.out, args.data) else []
        if problems:
            for problem in problems:
                print(f"{res.source}: error: the draft fails the check: {problem}", file=sys.stderr)
            failures.append(str(dest))
            continue
        files = record_files(record, res.sha256, header=DRAFT_HEADER, warnings=res.warnings)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.with_suffix(".md").write_text(files.text, encoding="utf-8")
        dest.write_text(files.yaml, encoding="utf-8")
        print(f"{res.source}: draft written to {dest} and its text to {dest.with_suffix('.md').name}")
    if failures:
        print(f"{len(failures)} of {len(inputs)} input(s) failed", file=sys.stderr)
    return 1 if failures else 0
