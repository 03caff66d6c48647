"""The ingest cache (generator.ingest.cache): a Draft or a Failure comes back as it went in;
anything else in its place is a miss, never an error."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.batch import build_context
from generator.ingest.cache import Cache
from generator.ingest.draft import Draft, Failure
from generator.ingest.pipeline import Context, ingest_file
from tests.conftest import NATIONAL

REPORT = """# Inspection of Nottinghamshire County Council local authority children's services

Inspection dates: 20 to 24 May 2024

Lead inspector: Nicki Shaw, His Majesty's Inspector

| Judgement | Grade |
|---|---|
| The impact of leaders on social work practice with children and families | Good |
| Overall effectiveness | Requires improvement to be good |

## What needs to improve?

- The quality of plans for children in need.

1. Early help services are effective. The last inspection in March 2019 judged services to require improvement to be good.
"""


@pytest.fixture(scope="module")
def ctx() -> Context:
    return build_context(NATIONAL, None)


def test_a_draft_comes_back_as_it_went_in(tmp_path: Path, ctx: Context) -> None:
    source = tmp_path / "report.md"
    source.write_text(REPORT, encoding="utf-8")
    draft = ingest_file(source, ctx)
    assert isinstance(draft, Draft)
    assert draft.meta.start_date and draft.meta.judgements and draft.body.improvements and draft.body.cited
    assert draft.authority == "E10000024" and draft.paragraphs == 1
    cache = Cache(tmp_path / "cache")
    cache.put("a" * 64, draft)
    assert cache.get("a" * 64) == draft
    failure = Failure(str(source), "not a PDF")
    cache.put("b" * 64, failure)
    assert cache.get("b" * 64) == failure
    assert cache.get("c" * 64) is None
    assert Cache(None).get("a" * 64) is None


@pytest.mark.parametrize("text", ["{", "[]", '{"source": "x.pdf", "record": {}}', '{"draft": {"source": "x.pdf"}}',
                                  '{"failure": {"source": "x.pdf", "error": 3}}'])
def test_anything_else_is_a_miss(tmp_path: Path, text: str) -> None:
    cache = Cache(tmp_path)
    path = tmp_path / cache.version / ("d" * 64 + ".json")
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    assert cache.get("d" * 64) is None


def test_a_change_of_theme_keywords_is_a_new_version(tmp_path: Path) -> None:
    """Cached drafts carry the themes of the keywords they were tagged with: a change of
    data/themes.yaml (or of any file ingest reads besides the source) must not reuse them."""
    from generator.ingest.batch import context_inputs

    data = tmp_path / "data"
    data.mkdir()
    (data / "themes.yaml").write_text("- slug: a\n  keywords: [alpha]\n", encoding="utf-8")
    before = Cache(tmp_path / "cache", context_inputs(data, None)).version
    assert Cache(tmp_path / "cache", context_inputs(data, None)).version == before  # stable
    (data / "themes.yaml").write_text("- slug: a\n  keywords: [alpha, beta]\n", encoding="utf-8")
    assert Cache(tmp_path / "cache", context_inputs(data, None)).version != before
