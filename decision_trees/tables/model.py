"""Decision tables as frozen pydantic models (``extra="forbid"``).

A table has typed input columns, typed output columns, a hit policy and rows. Each row holds one
cell of unary tests per input column (a disjunction of equalities and ranges, optionally negated;
no tests at all is "-", any value) and one value per output column. Numbers are exact
``Decimal`` values, as in FEEL.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from decision_trees import _seam
from decision_trees.model import Citation, Source, Text

if TYPE_CHECKING:
    from decision_trees.tables.evaluate import TableResult

__all__ = [
    "AGGREGATIONS",
    "HIT_POLICIES",
    "Aggregation",
    "Cell",
    "DecisionTable",
    "Equal",
    "HitPolicy",
    "InputColumn",
    "OutputColumn",
    "Range",
    "Row",
    "Value",
]

Id = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_.-]{0,99}$")]
Value: TypeAlias = StrictBool | Decimal | StrictStr | dt.date
InputType: TypeAlias = Literal["boolean", "enum", "number", "integer", "date", "string"]
OutputType: TypeAlias = Literal["boolean", "enum", "number", "string"]
HitPolicy: TypeAlias = Literal["UNIQUE", "ANY", "PRIORITY", "FIRST", "RULE ORDER", "OUTPUT ORDER", "COLLECT"]
Aggregation: TypeAlias = Literal["SUM", "MIN", "MAX", "COUNT"]
HIT_POLICIES: tuple[str, ...] = (
    "UNIQUE",
    "ANY",
    "PRIORITY",
    "FIRST",
    "RULE ORDER",
    "OUTPUT ORDER",
    "COLLECT",
)
AGGREGATIONS: tuple[str, ...] = ("SUM", "MIN", "MAX", "COUNT")
SINGLE_HIT = frozenset({"UNIQUE", "ANY", "PRIORITY", "FIRST"})


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Equal(_Frozen):
    """The input equals ``value``."""

    kind: Literal["equal"] = "equal"
    value: Value


class Range(_Frozen):
    """The input lies in a range; a missing bound is unbounded (``< 5`` has no ``low``)."""

    kind: Literal["range"] = "range"
    low: Value | None = None
    low_closed: bool = False
    high: Value | None = None
    high_closed: bool = False


class Cell(_Frozen):
    """The unary tests of one row in one input column: any of ``tests`` holds (negated: none
    holds). No tests and not negated is "-": any value, null included."""

    tests: tuple[Annotated[Equal | Range, Field(discriminator="kind")], ...] = ()
    negated: bool = False

    @property
    def any(self) -> bool:
        """Whether this is "-" (every value, null included, matches)."""
        return not self.tests and not self.negated


class InputColumn(_Frozen):
    """One input column: the input it reads, its type and, for ``enum``, the declared values.
    ``name`` is the input's name in DMN when it is not a plain id (``Number of years``)."""

    id: Id
    type: InputType
    label: Text | None = None
    name: StrictStr | None = None
    values: tuple[StrictStr, ...] | None = None


class OutputColumn(_Frozen):
    """One output column. ``values`` lists the allowed values in priority order (highest first),
    which PRIORITY and OUTPUT ORDER need; ``default`` is given when no row matches. ``name`` is the
    output's name in DMN when it is not a plain id."""

    id: Id
    type: OutputType
    label: Text | None = None
    name: StrictStr | None = None
    values: tuple[Value, ...] | None = None
    default: Value | None = None


class Row(_Frozen):
    """One rule of the table: a cell per input column, a value per output column."""

    id: Id | None = None
    when: tuple[Cell, ...]
    then: tuple[Value, ...]
    annotation: Text | StrictStr | None = None
    sources: tuple[Citation, ...] = ()


class DecisionTable(_Frozen):
    """A DMN-style decision table; build it with :func:`decision_trees.tables.load_table`.
    ``name`` is the decision's name in DMN when it is not a plain id."""

    id: Id
    label: Text | None = None
    name: StrictStr | None = None
    hit_policy: HitPolicy = "UNIQUE"
    aggregation: Aggregation | None = None
    inputs: tuple[InputColumn, ...]
    outputs: Annotated[tuple[OutputColumn, ...], Field(min_length=1)]
    rows: tuple[Row, ...] = ()
    sources: dict[str, Source] = Field(default_factory=dict)

    def evaluate(self, inputs: dict[str, Any], *, strict: bool = False) -> TableResult:
        """Decide ``inputs`` (column id → value; missing or ``None`` is null). With ``strict``,
        a UNIQUE or ANY violation raises :class:`~decision_trees.tables.HitPolicyViolation`."""
        return _seam.evaluate_table(self, inputs, strict)

    def row_name(self, index: int) -> str:
        """A row's id, or ``row N`` (1-based) when it has none."""
        row = self.rows[index]
        return row.id if row.id is not None else f"row {index + 1}"

    def input_ids(self) -> tuple[str, ...]:
        """The input column ids in order."""
        return tuple(column.id for column in self.inputs)
