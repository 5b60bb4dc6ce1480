"""Reading partner and register files through the engine's guarded reader (size, encoding, depth,
aliases, tags, duplicate keys, values), YAML 1.2 booleans (``NO`` is Norway), size-limited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from decision_trees import InputError
from decision_trees.support import decode, parse_data, read_bytes, read_data
from partner_criteria.errors import PartnerFileError, ProblemLine

__all__ = ["MAX_BYTES", "MAX_VALUES", "Lines", "read_bytes_of", "read_text", "read_yaml", "read_yaml_lines"]

#: Where each value of a YAML file starts: path of keys and indexes -> (line, column).
Lines = dict[tuple[str | int, ...], tuple[int, int]]

MAX_BYTES = 8 * 1024 * 1024  # a register of thousands of partners is well under 1 MiB
MAX_VALUES = 100_000  # values in a YAML register (a partner has about 40; big registers are CSV)


def _lines(exc: InputError) -> list[ProblemLine]:
    return [ProblemLine.reading(problem) for problem in exc.problems]


def read_text(path: Path) -> str:
    """The text of ``path``, or :class:`PartnerFileError` when it is missing, too large or not UTF-8."""
    try:
        return decode(read_bytes(path, max_bytes=MAX_BYTES), str(path))
    except InputError as exc:
        raise PartnerFileError(str(path), _lines(exc)) from None


def read_bytes_of(path: Path) -> bytes:
    """The bytes of ``path`` (at most :data:`MAX_BYTES`), or :class:`PartnerFileError`."""
    try:
        return read_bytes(path, max_bytes=MAX_BYTES)
    except InputError as exc:
        raise PartnerFileError(str(path), _lines(exc)) from None


def read_yaml(path: Path) -> Any:
    """The data in a YAML (or JSON) file, every guard applied."""
    try:
        return read_data(path, max_bytes=MAX_BYTES, max_values=MAX_VALUES)
    except InputError as exc:
        raise PartnerFileError(str(path), _lines(exc)) from None


def read_yaml_lines(path: Path) -> tuple[Any, Lines]:
    """The data in a YAML (or JSON) file and where each value starts, every guard applied."""
    try:
        text = decode(read_bytes(path, max_bytes=MAX_BYTES), str(path))
        data, lines = parse_data(text, str(path), max_values=MAX_VALUES, json=path.suffix.lower() == ".json")
    except InputError as exc:
        raise PartnerFileError(str(path), _lines(exc)) from None
    return data, dict(lines)
