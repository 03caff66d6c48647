"""Templates held to their contexts (as Datasette's test_template_context.py does): every
attribute a template reads must be a field of the dataclass it reads it from, and every field of
every context (and of the records it holds) must be read by some template.

The check is static: it follows the types through the templates' Jinja syntax tree (loops bind
the element type of what they loop over, macros are followed with the types they are called
with), so a field used only in a branch the test data never reaches is checked all the same."""
from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field

import pytest
from jinja2 import nodes

from generator.config import Limits
from generator.index.catalog import build_catalog
from generator.load.validate import load_dataset
from generator.render.jinja import environment
from generator.render.opendata import build_tables
from generator.render.pages import CONTEXTS, page_groups
from tests.conftest import DATA


@dataclass(frozen=True)
class _Macros:
    """What `{% import "x.j2" as m %}` binds: the macros of another template."""

    template: str


def _strip(t: object) -> object:
    """X for X | None."""
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(t) if a is not type(None)]
        return _strip(args[0]) if len(args) == 1 else None
    return t


def _element(t: object) -> object:
    """X for tuple[X, ...] or list[X]; None when unknown."""
    t = _strip(t)
    if typing.get_origin(t) in (tuple, list) and typing.get_args(t):
        return typing.get_args(t)[0]
    return None


def _fields(cls: type) -> dict[str, object]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _reachable(cls: type, seen: set[type]) -> set[type]:
    """The dataclasses a context holds, itself included."""
    if cls in seen:
        return seen
    seen.add(cls)
    for t in _fields(cls).values():
        for inner in (_strip(t), _element(t)):
            if isinstance(inner, type) and dataclasses.is_dataclass(inner):
                _reachable(inner, seen)
    return seen


_OWNER, _BOUND = "\0owner", "\0bound"  # scope keys: the context whose fields are the top-level names; names rebound


def _bind(scope: dict[str, object], name: str, value: object) -> None:
    scope[name] = value
    scope[_BOUND] = scope.get(_BOUND, frozenset()) | {name}


@dataclass
class ContractCheck:
    """Walks templates with the types of their variables; collects problems and the fields read."""

    contexts: dict[str, type]
    problems: list[str] = field(default_factory=list)
    used: set[tuple[type, str]] = field(default_factory=set)
    _done: set[tuple[str, str, tuple]] = field(default_factory=set)

    def run(self) -> ContractCheck:
        env = environment()
        self.env = env
        for name, ctx in sorted(self.contexts.items()):
            tree = env.parse(env.loader.get_source(env, name)[0])
            self._stmts(tree.body, {**_fields(ctx), _OWNER: ctx, _BOUND: frozenset()}, name)
        for ctx in self.contexts.values():
            for cls in sorted(_reachable(ctx, set()), key=lambda c: c.__name__):
                for f in _fields(cls):
                    if (cls, f) not in self.used:
                        self.problems.append(f"{cls.__module__}.{cls.__name__}.{f}: no template reads it")
        self.problems = sorted(set(self.problems))
        return self

    # statements -------------------------------------------------------------------------
    def _stmts(self, body: list[nodes.Node], scope: dict[str, object], where: str) -> None:
        for node in body:
            self._stmt(node, scope, where)

    def _stmt(self, node: nodes.Node, scope: dict[str, object], where: str) -> None:
        if isinstance(node, nodes.For):
            inner = dict(scope)
            element = _element(self._expr(node.iter, scope, where))
            if isinstance(node.target, nodes.Name):
                _bind(inner, node.target.name, element)
            else:
                for n in node.target.find_all(nodes.Name):
                    _bind(inner, n.name, None)
            _bind(inner, "loop", None)
            if node.test is not None:
                self._expr(node.test, inner, where)
            self._stmts(node.body, inner, where)
            self._stmts(node.else_, scope, where)
        elif isinstance(node, nodes.If):
            self._expr(node.test, scope, where)
            self._stmts(node.body, scope, where)
            for elif_ in node.elif_:
                self._stmt(elif_, scope, where)
            self._stmts(node.else_, scope, where)
        elif isinstance(node, nodes.Output):
            for child in node.nodes:
                self._expr(child, scope, where)
        elif isinstance(node, nodes.Assign):
            value = self._expr(node.node, scope, where)
            if isinstance(node.target, nodes.Name):
                _bind(scope, node.target.name, value)
        elif isinstance(node, nodes.Import):
            _bind(scope, node.target, _Macros(node.template.value))
        elif isinstance(node, nodes.Macro):
            return  # followed where it is called, with the types it is called with
        else:
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Expr):
                    self._expr(child, scope, where)
                else:
                    self._stmt(child, scope, where)

    # expressions ------------------------------------------------------------------------
    def _expr(self, node: nodes.Node, scope: dict[str, object], where: str) -> object:
        if isinstance(node, nodes.Name):
            owner = scope.get(_OWNER)
            if isinstance(owner, type) and node.name not in scope.get(_BOUND, frozenset()):
                if node.name not in _fields(owner):
                    self.problems.append(f"{where}:{node.lineno}: {owner.__name__} has no field {node.name!r} "
                                         f"(fields: {', '.join(_fields(owner))})")
                    return None
                self.used.add((owner, node.name))
            return scope.get(node.name)
        if isinstance(node, nodes.Getattr):
            base = _strip(self._expr(node.node, scope, where))
            if isinstance(base, _Macros):
                return (base, node.attr)
            if isinstance(base, type) and dataclasses.is_dataclass(base):
                known = _fields(base)
                if node.attr not in known:
                    self.problems.append(f"{where}:{node.lineno}: {base.__name__} has no field {node.attr!r} "
                                         f"(fields: {', '.join(known)})")
                    return None
                self.used.add((base, node.attr))
                return known[node.attr]
            return None
        if isinstance(node, nodes.Getitem):
            base = self._expr(node.node, scope, where)
            self._expr(node.arg, scope, where)
            return _element(base) if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, int) else None
        if isinstance(node, nodes.Call):
            target = self._expr(node.node, scope, where)
            args = [self._expr(a, scope, where) for a in node.args]
            for kw in node.kwargs:
                self._expr(kw.value, scope, where)
            if isinstance(target, tuple) and isinstance(target[0], _Macros):
                self._macro(target[0].template, target[1], args, where)
            return None
        for child in node.iter_child_nodes():
            self._expr(child, scope, where)
        return None

    def _macro(self, template: str, name: str, args: list[object], where: str) -> None:
        key = (template, name, tuple(map(repr, args)))
        if key in self._done:
            return
        self._done.add(key)
        tree = self.env.parse(self.env.loader.get_source(self.env, template)[0])
        macro = next((m for m in tree.find_all(nodes.Macro) if m.name == name), None)
        if macro is None:
            self.problems.append(f"{where}: no macro {name!r} in {template}")
            return
        scope: dict[str, object] = {a.name: (args[k] if k < len(args) else None) for k, a in enumerate(macro.args)}
        self._stmts(macro.body, scope, f"{template} ({name})")


def test_every_template_reads_only_fields_its_context_has_and_every_field_is_read() -> None:
    problems = ContractCheck(CONTEXTS).run().problems
    assert problems == [], "\n".join(problems)


def test_the_check_fails_when_a_field_is_removed_or_left_unused() -> None:
    from generator.render.pages.home import HomeContext

    # A context without a field the template reads ("counts"): the template's use is reported.
    fields = [(f.name, f.type) for f in dataclasses.fields(HomeContext) if f.name != "counts"]
    Without = dataclasses.make_dataclass("HomeContext", fields, frozen=True)
    Without.__module__ = HomeContext.__module__
    problems = ContractCheck({**CONTEXTS, "home.md.j2": Without}).run().problems
    assert any(p.startswith("home.md.j2:") and "HomeContext has no field 'counts'" in p for p in problems), problems
    # A context with a field no template reads: reported as unused.
    With = dataclasses.make_dataclass("HomeContext", [(f.name, f.type) for f in dataclasses.fields(HomeContext)]
                                      + [("spare", "str")], frozen=True)
    With.__module__ = HomeContext.__module__
    problems = ContractCheck({**CONTEXTS, "home.md.j2": With}).run().problems
    assert any(p.endswith("HomeContext.spare: no template reads it") for p in problems), problems


def test_every_page_is_rendered_with_its_templates_context() -> None:
    # Limits small enough that the fixture has parts of long texts and theme pages by region.
    cat = build_catalog(load_dataset(DATA), Limits(page_bytes=30_000, part_text_bytes=15_000))
    seen = set()
    for group in page_groups(cat, build_tables(cat)):
        for make in group:
            page = make()
            assert type(page.context) is CONTEXTS[page.template], (page.path, type(page.context))
            assert dataclasses.is_dataclass(page.context) and type(page.context).__dataclass_params__.frozen
            seen.add(page.template)
    assert seen == set(CONTEXTS)


@pytest.mark.parametrize("template", sorted(CONTEXTS))
def test_every_context_is_documented(template: str) -> None:
    cls = CONTEXTS[template]
    assert cls.__doc__ and template in cls.__doc__, f"{cls.__name__} should say which template it is for"
