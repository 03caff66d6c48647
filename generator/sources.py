"""YAML reading that keeps the file and line of every node."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple  # a key path: ("judgements", 0, "grade")


class SourceError(Exception):
    """A file that cannot be read as YAML at all."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Source:
    """One YAML document with the line of every key path in it."""

    file: str
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line(self, path: tuple) -> int:
        """Line of the deepest known node on `path` (1 when nothing is known)."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)


class _Loader(yaml.SafeLoader):
    """Safe loader whose timestamps stay strings: dates are parsed by the validator."""


# Keep YYYY-MM-DD as text so partial dates ("2010-03") and full ones are handled alike.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _convert(node: yaml.Node, path: tuple, lines: dict[tuple, int], loader: _Loader) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, list):
                key = tuple(key)
            if key in out:
                raise SourceError("", key_node.start_mark.line + 1, f"{'.'.join(map(str, path + (key,))) or key}: duplicate key {key!r}")
            out[key] = _convert(value_node, path + (key,), lines, loader)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, path + (i,), lines, loader) for i, child in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def parse_yaml(text: str, file: str) -> Source:
    """Parse one YAML document, raising SourceError with file and line when it is malformed."""
    lines: dict[tuple, int] = {}
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else _convert(node, (), lines, loader)
    except SourceError as exc:
        raise SourceError(file, exc.line, exc.message) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise SourceError(file, line, f"malformed YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise SourceError(file, 1, f"malformed YAML: {exc}") from None
    finally:
        loader.dispose()
    return Source(file=file, data=data, lines=lines)


def read_yaml(path: Path, display: str | None = None) -> Source:
    """Read a YAML file; errors name the file as `display` (a path relative to the project)."""
    name = display or str(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(name, line, f"expected UTF-8 text, got byte 0x{raw[exc.start]:02x}") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return parse_yaml(text, name)
