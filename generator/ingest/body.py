"""The body of an Ofsted report or letter as Markdown blocks, with its findings.

Input is the text of each page as pdfium extracts it (`pdftext.pdf_pages`): no blank lines,
no fonts, wrapped lines ending in "\\n", and pdfium's own mark U+FFFE where a line ended in a
hyphen (the line break already removed). What this module does, in order:

1. Page debris: lines that recur at the top or bottom of most pages (running headers and
   footers, found by counting, never by name; a trailing page number is ignored when
   comparing), bare page numbers, and footnotes (a rule line or a number at the foot of a
   page that a marker on the same page refers to). Footnote markers stuck to words
   ("Board1") are removed; the footnote texts are kept, in order, as unnumbered blocks at
   the end of the body, each starting with its number ("1 Ofsted produces this report …").
2. Front and back matter: the cover (title, dates, inspector, judgement table: extracted
   elsewhere), the copyright and contents pages, a letter's letterhead, addresses and
   salutation, the sign-off, and Ofsted's closing boilerplate page.
3. Lines → blocks. A line starts a new unit when it starts a numbered paragraph
   ("12. …", "12.Text"), a bullet (◼ •  ▪ …) or a sub-bullet (– − - …, nested in the
   list it follows), or when the line before it ended a paragraph: it ends in terminal
   punctuation and is shorter than the page's text width allows for the next word, i.e. the
   line was not wrapped. Short unpunctuated units are headings (level 2, or 3 right under
   another heading); runs of short units with grade words are judgement tables (pipe
   tables). Bullets go into the block they belong to as a Markdown "- " list.
4. Numbering: a number is the report's own paragraph number when it is the next in
   sequence (a small forward gap is accepted with a warning). A sequence that restarts at 1
   (SIF reports number the LSCB review afresh in some years) keeps the first sequence
   numbered; the restarted paragraphs become unnumbered text that keeps its printed number
   ("1\\. …"), with one warning for the restart.

Findings come from the blocks (the same code serves Markdown conversions, which go through
`blocks.blocks_from_text`): the bullets or numbered paragraphs under "What needs to
improve", "Areas for improvement", "Recommendations", "Areas for priority action",
strengths and areas for development, with the timescale subheads of older reports.
Sentences that cite earlier inspections are found by a few cheap keyword tests before any
regular expression runs.
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
_SPACES = str.maketrans({"\ufffe": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\t": " ", "\u00ad": ""})

_GRADE = r"(?:outstanding|good|adequate|inadequate|requires\s+improvement(?:\s+to\s+be\s+good)?|not\s+judged)"
_GRADE_END = re.compile(rf"(?i)(?:^|[\s:–-])({_GRADE}|grade\s+\d(?:\s*\([a-z ]+\))?)\s*$")
_GRADE_START = re.compile(rf"(?i)^(?:{_GRADE}|grade\s+\d)\b")
_GRADE_ONLY = re.compile(rf"(?i)^(?:{_GRADE}|requires|improvement(?:\s+to\s+be\s+good)?|to\s+be\s+good|grade\s+\d(?:\s*\([a-z ]+\))?)$")
_PAGE_NO = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$", re.I)
_TRAILING_NO = re.compile(r"\s+\d{1,3}$")
_NUM = re.compile(r"^(\d{1,3})(\.+\s*|\s+)(\S|$)")
_FOOT = re.compile(r"^(\d{1,2})(?:\s+(\S.*))?$")
_LETTERHEAD = frozenset({
    "ofsted", "piccadilly gate", "store street", "manchester", "m1 2wd", "manchester m1 2wd",
    "t 0300 123 1231", "t: 0300 123 1231", "textphone 0161 618 8524", "enquiries@ofsted.gov.uk",
    "www.gov.uk/ofsted", "www.ofsted.gov.uk", "agora", "6 cumberland place", "nottingham", "ng1 6hj",
    "aviation house", "125 kingsway", "london", "wc2b 6se", "direct t 0300 123 1231",
})
_METADATA = re.compile(r"^\s*(?:Inspection dates?|Report published|Lead inspector|Reporting inspector|Age group|Published)\s*:")
_BACK_MATTER = re.compile(r"^The Office for Standards in Education, Children.s Services")


def _lead(line: str) -> str:
    return line[:1]


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


def _take_footnotes(lines: list[str], expect: int) -> tuple[list[str], list[tuple[int, str]]]:
    """Footnotes at the foot of a page: after a blank rule line, or a number the page marks."""
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
                if marked:
                    start = i
                    break
    if start is None:
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
        return [_drop_letterhead(rest)] + [_drop_letterhead(p) for p in pages[1:]], True
    out = [list(p) for p in pages]
    judg = next((i for i, x in enumerate(first[:40]) if x.strip().startswith("Judgement") and "Grade" in x), None)
    if judg is not None:
        i = judg + 1
        while i < len(first) and len(first[i].rstrip()) < 0.75 * width:
            i += 1
        out[0] = first[i:]
    elif any("Inspection date" in x for x in first[:20]) or len(" ".join(first).split()) < 120:
        out[0] = []
    for k in range(min(4, len(out))):
        lines = [x for x in out[k] if x.strip()]
        if lines and lines[0].lstrip().startswith("©"):
            out[k] = []
    return [_drop_contents(p) for p in out], False


def _drop_contents(lines: list[str]) -> list[str]:
    """A contents table: "Contents" and the entries after it that end in page numbers."""
    for i, x in enumerate(lines):
        if x.strip().lower() in ("contents", "table of contents"):
            break
    else:
        return lines
    j = i + 1
    entry = re.compile(r"\s\d{1,3}\s*$")
    while j < len(lines):
        s = lines[j].strip()
        if not s or entry.search(s):
            j += 1
        elif j + 1 < len(lines) and entry.search(lines[j + 1]) and not _ends_terminal(s) and len(s) < 90:
            j += 2  # an entry wrapped onto two lines
        else:
            break
    if j - i < 3:
        return lines
    return lines[:i] + lines[j:]


def _drop_letterhead(lines: list[str]) -> list[str]:
    """Remove Ofsted's letterhead block (address, telephone, web) wherever pdfium put it."""
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].strip().lower() in _LETTERHEAD:
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                keep[k] = False
        i = max(j, i + 1)
    return [x for x, k in zip(lines, keep) if k]


def _cut_back(lines: list[str], letter: bool) -> list[str]:
    tail = max(0, len(lines) - 160)
    for i in range(tail, len(lines)):
        s = lines[i].strip()
        if letter and re.match(r"Yours (sincerely|faithfully)", s):
            return lines[:i]
        if _BACK_MATTER.match(s):
            return lines[:i]
    return lines


# --------------------------------------------------------------------------- lines → units

@dataclass
class _Unit:
    kind: str  # "num", "bullet", "sub", "text"
    lines: list[str]
    number: int | None = None
    raw_number: int | None = None


_REC_END = re.compile(r"(?i)\((?:see\s+)?recommendations?\b[^()]{0,20}\)\.?$")


def _ends_terminal(s: str) -> bool:
    s = s.rstrip()
    if s.endswith(")") and _REC_END.search(s):
        return True  # "… decisions. (Recommendation)"
    s = s.rstrip(_CLOSERS)
    return bool(s) and s[-1] in _TERMINAL


def _first_word(s: str) -> str:
    parts = s.split(None, 1)
    return parts[0] if parts else ""


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


def _bullet_kind(s: str, in_list: bool, prev: str) -> tuple[str, str] | None:
    """("bullet" | "sub", text) when the line starts a list item."""
    c = s[:1]
    if c in _BULLETS and (len(s) == 1 or s[1] in " \t" or not s[1].isalnum() or c not in "o"):
        return "bullet", s[1:].strip()
    if c in _SUBBULLETS:
        if c == "o" or c == "-":
            if not s.startswith(("o ", "- ")):
                return None
        elif c in "–−" and not s[1:2].isspace():
            return None
        if in_list or prev.rstrip().endswith(":"):
            return "sub", s[1:].strip()
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
            cur = _Unit("num", [s[m.end(2):].strip()], raw_number=int(m.group(1)))
            units.append(cur)
            expect = int(m.group(1)) + 1
            in_list = False
        elif cur is not None and s[0] in ",.;:)":
            cur.lines.append(s)  # punctuation after a footnote marker or a page break
        elif cur is None or ended:
            if cur is not None and cur.kind in ("bullet", "sub") and s[:1].islower():
                cur.lines.append(s)  # a list item that goes on after a short line
            else:
                cur = _Unit("text", [s])
                units.append(cur)
                in_list = False
        else:
            cur.lines.append(s)
        prev = s
        nxt = lines[k + 1] if k + 1 < n else ""
        ended = _line_ends(raw, nxt, lines[k + 2] if k + 2 < n else "", width) and not (cur is not None and cur.lines == [""])
    return _merge_lower(units)


_OPENS_ITEM = re.compile(r"^\s*(?:\d{1,3}\.+\s*[A-Z‘“(]|[" + "".join(sorted(_BULLETS)) + "])")


def _line_ends(raw: str, nxt: str, nxt2: str, width: float) -> bool:
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
    word = nx.split(None, 1)[0]
    fill = (len(s) + 1 + len(word)) / width
    if not _ends_terminal(s):
        return fill < 0.8
    if fill < 0.9:
        return True
    if nx[:1].isupper():
        label = not _ends_terminal(nx) or nx.endswith(("?", ":"))
        if label and len(nx) + 12 < 0.8 * width:
            return True
        if label and len(nx) < 0.85 * width and _OPENS_ITEM.match(nxt2):
            return True
    return not raw.endswith(" ") and fill < 1.0


def _merge_lower(units: list[_Unit]) -> list[_Unit]:
    """A text unit that starts in lower case continues the unit before it."""
    out: list[_Unit] = []
    for u in units:
        if (out and u.kind == "text" and u.lines and u.lines[0][:1].islower()
                and not _ends_terminal(out[-1].lines[-1] if out[-1].lines else ".")):
            out[-1].lines.extend(u.lines)
        else:
            out.append(u)
    return out


# --------------------------------------------------------------------------- units → blocks

def _text(lines: list[str]) -> str:
    out = ""
    for x in lines:
        out = _join(out, x)
    return out


def _is_heading_text(t: str, nlines: int) -> bool:
    if not t or len(t) > 160 or nlines > 3:
        return False
    if not (t[0].isupper() or t[0].isdigit() or t[0] in "‘'\""):
        return False
    if t.endswith("?"):
        return len(t) <= 120
    return not _ends_terminal(t) and not t.endswith(",")


def _is_grade_row(t: str) -> bool:
    return bool(_GRADE_END.search(t) or _GRADE_START.match(t) or _GRADE_ONLY.match(t))


def _table(rows: list[str]) -> str:
    cells: list[list[str]] = []
    for r in rows:
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


def _blocks_from_units(units: list[_Unit], warnings: list[str]) -> list[Block]:
    # First pass: number validation.
    expected = 1
    seen_any = False
    restarted = False
    for u in units:
        if u.kind != "num":
            continue
        n = u.raw_number or 0
        if restarted:
            u.number = None
            continue
        if n == expected or (not seen_any and n <= 3):
            u.number = n
        elif seen_any and n == 1 and expected > 3:
            restarted = True
            warnings.append(f"paragraph numbering restarts at 1 after {expected - 1}: the restarted paragraphs are kept as unnumbered text")
            u.number = None
            continue
        elif expected < n <= expected + 5:
            warnings.append(f"paragraph {n} follows {expected - 1}: {n - expected} number(s) missing")
            u.number = n
        else:
            u.number = None
            u.kind = "text"
            u.lines[0] = f"{n}. {u.lines[0]}"
            continue
        seen_any = True
        expected = u.number + 1
    # Second pass: classify text units and build blocks.
    blocks: list[Block] = []
    cur: Block | None = None  # the block list items attach to
    has_bullet = False
    i = 0
    while i < len(units):
        u = units[i]
        if u.kind in ("bullet", "sub"):
            item = _text(u.lines)
            prefix = "  - " if (u.kind == "sub" and has_bullet) else "- "
            if cur is None or cur.heading:
                cur = Block(prefix.lstrip() + item)
                blocks.append(cur)
            else:
                sep = "\n" if has_bullet else "\n\n"
                cur.text += sep + prefix + item
            has_bullet = True
            i += 1
            continue
        if u.kind == "num":
            body = _text(u.lines)
            if u.number is None:
                body = f"{u.raw_number}\\. {body}"
            cur = Block(body, number=u.number)
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
                cur = Block(_table(run))
                blocks.append(cur)
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


def _pdf_blocks(pages: list[str], warnings: list[str]) -> list[Block]:
    page_lines = [p.translate(_SPACES).split("\n") for p in pages]
    running = _running_lines(page_lines)
    page_lines = [_strip_edges(p, running) for p in page_lines]
    width = _width(page_lines[1:-1] if len(page_lines) > 2 else page_lines)
    page_lines, letter = _cut_cover(page_lines, width)
    footnotes: list[tuple[int, str]] = []
    flat: list[str] = []
    for p in page_lines:
        p = _strip_edges(p, running)
        kept, notes = _take_footnotes(p, (footnotes[-1][0] + 1) if footnotes else 1)
        if notes:
            kept = _drop_markers(kept, {n for n, _ in notes})
            footnotes.extend(notes)
        flat.extend(kept)
    flat = [x for x in _cut_back(flat, letter) if not _METADATA.match(x)]
    blocks = _blocks_from_units(_units(flat, width), warnings)
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
                r"(?:key )?strengths\b|celebrating our strengths)"), "strength"),
    (re.compile(r"(?i)^\W*areas? for development\b"), "development"),
)
# A recommendation set as a numbered paragraph: an imperative, or "The LSCB should …".
_IMPERATIVE = frozenset("""ensure improve strengthen review develop increase continue take implement work provide
    monitor establish evaluate accelerate undertake complete reduce make revise extend urgently devise put
    fully hold consolidate raise audit update clarify support agree secure embed address consider identify
    assess analyse analyze promote enable create introduce use set challenge seek reinforce prioritise
    prioritize build sustain collate publish produce engage involve obtain deliver maintain confirm
    broaden focus further better tackle routinely swiftly urgently""".split())
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
    first = text.split(None, 1)[0].strip("‘’'\"(").lower() if text.split() else ""
    return first in _IMPERATIVE or " should " in text[:160]


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
    n = len(blocks)
    for i, b in enumerate(blocks):
        if b.heading:
            kind = _section_of(b.text)
            ts = _timescale_of(b.text)
            if ts and section in ("improve", "priority"):
                timescale = ts
            elif kind:
                section, timescale, items_seen = kind, None, 0
            elif section in ("improve", "priority") and items_seen:
                nxt = next((x for x in blocks[i + 1:] if not x.heading), None)
                if not (nxt is not None and nxt.number is not None and _recommendation_like(nxt.text)):
                    section = None
            elif section is not None and items_seen:
                section = None
            continue
        lines = b.text.split("\n")
        first = lines[0].replace("*", "").strip()
        if section is None:
            # A label set as body text opens a section too ("Areas for priority action",
            # "**Strengths**" in a converted table, "The local authority has the following
            # strengths:").
            kind = _section_of(first) if (b.number is None or first.endswith(":")) else None
            if kind is None:
                continue
            section, timescale, items_seen = kind, None, 0
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
                items_seen += _emit(out, section, timescale, items, b)
                items = []
            if kind and b.number is None:
                section, timescale = kind, None
            elif ts:
                timescale = ts
            else:
                head.append(st)
        if items:
            items_seen += _emit(out, section, timescale, items, b)
            continue
        if not head or section is None:
            continue
        text = _clean_item(" ".join(head))
        if b.number is not None and not text.endswith(":") and not _LEAD_IN.match(text):
            if section == "strength" or _recommendation_like(text):
                out[section].append(FindingDraft(text, "none-stated" if section == "improve" else None, b.number))
                items_seen += 1
                continue
            if items_seen:
                section = None
        elif b.number is None and items_seen and not text.endswith(":"):
            section = None
    return out


def _emit(out: dict[str, list[FindingDraft]], section: str | None, timescale: str | None, items: list[str], b: Block) -> int:
    if section is None:
        return 0
    k = 0
    for it in items:
        text = _clean_item(it)
        if text:
            out[section].append(FindingDraft(text, (timescale or "none-stated") if section == "improve" else None, b.number))
            k += 1
    return k


# --------------------------------------------------------------------------- cited inspections

_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), 1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_CITE_HINT = re.compile(
    r"(?i)\b(?:last|previous|earlier|prior|preceding|most recent|recent)\s+(?:full\s+|standard\s+|short\s+|ofsted\s+|ilacs\s+|single\s+|sif\s+|joint\s+|unannounced\s+|monitoring\s+|focused\s+)*"
    r"(?:inspection|inspections|focused visit|visit|monitoring visit|ilacs)"
    r"|\b(?:inspection|inspected|focused visit|monitoring visit)\b[^.]{0,80}?\b(?:in|of|during|on)\s+(?:\d{1,2}\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)?\s*(?:19|20)\d\d"
    r"|\bwas (?:last )?inspected\b|\bwere last inspected\b|\bjudged (?:to be |as )?(?:good|outstanding|inadequate|adequate|requires)"
)
_YEAR = re.compile(r"\b(?:(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?\s+)?((?:19|20)\d\d)\b", re.I)
_GRADE_WORD = re.compile(rf"(?i)\b({_GRADE})\b")
_WHAT = (
    ("overall effectiveness", re.compile(r"(?i)overall effectiveness")),
    ("help and protection", re.compile(r"(?i)(?:children who need |need of )help and protection|safeguarding services|safeguarding arrangements")),
    ("children looked after", re.compile(r"(?i)(?:children )?looked after|children in care")),
    ("care leavers", re.compile(r"(?i)care leavers")),
    ("leadership", re.compile(r"(?i)leadership|impact of leaders")),
    ("adoption", re.compile(r"(?i)adoption performance")),
    ("lscb", re.compile(r"(?i)safeguarding children board|lscb")),
)
_SENT = re.compile(r"(?<=[.!?])[’”'\"]?\s+(?=[A-Z‘“(])")


def _framework_of(s: str) -> str | None:
    low = s.lower()
    if "focused visit" in low:
        return "focused-visit"
    if "monitoring visit" in low:
        return "monitoring-visit"
    if "safeguarding and looked after" in low or "safeguarding and arrangements for looked after" in low:
        return "slac"
    if "contact, referral and assessment" in low or "unannounced inspection" in low:
        return "cra-unannounced"
    if "single inspection framework" in low or re.search(r"\bsif\b", low):
        return "sif"
    if "ilacs" in low or "inspection of local authority children" in low:
        return "ilacs"
    if "joint targeted area inspection" in low or "jtai" in low:
        return "jtai"
    if "protection of children" in low and "inspection" in low:
        return "cp-2012"
    return None


def _grades_of(s: str) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for part in re.split(r";|, and |, but | but | while | whereas |\. ", s):
        g = _GRADE_WORD.findall(part)
        if not g or not re.search(r"(?i)judg|found|rated|grade|was (?:good|adequate|inadequate|outstanding)|were (?:good|adequate|inadequate|outstanding)", s):
            continue
        grade = " ".join(g[-1].lower().split())
        whats = [w for w, rx in _WHAT if rx.search(part)]
        what = whats[0] if whats else ("overall effectiveness" if re.search(r"(?i)\boverall\b|judged to be|was judged|were judged", part) else "")
        if what and (what, grade) not in out:
            out.append((what, grade))
    return tuple(out)


def _cited(blocks: list[Block], this_framework: str | None) -> list[CitedDraft]:
    out: list[CitedDraft] = []
    s_index = 0
    in_previous = False
    for b in blocks:
        if b.heading:
            in_previous = "previous ofsted inspections" in b.text.lower() or "previous inspection" in b.text.lower()
            continue
        if b.number is None:
            s_index += 1
            anchor = f"s-{s_index}"
        else:
            anchor = f"p-{b.number}"
        low = b.text.lower()
        if not in_previous and "inspect" not in low and "visit" not in low and "judged" not in low:
            continue
        for piece in b.text.split("\n"):
            piece = piece.strip().lstrip("-").strip()
            for sent in _SENT.split(piece):
                if not (in_previous or _CITE_HINT.search(sent)):
                    continue
                if in_previous and not re.search(r"(?i)inspect|judged", sent):
                    continue
                if re.search(r"(?i)children.s homes?|this (?:inspection|visit)\b", sent) and not re.search(r"(?i)last|previous", sent):
                    continue
                years = [(m.group(1), int(m.group(2))) for m in _YEAR.finditer(sent)]
                years = [(mo, y) for mo, y in years if 2000 <= y <= 2030]
                if not years and not re.search(r"(?i)last|previous|earlier|prior", sent):
                    continue
                if re.search(r"(?i)children.s homes?\b", sent):
                    continue
                month = _MONTHS.get(years[0][0].lower().rstrip(".")) if years and years[0][0] else None
                year = years[0][1] if years else None
                out.append(CitedDraft(sent.strip(), anchor, year, month, _framework_of(sent), _grades_of(sent)))
    return out


# --------------------------------------------------------------------------- entry point

def extract_body(pages: list[str], framework: str | None = None) -> BodyDraft:
    """Body blocks, findings and cited inspections of one report or letter."""
    warnings: list[str] = []
    if _looks_markdown(pages):
        blocks = _markdown_blocks(pages[0], warnings)
    else:
        blocks = _pdf_blocks(pages, warnings)
    f = _findings(blocks)
    return BodyDraft(
        blocks=blocks,
        improvements=f["improve"],
        priority_actions=f["priority"],
        strengths=f["strength"],
        development_areas=f["development"],
        cited=_cited(blocks, framework),
        warnings=warnings,
    )
