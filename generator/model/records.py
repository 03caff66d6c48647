"""Typed, immutable records: what the validator produces and everything after it reads."""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.model.dates import PartialDate


@dataclass(frozen=True)
class Grade:
    key: str
    rank: int
    words: tuple[str, ...]
    meaning: str


@dataclass(frozen=True)
class Area:
    key: str
    name: str
    short: str = ""  # a short name for lists ("Leaders"); the name when not given
    cited_as: tuple[str, ...] = ()  # the vocab.CITED_AREAS a later document's words for it are

    @property
    def short_name(self) -> str:
        return self.short or self.name


@dataclass(frozen=True)
class Framework:
    key: str
    name: str
    years: str
    kind: str  # report | letter
    summary: str
    scale: tuple[Grade, ...]
    areas: tuple[Area, ...]
    headline: str | None  # the area whose grade is the overall grade; None when there is none (2026)

    @property
    def graded(self) -> bool:
        return bool(self.scale)

    def grade(self, key: str) -> Grade | None:
        return next((g for g in self.scale if g.key == key), None)

    def area(self, key: str) -> Area | None:
        return next((a for a in self.areas if a.key == key), None)

    def areas_cited_as(self, cited: str) -> tuple[Area, ...]:
        """The areas a later document's name for an area (a key of vocab.CITED_AREAS) stands
        for in this framework: "children in care and care leavers" are two areas of the
        single inspection framework, one of ILACS before 2023."""
        return tuple(a for a in self.areas if cited in a.cited_as)


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str
    description: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Formed:
    """How a council came to be: the day it took over children's services and the councils it
    took them over from (data/authorities.yaml `formed`)."""

    date: PartialDate
    predecessors: tuple[str, ...]  # ONS codes
    note: str = ""  # what else changed hands, in a sentence


@dataclass(frozen=True)
class Authority:
    ons_code: str
    slug: str
    name: str
    short_name: str
    type: str
    region: str
    urn: str | None
    website: str | None
    neighbours: tuple[str, ...] = ()  # ONS codes of statistical neighbours, most similar first
    formed: Formed | None = None  # a council made by a reorganisation


@dataclass(frozen=True)
class Judgement:
    area: str  # as written
    area_key: str
    grade: str  # as written
    grade_key: str
    rank: int


@dataclass(frozen=True)
class Finding:
    """An area for improvement, priority action, strength or area for development."""

    kind: str  # improvement | priority-action | strength | development-area
    text: str
    themes: tuple[str, ...]
    timescale: str | None = None  # improvements only
    paragraph: str | None = None  # anchor id of the paragraph it stands in, e.g. "p-3"


@dataclass(frozen=True)
class Block:
    """One entry of a document's body: a heading or a paragraph of text."""

    anchor: str  # "p-3" for numbered paragraph 3, "s-2" for the 2nd unnumbered text, "" for headings
    text: str
    themes: tuple[str, ...] = ()
    number: int | None = None
    heading_level: int = 0

    @property
    def is_heading(self) -> bool:
        return self.heading_level > 0


@dataclass(frozen=True)
class Document:
    """One source document: an Ofsted report or letter, or a council's response."""

    file: str
    authority: str  # ONS code
    framework: str
    kind: str  # ofsted-report | ofsted-letter | council-response
    title: str
    start_date: PartialDate
    end_date: PartialDate
    published: PartialDate | None
    document_date: PartialDate | None
    inspector: str | None
    legal_basis: str | None
    source_file: str | None
    source_url: str | None
    reviewed: bool
    judgements: tuple[Judgement, ...]
    findings: tuple[Finding, ...]
    body: tuple[Block, ...]

    @property
    def inspection_id(self) -> str:
        return f"{self.start_date.iso}-{self.framework}"

    def ref(self, authority_slug: str) -> str:
        return f"{authority_slug}/{self.inspection_id}/{self.kind}"

    def block(self, anchor: str) -> Block | None:
        return next((b for b in self.body if b.anchor == anchor), None)


@dataclass(frozen=True)
class Citation:
    document: str  # "<authority-slug>/<inspection-id>/<kind>"
    paragraph: str  # anchor id


@dataclass(frozen=True)
class CitedInspection:
    """An inspection known only through the documents that mention it."""

    file: str
    authority: str
    framework: str
    start_date: PartialDate
    end_date: PartialDate | None
    title: str
    summary: str
    judgements: tuple[Judgement, ...]
    cited_by: tuple[Citation, ...]

    @property
    def inspection_id(self) -> str:
        return f"{self.start_date.iso}-{self.framework}"


@dataclass(frozen=True)
class CitationReading:
    """The machine's reading of one paragraph that cites an earlier inspection (data/citations/):
    the date, framework and grades the paragraph gives it."""

    file: str
    document: str  # the citing document's ref
    paragraph: str  # anchor id
    date: PartialDate  # as the text gives it: the year, or the month
    framework: str | None  # None: the text does not say which (see candidates)
    candidates: tuple[str, ...]  # the frameworks its date allows, when framework is None
    grades: tuple[tuple[str, str], ...]  # (area as the text names it: a key of vocab.CITED_AREAS, grade key)
    text: str  # the sentences that cite it
    doubt: str = ""  # why it is not shown as fact; "" when it is
    published: bool = False  # the date is when its report was published ("was published in July 2012")


@dataclass(frozen=True)
class Annotation:
    file: str
    document: str
    paragraph: str | None  # anchor id, None for the whole document
    text: str


@dataclass(frozen=True)
class FollowupRecord:
    """What a later document says of an earlier finding: the machine's possibly related passages
    (data/followups/), or an editor's verdict (an entry of data/annotations/, `reviewed`)."""

    file: str
    finding: str  # "<document ref>#<finding anchor>", e.g. "nottingham/2014-03-11-sif/ofsted-report#improvement-2"
    later: str  # the later document's ref
    verdict: str | None  # a key of vocab.FOLLOWUP_LABELS; None when no verdict is given
    related: tuple[tuple[str, float], ...] = ()  # machine: (anchor in the later document, similarity), best first
    reviewed: bool = False  # an editor's verdict
    paragraphs: tuple[str, ...] = ()  # editor: the evidence, anchors in the later document
    note: str = ""  # editor: why, in plain English (Markdown)


@dataclass(frozen=True)
class Unreadable:
    """A document Ofsted published whose file could not be read here (data/unreadable.yaml)."""

    file: str  # the source file, as the sources folder names it (never shown on the site)
    authority: str  # ONS code
    published: PartialDate | None
    url: str | None  # Ofsted's own address of the document
    reason: str


@dataclass(frozen=True)
class Dataset:
    """Everything read and validated: the input of indexing and rendering."""

    authorities: tuple[Authority, ...]
    frameworks: tuple[Framework, ...]
    themes: tuple[Theme, ...]
    documents: tuple[Document, ...]
    cited: tuple[CitedInspection, ...]
    annotations: tuple[Annotation, ...] = field(default=())
    unreadable: tuple[Unreadable, ...] = field(default=())
    followups: tuple[FollowupRecord, ...] = field(default=())
    citations: tuple[CitationReading, ...] = field(default=())  # the machine's readings (data/citations/)
    checked: tuple[Citation, ...] = field(default=())  # paragraphs a person has read for citations (data/cited/)
