"""Broken copies of the shipped data, each with the exact messages `check` must give
(golden files in tests/golden/check/, rewritten by `make golden`)."""
from __future__ import annotations

from pathlib import Path

N19 = "data/reports/nottinghamshire/2019-10-07-ilacs.ofsted-report.yaml"
N11 = "data/reports/nottinghamshire/2011-09-19-slac.ofsted-report.yaml"
ST = "data/reports/south-tyneside/2013-05-13-cp-2012.ofsted-report.yaml"

# case name → edits: (file, text to find, replacement); each text must occur in the file.
CASES: dict[str, list[tuple[str, str, str]]] = {
    "unknown-grade-word": [(N19, "    grade: Good\n    grade_key: good\n    rank: 2\n", "    grade: Superb\n    grade_key: good\n    rank: 2\n")],
    "unknown-grade-key": [(ST, "grade_key: adequate", "grade_key: requires-improvement")],
    "wrong-rank": [(N19, "    grade_key: requires-improvement\n    rank: 3", "    grade_key: requires-improvement\n    rank: 2")],
    "reversed-dates": [(N11, "start_date: 2011-09-19\nend_date: 2011-09-23", "start_date: 2011-09-23\nend_date: 2011-09-19")],
    "unknown-theme": [(N19, "themes: [strategy-discussions, partnership-and-safeguarding-board", "themes: [saftey, partnership-and-safeguarding-board")],
    "malformed-yaml": [(ST, "framework: cp-2012", "framework: [cp-2012")],
    "several-problems": [
        (N19, "start_date: 2019-10-07", "start_date: 2019-10-32"),
        (N11, "kind: ofsted-report", "kind: ofsted-review"),
        (ST, "authority: E08000023", "authority: E08000099"),
    ],
}


def apply_case(project: Path, name: str) -> None:
    for rel, old, new in CASES[name]:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        if old not in text:
            raise AssertionError(f"{name}: {rel} no longer contains {old!r}; update tests/check_cases.py")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
