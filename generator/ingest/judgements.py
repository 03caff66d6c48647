"""Judgements read from a report's text: each area's grade, as its framework's table or prose
gives it, in the framework's scale (data/frameworks.yaml, through `grades.Scales`)."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from generator.ingest.draft import JudgementDraft
from generator.ingest.grades import Scales

__all__ = ["CP_AREAS", "LAC_AREAS", "ilacs_judgements", "record_judgements", "sif_judgements", "slac_judgements"]


def _judgement(area: str, key: str, grade_text: str, framework: str, scales: Scales) -> JudgementDraft | None:
    """The judgement of an area, if the grade is one of the framework's."""
    g = scales.read(grade_text, framework)
    if g is None:
        return None
    word, grade = g
    # The area as written, without the number of its place in a list ("1. Children who need
    # help and protection", "2.1 Adoption performance").
    area = re.sub(r"^\d(?:\.\d)?\.?\s+", "", " ".join(area.split())).rstrip(" :")
    return JudgementDraft(area=area, area_key=key, grade=word, grade_key=grade.key, rank=grade.rank)


def _verb_ahead(scales: Scales, either_case: bool = False) -> str:
    """A lookahead for a grade that starts with a verb, which stands right after its subject
    ("Children's services require improvement"); the verb's first letter in either case."""
    stems = [f"[{s[0].upper()}{s[0]}]{re.escape(s[1:])}" if either_case else re.escape(s) for s in scales.verb_stems()]
    return "(?=" + "|".join(stems) + ")" if stems else "(?!)"


# Areas: (key, label pattern). Labels are matched case-sensitively where a report's table
# writes them with a capital, so prose ("when overall effectiveness was good") is not a row.
_ILACS_AREAS: list[tuple[str, str]] = [
    ("impact-of-leaders", r"The impact of leaders on (?:social work )?practice with children and families"),
    ("help-and-protection", r"The experiences and progress of children who need help and protection"),
    ("children-in-care-and-care-leavers", r"The experiences and progress of children in care and care leavers"),
    ("children-in-care", r"The experiences and progress of children in care(?! and care)"),
    ("care-leavers", r"The experiences and progress of (?:children )?care leavers"),
    ("overall-effectiveness", r"Overall effectiveness"),
]
_SIF_AREAS: list[tuple[str, str]] = [
    ("help-and-protection", r"(?:1\.\s*)?(?:The experiences and progress of )?[Cc]hildren who need help and protection"),
    ("looked-after-and-permanence", r"(?:2\.\s*)?(?:The experiences and progress of )?[Cc]hildren looked after and achieving permanence"),
    ("adoption", r"(?:2\.1\.?\s*)?Adoption performance"),
    ("care-leavers", r"(?:2\.2\.?\s*)?(?:The )?[Ee]xperiences and progress of care leavers"),
    ("leadership-management-governance", r"(?:3\.\s*)?Leadership, management and governance"),
]
CP_AREAS: list[tuple[str, str]] = [
    ("overall-effectiveness", r"Overall effectiveness"),
    ("help-and-protection", r"The effectiveness of the help and protection provided to children, young people, families and carers"),
    ("quality-of-practice", r"The quality of practice"),
    ("leadership-and-governance", r"Leadership and governance"),
]
# The 2013 inspection of looked after children services: its record of main findings.
LAC_AREAS: list[tuple[str, str]] = [
    ("overall-effectiveness", r"Overall effectiveness(?! of)"),
    ("capacity-for-improvement", r"Capacity (?:for improvement|to improve)"),
    ("outcomes", r"Outcomes for looked after children(?: and young people)?"),
    ("quality-of-provision", r"Quality of provision"),
    ("leadership-and-management", r"Leadership and management"),
]
_SLAC_AREAS: list[tuple[str | None, str]] = [
    ("looked-after-overall-effectiveness", r"Overall effectiveness of services for looked after children(?: and young people)?"),
    ("overall-effectiveness", r"Overall effectiveness(?! of)"),
    ("capacity-for-improvement", r"Capacity (?:for improvement|to improve)"),
    ("safe-and-feel-safe", r"Children and young people are safe and feel safe"),
    ("quality-of-provision", r"Quality of provision"),
    ("ambition-and-prioritisation", r"Ambition and prioritisation"),
    ("leadership-and-management", r"Leadership and management"),
    ("performance-management-and-quality-assurance", r"Performance management and quality assurance"),
    ("partnership-working", r"Partnership working"),
    ("equality-and-diversity", r"Equality and diversity"),
    (None, r"Outcomes for looked after children(?: and young people)?"),
    (None, r"Being healthy"), (None, r"Staying safe"), (None, r"Enjoying and achieving"),
    (None, r"Making a positive contribution"), (None, r"Economic well-being"),
]
# What a council's paper says Ofsted judged ("Ofsted have judged that the experiences and
# progress of care leavers requires improvement"): the SIF area its words name.
_SIF_AREA_WORDS: list[tuple[str, str]] = [
    ("help-and-protection", r"children who need help and protection"),
    ("looked-after-and-permanence", r"children looked after and achieving permanence"),
    ("adoption", r"adoption performance"),
    ("care-leavers", r"progress of care leavers"),
    ("leadership-management-governance", r"leadership, management and governance"),
    ("lscb", r"Local Safeguarding Children Board|\bLSCB\b"),
]
# Between a row's label and its grade: spaces, a footnote marker, a colon or dash.
_ROW_GAP = r"\s*(?:\d{1,2}\s+)?[:\-–]?\s*"


def _rows(text: str, areas: list[tuple[str, str]], framework: str, scales: Scales,
          flags: int = 0) -> dict[str, JudgementDraft]:
    """The first "label grade" row of each area in the text."""
    out: dict[str, JudgementDraft] = {}
    for key, label in areas:
        m = re.search(rf"(?<![A-Za-z])({label}){_ROW_GAP}(?i:({scales.judged}))", text, flags)
        if m:
            j = _judgement(m.group(1), key, m.group(2), framework, scales)
            if j:
                out[key] = j
    return out


def ilacs_judgements(head: str, full_flat: Callable[[], str], scales: Scales) -> dict[str, JudgementDraft]:
    # the judgement table on page 1, else the section headings ("...: requires improvement to be good")
    m = re.search(r"Judgements?\s+Grades?\b", head)
    table = head[m.start(): m.start() + 1500] if m else head[:4000]
    found = _rows(table, _ILACS_AREAS, "ilacs", scales)
    if "children-in-care-and-care-leavers" in found:
        found.pop("children-in-care", None)
        found.pop("care-leavers", None)
    if len(found) < 4:
        body = _rows(full_flat(), [a for a in _ILACS_AREAS if a[0] != "overall-effectiveness"], "ilacs", scales)
        for k, j in body.items():
            if k not in found and not (k in ("children-in-care", "care-leavers") and "children-in-care-and-care-leavers" in found) \
                    and not (k == "children-in-care-and-care-leavers" and ("children-in-care" in found or "care-leavers" in found)):
                found[k] = j
    return found


_LSCB_NAME = r"(?:Local Safeguarding Children Board|local safeguarding children board|Local Safeguarding Children board|LSCB)"


@lru_cache(maxsize=4)
def _sif_patterns(scales: Scales) -> tuple[tuple[str, ...], tuple[re.Pattern[str], ...]]:
    """The sentences that state SIF's overall judgement, and the LSCB's."""
    grade, verb, verb_any_case = scales.judged, _verb_ahead(scales), _verb_ahead(scales, either_case=True)
    g = "(?i:(" + grade + "))"
    overall = (
        r"The overall judgement is (?:that )?(?:the )?(?:children's services? (?:in [^.]{1,80}? )?)?(?:are |is |" + verb + ")(" + grade + ")",
        r"Children's services (?:in [^.]{1,120}? )?(?:are |is |" + verb + ")(" + grade + ")",
        r"overall judgement (?:received )?(?:from Ofsted )?(?:was|is) '?(" + grade + ")",
    )
    lscb = tuple(re.compile(p) for p in (
        r"Local Safeguarding Children Board \(LSCB\)\s+(?:\d+\s+)?The Local Safeguarding Children(?: Board)? (?:\(LSCB\) )?(?:is |are |" + verb_any_case + ")" + g,
        r"The LSCB (?:is |" + verb + ")" + g + " because",
        r"[Ee]ffectiveness of the " + _LSCB_NAME + r"(?: \(LSCB\))?(?: in [A-Z][\w ]{1,40}?)?\s+(?:is\s+)?(?:judged to be\s+)?(?:is\s+)?" + g,
        r"The Local Safeguarding Children Board (?:\(LSCB\) )?(?:is |" + verb_any_case + ")" + g + r"(?=[\s.])",
    ))
    return overall, lscb


def sif_judgements(head: str, full_flat: Callable[[], str], is_council: bool, scales: Scales) -> dict[str, JudgementDraft]:
    overall, lscb = _sif_patterns(scales)
    out: dict[str, JudgementDraft] = {}
    top = head[:6000]
    if is_council:
        text = full_flat()
        for m in re.finditer(r"judged that (?:the )?(?:graded judgm?ent for )?(.{5,160}?) (?:is |are |" + _verb_ahead(scales) + ")("
                             + scales.judged + ")", text, re.I):
            area = m.group(1)
            for key, words in _SIF_AREA_WORDS:
                if re.search(words, area, re.I):
                    j = _judgement(area, key, m.group(2), "sif", scales)
                    if j and key not in out:
                        out[key] = j
                    break
        top = text
    else:
        out.update(_rows(top, _SIF_AREAS, "sif", scales, re.I))
    for p in overall:
        m = re.search(p, top, re.I)
        if m:
            j = _judgement("Overall effectiveness", "overall-effectiveness", m.group(1), "sif", scales)
            if j:
                out = {"overall-effectiveness": j, **out}
                break
    if "lscb" not in out:
        # on page 1 where the report puts it there, else at the head of the LSCB section
        for text in (top, None):
            for rx in lscb:
                m = rx.search(text if text is not None else full_flat())
                j = _judgement("Effectiveness of the Local Safeguarding Children Board", "lscb", m.group(1), "sif",
                               scales) if m else None
                if j:
                    out["lscb"] = j
                    break
            if "lscb" in out:
                break
    return out


def _record_region(tail: str, full_flat: Callable[[], str]) -> str:
    i = tail.rfind("Record of main findings")
    if i < 0:
        text = full_flat()
        i = text.rfind("Record of main findings")
        return text[i:i + 2500] if i >= 0 else ""
    return tail[i:i + 2500]


def record_judgements(tail: str, full_flat: Callable[[], str], areas: list[tuple[str, str]],
                      framework: str, scales: Scales) -> dict[str, JudgementDraft]:
    region = _record_region(tail, full_flat)
    found = _rows(region, areas, framework, scales) if region else {}
    if len(found) < len(areas):
        # "The overall effectiveness of ... is judged to be adequate", "The quality of practice is adequate"
        text = full_flat()
        for key, label in areas:
            if key in found:
                continue
            m = re.search(rf"({label})(?: of [^.]{{1,120}}?)? is (?:judged to be )?({scales.judged})", text, re.I)
            if m:
                j = _judgement(m.group(1), key, m.group(2), framework, scales)
                if j:
                    found[key] = j
    return found


def slac_judgements(tail: str, full_flat: Callable[[], str], warnings: list[str], scales: Scales) -> dict[str, JudgementDraft]:
    region = _record_region(tail, full_flat)
    if not region:
        return {}
    # sections of the record: safeguarding services, services for looked after children
    la = re.search(r"Services for looked after children", region)
    sg = re.search(r"Safeguarding services", region)
    out: dict[str, JudgementDraft] = {}
    section: dict[str, bool] = {}  # area key -> found in the looked after children section
    for key, label in _SLAC_AREAS:
        for m in re.finditer(rf"(?<![A-Za-z])({label}){_ROW_GAP}(?i:({scales.judged}))", region):
            in_la = la is not None and m.start() > la.start() and (sg is None or sg.start() < la.start() or m.start() < sg.start())
            k = key
            if key == "overall-effectiveness" and in_la:
                k = "looked-after-overall-effectiveness"
            if k is None:
                warnings.append(f"judgement on '{m.group(1)}' has no area in the framework")
                continue
            if k in out:
                if section[k] != in_la:
                    warnings.append(f"judgement on '{m.group(1)}' for looked after children has no area of its own "
                                    "in the framework: left out")
                continue
            j = _judgement(m.group(1), k, m.group(2), "slac", scales)
            if j:
                out[k] = j
                section[k] = in_la
    return out
