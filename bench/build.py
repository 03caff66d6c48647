"""Build cost at three scales, stage by stage, as `make site` runs them: the generator, `mkdocs
build --strict`, the search index; then pages, site size, median and largest HTML page, and the
bytes of a first view of the largest inspection page. Also what adding one report costs.

    .venv/bin/python bench/build.py                   # the test fixture (tests/fixtures/data)
    .venv/bin/python bench/build.py --national        # + the national record (data/)
    .venv/bin/python bench/build.py --national --synthetic 3   # + the corpus three times over
    .venv/bin/python bench/build.py --national --incremental   # + adding one report to the national build
    .venv/bin/python bench/build.py --zensical        # + the same docs built by Zensical, side by side

The synthetic corpus repeats every council of the national one under new names and codes (its
reports and letters with it), so pages and links grow as they would with more councils.

Each build goes into a temporary copy of the project. Figures are from one run each; the
machine is shared, so repeat and compare medians before drawing conclusions."""
from __future__ import annotations

import argparse
import dataclasses
import gzip
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.commands.build import write_generated  # noqa: E402
from generator.index.catalog import build_catalog  # noqa: E402
from generator.model.records import Dataset  # noqa: E402
from generator.write.pagefind import write_index  # noqa: E402
from generator.config import Settings  # noqa: E402
from generator.commands.site import mkdocs_build  # noqa: E402
from generator.load.validate import load_dataset  # noqa: E402
from tests.conftest import copy_project  # noqa: E402



@dataclasses.dataclass
class Figures:
    label: str
    documents: int
    generator: float
    mkdocs: float
    search: float
    pages: int
    site_bytes: int
    median_page: int
    largest_page: tuple[int, str]
    largest_inspection: tuple[int, str]
    first_view: tuple[int, int]
    inspections_over_150k: int
    inspections: int

    @property
    def total(self) -> float:
        return self.generator + self.mkdocs + self.search


def first_view_bytes(site: Path, page: Path) -> tuple[int, int]:
    """HTML + the CSS and JS it loads: (raw, gzipped) bytes."""
    html = page.read_text(encoding="utf-8")
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:css|js))"', html)
    total = [page.read_bytes()]
    for a in assets:
        f = (page.parent / a.split("?")[0]).resolve()
        if f.exists() and site.resolve() in f.parents:
            total.append(f.read_bytes())
    return sum(len(b) for b in total), sum(len(gzip.compress(b, 6)) for b in total)


def national() -> Dataset:
    """The national record in data/, read and checked; prints how long that took (make check)."""
    t = time.perf_counter()
    dataset = load_dataset(ROOT / "data")
    print(f"reading and checking data/ ({len(dataset.documents)} records): {time.perf_counter() - t:.1f} s")
    return dataset


def synthetic(base: Dataset, times: int) -> Dataset:
    """`base` with every council repeated `times` - 1 more times under a new name, slug and code,
    with its documents (statistical neighbours point at the same copy's councils)."""
    authorities = list(base.authorities)
    documents = list(base.documents)
    for k in range(2, times + 1):
        code = {a.ons_code: f"{a.ons_code}X{k}" for a in base.authorities}
        for a in base.authorities:
            authorities.append(dataclasses.replace(
                a, ons_code=code[a.ons_code], slug=f"{a.slug}-copy-{k}", name=f"{a.name} (copy {k})",
                short_name=f"{a.short_name} (copy {k})", neighbours=tuple(code.get(n, n) for n in a.neighbours)))
        documents += [dataclasses.replace(d, authority=code[d.authority], file=f"copy-{k}/{d.file}") for d in base.documents]
    return dataclasses.replace(base, authorities=tuple(authorities), documents=tuple(documents))


def measure(label: str, dataset: Dataset) -> Figures:
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        t = time.perf_counter()
        catalog = build_catalog(dataset)
        write_generated(catalog, Settings.for_project(project))
        t_gen = time.perf_counter() - t
        site = project / "site"
        t = time.perf_counter()
        r = mkdocs_build(project, site)
        t_mk = time.perf_counter() - t
        if r.returncode:
            print(r.stderr[-2000:])
            raise SystemExit(f"{label}: mkdocs build failed")
        t = time.perf_counter()
        write_index(catalog, site)
        t_search = time.perf_counter() - t
        pages = sorted(site.rglob("*.html"))
        sizes = [p.stat().st_size for p in pages]
        total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        # Inspection pages and the pages of long reports' text (…/part-N/), which count as theirs.
        inspections = [p for p in pages if re.search(r"authorities/[^/]+/[^/]+/(part-\d+/)?index\.html$", p.relative_to(site).as_posix())]
        biggest = max(inspections, key=lambda p: p.stat().st_size)
        k = sizes.index(max(sizes))
        return Figures(label, len(dataset.documents), t_gen, t_mk, t_search, len(pages), total, int(statistics.median(sizes)),
                       (sizes[k], pages[k].relative_to(site).as_posix()),
                       (biggest.stat().st_size, biggest.relative_to(site).as_posix()), first_view_bytes(site, biggest),
                       sum(1 for p in inspections if p.stat().st_size > 150 * 1024), len(inspections))


def show(f: Figures) -> None:
    print(f"\n{f.label}: {f.documents} documents")
    print(f"  generator                 {f.generator:6.1f} s  ({f.generator / f.total:.0%} of the build)")
    print(f"  mkdocs build --strict     {f.mkdocs:6.1f} s")
    print(f"  search index (Pagefind)   {f.search:6.1f} s")
    print(f"  build, all three          {f.total:6.1f} s")
    print(f"  pages {f.pages}, site {f.site_bytes / 1e6:.1f} MB with its search index")
    print(f"  HTML page median {f.median_page / 1024:.0f} KB, largest {f.largest_page[0] / 1024:.0f} KB ({f.largest_page[1]})")
    print(f"  largest inspection page {f.largest_inspection[0] / 1024:.0f} KB ({f.largest_inspection[1]}); "
          f"{f.inspections_over_150k} of {f.inspections} inspection pages (with long reports' part pages) over 150 KB")
    print(f"  first view of it: {f.first_view[0] / 1024:.0f} KB raw, {f.first_view[1] / 1024:.0f} KB gzipped with its CSS and JS")


def incremental(dataset: Dataset) -> None:
    """Generate without one report, then with it: which files does adding it rewrite?"""
    newest = max(dataset.documents, key=lambda d: (d.start_date.as_date(), d.file))
    slug = next(a.slug for a in dataset.authorities if a.ons_code == newest.authority)
    ref = newest.ref(slug)
    without = dataclasses.replace(dataset, documents=tuple(d for d in dataset.documents if d is not newest),
                                  followups=tuple(f for f in dataset.followups if ref not in (f.later, f.finding.split("#")[0])))
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.for_project(copy_project(Path(tmp) / "project"))
        write_generated(build_catalog(without), settings)
        t = time.perf_counter()
        report = write_generated(build_catalog(dataset), settings)
        elapsed = time.perf_counter() - t
    kinds: dict[str, list[str]] = {}
    for path in report.written:
        kind = ("open data" if path.startswith("data/") else "feeds" if path.startswith("feeds/")
                else "theme pages" if path.startswith("themes/") and path != "themes/index.md"
                else "inspection pages" if re.fullmatch(r"authorities/[^/]+/[^/]+/(part-\d+/)?index\.md", path)
                else "authority pages" if re.fullmatch(r"authorities/[^/]+/index\.md", path) else "indexes")
        kinds.setdefault(kind, []).append(path)
    print(f"\nadding one report ({newest.file}) to the national build:")
    print(f"  generator {elapsed:.1f} s; {len(report.written)} files written, {report.unchanged} unchanged")
    for kind, paths in sorted(kinds.items()):
        shown = ", ".join(paths[:4]) + (", …" if len(paths) > 4 else "")
        print(f"  {kind:17} {len(paths):3}  {shown}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--national", action="store_true", help="also the national record in data/")
    ap.add_argument("--synthetic", type=int, default=0, metavar="N", help="also the national record N times over")
    ap.add_argument("--incremental", action="store_true", help="what adding one report to the national build rewrites")
    ap.add_argument("--zensical", action="store_true", help="also build the shipped data with Zensical, side by side")
    args = ap.parse_args()
    base: Dataset | None = None
    from tests.conftest import DATA as FIXTURE

    results = [measure("test fixture", load_dataset(FIXTURE))]
    show(results[-1])
    if args.national or args.synthetic or args.incremental:
        base = national()
        if args.national or args.synthetic:
            results.append(measure("national record", base))
            show(results[-1])
        if args.synthetic:
            results.append(measure(f"synthetic corpus ({args.synthetic}× national)", synthetic(base, args.synthetic)))
            show(results[-1])
            one, many = results[-2], results[-1]
            print(f"\n  {args.synthetic}× the reports: {many.documents / one.documents:.2f}× documents, "
                  f"{many.site_bytes / one.site_bytes:.2f}× site size, {many.pages / one.pages:.2f}× pages, "
                  f"{many.total / one.total:.2f}× build time")
        if args.incremental:
            incremental(base)
    if args.zensical:
        zensical_side_by_side(base if args.national else None)
    return 0


def zensical_side_by_side(national_dataset: Dataset | None) -> None:
    """The same generated docs built by MkDocs and by Zensical (bench/zensical_compare.py)."""
    from bench.zensical_compare import compare, ensure_zensical

    exe = ensure_zensical()
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        print("\n" + compare(project, docs_ready=False, label="shipped data", zensical=exe).table())
    if national_dataset is not None:
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_project(Path(tmp) / "project")
            write_generated(build_catalog(national_dataset), Settings.for_project(project))
            print("\n" + compare(project, runs=1, probe_settings=False, label="national corpus",
                                  zensical=exe).table(limit=10))


if __name__ == "__main__":
    raise SystemExit(main())
