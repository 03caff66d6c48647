"""Atom feeds (RFC 4287): the newest reports across England, one feed per authority and one
per theme. Written by a small serializer that escapes every text and attribute value.

Every date in a feed comes from the data: an entry is dated by its document's publication
date, else the date the document carries, else the inspection's last day. Links are
absolute addresses on the published site when its address is known (mkdocs.yml site_url),
as feed readers need; otherwise relative, with xml:base set to the site root relative to the
feed's own address (feeds/all.xml: "../"), so that they work wherever the site is served."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable
from xml.sax.saxutils import escape, quoteattr

from generator.index.catalog import Catalog, Inspection
from generator.index.ids import Ids
from generator.model.dates import PartialDate, date_range, long_date
from generator.model.records import Authority, Document, Theme
from generator.model.vocab import DOCUMENT_KIND, FINDING_KIND, FINDING_KINDS
from generator.render import urls
from generator.render.labels import headline_words, inspection_title, listed_date
from generator.render.place import locate

ATOM = "http://www.w3.org/2005/Atom"
TAG = "tag:childrens-services-inspections,2026:"  # RFC 4151 tag URIs: ids that never change
SITE_NAME = "Children's services inspections"
FALLBACK_UPDATED = PartialDate(2009, 1, 1)  # a feed of an empty dataset: the first framework's year
RIGHTS = ("Ofsted's reports and letters: Crown copyright, reused under the Open Government Licence v3.0. "
          "Councils' responses: the council's own public papers. Themes and summaries: this site's.")
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _atom_date(d: PartialDate) -> str:
    return d.as_date().isoformat() + "T00:00:00Z"


def _clean(text: str) -> str:
    """Text as one line, without the characters XML 1.0 cannot hold."""
    return " ".join(_NOT_XML.sub("", text).split())


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    text: str | None = None
    children: list[Element] = field(default_factory=list)

    def xml(self, indent: str = "") -> str:
        attrs = "".join(f" {k}={quoteattr(_clean(v))}" for k, v in self.attrs.items())
        if self.children:
            inner = "".join(c.xml(indent + "  ") for c in self.children)
            return f"{indent}<{self.tag}{attrs}>\n{inner}{indent}</{self.tag}>\n"
        if self.text is None:
            return f"{indent}<{self.tag}{attrs}/>\n"
        return f"{indent}<{self.tag}{attrs}>{escape(_clean(self.text))}</{self.tag}>\n"


def _el(parent: Element, tag: str, text: str | None = None, **attrs: str) -> Element:
    e = Element(tag, attrs, text)
    parent.children.append(e)
    return e


def _plural(n: int, kind: str) -> str:
    k = FINDING_KIND[kind]
    return f"{n} {k.label.lower() if n == 1 else k.plural}"


@dataclass(frozen=True)
class _Entry:
    insp: Inspection
    doc: Document

    @property
    def date(self) -> PartialDate:
        return listed_date(self.doc)


def _documents(cat: Catalog) -> list[_Entry]:
    return [_Entry(i, d) for a in cat.authorities for i in cat.documented(a.slug) for d in i.documents]


def _newest(entries: Iterable[_Entry], ids: Ids, most: int) -> list[_Entry]:
    ordered = sorted(entries, key=lambda e: ids.document(e.doc))
    ordered.sort(key=lambda e: e.date.as_date(), reverse=True)  # stable: same date → by id
    return ordered[:most]


def _summary(e: _Entry) -> str:
    insp, doc = e.insp, e.doc
    kind = DOCUMENT_KIND[doc.kind]
    parts = [f"{kind.feed_label[0].upper()}{kind.feed_label[1:]} on {insp.authority.name}: "
             f"{doc.title.rstrip('.')}, {date_range(insp.start_date, insp.end_date)}."]
    if doc.published:
        parts.append(f"Published {long_date(doc.published)}.")
    elif doc.document_date:
        parts.append(f"Dated {long_date(doc.document_date)}.")
    if doc.judgements:
        parts.append(headline_words(insp))
    counts = [(k.key, sum(1 for f in doc.findings if f.kind == k.key)) for k in FINDING_KINDS]
    listed = [_plural(n, k) for k, n in counts if n]
    if listed:
        parts.append(", ".join(listed).capitalize() + ".")
    if kind.secondary:
        parts.append("A secondary source: the council's own account.")
    if not doc.reviewed:
        parts.append("Machine-extracted: not yet checked by a person.")
    return " ".join(parts)


def _title(e: _Entry) -> str:
    return f"{e.insp.authority.short_name}: {inspection_title(e.insp)} ({DOCUMENT_KIND[e.doc.kind].feed_label})"


def _feed(path: str, title: str, subtitle: str, alternate: str, entries: list[Element], updated: PartialDate,
          site_url: str | None) -> str:
    root = Element("feed", {"xmlns": ATOM, "xml:base": site_url or urls.feed_root(path), "xml:lang": "en-GB"})
    _el(root, "id", TAG + urls.feed_id(path))
    _el(root, "title", title)
    _el(root, "subtitle", subtitle)
    _el(root, "updated", _atom_date(updated))
    author = _el(root, "author")
    _el(author, "name", SITE_NAME)
    _el(root, "link", rel="self", type="application/atom+xml", href=urls.published(site_url, path))
    _el(root, "link", rel="alternate", type="text/html", href=urls.published(site_url, alternate) or "./")
    _el(root, "rights", RIGHTS)
    root.children.extend(entries)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + root.xml()


def _entry(e: _Entry, entry_id: str, title: str, summary: str, href: str, categories: list[tuple[str, str]]) -> Element:
    entry = Element("entry")
    _el(entry, "id", TAG + entry_id)
    _el(entry, "title", title)
    _el(entry, "updated", _atom_date(e.date))
    if e.doc.published:
        _el(entry, "published", _atom_date(e.doc.published))
    _el(entry, "link", rel="alternate", type="text/html", href=href)
    for term, label in categories:
        _el(entry, "category", term=term, label=label)
    _el(entry, "summary", summary, type="text")
    return entry


def _document_entry(e: _Entry, ids: Ids, site_url: str | None) -> Element:
    return _entry(e, ids.document(e.doc), _title(e), _summary(e),
                  urls.published(site_url, urls.site_path(urls.inspection(e.insp.authority.slug, e.insp.id))),
                  [(e.insp.framework.key, e.insp.framework.name)])


def _theme_entry(e: _Entry, cat: Catalog, slug: str, site_url: str | None) -> Element:
    theme = cat.themes[slug]
    found = [f for f in e.doc.findings if slug in f.themes]
    paragraphs = [b for b in e.doc.body if slug in b.themes]
    said = []
    for k in FINDING_KINDS:
        n = sum(1 for f in found if f.kind == k.key)
        if n:
            said.append(_plural(n, k.key))
    if paragraphs:
        said.append(f"{len(paragraphs)} paragraph{'s' if len(paragraphs) != 1 else ''}")
    summary = f"On {theme.name.lower()}: {', '.join(said)}."
    if found:
        summary += " " + " ".join(f"“{_clean(f.text)}”" for f in found[:3])
        if len(found) > 3:
            summary += " …"
    summary += " " + _summary(e)
    anchor = next((f.paragraph for f in found if f.paragraph), None) or next((b.anchor for b in paragraphs if b.anchor), "")
    return _entry(e, urls.theme_entry_id(slug, cat.ids.document(e.doc)), _title(e), summary,
                  urls.published(site_url, urls.site_path(*locate(cat, e.insp, e.doc, anchor))), [(slug, theme.name)])


def england_title() -> str:
    return f"{SITE_NAME}: newest reports in England"


def authority_title(a: Authority) -> str:
    return f"{SITE_NAME}: {a.short_name}"


def theme_title(t: Theme) -> str:
    return f"{SITE_NAME}: {t.name}"


def render_feeds(cat: Catalog, site_url: str | None = None) -> dict[str, str]:
    """Every feed: path under docs/ → Atom XML. `site_url`: the published address (ending in
    "/"), for absolute links; None: relative links."""
    ids, most = cat.ids, cat.limits.feed_entries
    docs = _documents(cat)

    def updated(entries: list[_Entry]) -> PartialDate:
        # An empty feed keeps a fixed date: a report for another council must not rewrite it.
        return entries[0].date if entries else FALLBACK_UPDATED

    out: dict[str, str] = {}
    top = _newest(docs, ids, most)
    out[urls.feed_all()] = _feed(
        urls.feed_all(), england_title(),
        f"The {most} newest inspection reports, letters and council responses across England.",
        urls.site_path(urls.HOME), [_document_entry(e, ids, site_url) for e in top], updated(top), site_url)
    for a in cat.authorities:
        mine = _newest((e for e in docs if e.insp.authority.slug == a.slug), ids, most)
        path = urls.authority_feed(a.slug)
        out[path] = _feed(path, authority_title(a),
                          f"Inspection reports, letters and council responses for {a.name}, newest first.",
                          urls.site_path(urls.authority(a.slug)), [_document_entry(e, ids, site_url) for e in mine],
                          updated(mine), site_url)
    for slug in sorted(cat.themes):
        theme = cat.themes[slug]
        on_theme = {m.document.file for m in cat.mentions[slug]}
        mine = _newest((e for e in docs if e.doc.file in on_theme), ids, most)
        path = urls.theme_feed(slug)
        out[path] = _feed(path, theme_title(theme),
                          f"The {most} newest reports with findings or paragraphs on {theme.name.lower()}.",
                          urls.site_path(urls.theme(slug)), [_theme_entry(e, cat, slug, site_url) for e in mine],
                          updated(mine), site_url)
    return out


__all__ = ["authority_title", "england_title", "render_feeds", "theme_title"]
