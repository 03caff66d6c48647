"""Cold ingest throughput over the whole corpus: the full pipeline (PDF text, metadata, body,
findings, draft record) with no cache, on 2 worker processes.

    .venv/bin/python bench/ingest_throughput.py [--corpus ../shared/corpus] [--runs 3]

Prints documents per second for each run and the median, and the share of time in PDF text
extraction alone (measured on one core over a sample) for comparison."""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.ingest.batch import find_inputs, ingest_many
from generator.ingest.cache import Cache
from generator.ingest.draft import Failure
from generator.ingest.pdftext import IngestError, pdf_pages

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    if not (args.corpus / "reports").exists():
        print(f"no corpus at {args.corpus}: nothing to measure")
        return 0
    pdfs = [p for p in find_inputs([args.corpus]) if p.suffix.lower() == ".pdf"]
    rates = []
    for run in range(args.runs):
        t = time.perf_counter()
        results = ingest_many(pdfs, ROOT / "data", args.corpus / "authorities.csv", Cache(None),
                              workers=args.workers, progress=False)
        dt = time.perf_counter() - t
        rates.append(len(pdfs) / dt)
        errors = sum(1 for r in results if isinstance(r, Failure))
        print(f"run {run + 1}: {len(pdfs)} documents in {dt:.1f} s = {rates[-1]:.1f} documents/s "
              f"({args.workers} workers, {errors} unreadable)")
    print(f"median: {statistics.median(rates):.1f} documents/s over {args.runs} runs")
    sample = pdfs[:: max(1, len(pdfs) // 60)]
    t = time.perf_counter()
    for p in sample:
        try:
            pdf_pages(p)
        except IngestError:
            pass
    per_core = len(sample) / (time.perf_counter() - t)
    print(f"PDF text extraction alone: {per_core:.1f} documents/s on one core ({len(sample)} documents), "
          f"so at most ~{per_core * args.workers:.0f}/s on {args.workers} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
