"""Findable: the published address comes from one setting (mkdocs.yml's site_url, which reads
the environment variable SITE_URL that the Publish workflow sets); with it, the sitemap lists
every page, every page has a canonical link and a description of its own, and the feeds link
absolutely. Links between pages stay relative, so the site works from any folder."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from generator.commands.site import build_site
from generator.config import Settings
from generator.load.checker import ValidationFailed
from generator.load.files import check_mkdocs_config
from generator.write.linkcheck import check_site, parse
from tests.conftest import ROOT, copy_project

ADDRESS = "https://example.org/inspections/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site built as the Publish workflow builds it: SITE_URL set, without the slash."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SITE_URL", ADDRESS.rstrip("/"))
    try:
        proj = copy_project(tmp_path_factory.mktemp("published") / "project")
        assert build_site(Settings.for_project(proj)) == 0
    finally:
        mp.undo()
    return proj / "site"


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if p.parent.name != "pagefind")


def _address(site: Path, page: Path) -> str:
    rel = page.parent.relative_to(site).as_posix()
    return ADDRESS + ("" if rel == "." else rel + "/")


def test_the_sitemap_lists_every_page_at_its_published_address(published: Path) -> None:
    urls = ET.parse(published / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
    listed = [u.find(f"{SITEMAP}loc").text for u in urls]
    assert sorted(listed) == sorted(_address(published, p) for p in _pages(published))
    assert len(listed) > 50
    # Dated by the newest document (published 4 August 2026), not by the day of the build.
    assert {u.find(f"{SITEMAP}lastmod").text for u in urls} == {"2026-08-04"}


def test_every_page_has_a_canonical_link_and_a_description(published: Path) -> None:
    descriptions = set()
    for page in _pages(published):
        html = page.read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{_address(published, page)}">' in html, page
        found = re.findall(r'<meta name="description" content="([^"]*)">', html)
        assert len(found) == 1, page
        descriptions.add(found[0])
    assert len(descriptions) >= len(_pages(published)) - 2  # the search page has the site's own; 404 none
    council = (published / "authorities/nottinghamshire/index.html").read_text(encoding="utf-8")
    assert ('content="Ofsted&#x27;s inspections of Nottinghamshire County Council&#x27;s children&#x27;s services, '
            '2009 to 2019. Latest overall grade: Good (October 2019).') in council


def test_links_between_pages_stay_relative_so_any_folder_works(published: Path) -> None:
    report = check_site(published)
    assert not report.broken and not report.external_loads
    for page in _pages(published):
        p = parse(page)
        # Only the canonical link names the published address.
        assert [h for h in p.links if h.startswith(("/", ADDRESS))] == [_address(published, page)], page
        assert not [u for u in p.loads if u.startswith(("/", "http"))], page


def test_the_feeds_link_absolutely(published: Path) -> None:
    feeds = sorted((published / "feeds").rglob("*.xml"))
    assert len(feeds) > 20
    for path in feeds:
        text = path.read_text(encoding="utf-8")
        hrefs = re.findall(r'href="([^"]*)"', text)
        assert hrefs and all(h.startswith(ADDRESS) for h in hrefs), path
        assert f'xml:base="{ADDRESS}"' in text
    d = feedparser.parse((published / "feeds/all.xml").read_bytes())
    assert {link.rel: link.href for link in d.feed.links} == {"self": ADDRESS + "feeds/all.xml", "alternate": ADDRESS}
    for e in d.entries:
        rel = e.link[len(ADDRESS):].split("#")[0]
        assert (published / rel / "index.html").exists(), e.link


def test_without_an_address_nothing_claims_one(built_site: Path) -> None:
    assert "<url>" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in (built_site / "index.html").read_text(encoding="utf-8")
    assert 'xml:base="../"' in (built_site / "feeds/all.xml").read_text(encoding="utf-8")


# ------------------------------------------------------------------------- the one setting

def _config(tmp_path: Path, site_url_line: str) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("site_url:"))
    (tmp_path / "mkdocs.yml").write_text(text.replace(line, site_url_line), encoding="utf-8")
    return tmp_path


def test_the_address_is_read_as_mkdocs_reads_it(tmp_path: Path) -> None:
    assert (ROOT / "mkdocs.yml").read_text(encoding="utf-8").count("site_url: !ENV [SITE_URL, \"\"]") == 1
    assert check_mkdocs_config(ROOT, {}) is None  # a local build: no address
    assert check_mkdocs_config(ROOT, {"SITE_URL": "https://me.github.io/site"}) == "https://me.github.io/site/"
    assert check_mkdocs_config(ROOT, {"SITE_URL": ""}) is None
    project = _config(tmp_path, 'site_url: !ENV [SITE_URL, "https://inspections.example.org/"]')
    assert check_mkdocs_config(project, {}) == "https://inspections.example.org/"
    assert check_mkdocs_config(project, {"SITE_URL": "https://other.example/"}) == "https://other.example/"
    assert check_mkdocs_config(_config(tmp_path, "site_url: https://a.example"), {"SITE_URL": "https://b.example/"}) \
        == "https://a.example/"  # no !ENV: the environment is not read


@pytest.mark.parametrize("line, environ, message", [
    ("site_url: !ENV [SITE_URL, \"\"]", {"SITE_URL": "http://insecure.example/"},
     "mkdocs.yml:{n}: site_url: expected an https:// address without spaces, quotes, brackets or angle brackets, "
     "got 'http://insecure.example/' (from the environment variable SITE_URL)"),
    ("site_url: javascript:alert(1)", {}, "mkdocs.yml:{n}: site_url: expected an https:// address without spaces, "
     "quotes, brackets or angle brackets, got 'javascript:alert(1)'"),
    ("site_url: !ENV [SITE_URL, !!python/name:os.system ]", {},
     "mkdocs.yml:{n}: site_url: expected !ENV with a variable's name, or a list of names and a default, all plain text"),
    ("site_url: \"\"\ncopyright: !ENV COPYRIGHT", {},
     "mkdocs.yml:{m}: copyright: expected plain YAML, got the tag !ENV: tags are not allowed here (MkDocs would "
     "construct a Python object from it: mkdocs.yml may hold settings only)"),
])
def test_a_bad_address_or_a_tag_elsewhere_is_refused(tmp_path: Path, line: str, environ: dict, message: str) -> None:
    project = _config(tmp_path, line)
    n = next(k for k, x in enumerate((project / "mkdocs.yml").read_text().splitlines(), 1) if x.startswith("site_url:"))
    with pytest.raises(ValidationFailed) as exc:
        check_mkdocs_config(project, environ)
    assert [str(p) for p in exc.value.problems] == [message.format(n=n, m=n + 1)]
