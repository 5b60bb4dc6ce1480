"""A guarded YAML/JSON reader that remembers where every value stood in the file.

Tree files come from people and from elsewhere, so this reader refuses what a tree never needs:
aliases (alias bombs), tags (object construction), absurd nesting, oversized text, non-text keys,
duplicate keys and non-finite numbers. Only ``true``/``false`` are booleans (``no`` stays text).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import yaml

from decision_trees.errors import Problem

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Located", "read_text"]

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64

Path = tuple[str | int, ...]
Located = tuple[Any, dict[Path, tuple[int, int]]]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_BOOL = "tag:yaml.org,2002:bool"


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans: ``yes``, ``no``, ``on`` and ``off`` stay text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def read_text(
    text: str, name: str | None, max_depth: int = MAX_DEPTH
) -> tuple[Located | None, list[Problem]]:
    """Parse ``text``: the data with positions (1-based line, column), or the problems found."""
    problems: list[Problem] = []
    try:
        _scan(text, name, max_depth)
        root = yaml.compose(text, Loader=_Loader)
    except _Refused as refused:
        return None, [refused.problem]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if text.lstrip().startswith(("{", "[")):
            return _read_json(text, name)
        line = column = None
        if mark is not None:
            line, column = mark.line + 1, mark.column + 1
        return None, [
            Problem(
                "DT102", f"not valid YAML: {exc.problem or exc.context}", file=name, line=line, column=column
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Problem("DT102", f"not valid YAML: {exc}", file=name)]
    if root is None:
        return None, [Problem("DT109", "the file is empty", file=name)]
    positions: dict[Path, tuple[int, int]] = {}
    constructor = _Loader("")
    data = _convert(root, (), positions, problems, constructor, name)
    return (data, positions), problems


def _scan(text: str, name: str | None, max_depth: int) -> None:
    """Walk the parser's events (no recursion): refuse aliases, foreign tags and deep nesting."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        refusal = None
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml.AliasEvent):
            refusal = ("DT103", "aliases (*name) are not allowed in tree files; write the value out")
        elif tag is not None and tag not in _STANDARD_TAGS and tag != "!":
            refusal = ("DT108", f"tags such as {tag!r} are not allowed")
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
            if depth > max_depth:
                refusal = ("DT104", f"nested deeper than {max_depth} levels")
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1
        if refusal is not None:
            mark = event.start_mark
            line = column = None
            if mark is not None:
                line, column = mark.line + 1, mark.column + 1
            raise _Refused(Problem(*refusal, file=name, line=line, column=column))


def _convert(
    node: yaml.Node,
    path: Path,
    positions: dict[Path, tuple[int, int]],
    problems: list[Problem],
    constructor: _Loader,
    name: str | None,
) -> Any:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    positions[path] = (line, column)
    if isinstance(node, yaml.ScalarNode):
        try:
            value = constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            problems.append(Problem("DT102", f"bad value: {exc}", file=name, line=line, column=column))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(
                Problem(
                    "DT106", f"{node.value!r} is not a finite number", file=name, line=line, column=column
                )
            )
        return value
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(child, (*path, i), positions, problems, constructor, name)
            for i, child in enumerate(node.value)
        ]
    assert isinstance(node, yaml.MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_line, key_column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a collection"
            problems.append(
                Problem(
                    "DT105",
                    f"keys must be text; quote {shown!r} if it is meant as text",
                    file=name,
                    line=key_line,
                    column=key_column,
                )
            )
            continue
        key: str = key_node.value
        if key in result:
            first = positions.get((*path, key), (None, None))[0]
            problems.append(
                Problem(
                    "DT107",
                    f"{key!r} appears twice in the same mapping (first on line {first})",
                    file=name,
                    line=key_line,
                    column=key_column,
                    node=key,
                )
            )
            continue
        result[key] = _convert(value_node, (*path, key), positions, problems, constructor, name)
        positions[(*path, key)] = (key_line, key_column)
    return result


def _read_json(text: str, name: str | None) -> tuple[Located | None, list[Problem]]:
    """JSON that YAML could not read (rare escapes): values without positions."""
    problems: list[Problem] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                problems.append(Problem("DT107", f"{key!r} appears twice in the same object", file=name))
            result[key] = value
        return result

    def constant(word: str) -> Any:
        problems.append(Problem("DT106", f"{word} is not a finite number", file=name))
        return None

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as exc:
        return None, [
            Problem("DT102", f"not valid JSON: {exc.msg}", file=name, line=exc.lineno, column=exc.colno)
        ]
    except RecursionError:
        return None, [Problem("DT104", "nested too deeply", file=name)]
    return (data, {}), problems
