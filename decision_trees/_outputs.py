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

from decision_trees.words import word

if TYPE_CHECKING:
    from decision_trees.model import Lang, Tree, ValueRow, ValueTable

__all__ = [
    "EMPTY",
    "gives",
    "leaf_outputs",
    "outputs_of",
    "result_text",
    "results",
    "results_title",
    "row_text",
    "rows_held",
    "table_value",
    "to_plain",
    "value_text",
]

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
    if policy in ("UNIQUE", "ANY", "FIRST"):  # (a row matching everything comes last under FIRST)
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
        if any(row.node in taken for row in table.rows if row.node is not None):
            # a row without a node matches everything: it holds whenever the table is reached
            found[table_id] = [row for row in table.rows if row.node is None or taken.get(row.node) == 0]
    return found


def leaf_outputs(tree: Tree, link: Any) -> str:
    """The outputs of an analysed path (a ``_paths`` link), as canonical JSON (for comparing)."""
    import json

    from decision_trees._paths import path_of, steps_of

    path = path_of(link)
    branches = tuple(branch for _, branch in steps_of(link))
    return json.dumps(to_plain(outputs_of(tree, path, branches)), sort_keys=True)


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


# ----------------------------------------------------------------------------------------------
# Words and plain data


def _label(table: ValueTable, column_id: str, lang: Lang) -> str:
    column = next(c for c in table.outputs if c.id == column_id)
    return column.label.get(lang) if column.label is not None else column.id


def _scalar(value: Any, lang: Lang) -> str:
    if value is None:
        return word("table_null", lang)
    if isinstance(value, bool):
        return word("yes" if value else "no", lang)
    if isinstance(value, float) and lang == "nl":
        return str(value).replace(".", ",")
    return str(value)


def _one_text(table: ValueTable, value: Any, lang: Lang, named: bool) -> str:
    if isinstance(value, Mapping):
        return ", ".join(f"{_label(table, key, lang)} {_scalar(item, lang)}" for key, item in value.items())
    if named:
        return f"{_label(table, table.outputs[0].id, lang)} {_scalar(value, lang)}"
    return _scalar(value, lang)


def row_text(table: ValueTable, row: ValueRow, lang: Lang) -> str:
    """What a row gives: ``Bedrag 1200, Niveau standard``."""
    return _one_text(table, _one(table, row.outputs), lang, named=True)


def result_text(table: ValueTable, value: Any, lang: Lang) -> str:
    """``Uitkomst van de tabel Toeslagen (som): 350`` / ``Result of the table Surcharges (sum): 350``."""
    head = word("table_result", lang, table=table.text.get(lang))
    if table.aggregation is not None:
        head += f" ({word('aggregation_' + table.aggregation.lower(), lang)})"
    return f"{head}: {value_text(table, value, lang)}"


def value_text(table: ValueTable, value: Any, lang: Lang) -> str:
    """A table's result as a reader sees it: ``Bedrag 1200, Niveau standard``, ``contract; export``."""
    if isinstance(value, tuple):
        shown = "; ".join(_one_text(table, item, lang, named=False) for item in value)
        return shown or word("table_empty", lang)
    if value is None:
        return word("table_null", lang)
    return _one_text(table, value, lang, named=False)


def gives(tree: Tree, node_id: str, held: bool | None, lang: Lang) -> str | None:
    """``levert op: Toeslag 250`` for a value table's row that held, else ``None``."""
    node = tree.nodes.get(node_id)
    table_id = getattr(node, "table", None)
    table = tree.tables.get(table_id) if isinstance(table_id, str) else None
    if table is None or not held:
        return None
    row = next(row for row in table.rows if row.node == node_id)
    return f"{word('table_gives', lang)}: {row_text(table, row, lang)}"


def results(decision: Any, lang: Lang) -> list[tuple[str, str]]:
    """Per value table on the decision's path: its title (with the aggregation) and its result."""
    tree = decision.tree
    found = []
    for table_id, value in decision.outputs.items():
        table = tree.tables[table_id]
        found.append((results_title(table, lang), value_text(table, value, lang)))
    return found


def results_title(table: ValueTable, lang: Lang) -> str:
    """The table's title, with its aggregation: ``Toeslagen (som)``."""
    title = table.text.get(lang)
    if table.aggregation is not None:
        title += f" ({word('aggregation_' + table.aggregation.lower(), lang)})"
    return title


def to_plain(value: Any) -> Any:
    """An output value as JSON data (mappings as objects, collected values as lists)."""
    if isinstance(value, Mapping):
        return {key: to_plain(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [to_plain(item) for item in value]
    return value
