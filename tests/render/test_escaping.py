"""Text from records can never become markup: each hostile construct, in each kind of field,
through a real generator + mkdocs build, shows as text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.config import Settings
from generator.ingest.yamlout import dump
from generator.commands.site import build_site
from generator.load.sources import read_yaml
from tests.conftest import copy_project, serve

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
# What a title may hold that could still end a string or an element: entities, quotes, YAML
# and JSON escapes, a front-matter fence.
TITLE_EXTRA = '&lt;script&gt;alert(2)&lt;/script&gt; "quoted" \\x3cb\\x3e --- \\u003c'
# Fields a construct is put in: a single-line field (title), a table cell (judgement area),
# a finding, a paragraph of report text (Markdown) and an editor's note (Markdown).
FIELDS = ("title", "area", "finding", "paragraph", "note")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    rec = project / REC
    data = read_yaml(rec).data
    blob = " ".join(f"[{k}] {v}" for k, v in CONSTRUCTS.items())
    # Names and titles refuse < and > at the check (tests/cases); what they may hold still
    # shows as text, in the page and in its <title>.
    data["title"] = "TITLE " + " ".join(f"[{k}] {v}" for k, v in CONSTRUCTS.items() if "<" not in v) + " " + TITLE_EXTRA
    data["judgements"][0]["area"] = "AREA " + blob
    data["improvements"][0]["text"] = "FINDING " + blob
    para = next(b for b in data["body"] if b.get("number") == 5)
    para["text"] = "PARAGRAPH\n\n" + "\n\n".join(CONSTRUCTS.values()) + "\n\n" + para["text"]
    rec.write_text(dump(data), encoding="utf-8")
    # And the council's short name, which is in the <title> of each of its pages.
    authorities = read_yaml(project / "data/authorities.yaml").data
    council = next(a for a in authorities if a["slug"] == "south-tyneside")
    council["short_name"] = "South Tyneside " + TITLE_EXTRA
    (project / "data/authorities.yaml").write_text(dump(authorities), encoding="utf-8")
    notes = project / NOTES
    notes.write_text(notes.read_text(encoding="utf-8") + "- document: south-tyneside/2013-05-13-cp-2012/ofsted-report\n"
                     "  paragraph: 5\n  text: |-\n      NOTE\n\n" + "\n\n".join(f"      {v}" for v in CONSTRUCTS.values()) + "\n",
                     encoding="utf-8")
    assert build_site(Settings.for_project(project)) == 0
    html = (project / "site" / PAGE).read_text(encoding="utf-8")
    return {"html": html, "authority": (project / "site/authorities/south-tyneside/index.html").read_text(encoding="utf-8"),
            "site": str(project / "site")}


def _main(html: str) -> str:
    """The page's article, without the theme's own scripts."""
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


def test_no_script_or_event_handler_anywhere(hostile_site: dict[str, str]) -> None:
    for html in (hostile_site["html"], hostile_site["authority"]):
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


def test_a_title_shows_as_text_in_the_page_title(hostile_site: dict[str, str]) -> None:
    import html as htmllib

    head = re.search(r"<title>(.*?)</title>", hostile_site["html"], re.S)
    assert head is not None and "<" not in head.group(1)
    shown = htmllib.unescape(head.group(1))
    assert TITLE_EXTRA in shown


def test_no_dialog_opens_on_any_page_in_a_browser(hostile_site: dict[str, str], browser) -> None:
    """Every page of the site built from the hostile records, opened in chromium (with the
    search run for the hostile words): no alert, confirm or prompt opens, and no page error."""
    site = Path(hostile_site["site"])
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if not p.relative_to(site).as_posix().startswith(("pagefind/", "assets/")))
    assert len(pages) > 40
    dialogs: list[str] = []
    errors: list[str] = []
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    with serve(site) as url:
        for rel in pages + ["search/?q=pwned", "search/?q=onerror", "search/?q=%22alert%22"]:
            page.goto(url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
            page.wait_for_load_state("networkidle")
    context.close()
    assert dialogs == [] and errors == []
