"""Check a built site: every internal link and #anchor resolves, and no page loads anything
from another host. Used by the tests on the shipped data and by `make linkcheck` on any site."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

LOADING_ATTRS = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"),
                 ("source", "srcset"), ("img", "srcset"), ("video", "src"), ("audio", "src"), ("embed", "src"),
                 ("object", "data"), ("image", "href"), ("use", "href"), ("input", "src"), ("track", "src")}
_EXTERNAL = re.compile(r"^\s*(https?:)?//", re.I)
# A <link> makes the browser fetch (or contact) its href only for these relations; a canonical
# or alternate link (the published address, a feed) is metadata, fetched by no browser.
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "manifest", "preload",
                "modulepreload", "prefetch", "prerender", "preconnect", "dns-prefetch"}


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.styles: list[str] = []
        self.svgs: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        rels = set(a.get("rel", "").lower().split()) if tag == "link" else set()
        for k, v in a.items():
            if (tag, k) in LOADING_ATTRS and (tag != "link" or rels & LOADING_RELS):
                self.loads.append(v)
            if k == "style":
                self.styles.append(v)
        if (tag == "a" or (tag == "link" and not rels & LOADING_RELS)) and "href" in a:
            self.links.append(a["href"])  # a link out (canonical, say) is not followed; a relative one must resolve
        if tag == "svg":
            self.svgs.append(a)


def parse(path: Path) -> PageParser:
    p = PageParser()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def is_external(url: str) -> bool:
    return bool(_EXTERNAL.match(url))


@dataclass
class Report:
    pages: int = 0
    links: int = 0
    broken: list[str] = field(default_factory=list)
    external_loads: list[str] = field(default_factory=list)


def check_site(site: Path) -> Report:
    report = Report()
    parsed = {p.resolve(): parse(p) for p in site.rglob("*.html")}
    report.pages = len(parsed)
    for page, info in parsed.items():
        rel = page.relative_to(site.resolve())
        report.external_loads += [f"{rel}: {u}" for u in info.loads if is_external(u)]
        report.external_loads += [f"{rel}: style {s}" for s in info.styles if re.search(r"url\(\s*['\"]?(https?:)?//", s)]
        if page.name == "404.html":
            continue  # MkDocs writes site-absolute links there, for whatever depth it is served at
        for href in info.links:
            if is_external(href) or href.startswith(("mailto:", "tel:")):
                continue
            report.links += 1
            target, _, anchor = href.partition("#")
            dest = (page.parent / target).resolve() if target else page
            if dest.is_dir():
                dest = dest / "index.html"
            if not dest.exists():
                report.broken.append(f"{rel}: {href}")
            elif anchor and dest.suffix == ".html" and anchor not in parsed.get(dest, PageParser()).ids:
                report.broken.append(f"{rel}: {href} (no such anchor)")
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        report.external_loads += [f"{css.relative_to(site)}: {m}"
                                  for m in re.findall(r"(?:@import|url\()\s*['\"]?((?:https?:)?//[^'\")\s]+)", text)]
    return report


def main(argv: list[str] | None = None) -> int:
    site = Path((argv or sys.argv[1:] or ["site"])[0])
    r = check_site(site)
    for line in r.broken[:100]:
        print(f"broken link: {line}")
    for line in r.external_loads[:100]:
        print(f"loads from another host: {line}")
    print(f"{r.pages} pages, {r.links} internal links: {len(r.broken)} broken, {len(r.external_loads)} loads from other hosts")
    return 1 if r.broken or r.external_loads else 0


if __name__ == "__main__":
    sys.exit(main())
