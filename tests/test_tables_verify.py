"""Table verification: one example per finding kind, and properties that witnesses really witness."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from _table_strategies import tables
from hypothesis import given, settings
from hypothesis import strategies as st

from decision_trees.tables import DecisionTable, load_table, verify_table
from decision_trees.tables.evaluate import cell_holds, normalise_inputs


def matches(table: DecisionTable, inputs: dict[str, Any]) -> list[int]:
    values = normalise_inputs(table, inputs)
    return [
        r
        for r, row in enumerate(table.rows)
        if all(cell_holds(cell, values[c.id]) is True for cell, c in zip(row.when, table.inputs, strict=True))
    ]


def make(policy: str, rows: list[dict[str, Any]], **extra: Any) -> DecisionTable:
    return load_table(
        {
            "id": "t",
            "hit_policy": policy,
            "inputs": [
                {"id": "age", "type": "integer"},
                {"id": "risk", "type": "enum", "values": ["low", "medium", "high"]},
            ],
            "outputs": [{"id": "out", "type": "enum", "values": ["refuse", "review", "accept"]}],
            "rows": rows,
            **extra,
        }
    )


def codes(table: DecisionTable) -> list[str]:
    return [f.code for f in verify_table(table)]


def test_a_complete_unique_table_has_no_findings() -> None:
    table = load_table("tests/tables_data/approval.yaml")
    assert verify_table(table) == ()


def test_gap_with_region_and_witness() -> None:
    table = make(
        "UNIQUE",
        [
            {"when": {"age": "< 18"}, "then": "refuse"},
            {"when": {"age": ">= 18", "risk": "low, medium"}, "then": "accept"},
            {"when": {"age": "[18..65)", "risk": "high"}, "then": "review"},
        ],
    )
    (gap,) = verify_table(table)
    assert gap.code == "T001"
    assert gap.kind == "gap"
    assert gap.severity == "error"
    assert gap.details["region"] == {"age": ">= 65", "risk": '"high"'}
    assert gap.witness == {"age": Decimal(65), "risk": "high"}
    assert matches(table, gap.witness) == []
    assert gap.message("nl") == 'Gat: geen enkele regel geldt voor age: >= 65, risk: "high".'
    assert json.loads(json.dumps(gap.to_dict("en"))) == {
        "code": "T001",
        "kind": "gap",
        "severity": "error",
        "rows": [],
        "message": 'Gap: no row applies to age: >= 65, risk: "high".',
        "witness": {"age": "65", "risk": "high"},
        "details": {"region": {"age": ">= 65", "risk": '"high"'}},
    }


def test_a_default_output_makes_a_gap_a_warning() -> None:
    table = make(
        "UNIQUE",
        [{"when": {"age": "< 18"}, "then": "refuse"}],
        outputs=[{"id": "out", "type": "enum", "values": ["refuse", "review"], "default": "review"}],
    )
    assert [(f.code, f.severity) for f in verify_table(table)] == [("T001", "warning")]


def test_overlap_under_unique_and_conflict_under_any() -> None:
    rows = [
        {"id": "minor", "when": {"age": "< 18"}, "then": "refuse"},
        {"id": "risky", "when": {"age": "<= 18", "risk": "high"}, "then": "review"},
        {"id": "rest", "when": {"age": ">= 18", "risk": "not(high)"}, "then": "accept"},
        {"id": "old", "when": {"age": "> 18", "risk": "high"}, "then": "review"},
    ]
    (overlap,) = verify_table(make("UNIQUE", rows))
    assert overlap.code == "T002"
    assert overlap.rows == ("minor", "risky")
    assert overlap.witness == {"age": Decimal(16), "risk": "high"}
    assert overlap.message("en").startswith(
        "Overlap: rows minor and risky both apply, for example to age = 16"
    )
    (conflict,) = verify_table(make("ANY", rows))
    assert conflict.code == "T003"
    same = [*rows[:1], {"id": "young", "when": {"age": "< 10"}, "then": "refuse"}, *rows[2:]]
    assert "T003" not in codes(
        make("ANY", [*same, {"when": {"age": "18", "risk": "high"}, "then": "review"}])
    )


def test_masked_rows_under_first_and_priority() -> None:
    rows = [
        {"id": "adult", "when": {"age": ">= 18"}, "then": "review"},
        {"id": "senior", "when": {"age": ">= 65"}, "then": "accept"},
        {"id": "minor", "when": {"age": "< 18"}, "then": "refuse"},
    ]
    masked = [f for f in verify_table(make("FIRST", rows)) if f.code == "T004"]
    assert [f.rows for f in masked] == [("senior", "adult")]
    assert matches(make("FIRST", rows), masked[0].witness or {})[:2] == [0, 1]
    assert "onder FIRST gaat een eerdere regel altijd voor" in masked[0].message("nl")
    priority = make("PRIORITY", [*rows, {"id": "any-minor", "when": {"age": "< 18"}, "then": "review"}])
    # output priority is refuse > review > accept: "senior" loses to "adult", "any-minor" to "minor"
    assert [f.rows for f in verify_table(priority) if f.code == "T005"] == [
        ("senior", "adult"),
        ("any-minor", "minor"),
    ]


def test_subsumed_redundant_and_empty_rows_and_unused_values() -> None:
    rows = [
        {"id": "wide", "when": {"age": "[18..65)"}, "then": "accept"},
        {"id": "narrow", "when": {"age": "[30..40]", "risk": "low"}, "then": "accept"},
        {"id": "copy", "when": {"age": "[18..64]"}, "then": "accept"},
        {"id": "nothing", "when": {"age": "(20..21)"}, "then": "refuse"},
        {"id": "rest", "when": {"age": "< 18, >= 65"}, "then": "accept"},
    ]
    findings = {f.code: f for f in verify_table(make("FIRST", rows))}
    assert findings["T006"].rows == ("narrow", "wide")
    assert findings["T007"].rows == ("copy", "wide")  # [18..64] and [18..65) are the same integers
    assert findings["T008"].rows == ("nothing",)
    assert findings["T008"].details == {"column": "age", "cell": "(20..21)"}
    assert findings["T009"].details == {"output": "out", "value": "review"}
    assert "T001" not in findings


# -- properties ------------------------------------------------------------------------------

_INPUTS = st.fixed_dictionaries(
    {
        "k": st.integers(-2, 11),
        "x": st.sampled_from([Decimal(v) for v in ("0", "1", "1.7", "2.5", "3", "4", "4.2")]),
        "c": st.sampled_from(["a", "b", "c"]),
        "s": st.sampled_from(["x", "y", "zz"]),
    }
)


def _check_witnesses(table: DecisionTable, by_code: dict[str, list[Any]], index: dict[str, int]) -> None:
    """Each witness shows its finding: a gap matches no row, overlapping rows match, a masked row is 2nd."""
    for gap in by_code.get("T001", []):
        assert matches(table, gap.witness) == []
    for finding in by_code.get("T002", []) + by_code.get("T003", []):
        hit = matches(table, finding.witness)
        assert {index[r] for r in finding.rows} <= set(hit)
    for finding in by_code.get("T003", []):
        a, b = (table.rows[index[r]].then for r in finding.rows)
        assert a != b
    for finding in by_code.get("T004", []):
        hit = matches(table, finding.witness)
        assert index[finding.rows[0]] in hit
        assert hit[0] == index[finding.rows[1]]


@settings(max_examples=150, deadline=None)
@given(tables(), st.lists(_INPUTS, min_size=1, max_size=20))
def test_findings_are_exact(table: DecisionTable, drawn: list[dict[str, Any]]) -> None:
    findings = verify_table(table)
    by_code: dict[str, list[Any]] = {}
    for finding in findings:
        by_code.setdefault(finding.code, []).append(finding)
    index = {table.row_name(r): r for r in range(len(table.rows))}
    _check_witnesses(table, by_code, index)
    masked = {index[f.rows[0]] for f in by_code.get("T004", [])}
    empty = {index[f.rows[0]] for f in by_code.get("T008", [])}
    subsumed = [
        (index[f.rows[0]], index[f.rows[1]]) for f in by_code.get("T006", []) + by_code.get("T007", [])
    ]
    for inputs in drawn:
        hit = matches(table, inputs)
        if "T001" not in by_code:  # a table reported complete matches every input
            assert hit
        if table.hit_policy == "UNIQUE" and "T002" not in by_code:
            assert len(hit) <= 1
            assert table.evaluate(inputs).ok
        if table.hit_policy == "ANY" and "T003" not in by_code:
            assert table.evaluate(inputs).ok
        if hit and table.hit_policy == "FIRST":
            assert hit[0] not in masked
        assert not empty & set(hit)
        for small, big in subsumed:
            if small in hit:
                assert big in hit
