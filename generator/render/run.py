"""Render the whole site from a frozen catalog: every page's Markdown, the open data files and
the feeds (path under docs/ → text). Nothing is written here."""
from __future__ import annotations

import dataclasses
import multiprocessing as mp
import os
from collections.abc import Callable
from functools import partial
from typing import Any

from generator.index.catalog import Catalog
from generator.render import urls
from generator.render.database import DATABASE, build_database
from generator.render.feeds import render_feeds
from generator.render.jinja import environment
from generator.render.opendata import build_tables
from generator.render.opendata import render_files as render_data_files
from generator.render.pages import Page, page_groups

_shares: list[list[Callable[[], Page]]] = []  # each worker's pages, inherited by forked workers


def template_variables(context: object) -> dict[str, Any]:
    """A page context's fields as the template's variables (top level only: nested records stay
    objects, which the templates read by attribute)."""
    return {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}  # type: ignore[arg-type]


def _render(makers: list[Callable[[], Page]]) -> dict[str, str]:
    env = environment()
    out: dict[str, str] = {}
    for make in makers:
        page = make()
        out[page.path] = tidy(env.get_template(page.template).render(**template_variables(page.context)))
    return out


def _render_share(share: int) -> dict[str, str]:
    return _render(_shares[share])


def _split(groups: list[list[Callable[[], Page]]], workers: int) -> list[list[Callable[[], Page]]]:
    """Whole groups to workers, largest first to the least loaded (pages as the measure)."""
    shares: list[list[Callable[[], Page]]] = [[] for _ in range(workers)]
    for group in sorted(groups, key=len, reverse=True):  # stable: equal sizes keep their order
        min(shares, key=len).extend(group)
    return shares


def tidy(text: str) -> str:
    """Collapse runs of blank lines left by template logic; end with one newline."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip() if not line.endswith("  ") else line
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def render_files(catalog: Catalog, tables: dict[str, list[dict[str, Any]]] | None = None,
                 site_url: str | None = None) -> dict[str, str | bytes]:
    """Open data (docs/data/) and Atom feeds (docs/feeds/): path under docs/ → text. MkDocs
    copies these into the site unchanged. `site_url`: the published address, for the feeds'
    absolute links. Every file is text but the SQLite database (bytes)."""
    tables = tables if tables is not None else build_tables(catalog)
    return {**render_data_files(catalog, tables), urls.data_file(DATABASE): build_database(catalog, tables),
            **render_feeds(catalog, site_url)}


def render_pages(catalog: Catalog, workers: int | None = None, with_files: bool = False,
                 site_url: str | None = None) -> dict[str, str | bytes]:
    """Every generated page (and, `with_files`, the open data and feeds): path under docs/ →
    text. A large site's pages are made by one forked process per core (they share the catalog
    by inheritance; each council's pages stay in one process) while this process makes the
    files. The output is the same whatever the number of processes."""
    global _shares
    tables = build_tables(catalog)
    groups = page_groups(catalog, tables)
    meanwhile = partial(render_files, catalog, tables, site_url) if with_files else dict
    if workers is None:
        big = sum(map(len, groups)) >= catalog.limits.parallel_from
        workers = min(os.cpu_count() or 1, 4) if big else 1
    if workers <= 1 or "fork" not in mp.get_all_start_methods():
        return {**_render([m for g in groups for m in g]), **meanwhile()}
    _shares = _split(groups, workers)
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            pending = pool.map_async(_render_share, range(workers))
            extra = meanwhile()
            parts = pending.get()
    finally:
        _shares = []
    return {**{path: text for part in parts for path, text in part.items()}, **extra}
