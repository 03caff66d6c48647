from __future__ import annotations

import itertools
import posixpath

from generator.render import urls

PATHS = ["index.md", "grades.md", "authorities/index.md", "authorities/a/index.md", "authorities/a/2019-ilacs/index.md",
         "authorities/ab/index.md", "themes/care-leavers/index.md", "data/findings.csv", "feeds/authorities/a.xml"]


def test_relative_agrees_with_posixpath_relpath() -> None:
    """The shortcut must give what posixpath.relpath gives for every pair of site paths."""
    starts = sorted({posixpath.dirname(p) for p in PATHS} | {"authorities/a/2019-ilacs", "authorities/ab", "."})
    for path, start in itertools.product(PATHS + [d for d in starts if d not in ("", ".")], starts):
        assert urls.relative(path, start) == posixpath.relpath(path, start or "."), (path, start)


def test_links_between_pages() -> None:
    assert urls.md_link("authorities/a/2019-ilacs/index.md", urls.theme("care-leavers")) == "../../../themes/care-leavers/index.md"
    assert urls.md_link("index.md", urls.authority("a"), "p-3") == "authorities/a/index.md#p-3"
    assert urls.html_link("authorities/a/2019-ilacs/index.md", urls.authority("a")) == "../"
    assert urls.html_link("authorities/a/index.md", urls.HOME) == "../../"
    assert urls.html_link("authorities/a/index.md", urls.authority("a"), "x") == "#x"
    assert urls.file_link("authorities/a/index.md", urls.authority_feed("a")) == "../../feeds/authorities/a.xml"
