"""Earlier inspections a report or letter cites, read from its body's blocks.

Cited inspections: sentences naming an earlier inspection or visit with its date, or with
grades; one draft per dated inspection; a following sentence that only states grades ("The
local authority was judged to be good.") is added to it. Cheap substring tests run before
any pattern.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from generator.ingest.blocks import Block
from generator.ingest.draft import CitedDraft
from generator.ingest.grades import Scales

__all__ = ["cited_of"]


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
_MONTHS.update({m[:3]: i for i, m in enumerate(_MONTH_NAMES, 1)})
_MONTHS["sept"] = 9
_INSPECTION_WORD = re.compile(r"(?i)\b(?:inspect(?:ion|ions|ed)|(?:focused|monitoring) visits?|ilacs|sif|jtai)\b")
_CITE = re.compile(
    r"(?i)\b(?:last|previous|earlier|prior|preceding|most recent|former|first)\b[^.;]{0,50}?\b(?:inspection|inspections|visit|ilacs|sif)\b"
    r"|\b(?:inspection|inspected|focused visit|monitoring visit|jtai)\b[^.;]{0,130}?\b(?:19|20)\d\d\b"
    r"|\b(?:19|20)\d\d\b[^.;]{0,40}?\b(?:inspection|focused visit|monitoring visit|jtai)\b")
_DATE = re.compile(
    r"(?i)\b(?:(?:\d{1,2}\s+)?(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?,?\s+)?((?:19|20)\d\d)\b(?![–/-]\d)")
# Not Ofsted's inspections of the council's children's services: its children's homes,
# other inspectorates; nor the present inspection ("at the time of the inspection").
_NOT_CITED = re.compile(
    r"(?i)children.s (?:homes?|centres?)\b|inspectorate|\bhmic\b|\bcqc\b|care quality commission|\bhmip\b"
    r"|^\W*inspection dates?\b"
    r"|^this letter|findings of (?:a|the|this) (?:focused|monitoring) visit"
    r"|\b(?:at the time of|during|throughout|before|after|for|since|prior to) (?:the|this) (?:inspection|visit)\b"
    r"|\bthis (?:inspection|visit)\b")
_CHILDRENS_HOME = re.compile(r"children.?s (?:homes?|centres?)\b")
_CHEAP_WORDS = ("inspect", "visit", "ilacs", "jtai")
_HARD_EXCLUDE = ("children", "inspectorate", "hmi", "cqc", "care q", "this letter", "findings of", "inspection date")
_PREVIOUS = re.compile(r"(?i)\b(?:last|previous|earlier|most recent)\s+(?:[\w’'-]+\s+){0,3}?(?:inspection|visit)")
_AREAS = (
    ("capacity to improve", re.compile(r"(?i)capacity (?:for|to) improve")),
    ("help and protection", re.compile(r"(?i)help and protection|safeguarding services|safeguarding arrangements|protection of children|\bsafeguarding\b(?! children board)")),
    ("children looked after", re.compile(r"(?i)looked[- ]after|children in care|achieving permanence")),
    ("adoption", re.compile(r"(?i)\badoption\b")),
    ("care leavers", re.compile(r"(?i)care leavers")),
    ("leadership", re.compile(r"(?i)leadership|impact of leaders")),
    ("lscb", re.compile(r"(?i)safeguarding children board|\blscb\b")),
)
_SENT = re.compile(r"(?<=[.!?])[’”'\"]?\s+(?=[A-Z‘“(])")


def _framework_of(text: str, year: int | None) -> str | None:
    low = text.lower()
    if "focused visit" in low:
        return "focused-visit"
    if "monitoring visit" in low:
        return "monitoring-visit"
    if "joint targeted area inspection" in low or re.search(r"\bjtai\b", low):
        return "jtai"
    if "looked after children services" in low and "safeguarding" in low or "safeguarding and looked after" in low \
            or "safeguarding and arrangements for looked after" in low:
        return "slac"
    if "contact, referral and assessment" in low or "unannounced inspection" in low:
        return "cra-unannounced"
    if "single inspection" in low or re.search(r"\bsif\b", low) or "children in need of help and protection, children looked after" in low:
        return "sif"
    if re.search(r"\bilacs\b", low) or "inspection of local authority children" in low:
        return "ilacs"
    if year is not None and year <= 2012 and ("safeguarding" in low or "looked after" in low or "protection of children" in low):
        return "slac"  # the safeguarding and looked after children inspections of 2009–2012
    if "protection of children" in low or "child protection inspection" in low:
        return "cp-2012"
    if year is not None and re.search(r"(?i)\b(?:last|previous|most recent|prior|full|standard|ofsted) (?:full |standard |ofsted )?inspection", low) and "visit" not in low:
        if 2014 <= year <= 2017:
            return "sif"  # the single inspection framework's years
        if year >= 2019:
            return "ilacs"
    return None


@dataclass(frozen=True)
class _Grades:
    """Grades as sentences about earlier inspections state them (group 1 the grade)."""

    stated: re.Pattern[str]  # "judged to be good", "rated as requiring improvement"
    stated_for: re.Pattern[str]  # "inadequate for safeguarding": group 2 the area


@lru_cache(maxsize=4)
def _grade_patterns(scales: Scales) -> _Grades:
    grade = scales.pattern("all")
    return _Grades(
        re.compile(r"(?i)\b(?:judged|rated|found|was|were|be|as|remained|graded|judgement|judgements)\b"
                   r"(?:\s+(?:to\s+be|to|as|at|of|overall|all|both|still|also|consistently|again))*\s+[‘'\"]?"
                   rf"({grade})\b"),
        re.compile(rf"(?i)\b({grade})"
                   r"\s+(?:for|in)\s+(?:its\s+|the\s+)?([a-z’' -]{4,40}?)(?=\s+(?:and|in|at|but)\b|[,.;]|$)"),
    )


def _grades_of(text: str, scales: Scales, default: str = "overall effectiveness") -> tuple[tuple[str, str], ...]:
    """(what, grade) pairs a sentence states: "judged to be good", "the overall
    effectiveness … to be inadequate", "rated inadequate for safeguarding and adequate for
    looked after children". The area is the one named nearest before the grade, or after
    it with "for"; none named is the overall judgement (or `default`)."""
    patterns = _grade_patterns(scales)
    out: list[tuple[str, str]] = []
    if patterns.stated.search(text):
        for m in patterns.stated_for.finditer(text):
            area = next((name for name, rx in _AREAS if rx.search(m.group(2))), None)
            if area:
                out.append((area, scales.plain(m.group(1))))
        if out:
            return tuple(out)
    for clause in re.split(r";|\.\s|, (?:and|but|while|whereas) |\bwhile\b|\bwhereas\b|\bexcept\b", text):
        for m in patterns.stated.finditer(clause):
            grade = scales.plain(m.group(1))
            inside = scales.inside(grade)
            if inside is not None and inside.search(clause[: m.start(1)]):
                continue  # the tail of a longer grade: "good" of "require improvement to be good"
            before = clause[: m.start()]
            overall = "overall effectiveness" in before.lower()
            area = None
            best = -1
            for name, rx in _AREAS:
                for am in rx.finditer(before):
                    if am.start() > best:
                        best, area = am.start(), name
            if overall:
                what = "overall effectiveness" + (f" ({area})" if area in ("help and protection", "children looked after") else "")
            else:
                what = area or default
            if (what, grade) not in out:
                out.append((what, grade))
    return tuple(out)


_BETWEEN = re.compile(r"(?i)\b(?:since|following|(?<!looked )(?<!looked-)after|before|until|joining|joined|when|whereas|while)\b|[.;]")
_ACT = re.compile(r"(?i)\b(?:act|regulations|order)\s*$")


def _dated_inspection(sent: str, prev_end: int, m: re.Match[str]) -> bool:
    """Whether a date in a sentence is an inspection's: the inspection is named before it
    (since the previous date, with no other event in between: "the last inspection of this
    type in October 2009") or right after it ("the 2012 inspection"); not an Act's year."""
    before = sent[max(prev_end, m.start() - 150): m.start()]
    if _ACT.search(before):
        return False  # "the Children Act 2004"
    named = None
    for named in _INSPECTION_WORD.finditer(before):
        pass
    if named is not None and not _BETWEEN.search(before[named.end():]):
        return True
    after = sent[m.end(): m.end() + 30]
    hit = _INSPECTION_WORD.search(after)
    return hit is not None and not re.search(r"[,.;]", after[: hit.start()])


def cited_of(blocks: list[Block], scales: Scales) -> list[CitedDraft]:
    """Sentences that cite an earlier inspection, one draft per inspection date they name.

    Cheap tests first ("inspect"/"visit" in the block), then the patterns. A sentence that
    follows a citing one in the same item and states a grade without a date of its own
    ("The local authority was judged to be good.") adds its grades and text to it.
    """
    stated = _grade_patterns(scales).stated
    out: list[CitedDraft] = []
    s_index = 0
    for b in blocks:
        if b.heading:
            continue
        if b.number is None:
            s_index += 1
            anchor = f"s-{s_index}"
        else:
            anchor = f"p-{b.number}"
        low = b.text.lower()
        if "inspect" not in low and "visit" not in low:
            continue
        for piece in b.text.split("\n"):
            piece = piece.strip()
            if piece.startswith("- "):
                piece = piece[2:]
            last: CitedDraft | None = None
            for sent in _SENT.split(piece):
                sent = sent.strip()
                low = sent.lower()
                if not any(w in low for w in _CHEAP_WORDS):
                    # No inspection named: at most the grades of the citing sentence before.
                    if last is not None and not _DATE.search(sent) and stated.search(sent):
                        area = next((name for name, rx in _AREAS if rx.search(last.text)), "overall effectiveness")
                        grades = last.grades + tuple(g for g in _grades_of(sent, scales, area) if g not in last.grades)
                        last = CitedDraft(last.text + " " + sent, last.paragraph, last.year, last.month, last.framework, grades)
                        out[-1] = last
                    elif ("home" in low or "centre" in low) and _CHILDRENS_HOME.search(low):
                        last = None
                        break  # an item about a children's home or centre
                    else:
                        last = None
                    continue
                excluded = _NOT_CITED.search(sent)
                if excluded and excluded.group(0).lower().startswith(_HARD_EXCLUDE[:5]):
                    last = None
                    break  # the rest of the item is about a children's home or another inspectorate
                if excluded and excluded.group(0).lower().lstrip("* ").startswith(_HARD_EXCLUDE[5:]):
                    last = None
                    continue  # the letter's own visit
                if not _CITE.search(sent) or (excluded and not _PREVIOUS.search(sent)):
                    if last is not None and not _DATE.search(sent) and stated.search(sent):
                        area = next((name for name, rx in _AREAS if rx.search(last.text)), "overall effectiveness")
                        grades = last.grades + tuple(g for g in _grades_of(sent, scales, area) if g not in last.grades)
                        last = CitedDraft(last.text + " " + sent, last.paragraph, last.year, last.month, last.framework, grades)
                        out[-1] = last
                    else:
                        last = None
                    continue
                dates = []
                prev_end = 0
                for m in _DATE.finditer(sent):
                    year = int(m.group(2))
                    if 2000 <= year <= 2030 and _dated_inspection(sent, prev_end, m):
                        month = _MONTHS.get((m.group(1) or "").lower().rstrip("."))
                        dates.append((year, month, prev_end, m.start(), m.end()))
                    prev_end = m.end()
                grades = _grades_of(sent, scales)
                if not dates:
                    if not grades:
                        last = None
                        continue
                    out.append(last := CitedDraft(sent, anchor, None, None, _framework_of(sent, None), grades))
                    continue
                for k, (year, month, lead_from, start, end) in enumerate(dates):
                    if len(dates) == 1:
                        fw = _framework_of(sent[:end], year) or _framework_of(sent, year)
                        got = grades
                    else:
                        # Several inspections in one sentence: each is named before its date;
                        # its grades follow the date up to the next one (the first also takes
                        # what comes before it).
                        upto = dates[k + 1][3] if k + 1 < len(dates) else len(sent)
                        fw = _framework_of(sent[lead_from:end], year)
                        got = _grades_of(sent[(0 if k == 0 else start):upto], scales)
                    out.append(last := CitedDraft(sent, anchor, year, month, fw, got))
    return out
