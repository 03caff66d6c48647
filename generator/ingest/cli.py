"""`python -m generator ingest`: draft records from Markdown or text conversions of reports.
Drafts are marked unreviewed and never overwrite an existing file."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.ingest.draft import draft_record
from generator.ingest.yamlout import dump
from generator.sources import SourceError, read_yaml

ROOT = Path(__file__).resolve().parents[2]
TEXT_SUFFIXES = (".md", ".markdown", ".txt")


def _keywords(data: Path) -> list[tuple[str, tuple[str, ...]]]:
    themes = read_yaml(data / "themes.yaml").data or []
    return [(t["slug"], tuple(str(k).lower() for k in t.get("keywords") or [])) for t in themes]


def _inputs(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*") if x.is_file() and x.suffix.lower() in TEXT_SUFFIXES))
        else:
            out.append(p)
    return out


def run(args: argparse.Namespace) -> int:
    try:
        keywords = _keywords(args.data)
    except (SourceError, OSError) as exc:
        print(f"cannot read the theme taxonomy: {exc}", file=sys.stderr)
        return 1
    failures = 0
    for path in _inputs(args.paths):
        try:
            if path.suffix.lower() not in TEXT_SUFFIXES:
                raise ValueError(f"expected a Markdown or text file ({', '.join(TEXT_SUFFIXES)}), got {path.suffix or 'no extension'}")
            text = path.read_bytes().decode("utf-8")
            if not text.strip():
                raise ValueError("the file is empty")
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            print(f"{path}: error: {exc}", file=sys.stderr)
            failures += 1
            continue
        record, warnings = draft_record(text, path.name, keywords)
        header = "# Draft made by `python -m generator ingest`: check it against the source, then set reviewed: true.\n"
        header += "".join(f"# warning: {w}\n" for w in warnings)
        out = header + dump(record)
        if args.out is None:
            sys.stdout.write(out)
            continue
        dest = args.out / (path.stem + ".yaml")
        if dest.exists():
            print(f"{path}: error: {dest} exists; a draft never overwrites a record", file=sys.stderr)
            failures += 1
            continue
        args.out.mkdir(parents=True, exist_ok=True)
        dest.write_text(out, encoding="utf-8")
        print(f"{path}: draft written to {dest} ({len(record['body'])} blocks, {len(warnings)} warnings)")
    if failures:
        print(f"{failures} input(s) failed", file=sys.stderr)
    return 1 if failures else 0
