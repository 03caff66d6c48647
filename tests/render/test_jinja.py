from __future__ import annotations

import random
import re

import markdown
import pytest

from generator.render.jinja import md_inline, paragraph_inside, report_html


def _as_html(inline: str) -> str:
    return markdown.markdown(f"| h |\n|---|\n| {inline} |\n\n- {inline}", extensions=["tables", "attr_list"])


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "# heading",
    "a | b | c",
    "{{ config }} {% raw %}",
    "**bold** _it_ {: #id .cls }",
    "- item",
    "1. item",
]


def test_inline_text_never_becomes_markup() -> None:
    for text in HOSTILE:
        html = _as_html(md_inline(text))
        assert "<script" not in html and "<img" not in html and "<h1" not in html
        assert 'href="javascript' not in html and "<strong>" not in html and "<em>" not in html
        assert html.count("<td>") == 1  # a pipe never breaks the table


def test_inline_text_keeps_its_words() -> None:
    html = _as_html(md_inline("Children's plans: 50% [approx] | A&B"))
    assert "Children's plans: 50% [approx] | A&amp;B" in html


def test_report_markdown_keeps_lists_but_not_html_or_script_links() -> None:
    out = report_html("Text with <b>tag</b> and [x](javascript:alert(1)).\n\n- one\n- two")
    assert "&lt;b&gt;" in out and "<b>" not in out
    assert 'href="javascript' not in out
    assert "<li>one</li>" in out


def _markdown_it(text: str) -> str:
    from generator.render.jinja import _report_md

    return re.sub(r"\n\s*\n", "\n", _report_md.render(text).strip())


def test_plain_text_shortcut_matches_markdown_it_on_random_text() -> None:
    """report_html skips markdown-it for plain one-line text; its output must be exactly
    markdown-it's, including for characters near the edge of "plain"."""
    rng = random.Random(20261122)
    alphabet = list("aZ09 .,;:()'\"-+=&<>£–’\u00a0\u2003\x0b\x0c\t\n*_#|!~[]\\`") + [
        "Ofsted ", "1. ", "- ", "\n- ", "\n- a", "&amp;", "&#65;"]
    shortcut = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        got = report_html(text)
        assert got == _markdown_it(text), repr(text)
        shortcut += got.startswith("<p>") and "\n" not in got
    assert shortcut > 1000  # the shortcut was exercised, not only the fallback


def test_paragraph_inside_is_the_inside_of_a_one_paragraph_report_html() -> None:
    """Report text shown as one <p class="para"> must be exactly what report_html would have
    put in its <p>, and anything else (lists, several paragraphs, raw HTML) is left to it."""
    rng = random.Random(7)
    alphabet = list("aZ09 .,;:'\"-&<>*_`[]()\n") + ["- ", "\n\n", "<script>", "**b**", "[x](javascript:y)"]
    inside = other = 0
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
        got = paragraph_inside(report_html(text))
        if got is None:
            other += 1
            assert not (report_html(text).startswith("<p>") and report_html(text).count("<p>") == 1
                        and report_html(text).endswith("</p>") and "\n" not in report_html(text)), repr(text)
        else:
            inside += 1
            assert f"<p>{got}</p>" == report_html(text), repr(text)
            assert "<script" not in got and "<p" not in got
    assert inside > 1000 and other > 100


def test_plain_text_shortcut_matches_markdown_it_on_the_corpus() -> None:
    """Every paragraph of a spread of real reports (every 25th PDF of the corpus)."""
    from generator.ingest.body import extract_body
    from generator.ingest.grades import Scales
    from generator.ingest.pdftext import IngestError
    from generator.ingest.meta import extract_meta
    from generator.ingest.pipeline import read_pages
    from generator.load.validate import load_vocabulary
    from tests.conftest import CORPUS, NATIONAL

    pdfs = sorted((CORPUS / "reports").glob("*/*.pdf"))[::25]
    if not pdfs:
        pytest.skip("../shared/corpus is not here")
    scales = Scales.of(load_vocabulary(NATIONAL).frameworks)
    texts = []
    for pdf in pdfs:
        try:
            pages = read_pages(pdf)
        except IngestError:  # a damaged PDF is the ingest tests' business
            continue
        texts += [b.text for b in extract_body(pages, scales, extract_meta(pages, scales).framework).blocks if not b.heading]
    assert len(texts) > 500
    for text in texts:
        assert report_html(text) == _markdown_it(text), repr(text[:200])
