"""How the site names and dates things in words: inspections, visits, a document's listing date."""
from __future__ import annotations

from generator.index.history import Inspection
from generator.model.dates import PartialDate, long_date
from generator.model.records import Document, Judgement
from generator.model.vocab import GRADE_LABELS, HEADLINE_STATUSES, NO_OVERALL_GRADE, VISIT_NAMES


def month_year(d: PartialDate) -> str:
    """"October 2019", or "2019" when the month is not known."""
    return long_date(PartialDate(d.year, d.month)) if d.month else str(d.year)


def inspection_title(insp: Inspection) -> str:
    """"Inspection of local authority children's services, October 2019"."""
    return f"{insp.framework.name}, {month_year(insp.start_date)}"


def listed_title(insp: Inspection) -> str:
    """A list's name for an inspection: a cited one by what is known of it (its cited title)."""
    return insp.cited.title if insp.cited is not None else inspection_title(insp)


def visit_name(insp: Inspection) -> str:
    """"focused visit", "joint inspection" … or "inspection"."""
    return VISIT_NAMES.get(insp.framework.key, "inspection")


def listed_date(doc: Document) -> PartialDate:
    """The date a document is listed under (feeds, the newest documents): published, else its own
    date, else the inspection's end."""
    return doc.published or doc.document_date or doc.end_date


def ordered_judgements(insp: Inspection) -> list[Judgement]:
    """An inspection's judgements in its framework's order of areas."""
    order = {a.key: i for i, a in enumerate(insp.framework.areas)}
    return sorted(insp.judgements, key=lambda j: order.get(j.area_key, 99))


def area_short_name(insp: Inspection, j: Judgement) -> str:
    """An area's short name ("Leaders"), else its name in the framework, else as written."""
    area = insp.framework.area(j.area_key)
    return area.short_name if area is not None else j.area


def area_grades(insp: Inspection) -> str:
    """"Leaders: Good; Help and protection: Good; …", in the framework's order of areas."""
    return "; ".join(f"{area_short_name(insp, j)}: {GRADE_LABELS[j.grade_key]}" for j in ordered_judgements(insp))


def headline_words(insp: Inspection) -> str:
    """The overall grade in a sentence ("Overall effectiveness: Good."); for an inspection with
    no overall grade, that, and its areas' grades; for others, why there is no grade."""
    if insp.headline is not None:
        area = insp.framework.area(insp.headline.area_key)
        return f"{area.name if area else insp.headline.area}: {GRADE_LABELS[insp.headline.grade_key]}."
    if insp.headline_status == NO_OVERALL_GRADE:
        return f"{HEADLINE_STATUSES[NO_OVERALL_GRADE]} (the reformed inspections of 2026 grade each area only). {area_grades(insp)}."
    return f"{HEADLINE_STATUSES[insp.headline_status]}."
