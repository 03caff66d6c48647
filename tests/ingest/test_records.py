"""A Draft as a record (generator.ingest.records.record_of), the one place it takes the record's
shape, and the record as files."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from generator.ingest.draft import BlockDraft, BodyDraft, Draft, FindingDraft, JudgementDraft, Meta
from generator.ingest.records import record_files, record_of, untouched

META = Meta(kind="ofsted-report", framework="ilacs", variant="short", title="Inspection of Nowhere",
            authority_name="Nowhere", start_date=dt.date(2024, 5, 20), end_date=dt.date(2024, 5, 24),
            published=None, document_date=None, lead_inspector="Nicki Shaw", lead_inspector_role="HMI",
            legal_basis=None, judgements=(JudgementDraft("Overall effectiveness", "overall-effectiveness", "Good", "good", 2),),
            warnings=("publication date not stated",))
BODY = BodyDraft(
    blocks=(BlockDraft("What needs to improve?", heading=2), BlockDraft("- plans", themes=("plans",)),
            BlockDraft("Early help is effective.", number=1, themes=("early-help",)), BlockDraft("  ")),
    improvements=(FindingDraft("plans", "none-stated", None, ("plans",)), FindingDraft("gone", "immediately", 7)),
    strengths=(FindingDraft("early help", None, 1),),
)
DRAFT = Draft(source="/tmp/x.pdf", sha256="", meta=META, body=BODY, authority="E10000024", source_file="x.pdf")


def test_record_of_a_draft() -> None:
    record = record_of(DRAFT)
    assert record["inspector"] == "Nicki Shaw, HMI" and record["start_date"] == "2024-05-20" and record["published"] is None
    assert record["source"] == {"file": "x.pdf", "url": None} and record["reviewed"] is False
    assert record["judgements"] == [{"area": "Overall effectiveness", "area_key": "overall-effectiveness", "grade": "Good",
                                     "grade_key": "good", "rank": 2}]
    # a finding whose paragraph the body does not have is left out; an empty block has no entry
    assert record["improvements"] == [{"text": "plans", "timescale": "none-stated", "themes": ["plans"]}]
    assert record["strengths"] == [{"text": "early help", "paragraph": 1, "themes": []}]
    assert record["body"] == [{"heading": "What needs to improve?", "level": 2}, {"themes": ["plans"], "text": "- plans"},
                              {"number": 1, "themes": ["early-help"], "text": "Early help is effective."}]
    assert DRAFT.warnings == ("publication date not stated",)
    assert replace(DRAFT, authority=None).warnings[-1] == "authority not matched to an ONS code: 'Nowhere'"


def test_a_changed_draft_changes_its_record_only() -> None:
    listed = replace(DRAFT, source_file="reports/1-nowhere/2024-07-01.pdf", source_url="https://files.ofsted.gov.uk/v1/file/1",
                     meta=replace(META, published=dt.date(2024, 7, 1)))
    record = record_of(listed)
    assert record["published"] == "2024-07-01" and record["source"]["url"].startswith("https://")
    assert record_of(DRAFT)["published"] is None
    files = record_files(record, "0" * 64, warnings=listed.warnings)
    assert "# warning: publication date not stated" in files.yaml and untouched(files.yaml, files.text)
