"""Table nodes of a tree to and from DMN decision tables.

:func:`tree_tables` turns the ``kind: table`` nodes of a tree file into
:class:`~decision_trees.tables.DecisionTable` values (one output column, ``next``, whose values
are the nodes the rows route to and whose default is the table's ``else``), ready for
:func:`~decision_trees.tables.to_dmn`. :func:`tree_from_table` does the reverse for one DMN table
with one output: a tree whose start is a table node routing to one outcome per output value.
What one side cannot say is refused with a coded problem (DT850), never guessed: inputs that may
be unknown, set and text inputs, and cells outside the shared subset (``is_unknown``, ``contains_*``,
``all``/``any``/``at_least`` of several tests).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from decision_trees.errors import Problem
from decision_trees.model import BooleanInput, DateInput, EnumInput, IntegerInput, NumberInput, Tree
from decision_trees.table_nodes import ROW_ID
from decision_trees.tables.errors import TableLoadError
from decision_trees.tables.model import Cell, DecisionTable, Equal, InputColumn, OutputColumn, Range, Row
from decision_trees.words import error_text

__all__ = ["tree_from_table", "tree_tables"]

_RANGES = {"lt": ("high", False), "le": ("high", True), "gt": ("low", False), "ge": ("low", True)}
_NO_MATCH = "no_row_applies"


class _Refusal(ValueError):
    """What a DMN table cannot say: a catalogue key (``"DT850.cell"``) and its facts."""

    def __init__(self, key: str, **facts: Any) -> None:
        super().__init__(key)
        self.key = key
        self.facts = facts


def _value(value: Any) -> Any:
    """A tree value as a table value (numbers exact)."""
    if isinstance(value, bool | str | dt.date):
        return value
    return Decimal(str(value))


def _cell(cell: Mapping[str, Any]) -> Cell:
    """A tree cell (a condition on its column) as a DMN unary-test cell."""
    if set(cell) == {"not"}:
        inner = _cell(cell["not"])
        if inner.negated or inner.any:
            raise _Refusal("DT850.not")
        return Cell(tests=inner.tests, negated=True)
    if len(cell) != 1:
        raise _Refusal("DT850.cell", keys=", ".join(sorted(cell)))
    op, operand = next(iter(cell.items()))
    if op in ("equals", "not_equals"):
        return Cell(tests=(Equal(value=_value(operand)),), negated=op == "not_equals")
    if op in ("one_of", "none_of"):
        return Cell(tests=tuple(Equal(value=_value(v)) for v in operand), negated=op == "none_of")
    if op in _RANGES:
        side, closed = _RANGES[op]
        return Cell(tests=(Range(**{side: _value(operand), f"{side}_closed": closed}),))
    if op == "between":
        low, high = operand
        bounds = {"low": _value(low), "low_closed": True, "high": _value(high), "high_closed": True}
        return Cell(tests=(Range(**bounds),))
    raise _Refusal("DT850.operator", op=op)


def _column(tree: Tree, key: str) -> InputColumn:
    decl = tree.inputs.get(key)
    if decl is None:
        raise _Refusal("DT850.named", name=key)
    if decl.allow_unknown:
        raise _Refusal("DT850.unknown", name=key)
    label = decl.label
    if isinstance(decl, BooleanInput):
        return InputColumn(id=key, type="boolean", label=label)
    if isinstance(decl, EnumInput):
        return InputColumn(id=key, type="enum", label=label, values=tuple(decl.values))
    if isinstance(decl, IntegerInput):
        return InputColumn(id=key, type="integer", label=label)
    if isinstance(decl, NumberInput):
        return InputColumn(id=key, type="number", label=label)
    if isinstance(decl, DateInput):
        return InputColumn(id=key, type="date", label=label)
    raise _Refusal("DT850.type", name=key, type=decl.type)


def tree_tables(path: str | Path) -> tuple[DecisionTable, ...]:
    """The table nodes of the tree file at ``path`` as decision tables (in file order).

    The file is loaded first (so every tree problem is reported as usual); a table that DMN cannot
    express raises :class:`~decision_trees.tables.TableLoadError` with DT850 per problem.
    """
    from decision_trees.loader import load
    from decision_trees.reading import read_data
    from decision_trees.table_nodes import TableNode

    tree = load(path)
    raw = read_data(path)  # the table form (the tree keeps the lowered rules), through the guards
    name = str(path)
    problems: list[Problem] = []
    tables: list[DecisionTable] = []
    for node_id, node in raw["nodes"].items():
        if not (isinstance(node, Mapping) and node.get("kind") == "table"):
            continue
        if "outputs" in node:
            value_table = _value_table(tree, node_id, node, name, problems)
            if value_table is not None:
                tables.append(value_table)
            continue
        spec = TableNode.model_validate({**node, "id": node_id})
        try:
            columns = [_column(tree, key) for key in spec.inputs]
        except _Refusal as exc:
            problems.append(Problem.of(exc.key, file=name, node=node_id, field="inputs", **exc.facts))
            continue
        targets = list(spec.priority or dict.fromkeys([*(row.next for row in spec.rows), spec.else_]))
        if spec.else_ not in targets:
            targets.append(spec.else_)
        rows = []
        for i, row in enumerate(spec.rows):
            try:
                raw_when = node["rows"][i]["when"]
                when = tuple(_cell(raw_when[c.id]) if c.id in raw_when else Cell() for c in columns)
            except _Refusal as exc:
                where = f"rows[{i}].when"
                problems.append(Problem.of(exc.key, file=name, node=node_id, field=where, **exc.facts))
                continue
            rows.append(
                Row(id=row.id, when=when, then=(row.next,), annotation=row.annotation, sources=row.sources)
            )
        cited = {c.source for row in spec.rows for c in row.sources} | {c.source for c in spec.sources}
        tables.append(
            DecisionTable(
                id=node_id,
                label=spec.text,
                hit_policy=spec.hit_policy,
                inputs=tuple(columns),
                outputs=(OutputColumn(id="next", type="enum", values=tuple(targets), default=spec.else_),),
                rows=tuple(rows),
                sources={k: v for k, v in tree.sources.items() if k in cited},
            )
        )
    if problems:
        raise TableLoadError(problems, name)
    if not tables:
        raise TableLoadError([Problem.of("DT850.no_table", file=name)], name)
    return tuple(tables)


def _value_table(
    tree: Tree, node_id: str, node: Mapping[str, Any], name: str, problems: list[Problem]
) -> DecisionTable | None:
    """A value table node as a DMN decision table with its own output columns and hit policy."""
    from decision_trees.table_nodes import ValueTableNode

    spec = ValueTableNode.model_validate({**node, "id": node_id})
    try:
        columns = [_column(tree, key) for key in spec.inputs]
    except _Refusal as exc:
        problems.append(Problem.of(exc.key, file=name, node=node_id, field="inputs", **exc.facts))
        return None
    rows = []
    for i, row in enumerate(spec.rows):
        try:
            raw_when = node["rows"][i].get("when") or {}
            when = tuple(_cell(raw_when[c.id]) if c.id in raw_when else Cell() for c in columns)
        except _Refusal as exc:
            where = f"rows[{i}].when"
            problems.append(Problem.of(exc.key, file=name, node=node_id, field=where, **exc.facts))
            continue
        then = tuple(_value(row.outputs[column.id]) for column in spec.outputs)
        rows.append(Row(id=row.id, when=when, then=then, annotation=row.annotation, sources=row.sources))
    outputs = tuple(
        OutputColumn(
            id=column.id,
            type=column.type,
            label=column.label,
            values=tuple(_value(v) for v in column.values) if column.values is not None else None,
            default=_value(column.default) if column.default is not None else None,
        )
        for column in spec.outputs
    )
    cited = {c.source for row in spec.rows for c in row.sources} | {c.source for c in spec.sources}
    return DecisionTable(
        id=node_id,
        label=spec.text,
        hit_policy=spec.hit_policy,
        aggregation=spec.aggregation,
        inputs=tuple(columns),
        outputs=outputs,
        rows=tuple(rows),
        sources={k: v for k, v in tree.sources.items() if k in cited},
    )


def _tree_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _range_test(test: Range) -> dict[str, Any]:
    parts = []
    if test.low is not None:
        parts.append({"ge" if test.low_closed else "gt": _tree_value(test.low)})
    if test.high is not None:
        parts.append({"le" if test.high_closed else "lt": _tree_value(test.high)})
    if len(parts) == 2 and test.low_closed and test.high_closed:
        return {"between": [_tree_value(test.low), _tree_value(test.high)]}
    if len(parts) == 1:
        return parts[0]
    return {"all": parts}


def _tree_cell(cell: Cell) -> dict[str, Any]:
    equals = [t for t in cell.tests if isinstance(t, Equal)]
    ranges = [t for t in cell.tests if isinstance(t, Range)]
    if equals and not ranges:
        values = [_tree_value(t.value) for t in equals]
        if len(values) == 1:
            return {"not_equals" if cell.negated else "equals": values[0]}
        return {"none_of" if cell.negated else "one_of": values}
    parts = [{"equals": _tree_value(t.value)} for t in equals] + [_range_test(t) for t in ranges]
    test = parts[0] if len(parts) == 1 else {"any": parts}
    return {"not": test} if cell.negated else test


def _outcome_id(value: str, used: set[str]) -> str:
    ident = re.sub(r"[^A-Za-z0-9_.-]+", "_", value).strip("_") or "value"
    if not ident[0].isalpha():
        ident = f"v_{ident}"
    candidate, n = ident[:90], 2
    while candidate in used:
        candidate, n = f"{ident[:90]}_{n}", n + 1
    used.add(candidate)
    return candidate


def _tree_inputs(table: DecisionTable, problems: list[_Refusal]) -> dict[str, Any]:
    """The table's input columns as tree inputs (free text cannot be one)."""
    inputs: dict[str, Any] = {}
    for column in table.inputs:
        name = column.name or column.id
        label = column.label.model_dump() if column.label else {"nl": name, "en": name}
        if column.type == "string" or (column.type == "enum" and not column.values):
            problems.append(_Refusal("DT850.free_text", name=column.id))
        elif column.type == "enum":
            values = column.values or ()
            inputs[column.id] = {
                "type": "enum",
                "label": label,
                "values": {v: {"nl": v, "en": v} for v in values},
            }
        else:
            inputs[column.id] = {"type": column.type, "label": label}
    return inputs


def _tree_row(table: DecisionTable, row: Row, target: str) -> dict[str, Any]:
    """One DMN row as a table node's row."""
    entry: dict[str, Any] = {
        "when": {
            c.id: _tree_cell(cell) for c, cell in zip(table.inputs, row.when, strict=True) if not cell.any
        },
        "next": target,
    }
    if row.id is not None and re.match(ROW_ID, row.id):
        entry["id"] = row.id
    if isinstance(row.annotation, str):
        entry["annotation"] = {"nl": row.annotation, "en": row.annotation}
    elif row.annotation is not None:
        entry["annotation"] = row.annotation.model_dump()
    if row.sources:
        entry["sources"] = [c.model_dump(exclude_none=True) for c in row.sources]
    return entry


def _tree_rows(
    table: DecisionTable, ids: dict[str, str], problems: list[_Refusal]
) -> tuple[list[dict[str, Any]], str | None]:
    """The rows, and the target of a row that matches everything ("-" in every column): under
    FIRST it is the table's else and the rows after it never match; under PRIORITY too when its
    value comes last in priority (every other row outranks it); elsewhere it is refused."""
    rows = []
    values = [str(v) for v in table.outputs[0].values or ()]
    others = [str(r.then[0]) for r in table.rows if not all(cell.any for cell in r.when)]

    def last(value: str) -> bool:
        rank = values.index(value) if value in values else len(values)
        return all(rank >= (values.index(o) if o in values else len(values)) for o in others)

    catch_all = None
    for row in table.rows:
        entry = _tree_row(table, row, ids[str(row.then[0])])
        if entry["when"]:
            rows.append(entry)
        elif table.hit_policy == "FIRST":
            return rows, entry["next"]
        elif table.hit_policy == "PRIORITY" and catch_all is None and last(str(row.then[0])):
            catch_all = entry["next"]
        else:
            problems.append(_Refusal("DT850.catch_all", policy=table.hit_policy))
    return rows, catch_all


def _refused(table: DecisionTable, problems: list[_Refusal]) -> TableLoadError:
    return TableLoadError(
        [
            Problem.of(
                "DT850.table",
                table=table.id,
                reason=error_text(p.key, "en", p.facts),
                reason_key=p.key,
                **p.facts,
            )
            for p in problems
        ]
    )


def _output_columns(table: DecisionTable) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The table's output columns as a value table's, and their ids there (a tree id starts
    with a letter)."""
    columns, ids = [], {}
    for column in table.outputs:
        ident = column.id if column.id[0].isalpha() else f"o{column.id}"
        ids[column.id] = ident
        name = column.name or column.id
        entry: dict[str, Any] = {
            "id": ident,
            "type": column.type if column.type != "enum" or column.values else "string",
            "label": column.label.model_dump() if column.label else {"nl": name, "en": name},
        }
        if column.values:
            entry["values"] = [_tree_value(v) for v in column.values]
        if column.default is not None:
            entry["default"] = _tree_value(column.default)
        columns.append(entry)
    return columns, ids


def _value_tree(table: DecisionTable) -> dict[str, Any]:
    """A tree whose start is a value table with ``table``'s rows, columns and hit policy."""
    problems: list[_Refusal] = []
    inputs = _tree_inputs(table, problems)
    columns, ids = _output_columns(table)
    rows = []
    for row in table.rows:
        entry = _tree_row(table, row, "")
        del entry["next"]
        entry["outputs"] = {ids[c.id]: _tree_value(v) for c, v in zip(table.outputs, row.then, strict=True)}
        if entry["when"] or table.hit_policy in ("RULE ORDER", "OUTPUT ORDER", "COLLECT", "PRIORITY"):
            rows.append(entry)  # (a row matching everything holds whenever the table is reached)
        elif table.hit_policy == "FIRST":  # what holds when no earlier row does: the defaults
            for column in columns:
                column["default"] = entry["outputs"][column["id"]]
            break
        else:
            problems.append(_Refusal("DT850.catch_all", policy=table.hit_policy))
    if problems:
        raise _refused(table, problems)
    node_id = table.id if table.id[0].isalpha() else f"t{table.id}"
    done = "decided" if node_id != "decided" else "decided_"
    name = table.name or table.id
    title = table.label.model_dump() if table.label else {"nl": name, "en": name}
    node: dict[str, Any] = {
        "kind": "table",
        "text": title,
        "hit_policy": table.hit_policy,
        "inputs": [c.id for c in table.inputs],
        "outputs": columns,
        "rows": rows,
        "next": done,
    }
    if table.aggregation is not None:
        node["aggregation"] = table.aggregation
    data: dict[str, Any] = {
        "id": node_id,
        "version": "1",
        "title": title,
        "start": node_id,
        "inputs": inputs,
        "nodes": {node_id: node, done: {"kind": "outcome", "label": {"nl": "Beslist", "en": "Decided"}}},
    }
    if table.sources:
        data["sources"] = {k: v.model_dump(mode="json", exclude_none=True) for k, v in table.sources.items()}
    return data


def tree_from_table(table: DecisionTable) -> dict[str, Any]:
    """A tree (as file data) whose start is a table node with ``table``'s rows.

    A table with one text output and a single-hit policy routes: to one outcome per value of
    its output; no row matching goes to the output's default, or to an outcome "no row applies".
    Any other table (several outputs, numbers or booleans, RULE ORDER, OUTPUT ORDER, COLLECT with
    or without aggregation) becomes a value table whose result the decision carries in
    ``Decision.outputs``. Raises :class:`~decision_trees.tables.TableLoadError` (DT850)."""
    problems: list[_Refusal] = []
    routes = len(table.outputs) == 1 and table.outputs[0].type in ("enum", "string")
    if not routes or table.hit_policy not in ("UNIQUE", "ANY", "FIRST", "PRIORITY"):
        return _value_tree(table)
    inputs = _tree_inputs(table, problems)
    output = table.outputs[0]
    values = [str(v) for v in (output.values or dict.fromkeys(str(row.then[0]) for row in table.rows))]
    node_id = table.id if table.id[0].isalpha() else f"t{table.id}"
    used: set[str] = {node_id}
    ids = {value: _outcome_id(value, used) for value in values}
    rows, catch_all = _tree_rows(table, ids, problems) if not problems else ([], None)
    if problems:
        raise TableLoadError(
            [
                Problem.of(
                    "DT850.table",
                    table=table.id,
                    reason=error_text(p.key, "en", p.facts),
                    reason_key=p.key,
                    **p.facts,
                )
                for p in problems
            ]
        )
    otherwise = catch_all or (ids.get(str(output.default)) if output.default is not None else None)
    nodes: dict[str, Any] = {}
    if otherwise is None:
        otherwise = _outcome_id(_NO_MATCH, used)
        nodes[otherwise] = {
            "kind": "outcome",
            "label": {"nl": "Geen regel van toepassing", "en": "No rule applies"},
        }
    name = table.name or table.id
    title = table.label.model_dump() if table.label else {"nl": name, "en": name}
    node: dict[str, Any] = {
        "kind": "table",
        "text": title,
        "hit_policy": table.hit_policy,
        "inputs": [c.id for c in table.inputs],
        "rows": rows,
        "else": otherwise,
    }
    if table.hit_policy == "PRIORITY":
        node["priority"] = [ids[v] for v in values] + ([otherwise] if otherwise not in ids.values() else [])
    reached = {row["next"] for row in rows} | {otherwise}
    outcomes = {i: {"kind": "outcome", "label": {"nl": v, "en": v}} for v, i in ids.items() if i in reached}
    data: dict[str, Any] = {
        "id": node_id,
        "version": "1",
        "title": title,
        "start": node_id,
        "inputs": inputs,
        "nodes": {node_id: node, **outcomes, **nodes},
    }
    if table.sources:
        data["sources"] = {k: v.model_dump(mode="json", exclude_none=True) for k, v in table.sources.items()}
    return data
