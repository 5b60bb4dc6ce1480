"""Routing tables inside trees (``kind: table``): DMN hit-policy semantics, the trace naming the
rows, explanations in both languages, drawings, the durable backend, and the loader's checks."""

from __future__ import annotations

import copy
import importlib.util
import itertools
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from _table_strategies import TREE_CELLS, TREE_INPUTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import decision_trees as dt

HERE = Path(__file__).parent
TABLE_TREE = HERE / "trees" / "table_node.yaml"
GOLDEN = HERE / "golden"

# -- random routing tables -------------------------------------------------------------------

INPUTS = TREE_INPUTS
TARGETS = ("t1", "t2", "t3")
OTHERWISE = "t0"

cells = TREE_CELLS


@st.composite
def rows(draw: st.DrawFn) -> dict[str, Any]:
    columns = draw(st.lists(st.sampled_from(sorted(INPUTS)), min_size=1, max_size=3, unique=True))
    return {"when": {c: draw(cells[c]) for c in columns}, "next": draw(st.sampled_from(TARGETS))}


def table_tree(table_rows: list[dict[str, Any]], policy: str) -> dict[str, Any]:
    table: dict[str, Any] = {
        "kind": "table",
        "text": {"nl": "Tabel", "en": "Table"},
        "hit_policy": policy,
        "inputs": sorted(INPUTS),
        "rows": table_rows,
        "else": OTHERWISE,
    }
    if policy == "PRIORITY":
        table["priority"] = list(reversed(TARGETS))
    return {
        "id": "random-table",
        "version": "1",
        "title": {"nl": "Tabel", "en": "Table"},
        "start": "table",
        "inputs": INPUTS,
        "nodes": {"table": table, **outcomes(table_rows)},
    }


def outcomes(table_rows: list[dict[str, Any]]) -> dict[str, Any]:
    used = [OTHERWISE, *sorted({row["next"] for row in table_rows})]
    return {t: {"kind": "outcome", "label": {"nl": t, "en": t}} for t in used}


def on(column: str, cell: dict[str, Any]) -> dict[str, Any]:
    """A cell as a rule's test of ``column`` (``not`` wraps the test)."""
    if "not" in cell:
        return {"not": on(column, cell["not"])}
    return {"input": column, **cell}


def hand_expanded(table_rows: list[dict[str, Any]], policy: str) -> dict[str, Any]:
    """The same tree written by hand as a chain of rules (rows sorted for PRIORITY)."""
    ordered = list(table_rows)
    if policy == "PRIORITY":
        rank = list(reversed(TARGETS))
        ordered.sort(key=lambda row: rank.index(row["next"]))
    nodes: dict[str, Any] = {}
    for i, row in enumerate(ordered):
        tests = [on(column, cell) for column, cell in row["when"].items()]
        nodes[f"r{i}"] = {
            "kind": "rule",
            "text": {"nl": f"r{i}", "en": f"r{i}"},
            "condition": {"all": tests},
            "then": row["next"],
            "else": f"r{i + 1}" if i + 1 < len(ordered) else OTHERWISE,
        }
    nodes.update(outcomes(table_rows))
    return {**table_tree(table_rows, policy), "start": "r0", "nodes": nodes}


def holds(cell: dict[str, Any], value: Any) -> bool:
    """A cell's meaning, written out in plain Python (independent of the engine)."""
    op, operand = next(iter(cell.items()))
    if op == "not":
        return not holds(operand, value)
    meaning: dict[str, Callable[[], bool]] = {
        "equals": lambda: value == operand,
        "one_of": lambda: value in operand,
        "none_of": lambda: value not in operand,
        "lt": lambda: value < operand,
        "ge": lambda: value >= operand,
        "between": lambda: operand[0] <= value <= operand[1],
    }
    return meaning[op]()


def reference(table_rows: list[dict[str, Any]], policy: str, answers: dict[str, Any]) -> str:
    """DMN's answer: the matching rows under the hit policy, or the default route."""
    matching = [row for row in table_rows if all(holds(c, answers[k]) for k, c in row["when"].items())]
    if not matching:
        return OTHERWISE
    if policy == "PRIORITY":
        rank = list(reversed(TARGETS))
        return str(min(matching, key=lambda row: rank.index(row["next"]))["next"])
    return str(matching[0]["next"])


answer_sets = st.fixed_dictionaries(
    {"b": st.booleans(), "e": st.sampled_from(["x", "y", "z"]), "n": st.integers(0, 9)}
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(
    st.lists(rows(), min_size=1, max_size=6),
    st.sampled_from(["FIRST", "PRIORITY"]),
    st.lists(answer_sets, min_size=1, max_size=15),
)
def test_a_table_decides_as_the_same_table_expanded_by_hand(
    table_rows: list[dict[str, Any]], policy: str, cases: list[dict[str, Any]]
) -> None:
    table = dt.load(table_tree(table_rows, policy))
    expanded = dt.load(hand_expanded(table_rows, policy))
    for answers in cases:
        expected = reference(table_rows, policy, answers)
        assert table.decide(answers).id == expected
        assert expanded.decide(answers).id == expected


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(rows(), min_size=1, max_size=4),
    st.sampled_from(["UNIQUE", "ANY"]),
    st.lists(answer_sets, min_size=1, max_size=15),
)
def test_unique_and_any_are_kept_or_refused_with_a_true_witness(
    table_rows: list[dict[str, Any]], policy: str, cases: list[dict[str, Any]]
) -> None:
    try:
        tree = dt.load(table_tree(table_rows, policy))
    except dt.TreeLoadError as exc:
        refused: dt.TreeLoadError | None = exc
    else:
        refused = None
    if refused is not None:
        assert {p.code for p in refused.problems} == {"DT846" if policy == "UNIQUE" else "DT847"}, refused
        return
    for answers in cases:
        matching = {
            row["next"] for row in table_rows if all(holds(c, answers[k]) for k, c in row["when"].items())
        }
        if policy == "UNIQUE":
            count = sum(all(holds(c, answers[k]) for k, c in row["when"].items()) for row in table_rows)
            assert count <= 1
        assert len(matching) <= 1
        assert tree.decide(answers).id == (matching.pop() if matching else OTHERWISE)


def test_an_overlap_witness_matches_both_rows() -> None:
    data = yaml.safe_load(TABLE_TREE.read_text(encoding="utf-8"))
    data["nodes"]["weigh"]["hit_policy"] = "UNIQUE"
    with pytest.raises(dt.TreeLoadError) as caught:
        dt.load(data)
    (problem,) = caught.value.problems
    assert problem.code == "DT846"
    assert "'weigh.high-sensitive' and 'weigh.high-or-large'" in problem.message
    assert 'risk="high", sensitive=true, budget=100000' in problem.message
    case = {"risk": "high", "sensitive": True, "budget": 100000}
    assert dt.load(TABLE_TREE).evaluate(case).path[-2:] == ("weigh.high-sensitive", "refuse")
    data["nodes"]["weigh"]["hit_policy"] = "FIRST"
    del data["nodes"]["weigh"]["rows"][1]  # without the first row, the second holds for the witness
    del data["nodes"]["refuse"]
    assert dt.load(data).evaluate(case).path[-2:] == ("weigh.high-or-large", "measures")


# -- the example tree ------------------------------------------------------------------------


def test_the_trace_names_the_rows_tried_and_the_one_that_matched() -> None:
    tree = dt.load(TABLE_TREE)
    decision = tree.evaluate({"risk": "high", "sensitive": False, "budget": 200000})
    assert decision.outcome.id == "measures"
    assert decision.path == ("weigh", "weigh.high-sensitive", "weigh.high-or-large", "measures")
    assert [step.node for step in decision.trace] == list(decision.path)
    no_row = tree.evaluate({"risk": "low", "sensitive": False, "budget": 200000})
    assert no_row.outcome.id == "measures"
    assert no_row.path[-2] == "weigh.low-small"


def _check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs (UPDATE_GOLDEN=1 rewrites it)"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_explain_names_each_row_and_why_each_cell_held(lang: dt.Lang) -> None:
    decision = dt.load(TABLE_TREE).evaluate({"risk": "high", "sensitive": False, "budget": 200000})
    text = decision.explain(lang)
    row = "rij" if lang == "nl" else "row"
    assert f"{row} high-or-large" in text
    _check_golden(f"table_node_explain_{lang}.txt", text)


def test_a_drawing_shows_every_row_and_the_path_taken() -> None:
    tree = dt.load(TABLE_TREE)
    decision = tree.evaluate({"risk": "high", "sensitive": False, "budget": 200000})
    mermaid = dt.to_mermaid(decision, lang="en")
    for row in ("unknown-risk", "high-sensitive", "high-or-large", "low-small"):
        assert re.search(rf"<td>(<[^>]+>)?{row}(</[^>]+>)?</td>", mermaid)  # a row of the table
    assert "Weighing: row" not in mermaid  # one table node holds the four rows (test_table_mermaid.py)
    dot = dt.to_dot(decision, lang="nl")
    assert dot.count('class="table"') == 1  # one table node holds the four rows
    assert "Weging: rij" not in dot  # no row drawn as a node of its own
    assert dot.count('PORT="p') == 4
    matched = next(line for line in dot.split("<TR>") if "node-weigh.high-or-large" in line)
    assert 'BGCOLOR="#dbeafe"' in matched
    assert "<B>is minstens 100000</B>" in matched
    untried = next(line for line in dot.split("<TR>") if "node-weigh.low-small" in line)
    assert 'COLOR="#9ca3af"' in untried  # faded: the path did not try it
    assert '"table-weigh":p2 -> "measures"' in dot  # the path leaves the matched row
    assert '"table-weigh" -> "measures" [id="edge-weigh.low-small-else"' in dot  # the table's else
    assert 'class="else faded", label="anders"' in dot


def test_a_drawing_without_a_decision_shows_the_table_and_its_columns() -> None:
    dot = dt.to_dot(dt.load(TABLE_TREE), lang="en")
    for text in ("Risk profile", "Sensitive technology", "Budget", "is at least 100000", "Ask for advice"):
        assert text in dot
    assert "#dbeafe" not in dot


def test_a_hand_broken_chain_is_drawn_as_rule_nodes() -> None:
    data = dt.load(TABLE_TREE).model_dump(mode="json", by_alias=True, exclude_defaults=True)  # the rows
    del data["nodes"]["weigh.high-or-large"]["table"]  # a hand edit: the rows no longer form a chain
    dot = dt.to_dot(dt.load(data), lang="en")
    assert 'class="table"' not in dot
    assert "Weighing: row high-or-large" in dot


def test_unknown_answers_route_by_their_row() -> None:
    tree = dt.load(TABLE_TREE)
    assert tree.decide({"risk": dt.UNKNOWN, "sensitive": True, "budget": 5}).id == "ask_advice"


def test_verify_sees_the_rows_and_the_else() -> None:
    report = dt.verify(dt.load(TABLE_TREE))
    assert report.ok, report.text()


@pytest.mark.skipif(importlib.util.find_spec("durable") is None, reason="the durable extra is not installed")
def test_the_durable_backend_agrees_on_a_table() -> None:
    from decision_trees.backends.durable import DurableBackend

    tree = dt.load(TABLE_TREE)
    with DurableBackend(tree) as backend:
        for risk in ("low", "medium", "high", dt.UNKNOWN):
            for sensitive in (True, False):
                for budget in (0, 99999, 100000):
                    case = {"risk": risk, "sensitive": sensitive, "budget": budget}
                    assert backend.evaluate(case) == tree.evaluate(case)


# -- the loader's checks ---------------------------------------------------------------------


Change = Callable[[dict[str, Any]], object]  # an edit to the table node's data, in place


def _mistake(change: Change) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(TABLE_TREE.read_text(encoding="utf-8"))
    change(data["nodes"]["weigh"])
    return data


MISTAKES: list[tuple[Change, str, str]] = [
    (lambda t: t.pop("else"), "DT841", "else"),
    (lambda t: t.update(hit_policy="COLLECT"), "DT840", "hit_policy"),
    (lambda t: t.update(hit_policy="PRIORITY"), "DT842", "priority"),
    (lambda t: t.update(priority=["go"]), "DT842", "priority"),
    (lambda t: t["rows"][1].update(id="low-small"), "DT843", "rows[3].id"),
    (lambda t: t["rows"][1].update(id="high risk"), "DT843", "rows[1].id"),
    (lambda t: t["rows"][1].update(when={}), "DT844", "rows[1].when"),
    (lambda t: t["rows"][1]["when"].update(country={"equals": "x"}), "DT845", "rows[1].when.country"),
    (lambda t: t["rows"][1]["when"].update(risk={"rule": "x"}), "DT845", "rows[1].when.risk"),
    (
        lambda t: t["rows"][1]["when"].update(risk={"input": "budget", "equals": 3}),
        "DT845",
        "rows[1].when.risk",
    ),
    (lambda t: t["rows"][1].update(colour="red"), "DT840", "rows[1].colour"),
    (lambda t: t.pop("text"), "DT840", "text"),
]


@pytest.mark.parametrize(("change", "code", "field"), MISTAKES, ids=[f"{m[1]}-{m[2]}" for m in MISTAKES])
def test_each_table_mistake_has_its_code_and_place(change: Change, code: str, field: str) -> None:
    text = yaml.safe_dump(_mistake(change), sort_keys=False, allow_unicode=True)
    with pytest.raises(dt.TreeLoadError) as caught:
        dt.load(text)
    found = [p for p in caught.value.problems if p.code == code]
    assert found, caught.value
    assert found[0].node == "weigh"
    assert found[0].field == field
    assert found[0].line is not None


def test_a_mistake_inside_a_cell_names_the_table_line() -> None:
    data = _mistake(lambda t: t["rows"][2]["when"].update(budget={"ge": "lots"}))
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    with pytest.raises(dt.TreeLoadError) as caught:
        dt.load(text)
    (problem,) = caught.value.problems
    assert problem.line is not None
    assert "lots" in text.splitlines()[problem.line - 1]


def test_a_tree_without_tables_is_loaded_as_before() -> None:
    small = dt.load(HERE / "trees" / "small.yaml")
    assert dt.load(copy.deepcopy(small.to_dict())) == small


def test_the_json_schema_knows_table_nodes_as_the_loader_does() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    data = json.loads(json.dumps(yaml.safe_load(TABLE_TREE.read_text(encoding="utf-8")), default=str))
    jsonschema.validate(data, dt.json_schema())
    changes: tuple[Change, ...] = (
        lambda t: t["rows"][1]["when"].update(risk={"rule": "x"}),
        lambda t: t.pop("else"),
        lambda t: t.update(hit_policy="COLLECT"),
        lambda t: t["rows"][1].update(when={}),
    )
    for change in changes:
        bad = copy.deepcopy(data)
        change(bad["nodes"]["weigh"])
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, dt.json_schema())
        with pytest.raises(dt.TreeLoadError):
            dt.load(bad)


def test_verify_finds_a_row_masked_by_earlier_rows_under_first() -> None:
    data = yaml.safe_load(TABLE_TREE.read_text(encoding="utf-8"))
    masked = {"risk": {"equals": "high"}, "sensitive": {"equals": True}, "budget": {"ge": 5}}
    data["nodes"]["weigh"]["rows"].insert(2, {"id": "masked", "when": masked, "next": "go"})
    report = dt.verify(dt.load(data))
    (finding,) = report.findings
    assert finding.code == "V004"
    assert finding.nodes[0] == "weigh.masked"
    assert "'then' is never taken" in finding.message("en")


def test_invariants_hold_over_a_tables_routes_or_come_with_a_witness() -> None:
    data = yaml.safe_load(TABLE_TREE.read_text(encoding="utf-8"))
    data["invariants"] = [
        {"monotone": {"increasing": ["budget", "sensitive"]}},
        {"only_if": {"outcome": "refuse", "condition": {"input": "risk", "equals": "high"}}},
    ]
    report = dt.verify(dt.load(data))
    assert report.ok, report.text()
    assert all(result.holds for result in report.invariants)
    data["invariants"] = [{"only_if": {"outcome": "go", "condition": {"input": "budget", "lt": 50000}}}]
    (finding,) = dt.verify(dt.load(data)).findings
    assert finding.code == "V021"
    assert finding.witness is not None
    assert 50000 <= finding.witness["budget"] < 100000
    assert dt.load(data).decide(finding.witness).id == "go"


# -- named conditions as columns (a weighing step) -------------------------------------------

WEIGHING_INPUTS: dict[str, Any] = {
    "sensitive_area": {"type": "boolean", "label": {"nl": "Gevoelig gebied", "en": "Sensitive area"}},
    "country_risk": {
        "type": "enum",
        "label": {"nl": "Landrisico", "en": "Country risk"},
        "values": {"low": {"nl": "laag", "en": "low"}, "high": {"nl": "hoog", "en": "high"}},
    },
    "partner_risk": {"type": "boolean", "label": {"nl": "Partnerrisico", "en": "Partner risk"}},
    "ethics": {
        "type": "enum",
        "label": {"nl": "Ethiek", "en": "Ethics"},
        "values": {"none": {"nl": "geen", "en": "none"}, "serious": {"nl": "ernstig", "en": "serious"}},
    },
}


def _named(input_id: str, value: Any) -> dict[str, Any]:
    return {
        "kind": "rule",
        "text": {"nl": input_id, "en": input_id},
        "condition": {"input": input_id, "equals": value},
    }


NAMED = {
    "sensitive_knowledge": _named("sensitive_area", True),
    "risky_country": _named("country_risk", "high"),
    "risky_partner": _named("partner_risk", True),
    "serious_ethical_risk": _named("ethics", "serious"),
}
OUTCOMES = {
    key: {"kind": "outcome", "label": {"nl": key, "en": key}, "severity": severity}
    for key, severity in (("committee", 80), ("measures", 30), ("go", 0))
}


def weighing(start: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "weighing",
        "version": "1",
        "title": {"nl": "Weging", "en": "Weighing"},
        "start": "weigh",
        "inputs": WEIGHING_INPUTS,
        "nodes": {**start, **NAMED, **OUTCOMES},
    }


AS_RULES = weighing(
    {
        "weigh": {
            "kind": "rule",
            "text": {"nl": "Commissie", "en": "Committee"},
            "condition": {
                "any": [
                    {
                        "all": [
                            {"rule": "sensitive_knowledge"},
                            {"any": [{"rule": "risky_country"}, {"rule": "risky_partner"}]},
                        ]
                    },
                    {"rule": "serious_ethical_risk"},
                ]
            },
            "then": "committee",
            "else": "weigh_measures",
        },
        "weigh_measures": {
            "kind": "rule",
            "text": {"nl": "Maatregelen", "en": "Measures"},
            "condition": {"rule": "sensitive_knowledge"},
            "then": "measures",
            "else": "go",
        },
    }
)
YES, NO = {"equals": True}, {"equals": False}
AS_TABLE = weighing(
    {
        "weigh": {
            "kind": "table",
            "text": {"nl": "Weging", "en": "Weighing"},
            "hit_policy": "FIRST",
            "inputs": ["sensitive_knowledge", "risky_country", "risky_partner", "serious_ethical_risk"],
            "rows": [
                {
                    "id": "sensitive-country",
                    "when": {"sensitive_knowledge": YES, "risky_country": YES},
                    "next": "committee",
                },
                {
                    "id": "sensitive-partner",
                    "when": {"sensitive_knowledge": YES, "risky_partner": YES},
                    "next": "committee",
                },
                {"id": "ethics", "when": {"serious_ethical_risk": YES}, "next": "committee"},
                {"id": "sensitive", "when": {"sensitive_knowledge": YES}, "next": "measures"},
            ],
            "else": "go",
        }
    }
)


def test_a_weighing_table_over_named_conditions_decides_as_the_rules() -> None:
    rules, table = dt.load(AS_RULES), dt.load(AS_TABLE)
    for area, country, partner, ethics in itertools.product(
        (True, False), ("low", "high"), (True, False), ("none", "serious")
    ):
        case = {"sensitive_area": area, "country_risk": country, "partner_risk": partner, "ethics": ethics}
        assert table.decide(case).id == rules.decide(case).id, case
    decision = table.evaluate(
        {"sensitive_area": True, "country_risk": "low", "partner_risk": True, "ethics": "none"}
    )
    assert decision.path[:2] == ("weigh", "weigh.sensitive-partner")
    assert "row sensitive-partner" in decision.explain("en")


def test_overlapping_rows_over_named_conditions_are_found_with_a_witness() -> None:
    data = copy.deepcopy(AS_TABLE)
    data["nodes"]["weigh"]["hit_policy"] = "UNIQUE"
    with pytest.raises(dt.TreeLoadError) as caught:
        dt.load(data)
    assert {p.code for p in caught.value.problems} == {"DT846"}
    assert "sensitive_area=true" in caught.value.problems[0].message


def test_a_named_condition_column_takes_only_yes_or_no() -> None:
    data = copy.deepcopy(AS_TABLE)
    data["nodes"]["weigh"]["rows"][0]["when"]["risky_country"] = {"equals": "high"}
    with pytest.raises(dt.TreeLoadError) as caught:
        dt.load(data)
    assert [p.code for p in caught.value.problems] == ["DT845"]
