"""Build cost: generator time, MkDocs time, pages, site size, median and largest HTML page,
and the bytes of a first view of an inspection page (HTML + CSS + JS it loads, gzipped).

    .venv/bin/python bench/build.py                 # shipped data
    .venv/bin/python bench/build.py --national      # also the national corpus (../shared/corpus)

Each build goes into a temporary copy of the project; figures are from one run each (the
machine is shared: repeat and compare medians before drawing conclusions)."""
from __future__ import annotations

import argparse
import gzip
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.build import generate  # noqa: E402
from generator.validate import load_dataset  # noqa: E402
from tests.conftest import copy_project  # noqa: E402


def first_view_bytes(site: Path, page: Path) -> tuple[int, int]:
    html = page.read_text(encoding="utf-8")
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:css|js))"', html)
    total = [page.read_bytes()]
    for a in assets:
        f = (page.parent / a.split("?")[0]).resolve()
        if f.exists() and site.resolve() in f.parents:
            total.append(f.read_bytes())
    return sum(len(b) for b in total), sum(len(gzip.compress(b, 6)) for b in total)


def measure(label: str, sources: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        t = time.perf_counter()
        if sources is not None:
            from generator.national import national_dataset

            dataset, _ = national_dataset(project, sources, ROOT / ".cache" / "ingest", progress=False)
        else:
            dataset = load_dataset(project / "data")
        t_ingest = time.perf_counter() - t
        t = time.perf_counter()
        generate(project / "data", project / "docs", dataset)
        t_gen = time.perf_counter() - t
        t = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")],
                           cwd=project, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
        t_mk = time.perf_counter() - t
        if r.returncode:
            print(r.stderr[-2000:])
            raise SystemExit(f"{label}: mkdocs build failed")
        site = project / "site"
        pages = sorted(site.rglob("*.html"))
        sizes = [p.stat().st_size for p in pages]
        total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        inspections = [p for p in pages if re.search(r"authorities/[^/]+/[^/]+/index\.html$", p.relative_to(site).as_posix())]
        biggest_insp = max(inspections, key=lambda p: p.stat().st_size)
        raw, gz = first_view_bytes(site, biggest_insp)
        print(f"\n{label}: {len(dataset.documents)} documents")
        print(f"  data (read, or ingest from cache) {t_ingest:6.1f} s")
        print(f"  generator                          {t_gen:6.1f} s  ({t_gen / (t_gen + t_mk):.0%} of generator + mkdocs)")
        print(f"  mkdocs build --strict              {t_mk:6.1f} s")
        print(f"  pages {len(pages)}, site {total / 1e6:.1f} MB (before the search index)")
        print(f"  HTML page median {statistics.median(sizes) / 1024:.0f} KB, largest {max(sizes) / 1024:.0f} KB "
              f"({pages[sizes.index(max(sizes))].relative_to(site)})")
        print(f"  largest inspection page {biggest_insp.stat().st_size / 1024:.0f} KB; its first view "
              f"{raw / 1024:.0f} KB raw, {gz / 1024:.0f} KB gzipped with its CSS and JS")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--national", action="store_true")
    args = ap.parse_args()
    measure("shipped data", None)
    corpus = ROOT.parent / "shared" / "corpus"
    if args.national:
        if corpus.exists():
            measure("national corpus", corpus)
        else:
            print("no corpus beside the project: national build skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
