"""Ingest many files: content-hash cache, two worker processes, a progress bar, and a
summary of failures. Bad files are reported and the others go on."""
from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from tqdm import tqdm

from generator.ingest.authorities import AuthorityIndex, CorpusAuthority, read_authorities_csv
from generator.ingest.cache import Cache, file_hash
from generator.ingest.draft import Draft, Failure
from generator.ingest.grades import Scales
from generator.ingest.pipeline import INGEST_SUFFIXES, Context, ingest_file
from generator.load.sources import read_yaml
from generator.load.validate import load_vocabulary

_ctx: Context | None = None


def build_context(data_dir: Path, authorities_csv: Path | None) -> Context:
    """The Context for ingesting into `data_dir`; ValidationFailed if its frameworks, themes or
    councils fail the check."""
    scales = Scales.of(load_vocabulary(data_dir).frameworks)
    themes = read_yaml(data_dir / "themes.yaml").data or []
    keywords = tuple((t["slug"], tuple(str(k).lower() for k in t.get("keywords") or [])) for t in themes)
    corpus = read_authorities_csv(authorities_csv) if authorities_csv and authorities_csv.exists() else []
    known = {a.ons_code for a in corpus}
    # The project's own authority records count too (a report can be added without the corpus table).
    for a in read_yaml(data_dir / "authorities.yaml").data or []:
        if a.get("ons_code") not in known:
            corpus.append(CorpusAuthority(a["ons_code"], a["name"], a.get("region", ""), a.get("type", ""),
                                          str(a.get("urn") or ""), "", (a.get("short_name", a["name"]),), ()))
    return Context(AuthorityIndex(corpus), keywords, scales)


def context_inputs(data_dir: Path, authorities_csv: Path | None) -> tuple[Path, ...]:
    """The files `build_context` reads: a cached draft is reused only while they are unchanged
    (they are part of the cache's version), so editing a theme's keywords re-tags on the next ingest."""
    return tuple(data_dir / name for name in ("themes.yaml", "frameworks.yaml", "authorities.yaml")) + (
        (authorities_csv,) if authorities_csv else ())


def find_inputs(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*") if x.is_file() and x.suffix.lower() in INGEST_SUFFIXES))
        else:
            out.append(p)
    return out


def _init(ctx: Context | None) -> None:
    global _ctx
    _ctx = ctx


def _work(path: Path) -> Draft | Failure:
    assert _ctx is not None
    try:
        return ingest_file(path, _ctx)
    except Exception as exc:  # an extractor bug must not stop the other files
        return Failure(str(path), f"internal error while reading this file: {type(exc).__name__}: {exc}")


def ingest_many(paths: list[Path], data_dir: Path, authorities_csv: Path | None, cache: Cache,
                workers: int | None = None, progress: bool = True) -> list[Draft | Failure]:
    """Results in the order of `paths`, drafts with the file's `sha256`; cached results are reused,
    the rest run in parallel. ValidationFailed, before any file is read, if `data_dir`'s
    frameworks, themes or councils fail the check."""
    results: dict[int, Draft | Failure] = {}
    todo: list[tuple[int, Path, str]] = []
    for i, p in enumerate(paths):
        try:
            digest = file_hash(p)
        except OSError as exc:
            results[i] = Failure(str(p), f"cannot read the file: {exc.strerror}")
            continue
        hit = cache.get(digest)
        if hit is not None:
            results[i] = _read(hit, p, digest)
        else:
            todo.append((i, p, digest))
    # Made here, not in each worker: a problem in data/ is raised once, where the caller sees it.
    ctx = build_context(data_dir, authorities_csv) if todo else None
    workers = workers or min(2, os.cpu_count() or 1)
    # A progress bar on a terminal; in a log (CI), one line at the end instead.
    bar = tqdm(total=len(todo), desc="ingest", unit="file", file=sys.stderr,
               disable=not progress or not todo or not sys.stderr.isatty())
    started = time.perf_counter()
    if todo and (workers == 1 or len(todo) < 4):
        _init(ctx)
        outs = (_work(p) for _, p, _ in todo)
        for (i, p, digest), res in zip(todo, outs):
            results[i] = _read(res, p, digest)
            cache.put(digest, res)
            bar.update()
    elif todo:
        with mp.get_context("fork" if sys.platform != "win32" else "spawn").Pool(
                workers, initializer=_init, initargs=(ctx,)) as pool:
            for (i, p, digest), res in zip(todo, pool.imap(_work, [p for _, p, _ in todo], chunksize=4)):
                results[i] = _read(res, p, digest)
                cache.put(digest, res)
                bar.update()
    bar.close()
    if progress and paths:
        print(f"ingest: {len(paths)} files, {len(paths) - len(todo)} from the cache, {len(todo)} read "
              f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return [results[i] for i in range(len(paths))]


def _read(result: Draft | Failure, path: Path, digest: str) -> Draft | Failure:
    """A result as read from `path` (a cached one may have been read from another file of the same content)."""
    return replace(result, source=str(path), **({"sha256": digest} if isinstance(result, Draft) else {}))


def failure_summary(results: list[Draft | Failure]) -> list[str]:
    return [f"{r.source}: error: {r.error}" for r in results if isinstance(r, Failure)]
