"""One guarded reader for every file or text the packages read (trees, cases, lists, registers, answers).

Every input passes the same guards before anything is built from it:

- **size**: at most ``max_bytes`` are read, also from pipes and devices (``/dev/zero``), stdin too;
- **encoding**: UTF-8 (a BOM is allowed); a Windows-1252 file is named as such in the error;
- **structure**: YAML and JSON with no aliases, no tags, at most ``max_depth`` levels and
  ``max_values`` values, text keys, no key twice in one mapping (both lines named), finite numbers;
- **in-memory data** (``decision_trees.load(mapping)``, answers): walked with a budget that counts
  every visit, so shared references (what an alias bomb becomes once loaded) cannot blow it up.

Every refusal is an :class:`InputError` (or the caller's own error built from its problems) with
a code, the file and the line.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from decision_trees import _yaml
from decision_trees.errors import DecisionTreeError, Problem, shorten

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_VALUES",
    "MAX_VISITS",
    "InputError",
    "check_structure",
    "decode",
    "parse_data",
    "problem_line",
    "read_bytes",
    "read_data",
    "read_text",
    "shorten",
]

MAX_BYTES = _yaml.MAX_BYTES
MAX_DEPTH = _yaml.MAX_DEPTH
MAX_VALUES = _yaml.MAX_VALUES
MAX_VISITS = 1_000_000  # in-memory data is made by code, not read from a file: a larger budget
STDIN = "-"

Located = _yaml.Located


class InputError(DecisionTreeError, ValueError):
    """A file or text cannot be read safely. ``problems`` are :class:`Problem` records with codes."""

    code = "DT160"
    max_listed = 50

    def __init__(self, problems: Sequence[Problem], source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        count = len(self.problems)
        head = f"{source or 'input'}: [{self.code}] {count} problem{'s' if count != 1 else ''} found"
        lines = [f"  - {p}" for p in self.problems[: self.max_listed]]
        if count > self.max_listed:
            lines.append(f"  … and {count - self.max_listed} more")
        super().__init__("\n".join([head, *lines]))

    def lines(self) -> list[str]:
        """One line per problem without the file name (for errors that name the file themselves)."""
        return [problem_line(p) for p in self.problems]


def problem_line(problem: Problem) -> str:
    """``line 3, column 5: [DT103] …`` — a problem without its file name."""
    where = ""
    if problem.line is not None:
        where = f"line {problem.line}"
        if problem.column is not None:
            where += f", column {problem.column}"
        where += ": "
    text = f"{where}[{problem.code}] {problem.message}"
    return f"{text} ({problem.hint})" if problem.hint else text


def read_bytes(source: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> bytes:
    """At most ``max_bytes`` bytes of a file, a device or a pipe (``"-"`` is stdin).

    Raises :class:`InputError`: ``DT101`` when there is more, ``DT109`` when it cannot be read.
    """
    name = os.fspath(source)
    try:
        if name == STDIN:
            raw = sys.stdin.buffer.read(max_bytes + 1)
        else:
            path = Path(name)
            info = path.stat()
            if path.is_file() and info.st_size > max_bytes:
                message = f"the file is {info.st_size} bytes; the limit is {max_bytes}"
                raise InputError([Problem("DT101", message, file=name)], name)
            with path.open("rb") as handle:
                raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError([Problem("DT109", "no such file", file=name)], name) from None
    except OSError as exc:
        raise InputError(
            [Problem("DT109", f"cannot read the file: {exc.strerror or exc}", file=name)], name
        ) from None
    if len(raw) > max_bytes:
        message = f"more than {max_bytes} bytes; that is the limit"
        raise InputError([Problem("DT101", message, file=name)], name)
    return raw


def decode(raw: bytes, name: str | None = None) -> str:
    """UTF-8 text (a byte-order mark is dropped); ``DT102`` names the byte, and Windows-1252 if it fits."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        hint = "save it as UTF-8"
        try:
            raw.decode("cp1252")
            hint = "it looks like Windows-1252 (cp1252), e.g. from Excel; save it as 'CSV UTF-8' or UTF-8"
        except UnicodeDecodeError:
            pass
        problem = Problem("DT102", f"not UTF-8 text (byte {exc.start})", file=name, line=line, hint=hint)
        raise InputError([problem], name) from None


def read_text(source: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> str:
    """The UTF-8 text of a file (or ``"-"``, stdin), size-bounded; raises :class:`InputError`."""
    name = os.fspath(source)
    return decode(read_bytes(source, max_bytes=max_bytes), name)


def parse_data(
    text: str,
    name: str | None = None,
    *,
    max_depth: int = MAX_DEPTH,
    max_values: int = MAX_VALUES,
    json: bool = False,
) -> Located:
    """YAML (or, with ``json=True``, strict JSON) text as data with positions ``{path: (line, column)}``.

    Raises :class:`InputError` listing every problem (aliases, tags, depth, duplicate keys, …).
    """
    if json:
        located, problems = _yaml.read_json(text, name, max_depth, max_values)
    else:
        located, problems = _yaml.read_text(text, name, max_depth, max_values)
    if located is None or problems:
        raise InputError(problems, name)
    return located


def read_data(
    source: str | os.PathLike[str],
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_values: int = MAX_VALUES,
) -> Any:
    """The data in a YAML or JSON file (``.json`` is read as strict JSON), every guard applied."""
    name = os.fspath(source)
    text = read_text(source, max_bytes=max_bytes)
    is_json = name.lower().endswith(".json")
    data, _ = parse_data(text, name, max_depth=max_depth, max_values=max_values, json=is_json)
    return data


def check_structure(
    data: Any,
    name: str | None = None,
    *,
    max_depth: int = MAX_DEPTH,
    max_values: int = MAX_VISITS,
) -> list[Problem]:
    """Problems of in-memory data: too deep, too many values (every visit counts, so shared
    references are counted each time they are reached), non-text keys, non-finite numbers.

    Stops at the first structural refusal; the walk never exceeds ``max_values`` steps.
    """
    problems: list[Problem] = []
    stack: list[tuple[Any, int, tuple[str | int, ...]]] = [(data, 1, ())]
    visits = 0
    while stack:
        value, depth, path = stack.pop()
        visits += 1
        if visits > max_values:
            return [*problems, Problem("DT101", f"more than {max_values} values", file=name)]
        if isinstance(value, float):
            if not math.isfinite(value):
                problems.append(
                    Problem("DT106", f"{value} is not a finite number", file=name, field=_dotted(path))
                )
            continue
        if isinstance(value, str | int | bool) or value is None:
            continue
        if isinstance(value, Mapping | list | tuple | set | frozenset):
            if depth > max_depth:
                message = f"nested deeper than {max_depth} levels"
                return [*problems, Problem("DT104", message, file=name, field=_dotted(path))]
            if isinstance(value, Mapping):
                for key in value:
                    if not isinstance(key, str):
                        message = f"keys must be text, not {shorten(key)}"
                        problems.append(Problem("DT105", message, file=name, field=_dotted(path)))
                        continue
                    stack.append((value[key], depth + 1, (*path, key)))
            else:
                stack.extend((item, depth + 1, (*path, i)) for i, item in enumerate(value))
    return problems


def _dotted(path: tuple[str | int, ...]) -> str | None:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or None
