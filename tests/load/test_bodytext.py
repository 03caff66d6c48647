"""The text file of a record: markers, headings and escapes read back exactly as written."""
from __future__ import annotations

import pytest

from generator.load import bodytext

BODY = [
    {"heading": "What needs to improve", "level": 2},
    {"number": 3, "themes": ["strategy-discussions", "case-recording-and-it"], "text": "The quality of strategy."},
    {"themes": [], "text": "| Judgement | Grade |\n|---|---|\n| Overall | Good |"},
    {"themes": ["care-leavers"], "text": "- one\n\n- two, after a blank line"},
    {"heading": "Sub", "level": 4},
    {"number": 4, "themes": [], "text": "¶ a line that looks like a marker\n# and one like a heading\n\\ and a backslash"},
]


def test_round_trip() -> None:
    text = bodytext.render(BODY)
    back, lines = bodytext.parse(text)
    assert back == BODY
    assert text.splitlines()[lines[1] - 1] == "¶ 3 · themes: strategy-discussions, case-recording-and-it"
    assert "\n\\¶ a line that looks like a marker\n\\# and one like a heading\n\\\\ and a backslash\n" in text
    assert bodytext.render(back) == text


def test_the_format_reads_as_documented() -> None:
    text = "## Heading\n\n¶ 12 · themes: early-help\nLine one\nline two\n\n¶\nUnnumbered.\n"
    assert bodytext.parse(text)[0] == [{"heading": "Heading", "level": 2},
                                       {"number": 12, "themes": ["early-help"], "text": "Line one\nline two"},
                                       {"themes": [], "text": "Unnumbered."}]


@pytest.mark.parametrize("text, line, words", [
    ("Text before any marker\n", 1, "before text"),
    ("¶ 3\ntext\n##### too deep\n", 3, "heading of '## '"),
    ("¶ three\ntext\n", 1, "paragraph marker"),
    ("¶ 3 themes: a\ntext\n", 1, "paragraph marker"),
])
def test_errors_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(bodytext.BodyTextError) as exc:
        bodytext.parse(text)
    assert exc.value.line == line and words in exc.value.message
