"""`python -m generator citations` (run by `make ingest`): the machine's reading of the earlier
inspections each document cites, written to data/citations/<council>.yaml, one entry per
paragraph and inspection it names, read from the records' text (generator.ingest.citations).

These files are machine-made and rewritten whole. A person reviews a paragraph in
data/cited/<council>.yaml (an inspection that cites it, or `checked:` for a paragraph that
cites nothing); that takes the machine's place for the paragraph, and this command never
touches it."""
from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from generator.ingest.citations import cited_in, names_pattern
from generator.ingest.grades import Scales
from generator.ingest.yamlout import dump
from generator.load.validate import load_dataset
from generator.model.records import Authority, Dataset

FOLDER = "citations"
HEADER = ("# Made by `make ingest` (python -m generator citations) from the records' text: each earlier inspection\n"
          "# a paragraph cites, with the date, framework and grades the paragraph gives it (`doubt`: why it is not\n"
          "# shown as fact). Machine-made and rewritten whole: do not edit. To correct a reading, add the\n"
          "# inspection to data/cited/{slug}.yaml citing the paragraph, or `checked:` the paragraph if it cites\n"
          "# nothing (see data/README.md): a person's reading of a paragraph takes the machine's place.\n")


def elsewhere(a: Authority, authorities: tuple[Authority, ...]):
    """A pattern of the names of every council but `a`, its predecessors and its successors
    (and names inside its own: "Northamptonshire" of "North Northamptonshire"): an inspection
    one of them names is another council's."""
    kin = {a.ons_code} | set(a.formed.predecessors if a.formed else ())
    kin |= {x.ons_code for x in authorities if x.formed and a.ons_code in x.formed.predecessors}
    own = " ".join(n for x in authorities if x.ons_code in kin for n in (x.name, x.short_name))
    return names_pattern([n for x in authorities if x.ons_code not in kin for n in (x.name, x.short_name)
                          if n not in own])


def entries(ds: Dataset, slug: str, docs: list) -> list[dict[str, Any]]:
    scales = Scales.of(ds.frameworks)
    a = next(x for x in ds.authorities if x.slug == slug)
    others = elsewhere(a, ds.authorities)
    out: list[dict[str, Any]] = []
    for d in docs:
        ref = d.ref(slug)
        for b in d.body:
            if b.is_heading:
                continue
            for c in cited_in(b.text, b.anchor, scales, d.start_date.as_date(), others):
                entry: dict[str, Any] = {"document": ref, "paragraph": b.anchor,
                                         "date": f"{c.year:04d}" + (f"-{c.month:02d}" if c.month else "")}
                if c.published:
                    entry["published"] = True
                if c.framework:
                    entry["framework"] = c.framework
                else:
                    entry["could_be"] = list(c.candidates)
                if c.grades:
                    entry["grades"] = [f"{area}: {grade}" for area, grade in c.grades]
                if c.doubt:
                    entry["doubt"] = c.doubt
                if c.note:
                    entry["note"] = c.note
                entry["text"] = c.text
                out.append(entry)
    return out


def council_files(ds: Dataset, only: set[str] | None = None) -> dict[str, str]:
    """Council slug → the text of its data/citations file (councils whose documents cite nothing have none)."""
    slugs = {a.ons_code: a.slug for a in ds.authorities}
    by_council: dict[str, list] = {}
    for d in ds.documents:
        by_council.setdefault(slugs[d.authority], []).append(d)
    out = {}
    for slug in sorted(by_council):
        if only is not None and slug not in only:
            continue
        docs = sorted(by_council[slug], key=lambda d: (d.start_date, d.ref(slug)))
        found = entries(ds, slug, docs)
        if found:
            out[slug] = HEADER.format(slug=slug) + dump(found)
    return out


def write(data_dir: Path, ds: Dataset, only: set[str] | None = None) -> tuple[list[str], list[str]]:
    """Write the files that changed; remove those of councils whose documents no longer cite
    anything. Returns (written, removed), paths relative to data/."""
    folder = data_dir / FOLDER
    folder.mkdir(exist_ok=True)
    files = council_files(ds, only)
    written, removed = [], []
    for slug, text in files.items():
        path = folder / f"{slug}.yaml"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
            written.append(f"{FOLDER}/{path.name}")
    for path in sorted(folder.glob("*.yaml")):
        if path.stem not in files and (only is None or path.stem in only):
            path.unlink()
            removed.append(f"{FOLDER}/{path.name}")
    return written, removed


def run(data_dir: Path, only: set[str] | None = None) -> int:
    t = time.perf_counter()
    ds = load_dataset(data_dir, followups=False, citations=False)
    written, removed = write(data_dir, ds, only)
    print(f"citations: {len(written)} files written, {len(removed)} removed ({time.perf_counter() - t:.0f} s)",
          file=sys.stderr)
    return 0
