"""Report and letter bodies from pdfium page text (generator.ingest.body), on real excerpts:
the pages' debris and cover cut, lines made into blocks, findings and cited inspections read.

The excerpts are pasted as pdfium gives them: one string per page, "\\n" line ends, U+FFFE
where a line ended in a hyphen, private-use bullet characters. A sample of the real corpus
is checked too when ../shared/corpus is present.
"""
from __future__ import annotations

import re
from collections import Counter

import pytest

from generator.ingest.body import extract_body
from tests.conftest import CORPUS
from tests.ingest import SCALES, page


# Nottinghamshire 2024 (ILACS): cover with the judgement table, a running header of two
# lines (title, dates + page number), "What needs to improve?" bullets, a paragraph (5)
# that goes on across a page break, pdfium's U+FFFE hyphen.
HEADER = "Inspection of Nottinghamshire County Council local authority children’s services"
ILACS = [
    page(
        "Inspection of Nottinghamshire County ",
        "Council local authority children’s ",
        "services ",
        "Inspection dates: 20 to 24 May 2024",
        "Lead inspector: Nicki Shaw, His Majesty’s Inspector",
        "Judgement Grade",
        "The impact of leaders on social work ",
        "practice with children and families",
        "Outstanding ",
        "The experiences and progress of ",
        "children who need help and protection",
        "Good ",
        "Overall effectiveness Good ",
        "The director of children’s services and the highly effective leadership team are ",
        "aspirational for children and young people in Nottinghamshire. Clear strategic ",
        "direction, effective partnerships and strong political and corporate support for ",
        "children’s services have sustained and improved services for children and families ",
        "since the last inspection in 2019. Significant investment in children’s services and the ",
        "ongoing transformation of the multi-agency safeguarding hub are helping children to ",
        "receive support at the earliest opportunity. This is ensuring children receive the right ",
        "support at the right time.",
    ),
    page(
        HEADER,
        "20 to 24 May 2024 2",
        "What needs to improve?",
        "◼ Consistency in convening and undertaking strategy meetings.",
        "◼ The quality of target setting in personal education plans, with a clear focus on ",
        "precisely what needs to improve or the intended result for children in care. ",
        "The experiences and progress of children who need help and ",
        "protection: good ",
        "1. Children and their families benefit from a range of early help support tailored to ",
        "their needs. Comprehensive early help assessments include all family members, ",
        "and children’s views are gathered using a wide range of tools. ",
        "2. Contacts and referrals are managed swiftly and efficiently by experienced and ",
        "skilled social workers in the multi-agency safeguarding hub. Professionals ",
        "understand levels of need and provide detailed information to support decision\ufffemaking. Social workers make effective use of children’s histories to inform the ",
        "analysis of risk and need, and timely and proportionate decision-making.",
        "5. Strategy discussions are well attended by the right professionals and ",
        "comprehensively consider children’s risks and needs. Most decisions are ",
        "proportionate and congruent with the information shared. However, for a small ",
        "number of children, strategy discussions have not taken place when the ",
    ),
    page(
        HEADER,
        "20 to 24 May 2024 3",
        "threshold was met. When risk escalates, timely assessments are initiated in ",
        "which children are seen, their history is considered and risks carefully analysed. ",
        "Decisions to escalate to a child protection conference are well considered. ",
        "6. Child protection conference summaries and minutes are clear, outlining plans to ",
        "reduce risks to children. Most children are stepped up or stepped down appropriately ",
        "between child protection and child\ufffein-need plans as risks and needs change. ",
    ),
    page(
        HEADER,
        "20 to 24 May 2024 4",
        "7. Diligent and effective tracking underpins appropriate use of the pre\ufffeproceedings stage of the Public Law Outline for children. Robust management ",
        "oversight enables any potential delays to be identified and tackled promptly. ",
        "The experiences and progress of children in care: good ",
        "8. Children become looked after when it is their best interests to do so. When ",
        "children cannot return home safely, timely decisions are made to ensure work ",
        "to provide a permanent and stable home is progressed promptly.",
    ),
]


def test_ilacs_running_header_cover_and_page_break() -> None:
    draft = extract_body(ILACS, SCALES)
    text = "\n".join(b.text for b in draft.blocks)
    assert HEADER not in text and "May 2024" not in text
    assert "Judgement" not in text and "Lead inspector" not in text  # the cover is not body
    assert draft.blocks[0].text.startswith("The director of children’s services")
    numbered = {b.number: b.text for b in draft.blocks if b.number is not None}
    assert sorted(numbered) == [1, 2, 5, 6, 7, 8]
    assert any("5 follows 2" in w for w in draft.warnings)  # the excerpt skips 3 and 4
    # Paragraph 5 goes on across the page break; U+FFFE is the hyphen of a compound.
    assert numbered[5].endswith("when the threshold was met. When risk escalates, timely assessments are "
                                "initiated in which children are seen, their history is considered and risks "
                                "carefully analysed. Decisions to escalate to a child protection conference are well considered.")
    assert "decision-making. Social workers" in numbered[2] and "child-in-need plans" in numbered[6]
    assert numbered[7].startswith("Diligent and effective tracking underpins appropriate use of the pre-proceedings stage")
    headings = [(b.heading, b.text) for b in draft.blocks if b.heading]
    assert headings == [
        (2, "What needs to improve?"),
        (2, "The experiences and progress of children who need help and protection: good"),
        (2, "The experiences and progress of children in care: good"),
    ]
    bullets = draft.blocks[draft.blocks.index(next(b for b in draft.blocks if b.heading)) + 1]
    assert bullets.text == (
        "- Consistency in convening and undertaking strategy meetings.\n"
        "- The quality of target setting in personal education plans, with a clear focus on precisely what "
        "needs to improve or the intended result for children in care."
    )
    assert [(f.text[:30], f.timescale, f.paragraph) for f in draft.improvements] == [
        ("Consistency in convening and u", "none-stated", None),
        ("The quality of target setting ", "none-stated", None),
    ]
    assert [(c.year, c.framework, c.paragraph) for c in draft.cited] == [(2019, "ilacs", "s-1")]


# Luton 2016 (SIF): page numbers alone at the top, numbered recommendations, a footnote
# marker stuck to a heading ("area2") with its footnote under a rule line, and the
# "Previous Ofsted inspections" list that cites two earlier inspections.
SIF = [
    page(
        "5",
        "The local authority",
        "Information about this local authority area2",
        "Previous Ofsted inspections",
        "\uf06e The previous inspection of the local authority’s safeguarding services for children ",
        "and young people was in April 2012. The local authority was judged to be good.",
        "\uf06e The previous inspection of the local authority’s services for children looked after",
        "was also in April 2012. The local authority was judged to be adequate.",
        "\uf06e The local authority operates one children’s home. This home was judged to be ",
        "good in its most recent Ofsted inspection.",
        "Children looked after in this area ",
        "\uf06e At 30 November 2015, 388 children were being looked after by the local authority ",
        "(a rate of 71 per 10,000 children). Of this number:",
        "\uf02d 181 (47%) live outside the local authority area",
        "\uf02d 24 live in residential children’s homes, of whom 79% live outside the ",
        "authority area",
        " ",
        "2",
        "The local authority was given the opportunity to review this section of the report and has updated it ",
        "with local unvalidated data where this was available.",
    ),
    page(
        "8",
        "Recommendations",
        "1. Significantly reduce the average size of social workers’ caseloads in the rapid ",
        "intervention and assessment team.",
        "2. Ensure that professionals routinely receive feedback on the response to, and ",
        "progress of, referrals that they have made to children’s social care. ",
        "3. Ensure that all staff receive regular, high-quality supervision that is ",
        "appropriately challenging and provides a robust audit trail of decisions taken ",
        "and action agreed. Ensure that managers have appropriate training to support ",
        "this. ",
    ),
    page(
        "9",
        "4. Ensure that life story work is completed with children who are in the process ",
        "of being adopted, so that they are well prepared before they move in with ",
        "their adoptive families.",
        "Summary for children and young people",
        "\uf06e Children and families in Luton are able to get the help and support that they need ",
        "when they first need it.",
    ),
]


def test_sif_recommendations_footnotes_and_previous_inspections() -> None:
    draft = extract_body(SIF, SCALES)
    assert [(f.paragraph, f.timescale, f.text.split()[0]) for f in draft.improvements] == [
        (1, "none-stated", "Significantly"), (2, "none-stated", "Ensure"),
        (3, "none-stated", "Ensure"), (4, "none-stated", "Ensure"),
    ]
    texts = [b.text for b in draft.blocks]
    assert "Information about this local authority area" in texts  # the marker "2" is gone
    assert texts[-1] == ("2 The local authority was given the opportunity to review this section of the report "
                         "and has updated it with local unvalidated data where this was available.")
    assert not any(re.fullmatch(r"\d+", t.strip()) for t in texts)  # page numbers
    nested = next(t for t in texts if t.startswith("- At 30 November 2015"))
    assert nested.endswith("Of this number:\n  - 181 (47%) live outside the local authority area\n"
                           "  - 24 live in residential children’s homes, of whom 79% live outside the authority area")
    assert [(c.year, c.month, c.framework, c.grades) for c in draft.cited] == [
        (2012, 4, "slac", (("help-and-protection", "good"), ("children-in-care", "adequate"))),
    ]  # one inspection with its two grades; not the children's home
    assert "The local authority was judged to be good." in draft.cited[0].text
    assert draft.cited[0].paragraph == "s-1"


# Nottingham 2020 focused visit: letterhead and address, "Areas for priority action" and
# "What needs to improve in this area of social work practice", the sign-off.
LETTER = [
    page(
        "Ofsted", "Piccadilly Gate", "Store Street", "Manchester", "M1 2WD", "T 0300 123 1231",
        "Textphone 0161 618 8524", "enquiries@ofsted.gov.uk", "www.gov.uk/ofsted",
        "27 February 2020", "Catherine Underwood", "Nottingham", "Station Street", "Nottingham", "NG2 3NG",
        "Dear Ms Underwood",
        "Focused visit to Nottingham City Council children’s services",
        "This letter summarises the findings of a focused visit to Nottingham City Council",
        "children’s services on 4 February 2020. The inspectors were Paula Thomson-Jones,",
        "Her Majesty’s Inspector, Amanda Maxwell, Her Majesty’s Inspector, and ",
        "Caroline Walsh, Her Majesty’s Inspector.",
        "Overview",
        "Nottingham City Council children’s services were last inspected by Ofsted in ",
        "November 2018 and were judged to require improvement to be good. At this ",
        "focused visit, inspectors found that the experience of children in need of help and ",
        "protection has deteriorated since the last inspection.",
    ),
    page(
        "Areas for priority action",
        "◼ Address the systemic failures in social work practice to ensure that planning and ",
        "intervention for children improve their experiences, and that new and emerging ",
        "risks are identified and responded to.",
        "◼ Stabilise the workforce and address the significant shortfall in capacity to enable ",
        "social workers and first line managers to respond effectively to children in need of ",
        "help and protection.",
        "What needs to improve in this area of social work practice",
        "◼ The quality of assessments and plans to ensure that they accurately evaluate risk",
        "and address the needs of children.",
        "◼ Management oversight of work to provide effective support and challenge that ",
        "improve the quality of work undertaken with children and ensure that children are ",
        "not left at risk of harm. ",
        "Findings",
        "◼ Some children who are identified as needing social work assessments, but who ",
        "are not at immediate risk, are not allocated or seen by social workers quickly ",
        "enough.",
        "Ofsted will take the findings from this focused visit into account when planning your ",
        "next inspection or visit. This letter will be published on the Ofsted website.",
        "Yours sincerely",
        "Paula Thomson-Jones",
        "Her Majesty’s Inspector",
    ),
]


def test_focused_visit_letter() -> None:
    draft = extract_body(LETTER, SCALES)
    texts = [b.text for b in draft.blocks]
    assert texts[0] == "Focused visit to Nottingham City Council children’s services" and draft.blocks[0].heading == 2
    joined = "\n".join(texts)
    for debris in ("Piccadilly", "M1 2WD", "Station Street", "Dear Ms", "Yours sincerely", "27 February 2020"):
        assert debris not in joined
    assert [f.text[:24] for f in draft.priority_actions] == ["Address the systemic fai", "Stabilise the workforce "]
    assert [(f.text[:24], f.timescale) for f in draft.improvements] == [
        ("The quality of assessmen", "none-stated"), ("Management oversight of ", "none-stated"),
    ]
    assert draft.improvements[0].text == "The quality of assessments and plans to ensure that they accurately evaluate risk and address the needs of children."
    assert texts[-1].startswith("Ofsted will take the findings") and texts[-1].endswith("on the Ofsted website.")
    assert [(c.year, c.month, c.grades) for c in draft.cited] == [(2018, 11, (("overall-effectiveness", "requires-improvement"),))]
    assert all(b.number is None for b in draft.blocks)


def test_markdown_conversions_use_the_text_converter() -> None:
    # South Tyneside 2013, from the seed conversion (blank lines between blocks).
    md = (
        "Areas for improvement\n\n"
        "3. In order to improve the quality of help and protection given to children and young people "
        "in South Tyneside, the local authority and its partners should take the following action.\n\n"
        "Immediately:\n\n"
        "- ensure that all child protection enquiries comply with statutory guidance\n\n"
        "Within three months:\n\n"
        "- ensure that all social workers within children's social care have manageable caseloads\n\n"
        "About this inspection\n\n"
        "4. This inspection was unannounced.\n"
    )
    draft = extract_body([md], SCALES)
    assert [b.number for b in draft.blocks if b.number] == [3, 4]
    assert [(f.timescale, f.paragraph) for f in draft.improvements] == [("immediately", 3), ("within-three-months", 3)]


# --------------------------------------------------------------------------- real corpus

SAMPLE = {
    "reports/80418-norfolk/2013-08-16.pdf": "2013",
    "reports/80432-bolton/2014-03-21.pdf": "sif",
    "reports/80534-nottinghamshire/2015-07-20.pdf": "sif",
    "reports/80520-luton/2016-03-29.pdf": "sif",
    "reports/80449-bradford/2018-10-29.pdf": "ilacs",
    "reports/80534-nottinghamshire/2019-12-19.pdf": "ilacs",
    "reports/80534-nottinghamshire/2024-07-12.pdf": "ilacs",
    "reports/2637548-west-northamptonshire/2026-07-07.pdf": "ilacs",
    "focused-visits/80534-nottinghamshire/2019-02-01.pdf": "letter",
    "focused-visits/80533-nottingham/2020-02-27.pdf": "letter",
}


def _recurring(pages: list[str]) -> list[str]:
    """Lines (over 15 characters) found on at least half of a document's pages."""
    seen: Counter[str] = Counter()
    for p in pages:
        seen.update({" ".join(x.split()) for x in p.split("\n") if len(x.strip()) > 15})
    need = max(3, len(pages) // 2)
    return [x for x, n in seen.items() if n >= need]


@pytest.mark.parametrize("name", sorted(SAMPLE))
def test_corpus_sample(name: str) -> None:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus not present: {path}")
    from generator.ingest.pdftext import pdf_pages

    pages = pdf_pages(path)
    draft = extract_body(pages, SCALES)
    kind = SAMPLE[name]
    numbers = [b.number for b in draft.blocks if b.number is not None]
    if kind != "letter":
        assert numbers and numbers == list(range(1, len(numbers) + 1)), "paragraphs 1, 2, 3 … without gaps"
    assert not [w for w in draft.warnings if "follows" in w or "restarts" in w]
    text = "\n".join(b.text for b in draft.blocks)
    assert not [x for x in _recurring(pages) if x in text], "a running header or footer is left"
    assert not re.search(r"(?m)^\d{1,3}$", text), "a page number is left"
    assert "\ufffe" not in text and "Crown copyright" not in text
    assert draft.improvements, "every sampled document has improvements"
    if kind == "2013":
        assert {f.timescale for f in draft.improvements} == {"immediately", "within-three-months", "within-six-months"}
    if kind == "sif":
        assert all(f.paragraph is not None for f in draft.improvements)
    if name.endswith("nottingham/2020-02-27.pdf"):
        assert len(draft.priority_actions) == 2
