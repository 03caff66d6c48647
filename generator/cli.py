"""Command line: a thin layer over the pipeline."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.config import ROOT, Settings
from generator.load.checker import ValidationFailed
from generator.load.files import check_mkdocs_config
from generator.load.validate import load_dataset
from generator.write.lock import Busy, build_lock


def _report_problems(exc: ValidationFailed) -> int:
    for p in exc.problems:
        print(p, file=sys.stderr)
    n = len(exc.problems)
    print(f"check failed: {n} problem{'s' if n != 1 else ''}; nothing was written", file=sys.stderr)
    return 1


def cmd_check(args: argparse.Namespace) -> int:
    try:
        check_mkdocs_config(args.docs.parent)
        ds = load_dataset(args.data)
    except ValidationFailed as exc:
        return _report_problems(exc)
    print(f"ok: {len(ds.documents)} documents, {len(ds.cited)} cited inspections, {len(ds.citations)} citations read "
          f"by machine, {len(ds.annotations)} notes, "
          f"{len(ds.authorities)} authorities, {len(ds.themes)} themes")
    return 0


def _busy(exc: Exception) -> int:
    print(f"error: {exc}", file=sys.stderr)
    return 1


def cmd_build(args: argparse.Namespace) -> int:
    from generator.commands.build import generate

    try:
        with build_lock(args.docs.parent, "python -m generator build"):
            site_url = check_mkdocs_config(args.docs.parent)
            report = generate(Settings.for_project(args.docs.parent, data_dir=args.data, docs_dir=args.docs,
                                                   site_url=site_url))
    except ValidationFailed as exc:
        return _report_problems(exc)
    except Busy as exc:
        return _busy(exc)
    print(f"generated: {len(report.written)} pages written, {report.unchanged} unchanged, {len(report.removed)} removed")
    return 0


def cmd_site(args: argparse.Namespace) -> int:
    from generator.commands.site import build_site

    try:
        with build_lock(ROOT, "make site"):
            return build_site(Settings.for_project(ROOT, data_dir=args.data, site_dir=args.site_dir))
    except ValidationFailed as exc:
        return _report_problems(exc)
    except Busy as exc:
        return _busy(exc)


def cmd_add_report(args: argparse.Namespace) -> int:
    from generator.commands.add_report import add_report
    from generator.commands.ingest import DEFAULT_AUTHORITIES

    csv = args.authorities or (DEFAULT_AUTHORITIES if DEFAULT_AUTHORITIES.exists() else None)
    try:
        with build_lock(args.data.parent, "make add-report"):
            return add_report(args.data.parent, args.file, csv)
    except Busy as exc:
        return _busy(exc)


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.commands.serve import serve

    return serve(Settings.for_project(args.docs.parent, data_dir=args.data, docs_dir=args.docs), args.addr)


def cmd_ingest(args: argparse.Namespace) -> int:
    from generator.commands.ingest import run

    return run(args)


def cmd_followups(args: argparse.Namespace) -> int:
    from generator.commands.followups import run

    try:
        with build_lock(args.data.parent, "python -m generator followups"):
            return run(args.data, set(args.council) if args.council else None)
    except ValidationFailed as exc:
        return _report_problems(exc)
    except Busy as exc:
        return _busy(exc)


def cmd_citations(args: argparse.Namespace) -> int:
    from generator.commands.citations import run

    try:
        with build_lock(args.data.parent, "python -m generator citations"):
            return run(args.data, set(args.council) if args.council else None)
    except ValidationFailed as exc:
        return _report_problems(exc)
    except Busy as exc:
        return _busy(exc)


def cmd_refresh(args: argparse.Namespace) -> int:
    from generator.ingest.refresh import run

    try:
        with build_lock(args.data.parent, "make ingest"):
            return run(args.data.parent, args.sources, None if args.no_cache else args.cache, prune=args.prune)
    except Busy as exc:
        return _busy(exc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="data folder (default: data/)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="docs folder to write into (default: docs/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate every record; report every problem as file:line").set_defaults(func=cmd_check)
    sub.add_parser("build", help="validate, then write the generated Markdown pages into docs/").set_defaults(func=cmd_build)
    b = sub.add_parser("site", help="check, generate and build the site with mkdocs into site/ (swapped in only on success)")
    b.add_argument("--site-dir", type=Path, default=ROOT / "site")
    b.set_defaults(func=cmd_site)
    s = sub.add_parser("serve", help="live preview: regenerate when a record changes, serve with mkdocs")
    s.add_argument("--addr", default="127.0.0.1:8000")
    s.set_defaults(func=cmd_serve)
    i = sub.add_parser("ingest", help="draft records from report text (Markdown or text conversions)")
    i.add_argument("paths", nargs="+", type=Path)
    i.add_argument("--out", type=Path, help="folder to write draft YAML records into (default: print a summary)")
    i.add_argument("--json", action="store_true", help="print one JSON object per input on its own line")
    i.add_argument("--authorities", type=Path, help="authorities.csv to match councils to ONS codes (default: ../shared/corpus/authorities.csv)")
    i.add_argument("--cache", type=Path, default=ROOT / ".cache" / "ingest", help="content-hash cache folder")
    i.add_argument("--no-cache", action="store_true")
    i.set_defaults(func=cmd_ingest)
    f = sub.add_parser("refresh", help="make or refresh a machine record in data/ for every report and letter in a "
                                       "sources folder; reviewed and hand-edited records are never touched")
    f.add_argument("sources", type=Path, help="the sources folder, e.g. ../shared/corpus")
    f.add_argument("--prune", action="store_true", help="remove untouched machine records that no source makes any more")
    f.add_argument("--cache", type=Path, default=ROOT / ".cache" / "ingest", help="content-hash cache folder")
    f.add_argument("--no-cache", action="store_true")
    f.set_defaults(func=cmd_refresh)
    fu = sub.add_parser("followups", help="write the machine's reading of what later documents say of each finding "
                                          "into data/followups/ (editors' verdicts in data/annotations/ are never touched)")
    fu.add_argument("--council", action="append", help="only this council's file (a slug; may be given again)")
    fu.set_defaults(func=cmd_followups)
    ci = sub.add_parser("citations", help="write the machine's reading of the earlier inspections each document cites "
                                          "into data/citations/ (people's readings in data/cited/ are never touched)")
    ci.add_argument("--council", action="append", help="only this council's file (a slug; may be given again)")
    ci.set_defaults(func=cmd_citations)
    r = sub.add_parser("add-report", help="draft a record in data/ from one report, check it, and say what to review")
    r.add_argument("file", type=Path)
    r.add_argument("--authorities", type=Path, help="authorities.csv (default: ../shared/corpus/authorities.csv)")
    r.set_defaults(func=cmd_add_report)
    args = parser.parse_args(argv)
    return args.func(args)
