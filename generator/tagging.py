"""Theme suggestions from the taxonomy's keywords: explainable, one matched phrase per theme."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=None)
def _pattern(keyword: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])" + re.escape(keyword.lower()))


def suggest(text: str, keywords_by_theme: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    """Themes whose keywords occur in `text`, each with the first keyword that matched."""
    lowered = text.lower().replace("’", "'")
    found: dict[str, str] = {}
    for slug, keywords in keywords_by_theme:
        for kw in keywords:
            if _pattern(kw).search(lowered):
                found[slug] = kw
                break
    return found
