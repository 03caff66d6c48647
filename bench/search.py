"""Search cost in a real browser: the bytes loaded for a first query (gzip-compressed, as a
web server would send them) and the time to the first result, on the shipped-data site and,
where it has been built, the national site.

    .venv/bin/python bench/search.py [SITE_DIR ...]     # default: site/ and /tmp/natsite if present
    (build the national site with: .venv/bin/python -m generator site --sources ../shared/corpus --site-dir /tmp/natsite)

Prints, per site: pages, index size on disk, and for each query the requests, raw and
gzipped bytes (all requests after the search page loaded, and Pagefind's alone), and the
milliseconds from submitting the query to the first result on screen (median of 5)."""
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


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def measure(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    pages = sum(1 for _ in site.rglob("*.html"))
    index_bytes = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    print(f"\n{site}: {pages} HTML pages, Pagefind index {index_bytes / 1e6:.1f} MB on disk")
    server, url = _serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for q in QUERIES:
                times, first = [], None
                for run in range(5):
                    ctx = browser.new_context()  # a cold cache each time
                    page = ctx.new_page()
                    page.goto(url + "search/", wait_until="networkidle")
                    loaded: list[tuple[str, bytes]] = []

                    def keep(r, acc=loaded) -> None:
                        try:
                            if r.ok:
                                acc.append((r.url, r.body()))
                        except Exception:  # the page closed before the body arrived
                            pass

                    page.on("response", keep)
                    t = time.perf_counter()
                    page.fill(".pagefind-ui__search-input", q)
                    page.wait_for_selector(".pagefind-ui__result-link", timeout=30000)
                    times.append((time.perf_counter() - t) * 1000)
                    page.wait_for_load_state("networkidle")
                    if first is None:
                        first = list(loaded)
                    ctx.close()
                assert first is not None
                raw = sum(len(b) for _, b in first)
                gz = sum(len(gzip.compress(b, 6)) for _, b in first)
                pf = [(u, b) for u, b in first if "/pagefind/" in u]
                pf_gz = sum(len(gzip.compress(b, 6)) for _, b in pf)
                print(f"  {q!r}: {len(first)} requests, {raw / 1024:.0f} KB raw, {gz / 1024:.0f} KB gzipped "
                      f"(Pagefind {len(pf)} requests, {pf_gz / 1024:.0f} KB gzipped); "
                      f"first result in {statistics.median(times):.0f} ms (median of 5, cold cache)")
            browser.close()
    finally:
        server.shutdown()


def main() -> int:
    sites = [Path(a) for a in sys.argv[1:]] or [p for p in (ROOT / "site", Path("/tmp/natsite")) if (p / "pagefind").exists()]
    if not sites:
        print("no built site with a search index: run `make site` first")
        return 0
    for s in sites:
        measure(s)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
