"""Each council's standing: its latest graded inspection with documents on the site, the graded
inspection before it (documented or known from a later report), and how the two compare."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.index.history import Inspection
from generator.model.records import Authority


@dataclass(frozen=True)
class Standing:
    """A council's latest grade beside the one before it. `change` is a key of vocab.CHANGES
    ("" when the council has no graded inspection here); `steps` is how many grades better (+)
    or worse (-) the latest overall grade is than the one before, 0 when they cannot be compared."""

    authority: Authority
    latest: Inspection | None
    previous: Inspection | None
    change: str
    steps: int


def compare(latest: Inspection, previous: Inspection | None) -> tuple[str, int]:
    """(change, steps) from `previous` to `latest`. Ranks put grades of different frameworks on
    one scale; adequate (to 2013) and requires improvement (from 2013) share a rank but are not
    the same judgement, so they are "same-rank", not "same". An inspection with no overall grade
    (the reformed framework of 2026) cannot be compared with an overall grade."""
    if previous is None:
        return "first", 0
    now, before = latest.headline, previous.headline
    if now is None or before is None:
        return "not-comparable", 0
    if now.rank != before.rank:
        steps = before.rank - now.rank
        return ("better" if steps > 0 else "worse"), steps
    return ("same" if now.grade_key == before.grade_key else "same-rank"), 0


def standing(authority: Authority, inspections: tuple[Inspection, ...], documented: tuple[Inspection, ...]) -> Standing:
    graded = [i for i in documented if i.judgements]
    if not graded:
        return Standing(authority, None, None, "", 0)
    latest = graded[-1]
    begun = latest.start_date.as_date()
    earlier = [i for i in inspections if i.judgements and i is not latest and i.start_date.as_date() < begun]
    previous = earlier[-1] if earlier else None
    change, steps = compare(latest, previous)
    return Standing(authority, latest, previous, change, steps)


def build_standings(authorities: tuple[Authority, ...], inspections: Mapping[str, tuple[Inspection, ...]],
                    documented: Mapping[str, tuple[Inspection, ...]]) -> dict[str, Standing]:
    """Council slug → its standing (inspections oldest first, as the catalog holds them)."""
    return {a.slug: standing(a, inspections[a.slug], documented[a.slug]) for a in authorities}
