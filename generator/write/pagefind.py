"""Build the site's Pagefind index: the search records (render/search.py) written as small HTML
files, Pagefind run over them and the built pages, then its metadata mended (search_chunks)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.index.catalog import Catalog
from generator.render import urls
from generator.render.search import COMMON_SHARE, common_words, record_html, records
from generator.write import search_chunks

RECORDS_DIR = "_search-records"  # inside the site while Pagefind runs, removed after
# What Pagefind indexes: the records, the home page, the top-level pages and the councils'
# pages (not the inspection and theme pages, whose text the records hold).
INDEXED = "{" + RECORDS_DIR + "/**/*.html,index.html,*/index.html,authorities/*/index.html}"
# Index chunks of about 4,000 word positions instead of Pagefind's 20,000: a query loads the
# chunks holding its words, so smaller chunks mean fewer bytes for a query (a bit more in
# Pagefind's metadata file, which lists the chunks). An option of Pagefind 1.5 marked unstable;
# the version is pinned in requirements.txt.
CHUNK_SIZE = "4000"


@dataclass(frozen=True)
class PreparedIndex:
    """The record files written for Pagefind and the common words, before the site exists."""

    folder: Path
    records: int
    common: dict[str, int]


def prepare_index(cat: Catalog, folder: Path) -> PreparedIndex:
    """Write the records as HTML files into `folder` (outside the site: this can run while
    MkDocs builds it) and work out the common words."""
    recs = records(cat)
    shutil.rmtree(folder, ignore_errors=True)
    for i in range(0, len(recs), 1000):
        (folder / f"{i // 1000:03d}").mkdir(parents=True, exist_ok=True)
    for i, r in enumerate(recs):
        (folder / f"{i // 1000:03d}" / f"{i:06d}.html").write_text(record_html(r), encoding="utf-8")
    return PreparedIndex(folder, len(recs), common_words(recs))


def run_pagefind(site_dir: Path, glob: str = INDEXED, chunk_size: str = CHUNK_SIZE, mend: bool = True) -> None:
    """Pagefind's command line over the files of `site_dir` that match `glob`, into
    site_dir/pagefind; then its chunk ranges mended (search_chunks), unless told not to."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(site_dir / "pagefind"),
         "--glob", glob, "--root-selector", "article", "--force-language", "en",
         "--exclude-selectors", ".report-text", "--exclude-selectors", ".breadcrumbs",
         "--exclude-selectors", ".timeline-figure", "--exclude-selectors", ".chart-figure",
         "--exclude-selectors", "nav"],
        capture_output=True, text=True, env={**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": chunk_size})
    if result.returncode != 0:
        raise RuntimeError(f"pagefind exited with {result.returncode}: {(result.stderr or result.stdout)[-500:]}")
    if mend:
        search_chunks.mend_chunk_ranges(site_dir / "pagefind")


def finish_index(prepared: PreparedIndex, site_dir: Path) -> int:
    """Build the Pagefind index of the built site and the prepared records into
    site_dir/pagefind; returns the number of records. The records' folder is gone after.

    Pagefind's command line indexes the site and the record files and exits only when every
    file is written. (Its Python API was tried first: it answers one call per 0.1 s, writes
    a second copy into the current folder when its context closes, and stops the indexer
    right after the last reply, which once left a bundle file half-written.)"""
    folder = site_dir / RECORDS_DIR
    try:
        shutil.move(str(prepared.folder), str(folder))
        run_pagefind(site_dir)
        (site_dir / urls.COMMON_WORDS).write_text(
            json.dumps({"share": COMMON_SHARE, "words": prepared.common}, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(prepared.folder, ignore_errors=True)
    return prepared.records


def write_index(cat: Catalog, site_dir: Path) -> int:
    """prepare_index and finish_index in one: the Pagefind index of a built site."""
    return finish_index(prepare_index(cat, site_dir.with_name(f".{site_dir.name}-build-records")), site_dir)
