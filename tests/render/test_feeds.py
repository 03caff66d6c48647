"""Atom feeds: they parse (feedparser, no bozo), hold the expected entries newest first with
stable ids, dates from the data and links that resolve on the built site."""
from __future__ import annotations

import time
from pathlib import Path

import feedparser
import pytest

from generator.render import feeds, urls
from generator.config import Limits
from generator.render.run import render_files
from generator.index.catalog import build_catalog
from generator.write.linkcheck import parse
from generator.load.validate import load_dataset
from tests.conftest import DATA

BASE = "https://example.org/site/"  # where the site might be served: links resolve against it


def _parse(site: Path, path: str) -> feedparser.FeedParserDict:
    d = feedparser.parse((site / path).read_bytes(),
                         response_headers={"content-location": BASE + path, "content-type": "application/atom+xml"})
    assert not d.bozo, f"{path}: {d.get('bozo_exception')!r}"
    assert d.version == "atom10"
    return d


def _resolves(site: Path, url: str) -> bool:
    assert url.startswith(BASE), url
    path, _, anchor = url[len(BASE):].partition("#")
    target = site / path
    if target.is_dir():
        target = target / "index.html"
    return target.is_file() and (not anchor or anchor in parse(target).ids)


def _ds_docs():
    ds = load_dataset(DATA)
    return ds, {a.ons_code: a.slug for a in ds.authorities}


def test_the_england_feed(built_site: Path) -> None:
    ds, _slugs = _ds_docs()
    d = _parse(built_site, urls.feed_all())
    assert len(d.entries) == min(Limits().feed_entries, len(ds.documents))
    assert d.feed.id == "tag:childrens-services-inspections,2026:feeds/all"
    assert {link.rel: link.href for link in d.feed.links} == {"self": BASE + "feeds/all.xml", "alternate": BASE}
    ids = [e.id for e in d.entries]
    assert len(ids) == len(set(ids)) and all(i.startswith("tag:childrens-services-inspections,2026:") for i in ids)
    dates = [e.updated_parsed for e in d.entries]
    assert dates == sorted(dates, reverse=True), "newest first"
    assert d.feed.updated_parsed == dates[0]
    reformed = d.entries[0]
    assert reformed.id.endswith(":south-tyneside/2026-06-15-ilacs-2026/ofsted-report")
    assert time.strftime("%Y-%m-%d", reformed.updated_parsed) == "2026-08-04"  # published, not the inspection's end
    assert time.strftime("%Y-%m-%d", reformed.published_parsed) == "2026-08-04"
    # No overall grade: said, and every area's grade listed (the leaders' grade is not a headline).
    assert ("No overall grade (the reformed inspections of 2026 grade each area only). Leaders: Good; "
            "Help and protection: Good; Children in care: Good; Care leavers: Outstanding.") in reformed.summary
    first = d.entries[1]
    assert first.id.endswith(":nottingham/2020-02-04-focused-visit/ofsted-letter")
    assert time.strftime("%Y-%m-%d", first.updated_parsed) == "2020-02-27"  # Ofsted's publication date
    ilacs = d.entries[2]
    assert ilacs.id.endswith(":nottinghamshire/2019-10-07-ilacs/ofsted-report")
    assert ilacs.link == BASE + "authorities/nottinghamshire/2019-10-07-ilacs/"
    assert time.strftime("%Y-%m-%d", ilacs.updated_parsed) == "2019-12-19"  # published, not the inspection's end
    assert "Nottinghamshire" in ilacs.title and "Overall effectiveness: Good" in ilacs.summary
    slac = next(e for e in d.entries if "2011-09-19-slac" in e.id)
    assert time.strftime("%Y-%m-%d", slac.updated_parsed) == "2011-10-17"  # its publication date
    council = next(e for e in d.entries if e.id.endswith("/council-response"))
    assert time.strftime("%Y-%m-%d", council.updated_parsed) == "2014-07-02"  # the date the paper carries
    assert "council's own account" in council.summary
    for e in d.entries:
        assert _resolves(built_site, e.link), e.link


def test_one_feed_per_authority_with_its_documents(built_site: Path) -> None:
    ds, slugs = _ds_docs()
    for a in ds.authorities:
        d = _parse(built_site, urls.authority_feed(a.slug))
        mine = [doc for doc in ds.documents if doc.authority == a.ons_code]
        assert len(d.entries) == len(mine), a.slug
        assert all(e.link.startswith(BASE + f"authorities/{a.slug}/") for e in d.entries)
        assert {link.rel: link.href for link in d.feed.links}["alternate"] == BASE + f"authorities/{a.slug}/"
    everywhere = {e.id: e for e in _parse(built_site, urls.feed_all()).entries}
    for e in _parse(built_site, urls.authority_feed("nottinghamshire")).entries:
        assert everywhere[e.id].summary == e.summary  # one entry, one id, the same in every feed


def test_one_feed_per_theme_with_the_reports_that_raise_it(built_site: Path) -> None:
    ds, _slugs = _ds_docs()
    for t in ds.themes:
        d = _parse(built_site, urls.theme_feed(t.slug))
        assert d.feed.title.endswith(t.name)
        for e in d.entries:
            assert f":themes/{t.slug}/" in e.id
            assert [tag.term for tag in e.tags] == [t.slug]
            assert _resolves(built_site, e.link), e.link
    d = _parse(built_site, urls.theme_feed("private-fostering"))
    e = next(x for x in d.entries if "nottinghamshire/2019-10-07-ilacs" in x.id)
    assert e.link == BASE + "authorities/nottinghamshire/2019-10-07-ilacs/#p-12"
    assert "safeguarding privately fostered children" in e.summary
    assert any(len(_parse(built_site, urls.theme_feed(t.slug)).entries) >= 3 for t in ds.themes)


def test_feeds_are_deterministic_and_dated_by_the_data(built_site: Path) -> None:
    first = {k: v for k, v in render_files(build_catalog(load_dataset(DATA))).items() if k.startswith("feeds/")}
    second = {k: v for k, v in render_files(build_catalog(load_dataset(DATA))).items() if k.startswith("feeds/")}
    assert first == second
    for path, text in first.items():
        assert (built_site / path).read_bytes() == text.encode("utf-8"), path
    # The feed's own date is its newest entry's (published 4 August 2026), not the day of the build.
    head = first[urls.feed_all()].split("<entry>")[0]
    assert "<updated>2026-08-04T00:00:00Z</updated>" in head and time.strftime("%Y-%m-%d") not in head


def test_only_the_newest_are_listed() -> None:
    out = render_files(build_catalog(load_dataset(DATA), Limits(feed_entries=2)))
    d = feedparser.parse(out[urls.feed_all()].encode("utf-8"))
    assert not d.bozo and len(d.entries) == 2
    assert [e.id.rsplit(":", 1)[1] for e in d.entries] == ["south-tyneside/2026-06-15-ilacs-2026/ofsted-report",
                                                           "nottingham/2020-02-04-focused-visit/ofsted-letter"]


def test_awkward_text_is_escaped(project: Path) -> None:
    rec = project / "data/reports/nottinghamshire/2019-10-07-ilacs.ofsted-report.yaml"
    # A title may not hold < or > (the check refuses them, as it refuses control characters:
    # tests/cases); it may hold &, quotes and entities. Findings may hold anything printable.
    awkward = 'A & B &lt;script&gt; "quoted" ]]&gt;'
    text = rec.read_text(encoding="utf-8")
    text = text.replace("title: Inspection of local authority children's services",
                        'title: "' + awkward.replace('"', '\\"') + '"', 1)
    text = text.replace("  - text: The awareness of, and social work response",
                        '  - text: <b>&amp;</b> <script>alert("x")</script> ]]> The awareness of, and social work response', 1)
    rec.write_text(text, encoding="utf-8")
    out = render_files(build_catalog(load_dataset(project / "data")))
    for path in (urls.feed_all(), urls.theme_feed("private-fostering")):
        xml = out[path]
        assert "<script>" not in xml and "\u0007" not in xml
        d = feedparser.parse(xml.encode("utf-8"))
        assert not d.bozo, repr(d.get("bozo_exception"))
    d = feedparser.parse(out[urls.theme_feed("private-fostering")].encode("utf-8"))
    e = next(x for x in d.entries if "2019-10-07-ilacs" in x.id)
    assert "<b>&amp;</b>" in e.summary  # plain text: shown as written, never as markup


def test_council_theme_and_home_pages_announce_their_feed(built_site: Path) -> None:
    """Autodiscovery: one <link rel="alternate" type="application/atom+xml"> in the head of the
    home page (England's feed), each council's page and each theme's page (their own feed),
    relative to the page, naming a feed that links back to the page."""
    import re

    from generator.load.validate import load_dataset as load

    ds = load(DATA)
    pages = {"index.html": urls.feed_all()}
    pages |= {f"authorities/{a.slug}/index.html": urls.authority_feed(a.slug) for a in ds.authorities}
    pages |= {f"themes/{t.slug}/index.html": urls.theme_feed(t.slug) for t in ds.themes}
    for page, feed in pages.items():
        html = (built_site / page).read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        found = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">', head)
        assert len(found) == 1, page
        title, href = found[0]
        target = (built_site / page).parent / href
        assert target.resolve() == (built_site / feed).resolve(), (page, href)
        d = _parse(built_site, feed)
        assert title.replace("&#x27;", "'") == d.feed.title
        back = next(link.href for link in d.feed.links if link.rel == "alternate")
        assert back == BASE + page[: -len("index.html")], (page, back)
    # Other pages announce none.
    for page in ("grades/index.html", "about/index.html", "search/index.html"):
        assert "application/atom+xml" not in (built_site / page).read_text(encoding="utf-8").split("</head>", 1)[0]


def test_entries_are_dated_by_publication_nationally() -> None:
    """Every entry of every feed is dated (updated) by its document's publication where known,
    and says so (published); a document with no publication date is dated by the date it
    carries, or the inspection's last day."""
    from generator.render.feeds import render_feeds
    from generator.render.labels import listed_date
    from tests.conftest import NATIONAL

    cat = build_catalog(load_dataset(NATIONAL))
    by_id = {cat.ids.document(d): d for insps in cat.documented_by.values() for i in insps for d in i.documents}
    feeds = render_feeds(cat)
    checked = 0
    for path in (urls.feed_all(), urls.authority_feed("blackpool"), urls.theme_feed("strategy-discussions")):
        d = feedparser.parse(feeds[path].encode("utf-8"))
        assert not d.bozo and d.entries
        for e in d.entries:
            doc_id = e.id.split(":", 2)[2].removeprefix("themes/strategy-discussions/")
            doc = by_id[doc_id]
            assert time.strftime("%Y-%m-%d", e.updated_parsed) == listed_date(doc).as_date().isoformat()
            if doc.published:
                assert time.strftime("%Y-%m-%d", e.published_parsed) == doc.published.as_date().isoformat()
                checked += 1
            else:
                assert "published" not in e
    assert checked > 60
