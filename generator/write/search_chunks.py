"""Mends the word ranges in Pagefind's index metadata so that a query loads only the index
chunks that can hold its words.

Pagefind (1.5 and 1.6) sorts the indexed words and cuts them into chunks; its metadata gives
each chunk's first and last word, each shortened to the fewest letters that tell it from the
neighbouring chunk. A query word is looked for in the chunk whose range holds it. The ranges
leave gaps: a chunk ending "accommod" is listed as ending "accomm", so "accommodation" (as
typed) and even "accommod" (its stem) fall after it and before the next chunk. Pagefind then
loads every chunk whose shortened range could hold the word, and that includes the chunk
ending in the word "a": 67 KB (gzipped) nationally, for any word beginning with "a" that falls
in a gap; the chunk ending "the" (139 KB) for words beginning "the", such as "these".

Nationally, searched for one at a time in chromium, 27 of the 300 commonest words of the reports
loaded a chunk they did not need ("analysis" 100 KB, 7 KB once mended; "accommodation" 73 KB, then 6 KB):
the 300 searches loaded 7.2 MB of index in all, and 5.6 MB once mended, with the same numbers of
results and the same first five. The staff query "care leavers accommodation" went from 242 KB
to 175 KB (bench/search.py, from another page of the site).

Pagefind also writes each filter's values (and the filters in its metadata) in the order of a
Rust hash map, which changes from run to run: the same site gave other filter files, under
other names, at every build. The mend writes each filter file with its values sorted, names it
by its content, and lists the filters in the metadata by name, so two builds of the same pages
give the same bytes.

The mend: each chunk's range runs up to just before the next chunk's first word, so the ranges
meet and every word falls in exactly one of them, the chunk where it would be in sorted order.
The chunks and the words in them are unchanged (tests/test_search_chunks.py, in chromium)."""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

MAGIC = b"pagefind_dcd"  # what each of Pagefind's files starts with, once gunzipped
TOP = "\U0010ffff"  # the last code point: after any letter a word can have
ENTRY = "pagefind-entry.json"


def just_before(word: str) -> str:
    """The last string before `word` in sorted order, as far as real words go: its last letter
    one lower (skipping the surrogates, which no text holds), then the highest code point."""
    lower = ord(word[-1]) - 1
    if 0xD800 <= lower <= 0xDFFF:
        lower = 0xD7FF
    return word[:-1] + chr(lower) + TOP


def _read(path: Path) -> object:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(MAGIC):
        raise ValueError(f"{path}: not a Pagefind file (no {MAGIC.decode()} header)")
    return cbor2.loads(raw[len(MAGIC):])


def _chunks(meta: object, path: Path) -> list[list[str]]:
    """The metadata's list of index chunks, [first word, last word, file], checked for shape."""
    if not (isinstance(meta, list) and len(meta) > 2 and isinstance(meta[2], list)
            and all(isinstance(c, list) and len(c) == 3 and all(isinstance(s, str) for s in c) for c in meta[2])):
        raise ValueError(f"{path}: expected Pagefind 1.5's metadata ([version, pages, [[from, to, hash], …], …]); "
                         "has Pagefind's format changed? See generator/write/search_chunks.py")
    return meta[2]


def _filters(meta: object, path: Path) -> list[list[str]]:
    """The metadata's list of filters, [name, file], checked for shape."""
    if not (isinstance(meta, list) and len(meta) > 3 and isinstance(meta[3], list)
            and all(isinstance(f, list) and len(f) == 2 and all(isinstance(s, str) for s in f) for f in meta[3])):
        raise ValueError(f"{path}: expected Pagefind 1.5's metadata ([version, pages, chunks, [[filter, hash], …], …]); "
                         "has Pagefind's format changed? See generator/write/search_chunks.py")
    return meta[3]


def _stable_filter(pagefind_dir: Path, lang: str, entry: list[str]) -> None:
    """Rewrite one filter file with its values in sorted order, named by its content."""
    path = pagefind_dir / "filter" / f"{entry[1]}.pf_filter"
    data = _read(path)
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[1], list)
            and all(isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) for v in data[1])):
        raise ValueError(f"{path}: expected a Pagefind 1.5 filter ([name, [[value, [pages]], …]])")
    data[1].sort(key=lambda v: v[0])
    body = MAGIC + cbor2.dumps(data)
    name = f"{lang}_{hashlib.sha256(body).hexdigest()[:7]}"
    (pagefind_dir / "filter" / f"{name}.pf_filter").write_bytes(gzip.compress(body, 9, mtime=0))
    if name != entry[1]:
        path.unlink()
    entry[1] = name


def mend_chunk_ranges(pagefind_dir: Path) -> int:
    """Rewrite each language's metadata in `pagefind_dir` with ranges that meet and its filters
    in a stable order (under a new file name, since browsers may have the old one cached), and
    point the entry file at it.
    Returns the number of chunk ranges changed."""
    entry_path = pagefind_dir / ENTRY
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    changed = 0
    for lang, info in sorted(entry["languages"].items()):
        path = pagefind_dir / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(path)
        chunks = _chunks(meta, path)
        filters = _filters(meta, path)
        for f in filters:
            _stable_filter(pagefind_dir, lang, f)
        filters.sort(key=lambda f: f[0])
        for chunk, after in zip(chunks, chunks[1:] + [None]):
            end = TOP if after is None else just_before(after[0])
            if chunk[1] != end:
                chunk[1] = end
                changed += 1
        body = MAGIC + cbor2.dumps(meta)
        new_hash = f"{lang}_{hashlib.sha256(body).hexdigest()[:10]}"
        (pagefind_dir / f"pagefind.{new_hash}.pf_meta").write_bytes(gzip.compress(body, 9, mtime=0))
        if new_hash != info["hash"]:
            path.unlink()
        info["hash"] = new_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return changed


def chunk_ranges(pagefind_dir: Path, lang: str = "en") -> list[tuple[str, str, str]]:
    """(first word, last word, file) of each index chunk, as the metadata lists them."""
    entry = json.loads((pagefind_dir / ENTRY).read_text(encoding="utf-8"))
    path = pagefind_dir / f"pagefind.{entry['languages'][lang]['hash']}.pf_meta"
    return [(a, b, h) for a, b, h in _chunks(_read(path), path)]
