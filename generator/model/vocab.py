"""The one vocabulary: kinds of document and finding, grades, timescales and follow-up verdicts,
each with the words the site uses for it. Everything else imports these; nothing spells them
out again. Frameworks, their grade scales and areas are data (data/frameworks.yaml)."""
from __future__ import annotations

from dataclasses import dataclass

from generator.model.dates import MONTHS

__all__ = ["MONTHS", "DocumentKind", "DOCUMENT_KINDS", "DOCUMENT_KIND", "COUNCIL_RESPONSE", "FindingKind",
           "FINDING_KINDS", "FINDING_KIND", "TO_IMPROVE", "PARAGRAPH", "PARAGRAPH_LABEL", "TIMESCALES",
           "GRADE_LABELS", "HEADLINE_STATUSES", "OVERALL", "NO_OVERALL_GRADE", "CHANGES", "FOLLOWUP_LABELS", "KIND_OF_COUNCIL",
           "VISIT_NAMES", "CITED_AREAS", "CITATION_UNTOLD"]


@dataclass(frozen=True)
class DocumentKind:
    key: str
    label: str  # "Ofsted report", in a list of a page's documents
    short: str  # "report": "the report on Ofsted's website"
    from_label: str  # heading of the findings taken from it
    text_label: str  # heading of its full text
    feed_label: str  # in a feed entry's title
    secondary: bool  # a council's own account, not Ofsted's
    order: int  # an inspection's documents: Ofsted's first


DOCUMENT_KINDS = (
    DocumentKind("ofsted-report", "Ofsted report", "report", "From Ofsted's report", "Full text of Ofsted's report",
                 "Ofsted report", False, 0),
    DocumentKind("ofsted-letter", "Ofsted letter", "letter", "From Ofsted's letter", "Full text of Ofsted's letter",
                 "Ofsted letter", False, 1),
    DocumentKind("council-response", "Council's response (secondary source)", "paper",
                 "From the council's response (secondary source)", "Full text of the council's response",
                 "council's response", True, 2),
)
DOCUMENT_KIND = {k.key: k for k in DOCUMENT_KINDS}
COUNCIL_RESPONSE = "council-response"


@dataclass(frozen=True)
class FindingKind:
    key: str
    record_key: str  # the list that holds it in a record: improvements, priority_actions …
    label: str  # "Area for improvement"
    plural: str  # "areas for improvement"
    to_improve: bool  # something the council was asked to improve (followed through later inspections)


FINDING_KINDS = (
    FindingKind("improvement", "improvements", "Area for improvement", "areas for improvement", True),
    FindingKind("priority-action", "priority_actions", "Area for priority action", "areas for priority action", True),
    FindingKind("strength", "strengths", "Strength", "strengths", False),
    FindingKind("development-area", "development_areas", "Area for development", "areas for development", False),
)
FINDING_KIND = {k.key: k for k in FINDING_KINDS}
TO_IMPROVE = tuple(k.key for k in FINDING_KINDS if k.to_improve)
PARAGRAPH = "paragraph"  # a mention in report text, beside the finding kinds
PARAGRAPH_LABEL = "Report text"

TIMESCALES = {
    "immediately": "Immediately",
    "within-three-months": "Within three months",
    "within-six-months": "Within six months",
    "none-stated": "No timescale stated",
}

# The grades the site can show, each with its label and colour (docs/assets/*.css). A
# framework's scale in data/frameworks.yaml may only use these keys.
GRADE_LABELS = {"outstanding": "Outstanding", "good": "Good", "requires-improvement": "Requires improvement",
                "adequate": "Adequate", "inadequate": "Inadequate"}

# What stands for an inspection where one grade is shown (home, lists, timelines, feeds, open
# data), by status. Most graded frameworks give an overall effectiveness grade; the reformed
# framework of 2026 gives none, only its areas' grades, and is never shown as if it had one.
OVERALL = "overall-grade"
NO_OVERALL_GRADE = "no-overall-grade"
HEADLINE_STATUSES = {
    OVERALL: "Overall grade",
    NO_OVERALL_GRADE: "No overall grade",  # the framework gives none (2026): its areas' grades are listed instead
    "overall-not-recorded": "Overall grade not recorded",  # the framework gives one, but the record lacks it
    "not-graded": "Not graded",  # visits and letters
}

# How a council's latest overall grade compares with the one before it, in words.
CHANGES = {
    "better": "Better",
    "worse": "Worse",
    "same": "Same",
    "same-rank": "Same rank, different judgement",  # adequate (to 2013) beside requires improvement
    "not-comparable": "Cannot compare",  # one of the two has no overall grade
    "first": "No earlier grade",
}

# The areas a later document names when it gives an earlier inspection's grade, whatever the
# framework calls them ("services for children looked after were judged good"). Each area of
# data/frameworks.yaml lists, as `cited_as`, the names of these that stand for it there.
CITED_AREAS = {
    "overall-effectiveness": "overall effectiveness (or the whole service)",
    "help-and-protection": "help and protection, safeguarding or child protection",
    "children-in-care": "children looked after, children in care or permanence",
    "care-leavers": "care leavers",
    "children-in-care-and-care-leavers": "children in care and care leavers together",
    "adoption": "adoption",
    "leadership": "leadership, management and governance, or the impact of leaders",
    "lscb": "the local safeguarding children board",
    "capacity-for-improvement": "capacity to improve",
}

# The machine's doubt about a citation that names no framework its date leaves only one of: the
# history resolves it against the inspections of that year it could be (generator/index/history.py).
CITATION_UNTOLD = "the text does not say which kind of inspection it was"

# What a later document says of an earlier finding: the verdicts an editor can give
# (tests/followups/GUIDE.md defines them).
FOLLOWUP_LABELS = {
    "raised-again": "Raised again as something to improve",
    "still-a-concern": "Still a concern",
    "improved": "Improved",
    "mixed": "Mixed: some improvement, some still to do",
    "not-addressed": "Not addressed",
}

KIND_OF_COUNCIL = {
    "County": "county council",
    "Unitary Authority": "unitary authority",
    "Metropolitan District": "metropolitan borough council",
    "London Borough": "London borough council",
}

# How a sentence names an inspection of each framework ("the July 2022 focused visit"); others
# are "inspection".
VISIT_NAMES = {"focused-visit": "focused visit", "monitoring-visit": "monitoring visit", "jtai": "joint inspection",
               "cra-unannounced": "unannounced inspection"}
