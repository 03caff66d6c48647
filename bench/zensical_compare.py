"""The cost of moving from MkDocs + mkdocs-material to Zensical: the same generated docs/ built
by both, side by side (time, pages, size), every page present in one site only, every page whose
main content differs, and whether each setting of mkdocs.yml the site relies on is honoured.

    .venv/bin/python bench/zensical_compare.py              # shipped data
    .venv/bin/python bench/zensical_compare.py --national   # also the national corpus

Interface (for bench/build.py):

    from bench.zensical_compare import compare, Report
    report = compare(project, docs_ready=True)   # -> Report
    print(report.table())                        # the side-by-side text

    compare(project: Path, docs_ready: bool = True, runs: int = 3, probe_settings: bool = True,
            browser: bool = True, label: str = "", zensical: Path | None = None) -> Report

- project: a throwaway copy of the project (tests.conftest.copy_project). Both sites are written
  inside it (project/site-mkdocs, project/site-zensical), with Zensical's cache (project/.cache)
  and a copy of mkdocs.yml with site_dir set (project/.zensical-bench.yml), because
  `zensical build` has no --site-dir option.
- docs_ready: True builds the docs/ that is there. False first generates docs/ from project/data.
- runs: cold builds of each tool. The report gives the median of their wall-clock and CPU times,
  and one warm-cache Zensical rebuild.
- probe_settings: also builds a copy with one extra page that has bad links, and a nav entry to a
  missing page, to see what Zensical does with `strict`, `validation` and `search: exclude`.
- browser: opens three Zensical pages in headless Chromium, with other hosts blocked, to record
  any request to another host. It is skipped when playwright or /usr/bin/chromium is missing.
- zensical: the zensical executable. By default it is .venv-zensical/bin/zensical, installed by
  `make zensical` from bench/requirements-zensical.txt when missing (ensure_zensical()). The
  shared .venv is never touched.

Report fields: mkdocs and zensical (Build: seconds, cpu_seconds, warm_seconds, returncode, log,
pages, site_bytes), only_mkdocs and only_zensical (page paths), differing (page -> the aspects
of its main content that differ), and checks (Check: setting, verdict works/differs/fails, evidence).

Main content is the <article> element (the two themes differ around it), compared element by
element, attribute by attribute and text by text, with the few normalisations ArticleParser
lists (Zensical's empty skip-link target, links resolved against the page, runs of white space
outside <pre>); each difference is reported by aspect (text, headings with their ids, every id,
links' targets, tables' shape, SVG titles, admonitions, definition lists, scripts and styles it
loads, Pagefind attributes), and as `markup` for anything else.
"""
from __future__ import annotations

import argparse
import difflib
import functools
import os
import posixpath
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ZENSICAL_VENV = ROOT / ".venv-zensical"
REQUIREMENTS = ROOT / "bench" / "requirements-zensical.txt"
ENV = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "LANG": "C.UTF-8"}


# ---------------------------------------------------------------- installing Zensical

def ensure_zensical() -> Path:
    """The zensical executable of .venv-zensical, after `make zensical`, which installs it there
    from bench/requirements-zensical.txt when it is missing or the file changed (the Makefile's
    stamp), exactly as `make test` does."""
    subprocess.run(["make", "-s", "zensical"], cwd=ROOT, check=True)
    return ZENSICAL_VENV / "bin" / "zensical"


def pinned_version() -> str:
    """The Zensical version bench/requirements-zensical.txt pins."""
    m = re.search(r"(?m)^zensical==(\S+)", REQUIREMENTS.read_text(encoding="utf-8"))
    return m.group(1) if m else "?"


def zensical_version(exe: Path) -> str:
    r = subprocess.run([str(exe), "--version"], capture_output=True, text=True, env=ENV)
    return r.stdout.strip().split()[-1] if r.returncode == 0 and r.stdout.strip() else "?"


# ---------------------------------------------------------------- building

@dataclass
class Build:
    tool: str
    site: Path
    seconds: list[float] = field(default_factory=list)  # wall clock, one per cold run
    cpu_seconds: list[float] = field(default_factory=list)  # CPU (user + system), one per cold run
    warm_seconds: float | None = None                     # Zensical: a rebuild with its cache
    returncode: int = 0
    log: str = ""                                         # stdout + stderr of the last run
    pages: set[str] = field(default_factory=set)          # site-relative paths of the HTML pages
    site_bytes: int = 0

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def warnings(self) -> int:
        """Warnings in the last run's log (MkDocs "WARNING -", Zensical "Warning:")."""
        log = re.sub(r"\x1b\[[0-9;]*m", "", self.log)
        return len(re.findall(r"(?m)^(?:WARNING +-|Warning:)", log))

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    def scan(self) -> None:
        if self.site.exists():
            self.pages = {p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html")}
            self.site_bytes = sum(p.stat().st_size for p in self.site.rglob("*") if p.is_file())


def _timed(cmd: list[str], cwd: Path, cpu: list[float] | None = None) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Wall-clock seconds of one command; its CPU seconds (user + system, all threads) are
    appended to `cpu`: on a shared machine they move much less than wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=ENV)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, r


def build_mkdocs(project: Path, dest: Path, runs: int = 1) -> Build:
    """`python -m mkdocs build --strict` of project into dest (the shared .venv's MkDocs)."""
    b = Build("mkdocs", dest)
    for _ in range(runs):
        shutil.rmtree(dest, ignore_errors=True)
        secs, r = _timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)], project,
                         b.cpu_seconds)
        b.seconds.append(secs)
        b.returncode, b.log = r.returncode, r.stdout + r.stderr
        if r.returncode:
            break
    b.scan()
    return b


def zensical_config(project: Path, dest: Path) -> Path:
    """project/mkdocs.yml as it is, but for its site_dir (`zensical build` has no --site-dir):
    a sibling file, so that docs_dir and custom_dir resolve exactly as for mkdocs.yml."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^site_dir:.*\n?", "", text)
    cfg = project / ".zensical-bench.yml"
    cfg.write_text(text.rstrip("\n") + f"\n\nsite_dir: '{dest}'\n", encoding="utf-8")
    return cfg


def build_zensical(project: Path, dest: Path, exe: Path, runs: int = 1, warm: bool = True) -> Build:
    """`zensical build --clean` (cache emptied: a cold build) `runs` times, then, with warm=True,
    once more with the cache it left (what an edit-and-rebuild costs)."""
    b = Build("zensical", dest)
    exe = Path(exe).absolute()
    cfg = zensical_config(project, dest)
    for _ in range(runs):
        shutil.rmtree(dest, ignore_errors=True)
        secs, r = _timed([str(exe), "build", "--clean", "-f", str(cfg)], project, b.cpu_seconds)
        b.seconds.append(secs)
        b.returncode, b.log = r.returncode, r.stdout + r.stderr
        if r.returncode or not dest.exists():
            b.returncode = b.returncode or 1
            break
    if warm and b.ok:
        b.warm_seconds, _ = _timed([str(exe), "build", "-f", str(cfg)], project)
    b.scan()
    return b


# ---------------------------------------------------------------- main content of a page

class ArticleParser(HTMLParser):
    """Text and structure of the page's <article> element(s): the named aspects (text, headings,
    ids, links ...), which make a difference easy to read, and `markup`, every element with all
    of its attributes and every piece of text, in order, which leaves no difference out.

    `markup` is normalised in these ways only, each because it does not change what a reader or
    a browser gets:
    - Zensical's skip-link target, an empty `<a id="__skip" tabindex="-1"></a>` at the top of
      every article, is left out (its theme's, not the page's; MkDocs' theme has none);
    - link and source addresses (href, src, action ...) are resolved against the page: Zensical
      writes the same target differently (`../../grades/` where MkDocs writes `../` on
      grades/2019/), and `./x/` and `x/` are one address;
    - outside <pre>, <script>, <style> and <textarea>, a run of white space in text counts as one
      space, as a browser shows it (the two themes indent their templates differently around the
      article); a text of white space only is kept, as one space, so a space lost between two
      links still shows. Inside those elements text is compared exactly;
    - what the HTML parser already makes one: attributes in any order, character references
      (`&amp;` and `&#38;`), `<br>` and `<br />`, the case of tag names. Comments are left out.
    """

    HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    VERBATIM = {"pre", "script", "style", "textarea"}
    URL_ATTRS = {"href", "src", "action", "formaction", "cite", "poster", "xlink:href"}
    SKIP_TARGET = "__skip"

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.depth = 0
        self.skip = 0          # inside <script>/<style>
        self.text: list[str] = []
        self.headings: list[tuple[str, str, str]] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.loads: list[str] = []
        self.tables: list[list[int]] = []
        self.svg_titles: list[str] = []
        self.admonitions: list[str] = []
        self.def_lists = 0
        self.pagefind: list[str] = []
        self._heading: list | None = None
        self._svg = 0
        self._title: list[str] | None = None
        self.markup: list[str] = []   # one line per start tag, end tag and text
        self._chars: list[str] = []   # text not yet in markup
        self._verbatim = 0            # inside <pre>, <script>, <style>, <textarea>
        self._skip_end = False        # the end tag of Zensical's skip-link target is next

    def url(self, href: str) -> str:
        """A link's target as a site-absolute path (so "./x/" and "x/" compare equal)."""
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//|^#", href, re.I):
            return href
        target, hash_, anchor = href.partition("#")
        base = posixpath.dirname("/" + self.page)
        path = posixpath.normpath(posixpath.join(base, target)) if target else "/" + self.page
        if target.endswith("/") and not path.endswith("/"):
            path += "/"
        return path + hash_ + anchor

    def _flush(self) -> None:
        if self._chars:
            text = "".join(self._chars)
            self.markup.append("text " + repr(text if self._verbatim else re.sub(r"\s+", " ", text)))
            self._chars = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag == "a" and a.get("id") == self.SKIP_TARGET:
            self._skip_end = True
            return
        self._flush()
        self.markup.append(f"<{tag}" + "".join(f" {k}={self.url(v) if k in self.URL_ATTRS else v!r}"
                                               for k, v in sorted((k, v or "") for k, v in attrs)) + ">")
        if tag in self.VERBATIM:
            self._verbatim += 1
        if tag in ("script", "style"):
            self.skip += 1
        if "id" in a and not a["id"].startswith("__"):  # theme internals (Zensical: <a id="__skip">)
            self.ids.append(a["id"])
        if tag in self.HEADINGS:
            self._heading = [tag, a.get("id", ""), []]
        if tag == "a" and "href" in a:
            self.links.append(self.url(a["href"]))
        if (tag, "src") in {("script", "src"), ("img", "src"), ("iframe", "src")} and "src" in a:
            self.loads.append(f"{tag} {self.url(a['src'])}")
        if tag == "link" and "href" in a:
            self.loads.append(f"link {self.url(a['href'])}")
        if tag == "table":
            self.tables.append([])
        if tag == "tr" and self.tables:
            self.tables[-1].append(0)
        if tag in ("td", "th") and self.tables and self.tables[-1]:
            self.tables[-1][-1] += 1
        if tag == "svg":
            self._svg += 1
            if self._svg == 1:
                self.svg_titles.append("")
        if tag == "title" and self._svg:
            self._title = []
        if "admonition" in a.get("class", "").split():
            self.admonitions.append(a["class"])
        if tag == "dl":
            self.def_lists += 1
        self.pagefind += [f"{tag} {k}={v}" for k, v in a.items() if k.startswith("data-pagefind")]

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag == "a" and self._skip_end:
            self._skip_end = False
            return
        if tag not in self.VOID:
            self._flush()
            self.markup.append(f"</{tag}>")
        if tag in self.VERBATIM and self._verbatim:
            self._verbatim -= 1
        if tag == "article":
            self.depth -= 1
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag in self.HEADINGS and self._heading:
            self.headings.append((self._heading[0], self._heading[1], " ".join("".join(self._heading[2]).split())))
            self._heading = None
        if tag == "title" and self._title is not None:
            if self.svg_titles and not self.svg_titles[-1]:
                self.svg_titles[-1] = " ".join("".join(self._title).split())
            self._title = None
        if tag == "svg" and self._svg:
            self._svg -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            return
        self._chars.append(data)
        if self.skip:
            return
        self.text.append(data)
        if self._heading is not None:
            self._heading[2].append(data)
        if self._title is not None:
            self._title.append(data)

    def signature(self) -> dict[str, object]:
        return {
            "text": " ".join("".join(self.text).split()),
            "headings": self.headings,
            "ids": self.ids,
            "links": self.links,
            "tables": self.tables,
            "svg titles": self.svg_titles,
            "admonitions": self.admonitions,
            "definition lists": self.def_lists,
            "scripts and styles": self.loads,
            "pagefind attributes": self.pagefind,
            "markup": "\n".join(self.markup),  # one string: national pages are many and long
        }


@functools.lru_cache(maxsize=4096)  # each page is read once per compare() (cleared there)
def article(site: Path, page: str) -> dict[str, object]:
    p = ArticleParser(page.removesuffix("index.html"))
    p.feed((site / page).read_text(encoding="utf-8"))
    return p.signature()


def _first_difference(a: object, b: object) -> str:
    if isinstance(a, str) and isinstance(b, str):
        i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        return f"at char {i}: mkdocs …{a[max(0, i - 30):i + 50]!r} / zensical …{b[max(0, i - 30):i + 50]!r}"
    if isinstance(a, list) and isinstance(b, list):
        only_a = [x for x in a if x not in b][:3]
        only_b = [x for x in b if x not in a][:3]
        if not only_a and not only_b:
            return f"same items, different order or count ({len(a)} / {len(b)})"
        return f"{len(a)} / {len(b)}; mkdocs only {only_a}; zensical only {only_b}"
    return f"mkdocs {a!r} / zensical {b!r}"


def _first_markup_difference(a: str, b: str, context: int = 3) -> str:
    """Where two articles' markup first differs: a few lines before, then each side's lines."""
    x, y = a.split("\n"), b.split("\n")
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes():
        if op != "equal":
            before = " ".join(x[max(0, i1 - context):i1])
            return (f"at line {i1 + 1} of {len(x)}, after …{before[-160:]!r}: mkdocs {x[i1:i1 + 5]} / "
                    f"zensical {y[j1:j1 + 5]}")
    return "same lines"


def page_differences(mk: Path, zs: Path, page: str) -> list[str]:
    """What differs in the main content of one page: one line per aspect. `markup` differs
    whenever anything does; alone, it is a difference no named aspect covers."""
    a, b = article(mk, page), article(zs, page)
    return [f"{k}: {_first_markup_difference(a[k], b[k]) if k == 'markup' else _first_difference(a[k], b[k])}"
            for k in a if a[k] != b[k]]


def compare_sites(mk: Path, zs: Path) -> tuple[list[str], list[str], dict[str, list[str]]]:
    """Two built sites: the HTML pages in the first only, in the second only, and every page in
    both whose main content differs (page -> page_differences)."""
    pages = {s: {p.relative_to(s).as_posix() for p in s.rglob("*.html")} for s in (mk, zs)}
    differing = {}
    for page in sorted(pages[mk] & pages[zs]):
        d = page_differences(mk, zs, page)
        if d:
            differing[page] = d
    return sorted(pages[mk] - pages[zs]), sorted(pages[zs] - pages[mk]), differing


# ---------------------------------------------------------------- settings the site relies on

@dataclass
class Check:
    setting: str
    verdict: str     # works / differs / fails / n/a
    evidence: str


def _read(site: Path, page: str) -> str:
    f = site / page
    return f.read_text(encoding="utf-8") if f.exists() else ""


def _nav_tabs(html: str) -> list[str]:
    """The navigation tabs' targets on the home page, resolved ("./x/" and "x/" are the same)."""
    m = re.search(r'<nav class="md-tabs".*?</nav>', html, re.S)
    resolve = ArticleParser("").url
    return [resolve(h) for h in re.findall(r'<a href="([^"]*)"', m.group(0))] if m else []


def _asset_hosts(site: Path) -> list[str]:
    """Other hosts named in the site's own JS and CSS (conditional loaders included): for review."""
    hosts: dict[str, int] = {}
    for f in list(site.rglob("*.js")) + list(site.rglob("*.css")):
        for host in re.findall(r"https?://([a-zA-Z0-9.-]+)", f.read_text(encoding="utf-8", errors="replace")):
            if host not in ("www.w3.org",):
                hosts[host] = hosts.get(host, 0) + 1
    return sorted(hosts)


def browser_requests(site: Path, pages: list[str]) -> list[str] | None:
    """Requests to other hosts made by headless Chromium opening `pages` of `site` (served on the
    loopback interface): None when playwright or /usr/bin/chromium is missing."""
    chromium = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium.exists():
        return None
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    other: list[str] = []
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=str(chromium), headless=True,
                                  args=["--no-sandbox", "--disable-gpu", "--no-first-run",
                                        "--disable-background-networking", "--disable-component-update"])
            ctx = b.new_context()
            # Block every other host (nothing leaves the machine) but record that it was asked for.
            ctx.route(lambda url: not url.startswith(base), lambda route: (other.append(route.request.url), route.abort()))
            page = ctx.new_page()
            for rel in pages:
                page.goto(base + rel.removesuffix("index.html"), wait_until="load")
                page.wait_for_timeout(500)
            b.close()
    finally:
        server.shutdown()
    return sorted(set(other))


def settings_checks(mk: Build, zs: Build, differing: dict[str, list[str]],
                    browser: bool = True) -> list[Check]:
    from generator.write.linkcheck import check_site

    checks: list[Check] = []
    m_home, z_home = _read(mk.site, "index.html"), _read(zs.site, "index.html")
    common = sorted(mk.pages & zs.pages)

    # custom_dir: overrides/partials/search.html (the header search box opens search/).
    marker = 'id="site-search-q"'
    z_with = sum(marker in _read(zs.site, p) for p in common)
    m_with = sum(marker in _read(mk.site, p) for p in common)
    z_form = re.search(r'<form class="md-search__form" action="([^"]*)"', z_home)
    checks.append(Check("theme.custom_dir: overrides (header search partial)",
                        "works" if z_with == m_with == len(common) else "fails",
                        f"override's input on {z_with}/{len(common)} Zensical pages (MkDocs {m_with}); "
                        f"home page form action {z_form.group(1) if z_form else None!r}"))

    # The look: Zensical's default theme variant is "modern" (its own stylesheets, white header,
    # palette.primary not applied to the header); `theme.variant: classic` keeps Material's look.
    sheets = re.findall(r'href="[^"]*stylesheets/([^"]+\.css)"', z_home)
    modern = any(s.startswith("modern/") for s in sheets)
    checks.append(Check("theme look (palette, navigation.tabs; Zensical's theme.variant)",
                        "differs" if modern else "works",
                        f"Zensical stylesheets {sheets}: " + ("the default 'modern' variant, not Material's look; "
                                                             "set theme.variant: classic" if modern else "classic variant")))

    # extra_css
    z_css = sum("assets/site.css" in _read(zs.site, p) for p in common)
    checks.append(Check("extra_css: assets/site.css",
                        "works" if z_css == len(common) and (zs.site / "assets/site.css").exists() else "fails",
                        f"linked from {z_css}/{len(common)} Zensical pages; copied: {(zs.site / 'assets/site.css').exists()}"))

    # extra_javascript: none configured; the search page loads its scripts from its Markdown.
    s_m, s_z = article(mk.site, "search/index.html") if "search/index.html" in mk.pages else {}, \
        article(zs.site, "search/index.html") if "search/index.html" in zs.pages else {}
    checks.append(Check("extra_javascript (none configured; search page's own <script>s)",
                        "works" if s_z and s_m.get("scripts and styles") == s_z.get("scripts and styles") else "fails",
                        f"search page loads {s_z.get('scripts and styles') if s_z else 'no page'}"))

    # not_in_nav + nav
    tabs_m, tabs_z = _nav_tabs(m_home), _nav_tabs(z_home)
    nested = [p for p in common if re.match(r"(authorities|themes)/[^/]+/", p)]
    omitted_log = [l for l in zs.log.splitlines() if "not included in the nav" in l or "not_in_nav" in l]
    checks.append(Check("nav + not_in_nav (council/theme pages outside the nav)",
                        "works" if tabs_m == tabs_z and nested and not omitted_log else "differs",
                        f"tabs {len(tabs_z)} (MkDocs {len(tabs_m)}){'' if tabs_m == tabs_z else f': {tabs_z} vs {tabs_m}'}; "
                        f"{len(nested)} pages outside the nav built by both; Zensical log lines about them: {len(omitted_log)}"))

    # use_directory_urls
    flat = [p for p in zs.pages if p not in ("index.html", "404.html") and not p.endswith("/index.html")]
    checks.append(Check("use_directory_urls: true",
                        "works" if not flat and zs.pages == mk.pages else "differs",
                        f"{len(zs.pages)} Zensical pages, {len(flat)} not of the form dir/index.html"))

    # ids from attr_list (paragraph anchors p-N) and the rest of the main content
    n_p = sum(len([i for i in article(zs.site, p)["ids"] if re.fullmatch(r"p-\d+", i)]) for p in common)
    id_diff = [p for p, d in differing.items() if any(x.startswith(("ids:", "headings:")) for x in d)]
    checks.append(Check("attr_list ids (paragraph anchors p-N, heading ids)",
                        "works" if not id_diff else "differs",
                        f"{n_p} p-N ids on Zensical pages; pages whose ids or heading ids differ: {len(id_diff)}"
                        + (f" e.g. {id_diff[:3]}" if id_diff else "")))
    for key, setting in (("definition lists", "def_list"), ("admonitions", "admonition"), ("tables", "tables")):
        n = sum(bool(article(zs.site, p)[key]) for p in common)
        bad = [p for p, d in differing.items() if any(x.startswith(key + ":") for x in d)]
        checks.append(Check(f"markdown_extensions: {setting}", "works" if not bad else "differs",
                            f"used on {n} pages; pages where it differs: {len(bad)}" + (f" e.g. {bad[:3]}" if bad else "")))

    # font: false, and nothing loaded from another host
    ext = check_site(zs.site).external_loads
    fonts = [p for p in common if re.search(r"fonts\.(googleapis|gstatic)\.com", _read(zs.site, p))]
    requests = browser_requests(zs.site, [p for p in ("index.html", "search/index.html",
                                                      max((p for p in common if p.count("/") == 3), default="index.html"))
                                          if p in zs.pages]) if browser else None
    hosts = _asset_hosts(zs.site)
    verdict = "works" if not ext and not fonts and not requests else "fails"
    checks.append(Check("theme.font: false / no loads from other hosts", verdict,
                        f"HTML/CSS loads from other hosts: {len(ext)}{' ' + str(ext[:3]) if ext else ''}; "
                        f"pages naming Google Fonts: {len(fonts)}; headless Chromium on 3 pages asked other hosts for: "
                        f"{'not run' if requests is None else requests or 'nothing'}; hosts named in the theme's JS/CSS "
                        f"(loaded only by features the site does not use): {', '.join(hosts)}"))
    return checks


PROBE_LINE = ("A findable zebra word. [Missing page](no-such-page.md), [missing anchor](about.md#no-such-anchor), "
              "[absolute](/about/), [unrecognized](about).")
PROBE_CASES = (  # setting, the link target in PROBE_LINE (None: the nav entry), what MkDocs says
    ("nav.not_found", None, "no-such-nav-page.md"),
    ("links.not_found", "no-such-page.md", "no-such-page.md"),
    ("links.anchors", "about.md#no-such-anchor", "no-such-anchor"),
    ("links.absolute_links", "/about/", "absolute link"),
    ("links.unrecognized_links", "about)", "unrecognized relative link"),
)


def probe(project: Path, exe: Path) -> list[Check]:
    """A copy of `project` (docs already generated) with one page more, outside the nav and
    without `search: exclude`, whose links are broken in the four ways mkdocs.yml's `validation`
    names, and a nav entry to a missing page: what Zensical does with `strict` and `validation`,
    and which pages its search index holds."""
    checks: list[Check] = []
    exe = Path(exe).absolute()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "probe"
        top = {"site-mkdocs", "site-zensical", ".cache", ".zensical-bench.yml"}
        shutil.copytree(project, copy, ignore=lambda d, names: [n for n in names if Path(d) == project and n in top])
        (copy / "docs" / "probe.md").write_text(f"# Probe page\n\n{PROBE_LINE}\n", encoding="utf-8")
        cfg = copy / "mkdocs.yml"
        cfg.write_text(re.sub(r"(?m)^(nav:\n(?:  - .*\n)+)", r"\1  - Missing: no-such-nav-page.md\n",
                              cfg.read_text(encoding="utf-8")), encoding="utf-8")
        mk = build_mkdocs(copy, copy / "site-mkdocs")
        zs = build_zensical(copy, copy / "site-zensical", exe, warm=False)
        log = re.sub(r"\x1b\[[0-9;]*m", "", zs.log)
        z_warn = re.findall(r"(?m)^Warning: (.*)\n(?:.*\n)?.*probe\.md:3:(\d+)", log)  # (message, column)
        m_warn = [l.strip() for l in mk.log.splitlines() if l.startswith("WARNING")]
        checks.append(Check("strict: true (mkdocs.yml)",
                            "works" if not zs.ok else "fails",
                            f"probe: MkDocs exits {mk.returncode} ({len(m_warn)} warnings); Zensical exits "
                            f"{zs.returncode} ({len(re.findall('(?m)^Warning:', log))} warnings)"))
        for setting, target, mk_says in PROBE_CASES:
            if target is None:
                z_hit = [w for w in log.splitlines() if "no-such-nav-page" in w]
            else:
                start = PROBE_LINE.index(target) + 1  # Zensical points at a column inside the target
                z_hit = [m for m, c in z_warn if start <= int(c) < start + len(target)]
            m_hit = any(mk_says in w for w in m_warn)
            checks.append(Check(f"validation.{setting}: warn",
                                "works" if bool(z_hit) == m_hit else ("fails" if m_hit else "differs"),
                                f"MkDocs warns: {m_hit}; Zensical warns: {bool(z_hit)}"
                                + (f" ({z_hit[0]!r})" if z_hit else " (ignored)")))
        # strict from mkdocs.yml is what stops it: the same probe with strict: false passes.
        loose = copy / "mkdocs-loose.yml"
        loose.write_text(re.sub(r"(?m)^strict: true", "strict: false", cfg.read_text(encoding="utf-8")) +
                         f"\nsite_dir: '{copy / 'site-zensical-loose'}'\n", encoding="utf-8")
        r = subprocess.run([str(exe), "build", "--clean", "-f", str(loose)], cwd=copy, capture_output=True,
                           text=True, env=ENV)
        checks.append(Check("strict: false (the same probe)", "works" if r.returncode == 0 else "differs",
                            f"Zensical exits {r.returncode}: warnings only, so strict: true above came from mkdocs.yml"))
        # `zensical build --strict` on the command line, too.
        r = subprocess.run([str(exe), "build", "--clean", "--strict", "-f", str(loose)], cwd=copy,
                           capture_output=True, text=True, env=ENV)
        checks.append(Check("zensical build --strict (command line)",
                            "works" if r.returncode else "fails", f"exit {r.returncode} on the probe with strict: false"))
        # search: exclude front matter: only the probe page should be in Zensical's index.
        import json

        idx = zs.site / "search.json"
        items = json.loads(idx.read_text(encoding="utf-8")).get("items", []) if idx.exists() else None
        where = sorted({str(i.get("location", "")).split("#")[0] for i in items or []})
        checks.append(Check("search: exclude (front matter)",
                            "works" if where and all(w.startswith("probe") for w in where) else "differs",
                            f"Zensical's search.json holds {len(items or [])} entries, from pages {where[:5]} "
                            f"(every page but the probe has search: exclude)"))
    return checks


# ---------------------------------------------------------------- the report

@dataclass
class Report:
    label: str
    zensical_version: str
    mkdocs: Build
    zensical: Build
    only_mkdocs: list[str]
    only_zensical: list[str]
    differing: dict[str, list[str]]      # page -> one line per aspect of its main content that differs
    checks: list[Check]

    def table(self, limit: int = 20) -> str:
        m, z = self.mkdocs, self.zensical
        runs = f"median of {len(m.seconds)}" if len(m.seconds) > 1 else "1 run"
        warm = f"{z.warm_seconds:.1f} s" if z.warm_seconds is not None else "-"
        rows = [
            ("", "MkDocs 1.6 + material", f"Zensical {self.zensical_version}"),
            (f"build time ({runs})", f"{m.median:.1f} s", f"{z.median:.1f} s"),
            ("  runs", " ".join(f"{s:.1f}" for s in m.seconds), " ".join(f"{s:.1f}" for s in z.seconds)),
            (f"CPU time ({runs})", f"{statistics.median(m.cpu_seconds):.1f} s" if m.cpu_seconds else "-",
             f"{statistics.median(z.cpu_seconds):.1f} s" if z.cpu_seconds else "-"),
            ("rebuild with warm cache", "-", warm),
            ("build exit code, warnings", f"{m.returncode}, {m.warnings}", f"{z.returncode}, {z.warnings}"),
            ("HTML pages", str(len(m.pages)), str(len(z.pages))),
            ("site size", f"{m.site_bytes / 1e6:.1f} MB", f"{z.site_bytes / 1e6:.1f} MB"),
            ("pages in this site only", str(len(self.only_mkdocs)), str(len(self.only_zensical))),
        ]
        w0, w1 = max(len(r[0]) for r in rows), max(len(r[1]) for r in rows)
        out = [f"\n{self.label}: MkDocs vs Zensical"] + [f"  {a:<{w0}}  {b:<{w1}}  {c}" for a, b, c in rows]
        out.append(f"  pages whose main content differs: {len(self.differing)} of {len(m.pages & z.pages)} in both")
        for page in self.only_mkdocs[:limit]:
            out.append(f"    MkDocs only:   {page}")
        for page in self.only_zensical[:limit]:
            out.append(f"    Zensical only: {page}")
        for page, diffs in list(self.differing.items())[:limit]:
            out.append(f"    differs: {page}")
            out += [f"      {d[:300]}" for d in diffs]
        if len(self.differing) > limit:
            out.append(f"    … and {len(self.differing) - limit} more pages")
        if not z.ok:
            out.append("  Zensical failed:\n" + "\n".join("    " + l for l in z.log.splitlines()[-20:]))
        if not m.ok:
            out.append("  MkDocs failed:\n" + "\n".join("    " + l for l in m.log.splitlines()[-20:]))
        if self.checks:
            out.append("  settings:")
            for c in self.checks:
                out.append(f"    [{c.verdict}] {c.setting}: {c.evidence}")
        return "\n".join(out)


def compare(project: Path, docs_ready: bool = True, runs: int = 3, probe_settings: bool = True,
            browser: bool = True, label: str = "", zensical: Path | None = None) -> Report:
    """Build project/docs with MkDocs (project/site-mkdocs) and Zensical (project/site-zensical)
    and compare them. See the module docstring."""
    project = Path(project)
    if not docs_ready:
        from generator.commands.build import generate
        from generator.config import Settings
        from generator.load.validate import load_dataset

        generate(Settings.for_project(project), load_dataset(project / "data"))
    exe = zensical or ensure_zensical()
    article.cache_clear()
    mk = build_mkdocs(project, project / "site-mkdocs", runs)
    zs = build_zensical(project, project / "site-zensical", exe, runs)
    only_mk, only_zs, differing = compare_sites(mk.site, zs.site)
    checks: list[Check] = []
    if mk.ok and zs.ok:
        checks = settings_checks(mk, zs, differing, browser=browser)
        if probe_settings:
            checks += probe(project, exe)
    article.cache_clear()
    return Report(label or project.name, zensical_version(exe), mk, zs, only_mk, only_zs, differing, checks)


def _corpus() -> Path | None:
    for c in (ROOT.parent / "shared" / "corpus", ROOT.parents[1] / "shared" / "corpus"):
        if c.exists():
            return c
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--national", action="store_true", help="also the national corpus (one run of each build)")
    ap.add_argument("--runs", type=int, default=3, help="timed builds of each tool for the shipped data (median)")
    ap.add_argument("--no-browser", action="store_true", help="skip the headless Chromium check")
    args = ap.parse_args()
    from generator.commands.build import generate
    from generator.config import Settings
    from tests.conftest import copy_project

    exe = ensure_zensical()
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        print(compare(project, docs_ready=False, runs=args.runs, browser=not args.no_browser,
                      label="shipped data", zensical=exe).table())
    if args.national:
        from generator.load.validate import load_dataset

        with tempfile.TemporaryDirectory() as tmp:
            project = copy_project(Path(tmp) / "project")
            dataset = load_dataset(ROOT / "data")
            generate(Settings.for_project(project), dataset)
            print(compare(project, runs=1, probe_settings=False, browser=not args.no_browser,
                          label=f"national corpus ({len(dataset.documents)} documents)", zensical=exe).table(limit=10))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
