"""What a report or letter says needs to improve, its priority actions, strengths and areas for
development, read from its body's blocks.

Findings: the bullets, or SIF's numbered paragraphs, under "What needs to improve",
"Areas for improvement", "Recommendations", "What does the local authority/LSCB need to
improve?" (improvements, timescale "none-stated" unless an "Immediately:" / "Within three
months:" / "Within six months:" subhead says otherwise), "Areas for priority action" /
"Priority and immediate action" (priority actions), strengths ("The local authority has
the following strengths:", "Areas of strength") and "Areas for development". A finding's
paragraph is the numbered paragraph it stands in, or the numbered lead-in it follows
("22. In order to improve … the following action.").
"""
from __future__ import annotations

import re

from generator.ingest.blocks import Block
from generator.ingest.draft import FindingDraft

__all__ = ["findings_of"]


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
    visit tighten report reduce reinstate resolve respond commission re-establish progress prepare train
    ask invest prevent resource oversee appoint arrange assure check communicate consult define demonstrate
    design determine document encourage evidence facilitate finalise fund inform investigate manage measure
    minimise notify offer organise plan protect rationalise re-launch refocus remove require restructure
    retain safeguard share simplify specify stabilise standardise stop submit test understand""".split())
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
    # "The local authority and its partners need to ensure …", "A shared understanding of thresholds
    # needs to be embedded …", "A review of the duty teams is needed …", "… must be …"
    if re.search(r"\b(?:needs? to|must) [a-z]+|\b(?:is|are) (?:urgently )?needed\b", head):
        return True
    # "The BSCB to ensure …", "BSCB to work with partners …", "The Adoption Panel Chair to report …"
    m = re.match(r"(?:The\s+)?(?:[A-Z][\w’'-]*\s+){1,4}to\s+([a-z]+)\b", head) or re.match(
        r"(?:The\s+)?(?:[Bb]oard|[Pp]artners|[Ll]ocal authority|[Cc]ouncil)\s+to\s+([a-z]+)\b", head)
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


def findings_of(blocks: list[Block]) -> dict[str, list[FindingDraft]]:
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
        if items and head and section is not None and all(it[:1].islower() for it in items) \
                and not all(it.split(None, 1)[0].strip(",;:").lower() in _IMPERATIVE for it in items) \
                and not _section_of(head[-1]) and not _timescale_of(head[-1]) \
                and (section == "priority" or _recommendation_like(_clean_item(" ".join(head)))):
            # A lead-in and the fragments that finish it are one finding: "The local authority
            # needs to take swift and decisive action to address the following areas of
            # weakness:" + "- delays in case allocation …" + "- management oversight …" (not a
            # list of recommendations of their own: "- improve capacity within …").
            lead_in = _clean_item(" ".join(head)).rstrip(":;, ")
            text = lead_in + ": " + "; ".join(_clean_item(it).rstrip(".;") for it in items) + "."
            out[section].append(FindingDraft(text, (timescale or "none-stated") if section == "improve" else None,
                                             b.number or lead))
            items_seen += 1
            continue
        if items:
            items_seen += _emit(out, section, timescale, items, b.number or lead)
            continue
        if not head or section is None:
            continue
        text = _clean_item(" ".join(head))
        if b.number is not None and (text.endswith(":") or (_LEAD_IN.match(text) and re.search(r"(?i)\bfollowing\b", text)
                                                            and len(text) < 300)):
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
