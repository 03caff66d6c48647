"""Compare PDF text extractors on a sample of the corpus: speed and what they get out.

    .venv/bin/pip install -r bench/requirements.txt   # pypdf, pdfplumber (not needed otherwise)
    apt-get install poppler-utils                      # pdftotext, optional
    .venv/bin/python bench/pdf_extractors.py [--sample 40]

Prints, per extractor: licence, documents per second (median of 3 runs over the sample, one
core), characters extracted, failures, and how often paragraph numbers ("12. ") and grade
words survive at line starts, a rough proxy for layout kept in reading order."""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def pdfium_text(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\f".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def pypdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\f".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def pdfplumber_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\f".join(page.extract_text() or "" for page in pdf.pages)


def pdftotext_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


EXTRACTORS: dict[str, tuple[str, Callable[[Path], str]]] = {
    "pypdfium2 (pdfium)": ("Apache-2.0 / BSD-3-Clause", pdfium_text),
    "pypdf": ("BSD-3-Clause", pypdf_text),
    "pdfplumber (pdfminer.six)": ("MIT", pdfplumber_text),
    "pdftotext (poppler)": ("GPL-2.0, a separate program", pdftotext_text),
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}: nothing to compare")
        return 0
    files = sorted(args.corpus.glob("reports/*/*.pdf"))
    step = max(1, len(files) // args.sample)
    sample = files[::step][: args.sample]
    print(f"{len(sample)} reports, every {step}th of {len(files)}; one core\n")
    print(f"{'extractor':28} {'licence':28} {'docs/s':>7} {'chars':>10} {'fail':>5} {'para nums':>9}")
    for name, (licence, fn) in EXTRACTORS.items():
        try:
            fn(sample[0])
        except Exception as exc:  # not installed here
            print(f"{name:28} {licence:28} unavailable: {type(exc).__name__}: {str(exc)[:60]}")
            continue
        times, chars, fails, paras = [], 0, 0, 0
        for run in range(3):
            t = time.perf_counter()
            for f in sample:
                try:
                    text = fn(f)
                except Exception:
                    fails += run == 0
                    continue
                if run == 0:
                    chars += len(text)
                    paras += len(re.findall(r"(?m)^\s*\d{1,3}\.\s+[A-Z]", text))
            times.append(time.perf_counter() - t)
        rate = len(sample) / statistics.median(times)
        print(f"{name:28} {licence:28} {rate:7.1f} {chars:10d} {fails:5d} {paras:9d}")
    if shutil.which("pdftotext") is None:
        print("\n(pdftotext not installed: apt-get install poppler-utils to include it)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
