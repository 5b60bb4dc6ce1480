"""Errors of decision tables; every one has a stable code listed in ``docs/errors.md``."""

from __future__ import annotations

from collections.abc import Sequence

from decision_trees.errors import DecisionTreeError, InvalidAnswerError, Problem, TreeLoadError
from decision_trees.model import Lang
from decision_trees.words import error_text

__all__ = ["HitPolicyViolation", "TableInputError", "TableLoadError"]


class TableLoadError(TreeLoadError):
    """A table file, text, mapping or DMN document is not a valid table. Lists every problem."""

    code = "DT800"

    def __init__(self, problems: Sequence[Problem], source: str | None = None) -> None:
        self.unnamed = source is None  # named "table" (in Dutch "beslistabel") in the heading
        super().__init__(problems, source or "table")

    def _message(self, lang: Lang = "en") -> str:
        text = super()._message(lang)
        if self.unnamed and lang != "en":
            return error_text("name.table", lang) + text.removeprefix("table")
        return text


class TableInputError(InvalidAnswerError):
    """An input value does not fit its column (type or declared values), or names no column."""

    code = "DT830"


class HitPolicyViolation(DecisionTreeError, LookupError):
    """Several rows matched where the hit policy forbids it: UNIQUE (DT831) or ANY with
    different outputs (DT832). Raised by ``evaluate(..., strict=True)``; otherwise the result
    is null and carries this as ``result.error``."""

    code = "DT831"

    def __init__(self, code: str, table: str, rows: Sequence[str], message: str) -> None:
        self.code = code
        self.table = table
        self.rows = tuple(rows)
        super().__init__(f"[{code}] table {table!r}: {message}")
