"""Reading the package's data files and users' YAML files, and turning pydantic errors into lines."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from decision_trees import DecisionTreeError, InputError, Problem
from decision_trees.support import read_data

__all__ = ["DATA", "MAX_BYTES", "read_yaml", "validation_problems"]

DATA = Path(__file__).parent / "data"
MAX_BYTES = 2_000_000  # cases, lists and overlays


def read_yaml(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> tuple[Any, list[str | Problem]]:
    """The YAML (or JSON) document in ``path`` (``"-"`` is stdin) through the engine's guarded reader,
    and any problems reading it (records with their code and line, worded per language when shown)."""
    try:
        return read_data(path, max_bytes=max_bytes), []
    except InputError as exc:
        return None, list(exc.problems)


def validation_problems(exc: ValidationError, code: str = "KV100") -> list[str | Problem]:
    """One problem per pydantic error: the dotted field and the message (shown as ``field: message``)."""
    lines: list[str | Problem] = []
    for error in exc.errors(include_url=False):
        where = ".".join(str(part) for part in error["loc"]) or "(top)"
        if error["type"] == "extra_forbidden":
            lines.append(Problem.of(f"{code}.unknown_field", field=where))
        else:
            ctx = error.get("ctx") or {}
            facts: dict[str, Any] = {
                k: ctx[k]
                for k in ("expected", "min_length", "max_length", "ge", "gt", "le", "lt")
                if k in ctx
            }
            cause = ctx.get("error")
            if isinstance(cause, DecisionTreeError) and cause.key:  # our own error, raised in a validator
                facts.update({**dict(cause.facts), "reason_key": cause.key, "reason": ""})
            elif "reason_key" in ctx:  # the same, passed on in a custom error's context
                facts.update({k: v for k, v in ctx.items() if k != "message"})
            lines.append(
                Problem.of(
                    f"{code}.schema", field=where, message=error["msg"][:300], kind=error["type"], **facts
                )
            )
    return lines
