"""The site's search index (Pagefind): every page, plus one record per paragraph of report
text and per finding, each with filters (council, region, kind of inspection, year, grade,
theme, kind of text) and a link to its paragraph. Pagefind splits the index into small
chunks, so a browser loads only what a query needs."""
from __future__ import annotations

import shutil
import subprocess
import sys
from html import escape
import re
from dataclasses import dataclass
from pathlib import Path

from generator import urls
from generator.catalog import Catalog, Inspection
from generator.model import Document
from generator.pages import GRADE_LABELS, KIND_LABELS, _month_year

KIND_FILTER = {**KIND_LABELS, "paragraph": "Report text", "page": "Page"}


@dataclass(frozen=True)
class Item:
    anchor: str  # id on the inspection page
    label: str  # "Paragraph 3", "Area for improvement 2"
    text: str


@dataclass(frozen=True)
class SearchRecord:
    """One document's text of one kind (its report text, or its areas for improvement …):
    Pagefind indexes it as one result with one sub-result per paragraph or finding. Grouping
    keeps the index small at national scale (about 1,600 records instead of 44,000), because
    Pagefind's page list and filter data grow with the number of records."""

    url: str  # site-absolute path of the inspection page
    title: str
    items: tuple[Item, ...]
    filters: dict[str, list[str]]


def _site_path(page: str, anchor: str = "") -> str:
    return "/" + urls.page_url(page) + (f"#{anchor}" if anchor else "")


def _plain(markdown: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`>#|]", " ", text)
    return " ".join(text.split())


def _filters(cat: Catalog, insp: Inspection, doc: Document, kind: str, themes: set[str]) -> dict[str, list[str]]:
    head = insp.headline
    out = {
        "Council": [insp.authority.short_name],
        "Region": [insp.authority.region] if insp.authority.region else [],
        "Kind of inspection": [insp.framework.name],
        "Year": [str(insp.start_date.year)],
        "Grade": [GRADE_LABELS[head.grade_key] if head else "Not graded"],
        "Theme": sorted(cat.themes[t].name for t in themes),
        "Kind of text": [KIND_FILTER[kind] + (" (council's account)" if doc.kind == "council-response" else "")],
    }
    return {k: v for k, v in out.items() if v}


def records(cat: Catalog) -> list[SearchRecord]:
    out: list[SearchRecord] = []
    for a in cat.authorities:
        for insp in cat.documented(a.slug):
            page = urls.inspection(a.slug, insp.id)
            where = f"{a.short_name}: {insp.framework.name}, {_month_year(insp)}"
            for doc in insp.documents:
                for kind in ("improvement", "priority-action", "strength", "development-area"):
                    found = [f for f in doc.findings if f.kind == kind]
                    if found:
                        items = tuple(Item(Catalog.finding_anchor(insp, doc, f), f"{KIND_LABELS[kind]} {k}", _plain(f.text))
                                      for k, f in enumerate(found, 1))
                        themes = {t for f in found for t in f.themes}
                        out.append(SearchRecord(_site_path(page), f"{where}: {KIND_LABELS[kind].lower()}s", items,
                                                _filters(cat, insp, doc, kind, themes)))
                blocks = [b for b in doc.body if not b.is_heading and b.text.strip()]
                if blocks:
                    items = tuple(Item(Catalog.page_anchor(insp, doc, b.anchor),
                                       f"Paragraph {b.number}" if b.number is not None else "Text", _plain(b.text))
                                  for b in blocks)
                    themes = {t for b in blocks for t in b.themes}
                    out.append(SearchRecord(_site_path(page), where, items, _filters(cat, insp, doc, "paragraph", themes)))
    return out


def _record_html(r: SearchRecord) -> str:
    """One record as a small HTML file for Pagefind: each item under a heading with its page
    anchor as id (Pagefind's sub-results); title, target page and filters in marked elements
    that are not indexed as text."""
    filters = "".join(f'<span data-pagefind-filter="{escape(k)}">{escape(v)}</span>'
                      for k, values in sorted(r.filters.items()) for v in values)
    body = "".join(f'<h2 id="{escape(i.anchor)}">{escape(i.label)}</h2><p>{escape(i.text)}</p>' for i in r.items)
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>x</title></head><body><article>"
            f'<div data-pagefind-ignore><h1 data-pagefind-meta="title">{escape(r.title)}</h1>'
            f'<span data-pagefind-meta="target">{escape(r.url.lstrip("/"))}</span>{filters}</div>'
            f"{body}</article></body></html>")


RECORDS_DIR = "_search-records"  # inside the site while Pagefind runs, removed after


def write_index(cat: Catalog, site_dir: Path) -> int:
    """Build the Pagefind index into site_dir/pagefind; returns the number of records.

    Pagefind's command line indexes the site and the record files and exits only when every
    file is written. (Its Python API was tried first: it answers one call per 0.1 s, writes
    a second copy into the current folder when its context closes, and stops the indexer
    right after the last reply, which once left a bundle file half-written.)"""
    recs = records(cat)
    folder = site_dir / RECORDS_DIR
    try:
        for i in range(0, len(recs), 1000):
            (folder / f"{i // 1000:03d}").mkdir(parents=True, exist_ok=True)
        for i, r in enumerate(recs):
            (folder / f"{i // 1000:03d}" / f"{i:06d}.html").write_text(_record_html(r), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(site_dir / "pagefind"),
             "--root-selector", "article", "--force-language", "en",
             "--exclude-selectors", ".report-text", "--exclude-selectors", ".breadcrumbs",
             "--exclude-selectors", ".timeline-figure", "--exclude-selectors", ".chart-figure",
             "--exclude-selectors", "nav"],
            capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"pagefind exited with {result.returncode}: {(result.stderr or result.stdout)[-500:]}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return len(recs)
