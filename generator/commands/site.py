"""Build the whole site: generate pages, run `mkdocs build --strict` into a fresh folder, and
only when that passed swap it into place. A failed build leaves the previous site as it was."""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from generator.commands.build import write_generated
from generator.config import Settings
from generator.index.catalog import build_catalog
from generator.load.files import check_mkdocs_config
from generator.load.validate import load_dataset
from generator.model.records import Dataset
from generator.write.pagefind import PreparedIndex, finish_index, prepare_index


def _mkdocs_command(dest: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)]


_MKDOCS_ENV = {"NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(project: Path, dest: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_mkdocs_command(dest), cwd=project, capture_output=True, text=True,
                          env={**os.environ, **_MKDOCS_ENV})


def data_epoch(dataset: Dataset) -> str:
    """The day of the newest document (its publication, else its last day), as seconds since
    1970: MkDocs dates the sitemap by SOURCE_DATE_EPOCH, so a rebuild of the same records on
    another day gives the same bytes, dated by what the site holds rather than when it was built."""
    days = [(d.published or d.end_date).as_date() for d in dataset.documents] or [dt.date(2005, 1, 1)]
    return str(int(dt.datetime.combine(max(days), dt.time(), dt.timezone.utc).timestamp()))


def build_site(settings: Settings) -> int:
    project, site_dir = settings.project, settings.site_dir
    t = time.perf_counter()
    # The published address as MkDocs will read it (from mkdocs.yml and this environment, which
    # MkDocs inherits): the feeds' absolute links use the same one as the pages' canonical links.
    settings = dataclasses.replace(settings, site_url=check_mkdocs_config(project))
    dataset = load_dataset(settings.data_dir)
    print(f"records: {len(dataset.documents)} documents about {len({d.authority for d in dataset.documents})} councils, "
          f"read and checked in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    catalog = build_catalog(dataset, settings.limits)  # once: for the pages and for the search index
    report = write_generated(catalog, settings)
    print(f"generated: {len(report.written)} pages written, {report.unchanged} unchanged, {len(report.removed)} removed"
          f" ({time.perf_counter() - t:.1f} s)")
    staging = site_dir.with_name(f".{site_dir.name}-build")
    if staging.exists():
        shutil.rmtree(staging)
    t = time.perf_counter()
    # MkDocs uses one core: the search records are written meanwhile, outside the new site.
    env = {"SOURCE_DATE_EPOCH": data_epoch(dataset), **os.environ, **_MKDOCS_ENV}
    mkdocs = subprocess.Popen(_mkdocs_command(staging), cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env)
    prepared: PreparedIndex | BaseException
    try:
        prepared = prepare_index(catalog, site_dir.with_name(f".{site_dir.name}-build-records"))
    except Exception as exc:  # reported after MkDocs is done, as the search stage's failure
        prepared = exc
    finally:
        stdout, stderr = mkdocs.communicate()
    result = subprocess.CompletedProcess(mkdocs.args, mkdocs.returncode, stdout, stderr)
    # Not --quiet: in MkDocs 1.6 that also hides the warnings strict mode counts. Show
    # warnings and errors only.
    shown = [line for line in result.stderr.splitlines() if not line.startswith("INFO") and not line.startswith("  - ")]
    if shown:
        sys.stderr.write("\n".join(shown) + "\n")
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(prepared, PreparedIndex):
            shutil.rmtree(prepared.folder, ignore_errors=True)
        print(f"mkdocs build failed (exit {result.returncode}); {site_dir.name}/ was left as it was", file=sys.stderr)
        return 1
    print(f"mkdocs: built in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    try:
        if isinstance(prepared, BaseException):
            raise prepared
        n = finish_index(prepared, staging)
    except Exception as exc:  # the search index is part of the site: no index, no new site
        shutil.rmtree(staging, ignore_errors=True)
        print(f"search index failed ({type(exc).__name__}: {exc}); {site_dir.name}/ was left as it was", file=sys.stderr)
        return 1
    print(f"search: {n} records of report text, findings and themes, and the main pages, "
          f"indexed in {time.perf_counter() - t:.1f} s")
    old = site_dir.with_name(f".{site_dir.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    print(f"built: {site_dir}/ with {pages} HTML pages")
    return 0
