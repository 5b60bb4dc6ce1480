"""Reading the package's data files and users' YAML files, and turning pydantic errors into lines."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

__all__ = ["DATA", "MAX_BYTES", "read_yaml", "validation_problems"]

DATA = Path(__file__).parent / "data"
MAX_BYTES = 2_000_000


def read_yaml(path: str | os.PathLike[str]) -> tuple[Any, list[str]]:
    """The YAML document in ``path`` (safe loader) and any problems reading it, as lines."""
    name = os.fspath(path)
    try:
        size = Path(name).stat().st_size
        if size > MAX_BYTES:
            return None, [f"the file is {size} bytes; the limit is {MAX_BYTES}"]
        text = Path(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, ["no such file"]
    except UnicodeDecodeError as exc:
        return None, [f"not UTF-8 text (byte {exc.start})"]
    except OSError as exc:
        return None, [f"cannot read the file: {exc.strerror}"]
    try:
        return yaml.safe_load(text), []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [f"{where}not valid YAML: {problem}"]


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
