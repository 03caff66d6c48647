from __future__ import annotations

from generator.index.catalog import build_catalog
from generator.load.validate import load_dataset
from tests.conftest import DATA


def _cat():
    return build_catalog(load_dataset(DATA))


def test_history_is_oldest_first_with_cited_inspections_marked() -> None:
    cat = _cat()
    ids = [(i.id, i.is_cited) for i in cat.inspections["nottinghamshire"]]
    assert ids == [("2009-10-08-cra-unannounced", False), ("2010-03-slac", True), ("2011-02-cra-unannounced", True),
                   ("2011-09-19-slac", False), ("2015-sif", True), ("2019-01-focused-visit", True),
                   ("2019-10-07-ilacs", False)]


def test_previous_and_next_skip_cited_inspections() -> None:
    cat = _cat()
    seq = cat.documented("nottinghamshire")
    prev, nxt = cat.neighbours(seq[1])
    assert prev is not None and prev.id == "2009-10-08-cra-unannounced"
    assert nxt is not None and nxt.id == "2019-10-07-ilacs"
    assert cat.neighbours(seq[0])[0] is None and cat.neighbours(seq[-1])[1] is None


def test_latest_graded_and_headline() -> None:
    cat = _cat()
    latest = cat.latest_graded("nottinghamshire")
    assert latest is not None and latest.id == "2019-10-07-ilacs"
    assert latest.headline is not None and latest.headline.grade_key == "good"
    council = cat.latest_graded("nottingham")
    assert council is not None and council.secondary_only and council.headline.grade_key == "requires-improvement"


def test_strategy_discussions_recur_in_nottinghamshire() -> None:
    cat = _cat()
    ms = cat.authority_mentions("nottinghamshire")["strategy-discussions"]
    inspections = {m.inspection.id for m in ms}
    assert {"2009-10-08-cra-unannounced", "2011-09-19-slac", "2019-10-07-ilacs"} <= inspections
    para3 = [m for m in ms if m.inspection.id == "2019-10-07-ilacs" and m.anchor == "p-3"]
    assert para3 and para3[0].number == 3


def test_every_theme_mention_points_at_a_real_block() -> None:
    cat = _cat()
    for ms in cat.mentions.values():
        for m in ms:
            if m.anchor:
                assert m.document.block(m.anchor) is not None, (m.document.file, m.anchor)
