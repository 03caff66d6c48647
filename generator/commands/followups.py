"""`python -m generator followups` (run by `make ingest` and `make add-report`): the machine's
reading of what later documents say of each finding, written to data/followups/<council>.yaml.
These files are machine-made and rewritten whole; an editor's verdict goes in
data/annotations/<council>.yaml, which this never touches."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from generator.ingest.followups import Suggestion, suggest
from generator.ingest.yamlout import dump
from generator.load.validate import load_dataset
from generator.model.records import Dataset

FOLDER = "followups"
HEADER = ("# Made by `make ingest` (python -m generator followups) from the records: for each area for improvement\n"
          "# or priority action, the passages of each later Ofsted report or letter that may speak of it, with their\n"
          "# similarity (0 to 1). Machine-made and rewritten whole: do not edit. To give a verdict, add an entry\n"
          "# to data/annotations/{slug}.yaml (see data/README.md).\n")


def entries(suggestions: list[Suggestion]) -> list[dict]:
    return [{"finding": s.finding, "later": s.later,
             **({"verdict": s.verdict} if s.verdict else {}),
             "related": [f"{p.at} {p.score:.2f}" for p in s.passages]} for s in suggestions]


def council_files(ds: Dataset, only: set[str] | None = None) -> dict[str, str]:
    """Council slug → the text of its data/followups file (councils with no pair have none)."""
    slugs = {a.ons_code: a.slug for a in ds.authorities}
    ref_of = {d.file: d.ref(slugs[d.authority]) for d in ds.documents}
    by_council: dict[str, list] = {}
    for d in ds.documents:
        by_council.setdefault(slugs[d.authority], []).append(d)
    out = {}
    for slug in sorted(by_council):
        if only is not None and slug not in only:
            continue
        found = suggest(by_council[slug], ref_of)
        if found:
            out[slug] = HEADER.format(slug=slug) + dump(entries(found))
    return out


def write(data_dir: Path, ds: Dataset, only: set[str] | None = None) -> tuple[list[str], list[str]]:
    """Write the files that changed; remove those of councils that no longer have any pair.
    Returns (written, removed), paths relative to data/."""
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
    ds = load_dataset(data_dir, followups=False)
    written, removed = write(data_dir, ds, only)
    print(f"followups: {len(written)} files written, {len(removed)} removed ({time.perf_counter() - t:.0f} s)",
          file=sys.stderr)
    return 0
