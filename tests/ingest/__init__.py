"""Tests of the ingest stage, generator/ingest/: a file per module (or per job of one)."""
from __future__ import annotations

from generator.ingest.grades import Scales
from generator.load.validate import load_vocabulary
from tests.conftest import NATIONAL

# The grade scales of the project's data/frameworks.yaml, as ingest is given them.
SCALES = Scales.of(load_vocabulary(NATIONAL).frameworks)


def page(*lines: str) -> str:
    """One page as pdfium gives it: its lines, each ending in "\\n" but the last."""
    return "\n".join(lines)
