"""Jinja2 environment and the escaping filters that keep record text from becoming markup."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown_it import MarkdownIt

TEMPLATES = Path(__file__).parent / "templates"

# Report text is Markdown written by ingest or an editor. It is rendered here, with raw HTML
# disabled and markdown-it's link validation (no javascript:, vbscript:, data: links), so
# the page receives finished, escaped HTML.
# Headings are not report text's to make either: a document's headings are body entries of their own.
_report_md = (MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
              .enable("table").disable(["heading", "lheading"]))

# Characters Python-Markdown treats as syntax and accepts a backslash escape for (plus "|",
# which the tables extension unescapes).
# Findings and excerpts: emphasis only. Links and images are not theirs to make.
_inline_md = MarkdownIt("commonmark", {"html": False}).disable(["link", "image", "autolink", "html_inline", "backticks"])

_INLINE_SPECIALS = re.compile(r"([\\`*_{}\[\]#+|])")


def md_inline(text: object) -> str:
    """Text safe to place inline in Markdown: HTML escaped, Markdown syntax neutralised."""
    s = " ".join(str(text).split())
    s = html.escape(s, quote=False)
    s = _INLINE_SPECIALS.sub(r"\\\1", s)
    # A leading "-", "+", digits-dot or ">" would start a block construct if it began a line.
    s = re.sub(r"^(\d+)\.", r"\1\\.", s)
    s = re.sub(r"^([-+>])", r"\\\1", s)
    return s


def html_text(text: object) -> str:
    """Text safe inside HTML elements and attributes."""
    return html.escape(" ".join(str(text).split()), quote=True)


# Most report text is one plain line, or a list of plain lines: no character Markdown acts on,
# no line-start syntax. markdown-it's output for those is known (escape & < > ", wrap in <p>
# or <ul><li>), so it is made directly; tests check the shortcut against markdown-it on random
# text and on real reports.
_PLAIN = re.compile(r"[^\x00-\x1f\x7f\x85\u2028\u2029\\`*_\[\]<>!|~#&]*")


def _plain(text: str) -> bool:
    return bool(text and _PLAIN.fullmatch(text) and text[0] not in "-+=0123456789"
                and not text[0].isspace() and not text[-1].isspace())


def _escape(text: str) -> str:
    return html.escape(text, quote=False).replace('"', "&quot;")


def report_html(text: str) -> str:
    """Record Markdown (report text, notes) → safe HTML, on as few lines as possible."""
    if _plain(text):
        return f"<p>{_escape(text)}</p>"
    lines = text.split("\n")
    if all(line.startswith("- ") and _plain(line[2:]) for line in lines):  # a plain bullet list
        return "<ul>\n" + "\n".join(f"<li>{_escape(line[2:])}</li>" for line in lines) + "\n</ul>"
    out = _report_md.render(text).strip()
    # Blank lines would end a raw HTML block in the page's Markdown; there are none in
    # markdown-it output, but keep it certain.
    return re.sub(r"\n\s*\n", "\n", out)


def paragraph_inside(rendered: str) -> str | None:
    """The inside of report_html's output when that is one paragraph (<p>…</p>), so a caller
    can put the paragraph in an element of its own; None when it is anything else (a list, two
    paragraphs, a table …)."""
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1 and "\n" not in rendered:
        return rendered[3:-4]
    return None


def inline_html(text: str) -> str:
    """One line of record Markdown (a finding, an excerpt) → safe inline HTML: emphasis kept,
    HTML escaped, unsafe links dropped. The result is on one line and never starts a block."""
    out = _inline_md.renderInline(" ".join(str(text).split()))
    # Keep Python-Markdown from reading it as Markdown again: escape what it would act on.
    return out.replace("\\", "&#92;").replace("*", "&#42;").replace("_", "&#95;").replace("[", "&#91;").replace("`", "&#96;").replace("|", "&#124;")


def title_yaml(text: object) -> str:
    """A page title for the front matter: HTML-escaped (the theme writes a page's meta title
    into <title> and the header as it is) and quoted as a YAML string (JSON's quoting is
    YAML's), so no name can end the string, the tag or the front matter."""
    return json.dumps(html_text(text), ensure_ascii=False)


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        undefined=StrictUndefined,
        autoescape=False,  # Markdown output: every value goes through an explicit filter
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_inline
    env.filters["h"] = html_text
    env.filters["title_yaml"] = title_yaml
    env.filters["report_html"] = report_html
    env.filters["inline_html"] = inline_html
    return env
