"""Loading a tree: file, text or mapping in; a validated :class:`Tree` or one error listing every
problem out, each with file, line and column where known, node, field, code and a suggestion."""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from decision_trees import _yaml
from decision_trees.answers import UNKNOWN, UNKNOWN_WORD
from decision_trees.conditions import check_test, rule_refs, tests_in
from decision_trees.errors import Problem, TreeLoadError
from decision_trees.evaluate import value_predicate
from decision_trees.graph import routes, structural_problems
from decision_trees.model import (
    AllOf,
    AnyOf,
    AtLeast,
    BooleanInput,
    Branch,
    Citation,
    DateInput,
    EnumInput,
    ExpectedFinding,
    Input,
    IntegerInput,
    Invariant,
    Monotone,
    Node,
    NotOf,
    NumberInput,
    OnlyIf,
    Outcome,
    Question,
    Rule,
    RuleRef,
    SetInput,
    Source,
    Test,
    Text,
    TextInput,
    Tree,
    UnknownNever,
)
from decision_trees.reading import InputError, check_structure, decode, read_bytes
from decision_trees.table_nodes import lower_tables

__all__ = ["load"]


@functools.cache
def _adapter(section: str) -> TypeAdapter[Any]:
    """Validators for single nodes and inputs, built on first use (keeps the import light)."""
    return TypeAdapter(Node if section == "nodes" else Input)


_SCHEMA_CODES = {
    "missing": "DT110",
    "extra_forbidden": "DT111",
    "union_tag_invalid": "DT113",
    "union_tag_not_found": "DT113",
}
_TREE_SUFFIXES = (".yaml", ".yml", ".json")


@functools.cache
def _field_names() -> list[str]:
    """Every key the file format knows, for "did you mean" hints."""
    models: list[type[BaseModel]] = [
        Tree, Question, Rule, Outcome, Branch, Source, Citation, Test, Text, AllOf, AnyOf, NotOf,
        AtLeast, RuleRef, EnumInput, SetInput, NumberInput, IntegerInput, DateInput, TextInput,
        Invariant, Monotone, OnlyIf, UnknownNever, ExpectedFinding,
    ]  # fmt: skip
    return sorted({info.alias or name for model in models for name, info in model.model_fields.items()})


def load(
    source: str | os.PathLike[str] | Mapping[str, Any],
    *,
    max_bytes: int = _yaml.MAX_BYTES,
    max_depth: int = _yaml.MAX_DEPTH,
) -> Tree:
    """Load and validate a tree from a YAML/JSON file path, YAML/JSON text, or a mapping.

    Raises :class:`~decision_trees.TreeLoadError` listing every problem found.
    """
    name: str | None = None
    positions: dict[tuple[str | int, ...], tuple[int, int]] = {}
    if isinstance(source, Mapping):
        data: Any = source
        problems = check_structure(data, None, max_depth=max_depth)
        if any(p.code in ("DT101", "DT104") for p in problems):
            raise TreeLoadError(problems)
    else:
        if isinstance(source, os.PathLike) or _looks_like_path(source):
            name = os.fspath(source)
            text = _read_file(Path(name), max_bytes)
        else:
            text = source
            if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
                raise TreeLoadError([Problem.of("DT101.text", limit=max_bytes)])
        located, problems = _yaml.read_text(text, name, max_depth)
        if located is None:
            raise TreeLoadError(problems, name)
        data, positions = located

    if not isinstance(data, Mapping):
        hint = None
        if name is None and isinstance(source, str) and "\n" not in source.strip():
            hint = "hint.no_such_path"
        raise TreeLoadError([Problem.of("DT109.mapping", file=name, hint_key=hint)], name)
    lowered = lower_tables(data, positions, name)  # kind: table -> rule nodes
    problems += lowered.problems
    checker = _Checker(lowered.data, positions, name)
    problems += checker.run()
    if not problems and checker.tree is not None:
        problems += lowered.check_hit_policies(checker.tree)
    if problems or checker.tree is None:
        problems.sort(key=lambda p: (p.line is None, p.line or 0, p.column or 0, p.code))
        raise TreeLoadError(problems, name)
    return lowered.keep_forms(checker.tree)  # to_dict writes the tables as written


def _looks_like_path(text: str) -> bool:
    return (
        "\n" not in text
        and len(text) < 4096
        and (text.lower().endswith(_TREE_SUFFIXES) or os.path.isfile(text))
    )


def _read_file(path: Path, max_bytes: int) -> str:
    name = str(path)
    try:
        return decode(read_bytes(path, max_bytes=max_bytes), name)
    except InputError as exc:
        raise TreeLoadError(exc.problems, name) from None


def _dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


_ABSENT = object()


def _child(data: Any, part: str | int) -> Any:
    """``data[part]`` for a mapping key or list index that exists, else ``_ABSENT``."""
    if isinstance(data, Mapping):
        return data.get(part, _ABSENT)
    if isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
        return data[part]
    return _ABSENT


def _raw_routes(raw: Mapping[str, Any]) -> list[tuple[str, tuple[str | int, ...]]]:
    """The node references of a node that did not validate, as far as they can be read."""
    found: list[tuple[str, tuple[str | int, ...]]] = [
        (raw[key], (key,)) for key in ("otherwise", "then", "else") if isinstance(raw.get(key), str)
    ]
    branches = raw.get("branches")
    for i, branch in enumerate(branches if isinstance(branches, list) else ()):
        if isinstance(branch, Mapping) and isinstance(branch.get("next"), str):
            found.append((branch["next"], ("branches", i, "next")))
    return found


def _suggest(word: str, choices: Any) -> dict[str, Any]:
    """Facts for the "did you mean …?" hint: empty when nothing is close."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return {"hint_key": "hint.did_you_mean", "suggestion": close[0]} if close else {}


class _Checker:
    """Collects every problem of one tree document."""

    def __init__(
        self,
        data: Mapping[str, Any],
        positions: dict[tuple[str | int, ...], tuple[int, int]],
        name: str | None,
    ) -> None:
        self.data = data
        self.positions = positions
        self.name = name
        self.problems: list[Problem] = []
        self.tree: Tree | None = None

    def problem(self, key: str, path: tuple[str | int, ...], /, **facts: Any) -> None:
        """Record the problem ``key`` (with its ``facts``) at ``path`` in the file."""
        self.problems.append(Problem.of(key, **self._place(path), **facts))

    def _place(self, path: tuple[str | int, ...]) -> dict[str, Any]:
        line = column = None
        for cut in range(len(path), -1, -1):  # the deepest position known
            if path[:cut] in self.positions:
                line, column = self.positions[path[:cut]]
                break
        node = str(path[1]) if len(path) > 1 and path[0] == "nodes" else None
        field = _dotted(path[2:]) if node is not None else _dotted(path)
        return {"file": self.name, "line": line, "column": column, "node": node, "field": field or None}

    # -- phases --------------------------------------------------------------------------

    def run(self) -> list[Problem]:
        self._schema()
        if self.tree is not None:  # the whole tree validated: its entries are the valid ones
            inputs, nodes = dict(self.tree.inputs), dict(self.tree.nodes)
        else:
            inputs, nodes = self._entries("inputs"), self._entries("nodes")
        node_ids = set(self.data.get("nodes") or {}) if isinstance(self.data.get("nodes"), Mapping) else set()
        input_ids = (
            set(self.data.get("inputs") or {}) if isinstance(self.data.get("inputs"), Mapping) else set()
        )
        source_ids = (
            set(self.data.get("sources") or {}) if isinstance(self.data.get("sources"), Mapping) else set()
        )
        refs_ok = self._references(nodes, node_ids, inputs, input_ids, source_ids)
        self._inputs(inputs, source_ids)
        self._expected(node_ids)
        self._severities(nodes)
        if refs_ok and not self.problems:
            start = self.data.get("start")
            for key, node, field, facts in structural_problems(
                start if isinstance(start, str) else None, nodes
            ):
                self.problem(key, ("nodes", node, *field), **facts)
        return self.problems

    def _schema(self) -> None:
        try:
            self.tree = Tree.model_validate(self.data)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                self._pydantic_error(error, ())

    def _pydantic_error(self, error: Any, prefix: tuple[str | int, ...]) -> None:
        loc = self._clean_loc((*prefix, *error["loc"]))
        kind = error["type"]
        code = _SCHEMA_CODES.get(kind, "DT112")
        if kind == "extra_forbidden":
            self.problem("DT111.key", loc, key=loc[-1], **_suggest(str(loc[-1]), _field_names()))
        elif kind == "missing":
            self.problem("DT110.key", loc, key=loc[-1])
        else:
            facts = _schema_facts(error)
            if kind in ("union_tag_invalid", "union_tag_not_found"):
                expected = error.get("ctx", {}).get("expected_tags", "")
                tag = error.get("ctx", {}).get("tag")
                if tag is not None:
                    facts.update(_suggest(tag, [t.strip(" '") for t in str(expected).split(",")]))
            self.problem(f"{code}.schema", loc, **facts)

    def _clean_loc(self, loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
        """Drop the union tags pydantic puts into locations, keeping the path in the file."""
        cleaned: tuple[str | int, ...] = ()
        data: Any = self.data
        for part in loc:
            child = _child(data, part)
            if child is not _ABSENT:
                cleaned, data = (*cleaned, part), child
            elif isinstance(data, Mapping) and part not in _TAGS:
                cleaned, data = (*cleaned, part), None  # a missing or unknown key
            elif data is None:
                break
        return cleaned

    def _entries(self, section: str) -> dict[str, Any]:
        """Each entry of a section that validates on its own (the schema pass reported the rest)."""
        raw = self.data.get(section)
        if not isinstance(raw, Mapping):
            return {}
        valid: dict[str, Any] = {}
        for key, value in raw.items():
            if section == "nodes" and isinstance(value, Mapping) and "id" not in value:
                value = {**value, "id": key}
            try:
                valid[key] = _adapter(section).validate_python(value)
            except ValidationError:
                continue
        return valid

    def _references(
        self,
        nodes: dict[str, Node],
        node_ids: set[str],
        inputs: dict[str, Input],
        input_ids: set[str],
        source_ids: set[str],
    ) -> bool:
        ok = True
        start = self.data.get("start")
        if isinstance(start, str) and start not in node_ids:
            self.problem("DT120.start", ("start",), start=start, **_suggest(start, node_ids))
            ok = False
        raw_nodes = self.data.get("nodes")
        for node_id, raw in raw_nodes.items() if isinstance(raw_nodes, Mapping) else ():
            if node_id not in nodes and isinstance(raw, Mapping):  # invalid: still check its links
                for target, field in _raw_routes(raw):
                    if target not in node_ids:
                        self.problem(
                            "DT121.node",
                            ("nodes", node_id, *field),
                            target=target,
                            **_suggest(target, node_ids),
                        )
        for node_id, node in nodes.items():
            here = ("nodes", node_id)
            for target, _, field in routes(node):
                if target not in node_ids:
                    self.problem("DT121.node", (*here, *field), target=target, **_suggest(target, node_ids))
                    ok = False
                elif isinstance(nodes.get(target), Rule) and not nodes[target].routes:  # type: ignore[union-attr]
                    self.problem("DT122.named", (*here, *field), target=target)
            self._citations(node.sources, here, source_ids)
            if isinstance(node, Question):
                ok &= self._question(node, inputs, input_ids)
            elif isinstance(node, Rule):
                ok &= self._rule(node, nodes, node_ids, inputs, input_ids)
        return ok

    def _question(self, node: Question, inputs: dict[str, Input], input_ids: set[str]) -> bool:
        here = ("nodes", node.id)
        if node.input not in input_ids:
            self.problem("DT123.asks", (*here, "input"), input=node.input, **_suggest(node.input, input_ids))
            return False
        decl = inputs.get(node.input)
        before = len(self.problems)
        for i, branch in enumerate(node.branches):
            where = (*here, "branches", i, "when")
            for ref, path in rule_refs(branch.when):
                self.problem("DT125.rule", (*where, *path), rule=ref)
            for test, path in tests_in(branch.when):
                if test.input is not None and test.input != node.input:
                    self.problem("DT124.other", (*where, *path, "input"), input=node.input, other=test.input)
                elif decl is not None:
                    for key, facts in check_test(test, decl):
                        self.problem(key, (*where, *path, test.operator), **facts)
        if (
            decl is not None
            and decl.allow_unknown
            and node.otherwise is None
            and len(self.problems) == before
            and not any(value_predicate(b.when, decl)(UNKNOWN) for b in node.branches)
        ):
            self.problem("DT128.unknown", (*here, "branches"), input=node.input)
        return True

    def _rule(
        self,
        node: Rule,
        nodes: dict[str, Node],
        node_ids: set[str],
        inputs: dict[str, Input],
        input_ids: set[str],
    ) -> bool:
        ok = True
        where = ("nodes", node.id, "condition")
        for ref, path in rule_refs(node.condition):
            if ref not in node_ids:
                self.problem(
                    "DT127.missing",
                    (*where, *path, "rule"),
                    rule=ref,
                    **_suggest(ref, [n for n, v in nodes.items() if isinstance(v, Rule)]),
                )
                ok = False
            elif ref in nodes and not isinstance(nodes[ref], Rule):
                self.problem("DT127.kind", (*where, *path, "rule"), rule=ref, kind=nodes[ref].kind)
                ok = False
        for test, path in tests_in(node.condition):
            if test.input is None:
                self.problem("DT126.input", (*where, *path))
                ok = False
            elif test.input not in input_ids:
                self.problem(
                    "DT123.tests",
                    (*where, *path, "input"),
                    input=test.input,
                    **_suggest(test.input, input_ids),
                )
                ok = False
            elif test.input in inputs:
                for key, facts in check_test(test, inputs[test.input]):
                    self.problem(key, (*where, *path, test.operator), **facts)
        return ok

    def _citations(
        self, citations: tuple[Citation, ...], here: tuple[str | int, ...], source_ids: set[str]
    ) -> None:
        for i, citation in enumerate(citations):
            if citation.source not in source_ids:
                self.problem(
                    "DT150.source",
                    (*here, "sources", i, "source"),
                    source=citation.source,
                    **_suggest(citation.source, source_ids),
                )

    def _inputs(self, inputs: dict[str, Input], source_ids: set[str]) -> None:
        for input_id, decl in inputs.items():
            here = ("inputs", input_id)
            self._citations(decl.sources, here, source_ids)
            if isinstance(decl, EnumInput | SetInput) and UNKNOWN_WORD in decl.values:
                self.problem("DT129.reserved", (*here, "values", UNKNOWN_WORD))
            self._informational(decl, here)
            if isinstance(decl, NumberInput | IntegerInput | DateInput):
                low, high = decl.minimum, decl.maximum
                if low is not None and high is not None and low > high:  # type: ignore[operator]
                    self.problem("DT144.bounds", (*here, "minimum"), low=low, high=high)

    def _severities(self, nodes: dict[str, Node]) -> None:
        """A severity on every outcome where a ``monotone`` invariant compares them (DT147)."""
        raw = self.data.get("invariants")
        if not isinstance(raw, list) or not any(isinstance(i, Mapping) and "monotone" in i for i in raw):
            return
        for node_id, node in nodes.items():
            if isinstance(node, Outcome) and node.severity is None:
                self.problem("DT147.monotone", ("nodes", node_id, "severity"))

    def _expected(self, node_ids: set[str]) -> None:
        """``expected`` names warning codes of ``verify`` (DT146) and nodes that exist (DT121)."""
        raw = self.data.get("expected")
        if not isinstance(raw, list) or not raw:
            return
        from decision_trees._findings import CODES  # only trees that declare expectations

        warnings = sorted(code for code, (severity, _) in CODES.items() if severity == "warning")
        for i, item in enumerate(raw):
            if not isinstance(item, Mapping):
                continue  # the schema pass reported it
            here: tuple[str | int, ...] = ("expected", i)
            code, node = item.get("code"), item.get("node")
            if isinstance(code, str) and code not in CODES:
                self.problem("DT146.unknown", (*here, "code"), code=code, **_suggest(code, warnings))
            elif isinstance(code, str) and code not in warnings:
                self.problem("DT146.error", (*here, "code"), code=code)
            if isinstance(node, str) and node not in node_ids:
                self.problem("DT121.node", (*here, "node"), target=node, **_suggest(node, node_ids))

    def _informational(self, decl: Input, here: tuple[str | int, ...]) -> None:
        """``informational`` names values the input has (DT145); a set option is named alone."""
        if isinstance(decl, BooleanInput):
            known: list[str] = ["true", "false"]
        elif isinstance(decl, EnumInput | SetInput):
            known = list(decl.values)
        else:
            known = []
        if decl.allow_unknown and not isinstance(decl, SetInput):
            known.append(UNKNOWN_WORD)
        for i, item in enumerate(decl.informational):
            where = (*here, "informational", i, "values")
            if isinstance(decl, SetInput) and len(item.values) > 1:
                self.problem("DT145.one_option", where)
            elif item.values and not known:
                self.problem("DT145.no_values", where)
            elif len(item.values) == 1 and not isinstance(decl, SetInput):
                self.problem("DT145.two_values", where)
            for value in item.values:
                if known and value not in known:
                    self.problem("DT145.value", where, value=value, **_suggest(value, known))


_TAGS = frozenset(
    {
        "test",
        "all",
        "any",
        "not",
        "at_least",
        "rule",
        "question",
        "outcome",
        "boolean",
        "enum",
        "set",
        "number",
        "integer",
        "date",
        "text",
        "function-after",
        "tagged-union[...]",
    }
)


def _schema_facts(error: Any) -> dict[str, Any]:
    """The English message of a pydantic error and the parts of its context a translation needs."""
    ctx = error.get("ctx") or {}
    facts: dict[str, Any] = {"message": error["msg"], "kind": error["type"]}
    for name in (
        "expected",
        "min_length",
        "max_length",
        "ge",
        "gt",
        "le",
        "lt",
        "pattern",
        "tag",
        "expected_tags",
    ):
        if name in ctx:
            facts[name] = ctx[name]
    return facts
