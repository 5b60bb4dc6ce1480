"""Exact verification of a decision table, with a witness for every finding.

Each column's domain is cut into *atoms* at every value the table's cells mention (points and
the open stretches between them; for text, each mentioned value and "any other text"). Every
cell is a union of whole atoms, so one witness value per atom decides the cell for the whole
atom, and the table becomes a finite grid searched column by column with bitmasks of rows.
The search is exact: a reported gap holds for every value of its atoms, and a table with no gap
finding matches at least one row for every (non-null) input. Nulls are outside this analysis:
a null input matches only ``-`` and ``not(...)`` of plain values (see the docs).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from decision_trees.model import Lang, Text
from decision_trees.tables._feel import cell_text, value_text
from decision_trees.tables.evaluate import cell_holds
from decision_trees.tables.model import SINGLE_HIT, Cell, DecisionTable, Equal, InputColumn, Range, Value

__all__ = ["TableFinding", "verify_table"]

Severity = Literal["error", "warning"]
MAX_FINDINGS_PER_KIND = 20

_KINDS = {
    "T001": "gap",
    "T002": "overlap",
    "T003": "conflict",
    "T004": "masked",
    "T005": "masked_by_priority",
    "T006": "subsumed",
    "T007": "redundant",
    "T008": "empty_row",
    "T009": "unused_output_value",
}


@dataclass(frozen=True, slots=True)
class TableFinding:
    """One finding: a stable ``code``, its ``severity``, the ``rows`` involved, a message in both
    languages and a ``witness`` (input values that show it) where one exists."""

    code: str
    severity: Severity
    rows: tuple[str, ...]
    text: Text
    witness: dict[str, Value] | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """A short name for the code (``gap``, ``overlap``, …)."""
        return _KINDS[self.code]

    def message(self, lang: Lang = "en") -> str:
        """The message in ``lang``."""
        return self.text.get(lang)

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        """Plain data for JSON: numbers as decimal text ("2.5"), dates as ISO text, messages in
        both languages unless ``lang`` is given."""
        data: dict[str, Any] = {"code": self.code, "kind": self.kind, "severity": self.severity}
        data["rows"] = list(self.rows)
        data["message"] = self.text.get(lang) if lang else {"nl": self.text.nl, "en": self.text.en}
        if self.witness is not None:
            data["witness"] = {key: _json(value) for key, value in self.witness.items()}
        if self.details:
            data["details"] = {key: _json(value) for key, value in self.details.items()}
        return data


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return value_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _json(item) for key, item in value.items()}
    return value


# ----------------------------------------------------------------------------------------------
# Atoms


@dataclass(frozen=True, slots=True)
class _Atom:
    witness: Value
    mask: int
    # ordered columns: (low, low_closed, high, high_closed), None bounds unbounded
    span: tuple[Any, bool, Any, bool] | None = None
    other: bool = False  # text columns: every text not mentioned


def _bounds(cells: Sequence[Cell]) -> list[Value]:
    points: list[Value] = []
    for cell in cells:
        for test in cell.tests:
            if isinstance(test, Equal):
                points.append(test.value)
            else:
                points.extend(b for b in (test.low, test.high) if b is not None)
    return points


def _int_points(cells: Sequence[Cell], to_int: Callable[[Any], Decimal]) -> list[int]:
    points: set[int] = set()
    for cell in cells:
        for test in cell.tests:
            if isinstance(test, Equal):
                points.add(int(to_int(test.value)))
                continue
            if test.low is not None:
                low = to_int(test.low)
                points.add(math.ceil(low) if test.low_closed else math.floor(low) + 1)
            if test.high is not None:
                high = to_int(test.high)
                points.add(math.floor(high) if test.high_closed else math.ceil(high) - 1)
    return sorted(points)


def _other_text(mentioned: set[str]) -> str:
    candidate = "other"
    while candidate in mentioned:
        candidate += "_"
    return candidate


_RawAtom = tuple[Value, tuple[Any, bool, Any, bool] | None, bool]


def _number_atoms(cells: Sequence[Cell]) -> list[_RawAtom]:
    """The points the cells mention and the open stretches between and around them."""
    points = sorted({Decimal(p) for p in _bounds(cells) if isinstance(p, Decimal)})
    if not points:
        return [(Decimal(0), (None, False, None, False), False)]
    raw: list[_RawAtom] = [(points[0] - 1, (None, False, points[0], False), False)]
    for i, point in enumerate(points):
        raw.append((point, (point, True, point, True), False))
        if i + 1 < len(points):
            raw.append(((point + points[i + 1]) / 2, (point, False, points[i + 1], False), False))
    raw.append((points[-1] + 1, (points[-1], False, None, False), False))
    return raw


def _whole_atoms(column: InputColumn, cells: Sequence[Cell]) -> list[_RawAtom]:
    """Integer or date atoms: each whole value the cells mention, and the spans between them."""
    is_date = column.type == "date"

    def to_int(value: Any) -> Decimal:
        return Decimal(value.toordinal()) if is_date else Decimal(value)

    lowest, highest = (1, dt.date.max.toordinal()) if is_date else (None, None)
    ints = [p for p in _int_points(cells, to_int) if lowest is None or lowest <= p <= (highest or p)]
    spans: list[tuple[int | None, int | None]] = []
    start: int | None = lowest
    for whole in ints:
        if start is None or start <= whole - 1:
            spans.append((start, whole - 1))
        spans.append((whole, whole))
        start = whole + 1
    if highest is None or (start is not None and start <= highest):
        spans.append((start, highest))
    raw: list[_RawAtom] = []
    for low, high in spans:
        if is_date:
            low_end = None if low == lowest else low
            high_end = None if high == highest else high
            middle = dt.date(2000, 1, 1).toordinal()
            pick = low_end if low_end is not None else (high_end if high_end is not None else middle)
        else:
            pick = low if low is not None else (high if high is not None else 0)
        witness: Value = dt.date.fromordinal(pick) if is_date else Decimal(pick)
        raw.append((witness, (low, True, high, True), False))
    return raw


def _atoms(column: InputColumn, cells: Sequence[Cell]) -> list[_Atom]:
    raw: list[_RawAtom]
    if column.type == "boolean":
        raw = [(True, None, False), (False, None, False)]
    elif column.type == "enum":
        raw = [(value, None, False) for value in column.values or ()]
    elif column.type == "string":
        mentioned = sorted({str(p) for p in _bounds(cells)})
        raw = [(value, None, False) for value in mentioned]
        raw.append((_other_text(set(mentioned)), None, True))
    elif column.type == "number":
        raw = _number_atoms(cells)
    else:
        raw = _whole_atoms(column, cells)
    atoms = []
    for witness, span, other in raw:
        mask = 0
        for i, cell in enumerate(cells):
            if cell_holds(cell, witness) is True:
                mask |= 1 << i
        atoms.append(_Atom(witness, mask, span, other))
    return atoms


def _describe(column: InputColumn, group: Sequence[_Atom], atoms: Sequence[_Atom]) -> str:
    """The values of a group of atoms as S-FEEL unary tests."""
    if len(group) == len(atoms):
        return "-"
    if column.type in ("boolean", "enum"):
        return cell_text(Cell(tests=tuple(Equal(value=a.witness) for a in group)))
    if column.type == "string":
        if any(a.other for a in group):
            missing = [a.witness for a in atoms if not a.other and a not in group]
            return cell_text(Cell(tests=tuple(Equal(value=v) for v in missing), negated=True))
        return cell_text(Cell(tests=tuple(Equal(value=a.witness) for a in group)))
    # ordered: merge runs of consecutive atoms into ranges
    index = {id(a): i for i, a in enumerate(atoms)}
    order = sorted(group, key=lambda a: index[id(a)])
    runs: list[list[_Atom]] = []
    for atom in order:
        if runs and index[id(runs[-1][-1])] + 1 == index[id(atom)]:
            runs[-1].append(atom)
        else:
            runs.append([atom])
    tests: list[Equal | Range] = []
    is_date = column.type == "date"
    for run in runs:
        first, last = run[0].span, run[-1].span
        assert first is not None
        assert last is not None
        low, low_closed, high, high_closed = first[0], first[1], last[2], last[3]
        if column.type != "number":
            if is_date:
                low = dt.date.fromordinal(low) if low not in (None, 1) else None
                high = dt.date.fromordinal(high) if high not in (None, dt.date.max.toordinal()) else None
            else:
                low = Decimal(low) if low is not None else None
                high = Decimal(high) if high is not None else None
            low_closed = high_closed = True
        if low is not None and low == high:
            tests.append(Equal(value=low))
        else:
            tests.append(Range(low=low, low_closed=low_closed, high=high, high_closed=high_closed))
    return cell_text(Cell(tests=tuple(tests)))


# ----------------------------------------------------------------------------------------------
# The search


class _Grid:
    def __init__(self, table: DecisionTable) -> None:
        self.table = table
        self.columns = table.inputs
        self.atoms = [
            _atoms(column, [row.when[i] for row in table.rows]) for i, column in enumerate(table.inputs)
        ]
        self.full = (1 << len(table.rows)) - 1

    def groups(self, i: int, mask: int) -> Iterator[tuple[int, list[_Atom]]]:
        """The atoms of column ``i`` grouped by the rows (within ``mask``) they keep."""
        grouped: dict[int, list[_Atom]] = {}
        for atom in self.atoms[i]:
            grouped.setdefault(mask & atom.mask, []).append(atom)
        yield from grouped.items()

    def witness(self, prefix: Sequence[Sequence[_Atom]]) -> dict[str, Value]:
        values = {}
        for i, column in enumerate(self.columns):
            values[column.id] = prefix[i][0].witness if i < len(prefix) else self.atoms[i][0].witness
        return values

    def region(self, prefix: Sequence[Sequence[_Atom]]) -> dict[str, str]:
        return {
            column.id: _describe(column, prefix[i], self.atoms[i]) if i < len(prefix) else "-"
            for i, column in enumerate(self.columns)
        }

    def leaves(self, start: int, prune: Callable[[int], bool]) -> Iterator[tuple[int, list[list[_Atom]]]]:
        """Every reachable cell of the grid (grouped), depth first, skipping pruned masks."""

        def walk(i: int, mask: int, prefix: list[list[_Atom]]) -> Iterator[tuple[int, list[list[_Atom]]]]:
            if prune(mask):
                return
            if i == len(self.columns):
                yield mask, prefix
                return
            for sub, group in self.groups(i, mask):
                yield from walk(i + 1, sub, [*prefix, group])

        yield from walk(0, start, [])

    def leaf_with(self, live: int, row: int) -> tuple[int, list[list[_Atom]]]:
        """A cell of the grid where ``row`` matches (the row is not empty)."""
        bit = 1 << row

        def without(mask: int) -> bool:
            return mask & bit == 0

        return next(self.leaves(live, without))


def _bits(mask: int) -> list[int]:
    return [i for i in range(mask.bit_length()) if mask >> i & 1]


def _names(table: DecisionTable, indices: Sequence[int]) -> tuple[str, ...]:
    return tuple(table.row_name(i) for i in indices)


def _say(table: DecisionTable, rows: Sequence[int], lang: Lang) -> str:
    word = "regel" if lang == "nl" else "row"
    shown = [table.rows[r].id or str(r + 1) for r in rows]
    joiner = " en " if lang == "nl" else " and "
    if len(shown) == 1:
        return f"{word} {shown[0]}"
    plural = "regels" if lang == "nl" else "rows"
    return f"{plural} {', '.join(shown[:-1])}{joiner}{shown[-1]}"


def _region_text(region: dict[str, str]) -> str:
    return ", ".join(f"{key}: {value}" for key, value in region.items())


def verify_table(table: DecisionTable) -> tuple[TableFinding, ...]:
    """Check ``table`` for gaps, overlaps, conflicts, masked, subsumed, redundant and empty rows
    and unused output values. Every finding about inputs carries a witness."""
    grid = _Grid(table)
    findings: list[TableFinding] = []
    empty = _empty_rows(table, grid, findings)
    live = grid.full & ~empty
    _gaps(table, grid, live, findings)
    policy = table.hit_policy
    if policy in ("UNIQUE", "ANY"):
        _overlaps(table, grid, live, findings)
    if policy == "FIRST":
        _masked(table, grid, live, findings, lambda r: (1 << r) - 1, "T004")
    if policy == "PRIORITY":
        from decision_trees.tables.evaluate import _priority

        keys = [_priority(table, row.then) for row in table.rows]
        higher = [sum(1 << i for i, key in enumerate(keys) if key < keys[r]) for r in range(len(keys))]
        _masked(table, grid, live, findings, lambda r: higher[r], "T005")
    if policy in SINGLE_HIT:
        _subsumed(table, grid, live, findings)
    _unused_values(table, live, findings)
    return tuple(findings)


def _empty_rows(table: DecisionTable, grid: _Grid, findings: list[TableFinding]) -> int:
    empty = 0
    for r in range(len(table.rows)):
        for i, column in enumerate(table.inputs):
            if not any(atom.mask >> r & 1 for atom in grid.atoms[i]):
                empty |= 1 << r
                cell = cell_text(table.rows[r].when[i])
                name = table.row_name(r)
                nl, en = _say(table, [r], "nl").capitalize(), _say(table, [r], "en").capitalize()
                findings.append(
                    TableFinding(
                        "T008",
                        "error",
                        (name,),
                        Text(
                            nl=f"{nl} geldt nooit: in kolom {column.id} past geen enkele waarde bij {cell}.",
                            en=f"{en} never applies: no value of column {column.id} satisfies {cell}.",
                        ),
                        details={"column": column.id, "cell": cell},
                    )
                )
                break
    return empty


def _gaps(table: DecisionTable, grid: _Grid, live: int, findings: list[TableFinding]) -> None:
    has_default = any(column.default is not None for column in table.outputs)
    severity: Severity = "error" if table.hit_policy in SINGLE_HIT and not has_default else "warning"
    found: list[TableFinding] = []
    covered: set[tuple[int, int]] = set()  # (column, rows left) with no gap below

    def walk(i: int, mask: int, prefix: list[list[_Atom]]) -> None:
        if len(found) > MAX_FINDINGS_PER_KIND or i == len(grid.columns) or (i, mask) in covered:
            return
        before = len(found)
        for sub, group in grid.groups(i, mask):
            if sub == 0:
                region = grid.region([*prefix, group])
                shown = _region_text(region)
                found.append(
                    TableFinding(
                        "T001",
                        severity,
                        (),
                        Text(
                            nl=f"Gat: geen enkele regel geldt voor {shown}.",
                            en=f"Gap: no row applies to {shown}.",
                        ),
                        witness=grid.witness([*prefix, group]),
                        details={"region": region},
                    )
                )
            else:
                walk(i + 1, sub, [*prefix, group])
        if len(found) == before:
            covered.add((i, mask))

    if not grid.columns:
        if live == 0:
            found.append(
                TableFinding(
                    "T001",
                    severity,
                    (),
                    Text(nl="Gat: geen enkele regel geldt.", en="Gap: no row applies."),
                    {},
                )
            )
    else:
        walk(0, live, [])
    if len(found) > MAX_FINDINGS_PER_KIND:
        found = found[:MAX_FINDINGS_PER_KIND]
        found[-1].details["more"] = True
    findings.extend(found)


def _overlaps(table: DecisionTable, grid: _Grid, live: int, findings: list[TableFinding]) -> None:
    """Rows are boxes: two overlap exactly when every column has an atom both match."""
    unique = table.hit_policy == "UNIQUE"
    rows = _bits(live)
    for k, a in enumerate(rows):
        for b in rows[k + 1 :]:
            if not unique and table.rows[a].then == table.rows[b].then:
                continue
            both = (1 << a) | (1 << b)
            prefix = []
            for atoms in grid.atoms:
                shared = [atom for atom in atoms if atom.mask & both == both]
                if not shared:
                    break
                prefix.append(shared)
            else:
                witness = grid.witness(prefix)
                names = _names(table, (a, b))
                nl, en = _say(table, (a, b), "nl"), _say(table, (a, b), "en")
                if unique:
                    text = Text(
                        nl=f"Overlap: {nl} gelden allebei, bijvoorbeeld voor "
                        f"{_inputs_text(witness)}; UNIQUE staat dat niet toe.",
                        en=f"Overlap: {en} both apply, for example to "
                        f"{_inputs_text(witness)}; UNIQUE does not allow that.",
                    )
                    findings.append(TableFinding("T002", "error", names, text, witness))
                else:
                    text = Text(
                        nl=f"Conflict: {nl} gelden allebei met een andere uitkomst, "
                        f"bijvoorbeeld voor {_inputs_text(witness)}; ANY staat dat niet toe.",
                        en=f"Conflict: {en} both apply with different outputs, for "
                        f"example to {_inputs_text(witness)}; ANY does not allow that.",
                    )
                    findings.append(TableFinding("T003", "error", names, text, witness))


def _top_priority(table: DecisionTable, mask: int) -> list[int]:
    from decision_trees.tables.evaluate import _priority

    rows = _bits(mask)
    keys = {r: _priority(table, table.rows[r].then) for r in rows}
    best = min(keys.values())
    return [r for r in rows if keys[r] == best]


def _masked(
    table: DecisionTable,
    grid: _Grid,
    live: int,
    findings: list[TableFinding],
    blockers_of: Callable[[int], int],
    code: str,
) -> None:
    """A row is masked when the rows that beat it (earlier rows under FIRST, rows with a
    higher-priority output under PRIORITY) cover every input it matches: a search inside the
    row's box for a cell none of them matches."""
    for r in _bits(live):
        bit = 1 << r
        blockers = blockers_of(r) & live

        covered: set[tuple[int, int]] = set()  # (column, blockers left) known to cover the rest

        def free(
            i: int,
            mask: int,
            prefix: list[list[_Atom]],
            bit: int = bit,
            covered: set[tuple[int, int]] = covered,
        ) -> list[list[_Atom]] | None:
            if mask == 0:
                return prefix
            if i == len(grid.columns) or (i, mask) in covered:
                return None
            grouped: dict[int, list[_Atom]] = {}
            for atom in grid.atoms[i]:
                if atom.mask & bit:
                    grouped.setdefault(mask & atom.mask, []).append(atom)
            for sub in sorted(grouped, key=int.bit_count):
                found = free(i + 1, sub, [*prefix, grouped[sub]])
                if found is not None:
                    return found
            covered.add((i, mask))
            return None

        if blockers == 0 or free(0, blockers, []) is not None:
            continue
        mask, prefix = grid.leaf_with(live, r)
        witness = grid.witness(prefix)
        takers = _bits(mask & blockers)[:1] if code == "T004" else _top_priority(table, mask)
        takers = [t for t in takers if t != r]
        name = table.row_name(r)
        nl, en = _say(table, [r], "nl").capitalize(), _say(table, [r], "en").capitalize()
        by_nl, by_en = _say(table, takers, "nl"), _say(table, takers, "en")
        if code == "T004":
            text = Text(
                nl=f"{nl} wordt nooit gebruikt: onder FIRST gaat een eerdere regel altijd voor "
                f"(bijvoorbeeld {by_nl} bij {_inputs_text(witness)}).",
                en=f"{en} is never used: under FIRST an earlier row always comes first "
                f"(for example {by_en} at {_inputs_text(witness)}).",
            )
        else:
            text = Text(
                nl=f"{nl} wordt nooit gebruikt: onder PRIORITY wint altijd een regel met een uitkomst "
                f"van hogere prioriteit (bijvoorbeeld {by_nl} bij {_inputs_text(witness)}).",
                en=f"{en} is never used: under PRIORITY a row with a higher-priority output always wins "
                f"(for example {by_en} at {_inputs_text(witness)}).",
            )
        findings.append(TableFinding(code, "warning", (name, *_names(table, takers)), text, witness))


def _subsumed(table: DecisionTable, grid: _Grid, live: int, findings: list[TableFinding]) -> None:
    rows = _bits(live)

    def within(small: int, big: int) -> bool:
        return all(
            all(atom.mask >> big & 1 for atom in atoms if atom.mask >> small & 1) for atoms in grid.atoms
        )

    reported: set[int] = set()
    for j in rows:
        for i in rows:
            if i == j or j in reported or table.rows[i].then != table.rows[j].then or not within(j, i):
                continue
            same = within(i, j)
            if same and i > j:
                continue  # the later of two equal rows is the redundant one
            reported.add(j)
            witness = grid.witness(grid.leaf_with(live, j)[1])
            small, big = table.row_name(j), table.row_name(i)
            s_nl, s_en = _say(table, [j], "nl").capitalize(), _say(table, [j], "en").capitalize()
            b_nl, b_en = _say(table, [i], "nl"), _say(table, [i], "en")
            if same:
                text = Text(
                    nl=f"{s_nl} is overbodig: {b_nl} heeft dezelfde voorwaarden en dezelfde uitkomst.",
                    en=f"{s_en} is redundant: {b_en} has the same conditions and the same output.",
                )
                findings.append(TableFinding("T007", "warning", (small, big), text, witness))
            else:
                text = Text(
                    nl=f"{s_nl} valt onder {b_nl}: die geldt overal waar {s_nl.lower()} geldt, met dezelfde "
                    "uitkomst; de regel kan weg.",
                    en=f"{s_en} is subsumed by {b_en}: that row applies wherever this one does, with the "
                    "same output; the row can go.",
                )
                findings.append(TableFinding("T006", "warning", (small, big), text, witness))


def _unused_values(table: DecisionTable, live: int, findings: list[TableFinding]) -> None:
    for k, column in enumerate(table.outputs):
        if not column.values:
            continue
        used = {table.rows[r].then[k] for r in _bits(live)}
        if column.default is not None:
            used.add(column.default)
        for value in column.values:
            if value not in used:
                shown = value_text(value)
                findings.append(
                    TableFinding(
                        "T009",
                        "warning",
                        (),
                        Text(
                            nl=f"De uitkomst {column.id} = {shown} komt in geen enkele regel voor.",
                            en=f"The output {column.id} = {shown} is produced by no row.",
                        ),
                        details={"output": column.id, "value": value},
                    )
                )


def _inputs_text(witness: dict[str, Value]) -> str:
    return ", ".join(f"{key} = {value_text(value)}" for key, value in witness.items())
