"""The hand-labelled theme set (tests/themes/labelled.jsonl) is well formed and big enough.

These tests check the file, not any tagger: the set is a held-out measuring stick (see
tests/themes/README.md)."""
from __future__ import annotations

from collections import Counter

import pytest

from tests.themes.check_labelled import FINDING_KINDS, MAIN_THEMES, document, load, problems, theme_slugs


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return load()


def test_file_is_well_formed(rows):
    assert problems(rows, theme_slugs()) == []


def test_sizes_and_spread(rows):
    test = [r for r in rows if r["set"] == "test"]
    dev = [r for r in rows if r["set"] == "dev"]
    assert sum(r["kind"] == "paragraph" for r in test) >= 300
    assert sum(r["kind"] in FINDING_KINDS for r in test) >= 150
    assert len({document(r["id"]) for r in test}) >= 60
    assert sum(r["kind"] == "paragraph" for r in dev) >= 90
    assert sum(r["kind"] in FINDING_KINDS for r in dev) >= 45
    assert {r["framework"] for r in test} >= {"sif", "ilacs", "ilacs-2026", "focused-visit"}
    assert not {document(r["id"]) for r in test} & {document(r["id"]) for r in dev}


def test_main_themes_have_enough_test_positives(rows):
    c = Counter(t for r in rows if r["set"] == "test" for t in r["themes"])
    assert {t: c[t] for t in MAIN_THEMES if c[t] < 12} == {}
