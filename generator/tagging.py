"""Theme suggestions from the taxonomy's keywords: explainable, one matched phrase per theme.

All keywords are compiled into one pattern, so a block of text is scanned once whatever the
size of the taxonomy."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=8)
def _compiled(keywords_by_theme: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str], dict[str, list[str]]]:
    owners: dict[str, list[str]] = {}
    for slug, keywords in keywords_by_theme:
        for kw in keywords:
            owners.setdefault(kw.lower(), []).append(slug)
    alternation = "|".join(re.escape(k) for k in sorted(owners, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternation})"), owners


def suggest(text: str, keywords_by_theme: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    """Themes whose keywords occur in `text`, each with the first keyword that matched, in the
    order they first occur (the first is usually what the text is mainly about)."""
    table = tuple((slug, tuple(kws)) for slug, kws in keywords_by_theme)
    if not table:
        return {}
    pattern, owners = _compiled(table)
    lowered = text.lower().replace("’", "'")
    found: dict[str, str] = {}
    pos = 0
    while True:
        m = pattern.search(lowered, pos)
        if m is None:
            break
        for slug in owners[m.group(0)]:
            found.setdefault(slug, m.group(0))
        pos = m.start() + 1  # overlapping matches: "child protection enquiries" and "enquir…"
    return found
