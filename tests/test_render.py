from __future__ import annotations

import markdown

from generator.render import md_inline, report_html


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
