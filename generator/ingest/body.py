"""The body of an Ofsted report or letter as Markdown blocks, with its findings and the
earlier inspections it cites.

A PDF's pages lose their page debris and front and back matter (`pages`), then their lines
become units and blocks (`units`). A Markdown or plain-text conversion (one page with blank
lines between blocks, like the seed documents) goes through `blocks.blocks_from_text`
instead. Findings (`findings`) and cited inspections (`citations`) are read from the blocks
either way.
"""
from __future__ import annotations

import datetime as dt

from generator.ingest.blocks import Block, blocks_from_text
from generator.ingest.citations import cited_of
from generator.ingest.draft import BlockDraft, BodyDraft, CitedDraft, FindingDraft
from generator.ingest.findings import findings_of
from generator.ingest.grades import Scales
from generator.ingest.pages import BACK_MATTER, LETTER_FRAMEWORKS, body_lines
from generator.ingest.units import blocks_from_units, units_of

__all__ = ["BlockDraft", "BodyDraft", "CitedDraft", "FindingDraft", "extract_body"]


def extract_body(pages: list[str], scales: Scales, framework: str | None = None,
                 start: dt.date | None = None) -> BodyDraft:
    """Body blocks, findings and cited inspections of one report or letter; `scales` give the
    grades that tell a judgement table and that earlier inspections were given; `start`, when
    the document's inspection began (an inspection cited must be earlier)."""
    warnings: list[str] = []
    if _looks_markdown(pages):
        blocks = _markdown_blocks(pages[0], warnings)
    else:
        blocks = _pdf_blocks(pages, framework, scales, warnings)
    f = findings_of(blocks)
    return BodyDraft(
        blocks=tuple(BlockDraft(b.text, b.heading, b.number) for b in blocks),
        improvements=tuple(f["improve"]),
        priority_actions=tuple(f["priority"]),
        strengths=tuple(f["strength"]),
        development_areas=tuple(f["development"]),
        cited=tuple(cited_of(blocks, scales, start)),
        warnings=tuple(warnings),
    )


def _pdf_blocks(pages: list[str], framework: str | None, scales: Scales, warnings: list[str]) -> list[Block]:
    body = body_lines(pages, framework, scales.table)
    blocks = [Block(body.title, heading=2)] if body.title else []
    blocks += blocks_from_units(units_of(list(body.lines), body.width, scales.table), warnings, scales.table)
    blocks.extend(Block(f"{n} {t}") for n, t in body.footnotes if t)
    if body.title or framework in LETTER_FRAMEWORKS:
        blocks = letter_paragraphs(blocks)
    return blocks


# A letter's paragraphs are often set as a list ("◼ Children in need of help and protection are
# increasingly benefiting …"), one paragraph an item; a list of items this long on average is one.
_PARAGRAPH_ITEMS = 150


def letter_paragraphs(blocks: list[Block]) -> list[Block]:
    """A letter's text in its paragraphs: a list whose items are paragraphs (long on average) is
    one block per item (its sub-items with it), and the lead-in before it a block of its own;
    a list of short items ("What needs to improve"), or of fragments that finish the sentence
    before it, stays one block. Letters have no paragraph
    numbers, so each block is s-1, s-2 … in order: the same letter read again gives the same
    blocks, and so the same anchors."""
    out: list[Block] = []
    for b in blocks:
        if b.heading or b.number is not None or "- " not in b.text:
            out.append(b)
            continue
        lead, _, rest = b.text.partition("\n\n") if not b.text.startswith("- ") else ("", "", b.text)
        lines = rest.split("\n")
        if not rest.startswith("- ") or any(not (x.startswith("- ") or x.startswith("  - ")) for x in lines):
            out.append(b)
            continue
        items: list[list[str]] = []
        for x in lines:
            if x.startswith("- ") or not items:
                items.append([x])
            else:
                items[-1].append(x)
        if (len(items) < 2 or sum(len(" ".join(i)) for i in items) / len(items) < _PARAGRAPH_ITEMS
                or any(i[0][2:3].islower() for i in items)):  # fragments that finish a lead-in are not paragraphs
            out.append(b)
            continue
        if lead:
            out.append(Block(lead, notes=list(b.notes)))
        out.extend(Block("\n".join(i)) for i in items)
    return out


def _looks_markdown(pages: list[str]) -> bool:
    return len(pages) == 1 and pages[0].count("\n\n") >= 3


def _markdown_blocks(text: str, warnings: list[str]) -> list[Block]:
    blocks = blocks_from_text(text)
    for b in blocks:
        warnings.extend(f"paragraph {b.number}: {n}" if b.number else n for n in b.notes)
    out: list[Block] = []
    for b in blocks:
        if BACK_MATTER.match(b.text):
            break
        out.append(b)
    return out
