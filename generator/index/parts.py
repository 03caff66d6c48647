"""A long report's text in parts, each on a page of its own, so that no page of the site grows
past `Limits.page_bytes` of HTML however long the report (the 2014–15 single inspection framework
reports, with their review of the safeguarding children board, run to 140 KB of text alone).

Pure and made from the records only: sizes are estimated, so every page can link to the part
that holds a paragraph before any page is made."""
from __future__ import annotations

import math
from dataclasses import dataclass

from generator.config import Limits
from generator.model.records import Block, Document, Finding
from generator.model.vocab import TO_IMPROVE

CHROME = 20_000  # the theme's header, tabs and footer (about 15 KB), with room for the page's own header
FINDING = 150  # a finding's markup and its link to its paragraph
LATER = 140  # what one later inspection made of an area to improve: a link, "July 2022 inspection: …"
BLOCK = 120  # a paragraph's markup: its wrapper, number link and aria-label
THEME_TAG = 100  # one theme link under a paragraph
HEADING = 250  # a report heading's id and its entry in the page's contents (which repeats its words)


def block_size(b: Block) -> int:
    """Estimated bytes of HTML the site writes for one block. Calibrated on the national build:
    over the true size by up to 4 %, under it by at most 1 %."""
    escaped = len(b.text) + 5 * b.text.count("'") + 4 * (b.text.count('"') + b.text.count("&"))
    if b.is_heading:  # a heading of the page: its words in the heading, its id and the contents
        return escaped * 3 + BLOCK + HEADING
    return escaped + BLOCK + THEME_TAG * len(b.themes)


def finding_size(f: Finding, later: int) -> int:
    """Estimated bytes of HTML for a finding in the lists of what needs to improve, strengths …,
    `later` the number of later inspections whose verdict on an area to improve it lists."""
    follow = LATER * later if f.kind in TO_IMPROVE else 0
    return len(f.text) + FINDING + THEME_TAG * len(f.themes) + follow


def text_size(doc: Document) -> int:
    return sum(block_size(b) for b in doc.body)


def page_size(documents: tuple[Document, ...], later: int = 0) -> int:
    """Estimated bytes of an inspection page with every document's text on it, `later` the
    number of the council's later inspections."""
    findings = sum(finding_size(f, later) for d in documents for f in d.findings)
    return CHROME + findings + sum(text_size(d) for d in documents)


@dataclass(frozen=True)
class TextPart:
    """A run of one document's blocks shown on a page of their own."""

    number: int  # 1, 2, … across the inspection's documents, in page order: the page's address
    document: Document
    blocks: tuple[Block, ...]
    index: int  # 1, 2, … within the document
    count: int  # the document's parts

    @property
    def paragraph_range(self) -> tuple[int, int] | None:
        """First and last paragraph numbers in the part, if it has numbered paragraphs."""
        numbers = [b.number for b in self.blocks if b.number is not None]
        return (numbers[0], numbers[-1]) if numbers else None

    @property
    def headings(self) -> tuple[str, ...]:
        """The part's top-level headings (the document's highest level), in order; failing
        those, its first heading of any level."""
        levels = [b.heading_level for b in self.document.body if b.is_heading]
        top = min(levels) if levels else 0
        found = tuple(b.text for b in self.blocks if b.is_heading and b.heading_level == top)
        return found or next(((b.text,) for b in self.blocks if b.is_heading), ())

    @property
    def anchors(self) -> tuple[str, ...]:
        return tuple(b.anchor for b in self.blocks if b.anchor)


def _cuts(blocks: tuple[Block, ...], budget: int) -> list[int]:
    """Where to start each part after the first: near equal shares of the text, at a heading
    where one lies within a fifth of a share of the ideal place, and never leaving a heading
    at the end of a part. Every part stays under `budget` unless a single block is larger."""
    sizes = [block_size(b) for b in blocks]
    cum = [0]
    for s in sizes:
        cum.append(cum[-1] + s)
    total = cum[-1]
    n = math.ceil(total / (budget * 0.85))  # shares of at most 85 % of the budget leave room to move a cut
    if n <= 1:
        return []
    share = total / n
    cuts: list[int] = []
    start = 0
    for k in range(1, n):
        ideal = share * k
        # Cut before block i: the part so far holds blocks[start:i].
        room = [i for i in range(start + 1, len(blocks)) if cum[i] - cum[start] <= budget]
        if not room:
            room = [start + 1] if start + 1 < len(blocks) else []
        if not room:
            break
        at_heading = [i for i in room if blocks[i].is_heading and abs(cum[i] - ideal) <= share / 5]
        pool = at_heading or room
        i = min(pool, key=lambda i: (abs(cum[i] - ideal), i))
        while i - 1 > start and blocks[i - 1].is_heading:  # a heading goes with the text under it
            i -= 1
        if i > start:
            cuts.append(i)
            start = i
    return cuts


def split_texts(documents: tuple[Document, ...], limits: Limits, later: int = 0) -> tuple[TextPart, ...]:
    """The parts of an inspection page's texts, or () when the whole page fits under the limit.
    When it does not, every document's text moves to part pages (a short one to a single part),
    so the inspection page keeps its summary, grades and findings and lists the parts."""
    if page_size(documents, later) <= limits.page_bytes:
        return ()
    parts: list[TextPart] = []
    for doc in documents:
        if not doc.body:
            continue
        bounds = [0, *_cuts(doc.body, limits.part_text_bytes), len(doc.body)]
        for k, (a, b) in enumerate(zip(bounds, bounds[1:]), 1):
            parts.append(TextPart(len(parts) + 1, doc, doc.body[a:b], k, len(bounds) - 1))
    return tuple(parts)
