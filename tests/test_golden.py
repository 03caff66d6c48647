"""Generated Markdown and validation messages against golden files (update: `make golden`)."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.run import render_pages
from generator.index.catalog import build_catalog
from generator.load.validate import load_dataset
from tests.check_cases import CASES, apply_case
from tests.conftest import DATA
from tests.update_golden import GOLDEN, check_output

HINT = "run `make golden` to accept the new output, then read the diff"


def test_generated_pages_match_golden() -> None:
    pages = render_pages(build_catalog(load_dataset(DATA)))
    golden = {p.relative_to(GOLDEN / "docs").as_posix(): p for p in (GOLDEN / "docs").rglob("*.md")}
    assert sorted(pages) == sorted(golden), f"pages added or removed; {HINT}"
    for path, text in pages.items():
        assert text == golden[path].read_text(encoding="utf-8"), f"{path} differs from its golden file; {HINT}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_messages_match_golden(name: str, project: Path) -> None:
    apply_case(project, name)
    got = check_output(project)
    assert got.startswith("exit 1\n"), got
    assert got == (GOLDEN / "check" / f"{name}.txt").read_text(encoding="utf-8"), HINT
