"""One source file → one Draft (or a Failure): its metadata, its body with findings and cited
inspections, the council it names matched to an ONS code, themes suggested."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from generator.ingest.authorities import AuthorityIndex
from generator.ingest.body import extract_body
from generator.ingest.draft import BlockDraft, BodyDraft, Draft, Failure, FindingDraft
from generator.ingest.grades import Scales
from generator.ingest.meta import extract_meta
from generator.ingest.pdftext import IngestError, pdf_pages
from generator.ingest.tagging import suggest

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
INGEST_SUFFIXES = (".pdf",) + TEXT_SUFFIXES


@dataclass(frozen=True)
class Context:
    """What ingest needs besides the file: the authority index, theme keywords and the grade
    scales of the frameworks (data/frameworks.yaml, validated)."""

    authorities: AuthorityIndex
    keywords: tuple[tuple[str, tuple[str, ...]], ...]
    scales: Scales


def read_pages(path: Path) -> list[str]:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return pdf_pages(path)
    if suffix in TEXT_SUFFIXES:
        raw = path.read_bytes()
        if not raw.strip():
            raise IngestError("the file is empty")
        try:
            return [raw.decode("utf-8-sig")]
        except UnicodeDecodeError as exc:
            raise IngestError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from None
    raise IngestError(f"expected a PDF, Markdown or text file, got {suffix or 'a file with no extension'}")


def ingest_file(path: Path, ctx: Context) -> Draft | Failure:
    """Ingest one file; never raises for a bad input (a Failure says why)."""
    source = str(path)
    try:
        pages = read_pages(path)
    except (IngestError, OSError) as exc:
        return Failure(source, str(exc))
    meta = extract_meta(pages, ctx.scales)
    body = extract_body(pages, ctx.scales, meta.framework, meta.start_date)
    authority = ctx.authorities.match(meta.authority_name)
    # A Markdown conversion's headings (# = 1) move down one level: the page title is the only
    # level 1. A PDF's body has the record's levels already.
    shift = 1 if path.suffix.lower() in TEXT_SUFFIXES else 0
    return Draft(source=source, sha256="", meta=meta, body=_themed(body, ctx.keywords, shift),
                 authority=authority.ons_code if authority else None, source_file=path.name)


def _themed(body: BodyDraft, keywords: tuple[tuple[str, tuple[str, ...]], ...], heading_shift: int) -> BodyDraft:
    """The body with the record's heading levels (2 to 4), and themes suggested for its
    findings and text blocks (a table gets none)."""
    def block(b: BlockDraft) -> BlockDraft:
        if not b.text.strip():
            return b  # an empty block: no entry in the record
        if b.heading:
            return replace(b, heading=max(2, min(b.heading + heading_shift, 4)))
        return replace(b, themes=tuple(suggest(b.text, keywords)) if not b.text.startswith("|") else ())

    def findings(fs: tuple[FindingDraft, ...]) -> tuple[FindingDraft, ...]:
        return tuple(replace(f, themes=tuple(suggest(f.text, keywords))) for f in fs)

    return replace(body, blocks=tuple(block(b) for b in body.blocks), improvements=findings(body.improvements),
                   priority_actions=findings(body.priority_actions), strengths=findings(body.strengths),
                   development_areas=findings(body.development_areas))
