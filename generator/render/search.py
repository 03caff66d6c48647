"""The site's search index (Pagefind): the site's main pages, one record per theme page, and
records of report text and findings, each with filters (council, region, kind of inspection,
year, grade, theme, kind of text) and a link to each paragraph or finding. Pagefind splits
the index into small chunks, so a browser loads only what a query needs.

Inspection and theme pages are not indexed themselves: their text is the records' text
(findings, quoted paragraphs), and indexing it twice made every index chunk larger."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from html import escape
from pathlib import Path

from generator.write import search_chunks

from generator.render import urls
from generator.index.catalog import Catalog, Inspection
from generator.model.records import Block, Document
from generator.render.pages import GRADE_LABELS, KIND_LABELS, inspection_title

KIND_FILTER = {**KIND_LABELS, "paragraph": "Report text"}
MAX_WORDS = 4000  # of report text in one record (see _parts)


@dataclass(frozen=True)
class Item:
    anchor: str  # id on the record's page
    label: str  # "Paragraph 3", "Area for improvement 2"
    text: str
    themes: frozenset[str] = frozenset()  # names of the themes it carries


@dataclass(frozen=True)
class SearchRecord:
    """One document's text of one kind (its report text, or its areas for improvement …; a
    long report's text in parts of at most MAX_WORDS words): Pagefind indexes it as one result
    with one sub-result per paragraph or finding. Grouping keeps the index small at national
    scale (about 1,900 records instead of 44,000): Pagefind's metadata file, which every
    query loads, lists every record (about 8 bytes each, gzipped)."""

    url: str  # site-absolute path of the page that shows the items (an inspection page or a part of its text)
    title: str
    items: tuple[Item, ...]
    filters: dict[str, list[str]]
    text: str = ""  # a page record's text (a theme's description); items have none

    def item_id(self, item: Item) -> str:
        """The item's id in the record: its anchor on the inspection page, then "~i" for each
        theme it carries, i its position in the record's Theme filter. The search page keeps
        only the paragraphs carrying a chosen theme (the filter itself is per record)."""
        names = self.filters.get("Theme", [])
        return item.anchor + "".join(f"~{names.index(n)}" for n in sorted(item.themes, key=names.index))


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


PLURALS = {"improvement": "areas for improvement", "priority-action": "areas for priority action",
           "strength": "strengths", "development-area": "areas for development"}


def _plural(kind: str) -> str:
    return PLURALS[kind]


def _account(doc: Document) -> str:
    return " (council's account)" if doc.kind == "council-response" else ""


def _parts(blocks: list[Block]) -> list[list[Block]]:
    """A document's paragraphs in runs of at most MAX_WORDS words (a longer paragraph alone):
    a browser loads a shown result's whole record, so a long report is several records."""
    parts: list[list[Block]] = []
    words = 0
    for b in blocks:
        n = len(b.text.split())
        if not parts or words + n > MAX_WORDS:
            parts.append([])
            words = 0
        parts[-1].append(b)
        words += n
    return [p for p in parts if p]


def _theme_names(cat: Catalog, slugs: tuple[str, ...] | frozenset[str]) -> frozenset[str]:
    return frozenset(cat.themes[t].name for t in slugs)


def records(cat: Catalog) -> list[SearchRecord]:
    out: list[SearchRecord] = []
    for a in cat.authorities:
        for insp in cat.documented(a.slug):
            page = urls.inspection(a.slug, insp.id)
            where = f"{a.short_name}: {inspection_title(insp)}"
            for doc in insp.documents:
                for kind in ("improvement", "priority-action", "strength", "development-area"):
                    found = [f for f in doc.findings if f.kind == kind]
                    if found:
                        items = tuple(Item(Catalog.finding_anchor(insp, doc, f), f"{KIND_LABELS[kind]} {k}", _plain(f.text),
                                           _theme_names(cat, f.themes))
                                      for k, f in enumerate(found, 1))
                        themes = {t for f in found for t in f.themes}
                        out.append(SearchRecord(_site_path(page), f"{where}: {_plural(kind)}{_account(doc)}", items,
                                                _filters(cat, insp, doc, kind, themes)))
                by_page: dict[str, list[Block]] = {}  # a long text is on several pages (parts)
                for b in doc.body:
                    if not b.is_heading and b.text.strip():
                        by_page.setdefault(cat.locate(insp, doc, b.anchor)[0], []).append(b)
                for text_page, part in ((p, part) for p, blocks in by_page.items() for part in _parts(blocks)):
                    items = tuple(Item(Catalog.page_anchor(insp, doc, b.anchor),
                                       f"Paragraph {b.number}" if b.number is not None else "Text", _plain(b.text),
                                       _theme_names(cat, b.themes))
                                  for b in part)
                    themes = {t for b in part for t in b.themes}
                    out.append(SearchRecord(_site_path(text_page), where + _account(doc), items,
                                            _filters(cat, insp, doc, "paragraph", themes)))
    for slug, theme in sorted(cat.themes.items()):
        # Like the pages Pagefind indexes itself, a theme's record has no filters.
        out.append(SearchRecord(_site_path(urls.theme(slug)), f"Theme: {theme.name}", (), {}, theme.description))
    return out


# Curly quotes as straight ones in the indexed text. Pagefind keeps a curly quote as part of the
# word beside it and indexes "children’s" as "children’" (17,500 times nationally) besides
# "children", and "‘stay" besides "stay"; a straight quote it leaves out. Those words made the
# index larger, and a word such as "improvement’" sorting between "improv" and "improvement"
# sent the search for "improvement" to the next chunk as well (see search_chunks). The excerpts
# a result shows come from this text, so they show straight quotes.
_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _indexed(text: str) -> str:
    return escape(text.translate(_STRAIGHT))


def _record_html(r: SearchRecord) -> str:
    """One record as a small HTML file for Pagefind: each item under a heading with its page
    anchor as id (Pagefind's sub-results); title, target page and filters in marked elements
    that are not indexed as text."""
    filters = "".join(f'<span data-pagefind-filter="{escape(k)}">{escape(v)}</span>'
                      for k, values in sorted(r.filters.items()) for v in values)
    body = "".join(f'<h2 id="{escape(r.item_id(i))}">{escape(i.label)}</h2><p>{_indexed(i.text)}</p>' for i in r.items)
    if r.text:
        body += f"<p>{_indexed(r.text)}</p>"
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>x</title></head><body><article>"
            f'<div data-pagefind-ignore><h1 data-pagefind-meta="title">{escape(r.title)}</h1>'
            f'<span data-pagefind-meta="target">{escape(r.url.lstrip("/"))}</span>{filters}</div>'
            f"{body}</article></body></html>")


# A word that makes up at least this share of all the indexed words is left out of a query that
# has other words (the search page does it, and says so; a query in quotes keeps every word).
# Pagefind loads a word's whole list of positions: nationally "and" costs 147 KB gzipped,
# "children" 98 KB, "care" 44 KB, and a query of several specific words about 150–190 KB in all;
# yet such a word is in nearly every record, so it hardly changes which records match or
# their order. At 1 in 250 words it is about 30 words nationally ("the", "children", "care",
# "support", "social", "work" …).
COMMON_SHARE = 1 / 250
COMMON_WORDS = "pagefind/common-words.json"  # site path of the list the search page reads
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def common_words(recs: list[SearchRecord]) -> dict[str, int]:
    """The commonest words of the indexed text, each with its number of occurrences: those that
    make up at least COMMON_SHARE of it. Words as a person types them, lower case, "’" as "'"."""
    counts: Counter[str] = Counter()
    for r in recs:
        for text in [r.text, *(i.text for i in r.items)]:
            counts.update(_WORD.findall(text.lower().replace("\u2019", "'")))
    least = sum(counts.values()) * COMMON_SHARE
    return {w: n for w, n in sorted(counts.items()) if n >= least}


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
        (folder / f"{i // 1000:03d}" / f"{i:06d}.html").write_text(_record_html(r), encoding="utf-8")
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
        (site_dir / COMMON_WORDS).write_text(
            json.dumps({"share": COMMON_SHARE, "words": prepared.common}, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(prepared.folder, ignore_errors=True)
    return prepared.records


def write_index(cat: Catalog, site_dir: Path) -> int:
    """prepare_index and finish_index in one: the Pagefind index of a built site."""
    return finish_index(prepare_index(cat, site_dir.with_name(f".{site_dir.name}-build-records")), site_dir)
