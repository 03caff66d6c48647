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


# --------------------------------------------------------------------------- cited_in, one paragraph at a time

import datetime as dt  # noqa: E402

from generator.ingest.citations import cited_in, frameworks_by_date, names_pattern  # noqa: E402


def _read(text: str, before: str = "2024-01-01", elsewhere=None) -> list[tuple]:
    return [(c.year, c.month, c.framework, c.grades, c.doubt != "") for c in
            cited_in(text, "s-1", SCALES, dt.date.fromisoformat(before), elsewhere)]


def test_each_area_gets_the_grade_the_sentence_gives_it_and_no_grade_is_invented() -> None:
    got = _read("Since the last inspection in 2017, when services were judged good overall and leadership and "
                "services for care leavers rated as outstanding, leaders have kept up the pace.")
    assert got == [(2017, None, "sif", (("overall-effectiveness", "good"), ("leadership", "outstanding"),
                                        ("care-leavers", "outstanding")), False)]
    got = _read("The previous inspection of the local authority’s safeguarding arrangements and services for looked "
                "after children was in July 2012. The local authority was judged to be Good for safeguarding and "
                "Adequate for services for looked after children.", "2014-04-29")
    assert got == [(2012, 7, "slac", (("help-and-protection", "good"), ("children-in-care", "adequate")), False)]


def test_an_undated_mention_is_not_an_entry_and_what_services_are_now_is_not_a_grade() -> None:
    assert _read("The local authority was judged inadequate in previous inspections and has improved since.") == []
    assert _read("Since the last inspection, services have improved and are now good.") == []
    got = _read("Since the last inspection in 2019, services have improved and are now good.")
    assert got == [(2019, None, "ilacs", (), False)]


def test_inspections_of_other_things_are_not_the_councils() -> None:
    assert _read("- The local authority operates two children’s homes. Both were judged to be good in their most recent "
                 "Ofsted inspection in 2016.") == []
    assert _read("The last stand-alone fostering inspection in July 2013 judged the service as good.") == []
    others = names_pattern(["Cambridgeshire"])
    assert _read("Improvements made following the Ofsted inspection of Cambridgeshire in June 2014 include a new team.",
                 "2015-04-13", others) == []


def test_the_framework_from_the_words_or_the_date_and_where_neither_tells() -> None:
    assert frameworks_by_date(2016, None) == ("sif",)
    assert frameworks_by_date(2013, 11) == ("sif",)
    assert frameworks_by_date(2018, None) == ("ilacs", "sif")  # the last single framework inspections were in 2018
    assert frameworks_by_date(2013, None, "services for looked after children") == ("lac-2013",)
    assert frameworks_by_date(2012, 1, "arrangements for the protection of children") == ("slac",)
    got = _read("Since the last inspection in 2012, the service has deteriorated.", "2016-01-11")
    assert got == [(2012, None, None, (), True)]  # in doubt: not shown unless the history can place it
    got = _read("Areas for improvement, identified in a 2018 joint targeted area inspection and a 2019 Ofsted focus visit, "
                "have yet to be fully addressed.", "2022-03-07")
    assert [g[:3] for g in got] == [(2018, None, "jtai"), (2019, None, "focused-visit")]


def test_a_publication_date_gives_the_year_only_and_the_two_bullets_of_one_inspection_are_one() -> None:
    got = cited_in("- The previous inspection of the local authority’s safeguarding arrangements was published in July 2012. "
                   "The local authority was judged to be good.\n- The previous inspection of the local authority’s "
                   "services for children looked after was published in July 2012. The local authority was judged to be good.",
                   "s-14", SCALES, dt.date(2017, 1, 16))
    assert [(c.year, c.month, c.framework, c.published, c.grades) for c in got] == [
        (2012, None, "slac", True, (("help-and-protection", "good"), ("children-in-care", "good")))]


def test_a_grade_the_framework_did_not_have_is_left_out_with_a_note() -> None:
    got = cited_in("The previous inspection of the local authority’s safeguarding arrangements was in May 2012. The local "
                   "authority was judged to require improvement.", "s-8", SCALES, dt.date(2016, 11, 14))
    assert [(c.framework, c.grades) for c in got] == [("slac", ())]
    assert "requires-improvement" in got[0].note
