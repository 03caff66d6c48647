"""Ingest results cached by the file's content hash and the ingest code's version, one JSON file
each: a Draft or a Failure, written and read back field by field with its types."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import types
import typing
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from generator.ingest.draft import Draft, Failure

_HERE = Path(__file__).resolve().parent
_KINDS: dict[str, type] = {"draft": Draft, "failure": Failure}


def code_version(inputs: Iterable[Path] = ()) -> str:
    """A hash of the ingest code and of the data files it reads besides the source file
    (`inputs`: the theme keywords in data/themes.yaml, the grade words in frameworks.yaml, the
    councils): cached results are only reused while all of them are unchanged, so a change of a
    theme's keywords re-tags every document on the next ingest."""
    h = hashlib.sha256()
    for p in sorted(_HERE.glob("*.py")):
        h.update(p.read_bytes())
    for p in inputs:
        h.update(p.name.encode() + b"\0")
        h.update(p.read_bytes() if p.is_file() else b"(none)")
        h.update(b"\0")
    return h.hexdigest()[:16]


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class Cache:
    """Ingest results by content hash and version (of the code and the data files it reads);
    Cache(None) keeps nothing."""

    def __init__(self, root: Path | None, inputs: Iterable[Path] = ()) -> None:
        """`inputs`: the data files ingest reads besides the source (`batch.context_inputs()`);
        they are part of the version, as the code is."""
        self.root = root
        self.version = code_version(inputs)

    def _path(self, digest: str) -> Path | None:
        return self.root / self.version / f"{digest}.json" if self.root else None

    def get(self, digest: str) -> Draft | Failure | None:
        """The result cached for the content, or None (also for a file that is not one)."""
        p = self._path(digest)
        if p is None or not p.exists():
            return None
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
            (kind, value), = data.items()
            return _decode(_KINDS[kind], value)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None

    def put(self, digest: str, result: Draft | Failure) -> None:
        p = self._path(digest)
        if p is None:
            return
        kind = next(k for k, cls in _KINDS.items() if isinstance(result, cls))
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(".tmp")
        tmp.write_text(json.dumps({kind: _encode(result)}, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        tmp.replace(p)


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _decode(tp: Any, data: Any) -> Any:
    """`data` read back as `tp`; TypeError or ValueError where it is not one."""
    return _decoder(tp)(data)


@cache
def _decoder(tp: Any) -> Callable[[Any], Any]:
    """A function that reads JSON data back as `tp`: a dataclass, tuple, X | None, date, str,
    int or bool (made once per type)."""
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        parts = tuple((f.name, _decoder(hints[f.name])) for f in dataclasses.fields(tp))

        def record(data: Any) -> Any:
            if not isinstance(data, dict):
                raise TypeError(f"expected an object for {tp.__name__}")
            return tp(**{name: read(data[name]) for name, read in parts})
        return record
    if origin in (types.UnionType, typing.Union):
        args = typing.get_args(tp)
        (inner,) = [a for a in args if a is not type(None)]
        read_inner = _decoder(inner)
        return lambda data: None if data is None and type(None) in args else read_inner(data)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            read_item = _decoder(args[0])
            return lambda data: tuple(read_item(v) for v in _list(data))
        reads = tuple(_decoder(a) for a in args)

        def fixed(data: Any) -> tuple[Any, ...]:
            if len(_list(data)) != len(reads):
                raise ValueError("expected a list of another length")
            return tuple(read(v) for read, v in zip(reads, data))
        return fixed
    if tp is dt.date:
        return dt.date.fromisoformat
    if tp in (str, int, bool):
        def plain(data: Any) -> Any:
            if type(data) is not tp:
                raise TypeError(f"expected {tp.__name__}, got {type(data).__name__}")
            return data
        return plain
    raise TypeError(f"cannot read {tp}")


def _list(data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise TypeError("expected a list")
    return data
