"""Metadata extraction (generator.ingest.meta) on short real excerpts of each era's documents,
and on a sample of the real corpus when it is present (../shared/corpus)."""
from __future__ import annotations

import csv
import datetime as dt

import pytest
import yaml

from generator.ingest.meta import Meta, extract_meta
from tests.conftest import CORPUS, ROOT
from tests.ingest import SCALES

D = dt.date


def grades(meta: Meta) -> dict[str, str]:
    return {j.area_key: j.grade_key for j in meta.judgements}


# --------------------------------------------------------------------------- excerpts

CRA_2009 = """

29 October 2009

Mr Anthony May
Corporate Director for Children and Young People's Services
Nottinghamshire County Council
County Hall

Dear Mr May

Annual unannounced inspection of contact, referral and assessment arrangements within Nottinghamshire County Council children's services.

This letter contains the findings of the recent unannounced inspection of contact, referral and assessment arrangements within local authority children's services in Nottinghamshire County Council which was conducted on 8 and 9 October 2009. The inspection was carried out under section 138 of the Education and Inspections Act 2006.

The areas for priority action identified above will be specifically considered in any future inspection of services to safeguard children within your area.

Yours sincerely



Heather Brown HMI
Divisional Manager, Social Care Safeguarding

Copy: Mick Burrows, Chief Executive, Nottinghamshire County Council
"""

SLAC_2011 = """

# Inspection of safeguarding

## Nottinghamshire

---

**Inspection dates:** 19 – 23 September 2011

**Reporting inspector:** Pauline Turner HMI

**Age group:** All  
**Published:** 17 October 2011

---

2. The purpose of this follow up inspection of safeguarding is to evaluate the progress. The inspection team consisted of three of Her Majesty's Inspectors (HMI). The inspection was carried out under the Children Act 2004.

## Record of main findings:

Safeguarding services	
Overall effectiveness	Adequate
Capacity for improvement	Good
Safeguarding outcomes for children and young people	
Children and young people are safe and feel safe	Adequate
Quality of provision	Adequate
Ambition and prioritisation	Good
Leadership and management	Adequate
Performance management and quality assurance	Good
Partnership working	Adequate
Equality and diversity	Adequate
"""

CP_2013 = """

Inspection of local authority arrangements for the protection of children

South Tyneside

Inspection dates: 13-22 May 2013 Lead inspector Sheena Doyle HMI

Age group: All

2. The overall effectiveness of the arrangements to protect children in South Tyneside is judged to be **adequate**.

Record of main findings

Local authority arrangements for the protection of children			
Overall effectiveness	Adequate		
The effectiveness of the help and protection provided to children, young people, families and carers	Adequate		
The quality of practice	Adequate		
Leadership and governance	Adequate		
"""

SIF_2015_PAGE1 = """1
Nottinghamshire County Council
Inspection of services for children in need of help and 
protection, children looked after and care leavers
and
Review of the effectiveness of the Local Safeguarding Children 
Board1
Inspection date: 11 May 2015 \u2013 4 June 2015
Report published: 20 July 2015
Children\u2019s services in Nottinghamshire County Council are good 
1. Children who need help and protection Good
2. Children looked after and achieving 
permanence
Good
2.1 Adoption performance Good
2.2 Experiences and progress of care leavers
Requires
Improvement
3. Leadership, management and governance Good
 
1 Ofsted produces this report under its power to combine reports in accordance with section 152 of 
the Education and Inspections Act 2006. This report includes the report of the inspection of local 
authority functions carried out under section 136 of the Education and Inspections Act 2006 and the 
report of the review of the Local Safeguarding Children Board carried out under the Local 
Safeguarding Children Boards (Review) Regulations 2013.2
"""
SIF_2015_LSCB = """induced or fabricated illness, which has had a positive impact on practice. 40
The Local Safeguarding Children Board (LSCB)
The Local Safeguarding Children Board is good 
The arrangements in place to evaluate the effectiveness of what is done by the 
"""
SIF_2015_LAST = """The inspection team
Lead inspector: Helen Cawston HMI
Deputy lead inspector: Janet Fraser HMI
Team inspectors: Ali Mekki HMI, Karen Wareing HMI, Linda Steele HMI
"""

COUNCIL_2014 = """

Title of paper:	Ofsted Safeguarding Inspection Feedback	
Report to:	Children's Partnership Board	
Date:	2 nd July 2014	
Relevant Director:	Alison Michalska Corporate Director, Children and Adults	Wards affected: All

The response of Nottingham City Council and the Nottingham City Safeguarding Children Board to

The Inspection of services for children in need of help and protection, children looked after and care leavers and the Review of the effectiveness of the local Safeguarding Children Board

Inspection date: 11 March 2014 \u2013 2 April 2014

The new framework is designed to raise standards and improve practice. The overall judgement received from Ofsted was 'Requires Improvement'.

Ofsted have judged that the experiences and progress of children who need help and protection requires improvement

Ofsted have judged that the graded judgment for adoption performance requires improvement

Ofsted have judged that the effectiveness of the Local Safeguarding Children Board (LSCB) requires improvement
"""

ILACS_2019 = """

# Nottinghamshire County Council

## Inspection of local authority children's services

**Inspection dates: 7 October 2019 to 18 October 2019**

**Lead inspector: Margaret Burke, Her Majesty's Inspector**

Judgement	Grade
The impact of leaders on social work practice with children and families	Good
The experiences and progress of children who need help and protection	Requires improvement
The experiences and progress of children in care and care leavers	Good
Overall effectiveness	Good

At the last inspection in 2015, Nottinghamshire was judged to be good across all service areas, except for care leavers.
"""

ILACS_2024 = """Inspection of Cumberland local 
authority children\u2019s services 
Inspection dates: 7 to 18 October 2024
Lead inspector: Lisa Walsh, His Majesty\u2019s Inspector
Judgement Grade
The impact of leaders on social work 
practice with children and families
Good 
The experiences and progress of 
children who need help and protection
Requires improvement to be good
The experiences and progress of 
children in care
Good 
The experiences and progress of care 
leavers
Good 
Overall effectiveness Good 
This was the first inspection of Cumberland local authority children\u2019s services. 
Cumberland and Westmorland and Furness unitary authorities came into being on 1 
April 2023. Children\u2019s services in the predecessor local authority, Cumbria County 
Council, were judged requires improvement to be good in November 2022.
"""

REFORMED_2026 = """Inspection of North Northamptonshire 
local authority children\u2019s services 
Inspection dates: 11 to 22 May 2026
Lead inspector: David Cohen, His Majesty\u2019s Inspector
Judgement Grade
The impact of leaders on practice with 
children and families
Outstanding
The experiences and progress of 
children who need help and protection
Good
The experiences and progress of 
children in care
Good
The experiences and progress of care 
leavers
Good
The experiences of children, young people and families in North Northamptonshire 
have significantly improved since the previous inspection in 2022. 
"""

FOCUSED_2018_P1 = """22 March 2018
Ms Jane Parfrement
County Hall
Matlock
Derbyshire
DE4 3AG
Dear Jane,
Focused visit to Derbyshire County Council children\u2019s services
This letter summarises the findings of a focused visit to Derbyshire County Council
children\u2019s services on 27 and 28 February 2018. The inspectors were Caroline Walsh,
HMI, and Ian Young, HMI.
Inspectors evaluated the local authority\u2019s arrangements for children who are the 
subject of child protection plans.
"""
FOCUSED_2018_P2 = """Ofsted will take the findings from this focused visit into account when planning your 
next inspection or visit.
Yours sincerely,
Caroline Walsh
Her Majesty's Inspector
"""


# --------------------------------------------------------------------------- tests


def test_2009_unannounced_letter() -> None:
    m = extract_meta([CRA_2009], SCALES)
    assert (m.kind, m.framework) == ("ofsted-letter", "cra-unannounced")
    assert m.authority_name == "Nottinghamshire County Council"
    assert m.title is not None and m.title.startswith("Annual unannounced inspection of contact, referral and assessment")
    assert (m.start_date, m.end_date, m.document_date) == (D(2009, 10, 8), D(2009, 10, 9), D(2009, 10, 29))
    assert m.lead_inspector == "Heather Brown"
    assert m.lead_inspector_role is not None and m.lead_inspector_role.startswith("HMI")
    assert m.legal_basis == "section 138 of the Education and Inspections Act 2006"
    assert m.judgements == () and m.published is None


def test_2011_safeguarding_report() -> None:
    m = extract_meta([SLAC_2011], SCALES)
    assert (m.kind, m.framework, m.title) == ("ofsted-report", "slac", "Inspection of safeguarding")
    assert m.authority_name == "Nottinghamshire"
    assert (m.start_date, m.end_date, m.published) == (D(2011, 9, 19), D(2011, 9, 23), D(2011, 10, 17))
    assert (m.lead_inspector, m.lead_inspector_role) == ("Pauline Turner", "HMI")
    assert m.legal_basis == "the Children Act 2004"
    g = grades(m)
    assert g["overall-effectiveness"] == "adequate" and g["capacity-for-improvement"] == "good"
    assert g["performance-management-and-quality-assurance"] == "good" and len(g) == 9
    assert {j.rank for j in m.judgements} == {2, 3}


def test_2013_child_protection_report() -> None:
    m = extract_meta([CP_2013], SCALES)
    assert (m.kind, m.framework) == ("ofsted-report", "cp-2012")
    assert m.title == "Inspection of local authority arrangements for the protection of children"
    assert m.authority_name == "South Tyneside"
    assert (m.start_date, m.end_date) == (D(2013, 5, 13), D(2013, 5, 22))
    assert (m.lead_inspector, m.lead_inspector_role) == ("Sheena Doyle", "HMI")
    assert grades(m) == {"overall-effectiveness": "adequate", "help-and-protection": "adequate",
                         "quality-of-practice": "adequate", "leadership-and-governance": "adequate"}
    assert m.published is None and "publication date not stated" in m.warnings


def test_2015_single_inspection_framework_report() -> None:
    pages = [SIF_2015_PAGE1] + ["Some body text.\n"] * 3 + [SIF_2015_LSCB, "More text.\n", SIF_2015_LAST]
    m = extract_meta(pages, SCALES)
    assert (m.kind, m.framework, m.variant) == ("ofsted-report", "sif", None)
    assert m.title == ("Inspection of services for children in need of help and protection, children looked after "
                       "and care leavers and Review of the effectiveness of the Local Safeguarding Children Board")
    assert m.authority_name == "Nottinghamshire County Council"
    assert (m.start_date, m.end_date, m.published) == (D(2015, 5, 11), D(2015, 6, 4), D(2015, 7, 20))
    assert (m.lead_inspector, m.lead_inspector_role) == ("Helen Cawston", "HMI")
    assert m.legal_basis == "section 136 of the Education and Inspections Act 2006"
    assert grades(m) == {"overall-effectiveness": "good", "help-and-protection": "good",
                         "looked-after-and-permanence": "good", "adoption": "good",
                         "care-leavers": "requires-improvement", "leadership-management-governance": "good",
                         "lscb": "good"}
    care_leavers = next(j for j in m.judgements if j.area_key == "care-leavers")
    assert (care_leavers.grade, care_leavers.rank) == ("Requires improvement", 3)


def test_2014_council_response() -> None:
    m = extract_meta([COUNCIL_2014], SCALES)
    assert (m.kind, m.framework) == ("council-response", "sif")
    assert m.title == "Ofsted Safeguarding Inspection Feedback"
    assert m.authority_name == "Nottingham City Council"
    assert (m.start_date, m.end_date, m.document_date) == (D(2014, 3, 11), D(2014, 4, 2), D(2014, 7, 2))
    assert m.lead_inspector is None and m.published is None
    assert grades(m) == {"overall-effectiveness": "requires-improvement", "help-and-protection": "requires-improvement",
                         "adoption": "requires-improvement", "lscb": "requires-improvement"}


def test_2019_ilacs_report() -> None:
    m = extract_meta([ILACS_2019], SCALES)
    assert (m.kind, m.framework, m.variant) == ("ofsted-report", "ilacs", "standard")
    assert m.title == "Inspection of local authority children's services"
    assert m.authority_name == "Nottinghamshire County Council"
    assert (m.start_date, m.end_date) == (D(2019, 10, 7), D(2019, 10, 18))
    assert (m.lead_inspector, m.lead_inspector_role) == ("Margaret Burke", "Her Majesty's Inspector")
    assert grades(m) == {"impact-of-leaders": "good", "help-and-protection": "requires-improvement",
                         "children-in-care-and-care-leavers": "good", "overall-effectiveness": "good"}
    assert [j.area for j in m.judgements][:1] == ["The impact of leaders on social work practice with children and families"]


def test_2024_ilacs_report_after_the_split() -> None:
    m = extract_meta([ILACS_2024, "Inspection of Cumberland local authority children\u2019s services\n7 to 18 October 2024 2\n"], SCALES)
    assert (m.framework, m.variant, m.authority_name) == ("ilacs", "standard", "Cumberland")
    assert m.title == "Inspection of Cumberland local authority children's services"
    assert (m.start_date, m.end_date) == (D(2024, 10, 7), D(2024, 10, 18))
    assert (m.lead_inspector, m.lead_inspector_role) == ("Lisa Walsh", "His Majesty's Inspector")
    assert grades(m) == {"impact-of-leaders": "good", "help-and-protection": "requires-improvement",
                         "children-in-care": "good", "care-leavers": "good", "overall-effectiveness": "good"}
    hp = next(j for j in m.judgements if j.area_key == "help-and-protection")
    assert hp.grade == "Requires improvement to be good"


def test_2026_reformed_framework_has_no_overall_judgement() -> None:
    m = extract_meta([REFORMED_2026], SCALES)
    assert (m.framework, m.variant, m.authority_name) == ("ilacs-2026", "standard", "North Northamptonshire")
    assert (m.start_date, m.end_date, m.lead_inspector) == (D(2026, 5, 11), D(2026, 5, 22), "David Cohen")
    assert grades(m) == {"impact-of-leaders": "outstanding", "help-and-protection": "good",
                         "children-in-care": "good", "care-leavers": "good"}


def test_focused_visit_letter() -> None:
    m = extract_meta([FOCUSED_2018_P1, "Findings\n", FOCUSED_2018_P2], SCALES)
    assert (m.kind, m.framework) == ("ofsted-letter", "focused-visit")
    assert m.title == "Focused visit to Derbyshire County Council children's services"
    assert m.authority_name == "Derbyshire County Council"
    assert (m.start_date, m.end_date, m.document_date) == (D(2018, 2, 27), D(2018, 2, 28), D(2018, 3, 22))
    assert (m.lead_inspector, m.lead_inspector_role) == ("Caroline Walsh", "Her Majesty's Inspector")
    assert m.judgements == () and m.published is None


def test_missing_fields_are_none_with_warnings() -> None:
    m = extract_meta(["Some text that is not an Ofsted report at all.\n"], SCALES)
    assert (m.kind, m.framework, m.start_date, m.lead_inspector) == (None, None, None, None)
    assert "inspection framework not recognised" in m.warnings
    assert "inspection dates not found" in m.warnings


def test_grades_and_areas_are_the_frameworks_own() -> None:
    frameworks = {f["key"]: f for f in yaml.safe_load((ROOT / "data" / "frameworks.yaml").read_text(encoding="utf-8"))}
    for text in (SLAC_2011, CP_2013, COUNCIL_2014, ILACS_2019, ILACS_2024, REFORMED_2026,
                 SIF_2015_PAGE1 + SIF_2015_LSCB):
        m = extract_meta([text], SCALES)
        fw = frameworks[m.framework]
        words = {w.lower(): g for g in fw["scale"] for w in g["words"]}
        for j in m.judgements:
            assert j.area_key in {a["key"] for a in fw["areas"]}, (m.framework, j)
            assert words[j.grade.lower()]["key"] == j.grade_key and words[j.grade.lower()]["rank"] == j.rank, j


# --------------------------------------------------------------------------- the real corpus

SAMPLE = [  # across the years and frameworks; the test skips files the corpus lacks
    "reports/80418-norfolk/2013-08-16.pdf",
    "reports/80419-isle-of-wight/2014-11-19.pdf",
    "reports/80534-nottinghamshire/2015-07-20.pdf",
    "reports/80458-darlington/2018-05-21.pdf",
    "reports/80419-isle-of-wight/2019-01-07.pdf",
    "reports/80460-derbyshire/2019-09-19.pdf",
    "reports/80443-bury/2021-12-17.pdf",
    "reports/80560-st-helens/2023-09-04.pdf",
    "reports/2733690-cumberland/2024-11-26.pdf",
    "reports/80427-bath-and-north-east-somerset/2025-08-05.pdf",
    "reports/2637539-north-northamptonshire/2026-07-07.pdf",
    "reports/80449-bradford/2026-05-21.pdf",
]
GRADE_COLUMNS = {
    "overall_effectiveness_grade": ("overall-effectiveness",),
    "impact_of_leaders_grade": ("impact-of-leaders",),
    "help_and_protection_grade": ("help-and-protection",),
    "in_care_grade": ("children-in-care-and-care-leavers", "children-in-care"),
    "care_leavers_grade": ("care-leavers",),
}


def _table_date(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        return None


def test_corpus_sample_matches_the_table() -> None:
    if not (CORPUS / "inspections.csv").exists():
        pytest.skip(f"no corpus at {CORPUS}")
    from generator.ingest.pdftext import pdf_pages

    with (CORPUS / "inspections.csv").open(newline="", encoding="utf-8") as fh:
        rows = {r["corpus_path"]: r for r in csv.DictReader(fh)}
    with (ROOT / "bench" / "errata.csv").open(newline="", encoding="utf-8") as fh:
        for e in csv.DictReader(fh):  # the table's known errors, checked against the reports
            if e["corpus_path"] in rows:
                rows[e["corpus_path"]][e["field"]] = e["correct_value"]
    checked = 0
    for path in SAMPLE:
        if path not in rows or not (CORPUS / path).exists():
            continue
        row, m = rows[path], extract_meta(pdf_pages(CORPUS / path), SCALES)
        assert m.kind == "ofsted-report" and m.framework, path
        g = grades(m)
        for column, keys in GRADE_COLUMNS.items():
            want = row[column].strip()
            if want in ("", "data_unreadable", "inspection_pre_dates_judgement", "not_reported_post_reform"):
                continue
            got = next((g[k] for k in keys if k in g), None)
            assert got == want.replace(" ", "-"), (path, column)
            checked += 1
        if row["overall_effectiveness_grade"] == "not_reported_post_reform":
            assert m.framework == "ilacs-2026" and "overall-effectiveness" not in g, path
        for column, value in (("inspection_start_date", m.start_date), ("inspection_end_date", m.end_date)):
            if _table_date(row[column]):
                assert value == _table_date(row[column]), (path, column)
                checked += 1
        if row["inspector_name"].strip():
            assert " ".join((m.lead_inspector or "").lower().split()) == " ".join(row["inspector_name"].lower().split()), path
            checked += 1
        if row["inspection_framework"] in ("short", "standard"):
            assert m.variant == row["inspection_framework"], path
            checked += 1
    assert checked > 0


@pytest.mark.parametrize("dates, letter, start, end", [
    # Coventry 2018: the year is only the letter's
    ("on 30 and 31 January. The inspectors were", "22 February 2018", D(2018, 1, 30), D(2018, 1, 31)),
    # Camden 2018: "the" and "of" around the days
    ("on the 15 and 16 of May 2018. The inspectors were", "8 June 2018", D(2018, 5, 15), D(2018, 5, 16)),
    # a visit in December told in a January letter is of the year before
    ("on 12 and 13 December. The inspectors were", "20 January 2020", D(2019, 12, 12), D(2019, 12, 13)),
])
def test_focused_visit_dates_as_letters_write_them(dates: str, letter: str, start: dt.date, end: dt.date) -> None:
    page = FOCUSED_2018_P1.replace("22 March 2018", letter).replace("on 27 and 28 February 2018. The inspectors were", dates)
    m = extract_meta([page, "Findings\n", FOCUSED_2018_P2], SCALES)
    assert (m.start_date, m.end_date) == (start, end)
