"""A guarded YAML/JSON parser that remembers where every value stood in the text.

Files come from people and from elsewhere, so this parser refuses what our data never needs:
aliases (alias bombs), tags (object construction), absurd nesting, too many values, non-text keys,
duplicate keys and non-finite numbers. Only ``true``/``false`` are booleans (``no`` stays text).

The values are built in one pass over the parser's events (no recursion, no node graph), with
libyaml's C parser when PyYAML has it (``yaml.CSafeLoader``) and the pure-Python parser otherwise;
both give the same data, positions and refusals.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import yaml
from yaml.resolver import Resolver

from decision_trees.errors import Problem

__all__ = ["C_PARSER", "MAX_BYTES", "MAX_DEPTH", "MAX_VALUES", "Located", "read_json", "read_text"]

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_VALUES = 100_000

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
_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_SCALAR_TAGS = _STANDARD_TAGS - {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _Resolver(Resolver):
    """YAML 1.2 booleans: ``yes``, ``no``, ``on`` and ``off`` stay text (``NO`` is Norway)."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != _BOOL]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

_CParser: Any = getattr(yaml, "CSafeLoader", None)  # libyaml's C parser, when PyYAML was built with it
C_PARSER = _CParser is not None


class _PyEvents(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """The pure-Python event stream (the fallback when libyaml is absent)."""

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


def _events(text: str) -> Any:
    parser = _CParser(text) if _CParser is not None else _PyEvents(text)
    try:
        while True:
            event = parser.get_event()
            if event is None:
                return
            yield event
    finally:
        if hasattr(parser, "dispose"):
            parser.dispose()


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def _at(mark: Any) -> tuple[int | None, int | None]:
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


class _Frame:
    __slots__ = ("container", "drop", "is_key", "key", "key_at", "path", "skip_value")

    def __init__(self, container: Any, path: Path, drop: bool, is_key: bool = False) -> None:
        self.container = container
        self.path = path
        self.drop = drop  # built only to be thrown away (a refused key or a repeated key's value)
        self.is_key = is_key  # a collection used as a mapping key (refused)
        self.key: str | None = None  # a mapping's key waiting for its value
        self.key_at: tuple[int, int] = (0, 0)
        self.skip_value = False  # the value that follows belongs to a refused or repeated key


_constructor = yaml.constructor.SafeConstructor()
_resolver = _Resolver()


_IMPLICIT = _Resolver.yaml_implicit_resolvers
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})\Z")


def _tag_of(event: Any) -> str:
    """The tag of a scalar event: its own standard tag, else resolved as PyYAML's resolver would."""
    tag: str | None = event.tag
    if tag is not None and tag != "!":
        return tag
    if tag is None and event.implicit[0]:  # a plain scalar
        value = event.value
        for resolved, regex in _IMPLICIT.get(value[:1] if value else "", ()):
            if regex.match(value):
                return str(resolved)
    return _STR


def _scalar(event: Any, line: int, column: int, name: str | None, problems: list[Problem]) -> Any:
    tag = _tag_of(event)
    text: str = event.value
    if tag == _STR:
        return text
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return text.lower() == "true"
    if tag == _INT and _DECIMAL.match(text):
        return int(text)
    node = yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, event.style)
    try:
        value = _constructor.yaml_constructors[tag](_constructor, node)
    except (yaml.YAMLError, ValueError, OverflowError, TypeError, KeyError) as exc:
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        problems.append(
            Problem.of("DT102.value", file=name, line=line, column=column, value=_cut(text), reason=reason)
        )
        return None
    if isinstance(value, float) and not math.isfinite(value):
        problems.append(
            Problem.of("DT106.number", file=name, line=line, column=column, value=repr(_cut(text)))
        )
    return value


def _cut(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def read_text(
    text: str, name: str | None, max_depth: int = MAX_DEPTH, max_values: int = MAX_VALUES
) -> tuple[Located | None, list[Problem]]:
    """Parse ``text``: the data with positions (1-based line, column), or the problems found."""
    problems: list[Problem] = []
    try:
        located = _build(text, name, max_depth, max_values, problems)
    except _Refused as refused:
        return None, [refused.problem]
    except yaml.MarkedYAMLError as exc:
        if text.lstrip().startswith(("{", "[")):
            return read_json(text, name, max_depth, max_values)
        line, column = _at(exc.problem_mark or exc.context_mark)
        reason = "; ".join(str(part) for part in (exc.context, exc.problem) if part)
        if "nesting depth" in reason:  # libyaml's own limit, met while it looks ahead
            return None, [Problem.of("DT104.depth", file=name, line=line, column=column, depth=max_depth)]
        return None, [Problem.of("DT102.yaml", file=name, line=line, column=column, reason=reason)]
    except yaml.YAMLError as exc:  # the reader's own errors: control characters and the like
        line, column = _at(getattr(exc, "mark", None))
        reason = str(exc).splitlines()[0][:160]
        return None, [Problem.of("DT102.yaml", file=name, line=line, column=column, reason=reason)]
    except (UnicodeError, ValueError) as exc:  # text libyaml cannot take (lone surrogates, NUL)
        return None, [Problem.of("DT102.text", file=name, reason=str(exc)[:160])]
    if located is None:
        return None, [Problem.of("DT109.empty", file=name)]
    return located, problems


def _build(
    text: str, name: str | None, max_depth: int, max_values: int, problems: list[Problem]
) -> Located | None:
    positions: dict[Path, tuple[int, int]] = {}
    stack: list[_Frame] = []
    root: Any = None
    seen_root = False
    count = 0
    for event in _events(text):
        kind = type(event)
        if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            mark = event.start_mark
            line, column = mark.line + 1, mark.column + 1
            count += 1
            if count > max_values:
                raise _Refused(
                    Problem.of("DT101.values", file=name, line=line, column=column, limit=max_values)
                )
            tag = event.tag
            if tag is not None and tag != "!" and tag not in _STANDARD_TAGS:
                raise _Refused(Problem.of("DT108.tag", file=name, line=line, column=column, tag=tag))
            if not stack:  # the document's root: once per file
                seen_root, root = _start_root(
                    event, stack, (line, column), max_depth, name, positions, problems
                )
                continue
            frame = stack[-1]
            if isinstance(frame.container, dict):
                if frame.key is None:
                    _key(event, frame, stack, positions, (line, column), name, problems)
                    continue
                path: Path = (*frame.path, frame.key)
                drop = frame.drop or frame.skip_value
            else:
                path = (*frame.path, len(frame.container))
                drop = frame.drop
            if kind is yaml.ScalarEvent:
                _put(frame, path, _scalar(event, line, column, name, problems), (line, column), positions)
            else:
                _open(event, frame, stack, path, drop, (line, column), max_depth, name, positions)
            continue
        finished = _other_event(event, stack, positions, seen_root, name)
        if finished is not None:
            root, seen_root = finished.container, True
    if not seen_root:
        return None
    return root, positions


def _start_root(
    event: Any,
    stack: list[_Frame],
    at: tuple[int, int],
    max_depth: int,
    name: str | None,
    positions: dict[Path, tuple[int, int]],
    problems: list[Problem],
) -> tuple[bool, Any]:
    """The document's first value: a scalar is the whole document; a container is opened."""
    if type(event) is yaml.ScalarEvent:
        positions[()] = at
        return True, _scalar(event, at[0], at[1], name, problems)
    _open(event, None, stack, (), False, at, max_depth, name, positions)
    return False, None


def _open(
    event: Any,
    frame: _Frame | None,
    stack: list[_Frame],
    path: Path,
    drop: bool,
    at: tuple[int, int],
    max_depth: int,
    name: str | None,
    positions: dict[Path, tuple[int, int]],
) -> None:
    """Open a mapping or sequence at ``path`` (refused beyond ``max_depth``) and note where it starts."""
    if len(stack) >= max_depth:
        line, column = at
        raise _Refused(Problem.of("DT104.depth", file=name, line=line, column=column, depth=max_depth))
    stack.append(_Frame({} if type(event) is yaml.MappingStartEvent else [], path, drop))
    if frame is None:
        positions[()] = at
    elif not drop:
        positions[path] = at if isinstance(frame.container, list) else frame.key_at


def _other_event(
    event: Any, stack: list[_Frame], positions: dict[Path, tuple[int, int]], seen_root: bool, name: str | None
) -> _Frame | None:
    """Close a container (returning the root's frame when it closes); refuse aliases and a second document."""
    kind = type(event)
    if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
        done = stack.pop()
        if not stack:
            return done
        if not done.is_key:
            _put(stack[-1], done.path, done.container, None, positions)
        return None
    if kind is yaml.AliasEvent:
        line, column = _at(event.start_mark)
        raise _Refused(Problem.of("DT103.alias", file=name, line=line, column=column))
    if kind is yaml.DocumentStartEvent and seen_root:
        line, column = _at(event.start_mark)
        raise _Refused(Problem.of("DT102.documents", file=name, line=line, column=column))
    return None


def _key(
    event: Any,
    frame: _Frame,
    stack: list[_Frame],
    positions: dict[Path, tuple[int, int]],
    at: tuple[int, int],
    name: str | None,
    problems: list[Problem],
) -> None:
    """The key event of a mapping: text, not seen before in the mapping; else a problem."""
    line, column = at
    scalar = type(event) is yaml.ScalarEvent
    if not scalar or _tag_of(event) != _STR:
        shown = event.value if scalar else "a collection"
        if len(shown) > 40:
            shown = shown[:40] + "…"
        if not frame.drop:
            problems.append(
                Problem.of(
                    "DT105.key",
                    key=shown,
                    file=name,
                    line=line,
                    column=column,
                )
            )
        if not scalar:
            stack.append(_Frame({} if type(event) is yaml.MappingStartEvent else [], (), True, is_key=True))
        frame.key, frame.skip_value = "", True
        return
    key: str = event.value
    frame.skip_value = False
    if key in frame.container:
        if not frame.drop:
            first = positions.get((*frame.path, key), (None, None))[0]
            shown = key if len(key) <= 40 else key[:40] + "…"
            problems.append(
                Problem.of(
                    "DT107.twice",
                    key=shown,
                    first=first,
                    again=line,
                    file=name,
                    line=line,
                    column=column,
                    node=shown,
                )
            )
        frame.skip_value = True
    frame.key, frame.key_at = key, at


def _put(
    frame: _Frame,
    path: Path,
    value: Any,
    at: tuple[int, int] | None,
    positions: dict[Path, tuple[int, int]],
) -> None:
    """Add a finished value to its container (mapping: under the waiting key)."""
    if isinstance(frame.container, dict):
        if not (frame.drop or frame.skip_value):
            frame.container[frame.key or ""] = value
            positions[path] = frame.key_at
        frame.key, frame.skip_value = None, False
    else:
        if not frame.drop and at is not None:
            positions[path] = at
        frame.container.append(value)


def json_depth(text: str) -> int:
    """The deepest nesting of brackets in JSON text (strings are skipped), without recursion."""
    stripped = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)
    depth = deepest = 0
    for match in re.finditer(r"[\[\]{}]", stripped):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


class _JsonHooks:
    """The JSON parser's hooks: count values, report repeated keys and non-finite numbers."""

    def __init__(self, text: str, name: str | None, max_values: int, problems: list[Problem]) -> None:
        self.text, self.name, self.max_values, self.problems = text, name, max_values, problems
        self.count = 0

    def counted(self) -> None:
        """Count one value; refuse the file past ``max_values`` (DT101)."""
        self.count += 1
        if self.count > self.max_values:
            raise _Refused(Problem.of("DT101.values", file=self.name, limit=self.max_values))

    def pairs(self, items: list[tuple[str, Any]]) -> dict[str, Any]:
        """An object; a repeated key is reported (DT107) with its lines where found, and dropped."""
        self.counted()
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                self.problems.append(self._twice(key))
                continue
            result[key] = value
        return result

    def _twice(self, key: str) -> Problem:
        lines = _json_lines(self.text, key)
        if len(lines) >= 2:
            return Problem.of(
                "DT107.object_lines", file=self.name, node=key, key=key, first=lines[0], again=lines[1]
            )
        return Problem.of("DT107.object", file=self.name, node=key, key=key)

    def constant(self, word: str) -> Any:
        """``NaN`` or ``Infinity``: reported (DT106), read as nothing."""
        self.problems.append(Problem.of("DT106.number", file=self.name, value=word))
        return None

    def number(self, word: str) -> float:
        """A number with a fraction or exponent; one too large to be finite is reported (DT106)."""
        self.counted()
        value = float(word)
        if not math.isfinite(value):
            shown = word if len(word) <= 40 else word[:40] + "…"
            self.problems.append(Problem.of("DT106.number", file=self.name, value=shown))
        return value

    def integer(self, word: str) -> int:
        """A whole number, counted."""
        self.counted()
        return int(word)


def read_json(
    text: str, name: str | None, max_depth: int = MAX_DEPTH, max_values: int = MAX_VALUES
) -> tuple[Located | None, list[Problem]]:
    """JSON text (that YAML could not read, or a ``.json`` file read strictly): values, few positions.

    The same guards as for YAML: depth, number of values, duplicate keys, non-finite numbers.
    """
    problems: list[Problem] = []
    depth = json_depth(text)
    if depth > max_depth:
        return None, [Problem.of("DT104.depth", file=name, depth=max_depth)]
    hooks = _JsonHooks(text, name, max_values, problems)
    try:
        data = json.loads(
            text,
            object_pairs_hook=hooks.pairs,
            parse_constant=hooks.constant,
            parse_float=hooks.number,
            parse_int=hooks.integer,
        )
    except _Refused as refused:
        return None, [refused.problem]
    except json.JSONDecodeError as exc:
        return None, [Problem.of("DT102.json", file=name, line=exc.lineno, column=exc.colno, reason=exc.msg)]
    except RecursionError:
        return None, [Problem.of("DT104.deep", file=name)]
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        return None, [Problem.of("DT102.json", file=name, reason=str(exc)[:160])]
    return (data, {}), problems


def _json_lines(text: str, key: str) -> list[int]:
    """The lines where ``"key":`` stands, for a duplicated key."""
    pattern = re.compile(re.escape(json.dumps(key)) + r"\s*:")
    return [text.count("\n", 0, m.start()) + 1 for m in pattern.finditer(text)]
