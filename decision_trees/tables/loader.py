"""Loading a decision table from YAML/JSON (through the guarded reader) or a mapping.

Every problem is collected and raised at once as a :class:`TableLoadError`, each with its code,
file, line and column where known, and the field (``rows.2.when.age``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import os
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from decision_trees import _yaml
from decision_trees.errors import Problem
from decision_trees.tables._feel import FeelError, parse_literal, parse_unary_tests
from decision_trees.tables.errors import TableLoadError
from decision_trees.tables.model import AGGREGATIONS, HIT_POLICIES, Cell, DecisionTable, Equal, Range, Value

__all__ = ["check_table", "load_table"]

_TOP = ("id", "label", "name", "hit_policy", "aggregation", "inputs", "outputs", "rows", "sources")
_INPUT_KEYS = ("id", "type", "label", "name", "values")
_OUTPUT_KEYS = ("id", "type", "label", "name", "values", "default")
_ROW_KEYS = ("id", "when", "then", "annotation", "sources")
_INPUT_TYPES = ("boolean", "enum", "number", "integer", "date", "string")
_OUTPUT_TYPES = ("boolean", "enum", "number", "string")
_ORDERED = ("number", "integer", "date")
Loc = tuple[str | int, ...]


def load_table(
    source: str | os.PathLike[str] | Mapping[str, Any],
    *,
    max_bytes: int = _yaml.MAX_BYTES,
) -> DecisionTable:
    """Load a table from a YAML/JSON file path, YAML/JSON text, or a mapping.

    Raises :class:`~decision_trees.tables.TableLoadError` listing every problem found.
    """
    name: str | None = None
    positions: dict[Loc, tuple[int, int]] = {}
    if isinstance(source, Mapping):
        data: Any = source
        problems: list[Problem] = []
    else:
        text: str
        if isinstance(source, os.PathLike) or (
            "\n" not in source and source.strip().endswith((".yaml", ".yml", ".json"))
        ):
            name = os.fspath(source)
            path = Path(name)
            try:
                if path.stat().st_size > max_bytes:
                    raise TableLoadError([Problem.of("DT101.larger", file=name, limit=max_bytes)], name)
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                unreadable = Problem.of("DT109.unreadable", file=name, reason=str(exc))
                raise TableLoadError([unreadable], name) from None
        else:
            text = source
            if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
                raise TableLoadError([Problem.of("DT101.text", limit=max_bytes)])
        located, problems = _yaml.read_text(text, name)
        if located is None:
            raise TableLoadError(problems, name)
        data, positions = located
    if not isinstance(data, Mapping):
        raise TableLoadError([Problem.of("DT109.table_mapping", file=name)], name)
    table, more = check_table(data, positions, name)
    problems = [*problems, *more]
    if problems or table is None:
        problems.sort(key=lambda p: (p.line is None, p.line or 0, p.column or 0, p.code))
        raise TableLoadError(problems, name)
    return table


class _Checker:
    def __init__(self, positions: dict[Loc, tuple[int, int]], name: str | None) -> None:
        self.positions = positions
        self.name = name
        self.problems: list[Problem] = []

    def _place(self, loc: Loc) -> dict[str, Any]:
        line = column = None
        for cut in range(len(loc), -1, -1):
            if loc[:cut] in self.positions:
                line, column = self.positions[loc[:cut]]
                break
        field = ".".join(str(part) for part in loc) or None
        return {"file": self.name, "line": line, "column": column, "field": field}

    def problem(self, code: str, message: str, loc: Loc, hint: str | None = None) -> None:
        """A problem with its English ``message`` only (worded by its code's meaning elsewhere)."""
        self.problems.append(Problem(code, message, hint=hint, **self._place(loc)))

    def keyed(self, key: str, loc: Loc, /, hint_key: str | None = None, **facts: Any) -> None:
        """The problem ``key`` of the error catalogue with its ``facts`` (worded per language); a
        ``suggestion`` fact adds "did you mean …?", a ``hint_key`` its own advice."""
        if hint_key is None and "suggestion" in facts:
            hint_key = "hint.did_you_mean"
        self.problems.append(Problem.of(key, hint_key=hint_key, **self._place(loc), **facts))

    def keys(self, data: Any, allowed: tuple[str, ...], required: tuple[str, ...], loc: Loc) -> bool:
        if not isinstance(data, Mapping):
            self.keyed("DT112.mapping", loc)
            return False
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                self.keyed("DT111.key", (*loc, key), key=key, **({"suggestion": close[0]} if close else {}))
        ok = True
        for key in required:
            if key not in data:
                self.keyed("DT110.key", loc, key=key)
                ok = False
        return ok

    # -- values ----------------------------------------------------------------------------

    def output_value(self, raw: Any, column: Mapping[str, Any], loc: Loc, dmn: bool) -> Value | None:
        """A YAML value (or, from DMN, a literal's text) checked against an output column."""
        kind = column.get("type")
        value: Any = raw
        if dmn and isinstance(raw, str):
            try:
                value = parse_literal(raw)
            except FeelError as exc:
                self.keyed("DT821.literal", loc, raw=raw, reason=str(exc))
                return None
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
                self.keyed("DT805.number", loc, value=raw)
                return None
            if isinstance(value, float):
                if not math.isfinite(value):
                    self.keyed("DT106.finite", loc, value=raw)
                    return None
                return Decimal(repr(value))
            return Decimal(value)
        if kind == "boolean":
            if not isinstance(value, bool):
                self.keyed("DT805.boolean", loc, value=raw)
                return None
            return value
        if kind in ("string", "enum"):
            if not isinstance(value, str):
                self.keyed("DT805.text", loc, value=raw)
                return None
            return value
        return None

    def cell(self, raw: Any, column: Mapping[str, Any], loc: Loc, dmn: bool) -> Cell | None:
        kind = column.get("type")
        names = column.get("values") if kind == "enum" and not dmn else None
        try:
            if isinstance(raw, str):
                cell = parse_unary_tests(raw, names if isinstance(names, list) else None)
            elif isinstance(raw, list):
                if not raw:
                    raise FeelError("an empty list matches nothing; write - for any value", 0)
                cell = Cell(tests=tuple(Equal(value=self.literal(item, loc)) for item in raw))
            else:
                cell = Cell(tests=(Equal(value=self.literal(raw, loc)),))
        except FeelError as exc:
            code = "DT821" if dmn else "DT802"
            shown = raw if isinstance(raw, str) else repr(raw)
            quotes = kind in ("string", "enum") and isinstance(raw, str) and '"' not in raw
            self.keyed(
                f"{code}.unary",
                loc,
                hint_key="hint.quotes" if quotes else None,
                shown=shown,
                raw=raw,
                reason=str(exc),
                offset=exc.offset,
            )
            return None
        ok = True
        for test in cell.tests:
            if isinstance(test, Range):
                if kind not in _ORDERED:
                    self.keyed("DT803.range", loc, type=kind)
                    ok = False
                    continue
                bounds = [b for b in (test.low, test.high) if b is not None]
            else:
                bounds = [test.value]
            for bound in bounds:
                ok = self.fits(bound, column, loc) and ok
        return cell if ok else None

    def literal(self, raw: Any, loc: Loc) -> Value:
        if isinstance(raw, bool | str | dt.date) and not isinstance(raw, dt.datetime):
            return raw
        if isinstance(raw, int | float) and math.isfinite(raw):
            return Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        raise FeelError(f"{raw!r} is not a value", 0)

    def fits(self, value: Value, column: Mapping[str, Any], loc: Loc) -> bool:
        kind = column.get("type")
        expected = {
            "boolean": bool,
            "enum": str,
            "string": str,
            "number": Decimal,
            "integer": Decimal,
            "date": dt.date,
        }.get(str(kind))
        if expected is None:
            return False
        if type(value) is not expected:
            self.keyed("DT803.type", loc, value=value, type=kind)
            return False
        if kind == "integer" and isinstance(value, Decimal) and value != value.to_integral_value():
            self.keyed("DT803.integer", loc, value=value)
            return False
        values = column.get("values")
        if kind == "enum" and isinstance(values, list) and value not in values:
            hint = difflib.get_close_matches(str(value), [str(v) for v in values], n=1)
            shown = ", ".join(map(str, values))
            self.keyed(
                "DT803.value", loc, value=value, values=shown, **({"suggestion": hint[0]} if hint else {})
            )
            return False
        return True

    # -- sections --------------------------------------------------------------------------

    def columns(self, raw: Any, loc: Loc, output: bool, dmn: bool) -> list[dict[str, Any]]:
        if not isinstance(raw, list):
            self.keyed("DT112.columns", loc)
            return []
        result = [self.column(column, (*loc, i), output, dmn) for i, column in enumerate(raw)]
        seen: set[Any] = set()
        for i, column in enumerate(result):
            if column.get("id") is not None and column["id"] in seen:
                self.keyed("DT807.column", (*loc, i, "id"), id=column["id"])
            seen.add(column.get("id"))
        return result

    def column(self, column: Any, where: Loc, output: bool, dmn: bool) -> dict[str, Any]:
        """One column, cleaned (``{}`` when it cannot be read)."""
        known = _OUTPUT_KEYS if output else _INPUT_KEYS
        kinds = _OUTPUT_TYPES if output else _INPUT_TYPES
        if not self.keys(column, known, ("id", "type"), where):
            return {}
        clean = {key: column[key] for key in column if key in known}
        kind = column["type"]
        if kind not in kinds:
            self.keyed("DT113.column_type", (*where, "type"), type=kind, kinds=", ".join(kinds))
            return {}
        values = column.get("values")
        if kind == "enum" and values is None:
            self.keyed("DT110.enum_values", where)
        if values is not None:
            converted = self.column_values(values, kind, where, output, dmn)
            if converted is None:
                clean.pop("values")
            else:
                clean["values"] = converted
        if output and "default" in column:
            default = self.output_value(column["default"], {"type": kind}, (*where, "default"), dmn)
            if (
                default is not None
                and isinstance(clean.get("values"), list)
                and default not in clean["values"]
            ):
                self.keyed("DT805.default", (*where, "default"), default=default)
            clean["default"] = default
        return clean

    def column_values(self, values: Any, kind: str, where: Loc, output: bool, dmn: bool) -> list[Any] | None:
        """A column's declared values, converted; ``None`` when they cannot be declared so."""
        if not isinstance(values, list) or not values:
            self.keyed("DT112.values", (*where, "values"))
            return None
        if not output and kind != "enum":
            self.keyed("DT112.values_enum", (*where, "values"))
            return None
        if kind == "boolean":
            self.keyed("DT112.values_boolean", (*where, "values"))
            return None
        converted = []
        for j, value in enumerate(values):
            if output:
                value = self.output_value(value, {"type": kind}, (*where, "values", j), dmn)
            elif not isinstance(value, str):
                self.keyed("DT112.text", (*where, "values", j), value=value)
                value = None
            if value is not None:
                converted.append(value)
        if len(set(converted)) != len(converted):
            self.keyed("DT112.twice", (*where, "values"))
        return converted

    def rows(
        self, raw: Any, inputs: list[dict[str, Any]], outputs: list[dict[str, Any]], dmn: bool
    ) -> list[dict[str, Any]]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.keyed("DT112.rows", ("rows",))
            return []
        result = []
        seen: dict[str, int] = {}
        for i, row in enumerate(raw):
            loc: Loc = ("rows", i)
            if not self.keys(row, _ROW_KEYS, ("then",), loc):
                continue
            row_id = row.get("id")
            if isinstance(row_id, str):
                if row_id in seen:
                    self.keyed("DT807.row", (*loc, "id"), id=row_id, first=seen[row_id] + 1)
                seen.setdefault(row_id, i)
            cells = self.cells(row.get("when", {}), inputs, loc, dmn)
            values = self.row_outputs(row["then"], outputs, loc, dmn) if cells is not None else None
            if (
                cells is None
                or values is None
                or any(c is None for c in cells)
                or any(v is None for v in values)
            ):
                continue
            clean: dict[str, Any] = {key: row[key] for key in ("id", "annotation", "sources") if key in row}
            clean["when"] = cells
            clean["then"] = values
            result.append(clean)
        return result

    def cells(self, when: Any, inputs: list[dict[str, Any]], loc: Loc, dmn: bool) -> list[Cell | None] | None:
        """A row's cells, one per input column ("-" where the row names none); ``None`` when unreadable."""
        if isinstance(when, Mapping):
            ids = [c.get("id") for c in inputs]
            for key in when:
                if key not in ids:
                    close = difflib.get_close_matches(str(key), [str(x) for x in ids], n=1)
                    more = {"suggestion": close[0]} if close else {}
                    self.keyed("DT804.input", (*loc, "when", key), name=key, **more)
            return [
                self.cell(when[column["id"]], column, (*loc, "when", column["id"]), dmn)
                if column.get("id") in when
                else Cell()
                for column in inputs
            ]
        if isinstance(when, list):
            if len(when) != len(inputs):
                self.keyed("DT804.cells", (*loc, "when"), cells=len(when), columns=len(inputs))
                return None
            return [
                self.cell(c, col, (*loc, "when", j), dmn)
                for j, (c, col) in enumerate(zip(when, inputs, strict=True))
            ]
        self.keyed("DT112.when", (*loc, "when"))
        return None

    def row_outputs(
        self, then: Any, outputs: list[dict[str, Any]], loc: Loc, dmn: bool
    ) -> list[Value | None] | None:
        """A row's output values, one per output column, checked against declared values."""
        values: list[Value | None] = []
        if isinstance(then, Mapping):
            out_ids = [c.get("id") for c in outputs]
            for key in then:
                if key not in out_ids:
                    self.keyed("DT804.output", (*loc, "then", key), name=key)
            for column in outputs:
                if column.get("id") not in then:
                    self.keyed("DT804.no_value", (*loc, "then"), name=column.get("id"))
                    values.append(None)
                    continue
                values.append(
                    self.output_value(then[column["id"]], column, (*loc, "then", column["id"]), dmn)
                )
        elif isinstance(then, list) and dmn:
            values = [
                self.output_value(v, c, (*loc, "then", j), dmn)
                for j, (v, c) in enumerate(zip(then, outputs, strict=True))
            ]
        elif len(outputs) == 1:
            values = [self.output_value(then, outputs[0], (*loc, "then"), dmn)]
        else:
            self.keyed("DT804.then", (*loc, "then"))
            return None
        for j, (value, column) in enumerate(zip(values, outputs, strict=False)):
            allowed = column.get("values")
            if value is not None and isinstance(allowed, list) and value not in allowed:
                self.keyed(
                    "DT805.output",
                    (*loc, "then", column.get("id") or j),
                    value=value,
                    name=column.get("id"),
                )
        return values

    def aggregation(self, aggregation: Any, policy: Any, outputs: list[dict[str, Any]]) -> None:
        """An aggregation is known, under COLLECT, over one (number) output column (DT806)."""
        if aggregation is None:
            return
        if aggregation not in AGGREGATIONS:
            self.keyed(
                "DT806.aggregation", ("aggregation",), aggregation=aggregation, known=", ".join(AGGREGATIONS)
            )
        elif policy != "COLLECT":
            self.keyed("DT806.collect", ("aggregation",), aggregation=aggregation)
        elif len(outputs) != 1:
            self.keyed("DT806.one_output", ("aggregation",))
        elif aggregation != "COUNT" and outputs[0].get("type") != "number":
            self.keyed("DT806.number", ("aggregation",), aggregation=aggregation)

    def citations(self, rows: list[dict[str, Any]], sources: Any) -> None:
        """Every row cites declared sources (DT808)."""
        source_ids = set(sources) if isinstance(sources, Mapping) else set()
        for i, row in enumerate(rows):
            for j, citation in enumerate(row.get("sources") or ()):
                if isinstance(citation, Mapping) and citation.get("source") not in source_ids:
                    self.problem(
                        "DT808",
                        f"cites undeclared source {citation.get('source')!r}",
                        ("rows", i, "sources", j),
                    )


def check_table(
    data: Mapping[str, Any],
    positions: dict[Loc, tuple[int, int]] | None = None,
    name: str | None = None,
    *,
    dmn: bool = False,
) -> tuple[DecisionTable | None, list[Problem]]:
    """Check a table mapping; the table, or the problems found (all of them)."""
    checker = _Checker(positions or {}, name)
    checker.keys(data, _TOP, ("id", "inputs", "outputs"), ())
    policy = data.get("hit_policy", "UNIQUE")
    if policy not in HIT_POLICIES:
        checker.problem(
            "DT806", f"unknown hit policy {policy!r}; use one of {', '.join(HIT_POLICIES)}", ("hit_policy",)
        )
    aggregation = data.get("aggregation")
    inputs = checker.columns(data.get("inputs", []), ("inputs",), False, dmn)
    outputs = checker.columns(data.get("outputs", []), ("outputs",), True, dmn)
    if not outputs and "outputs" in data:
        checker.problem("DT112", "a table has at least one output column", ("outputs",))
    in_ids = {c.get("id") for c in inputs}
    for i, column in enumerate(outputs):
        if column.get("id") in in_ids:
            checker.problem(
                "DT807", f"{column['id']!r} is both an input and an output column", ("outputs", i, "id")
            )
    checker.aggregation(aggregation, policy, outputs)
    ordered = policy in ("PRIORITY", "OUTPUT ORDER") and outputs and all(outputs)
    if ordered and not any(column.get("values") for column in outputs):
        checker.problem(
            "DT806",
            f"{policy} orders by the output values; list them (highest priority first)",
            ("outputs",),
        )
    rows = checker.rows(data.get("rows"), inputs, outputs, dmn)
    if not checker.problems:
        checker.citations(rows, data.get("sources") or {})
    if checker.problems:
        return None, checker.problems
    clean = {key: data[key] for key in _TOP if key in data}
    clean.update(inputs=inputs, outputs=outputs, rows=rows)
    try:
        return DecisionTable.model_validate(clean), []
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            code = {"missing": "DT110", "extra_forbidden": "DT111"}.get(error["type"], "DT112")
            checker.problem(code, error["msg"], tuple(error["loc"]))
        return None, checker.problems
