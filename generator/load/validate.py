"""Read every data file, check it, and build the typed Dataset; collect every problem first."""
from __future__ import annotations

from pathlib import Path

from generator.load import bodytext
from generator.load.checker import KINDS, Checker, Problem, ValidationFailed
from generator.load.citations import read_machine as read_citations
from generator.load.followups import read_machine
from generator.load.files import _load, _load_text, _record_files, _stray_files
from generator.load.records import _guess_refs, _read_annotations, _read_cited, _read_document
from generator.load.vocabulary import _read_authorities, _read_frameworks, _read_themes, _read_unreadable
from generator.model.dates import PartialDate
from generator.model.records import (
    Annotation,
    CitationReading,
    Citation,
    CitedInspection,
    Dataset,
    Document,
    FollowupRecord,
    Unreadable,
)


def load_vocabulary(data_dir: Path) -> Dataset:
    """Frameworks, themes and authorities only (no records): what a draft is checked against."""
    problems: list[Problem] = []
    frameworks = _read_frameworks(data_dir, problems)
    themes = _read_themes(data_dir, problems)
    authorities = _read_authorities(data_dir, problems)
    if problems:
        raise ValidationFailed(problems)
    return Dataset(tuple(authorities), tuple(frameworks), tuple(themes), (), ())


def load_dataset(data_dir: Path, followups: bool = True, citations: bool = True) -> Dataset:
    """Read and check everything under `data_dir`; raise ValidationFailed with every problem.
    `followups=False` leaves out the machine's follow-ups (data/followups/), `citations=False` its
    readings of cited inspections (data/citations/), for the commands that make them anew from
    the records."""
    problems: list[Problem] = []
    root = data_dir

    frameworks = _read_frameworks(root, problems)
    themes = _read_themes(root, problems)
    authorities = _read_authorities(root, problems)
    if problems:
        # Every record is checked against these files: with a problem in one of them (a council's
        # slug, a framework's key), records would only repeat it, so stop at the file itself.
        raise ValidationFailed(problems)
    fw_by_key = {f.key: f for f in frameworks}
    theme_slugs = tuple(t.slug for t in themes)
    auth_by_code = {a.ons_code: a for a in authorities}

    documents: list[Document] = []
    named: dict[str, str] = {}  # document file → the ref its file name gives, if it follows the naming rule
    broken: set[str] = set()  # refs of documents with problems: references to them are not reported again
    _stray_files(root, problems)
    record_paths = _record_files(root / "reports", root, problems)
    for path in record_paths:
        source = _load(path, root, problems)
        text_path = path.with_suffix(bodytext.SUFFIX)
        body_source = _load_text(text_path, root, problems) if text_path.exists() else None
        if text_path.exists() and body_source is None:
            source = None  # its problem is reported; the record cannot be read without its text
        doc = _read_document(Checker(source, problems), fw_by_key, theme_slugs, auth_by_code, body_source) if source else None
        if doc is not None:
            documents.append(doc)
            named[doc.file] = next(iter(_guess_refs(path, root, None, auth_by_code)), "")
        else:
            broken.update(_guess_refs(path, root, source, auth_by_code))
    by_ref: dict[str, list[Document]] = {}
    for doc in documents:
        by_ref.setdefault(doc.ref(auth_by_code[doc.authority].slug), []).append(doc)
    refs: dict[str, Document] = {}
    for ref, docs in by_ref.items():
        # The record whose file name matches its content is the real one; report the others.
        first = next((d for d in docs if named[d.file] == ref), docs[0])
        refs[ref] = first
        for doc in docs:
            if doc is not first:
                name = f", though this file's name is for {named[doc.file]}" if named[doc.file] else ""
                problems.append(Problem(doc.file, 1, "", "expected one record per document (named by its authority, start_date, "
                                                         f"framework and kind), got a second record for {ref} (first in {first.file}){name}"))

    cited: list[CitedInspection] = []
    checked: list[Citation] = []
    for path in sorted((root / "cited").glob("*.yaml")):
        source = _load(path, root, problems)
        if source is not None:
            found, read = _read_cited(Checker(source, problems), fw_by_key, auth_by_code, refs, broken)
            cited.extend(found)
            checked.extend(read)
    readings: list[CitationReading] = []
    for path in sorted((root / "citations").glob("*.yaml")) if citations else ():
        source = _load(path, root, problems)
        if source is not None:
            readings.extend(read_citations(Checker(source, problems), refs, broken, fw_by_key))
    annotations: list[Annotation] = []
    followup_records: list[FollowupRecord] = []
    for path in sorted((root / "annotations").glob("*.yaml")):
        source = _load(path, root, problems)
        if source is not None:
            notes, reviews = _read_annotations(Checker(source, problems), refs, broken)
            annotations.extend(notes)
            followup_records.extend(reviews)
    for path in sorted((root / "followups").glob("*.yaml")) if followups else ():
        source = _load(path, root, problems)
        if source is not None:
            followup_records.extend(read_machine(Checker(source, problems), refs, broken))

    unreadable: list[Unreadable] = []
    if (root / "unreadable.yaml").exists():
        source = _load(root / "unreadable.yaml", root, problems)
        if source is not None:
            unreadable = _read_unreadable(Checker(source, problems), auth_by_code)

    if problems:
        raise ValidationFailed(problems)
    documents.sort(key=lambda d: (d.authority, d.start_date, d.framework, KINDS.index(d.kind)))
    cited.sort(key=lambda c: (c.authority, c.start_date, c.framework))
    return Dataset(tuple(authorities), tuple(frameworks), tuple(themes), tuple(documents), tuple(cited), tuple(annotations),
                   tuple(sorted(unreadable, key=lambda u: (u.authority, u.published or PartialDate(0), u.file))),
                   tuple(sorted(followup_records, key=lambda f: (f.finding, f.later, not f.reviewed))),
                   tuple(readings), tuple(checked))
