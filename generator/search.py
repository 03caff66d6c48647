"""The site's search index (Pagefind): every page, plus one record per paragraph of report
text and per finding, each with filters (council, region, kind of inspection, year, grade,
theme, kind of text) and a link to its paragraph. Pagefind splits the index into small
chunks, so a browser loads only what a query needs."""
from __future__ import annotations

import asyncio
import tempfile
from html import escape
from concurrent.futures import ThreadPoolExecutor
import re
from dataclasses import dataclass
from pathlib import Path

from generator import urls
from generator.catalog import Catalog, Inspection
from generator.model import Document
from generator.pages import GRADE_LABELS, KIND_LABELS, _month_year

KIND_FILTER = {**KIND_LABELS, "paragraph": "Report text", "page": "Page"}


@dataclass(frozen=True)
class SearchRecord:
    url: str  # site-absolute path, e.g. /authorities/x/2019-10-07-ilacs/#p-3
    title: str
    content: str
    filters: dict[str, list[str]]


def _site_path(page: str, anchor: str = "") -> str:
    return "/" + urls.page_url(page) + (f"#{anchor}" if anchor else "")


def _plain(markdown: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`>#|]", " ", text)
    return " ".join(text.split())


def _filters(cat: Catalog, insp: Inspection, doc: Document, kind: str, themes: tuple[str, ...]) -> dict[str, list[str]]:
    head = insp.headline
    out = {
        "Council": [insp.authority.short_name],
        "Region": [insp.authority.region] if insp.authority.region else [],
        "Kind of inspection": [insp.framework.name],
        "Year": [str(insp.start_date.year)],
        "Grade": [GRADE_LABELS[head.grade_key] if head else "Not graded"],
        "Theme": [cat.themes[t].name for t in themes],
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
                for f in doc.findings:
                    # Each record needs its own URL (Pagefind keeps one record per URL): the
                    # finding's own anchor, which sits beside the link to its paragraph.
                    label = KIND_LABELS[f.kind]
                    out.append(SearchRecord(_site_path(page, Catalog.finding_anchor(insp, doc, f)), f"{label}: {where}",
                                            _plain(f.text), _filters(cat, insp, doc, f.kind, f.themes)))
                for b in doc.body:
                    if b.is_heading or not b.text.strip():
                        continue
                    n = f"paragraph {b.number}" if b.number is not None else "text"
                    out.append(SearchRecord(_site_path(page, Catalog.page_anchor(insp, doc, b.anchor)), f"{where}, {n}",
                                            _plain(b.text), _filters(cat, insp, doc, "paragraph", b.themes)))
    return out


def _record_html(r: SearchRecord) -> str:
    """One record as a small HTML file for Pagefind: its text is indexed; its title, target
    and filters are read from marked elements (ignored as content)."""
    filters = "".join(f'<span data-pagefind-filter="{escape(k)}">{escape(v)}</span>'
                      for k, values in sorted(r.filters.items()) for v in values)
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>x</title></head><body><article>"
            f'<div data-pagefind-ignore><h1 data-pagefind-meta="title">{escape(r.title)}</h1>'
            f'<span data-pagefind-meta="target">{escape(r.url.lstrip("/"))}</span>{filters}</div>'
            f"<p>{escape(r.content)}</p></article></body></html>")


async def _write(site_dir: Path, records_dir: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(root_selector="article", force_language="en",
                         exclude_selectors=[".report-text", ".breadcrumbs", ".timeline-figure", ".chart-figure", "nav"])
    async with PagefindIndex(config=config) as index:
        await index.add_directory(path=str(site_dir), glob="**/*.html")
        await index.add_directory(path=str(records_dir), glob="**/*.html")
        await index.write_files(output_path=str(site_dir / "pagefind"))


def write_index(cat: Catalog, site_dir: Path) -> int:
    """Build the Pagefind index into site_dir/pagefind; returns the number of paragraph and
    finding records. Records go through small HTML files, not one service call each (the
    Python API answers one call per 0.1 s: 35,000 records would take an hour)."""
    recs = records(cat)
    with tempfile.TemporaryDirectory(prefix="search-records-") as tmp:
        folder = Path(tmp) / "_records"
        for i in range(0, len(recs), 1000):
            (folder / f"{i // 1000:03d}").mkdir(parents=True)
        for i, r in enumerate(recs):
            (folder / f"{i // 1000:03d}" / f"{i:06d}.html").write_text(_record_html(r), encoding="utf-8")
        # A thread of its own: asyncio.run refuses to start inside a thread that already runs
        # a loop (a caller such as a test driving a browser may have one).
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, _write(site_dir, Path(tmp))).result()
    return len(recs)
