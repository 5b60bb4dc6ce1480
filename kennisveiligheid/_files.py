"""Reading the package's data files and users' YAML files, and turning pydantic errors into lines."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from decision_trees.reading import InputError, read_data

__all__ = ["DATA", "MAX_BYTES", "read_yaml", "validation_problems"]

DATA = Path(__file__).parent / "data"
MAX_BYTES = 2_000_000  # cases, lists and overlays


def read_yaml(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> tuple[Any, list[str]]:
    """The YAML (or JSON) document in ``path`` (``"-"`` is stdin) through the engine's guarded reader,
    and any problems reading it, as lines with their code and line number."""
    try:
        return read_data(path, max_bytes=max_bytes), []
    except InputError as exc:
        return None, exc.lines()


def validation_problems(exc: ValidationError) -> list[str]:
    """One line per pydantic error: the dotted field, the message, and the value given."""
    lines = []
    for error in exc.errors(include_url=False):
        where = ".".join(str(part) for part in error["loc"]) or "(top)"
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = "unknown field"
        lines.append(f"{where}: {message}")
    return lines
