"""Adding one report rewrites only the files it touches: its council's pages, the themes it
raises, the indexes, feeds and open data; nothing of another council's (bar neighbours)."""
from __future__ import annotations

import dataclasses
import fnmatch
from pathlib import Path

from generator.commands.build import write_generated
from generator.config import Settings
from generator.index.catalog import build_catalog
from generator.load.validate import load_dataset
from tests.conftest import DATA


def _years_touched(cat, slug: str, inspection_id: str, ref: str) -> set[int]:
    """The year pages the report may change: its own year's, those of the earlier inspections
    it tells of (known only from it), and the years beside each (their earlier/later links)."""
    years = {i.start_date.year for i in cat.inspections[slug]
             if i.id == inspection_id or (i.is_cited and any(c.document == ref for c in i.cited.cited_by))}
    every = sorted({i.start_date.year for a in cat.authorities for i in cat.inspections[a.slug]})
    beside = {every[k + d] for k, y in enumerate(every) if y in years for d in (-1, 1) if 0 <= k + d < len(every)}
    return years | beside


def test_adding_one_report_rewrites_only_what_it_touches(tmp_path: Path) -> None:
    dataset = load_dataset(DATA)
    added = max(dataset.documents, key=lambda d: (d.start_date.as_date(), d.file))
    slug = next(a.slug for a in dataset.authorities if a.ons_code == added.authority)
    ref = added.ref(slug)
    # Without the report: nor the notes on it, nor what it says of earlier inspections.
    cited = tuple(dataclasses.replace(c, cited_by=tuple(x for x in c.cited_by if x.document != ref)) for c in dataset.cited)
    without = dataclasses.replace(
        dataset, documents=tuple(d for d in dataset.documents if d is not added),
        annotations=tuple(a for a in dataset.annotations if a.document != ref), cited=tuple(c for c in cited if c.cited_by),
        followups=tuple(f for f in dataset.followups if ref not in (f.later, f.finding.split("#")[0])))
    docs = tmp_path / "docs"
    settings = Settings.for_project(tmp_path)
    write_generated(build_catalog(without), settings)
    cat = build_catalog(dataset)
    report = write_generated(cat, settings)

    themes = {t for b in added.body for t in b.themes} | {t for f in added.findings for t in f.themes}
    neighbours = {a.slug for a in dataset.authorities if added.authority in a.neighbours}
    allowed = ([f"authorities/{slug}/*", "authorities/index.md", "index.md", "grades.md", "latest-grades.md",
                "themes/index.md", "data.md",
                "data/*", "feeds/all.xml", f"feeds/authorities/{slug}.xml"]
               + [f"themes/{t}/index.md" for t in themes] + [f"feeds/themes/{t}.xml" for t in themes]
               + [f"authorities/{n}/index.md" for n in neighbours]
               + [f"grades/{y}/index.md" for y in _years_touched(cat, slug, added.inspection_id, ref)])
    stray = [p for p in report.written if not any(fnmatch.fnmatch(p, pat) for pat in allowed)]
    assert not stray, f"adding {added.file} rewrote files it does not touch: {stray}"
    assert f"authorities/{slug}/{added.inspection_id}/index.md" in report.written
    assert f"feeds/authorities/{slug}.xml" in report.written
    assert report.unchanged > 0
