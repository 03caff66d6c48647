"""Lines of a report's body → units (paragraphs, list items, headings) → Markdown blocks.

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
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from generator.ingest.blocks import Block
from generator.ingest.grades import TableGrades
from generator.ingest.lines import BULLETS, REC_END, SUBBULLETS, ends_terminal, join_lines

__all__ = ["Unit", "blocks_from_units", "units_of"]

_NUM = re.compile(r"^(\d{1,3})(\.+\s*|\s+)(\S|$)")


# --------------------------------------------------------------------------- lines → units

@dataclass
class Unit:
    """Lines of one paragraph, list item or heading, before numbering is checked."""

    kind: str  # "num", "bullet", "sub", "text"
    lines: list[str]
    number: int | None = None  # the paragraph number, once accepted
    raw_number: int | None = None  # the number printed at the start of the first line
    printed: str = ""  # the first line as printed, number included
    notes: list[str] = field(default_factory=list)


_ROMAN_ITEM = re.compile(r"^\((?:i{1,3}|iv|v|vi{1,3}|ix|x|[a-h])\)\s+\S")


def _bullet_kind(s: str, in_list: bool, prev: str) -> tuple[str, str] | None:
    """("bullet" | "sub", text) when the line starts a list item."""
    c = s[:1]
    if c == "(" and _ROMAN_ITEM.match(s):
        return "sub", s  # "(i) they are privately fostered", its marker kept
    if c in BULLETS and (len(s) == 1 or s[1] in " \t" or not s[1].isalnum() or c not in "o"):
        return "bullet", s[1:].strip()
    if c in SUBBULLETS:
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


# Headings every report of a framework uses, and the judgement headings that state an area's
# grade ("The impact of leaders on social work practice with children and families: good"):
# such a line is a heading wherever it stands, even run on from the paragraph before it.
_SECTION = re.compile(
    r"(?i)^(?:What needs to improve(?: in this area)?\??|What does the (?:local authority|LSCB) need to improve\??"
    r"|Areas? for (?:priority action|improvement)|Information about this (?:local authority area|inspection)"
    r"|Other information about this area|Other Ofsted inspections|Children living in this area"
    r"|Inspection findings – the Local Safeguarding Children Board|Executive summary|Summary of (?:key )?findings"
    r"|Key strengths and weaknesses of the Local Safeguarding Children Board)$")
_AREA_HEAD = re.compile(
    r"^(?:The )?(?:experiences and progress of (?:children|care leavers|young people)|impact of leaders on)\b[^.:;]{0,100}?"
    r"(?::\s*(?P<g1>[^.:;]+?)\.?|\s+(?:is|are)\s+(?P<g2>[^.:;]+?)\.)$")


def _known_heading(s: str, grades: TableGrades) -> bool:
    """Whether a line (or two joined) is one of the headings every report uses."""
    s = " ".join(s.split())
    if _SECTION.match(s):
        return True
    m = _AREA_HEAD.match(s)
    return bool(m) and bool(grades.only.match((m.group("g1") or m.group("g2") or "").strip()))


def _headings_apart(lines: list[str], grades: TableGrades) -> tuple[list[str], set[int]]:
    """The lines with every known heading on a line of its own (a heading run on from the
    sentence before it on the same line is split off, one broken over two lines joined), and
    the indices of those heading lines."""
    out: list[str] = []
    heads: set[int] = set()
    k = 0
    n = len(lines)
    while k < n:
        s = lines[k].strip()
        nxt = lines[k + 1].strip() if k + 1 < n else ""
        if s and _known_heading(s, grades):
            heads.add(len(out))
            out.append(s)
            k += 1
            continue
        if s and nxt and len(s) + len(nxt) < 160 and _known_heading(s + " " + nxt, grades) and not _known_heading(nxt, grades):
            heads.add(len(out))
            out.append(s + " " + nxt)  # "The impact of leaders on social work practice with children and" + "families: good"
            k += 2
            continue
        cut = s.rfind(". ")
        if cut > 0 and s[cut + 2:cut + 3].isupper():
            tail = s[cut + 2:]
            for extra, taken in ((tail, 1), (tail + " " + nxt, 2)):
                if _SECTION.match(" ".join(extra.split())):
                    out.append(lines[k][: lines[k].find(tail)].rstrip() if tail in lines[k] else s[:cut + 1])
                    heads.add(len(out))
                    out.append(extra)
                    k += taken
                    break
            else:
                out.append(lines[k])
                k += 1
            continue
        out.append(lines[k])
        k += 1
    return out, heads


def units_of(lines: list[str], width: float, grades: TableGrades) -> list[Unit]:
    """The body's lines as units: numbered paragraphs, list items and text, each of its lines."""
    lines, heads = _headings_apart(lines, grades)
    units: list[Unit] = []
    cur: Unit | None = None
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
        if k in heads:
            if not (units and units[-1].kind == "text" and units[-1].lines == [s] and k - 1 in heads) and not (
                    units and units[-1].kind == "text" and len(units[-1].lines) == 1
                    and units[-1].lines[0].rstrip("?").lower() == s.rstrip("?").lower()):
                cur = Unit("text", [s])  # a heading, whatever the line before it
                units.append(cur)
            in_list = False
            prev = s
            ended = True
            continue
        bk = _bullet_kind(s, in_list, prev)
        m = _NUM.match(s) if bk is None else None
        if m is not None:
            sep, nxt_char = m.group(2), m.group(3)
            if "." not in sep:
                # "34 Most children …": a number whose dot was lost, only where it is due.
                if int(m.group(1)) != expect or not nxt_char.isupper() or not ends_terminal(prev):
                    m = None
            elif not nxt_char:
                pass  # "89." alone on its line, the paragraph on the next page
            elif sep == "." and not (nxt_char.isupper() or nxt_char in "‘“'\"("):
                m = None  # "2.1 Adoption", "1.5million"
        if bk is not None:
            cur = Unit(bk[0], [bk[1]] if bk[1] else [])
            units.append(cur)
            in_list = True
        elif m is not None and (ended or ends_terminal(prev) or prev == "" or int(m.group(1)) == expect):
            cur = Unit("num", [s[m.end(2):].strip()], raw_number=int(m.group(1)), printed=s)
            units.append(cur)
            expect = int(m.group(1)) + 1
            in_list = False
        elif cur is not None and (s[0] in ",.;:)" or (s[0] == "(" and len(s) < 40 and REC_END.match(s))):
            # Punctuation after a footnote marker or a page break; a cross-reference set on
            # its own line: "(Recommendation)", "(Paragraph 12)".
            cur.lines.append(s)
        elif cur is None or ended:
            if cur is not None and cur.kind in ("bullet", "sub") and (
                    s[:1].islower() or (not ends_terminal(prev) and (s[:1] == "(" or _OPEN_END.search(prev)))):
                # A list item that goes on after a short line: "… allegations made about
                # professionals" + "(designated officer arrangements)"; "… groups … are" + "Asian …".
                cur.lines.append(s)
            else:
                cur = Unit("text", [s])
                units.append(cur)
                in_list = False
        elif (cur.kind in ("bullet", "sub") and cur.lines and cur.lines[0][:1].islower()
              and s[:1].isupper() and ends_terminal(prev)):
            # A list of phrases ("◼ the quality of plans."): a capitalised sentence after
            # the end of an item is the paragraph after the list.
            cur = Unit("text", [s])
            units.append(cur)
            in_list = False
        else:
            cur.lines.append(s)
        prev = s
        nxt = lines[k + 1] if k + 1 < n else ""
        in_numbered = cur is not None and cur.kind == "num"
        ended = (_line_ends(raw, nxt, lines[k + 2] if k + 2 < n else "", width, in_numbered)
                 and not (cur is not None and cur.lines == [""]))
    return _merge_lower(units, grades)


# A line that cannot end a sentence: it ends in a word that needs the next.
_OPEN_END = re.compile(r"(?i)\b(?:a|an|the|and|or|of|to|for|in|on|at|by|with|from|is|are|was|were|that|which|who|whose|their|its)$")
_OPENS_ITEM = re.compile(r"^\s*(?:\d{1,3}\.+\s*[A-Z‘“(]|[" + "".join(sorted(BULLETS)) + "])")


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
    if not ends_terminal(s):
        # A short unpunctuated line: a heading or a table cell. One after a nearly full
        # unpunctuated line ("… immediate action" + "Areas for improvement" + "9. …").
        if fill < 0.8:
            return True
        if len(nx) < 0.6 * width and not ends_terminal(nx):
            # "… help and protection Requires improvement" + "Summary": a short capitalised
            # line with no punctuation after an unpunctuated one is a heading; so is one
            # that a list or numbered paragraph follows ("Areas for improvement" + "9. …").
            return (nx[:1].isupper() and len(nx) < 0.4 * width) or bool(_OPENS_ITEM.match(nxt2))
        return False
    if fill < 0.9:
        return True
    if nx[:1].isupper():
        if (not ends_terminal(nx) or nx.endswith("?")) and len(nx) < 0.85 * width and not _wrapped(nx, nxt2, width):
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


def _merge_lower(units: list[Unit], grades: TableGrades) -> list[Unit]:
    """A text unit that starts in lower case continues the unit before it."""
    out: list[Unit] = []
    for u in units:
        prev_last = out[-1].lines[-1] if out and out[-1].lines else "."
        if (out and u.kind == "text" and out[-1].kind == "text" and len(u.lines) == 1 and _LABEL.match(out[-1].lines[0])
                and not ends_terminal(prev_last) and not ends_terminal(u.lines[0]) and len(out[-1].lines) < 4):
            out[-1].lines.extend(u.lines)  # "Team inspectors: …, Anji" + "Parker and Jon Bowman"
        elif (out and u.kind == "text" and u.lines and u.lines[0][:1].islower()
                and (not ends_terminal(prev_last) or prev_last.endswith(";")
                     # "… help and protection:" + "outstanding": a heading and its grade
                     or (prev_last.endswith(":") and len(u.lines) == 1 and grades.only.match(u.lines[0].strip().rstrip("."))))):
            out[-1].lines.extend(u.lines)
        else:
            out.append(u)
    return out


# --------------------------------------------------------------------------- units → blocks

@lru_cache(maxsize=4)
def _judgement_head(verbs: str) -> re.Pattern[str]:
    """A sentence that states an area's grade, set as a heading (`verbs`: the verbs grades start with)."""
    return re.compile(
        r"(?i)^(?:the )?(?:experiences? and progress of|impact of leaders|leadership, management and governance"
        rf"|graded judge?ment|overall effectiveness|the local safeguarding children board (?:is|{verbs}))")
_LABEL = re.compile(r"(?i)^[^:]{0,40}\b(?:inspectors?|analysts?|managers?|author|lead)\b[^:]{0,15}:\s")


def _is_heading_text(t: str, nlines: int, grades: TableGrades) -> bool:
    if not t or len(t) > 160 or nlines > 3 or _LABEL.match(t):
        return False
    if not (t[0].isupper() or t[0].isdigit() or t[0] in "‘'\""):
        return False
    if t.endswith("?"):
        return len(t) <= 120
    if t.endswith(".") and _judgement_head(grades.verbs).match(t) and grades.end.search(t[:-1]):
        return True  # "The experiences and progress of children in care …: good." set as a heading
    return not ends_terminal(t) and not t.endswith(",")


def _is_grade_row(t: str, grades: TableGrades) -> bool:
    return bool(grades.end.search(t) or grades.start.match(t) or grades.only.match(t))


_GRADE_NUMBER = re.compile(r"(?i)\s+Grade\s+[1-4]$")


def _table(rows: list[str], grades: TableGrades) -> str:
    cells: list[list[str]] = []
    for r in rows:
        lead = grades.lead.match(r)
        if lead:
            cells.append([lead.group(1), lead.group(2)])  # "Good (Grade 2) | A service that …"
            continue
        num = _GRADE_NUMBER.search(r)
        if num is not None:
            # "Overall effectiveness Inadequate Grade 4": the grade's word and number are one cell;
            # alone on its line ("Inadequate Grade 4"), they finish the row before.
            head = r[: num.start()]
            if grades.only.match(head):
                if cells and not cells[-1][1]:
                    cells[-1][1] = r
                else:
                    cells.append(["", r])
                continue
            m = grades.end.search(head)
            if m and m.start(1) > 0:
                cells.append([head[: m.start(1)].strip(" :–-"), r[m.start(1):]])
                continue
        if grades.only.match(r) and cells and (not cells[-1][1] or cells[-1][1].lower() in grades.openings):
            cells[-1][1] = (cells[-1][1] + " " + r).strip()
            continue
        m = grades.end.search(r)
        if m and m.start(1) > 0:
            cells.append([r[: m.start(1)].strip(" :–-"), m.group(1)])
        elif grades.only.match(r):
            cells.append(["", r])
        else:
            cells.append([r, ""])
    esc = [[c.replace("|", "\\|") for c in row] for row in cells]
    lines = ["| " + " | ".join(esc[0]) + " |", "|---|---|"] + ["| " + " | ".join(r) + " |" for r in esc[1:]]
    return "\n".join(lines)


_BOX_HEAD = re.compile(r"(?i)^Key judgements?\s+Judgement grades?$")


def _judgement_box(texts: list[str], grades: TableGrades) -> str | None:
    """A single inspection framework report's judgement box ("Key judgement Judgement grade"
    over an area and its grade, the area often broken over lines) as a two-column table; None
    when the lines are not one."""
    rows: list[list[str]] = []
    label = ""
    for r in texts:
        if grades.only.match(r):
            if label:
                rows.append([label, r])
                label = ""
            elif rows and rows[-1][1].lower() in grades.openings:
                rows[-1][1] += " " + r  # "Requires" + "improvement"
            else:
                return None
            continue
        m = grades.end.search(r)
        if m and m.start(1) > 0:
            rows.append([(label + " " + r[: m.start(1)]).strip(" :–-"), m.group(1)])
            label = ""
        else:
            label = (label + " " + r).strip()
    if label or not rows:
        return None
    cells = [["Key judgement", "Judgement grade"]] + rows
    return "\n".join(["| " + " | ".join(c.replace("|", "\\|") for c in cells[0]) + " |", "|---|---|"]
                     + ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in cells[1:]])


def _merge_rejected(units: list[Unit]) -> list[Unit]:
    """A rejected number that started a unit mid-sentence continues the unit before it."""
    out: list[Unit] = []
    for u in units:
        if (u.kind == "text" and u.raw_number is not None and out and out[-1].lines
                and not ends_terminal(out[-1].lines[-1])):
            out[-1].lines.extend(u.lines)
        else:
            out.append(u)
    return out


def blocks_from_units(units: list[Unit], warnings: list[str], grades: TableGrades) -> list[Block]:
    """Blocks of units: paragraph numbers checked, headings and judgement tables told apart,
    list items put into the block they belong to."""
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
            item = join_lines(u.lines)
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
            body = join_lines(u.lines)
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
        t = join_lines(u.lines)
        if _BOX_HEAD.match(t):
            # "Key judgement Judgement grade", the area and its grade, then "Summary".
            j = i + 1
            texts = []
            while j < len(units) and units[j].kind == "text" and j - i <= 6:
                tj = join_lines(units[j].lines)
                if tj.lower() in ("summary", "inspection judgement") or not _is_heading_text(tj, len(units[j].lines), grades):
                    break
                texts.append(tj)
                j += 1
            box = _judgement_box(texts, grades)
            if box is not None:
                cur = Block(box)
                blocks.append(cur)
                has_bullet = False
                i = j
                continue
        if _is_heading_text(t, len(u.lines), grades):
            j = i
            run: list[str] = []
            while j < len(units) and units[j].kind == "text":
                tj = join_lines(units[j].lines)
                if not _is_heading_text(tj, len(units[j].lines), grades) or tj.endswith("?"):
                    break
                run.append(tj)
                j += 1
            graded = sum(1 for r in run if _is_grade_row(r, grades))
            if len(run) >= 3 and graded >= 2:
                # The run's first and last rows without a grade are headings around the table.
                lo, hi = 0, len(run)
                while hi > lo and not _is_grade_row(run[hi - 1], grades):
                    hi -= 1
                if not _is_grade_row(run[0], grades) and hi - lo > 2:
                    lo = 1
                for r in run[:lo]:
                    blocks.append(Block(r, heading=3 if blocks and blocks[-1].heading else 2))
                cur = Block(_table(run[lo:hi], grades))
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
