"""Earlier inspections a report cites (generator.ingest.citations): dates, frameworks and
grades of the sentences that name them."""
from __future__ import annotations

from generator.ingest.body import extract_body
from tests.ingest import SCALES, page


def test_cited_inspection_sentences_with_dates_frameworks_and_grades() -> None:
    text = page(
        "1. A full inspection of safeguarding and looked after children services in Nottinghamshire took ",
        "place in March 2010 and found that the overall effectiveness of safeguarding services in ",
        "Nottinghamshire to be inadequate. The overall effectiveness of services for looked after ",
        "children was adequate. An unannounced inspection of Nottinghamshire County Council’s ",
        "contact, referral and assessment arrangements in February 2011 concluded that there had ",
        "been considerable progress. The inspection was carried out under the Children Act 2004.",
        "2. Since the last focused visit in January 2019, improvements have been made to ensure that ",
        "audits clearly evaluate the quality of social work practice. At the time of the inspection, ",
        "there were 388 children looked after, a reduction of 3% since March 2015.",
    )
    draft = extract_body([text], SCALES)
    got = [(c.paragraph, c.year, c.month, c.framework, c.grades) for c in draft.cited]
    assert got == [
        ("p-1", 2010, 3, "slac", (("help-and-protection", "inadequate"), ("children-in-care", "adequate"))),
        ("p-1", 2011, 2, "cra-unannounced", ()),
        ("p-2", 2019, 1, "focused-visit", ()),
    ]
    assert draft.cited[0].text.endswith("The overall effectiveness of services for looked after children was adequate.")
