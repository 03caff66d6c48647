"""The theme tagger (generator/ingest/tagging.py): weighted keywords, threshold, exclusions, whole
words, explanations, and a floor on its agreement with the hand-labelled dev set."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from generator.load.sources import read_yaml
from generator.ingest.tagging import (LEAD_WORDS, LONG_WORDS, SHORT_WORDS, THRESHOLD, Evidence, describe, evidence, explain,
                                      keyword_options, parse_keyword, suggest)
from tests.conftest import ROOT

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


def test_keyword_options() -> None:
    assert keyword_options("partners~1!") == (True, False)
    assert parse_keyword("partners~1!") == ("partners", 1, False)
    assert keyword_options("*scb") == (False, True)
    assert keyword_options("plans~1") == (False, False)


BOARD = [("partnership", ("*scb", "*scbs$~1", "partners~1!", "police~1", "joint visit~0", "joint~1"))]


def test_word_ending_keyword_matches_a_local_boards_acronym() -> None:
    assert suggest("The SSCB has not ensured that its audits are completed.", BOARD) == {"partnership": "*scb"}
    assert suggest("The BSCB chair is independent.", BOARD) == {"partnership": "*scb"}
    assert suggest("The subscribers were many.", BOARD) == {}  # no word with the ending


def test_weak_cue_marked_alone_is_enough_in_a_short_text_only() -> None:
    assert suggest("Work with partners to improve their understanding of thresholds.", BOARD) == {"partnership": "partners"}
    long_text = " ".join(["Social workers visit children regularly."] * (SHORT_WORDS // 5 + 1)) + " Partners are involved."
    assert suggest(long_text, BOARD) == {}


def test_exclusion_covers_a_weak_cue_inside_it() -> None:
    assert explain("Joint visits with the police are prompt.", BOARD) == {"partnership": {"police": 1}}


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


FILLER = "Inspectors saw many children's records during the visit and spoke to staff about them."  # 15 words, no keyword


def long_text(*sentences: str) -> str:
    """A text of at least LONG_WORDS words: the sentences, then neutral filler sentences."""
    text = " ".join(sentences)
    while len(text.split()) < LONG_WORDS:
        text += " " + FILLER
    return text


def test_long_text_counts_a_phrase_in_full_in_a_sentence_lead() -> None:
    text = long_text("The LSCB oversees this well.")
    assert evidence(text, TABLE)["partnership"] == [Evidence("lscb", 2, 2, True)]
    assert suggest(text, TABLE) == {"partnership": "lscb"}


def test_long_text_counts_a_phrase_outside_sentence_leads_one_less() -> None:
    # the same strong phrase, but only after the first LEAD_WORDS words of its sentence
    padding = " ".join(["practice"] * LEAD_WORDS)
    text = long_text(f"Most children benefit from {padding} that the LSCB oversees.")
    assert evidence(text, TABLE)["partnership"] == [Evidence("lscb", 2, 1, False)]
    assert explain(text, TABLE) == {"partnership": {"lscb": 1}}
    assert suggest(text, TABLE) == {}
    # a weak cue outside the leads adds nothing; another cue in a lead makes it enough
    assert explain(long_text(f"Most children benefit from {padding} with partners."), TABLE) == {"partnership": {"partners": 0}}
    text = long_text("Partners are engaged.", f"Most children benefit from {padding} that the LSCB oversees.")
    assert explain(text, TABLE) == {"partnership": {"partners": 1, "lscb": 1}}
    assert suggest(text, TABLE) == {"partnership": "partners"}


def test_a_phrase_in_any_lead_counts_in_full() -> None:
    padding = " ".join(["practice"] * LEAD_WORDS)
    text = long_text(f"Most children benefit from {padding} that the LSCB oversees.", "The LSCB is effective.")
    assert evidence(text, TABLE)["partnership"] == [Evidence("lscb", 2, 2, True)]


def test_short_texts_count_every_phrase_in_full() -> None:
    padding = " ".join(["practice"] * LEAD_WORDS)
    text = f"Most children benefit from {padding} that the LSCB oversees."  # one sentence, under LONG_WORDS
    assert len(text.split()) < LONG_WORDS
    assert suggest(text, TABLE) == {"partnership": "lscb"}


def test_describe_names_the_phrases_their_weights_and_the_verdict() -> None:
    padding = " ".join(["practice"] * LEAD_WORDS)
    lines = describe(long_text("Police attend.", f"Most children benefit from {padding} that the LSCB oversees."), TABLE)
    assert lines == ['partnership: 2 of 2, suggested: "police" 1, "lscb" 2 (only outside sentence leads: 1)']
    assert describe("Leaders are aware.", TABLE) == ['leadership: 1 of 2, not suggested: "leader" 1']


def test_longest_phrase_wins_at_a_position_and_whole_words_hold() -> None:
    table = [("a", ("care~1", "care plan", "care planning~0")), ("b", ("pa$", "pathway"))]
    assert explain("Care plans are clear.", table) == {"a": {"care plan": 2}}
    assert explain("Care planning is weak.", table) == {}  # the exclusion is the longest phrase here
    assert explain("A PA visits; pathways exist; a pad does not count.", table) == {"b": {"pa": 2, "pathway": 2}}


# Floors a little under the figures reached when tuning (dev set, 656 items, main themes):
# mean precision 0.87, mean recall 0.87. Tune on the dev set only; the test set is held out.
DEV_MEAN_PRECISION_FLOOR = 0.85
DEV_MEAN_RECALL_FLOOR = 0.85


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


def test_a_passing_mention_in_a_real_sized_paragraph_does_not_count() -> None:
    table = [("board", ("lscb",)), ("plans", ("child protection plan",))]
    text = ("Child protection plans are clear, specific and reviewed regularly by core groups. Most parents "
            "understand what needs to change and by when, and social workers visit children often. Children's "
            "views are recorded carefully and inform the next steps. Managers check progress in supervision and "
            "make sure that actions agreed at conferences are completed on time, which is reported each quarter "
            "to the lscb.")
    assert suggest(text, table) == {"plans": "child protection plan"}
    assert explain(text, table)["board"] == {"lscb": 1}


def test_command_line_explains_a_text_with_the_shipped_taxonomy(capsys: pytest.CaptureFixture[str]) -> None:
    from generator.ingest.tagging import _main
    assert _main(["Strategy", "discussions", "are", "timely."]) == 0
    out = capsys.readouterr().out
    assert out.startswith('strategy-discussions: 2 of 2, suggested: "strategy discussion" 2')
