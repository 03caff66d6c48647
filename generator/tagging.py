"""Theme suggestions from the taxonomy's keywords: explainable, weighted evidence per theme.

Each keyword in `data/themes.yaml` is a lower-case phrase that matches at the start of a word
("assess" matches "assessments"). A keyword may carry a weight after a tilde:

- ``"strategy discussion"``: a strong phrase, weight 2 (the default);
- ``"plans~1"``: a weak cue, weight 1; it counts only together with other evidence;
- ``"improvement plan~0"``: an exclusion; the theme's keywords that start inside this phrase
  are ignored there ("plan" in "improvement plan" is not about children's plans);
- ``"pas$"``: a trailing "$" matches a whole word only ("PAs", not "passionate").

A theme is suggested when the sum of the weights of its distinct matched phrases reaches
`THRESHOLD` (2): one strong phrase, or two different weak cues. Where keywords of one theme
overlap ("leader~1" inside "senior leader~1", "plan~1" inside "care plan"), only the first
and longest counts.
All keywords are compiled into one pattern, so a block of text is scanned once whatever the
size of the taxonomy. The explanation is kept: `explain()` gives every phrase that counted."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

THRESHOLD = 2
DEFAULT_WEIGHT = 2
_SPEC = re.compile(r"^(?P<phrase>.*?)(?P<whole>\$)?\s*(?:~\s*(?P<weight>\d+))?$")


def parse_keyword(keyword: str) -> tuple[str, int, bool]:
    """(phrase, weight, whole_word) from a keyword: "plans~1" -> ("plans", 1, False);
    "strategy discussion" -> ("strategy discussion", 2, False); "pas$" -> ("pas", 2, True):
    a trailing "$" makes the phrase match a whole word only ("pas" but not "passionate")."""
    m = _SPEC.match(keyword.strip().lower())
    assert m is not None  # the pattern matches any string
    weight = m.group("weight")
    return m.group("phrase").strip(), DEFAULT_WEIGHT if weight is None else int(weight), bool(m.group("whole"))


_Hit = tuple[str, str, int, bool]  # slug, phrase, weight, whole word only


@lru_cache(maxsize=8)
def _compiled(keywords_by_theme: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str], dict[str, list[_Hit]]]:
    """The pattern, and for each phrase the pattern can match: every (slug, keyword, weight,
    whole) whose keyword is a prefix of it (so may also match where it matches), longest first."""
    uses: dict[str, list[tuple[str, int, bool]]] = {}
    for slug, keywords in keywords_by_theme:
        for kw in keywords:
            phrase, weight, whole = parse_keyword(kw)
            if phrase:
                uses.setdefault(phrase, []).append((slug, weight, whole))
    phrases = sorted(uses, key=len, reverse=True)
    owners = {p: [(slug, q, w, whole) for q in phrases if p.startswith(q) for slug, w, whole in uses[q]] for p in phrases}
    alternation = "|".join(re.escape(p) + (r"(?!\w)" if all(u[2] for u in uses[p]) else "") for p in phrases)
    return re.compile(rf"(?<![\w])(?:{alternation})"), owners


def explain(text: str, keywords_by_theme: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, dict[str, int]]:
    """Every theme with evidence in `text` (suggested or not): matched phrase -> weight, phrases
    in order of first occurrence, themes in order of their first counted match. A phrase counts
    once per text, however often it occurs: two weak cues must be different words."""
    table = tuple((slug, tuple(kws)) for slug, kws in keywords_by_theme)
    if not table:
        return {}
    pattern, owners = _compiled(table)
    lowered = text.lower().replace("’", "'")
    evidence: dict[str, dict[str, int]] = {}
    covered_until: dict[str, int] = {}
    pos = 0
    while True:
        m = pattern.search(lowered, pos)
        if m is None:
            break
        start = m.start()
        hits = [h for h in owners[m.group(0)] if not h[3] or not lowered[start + len(h[1]):start + len(h[1]) + 1].isalnum()]
        for slug, kw, weight, _ in hits:  # exclusions first: they cover the theme's keywords inside them
            if weight == 0:
                covered_until[slug] = max(covered_until.get(slug, 0), start + len(kw))
        for slug, kw, weight, _ in hits:  # longest first, so a theme's shorter keywords here are covered
            if weight == 0 or covered_until.get(slug, 0) > start:
                continue  # inside an exclusion or a phrase of the same theme that already counted
            evidence.setdefault(slug, {}).setdefault(kw, weight)
            covered_until[slug] = start + len(kw)
        pos = m.start() + 1  # overlapping matches: "child protection enquiries" and "enquir…"
    return evidence


def suggest(text: str, keywords_by_theme: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    """Themes whose evidence in `text` reaches the threshold, each with the strongest keyword
    that matched (the first of equal weight), in the order they first occur (the first is
    usually what the text is mainly about). `explain()` gives all the matched phrases."""
    found: dict[str, str] = {}
    for slug, phrases in explain(text, keywords_by_theme).items():
        if sum(phrases.values()) >= THRESHOLD:
            found[slug] = max(phrases, key=lambda p: phrases[p])
    return found
