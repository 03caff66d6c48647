"""Rewrite every golden file from the current output: `make golden`. Read the diff after."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.render.run import render_pages
from generator.index.catalog import build_catalog
from generator.load.validate import load_dataset
from tests.check_cases import CASES, apply_case
from tests.conftest import DATA, ROOT, copy_project

GOLDEN = ROOT / "tests" / "golden"


def check_output(project: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "generator", "--data", str(project / "data"),
                             "--docs", str(project / "docs"), "check"],
                            cwd=project, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return f"exit {result.returncode}\n{result.stdout}{result.stderr}"


def main() -> int:
    pages = render_pages(build_catalog(load_dataset(DATA)))
    out = GOLDEN / "docs"
    if out.exists():
        shutil.rmtree(out)
    for path, text in pages.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text, encoding="utf-8")
    checks = GOLDEN / "check"
    if checks.exists():
        shutil.rmtree(checks)
    checks.mkdir(parents=True)
    for name in sorted(CASES):
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_project(Path(tmp) / "project")
            apply_case(project, name)
            (checks / f"{name}.txt").write_text(check_output(project), encoding="utf-8")
    print(f"golden files rewritten: {len(pages)} pages, {len(CASES)} check cases. Read `git diff tests/golden` before committing.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
