"""The shipped data built by Zensical gives the same pages, with the same main content, as MkDocs
(bench/zensical_compare.py). Runs only where .venv-zensical exists (created by running
`bench/zensical_compare.py` once); nothing here installs Zensical, and nothing needs the network."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT

ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"

pytestmark = pytest.mark.skipif(not ZENSICAL.exists(), reason="no .venv-zensical (run bench/zensical_compare.py once)")


def test_zensical_builds_the_same_main_content(project: Path) -> None:
    from bench.zensical_compare import compare

    report = compare(project, docs_ready=False, runs=1, browser=False, zensical=ZENSICAL)
    assert report.mkdocs.ok and report.zensical.ok, report.table()
    assert report.mkdocs.pages == report.zensical.pages
    assert report.differing == {}, report.table()
    verdicts = {c.setting.split(" ")[0].rstrip(":"): c.verdict for c in report.checks}
    for setting in ("theme.custom_dir", "extra_css", "use_directory_urls", "attr_list", "theme.font",
                    "strict", "validation.links.not_found", "validation.links.anchors", "search"):
        assert verdicts.get(setting) == "works", (setting, report.table())
