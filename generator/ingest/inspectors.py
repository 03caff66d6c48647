"""The lead inspector of a report, or the inspector who signs a letter, and their role."""
from __future__ import annotations

import re

__all__ = ["LETTER_LEAD", "lead_inspector", "signatory"]

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


def lead_inspector(text: str) -> tuple[str, str | None] | None:
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


def signatory(tail: str) -> tuple[str, str | None] | None:
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


LETTER_LEAD = re.compile(
    r"(?:[Tt]he lead inspector (?:was|is)|[Ll]ead inspector:?)\s+(?P<name>[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){1,3})")
