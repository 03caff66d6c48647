"""The national dataset: the curated records plus every report and letter in a sources
folder (such as ../shared/corpus), ingested as machine drafts and merged.

Curated records win: a draft of a document that a curated record already describes only
fills the curated record's empty fields (publication date, source address)."""
from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

from generator import urls
from generator.ingest.authorities import CorpusAuthority, read_authorities_csv
from generator.ingest.batch import failure_summary, find_inputs, ingest_many
from generator.ingest.pipeline import Cache
from generator.model import Authority, Dataset, Document
from generator.validate import document_from_record, load_dataset

FILL_FIELDS = ("published", "document_date", "source_url", "inspector", "legal_basis")


def display_name(ons_name: str) -> str:
    """"Kingston Upon Hull, City of" → "Kingston upon Hull"; "Bristol, City of" → "Bristol"."""
    name = re.sub(r",\s*(City|County) of$", "", ons_name).strip()
    return name.replace(" Upon ", " upon ")


def authorities_from_csv(rows: list[CorpusAuthority], curated: tuple[Authority, ...]) -> tuple[Authority, ...]:
    by_code = {a.ons_code: a for a in curated}
    csv_neighbours = {r.ons_code: r.neighbours for r in rows}
    out = [a if a.neighbours else dataclasses.replace(a, neighbours=csv_neighbours.get(a.ons_code, ())) for a in curated]
    slugs = {a.slug for a in curated}
    for r in rows:
        if r.ons_code in by_code:
            continue
        name = display_name(r.name)
        slug = urls.slug(name)
        if slug in slugs:
            slug = f"{slug}-{r.ons_code.lower()}"
        slugs.add(slug)
        out.append(Authority(r.ons_code, slug, name, name, r.type, r.region, r.urn or None, None, r.neighbours))
    return tuple(out)


def _same_document(a: Document, b: Document) -> bool:
    return (a.authority == b.authority and a.framework == b.framework and a.kind == b.kind
            and abs((a.start_date.as_date() - b.start_date.as_date()).days) <= 7)


def merge(curated: tuple[Document, ...], drafts: list[Document]) -> tuple[list[Document], list[str]]:
    """Curated documents, filled from matching drafts, plus the drafts no curated record covers."""
    notes: list[str] = []
    merged = list(curated)
    for d in drafts:
        k = next((i for i, c in enumerate(merged) if _same_document(c, d)), None)
        if k is None:
            merged.append(d)
            continue
        c = merged[k]
        if not c.file.startswith("data/"):
            notes.append(f"{d.file}: not placed: the same document as {c.file}, which is on the site")
            continue
        fill = {f: getattr(d, f) for f in FILL_FIELDS if getattr(c, f) is None and getattr(d, f) is not None}
        if fill:
            merged[k] = dataclasses.replace(c, **fill)
        notes.append(f"{d.file}: described by the curated record {c.file}; the curated record wins")
    return merged, notes


def national_dataset(project: Path, sources: Path, cache_dir: Path | None, progress: bool = True) -> tuple[Dataset, list[str]]:
    """Curated data plus ingested sources; returns the dataset and the problems met on the way
    (damaged files, drafts that could not be placed), which do not stop the build."""
    curated = load_dataset(project / "data")
    csv = sources / "authorities.csv"
    authorities = authorities_from_csv(read_authorities_csv(csv), curated.authorities) if csv.exists() else curated.authorities
    base = dataclasses.replace(curated, authorities=authorities)
    inputs = [p for p in find_inputs([sources]) if p.suffix.lower() == ".pdf"]
    results = ingest_many(inputs, project / "data", csv if csv.exists() else None, Cache(cache_dir), progress=progress)
    problems = failure_summary(results)
    drafts: list[Document] = []
    for res in results:
        if "error" in res:
            continue
        rel = _display_path(Path(res["source"]), sources)
        if res["record"].get("authority") is None:
            problems.append(f"{rel}: not placed: the council it names ({res['authority']['name']!r}) is not in authorities.csv")
            continue
        doc, doc_problems = document_from_record(res["record"], rel, base)
        if doc is None:
            first = doc_problems[0] if doc_problems else None
            problems.append(f"{rel}: not placed: {first.path + ': ' if first and first.path else ''}{first.message if first else 'invalid draft'}")
            continue
        drafts.append(doc)
    documents, notes = merge(curated.documents, drafts)
    # A second file of a document already on the site is a file not on the site: say so.
    problems += [n for n in notes if ": not placed: " in n]
    documents.sort(key=lambda d: (d.authority, d.start_date, d.framework, d.kind, d.file))
    return dataclasses.replace(base, documents=tuple(documents)), problems


def _display_path(path: Path, sources: Path) -> str:
    try:
        return f"{sources.name}/{path.relative_to(sources).as_posix()}"
    except ValueError:
        return path.as_posix()


def print_summary(problems: list[str], total: int) -> None:
    if not problems:
        return
    print(f"{len(problems)} source file(s) not on the site:", file=sys.stderr)
    for p in problems[:50]:
        print(f"  {p}", file=sys.stderr)
    if len(problems) > 50:
        print(f"  … and {len(problems) - 50} more", file=sys.stderr)
