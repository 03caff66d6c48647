"""The site's search index (Pagefind): the site's main pages, one record per theme page, and
records of report text and findings, each with filters (council, region, kind of inspection,
year, grade, theme, kind of text) and a link to each paragraph or finding. Pagefind splits
the index into small chunks, so a browser loads only what a query needs.

Inspection and theme pages are not indexed themselves: their text is the records' text
(findings, quoted paragraphs), and indexing it twice made every index chunk larger."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html import escape

from generator.index.catalog import Catalog, Inspection
from generator.model.records import Block, Document
from generator.model.vocab import DOCUMENT_KIND, FINDING_KINDS, GRADE_LABELS, PARAGRAPH, PARAGRAPH_LABEL
from generator.render import urls
from generator.render.labels import inspection_title
from generator.render.place import locate

KIND_FILTER = {**{k.key: k.label for k in FINDING_KINDS}, PARAGRAPH: PARAGRAPH_LABEL}


@dataclass(frozen=True)
class Item:
    anchor: str  # id on the record's page
    label: str  # "Paragraph 3", "Area for improvement 2"
    text: str
    themes: frozenset[str] = frozenset()  # names of the themes it carries


@dataclass(frozen=True)
class SearchRecord:
    """One document's text of one kind (its report text, or its areas for improvement …; a
    long report's text in parts of at most `Limits.search_record_words` words): Pagefind indexes it as one result
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
        "Kind of text": [KIND_FILTER[kind] + _account(doc)],
    }
    return {k: v for k, v in out.items() if v}


def _account(doc: Document) -> str:
    return " (council's account)" if DOCUMENT_KIND[doc.kind].secondary else ""


def _parts(blocks: list[Block], most: int) -> list[list[Block]]:
    """A document's paragraphs in runs of at most `most` words (a longer paragraph alone):
    a browser loads a shown result's whole record, so a long report is several records."""
    parts: list[list[Block]] = []
    words = 0
    for b in blocks:
        n = len(b.text.split())
        if not parts or words + n > most:
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
                primary = doc is insp.primary
                for kind in FINDING_KINDS:
                    found = [f for f in doc.findings if f.kind == kind.key]
                    if found:
                        items = tuple(Item(urls.finding_anchor(primary, doc.kind, kind.key, k), f"{kind.label} {k}",
                                           _plain(f.text), _theme_names(cat, f.themes))
                                      for k, f in enumerate(found, 1))
                        themes = {t for f in found for t in f.themes}
                        out.append(SearchRecord(urls.absolute(page), f"{where}: {kind.plural}{_account(doc)}", items,
                                                _filters(cat, insp, doc, kind.key, themes)))
                by_page: dict[str, list[Block]] = {}  # a long text is on several pages (parts)
                for b in doc.body:
                    if not b.is_heading and b.text.strip():
                        by_page.setdefault(locate(cat, insp, doc, b.anchor)[0], []).append(b)
                for text_page, part in ((p, part) for p, blocks in by_page.items()
                                        for part in _parts(blocks, cat.limits.search_record_words)):
                    items = tuple(Item(urls.page_anchor(primary, doc.kind, b.anchor),
                                       f"Paragraph {b.number}" if b.number is not None else "Text", _plain(b.text),
                                       _theme_names(cat, b.themes))
                                  for b in part)
                    themes = {t for b in part for t in b.themes}
                    out.append(SearchRecord(urls.absolute(text_page), where + _account(doc), items,
                                            _filters(cat, insp, doc, PARAGRAPH, themes)))
    for slug, theme in sorted(cat.themes.items()):
        # Like the pages Pagefind indexes itself, a theme's record has no filters.
        out.append(SearchRecord(urls.absolute(urls.theme(slug)), f"Theme: {theme.name}", (), {}, theme.description))
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


def record_html(r: SearchRecord) -> str:
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


