"""What mending Pagefind's chunk ranges (generator/write/search_chunks.py) saves: the commonest words
of the reports searched for one at a time in chromium, each from a fresh browser, first on the
index as Pagefind writes it, then mended. Prints the index bytes the searches loaded, the words
that loaded less, and whether every word found the same results (count and first five).

    .venv/bin/python bench/search_chunks.py [--national] [--words N] [SITE_DIR]
        # SITE_DIR: a built site (default site/); --national: its records from ../shared/corpus
        # (build it first: make site SOURCES=../shared/corpus)
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEARCH = """async (term) => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.options({ noWorker: true });
  const found = await pf.search(term);
  const shown = await Promise.all(found.results.slice(0, 5).map(r => r.data()));
  return [found.results.length, shown.map(d => d.url)];
}"""


def _searches(site: Path, words: list[str]) -> dict[str, tuple[list, int]]:
    """Each word's results (count, first five) and the bytes of index chunks loaded for it."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import serve

    out: dict[str, tuple[list, int]] = {}
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for w in words:
            ctx = browser.new_context()
            page = ctx.new_page()
            sizes: list[int] = []
            page.on("response", lambda r, s=sizes: s.append(len(r.body())) if "/index/" in r.url else None)
            page.goto(url + "search/")
            found = page.evaluate(SEARCH, w)
            page.wait_for_timeout(30)
            out[w] = (found, sum(sizes))
            ctx.close()
        browser.close()
    return out


def main(argv: list[str]) -> int:
    from generator.render import search
    from generator.write import search_chunks
    from generator.index.catalog import build_catalog

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    ap.add_argument("--national", action="store_true")
    ap.add_argument("--words", type=int, default=300)
    args = ap.parse_args(argv)
    if not (args.site / "search" / "index.html").exists():
        print(f"no built site at {args.site}: run `make site` first")
        return 0
    if args.national:
        from bench.build import national
        dataset = national()
    else:
        from generator.load.validate import load_dataset
        dataset = load_dataset(ROOT / "data")
    cat = build_catalog(dataset)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run(["cp", "-al", str(args.site), str(site)], check=True)  # hard links: the pages are only read
        shutil.rmtree(site / "pagefind")
        prepared = search.prepare_index(cat, Path(tmp) / "records")
        shutil.move(str(prepared.folder), str(site / search.RECORDS_DIR))
        search.run_pagefind(site, mend=False)
        counts: Counter[str] = Counter()
        for f in (site / search.RECORDS_DIR).rglob("*.html"):
            counts.update(re.findall(r"[a-z]{4,}", re.sub(r"<[^>]+>", " ", f.read_text(encoding="utf-8")).lower()))
        common = set(prepared.common)
        words = [w for w, _ in counts.most_common() if w not in common][:args.words]
        before = _searches(site, words)
        changed = search_chunks.mend_chunk_ranges(site / "pagefind")
        after = _searches(site, words)
    same = sum(1 for w in words if before[w][0] == after[w][0])
    fewer = sorted((w for w in words if after[w][1] < before[w][1]), key=lambda w: after[w][1] - before[w][1])
    print(f"{args.site}: {len(words)} commonest words (4+ letters, not among the common words), one search each")
    print(f"  chunk ranges mended: {changed}")
    print(f"  index loaded: {sum(v[1] for v in before.values()) / 1e6:.2f} MB as Pagefind writes it, "
          f"{sum(v[1] for v in after.values()) / 1e6:.2f} MB mended; median per word "
          f"{statistics.median(v[1] for v in before.values()) / 1024:.1f} KB, then "
          f"{statistics.median(v[1] for v in after.values()) / 1024:.1f} KB")
    print(f"  words that loaded less: {len(fewer)}; more: {sum(1 for w in words if after[w][1] > before[w][1])}")
    for w in fewer[:10]:
        print(f"    {w}: {before[w][1] / 1024:.1f} KB, then {after[w][1] / 1024:.1f} KB")
    print(f"  same results (count and first five): {same} of {len(words)}")
    return 0 if same == len(words) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
