"""The pipeline as functions tests can call: read → validate → index → render → write."""
from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

from generator.index.catalog import Catalog, build_catalog
from generator.render.feeds import render_feeds
from generator.model.records import Dataset
from generator.render.opendata import data_page, render_files as render_data_files
from generator.render.pages import Page, page_groups
from generator.render.jinja import environment
from generator.load.validate import load_dataset
from generator.write.writer import WriteReport, Writer


# Below this many pages, rendering in one process is quicker than starting others.
PARALLEL_FROM = 200
_shares: list[list[Callable[[], Page]]] = []  # each worker's pages, inherited by forked workers


def _render(makers: list[Callable[[], Page]]) -> dict[str, str]:
    env = environment()
    out: dict[str, str] = {}
    for make in makers:
        page = make()
        out[page.path] = _tidy(env.get_template(page.template).render(**page.context))
    return out


def _render_share(share: int) -> dict[str, str]:
    return _render(_shares[share])


def _split(groups: list[list[Callable[[], Page]]], workers: int) -> list[list[Callable[[], Page]]]:
    """Whole groups to workers, largest first to the least loaded (pages as the measure)."""
    shares: list[list[Callable[[], Page]]] = [[] for _ in range(workers)]
    for group in sorted(groups, key=len, reverse=True):  # stable: equal sizes keep their order
        min(shares, key=len).extend(group)
    return shares


def render_pages(catalog: Catalog, workers: int | None = None,
                 meanwhile: Callable[[], dict[str, str]] | None = None) -> dict[str, str]:
    """Every generated page: path under docs/ → Markdown text, plus what `meanwhile` returns.
    A national build's pages are made by one forked process per core (they share the catalog
    by inheritance; each council's pages stay in one process) while this process runs
    `meanwhile`. The output is the same whatever the number of processes."""
    global _shares
    groups = page_groups(catalog) + [[partial(data_page, catalog)]]
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if sum(map(len, groups)) >= PARALLEL_FROM else 1
    if workers <= 1 or "fork" not in mp.get_all_start_methods():
        return {**_render([m for g in groups for m in g]), **(meanwhile() if meanwhile else {})}
    _shares = _split(groups, workers)
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            pending = pool.map_async(_render_share, range(workers))
            extra = meanwhile() if meanwhile else {}
            parts = pending.get()
    finally:
        _shares = []
    return {**{path: text for part in parts for path, text in part.items()}, **extra}


def _tidy(text: str) -> str:
    """Collapse runs of blank lines left by template logic; end with one newline."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        line = line.rstrip() if not line.endswith("  ") else line
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def render_files(catalog: Catalog) -> dict[str, str]:
    """Open data (docs/data/) and Atom feeds (docs/feeds/): path under docs/ → text. MkDocs
    copies these into the site unchanged."""
    return {**render_data_files(catalog), **render_feeds(catalog)}


def generate(data_dir: Path, docs_dir: Path, dataset: Dataset | None = None, workers: int | None = None) -> WriteReport:
    """Validate everything (or take a dataset already assembled), then write the generated
    pages; nothing is written if validation fails."""
    return write_generated(build_catalog(dataset if dataset is not None else load_dataset(data_dir)), docs_dir, workers)


def write_generated(catalog: Catalog, docs_dir: Path, workers: int | None = None) -> WriteReport:
    """Write every generated page and file of `catalog` into docs/ (change-only, pruned)."""
    pages = render_pages(catalog, workers, meanwhile=partial(render_files, catalog))
    writer = Writer(docs_dir)
    for path in sorted(pages):
        writer.write(path, pages[path])
    writer.prune()
    return writer.report


__all__ = ["Page", "generate", "render_files", "render_pages", "write_generated"]
