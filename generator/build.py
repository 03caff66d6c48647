"""The pipeline as functions tests can call: read → validate → index → render → write."""
from __future__ import annotations

from pathlib import Path

from generator.catalog import Catalog, build_catalog
from generator.feeds import render_feeds
from generator.model import Dataset
from generator.opendata import data_page, render_files as render_data_files
from generator.pages import Page, all_pages
from generator.render import environment
from generator.validate import load_dataset
from generator.writer import WriteReport, Writer


def render_pages(catalog: Catalog) -> dict[str, str]:
    """Every generated page: path under docs/ → Markdown text."""
    env = environment()
    out: dict[str, str] = {}
    for page in all_pages(catalog) + [data_page(catalog)]:
        text = env.get_template(page.template).render(**page.context)
        out[page.path] = _tidy(text)
    return out


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


def generate(data_dir: Path, docs_dir: Path, dataset: Dataset | None = None) -> WriteReport:
    """Validate everything (or take a dataset already assembled), then write the generated
    pages; nothing is written if validation fails."""
    return write_generated(build_catalog(dataset if dataset is not None else load_dataset(data_dir)), docs_dir)


def write_generated(catalog: Catalog, docs_dir: Path) -> WriteReport:
    """Write every generated page and file of `catalog` into docs/ (change-only, pruned)."""
    pages = {**render_pages(catalog), **render_files(catalog)}
    writer = Writer(docs_dir)
    for path in sorted(pages):
        writer.write(path, pages[path])
    writer.prune()
    return writer.report


__all__ = ["Page", "generate", "render_files", "render_pages", "write_generated"]
