"""The theme tagger (generator/tagging.py): weighted keywords, threshold, exclusions, whole
words, explanations, and a floor on its agreement with the hand-labelled dev set."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from generator.sources import read_yaml
from generator.tagging import THRESHOLD, explain, parse_keyword, suggest

ROOT = Path(__file__).resolve().parents[1]

TABLE = [
    ("plans", ("child protection plan", "plan~1", "reviews$~1", "pathway plan~0", "improvement plan~0")),
    ("leadership", ("leader~1", "senior leader~1", "elected member", "improvement plan")),
    ("care-leavers", ("pathway plan", "pas$", "care leaver")),
    ("partnership", ("partners~1", "police~1", "lscb")),
]


def test_parse_keyword() -> None:
    assert parse_keyword("strategy discussion") == ("strategy discussion", 2, False)
    assert parse_keyword("Plans~1") == ("plans", 1, False)
    assert parse_keyword("improvement plan ~0") == ("improvement plan", 0, False)
    assert parse_keyword("pas$") == ("pas", 2, True)
    assert parse_keyword("pas$~1") == ("pas", 1, True)


def test_strong_phrase_is_enough() -> None:
    assert suggest("Child protection plans are clear.", TABLE) == {"plans": "child protection plan"}


def test_single_weak_cue_is_not_enough() -> None:
    assert suggest("Leaders are aware of this.", TABLE) == {}
    assert explain("Leaders are aware of this.", TABLE) == {"leadership": {"leader": 1}}


def test_two_different_weak_cues_reach_the_threshold() -> None:
    text = "Partners work well with the police."
    assert suggest(text, TABLE) == {"partnership": "partners"}
    assert sum(explain(text, TABLE)["partnership"].values()) == THRESHOLD


def test_a_weak_cue_repeated_counts_once() -> None:
    assert suggest("Plans are variable. Some plans are out of date and plans lack detail.", TABLE) == {}


def test_overlapping_keywords_of_one_theme_count_once() -> None:
    # "leader" inside "senior leaders" is the same evidence, not a second cue
    assert explain("Senior leaders are aware.", TABLE) == {"leadership": {"senior leader": 1}}
    assert suggest("Senior leaders are aware.", TABLE) == {}
    # "plan" inside "child protection plan" does not add a weak cue on top
    assert explain("Child protection plans.", TABLE) == {"plans": {"child protection plan": 2}}


def test_exclusion_blocks_the_theme_inside_it_only() -> None:
    text = "The improvement plan is reviewed; pathway plans and plans for reviews are late."
    ev = explain(text, TABLE)
    assert "improvement plan" in ev["leadership"]  # the exclusion is the plans theme's only
    # "plan" in "improvement plan" and "pathway plans" is ignored; the third "plans" counts
    assert ev["plans"] == {"plan": 1, "reviews": 1}
    assert set(suggest(text, TABLE)) == {"leadership", "plans", "care-leavers"}
    assert explain("The improvement plan is late.", TABLE).get("plans") is None


def test_exclusion_at_the_same_place_as_a_shorter_keyword() -> None:
    table = [("plans", ("plan~1", "planning your~0", "care plan"))]
    assert explain("Ofsted will use this when planning your next inspection.", table) == {}


def test_whole_word_keywords() -> None:
    assert suggest("PAs visit often.", TABLE) == {"care-leavers": "pas"}
    assert suggest("Passionate staff.", TABLE) == {}
    assert "reviews" not in explain("Plans are reviewed.", TABLE).get("plans", {})


def test_explanation_lists_every_matched_phrase_in_order() -> None:
    text = "Police and partners meet; the LSCB oversees this."
    assert explain(text, TABLE) == {"partnership": {"police": 1, "partners": 1, "lscb": 2}}
    assert suggest(text, TABLE) == {"partnership": "lscb"}  # the strongest phrase explains it


def test_themes_in_order_of_first_occurrence_and_plain_keywords_still_work() -> None:
    table = [("a", ("beta",)), ("b", ("alpha",))]
    assert list(suggest("alpha then beta", table)) == ["b", "a"]
    assert suggest("nothing here", table) == {}
    assert suggest("anything", []) == {}


def test_curly_apostrophe_and_case() -> None:
    table = [("voice", ("children's views",))]
    assert suggest("CHILDREN’S VIEWS are heard", table) == {"voice": "children's views"}


def test_shipped_keywords_parse() -> None:
    for theme in read_yaml(ROOT / "data" / "themes.yaml").data:
        for kw in theme.get("keywords") or []:
            phrase, weight, _ = parse_keyword(str(kw))
            assert phrase and phrase == phrase.strip() and "~" not in phrase and "$" not in phrase, (theme["slug"], kw)
            assert weight in (0, 1, 2), (theme["slug"], kw)
        strong = [k for k in theme.get("keywords") or [] if parse_keyword(str(k))[1] >= THRESHOLD]
        assert strong, f"{theme['slug']} has no keyword strong enough on its own"


# Floors a little under the figures reached when tuning (dev set, main themes): mean
# precision 0.87, mean recall 0.95. Tune on the dev set only; the test set is held out.
DEV_MEAN_PRECISION_FLOOR = 0.85
DEV_MEAN_RECALL_FLOOR = 0.92


@pytest.mark.parametrize("subset", ["dev"])
def test_dev_set_agreement_does_not_regress(subset: str) -> None:
    import sys
    sys.path.insert(0, str(ROOT / "bench"))
    from themes_accuracy import MAIN  # noqa: PLC0415
    themes = read_yaml(ROOT / "data" / "themes.yaml").data
    keywords = [(t["slug"], tuple(str(k).lower() for k in t.get("keywords") or [])) for t in themes]
    rows = [json.loads(line) for line in (ROOT / "tests/themes/labelled.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    rows = [r for r in rows if r["set"] == subset]
    tp, fp, fn = Counter(), Counter(), Counter()
    for r in rows:
        gold, got = set(r["themes"]), set(suggest(r["text"], keywords))
        tp.update(got & gold)
        fp.update(got - gold)
        fn.update(gold - got)
    precision = [tp[t] / (tp[t] + fp[t]) for t in MAIN if tp[t] + fp[t]]
    recall = [tp[t] / (tp[t] + fn[t]) for t in MAIN if tp[t] + fn[t]]
    assert len(precision) == len(recall) == len(MAIN)
    mean_p, mean_r = sum(precision) / len(precision), sum(recall) / len(recall)
    assert mean_p >= DEV_MEAN_PRECISION_FLOOR, f"dev mean precision {mean_p:.3f}"
    assert mean_r >= DEV_MEAN_RECALL_FLOOR, f"dev mean recall {mean_r:.3f}"
