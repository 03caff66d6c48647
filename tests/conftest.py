from __future__ import annotations

from generator.config import Settings
from generator.write.manifest import GENERATED_FILES

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT / "data"  # the national record: read by the tests of the data itself, never by golden tests
FIXTURE = ROOT / "tests" / "fixtures" / "data"
VOCABULARY = ("frameworks.yaml", "themes.yaml")  # the project's own, in data/


def fixture_data(dest: Path) -> Path:
    """The test records (tests/fixtures/data) with the project's frameworks and themes."""
    shutil.copytree(FIXTURE, dest, ignore=shutil.ignore_patterns("README.md"))
    for name in VOCABULARY:
        shutil.copy2(NATIONAL / name, dest / name)
    return dest


DATA = fixture_data(Path(tempfile.mkdtemp(prefix="fixture-data-")) / "data")
CORPUS = ROOT.parent / "shared" / "corpus"


def copy_project(dest: Path) -> Path:
    """A copy of what a build needs (config, hand-written docs, the test records), without build products."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "overrides"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
    fixture_data(dest / "data")
    docs = dest / "docs"
    docs.mkdir()
    for page in sorted((ROOT / "docs").glob("*.md")):
        if page.name not in GENERATED_FILES:  # generated
            shutil.copy2(page, docs / page.name)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data built into a site by the real pipeline (generator + mkdocs --strict)."""
    from generator.commands.site import build_site

    proj = copy_project(tmp_path_factory.mktemp("site") / "project")
    assert build_site(Settings.for_project(proj)) == 0
    return proj / "site"


CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


@contextlib.contextmanager
def serve(site: Path):
    """A built site served on the loopback interface (a real HTTP server, as a browser needs);
    yields its address."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The shipped data's built site, served."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by playwright (no browser download)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                                    "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()
