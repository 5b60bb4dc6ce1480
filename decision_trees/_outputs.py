"""What a tree's value tables produce on a path: a pure function of the path and its branches.

A value table's rows are rules (``table: <id>``). Under a single-hit policy the chain stops at the
first row that holds (in priority order under PRIORITY); under RULE ORDER, OUTPUT ORDER and
COLLECT every row is tried. So the rows that held are the table's rules taken with branch 0 (the
``then``), and the outputs follow from them as DMN says, without evaluating anything again. They
are worked out once per distinct path and kept with the tree.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from decision_trees.model import Tree, ValueRow, ValueTable

__all__ = ["EMPTY", "outputs_of", "rows_held", "table_value"]

EMPTY: Mapping[str, Any] = MappingProxyType({})
_MOST_KEPT = 4096  # distinct paths kept per tree
_KEPT: dict[int, dict[tuple[tuple[str, ...], tuple[int, ...]], Mapping[str, Any]]] = {}


def _plain(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)


def _one(table: ValueTable, outputs: Mapping[str, Any]) -> Any:
    """A row's result: the value for one output column, a read-only mapping for several."""
    if len(table.outputs) == 1:
        return outputs[table.outputs[0].id]
    return MappingProxyType({column.id: outputs[column.id] for column in table.outputs})


def _rank(table: ValueTable, row: ValueRow) -> tuple[int, ...]:
    from decision_trees.table_nodes import output_rank

    return output_rank(table.outputs, row.outputs)


def table_value(table: ValueTable, hits: Sequence[ValueRow]) -> Any:
    """DMN's result of ``table`` when the rows ``hits`` (in row order) hold.

    Single hit: the row's value (the defaults when no row holds: ``None`` without any). Collecting
    without aggregation: a tuple of the rows' values (by priority under OUTPUT ORDER). COLLECT
    with SUM, MIN, MAX: that number (the default when no row holds); COUNT: the number of rows.
    """
    policy = table.hit_policy
    if not hits and (
        policy in ("UNIQUE", "ANY", "PRIORITY", "FIRST") or table.aggregation in ("SUM", "MIN", "MAX")
    ):
        defaults = {column.id: column.default for column in table.outputs}
        if all(value is None for value in defaults.values()):
            return None
        return _one(table, defaults)
    if policy in ("UNIQUE", "ANY", "FIRST"):
        return _one(table, hits[0].outputs)
    if policy == "PRIORITY":
        return _one(table, min(hits, key=lambda row: _rank(table, row)).outputs)
    ordered = sorted(hits, key=lambda row: _rank(table, row)) if policy == "OUTPUT ORDER" else list(hits)
    if table.aggregation is None:
        return tuple(_one(table, row.outputs) for row in ordered)
    if table.aggregation == "COUNT":
        return len(ordered)
    numbers = [Decimal(str(row.outputs[table.outputs[0].id])) for row in ordered]
    if table.aggregation == "SUM":
        return _plain(sum(numbers, Decimal(0)))
    return _plain(min(numbers) if table.aggregation == "MIN" else max(numbers))


def rows_held(tree: Tree, path: Sequence[str], branches: Sequence[int]) -> dict[str, list[ValueRow]]:
    """Per value table on the path, the rows that held (in row order)."""
    taken = dict(zip(path, branches, strict=False))
    found: dict[str, list[ValueRow]] = {}
    for table_id, table in tree.tables.items():
        if any(row.node in taken for row in table.rows):
            found[table_id] = [row for row in table.rows if taken.get(row.node) == 0]
    return found


def outputs_of(tree: Tree, path: tuple[str, ...], branches: tuple[int, ...]) -> Mapping[str, Any]:
    """Table id → value for every value table on the path (read-only; kept per path)."""
    if not tree.tables:
        return EMPTY
    key = id(tree)
    kept = _KEPT.get(key)
    if kept is None:
        kept = _KEPT[key] = {}
        weakref.finalize(tree, _KEPT.pop, key, None)
    known = kept.get((path, branches))
    if known is None:
        held = rows_held(tree, path, branches)
        known = MappingProxyType({tid: table_value(tree.tables[tid], rows) for tid, rows in held.items()})
        if len(kept) < _MOST_KEPT:
            kept[(path, branches)] = known
    return known
