"""Decision tables (DMN): typed columns, unary tests, hit policies, verification, DMN XML.

Load a table with :func:`load_table`, decide with :meth:`DecisionTable.evaluate`, read why with
:meth:`TableResult.explain`, check it with :func:`verify_table`, and exchange it with other DMN
tools through :func:`from_dmn` and :func:`to_dmn`; a tree's table nodes go to DMN with
:func:`tree_tables`, and a DMN table becomes a tree with :func:`tree_from_table`. The DMN part
imports ``defusedxml`` on use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from decision_trees import _seam
from decision_trees._lazy import lazy_face
from decision_trees.tables.errors import HitPolicyViolation, TableInputError, TableLoadError
from decision_trees.tables.evaluate import CellCheck, RowMatch, TableResult, evaluate
from decision_trees.tables.loader import load_table
from decision_trees.tables.model import (
    Cell,
    DecisionTable,
    Equal,
    InputColumn,
    OutputColumn,
    Range,
    Row,
)

if TYPE_CHECKING:  # the lazily loaded names below, typed for mypy and editors
    from decision_trees.tables.dmn import from_dmn, to_dmn
    from decision_trees.tables.trees import tree_from_table, tree_tables
    from decision_trees.tables.verify import TableFinding, verify_table

__all__ = [
    "Cell",
    "CellCheck",
    "DecisionTable",
    "Equal",
    "HitPolicyViolation",
    "InputColumn",
    "OutputColumn",
    "Range",
    "Row",
    "RowMatch",
    "TableFinding",
    "TableInputError",
    "TableLoadError",
    "TableResult",
    "from_dmn",
    "load_table",
    "to_dmn",
    "tree_from_table",
    "tree_tables",
    "verify_table",
]


def _evaluate_table(table: DecisionTable, inputs: dict[str, Any], strict: bool) -> TableResult:
    return evaluate(table, inputs, strict=strict)


_seam.evaluate_table = _evaluate_table  # DecisionTable.evaluate, without tables.model importing upward

_LAZY = {
    "verify_table": "decision_trees.tables.verify",
    "TableFinding": "decision_trees.tables.verify",
    "from_dmn": "decision_trees.tables.dmn",
    "to_dmn": "decision_trees.tables.dmn",
    "tree_tables": "decision_trees.tables.trees",
    "tree_from_table": "decision_trees.tables.trees",
}


__getattr__, __dir__ = lazy_face(__name__, _LAZY, globals())
