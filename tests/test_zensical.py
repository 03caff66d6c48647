"""The test site built by Zensical, mkdocs-material's successor (bench/ZENSICAL.md), has the same
pages with the same main content as the MkDocs build the other tests check, and Zensical honours
the mkdocs.yml settings the site relies on.

Zensical comes from its own environment, .venv-zensical, pinned by bench/requirements-zensical.txt
and installed by `make test` (or `make zensical`), which also sets ZENSICAL to its executable: the
tests then run, and fail if it cannot be used. Only when pytest is run without the Makefile and
there is no .venv-zensical at all are they skipped. Nothing here installs anything or needs the
network."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from bench.zensical_compare import (ArticleParser, Build, build_zensical, compare_sites, page_differences,
                                    pinned_version, probe, settings_checks, ZENSICAL_VENV)


@pytest.fixture(scope="module")
def zensical() -> Path:
    given = os.environ.get("ZENSICAL")
    exe = Path(given) if given else ZENSICAL_VENV / "bin" / "zensical"
    if not given and not ZENSICAL_VENV.exists():
        pytest.skip("pytest was run without the Makefile and there is no .venv-zensical: "
                    "`make zensical` installs it (`make test` does, and then runs these tests)")
    if not exe.exists():
        pytest.fail(f"{exe} is missing: `make zensical` installs Zensical from bench/requirements-zensical.txt")
    r = subprocess.run([str(exe), "--version"], capture_output=True, text=True)
    version = r.stdout.strip().split()[-1] if r.returncode == 0 and r.stdout.strip() else None
    if version != pinned_version():
        pytest.fail(f"{exe} is Zensical {version or '(does not run: ' + (r.stderr.strip()[-300:] or '?') + ')'}, "
                    f"bench/requirements-zensical.txt pins {pinned_version()}: `make zensical` installs it afresh")
    return exe


@pytest.fixture(scope="module")
def sites(zensical: Path, built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Build]:
    """MkDocs' build is the test site the other tests check (built_site: generator and
    `mkdocs build --strict`); Zensical builds the same generated docs/, in a copy of that project."""
    source = built_site.parent
    project = tmp_path_factory.mktemp("zensical") / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "overrides", "docs"):
        (shutil.copytree if (source / name).is_dir() else shutil.copy2)(source / name, project / name)
    zs = build_zensical(project, project / "site-zensical", zensical, warm=False)
    assert zs.ok, f"zensical build failed (exit {zs.returncode}):\n{zs.log[-3000:]}"
    mk = Build("mkdocs", built_site)
    mk.scan()
    return mk, zs


def test_zensical_builds_the_same_pages_with_the_same_main_content(sites: tuple[Build, Build]) -> None:
    mk, zs = sites
    only_mk, only_zs, differing = compare_sites(mk.site, zs.site)
    assert len(mk.pages) > 40
    assert not only_mk and not only_zs, f"pages in MkDocs' site only: {only_mk}; in Zensical's only: {only_zs}"
    assert zs.warnings == 0, zs.log
    if differing:
        pytest.fail("main content differs from MkDocs' on {} of {} pages:\n{}".format(
            len(differing), len(mk.pages), "\n".join(f"{p}\n  " + "\n  ".join(d) for p, d in differing.items())))


def test_zensical_honours_the_settings_the_site_relies_on(sites: tuple[Build, Build], zensical: Path) -> None:
    mk, zs = sites
    project = zs.site.parent
    checks = settings_checks(mk, zs, compare_sites(mk.site, zs.site)[2], browser=False) + probe(project, zensical)

    def verdict(setting: str) -> str:
        found = [c for c in checks if c.setting.startswith(setting)]
        assert len(found) == 1, (setting, checks)
        return found[0].verdict

    for setting in ("theme.custom_dir:", "theme look", "extra_css:", "extra_javascript", "nav + not_in_nav",
                    "use_directory_urls:", "attr_list ids", "markdown_extensions: def_list",
                    "markdown_extensions: admonition", "markdown_extensions: tables", "theme.font:",
                    "strict: true", "strict: false", "zensical build --strict", "validation.links.not_found:",
                    "validation.links.anchors:", "search: exclude"):
        assert verdict(setting) == "works", (setting, [c for c in checks if c.setting.startswith(setting)])
    # What Zensical is known not to do (bench/ZENSICAL.md, "Lost guards"): should one start to
    # work, the note can say so.
    for setting in ("validation.nav.not_found:", "validation.links.absolute_links:",
                    "validation.links.unrecognized_links:"):
        assert verdict(setting) == "fails", (setting, [c for c in checks if c.setting.startswith(setting)])


def _site(tmp_path: Path, name: str, article: str, page: str = "grades/2019/index.html") -> Path:
    f = tmp_path / name / page
    f.parent.mkdir(parents=True)
    f.write_text(f'<html><body><nav><a href="x">theme</a></nav>\n<article class="md-content__inner">'
                 f'{article}</article></body></html>', encoding="utf-8")
    return tmp_path / name


REFERENCE = ('\n<h2 id="a">Grades</h2>\n<p class="para" id="p-1">See <a href="../">grades</a> <a href="#p-1">¶</a>'
             '</p>\n<pre><code>make  site\n</code></pre><svg><title>Timeline</title><rect/></svg><br>')


@pytest.mark.parametrize("what, other", [
    ("the same, as Zensical writes it", '\n  <a id="__skip" tabindex="-1"></a>\n  '
     '<h2 id="a">Grades</h2> <p id="p-1" class="para">See  <a href="../../grades/">grades</a>\n<a href="#p-1">&#182;</a>'
     '</p>  <pre><code>make  site\n</code></pre><svg><title>Timeline</title><rect></rect></svg><br />'),
    ("a class", REFERENCE.replace('class="para"', 'class="para x"')),
    ("a link's target", REFERENCE.replace('href="../"', 'href="../../"')),
    ("a space lost between two links", REFERENCE.replace("</a> <a", "</a><a")),
    ("white space in code", REFERENCE.replace("make  site", "make site")),
    ("an element around the same text", REFERENCE.replace("<code>make  site\n</code>", "<code><span>make  site\n</span></code>")),
    ("an SVG's shape", REFERENCE.replace("<rect/>", "<circle/>")),
])
def test_the_comparison_finds_what_differs_and_only_that(tmp_path: Path, what: str, other: str) -> None:
    """Without Zensical: the comparison finds one changed attribute, space or element in the
    article, and lets through only what ArticleParser says it normalises."""
    mk, zs = _site(tmp_path, "mk", REFERENCE), _site(tmp_path, "zs", other)
    found = page_differences(mk, zs, "grades/2019/index.html")
    assert bool(found) == (what != "the same, as Zensical writes it"), (what, found)
    assert ArticleParser.SKIP_TARGET == "__skip"
