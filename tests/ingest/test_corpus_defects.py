"""Ingest defects found by comparing records with their PDFs paragraph by paragraph (#17), each
checked on a real report or letter of the corpus (skipped where ../shared/corpus is absent)
and, where it can be, on a few lines that show it without the corpus."""
from __future__ import annotations

import re
from functools import lru_cache

import pytest

from generator.ingest.body import extract_body
from generator.ingest.draft import BodyDraft
from generator.ingest.lines import join_lines
from generator.ingest.meta import extract_meta
from tests.conftest import CORPUS
from tests.ingest import SCALES, page


@lru_cache(maxsize=16)
def _pages(name: str) -> tuple[str, ...]:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus not present: {path}")
    from generator.ingest.pdftext import pdf_pages

    return tuple(pdf_pages(path))


def _body(name: str) -> BodyDraft:
    pages = list(_pages(name))
    meta = extract_meta(pages, SCALES)
    return extract_body(pages, SCALES, meta.framework, meta.start_date)


# --------------------------------------------------------------------------- SIF judgement boxes

def test_a_sif_judgement_box_is_a_table_not_headings() -> None:
    draft = _body("reports/80431-blackpool/2014-09-08.pdf")
    heads = [b.text for b in draft.blocks if b.heading]
    assert not [h for h in heads if h.startswith("Key judgement") or h == "Requires improvement"]
    tables = [b.text for b in draft.blocks if b.text.startswith("| Key judgement | Judgement grade |")]
    assert len(tables) == 3  # help and protection, children looked after, leadership
    assert tables[-1].endswith("| Leadership, management and governance | Requires improvement |")
    assert "| The experiences and progress of children who need help and protection | Requires improvement |" in tables[0]


def test_a_judgement_box_whose_area_is_broken_over_lines_and_grade_set_apart() -> None:
    text = page(
        "1. The last paragraph before the box ends here, on a line as long as the text is wide.",
        "Key judgement Judgement grade",
        "Leadership, management and ",
        "governance",
        "Requires improvement",
        "Summary",
        "2. The summary goes on, on a line as long as the text is wide, as a report's lines are.",
    )
    draft = extract_body([text], SCALES)
    table = next(b.text for b in draft.blocks if b.text.startswith("| Key judgement"))
    assert table == ("| Key judgement | Judgement grade |\n|---|---|\n"
                     "| Leadership, management and governance | Requires improvement |")


def test_judgement_areas_are_written_without_their_list_numbers() -> None:
    meta = extract_meta(list(_pages("reports/80431-blackpool/2014-09-08.pdf")), SCALES)
    areas = [j.area for j in meta.judgements]
    assert "Children who need help and protection" in areas and "Adoption performance" in areas
    assert not [a for a in areas if re.match(r"\d", a)]


# --------------------------------------------------------------------------- headings run on

def test_a_judgement_heading_run_on_from_the_paragraph_before_stands_alone() -> None:
    draft = _body("reports/2532287-bournemouth-christchurch-poole/2025-01-29.pdf")
    heading = "The impact of leaders on social work practice with children and families: good"
    k = next(i for i, b in enumerate(draft.blocks) if b.text == heading)
    assert draft.blocks[k].heading
    assert draft.blocks[k - 1].text.endswith("progress with their education.")
    assert draft.blocks[k + 1].number == 53
    assert not [b for b in draft.blocks if not b.heading and b.text.endswith(heading)]


def test_a_section_heading_printed_at_the_end_of_a_line_of_text_is_split_off() -> None:
    draft = _body("reports/80481-leeds/2015-03-27.pdf")
    k = next(i for i, b in enumerate(draft.blocks) if b.text == "Other information about this area")
    assert draft.blocks[k].heading
    assert draft.blocks[k - 1].text.endswith("and four adequate.")


def test_a_heading_and_its_duplicate_in_another_case_are_one_heading() -> None:
    draft = _body("reports/80470-gloucestershire/2025-08-04.pdf")
    heads = [b.text for b in draft.blocks if b.heading and b.text.lower().startswith("what needs to improve")]
    assert heads == ["What needs to improve?"]
    k = next(i for i, b in enumerate(draft.blocks) if b.text == "What needs to improve?")
    assert draft.blocks[k - 1].text.endswith("into employment, education or training.")


# --------------------------------------------------------------------------- record of main findings

def test_a_2013_record_of_main_findings_keeps_every_row() -> None:
    draft = _body("reports/80522-medway/2013-08-23.pdf")
    table = next(b.text for b in draft.blocks if b.text.startswith("| Services for looked after children"))
    assert table.split("\n")[2:] == [
        "| Overall effectiveness | Inadequate Grade 4 |",
        "| Capacity to improve | Adequate Grade 3 |",
        "| Outcomes for looked after children and young people | Inadequate Grade 4 |",
        "| Quality of provision | Inadequate Grade 4 |",
        "| Leadership and management | Inadequate Grade 4 |",
    ]


def test_the_2013_looked_after_children_inspection_is_its_own_framework_with_every_judgement() -> None:
    meta = extract_meta(list(_pages("reports/80522-medway/2013-08-23.pdf")), SCALES)
    assert meta.framework == "lac-2013"
    assert [(j.area_key, j.grade_key) for j in meta.judgements] == [
        ("overall-effectiveness", "inadequate"), ("capacity-for-improvement", "adequate"),
        ("outcomes", "inadequate"), ("quality-of-provision", "inadequate"), ("leadership-and-management", "inadequate")]
    assert not [w for w in meta.warnings if "no area" in w]


# --------------------------------------------------------------------------- list items

def test_a_list_item_goes_on_on_a_line_that_opens_with_a_bracket() -> None:
    draft = _body("reports/80451-wakefield/2018-07-17.pdf")
    items = [x for b in draft.blocks for x in b.text.split("\n")]
    assert "- the response to and monitoring of allegations made about professionals (designated officer arrangements)" in items
    assert not [b for b in draft.blocks if b.text.startswith("(designated officer arrangements)")]


def test_the_end_of_a_letters_last_item_above_the_letterhead_is_kept() -> None:
    draft = _body("focused-visits/80477-kingston-upon-hull/2025-08-28.pdf")
    assert draft.improvements[-1].text == ("Planning for children to ensure that permanence is achieved for all children "
                                           "and without delay. (enabler 2)")


def test_a_list_item_continued_after_a_line_that_cannot_end_a_sentence() -> None:
    text = page(
        "The children of the area:",
        "◼ The largest minority ethnic groups of children and young people in the area are",
        "Asian/Asian British and Mixed.",
        "◼ The proportion with English as an additional language is 7%.",
    )
    draft = extract_body([text], SCALES)
    items = [x for b in draft.blocks for x in b.text.split("\n")]
    assert "- The largest minority ethnic groups of children and young people in the area are Asian/Asian British and Mixed." in items


# --------------------------------------------------------------------------- recommendations

def test_a_recommendations_list_goes_on_past_an_item_that_does_not_start_with_a_verb() -> None:
    draft = _body("reports/80444-calderdale/2015-03-20.pdf")
    paragraphs = [f.paragraph for f in draft.improvements if f.paragraph and f.paragraph < 100]
    assert paragraphs == list(range(4, 18))  # 15: "The Adoption Panel Chair to report …", then 16 and 17
    draft = _body("reports/80426-barnsley/2014-08-08.pdf")
    assert 13 in [f.paragraph for f in draft.improvements]  # "A shared understanding … needs to be …"


def test_a_recommendation_that_says_who_should_act_is_not_a_lead_in() -> None:
    draft = _body("reports/80575-warrington/2015-05-12.pdf")
    assert {7, 9} <= {f.paragraph for f in draft.improvements}  # "The local authority should ensure …"


def test_a_priority_actions_lead_in_and_its_fragments_are_one_finding() -> None:
    draft = _body("focused-visits/80451-wakefield/2018-03-22.pdf")
    assert len(draft.priority_actions) == 1
    text = draft.priority_actions[0].text
    assert text.startswith("The local authority needs to take swift and decisive action to address the following "
                           "areas of weakness in child protection: delays in case allocation")
    assert text.endswith("social work recording, performance management and quality assurance arrangements.")
    draft = _body("reports/80482-leicester/2015-03-20.pdf")
    assert draft.priority_actions[0].text.startswith("Put into place an effective performance management framework")
    assert not [f for f in draft.priority_actions if f.text[:1].islower()]


def test_every_priority_action_of_a_sif_report_is_found() -> None:
    draft = _body("reports/80555-somerset/2015-03-27.pdf")
    assert [f.paragraph for f in draft.priority_actions] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 159, 160, 161, 162]


# --------------------------------------------------------------------------- dashes

def test_a_dash_broken_at_a_line_end_keeps_no_space() -> None:
    assert join_lines(["between 2014–", "15 and 2015-", "16, help –", "and more"]) == "between 2014–15 and 2015-16, help – and more"
    draft = _body("reports/80431-blackpool/2014-09-08.pdf")
    text = "\n".join(b.text for b in draft.blocks)
    assert "2013–14" in text and not re.search(r"\d– \d", text)


# --------------------------------------------------------------------------- letters' paragraphs (#18)

def test_a_letters_findings_set_as_a_list_are_a_paragraph_each() -> None:
    name = "focused-visits/2532283-dorset/2019-10-24.pdf"
    draft = _body(name)
    k = next(i for i, b in enumerate(draft.blocks) if b.text == "Findings")
    after = draft.blocks[k + 1:k + 4]
    assert all(b.text.startswith("- ") and "\n- " not in b.text for b in after)
    assert after[0].text.startswith("- Children in need of help and protection are increasingly benefiting")
    assert max(len(b.text) for b in draft.blocks) < 3000
    # "What needs to improve" keeps its list; the findings the letter gives are as before
    improve = next(b.text for b in draft.blocks if b.text.startswith("- The quality of chronologies"))
    assert improve.count("\n- ") >= 1 and len(draft.improvements) == improve.count("- ")
    # the same letter read again gives the same paragraphs, so the same anchors s-1, s-2 …
    assert [b.text for b in _body(name).blocks] == [b.text for b in draft.blocks]


def test_a_list_of_fragments_after_a_lead_in_stays_one_block() -> None:
    from generator.ingest.blocks import Block
    from generator.ingest.body import letter_paragraphs

    long = "x" * 200
    fragments = Block(f"The local authority needs to take action on:\n\n- the first {long}\n- the second {long}")
    paragraphs = Block(f"The findings:\n\n- The first {long}.\n  - a detail\n- The second {long}.")
    short = Block("- One.\n- Two.")
    out = letter_paragraphs([fragments, paragraphs, short])
    assert [b.text for b in out] == [fragments.text, "The findings:", f"- The first {long}.\n  - a detail",
                                     f"- The second {long}.", short.text]
