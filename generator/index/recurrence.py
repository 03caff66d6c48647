"""Themes that recur at a council: the themes raised as something to improve (an area for
improvement or priority action carries them) at two or more of its inspections. A statement
about themes, not about whether a finding was addressed: that is followups.py's."""
from __future__ import annotations

from generator.index.history import Inspection
from generator.model.vocab import TO_IMPROVE


def recurring_themes(documented: tuple[Inspection, ...]) -> dict[str, tuple[Inspection, ...]]:
    """Theme → the inspections of one council that raised it as something to improve (oldest
    first); only themes raised at two or more."""
    raised: dict[str, list[Inspection]] = {}
    for insp in documented:
        themes = {t for d in insp.documents for f in d.findings if f.kind in TO_IMPROVE for t in f.themes}
        for t in sorted(themes):
            raised.setdefault(t, []).append(insp)
    return {t: tuple(v) for t, v in raised.items() if len(v) >= 2}
