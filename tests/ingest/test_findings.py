"""Findings (generator.ingest.findings): what needs to improve, with timescales, and where a
finding stands, read from real excerpts of a report and a letter."""
from __future__ import annotations

from generator.ingest.body import extract_body
from tests.ingest import SCALES, page


# Kent 2013 (inspection of looked after children services): a running header with the page
# number stuck to it, "Areas for improvement" with timescale subheads and ▪ bullets (U+F0A7).
KENT_HEADER = "Kent County Council Inspection of looked after children services"
CP2013 = [
    page(
        f"{KENT_HEADER} 5",
        "20. The number of custodial remands for looked after children, although ",
        "declining, remains high and the impact of seeking to secure remand foster ",
        "carers to provide a stable family environment is still in its infancy. ",
        "21. Care leavers currently receive an unsatisfactory service, with evidence that ",
        "some young people are without effective support and involvement from ",
        "personal advisors.",
        "Areas for improvement",
        "22. In order to improve the quality of provision and services for looked after ",
        "children and young people in Kent, the local authority should take the ",
        "following action.",
        "Immediately:",
        "\uf0a7 improve the quality of supervision and management oversight in ",
        "casework",
        "\uf0a7 ensure that the voice of the child contributes effectively to care ",
        "planning and service delivery.",
    ),
    page(
        f"{KENT_HEADER} 6",
        "Within three months:",
        "\uf0a7 improve looked after children’s participation in and ownership of PEPs ",
        "and Pathway Planning",
        "\uf0a7 improve the timeliness of care proceedings.",
        "Within six months:",
        "\uf0a7 ensure there is sufficient and suitable accommodation available for ",
        "care leavers.",
    ),
    page(
        f"{KENT_HEADER} 7",
        "Outcomes for looked after children and young ",
        "people",
        "Grade 3 (adequate)",
        "23. Outcomes for looked after children and young people are adequate.",
    ),
]


def test_timescale_subheads_of_older_reports() -> None:
    draft = extract_body(CP2013, SCALES)
    assert all(KENT_HEADER not in b.text for b in draft.blocks)
    assert [(f.timescale, f.paragraph, f.text) for f in draft.improvements] == [
        ("immediately", 22, "improve the quality of supervision and management oversight in casework"),
        ("immediately", 22, "ensure that the voice of the child contributes effectively to care planning and service delivery."),
        ("within-three-months", 22, "improve looked after children’s participation in and ownership of PEPs and Pathway Planning"),
        ("within-three-months", 22, "improve the timeliness of care proceedings."),
        ("within-six-months", 22, "ensure there is sufficient and suitable accommodation available for care leavers."),
    ]
    assert [b.number for b in draft.blocks if b.number] == [20, 21, 22, 23]
    heads = [(b.heading, b.text) for b in draft.blocks if b.heading]
    assert heads[-2:] == [(2, "Outcomes for looked after children and young people"), (3, "Grade 3 (adequate)")]


# West Sussex 2020 focused visit: the areas for improvement stated in a paragraph that
# leads into the one new area.
LETTER_PARAGRAPH = [
    page(
        "Dear Ms Butler",
        "Focused visit to West Sussex children’s services",
        "This letter summarises the findings of a focused visit to West Sussex children’s ",
        "services on 20 October 2020. The visit was carried out by Tracey Scott, Margaret ",
        "Burke, Joy Howick, Dominic Stevens and Kathryn Moles, Her Majesty’s Inspectors.",
        "Practitioners are tentatively optimistic about the future. They have noticed and ",
        "welcomed a shift in culture and the increased visibility of managers. Management ",
        "oversight and supervision, while mostly regular, are not consistently addressing the ",
        "lack of progress of plans to ensure that children’s daily lives are improved.",
        "What needs to improve in this area of social work practice",
        "The areas for improvement continue to be those that were identified at the ILACS ",
        "inspection in February 2019, with one additional area for improvement that was ",
        "known to leaders and is highlighted within their self-evaluation:",
        "◼ the timeliness of assessment of disabled children’s needs and the subsequent ",
        "provision of support.",
        "Findings",
        "◼ Most children receive a timely and appropriate response when contacts are ",
        "received into the Multi-Agency Safeguarding Hub.",
    ),
]


def test_letter_improvements_after_a_lead_in_paragraph() -> None:
    draft = extract_body(LETTER_PARAGRAPH, SCALES)
    assert [f.text for f in draft.improvements] == [
        "the timeliness of assessment of disabled children’s needs and the subsequent provision of support."]
    cited = [(c.year, c.month, c.framework) for c in draft.cited]
    assert cited == [(2019, 2, "ilacs")]  # not the visit the letter reports on
    heading = next(i for i, b in enumerate(draft.blocks) if b.text.startswith("What needs to improve"))
    assert draft.blocks[heading].heading == 2
    assert draft.blocks[heading - 1].text.endswith("children’s daily lives are improved.")
