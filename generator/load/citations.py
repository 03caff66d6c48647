"""The machine's readings of the paragraphs that cite earlier inspections
(data/citations/<council>.yaml), each checked against the document and paragraph it names and
the vocabulary (frameworks, their grades, the areas later reports name)."""
from __future__ import annotations

import re

from generator.load.checker import Checker, _choices, _show
from generator.load.files import _list_source
from generator.model.records import CitationReading, Document, Framework
from generator.model.vocab import CITED_AREAS, GRADE_LABELS

_GRADE = re.compile(r"^(?P<area>[a-z-]+): (?P<grade>[a-z-]+)$")
KEYS = ("document", "paragraph", "date", "published", "framework", "could_be", "grades", "doubt", "note", "text")


def read_machine(c: Checker, refs: dict[str, Document], broken: set[str], frameworks: dict[str, Framework]
                 ) -> list[CitationReading]:
    out = []
    for path, item in _list_source(c, "citations"):
        c.unknown_keys(item, path, KEYS)
        before = len(c.problems)
        ref = c.get(item, path, "document", str)
        if ref is None or ref in broken:
            continue
        doc = refs.get(ref)
        if doc is None:
            c.problem(path + ("document",), f"expected a document on record ({_choices(sorted(refs))}), got {_show(ref)}")
            continue
        anchor = c.get(item, path, "paragraph", str)
        if anchor is not None and doc.block(anchor) is None:
            c.problem(path + ("paragraph",), f"expected a paragraph of {ref} (p-N or s-K), got {_show(anchor)}")
        date = c.date(item, path, "date", partial=True)
        if date is not None and (date.year < 2005 or date.as_date() > doc.start_date.as_date()):
            c.problem(path + ("date",), f"expected a date from 2005 to the citing document's own ({doc.start_date.iso}), "
                                        f"got {date.iso}")
            date = None
        framework = c.choice(item, path, "framework", sorted(frameworks), required=False, fuzzy=False)
        candidates = []
        for cpath, key in c.items(item, path, "could_be"):
            if key not in frameworks:
                c.problem(cpath, f"expected a framework key ({_choices(sorted(frameworks))}), got {_show(key)}")
            else:
                candidates.append(key)
        if framework is None and not candidates and "framework" not in item:
            c.problem(path, "expected key 'framework' or 'could_be', got neither")
        grades = []
        for gpath, g in c.items(item, path, "grades"):
            m = _GRADE.match(g) if isinstance(g, str) else None
            if m is None or m.group("area") not in CITED_AREAS or m.group("grade") not in GRADE_LABELS:
                c.problem(gpath, f"expected '<area>: <grade>' with an area of {_choices(list(CITED_AREAS))} and a grade of "
                                 f"{_choices(list(GRADE_LABELS))}, got {_show(g)}")
                continue
            fw = frameworks.get(framework or "")
            if fw is not None and fw.grade(m.group("grade")) is None:
                c.problem(gpath, f"expected a grade of {fw.key} ({_choices([g.key for g in fw.scale])}), got {_show(g)}")
                continue
            grades.append((m.group("area"), m.group("grade")))
        text = c.get(item, path, "text", str)
        doubt = c.get(item, path, "doubt", str, required=False) or ""
        published = c.get(item, path, "published", bool, required=False) or False
        if len(c.problems) == before and anchor and date and text:
            out.append(CitationReading(c.source.file, ref, anchor, date, framework, tuple(candidates), tuple(grades),
                                       " ".join(text.split()), doubt, published))
    return out
