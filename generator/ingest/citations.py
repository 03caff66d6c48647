"""Earlier inspections a report or letter cites, read from its text.

A citation is a sentence that names an earlier inspection or visit of the council's
children's services with its date: "The last inspection of the local authority's services
for children looked after was in January 2012. The local authority was judged to be good."
Each dated inspection a paragraph names is one `CitedDraft`: its year (and month, where the
text gives one), its framework where the words or the date tell it, and the grades the text
states for it, each with the area the text names (`vocab.CITED_AREAS`).

Only what the text says: a grade is taken only from a past judgement ("was judged to be
good", "when services were found to be inadequate", "have remained outstanding"), never
from what the report says of services now ("are now good"); an area is the one the sentence
names for that grade, or the subject of the inspection ("the inspection of … services for
children looked after … The local authority was judged to be good"); an undated mention ("the
last inspection") gives nothing. Inspections of other things (children's homes, fostering or
adoption agencies, other inspectorates' work) are not cited inspections of the council.

A draft carries `doubt`, why it should not be shown as fact ("" when nothing is in doubt):
the framework is not told, a grade's area is unclear.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from generator.ingest.draft import CitedDraft
from generator.ingest.grades import Scales
from generator.model.vocab import CITATION_UNTOLD

__all__ = ["cited_in", "cited_of", "frameworks_by_date", "names_pattern"]

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
_MONTHS.update({m[:3]: i for i, m in enumerate(_MONTH_NAMES, 1)})
_MONTHS["sept"] = 9

# A date: "January 2012", "12 May 2015", "2016"; not a range or a financial year ("2014-15",
# "2016/17"), nor a number inside a longer one.
_DATE = re.compile(
    r"(?i)(?<![\d/£.,])(?:(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(january|february|march|april|may|june|july|august|september"
    r"|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?,?\s+)?((?:19|20)\d\d)\b"
    r"(?!\s*[–/-]\s*\d)(?!\d|,\d)")
# What names an inspection or visit. A bare "visit" only after "last", "previous" or the like.
_EVENT = re.compile(
    r"(?i)\b(?:re-?inspect(?:ion|ions|ed)|inspect(?:ion|ions|ed))\b(?!\s+(?:and\s+improvement\s+)?(?:board|framework|handbook|readiness|preparation|team|schedule))"
    r"|\b(?:focused|focus|monitoring)\s+(?:assurance\s+)?visits?\b"
    r"|\bjtai\b|\bilacs\b|\bslac\b|\bsif\b|\b(?:last|previous|earlier|latest|recent|prior)\s+visit\b")
_GRADED_EVENT = re.compile(r"(?i)\b(?:judged|rated|graded)\b")  # "were judged inadequate in 2019"
# The words around an inspection that make it an inspection of something else.
_OTHER = re.compile(
    r"(?i)children.?s (?:homes?|centres?)\b|\bhomes? (?:for|run by)\b|\bresidential\b|\bfostering\b|"
    r"\badoption (?:service|agency|agencies|inspection)|\bshort[- ]term breaks?|\bunits?\b|\bvoluntary adoption|\bregional adoption|\bschools?\b|\bacadem(?:y|ies)\b"
    r"|\bnurser(?:y|ies)\b|\bearly years\b|\bcollege\b|\byouth offending|\byouth justice|\bprobation\b|\bprisons?\b"
    r"|\bpolice\b|\bhmic(?:frs)?\b|\bhmi ?p\b|\bcqc\b|care quality commission|\bhealth (?:services?|inspection)|\bhospital"
    r"|\bsecure (?:unit|home|children)|\bshort breaks? (?:unit|service)|\bsend\b|special educational needs"
    r"|\blocal area\b|(?<!joint )\bthematic\b|\bmock\b|\bmulti-remit|\bpupils?\b|\bpeer review|\bserious case review|\bsafeguarding practice review|\binspectorates?\b")
# A sentence about a home or unit the council runs ("The local authority also operates a
# short-term break unit judged good at the full inspection in September 2013").
_OPERATES = re.compile(r"(?i)\b(?:operates|runs|provides)\b[^.;]*\b(?:homes?|units?|centres?|short[- ]term breaks?)\b")
_THIS = re.compile(r"(?i)\b(?:this|the current|the present|these)\s+(?:\w+\s+){0,2}?(?:inspection|visit)\b"
                   r"|\bsummarises the findings of\b|\bfindings of (?:a|the|this) (?:focused|monitoring|assurance) visit\b"
                   r"|\b(?:at|during|throughout|for) the (?:time of the )?(?:inspection|visit)\b|\binspection dates?\b"
                   r"|\bdate of (?:the )?inspection\b|\binspectors?\b(?! judged)")
_PUBLISHED = re.compile(r"(?i)\bpublished\s+(?:in\s+|on\s+)?$")
_ACT = re.compile(r"(?i)\b(?:act|regulations|order|guidance|census|framework)\s*$")

# Between an inspection's name and its date, words that end the inspection's phrase: another
# event, or a clause of its own.
_BREAK = re.compile(
    r"(?i)[.;:!?]|\b(?:since|following|until|before|when|whereas|while|which|who|where|because|although|however)\b"
    r"|(?<!looked )(?<!looked-)\bafter\b|\b(?:has|have|had)\s+(?!been\b)\w+|\b(?:has|have|had) been (?!judged|rated|found|graded)")

# Words for each framework, tried in this order on the inspection's own phrase.
_NAMED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("focused-visit", re.compile(r"(?i)\bfocus(?:ed)? (?:assurance )?visit")),
    ("monitoring-visit", re.compile(r"(?i)\bmonitoring visit")),
    ("jtai", re.compile(r"(?i)\bjoint (?:targeted |thematic )?(?:area )?inspection|\bjtai\b")),
    ("cp-2012", re.compile(r"(?i)arrangements for the protection of children|child protection inspection|inspection of child protection")),
    ("cra-unannounced", re.compile(r"(?i)contact,? referral and assessment|\bunannounced inspection")),
    ("slac", re.compile(r"(?i)\bslac\b|safeguarding and looked[- ]after|safeguarding and (?:arrangements for )?(?:children )?looked[- ]after")),
    ("sif", re.compile(r"(?i)\bsingle inspection\b|\bsif\b|children in need of help and protection,? children looked after")),
    ("ilacs", re.compile(r"(?i)\bilacs\b|inspection of local authority children.s services|\b(?:standard|short) inspection")),
)
_LOOKED_AFTER = re.compile(r"(?i)looked[- ]after|children in care|\bcare leavers\b")
_PROTECTION = re.compile(r"(?i)\bsafeguarding\b|protection of children|child protection|\bprotection\b")


def frameworks_by_date(year: int, month: int | None, words: str = "") -> tuple[str, ...]:
    """The frameworks an inspection of the council's children's services can be of, from its
    date (and `words`, the phrase that names it): one when the date (or the words and the
    date) leave one. The single inspection framework ran from November 2013 to 2017, ILACS
    from 2018; before, the safeguarding and looked after children inspections (to 2012), the
    child protection inspections (2012–13), the looked after children inspections (2013) and
    the annual unannounced inspections (to 2012)."""
    looked_after = bool(_LOOKED_AFTER.search(words))
    protection = bool(_PROTECTION.search(words))
    if year >= 2026:
        return ("ilacs-2026", "ilacs")
    if year >= 2019:
        return ("ilacs",)
    if year == 2018:
        # the last inspections of the single framework were in the first half of 2018
        return ("ilacs",) if month is not None and month >= 6 else ("ilacs", "sif")
    if year >= 2014 or (year == 2013 and month is not None and month >= 11):
        return ("sif",)
    if year == 2013:
        if looked_after and not protection:
            return ("lac-2013",)
        if protection and not looked_after:
            return ("cp-2012",)
        return ("cp-2012", "lac-2013", "sif")
    if year == 2012:
        if looked_after:
            return ("slac",)  # the 2013 looked after children inspections began in 2013
        if re.search(r"(?i)child protection", words) and not re.search(r"(?i)safeguarding", words):
            return ("cp-2012",) if month is None or month >= 5 else ("slac",)
        if protection:
            if month is not None:
                return ("slac",) if month <= 5 else ("cp-2012",)
            return ("slac", "cp-2012")
        return ("slac", "cp-2012", "cra-unannounced")
    if looked_after or protection:
        return ("slac",)
    return ("slac", "cra-unannounced")


@dataclass(frozen=True)
class _Grades:
    """How sentences about earlier inspections state grades."""

    grade: re.Pattern[str]  # a grade word in any form ("required improvement"); group 1
    judged: re.Pattern[str]  # a past judgement right before a grade ("was judged to be ")
    present: re.Pattern[str]  # what services are now, right before a grade ("are now ")


@lru_cache(maxsize=4)
def _grade_patterns(scales: Scales) -> _Grades:
    words = scales.pattern("all")
    return _Grades(
        re.compile(rf"(?i)(?<![\w-])(?:to\s+be\s+|as\s+|be\s+)?[‘'\"]?({words}|grade\s+[1-4])(?![\w-])"),
        re.compile(r"(?i)(?:\b(?:found|judged|rated|considered)\s+(?:that\s+)?(?:the\s+)?(?:[\w’'-]+\s+){1,10}?(?:to\s+be|as)"
                   r"|\b(?:judged|rated|found|graded|assessed|judgements?|grades?|remained|deemed|considered)\b"
                   r"(?:\s+(?:to\s+be|to|as|at|of|overall|all|both|still|also|consistently|again|be|was|were|then|previously))*"
                   r"|\b(?:was|were|had\s+been|been|received)\b(?:\s+(?:all|both|also|then|previously|overall|judged|rated|found|graded"
                   r"|to\s+be|as))*)\s+(?:a\s+)?[‘'\"]?$"),
        re.compile(r"(?i)\b(?:are|is|now|remain|remains|continue|continues|currently|this inspection)\b[^.;]{0,40}$"),
    )


# Areas as sentences name them (vocab.CITED_AREAS keys); the longest first.
_AREA_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("children-in-care-and-care-leavers", re.compile(
        r"(?i)(?:children|young people) (?:in care|looked[- ]after) and (?:for )?care leavers|care leavers and (?:children )?looked after")),
    ("capacity-for-improvement", re.compile(r"(?i)capacity (?:for|to) improve")),
    ("lscb", re.compile(r"(?i)safeguarding children(?:'s|’s)? (?:board|partnership)|\blscb\b|\bbscb\b")),
    ("overall-effectiveness", re.compile(r"(?i)\boverall\b")),
    ("help-and-protection", re.compile(
        r"(?i)help and protection|\bsafeguarding\b|protection of children|child protection|children (?:in need of|who need) (?:help|protection)")),
    ("children-in-care", re.compile(r"(?i)looked[- ]after|children in care|achieving permanence|\bpermanence\b")),
    ("care-leavers", re.compile(r"(?i)care leavers|leaving care")),
    ("adoption", re.compile(r"(?i)\badoption\b")),
    ("leadership", re.compile(r"(?i)\bleadership\b|impact of leaders|management and governance|\bleaders\b")),
)


def _areas_in(text: str) -> list[str]:
    """The areas a stretch of text names, in order, a longer name hiding the shorter ones in it."""
    taken: list[tuple[int, int, str]] = []
    for key, rx in _AREA_WORDS:
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e, _ in taken):
                continue
            if key == "overall-effectiveness" and "effective" not in text[m.start():m.start() + 40].lower() \
                    and not re.match(r"(?i)\s*(?:effectiveness|judgement|grade|rating)", text[m.end():]):
                continue  # "good overall" is read by the grade, not as an area named before it
            taken.append((m.start(), m.end(), key))
    out = []
    for _, _, key in sorted(taken):
        if key not in out:
            out.append(key)
    if len(out) > 1 and "overall-effectiveness" in out and re.search(r"(?i)overall effectiveness of\b", text):
        out.remove("overall-effectiveness")  # "the overall effectiveness of services for looked after children"
    return out


@dataclass
class _Mention:
    year: int
    month: int | None
    framework: str | None
    candidates: tuple[str, ...]
    subject: list[str]  # the areas the inspection's own phrase names ("services for children looked after")
    start: int  # where the inspection's phrase starts in the sentence
    date_start: int  # where its date starts
    end: int  # where its date ends
    scope_end: int  # where the text about it ends (the next inspection's phrase)
    text: str
    grades: list[tuple[str, str]]
    doubt: list[str]
    listed: bool = False  # a date listed after another's ("judged inadequate in 2011, 2013 and 2015")
    published: bool = False  # the date is its report's publication ("was published in July 2012")


_UNTOLD = CITATION_UNTOLD


def _settle(mn: _Mention, framework: str) -> None:
    """The framework of a mention whose words did not tell it, found another way."""
    mn.framework, mn.candidates = framework, ()
    mn.doubt = [d for d in mn.doubt if d != _UNTOLD]


def _sentences(text: str) -> list[list[str]]:
    """The text as items (a paragraph, or a list's items), each a list of sentences."""
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if not line or line.startswith("|"):
            continue
        line = re.sub(r"^(?:[-*•]|\d+[.)])\s+", "", line)
        out.append([s.strip() for s in re.split(r"(?<=[.!?])[’”'\"]?\s+(?=[A-Z‘“(])", line) if s.strip()])
    return out


def _date_events(sent: str, before: dt.date | None) -> list[tuple[int, int | None, int, int, int, bool]]:
    """(year, month, phrase start, date start, date end, published) of each dated inspection
    in a sentence: a date with an inspection named before it in the same phrase, or right
    after it ("a 2018 joint targeted area inspection"), or a grade given in it ("were judged
    inadequate in 2019")."""
    out = []
    prev_end = 0
    prev_taken = False  # the date before was an inspection's
    for m in _DATE.finditer(sent):
        year = int(m.group(2))
        month = _MONTHS.get((m.group(1) or "").lower().rstrip(".,"))
        window_from = max(prev_end, m.start() - 160)
        before_text = sent[window_from:m.start()]
        prev_end_here = prev_end if prev_taken else 0
        prev_end = m.end()
        prev_taken = False
        if not 2005 <= year <= 2030 or _ACT.search(before_text):
            continue
        if before is not None and (year > before.year or (year == before.year and month is not None and month >= before.month)):
            continue  # not earlier than the citing document
        start = None
        last = None
        for e in _EVENT.finditer(before_text):
            last = e
        after = sent[m.end(): m.end() + 45]
        hit = _EVENT.search(after)
        listed = (prev_end_here and re.fullmatch(r"(?i)\s*(?:,\s*)?(?:and\s+|or\s+)?(?:in\s+|of\s+)?", before_text)
                  and not re.search(r"(?i)\bbetween\b", sent[:prev_end_here]))
        if hit is not None and not re.search(r"[,.;:()]|\b(?:and|or|but|when|since|which|that|in|at|of)\b", after[: hit.start()]):
            start = m.start()  # "a 2018 joint targeted area inspection", "the 2012 inspection"
        elif last is not None and not _BREAK.search(before_text[last.end():]) \
                and _close_enough(before_text[last.end():]):
            start = window_from + last.start()
        elif listed or (last is None and prev_end_here and re.match(r"(?i)\s*,?\s*and\b", before_text)
                        and not _BREAK.search(before_text) and not re.search(r"(?i)\bbetween\b", sent[:prev_end_here])):
            # "… of child protection in 2012, and safeguarding and looked after services in 2010";
            # "two focused visits, in April 2019 and August 2021" (not "between 2011 and 2016")
            start = window_from
        else:
            g = None
            for g in _GRADED_EVENT.finditer(before_text):
                pass
            if g is not None and len(before_text) - g.end() < 60 and not re.search(r"[.;]", before_text[g.end():]) \
                    and re.search(r"(?i)\bin\s+(?:\w+\s+)?$", before_text) and _close_enough(before_text[g.end():]) \
                    and _SERVICES.search(sent[max(0, window_from + g.start() - 120):window_from + g.start()]):
                # "Children's services in the predecessor local authority … were judged inadequate in 2019"
                start = window_from + g.start()
        if start is None:
            continue
        published = bool(_PUBLISHED.search(sent[:m.start()][-30:]))
        out.append((year, month, start, m.start(), m.end(), published))
        prev_taken = True
    return out


def _grade_before(head: str) -> bool:
    """Whether a judgement is given before the date: "This was judged to be adequate in …"."""
    return bool(re.search(r"(?i)\b(?:judged|rated|found|graded)\b", head))


def _close_enough(between: str) -> bool:
    """Whether the words between an inspection's name and a date are its own phrase ("of the
    local authority's services for children looked after was in"), not another clause ("…,
    over 95% of care leavers were in suitable accommodation, an improvement on the 2014 …",
    "…, senior leaders commissioned an external review of … in June 2022")."""
    if re.search(r"\d|%", between) or _OTHER_EVENT.search(between):
        return False
    return "," not in between or len(between) <= 40 or between.lstrip().lower().startswith("of ")


# What was judged, for a grade given with a date but no inspection named.
_SERVICES = re.compile(r"(?i)children.s services|\bservices\b|local authority|\bcouncil\b|\bauthority\b")
# Other events a date may belong to.
_OTHER_EVENT = re.compile(r"(?i)\b(?:review|audit|event|panel|meeting|notice|appointed|commissioned|established|set up"
                          r"|introduced|launched|restructur\w*)\b")


def _phrase_start(sent: str, event_at: int, floor: int) -> int:
    """Where the noun phrase of an inspection begins: back from its event word to a clause break."""
    head = sent[floor:event_at]
    cut = 0
    for b in re.finditer(r"(?i)[,;:(]|\b(?:since|following|after|before|until|when|and|from|by|in|at|of)\s+(?:the|its|a|an|ofsted.s)\b", head):
        cut = b.start()
    return floor + cut


def _read_sentence(sent: str, before: dt.date | None, elsewhere: re.Pattern[str] | None = None) -> list[_Mention]:
    events = _date_events(sent, before)
    mentions: list[_Mention] = []
    for k, (year, month, start, dstart, dend, published) in enumerate(events):
        floor = events[k - 1][4] if k else 0
        pstart = _phrase_start(sent, start, floor) if start < dstart else start
        phrase = sent[pstart:dend] if start < dstart else sent[dstart: dend + 60]
        if start >= dstart:  # "a 2018 joint targeted area inspection": the phrase follows the date
            hit = _EVENT.search(sent, dend)
            phrase = sent[dstart: hit.end() if hit else dend]
        if start < dstart and dend < len(sent) and sent[dend:dend + 2] == " (":
            # "… was undertaken in June 2011 (Safeguarding and looked after children services)"
            close = sent.find(")", dend)
            if 0 < close - dend < 90:
                phrase += sent[dend:close + 1]
        # What follows the date may say what was inspected: "… in September 2014 of police child
        # protection arrangements … by Her Majesty's Inspectorate of Constabulary".
        tail = re.match(r"(?i)\s*(?:of|by|into)\b[^,.;]{0,150}", sent[dend:])
        other = (_OTHER.search(phrase) or (tail is not None and _OTHER.search(tail.group(0)))
                 or (k == 0 and _OPERATES.search(sent[:pstart]))
                 or (elsewhere is not None and (elsewhere.search(phrase) or (tail and elsewhere.search(tail.group(0))))))
        if k == 0 and re.match(r"(?i)(?:this|it|they|these|both|all|each|one|two|three)\b", sent) and (
                re.search(r"(?i)\b(?:their|its)\b", phrase) or _grade_before(sent[:dstart])):
            continue  # "Both were judged to be outstanding at their most recent inspection in 2015": both what?
        this = _THIS.search(sent[max(0, pstart - 30):dend])
        if other or this:
            continue  # an inspection of something else ("a short-term break unit judged good at …")
        named = next((key for key, rx in _NAMED if rx.search(phrase)), None)
        by_date = frameworks_by_date(year, None if published else month, phrase)
        if named == "cra-unannounced" and (_PROTECTION.search(phrase) and not re.search(r"(?i)referral", phrase)):
            named = None  # "an unannounced inspection of arrangements for the protection of children" (2012-13)
        if named == "cp-2012" and (year < 2012 or (year == 2012 and (month is None or published or month < 5))):
            named = None  # the child protection framework began in 2012: before, it is the safeguarding one
        if named is None and re.search(r"(?i)\bvisits?\b", phrase) and not _EVENT.search(
                re.sub(r"(?i)\b(?:last|previous|earlier|latest|recent|prior)\s+visits?\b", "", phrase)):
            by_date = ("focused-visit", "monitoring-visit")  # "Ofsted's last visit in October 2020"
        listed = bool(k and re.fullmatch(r"(?i)[\s,]*(?:and\s+|or\s+)?(?:in\s+|of\s+)?", sent[floor:dstart]))
        inherited: list[str] = []
        if named is None and listed and mentions and mentions[-1].end == floor:
            named = mentions[-1].framework  # "two focused visits, in April 2019 and August 2021"
            inherited = mentions[-1].doubt
            if named is None:
                by_date = tuple(f for f in mentions[-1].candidates if f in by_date) or by_date
        if named is None:
            framework = by_date[0] if len(by_date) == 1 else None
        else:
            framework = named
            if named == "slac" and year >= 2014:
                framework = "sif"  # the single inspection framework's reports name its areas so too
            elif named == "cra-unannounced" and year > 2012:
                framework = None
        doubt = ([] if framework else [_UNTOLD]) + [d for d in inherited if d != _UNTOLD]
        if sum(1 for _, rx in _NAMED if rx.search(phrase)) + bool(re.search(r"(?i)child protection", phrase)) > 1 \
                and k + 1 < len(events) and re.fullmatch(r"\s*(?:,\s*)?and\s+", sent[dend:events[k + 1][3]]):
            # "the last inspections of child protection services and safeguarding and children
            # looked after services in 2012 and 2011": which date is which?
            doubt.append("the sentence gives two inspections two dates without saying which is which")
        if re.search(r"(?i)\bpilot\b", phrase):
            framework, doubt = None, ["a pilot inspection, of no framework the site knows"]
        subject = _areas_in(phrase)
        mentions.append(_Mention(year, None if published else month, framework, by_date if framework is None else (),
                                 [a for a in subject if a != "overall-effectiveness"], pstart, dstart, dend, len(sent), sent,
                                 [], doubt, listed, published))
    for k in range(len(mentions) - 1):
        mentions[k].scope_end = mentions[k + 1].start
    return mentions


# What may follow a grade that is a judgement ("good overall", "inadequate for safeguarding");
# any other word makes it an adjective ("good progress", "outstanding features").
_AFTER_GRADE = re.compile(
    r"(?i)\s*(?:$|[^\w\s]|(?:overall|for|in|and|at|across|by|with|but|when|while|where|which|as|although|following"
    r"|since|on|from|or|of|before|after|until|during|under|then|again|also|both|judgements?|grades?|ratings?"
    r"|services?)\b)")
_NEXT_AREA = re.compile(r"(?i)\s*(?:for|in)\s+(?:its\s+|the\s+|their\s+)?(both\s+)?([^,.;]{3,90})")


def _grades_in(text: str, at: int, end: int, subject: list[str], scales: Scales
               ) -> tuple[list[tuple[str, str]], list[str]]:
    """The grades `text[at:end]` states for an inspection, with their areas; and doubts.

    A grade counts when a past judgement states it ("was judged to be", "rated as", "have
    remained"), or when it follows one in the same clause ("judged good for safeguarding and
    adequate for looked after children"); never what services are now ("are now good"). Its
    area is the one named right after it ("good overall", "adequate for safeguarding"), or in
    the words that lead to it ("services for children looked after were judged…"), or the
    inspection's own subject; the whole service's otherwise."""
    pats = _grade_patterns(scales)
    hits = [m for m in pats.grade.finditer(text, at, end)]
    grades: list[tuple[str, str]] = []
    doubts: list[str] = []
    last = at
    prev: re.Match[str] | None = None  # the last grade taken
    for k, m in enumerate(hits):
        word = m.group(1)
        head = text[max(0, m.start() - 160):m.start(1)]
        between = text[prev.end():m.start(1)] if prev is not None else ""
        coordinated = (prev is not None and len(between) < 70 and not re.search(r"[.;]", between)
                       and re.search(r"(?i)(?:\band\b|\bbut\b|,)", between) is not None
                       and not re.search(r"(?i)\b(?:is|are|now|currently|remains?|continues?)\b", between))
        judged = pats.judged.search(head) is not None
        coordinated = coordinated and not judged
        nxt = hits[k + 1].start() if k + 1 < len(hits) else end
        after = text[m.end():min(nxt, m.end() + 100)]
        if not (judged or coordinated) or not _AFTER_GRADE.match(after):
            last = m.end()
            continue  # "good progress", "good-quality services": not a judgement
        if pats.present.search(text[max(last, m.start() - 45):m.start()]) and not re.search(
                r"(?i)\b(?:was|were|had been|judged|remained)\b", text[max(last, m.start() - 30):m.start()]):
            last = m.end()
            continue  # what services are now
        read = scales.read(word) or scales.read(scales.plain(word))
        inside = scales.inside(scales.plain(word))
        if read is None or (inside is not None and inside.search(text[max(0, m.start() - 80):m.start()])):
            last = m.end()
            continue  # not a grade; or "good" of "requires improvement to be good"
        grade = read[1].key
        span = text[last:m.start()]
        rel = None
        for rel in re.finditer(r"(?i)\b(?:when|where|which|whereas|while|but)\b", span):
            pass
        if rel is not None:
            span = span[rel.start():]  # back to the clause that states it
        if re.search(r"(?i)\b(?:except|other than|apart from|but not|with the exception of)\b", span + after[:40]):
            last = m.end()
            continue  # "all services, except adoption, were judged to be inadequate": which areas? None is shown
        areas: list[str] = []
        if re.match(r"(?i)\s*(?:overall|across all (?:service )?areas|in all (?:service )?areas)\b", after):
            areas = ["overall-effectiveness"]
        elif (na := _NEXT_AREA.match(after)) and not re.match(r"(?i)\s*in\s+(?:\w+\s+)?(?:19|20)\d\d", after):
            areas = _areas_in(na.group(2))
            if not areas and na.group(1):
                areas = list(subject)
        if not areas and not coordinated:
            areas = _areas_in(span)
        if not areas:
            if len(subject) == 1 or (subject and re.search(r"(?i)\b(?:both|each)\b", span + after[:30])):
                areas = list(subject)
            else:
                areas = ["overall-effectiveness"]
        for a in areas:
            if (a, grade) not in grades:
                grades.append((a, grade))
        last = m.end()
        prev = m
    seen: dict[str, str] = {}
    for a, g in grades:
        if a in seen and seen[a] != g:
            doubts.append(f"two grades for {a}")
        seen[a] = g
    return grades, doubts


def cited_in(text: str, anchor: str, scales: Scales, before: dt.date | None = None,
             elsewhere: re.Pattern[str] | None = None) -> list[CitedDraft]:
    """The earlier inspections one paragraph cites, one draft per dated inspection; `before`
    is when the citing document's inspection began (a date from then on is not an earlier
    inspection); `elsewhere` matches the names of other councils (an inspection of another
    council is not this one's)."""
    low = text.lower()
    if "inspect" not in low and "visit" not in low and "jtai" not in low and "judged" not in low and "rated" not in low:
        return []
    pats = _grade_patterns(scales)
    found: list[_Mention] = []
    for item in _sentences(text):
        last: list[_Mention] = []
        for sent in item:
            mentions = _read_sentence(sent, before, elsewhere)
            if not mentions:
                # A sentence that only states a grade follows the sentence that dates its inspection:
                # "The local authority was judged to be good."
                if last and not _DATE.search(sent) and not _EVENT.search(sent) and pats.grade.search(sent) \
                        and re.match(r"(?i)^(?:the local authority|the council|it|they|services|children.s services|this"
                                     r"|the overall effectiveness)\b", sent):
                    grades, doubts = _grades_in(sent, 0, len(sent), last[-1].subject, scales)
                    if len(last) == 1 or re.search(r"(?i)\bboth\b", sent):
                        for mn in last:
                            mn.grades += [g for g in grades if g not in mn.grades] if len(last) == 1 else \
                                [(a, g) for a0, g in grades for a in (mn.subject or [a0])]
                            mn.doubt += doubts
                            mn.text += " " + sent
                    last = []
                else:
                    last = []
                continue
            for k, mn in enumerate(mentions):
                at = 0 if k == 0 else mentions[k - 1].end
                grades, doubts = _grades_in(sent, mn.end, mn.scope_end, mn.subject, scales)
                if k == 0 and not re.match(r"(?i)(?:this|it|they|these|both|all|each)\b", sent):
                    # before the date: "were judged requires improvement to be good in November 2022"
                    # (not "This was judged to be adequate in the most recent inspection": what was?)
                    pre, pre_doubts = _grades_in(sent, 0, mn.date_start, mn.subject, scales)
                    grades = pre + [g for g in grades if g not in pre]
                    doubts += pre_doubts
                elif not grades:
                    grades, doubts = _grades_in(sent, at, mn.start, mn.subject, scales)
                if mn.listed and not grades and k:
                    grades = list(mentions[k - 1].grades)  # "judged inadequate in 2011, 2013 and 2015"
                mn.grades = grades
                mn.doubt += doubts
                if mn.framework is None and grades:
                    # A grade rules out the inspections that gave none (the unannounced ones).
                    graded = tuple(f for f in mn.candidates if scales.graded(f))
                    if len(graded) == 1:
                        _settle(mn, graded[0])
                    else:
                        mn.candidates = graded
                if mn.framework is None and mn.candidates and grades:
                    # What it judged may tell: "an Ofsted inspection in April 2013, which found
                    # child protection services to be inadequate".
                    named = {a for a, _ in grades}
                    words = " ".join(("child protection" if a == "help-and-protection" else
                                      "looked after" if a in ("children-in-care", "care-leavers") else "") for a in named)
                    if named <= {"help-and-protection"} or named <= {"children-in-care", "care-leavers"}:
                        by_grades = frameworks_by_date(mn.year, mn.month, words)
                        if len(by_grades) == 1 and by_grades[0] in mn.candidates:
                            _settle(mn, by_grades[0])
            # "… in 2010 and child protection in 2013, which were both judged to be adequate"
            tail_both = re.search(r"(?i)\b(?:which|that|both)\b[^.;]*\bboth\b|\bwhich were both\b", sent)
            if tail_both and len(mentions) > 1:
                shared, _ = _grades_in(sent, tail_both.start(), len(sent), [], scales)
                for mn in mentions:
                    for a, g in shared:
                        a2 = mn.subject[0] if mn.subject and a == "overall-effectiveness" else a
                        if (a2, g) not in mn.grades:
                            mn.grades.append((a2, g))
            found += mentions
            last = mentions
    # One draft per inspection: the same date and framework in one paragraph is one inspection
    # ("… safeguarding was in May 2011 … looked after children was in May 2011").
    out: list[CitedDraft] = []
    sure = {(mn.year, mn.month): mn.framework for mn in found if mn.framework is not None}
    for mn in found:
        if mn.framework is None and sure.get((mn.year, mn.month)) in mn.candidates:
            # "… safeguarding arrangements was in July 2012 … services for children looked after
            # was in July 2012": one inspection, of the framework the other sentence tells
            _settle(mn, sure[(mn.year, mn.month)])
        same = next((k for k, d in enumerate(out) if d.year == mn.year and d.month == mn.month
                     and d.framework == mn.framework and d.candidates == mn.candidates
                     and d.published == mn.published), None)
        grades = tuple(mn.grades)
        note = ""
        if mn.framework is None and grades and mn.candidates:
            # Only frameworks that had these grades: "requires improvement" is not a 2012 grade.
            fits = tuple(f for f in mn.candidates if all(g in {x.key for x in scales.scale(f)} for _, g in grades))
            if len(fits) == 1:
                _settle(mn, fits[0])
            elif fits:
                mn.candidates = fits
        if mn.framework is not None and not scales.graded(mn.framework) and grades:
            grades = ()  # visits and letters have no grades: words that look like one are not
        elif mn.framework is not None:
            keys = {x.key for x in scales.scale(mn.framework)}
            wrong = [g for g in grades if g[1] not in keys]
            if wrong:
                grades = tuple(g for g in grades if g[1] in keys)
                note = (f"left out {', '.join(f'{a}: {g}' for a, g in wrong)}: not a grade of {mn.framework}, as the "
                        "text gives it")
        if same is not None:
            d = out[same]
            merged = d.grades + tuple(g for g in grades if g not in d.grades)
            doubt = d.doubt or "; ".join(mn.doubt)
            areas = [a for a, _ in merged]
            if len(set(areas)) < len(areas) and not doubt:
                doubt = "the text gives two grades for one area"
            out[same] = replace(d, text=d.text if mn.text in d.text else d.text + " " + mn.text, grades=merged,
                                doubt=doubt, note="; ".join(n for n in (d.note, note) if n))
        else:
            out.append(CitedDraft(mn.text, anchor, mn.year, mn.month, mn.framework, grades, tuple(mn.candidates),
                                  "; ".join(dict.fromkeys(mn.doubt)), mn.published, note))
    return out


def names_pattern(names: list[str]) -> re.Pattern[str] | None:
    """A pattern that finds any of `names` (other councils' names) as whole words."""
    names = sorted({n for n in names if len(n) > 3}, key=lambda n: (-len(n), n))
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None


def cited_of(blocks, scales: Scales, before: dt.date | None = None) -> list[CitedDraft]:
    """Every earlier inspection the blocks of a body cite (headings skipped; unnumbered
    blocks are s-1, s-2 … in order, as the record numbers them)."""
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
        out += cited_in(b.text, anchor, scales, before)
    return out
