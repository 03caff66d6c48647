"""A report's own section headings are headings of its page: in the page's table of contents,
with ids to link to, and with the page's heading levels in order (none more than one below the
heading before it), on inspection pages and on the pages of a long text's parts."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from generator.config import Limits
from generator.index.catalog import build_catalog
from generator.load.validate import load_dataset
from generator.render import urls
from generator.render.run import render_pages
from tests.conftest import DATA

REFORMED = "authorities/south-tyneside/2026-06-15-ilacs-2026/index.html"


class _Headings(HTMLParser):
    """The headings of a page's article, and the links of its table of contents."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []  # (level, id)
        self.toc: list[str] = []
        self._article = self._toc = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "article":
            self._article += 1
        if tag == "nav" and a.get("aria-label") == "Table of contents":
            self._toc += 1
        elif tag == "nav" and self._toc:
            self._toc += 1
        if self._article and re.fullmatch(r"h[1-6]", tag):
            self.headings.append((int(tag[1]), a.get("id") or ""))
        if self._toc and tag == "a" and (a.get("href") or "").startswith("#"):
            self.toc.append(a["href"][1:])

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._article -= 1
        if tag == "nav" and self._toc:
            self._toc -= 1


def _parse(path: Path) -> _Headings:
    p = _Headings()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _in_order(levels: list[int]) -> bool:
    return bool(levels) and levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:]))


def test_a_reports_headings_are_in_the_contents_and_can_be_linked_to(built_site: Path) -> None:
    page = _parse(built_site / REFORMED)
    report = [(level, i) for level, i in page.headings if i.startswith("h-")]
    assert [i for _, i in report] == [
        "h-what-needs-to-improve",
        "h-the-experiences-and-progress-of-children-who-need-help-and",
        "h-the-experiences-and-progress-of-children-in-care-good",
        "h-the-experiences-and-progress-of-care-leavers-outstanding",
        "h-the-impact-of-leaders-on-social-work-practice-with-children",
    ]
    assert {level for level, _ in report} == {3}  # under the page's "Full text" (h2)
    assert [i for _, i in report] == [t for t in page.toc if t.startswith("h-")]
    # The page's own "What needs to improve" and the report's heading of that name differ.
    assert "what-needs-to-improve" in page.toc


def test_every_inspection_pages_heading_levels_are_in_order(built_site: Path) -> None:
    pages = sorted((built_site / "authorities").glob("*/*/index.html"))
    assert len(pages) == 7
    for path in pages:
        levels = [level for level, _ in _parse(path).headings]
        assert _in_order(levels), (path, levels)


def test_part_pages_keep_the_headings_ids_and_levels_in_order() -> None:
    """With small limits the fixture's long reports are split into parts: each part page's
    report headings keep the ids the whole text gives them, and its levels stay in order."""
    cat = build_catalog(load_dataset(DATA), Limits(page_bytes=30_000, part_text_bytes=15_000))
    pages = render_pages(cat)
    split = [(a.slug, i) for a in cat.authorities for i in cat.documented(a.slug) if cat.text_parts(i)]
    assert split
    for slug, insp in split:
        whole = [b.text for d in insp.documents for b in d.body if b.is_heading]
        seen = []
        for part in cat.text_parts(insp):
            text = pages[urls.inspection_part(slug, insp.id, part.number)]
            levels = [1] + [len(m) for m in re.findall(r"^(#{2,6}) ", text, re.M)]
            assert _in_order(levels), (slug, insp.id, part.number, levels)
            seen += re.findall(r"\{ #((?:[a-z-]+-)?h-[a-z0-9-]+) \.report-heading \}$", text, re.M)
        assert len(seen) == len(whole) and len(set(seen)) == len(seen), (slug, insp.id)
