"""Pagefind's chunk ranges, mended (generator/write/search_chunks.py): a query loads only the index
chunks that can hold its words, with the same results. Real Pagefind, real chromium."""
from __future__ import annotations

import gzip
from pathlib import Path

from generator.write import search_chunks
from generator.write.pagefind import run_pagefind
from tests.conftest import serve

# A tiny site whose sorted words make Pagefind cut a chunk after "a" (a word so frequent that it
# fills a chunk alone) and another after "accommod", listed as ending "accomm" since the next
# chunk starts "accompani": so "accommodation" falls between two ranges.
TEXT = " ".join(["a"] * 120 + ["abacus", "abide", "ability"] * 4 + ["accommodation", "accommodated"] * 40
                + ["accompanied"] * 30 + ["zebra"] * 10)
CHUNK_SIZE = "40"

SEARCH = """async (term) => {
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.options({ noWorker: true });
  const found = await pagefind.search(term);
  return found.results.length;
}"""


def _site(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for i in range(3):
        (folder / f"p{i}.html").write_text(
            f'<!doctype html><html lang="en"><head><title>Page {i}</title></head>'
            f"<body><article><h1>Page {i}</h1><p>{TEXT}</p></article></body></html>", encoding="utf-8")
    return folder


def _chunk_holding(pf: Path, word: str) -> str:
    """The index file (its hash) whose words include `word`."""
    import cbor2

    for f in sorted((pf / "index").iterdir()):
        words = cbor2.loads(gzip.decompress(f.read_bytes())[len(search_chunks.MAGIC):])[0]
        if any(w[0] == word for w in words):
            return f.stem
    raise AssertionError(f"no chunk holds {word!r}")


def _loaded(browser, site: Path, term: str) -> tuple[int, set[str]]:
    """The number of results for `term` and the index chunks a fresh browser loaded for it."""
    ctx = browser.new_context()
    page = ctx.new_page()
    loaded: set[str] = set()
    page.on("request", lambda r: loaded.add(r.url.rsplit("/", 1)[1].split(".")[0]) if "/index/" in r.url else None)
    with serve(site) as url:
        page.goto(url + "p0.html")
        n = page.evaluate(SEARCH, term)
    ctx.close()
    return n, loaded


def test_just_before_sorts_after_every_word_that_precedes() -> None:
    end = search_chunks.just_before("accomp")
    assert "accommod" < "accommodation" < "accomozzz" < end < "accomp" < "accompani"
    assert search_chunks.just_before("b") < "b" and "azzzz" < search_chunks.just_before("b")
    after_surrogates = search_chunks.just_before("x\ue000")  # the code point before U+E000 is a surrogate
    assert "x\ud7ff" < after_surrogates < "x\ue000" and after_surrogates.encode("utf-8")


def test_mended_ranges_meet_and_a_word_loads_only_its_chunk(tmp_path: Path, browser) -> None:
    site = _site(tmp_path / "site")
    run_pagefind(site, glob="*.html", chunk_size=CHUNK_SIZE, mend=False)
    pf = site / "pagefind"
    before = search_chunks.chunk_ranges(pf)
    # Pagefind's own ranges leave "accommodation" in no chunk's range …
    assert not any(a <= "accommodation" <= b for a, b, _ in before), before
    a_chunk, right = _chunk_holding(pf, "a"), _chunk_holding(pf, "accommod")
    assert a_chunk != right
    n_before, loaded_before = _loaded(browser, site, "accommodation")
    # … so a query for it loads the chunk that ends with "a" as well (this is what the mend is for).
    assert loaded_before >= {a_chunk, right}, (loaded_before, before)

    changed = search_chunks.mend_chunk_ranges(pf)
    after = search_chunks.chunk_ranges(pf)
    assert changed > 0
    assert [c[0] for c in after] == [c[0] for c in before] and [c[2] for c in after] == [c[2] for c in before]
    for (_, end, _), (start, _, _) in zip(after, after[1:]):
        assert end == search_chunks.just_before(start)
    assert after[-1][1] == search_chunks.TOP
    assert sum(1 for a, b, _ in after if a <= "accommodation" <= b) == 1
    n_after, loaded_after = _loaded(browser, site, "accommodation")
    assert loaded_after == {right}
    assert n_after == n_before == 3
    # Every other word still finds its pages.
    for word in ("a", "abacus", "accompanied", "zebra"):
        assert _loaded(browser, site, word)[0] == 3, word


def test_mend_renames_the_metadata_and_the_entry_points_at_it(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    run_pagefind(site, glob="*.html", chunk_size=CHUNK_SIZE, mend=False)
    pf = site / "pagefind"
    old = {p.name for p in pf.glob("*.pf_meta")}
    search_chunks.mend_chunk_ranges(pf)
    new = {p.name for p in pf.glob("*.pf_meta")}
    assert len(new) == 1 and new != old
    assert new.pop().split(".")[1] in (pf / search_chunks.ENTRY).read_text(encoding="utf-8")
    # Mending again changes nothing and keeps the name: the same input gives the same bytes.
    before = {p.name: p.read_bytes() for p in pf.glob("*.pf_meta")}
    assert search_chunks.mend_chunk_ranges(pf) == 0
    assert {p.name: p.read_bytes() for p in pf.glob("*.pf_meta")} == before


def test_a_metadata_file_of_another_shape_is_refused(tmp_path: Path) -> None:
    import cbor2
    import pytest

    pf = tmp_path / "pagefind"
    pf.mkdir()
    (pf / search_chunks.ENTRY).write_text('{"version":"9","languages":{"en":{"hash":"en_x"}}}', encoding="utf-8")
    (pf / "pagefind.en_x.pf_meta").write_bytes(gzip.compress(search_chunks.MAGIC + cbor2.dumps(["9", [], {"a": 1}])))
    with pytest.raises(ValueError, match="Pagefind's format changed"):
        search_chunks.mend_chunk_ranges(pf)
