"""YAML writing for records: block scalars for long text, keys in the order given."""
from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """Block style, indented lists; ISO dates written plain (the loader reads them as text)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value or len(value) > 100:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else ">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _list(dumper: yaml.SafeDumper, value: list) -> yaml.SequenceNode:
    flow = bool(value) and all(isinstance(v, str) and len(v) < 60 and "\n" not in v for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)


def dump(data: Any) -> str:
    """YAML text of `data`, stable and readable (no key sorting, wide lines, UTF-8)."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
