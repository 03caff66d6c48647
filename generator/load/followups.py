"""Follow-ups: the machine's possibly related passages (data/followups/<council>.yaml) and
editors' verdicts (entries with `finding:` in data/annotations/<council>.yaml), each checked
against the documents they name."""
from __future__ import annotations

import re
from typing import Any

from generator.load.checker import Checker, _choices, _show
from generator.load.files import _list_source
from generator.model.records import Document, FollowupRecord
from generator.model.vocab import FINDING_KINDS, FOLLOWUP_LABELS

_FINDING = re.compile(r"^(?P<ref>[^#]+)#(?P<kind>[a-z-]+)-(?P<k>[1-9]\d*)$")
_RELATED = re.compile(r"^(?P<at>[a-z0-9-]+) (?P<score>[01]\.\d\d)$")
FINDING_RULE = ("<authority-slug>/<inspection-id>/<kind>#<finding>-<n>, such as "
                "nottingham/2014-03-11-sif/ofsted-report#improvement-2")


def finding_anchors(doc: Document) -> set[str]:
    """"improvement-1", "priority-action-2" …: each finding of a document, numbered within its kind."""
    counts: dict[str, int] = {}
    out = set()
    for f in doc.findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
        out.add(f"{f.kind}-{counts[f.kind]}")
    return out


def _anchors(doc: Document) -> set[str]:
    return {b.anchor for b in doc.body if b.anchor} | finding_anchors(doc)


def _pair(c: Checker, item: dict, path: tuple, refs: dict[str, Document], broken: set[str]
          ) -> tuple[Document, Document] | None:
    """The finding's document and the later document an entry names, checked."""
    finding, later = c.get(item, path, "finding", str), c.get(item, path, "later", str)
    if finding is None or later is None:
        return None
    m = _FINDING.match(finding)
    if m is None or m.group("kind") not in {k.key for k in FINDING_KINDS}:
        c.problem(path + ("finding",), f"expected a finding as {FINDING_RULE}, got {_show(finding)}")
        return None
    if m.group("ref") in broken or later in broken:
        return None  # the document itself has problems, already reported
    doc = refs.get(m.group("ref"))
    if doc is None:
        c.problem(path + ("finding",), f"expected a finding of a document on record ({_choices(sorted(refs))}), "
                                       f"got {_show(finding)}")
        return None
    if f"{m.group('kind')}-{m.group('k')}" not in finding_anchors(doc):
        c.problem(path + ("finding",), f"expected one of that document's findings ({_choices(sorted(finding_anchors(doc)))}), "
                                       f"got {_show(finding)}")
        return None
    ldoc = refs.get(later)
    if ldoc is None:
        c.problem(path + ("later",), f"expected a document on record ({_choices(sorted(refs))}), got {_show(later)}")
        return None
    if ldoc.authority != doc.authority or ldoc.start_date.as_date() <= doc.end_date.as_date():
        c.problem(path + ("later",), f"expected a document about the same council that began after {m.group('ref')} "
                                     f"ended ({doc.end_date.iso}), got {later}")
        return None
    return doc, ldoc


def _verdict(c: Checker, item: dict, path: tuple, required: bool) -> str | None:
    verdict = c.get(item, path, "verdict", str, required=required)
    if verdict is not None and verdict not in FOLLOWUP_LABELS:
        c.problem(path + ("verdict",), f"expected one of {', '.join(FOLLOWUP_LABELS)}, got {_show(verdict)}")
        return None
    return verdict


def read_machine(c: Checker, refs: dict[str, Document], broken: set[str]) -> list[FollowupRecord]:
    """data/followups/<council>.yaml."""
    out = []
    for path, item in _list_source(c, "follow-ups"):
        c.unknown_keys(item, path, ("finding", "later", "verdict", "related"))
        before = len(c.problems)
        pair = _pair(c, item, path, refs, broken)
        verdict = _verdict(c, item, path, required=False)
        related: list[tuple[str, float]] = []
        for rpath, value in c.items(item, path, "related"):
            m = _RELATED.match(value) if isinstance(value, str) else None
            if m is None:
                c.problem(rpath, f"expected a passage and its similarity, such as 'p-12 0.61', got {_show(value)}")
            elif pair is not None and m.group("at") not in _anchors(pair[1]):
                c.problem(rpath, f"expected a paragraph or finding of {item['later']}, got {_show(m.group('at'))}")
            else:
                related.append((m.group("at"), float(m.group("score"))))
        if pair is not None and len(c.problems) == before:
            out.append(FollowupRecord(c.source.file, item["finding"], item["later"], verdict, tuple(related)))
    return out


def read_review(c: Checker, item: dict, path: tuple, refs: dict[str, Document], broken: set[str]
                ) -> FollowupRecord | None:
    """An editor's verdict: an entry of data/annotations/ with `finding`, `later` and `verdict`."""
    c.unknown_keys(item, path, ("finding", "later", "verdict", "paragraphs", "text"))
    before = len(c.problems)
    pair = _pair(c, item, path, refs, broken)
    verdict = _verdict(c, item, path, required=True)
    paragraphs: list[str] = []
    for ppath, value in c.items(item, path, "paragraphs"):
        if pair is not None and (not isinstance(value, str) or value not in _anchors(pair[1])):
            c.problem(ppath, f"expected a paragraph (p-12, s-3) or finding (improvement-2) of {item['later']}, "
                             f"got {_show(value)}")
        elif isinstance(value, str):
            paragraphs.append(value)
    note: Any = c.get(item, path, "text", str, required=False) or ""
    if pair is None or verdict is None or len(c.problems) != before:
        return None
    return FollowupRecord(c.source.file, item["finding"], item["later"], verdict, (), True, tuple(paragraphs),
                          " ".join(note.split()))
