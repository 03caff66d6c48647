"""Where on the site a document's paragraph is shown, given the index's parts of long texts."""
from __future__ import annotations

from generator.index.catalog import Catalog, Inspection
from generator.model.records import Document
from generator.render import urls


def locate(cat: Catalog, insp: Inspection, doc: Document, anchor: str) -> tuple[str, str]:
    """The page (Markdown path) that shows a document's paragraph, and the paragraph's id there:
    the inspection's page, or the page of the part of a long text that holds it. An empty anchor
    (a finding placed in no paragraph) is the inspection's page itself."""
    page = urls.inspection_or_part(insp.authority.slug, insp.id, cat.part_holding(doc, anchor))
    return page, urls.page_anchor(doc is insp.primary, doc.kind, anchor)
