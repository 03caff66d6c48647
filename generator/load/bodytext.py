"""A document's text as a file of its own (`<record>.md` beside `<record>.yaml`): Markdown
with one marker line per block, cheap to read and easy to review.

    ## What needs to improve

    ¶ 3 · themes: strategy-discussions, case-recording-and-it
    The quality of strategy discussions and meetings …

    ¶ · themes: care-leavers
    A paragraph the report does not number.

A heading is one line of `##`, `###` or `####`. A paragraph starts at its marker line: `¶`,
then the report's own paragraph number if it has one, then ` · themes: ` and theme slugs.
Its text runs to the next marker or heading. A text line that would read as a marker or a
heading (it starts with `¶`, `#` or `\\`) is written with a `\\` in front, which the reader
takes off again."""
from __future__ import annotations

import re
from typing import Any

SUFFIX = ".md"
MARK = "¶"
_MARKER = re.compile(r"^¶(?: +(\d+))?(?: +· +themes: *(.*?))? *$")
_HEADING = re.compile(r"^(#+)(?: +(.*?))? *$")
_ESCAPED = ("¶", "#", "\\")


class BodyTextError(Exception):
    """A line that is neither a marker, a heading nor text inside a paragraph."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


def parse(text: str) -> tuple[list[dict[str, Any]], dict[int, int]]:
    """Body entries in the record schema (as a YAML `body` holds them) and the line of each
    entry (index → 1-based line); raises BodyTextError at the first line that cannot be read."""
    entries: list[dict[str, Any]] = []
    lines_of: dict[int, int] = {}
    current: list[str] | None = None

    def close() -> None:
        if current is not None:
            while current and not current[-1].strip():
                current.pop()
            while current and not current[0].strip():
                current.pop(0)
            entries[-1]["text"] = "\n".join(current)

    for i, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if line.startswith(MARK):
            close()
            m = _MARKER.match(line)
            if m is None:
                raise BodyTextError(i, f"expected a paragraph marker such as '¶ 3 · themes: care-leavers' or '¶', got {line[:60]!r}")
            entry: dict[str, Any] = {}
            if m.group(1) is not None:
                entry["number"] = int(m.group(1))
            raw = m.group(2)
            entry["themes"] = [t.strip() for t in raw.split(",") if t.strip()] if raw else []
            entries.append(entry)
            lines_of[len(entries) - 1] = i
            current = []
            continue
        if line.startswith("#"):
            close()
            current = None
            m = _HEADING.match(line)
            level = len(m.group(1)) if m else 0
            if m is None or not m.group(2) or level not in (2, 3, 4):
                raise BodyTextError(i, f"expected a heading of '## ', '### ' or '#### ' and its text, got {line[:60]!r}")
            entries.append({"heading": m.group(2), "level": level})
            lines_of[len(entries) - 1] = i
            continue
        if line.startswith("\\") and line[1:2] and line[1] in _ESCAPED:
            line = line[1:]
        if current is None:
            if line.strip():
                raise BodyTextError(i, "expected a heading ('## …') or a paragraph marker ('¶ …') before text, got text "
                                       f"{line[:40]!r}")
            continue
        current.append(line)
    close()
    return entries, lines_of


def _marker(entry: dict[str, Any]) -> str:
    out = MARK
    if entry.get("number") is not None:
        out += f" {entry['number']}"
    themes = entry.get("themes") or []
    if themes:
        out += " · themes: " + ", ".join(themes)
    return out


def render(body: list[dict[str, Any]]) -> str:
    """The text file of `body` entries; `parse(render(b))` gives `b` back."""
    out: list[str] = []
    for entry in body:
        if "heading" in entry:
            heading = " ".join(str(entry["heading"]).split())
            out.append(f"{'#' * int(entry.get('level') or 2)} {heading}\n")
            continue
        out.append(_marker(entry))
        for line in str(entry.get("text", "")).strip().replace("\r\n", "\n").split("\n"):
            out.append("\\" + line if line[:1] in _ESCAPED else line)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
