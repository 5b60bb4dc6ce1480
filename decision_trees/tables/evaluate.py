"""Evaluating a decision table with DMN 1.3+ hit-policy semantics, and explaining the result.

Null semantics follow FEEL: a missing or ``None`` input is null; ``-`` matches it, an equality
test does not (``null = 5`` is false, so ``not(5)`` holds), a comparison or range gives null and
so does not match. A row matches when every cell holds (is true).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from decision_trees.model import Lang, Text
from decision_trees.tables._feel import cell_text, value_text
from decision_trees.tables.errors import HitPolicyViolation, TableInputError
from decision_trees.tables.model import (
    SINGLE_HIT,
    Cell,
    DecisionTable,
    Equal,
    InputColumn,
    OutputColumn,
    Range,
    Value,
)

__all__ = ["CellCheck", "RowMatch", "TableResult", "cell_holds", "evaluate", "normalise_inputs"]


@dataclass(frozen=True, slots=True)
class CellCheck:
    """Why one cell of a matched row held: the column, the input value, the cell's text."""

    column: str
    value: Any
    test: str
    reason: Text


@dataclass(frozen=True, slots=True)
class RowMatch:
    """A row that matched: its position, id, output values and, per column, why it held."""

    index: int
    row: str
    outputs: Mapping[str, Value]
    checks: tuple[CellCheck, ...]

    def name(self, lang: Lang = "en") -> str:
        """``regel <id>`` / ``row <id>`` (or the 1-based number when the row has no id)."""
        word = "regel" if lang == "nl" else "row"
        shown = self.row if self.row != f"row {self.index + 1}" else str(self.index + 1)
        return f"{word} {shown}"


@dataclass(frozen=True, slots=True)
class TableResult:
    """The outcome of one evaluation.

    ``value`` follows DMN: for single-hit policies the output value (a dict when there are
    several output columns) or ``None``; for multi-hit policies a list; for COLLECT with an
    aggregation one number. ``matched`` lists every row that matched (in row order), ``hits``
    the rows that make up the result (in result order). ``error`` is set (and ``value`` is
    ``None``) when the hit policy was violated.
    """

    table: str
    hit_policy: str
    aggregation: str | None
    inputs: Mapping[str, Any]
    value: Any
    matched: tuple[RowMatch, ...]
    hits: tuple[RowMatch, ...]
    default_used: bool = False
    error: HitPolicyViolation | None = None
    labels: Mapping[str, Text] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """Whether the hit policy held."""
        return self.error is None

    @property
    def rows(self) -> tuple[str, ...]:
        """The ids (or ``row N``) of the rows in the result."""
        return tuple(hit.row for hit in self.hits)

    def explain(self, lang: Lang = "en") -> str:
        """Which rows applied and why, in Dutch (``nl``) or English (``en``)."""
        return _explain(self, lang)


# ----------------------------------------------------------------------------------------------
# Inputs


def _text_value(column: InputColumn, value: Any) -> str:
    if not isinstance(value, str):
        raise TableInputError(column.id, value, "expected text")
    if column.type == "enum" and column.values is not None and value not in column.values:
        allowed = ", ".join(column.values)
        raise TableInputError(column.id, value, f"not one of the declared values ({allowed})")
    return value


def _date_value(column: InputColumn, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise TableInputError(column.id, value, "expected a date, not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise TableInputError(column.id, value, "expected a date (YYYY-MM-DD)")


def _number_value(column: InputColumn, value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TableInputError(column.id, value, "expected a number")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise TableInputError(column.id, value, "expected a finite number")
        number = Decimal(repr(value))
    else:
        number = Decimal(value)
    if not number.is_finite():
        raise TableInputError(column.id, value, "expected a finite number")
    if column.type == "integer" and number != number.to_integral_value():
        raise TableInputError(column.id, value, "expected a whole number")
    return number


def _normalise(column: InputColumn, value: Any) -> Value | None:
    if value is None:
        return None
    kind = column.type
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        raise TableInputError(column.id, value, "expected true or false")
    if kind in ("enum", "string"):
        return _text_value(column, value)
    if kind == "date":
        return _date_value(column, value)
    return _number_value(column, value)


def normalise_inputs(table: DecisionTable, inputs: Mapping[str, Any]) -> dict[str, Value | None]:
    """Check ``inputs`` against the columns; numbers become exact decimals, absent ones null."""
    columns = {column.id: column for column in table.inputs}
    for key in inputs:
        if key not in columns:
            raise TableInputError(
                str(key), inputs[key], f"the table has no input column {key!r} ({', '.join(columns)})"
            )
    return {column.id: _normalise(column, inputs.get(column.id)) for column in table.inputs}


# ----------------------------------------------------------------------------------------------
# Matching


def _test_holds(test: Equal | Range, value: Value | None) -> bool | None:
    if isinstance(test, Equal):
        return value is not None and type(value) is type(test.value) and value == test.value
    if value is None:
        return None
    try:
        if test.low is not None and not (value >= test.low if test.low_closed else value > test.low):  # type: ignore[operator]
            return False
        if test.high is not None and not (value <= test.high if test.high_closed else value < test.high):  # type: ignore[operator]
            return False
    except TypeError:
        return None
    return True


def cell_holds(cell: Cell, value: Value | None) -> bool | None:
    """FEEL's three-valued result of a cell on a value (``None`` is null)."""
    if cell.any:
        return True
    result: bool | None = False
    for test in cell.tests:
        held = _test_holds(test, value)
        if held:
            result = True
            break
        if held is None:
            result = None
    if cell.negated:
        return None if result is None else not result
    return result


def _shown(value: Any, lang: Lang) -> str:
    if value is None:
        return "leeg (null)" if lang == "nl" else "empty (null)"
    if isinstance(value, bool):
        return ("ja" if value else "nee") if lang == "nl" else ("yes" if value else "no")
    return value_text(value)


def _reason(label: Text, value: Value | None, cell: Cell) -> Text:
    def say(lang: Lang) -> str:
        name = label.get(lang)
        shown = _shown(value, lang)
        if cell.any:
            return f"{name}: elke waarde (-)" if lang == "nl" else f"{name}: any value (-)"
        if cell.negated:
            if lang == "nl":
                return f"{name} is {shown}; dat is geen van {cell_text(Cell(tests=cell.tests))}"
            return f"{name} is {shown}, which is none of {cell_text(Cell(tests=cell.tests))}"
        held = next(test for test in cell.tests if _test_holds(test, value))
        if isinstance(held, Equal):
            if len(cell.tests) == 1:
                return f"{name} is {shown}"
            if lang == "nl":
                return f"{name} is {shown}; dat is een van {cell_text(cell)}"
            return f"{name} is {shown}, one of {cell_text(cell)}"
        test = cell_text(Cell(tests=(held,)))
        if held.low is not None and held.high is not None:
            return f"{name} is {shown} en ligt in {test}" if lang == "nl" else f"{name} is {shown}, in {test}"
        return f"{name} is {shown}; dat is {test}" if lang == "nl" else f"{name} is {shown}, which is {test}"

    return Text(nl=say("nl"), en=say("en"))


def _label(column: InputColumn | OutputColumn) -> Text:
    if column.label is not None:
        return column.label
    name = column.name or column.id
    return Text(nl=name, en=name)


def _priority(table: DecisionTable, outputs: Sequence[Value]) -> tuple[int, ...]:
    key: list[int] = []
    for column, value in zip(table.outputs, outputs, strict=True):
        if column.values is not None:
            key.append(column.values.index(value) if value in column.values else len(column.values))
    return tuple(key)


def _output_value(table: DecisionTable, outputs: Mapping[str, Value | None]) -> Any:
    if len(table.outputs) == 1:
        return outputs[table.outputs[0].id]
    return dict(outputs)


def _matching_rows(
    table: DecisionTable, values: Mapping[str, Value | None], labels: Mapping[str, Text]
) -> list[RowMatch]:
    """The rows whose every cell holds, with why (FIRST stops at the first)."""
    matched: list[RowMatch] = []
    for index, row in enumerate(table.rows):
        pairs = list(zip(row.when, table.inputs, strict=True))
        if all(cell_holds(cell, values[column.id]) is True for cell, column in pairs):
            checks = tuple(
                CellCheck(
                    column.id,
                    values[column.id],
                    cell_text(cell),
                    _reason(labels[column.id], values[column.id], cell),
                )
                for cell, column in pairs
            )
            outputs = {column.id: value for column, value in zip(table.outputs, row.then, strict=True)}
            matched.append(RowMatch(index, table.row_name(index), outputs, checks))
            if table.hit_policy == "FIRST":
                break
    return matched


def _single_hit(
    table: DecisionTable,
    base: dict[str, Any],
    matched: list[RowMatch],
    defaults: dict[str, Value | None],
    strict: bool,
) -> TableResult:
    """The result under UNIQUE, ANY, PRIORITY or FIRST."""
    policy = table.hit_policy
    if not matched:
        has_default = any(value is not None for value in defaults.values())
        value = _output_value(table, defaults) if has_default else None
        return TableResult(**base, value=value, hits=(), default_used=has_default)
    if policy == "UNIQUE" and len(matched) > 1:
        return _violation(table, base, matched, "DT831", strict, "UNIQUE allows one matching row")
    if policy == "ANY" and len({tuple(m.outputs.values()) for m in matched}) > 1:
        return _violation(
            table, base, matched, "DT832", strict, "ANY allows several rows only with equal outputs"
        )
    hit = matched[0]
    if policy == "PRIORITY":
        hit = min(matched, key=lambda m: _priority(table, tuple(m.outputs.values())))
    return TableResult(**base, value=_output_value(table, hit.outputs), hits=(hit,))


def evaluate(table: DecisionTable, inputs: Mapping[str, Any], *, strict: bool = False) -> TableResult:
    """Decide ``inputs`` with ``table``; see :class:`TableResult` for the shape of the value."""
    values = normalise_inputs(table, inputs)
    labels: dict[str, Text] = {column.id: _label(column) for column in table.inputs}
    labels.update({column.id: _label(column) for column in table.outputs})
    matched = _matching_rows(table, values, labels)
    policy = table.hit_policy
    base: dict[str, Any] = {
        "table": table.id,
        "hit_policy": policy,
        "aggregation": table.aggregation,
        "inputs": values,
        "matched": tuple(matched),
        "labels": labels,
    }
    defaults = {column.id: column.default for column in table.outputs}
    has_default = any(value is not None for value in defaults.values())
    if policy in SINGLE_HIT:
        return _single_hit(table, base, matched, defaults, strict)
    hits = list(matched)
    if policy == "OUTPUT ORDER":
        hits.sort(key=lambda m: _priority(table, tuple(m.outputs.values())))
    if table.aggregation is not None:
        column = table.outputs[0].id
        numbers = [hit.outputs[column] for hit in hits]
        if table.aggregation == "COUNT":
            return TableResult(**base, value=Decimal(len(numbers)), hits=tuple(hits))
        if not numbers:
            return TableResult(**base, value=defaults[column], hits=(), default_used=has_default)
        total: Any
        if table.aggregation == "SUM":
            total = sum(numbers, Decimal(0))
        elif table.aggregation == "MIN":
            total = min(numbers)
        else:
            total = max(numbers)
        return TableResult(**base, value=total, hits=tuple(hits))
    return TableResult(**base, value=[_output_value(table, hit.outputs) for hit in hits], hits=tuple(hits))


def _violation(
    table: DecisionTable, base: dict[str, Any], matched: list[RowMatch], code: str, strict: bool, why: str
) -> TableResult:
    rows = [m.row for m in matched]
    error = HitPolicyViolation(code, table.id, rows, f"{why}; rows {', '.join(rows)} matched")
    if strict:
        raise error
    return TableResult(**base, value=None, hits=(), error=error)


# ----------------------------------------------------------------------------------------------
# Explanation


def _outputs_text(result: TableResult, outputs: Mapping[str, Any], lang: Lang) -> str:
    parts = []
    for column, value in outputs.items():
        label = result.labels.get(column, Text(nl=column, en=column)).get(lang)
        parts.append(f"{label} = {_shown(value, lang)}")
    return ", ".join(parts)


def _explain(result: TableResult, lang: Lang) -> str:
    nl = lang == "nl"
    head = (
        f"Beslistabel {result.table!r} (hitpolicy {result.hit_policy}"
        if nl
        else f"Decision table {result.table!r} (hit policy {result.hit_policy}"
    )
    if result.aggregation:
        head += f" {result.aggregation}"
    head += ")"
    lines: list[str] = []
    if result.error is not None:
        rows = ", ".join(m.name(lang) for m in result.matched)
        if nl:
            lines.append(
                f"{head}: meerdere regels zijn van toepassing ({rows}), en dat staat de hitpolicy niet toe."
            )
            lines.append(f"Uitkomst: geen (null), fout {result.error.code}.")
        else:
            lines.append(f"{head}: several rows apply ({rows}), which the hit policy does not allow.")
            lines.append(f"Result: none (null), error {result.error.code}.")
    elif not result.matched:
        lines.append(f"{head}: geen enkele regel is van toepassing." if nl else f"{head}: no row applies.")
    else:
        rows = ", ".join(m.name(lang) for m in result.matched)
        if len(result.matched) == 1:
            lines.append(f"{head}: {rows} is van toepassing." if nl else f"{head}: {rows} applies.")
        else:
            lines.append(f"{head}: {rows} zijn van toepassing." if nl else f"{head}: {rows} apply.")
    for match in result.matched:
        if len(result.matched) > 1 or result.error is not None:
            lines.append(f"{match.name(lang)}:")
        lines.extend(f"  - {check.reason.get(lang)}" for check in match.checks)
        if len(result.matched) > 1:
            lines.append("  → " + _outputs_text(result, match.outputs, lang))
    if result.error is None:
        lines.append(_value_line(result, lang))
    return "\n".join(lines)


def _value_line(result: TableResult, lang: Lang) -> str:
    nl = lang == "nl"
    label = "Uitkomst" if nl else "Result"
    if result.hit_policy in SINGLE_HIT:
        if not result.hits:
            if result.default_used:
                shown = _outputs_text(result, _as_outputs(result), lang)
                return f"{label}: de standaardwaarde, {shown}." if nl else f"{label}: the default, {shown}."
            return f"{label}: geen (null)." if nl else f"{label}: none (null)."
        if result.hit_policy == "PRIORITY" and len(result.matched) > 1:
            why = " (hoogste prioriteit)" if nl else " (highest priority)"
        elif result.hit_policy == "FIRST":
            why = " (eerste passende regel)" if nl else " (first matching row)"
        else:
            why = ""
        return f"{label}{why}: {_outputs_text(result, result.hits[0].outputs, lang)}."
    if result.aggregation is not None:
        word = {
            "SUM": ("som", "sum"),
            "MIN": ("minimum", "minimum"),
            "MAX": ("maximum", "maximum"),
            "COUNT": ("aantal", "count"),
        }[result.aggregation]
        return f"{label} ({word[0] if nl else word[1]}): {_shown(result.value, lang)}."
    if not result.hits:
        return f"{label}: een lege lijst." if nl else f"{label}: an empty list."
    order = {
        "RULE ORDER": ("in regelvolgorde", "in row order"),
        "OUTPUT ORDER": ("op prioriteit", "by priority"),
    }
    how = order.get(result.hit_policy, ("", ""))[0 if nl else 1]
    items = "; ".join(_outputs_text(result, hit.outputs, lang) for hit in result.hits)
    return f"{label}{' ' + how if how else ''}: {items}."


def _as_outputs(result: TableResult) -> dict[str, Any]:
    if isinstance(result.value, dict):
        return dict(result.value)
    outputs = [key for key in result.labels if key not in result.inputs]
    return {outputs[0]: result.value} if outputs else {}
