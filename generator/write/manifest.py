"""The one list of what the generator makes: the folders and files it owns under docs/ (build
products, git-ignored, pruned), and the build's own folders beside the site. The writer, `make
clean`, .gitignore (checked by a test) and the tests all use this list.

    python -m generator.write.manifest            # print the paths, one a line
    python -m generator.write.manifest --clean    # remove them (make clean); needs no packages"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

DOCS = "docs"
# Under docs/: generated folders (pages, open data files, Atom feeds) and pages.
GENERATED_DIRS = ("authorities", "themes", "grades", "data", "feeds")
GENERATED_FILES = ("index.md", "grades.md", "latest-grades.md", "frameworks.md", "data.md")
# Beside the project's site/: the built site, and the staging folders a build uses before it swaps.
SITE = "site"


def build_folders(site: str = SITE) -> tuple[str, ...]:
    """The site folder and the folders a build of it stages in (`.site-build`, …)."""
    return (site, f".{site}-build", f".{site}-build-records", f".{site}-old")


def paths() -> tuple[str, ...]:
    """Every generated path, relative to the project."""
    return (*build_folders(), *(f"{DOCS}/{d}" for d in GENERATED_DIRS), *(f"{DOCS}/{f}" for f in GENERATED_FILES))


def clean(project: Path) -> list[str]:
    """Remove every generated path under `project`; returns those that were there."""
    removed = []
    for rel in paths():
        path = project / rel
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
        else:
            continue
        removed.append(rel)
    return removed


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[2]
    if sys.argv[1:] == ["--clean"]:
        for rel in clean(root):
            print(f"removed {rel}")
    else:
        print("\n".join(paths()))
