"""The metadata of an Ofsted report or letter (or a council's response to one), read from its
text: kind, framework, title, authority, dates, lead inspector, legal basis and judgements.

Input is the text of each page (`pdftext.pdf_pages`, or `[text]` for a text conversion). The
text is ragged: table columns are lost, grades break across lines, footnote markers stick
to words, page headers and footers run into the text. Everything here is regular
expressions over the first and last pages (the whole text only where a report puts a field
in its middle), so a report takes a few milliseconds.

A field that is not found is None and gives one warning; nothing is guessed, and nothing is
taken from file or folder names. Two fields are derived, by rules the frameworks set:
an ILACS inspection's variant comes from its length on site (short: one week; standard:
two weeks), and the 2026 reformed framework is told from ILACS by its missing overall
effectiveness judgement."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.model.dates import MONTHS

__all__ = ["JudgementDraft", "Meta", "extract_meta", "parse_date_range", "parse_grade"]


@dataclass(frozen=True)
class JudgementDraft:
    area: str  # as written in the document
    area_key: str  # key from data/frameworks.yaml areas of that framework
    grade: str  # as written, in the framework's own words ("Requires improvement to be good")
    grade_key: str  # outstanding | good | requires-improvement | adequate | inadequate
    rank: int  # 1..4 (adequate and requires-improvement are 3)


@dataclass(frozen=True)
class Meta:
    kind: str | None  # ofsted-report | ofsted-letter | council-response
    framework: str | None  # cra-unannounced, slac, cp-2012, sif, ilacs, ilacs-2026, focused-visit, monitoring-visit, jtai
    variant: str | None  # ilacs: "standard" | "short"; else None
    title: str | None
    authority_name: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    published: dt.date | None
    document_date: dt.date | None
    lead_inspector: str | None
    lead_inspector_role: str | None
    legal_basis: str | None
    judgements: tuple[JudgementDraft, ...]
    warnings: tuple[str, ...]


# --------------------------------------------------------------------------- text


_REPLACE = (
    ("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u201c", '"'), ("\u201d", '"'),
    ("\ufffe", "-"), ("\u00ad", "-"), ("\u2010", "-"), ("\u2011", "-"),
    ("\u00a0", " "), ("\u2002", " "), ("\u2003", " "), ("\u2009", " "), ("\u202f", " "), ("\t", " "),
    ("\u25fc", " "), ("\uf0b7", " "), ("\u2022", " "), ("\u25aa", " "),
)
_MARKUP = re.compile(r"</?[a-zA-Z][^>\n]{0,40}>|\*\*|\||^#{1,6}[ \t]*|^-{3,}[ \t]*$|^_{3,}[ \t]*$", re.M)


def _clean(text: str) -> str:
    """Typographic quotes and dashes made plain; Markdown and HTML markup dropped."""
    for ch, plain in _REPLACE:  # str.replace per character: far quicker than str.translate
        if ch in text:
            text = text.replace(ch, plain)
    if ("**" in text or "|" in text or "\n#" in text or text.startswith("#") or "</" in text or "<b>" in text
            or "\n---" in text or "\n___" in text):
        text = _MARKUP.sub(" ", text)
    return text


def _flat(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- dates

_MONTHS = {m.lower(): i + 1 for i, m in enumerate(MONTHS)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?![a-z])"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_DAY = r"(?<!\d)(?:[0-3]?\d)(?:\s?(?:st|nd|rd|th)(?![a-z]))?(?!\d)"
_NUMDATE = r"(?<!\d)[0-3]?\d/[01]?\d/(?:19|20)\d\d(?!\d)"
_TOK = rf"(?:{_NUMDATE}|{_YEAR}|{_MON}|{_DAY})"
_CONN = r"(?:\s*,?\s*(?:and|to|until|&|-|–|—|─|‒)\s*|\s*,\s*|\s+)"
_DATE_EXPR = rf"(?:{_NUMDATE}(?:{_CONN}{_NUMDATE})?|{_DAY}(?:{_CONN}{_TOK})+)"
_TOKEN_RE = re.compile(rf"(?P<n>{_NUMDATE})|(?P<y>{_YEAR})|(?P<m>{_MON})|(?P<d>{_DAY})", re.I)
_ONE_DATE = rf"(?:{_NUMDATE}|{_DAY}\s*{_MON}\s*,?\s*{_YEAR})"
_PERIOD_SPLIT = re.compile(r"(?<=\d{4})\s*,?\s*and\s+", re.I)


def _tokens(expr: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for m in _TOKEN_RE.finditer(expr):
        if m.group("n"):
            d, mo, y = m.group("n").split("/")
            out += [("d", int(d)), ("m", int(mo)), ("y", int(y))]
        elif m.group("y"):
            out.append(("y", int(m.group("y"))))
        elif m.group("m"):
            out.append(("m", _MONTHS[m.group("m").rstrip(".").lower()]))
        else:
            out.append(("d", int(re.match(r"\d+", m.group("d")).group(0))))  # type: ignore[union-attr]
    while out and out[-1][0] != "y":
        out.pop()
    return out


def parse_date_range(expr: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of a written range: "7 October 2019 to 18 October 2019",
    "11 May 2015 – 4 June 2015", "20 to 24 May 2024", "13-22 May 2013",
    "29 and 30 September, and 1 October 2020", "8 and 9 October 2009", "7 November 2018",
    "1/06/2015 – 25/06/2015"; for an inspection in periods ("5 to 9 December 2022 and 14 to
    15 February 2023") the first day of the first and the last day of the last."""
    periods = parse_periods(expr)
    return (periods[0][0], periods[-1][1]) if periods else None


def parse_periods(expr: str) -> list[tuple[dt.date, dt.date]]:
    """The periods of a range written in parts joined by "and", each with its own year."""
    parts = _PERIOD_SPLIT.split(expr)
    if len(parts) > 1:
        out = [_parse_one_range(p) for p in parts]
        if all(out) and all(a[1] <= b[0] for a, b in zip(out, out[1:])):  # type: ignore[index]
            return out  # type: ignore[return-value]
    one = _parse_one_range(expr)
    return [one] if one else []


def _parse_one_range(expr: str) -> tuple[dt.date, dt.date] | None:
    toks = _tokens(expr)
    if not toks or toks[0][0] != "d":
        return None
    try:
        i_m = next(i for i, t in enumerate(toks) if t[0] == "m")
        i_y = next(i for i, t in enumerate(toks) if t[0] == "y" and i > i_m)
        last_d = max(i for i, t in enumerate(toks) if t[0] == "d")
        last_m = max(i for i, t in enumerate(toks) if t[0] == "m")
    except (StopIteration, ValueError):
        return None
    if last_m < last_d:
        return None
    try:
        start = dt.date(toks[i_y][1], toks[i_m][1], toks[0][1])
        end = dt.date(toks[-1][1], toks[last_m][1], toks[last_d][1])
    except ValueError:
        return None
    if start > end and start.year == end.year:  # "15 December – 9 January 2015"
        try:
            start = start.replace(year=start.year - 1)
        except ValueError:
            return None
    if start > end:
        return None
    return start, end


def _date_after(label: str, text: str, flags: int = re.I) -> list[tuple[dt.date, dt.date]]:
    m = re.search(label + r"\s*(" + _DATE_EXPR + ")", text, flags)
    return parse_periods(m.group(1)) if m else []


def _periods_without_year(text: str, letter_date: dt.date) -> list[tuple[dt.date, dt.date]]:
    """A visit a letter dates without its year ("a focused visit … on 30 and 31 January."):
    the year is the letter's, or the one before where that would put the visit after it."""
    m = re.search(rf"\b(?:on|between|from)\s+({_DAY}(?:{_CONN}{_DAY})*{_CONN}{_MON})(?!\s*,?\s*(?:{_YEAR}|{_DAY}))",
                  text, re.I)
    if m is None:
        return []
    for year in (letter_date.year, letter_date.year - 1):
        periods = parse_periods(f"{m.group(1)} {year}")
        if periods and periods[-1][1] <= letter_date:
            return periods
    return []


def _one_date(s: str) -> dt.date | None:
    r = parse_date_range(s)
    return r[0] if r and r[0] == r[1] else None


# --------------------------------------------------------------------------- grades

_GRADE = (r"(?:outstanding|good|requires?\s+improvement(?:\s+to\s+be\s+good)?|inadequate|adequate"
          r"|grade\s*[1-4](?:\s*\(\s*(?:outstanding|good|adequate|inadequate)\s*\))?)(?![a-z])")
_RANKS = {"outstanding": 1, "good": 2, "requires-improvement": 3, "adequate": 3, "inadequate": 4}
_BY_NUMBER = {"1": "outstanding", "2": "good", "3": "adequate", "4": "inadequate"}
_WORDS = {"outstanding": "Outstanding", "good": "Good", "adequate": "Adequate", "inadequate": "Inadequate"}
# The grade scale of each graded framework (data/frameworks.yaml).
_SCALES = {
    "slac": {"outstanding", "good", "adequate", "inadequate"},
    "cp-2012": {"outstanding", "good", "adequate", "inadequate"},
    "sif": {"outstanding", "good", "requires-improvement", "inadequate"},
    "ilacs": {"outstanding", "good", "requires-improvement", "inadequate"},
    "ilacs-2026": {"outstanding", "good", "requires-improvement", "inadequate"},
}


def parse_grade(text: str) -> tuple[str, str] | None:
    """(grade in the framework's words, grade key) for a grade as a report writes it:
    "Requires\\nimprovement to be good", "require improvement", "Grade 3 (Adequate)"."""
    s = _flat(text).lower()
    if s.startswith("requir"):
        return ("Requires improvement to be good" if s.endswith("good") else "Requires improvement",
                "requires-improvement")
    if s.startswith("grade"):
        key = _BY_NUMBER[re.search(r"[1-4]", s).group(0)]  # type: ignore[union-attr]
        return _WORDS[key], key
    return (_WORDS[s], s) if s in _WORDS else None


def _judgement(area: str, key: str, grade_text: str, framework: str | None) -> JudgementDraft | None:
    g = parse_grade(grade_text)
    if g is None or (framework in _SCALES and g[1] not in _SCALES[framework]):
        return None
    return JudgementDraft(area=_flat(area).rstrip(" :"), area_key=key, grade=g[0], grade_key=g[1], rank=_RANKS[g[1]])


# --------------------------------------------------------------------------- frameworks

# Title patterns, tried on the first page(s); the earliest match decides.
_TITLES: list[tuple[str, str, str]] = [
    ("ofsted-letter", "cra-unannounced",
     r"(?:Annual )?unannounced inspection of contact,? referral and assessment(?: arrangements)?[^.]{0,160}"),
    ("ofsted-letter", "focused-visit", r"Focused visit to .{1,120}?(?:children's services|(?= This letter| Her Majesty's| His Majesty's))"),
    ("ofsted-letter", "monitoring-visit", r"Monitoring visit (?:to|of) .{1,120}?(?:children's services|(?= This letter| Her Majesty's| His Majesty's))"),
    ("ofsted-letter", "jtai", r"Joint targeted area inspection (?:of|in) [^.]{1,200}?(?=\s+(?:This letter|Dear|Between|From|On|During|The)\b|\.)"),
    ("ofsted-report", "sif",
     r"(?<![A-Za-z])(?:Re-?)?inspection of services for children in need of help and protection,? children looked after and care leavers"
     r"(?:\s*\d?\s*and\s+(?:the\s+)?Review of the effectiveness of the Local Safeguarding Children Board)?"),
    ("ofsted-report", "sif", r"Review of the effectiveness of the Local Safeguarding Children Board"),
    ("ofsted-report", "cp-2012", r"Inspection of local authority arrangements for the protection of children"),
    ("ofsted-report", "slac",
     r"Inspection of (?:safeguarding and looked after children services|looked after children services|safeguarding(?: services)?)(?![a-z])"),
    ("ofsted-report", "ilacs",
     r"Inspection of (?:children's social care services|.{0,90}?children's services"
     r"|[A-Z][^.]{1,80}?(?= Inspection dates?\b)(?=.{0,400}The impact of leaders))"),
]
_TITLE_RES = [(k, f, re.compile(p, re.I)) for k, f, p in _TITLES]

_COUNCIL_PAPER = re.compile(
    r"(?:^|\n)\s*(?:Title of (?:the )?(?:paper|report)|Report to|Report of|Wards? affected|Relevant Director"
    r"|Portfolio Holder|Cabinet Member|Key decision|Purpose of (?:the )?report)\s*:", re.I)


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
_CP_AREAS: list[tuple[str, str]] = [
    ("overall-effectiveness", r"Overall effectiveness"),
    ("help-and-protection", r"The effectiveness of the help and protection provided to children, young people, families and carers"),
    ("quality-of-practice", r"The quality of practice"),
    ("leadership-and-governance", r"Leadership and governance"),
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


def _rows(text: str, areas: list[tuple[str, str]], framework: str | None, flags: int = 0) -> dict[str, JudgementDraft]:
    """The first "label grade" row of each area in the text."""
    out: dict[str, JudgementDraft] = {}
    for key, label in areas:
        m = re.search(rf"(?<![A-Za-z])({label}){_ROW_GAP}(?i:({_GRADE}))", text, flags)
        if m:
            j = _judgement(m.group(1), key, m.group(2), framework)
            if j:
                out[key] = j
    return out


# --------------------------------------------------------------------------- inspector

_ROLE = (r"(?:Senior |Regional |Deputy )?HMI|(?:Her|His) Majesty's (?:Senior |Chief )?Inspector(?: of [A-Z][\w ,']+)?"
         r"|Ofsted Inspector|Social Care Regulatory Inspector|Senior HMI")
_ROLE_LINE = re.compile(rf"^\s*\(?({_ROLE})\)?[.,]?\s*\d?\s*$")
_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
_NAME = re.compile(rf"^(?:(?:Mr|Mrs|Ms|Miss|Dr)\.? )?[{_UP}][{_UP}{_LOW}'\-]+(?: (?:[{_UP}][{_UP}{_LOW}'\-]*\.?|de|van|von|da|le|la|del|du|ul|al|bin|ben))*(?: [{_UP}][{_UP}{_LOW}'\-]+)$")
_LEAD_RE = re.compile(
    r"(?:^[ \t]*|(?<=\d)[ \t]+)(?:Lead|Reporting) [Ii]nspectors?(?: on site)?[ \t]*:?[ \t]*(?P<rest>[^\n]*)(?:\n(?P<next>[^\n]*))?",
    re.M)


def _split_name_role(s: str) -> tuple[str, str | None]:
    s = re.sub(r"\s*\((?:Lead |Deputy lead )?[Ii]nspector\)", "", s.strip()).rstrip(".")
    s = re.split(r",?\s+and\s+(?=[A-Z])", s)[0]  # "Lead inspectors: A, HMI, and B, HMI"
    m = re.search(rf"(?:,\s*|\s+|\s*\()({_ROLE})\)?\.?$", s)
    if m:
        return s[: m.start()].strip(" ,"), m.group(1)
    return s.strip(" ,"), None


def _plausible_name(name: str) -> bool:
    return 4 <= len(name) <= 50 and bool(_NAME.match(name))


def _lead_inspector(text: str) -> tuple[str, str | None] | None:
    for m in _LEAD_RE.finditer(text):
        rest, nxt = m.group("rest").strip(), (m.group("next") or "").strip()
        if not rest:
            rest, nxt = nxt, ""
        name, role = _split_name_role(rest)
        if role is None and nxt:
            rm = _ROLE_LINE.match(nxt)
            if rm:
                role = rm.group(1)
        if _plausible_name(name):
            return name, role
    return None


_SIGN_OFF = re.compile(r"Your?s? (?:sincerely|faithfully)[,.]?\s*\n")


def _signatory(tail: str) -> tuple[str, str | None] | None:
    """The inspector who signs a letter: a name line over a role line, after "Yours sincerely"
    where the letter has it, else the last such pair in the text."""
    lines = tail.split("\n")
    start = 0
    m = None
    for m in _SIGN_OFF.finditer(tail):
        pass
    if m:
        start = tail.count("\n", 0, m.end())
        for i in range(start, min(start + 6, len(lines))):
            s = lines[i].strip()
            if not s:
                continue
            name, role = _split_name_role(s)
            if _plausible_name(name):
                if role is None and i + 1 < len(lines):
                    rm = _ROLE_LINE.match(lines[i + 1])
                    role = rm.group(1) if rm else None
                    if role is None and lines[i + 1].strip() and len(lines[i + 1].strip()) < 70 and re.search(
                            r"Inspector|Director|Manager|HMI", lines[i + 1]):
                        role = lines[i + 1].strip()
                elif role is not None and i + 1 < len(lines):
                    extra = lines[i + 1].strip()
                    rm = _ROLE_LINE.match(extra)
                    if rm:
                        role = rm.group(1)
                    elif extra and len(extra) < 70 and re.search(r"Inspector|Director|Manager", extra):
                        role = f"{role}, {extra}"
                return name, role
            break
    for i in range(len(lines) - 1, 0, -1):
        rm = _ROLE_LINE.match(lines[i])
        if rm:
            name, role = _split_name_role(lines[i - 1].strip())
            if _plausible_name(name):
                return name, role or rm.group(1)
    return None


_LETTER_LEAD = re.compile(
    r"(?:[Tt]he lead inspector (?:was|is)|[Ll]ead inspector:?)\s+(?P<name>[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){1,3})")


# "The inspection was carried out under section 138 of the Education and Inspections Act 2006",
# "...inspection of local authority functions carried out under section 136 of ...".
_LEGAL = re.compile(
    r"(?:The (?:re-?)?inspection|functions|The visit)(?: of the local authority)? (?:was )?carried out under "
    r"(?P<law>(?:section \d+\w* of )?the [A-Z][\w ]*?Act \d{4}|section \d+\w* of [^.]*?Act \d{4})", re.I)


# --------------------------------------------------------------------------- main


def _first(pattern: str, text: str, flags: int = 0) -> re.Match[str] | None:
    return re.search(pattern, text, flags)


def extract_meta(pages: list[str]) -> Meta:
    """The metadata of one document from the text of its pages."""
    warnings: list[str] = []
    pages = [p for p in pages if p is not None]
    head_raw = _clean("".join(pages[:3])[:12000])
    tail_raw = _clean("".join(pages[-3:])[-12000:]) if len(pages) > 1 else _clean(pages[0][-12000:]) if pages else ""
    head = _flat(head_raw)
    tail = _flat(tail_raw)
    cache: dict[str, str] = {}

    def full_raw() -> str:
        if "raw" not in cache:
            cache["raw"] = _clean("".join(pages))
        return cache["raw"]

    def full_flat() -> str:
        if "flat" not in cache:
            cache["flat"] = _flat(full_raw())
        return cache["flat"]

    top = head[:3000]

    # kind and framework ------------------------------------------------------------
    kind: str | None = None
    framework: str | None = None
    title_m: re.Match[str] | None = None
    best = None
    for k, f, rx in _TITLE_RES:
        m = rx.search(top)
        if m and (best is None or m.start() < best[2].start()):
            best = (k, f, m)
    if best:
        kind, framework, title_m = best
    is_council = bool(_COUNCIL_PAPER.search(head_raw[:4000]))
    if is_council:
        kind = "council-response"
        if framework is None or framework in ("focused-visit", "monitoring-visit", "jtai", "cra-unannounced"):
            # what the paper reports on, anywhere in it
            for k, f, rx in _TITLE_RES:
                if k == "ofsted-report" and rx.search(full_flat()):
                    framework = f
                    break
        title_m = None
    if kind is None:
        warnings.append("kind of document not recognised")
    if framework is None:
        warnings.append("inspection framework not recognised")

    # title ------------------------------------------------------------------------
    title: str | None = None
    if is_council:
        m = _first(r"Title of (?:the )?(?:paper|report)\s*:\s*(.+?)(?=\s+(?:Report to|Date|Relevant|Wards|Report of|Contact)\b\s*:?|$)", head[:1500], re.I)
        title = m.group(1).strip() if m else None
    elif title_m:
        title = re.sub(r"\s*\d\s+and\s+", " and ", title_m.group(0)).strip().rstrip(".")
        title = re.sub(r"(?<=[a-z])\d+$", "", title)  # footnote marker: "Board1"
        if framework == "cra-unannounced":
            title = re.sub(r"\s+This letter.*$", "", title)
    if title is None:
        warnings.append("title not found")

    # authority --------------------------------------------------------------------
    authority = _authority(head, framework, title_m, is_council, full_flat)
    if authority is None:
        warnings.append("authority not found")

    # dates ------------------------------------------------------------------------
    start = end = published = document_date = None
    periods: list[tuple[dt.date, dt.date]] = []
    if kind == "ofsted-letter":
        after = head[title_m.end():title_m.end() + 2500] if title_m else head
        # "on the 15 and 16 of May 2018" is read as "on 15 and 16 May 2018"
        after = re.sub(rf"\b(on|between|from) the (?=\d)", r"\1 ", after)
        after = re.sub(rf"(?<=\d) of (?={_MON})", " ", after)
        m = _first(rf"\b(?:on|between|from|during|conducted on|took place on|carried out on)\s+({_DATE_EXPR})", after, re.I)
        periods = parse_periods(m.group(1)) if m else []
        if not periods:
            periods = _date_after(r"(?:Inspection|Visit) dates?\s*:?", head)
        dm = _first(rf"(?m)^\s*({_ONE_DATE})\s*$", head_raw[:1500], re.I)
        document_date = _one_date(dm.group(1)) if dm else None
        if not periods and document_date is not None:
            periods = _periods_without_year(after, document_date)
        if document_date is None:
            warnings.append("letter date not found")
    else:
        periods = _date_after(r"(?:Inspection dates?|Dates? of (?:the )?inspection|Inspection took place)\s*:?", head)
        if not periods and is_council:
            periods = _date_after(r"(?:Inspection dates?|Dates? of (?:the )?inspection)\s*:?", full_flat())
        pm = _first(rf"(?:Report published|Published)\s*:?\s*({_ONE_DATE})", head)
        published = _one_date(pm.group(1)) if pm else None
        if is_council:
            dm = _first(rf"\bDate(?: of (?:meeting|report|paper))?\s*:\s*({_ONE_DATE})", head[:3000], re.I)
            document_date = _one_date(dm.group(1)) if dm else None
            if document_date is None:
                warnings.append("date of the paper not found")
        elif published is None:
            warnings.append("publication date not stated")
    if periods:
        start, end = periods[0][0], periods[-1][1]
        if (end - start).days > 60 and len(periods) == 1:
            warnings.append(f"inspection dates doubtful: {start} to {end} is {(end - start).days} days")
    else:
        warnings.append("inspection dates not found")

    # lead inspector ---------------------------------------------------------------
    lead: tuple[str, str | None] | None = None
    if kind == "ofsted-letter":
        lead = _signatory(tail_raw)
        if lead is None or (lead[1] and not re.search(r"Inspector|HMI", lead[1])):
            m = _LETTER_LEAD.search(head) or _LETTER_LEAD.search(tail)
            if m:
                lead = (m.group("name"), None)
    elif not is_council:
        lead = _lead_inspector(head_raw) or _lead_inspector(tail_raw) or _lead_inspector(full_raw())
    if lead is None and not is_council:
        warnings.append("lead inspector not found")

    # legal basis ------------------------------------------------------------------
    legal = None
    m = _LEGAL.search(head)
    if m is None and kind == "ofsted-report":
        m = _LEGAL.search(tail)
    if m:
        legal = m.group("law")
    elif not is_council:
        warnings.append("legal basis not stated")

    # judgements -------------------------------------------------------------------
    judgements: dict[str, JudgementDraft] = {}
    if framework in ("ilacs", "ilacs-2026"):
        judgements = _ilacs_judgements(head, full_flat)
        if "overall-effectiveness" not in judgements and len(judgements) >= 3:
            if start is None or start.year >= 2026:
                framework = "ilacs-2026"
            else:
                warnings.append("no overall effectiveness judgement found in an ILACS report")
        judgements = {k: v for k, v in judgements.items() if framework != "ilacs-2026" or k != "overall-effectiveness"}
    elif framework == "sif":
        judgements = _sif_judgements(head, full_flat, is_council)
    elif framework == "cp-2012":
        judgements = _record_judgements(tail, full_flat, _CP_AREAS, "cp-2012")
    elif framework == "slac":
        judgements = _slac_judgements(tail, full_flat, warnings)
    if framework in _SCALES and not judgements:
        warnings.append("judgements not found")

    # variant ----------------------------------------------------------------------
    variant = None
    if framework in ("ilacs", "ilacs-2026") and not is_council and periods:
        days = (periods[0][1] - periods[0][0]).days  # the main period, where there were several
        if days <= 6:
            variant = "short"
        elif days <= 13:
            variant = "standard"
        else:
            warnings.append(f"ILACS variant unknown: {days + 1} days on site is neither one week (short) nor two (standard)")

    return Meta(
        kind=kind, framework=framework, variant=variant, title=title, authority_name=authority,
        start_date=start, end_date=end, published=published, document_date=document_date,
        lead_inspector=lead[0] if lead else None, lead_inspector_role=lead[1] if lead else None,
        legal_basis=legal, judgements=tuple(judgements.values()), warnings=tuple(warnings),
    )


# --------------------------------------------------------------------------- pieces


def _tidy_name(s: str) -> str | None:
    s = re.sub(r"^[\s\d.\-–,:]+|[\s\-–,:]+$", "", s)
    s = re.sub(r"\s+-{2,}\s*", " ", s).strip()
    if s.lower().startswith("the "):
        s = s[4:]
    return s if 2 <= len(s) <= 80 and not re.search(r"\d{2}", s) else None


def _authority(head: str, framework: str | None, title_m: re.Match[str] | None,
               is_council: bool, full_flat: Callable[[], str]) -> str | None:
    if is_council:
        text = full_flat()
        for m in re.finditer(r"(?<![A-Za-z])((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)? ){1,4}(?:City |County |Borough |District |Metropolitan Borough )?Council)\b", text):
            name = m.group(1)
            if name.split()[0] not in ("The", "This", "City", "County", "Borough", "District", "Our", "Their",
                                       "Full", "Children's", "Both", "Each", "A", "An", "Local", "Executive"):
                return name
        return None
    if title_m is None:
        return None
    t = title_m.group(0)
    if framework in ("focused-visit", "monitoring-visit"):
        m = re.search(r"(?:to|of) (.+?)(?: local authority)?(?:(?:'s)? children's services|$)", t, re.I)
        return _tidy_name(m.group(1)) if m else None
    if framework == "cra-unannounced":
        m = re.search(r"(?:within|in|of) ((?:the )?[A-Z].+?)(?:'s)? children's services", t)
        return _tidy_name(m.group(1)) if m else None
    if framework == "jtai":
        m = re.search(r"\bin ([A-Z][\w ,'&-]+?)(?:\.|$)", t)
        return _tidy_name(m.group(1)) if m else None
    m = re.match(r"Inspection of (?!children's social care|local authority children's)(.+?)(?: local authority)?(?: children's services)?$", t, re.I)
    if m and framework in ("ilacs", "ilacs-2026"):
        return _tidy_name(m.group(1))
    before = _tidy_name(head[: title_m.start()])
    if before and len(before.split()) <= 8:
        return before
    m = re.search(r"\s*(.{2,80}?)\s+(?:Inspection dates?|Dates? of inspection)\b", head[title_m.end(): title_m.end() + 200])
    return _tidy_name(m.group(1)) if m else None


def _ilacs_judgements(head: str, full_flat: Callable[[], str]) -> dict[str, JudgementDraft]:
    # the judgement table on page 1, else the section headings ("...: requires improvement to be good")
    m = re.search(r"Judgements?\s+Grades?\b", head)
    table = head[m.start(): m.start() + 1500] if m else head[:4000]
    found = _rows(table, _ILACS_AREAS, "ilacs")
    if "children-in-care-and-care-leavers" in found:
        found.pop("children-in-care", None)
        found.pop("care-leavers", None)
    if len(found) < 4:
        body = _rows(full_flat(), [a for a in _ILACS_AREAS if a[0] != "overall-effectiveness"], "ilacs")
        for k, j in body.items():
            if k not in found and not (k in ("children-in-care", "care-leavers") and "children-in-care-and-care-leavers" in found) \
                    and not (k == "children-in-care-and-care-leavers" and ("children-in-care" in found or "care-leavers" in found)):
                found[k] = j
    return found


_SIF_OVERALL = [
    r"The overall judgement is (?:that )?(?:the )?(?:children's services? (?:in [^.]{1,80}? )?)?(?:are |is |(?=requir))(" + _GRADE + ")",
    r"Children's services (?:in [^.]{1,120}? )?(?:are |is |(?=requir))(" + _GRADE + ")",
    r"overall judgement (?:received )?(?:from Ofsted )?(?:was|is) '?(" + _GRADE + ")",
]
_G = "(?i:(" + _GRADE + "))"
_LSCB_NAME = r"(?:Local Safeguarding Children Board|local safeguarding children board|Local Safeguarding Children board|LSCB)"
_LSCB = [re.compile(p) for p in (
    r"Local Safeguarding Children Board \(LSCB\)\s+(?:\d+\s+)?The Local Safeguarding Children(?: Board)? (?:\(LSCB\) )?(?:is |are |(?=[Rr]equir))" + _G,
    r"The LSCB (?:is |(?=requir))" + _G + " because",
    r"[Ee]ffectiveness of the " + _LSCB_NAME + r"(?: \(LSCB\))?(?: in [A-Z][\w ]{1,40}?)?\s+(?:is\s+)?(?:judged to be\s+)?(?:is\s+)?" + _G,
    r"The Local Safeguarding Children Board (?:\(LSCB\) )?(?:is |(?=[Rr]equir))" + _G + r"(?=[\s.])",
)]


def _sif_judgements(head: str, full_flat: Callable[[], str], is_council: bool) -> dict[str, JudgementDraft]:
    out: dict[str, JudgementDraft] = {}
    top = head[:6000]
    if is_council:
        text = full_flat()
        for m in re.finditer(r"judged that (?:the )?(?:graded judgm?ent for )?(.{5,160}?) (?:is |are |(?=requir))(" + _GRADE + ")", text, re.I):
            area = m.group(1)
            for key, words in _SIF_AREA_WORDS:
                if re.search(words, area, re.I):
                    j = _judgement(area, key, m.group(2), "sif")
                    if j and key not in out:
                        out[key] = j
                    break
        top = text
    else:
        out.update(_rows(top, _SIF_AREAS, "sif", re.I))
    for p in _SIF_OVERALL:
        m = re.search(p, top, re.I)
        if m:
            j = _judgement("Overall effectiveness", "overall-effectiveness", m.group(1), "sif")
            if j:
                out = {"overall-effectiveness": j, **out}
                break
    if "lscb" not in out:
        # on page 1 where the report puts it there, else at the head of the LSCB section
        for text in (top, None):
            for rx in _LSCB:
                m = rx.search(text if text is not None else full_flat())
                j = _judgement("Effectiveness of the Local Safeguarding Children Board", "lscb", m.group(1), "sif") if m else None
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


def _record_judgements(tail: str, full_flat: Callable[[], str], areas: list[tuple[str, str]],
                       framework: str) -> dict[str, JudgementDraft]:
    region = _record_region(tail, full_flat)
    found = _rows(region, areas, framework) if region else {}
    if len(found) < len(areas):
        # "The overall effectiveness of ... is judged to be adequate", "The quality of practice is adequate"
        text = full_flat()
        for key, label in areas:
            if key in found:
                continue
            m = re.search(rf"({label})(?: of [^.]{{1,120}}?)? is (?:judged to be )?({_GRADE})", text, re.I)
            if m:
                j = _judgement(m.group(1), key, m.group(2), framework)
                if j:
                    found[key] = j
    return found


def _slac_judgements(tail: str, full_flat: Callable[[], str], warnings: list[str]) -> dict[str, JudgementDraft]:
    region = _record_region(tail, full_flat)
    if not region:
        return {}
    # sections of the record: safeguarding services, services for looked after children
    la = re.search(r"Services for looked after children", region)
    sg = re.search(r"Safeguarding services", region)
    out: dict[str, JudgementDraft] = {}
    section: dict[str, bool] = {}  # area key -> found in the looked after children section
    for key, label in _SLAC_AREAS:
        for m in re.finditer(rf"(?<![A-Za-z])({label}){_ROW_GAP}(?i:({_GRADE}))", region):
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
            j = _judgement(m.group(1), k, m.group(2), "slac")
            if j:
                out[k] = j
                section[k] = in_la
    return out
