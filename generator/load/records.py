"""Document records, cited inspections and annotations, checked value by value."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.load import bodytext
from generator.load.checker import (
    AUTHORITY,
    FINDING_LISTS,
    FRAMEWORK,
    KINDS,
    LONGEST_INSPECTION,
    PUBLISHED_WITHIN,
    TIMESCALES,
    Checker,
    Problem,
    _choices,
    _did_you_mean,
    _kind_of,
    _show,
    _url,
)
from generator.load.files import _list_source
from generator.load.followups import read_review
from generator.load.sources import Source
from generator.load.vocabulary import _authority_aliases
from generator.model.records import (
    Annotation,
    FollowupRecord,
    Authority,
    Block,
    Citation,
    CitedInspection,
    Dataset,
    Document,
    Finding,
    Framework,
    Judgement,
)


def _read_themes_list(c: Checker, obj: dict, path: tuple, theme_slugs: tuple[str, ...]) -> tuple[str, ...]:
    out = []
    for tpath, slug in c.items(obj, path, "themes"):
        if slug not in theme_slugs:
            c.problem(tpath, f"expected a theme from data/themes.yaml ({_choices(theme_slugs)}), got {_show(slug)}{_did_you_mean(slug, theme_slugs)}")
        elif slug not in out:
            out.append(slug)
    return tuple(out)


def _grade_elsewhere(grade_key: str, fw: Framework, frameworks: dict[str, Framework]) -> str:
    """For a grade of another framework ("adequate" in an ILACS record): which frameworks have it,
    since either the grade or the record's framework is wrong."""
    others = [f.key for f in frameworks.values() if f.key != fw.key and f.grade(grade_key) is not None]
    if not others:
        return ""
    listed = others[0] if len(others) == 1 else f"{', '.join(others[:-1])} and {others[-1]}"
    return f" ({grade_key} is a grade of {listed}: is the framework right?)"


def _read_judgements(c: Checker, obj: dict, path: tuple, fw: Framework | None,
                     frameworks: dict[str, Framework] | None = None) -> tuple[Judgement, ...]:
    out = []
    for jpath, j in c.items(obj, path, "judgements"):
        if not isinstance(j, dict):
            c.problem(jpath, f"expected a mapping (area, area_key, grade, grade_key, rank), got {_show(j)}")
            continue
        c.unknown_keys(j, jpath, ("area", "area_key", "grade", "grade_key", "rank"))
        area, grade = c.get(j, jpath, "area", str), c.get(j, jpath, "grade", str)
        area_key = c.get(j, jpath, "area_key", str)
        grade_key, rank = c.get(j, jpath, "grade_key", str), c.get(j, jpath, "rank", int)
        if fw is None:
            continue
        if not fw.graded:
            c.problem(jpath, f"expected no judgements: {fw.key} is ungraded, got a judgement")
            continue
        if area_key is not None and area_key not in [a.key for a in fw.areas]:
            keys = [a.key for a in fw.areas]
            c.problem(jpath + ("area_key",), f"expected an area key of {fw.key} from data/frameworks.yaml ({_choices(keys)}), "
                                             f"got {_show(area_key)}{_did_you_mean(area_key, keys)}")
            area_key = None
        scale = fw.grade(grade_key) if grade_key else None
        if grade_key is not None and scale is None:
            keys = [g.key for g in fw.scale]
            c.problem(jpath + ("grade_key",), f"expected a grade key of {fw.key} from data/frameworks.yaml ({_choices(keys)}), "
                                              f"got {_show(grade_key)}{_did_you_mean(grade_key, keys, fuzzy=False)}"
                                              f"{_grade_elsewhere(grade_key, fw, frameworks or {})}")
        if grade is not None and scale is not None:
            written = " ".join(grade.split()).lower()
            if written not in [w.lower() for w in scale.words]:
                c.problem(jpath + ("grade",), f"expected the grade as {fw.key} reports write {scale.key} ({', '.join(scale.words)}), got {_show(grade)}")
                scale = None
        if grade is not None and grade_key is None:
            known = [w for g in fw.scale for w in g.words]
            c.problem(jpath + ("grade",), f"expected one of {_choices(known)}, got {_show(grade)}")
        if scale is not None and rank is not None and rank != scale.rank:
            c.problem(jpath + ("rank",), f"expected {scale.rank} (the rank of {scale.key}), got {rank}")
        elif scale is not None and area and area_key and grade and rank is not None:
            out.append(Judgement(area, area_key, grade, scale.key, rank))
    return tuple(out)


def _read_body(c: Checker, obj: dict, theme_slugs: tuple[str, ...]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    numbers: dict[int, tuple] = {}
    unnumbered = 0
    for bpath, entry in c.items(obj, (), "body", required=True):
        if not isinstance(entry, dict):
            c.problem(bpath, f"expected a heading or a paragraph (a mapping), got {_show(entry)}")
            continue
        if "heading" in entry:
            c.unknown_keys(entry, bpath, ("heading", "level"))
            text = c.get(entry, bpath, "heading", str)
            level = c.get(entry, bpath, "level", int, required=False) or 2
            if level not in (2, 3, 4):
                c.problem(bpath + ("level",), f"expected 2, 3 or 4, got {level}")
            if text:
                blocks.append(Block("", " ".join(text.split()), (), None, level))
            continue
        c.unknown_keys(entry, bpath, ("number", "text", "themes"))
        text = c.get(entry, bpath, "text", str)
        number = c.get(entry, bpath, "number", int, required=False)
        themes = _read_themes_list(c, entry, bpath, theme_slugs)
        if number is not None:
            if number < 1:
                c.problem(bpath + ("number",), f"expected a paragraph number of 1 or more, got {number}")
            elif number in numbers:
                c.problem(bpath + ("number",), f"expected each paragraph number once, got {number} again (first at line {c.source.line(numbers[number])})")
            numbers[number] = bpath
            anchor = f"p-{number}"
        else:
            unnumbered += 1
            anchor = f"s-{unnumbered}"
        if text:
            blocks.append(Block(anchor, text.strip(), themes, number))
    return tuple(blocks)


def _anchor(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return f"p-{value}"
    if isinstance(value, str) and re.fullmatch(r"s-\d+|p-\d+", value):
        return value
    if isinstance(value, str) and value.isdigit():
        return f"p-{value}"
    return None


def _paragraph_ref(c: Checker, obj: dict, path: tuple, body: tuple[Block, ...], required: bool = False) -> str | None:
    if not isinstance(obj, dict) or obj.get("paragraph") is None:
        if required:
            c.problem(path, "expected key 'paragraph' (a paragraph number or s-K), got nothing")
        return None
    anchor = _anchor(obj["paragraph"])
    if anchor is None:
        c.problem(path + ("paragraph",), f"expected a paragraph number or s-K, got {_show(obj['paragraph'])}")
        return None
    if not any(b.anchor == anchor for b in body):
        last = max((b.number for b in body if b.number), default=0)
        c.problem(path + ("paragraph",), f"expected a paragraph of this document (numbered 1 to {last}, or s-K), got {_show(obj['paragraph'])}")
        return None
    return anchor


def _read_machine(c: Checker, data: dict) -> None:
    """`machine`: what ingest wrote (the source file's hash and the record's own checksum)."""
    if "machine" not in data:
        return
    machine = c.get(data, (), "machine", dict, what="a mapping of source_sha256 and checksum")
    if machine is None:
        return
    c.unknown_keys(machine, ("machine",), ("source_sha256", "checksum"))
    for key in ("source_sha256", "checksum"):
        value = c.get(machine, ("machine",), key, str, what="64 hexadecimal digits, as ingest writes them")
        if value is not None and not re.fullmatch(r"[0-9a-f]{64}", value):
            c.problem(("machine", key), f"expected 64 hexadecimal digits, as ingest writes them, got {_show(value)}")


def _read_document(c: Checker, frameworks: dict[str, Framework], theme_slugs: tuple[str, ...],
                   authorities: dict[str, Authority], body_source: Source | None = None) -> Document | None:
    data = c.source.data
    if not isinstance(data, dict):
        c.problem((), f"expected a document record (a mapping of keys such as authority, framework, title, body), got {_kind_of(data)}")
        return None
    known = ("authority", "framework", "kind", "title", "start_date", "end_date", "published", "document_date",
             "inspector", "legal_basis", "source", "reviewed", "judgements", "improvements", "priority_actions",
             "strengths", "development_areas", "body", "machine")
    c.unknown_keys(data, (), known)
    before = len(c.problems)
    # The aliases only serve a message about a wrong authority: made only then.
    aliases = _authority_aliases(authorities) if data.get("authority") not in authorities else None
    authority = c.choice(data, (), "authority", sorted(authorities), what=AUTHORITY, aliases=aliases)
    fw_key = c.choice(data, (), "framework", sorted(frameworks), what=FRAMEWORK, fuzzy=False)
    fw = frameworks.get(fw_key) if fw_key else None
    kind = c.choice(data, (), "kind", KINDS)
    title = c.name(data, (), "title")
    start = c.plausible((), "start_date", c.date(data, (), "start_date"))
    end = c.plausible((), "end_date", c.date(data, (), "end_date"), start, "start_date", LONGEST_INSPECTION, "a year")
    published = c.plausible((), "published", c.date(data, (), "published", required=False), start, "start_date",
                            PUBLISHED_WITHIN, "two years")
    document_date = c.plausible((), "document_date", c.date(data, (), "document_date", required=False), start,
                                "start_date", PUBLISHED_WITHIN, "two years")
    source = c.get(data, (), "source", dict) or {}
    c.unknown_keys(source, ("source",), ("file", "url"))
    url = _url(c, source, ("source",))
    reviewed = c.get(data, (), "reviewed", bool)
    _read_machine(c, data)
    if body_source is None:
        if "body" not in data:
            c.problem((), f"expected key 'body' (the document's text), or the text in "
                          f"{Path(c.source.file).with_suffix(bodytext.SUFFIX).name} beside this record, got neither")
            body: tuple[Block, ...] = ()
        else:
            body = _read_body(c, data, theme_slugs)
            if not any(not b.is_heading for b in body):
                c.problem(("body",), "expected the document's text (at least one paragraph), got none")
    else:
        if "body" in data:
            c.problem(("body",), f"expected the text in one place, got a body here and the text file {body_source.file}")
        tc = Checker(body_source, c.problems)
        body = _read_body(tc, body_source.data, theme_slugs)
        if not any(not b.is_heading for b in body):
            tc.problem((), "expected the document's text (at least one paragraph), got none")
    judgements = _read_judgements(c, data, (), fw, frameworks)
    seen_areas: dict[str, int] = {}
    for i, j in enumerate(judgements):
        if j.area_key in seen_areas:
            c.problem(("judgements", i, "area_key"), f"expected each area judged once, got {j.area_key} again")
        seen_areas[j.area_key] = i
    findings: list[Finding] = []
    for key, fkind in FINDING_LISTS:
        for fpath, f in c.items(data, (), key):
            if not isinstance(f, dict):
                c.problem(fpath, f"expected a mapping with text and themes, got {_show(f)}")
                continue
            allowed = ("text", "themes", "paragraph") + (("timescale",) if key == "improvements" else ())
            c.unknown_keys(f, fpath, allowed)
            text = c.get(f, fpath, "text", str)
            timescale = c.choice(f, fpath, "timescale", TIMESCALES) if key == "improvements" else None
            themes = _read_themes_list(c, f, fpath, theme_slugs)
            para = _paragraph_ref(c, f, fpath, body)
            if text:
                findings.append(Finding(fkind, " ".join(text.split()), themes, timescale, para))
    if len(c.problems) > before or not (authority and fw and kind and title and start and end and reviewed is not None):
        return None
    return Document(c.source.file, authority, fw.key, kind, " ".join(title.split()), start, end, published, document_date,
                    c.get(data, (), "inspector", str, False), c.get(data, (), "legal_basis", str, False),
                    c.get(source, ("source",), "file", str, False), url, reviewed, judgements, tuple(findings), body)


def _guess_refs(path: Path, root: Path, source: Source | None, authorities: dict[str, Authority]) -> set[str]:
    """The refs a broken document record was probably meant to have (from its file name and data)."""
    out = set()
    rel = path.relative_to(root / "reports").as_posix()
    if rel.count("/") == 1 and rel.count(".") == 2:
        slug, rest = rel.split("/")
        iid, kind, _ = rest.split(".")
        out.add(f"{slug}/{iid}/{kind}")
    data = source.data if source is not None else None
    if isinstance(data, dict):
        a = authorities.get(str(data.get("authority")))
        if a is not None:
            out.add(f"{a.slug}/{data.get('start_date')}-{data.get('framework')}/{data.get('kind')}")
    return out


def _split_ref(c: Checker, path: tuple, ref: Any, refs: dict[str, Document], broken: set[str]) -> Document | None:
    if isinstance(ref, str) and ref in broken:
        return None  # the document itself has problems, already reported
    if not isinstance(ref, str) or ref not in refs:
        c.problem(path, f"expected a document as <authority-slug>/<inspection-id>/<kind> ({_choices(sorted(refs))}), got {_show(ref)}")
        return None
    return refs[ref]


def _read_cited(c: Checker, frameworks: dict[str, Framework], authorities: dict[str, Authority],
                refs: dict[str, Document], broken: set[str]) -> tuple[list[CitedInspection], list[Citation]]:
    """The inspections people have recorded from the documents that cite them, and the
    paragraphs they have read for citations (`checked:`, with an optional `note`), whose
    machine readings their entries replace."""
    out = []
    checked = []
    for path, item in _list_source(c, "cited inspections"):
        if "checked" in item:
            c.unknown_keys(item, path, ("checked", "note"))
            value = c.get(item, path, "checked", str)
            c.get(item, path, "note", str, required=False)
            if value is None:
                continue
            ref, _, anchor = value.partition("#")
            if ref in broken:
                continue
            doc = _split_ref(c, path + ("checked",), ref, refs, broken)
            if doc is not None and doc.block(anchor) is None:
                c.problem(path + ("checked",), f"expected a paragraph of {ref} as <document>#<p-N or s-K>, got {_show(value)}")
            elif doc is not None:
                checked.append(Citation(ref, anchor))
            continue
        c.unknown_keys(item, path, ("authority", "framework", "start_date", "end_date", "title", "summary", "judgements", "cited_by"))
        before = len(c.problems)
        authority = c.choice(item, path, "authority", sorted(authorities), what=AUTHORITY, aliases=_authority_aliases(authorities))
        fw_key = c.choice(item, path, "framework", sorted(frameworks), what=FRAMEWORK, fuzzy=False)
        start = c.plausible(path, "start_date", c.date(item, path, "start_date", partial=True))
        end = c.plausible(path, "end_date", c.date(item, path, "end_date", required=False, partial=True), start,
                          "start_date", LONGEST_INSPECTION, "a year")
        title = c.name(item, path, "title")
        summary = c.get(item, path, "summary", str, required=False) or ""
        judgements = _read_judgements(c, item, path, frameworks.get(fw_key or ""), frameworks)
        citations = []
        for cpath, cit in c.items(item, path, "cited_by", required=True):
            doc = _split_ref(c, cpath + ("document",), cit.get("document") if isinstance(cit, dict) else None, refs, broken)
            if doc is not None:
                para = _paragraph_ref(c, cit, cpath, doc.body, required=True)
                if para:
                    citations.append(Citation(cit["document"], para))
        if len(c.problems) == before and authority and fw_key and start and title:
            out.append(CitedInspection(c.source.file, authority, fw_key, start, end, " ".join(title.split()),
                                       " ".join(summary.split()), judgements, tuple(citations)))
            checked.extend(citations)
    return out, checked


def _read_annotations(c: Checker, refs: dict[str, Document], broken: set[str]
                      ) -> tuple[list[Annotation], list[FollowupRecord]]:
    """Editors' notes on documents and paragraphs, and their verdicts on follow-ups (entries with `finding`)."""
    out, reviews = [], []
    for path, item in _list_source(c, "annotations"):
        if isinstance(item, dict) and "finding" in item:
            review = read_review(c, item, path, refs, broken)
            if review is not None:
                reviews.append(review)
            continue
        c.unknown_keys(item, path, ("document", "paragraph", "text"))
        doc = _split_ref(c, path + ("document",), item.get("document"), refs, broken)
        text = c.get(item, path, "text", str)
        para = _paragraph_ref(c, item, path, doc.body) if doc is not None else None
        if doc is not None and text and (para or item.get("paragraph") is None):
            out.append(Annotation(c.source.file, item["document"], para, text.strip()))
    return out, reviews


def document_from_record(data: dict[str, Any], file: str, ds: Dataset) -> tuple[Document | None, list[Problem]]:
    """Check a record that did not come from a YAML file (a machine draft) against the same
    rules, with the authorities, frameworks and themes of `ds`."""
    problems: list[Problem] = []
    source = Source(file=file, data=data, lines={})
    doc = _read_document(Checker(source, problems), {f.key: f for f in ds.frameworks},
                         tuple(t.slug for t in ds.themes), {a.ons_code: a for a in ds.authorities})
    return doc, problems
