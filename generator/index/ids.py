"""Stable ids of inspections and documents, made once so that every table, feed and page agrees."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.index.history import Inspection
from generator.model.records import Authority, Document


def unique(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted-2`, `-3`… if it is taken (two records that would share an id)."""
    out, n = wanted, 1
    while out in taken:
        n += 1
        out = f"{wanted}-{n}"
    taken.add(out)
    return out


@dataclass(frozen=True)
class Ids:
    inspections: Mapping[tuple[str, str], str]  # (council slug, inspection id) → "nottinghamshire/2019-10-07-ilacs"
    documents: Mapping[str, str]  # record file → "nottinghamshire/2019-10-07-ilacs/ofsted-report"
    by_ref: Mapping[str, str]  # Document.ref (as citations and notes name documents) → document id

    def inspection(self, insp: Inspection) -> str:
        return self.inspections[(insp.authority.slug, insp.id)]

    def document(self, doc: Document) -> str:
        return self.documents[doc.file]


def build_ids(authorities: tuple[Authority, ...], inspections: Mapping[str, tuple[Inspection, ...]]) -> Ids:
    insp_ids: dict[tuple[str, str], str] = {}
    doc_ids: dict[str, str] = {}
    by_ref: dict[str, str] = {}
    insp_taken: set[str] = set()
    doc_taken: set[str] = set()
    for a in sorted(authorities, key=lambda x: x.slug):
        for insp in inspections[a.slug]:
            iid = unique(f"{a.slug}/{insp.id}", insp_taken)
            insp_ids[(a.slug, insp.id)] = iid
            for doc in insp.documents:
                did = unique(f"{iid}/{doc.kind}", doc_taken)
                doc_ids[doc.file] = did
                by_ref.setdefault(doc.ref(a.slug), did)
    return Ids(insp_ids, doc_ids, by_ref)
