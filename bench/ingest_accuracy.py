"""How accurately `generator.ingest.meta.extract_meta` reads the real corpus.

    .venv/bin/python bench/ingest_accuracy.py [--corpus ../shared/corpus] [--workers 2]

Reads every PDF in the corpus's reports/ and focused-visits/ (PDF text with pdfium, then
`extract_meta`), compares the reports with inspections.csv and prints per-field accuracy,
framework detection counts and every mismatch.

inspections.csv is a third party's machine extraction and is sometimes wrong. Where a
mismatch was checked against the report's own text and the table was wrong, the
correction is in bench/errata.csv (documented in bench/ERRATA.md); accuracy is measured
against the corrected table, and the errata are counted apart. An erratum whose table
value no longer matches the table is reported as stale.

Exits 0 with a message when the corpus is absent (a fresh clone has none)."""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.ingest.grades import Scales  # noqa: E402
from generator.ingest.meta import Meta, extract_meta  # noqa: E402
from generator.ingest.pdftext import IngestError, pdf_pages  # noqa: E402
from generator.load.validate import load_vocabulary  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
ERRATA = Path(__file__).resolve().parent / "errata.csv"
SCALES = Scales.of(load_vocabulary(ROOT / "data").frameworks)  # the grade scales of data/frameworks.yaml

# table column -> area key(s) in the extraction (the first present is compared)
GRADE_FIELDS: dict[str, tuple[str, ...]] = {
    "overall_effectiveness_grade": ("overall-effectiveness",),
    "impact_of_leaders_grade": ("impact-of-leaders",),
    "help_and_protection_grade": ("help-and-protection",),
    # "children in care and care leavers" before the 2023 split, "children in care" after it
    "in_care_grade": ("children-in-care-and-care-leavers", "children-in-care"),
    "care_leavers_grade": ("care-leavers",),
}
NO_VALUE = {"", "data_unreadable", "inspection_pre_dates_judgement", "not_reported_post_reform"}
FIELDS = [*GRADE_FIELDS, "inspection_start_date", "inspection_end_date", "publication_date",
          "inspector_name", "inspection_framework"]


def run_one(path: Path) -> tuple[str, Meta | None, str | None, float, float]:
    """(path, metadata or None, error or None, seconds for the PDF text, seconds for extract_meta)."""
    t0 = time.perf_counter()
    try:
        pages = pdf_pages(path)
    except IngestError as exc:
        return str(path), None, str(exc), time.perf_counter() - t0, 0.0
    t1 = time.perf_counter()
    meta = extract_meta(pages, SCALES)
    return str(path), meta, None, t1 - t0, time.perf_counter() - t1


# --------------------------------------------------------------------------- normalising


def norm_grade(value: str) -> str:
    return value.strip().lower().replace(" ", "-")


def table_date(value: str) -> dt.date | None:
    for fmt in ("%d/%m/%Y", "%d/%m/%y"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            pass
    return None


_TITLES = re.compile(r"\b(?:senior |regional )?hmi\b|\b(?:her|his) majesty'?s (?:senior )?inspector\b|\b(?:mr|mrs|ms|miss|dr)\b\.?")


def norm_name(value: str | None) -> str:
    s = (value or "").lower().replace("\u2019", "'")
    s = _TITLES.sub(" ", s)
    s = re.sub(r"[^a-z' \-]", " ", s)
    return " ".join(s.split())


def extracted(meta: Meta, column: str) -> str | None:
    """The extraction's value for a table column, as the table writes it (normalised)."""
    if column in GRADE_FIELDS:
        by_key = {j.area_key: j.grade_key for j in meta.judgements}
        for key in GRADE_FIELDS[column]:
            if key in by_key:
                return by_key[key]
        return None
    if column == "inspection_start_date":
        return meta.start_date.isoformat() if meta.start_date else None
    if column == "inspection_end_date":
        return meta.end_date.isoformat() if meta.end_date else None
    if column == "publication_date":
        return meta.published.isoformat() if meta.published else None
    if column == "inspector_name":
        return norm_name(meta.lead_inspector) or None
    if column == "inspection_framework":
        return meta.variant
    raise KeyError(column)


def expected(column: str, value: str) -> str | None:
    """The table's value normalised like `extracted`, or None when there is nothing to compare."""
    value = value.strip()
    if column in GRADE_FIELDS:
        return None if value in NO_VALUE else norm_grade(value)
    if column in ("inspection_start_date", "inspection_end_date", "publication_date"):
        d = table_date(value)
        return d.isoformat() if d else None
    if column == "inspector_name":
        return norm_name(value) or None
    if column == "inspection_framework":
        return value if value in ("short", "standard") else None
    raise KeyError(column)


# --------------------------------------------------------------------------- errata


@dataclass(frozen=True)
class Erratum:
    corpus_path: str
    field: str
    table_value: str
    correct_value: str
    reason: str


def read_errata(path: Path) -> dict[tuple[str, str], Erratum]:
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8") as fh:
        return {(r["corpus_path"], r["field"]): Erratum(**r) for r in csv.DictReader(fh)}


# --------------------------------------------------------------------------- tally


@dataclass
class Tally:
    compared: int = 0
    correct: int = 0
    wrong: int = 0
    missing: int = 0  # extraction left None
    errata: int = 0  # compared against a corrected table value
    mismatches: list[tuple[str, str, str, str]] = field(default_factory=list)

    def line(self, name: str) -> str:
        pct = 100.0 * self.correct / self.compared if self.compared else 100.0
        return (f"  {name:<28} {self.correct:>4}/{self.compared:<4} {pct:6.1f} %   wrong {self.wrong:>3}"
                f"   not found {self.missing:>3}   errata {self.errata:>2}")


# Table values that say an ILACS judgement does not exist: the extraction must not have it.
# (Only for ILACS reports: a single inspection framework report has its own care leavers judgement.)
ABSENT = {
    ("care_leavers_grade", "inspection_pre_dates_judgement"): "care-leavers",
    ("overall_effectiveness_grade", "not_reported_post_reform"): "overall-effectiveness",
}


def evaluate(rows: list[dict[str, str]], metas: dict[str, Meta | None],
             errata: dict[tuple[str, str], Erratum]) -> tuple[dict[str, Tally], list[str]]:
    tallies = {f: Tally() for f in [*FIELDS, "absent judgements"]}
    stale: list[str] = []
    for row in rows:
        path = row["corpus_path"]
        meta = metas.get(path)
        for column in FIELDS:
            raw = row.get(column, "")
            err = errata.get((path, column))
            t = tallies[column]
            if err is not None:
                if err.table_value.strip() != raw.strip():
                    stale.append(f"{path} {column}: erratum says the table has {err.table_value!r}, it has {raw!r}")
                raw = err.correct_value
            absent = ABSENT.get((column, raw.strip()))
            if absent and meta is not None and meta.framework in ("ilacs", "ilacs-2026"):
                a = tallies["absent judgements"]
                a.compared += 1
                a.errata += err is not None
                if any(j.area_key == absent for j in meta.judgements):
                    a.wrong += 1
                    a.mismatches.append((path, column, raw, "a judgement on " + absent))
                else:
                    a.correct += 1
            want = expected(column, raw)
            if want is None or meta is None:
                continue
            got = extracted(meta, column)
            if column == "publication_date" and got is None:
                t.missing += 1  # most reports do not state it: counted apart, not compared
                continue
            t.compared += 1
            t.errata += err is not None
            if got == want:
                t.correct += 1
                continue
            if got is None:
                t.missing += 1
            else:
                t.wrong += 1
            t.mismatches.append((path, column, raw, "" if got is None else got))
    return tallies, stale


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--errata", type=Path, default=ERRATA)
    args = ap.parse_args(argv)
    corpus: Path = args.corpus
    if not (corpus / "inspections.csv").exists():
        print(f"no corpus at {corpus}: nothing to measure")
        return 0

    with (corpus / "inspections.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    errata = read_errata(args.errata)
    reports = sorted(corpus.glob("reports/*/*.pdf"))
    letters = sorted(corpus.glob("focused-visits/*/*.pdf"))

    t0 = time.perf_counter()
    with Pool(args.workers) as pool:
        results = pool.map(run_one, reports + letters, chunksize=4)
    elapsed = time.perf_counter() - t0

    metas: dict[str, Meta | None] = {}
    errors: dict[str, str] = {}
    cost: dict[str, list[float]] = {"reports": [0.0, 0.0, 0], "focused-visits": [0.0, 0.0, 0]}
    for p, meta, err, t_pdf, t_meta in results:
        rel = Path(p).relative_to(corpus).as_posix()
        metas[rel] = meta
        c = cost[rel.split("/")[0]]
        c[0] += t_pdf
        c[1] += t_meta
        c[2] += 1
        if err:
            errors[rel] = err

    n = len(reports) + len(letters)
    print(f"{n} documents ({len(reports)} reports, {len(letters)} letters) in {elapsed:.1f} s "
          f"with {args.workers} workers: {n / elapsed:.1f} documents/s, PDF text extraction included")
    for folder, (t_pdf, t_meta, k) in cost.items():
        if k:
            print(f"  {folder}/: {args.workers * k / (t_pdf + t_meta):.1f} documents/s on {args.workers} workers; "
                  f"per document {1000 * t_pdf / k:.1f} ms PDF text + {1000 * t_meta / k:.1f} ms extract_meta")
    summarise(rows, metas, errors, errata)
    return 0


def summarise(rows: list[dict[str, str]], metas: dict[str, Meta | None], errors: dict[str, str],
              errata: dict[tuple[str, str], Erratum]) -> None:
    """Print detection counts, accuracy, errata, warnings and mismatches."""
    for rel, err in sorted(errors.items()):
        print(f"  unreadable: {rel}: {err}")

    # framework detection
    print("\nframework detection")
    for folder in ("reports", "focused-visits"):
        c = Counter((m.kind, m.framework, m.variant) for r, m in metas.items() if r.startswith(folder + "/") and m)
        none = sum(1 for r, m in metas.items() if r.startswith(folder + "/") and m is None)
        parts = ", ".join(f"{f or 'unrecognised'}{'/' + v if v else ''} ({k}) {c[(k, f, v)]}"
                          for k, f, v in sorted(c, key=lambda x: (-c[x], str(x))))
        print(f"  {folder}/: {parts}" + (f", unreadable {none}" if none else ""))
    by_year: dict[str, Counter[str]] = defaultdict(Counter)
    for r, m in metas.items():
        if r.startswith("reports/") and m:
            by_year[Path(r).stem[:4]][m.framework or "unrecognised"] += 1
    print("  reports by publication year: " + "; ".join(
        f"{y} " + ", ".join(f"{f} {k}" for f, k in sorted(c.items())) for y, c in sorted(by_year.items())))

    tallies, stale = evaluate(rows, metas, errata)
    print("\naccuracy against inspections.csv (corrected by bench/errata.csv)")
    for column in [*FIELDS, "absent judgements"]:
        print(tallies[column].line(column))
    grades = [tallies[c] for c in GRADE_FIELDS]
    g_ok, g_n = sum(t.correct for t in grades), sum(t.compared for t in grades)
    print(f"  {'all grades':<28} {g_ok:>4}/{g_n:<4} {100.0 * g_ok / max(g_n, 1):6.1f} %")
    pub = tallies["publication_date"]
    print(f"  publication_date is compared only where the document states it; {pub.missing} reports do not")
    print("  absent judgements: where the table says a judgement did not exist yet (care leavers before 2023)"
          " or no longer (overall effectiveness from 2026), the extraction has none")
    kinds = Counter(e.field for e in errata.values())
    print(f"errata: {len(errata)} (" + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) + ")")
    for s in stale:
        print(f"  stale erratum: {s}")

    # documents whose extraction warned
    warned = Counter(w.split(":")[0] for r, m in metas.items() if m and r.startswith("reports/") for w in m.warnings)
    print("\nwarnings on reports: " + (", ".join(f"{w} {k}" for w, k in warned.most_common()) or "none"))
    warned = Counter(w.split(":")[0] for r, m in metas.items() if m and r.startswith("focused-visits/") for w in m.warnings)
    print("warnings on letters: " + (", ".join(f"{w} {k}" for w, k in warned.most_common()) or "none"))

    mismatches = [m for t in tallies.values() for m in t.mismatches]
    print(f"\nmismatches: {len(mismatches)}")
    for path, column, want, got in sorted(mismatches):
        print(f"  {path}  {column}  table={want!r}  extracted={got!r}")


if __name__ == "__main__":
    raise SystemExit(main())
