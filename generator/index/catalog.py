"""The index: everything pages need to know across records, built whole and frozen before the
first page is rendered (MkDocs' "first gather all data"). Pages only read it. Pure: a Dataset
and the limits in, a Catalog out."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from generator.config import Limits
from generator.index.followups import Followup, build_followups
from generator.index.history import CitedAt, Inspection, build_history
from generator.index.ids import Ids, build_ids
from generator.index.mentions import Mention, build_mentions
from generator.index.parts import TextPart, split_texts
from generator.index.recurrence import recurring_themes
from generator.index.regions import theme_regions
from generator.index.standing import Standing, build_standings
from generator.model.records import Annotation, Authority, Dataset, Document, Framework, Theme

__all__ = ["Catalog", "CitedAt", "Inspection", "Mention", "Standing", "build_catalog"]


def _frozen(mapping: dict) -> Mapping:
    return MappingProxyType(mapping)


@dataclass(frozen=True)
class Catalog:
    """The site's index. Every field is complete when the catalog is made; mappings are read-only."""

    dataset: Dataset
    limits: Limits
    authorities: tuple[Authority, ...]  # by short name
    frameworks: Mapping[str, Framework]
    themes: Mapping[str, Theme]
    inspections: Mapping[str, tuple[Inspection, ...]]  # council slug → oldest first, cited included
    documented_by: Mapping[str, tuple[Inspection, ...]]  # council slug → inspections with documents here
    mentions: Mapping[str, tuple[Mention, ...]]  # theme slug → mentions
    mentions_by: Mapping[str, Mapping[str, tuple[Mention, ...]]]  # council slug → theme slug → mentions
    annotations: Mapping[tuple[str, str | None], tuple[Annotation, ...]]  # (document ref, anchor) → notes
    refs: Mapping[str, tuple[Inspection, Document]]  # document ref → its inspection and document
    years: Mapping[int, tuple[Inspection, ...]]  # year begun → inspections by date then council; newest year first
    parts: Mapping[tuple[str, str], tuple[TextPart, ...]]  # (council slug, inspection id) → its text's parts
    part_of: Mapping[tuple[str, str], int]  # (record file, anchor) → number of the part page that shows it
    regions: Mapping[str, Mapping[str, tuple[Authority, ...]]]  # theme slug → region → councils, when split
    followups: Mapping[str, tuple[Followup, ...]]  # finding id ("<document ref>#improvement-2") → its follow-ups
    recurring: Mapping[str, Mapping[str, tuple[Inspection, ...]]]  # council slug → theme → inspections raising it
    standings: Mapping[str, Standing]  # council slug → latest graded inspection, the one before, the change
    ids: Ids
    # A reorganised council's predecessors' inspections before it took over, oldest first; and who
    # took over from a council that no longer exists.
    lineage: Mapping[str, tuple[Inspection, ...]]
    successors: Mapping[str, tuple[Authority, ...]]
    cited_in: Mapping[str, tuple[tuple[Inspection, CitedAt], ...]]  # document ref → what it cites

    def documented(self, slug: str) -> tuple[Inspection, ...]:
        return self.documented_by[slug]

    def neighbours(self, insp: Inspection) -> tuple[Inspection | None, Inspection | None]:
        """Previous and next documented inspections of the same authority."""
        seq = self.documented_by[insp.authority.slug]
        k = seq.index(insp)
        return (seq[k - 1] if k > 0 else None, seq[k + 1] if k + 1 < len(seq) else None)

    def latest_graded(self, slug: str) -> Inspection | None:
        """The latest inspection with documents here and judgements (an overall grade or not)."""
        return self.standings[slug].latest

    def authority_mentions(self, slug: str) -> Mapping[str, tuple[Mention, ...]]:
        """Theme slug → mentions in this authority's documents."""
        return self.mentions_by.get(slug, {})

    def notes(self, ref: str, anchor: str | None) -> tuple[Annotation, ...]:
        return self.annotations.get((ref, anchor), ())

    def by_ref(self, ref: str) -> tuple[Inspection, Document]:
        """The inspection and document a ref ("<slug>/<inspection-id>/<kind>") names."""
        return self.refs[ref]

    def text_parts(self, insp: Inspection) -> tuple[TextPart, ...]:
        """The parts of a long inspection page's texts, each on a page of its own; () when the
        texts stay on the inspection page."""
        return self.parts.get((insp.authority.slug, insp.id), ())

    def part_holding(self, doc: Document, anchor: str) -> int | None:
        """The number of the part page that shows a document's paragraph, None when the
        paragraph is on its inspection's page."""
        return self.part_of.get((doc.file, anchor)) if anchor else None

    def theme_regions(self, theme_slug: str) -> Mapping[str, tuple[Authority, ...]]:
        """Region → councils on a theme whose page is split by region; {} when it is not."""
        return self.regions.get(theme_slug, {})

    def followups_of(self, finding_id: str) -> tuple[Followup, ...]:
        """What later documents say of a finding ("<document ref>#improvement-2"), oldest first."""
        return self.followups.get(finding_id, ())

    def recurring_themes(self, slug: str) -> Mapping[str, tuple[Inspection, ...]]:
        return self.recurring.get(slug, {})

    def timeline(self, slug: str) -> tuple[Inspection, ...]:
        """A council's inspections with its predecessors' before it took over, oldest first."""
        own = self.inspections[slug]
        return tuple(sorted(self.lineage.get(slug, ()) + own, key=lambda i: (i.start_date.as_date(), i.is_cited, i.id)))

    def cites(self, ref: str) -> tuple[tuple[Inspection, CitedAt], ...]:
        """The earlier inspections a document cites, each with the paragraph that cites it."""
        return self.cited_in.get(ref, ())


def _years(authorities: tuple[Authority, ...], inspections: Mapping[str, tuple[Inspection, ...]]
           ) -> dict[int, tuple[Inspection, ...]]:
    """Every inspection by the year it began, newest year first; in each year by start date, then council."""
    years: dict[int, list[Inspection]] = {}
    for a in authorities:
        for i in inspections[a.slug]:
            years.setdefault(i.start_date.year, []).append(i)
    return {y: tuple(sorted(years[y], key=lambda i: (i.start_date.iso, i.authority.short_name, i.id)))
            for y in sorted(years, reverse=True)}


def build_catalog(ds: Dataset, limits: Limits | None = None) -> Catalog:
    limits = limits or Limits()
    frameworks = {f.key: f for f in ds.frameworks}
    authorities = tuple(sorted(ds.authorities, key=lambda a: a.short_name))
    inspections = build_history(ds, frameworks)
    documented = {slug: tuple(i for i in v if not i.is_cited) for slug, v in inspections.items()}
    mentions, mentions_by = build_mentions(inspections, [t.slug for t in ds.themes])
    annotations: dict[tuple[str, str | None], list[Annotation]] = {}
    for note in ds.annotations:
        annotations.setdefault((note.document, note.paragraph), []).append(note)
    refs = {d.ref(i.authority.slug): (i, d) for insps in inspections.values() for i in insps for d in i.documents}
    parts: dict[tuple[str, str], tuple[TextPart, ...]] = {}
    part_of: dict[tuple[str, str], int] = {}
    for slug, seq in documented.items():
        for k, insp in enumerate(seq):
            split = split_texts(insp.documents, limits, later=len(seq) - 1 - k)
            if split:
                parts[(slug, insp.id)] = split
                for part in split:
                    for anchor in part.anchors:
                        part_of[(part.document.file, anchor)] = part.number
    by_code = {a.ons_code: a for a in ds.authorities}
    lineage: dict[str, tuple[Inspection, ...]] = {}
    successors: dict[str, list[Authority]] = {}
    for a in authorities:
        if a.formed is None:
            continue
        before = []
        for code in a.formed.predecessors:
            old = by_code[code]
            successors.setdefault(old.slug, []).append(a)
            before += [i for i in inspections[old.slug] if i.start_date.as_date() < a.formed.date.as_date()]
        lineage[a.slug] = tuple(sorted(before, key=lambda i: (i.start_date.as_date(), i.is_cited, i.id)))
    cited_in: dict[str, list[tuple[Inspection, CitedAt]]] = {}
    for insps in inspections.values():
        for i in insps:
            for c in i.cited_at:
                cited_in.setdefault(c.document, []).append((i, c))
    regions = {t.slug: _frozen(r) for t in ds.themes
               if (r := theme_regions(authorities, mentions_by, t.slug, limits.page_bytes))}
    return Catalog(
        dataset=ds, limits=limits, authorities=authorities, frameworks=_frozen(frameworks),
        themes=_frozen({t.slug: t for t in ds.themes}), inspections=_frozen(inspections),
        documented_by=_frozen(documented), mentions=_frozen(mentions),
        mentions_by=_frozen({a: _frozen(t) for a, t in mentions_by.items()}),
        annotations=_frozen({k: tuple(v) for k, v in annotations.items()}), refs=_frozen(refs),
        years=_frozen(_years(authorities, inspections)), parts=_frozen(parts), part_of=_frozen(part_of),
        regions=_frozen(regions), followups=_frozen(build_followups(ds.followups, refs)),
        recurring=_frozen({slug: _frozen(recurring_themes(seq)) for slug, seq in documented.items()}),
        standings=_frozen(build_standings(authorities, inspections, documented)),
        ids=build_ids(authorities, inspections), lineage=_frozen(lineage),
        successors=_frozen({k: tuple(sorted(v, key=lambda a: a.short_name)) for k, v in successors.items()}),
        cited_in=_frozen({k: tuple(sorted(v, key=lambda x: (x[0].start_date.as_date(), x[1].paragraph)))
                          for k, v in cited_in.items()}))
