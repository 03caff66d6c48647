"""Search cost in a real browser: the bytes loaded for a first query (gzip-compressed, as a
web server would send them) and the time to the first result, on the shipped-data site and,
where it has been built, the national site.

    .venv/bin/python bench/search.py [-v] [--staff] [-q QUERY ...] [SITE_DIR ...]
        # default: site/ and /tmp/natsite if present; --staff: STAFF_QUERIES too, with a summary
    (build the national site with: .venv/bin/python -m generator site --sources ../shared/corpus --site-dir /tmp/natsite)

Prints, per site: pages, index size on disk, and for each query the requests and the raw and
gzipped bytes of everything a cold browser fetched for the search page and its first query
(HTML, CSS, JavaScript, Pagefind's code, index chunks and the fragments of the results
shown), the part the query itself added, and the milliseconds from typing the query to the
first result on screen (median of 5). Issue #6 asks for at most 200 KB gzipped nationally."""
from __future__ import annotations

import functools
import gzip
import statistics
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ("strategy discussions", "private fostering", "care leavers accommodation")
# What staff search for (the issue's examples and the themes' own words), common words and all.
STAFF_QUERIES = ("voice of the child", "management oversight", "return home interviews", "child sexual exploitation",
                 "pathway plans", "caseloads", "independent reviewing officers", "section 47 enquiries",
                 "children missing education", "corporate parenting", "edge of care", "LADO")
RUNS = 5
VERBOSE = False  # list every request (-v)


def _gz(body: bytes) -> int:
    return len(gzip.compress(body, 6))


class _Quiet(SimpleHTTPRequestHandler):
    served: list[str] | None = None  # paths the server sent, when a measurement wants them

    def log_message(self, *args: object) -> None:
        if self.served is not None and " 200 " in (args[0] % args[1:] if args else ""):
            self.served.append(self.path)


def _serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _from_another_page(browser, url: str, site: Path, q: str) -> float:
    """KB (gzipped) the server sends when a visitor on a council's page searches from the header
    box: the search page and its first query, without what the browser has cached already (the
    theme's and the site's CSS, the favicon)."""
    ctx = browser.new_context()
    page = ctx.new_page()
    council = next(p for p in sorted((site / "authorities").iterdir()) if (p / "index.html").exists())
    page.goto(url + f"authorities/{council.name}/", wait_until="networkidle")
    served: list[str] = []
    _Quiet.served = served
    try:
        page.fill("#site-search-q", q)
        page.press("#site-search-q", "Enter")
        page.wait_for_selector("#search-results a", timeout=30000)
        page.wait_for_load_state("networkidle")
    finally:
        _Quiet.served = None
        ctx.close()
    total = 0
    for path in served:
        rel = path.split("?", 1)[0].lstrip("/")
        f = site / rel
        total += _gz((f / "index.html" if f.is_dir() else f).read_bytes())
    return total / 1024


def measure(site: Path, queries: tuple[str, ...], runs: int = RUNS) -> list[tuple[float, float, float]]:
    """Prints each query's figures; returns the gzipped KB of each first query: from a cold
    cache, from another page of the site, and what the query itself loaded once the search page
    was shown."""
    from playwright.sync_api import sync_playwright

    pages = sum(1 for _ in site.rglob("*.html"))
    index_bytes = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    print(f"\n{site}: {pages} HTML pages, Pagefind index {index_bytes / 1e6:.1f} MB on disk")
    server, url = _serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            totals = []
            for q in queries:
                times, first = [], None
                for run in range(runs):
                    ctx = browser.new_context()  # a cold cache each time
                    page = ctx.new_page()
                    loaded: list[tuple[str, bytes, bool]] = []
                    phase = {"query": False}

                    def keep(r, acc=loaded, phase=phase) -> None:
                        try:
                            if r.status == 200:  # a 304 (revalidated from cache) sends no body
                                acc.append((r.url, r.body(), phase["query"]))
                        except Exception:  # the page closed before the body arrived
                            pass

                    page.on("response", keep)
                    page.goto(url + "search/", wait_until="networkidle")
                    phase["query"] = True
                    t = time.perf_counter()
                    page.fill("#search-q", q)
                    page.press("#search-q", "Enter")  # no wait for the typing pause
                    page.wait_for_selector("#search-results a", timeout=30000)
                    times.append((time.perf_counter() - t) * 1000)
                    page.wait_for_load_state("networkidle")
                    if first is None:
                        first = list(loaded)
                    ctx.close()
                assert first is not None
                raw = sum(len(b) for _, b, _ in first)
                gz = sum(_gz(b) for _, b, _ in first)
                query_gz = sum(_gz(b) for _, b, in_query in first if in_query)
                pf_gz = sum(_gz(b) for u, b, _ in first if "/pagefind/" in u)
                warm = _from_another_page(browser, url, site, q)
                totals.append((gz / 1024, warm, query_gz / 1024))
                print(f"  {q!r}: {len(first)} requests, {raw / 1024:.0f} KB raw, {gz / 1024:.0f} KB gzipped in all "
                      f"(the query {query_gz / 1024:.0f} KB, Pagefind {pf_gz / 1024:.0f} KB); "
                      f"first result in {statistics.median(times):.0f} ms (median of {runs}, cold cache); "
                      f"{warm:.0f} KB from another page of the site")
                if VERBOSE:
                    for u, b, _ in first:
                        print(f"    {_gz(b) / 1024:6.1f} KB  {u.replace(url, '/')}")
            browser.close()
    finally:
        server.shutdown()
    return totals


def main(argv: list[str]) -> int:
    global VERBOSE
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sites", nargs="*", type=Path)
    ap.add_argument("-v", action="store_true", help="list every request")
    ap.add_argument("-q", action="append", default=[], metavar="QUERY", help="measure this query (repeatable)")
    ap.add_argument("--staff", action="store_true", help="also the staff queries, one run each, with a summary")
    args = ap.parse_args(argv)
    VERBOSE = args.v
    sites = args.sites or [p for p in (ROOT / "site", Path("/tmp/natsite")) if (p / "pagefind").exists()]
    if not sites:
        print("no built site with a search index: run `make site` first")
        return 0
    for s in sites:
        if 'id="search-q"' not in (s / "search" / "index.html").read_text(encoding="utf-8"):
            print(f"\n{s}: its search page has no search box of this version (an old build?): rebuild it")
            continue
        totals = measure(s, tuple(args.q) or QUERIES)
        if args.staff:
            print("  staff queries (one run each; the time is of that run):")
            totals += measure(s, STAFF_QUERIES, runs=1)
            for k, how in ((0, "cold cache"), (1, "from another page of the site"),
                           (2, "the query itself, once the search page is shown")):
                kb = [t[k] for t in totals]
                print(f"  {len(kb)} queries, {how}: median {statistics.median(kb):.0f} KB gzipped, "
                      f"{sum(1 for t in kb if t <= 200)} at or under 200 KB, largest {max(kb):.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
