"""Text from records can never become markup: each hostile construct, in each kind of field,
through a real generator + mkdocs build, shows as text."""
from __future__ import annotations

import re

import pytest

from generator.ingest.yamlout import dump
from generator.site import build_site
from generator.sources import read_yaml
from tests.conftest import copy_project

REC = "data/reports/south-tyneside/2013-05-13-cp-2012.ofsted-report.yaml"
NOTES = "data/annotations/south-tyneside.yaml"
PAGE = "authorities/south-tyneside/2013-05-13-cp-2012/index.html"

CONSTRUCTS = {
    "script": "<script>alert('pwned')</script>",
    "img-onerror": '<img src=x onerror="alert(1)">',
    "javascript-link": "[click me](javascript:alert(1))",
    "raw-html-block": '<div class="evil-block">raw block</div>',
    "markdown-link": "[evil link](https://evil.example/phish)",
    "heading": "# Injected heading",
    "jinja-expression": "{{ 7 * 7 }}",
    "jinja-statement": "{% if true %}yes{% endif %}",
    "table-pipe": "cell | broken | table",
}
# Fields a construct is put in: a single-line field (title), a table cell (judgement area),
# a finding, a paragraph of report text (Markdown) and an editor's note (Markdown).
FIELDS = ("title", "area", "finding", "paragraph", "note")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    rec = project / REC
    data = read_yaml(rec).data
    blob = " ".join(f"[{k}] {v}" for k, v in CONSTRUCTS.items())
    data["title"] = "TITLE " + blob
    data["judgements"][0]["area"] = "AREA " + blob
    data["improvements"][0]["text"] = "FINDING " + blob
    para = next(b for b in data["body"] if b.get("number") == 5)
    para["text"] = "PARAGRAPH\n\n" + "\n\n".join(CONSTRUCTS.values()) + "\n\n" + para["text"]
    rec.write_text(dump(data), encoding="utf-8")
    notes = project / NOTES
    notes.write_text(notes.read_text(encoding="utf-8") + "- document: south-tyneside/2013-05-13-cp-2012/ofsted-report\n"
                     "  paragraph: 5\n  text: |-\n      NOTE\n\n" + "\n\n".join(f"      {v}" for v in CONSTRUCTS.values()) + "\n",
                     encoding="utf-8")
    assert build_site(project, project / "site") == 0
    html = (project / "site" / PAGE).read_text(encoding="utf-8")
    return {"html": html, "authority": (project / "site/authorities/south-tyneside/index.html").read_text(encoding="utf-8")}


def _main(html: str) -> str:
    """The page's article, without the theme's own scripts."""
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


def test_no_script_or_event_handler_anywhere(hostile_site: dict[str, str]) -> None:
    for html in hostile_site.values():
        assert "<script>alert" not in html
        assert not re.search(r"<[a-z]+[^>]*\sonerror=", html, re.I)
        assert 'href="javascript:' not in html.lower()
        assert '<div class="evil-block">' not in html
        assert "<h1>Injected heading" not in html and not re.search(r"<h\d[^>]*>Injected heading", html)


@pytest.mark.parametrize("construct", sorted(CONSTRUCTS))
def test_each_construct_shows_as_text(hostile_site: dict[str, str], construct: str) -> None:
    article = _main(hostile_site["html"])
    visible = re.sub(r"<[^>]+>", "", article)
    import html as htmllib

    visible = htmllib.unescape(visible)
    raw = CONSTRUCTS[construct]
    if construct in ("javascript-link", "markdown-link"):
        # Single-line fields keep the brackets as text; report text may render a safe link's words.
        assert raw.split("](")[0].lstrip("[") in visible
    elif construct == "heading":
        assert "# Injected heading" in visible
    else:
        assert raw in visible, construct


def test_single_line_fields_never_make_links(hostile_site: dict[str, str]) -> None:
    article = _main(hostile_site["html"])
    # Only report text (paragraph, note) may hold a real link; the title, area and finding hold text.
    head = article.split('<div class="report-text">', 1)[0]
    assert 'href="https://evil.example/phish"' not in head
    assert "[evil link](https://evil.example/phish)" in re.sub(r"<[^>]+>", "", head).replace("&amp;", "&")


def test_a_pipe_never_breaks_a_table(hostile_site: dict[str, str]) -> None:
    article = _main(hostile_site["html"])
    table = next(t for t in re.findall(r"<table>.*?</table>", article, re.S) if "AREA" in t)
    for row in re.findall(r"<tr>.*?</tr>", table, re.S):
        assert len(re.findall(r"<t[dh][ >]", row)) == 2
