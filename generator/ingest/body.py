"""The body of an Ofsted report or letter as Markdown blocks, with its findings and the
earlier inspections it cites.

Input is the text of each page as pdfium extracts it (`pdftext.pdf_pages`): no blank lines,
no fonts, wrapped lines ending in "\\n", private-use bullet characters, and pdfium's mark
U+FFFE where a line ended in a hyphen (the break already removed; on this corpus always a
compound: "multi-agency"). A Markdown or plain-text conversion (one page with blank lines
between blocks, like the seed documents) goes through `blocks.blocks_from_text` instead;
findings and cited inspections are read from the blocks either way. In order:

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
   the footnote texts are kept, in order, as unnumbered blocks at the end of the body,
   each starting with its number ("1 Ofsted produces this report …").
2. Front and back matter, dropped: the cover (title, dates, inspector and judgement table,
   which are extracted elsewhere; in SIF and 2013 reports the whole first page up to a
   first heading such as "Executive summary", with the judgement's standard wording), the
   copyright and contents pages, cover metadata lines, a letter's letterhead, date,
   recipient and salutation, its sign-off ("Yours sincerely" and after) and Ofsted's
   closing boilerplate ("The Office for Standards in Education …", to the end of its page).
   A letter's title line after the salutation becomes a heading.
3. Lines → blocks. A line starts a new unit when it starts a numbered paragraph ("12. …",
   "12.Text", "46.. …"), a bullet (◼ • ▪ U+F06E …) or a sub-bullet (– − - U+F02D …, only
   after a lead-in ending in ":" or inside a list; nested as "  - "), or when the line
   before ended its paragraph: it was not wrapped, judged from its length against the text
   width (the 90th percentile of line lengths) plus the next line's first word, its
   punctuation, and the next lines (a short capitalised unpunctuated line is a heading; a
   lead-in followed by a list). A full line ending a sentence is ambiguous in plain text:
   inside a numbered paragraph it goes on (the next number marks the next paragraph);
   elsewhere it ends the paragraph only when pdfium left no trailing space. Units that
   start in lower case continue the one before. Short unpunctuated units are headings
   (Block.heading 2, or 3 right under another heading); runs of three or more of them with
   grade words are judgement tables (a two-column pipe table). Bullets go into the block
   they belong to as a Markdown "- " list.
4. Numbering. A number is the report's own paragraph number when it is the next in
   sequence (the first one when 1–3 or followed by its successor); a forward gap of up to
   five is accepted with a warning (the source misses a number); anything else is text.
   A sequence that restarts at 1 keeps the first sequence numbered: the restarted
   paragraphs become unnumbered text that keeps its printed number ("1\\. …"), with one
   warning. On the corpus only Hull 2015 restarts (the bound-in LSCB report).

Findings: the bullets, or SIF's numbered paragraphs, under "What needs to improve",
"Areas for improvement", "Recommendations", "What does the local authority/LSCB need to
improve?" (improvements, timescale "none-stated" unless an "Immediately:" / "Within three
months:" / "Within six months:" subhead says otherwise), "Areas for priority action" /
"Priority and immediate action" (priority actions), strengths ("The local authority has
the following strengths:", "Areas of strength") and "Areas for development". A finding's
paragraph is the numbered paragraph it stands in, or the numbered lead-in it follows
("22. In order to improve … the following action."). Cited inspections: sentences naming
an earlier inspection or visit with its date, or with grades; one draft per dated
inspection; a following sentence that only states grades ("The local authority was
judged to be good.") is added to it. Cheap substring tests run before any pattern.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from generator.ingest.blocks import Block, blocks_from_text

__all__ = ["Block", "BodyDraft", "CitedDraft", "FindingDraft", "extract_body"]


@dataclass(frozen=True)
class FindingDraft:
    text: str
    timescale: str | None = None  # improvements only: immediately | within-three-months | within-six-months | none-stated
    paragraph: int | None = None  # the numbered paragraph it stands in, if any


@dataclass(frozen=True)
class CitedDraft:
    text: str  # the sentence that cites an earlier inspection
    paragraph: str  # "p-N" for numbered paragraph N, "s-K" for the K-th unnumbered text block
    year: int | None
    month: int | None
    framework: str | None
    grades: tuple[tuple[str, str], ...] = ()


@dataclass
class BodyDraft:
    blocks: list[Block]
    improvements: list[FindingDraft] = field(default_factory=list)
    priority_actions: list[FindingDraft] = field(default_factory=list)
    strengths: list[FindingDraft] = field(default_factory=list)
    development_areas: list[FindingDraft] = field(default_factory=list)
    cited: list[CitedDraft] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- characters

_BULLETS = frozenset("◼■•▪●\uf06e\uf0a7\uf0b7\uf0d8\uf076\uf0fc\uf0be\uf0a8\u25aa\u25a0\u2022\u25cf")
_SUBBULLETS = frozenset("\uf02d–−─―⎯-\u0336o")
_TERMINAL = frozenset(".!?:;")
_CLOSERS = "’'”\")]"
_ODD_CHARS = (("\ufffe", "-"), ("\u00a0", " "), ("\u202f", " "), ("\u2009", " "), ("\t", " "), ("\u00ad", ""))


def _clean_page(page: str) -> str:
    """pdfium's U+FFFE (a hyphen that ended a line, the break already removed) becomes "-":
    on this corpus it always joins a compound ("multi-agency", "decision-making"). Odd
    spaces become spaces. (str.replace: translate() is slow on long pages.)"""
    for a, b in _ODD_CHARS:
        if a in page:
            page = page.replace(a, b)
    return page

_GRADE = r"(?:outstanding|good|adequate|inadequate|requires\s+improvement(?:\s+to\s+be\s+good)?|not\s+judged)"
_GRADE_END = re.compile(rf"(?i)(?:^|[\s:–-])({_GRADE}|grade\s+\d(?:\s*\([a-z ]+\))?)\s*$")
_GRADE_START = re.compile(rf"(?i)^(?:{_GRADE}|grade\s+\d)\b")
_GRADE_ONLY = re.compile(rf"(?i)^(?:{_GRADE}|requires|improvement(?:\s+to\s+be\s+good)?|to\s+be\s+good|grade\s+\d(?:\s*\([a-z ]+\))?)$")
_PAGE_NO = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$", re.I)
_TRAILING_NO = re.compile(r"\s+\d{1,3}$")
_NUM = re.compile(r"^(\d{1,3})(\.+\s*|\s+)(\S|$)")
_FOOT = re.compile(r"^(\d{1,2})(?:(?:\s+|(?=[A-Z]))(\S.*))?$")  # "1 Ofsted produces …", "1The areas …"
# Cover metadata (extracted elsewhere); the inspector lines only on a page with the dates,
# since SIF reports list their inspection team in the body.
_METADATA = re.compile(r"^\s*(?:Inspection dates?|Report published|Age group|Published)\s*:")
_COVER_INSPECTOR = re.compile(r"^\s*(?:Lead|Reporting) inspector\b")
_BACK_MATTER = re.compile(
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
                            and i > 0 and _ends_terminal(lines[i - 1]) and len(m.group(2)) > 40)
                if marked or unmarked:
                    start = i
                    break
    if start is None:
        num = str(expect)
        if any(x.strip() == num for x in lines):
            i = len(lines) - 1  # the footnote's last line may be short
            while i > 0 and len(lines[i - 1].rstrip()) > 1.08 * width:
                i -= 1
            if i < len(lines) - 1 and i > 0 and _ends_terminal(lines[i - 1]) and lines[i].strip()[:1].isupper():
                return lines[:i], [(expect, _text(lines[i:]))]
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
            notes[-1] = (num, _join(text, s) if text else s)
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

def _cut_cover(pages: list[list[str]], width: float) -> tuple[list[list[str]], bool]:
    """Drop the cover, copyright and contents pages; return pages and whether it is a letter."""
    if not pages:
        return pages, False
    first = pages[0]
    dear = next((i for i, x in enumerate(first[:60]) if re.match(r"\s*Dear\s", x)), None)
    if dear is not None:
        rest = [x for x in first[dear + 1:]]
        return [_drop_letterhead(rest, width)] + [_drop_letterhead(p, width) for p in pages[1:]], True
    out = [list(p) for p in pages]
    out[0] = first[_cover_end(first, width):]
    if not out[0] and len(out) > 1:
        # A SIF judgement list that runs onto the second page.
        k = 0
        second = out[1]
        while k < len(second) and (not second[k].strip() or _PAGE_NO.match(second[k].strip())
                                   or (_SIF_ROW.match(second[k].strip()) and _GRADE_END.search(second[k]))):
            k += 1
        out[1] = second[k:]
    for k in range(min(4, len(out))):
        lines = [x for x in out[k] if x.strip()]
        if lines and lines[0].lstrip().startswith("©"):
            out[k] = []
    return [_drop_contents(p) for p in out], False


def _grade_line(st: str, width: float) -> bool:
    """A row of a judgement table: a grade alone, or a label ending in a grade, not prose."""
    return bool(_GRADE_ONLY.match(st) or (_GRADE_END.search(st) and len(st) < 0.8 * width))


_BODY_START = re.compile(r"(?i)^(?:executive summary|summary of (?:key )?findings|section 1\b|about this inspection|the local authority)$")
_SIF_ROW = re.compile(r"^\d(?:\.\d)?\.?\s+[A-Z]")


def _cover_end(first: list[str], width: float) -> int:
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
        if _grade_line(st, width) or _METADATA.match(st) or _COVER_INSPECTOR.match(st) or (judg is None and _SIF_ROW.match(st) and len(st) < 0.9 * width):
            last = i
        elif len(st) >= 0.75 * width and last > start:
            nxt = first[i + 1].strip() if i + 1 < len(first) else ""
            if not _grade_line(nxt, width):
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
        if ahead is None or _ends_terminal(s) or len(s) > 90:
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
        run.clear()

    for x in lines:
        st = x.strip()
        if st and len(st) < 0.6 * width and not st.endswith((".", ";", ",")) and st[:1] not in _BULLETS:
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
        if _BACK_MATTER.match(x.strip()):
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
        if st and (_ends_terminal(st) or re.match(r"(?:This (?:letter|visit)|Her Majesty|His Majesty|Inspectors )", st)):
            break
        if st:
            title.append(st)
        j += 1
    text = _text(title)
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


# --------------------------------------------------------------------------- lines → units

@dataclass
class _Unit:
    """Lines of one paragraph, list item or heading, before numbering is checked."""

    kind: str  # "num", "bullet", "sub", "text"
    lines: list[str]
    number: int | None = None  # the paragraph number, once accepted
    raw_number: int | None = None  # the number printed at the start of the first line
    printed: str = ""  # the first line as printed, number included
    notes: list[str] = field(default_factory=list)


# Sentence-final cross-references: "(Recommendation)", "(Outcome 1, national framework)".
_REC_END = re.compile(r"(?i)\((?:(?:see\s+)?(?:recommendations?|paragraphs?)\b[^()]{0,20}|(?:outcomes?|enablers?|principles?)\b[^()]{0,60})\)\.?$")


def _ends_terminal(s: str) -> bool:
    s = s.rstrip()
    if s.endswith(")") and _REC_END.search(s):
        return True  # "… decisions. (Recommendation)"
    s = s.rstrip(_CLOSERS)
    return bool(s) and s[-1] in _TERMINAL


def _join(a: str, b: str) -> str:
    a, b = a.rstrip(), b.strip()
    if not a:
        return b
    if not b:
        return a
    if a.endswith("-") and len(a) > 1 and a[-2].isalnum():
        if a[-2].isdigit() and re.match(r"(and|or|to)\b", b):
            return a + " " + b  # "16- and 17-year-olds"
        if b[0].isalnum():
            return a + b  # a compound split by a page break ("multi-" + "agency")
    if b[0] in ",.;:)" or a.endswith(("(", "‘", "“")):
        return a + b
    return a + " " + b


_ROMAN_ITEM = re.compile(r"^\((?:i{1,3}|iv|v|vi{1,3}|ix|x|[a-h])\)\s+\S")


def _bullet_kind(s: str, in_list: bool, prev: str) -> tuple[str, str] | None:
    """("bullet" | "sub", text) when the line starts a list item."""
    c = s[:1]
    if c == "(" and _ROMAN_ITEM.match(s):
        return "sub", s  # "(i) they are privately fostered", its marker kept
    if c in _BULLETS and (len(s) == 1 or s[1] in " \t" or not s[1].isalnum() or c not in "o"):
        return "bullet", s[1:].strip()
    if c in _SUBBULLETS:
        if c in "\uf02d─―⎯\u0336":
            return "sub", s[1:].strip()  # list glyphs that are never text
        if c == "o" or c == "-":
            if not s.startswith(("o ", "- ")):
                return None
        elif c in "–−" and not s[1:2].isspace():
            return None
        if in_list or prev.rstrip().endswith(":"):
            return "sub", s[1:].strip()  # a dash that starts a line after a lead-in or in a list
    return None


def _units(lines: list[str], width: float) -> list[_Unit]:
    units: list[_Unit] = []
    cur: _Unit | None = None
    ended = True  # the line before ended a paragraph
    in_list = False
    prev = ""
    expect = 1
    n = len(lines)
    for k in range(n):
        raw = lines[k]
        s = raw.strip()
        if not s:
            continue
        if len(s) <= 2 and s.isdigit():
            continue  # a footnote marker set on its own line (or a stray page number)
        bk = _bullet_kind(s, in_list, prev)
        m = _NUM.match(s) if bk is None else None
        if m is not None:
            sep, nxt_char = m.group(2), m.group(3)
            if "." not in sep:
                # "34 Most children …": a number whose dot was lost, only where it is due.
                if int(m.group(1)) != expect or not nxt_char.isupper() or not _ends_terminal(prev):
                    m = None
            elif not nxt_char:
                pass  # "89." alone on its line, the paragraph on the next page
            elif sep == "." and not (nxt_char.isupper() or nxt_char in "‘“'\"("):
                m = None  # "2.1 Adoption", "1.5million"
        if bk is not None:
            cur = _Unit(bk[0], [bk[1]] if bk[1] else [])
            units.append(cur)
            in_list = True
        elif m is not None and (ended or _ends_terminal(prev) or prev == "" or int(m.group(1)) == expect):
            cur = _Unit("num", [s[m.end(2):].strip()], raw_number=int(m.group(1)), printed=s)
            units.append(cur)
            expect = int(m.group(1)) + 1
            in_list = False
        elif cur is not None and (s[0] in ",.;:)" or (s[0] == "(" and len(s) < 40 and _REC_END.match(s))):
            # Punctuation after a footnote marker or a page break; a cross-reference set on
            # its own line: "(Recommendation)", "(Paragraph 12)".
            cur.lines.append(s)
        elif cur is None or ended:
            if cur is not None and cur.kind in ("bullet", "sub") and s[:1].islower():
                cur.lines.append(s)  # a list item that goes on after a short line
            else:
                cur = _Unit("text", [s])
                units.append(cur)
                in_list = False
        elif (cur.kind in ("bullet", "sub") and cur.lines and cur.lines[0][:1].islower()
              and s[:1].isupper() and _ends_terminal(prev)):
            # A list of phrases ("◼ the quality of plans."): a capitalised sentence after
            # the end of an item is the paragraph after the list.
            cur = _Unit("text", [s])
            units.append(cur)
            in_list = False
        else:
            cur.lines.append(s)
        prev = s
        nxt = lines[k + 1] if k + 1 < n else ""
        in_numbered = cur is not None and cur.kind == "num"
        ended = (_line_ends(raw, nxt, lines[k + 2] if k + 2 < n else "", width, in_numbered)
                 and not (cur is not None and cur.lines == [""]))
    return _merge_lower(units)


_OPENS_ITEM = re.compile(r"^\s*(?:\d{1,3}\.+\s*[A-Z‘“(]|[" + "".join(sorted(_BULLETS)) + "])")


def _line_ends(raw: str, nxt: str, nxt2: str, width: float, in_numbered: bool = False) -> bool:
    """Whether a line ends its paragraph, judged from its length and the lines after it.

    A wrapped line is nearly full: the next line's first word did not fit on it. A full
    line that ends a sentence is ambiguous; it ends the paragraph when the next line is a
    heading or a label (short, capitalised, unpunctuated or ending in "?" or ":"; or
    unpunctuated and followed by a list or a numbered paragraph), or when it has no
    trailing space and was not overfull (pdfium keeps a trailing space on most wrapped
    lines and drops it on many paragraph ends).
    """
    s = raw.rstrip()
    nx = nxt.strip()
    if not nx:
        return True
    sp = nx.find(" ")
    fill = (len(s) + 1 + (sp if sp > 0 else len(nx))) / width
    if s.endswith((",", ";")) or s.count("(") > s.count(")"):
        return False  # paragraphs do not end there or inside brackets ("(Outcome two:" + "National Framework)")
    if not _ends_terminal(s):
        # A short unpunctuated line: a heading or a table cell. One after a nearly full
        # unpunctuated line ("… immediate action" + "Areas for improvement" + "9. …").
        if fill < 0.8:
            return True
        if len(nx) < 0.6 * width and not _ends_terminal(nx):
            # "… help and protection Requires improvement" + "Summary": a short capitalised
            # line with no punctuation after an unpunctuated one is a heading; so is one
            # that a list or numbered paragraph follows ("Areas for improvement" + "9. …").
            return (nx[:1].isupper() and len(nx) < 0.4 * width) or bool(_OPENS_ITEM.match(nxt2))
        return False
    if fill < 0.9:
        return True
    if nx[:1].isupper():
        if (not _ends_terminal(nx) or nx.endswith("?")) and len(nx) < 0.85 * width and not _wrapped(nx, nxt2, width):
            return True  # a heading: a paragraph's lines are full or end a sentence
        if nx.endswith(":") and len(nx) < 0.85 * width and _OPENS_ITEM.match(nxt2):
            return True  # a lead-in to a list
        if _GRADED.match(nx):
            return True  # "The graded judgement for adoption performance is that it is good."
    if in_numbered:
        return False  # inside a numbered paragraph, a full line goes on: the number marks the next
    return not raw.endswith(" ") and fill < 1.0


_GRADED = re.compile(r"(?i)^the graded judge?ments? (?:for|about|on)\b")


def _wrapped(line: str, nxt: str, width: float) -> bool:
    """Whether a line was wrapped inside a sentence: the next goes on in lower case and its
    first word would not have fitted ("… the people who are" + "important in …")."""
    nx = nxt.lstrip()
    if not nx[:1].islower():
        return False
    sp = nx.find(" ")
    return (len(line.rstrip()) + 1 + (sp if sp > 0 else len(nx))) >= 0.9 * width


def _merge_lower(units: list[_Unit]) -> list[_Unit]:
    """A text unit that starts in lower case continues the unit before it."""
    out: list[_Unit] = []
    for u in units:
        prev_last = out[-1].lines[-1] if out and out[-1].lines else "."
        if (out and u.kind == "text" and out[-1].kind == "text" and len(u.lines) == 1 and _LABEL.match(out[-1].lines[0])
                and not _ends_terminal(prev_last) and not _ends_terminal(u.lines[0]) and len(out[-1].lines) < 4):
            out[-1].lines.extend(u.lines)  # "Team inspectors: …, Anji" + "Parker and Jon Bowman"
        elif (out and u.kind == "text" and u.lines and u.lines[0][:1].islower()
                and (not _ends_terminal(prev_last) or prev_last.endswith(";")
                     # "… help and protection:" + "outstanding": a heading and its grade
                     or (prev_last.endswith(":") and len(u.lines) == 1 and _GRADE_ONLY.match(u.lines[0].strip().rstrip("."))))):
            out[-1].lines.extend(u.lines)
        else:
            out.append(u)
    return out


# --------------------------------------------------------------------------- units → blocks

def _text(lines: list[str]) -> str:
    """Lines joined into one paragraph (see `_join`), in one pass."""
    parts: list[str] = []
    prev = ""
    for x in lines:
        b = x.strip()
        if not b:
            continue
        if not parts:
            parts.append(b)
        elif prev[-1] not in "-(‘“" and b[0] not in ",.;:)":
            parts.append(" " + b)  # the common case, without the call
        else:
            joined = _join(prev, b)
            parts.append(joined[len(prev):])  # _join(prev, b) is prev + separator + b
        prev = b
    return "".join(parts)


_JUDGEMENT_HEAD = re.compile(
    r"(?i)^(?:the )?(?:experiences? and progress of|impact of leaders|leadership, management and governance"
    r"|graded judge?ment|overall effectiveness|the local safeguarding children board (?:is|requires))")
_LABEL = re.compile(r"(?i)^[^:]{0,40}\b(?:inspectors?|analysts?|managers?|author|lead)\b[^:]{0,15}:\s")


def _is_heading_text(t: str, nlines: int) -> bool:
    if not t or len(t) > 160 or nlines > 3 or _LABEL.match(t):
        return False
    if not (t[0].isupper() or t[0].isdigit() or t[0] in "‘'\""):
        return False
    if t.endswith("?"):
        return len(t) <= 120
    if t.endswith(".") and _JUDGEMENT_HEAD.match(t) and _GRADE_END.search(t[:-1]):
        return True  # "The experiences and progress of children in care …: good." set as a heading
    return not _ends_terminal(t) and not t.endswith(",")


def _is_grade_row(t: str) -> bool:
    return bool(_GRADE_END.search(t) or _GRADE_START.match(t) or _GRADE_ONLY.match(t))


_GRADE_LEAD = re.compile(r"(?i)^((?:outstanding|good|adequate|inadequate)\s*\(grade\s*\d\))\s+(.+)$")


def _table(rows: list[str]) -> str:
    cells: list[list[str]] = []
    for r in rows:
        lead = _GRADE_LEAD.match(r)
        if lead:
            cells.append([lead.group(1), lead.group(2)])  # "Good (Grade 2) | A service that …"
            continue
        if _GRADE_ONLY.match(r) and cells and (not cells[-1][1] or cells[-1][1].lower() in ("requires", "requires improvement")):
            cells[-1][1] = (cells[-1][1] + " " + r).strip()
            continue
        m = _GRADE_END.search(r)
        if m and m.start(1) > 0:
            cells.append([r[: m.start(1)].strip(" :–-"), m.group(1)])
        elif _GRADE_ONLY.match(r):
            cells.append(["", r])
        else:
            cells.append([r, ""])
    esc = [[c.replace("|", "\\|") for c in row] for row in cells]
    lines = ["| " + " | ".join(esc[0]) + " |", "|---|---|"] + ["| " + " | ".join(r) + " |" for r in esc[1:]]
    return "\n".join(lines)


def _merge_rejected(units: list[_Unit]) -> list[_Unit]:
    """A rejected number that started a unit mid-sentence continues the unit before it."""
    out: list[_Unit] = []
    for u in units:
        if (u.kind == "text" and u.raw_number is not None and out and out[-1].lines
                and not _ends_terminal(out[-1].lines[-1])):
            out[-1].lines.extend(u.lines)
        else:
            out.append(u)
    return out


def _blocks_from_units(units: list[_Unit], warnings: list[str]) -> list[Block]:
    # First pass: number validation.
    expected = 1
    seen_any = False
    restarted = False
    nums = [u for u in units if u.kind == "num"]
    for k, u in enumerate(nums):
        n = u.raw_number or 0
        if restarted:
            u.number = None
            continue
        if n == expected or (not seen_any and (n <= 3 or (k + 1 < len(nums) and nums[k + 1].raw_number == n + 1))):
            u.number = n
        elif seen_any and n == 1 and expected > 3:
            restarted = True
            note = f"paragraph numbering restarts at 1 after {expected - 1}: the restarted paragraphs are kept as unnumbered text"
            warnings.append(note)
            u.notes.append(note)
            u.number = None
            continue
        elif expected < n <= expected + 5:
            note = f"paragraph {n} follows {expected - 1}: {n - expected} number(s) missing"
            warnings.append(note)
            u.notes.append(note)
            u.number = n
        else:
            # Not a paragraph number ("… aged" + "16. They …"): the line goes on the text.
            u.number = None
            u.kind = "text"
            u.lines[0] = u.printed
            continue
        seen_any = True
        expected = u.number + 1
    units = _merge_rejected(units)
    # Second pass: classify text units and build blocks.
    blocks: list[Block] = []
    cur: Block | None = None  # the block list items attach to
    has_bullet = False  # cur has a list
    has_top = False  # … with a top-level item that sub-items nest under
    i = 0
    while i < len(units):
        u = units[i]
        if u.kind in ("bullet", "sub"):
            item = _text(u.lines)
            new_block = cur is None or cur.heading or cur.text.startswith("|")
            if new_block or not has_bullet:
                has_top = False  # a new list
            prefix = "  - " if (u.kind == "sub" and has_top) else "- "
            if new_block:
                cur = Block(prefix + item)
                blocks.append(cur)
            else:
                sep = "\n" if has_bullet else "\n\n"
                cur.text += sep + prefix + item
            has_bullet = True
            has_top = has_top or u.kind == "bullet"
            i += 1
            continue
        if u.kind == "num":
            body = _text(u.lines)
            if not body and u.number is not None:
                warnings.append(f"paragraph {u.number} has no text in the source: left out")
                i += 1
                continue
            if u.number is None:
                body = f"{u.raw_number}\\. {body}"  # a restarted number, kept as printed
            cur = Block(body, number=u.number, notes=list(u.notes))
            blocks.append(cur)
            has_bullet = False
            i += 1
            continue
        # text: heading, table run, or paragraph
        t = _text(u.lines)
        if _is_heading_text(t, len(u.lines)):
            j = i
            run: list[str] = []
            while j < len(units) and units[j].kind == "text":
                tj = _text(units[j].lines)
                if not _is_heading_text(tj, len(units[j].lines)) or tj.endswith("?"):
                    break
                run.append(tj)
                j += 1
            grades = sum(1 for r in run if _is_grade_row(r))
            if len(run) >= 3 and grades >= 2:
                # The run's first and last rows without a grade are headings around the table.
                lo, hi = 0, len(run)
                while hi > lo and not _is_grade_row(run[hi - 1]):
                    hi -= 1
                if not _is_grade_row(run[0]) and hi - lo > 2:
                    lo = 1
                for r in run[:lo]:
                    blocks.append(Block(r, heading=3 if blocks and blocks[-1].heading else 2))
                cur = Block(_table(run[lo:hi]))
                blocks.append(cur)
                for r in run[hi:]:
                    blocks.append(Block(r, heading=2))
                cur = blocks[-1]
                has_bullet = False
                i = j
                continue
            level = 3 if blocks and blocks[-1].heading else 2
            cur = Block(t, heading=level)
            blocks.append(cur)
            has_bullet = False
            i += 1
            continue
        cur = Block(t)
        blocks.append(cur)
        has_bullet = False
        i += 1
    return blocks


# --------------------------------------------------------------------------- PDF text → blocks

def _width(pages: list[list[str]]) -> float:
    lens = sorted(len(x.rstrip()) for p in pages for x in p if len(x.strip()) >= 25)
    if not lens:
        return 80.0
    return float(lens[int(len(lens) * 0.9)])


_LETTER_FRAMEWORKS = frozenset({"focused-visit", "monitoring-visit", "jtai", "cra-unannounced"})


def _pdf_blocks(pages: list[str], framework: str | None, warnings: list[str]) -> list[Block]:
    page_lines = [_clean_page(p).split("\n") for p in pages]
    running = _running_lines(page_lines)
    page_lines = [_strip_edges(p, running) for p in page_lines]
    width = _width(page_lines[1:-1] if len(page_lines) > 2 else page_lines)
    page_lines, letter = _cut_cover(page_lines, width)
    footnotes: list[tuple[int, str]] = []
    flat: list[str] = []
    for p in page_lines:
        p = _cut_page(_strip_edges(p, running))
        kept, notes = _take_footnotes(p, (footnotes[-1][0] + 1) if footnotes else 1, width)
        if notes:
            kept = _drop_markers(kept, {n for n, _ in notes})
            footnotes.extend(notes)
        flat.extend(kept)
    blocks: list[Block] = []
    if letter or framework in _LETTER_FRAMEWORKS:  # a letter without "Dear …" still signs off
        flat = _cut_signoff(flat)
    if letter:
        title, flat = _letter_title(flat)
        if title:
            blocks.append(Block(title, heading=2))
    blocks += _blocks_from_units(_units(flat, width), warnings)
    blocks.extend(Block(f"{n} {t}") for n, t in footnotes if t)
    return blocks


# --------------------------------------------------------------------------- Markdown conversions

def _looks_markdown(pages: list[str]) -> bool:
    return len(pages) == 1 and pages[0].count("\n\n") >= 3


def _markdown_blocks(text: str, warnings: list[str]) -> list[Block]:
    blocks = blocks_from_text(text)
    for b in blocks:
        warnings.extend(f"paragraph {b.number}: {n}" if b.number else n for n in b.notes)
    out: list[Block] = []
    for b in blocks:
        if _BACK_MATTER.match(b.text):
            break
        out.append(b)
    return out


# --------------------------------------------------------------------------- findings

_TIMESCALES = (
    (re.compile(r"(?i)^\W*immediately\b"), "immediately"),
    (re.compile(r"(?i)^\W*within\s+(?:three|3)\s+months\b"), "within-three-months"),
    (re.compile(r"(?i)^\W*within\s+(?:six|6)\s+months\b"), "within-six-months"),
)
_SECTIONS = (
    (re.compile(r"(?i)^\W*(?:areas? for priority action|priority and immediate action|priority actions?\b)"), "priority"),
    (re.compile(r"(?i)^\W*(?:what needs to improve|what does the (?:local authority|lscb|board) need to improve|"
                r"(?:key )?areas? for improvement|recommendations?\b|identifying areas for improvement|"
                r"what the (?:local authority|lscb) needs to improve)"), "improve"),
    (re.compile(r"(?i)^\W*(?:the (?:local authority|lscb|board)(?:’s|'s)? (?:has the following )?strengths|"
                r"(?:key )?strengths\b(?! and weaknesses)|areas? of strengths?\b|celebrating our strengths)"), "strength"),
    (re.compile(r"(?i)^\W*areas? for development\b"), "development"),
)
# A recommendation set as a numbered paragraph: an imperative, or "The LSCB should …".
_IMPERATIVE = frozenset("""ensure improve strengthen review develop increase continue take implement work provide
    monitor establish evaluate accelerate undertake complete reduce make revise extend urgently devise put
    fully hold consolidate raise audit update clarify support agree secure embed address consider identify
    assess analyse analyze promote enable create introduce use set challenge seek reinforce prioritise
    prioritize build sustain collate publish produce engage involve obtain deliver maintain confirm
    broaden focus further better tackle carry scrutinise scrutinize enhance give drive refresh integrate
    include expedite place align track expand recruit coordinate co-ordinate cease maximise maximize
    concentrate explore formalise formalize streamline bring help sharpen gather record achieve comply
    visit tighten report reduce reinstate resolve respond commission re-establish""".split())
_LEADING_PHRASE = frozenset("with working through in together alongside jointly as by using building following when where if for".split())
_ADVERBS = frozenset("""urgently significantly swiftly robustly effectively sharply systematically consistently
    appropriately routinely quickly rapidly fully jointly continuously regularly clearly properly promptly
    immediately rigorously further better""".split())
_NO_ITEMS = re.compile(r"(?i)\b(?:did not (?:find|identify) any|there (?:are|were) no|no (?:additional |further )?(?:areas|priority))\b")
_LEAD_IN = re.compile(r"(?i)^(?:in order to|to improve|the local authority (?:and its partners )?should|the (?:lscb|board) should take)")


def _section_of(text: str) -> str | None:
    t = text.replace("*", "").strip()
    if len(t) > 140:
        return None
    for rx, kind in _SECTIONS:
        if rx.match(t):
            return kind
    return None


def _timescale_of(text: str) -> str | None:
    t = text.replace("*", "").strip()
    if len(t) > 40:
        return None
    for rx, key in _TIMESCALES:
        if rx.match(t):
            return key
    return None


def _recommendation_like(text: str) -> bool:
    words = [w.strip("‘’'\"(,:;").lower() for w in text.split(None, 2)[:2]]
    if not words:
        return False
    head = text[:160]
    if words[0] in _IMPERATIVE or " should " in head:
        return True
    m = re.search(r"\bneeds? to ([a-z]+)", head)  # "The local authority and its partners need to ensure …"
    if m and m.group(1) in _IMPERATIVE:
        return True
    # "The BSCB to ensure …", "BSCB to work with partners …"
    m = re.match(r"(?:The\s+)?(?:[A-Z]{3,6}|[Bb]oard|[Pp]artners|[Ll]ocal authority|[Cc]ouncil)\s+to\s+([a-z]+)\b", head)
    if m and m.group(1) in _IMPERATIVE:
        return True
    # "Working through, and reporting to the board, ensure that …", "With the LSCB, implement …",
    # "When there are plans to return a child home, ensure that …"
    if words[0] in _LEADING_PHRASE:
        for m in re.finditer(r",\s+([a-z]+)\s+(?!and\b|or\b|is\b|are\b|was\b|were\b|has\b|have\b|can\b|will\b|may\b)[a-z]", text[:150]):
            if m.group(1) in _IMPERATIVE:
                return True
    # "Significantly reduce …", "Urgently review …" (not "Early help …")
    return words[0] in _ADVERBS and len(words) > 1 and words[1] in _IMPERATIVE


def _clean_item(text: str) -> str:
    return " ".join(text.replace("**", "").split())


def _findings(blocks: list[Block]) -> dict[str, list[FindingDraft]]:
    """Findings under their section headings (or labels in text), with timescale subheads.

    A section holds bullets (ILACS, letters, older reports) or numbered paragraphs (SIF:
    each recommendation or strength is a paragraph). Sub-headings inside an improvement
    section keep it open only when recommendations follow them; the first paragraph that
    is not a recommendation, or a heading followed by anything else, closes it.
    """
    out: dict[str, list[FindingDraft]] = {"improve": [], "priority": [], "strength": [], "development": []}
    section: str | None = None
    timescale: str | None = None
    items_seen = 0
    lead: int | None = None  # a numbered lead-in ("22. In order to improve … the following action.")
    just_opened = False  # the block before was the section's heading
    for i, b in enumerate(blocks):
        if b.heading:
            kind = _section_of(b.text)
            ts = _timescale_of(b.text)
            if ts and section in ("improve", "priority"):
                timescale = ts
            elif kind:
                section, timescale, items_seen, lead = kind, None, 0, None
            elif section in ("improve", "priority"):
                # A sub-heading ("The quality of social work plans") keeps the section open
                # only when recommendations follow it.
                nxt = next((x for x in blocks[i + 1:] if not x.heading), None)
                if not (nxt is not None and nxt.number is not None and _recommendation_like(nxt.text)):
                    section = None
            elif section is not None:
                section = None
            just_opened = kind is not None
            continue
        opened, just_opened = just_opened, False
        lines = b.text.split("\n")
        first = lines[0].replace("*", "").strip()
        if section is None:
            # A label set as body text opens a section too ("Areas for priority action",
            # "**Strengths**" in a converted table, "The local authority has the following
            # strengths:").
            kind = _section_of(first) if (b.number is None or first.endswith(":")) else None
            if kind is None:
                continue
            section, timescale, items_seen, lead = kind, None, 0, None
        items: list[str] = []
        head: list[str] = []
        for line in lines:
            st = line.strip()
            if not st:
                continue
            if line.startswith("- "):
                items.append(st[2:])
                continue
            if line.startswith("  - "):
                if items:
                    items[-1] += " " + st[2:].strip()
                continue
            label = st.replace("*", "").strip()
            kind = _section_of(label) if len(label) < 100 else None
            ts = _timescale_of(label)
            if items:
                items_seen += _emit(out, section, timescale, items, b.number or lead)
                items = []
            if kind and b.number is None:
                section, timescale = kind, None
            elif ts:
                timescale = ts
            else:
                head.append(st)
        if items:
            items_seen += _emit(out, section, timescale, items, b.number or lead)
            continue
        if not head or section is None:
            continue
        text = _clean_item(" ".join(head))
        if b.number is not None and (text.endswith(":") or _LEAD_IN.match(text)):
            lead = b.number
        elif b.number is not None:
            nxt = next((x for x in blocks[i + 1:] if x.number is not None or x.heading), None)
            if (section == "strength" or _recommendation_like(text) or (items_seen == 0 and section == "improve")
                    # one that does not read as a recommendation between two that do
                    or (items_seen and nxt is not None and nxt.number is not None and _recommendation_like(nxt.text))):
                out[section].append(FindingDraft(text, "none-stated" if section == "improve" else None, b.number))
                items_seen += 1
                continue
            if items_seen:
                section = None
        elif b.number is None and not items_seen and opened and section in ("improve", "priority") \
                and not text.endswith(":") and not _NO_ITEMS.search(text):
            # "What needs to improve?" answered in a paragraph rather than a list.
            out[section].append(FindingDraft(text, "none-stated" if section == "improve" else None, None))
            items_seen += 1
        elif b.number is None and items_seen and not text.endswith(":"):
            section = None
    return out


def _emit(out: dict[str, list[FindingDraft]], section: str | None, timescale: str | None, items: list[str], paragraph: int | None) -> int:
    if section is None:
        return 0
    k = 0
    for it in items:
        text = _clean_item(it)
        if text:
            out[section].append(FindingDraft(text, (timescale or "none-stated") if section == "improve" else None, paragraph))
            k += 1
    return k


# --------------------------------------------------------------------------- cited inspections

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
_GRADE_CTX = re.compile(
    r"(?i)\b(?:judged|rated|found|was|were|be|as|remained|graded|judgement|judgements)\b"
    r"(?:\s+(?:to\s+be|to|as|at|of|overall|all|both|still|also|consistently|again))*\s+[‘'\"]?"
    r"(outstanding|good|adequate|inadequate|requir(?:es|ed|e|ing)\s+improvement(?:\s+to\s+be\s+good)?)\b")
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


_GRADE_FOR = re.compile(
    r"(?i)\b(outstanding|good|adequate|inadequate|requir(?:es|ed|e|ing)\s+improvement(?:\s+to\s+be\s+good)?)"
    r"\s+(?:for|in)\s+(?:its\s+|the\s+)?([a-z’' -]{4,40}?)(?=\s+(?:and|in|at|but)\b|[,.;]|$)")


def _grades_of(text: str, default: str = "overall effectiveness") -> tuple[tuple[str, str], ...]:
    """(what, grade) pairs a sentence states: "judged to be good", "the overall
    effectiveness … to be inadequate", "rated inadequate for safeguarding and adequate for
    looked after children". The area is the one named nearest before the grade, or after
    it with "for"; none named is the overall judgement (or `default`)."""
    out: list[tuple[str, str]] = []
    if _GRADE_CTX.search(text):
        for m in _GRADE_FOR.finditer(text):
            area = next((name for name, rx in _AREAS if rx.search(m.group(2))), None)
            if area:
                grade = re.sub(r"^requir\w*", "requires", " ".join(m.group(1).lower().split()))
                out.append((area, grade))
        if out:
            return tuple(out)
    for clause in re.split(r";|\.\s|, (?:and|but|while|whereas) |\bwhile\b|\bwhereas\b|\bexcept\b", text):
        for m in _GRADE_CTX.finditer(clause):
            grade = " ".join(m.group(1).lower().split())
            if grade == "good" and re.search(r"(?i)improvement\s+to\s+be\s*$", clause[: m.start(1)]):
                continue  # the tail of "require improvement to be good"
            grade = re.sub(r"^requir\w*", "requires", grade)
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


def _cited(blocks: list[Block]) -> list[CitedDraft]:
    """Sentences that cite an earlier inspection, one draft per inspection date they name.

    Cheap tests first ("inspect"/"visit" in the block), then the patterns. A sentence that
    follows a citing one in the same item and states a grade without a date of its own
    ("The local authority was judged to be good.") adds its grades and text to it.
    """
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
                    if last is not None and not _DATE.search(sent) and _GRADE_CTX.search(sent):
                        area = next((name for name, rx in _AREAS if rx.search(last.text)), "overall effectiveness")
                        grades = last.grades + tuple(g for g in _grades_of(sent, area) if g not in last.grades)
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
                    if last is not None and not _DATE.search(sent) and _GRADE_CTX.search(sent):
                        area = next((name for name, rx in _AREAS if rx.search(last.text)), "overall effectiveness")
                        grades = last.grades + tuple(g for g in _grades_of(sent, area) if g not in last.grades)
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
                grades = _grades_of(sent)
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
                        got = _grades_of(sent[(0 if k == 0 else start):upto])
                    out.append(last := CitedDraft(sent, anchor, year, month, fw, got))
    return out


# --------------------------------------------------------------------------- entry point

def extract_body(pages: list[str], framework: str | None = None) -> BodyDraft:
    """Body blocks, findings and cited inspections of one report or letter."""
    warnings: list[str] = []
    if _looks_markdown(pages):
        blocks = _markdown_blocks(pages[0], warnings)
    else:
        blocks = _pdf_blocks(pages, framework, warnings)
    f = _findings(blocks)
    return BodyDraft(
        blocks=blocks,
        improvements=f["improve"],
        priority_actions=f["priority"],
        strengths=f["strength"],
        development_areas=f["development"],
        cited=_cited(blocks),
        warnings=warnings,
    )
