"""Decision tables: loading (all problems at once), S-FEEL cells, hit policies, nulls, explanations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decision_trees.tables import (
    Cell,
    DecisionTable,
    Equal,
    HitPolicyViolation,
    Range,
    TableInputError,
    TableLoadError,
    load_table,
)
from decision_trees.tables._feel import FeelError, cell_text, parse_unary_tests
from decision_trees.tables.evaluate import cell_holds

DATA = Path(__file__).parent / "tables_data"


def table(hit_policy: str, rows: list[dict[str, Any]], **extra: Any) -> DecisionTable:
    outputs = extra.pop("outputs", [{"id": "out", "type": "enum", "values": ["high", "medium", "low"]}])
    return load_table(
        {
            "id": "t",
            "hit_policy": hit_policy,
            "inputs": [{"id": "n", "type": "number"}],
            "outputs": outputs,
            "rows": rows,
            **extra,
        }
    )


ROWS = [
    {"when": {"n": "> 10"}, "then": "low"},
    {"when": {"n": "> 5"}, "then": "high"},
    {"when": {"n": "[0..5]"}, "then": "medium"},
]


# -- unary tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("-", None, True),
        ("-", Decimal(3), True),
        ("5", Decimal(5), True),
        ("5", Decimal("5.0"), True),
        ("5", None, False),
        ("not(5)", None, True),  # FEEL: null = 5 is false, so not(5) holds
        ("< 5", None, None),  # a comparison with null is null: no match
        ("not(< 5)", None, None),
        ("[1..10)", Decimal(10), False),
        ("[1..10)", Decimal(1), True),
        ("(1..10]", Decimal(1), False),
        ("]1..10]", Decimal(10), True),
        ("[1..10[", Decimal("9.999"), True),
        ("1, 3, > 8", Decimal(3), True),
        ("1, 3, > 8", Decimal(4), False),
        ("not(1, [3..4])", Decimal("3.5"), False),
        ("not(1, [3..4])", Decimal("4.5"), True),
        ("-1", Decimal(-1), True),
        ('"a", "b"', "b", True),
        ('not("a")', "b", True),
        ("true", True, True),
        ("true", False, False),
        ('>= date("2024-01-01")', dt.date(2024, 1, 1), True),
        ('< date("2024-01-01")', dt.date(2024, 1, 1), False),
    ],
)
def test_unary_tests_follow_feel(text: str, value: Any, expected: bool | None) -> None:
    assert cell_holds(parse_unary_tests(text), value) is expected


@pytest.mark.parametrize(
    "text",
    ["", "x", "a + 1", "> x", "[1..]", "[1..2", "not 1", "1,", "null", "?", "not(1", "date(2020)", "5 5"],
)
def test_text_outside_the_subset_is_refused(text: str) -> None:
    with pytest.raises(FeelError):
        parse_unary_tests(text)


@pytest.mark.parametrize(
    "text",
    ["-", "5", "not(5, 6)", "[1..10)", "(1..10]", ">= -3.25", '"a \\"b\\"", "c"', 'date("2024-02-29")'],
)
def test_cells_print_back_to_equal_cells(text: str) -> None:
    cell = parse_unary_tests(text)
    assert parse_unary_tests(cell_text(cell)) == cell


# -- loading ---------------------------------------------------------------------------------


def test_a_table_loads_from_yaml_with_labels_and_annotations() -> None:
    loaded = load_table(DATA / "approval.yaml")
    assert loaded.hit_policy == "UNIQUE"
    assert [c.id for c in loaded.inputs] == ["age", "risk", "affordable"]
    assert loaded.rows[0].annotation is not None
    assert loaded.rows[1].when[1].any  # an omitted column is "-"


def test_every_problem_is_reported_at_once_with_line_and_code() -> None:
    text = """\
id: broken
hit_policy: UNIQUE
aggregation: SUM
inputs:
  - {id: n, type: number}
  - {id: colour, type: enum, values: [red, green]}
  - {id: n, type: integer}
outputs:
  - {id: out, type: number}
rows:
  - when: {n: "> x", colour: blue}
    then: 1
  - when: {n: "[1..2]", colur: red}
    then: "one"
  - when: {colour: "> 3"}
    then: 2
    extra: 1
"""
    with pytest.raises(TableLoadError) as info:
        load_table(text)
    codes = [(p.code, p.line) for p in info.value.problems]
    assert ("DT806", 3) in codes  # aggregation without COLLECT
    assert ("DT807", 7) in codes  # duplicate column id
    assert ("DT802", 11) in codes  # a name where a value belongs
    assert ("DT803", 11) in codes  # undeclared enum value
    assert ("DT804", 13) in codes  # unknown column (with a suggestion)
    assert ("DT805", 14) in codes  # text in a number output
    assert ("DT803", 15) in codes  # range on an enum column
    assert ("DT111", 17) in codes  # unknown key
    assert info.value.code == "DT800"
    suggestion = next(p for p in info.value.problems if p.code == "DT804")
    assert suggestion.hint == "did you mean 'colour'?"


def test_yaml_guards_apply_to_table_files() -> None:
    with pytest.raises(TableLoadError) as info:
        load_table("id: &a t\ninputs: []\noutputs: *a\n")
    assert info.value.problems[0].code == "DT103"


def test_priority_without_output_values_is_refused() -> None:
    with pytest.raises(TableLoadError) as info:
        table("PRIORITY", [{"when": {}, "then": "x"}], outputs=[{"id": "out", "type": "string"}])
    assert [p.code for p in info.value.problems] == ["DT806"]


def test_aggregation_needs_a_number_output() -> None:
    with pytest.raises(TableLoadError) as info:
        table(
            "COLLECT",
            [{"when": {}, "then": "x"}],
            aggregation="SUM",
            outputs=[{"id": "out", "type": "string"}],
        )
    assert [p.code for p in info.value.problems] == ["DT806"]


def test_integer_columns_refuse_fractions_and_enum_names_need_declaring() -> None:
    with pytest.raises(TableLoadError) as info:
        load_table(
            {
                "id": "t",
                "inputs": [{"id": "k", "type": "integer"}, {"id": "c", "type": "enum", "values": ["a"]}],
                "outputs": [{"id": "o", "type": "boolean"}],
                "rows": [{"when": {"k": "1.5", "c": "b"}, "then": True}],
            }
        )
    assert [p.code for p in info.value.problems] == ["DT803", "DT803"]


# -- hit policies -----------------------------------------------------------------------------


def test_unique_returns_the_single_match_and_null_without() -> None:
    t = table("UNIQUE", [{"when": {"n": "< 0"}, "then": "low"}, {"when": {"n": ">= 0"}, "then": "high"}])
    assert t.evaluate({"n": -1}).value == "low"
    assert t.evaluate({"n": 0}).value == "high"
    assert t.evaluate({}).value is None  # null matches neither comparison


def test_unique_violation_gives_null_with_an_error_or_raises_when_strict() -> None:
    t = table("UNIQUE", ROWS)
    result = t.evaluate({"n": 11})
    assert result.value is None
    assert result.error is not None
    assert result.error.code == "DT831"
    assert result.rows == ()
    assert [m.row for m in result.matched] == ["row 1", "row 2"]
    with pytest.raises(HitPolicyViolation) as info:
        t.evaluate({"n": 11}, strict=True)
    assert info.value.rows == ("row 1", "row 2")


def test_any_allows_equal_outputs_only() -> None:
    rows = [
        {"when": {"n": "> 1"}, "then": "low"},
        {"when": {"n": "> 2"}, "then": "low"},
        {"when": {"n": "> 3"}, "then": "high"},
    ]
    t = table("ANY", rows)
    assert t.evaluate({"n": 3}).value == "low"
    conflict = t.evaluate({"n": 4})
    assert conflict.value is None
    assert conflict.error is not None
    assert conflict.error.code == "DT832"


def test_priority_takes_the_highest_output_value() -> None:
    t = table("PRIORITY", ROWS)
    assert t.evaluate({"n": 11}).value == "high"  # rows 1 (low) and 2 (high) match
    assert t.evaluate({"n": 11}).rows == ("row 2",)


def test_first_takes_the_first_match() -> None:
    t = table("FIRST", ROWS)
    assert t.evaluate({"n": 11}).value == "low"
    assert t.evaluate({"n": 6}).value == "high"


def test_rule_order_and_output_order_return_lists() -> None:
    assert table("RULE ORDER", ROWS).evaluate({"n": 11}).value == ["low", "high"]
    assert table("OUTPUT ORDER", ROWS).evaluate({"n": 11}).value == ["high", "low"]
    assert table("COLLECT", ROWS).evaluate({"n": -1}).value == []


@pytest.mark.parametrize(
    ("aggregation", "n", "expected"),
    [
        ("SUM", 11, Decimal(3)),
        ("MIN", 11, Decimal(1)),
        ("MAX", 11, Decimal(2)),
        ("COUNT", 11, Decimal(2)),
        ("COUNT", -1, Decimal(0)),
        ("SUM", -1, None),
        ("MAX", 3, Decimal(7)),
    ],
)
def test_collect_aggregations(aggregation: str, n: int, expected: Decimal | None) -> None:
    rows = [
        {"when": {"n": "> 10"}, "then": 1},
        {"when": {"n": "> 5"}, "then": 2},
        {"when": {"n": "[0..5]"}, "then": 7},
    ]
    t = table("COLLECT", rows, aggregation=aggregation, outputs=[{"id": "out", "type": "number"}])
    assert t.evaluate({"n": n}).value == expected


def test_sums_are_exact_decimals() -> None:
    rows = [{"when": {}, "then": 0.1}, {"when": {}, "then": 0.2}]
    t = table("COLLECT", rows, aggregation="SUM", outputs=[{"id": "out", "type": "number"}])
    assert t.evaluate({"n": 1}).value == Decimal("0.3")


def test_default_outputs_apply_when_no_row_matches() -> None:
    t = table(
        "UNIQUE",
        [{"when": {"n": "> 10"}, "then": {"out": "low", "score": 1}}],
        outputs=[
            {"id": "out", "type": "enum", "values": ["high", "low"], "default": "high"},
            {"id": "score", "type": "number"},
        ],
    )
    result = t.evaluate({"n": 1})
    assert result.value == {"out": "high", "score": None}
    assert result.default_used
    assert t.evaluate({"n": 11}).value == {"out": "low", "score": Decimal(1)}


def test_float_inputs_compare_as_written() -> None:
    t = table("FIRST", [{"when": {"n": "< 64.32"}, "then": "low"}, {"when": {}, "then": "high"}])
    assert t.evaluate({"n": 64.32}).value == "high"
    assert t.evaluate({"n": 64.31}).value == "low"


@pytest.mark.parametrize(
    ("inputs", "fragment"),
    [
        ({"n": "5"}, "expected a number"),
        ({"n": True}, "expected a number"),
        ({"m": 1}, "no input column"),
        ({"n": float("nan")}, "finite"),
    ],
)
def test_bad_inputs_raise_a_coded_error(inputs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(TableInputError) as info:
        table("FIRST", ROWS).evaluate(inputs)
    assert info.value.code == "DT830"
    assert fragment in str(info.value)


def test_dates_and_enum_inputs_are_checked() -> None:
    t = load_table(
        {
            "id": "d",
            "hit_policy": "FIRST",
            "inputs": [{"id": "on", "type": "date"}, {"id": "c", "type": "enum", "values": ["a", "b"]}],
            "outputs": [{"id": "o", "type": "string"}],
            "rows": [
                {"when": {"on": '< date("2025-01-01")', "c": "a"}, "then": "early a"},
                {"when": {}, "then": "other"},
            ],
        }
    )
    assert t.evaluate({"on": "2024-12-31", "c": "a"}).value == "early a"
    assert t.evaluate({"on": dt.date(2025, 1, 1), "c": "a"}).value == "other"
    with pytest.raises(TableInputError):
        t.evaluate({"c": "z"})


# -- explanations -----------------------------------------------------------------------------


def test_explanations_name_rows_and_why_each_cell_held() -> None:
    t = load_table(DATA / "approval.yaml")
    result = t.evaluate({"age": 40, "risk": "Low", "affordable": True})
    assert result.explain("nl").splitlines() == [
        "Beslistabel 'approval' (hitpolicy UNIQUE): regel adult-low-risk is van toepassing.",
        "  - Leeftijd is 40; dat is >= 18",
        '  - Risicocategorie is "Low"; dat is een van "Low", "Medium"',
        "  - Betaalbaar is ja",
        'Uitkomst: Besluit = "Approved".',
    ]
    assert result.explain("en").splitlines()[1:3] == [
        "  - Age is 40, which is >= 18",
        '  - Risk category is "Low", one of "Low", "Medium"',
    ]
    declined = t.evaluate({"age": 30, "risk": "Medium", "affordable": False}).explain("nl")
    assert 'Risicocategorie is "Medium"; dat is geen van "High"' in declined


def test_explanations_of_violations_defaults_and_lists() -> None:
    violated = table("UNIQUE", ROWS).evaluate({"n": 11}).explain("nl")
    assert "meerdere regels zijn van toepassing (regel 1, regel 2)" in violated
    assert "fout DT831" in violated
    listed = table("OUTPUT ORDER", ROWS).evaluate({"n": 11}).explain("en")
    assert listed.endswith('Result by priority: out = "high"; out = "low".')
    nothing = table(
        "UNIQUE",
        ROWS,
        outputs=[{"id": "out", "type": "enum", "values": ["high", "medium", "low"], "default": "low"}],
    )
    assert nothing.evaluate({"n": -3}).explain("nl").endswith('Uitkomst: de standaardwaarde, out = "low".')


def test_rows_cite_declared_sources() -> None:
    source = {"title": "Guidance", "publisher": "Publisher", "date": "2024-01-01"}
    base = {
        "id": "s",
        "inputs": [{"id": "n", "type": "number"}],
        "outputs": [{"id": "o", "type": "boolean"}],
        "sources": {"guide": source},
    }
    cited = load_table(
        {
            **base,
            "rows": [{"when": {}, "then": True, "sources": [{"source": "guide", "provenance": "direct"}]}],
        }
    )
    assert cited.rows[0].sources[0].source == "guide"
    assert cited.sources["guide"].publisher == "Publisher"
    with pytest.raises(TableLoadError) as info:
        load_table(
            {
                **base,
                "rows": [{"when": {}, "then": True, "sources": [{"source": "gide", "provenance": "direct"}]}],
            }
        )
    assert [p.code for p in info.value.problems] == ["DT808"]


def test_tables_are_reachable_lazily_from_decision_trees() -> None:
    import subprocess
    import sys

    code = (
        "import sys, decision_trees as d; assert 'decision_trees.tables' not in sys.modules; "
        "assert d.load_table is load_table; assert 'defusedxml' not in sys.modules; "
        "d.from_dmn; print('ok')"
    ).replace("load_table is load_table", "load_table.__module__ == 'decision_trees.tables.loader'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "ok", done.stderr


_LITERALS = st.one_of(
    st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.booleans(),
    st.dates(),
)
_TESTS = st.one_of(
    _LITERALS.map(lambda v: Equal(value=v)),
    st.tuples(_LITERALS, st.booleans(), _LITERALS, st.booleans()).map(
        lambda t: Range(low=t[0], low_closed=t[1], high=t[2], high_closed=t[3])
    ),
    st.tuples(_LITERALS, st.booleans()).map(lambda t: Range(low=t[0], low_closed=t[1])),
    st.tuples(_LITERALS, st.booleans()).map(lambda t: Range(high=t[0], high_closed=t[1])),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TESTS, max_size=4), st.booleans())
def test_printed_cells_parse_back_to_the_same_cell(tests: list[Equal | Range], negated: bool) -> None:
    cell = Cell(tests=tuple(tests), negated=negated and bool(tests))
    assert parse_unary_tests(cell_text(cell)) == cell
