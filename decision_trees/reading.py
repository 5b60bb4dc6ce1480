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
from typing import TYPE_CHECKING, Any

from decision_trees import _yaml
from decision_trees.errors import DecisionTreeError, Problem, listing, problems_found, shorten
from decision_trees.words import word

if TYPE_CHECKING:
    from decision_trees.model import Lang

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
        super().__init__(self.render("en"))

    def render(self, lang: Lang = "en") -> str:
        """The heading and every problem, in ``lang``."""
        name = self.source or ("input" if lang == "en" else word("input", lang))
        head = problems_found(name, len(self.problems), lang, self.code)
        return listing(head, [p.text(lang) for p in self.problems], lang, self.max_listed)

    def lines(self, lang: Lang = "en") -> list[str]:
        """One line per problem without the file name (for errors that name the file themselves)."""
        return [problem_line(p, lang) for p in self.problems]


def problem_line(problem: Problem, lang: Lang = "en") -> str:
    """``line 3, column 5: [DT103] …`` — a problem without its file name (nor node or field)."""
    where = ""
    if problem.line is not None:
        where = word("place.line", lang, line=problem.line)
        if problem.column is not None:
            where += word("place.column", lang, column=problem.column)
        where += ": "
    text = f"{where}[{problem.code}] {problem.says(lang)}"
    hint = problem.advice(lang)
    return f"{text} ({hint})" if hint else text


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
                raise InputError(
                    [Problem.of("DT101.file", file=name, size=info.st_size, limit=max_bytes)], name
                )
            with path.open("rb") as handle:
                raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError([Problem.of("DT109.no_file", file=name)], name) from None
    except OSError as exc:
        raise InputError(
            [Problem.of("DT109.unreadable", file=name, reason=exc.strerror or str(exc))], name
        ) from None
    if len(raw) > max_bytes:
        raise InputError([Problem.of("DT101.bytes", file=name, limit=max_bytes)], name)
    return raw


def decode(raw: bytes, name: str | None = None) -> str:
    """UTF-8 text (a byte-order mark is dropped); ``DT102`` names the byte, and Windows-1252 if it fits."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        hint = "hint.save_utf8"
        try:
            raw.decode("cp1252")
            hint = "hint.cp1252"
        except UnicodeDecodeError:
            pass
        problem = Problem.of("DT102.utf8", file=name, line=line, hint_key=hint, byte=exc.start)
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
            return [*problems, Problem.of("DT101.values", file=name, limit=max_values)]
        if isinstance(value, float):
            if not math.isfinite(value):
                problems.append(Problem.of("DT106.number", file=name, field=_dotted(path), value=value))
            continue
        if isinstance(value, str | int | bool) or value is None:
            continue
        if isinstance(value, Mapping | list | tuple | set | frozenset):
            if depth > max_depth:
                return [*problems, Problem.of("DT104.depth", file=name, field=_dotted(path), depth=max_depth)]
            if isinstance(value, Mapping):
                for key in value:
                    if not isinstance(key, str):
                        problems.append(
                            Problem.of("DT105.not_text", file=name, field=_dotted(path), key=shorten(key))
                        )
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
