"""Grades as reports write them (generator.ingest.grades), read with the scales of
data/frameworks.yaml: the words, keys and ranks are the frameworks', never ingest's own."""
from __future__ import annotations

from generator.ingest.grades import Scales
from generator.model.records import Framework, Grade
from tests.ingest import SCALES


def read(text: str, framework: str | None = None, scales: Scales = SCALES) -> tuple[str, str, int] | None:
    got = scales.read(text, framework)
    return (got[0], got[1].key, got[1].rank) if got else None


def test_grades_as_written() -> None:
    assert read("Requires\nimprovement to be \ngood") == ("Requires improvement to be good", "requires-improvement", 3)
    assert read("Require improvement") == ("Requires improvement", "requires-improvement", 3)
    assert read("Grade 3 (Adequate)") == ("Adequate", "adequate", 3)
    assert read("OUTSTANDING") == ("Outstanding", "outstanding", 1)


def test_a_grade_is_one_of_its_frameworks_scale() -> None:
    assert read("Adequate", "slac") == ("Adequate", "adequate", 3)
    assert read("Grade 4", "slac") == ("Inadequate", "inadequate", 4)
    assert read("Adequate", "sif") is None  # SIF replaced adequate by requires improvement
    assert read("Requires improvement", "cp-2012") is None
    assert read("Good", "focused-visit") == ("Good", "good", 2)  # a framework without grades: any scale's
    assert read("Satisfactory") is None


def test_the_words_come_from_the_frameworks() -> None:
    """A scale with other words: ingest reads those, and no longer the project's."""
    own = Scales.of([Framework("made-up", "Made up", "2030", "report", "", (
        Grade("good", 1, ("Exemplary",), ""), Grade("inadequate", 2, ("Needs urgent help", "Grade 2"), "")), (), None)])
    assert read("exemplary", "made-up", own) == ("Exemplary", "good", 1)
    assert read("Need urgent\nhelp", "made-up", own) == ("Needs urgent help", "inadequate", 2)
    assert read("Grade 2 (poor)", "made-up", own) == ("Needs urgent help", "inadequate", 2)
    assert read("Outstanding", "made-up", own) is None
    assert own.table.only.match("Needs") and own.table.only.match("urgent help")  # a grade over two lines
    assert own.table.end.search("Overall effectiveness Exemplary")
    assert not own.table.end.search("Overall effectiveness Outstanding")


def test_no_grades_at_all_read_none() -> None:
    none = Scales.of([])
    assert read("Good", None, none) is None
    assert not none.table.end.search("Overall effectiveness Good") and not none.table.only.match("anything")


def test_grades_in_judgement_tables() -> None:
    table = SCALES.table
    assert table.end.search("The impact of leaders on social work practice Requires improvement to be good").group(1) \
        == "Requires improvement to be good"
    for piece in ("Requires", "improvement to be good", "to be good", "Not judged", "Grade 2 (good)"):
        assert table.only.match(piece), piece
    assert not table.only.match("Requires action")
    assert table.lead.match("Good (Grade 2) A service that exceeds minimum requirements").group(1) == "Good (Grade 2)"
    assert table.openings == {"requires", "requires improvement"}
    assert not table.start.match("grade 9 to 4, including for English")  # GCSE grades are no judgement


def test_grades_in_prose() -> None:
    assert SCALES.plain("requiring  improvement to be good") == "requires improvement to be good"
    assert SCALES.plain("required improvement") == "requires improvement"
    assert SCALES.plain("Inadequate") == "inadequate"
    inside = SCALES.inside("good")
    assert inside is not None and inside.search("services that require improvement to be ")
    assert SCALES.inside("inadequate") is None
    assert SCALES.verb_stems() == ("requir",)
