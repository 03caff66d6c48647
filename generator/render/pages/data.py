"""The Data page: every open data file and field, the licences and the feeds."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.index.catalog import Catalog
from generator.model.dates import long_date
from generator.render import urls
from generator.render.database import DATABASE, FTS_TABLE, LATEST_VIEW
from generator.render.labels import listed_date
from generator.render.opendata import (
    COUNCIL_LICENCE,
    CSV_METADATA,
    LIST_SEPARATOR,
    OGL_URL,
    TABLE_TITLES,
    TABLES,
    schema,
)
from generator.render.pages.common import NamedLink, Page


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str  # "whole number", "date (ISO 8601), may be empty"
    description: str


@dataclass(frozen=True, slots=True)
class DataFile:
    name: str
    title: str
    rows: int
    description: str
    csv: str
    json: str
    schema: str
    fields: tuple[Field, ...]


@dataclass(frozen=True, slots=True)
class DocumentCounts:
    documents: int
    reviewed: int


@dataclass(frozen=True, slots=True)
class ThemeFeed:
    name: str
    slug: str
    link: str
    page: str


@dataclass(frozen=True, slots=True)
class Feeds:
    all: str
    authorities: tuple[NamedLink, ...]
    themes: tuple[ThemeFeed, ...]


@dataclass(frozen=True, slots=True)
class Database:
    """The SQLite database of the same tables (render/database.py)."""

    name: str
    link: str
    fts: str  # the full-text table of findings
    view: str  # the view of each council's latest graded inspection


@dataclass(frozen=True, slots=True)
class DataLinks:
    frameworks: str
    themes: str
    add_report: str


@dataclass(frozen=True, slots=True)
class DataContext:
    """data.md.j2: the open data files and their fields, licences and feeds."""

    description: str  # the page in a sentence or two, for search engines (its meta description)
    files: tuple[DataFile, ...]
    database: Database
    csv_metadata: str
    ogl: str
    council_licence: str
    separator: str
    counts: DocumentCounts
    newest: str | None  # the newest document's listing date
    feeds: Feeds
    links: DataLinks


def _type_label(prop: dict[str, Any]) -> str:
    types = prop.get("type", "string")
    types = types if isinstance(types, list) else [types]
    base = next(t for t in types if t != "null")
    label = {"string": "text", "integer": "whole number", "boolean": "true or false", "array": "list of text"}[base]
    if base == "array" and prop.get("items", {}).get("type") == "number":
        label = "list of numbers"
    pattern = prop.get("pattern", "")
    if base == "string" and "\\d{4}" in pattern and pattern.startswith("^\\d{4}"):
        label = "date (ISO 8601)"
    if "enum" in prop:
        label = "one of: " + ", ".join(v for v in prop["enum"] if v is not None)
    return label + (", may be empty" if "null" in types else "")


def data_page(cat: Catalog, tables: dict[str, list[dict[str, Any]]]) -> Page:
    page = urls.DATA
    files = []
    for table in TABLES:
        s = schema(table)
        files.append(DataFile(
            table, TABLE_TITLES[table], len(tables[table]), s["description"].split(" One object per row")[0],
            urls.md_link(page, urls.data_file(f"{table}.csv")), urls.md_link(page, urls.data_file(f"{table}.json")),
            urls.md_link(page, urls.data_file(f"{table}.schema.json")),
            tuple(Field(n, _type_label(p), p["description"]) for n, p in s["$defs"]["row"]["properties"].items())))
    documents = tables["documents"]
    newest = max((listed_date(d) for d in cat.dataset.documents), default=None)
    return Page(page, "data.md.j2", DataContext(
        description=("Open data on Ofsted's inspections of English councils' children's services: councils, "
                     "inspections, documents, judgements and findings as CSV, JSON and one SQLite database, with "
                     "schemas, and Atom feeds."),
        files=tuple(files),
        database=Database(DATABASE, urls.md_link(page, urls.data_file(DATABASE)), FTS_TABLE, LATEST_VIEW),
        csv_metadata=urls.md_link(page, urls.data_file(CSV_METADATA)), ogl=OGL_URL,
        council_licence=COUNCIL_LICENCE, separator=LIST_SEPARATOR.strip(),
        counts=DocumentCounts(len(documents), sum(1 for d in documents if d["reviewed"])),
        newest=long_date(newest) if newest else None,
        feeds=Feeds(urls.md_link(page, urls.feed_all()),
                    tuple(NamedLink(a.short_name, urls.md_link(page, urls.authority_feed(a.slug))) for a in cat.authorities),
                    tuple(ThemeFeed(t.name, t.slug, urls.md_link(page, urls.theme_feed(t.slug)), urls.md_link(page, urls.theme(t.slug)))
                          for t in sorted(cat.themes.values(), key=lambda t: t.name))),
        links=DataLinks(urls.md_link(page, urls.FRAMEWORKS), urls.md_link(page, urls.THEMES),
                        urls.md_link(page, urls.ADD_REPORT))))
