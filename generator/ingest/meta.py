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
effectiveness judgement.

Dates (`dates`), judgements (`judgements`) and the lead inspector (`inspectors`) are read by
their own modules; this one finds the kind, framework, title, authority and legal basis,
and puts the fields together."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from generator.ingest.dates import DATE_EXPR, MON, ONE_DATE, one_date, parse_periods, periods_after, periods_without_year
from generator.ingest.draft import JudgementDraft, Meta
from generator.ingest.inspectors import LETTER_LEAD, lead_inspector, signatory
from generator.ingest.grades import Scales
from generator.ingest.judgements import (
    CP_AREAS,
    LAC_AREAS,
    ilacs_judgements,
    record_judgements,
    sif_judgements,
    slac_judgements,
)

__all__ = ["JudgementDraft", "Meta", "extract_meta"]


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


# "The inspection was carried out under section 138 of the Education and Inspections Act 2006",
# "...inspection of local authority functions carried out under section 136 of ...".
_LEGAL = re.compile(
    r"(?:The (?:re-?)?inspection|functions|The visit)(?: of the local authority)? (?:was )?carried out under "
    r"(?P<law>(?:section \d+\w* of )?the [A-Z][\w ]*?Act \d{4}|section \d+\w* of [^.]*?Act \d{4})", re.I)


# --------------------------------------------------------------------------- main


def _first(pattern: str, text: str, flags: int = 0) -> re.Match[str] | None:
    return re.search(pattern, text, flags)


def extract_meta(pages: list[str], scales: Scales) -> Meta:
    """The metadata of one document from the text of its pages; judgements in `scales`."""
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
    if framework == "slac" and title_m is not None and re.match(r"(?i)inspection of looked after children services", title_m.group(0)):
        framework = "lac-2013"  # the 2013 inspections of looked after children services (the dates say so, below)
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
        after = re.sub(r"\b(on|between|from) the (?=\d)", r"\1 ", after)
        after = re.sub(rf"(?<=\d) of (?={MON})", " ", after)
        m = _first(rf"\b(?:on|between|from|during|conducted on|took place on|carried out on)\s+({DATE_EXPR})", after, re.I)
        periods = parse_periods(m.group(1)) if m else []
        if not periods:
            periods = periods_after(r"(?:Inspection|Visit) dates?\s*:?", head)
        dm = _first(rf"(?m)^\s*({ONE_DATE})\s*$", head_raw[:1500], re.I)
        document_date = one_date(dm.group(1)) if dm else None
        if not periods and document_date is not None:
            periods = periods_without_year(after, document_date)
        if document_date is None:
            warnings.append("letter date not found")
    else:
        periods = periods_after(r"(?:Inspection dates?|Dates? of (?:the )?inspection|Inspection took place)\s*:?", head)
        if not periods and is_council:
            periods = periods_after(r"(?:Inspection dates?|Dates? of (?:the )?inspection)\s*:?", full_flat())
        pm = _first(rf"(?:Report published|Published)\s*:?\s*({ONE_DATE})", head)
        published = one_date(pm.group(1)) if pm else None
        if is_council:
            dm = _first(rf"\bDate(?: of (?:meeting|report|paper))?\s*:\s*({ONE_DATE})", head[:3000], re.I)
            document_date = one_date(dm.group(1)) if dm else None
            if document_date is None:
                warnings.append("date of the paper not found")
        elif published is None:
            warnings.append("publication date not stated")
    if periods:
        start, end = periods[0][0], periods[-1][1]
        if framework == "lac-2013" and start.year < 2013:
            framework = "slac"  # a looked after children inspection of the 2009-12 framework
        if (end - start).days > 60 and len(periods) == 1:
            warnings.append(f"inspection dates doubtful: {start} to {end} is {(end - start).days} days")
    else:
        warnings.append("inspection dates not found")

    # lead inspector ---------------------------------------------------------------
    lead: tuple[str, str | None] | None = None
    if kind == "ofsted-letter":
        lead = signatory(tail_raw)
        if lead is None or (lead[1] and not re.search(r"Inspector|HMI", lead[1])):
            m = LETTER_LEAD.search(head) or LETTER_LEAD.search(tail)
            if m:
                lead = (m.group("name"), None)
    elif not is_council:
        lead = lead_inspector(head_raw) or lead_inspector(tail_raw) or lead_inspector(full_raw())
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
        judgements = ilacs_judgements(head, full_flat, scales)
        if "overall-effectiveness" not in judgements and len(judgements) >= 3:
            if start is None or start.year >= 2026:
                framework = "ilacs-2026"
            else:
                warnings.append("no overall effectiveness judgement found in an ILACS report")
        judgements = {k: v for k, v in judgements.items() if framework != "ilacs-2026" or k != "overall-effectiveness"}
    elif framework == "sif":
        judgements = sif_judgements(head, full_flat, is_council, scales)
    elif framework == "cp-2012":
        judgements = record_judgements(tail, full_flat, CP_AREAS, "cp-2012", scales)
    elif framework == "slac":
        judgements = slac_judgements(tail, full_flat, warnings, scales)
    elif framework == "lac-2013":
        judgements = record_judgements(tail, full_flat, LAC_AREAS, "lac-2013", scales)
    if scales.graded(framework) and not judgements:
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
