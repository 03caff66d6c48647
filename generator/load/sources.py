"""YAML reading that keeps the file and line of every node."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Mapping
from typing import Any

import yaml

Path_ = tuple  # a key path: ("judgements", 0, "grade")

# Larger files are refused before they are read. The longest report in the corpus (45 pages)
# makes a record of about 0.2 MB; a file 25 times that is not a record, and reading it would
# be slow (the pure-Python YAML parser reads about 1 MB a second, libyaml about 10) and make
# a page and a search index of the same size.
MAX_BYTES = 5 * 2**20
# A record is five levels deep at most (body → entry → themes → slug); a file nested far more
# deeply is not a record, and would exhaust Python's stack in the YAML parser.
MAX_DEPTH = 20

# Characters no record needs, refused in every string: control characters (other than tab and
# newline), lone surrogates (which cannot be written as UTF-8), and the bidirectional
# overrides and isolates that make text display in another order than it is stored.
UNSAFE_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def unsafe_char(text: str) -> str | None:
    """'the control character U+0007 at column 3', or None when `text` has none of UNSAFE_CHARS."""
    m = UNSAFE_CHARS.search(text)
    if m is None:
        return None
    code = ord(m.group())
    what = ("a lone surrogate" if 0xD800 <= code <= 0xDFFF else
            "a right-to-left or left-to-right override" if code >= 0x2000 else "the control character")
    line_start = text.rfind("\n", 0, m.start()) + 1
    return f"{what} U+{code:04X} at column {m.start() - line_start + 1}"


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


_ALIAS = ("expected every value written out, got the alias *{anchor}: records may not use YAML anchors (&) "
          "and aliases (*), which can make a small file expand without limit")


class _Loader(yaml.SafeLoader):
    """Safe loader whose timestamps stay strings (dates are parsed by the validator), and which
    refuses aliases where it meets them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise SourceError("", event.start_mark.line + 1, _ALIAS.format(anchor=event.anchor))
        return super().compose_node(parent, index)


# The tags YAML gives plain text, numbers, true/false, nothing, lists and mappings; any other
# (!!python/object, !ENV, a tag of one's own) is refused wherever it is, but for !ENV at the
# key paths a caller names (mkdocs.yml's site_url), with plain text only.
_PLAIN_TAGS = tuple(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map"))
ENV_TAG = "!ENV"


@dataclass(frozen=True)
class EnvValue:
    """What `!ENV NAME` or `!ENV [NAME, …, default]` says (MkDocs' environment tag): the first
    of the variables that is set, else the default (the last item of a list of two or more)."""

    names: tuple[str, ...]
    default: str | None

    def resolve(self, environ: Mapping[str, str]) -> str | None:
        return next((environ[n] for n in self.names if n in environ), self.default)


def _env_value(node: yaml.Node, path: tuple) -> EnvValue:
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    if (not isinstance(node, (yaml.ScalarNode, yaml.SequenceNode)) or not items
            or not all(isinstance(i, yaml.ScalarNode) and i.tag == "tag:yaml.org,2002:str" for i in items)):
        raise SourceError("", node.start_mark.line + 1, f"{key_path(path)}: expected !ENV with a variable's name, or a "
                                                        "list of names and a default, all plain text")
    values = [i.value for i in items]
    for v in values:
        bad = unsafe_char(v)
        if bad:
            raise SourceError("", node.start_mark.line + 1, f"{key_path(path)}: expected printable text, got {bad}")
    if len(values) == 1:
        return EnvValue((values[0],), None)
    return EnvValue(tuple(values[:-1]), values[-1])


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


_TOO_DEEP = f"expected a record at most {MAX_DEPTH} levels deep, got one nested more deeply"


class _Refused(Exception):
    """The fast loader met something the pure-Python loader explains with its line."""


# Keep YYYY-MM-DD as text so partial dates ("2010-03") and full ones are handled alike.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# The same loader on libyaml, where PyYAML was built with it: about ten times faster. It is only
# a fast path: a file it refuses is read again by the pure-Python loader, whose errors are the
# ones explained below, so messages do not depend on how PyYAML was installed.
_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """libyaml safe loader whose timestamps stay strings, like _Loader."""

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def key_path(path: tuple) -> str:
    """A key path as messages write it: judgements[0].grade."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _convert(node: yaml.Node, path: tuple, lines: dict[tuple, int], loader: _Loader, seen: set[int],
             env: frozenset[tuple] = frozenset()) -> Any:
    lines[path] = node.start_mark.line + 1
    if id(node) in seen:  # one node reached twice: an alias (libyaml resolves them before we see them)
        raise _Refused()
    seen.add(id(node))
    if len(path) > MAX_DEPTH:
        raise SourceError("", node.start_mark.line + 1, _TOO_DEEP)
    if node.tag == ENV_TAG and path in env:
        return _env_value(node, path)
    if not node.tag.startswith(_PLAIN_TAGS):
        raise SourceError("", node.start_mark.line + 1, f"{key_path(path) + ': ' if path else ''}expected plain YAML, "
                                                        f"got the tag {_short_tag(node.tag)}: tags are not allowed here")
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, list):
                key = tuple(key)
            if key in out:
                first = lines.get(path + (key,), 0)
                raise SourceError("", key_node.start_mark.line + 1,
                                  f"{key_path(path + (key,))}: expected each key once in a mapping, "
                                  f"got {key!r} again (first at line {first})")
            out[key] = _convert(value_node, path + (key,), lines, loader, seen, env)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, path + (i,), lines, loader, seen, env) for i, child in enumerate(node.value)]
    value = loader.construct_object(node, deep=True)
    if isinstance(value, str):
        bad = unsafe_char(value)
        if bad:
            raise SourceError("", node.start_mark.line + 1, f"{key_path(path)}: expected printable text, got {bad} "
                                                            "of the value")
    return value


def _explain(exc: yaml.MarkedYAMLError) -> tuple[int, str]:
    """The line to point at and a plain-words message for the YAML mistakes people make most
    when editing records by hand; anything else keeps PyYAML's own words."""
    problem, context = exc.problem or "", exc.context or ""
    pm, cm = exc.problem_mark, exc.context_mark
    at = pm or cm
    line = at.line + 1 if at else 1
    col = f"column {pm.column + 1}" if pm else "this line"
    if problem.startswith("mapping values are not allowed"):
        return line, ("expected a new key to line up with the keys above it, or a value with ': ' in it to be in "
                      f"quotes, got ':' at {col}")
    if problem.startswith("found character '\\t'") or "tab character" in problem:
        return line, f"expected spaces to indent, got a tab character at {col}"
    if context == "while scanning a quoted scalar" and cm is not None:
        quote = cm.buffer[cm.pointer] if cm.buffer and cm.pointer < len(cm.buffer) else "quote"
        got = "the end of the file" if "end of stream" in problem else f"{problem} on line {line}"
        return cm.line + 1, f"expected the {quote} at column {cm.column + 1} to be closed by another {quote}, got {got}"
    if context == "while scanning a simple key" and cm is not None:
        return cm.line + 1, ("expected 'key: value' or '- item' on this line (or text indented under the line it "
                             "continues), got a line with neither")
    if context in ("while parsing a flow sequence", "while parsing a flow mapping") and cm is not None:
        opening, closing = ("[", "]") if "sequence" in context else ("{", "}")
        got = problem.split("but got ", 1)[-1] if "but got " in problem else problem
        return cm.line + 1, (f"expected the {opening} at column {cm.column + 1} to be closed with {closing}, "
                             f"got {got} on line {line} first")
    if problem.startswith("expected <block end>"):
        return line, f"expected this line to line up with the keys or '- ' items above it, got a line starting at {col}"
    return line, problem or context or str(exc)


def _compose(text: str, loader_class: type, env: frozenset[tuple]) -> tuple[Any, dict[tuple, int]]:
    lines: dict[tuple, int] = {}
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return (None if node is None else _convert(node, (), lines, loader, set(), env)), lines
    finally:
        loader.dispose()


def parse_yaml(text: str, file: str, env: frozenset[tuple] = frozenset()) -> Source:
    """Parse one YAML document, raising SourceError with file and line when it is malformed.
    `env`: the key paths where a value may be !ENV (read as an EnvValue)."""
    try:
        if _FastLoader is not None:
            try:
                data, lines = _compose(text, _FastLoader, env)
                return Source(file=file, data=data, lines=lines)
            except (yaml.YAMLError, _Refused, RecursionError):
                pass  # read again below, for the pure-Python parser's marks and messages
        data, lines = _compose(text, _Loader, env)
    except RecursionError:
        raise SourceError(file, _too_deep(text), _TOO_DEEP) from None
    except SourceError as exc:
        raise SourceError(file, exc.line, exc.message) from None
    except yaml.MarkedYAMLError as exc:
        line, message = _explain(exc)
        raise SourceError(file, line, f"malformed YAML: {message}") from None
    except yaml.reader.ReaderError as exc:
        start = text.rfind("\n", 0, exc.position) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise SourceError(file, text.count("\n", 0, start) + 1,
                          f"expected printable text, got the control character U+{ord(char):04X} at column "
                          f"{exc.position - start + 1}") from None
    except yaml.YAMLError as exc:
        raise SourceError(file, 1, f"malformed YAML: {exc}") from None
    return Source(file=file, data=data, lines=lines)


def _too_deep(text: str) -> int:
    """The line where `text` first nests more than MAX_DEPTH levels (the parser's events are read
    without recursion, unlike the composer's)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return 1


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 text of a file (a leading byte-order mark dropped); SourceError with the line
    and a hint where it is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw[:start].count(b"\n") + 1
        bad = raw[exc.start]
        before = raw[max(start, exc.start - 40):exc.start].decode("utf-8", "replace")
        guess = raw[exc.start:exc.start + 1].decode("cp1252", "replace")
        hint = f" (a '{guess}' saved as Windows-1252 or Latin-1?)" if guess.isprintable() and guess != "\ufffd" else ""
        raise SourceError(name, line, f"expected UTF-8 text, got byte 0x{bad:02x} at column {exc.start - start + 1}, "
                                      f"after {before!r}{hint}: save the file as UTF-8") from None
    return text[1:] if text.startswith("\ufeff") else text


def read_yaml(path: Path, display: str | None = None, env: frozenset[tuple] = frozenset()) -> Source:
    """Read a YAML file; errors name the file as `display` (a path relative to the project)."""
    name = display or str(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SourceError(name, 1, f"expected a YAML file under {MAX_BYTES // 2**20} MB (the record of even a long "
                                   f"report is under 0.3 MB), got {size / 2**20:.1f} MB")
    text = decode_text(path.read_bytes(), name)
    return parse_yaml(text, name, env)
