"""One builder per page kind: Catalog → Page(path, template, context).

Contexts hold finished strings and links; templates only lay out and loop."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from generator.render import urls
from generator.index.catalog import Catalog, Inspection, Mention
from generator.render.charts import Point, bar_chart_svg, timeline_svg
from generator.model.dates import date_range, long_date
from generator.index import parts
from generator.model.records import GRADE_LABELS, Authority, Block, Document, Judgement
from generator.index.parts import TextPart
from generator.index.recurrence import STATUS_LABELS, TO_IMPROVE, Followup, recurring_themes, traces_for
from generator.render.jinja import html_text, paragraph_inside, report_html

KIND_LABELS = {
    "improvement": "Area for improvement",
    "priority-action": "Area for priority action",
    "strength": "Strength",
    "development-area": "Area for development",
    "paragraph": "Report text",
}
DOC_SECTION_LABELS = {
    "ofsted-report": ("From Ofsted's report", "Full text of Ofsted's report"),
    "ofsted-letter": ("From Ofsted's letter", "Full text of Ofsted's letter"),
    "council-response": ("From the council's response (secondary source)", "Full text of the council's response"),
}
DOC_KIND_LABELS = {
    "ofsted-report": "Ofsted report",
    "ofsted-letter": "Ofsted letter",
    "council-response": "Council's response (secondary source)",
}
TIMESCALE_LABELS = {
    "immediately": "Immediately",
    "within-three-months": "Within three months",
    "within-six-months": "Within six months",
    "none-stated": "No timescale stated",
}
KIND_OF_COUNCIL = {
    "County": "county council",
    "Unitary Authority": "unitary authority",
    "Metropolitan District": "metropolitan borough council",
    "London Borough": "London borough council",
}
OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@dataclass(frozen=True)
class Page:
    path: str  # Markdown path under docs/
    template: str
    context: dict[str, Any]


def grade_badge(j: Judgement | None) -> dict[str, str] | None:
    """Grade as the site shows it: the word as written, and a CSS class for its visual cue."""
    if j is None:
        return None
    return {"word": j.grade, "key": j.grade_key, "label": GRADE_LABELS[j.grade_key]}


def _month_year(insp: Inspection) -> str:
    d = insp.start_date
    return long_date(type(d)(d.year, d.month)) if d.month else str(d.year)


def inspection_title(insp: Inspection) -> str:
    """"Inspection of local authority children's services, October 2019"."""
    return f"{insp.framework.name}, {_month_year(insp)}"


def _link_to_mention(cat: Catalog, page: str, m: Mention, html: bool = False) -> str:
    """Link to the paragraph or finding of a mention: for Markdown, or (html=True) for raw HTML."""
    return (urls.html_link if html else urls.md_link)(page, *cat.locate(m.inspection, m.document, m.anchor))


def _paragraph_label(m: Mention) -> str:
    if m.number is not None:
        return f"paragraph {m.number}"
    if m.anchor.startswith("s-"):
        return "summary text" if m.kind == "paragraph" else "in the text"
    return ""


def _judgement_rows(js: tuple[Judgement, ...], framework_areas: list[str]) -> list[dict[str, Any]]:
    order = {k: i for i, k in enumerate(framework_areas)}
    return [{"area": j.area, "grade": grade_badge(j)} for j in sorted(js, key=lambda j: order.get(j.area_key, 99))]


def _inspection_summary(cat: Catalog, page: str, insp: Inspection) -> dict[str, Any]:
    """What a list or table row needs to show one inspection."""
    head = insp.headline
    if insp.is_cited:
        cited = insp.cited
        assert cited is not None
        citations = []
        for c in cited.cited_by:
            target_insp, target_doc = cat.by_ref(c.document)
            block = target_doc.block(c.paragraph)
            label = f"paragraph {block.number}" if block and block.number else "summary"
            citations.append({"text": f"{inspection_title(target_insp)}, {label}",
                              "link": urls.md_link(page, *cat.locate(target_insp, target_doc, c.paragraph))})
        return {
            "title": cited.title, "dates": date_range(insp.start_date, insp.end_date), "iso": insp.start_date.iso,
            "framework": insp.framework.name, "grade": grade_badge(head), "cited": True,
            "anchor": urls.cited_anchor(insp.id), "summary": cited.summary, "citations": citations,
            "judgements": _judgement_rows(insp.judgements, [a.key for a in insp.framework.areas]),
            "link": urls.md_link(page, urls.authority(insp.authority.slug), urls.cited_anchor(insp.id)),
            "sources": "Known only from a later report",
        }
    return {
        "title": inspection_title(insp), "dates": date_range(insp.start_date, insp.end_date), "iso": insp.start_date.iso,
        "framework": insp.framework.name, "grade": grade_badge(head), "cited": False, "anchor": "",
        "link": urls.md_link(page, urls.inspection(insp.authority.slug, insp.id)),
        "sources": ", ".join(DOC_KIND_LABELS[d.kind] for d in insp.documents),
        "secondary_only": insp.secondary_only,
        "graded": insp.framework.graded,
    }


def _chart(insp_list: tuple[Inspection, ...], chart_id: str, authority_name: str) -> str:
    points = []
    for insp in insp_list:
        head = insp.headline
        if head is not None:
            label = f"{long_date(insp.start_date)}: {head.grade} ({head.area.lower()})"
        else:
            label = f"{long_date(insp.start_date)}: {insp.framework.name} (ungraded)"
        if insp.is_cited:
            label += ", known from a later report"
        points.append(Point(insp.start_date.as_date(), head.rank if head else None, label, insp.is_cited))
    graded = [p for p in points if p.rank]
    desc = (f"{len(points)} inspections from {min(p.when.year for p in points)} to {max(p.when.year for p in points)}; "
            f"{len(graded)} graded. " + "; ".join(p.label for p in points) + ".") if points else "No inspections on record."
    return timeline_svg(points, chart_id, f"Grade timeline for {authority_name}", desc)


def home_page(cat: Catalog) -> Page:
    page = urls.HOME
    rows = []
    for a in cat.authorities:
        latest = cat.latest_graded(a.slug)
        documented = cat.documented(a.slug)
        rows.append({
            "name": a.short_name, "link": urls.md_link(page, urls.authority(a.slug)), "region": a.region,
            "latest": _inspection_summary(cat, page, latest) if latest else None,
            "reports": len(documented),
        })
    newest = sorted((i for a in cat.authorities for i in cat.documented(a.slug)),
                    key=lambda i: (i.start_date.as_date(), i.authority.short_name), reverse=True)[:10]
    return Page(page, "home.md.j2", {
        "authorities": rows,
        "newest": [dict(_inspection_summary(cat, page, i), authority=i.authority.short_name) for i in newest],
        "counts": {"authorities": len(cat.authorities), "documents": len(cat.dataset.documents),
                   "with_documents": sum(1 for r in rows if r["reports"]), "themes": len(cat.themes)},
        "links": {"grades": urls.md_link(page, urls.GRADES), "themes": urls.md_link(page, urls.THEMES),
                  "frameworks": urls.md_link(page, urls.FRAMEWORKS), "about": urls.md_link(page, urls.ABOUT),
                  "authorities": urls.md_link(page, urls.AUTHORITIES),
                  "feed": urls.md_link(page, urls.feed_all()), "data": urls.md_link(page, urls.DATA)},
    })


def authorities_index(cat: Catalog) -> Page:
    page = urls.AUTHORITIES
    regions: dict[str, list[dict[str, Any]]] = {}
    for a in sorted(cat.authorities, key=lambda a: (a.region, a.short_name)):
        latest = cat.latest_graded(a.slug)
        regions.setdefault(a.region, []).append({
            "name": a.short_name, "link": urls.md_link(page, urls.authority(a.slug)), "type": a.type,
            "latest": _inspection_summary(cat, page, latest) if latest else None,
            "inspections": len(cat.inspections[a.slug]),
        })
    return Page(page, "authorities.md.j2", {"regions": [{"name": k, "authorities": v} for k, v in regions.items()]})


def authority_page(cat: Catalog, slug: str) -> Page:
    a = next(x for x in cat.authorities if x.slug == slug)
    page = urls.authority(slug)
    insps = cat.inspections[slug]
    latest = cat.latest_graded(slug)
    history = [_inspection_summary(cat, page, i) for i in reversed(insps)]
    columns = [i for i in insps if not i.is_cited]
    by_theme = cat.authority_mentions(slug)
    recurring = []
    for theme_slug, raised_at in recurring_themes(cat, slug).items():
        raised_ids = {i.id for i in raised_at}
        cells = []
        for insp in columns:
            found = [m for m in by_theme.get(theme_slug, []) if m.inspection.id == insp.id]
            to_improve = [m for m in found if m.kind in TO_IMPROVE]
            first = (to_improve or found or [None])[0]
            state = "raised" if insp.id in raised_ids else ("mentioned" if found else "")
            cells.append({"state": state, "count": len(to_improve) if to_improve else len(found),
                          "link": _link_to_mention(cat, page, first) if first else ""})
        recurring.append({"name": cat.themes[theme_slug].name, "link": urls.md_link(page, urls.theme(theme_slug)),
                          "raised": len(raised_at), "cells": cells,
                          "years": ", ".join(str(i.start_date.year) for i in raised_at)})
    recurring.sort(key=lambda r: (-r["raised"], r["name"]))
    latest_ctx = None
    if latest is not None:
        latest_ctx = dict(_inspection_summary(cat, page, latest),
                          judgements=_judgement_rows(latest.judgements, [x.key for x in latest.framework.areas]))
    by_code = {x.ons_code: x for x in cat.authorities}
    neighbours = []
    for code in a.neighbours:
        other = by_code.get(code)
        if other is None:
            continue
        other_latest = cat.latest_graded(other.slug)
        neighbours.append({"name": other.short_name, "link": urls.md_link(page, urls.authority(other.slug)),
                           "latest": _inspection_summary(cat, page, other_latest) if other_latest else None})
    unreadable = [{"published": long_date(u.published) if u.published else None, "url": u.url}
                  for u in cat.dataset.unreadable if u.authority == a.ons_code]
    return Page(page, "authority.md.j2", {
        "neighbours": neighbours,
        "unreadable": unreadable,
        "authority": {"name": a.name, "short_name": a.short_name, "type": a.type, "region": a.region,
                      "kind_of_council": KIND_OF_COUNCIL.get(a.type, f"{a.type.lower()} council" if a.type else "council"),
                      "in_region": _in_region(a.region),
                      "ons_code": a.ons_code, "urn": a.urn, "website": a.website},
        "counts": {"documented": len(columns), "cited": len(insps) - len(columns)},
        "latest": latest_ctx,
        "chart": _chart(insps, f"timeline-{slug}", a.short_name),
        "history": history,
        "recurring": recurring,
        "columns": [{"title": long_date(i.start_date), "short": str(i.start_date.year)} for i in columns],
        "links": {"authorities": urls.md_link(page, urls.AUTHORITIES), "frameworks": urls.md_link(page, urls.FRAMEWORKS),
                  "frameworks_html": urls.html_link(page, urls.FRAMEWORKS), "home": urls.md_link(page, urls.HOME),
                  "feed": urls.md_link(page, urls.authority_feed(slug))},
    })


def _theme_tags(page: str, cat: Catalog, slugs: tuple[str, ...]) -> list[dict[str, str]]:
    return [{"name": cat.themes[s].name, "href": urls.html_link(page, urls.theme(s))} for s in slugs]


def _blocks_ctx(cat: Catalog, page: str, insp: Inspection, doc: Document, body: tuple[Block, ...]) -> list[dict[str, Any]]:
    """A document's headings and paragraphs as the report text macro shows them."""
    ref = doc.ref(insp.authority.slug)
    blocks: list[dict[str, Any]] = []
    tag_html: dict[str, str] = {}  # theme slug → its link from this page, made once per page
    for b in body:
        if b.is_heading:
            blocks.append({"heading": b.text, "level": b.heading_level})
            continue
        for s in b.themes:
            if s not in tag_html:
                tag_html[s] = f'<a href="{html_text(urls.html_link(page, urls.theme(s)))}">{html_text(cat.themes[s].name)}</a>'
        html = report_html(b.text)  # safe HTML, made once
        blocks.append({
            "heading": None, "anchor": Catalog.page_anchor(insp, doc, b.anchor), "html": html,
            "paragraph": paragraph_inside(html),  # the paragraph's inside, when it is one paragraph
            "mark": str(b.number) if b.number else "¶", "label": f"paragraph {b.number}" if b.number else "this paragraph",
            "tags": " ".join(tag_html[s] for s in b.themes),
            "notes": [n.text for n in cat.notes(ref, b.anchor)],
        })
    return blocks


def _part_label(part: TextPart) -> str:
    """"Part 2 of 3: paragraphs 96 to 190", or "The whole text" for a text in one part."""
    name = f"Part {part.index} of {part.count}" if part.count > 1 else "The whole text"
    span = part.paragraph_range
    if span is None:
        return name
    first, last = span
    return f"{name}: paragraph {first}" if first == last else f"{name}: paragraphs {first} to {last}"


def _part_headings(part: TextPart, most: int = 4) -> str:
    """The part's first few top-level headings, "A; B; C; and 5 more headings"."""
    hs = part.headings
    shown = "; ".join(hs[:most])
    rest = len(hs) - most
    return shown + (f"; and {rest} more heading{'s' if rest != 1 else ''}" if rest > 0 else "")


def _parts_ctx(cat: Catalog, page: str, insp: Inspection, doc: Document, current: TextPart | None = None) -> list[dict[str, Any]]:
    """The list of the parts of a document's long text, with links from `page`. On the
    inspection page (no `current` part) each link lists its paragraphs' ids for assets/parts.js."""
    out = []
    for part in cat.text_parts(insp):
        if part.document is not doc:
            continue
        target = urls.inspection_part(insp.authority.slug, insp.id, part.number)
        out.append({"label": _part_label(part), "href": urls.html_link(page, target), "current": part is current,
                    "headings": _part_headings(part),
                    "anchors": "" if current else " ".join(Catalog.page_anchor(insp, doc, a) for a in part.anchors)})
    return out


def source_ctx(doc: Document, authority: Authority) -> dict[str, Any] | None:
    """Where the original is: Ofsted's own file where the record has its address; else, for
    Ofsted's documents, the council's page on Ofsted's reports site, said to be just that."""
    what = "letter" if doc.kind == "ofsted-letter" else "report" if doc.kind == "ofsted-report" else "paper"
    published = long_date(doc.published) if doc.published else None
    if doc.source_url:
        label = (f"the {what} on Ofsted's website (PDF)" if doc.kind != "council-response"
                 else "the paper on the council's website")
        return {"published": published, "href": doc.source_url, "label": label, "note": None}
    if doc.kind != "council-response" and authority.urn:
        return {"published": published, "href": urls.ofsted_provider_page(authority.urn),
                "label": f"Ofsted's page for {authority.short_name}",
                "note": f"which lists its reports and letters: this site has no link to this {what} itself"}
    return {"published": published, "href": None, "label": None, "note": None} if published else None


def _document_ctx(cat: Catalog, page: str, insp: Inspection, doc: Document) -> dict[str, Any]:
    ref = doc.ref(insp.authority.slug)
    parts = _parts_ctx(cat, page, insp, doc)
    blocks = [] if parts else _blocks_ctx(cat, page, insp, doc, doc.body)
    findings: dict[str, list[dict[str, Any]]] = {k: [] for k in KIND_LABELS if k != "paragraph"}
    traces = {id(t.finding): t for t in traces_for(cat, insp) if t.document is doc}
    for f in doc.findings:
        block = doc.block(f.paragraph) if f.paragraph else None
        trace = traces.get(id(f))
        findings[f.kind].append({
            "anchor": Catalog.finding_anchor(insp, doc, f),
            "later": [_followup_ctx(page, cat, fu) for fu in trace.followups] if trace else [],
            "text": f.text, "timescale": TIMESCALE_LABELS.get(f.timescale or "", ""),
            "themes": _theme_tags(page, cat, f.themes),
            "paragraph": ({"label": f"paragraph {block.number}" if block and block.number else "in the text",
                           "href": urls.html_link(page, *cat.locate(insp, doc, f.paragraph))} if f.paragraph else None),
        })
    improvements_by_timescale = []
    for key, label in TIMESCALE_LABELS.items():
        items = [x for x, f in zip(findings["improvement"], [f for f in doc.findings if f.kind == "improvement"]) if f.timescale == key]
        if items:
            improvements_by_timescale.append({"label": label, "entries": items})
    return {
        "ref": ref, "kind": doc.kind, "kind_label": DOC_KIND_LABELS[doc.kind], "title": doc.title,
        "from_label": DOC_SECTION_LABELS[doc.kind][0], "text_label": DOC_SECTION_LABELS[doc.kind][1],
        "published": long_date(doc.published) if doc.published else None,
        "document_date": long_date(doc.document_date) if doc.document_date else None,
        "inspector": doc.inspector, "legal_basis": doc.legal_basis, "reviewed": doc.reviewed,
        "source_url": doc.source_url, "source": source_ctx(doc, insp.authority),
        "notes": [n.text for n in cat.notes(ref, None)],
        "improvements": improvements_by_timescale,
        "priority_actions": findings["priority-action"], "strengths": findings["strength"],
        "development_areas": findings["development-area"],
        "blocks": blocks, "parts": parts, "paragraph_count": sum(1 for b in doc.body if b.number),
    }


def _followup_ctx(page: str, cat: Catalog, fu: Followup) -> dict[str, Any]:
    """One later inspection's verdict on a finding, as a short linked phrase."""
    where = ""
    if fu.status != "not-mentioned":
        where = f"paragraph {fu.number}" if fu.number is not None else ("what needs to improve" if fu.status == "raised-again" and not fu.anchor else "in the text")
    return {
        "when": f"{_month_year(fu.inspection)} {_short_kind(fu.inspection)}",
        "status": fu.status, "label": STATUS_LABELS[fu.status],
        "where": where,
        "href": (urls.html_link(page, *cat.locate(fu.inspection, fu.document, fu.anchor)) if fu.document
                 else urls.html_link(page, urls.inspection(fu.inspection.authority.slug, fu.inspection.id))),
        "theme": cat.themes[fu.theme].name if fu.theme else "",
    }


def _short_kind(insp: Inspection) -> str:
    return {"focused-visit": "focused visit", "monitoring-visit": "monitoring visit", "jtai": "joint inspection",
            "cra-unannounced": "unannounced inspection"}.get(insp.framework.key, "inspection")


def inspection_page(cat: Catalog, insp: Inspection) -> Page:
    slug = insp.authority.slug
    page = urls.inspection(slug, insp.id)
    prev, nxt = cat.neighbours(insp)
    docs = [_document_ctx(cat, page, insp, d) for d in insp.documents]
    cited_here = []
    for other in cat.inspections[slug]:
        if other.is_cited and other.cited is not None:
            for c in other.cited.cited_by:
                by_insp, by_doc = cat.by_ref(c.document)
                if by_insp is insp:
                    cited_here.append({"title": other.cited.title, "dates": date_range(other.start_date, other.end_date),
                                       "link": urls.md_link(page, urls.authority(slug), urls.cited_anchor(other.id)),
                                       "paragraph_link": urls.md_link(page, *cat.locate(insp, by_doc, c.paragraph))})
    return Page(page, "inspection.md.j2", {
        "title": inspection_title(insp),
        "authority": {"name": insp.authority.name, "short_name": insp.authority.short_name,
                      "link": urls.md_link(page, urls.authority(slug))},
        "framework": {"name": insp.framework.name, "key": insp.framework.key, "graded": insp.framework.graded,
                      "link": urls.md_link(page, urls.FRAMEWORKS, f"framework-{insp.framework.key}")},
        "dates": date_range(insp.start_date, insp.end_date),
        "judgements": _judgement_rows(insp.judgements, [a.key for a in insp.framework.areas]),
        "secondary_only": insp.secondary_only,
        "documents": docs,
        "cited_here": cited_here,
        "parts_script": urls.file_link(page, urls.PARTS_SCRIPT) if cat.text_parts(insp) else "",
        "previous": {"title": inspection_title(prev), "link": urls.md_link(page, urls.inspection(slug, prev.id))} if prev else None,
        "next": {"title": inspection_title(nxt), "link": urls.md_link(page, urls.inspection(slug, nxt.id))} if nxt else None,
        "links": {"home": urls.md_link(page, urls.HOME), "authorities": urls.md_link(page, urls.AUTHORITIES)},
        "ogl": OGL,
    })


def text_part_page(cat: Catalog, insp: Inspection, part: TextPart) -> Page:
    """One part of a long document's text, on a page of its own."""
    slug = insp.authority.slug
    page = urls.inspection_part(slug, insp.id, part.number)
    doc = part.document
    siblings = [p for p in cat.text_parts(insp) if p.document is doc]
    k = siblings.index(part)

    def nearby(other: TextPart) -> dict[str, str]:
        return {"label": _part_label(other), "link": urls.html_link(page, urls.inspection_part(slug, insp.id, other.number))}

    several = len(insp.documents) > 1
    label = DOC_SECTION_LABELS[doc.kind][1]  # "Full text of Ofsted's report"
    what = label[:1].lower() + label[1:] if several else "full text"
    return Page(page, "text_part.md.j2", {
        "title": inspection_title(insp),
        "heading": f"{what}" + (f", part {part.index} of {part.count}" if part.count > 1 else ""),
        "crumb": f"Part {part.index}" if part.count > 1 else what[0].upper() + what[1:],
        "label": _part_label(part),
        "authority": {"name": insp.authority.name, "short_name": insp.authority.short_name,
                      "link": urls.md_link(page, urls.authority(slug))},
        "inspection": {"link": urls.md_link(page, urls.inspection(slug, insp.id)),
                       "dates": date_range(insp.start_date, insp.end_date)},
        "document": {"title": doc.title, "kind": doc.kind, "text_label": DOC_SECTION_LABELS[doc.kind][1],
                     "reviewed": doc.reviewed, "source_url": doc.source_url, "several": several,
                     "numbered": any(b.number for b in part.blocks)},
        "parts": _parts_ctx(cat, page, insp, doc, current=part) if part.count > 1 else [],
        "blocks": _blocks_ctx(cat, page, insp, doc, part.blocks),
        "previous": nearby(siblings[k - 1]) if k > 0 else None,
        "next": nearby(siblings[k + 1]) if k + 1 < len(siblings) else None,
        "links": {"authorities": urls.md_link(page, urls.AUTHORITIES)},
        "ogl": OGL,
    })


def _theme_groups(cat: Catalog, page: str, theme_slug: str, authorities: tuple[Authority, ...] | list[Authority]) -> list[dict[str, Any]]:
    """What the councils' reports said on a theme, council by council, newest inspection first."""
    groups = []
    by_authority = cat.mentions_by_authority()
    for a in authorities:
        mine = by_authority.get(a.slug, {}).get(theme_slug, [])
        if not mine:
            continue
        insp_groups = []
        for insp in sorted({m.inspection.id: m.inspection for m in mine}.values(), key=lambda i: i.start_date.as_date(), reverse=True):
            items, paragraphs = [], []
            for m in (x for x in mine if x.inspection.id == insp.id):
                if m.kind == "paragraph":
                    if m.anchor:
                        paragraphs.append(m)
                    continue
                items.append({
                    "kind": KIND_LABELS[m.kind] + (f" ({TIMESCALE_LABELS[m.timescale].lower()})" if m.timescale else ""),
                    "text": m.text, "where": _paragraph_label(m) or "in the text",
                    "href": _link_to_mention(cat, page, m, html=True) if m.anchor else "",
                    "secondary": m.document.kind == "council-response",
                })
            insp_groups.append({"title": inspection_title(insp), "year": insp.start_date.year,
                                "href": urls.html_link(page, urls.inspection(a.slug, insp.id)), "entries": items,
                                # A count and the first paragraph: every paragraph is one search away
                                # (the search page's theme filter), and a national theme page stays small.
                                "paragraphs": {"count": len(paragraphs),
                                               "first_number": paragraphs[0].number,
                                               "first_href": _link_to_mention(cat, page, paragraphs[0], html=True)} if paragraphs else None})
        groups.append({"name": a.short_name, "id": a.slug, "href": urls.html_link(page, urls.authority(a.slug)),
                       "inspections": insp_groups})
    return groups


# Estimated bytes of HTML of a theme page (see theme_regions): each finding's text and markup,
# each inspection's heading and paragraph line, each council's heading, and the rest (the
# theme's chrome, summary, chart and tables). Fitted on the national build's 23 theme pages:
# over their true size by 2–8 %.
THEME_ENTRY, THEME_INSPECTION, THEME_COUNCIL = 150, 250, 200
THEME_PAGE_REST = 25_000


def theme_regions(cat: Catalog, theme_slug: str) -> dict[str, tuple[Authority, ...]]:
    """Region → its councils with something on the theme, when the theme's page would pass
    parts.PAGE_LIMIT listing every council: the list then goes on one page per region. {} when
    the theme's page lists every council itself. Estimated from the mentions, before any page."""
    cache: dict[tuple[str, int], dict[str, tuple[Authority, ...]]] = cat.__dict__.setdefault("_theme_regions", {})
    key = (theme_slug, parts.PAGE_LIMIT)
    if key not in cache:
        cache[key] = _theme_regions(cat, theme_slug)
    return cache[key]


def _theme_regions(cat: Catalog, theme_slug: str) -> dict[str, tuple[Authority, ...]]:
    by_authority = cat.mentions_by_authority()
    size, regions = THEME_PAGE_REST, {}
    for a in cat.authorities:
        mine = by_authority.get(a.slug, {}).get(theme_slug, [])
        if not mine:
            continue
        regions.setdefault(a.region, []).append(a)
        size += THEME_COUNCIL + THEME_INSPECTION * len({m.inspection.id for m in mine})
        size += sum(THEME_ENTRY + len(m.text) for m in mine if m.kind != "paragraph")
    if size <= parts.PAGE_LIMIT:
        return {}
    return {r: tuple(v) for r, v in sorted(regions.items(), key=lambda kv: (kv[0] == "", kv[0]))}


def _region_name(region: str) -> str:
    return region or "Region not recorded"


def _in_region(region: str) -> str:
    """"in the North West", "in London", "in Yorkshire and the Humber"; "" when not recorded."""
    if not region:
        return ""
    if region in ("London", "Yorkshire and the Humber") or region.startswith("the "):
        return f"in {region}"
    return f"in the {region}"


def theme_page(cat: Catalog, theme_slug: str) -> Page:
    t = cat.themes[theme_slug]
    page = urls.theme(theme_slug)
    ms = cat.mentions[theme_slug]
    split = theme_regions(cat, theme_slug)
    groups = [] if split else _theme_groups(cat, page, theme_slug, cat.authorities)
    regions = []
    for region, members in split.items():
        mine = [m for a in members for m in cat.authority_mentions(a.slug).get(theme_slug, [])]
        regions.append({"name": _region_name(region), "href": urls.md_link(page, urls.theme_region(theme_slug, region)),
                        "councils": len(members), "findings": sum(1 for m in mine if m.kind != "paragraph"),
                        "inspections": len({(m.inspection.authority.slug, m.inspection.id) for m in mine})})
    kinds = Counter(m.kind for m in ms)
    recurs = []
    for a in cat.authorities:
        raised = [i for i in cat.documented(a.slug)
                  if any(theme_slug in f.themes and f.kind in TO_IMPROVE for d in i.documents for f in d.findings)]
        if len(raised) >= 2:
            recurs.append({"name": a.short_name, "link": urls.md_link(page, urls.authority(a.slug)), "count": len(raised),
                           "years": ", ".join(str(i.start_date.year) for i in raised)})
    recurs.sort(key=lambda r: (-r["count"], r["name"]))
    by_year: Counter[int] = Counter()
    by_framework: Counter[str] = Counter()
    for a in cat.authorities:
        for i in cat.documented(a.slug):
            if any(theme_slug in f.themes and f.kind in TO_IMPROVE for d in i.documents for f in d.findings):
                by_year[i.start_date.year] += 1
                by_framework[i.framework.name] += 1
    years = list(range(min(by_year), max(by_year) + 1)) if by_year else []
    chart = bar_chart_svg([(str(y), by_year[y]) for y in years], f"chart-{theme_slug}",
                          f"Inspections that raised {t.name.lower()} as something to improve, by year",
                          "; ".join(f"{y}: {by_year[y]}" for y in years) or "none") if years else ""
    return Page(page, "theme.md.j2", {
        "recurs": recurs[:30], "recurs_total": len(recurs), "chart": chart,
        "by_year": [{"year": y, "count": by_year[y]} for y in years],
        "by_framework": [{"name": k, "count": v} for k, v in sorted(by_framework.items(), key=lambda kv: (-kv[1], kv[0]))],
        "theme": {"name": t.name, "description": t.description},
        "counts": {"mentions": len(ms), "findings": len(ms) - kinds["paragraph"], "paragraphs": kinds["paragraph"],
                   "authorities": len({m.inspection.authority.slug for m in ms}),
                   "inspections": len({(m.inspection.authority.slug, m.inspection.id) for m in ms})},
        "groups": groups, "regions": regions,
        "links": {"themes": urls.md_link(page, urls.THEMES), "search": urls.md_link(page, urls.SEARCH),
                  "feed": urls.md_link(page, urls.theme_feed(theme_slug))},
    })


def theme_region_page(cat: Catalog, theme_slug: str, region: str) -> Page:
    """One region's councils on a theme whose page is too long to list every council."""
    t = cat.themes[theme_slug]
    page = urls.theme_region(theme_slug, region)
    split = theme_regions(cat, theme_slug)
    groups = _theme_groups(cat, page, theme_slug, split[region])
    mine = [m for a in split[region] for m in cat.authority_mentions(a.slug).get(theme_slug, [])]
    return Page(page, "theme_region.md.j2", {
        "theme": {"name": t.name, "link": urls.md_link(page, urls.theme(theme_slug))},
        "region": _region_name(region), "in_region": _in_region(region) or "whose region is not recorded",
        "counts": {"findings": sum(1 for m in mine if m.kind != "paragraph"),
                   "paragraphs": sum(1 for m in mine if m.kind == "paragraph"), "authorities": len(groups),
                   "inspections": len({(m.inspection.authority.slug, m.inspection.id) for m in mine})},
        "others": [{"name": _region_name(r), "link": urls.md_link(page, urls.theme_region(theme_slug, r)), "current": r == region}
                   for r in split],
        "groups": groups,
        "links": {"themes": urls.md_link(page, urls.THEMES), "search": urls.md_link(page, urls.SEARCH)},
    })


def themes_index(cat: Catalog) -> Page:
    page = urls.THEMES
    rows = []
    for t in sorted(cat.themes.values(), key=lambda t: t.name):
        ms = cat.mentions[t.slug]
        rows.append({"name": t.name, "link": urls.md_link(page, urls.theme(t.slug)), "description": t.description,
                     "findings": sum(1 for m in ms if m.kind != "paragraph"), "paragraphs": sum(1 for m in ms if m.kind == "paragraph"),
                     "authorities": len({m.inspection.authority.slug for m in ms})})
    return Page(page, "themes.md.j2", {"themes": rows})


def _by_year(cat: Catalog) -> dict[int, list[Inspection]]:
    """Every inspection by the year it began, newest year first; in each year by start date,
    then council. Worked out once per catalog (the overview and every year page ask), cached as
    theme_regions is."""
    cached = cat.__dict__.get("_inspections_by_year")
    if cached is not None:
        return cached
    years: dict[int, list[Inspection]] = {}
    for a in cat.authorities:
        for i in cat.inspections[a.slug]:
            years.setdefault(i.start_date.year, []).append(i)
    out = {y: sorted(years[y], key=lambda i: (i.start_date.iso, i.authority.short_name, i.id))
           for y in sorted(years, reverse=True)}
    cat.__dict__["_inspections_by_year"] = out
    return out


def grades_page(cat: Catalog) -> Page:
    """Each council's headline grades in a row, and a link to each year's inspections (a
    table of every inspection on one page grew past 170 KB nationally)."""
    page = urls.GRADES
    rows = []
    for a in cat.authorities:
        sequence = []
        for i in cat.inspections[a.slug]:
            s = _inspection_summary(cat, page, i)
            sequence.append({"grade": s["grade"], "link": s["link"], "cited": i.is_cited,
                             "secondary": i.secondary_only, "when": _month_year(i)})
        rows.append({"name": a.short_name, "link": urls.md_link(page, urls.authority(a.slug)), "sequence": sequence})
    years = [{"year": y, "count": len(found), "link": urls.md_link(page, urls.grades_year(y))}
             for y, found in _by_year(cat).items()]
    return Page(page, "grades.md.j2", {"rows": rows, "years": years,
                                       "links": {"frameworks": urls.md_link(page, urls.FRAMEWORKS)}})


def grades_year_page(cat: Catalog, year: int) -> Page:
    """The inspections that began in one year, in date order, with links to the years beside it."""
    by_year = _by_year(cat)
    ordered = sorted(by_year)
    k = ordered.index(year)
    page = urls.grades_year(year)
    listing = [dict(_inspection_summary(cat, page, i), authority=i.authority.short_name,
                    authority_link=urls.md_link(page, urls.authority(i.authority.slug))) for i in by_year[year]]
    graded = Counter(i.headline.grade_key for i in by_year[year] if i.headline)
    tally = [{"grade": {"key": key, "label": label}, "count": graded[key]}
             for key, label in GRADE_LABELS.items() if graded[key]]
    ungraded = sum(1 for i in by_year[year] if not i.headline)
    near = [("earlier", ordered[k - 1])] if k > 0 else []
    near += [("later", ordered[k + 1])] if k + 1 < len(ordered) else []
    return Page(page, "grades_year.md.j2", {
        "year": year, "listing": listing, "tally": tally, "ungraded": ungraded,
        "near": [{"which": which, "year": y, "link": urls.md_link(page, urls.grades_year(y))} for which, y in near],
        "links": {"grades": urls.md_link(page, urls.GRADES), "frameworks": urls.md_link(page, urls.FRAMEWORKS)}})


def frameworks_page(cat: Catalog) -> Page:
    out = []
    for f in cat.dataset.frameworks:
        out.append({"key": f.key, "name": f.name, "years": f.years, "summary": f.summary, "kind": f.kind,
                    "scale": [{"word": g.words[0] if g.words else g.key, "key": g.key, "rank": g.rank, "meaning": g.meaning,
                               "label": GRADE_LABELS.get(g.key, g.key)} for g in f.scale],
                    "areas": [a.name for a in f.areas]})
    return Page(urls.FRAMEWORKS, "frameworks.md.j2", {"frameworks": out})


def page_groups(cat: Catalog) -> list[list[Callable[[], Page]]]:
    """One function per page that builds its context when called, grouped: the site's own
    pages (with the grades year by year), then each council's pages together (they share the
    work of following findings through that council's later inspections), then each theme's
    page."""
    groups: list[list[Callable[[], Page]]] = [[partial(home_page, cat), partial(authorities_index, cat),
                                               partial(grades_page, cat), partial(frameworks_page, cat),
                                               partial(themes_index, cat)]
                                              + [partial(grades_year_page, cat, y) for y in sorted(_by_year(cat))]]
    for a in cat.authorities:
        groups.append([partial(authority_page, cat, a.slug)]
                      + [make for i in cat.documented(a.slug)
                         for make in [partial(inspection_page, cat, i)]
                         + [partial(text_part_page, cat, i, part) for part in cat.text_parts(i)]])
    groups += [[partial(theme_page, cat, slug)] + [partial(theme_region_page, cat, slug, r) for r in theme_regions(cat, slug)]
               for slug in sorted(cat.themes)]
    return groups
