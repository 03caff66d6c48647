"""A failed build never replaces a good site; the same input gives byte-identical output."""
from __future__ import annotations

import hashlib
from pathlib import Path

from generator.config import Settings
from generator.commands.site import build_site
from generator.load.validate import load_dataset


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_build_leaves_the_previous_site(project: Path) -> None:
    assert build_site(Settings.for_project(project)) == 0
    good = _snapshot(project / "site")
    # A page MkDocs refuses in strict mode (a link to a page that does not exist): the
    # generator succeeds, the mkdocs build fails, and site/ must stay as it was.
    (project / "docs" / "broken.md").write_text("# Broken\n\n[nowhere](missing-page.md)\n", encoding="utf-8")
    assert build_site(Settings.for_project(project)) == 1
    assert _snapshot(project / "site") == good
    assert not (project / ".site-build").exists()
    assert not (project / ".site-build-records").exists()  # the search records written meanwhile


def test_a_failed_check_leaves_the_previous_site(project: Path) -> None:
    assert build_site(Settings.for_project(project)) == 0
    good = _snapshot(project / "site")
    rec = project / "data/reports/south-tyneside/2013-05-13-cp-2012.ofsted-report.yaml"
    rec.write_text(rec.read_text(encoding="utf-8").replace("start_date: 2013-05-13", "start_date: 2013-05-40"), encoding="utf-8")
    from generator.load.checker import ValidationFailed

    try:
        build_site(Settings.for_project(project))
        raised = False
    except ValidationFailed:
        raised = True
    assert raised
    assert _snapshot(project / "site") == good


def test_two_builds_of_the_same_input_are_byte_identical(project: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://example.org/inspections/")  # a sitemap with every page, and its dates
    assert build_site(Settings.for_project(project)) == 0
    first = _snapshot(project / "site")
    assert build_site(Settings.for_project(project)) == 0
    second = _snapshot(project / "site")
    differing = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    # Every byte, Pagefind's index included (its filters are written in a stable order, see
    # generator/write/search_chunks.py) and the sitemap (dated by the newest document, not the day).
    assert any(k.startswith("pagefind/filter/") for k in first)
    assert (project / "site" / "sitemap.xml").read_text(encoding="utf-8").count("<url>") > 50
    assert differing == []


def test_mkdocs_dates_the_build_by_the_newest_document(project: Path) -> None:
    """SOURCE_DATE_EPOCH for MkDocs (its sitemap's dates) is the newest document's day, not today."""
    import datetime as dt
    from generator.commands.site import data_epoch
    ds = load_dataset(project / "data")
    newest = max((d.published or d.end_date).as_date() for d in ds.documents)
    assert dt.datetime.fromtimestamp(int(data_epoch(ds)), dt.timezone.utc).date() == newest


def test_pages_are_the_same_made_in_one_process_or_several() -> None:
    from generator.render.run import render_pages
    from generator.index.catalog import build_catalog
    from generator.load.validate import load_dataset
    from tests.conftest import DATA

    cat = build_catalog(load_dataset(DATA))
    assert render_pages(cat, workers=3) == render_pages(cat, workers=1)
