from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CORPUS = ROOT.parent / "shared" / "corpus"


def copy_project(dest: Path) -> Path:
    """A copy of what a build needs (config, hand-written docs, data), without build products."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "data"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
    docs = dest / "docs"
    docs.mkdir()
    for page in sorted((ROOT / "docs").glob("*.md")):
        if page.name not in ("index.md", "grades.md", "frameworks.md"):  # generated
            shutil.copy2(page, docs / page.name)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data built into a site by the real pipeline (generator + mkdocs --strict)."""
    from generator.site import build_site

    proj = copy_project(tmp_path_factory.mktemp("site") / "project")
    assert build_site(proj, proj / "site") == 0
    return proj / "site"
