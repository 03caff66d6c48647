"""How the site names and dates things in words: inspections, visits, a document's listing date."""
from __future__ import annotations

from generator.index.history import Inspection
from generator.model.dates import PartialDate, long_date
from generator.model.records import Document
from generator.model.vocab import VISIT_NAMES


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
