"""PDF pages → the lines of a report's or letter's body: characters made plain, page debris and
front and back matter removed, footnotes taken out.

Input is the text of each page as pdfium extracts it (`pdftext.pdf_pages`): no blank lines,
no fonts, wrapped lines ending in "\\n", private-use bullet characters, and pdfium's mark
U+FFFE where a line ended in a hyphen (the break already removed; on this corpus always a
compound: "multi-agency"). In order:

1. Page debris. Running headers and footers are lines that recur among the first or last
   four lines of at least a fifth of the pages (and at least three), compared with a page
   number at either end ignored; they, bare page numbers and blank lines are stripped from
   the page edges. Found by counting, never by authority or file name; a fifth, not a
   half, because Hull 2015 binds the LSCB's own report, with its own header, into the
   council's. Footnotes: the lines after a blank rule line at the foot of a page that
   start with a number, or a "N Text" line at the foot whose marker is on the page (or
   whose marker pdfium lost, after a finished sentence), or, when pdfium lost the
   footnote's number but kept a marker, the lines in smaller type (longer than the text
   width) at the foot. Markers are removed ("Board1" → "Board", a "1" on its own line);
   the footnote texts are kept, in order, to end the body as unnumbered blocks, each
   starting with its number ("1 Ofsted produces this report …").
2. Front and back matter, dropped: the cover (title, dates, inspector and judgement table,
   which are extracted elsewhere; in SIF and 2013 reports the whole first page up to a
   first heading such as "Executive summary", with the judgement's standard wording), the
   copyright and contents pages, cover metadata lines, a letter's letterhead, date,
   recipient and salutation, its sign-off ("Yours sincerely" and after) and Ofsted's
   closing boilerplate ("The Office for Standards in Education …", to the end of its page).
   A letter's title line after the salutation becomes a heading.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from generator.ingest.grades import TableGrades
from generator.ingest.lines import BULLETS, ends_terminal, join_line, join_lines

__all__ = ["BACK_MATTER", "BodyLines", "body_lines"]


@dataclass(frozen=True)
class BodyLines:
    """The lines of a PDF's body, and what was taken from around them that the body keeps."""

    lines: tuple[str, ...]
    width: float  # the text width in characters: the 90th percentile of line lengths
    title: str  # a letter's title ("Focused visit to … children's services"), else ""
    footnotes: tuple[tuple[int, str], ...]  # (number, text), in order


LETTER_FRAMEWORKS = frozenset({"focused-visit", "monitoring-visit", "jtai", "cra-unannounced"})


def body_lines(pages: list[str], framework: str | None, grades: TableGrades) -> BodyLines:
    """The body's lines of a PDF's pages (`framework`, if known, tells a letter without "Dear …";
    `grades` tell a cover's judgement table)."""
    page_lines = [_clean_page(p).split("\n") for p in pages]
    running = _running_lines(page_lines)
    page_lines = [_strip_edges(p, running) for p in page_lines]
    width = _text_width(page_lines[1:-1] if len(page_lines) > 2 else page_lines)
    page_lines, letter = _cut_cover(page_lines, width, grades)
    footnotes: list[tuple[int, str]] = []
    flat: list[str] = []
    for p in page_lines:
        p = _cut_page(_strip_edges(p, running))
        kept, notes = _take_footnotes(p, (footnotes[-1][0] + 1) if footnotes else 1, width)
        if notes:
            kept = _drop_markers(kept, {n for n, _ in notes})
            footnotes.extend(notes)
        flat.extend(kept)
    if letter or framework in LETTER_FRAMEWORKS:  # a letter without "Dear …" still signs off
        flat = _cut_signoff(flat)
    title = ""
    if letter:
        title, flat = _letter_title(flat)
    return BodyLines(tuple(flat), width, title, tuple(footnotes))


def _text_width(pages: list[list[str]]) -> float:
    lens = sorted(len(x.rstrip()) for p in pages for x in p if len(x.strip()) >= 25)
    if not lens:
        return 80.0
    return float(lens[int(len(lens) * 0.9)])


# --------------------------------------------------------------------------- characters

_ODD_CHARS = (("\ufffe", "-"), ("\u00a0", " "), ("\u202f", " "), ("\u2009", " "), ("\t", " "), ("\u00ad", ""))


def _clean_page(page: str) -> str:
    """pdfium's U+FFFE (a hyphen that ended a line, the break already removed) becomes "-":
    on this corpus it always joins a compound ("multi-agency", "decision-making"). Odd
    spaces become spaces. (str.replace: translate() is slow on long pages.)"""
    for a, b in _ODD_CHARS:
        if a in page:
            page = page.replace(a, b)
    return page


_PAGE_NO = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$", re.I)
_TRAILING_NO = re.compile(r"\s+\d{1,3}$")
_FOOT = re.compile(r"^(\d{1,2})(?:(?:\s+|(?=[A-Z]))(\S.*))?$")  # "1 Ofsted produces …", "1The areas …"
# Cover metadata (extracted elsewhere); the inspector lines only on a page with the dates,
# since SIF reports list their inspection team in the body.
_METADATA = re.compile(r"^\s*(?:Inspection dates?|Report published|Age group|Published)\s*:")
_COVER_INSPECTOR = re.compile(r"^\s*(?:Lead|Reporting) inspector\b")
BACK_MATTER = re.compile(
    r"^(?:The Office for Standards in Education, Children.s Services|Any complaints about the inspection or the report"
    r"|If you would like a copy of this document in a different format|You may (?:reuse|copy) (?:this information|all or parts))")


# --------------------------------------------------------------------------- page debris

_LEADING_NO = re.compile(r"^\d{1,3}\s+")


def _norm(line: str) -> str:
    """A line as compared for recurrence: spaces squashed, a page number at either end dropped."""
    s = " ".join(line.split())
    s = _LEADING_NO.sub("", _TRAILING_NO.sub("", s))
    return s.lower()


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Normalised lines that recur among the top or bottom lines of many pages."""
    n = len(pages)
    if n < 3:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        edge = {_norm(x) for x in lines[:4] + lines[-4:]}
        seen.update(e for e in edge if len(e) > 3)
    # On a fifth of the pages and at least three: a report with a second report bound in
    # (SIF reports of 2014–15 with the LSCB review as its own document) has two headers.
    need = max(3, (n + 4) // 5)
    return {k for k, c in seen.items() if c >= need}


def _strip_edges(lines: list[str], running: set[str]) -> list[str]:
    def debris(line: str) -> bool:
        s = line.strip()
        return not s or bool(_PAGE_NO.match(s)) or _norm(s) in running

    lo, hi = 0, len(lines)
    while lo < hi and lo < 6 and debris(lines[lo]):
        lo += 1
    while hi > lo and len(lines) - hi < 6 and debris(lines[hi - 1]):
        hi -= 1
    return lines[lo:hi]


def _take_footnotes(lines: list[str], expect: int, width: float) -> tuple[list[str], list[tuple[int, str]]]:
    """Footnotes at the foot of a page: after a blank rule line, or a number the page marks;
    or, when pdfium lost the footnote's number but kept the marker ("improve?" + "1"), the
    lines in smaller type (longer than the text width) after the last sentence."""
    start = None
    for i in range(len(lines) - 1, max(-1, len(lines) - 16), -1):
        s = lines[i].strip()
        if not s and i + 1 < len(lines) and _FOOT.match(lines[i + 1].strip()):
            start = i
            break
    if start is None:
        # No rule line: a footnote whose number the page marks ("improve?" + "1" on its own
        # line, or "Board1"), found at the foot of the page.
        for i in range(len(lines) - 1, max(0, len(lines) - 10), -1):
            m = _FOOT.match(lines[i].strip())
            if m and m.group(2) and int(m.group(1)) in (expect, expect + 1) and m.group(2)[:1].isupper():
                num = m.group(1)
                marked = any(
                    x.strip() == num or re.search(rf"[A-Za-z?)’]{num}\s*$", x) or re.search(rf"[a-z?)’]{num}[\s.,;:]", x)
                    for x in lines[:i]
                )
                # A marker pdfium lost: the next footnote number, a small one, after a
                # finished sentence, running to the foot of the page.
                unmarked = (int(num) == expect and expect <= 9 and len(lines) - i <= 4
                            and i > 0 and ends_terminal(lines[i - 1]) and len(m.group(2)) > 40)
                if marked or unmarked:
                    start = i
                    break
    if start is None:
        num = str(expect)
        if any(x.strip() == num for x in lines):
            i = len(lines) - 1  # the footnote's last line may be short
            while i > 0 and len(lines[i - 1].rstrip()) > 1.08 * width:
                i -= 1
            if i < len(lines) - 1 and i > 0 and ends_terminal(lines[i - 1]) and lines[i].strip()[:1].isupper():
                return lines[:i], [(expect, join_lines(lines[i:]))]
        return lines, []
    notes: list[tuple[int, str]] = []
    for raw in lines[start:]:
        s = raw.strip()
        if not s:
            continue
        m = _FOOT.match(s)
        if m and (not notes or int(m.group(1)) == notes[-1][0] + 1):
            notes.append((int(m.group(1)), m.group(2) or ""))
        elif notes:
            num, text = notes[-1]
            notes[-1] = (num, join_line(text, s) if text else s)
    if not notes:
        return lines, []
    return lines[:start], notes


def _drop_markers(lines: list[str], numbers: set[int]) -> list[str]:
    """Remove footnote markers for the given numbers: stuck to a word or alone on a line."""
    if not numbers:
        return lines
    alt = "|".join(str(n) for n in sorted(numbers, reverse=True))
    stuck = re.compile(rf"(?<=[A-Za-z?)’\]])(?:{alt})(?=[\s.,;:)]|$)")
    out = []
    for line in lines:
        s = line.strip()
        if s.isdigit() and int(s) in numbers:
            continue
        out.append(stuck.sub("", line))
    return out


# --------------------------------------------------------------------------- front and back matter

def _cut_cover(pages: list[list[str]], width: float, grades: TableGrades) -> tuple[list[list[str]], bool]:
    """Drop the cover, copyright and contents pages; return pages and whether it is a letter."""
    if not pages:
        return pages, False
    first = pages[0]
    dear = next((i for i, x in enumerate(first[:60]) if re.match(r"\s*Dear\s", x)), None)
    if dear is not None:
        rest = [x for x in first[dear + 1:]]
        return [_drop_letterhead(rest, width)] + [_drop_letterhead(p, width) for p in pages[1:]], True
    out = [list(p) for p in pages]
    out[0] = first[_cover_end(first, width, grades):]
    if not out[0] and len(out) > 1:
        # A SIF judgement list that runs onto the second page.
        k = 0
        second = out[1]
        while k < len(second) and (not second[k].strip() or _PAGE_NO.match(second[k].strip())
                                   or (_SIF_ROW.match(second[k].strip()) and grades.end.search(second[k]))):
            k += 1
        out[1] = second[k:]
    for k in range(min(4, len(out))):
        lines = [x for x in out[k] if x.strip()]
        if lines and lines[0].lstrip().startswith("©"):
            out[k] = []
    return [_drop_contents(p) for p in out], False


def _grade_line(st: str, width: float, grades: TableGrades) -> bool:
    """A row of a judgement table: a grade alone, or a label ending in a grade, not prose."""
    return bool(grades.only.match(st) or (grades.end.search(st) and len(st) < 0.8 * width))


_BODY_START = re.compile(r"(?i)^(?:executive summary|summary of (?:key )?findings|section 1\b|about this inspection|the local authority)$")
_SIF_ROW = re.compile(r"^\d(?:\.\d)?\.?\s+[A-Z]")


def _cover_end(first: list[str], width: float, grades: TableGrades) -> int:
    """Index of the first body line on the first page of a report.

    The cover holds the title, dates, inspector and the judgement table (extracted
    elsewhere). The table ends with its last grade ("Overall effectiveness Good"; the 2026
    framework has no overall judgement; SIF lists "1. Children who need help and
    protection Requires improvement" … "3. Leadership …"), and prose starts after it on the
    same page in ILACS reports and in some SIF ones ("Executive summary"). A page with no
    table and no long line is all cover (2013 reports).
    """
    top = min(len(first), 45)
    judg = next((i for i in range(top) if first[i].strip().startswith("Judgement") and "Grade" in first[i]), None)
    start = judg if judg is not None else -1
    last = start
    for i in range(start + 1, top):
        st = first[i].strip()
        if not st:
            continue
        if _grade_line(st, width, grades) or _METADATA.match(st) or _COVER_INSPECTOR.match(st) or (judg is None and _SIF_ROW.match(st) and len(st) < 0.9 * width):
            last = i
        elif len(st) >= 0.75 * width and last > start:
            nxt = first[i + 1].strip() if i + 1 < len(first) else ""
            if not _grade_line(nxt, width, grades):
                break  # prose, not a table label wrapped onto a grade line
    if judg is None:
        # SIF and older covers: title, dates, judgement list and the judgement's standard
        # wording. The body starts at its first heading, if that is on this page. A first
        # page without cover metadata is not a cover (an excerpt).
        if not any(_METADATA.match(x) for x in first[:top]):
            return 0
        for i in range(len(first)):
            if _BODY_START.match(first[i].strip()):
                return i
        return len(first)
    return last + 1


_ENTRY = re.compile(r"\s\d{1,3}\s*$")


def _drop_contents(lines: list[str]) -> list[str]:
    """A contents table: "Contents" and the entries after it (most end in page numbers)."""
    for i, x in enumerate(lines):
        if x.strip().lower() in ("contents", "table of contents"):
            break
    else:
        return lines
    rest = [x for x in lines[i + 1:] if x.strip()]
    if rest and sum(1 for x in rest if _ENTRY.search(x)) * 2 >= len(rest):
        return lines[:i]  # the contents fill the rest of the page
    j = i + 1
    while j < len(lines):
        s = lines[j].strip()
        if not s or _ENTRY.search(s):
            j += 1
            continue
        ahead = next((k for k in range(j + 1, min(j + 4, len(lines))) if _ENTRY.search(lines[k])), None)
        if ahead is None or ends_terminal(s) or len(s) > 90:
            break
        j = ahead + 1  # entries without a page number, or wrapped onto two lines
    if j - i < 3:
        return lines
    return lines[:i] + lines[j:]


_LETTERHEAD = re.compile(
    r"(?i)^(?:ofsted|piccadilly gate|store st(?:reet)?|manchester(?: m1 2wd)?|m1 2wd|aviation house|125 kingsway"
    r"|london|wc2b 6se|agora|6 cumberland place|nottingham|ng1 6hj|(?:direct )?t:? ?0300 123 \d{4}|0300 123 \d{4}"
    r"|textphone:?(?: 0161 618 8524)?|0161 618 8524|e?:? ?enquiries@ofsted\.gov\.uk|w?:? ?www\.(?:gov\.uk/)?ofsted(?:\.gov\.uk)?)$")
_DATE_LINE = re.compile(r"^\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}$")


_TEXT_END = re.compile(r"[.!?;:][’”'\"]?\s|\)$")


def _drop_letterhead(lines: list[str], width: float) -> list[str]:
    """Remove Ofsted's letterhead (address, telephone, web) and the date and recipient's
    address, wherever pdfium put them: runs of short unpunctuated lines that hold them."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        hits = sum(1 for x in run if _LETTERHEAD.match(x.strip()))
        dated = any(_DATE_LINE.match(x.strip()) for x in run)
        if not (hits >= 2 or (dated and len(run) >= 2)):
            out.extend(run)
        else:
            # The end of a sentence or list item just above the letterhead is text, not part
            # of it: "without delay. (enabler 2)" above "Ofsted", "Piccadilly Gate" ….
            first = next(k for k, x in enumerate(run) if _LETTERHEAD.match(x.strip()) or _DATE_LINE.match(x.strip()))
            lead = run[:first]
            if lead and all(_TEXT_END.search(x.strip()) or x.strip()[:1].islower() for x in lead):
                out.extend(lead)
        run.clear()

    for x in lines:
        st = x.strip()
        if st and len(st) < 0.6 * width and not st.endswith((".", ";", ",")) and st[:1] not in BULLETS:
            run.append(x)
        else:
            flush()
            out.append(x)
    flush()
    return out


def _cut_page(lines: list[str]) -> list[str]:
    """A page without cover metadata and without Ofsted's closing boilerplate (from its first
    line to the end of the page: reports bound together have it more than once)."""
    cover = any(_METADATA.match(x) for x in lines[:30])
    out = []
    for x in lines:
        if BACK_MATTER.match(x.strip()):
            break
        if _METADATA.match(x) or (cover and _COVER_INSPECTOR.match(x)):
            continue
        out.append(x)
    return out


def _letter_title(lines: list[str]) -> tuple[str, list[str]]:
    """The line or two after the salutation ("Focused visit to … children's services")."""
    title: list[str] = []
    j = 0
    while j < len(lines) and len(title) < 3:
        st = lines[j].strip()
        if st and title and st[0].islower() and len(st) < 30:
            title.append(st)  # "… children’s" + "services."
            j += 1
            break
        if st and (ends_terminal(st) or re.match(r"(?:This (?:letter|visit)|Her Majesty|His Majesty|Inspectors )", st)):
            break
        if st:
            title.append(st)
        j += 1
    text = join_lines(title)
    if not title or len(text) > 200 or not text[:1].isupper():
        return "", lines
    return text, lines[j:]


def _cut_signoff(lines: list[str]) -> list[str]:
    """A letter ends at "Yours sincerely": the signature and copy list are not its text."""
    for i in range(len(lines) - 1, max(-1, len(lines) - 400), -1):
        if re.match(r"\s*Yours? (?:sincerely|faithfully)", lines[i]):
            return lines[:i]
    # No closing words: the signature alone ("Kate Malleson" / "Her Majesty's Inspector").
    tail = [i for i in range(max(0, len(lines) - 3), len(lines)) if re.search(r"(?:Her|His) Majesty.s (?:Chief )?Inspector|^\s*HMI\s*$", lines[i])]
    if tail and tail[-1] >= len(lines) - 2 and tail[0] >= 1 and len(lines[tail[0] - 1].strip()) < 40:
        return lines[: tail[0] - 1]
    return lines
