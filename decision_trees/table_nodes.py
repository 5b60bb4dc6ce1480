"""Routing tables inside trees (``kind: table``), lowered at load time into rule nodes.

A table node reads some of the tree's inputs (or its named conditions, as yes/no columns) as
columns; each row holds a test per column (a condition on that column, as in a question's branch;
a column left out is "-", any answer) and the node to go to. The hit policy says which row routes
when several match:

- ``FIRST``: the first matching row, in file order;
- ``PRIORITY``: the matching row whose ``next`` comes first in ``priority``;
- ``UNIQUE`` (the default) and ``ANY``: rows are promised not to overlap (``UNIQUE``) or to agree
  where they do (``ANY``); the loader proves the promise exactly, or refuses the table with a
  witness (DT846, DT847; :meth:`Lowered.check_hit_policies`).

When no row matches, the table goes to ``else``, which every table node names (DMN's default
output). The loader lowers a table into a chain of rule nodes, one per row, so the compiled
evaluator, verification, paths, the durable backend, the explorer and the drawings all work on it
unchanged. The first row keeps the table's id (so that references to the table land on it), the
others are ``<table>.<row>``; each row's rule carries the row's annotation as its note and the
row's sources. The trace therefore names the row that matched, and every row tried before it,
and why each of its cells held or not. The tree keeps each table as written
(:meth:`Lowered.keep_forms`), so that :meth:`~decision_trees.Tree.to_dict` writes the table, not
its rules; the content hash is that of the rules.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from decision_trees import _seam
from decision_trees.errors import Problem
from decision_trees.model import Citation, Condition, TableForm, Text

if TYPE_CHECKING:
    from decision_trees.model import Tree

__all__ = [
    "MAX_COLLECT_ROWS",
    "ROW_ID",
    "TABLE_HIT_POLICIES",
    "VALUE_HIT_POLICIES",
    "Lowered",
    "OutputColumnSpec",
    "TableNode",
    "TableRow",
    "ValueTableNode",
    "ValueTableRow",
    "lower_tables",
    "output_rank",
    "row_node_ids",
]

TABLE_HIT_POLICIES: tuple[str, ...] = ("UNIQUE", "ANY", "FIRST", "PRIORITY")
#: The hit policies of a value table (DMN's seven); the last three collect every row that holds.
VALUE_HIT_POLICIES: tuple[str, ...] = (*TABLE_HIT_POLICIES, "RULE ORDER", "OUTPUT ORDER", "COLLECT")
MULTI_HIT = frozenset({"RULE ORDER", "OUTPUT ORDER", "COLLECT"})
AGGREGATIONS: tuple[str, ...] = ("SUM", "MIN", "MAX", "COUNT")
#: At most this many rows in a value table that collects (each row doubles the paths through it).
MAX_COLLECT_ROWS = 12
_KEYS = frozenset(
    {"kind", "text", "inputs", "rows", "else", "hit_policy", "priority", "sources", "section", "id"}
    | {"outputs", "next", "aggregation"}
)
_VALUE_ONLY = ("outputs", "next", "aggregation")
_ROW_KEYS = frozenset({"id", "when", "next", "annotation", "sources", "outputs"})
_COLUMN_KEYS = frozenset({"id", "type", "label", "values", "default"})
_COLUMN_ID = r"^[A-Za-z][A-Za-z0-9_.-]{0,99}$"
_OUTPUT_TYPES = ("enum", "string", "number", "boolean")
_COMBINATIONS = ("all", "any", "not", "at_least", "rule")
_ROW_WORD = {"nl": "rij", "en": "row"}
#: A row id: it becomes part of a node id (``<table>.<row>``).
ROW_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$"

Path = tuple[str | int, ...]
Positions = dict[Path, tuple[int, int]]


class TableRow(BaseModel):
    """One row of a table node: a test per column it names ("-" for the others) and where to go."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: Annotated[str, Field(pattern=ROW_ID)] | None = None
    when: Annotated[dict[str, Condition], Field(min_length=1)]
    next: str
    annotation: Text | None = None
    sources: tuple[Citation, ...] = ()


class TableNode(BaseModel):
    """The file form of a ``kind: table`` node (the JSON Schema is made from it; the loader lowers
    the node into rules and checks it with DT840-DT847)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    kind: Literal["table"]
    id: str = ""
    text: Text
    hit_policy: Literal["UNIQUE", "ANY", "FIRST", "PRIORITY"] = "UNIQUE"
    inputs: Annotated[tuple[str, ...], Field(min_length=1)]
    rows: Annotated[tuple[TableRow, ...], Field(min_length=1)]
    else_: str = Field(alias="else")
    priority: tuple[str, ...] | None = None
    sources: tuple[Citation, ...] = ()
    section: str | None = None


class OutputColumnSpec(BaseModel):
    """One output column of a value table node (file form)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: Annotated[str, Field(pattern=_COLUMN_ID)]
    type: Literal["enum", "string", "number", "boolean"]
    label: Text | None = None
    values: Annotated[tuple[bool | int | float | str, ...], Field(min_length=1)] | None = None
    default: bool | int | float | str | None = None


class ValueTableRow(BaseModel):
    """One row of a value table node: a test per column it names and a value per output column."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: Annotated[str, Field(pattern=ROW_ID)] | None = None
    when: dict[str, Condition] = Field(
        default_factory=dict,
        description='Empty or left out: "-" in every column (RULE ORDER, OUTPUT ORDER, COLLECT).',
    )
    outputs: Annotated[dict[str, bool | int | float | str], Field(min_length=1)]
    annotation: Text | None = None
    sources: tuple[Citation, ...] = ()


class ValueTableNode(BaseModel):
    """The file form of a value table node (``kind: table`` with ``outputs``): its rows produce
    values that the decision carries (``Decision.outputs``); the walk goes on at ``next``."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    kind: Literal["table"]
    id: str = ""
    text: Text
    hit_policy: Literal["UNIQUE", "ANY", "FIRST", "PRIORITY", "RULE ORDER", "OUTPUT ORDER", "COLLECT"] = (
        "UNIQUE"
    )
    aggregation: Literal["SUM", "MIN", "MAX", "COUNT"] | None = None
    inputs: Annotated[tuple[str, ...], Field(min_length=1)]
    outputs: Annotated[tuple[OutputColumnSpec, ...], Field(min_length=1)]
    rows: Annotated[tuple[ValueTableRow, ...], Field(min_length=1)]
    next: str
    sources: tuple[Citation, ...] = ()
    section: str | None = None


def _is_table(node: Any) -> bool:
    return isinstance(node, Mapping) and node.get("kind") == "table"


def row_node_ids(table_id: str, rows: list[Any]) -> list[str]:
    """The ids of the rule nodes a table's rows become: the table's own id for the first row."""
    ids = []
    for index, row in enumerate(rows):
        given = row.get("id") if isinstance(row, Mapping) else None
        name = given if isinstance(given, str) and re.match(ROW_ID, given) else f"row{index + 1}"
        ids.append(table_id if index == 0 else f"{table_id}.{name}")
    return ids


def _with_input(cell: Any, column: str) -> Any:
    """``cell`` with ``input: column`` on every test inside it (rule references stay, and are refused)."""
    if isinstance(cell, list):
        return [_with_input(item, column) for item in cell]
    if not isinstance(cell, Mapping):
        return cell
    if any(key in cell for key in _COMBINATIONS):
        return {key: _with_input(value, column) if key != "rule" else value for key, value in cell.items()}
    return {"input": column, **cell}


def _mentions(cell: Any, key: str) -> bool:
    """Whether ``key`` occurs as a mapping key anywhere inside ``cell``."""
    if isinstance(cell, Mapping):
        return key in cell or any(_mentions(value, key) for value in cell.values())
    if isinstance(cell, list):
        return any(_mentions(item, key) for item in cell)
    return False


class _Lowering:
    def __init__(self, data: Mapping[str, Any], positions: Positions, name: str | None) -> None:
        self.data = data
        self.positions = positions
        self.name = name
        self.problems: list[Problem] = []
        nodes = data["nodes"]
        inputs = data.get("inputs")
        #: named conditions (rules without then/else) that a table may use as boolean columns
        self.named = {
            key
            for key, node in nodes.items()
            if isinstance(node, Mapping)
            and node.get("kind") == "rule"
            and "then" not in node
            and not (isinstance(inputs, Mapping) and key in inputs)
        }
        #: per table: (id, hit policy, [(row path, rule id, condition, next or outputs)], valued)
        self.tables: list[tuple[str, str, list[tuple[Path, str, Any, Any]], bool]] = []
        #: the value tables, as the tree's ``tables`` entries
        self.values: dict[str, dict[str, Any]] = {}
        #: per table: (id, the node as written, the ids of the nodes it became)
        self.written: list[tuple[str, Mapping[str, Any], tuple[str, ...]]] = []

    def problem(self, which: str, path: Path, /, **facts: Any) -> None:
        line = column = None
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.positions:
                line, column = self.positions[path[:cut]]
                break
        node = str(path[1]) if len(path) > 1 else None
        field = ""
        for part in path[2:]:
            field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else part)
        self.problems.append(
            Problem.of(
                which, file=self.name, line=line, column=column, node=node, field=field or None, **facts
            )
        )

    def alias(self, new: Path, old: Path) -> None:
        """Let problems about the lowered ``new`` path point at the table's ``old`` line."""
        for known, where in list(self.positions.items()):
            if known[: len(old)] == old:
                self.positions[new + known[len(old) :]] = where

    def run(self) -> dict[str, Any]:
        nodes: dict[str, Any] = {}
        raw_nodes = self.data["nodes"]
        for node_id, node in raw_nodes.items():
            if _is_table(node):
                nodes.update(self.table(str(node_id), node, set(raw_nodes)))
            else:
                nodes[node_id] = node
        lowered = {**self.data, "nodes": nodes}
        if self.values:
            given = self.data.get("tables")
            lowered["tables"] = {**(given if isinstance(given, Mapping) else {}), **self.values}
        return lowered

    def table(self, table_id: str, node: Mapping[str, Any], node_ids: set[str]) -> dict[str, Any]:
        here: Path = ("nodes", table_id)
        valued = "outputs" in node
        policy, columns, otherwise = self.header(node, here, valued)
        outputs = self.output_columns(node, here, policy) if valued else None
        rows = node.get("rows")
        if not isinstance(rows, list) or not rows:
            self.problem("DT840.rows", (*here, "rows"))
            return {}
        multi = valued and policy in MULTI_HIT
        valid, produced = self.rows(node, rows, (policy, valued), here, columns, outputs)
        if valued and not valid and produced:
            self.problem("DT848.catch_all_only", (*here, "rows"))
        if multi and len(rows) > MAX_COLLECT_ROWS:
            self.problem("DT848.too_many", (*here, "rows"), policy=policy, most=MAX_COLLECT_ROWS)
        ids = row_node_ids(table_id, [row for _, row, _ in valid])
        lowered: dict[str, Any] = {}
        record: list[tuple[Path, str, Any, Any]] = []
        for position, (index, row, cells) in enumerate(valid):
            where = (*here, "rows", index)
            rule_id = ids[position]
            self.row_id(row, rule_id, where, taken=set(lowered) | (node_ids - {table_id}))
            self.alias(("nodes", rule_id), where)
            for k, (column, _) in enumerate(cells):
                cell_path = ("condition",) if len(cells) == 1 else ("condition", "all", k)
                self.alias(("nodes", rule_id, *cell_path), (*where, "when", column))
            fallback = ids[position + 1] if position + 1 < len(ids) else otherwise
            # a routing row goes to its next; a value row that holds leaves the table (single
            # hit) or, collecting, goes on to the next row as one that does not hold does
            then = row.get("next") if not valued else (fallback if multi else otherwise)
            tests = [self.test(cell, column) for column, cell in cells]
            lowered[rule_id] = self.rule(node, row, index, tests, then, fallback)
            lowered[rule_id]["table"] = table_id
            result = row.get("next") if not valued else json.dumps(row.get("outputs"), sort_keys=True)
            record.append((where, rule_id, lowered[rule_id]["condition"], result))
            produced.append((index, rule_id, row.get("outputs")))
        self.tables.append((table_id, str(policy), record, valued))
        if valued and outputs is not None:
            self.values[table_id] = {
                key: node[key] for key in ("text", "hit_policy", "aggregation") if key in node
            } | {
                "outputs": outputs,
                "rows": [
                    {"outputs": out} | ({"node": rule_id} if rule_id is not None else {})
                    for _, rule_id, out in sorted(produced, key=lambda item: item[0])
                ],
                "next": otherwise,
            }
        self.written.append((table_id, node, tuple(lowered)))
        return lowered

    def rows(
        self,
        node: Mapping[str, Any],
        rows: list[Any],
        how: tuple[Any, bool],
        here: Path,
        columns: list[str],
        outputs: list[dict[str, Any]] | None,
    ) -> tuple[list[tuple[int, Mapping[str, Any], list[tuple[str, Any]]]], list[tuple[int, str | None, Any]]]:
        """The rows in the order they are tried, with their cells, and (a value table) the rows
        that match everything, which need no rule."""
        policy, valued = how
        valid: list[tuple[int, Mapping[str, Any], list[tuple[str, Any]]]] = []
        produced: list[tuple[int, str | None, Any]] = []
        caught: int | None = None  # a FIRST or PRIORITY table's row matching everything
        for index in self.order(node, rows, policy, here, outputs):
            row, where = rows[index], (*here, "rows", index)
            if caught is not None:  # tried after a row that matches everything: never applies
                self.problem("DT848.after_catch_all", where, policy=policy, row=caught + 1)
                continue
            if valued and isinstance(row, Mapping) and row.get("when", {}) == {}:
                # a row matching everything ("-" in every column) holds whenever the table is
                # reached, so it needs no rule: collected always, or (FIRST, PRIORITY) taken when
                # no row tried before it holds; under UNIQUE and ANY it overlaps every other row
                if policy in ("UNIQUE", "ANY"):
                    self.problem("DT848.catch_all", (*where, "when"), policy=policy)
                elif outputs is not None and self.row_outputs(row, where, outputs):
                    produced.append((index, None, row.get("outputs")))
                caught = index if policy in ("FIRST", "PRIORITY") else None
                continue
            cells = self.row(row, where, columns, outputs, valued)
            if cells is not None and isinstance(row, Mapping):
                valid.append((index, row, cells))
        return valid, produced

    def header(self, node: Mapping[str, Any], here: Path, valued: bool) -> tuple[Any, list[str], str]:
        """The hit policy, the columns and the else (a value table: the next) of a table node,
        checked (DT840, DT841, DT848)."""
        for key in node:
            if key not in _KEYS:
                self.problem("DT840.field", (*here, key), key=key)
            elif key in _VALUE_ONLY and not valued:
                self.problem("DT848.routing", (*here, key), key=key)
        policy = node.get("hit_policy", "UNIQUE")
        if not valued and policy not in TABLE_HIT_POLICIES:
            known = ", ".join(TABLE_HIT_POLICIES)
            self.problem("DT840.hit_policy", (*here, "hit_policy"), policy=policy, known=known)
        elif valued and policy not in VALUE_HIT_POLICIES:
            known = ", ".join(VALUE_HIT_POLICIES)
            self.problem("DT848.hit_policy", (*here, "hit_policy"), policy=policy, known=known)
        columns = node.get("inputs")
        if not isinstance(columns, list) or not columns or not all(isinstance(c, str) for c in columns):
            self.problem("DT840.inputs", (*here, "inputs"))
            columns = []
        otherwise = self.value_header(node, here, policy) if valued else node.get("else")
        if not valued and not isinstance(otherwise, str):
            self.problem("DT841.else", (*here, "else"))
        otherwise = otherwise if isinstance(otherwise, str) else ""
        text = node.get("text")
        words = [text.get(lang) for lang in ("nl", "en")] if isinstance(text, Mapping) else [None]
        if not all(isinstance(w, str) and w for w in words):
            self.problem("DT840.text", (*here, "text"))
        return policy, columns, otherwise

    def value_header(self, node: Mapping[str, Any], here: Path, policy: Any) -> Any:
        """A value table's ``next`` (where the walk goes on), with no ``else``; its aggregation."""
        if "else" in node:
            self.problem("DT848.else", (*here, "else"))
        aggregation = node.get("aggregation")
        if aggregation is not None and (policy != "COLLECT" or aggregation not in AGGREGATIONS):
            self.problem("DT848.aggregation", (*here, "aggregation"), aggregation=aggregation)
        if not isinstance(node.get("next"), str):
            self.problem("DT848.next", (*here, "next"))
        return node.get("next")

    def output_columns(self, node: Mapping[str, Any], here: Path, policy: Any) -> list[dict[str, Any]] | None:
        """A value table's output columns, checked (DT848), or ``None`` when they are unusable."""
        given = node.get("outputs")
        if not isinstance(given, list) or not given:
            self.problem("DT848.outputs", (*here, "outputs"))
            return None
        columns: list[dict[str, Any]] = []
        for i, column in enumerate(given):
            checked = self.output_column(column, (*here, "outputs", i), columns)
            if checked is None:
                return None
            columns.append(checked)
        if policy in ("PRIORITY", "OUTPUT ORDER") and not any("values" in c for c in columns):
            self.problem("DT848.priority", (*here, "outputs"), policy=policy)
        aggregation = node.get("aggregation")
        if aggregation in AGGREGATIONS and (
            len(columns) != 1 or (aggregation != "COUNT" and columns[0]["type"] != "number")
        ):
            self.problem("DT848.aggregate", (*here, "outputs"), aggregation=aggregation)
        return columns

    def output_column(
        self, column: Any, where: Path, before_it: list[dict[str, Any]]
    ) -> dict[str, Any] | None:
        """One output column, checked (DT848), or ``None``."""
        if not isinstance(column, Mapping):
            self.problem("DT848.column", where)
            return None
        before = len(self.problems)
        for key in [k for k in column if k not in _COLUMN_KEYS]:
            self.problem("DT848.column_field", (*where, key), key=key)
        ident = column.get("id")
        if not (isinstance(ident, str) and re.match(_COLUMN_ID, ident)):
            self.problem("DT848.column_id", (*where, "id"))
        elif any(ident == c.get("id") for c in before_it):
            self.problem("DT848.column_twice", (*where, "id"), id=ident)
        kind = column.get("type")
        if kind not in _OUTPUT_TYPES:
            known = ", ".join(_OUTPUT_TYPES)
            self.problem("DT848.column_type", (*where, "type"), type=kind, known=known)
        label = column.get("label")
        if label is not None and not _is_text(label):
            self.problem("DT848.label", (*where, "label"))
        values = column.get("values")
        if values is None and kind == "enum":
            self.problem("DT848.enum", (*where, "values"))
        elif values is not None and not _value_list(kind, values):
            self.problem("DT848.values", (*where, "values"), type=kind)
        default = column.get("default")
        if len(self.problems) == before and default is not None and not _fits(kind, values, default):
            self.problem("DT848.value", (*where, "default"), output=ident, value=_json(default))
        if len(self.problems) > before:
            return None
        given = {"label": label, "values": values, "default": default}
        return {"id": ident, "type": kind, **{k: v for k, v in given.items() if v is not None}}

    def order(
        self,
        node: Mapping[str, Any],
        rows: list[Any],
        policy: Any,
        here: Path,
        outputs: list[dict[str, Any]] | None,
    ) -> list[int]:
        """The rows' indexes in the order they are tried: file order, or by ``priority`` (DT842)
        or, in a value table, by the priority of the row's output values (as DMN)."""
        order = list(range(len(rows)))
        if "outputs" in node:
            if "priority" in node:
                self.problem("DT848.priority_list", (*here, "priority"))
            elif policy == "PRIORITY" and outputs is not None:
                order.sort(key=lambda i: output_rank(outputs, rows[i].get("outputs")))
        elif policy == "PRIORITY":
            priority = node.get("priority")
            targets = {row.get("next") for row in rows if isinstance(row, Mapping)}
            if not isinstance(priority, list) or not targets <= set(priority):
                self.problem("DT842.priority", (*here, "priority"))
            else:
                order.sort(key=lambda i: priority.index(rows[i].get("next")))
        elif "priority" in node:
            self.problem("DT842.only", (*here, "priority"))
        return order

    def row_id(self, row: Mapping[str, Any], rule_id: str, where: Path, taken: set[str]) -> None:
        """A row's id is usable in a node id and names no other node (DT843)."""
        given = row.get("id")
        if given is not None and not (isinstance(given, str) and re.match(ROW_ID, given)):
            self.problem("DT843.id", (*where, "id"))
        elif rule_id in taken:
            self.problem("DT843.twice", (*where, "id"), id=rule_id)

    def test(self, cell: Any, column: str) -> Any:
        """A cell as a rule's condition: on its input, or (a named condition's column) the rule itself."""
        if column in self.named:
            return {"rule": column} if cell == {"equals": True} else {"not": {"rule": column}}
        return _with_input(cell, column)

    def row(
        self, row: Any, where: Path, columns: list[str], outputs: list[dict[str, Any]] | None, valued: bool
    ) -> list[tuple[str, Any]] | None:
        """The row's (column, cell) pairs, or ``None`` (with problems) when it cannot be lowered.
        ``outputs``: a value table's output columns (``None``: unusable), which its rows fill."""
        if not isinstance(row, Mapping):
            self.problem("DT840.row", where)
            return None
        for key in row:
            if key not in _ROW_KEYS:
                self.problem("DT840.row_field", (*where, key), key=key)
        if valued:
            if outputs is None or not self.row_outputs(row, where, outputs):
                return None
        elif "outputs" in row:
            self.problem("DT848.routing", (*where, "outputs"), key="outputs")
        return self.cells(row, where, columns)

    def cells(self, row: Mapping[str, Any], where: Path, columns: list[str]) -> list[tuple[str, Any]] | None:
        """The row's (column, cell) pairs, checked (DT844, DT845)."""
        when = row.get("when")
        if not isinstance(when, Mapping) or not when:
            self.problem("DT844.when", (*where, "when"))
            return None
        cells = []
        for column, cell in when.items():
            if column not in columns:
                self.problem("DT845.column", (*where, "when", column), name=column)
            elif _mentions(cell, "rule"):
                self.problem("DT845.rule", (*where, "when", column))
            elif _mentions(cell, "input"):
                self.problem("DT845.input", (*where, "when", column))
            elif column in self.named and cell not in ({"equals": True}, {"equals": False}):
                self.problem("DT845.named", (*where, "when", column), name=column)
            else:
                cells.append((str(column), cell))
        return cells or None

    def row_outputs(self, row: Mapping[str, Any], where: Path, outputs: list[dict[str, Any]]) -> bool:
        """A value row gives a value of the right type to every output column, and no next (DT848)."""
        if "next" in row:
            self.problem("DT848.row_next", (*where, "next"))
        given = row.get("outputs")
        if not isinstance(given, Mapping):
            self.problem(
                "DT848.row_outputs", (*where, "outputs"), columns=", ".join(c["id"] for c in outputs)
            )
            return False
        before = len(self.problems)
        known = {c["id"]: c for c in outputs}
        for key, value in given.items():
            column = known.get(key)
            if column is None:
                self.problem("DT848.row_column", (*where, "outputs", key), name=key, columns=", ".join(known))
            elif not _fits(column["type"], column.get("values"), value):
                self.problem("DT848.value", (*where, "outputs", key), output=key, value=_json(value))
        missing = [key for key in known if key not in given]
        if missing:
            self.problem("DT848.row_outputs", (*where, "outputs"), columns=", ".join(missing))
        return len(self.problems) == before and "next" not in row

    @staticmethod
    def rule(
        node: Mapping[str, Any],
        row: Mapping[str, Any],
        index: int,
        tests: list[Any],
        then: Any,
        fallback: str,
    ) -> dict[str, Any]:
        text = node.get("text")
        title = {
            lang: f"{text.get(lang, '') if isinstance(text, Mapping) else ''}: "
            f"{_ROW_WORD[lang]} {row.get('id') or index + 1}"
            for lang in ("nl", "en")
        }
        rule: dict[str, Any] = {
            "kind": "rule",
            "text": title,
            "condition": tests[0] if len(tests) == 1 else {"all": tests},
            "then": then,
            "else": fallback,
        }
        sources = list(row.get("sources") or ()) or list(node.get("sources") or ())
        if sources:
            rule["sources"] = sources
        if node.get("section") is not None:
            rule["section"] = node["section"]
        if row.get("annotation") is not None:
            rule["note"] = row["annotation"]
        return rule


class Lowered:
    """The result of lowering: the data to load, the problems found, and the hit-policy check
    (DT846/DT847) to run once the lowered tree is valid."""

    def __init__(self, data: Mapping[str, Any], lowering: _Lowering | None) -> None:
        self.data = data
        self.lowering = lowering
        self.problems = list(lowering.problems) if lowering is not None else []

    def check_hit_policies(self, tree: Tree) -> list[Problem]:
        """UNIQUE rows never overlap, ANY rows overlap only where they agree: else a problem with
        a witness (answers that match both rows), found exactly by ``verify`` on a two-row tree."""
        if self.lowering is None:
            return []
        before = len(self.lowering.problems)
        for table_id, policy, rows, valued in self.lowering.tables:
            if policy not in ("UNIQUE", "ANY"):
                continue
            for i, (_, first, cond_i, next_i) in enumerate(rows):
                for where, second, cond_j, next_j in rows[i + 1 :]:
                    if policy == "ANY" and next_i == next_j:
                        continue
                    witness = _overlap(tree, cond_i, cond_j)
                    if witness is None:
                        continue
                    self.lowering.problem(
                        "DT846.overlap"
                        if policy == "UNIQUE"
                        else "DT847.outputs"
                        if valued
                        else "DT847.overlap",
                        (*where, "when"),
                        table=table_id,
                        policy=policy,
                        first=first,
                        second=second,
                        witness=_show(witness),
                    )
        return self.lowering.problems[before:]

    def keep_forms(self, tree: Tree) -> Tree:
        """``tree``, remembering each table node as written (for :meth:`Tree.to_dict`; the
        content hash is that of the rules, as before)."""
        if self.lowering is None:
            return tree
        forms: dict[str, TableForm] = {}
        for table_id, node, ids in self.lowering.written:
            try:
                file_model = ValueTableNode if "outputs" in node else TableNode
                spec: BaseModel = file_model.model_validate({**node, "id": table_id})
            except ValidationError:  # the loader took it: the file model should too; else keep the rows
                continue
            forms[table_id] = TableForm(spec, {key: tree.nodes[key] for key in ids})
        tree._table_forms = forms
        return tree


def _fits(kind: Any, values: Any, value: Any) -> bool:
    """Whether ``value`` is of an output column's type (and one of its ``values``, if listed)."""
    if kind == "boolean":
        fits = isinstance(value, bool)
    elif kind == "number":
        fits = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    else:
        fits = isinstance(value, str)
    return fits and (values is None or value in values)


def _is_text(value: Any) -> bool:
    return isinstance(value, Mapping) and all(
        isinstance(value.get(k), str) and value.get(k) for k in ("nl", "en")
    )


def _value_list(kind: Any, values: Any) -> bool:
    """Whether ``values`` is a non-empty list of distinct values of type ``kind``."""
    return (
        isinstance(values, list)
        and bool(values)
        and all(_fits(kind, None, v) for v in values)
        and len({json.dumps(v) for v in values}) == len(values)
    )


def _json(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def output_rank(columns: Any, outputs: Any) -> tuple[int, ...]:
    """A row's priority under PRIORITY and OUTPUT ORDER, as DMN: by the position of its values in
    the columns' ``values`` lists, column by column (lower is higher)."""
    key: list[int] = []
    for column in columns:
        values = column.get("values") if isinstance(column, Mapping) else column.values
        ident = column.get("id") if isinstance(column, Mapping) else column.id
        if values is not None:
            value = outputs.get(ident) if isinstance(outputs, Mapping) else None
            key.append(values.index(value) if value in values else len(values))
    return tuple(key)


def _show(answers: Mapping[str, Any]) -> str:
    from decision_trees.answers import answer_to_json

    return ", ".join(
        f"{key}={json.dumps(answer_to_json(value), ensure_ascii=False)}" for key, value in answers.items()
    )


def _overlap(tree: Tree, first: Any, second: Any) -> Mapping[str, Any] | None:
    """Answers for which both row conditions hold, or ``None`` when none exist (exact)."""
    both = {"all": [first, second]}
    named = {
        key: node.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        for key, node in tree.nodes.items()
        if getattr(node, "kind", None) == "rule" and not getattr(node, "routes", True)
    }
    probe = {
        "id": "overlap-probe",
        "version": "1",
        "title": {"nl": "overlap", "en": "overlap"},
        "start": "probe.both",
        "sources": {key: source.model_dump(mode="json") for key, source in tree.sources.items()},
        "inputs": {key: decl.model_dump(mode="json", by_alias=True) for key, decl in tree.inputs.items()},
        "nodes": {
            "probe.both": {
                "kind": "rule",
                "text": {"nl": "beide", "en": "both"},
                "condition": both,
                "then": "probe.yes",
                "else": "probe.no",
            },
            "probe.yes": {"kind": "outcome", "label": {"nl": "ja", "en": "yes"}},
            "probe.no": {"kind": "outcome", "label": {"nl": "nee", "en": "no"}},
            **named,
        },
        "invariants": [{"only_if": {"outcome": "probe.yes", "condition": {"not": first}}}],
    }
    report = _seam.verify_data(probe)
    found = report.by_code("V021")
    return found[0].witness if found else None


def lower_tables(data: Mapping[str, Any], positions: Positions, name: str | None = None) -> Lowered:
    """``data`` with every ``kind: table`` node lowered into rule nodes, and the table problems
    (DT840-DT845). ``positions`` gains the lowered paths, so later problems name the table's lines.
    """
    nodes = data.get("nodes")
    if not isinstance(nodes, Mapping) or not any(_is_table(n) for n in nodes.values()):
        return Lowered(data, None)
    lowering = _Lowering(data, positions, name)
    return Lowered(lowering.run(), lowering)
