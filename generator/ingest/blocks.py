"""Markdown or text conversion of a report → ordered text blocks, numbered paragraphs kept.

Conversions from PDF are ragged: page breaks split paragraphs, numbers fall off their
paragraph or land inside it, tables lose their columns. This module reads the text with
markdown-it-py and repairs what it safely can, noting each repair as a warning.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

_md = MarkdownIt("commonmark").enable("table")

_NUMBERED = re.compile(r"^\s*(\d{1,3})\.\s+(.*)$", re.S)
_TAG = re.compile(r"<[^>]+>")
_TERMINAL = re.compile(r"[.:;!?)\]'\"’”]\s*$")


@dataclass
class Block:
    """One block of report text: a heading, a numbered paragraph or unnumbered text."""

    text: str
    heading: int = 0  # heading level, 0 for body text
    number: int | None = None
    notes: list[str] = field(default_factory=list)
    bullet: bool = False  # one item of a bullet list, merged with its neighbours at the end


def _strip_tags(text: str) -> str:
    return html.unescape(_TAG.sub(" ", text))


def _squash(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text).strip()


def _plain_heading(text: str) -> str:
    text = _strip_tags(text).replace("**", "").replace("__", "")
    return _squash(text).rstrip(":").strip()


def _pipe(cell: str) -> str:
    return _squash(cell).replace("|", "\\|")


def _tab_table(lines: list[str]) -> str:
    rows = [[_pipe(_strip_tags(c)) for c in line.split("\t")] for line in lines]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    # Drop columns that are empty in every row (trailing tabs in conversions).
    keep = [i for i in range(width) if any(r[i] for r in rows)] or [0]
    rows = [[r[i] for i in keep] for r in rows]
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(keep)]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(out)


def _dedent_item(lines: list[str], marker_width: int) -> list[str]:
    out = []
    for line in lines:
        stripped = line[: marker_width].strip()
        out.append(line[marker_width:] if not stripped else line.lstrip())
    return out


def _closing(tokens: list[Token], i: int) -> int:
    """Index of the token that closes tokens[i]."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def _paragraph_text(lines: list[str]) -> str:
    return _squash(" ".join(line.strip() for line in lines))


def _table_to_markdown(src_lines: list[str]) -> str:
    """A Markdown table from a conversion; one-column tables of bullet lists become lists."""
    cells: list[list[str]] = []
    for line in src_lines:
        line = line.strip()
        if re.fullmatch(r"\|?[\s:|-]+\|?", line):
            continue
        parts = [c for c in re.split(r"(?<!\\)\|", line.strip("|"))]
        cells.append(parts)
    if all(len([c for c in row if c.strip()]) <= 1 for row in cells):
        out: list[str] = []
        for row in cells:
            cell = " ".join(c for c in row if c.strip())
            if "▪" in cell or "<li" in cell:
                items = [_squash(_strip_tags(x)) for x in re.split(r"▪|<li[^>]*>", cell)]
                out.extend(f"- {x}" for x in items if x)
            elif cell.strip():
                out.append("")
                out.append(f"**{_squash(_strip_tags(cell))}**")
                out.append("")
        return "\n".join(out).strip()
    lines = []
    for k, row in enumerate(cells):
        lines.append("| " + " | ".join(_pipe(_strip_tags(c)) for c in row) + " |")
        if k == 0:
            lines.append("|" + "---|" * len(row))
    return "\n".join(lines)


def raw_blocks(text: str) -> list[Block]:
    """Blocks as the text lays them out, before numbering repairs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    src = text.split("\n")
    tokens = _md.parse(text)
    blocks: list[Block] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        end = _closing(tokens, i) if tok.nesting == 1 else i
        lines = src[tok.map[0]: tok.map[1]] if tok.map else []
        if tok.type == "heading_open":
            title = _plain_heading(tokens[i + 1].content)
            if title:
                blocks.append(Block(title, heading=int(tok.tag[1])))
        elif tok.type == "paragraph_open":
            if any("\t" in line for line in lines):
                blocks.append(Block(_tab_table([line for line in lines if line.strip()])))
            else:
                content = _paragraph_text([_strip_tags(line) if "<" in line else line for line in lines])
                if content:
                    blocks.append(Block(content))
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            blocks.extend(_list_blocks(tokens[i: end + 1], src))
        elif tok.type == "table_open":
            blocks.append(Block(_table_to_markdown(lines)))
        elif tok.type == "html_block":
            content = _squash(_strip_tags(tok.content))
            if content:
                blocks.append(Block(content))
        elif tok.type in ("code_block", "fence"):
            content = _paragraph_text(tok.content.split("\n"))
            if content:
                blocks.append(Block(content))
        # hr and anything else: conversion debris, dropped.
        i = end + 1
    return blocks


def _list_blocks(tokens: list[Token], src: list[str]) -> list[Block]:
    """Items of one top-level list: numbered items become numbered paragraphs."""
    ordered = tokens[0].type == "ordered_list_open"
    out: list[Block] = []
    i = 1
    while i < len(tokens) - 1:
        tok = tokens[i]
        if tok.type != "list_item_open":
            i += 1
            continue
        end = _closing(tokens, i)
        lines = src[tok.map[0]: tok.map[1]]
        first = lines[0]
        marker = re.match(r"^(\s*)(\d{1,3}[.)]|[-*+])(\s+|$)", first)
        width = len(marker.group(0)) if marker else 0
        body_lines = _dedent_item([first[width:]] + lines[1:], width)
        while body_lines and not body_lines[-1].strip():
            body_lines.pop()
        body = "\n".join(body_lines).strip()
        number: int | None = None
        if ordered:
            number = int(tok.info) if tok.info.isdigit() else None
        else:
            m = _NUMBERED.match(body)
            if m:
                number, body = int(m.group(1)), m.group(2)
                body_lines = body.split("\n")
        if number is not None:
            out.append(Block(_item_markdown(body), number=number))
        else:
            out.append(Block(_squash(_strip_tags(body.replace("\n", " "))), bullet=True))
        i = end + 1
    return out


def _item_markdown(body: str) -> str:
    """Markdown of a numbered item: its first paragraph on one line, nested lists kept."""
    parts = re.split(r"\n(?=\s*[-*+] )", body, maxsplit=1)
    head = _paragraph_text(parts[0].split("\n"))
    if len(parts) == 1:
        return head
    items = re.split(r"\n\s*[-*+] ", "\n" + parts[1].lstrip())
    bullets = [_squash(x.replace("\n", " ")) for x in items if x.strip()]
    return head + "\n\n" + "\n".join(f"- {b}" for b in bullets)


def _starts_lower(text: str) -> bool:
    t = text.lstrip("- ").lstrip()
    return bool(t) and t[0].islower()


def repair(blocks: list[Block]) -> list[Block]:
    """Join page-break fragments, restore lost paragraph numbers, then regroup bullet lists."""
    out: list[Block] = []
    expected = 1
    later_max = [0] * (len(blocks) + 1)  # highest paragraph number at or after each block
    for k in range(len(blocks) - 1, -1, -1):
        later_max[k] = max(later_max[k + 1], blocks[k].number or 0)
    for k, b in enumerate(blocks):
        prev = out[-1] if out else None
        text = b.text
        body_like = prev is not None and prev.heading == 0 and not prev.text.startswith("|")
        # A fragment that starts in lower case continues the block before it, unless it
        # is a list item after a lead-in ("Within three months:").
        if (body_like and not b.heading and b.number is None and _starts_lower(text)
                and not (b.bullet and (prev.text.rstrip().endswith(":") or prev.bullet))):
            prev.text = _join(prev.text, text)
            prev.notes.append("joined a fragment split by a page break")
            continue
        # A paragraph cut off mid-sentence by a page break, continued by a capitalised word.
        if (body_like and not b.heading and b.number is None and prev.number is not None
                and not _TERMINAL.search(prev.text) and len(prev.text) > 80 and text[:1].isupper()
                and "\n" not in prev.text and not b.bullet):
            prev.text = _join(prev.text, text)
            prev.notes.append("joined a fragment split by a page break")
            continue
        # A long unnumbered item where a numbered paragraph is due: its number was lost
        # or moved into the text ("… for example, 49. working sub-regionally …").
        if b.number is None and not b.heading and expected > 1 and len(text) > 160 and not text.startswith(("|", "**")):
            m = re.search(rf"(?:^|\s){expected}\.\s+", text)
            if m or (b.bullet and text[:1].isupper() and later_max[k] > expected):
                body = _squash(text[: m.start()] + " " + text[m.end():]) if m else text
                note = f"moved paragraph number {expected} from inside the text" if m else f"restored lost paragraph number {expected}"
                out.append(Block(body, number=expected, notes=[note]))
                expected += 1
                continue
        if b.number is not None:
            if b.number != expected and out:
                b.notes.append(f"paragraph {b.number} follows {expected - 1}")
            expected = b.number + 1
        out.append(b)
    return _group_bullets(out)


def _group_bullets(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if b.bullet and out and out[-1].bullet:
            out[-1].text += "\n- " + b.text
            out[-1].notes.extend(b.notes)
        elif b.bullet:
            out.append(Block("- " + b.text, notes=list(b.notes), bullet=True))
        else:
            out.append(b)
    for b in out:
        b.bullet = False
    return out


def _join(a: str, b: str) -> str:
    b = b.lstrip("- ").strip()
    return _squash(a + " " + b) if "\n" not in a else a.rstrip() + " " + b


def blocks_from_text(text: str) -> list[Block]:
    """Blocks of a Markdown or text conversion of a report, repaired."""
    return repair(raw_blocks(text))
