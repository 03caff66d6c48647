"""The typed results of ingest: what a document's text gives (`Meta`, `BodyDraft`), and the
`Draft` of one file, which `records.record_of` turns into a record (or a `Failure`).

A field ingest did not find is None, never guessed; a person fills it when reviewing."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class JudgementDraft:
    area: str  # as written in the document
    area_key: str  # key from data/frameworks.yaml areas of that framework
    grade: str  # as written, in the framework's own words ("Requires improvement to be good")
    grade_key: str  # the grade's key in the framework's scale (data/frameworks.yaml)
    rank: int  # the grade's rank there


@dataclass(frozen=True)
class Meta:
    """What a document's text says of it (`meta.extract_meta`)."""

    kind: str | None  # ofsted-report | ofsted-letter | council-response
    framework: str | None  # cra-unannounced, slac, cp-2012, sif, ilacs, ilacs-2026, focused-visit, monitoring-visit, jtai
    variant: str | None  # ilacs: "standard" | "short"; else None
    title: str | None
    authority_name: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    published: dt.date | None
    document_date: dt.date | None
    lead_inspector: str | None
    lead_inspector_role: str | None
    legal_basis: str | None
    judgements: tuple[JudgementDraft, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class FindingDraft:
    text: str
    timescale: str | None = None  # improvements only: immediately | within-three-months | within-six-months | none-stated
    paragraph: int | None = None  # the numbered paragraph it stands in, if any
    themes: tuple[str, ...] = ()  # suggested from the themes' keywords (in a Draft)


@dataclass(frozen=True)
class CitedDraft:
    """An earlier inspection a paragraph cites (`citations.cited_in`)."""

    text: str  # the sentences that cite it
    paragraph: str  # "p-N" for numbered paragraph N, "s-K" for the K-th unnumbered text block
    year: int
    month: int | None
    framework: str | None  # None: the text does not tell which (see candidates)
    grades: tuple[tuple[str, str], ...] = ()  # (area as the text names it: a key of vocab.CITED_AREAS, grade key)
    candidates: tuple[str, ...] = ()  # the frameworks its date allows, when framework is None
    doubt: str = ""  # why it should not be shown as fact; "" when nothing is in doubt
    published: bool = False  # the date is when its report was published ("was published in July 2012")
    note: str = ""  # what a reviewer should know (a grade left out)


@dataclass(frozen=True)
class BlockDraft:
    """One block of a body in Markdown: a heading, a numbered paragraph or unnumbered text."""

    text: str
    heading: int = 0  # heading level; 0 for text
    number: int | None = None
    themes: tuple[str, ...] = ()  # suggested from the themes' keywords (text blocks in a Draft)


@dataclass(frozen=True)
class BodyDraft:
    """What a document's body gives (`body.extract_body`)."""

    blocks: tuple[BlockDraft, ...]
    improvements: tuple[FindingDraft, ...] = ()
    priority_actions: tuple[FindingDraft, ...] = ()
    strengths: tuple[FindingDraft, ...] = ()
    development_areas: tuple[FindingDraft, ...] = ()
    cited: tuple[CitedDraft, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Draft:
    """One file ingested: what its text gives, the council it names, and where it came from."""

    source: str  # the file as it was given (a path)
    sha256: str  # the file's content hash ("" until the batch that read it sets it)
    meta: Meta
    # The body as the record has it: headings at the record's levels (2–4), findings and text
    # blocks with the themes suggested for them.
    body: BodyDraft
    authority: str | None  # ONS code of the council the document names, if it is matched
    source_file: str  # the record's source.file: the file's name (`make ingest`: its path under the sources)
    source_url: str | None = None  # Ofsted's address of the file, where a listing gives it

    @property
    def paragraphs(self) -> int:
        """How many numbered paragraphs the body has."""
        return sum(1 for b in self.body.blocks if b.number is not None)

    @property
    def warnings(self) -> tuple[str, ...]:
        """What a person should check: the metadata's and the body's warnings, and a council not matched."""
        unmatched = () if self.authority is not None else (f"authority not matched to an ONS code: {self.meta.authority_name!r}",)
        return self.meta.warnings + self.body.warnings + unmatched


@dataclass(frozen=True)
class Failure:
    """A file that gave no draft, and why (one line for a person)."""

    source: str
    error: str
