"""Lines of a report's text: list glyphs, sentence ends, and wrapped lines joined into a paragraph."""
from __future__ import annotations

import re

# List glyphs as pdfium gives them: private-use characters of the report's symbol font among them.
BULLETS = frozenset("◼■•▪●\uf06e\uf0a7\uf0b7\uf0d8\uf076\uf0fc\uf0be\uf0a8\u25aa\u25a0\u2022\u25cf")
SUBBULLETS = frozenset("\uf02d–−─―⎯-\u0336o")
_TERMINAL = frozenset(".!?:;")
_CLOSERS = "’'”\")]"
# Sentence-final cross-references: "(Recommendation)", "(Outcome 1, national framework)".
REC_END = re.compile(r"(?i)\((?:(?:see\s+)?(?:recommendations?|paragraphs?)\b[^()]{0,20}|(?:outcomes?|enablers?|principles?)\b[^()]{0,60})\)\.?$")


def ends_terminal(s: str) -> bool:
    """Whether a line ends a sentence (or a clause that a list or the next line follows)."""
    s = s.rstrip()
    if s.endswith(")") and REC_END.search(s):
        return True  # "… decisions. (Recommendation)"
    s = s.rstrip(_CLOSERS)
    return bool(s) and s[-1] in _TERMINAL


def join_line(a: str, b: str) -> str:
    """`a` and the next line `b` as one text: a space between, none before punctuation or
    inside a compound that a break split ("multi-" + "agency")."""
    a, b = a.rstrip(), b.strip()
    if not a:
        return b
    if not b:
        return a
    if a.endswith(("–", "-")) and len(a) > 1 and a[-2].isdigit() and b[0].isdigit():
        return a + b  # a range broken after its dash: "2014–" + "15"
    if a.endswith("-") and len(a) > 1 and a[-2].isalnum():
        if a[-2].isdigit() and re.match(r"(and|or|to)\b", b):
            return a + " " + b  # "16- and 17-year-olds"
        if b[0].isalnum():
            return a + b  # a compound split by a page break ("multi-" + "agency")
    if b[0] in ",.;:)" or a.endswith(("(", "‘", "“")):
        return a + b
    return a + " " + b


def join_lines(lines: list[str]) -> str:
    """Lines joined into one paragraph (see `join_line`), in one pass."""
    parts: list[str] = []
    prev = ""
    for x in lines:
        b = x.strip()
        if not b:
            continue
        if not parts:
            parts.append(b)
        elif prev[-1] not in "-–(‘“" and b[0] not in ",.;:)":
            parts.append(" " + b)  # the common case, without the call
        else:
            joined = join_line(prev, b)
            parts.append(joined[len(prev):])  # join_line(prev, b) is prev + separator + b
        prev = b
    return "".join(parts)
