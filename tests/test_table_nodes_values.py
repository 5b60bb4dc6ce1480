"""Value tables inside trees (``kind: table`` with ``outputs``): ``Decision.outputs`` is DMN's
result of the table, the same as the standalone :class:`~decision_trees.tables.DecisionTable`
gives, for every hit policy and aggregation; the loader's checks; the durable backend agrees."""

from __future__ import annotations

import copy
import importlib.util
import itertools
import json
import os
import tempfile
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from _table_strategies import TREE_CELLS, TREE_INPUTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import decision_trees as dt
from decision_trees.tables import DecisionTable
from decision_trees.tables.model import Cell, Equal, InputColumn, OutputColumn, Range, Row

HERE = Path(__file__).parent
VALUE_TREE = HERE / "trees" / "value_table.yaml"
GOLDEN = HERE / "golden"

INPUTS = TREE_INPUTS
ALL_ANSWERS = [
    {"b": b, "e": e, "n": n} for b, e, n in itertools.product((True, False), ("x", "y", "z"), range(10))
]
POLICIES = ("UNIQUE", "ANY", "PRIORITY", "FIRST", "RULE ORDER", "OUTPUT ORDER", "COLLECT")
AMOUNTS = [30, 20, 10, 5]  # also the priority order, highest first
LEVELS = ["high", "medium", "low"]

cells = TREE_CELLS


@st.composite
def value_tables(draw: st.DrawFn) -> dict[str, Any]:
    """A value table node over b, e, n with one to three output columns (or one, aggregated)."""
    policy = draw(st.sampled_from(POLICIES))
    aggregation = draw(st.sampled_from([None, "SUM", "MIN", "MAX", "COUNT"])) if policy == "COLLECT" else None
    columns: list[dict[str, Any]] = [{"id": "amount", "type": "number", "values": AMOUNTS}]
    if aggregation is None:
        extra = draw(st.sets(st.sampled_from(["level", "flag", "note"])))
        if "level" in extra:
            columns.append({"id": "level", "type": "enum", "values": LEVELS})
        if "flag" in extra:
            columns.append({"id": "flag", "type": "boolean"})
        if "note" in extra:
            columns.append({"id": "note", "type": "string"})
    pick = {
        "amount": st.sampled_from(AMOUNTS),
        "level": st.sampled_from(LEVELS),
        "flag": st.booleans(),
        "note": st.sampled_from(["één", "two"]),
    }
    for column in columns:
        if draw(st.booleans()):
            column["default"] = draw(pick[column["id"]])
    count = draw(st.integers(1, 5))
    rows = []
    exclusive = policy in ("UNIQUE", "ANY")
    ns = draw(st.lists(st.integers(0, 9), min_size=count, max_size=count, unique=True))
    for i in range(count):
        names = draw(st.lists(st.sampled_from(["b", "e", "n"]), min_size=1, max_size=3, unique=True))
        when = {name: draw(cells[name]) for name in names}
        if exclusive:  # rows that exclude each other (on n), so that the table loads
            when["n"] = {"equals": ns[i]}
        if policy in ("RULE ORDER", "OUTPUT ORDER", "COLLECT") and i > 0 and draw(st.booleans()):
            when = {}  # a row matching everything ("-" in every column)
        rows.append({"when": when, "outputs": {c["id"]: draw(pick[c["id"]]) for c in columns}})
    if policy in ("FIRST", "PRIORITY") and draw(st.booleans()):  # a last row matching everything,
        lowest = {"amount": 5, "level": "low", "flag": False, "note": "two"}  # tried last under PRIORITY
        rows.append({"outputs": {c["id"]: lowest[c["id"]] for c in columns}})
    node: dict[str, Any] = {
        "kind": "table",
        "text": {"nl": "Tarief", "en": "Fee"},
        "hit_policy": policy,
        "inputs": ["b", "e", "n"],
        "outputs": columns,
        "rows": rows,
        "next": "done",
    }
    if aggregation is not None:
        node["aggregation"] = aggregation
    return node


def tree_data(node: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "values",
        "version": "1",
        "title": {"nl": "Waarden", "en": "Values"},
        "start": "fee",
        "inputs": INPUTS,
        "nodes": {"fee": node, "done": {"kind": "outcome", "label": {"nl": "Klaar", "en": "Done"}}},
    }


# -- the oracle: the same table as a standalone DMN decision table ----------------------------


def _dmn_cell(cell: dict[str, Any]) -> Cell:
    (op, operand), *_ = cell.items()
    if op == "not":
        return Cell(tests=_dmn_cell(operand).tests, negated=True)
    if op == "equals":
        return Cell(tests=(Equal(value=_dmn_value(operand)),))
    if op in ("one_of", "none_of"):
        return Cell(tests=tuple(Equal(value=_dmn_value(v)) for v in operand), negated=op == "none_of")
    if op == "lt":
        return Cell(tests=(Range(high=Decimal(operand)),))
    if op == "ge":
        return Cell(tests=(Range(low=Decimal(operand), low_closed=True),))
    low, high = operand
    return Cell(tests=(Range(low=Decimal(low), low_closed=True, high=Decimal(high), high_closed=True),))


def _dmn_value(value: Any) -> Any:
    return value if isinstance(value, bool | str) else Decimal(value)


def standalone(node: dict[str, Any]) -> DecisionTable:
    types = {"amount": "number", "level": "enum", "flag": "boolean", "note": "string"}
    outputs = tuple(
        OutputColumn(
            id=c["id"],
            type=types[c["id"]],  # type: ignore[arg-type]
            values=tuple(_dmn_value(v) for v in c["values"]) if "values" in c else None,
            default=_dmn_value(c["default"]) if "default" in c else None,
        )
        for c in node["outputs"]
    )
    inputs = (
        InputColumn(id="b", type="boolean"),
        InputColumn(id="e", type="enum", values=("x", "y", "z")),
        InputColumn(id="n", type="integer"),
    )
    rows = tuple(
        Row(
            when=tuple(_dmn_cell(r["when"][c.id]) if c.id in r.get("when", {}) else Cell() for c in inputs),
            then=tuple(_dmn_value(r["outputs"][c.id]) for c in outputs),
        )
        for r in node["rows"]
    )
    return DecisionTable(
        id="fee",
        hit_policy=node["hit_policy"],
        aggregation=node.get("aggregation"),
        inputs=inputs,
        outputs=outputs,
        rows=rows,
    )


def _same(ours: Any, theirs: Any) -> bool:
    """A tree output equals the standalone table's value (tuple ~ list, mapping ~ dict)."""
    if isinstance(theirs, list):
        return isinstance(ours, tuple) and len(ours) == len(theirs) and all(map(_same, ours, theirs))
    if isinstance(theirs, dict):
        return dict(ours) == theirs
    return type(ours) is not bool or type(theirs) is bool if ours == theirs else False


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value_tables())
def test_outputs_are_the_standalone_tables_result_for_every_answer(node: dict[str, Any]) -> None:
    tree = dt.load(tree_data(node))
    table = standalone(node)
    for answers in ALL_ANSWERS:
        decision = tree.evaluate(answers)
        expected = table.evaluate(answers, strict=True)
        assert decision.outcome_id == "done"
        assert _same(decision.outputs["fee"], expected.value), (answers, decision.outputs, expected.value)
        held = [row.node for row in decision.tree.tables["fee"].rows if row.node in decision.path]
        assert held  # the path goes through the table's rows


@settings(max_examples=40, deadline=None)
@given(value_tables())
def test_the_outputs_are_a_function_of_the_path_and_the_branches(node: dict[str, Any]) -> None:
    tree = dt.load(tree_data(node))
    seen: dict[tuple[Any, ...], Any] = {}
    for answers in ALL_ANSWERS:
        decision = tree.evaluate(answers)
        key = (decision.path, decision.branches)
        assert seen.setdefault(key, decision.outputs) == decision.outputs


def test_outputs_are_read_only_and_absent_without_value_tables() -> None:
    tree = dt.load(VALUE_TREE)
    decision = tree.evaluate(CASE)
    with pytest.raises(TypeError):
        decision.outputs["fee"] = 1  # type: ignore[index]
    plain = dt.load(HERE / "trees" / "table_node.yaml")
    assert dict(plain.evaluate({"risk": "low", "sensitive": False, "budget": 0}).outputs) == {}


# -- an example value table ----------------------------------------------------------------------

CASE = {"partner": "company", "months": 18, "countries": 3}


def test_the_example_tree_produces_its_values() -> None:
    tree = dt.load(VALUE_TREE)
    decision = tree.evaluate(CASE)
    assert dict(decision.outputs["fee"]) == {"amount": 1200, "level": "standard"}
    assert decision.outputs["surcharges"] == 250 + 100
    assert decision.outputs["checks"] == ("contract", "export")
    alone = tree.evaluate({"partner": "university", "months": 6, "countries": 1})
    assert dict(alone.outputs["fee"]) == {"amount": 0, "level": "none"}  # the defaults
    assert alone.outputs["surcharges"] == 0  # SUM of no rows: the default
    assert alone.outputs["checks"] == ()  # RULE ORDER of no rows: an empty list


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_explain_says_what_each_row_gives_and_each_tables_result(lang: dt.Lang) -> None:
    text = dt.load(VALUE_TREE).evaluate(CASE).explain(lang)
    if lang == "nl":
        assert "Uitkomst van de tabel Toeslagen (som): 350" in text
        assert "levert op: Bedrag 1200, Niveau standard" in text
    else:
        assert "Result of the table Checks: contract; export" in text
    path = GOLDEN / f"value_table_explain_{lang}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs (UPDATE_GOLDEN=1 rewrites it)"


def test_explain_says_when_no_row_held() -> None:
    text = dt.load(VALUE_TREE).evaluate({"partner": "university", "months": 6, "countries": 1}).explain("en")
    assert "Result of the table Fee: Amount 0, Level none" in text  # the defaults
    assert "Result of the table Checks: no row applies" in text
    assert "gives" not in text


def test_the_stored_decision_carries_the_outputs_and_is_checked_again() -> None:
    tree = dt.load(VALUE_TREE)
    decision = tree.evaluate(CASE)
    data = json.loads(decision.to_json())
    assert data["outputs"] == {
        "fee": {"amount": 1200, "level": "standard"},
        "surcharges": 350,
        "checks": ["contract", "export"],
    }
    assert decision.to_dict()["outputs"] == data["outputs"]
    again = dt.Decision.from_json(decision.to_json(), tree)
    assert again.outputs == decision.outputs
    plain = dt.load(HERE / "trees" / "table_node.yaml")
    assert "outputs" not in plain.evaluate({"risk": "low", "sensitive": False, "budget": 0}).to_dict()


def test_verify_counts_a_tables_values_as_part_of_what_is_decided() -> None:
    report = dt.verify(dt.load(VALUE_TREE))
    # every input changes some value, and a collecting chain (a row's then and else both go on to
    # the next row) is not a finding: the example verifies clean
    assert report.findings == ()
    data = tree_data(
        {
            "kind": "table",
            "text": {"nl": "Tarief", "en": "Fee"},
            "hit_policy": "FIRST",
            "inputs": ["b", "n"],
            "outputs": [{"id": "amount", "type": "number"}],
            "rows": [  # b splits rows that give the same value: it changes nothing
                {"when": {"n": {"ge": 5}, "b": {"equals": True}}, "outputs": {"amount": 10}},
                {"when": {"n": {"ge": 5}, "b": {"equals": False}}, "outputs": {"amount": 10}},
            ],
            "next": "done",
        }
    )
    found = [f for f in dt.verify(dt.load(data)).findings if f.code == "V013"]
    assert [f.details["input"] for f in found] == ["b"]


def test_the_to_dict_form_loads_to_the_same_tree() -> None:
    tree = dt.load(VALUE_TREE)
    again = dt.load(tree.to_dict())
    assert again.content_hash == tree.content_hash
    assert again.evaluate(CASE).outputs == tree.evaluate(CASE).outputs


def test_a_tree_without_value_tables_keeps_its_hash_and_dict() -> None:
    tree = dt.load(HERE / "trees" / "table_node.yaml")
    assert "tables" not in tree.to_dict()


def _mistake(change: Any) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(VALUE_TREE.read_text(encoding="utf-8"))
    change(data["nodes"])
    return data


MISTAKES: list[tuple[Any, str, str, str]] = [
    (lambda n: n["fee"].update({"else": "done"}), "DT848", "fee", "else"),
    (lambda n: n["fee"].pop("next"), "DT848", "fee", "next"),
    (lambda n: n["fee"].update(hit_policy="SOMETIMES"), "DT848", "fee", "hit_policy"),
    (lambda n: n["fee"].update(aggregation="SUM"), "DT848", "fee", "aggregation"),
    (lambda n: n["surcharges"].update(aggregation="AVERAGE"), "DT848", "surcharges", "aggregation"),
    (lambda n: n["fee"].update(outputs=[]), "DT848", "fee", "outputs"),
    (lambda n: n["fee"]["outputs"][0].update(type="money"), "DT848", "fee", "outputs[0].type"),
    (lambda n: n["fee"]["outputs"][0].update(colour="red"), "DT848", "fee", "outputs[0].colour"),
    (lambda n: n["fee"]["outputs"][1].update(id="amount"), "DT848", "fee", "outputs[1].id"),
    (lambda n: n["fee"]["outputs"][1].pop("values"), "DT848", "fee", "outputs[1].values"),
    (lambda n: n["fee"]["outputs"][0].update(default="nul"), "DT848", "fee", "outputs[0].default"),
    (
        lambda n: n["fee"]["rows"][1]["outputs"].update(amount="veel"),
        "DT848",
        "fee",
        "rows[1].outputs.amount",
    ),
    (lambda n: n["fee"]["rows"][1]["outputs"].update(level="huge"), "DT848", "fee", "rows[1].outputs.level"),
    (lambda n: n["fee"]["rows"][1]["outputs"].pop("level"), "DT848", "fee", "rows[1].outputs"),
    (lambda n: n["fee"]["rows"][1]["outputs"].update(colour=1), "DT848", "fee", "rows[1].outputs.colour"),
    (lambda n: n["fee"]["rows"][1].update(next="done"), "DT848", "fee", "rows[1].next"),
    (lambda n: n["fee"].update(priority=["done"]), "DT848", "fee", "priority"),
    (
        lambda n: n["surcharges"]["outputs"].append({"id": "days", "type": "number"}),
        "DT848",
        "surcharges",
        "outputs",
    ),
    (
        lambda n: n["checks"].update(hit_policy="OUTPUT ORDER", outputs=[{"id": "check", "type": "string"}]),
        "DT848",
        "checks",
        "outputs",
    ),
    (lambda n: n["checks"]["rows"].extend([n["checks"]["rows"][0]] * 12), "DT848", "checks", "rows"),
    (lambda n: n["fee"]["rows"][0].update(when={}), "DT848", "fee", "rows[1]"),
    (
        lambda n: n["fee"].update(hit_policy="UNIQUE") or n["fee"]["rows"][1].pop("when"),
        "DT848",
        "fee",
        "rows[1].when",
    ),
    (
        lambda n: n["surcharges"]["rows"][1]["when"].update(colour={"equals": 1}),
        "DT845",
        "surcharges",
        "rows[1].when.colour",
    ),
    (lambda n: [row.update(when={}) for row in n["surcharges"]["rows"]], "DT848", "surcharges", "rows"),
    (lambda n: n["fee"].update(hit_policy="UNIQUE"), "DT846", "fee", "rows[1].when"),
    (lambda n: n["fee"].update(hit_policy="ANY"), "DT847", "fee", "rows[1].when"),
]


@pytest.mark.parametrize(
    ("change", "code", "node", "field"), MISTAKES, ids=[f"{m[1]}-{m[2]}-{m[3]}" for m in MISTAKES]
)
def test_each_value_table_mistake_has_its_code_and_place(
    change: Any, code: str, node: str, field: str
) -> None:
    with pytest.raises(dt.TreeLoadError) as caught:
        dt.load(_mistake(change))
    found = [p for p in caught.value.problems if p.code == code]
    assert found, caught.value.problems
    assert (found[0].node, found[0].field) == (node, field)
    assert found[0].line is not None or found[0].file is None


def test_a_value_table_mistake_in_a_file_names_its_line(tmp_path: Path) -> None:
    data = _mistake(lambda n: n["fee"]["rows"][1]["outputs"].update(amount="veel"))
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(dt.TreeLoadError) as caught:
        dt.load(path)
    (problem,) = [p for p in caught.value.problems if p.code == "DT848"]
    assert problem.file == str(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert problem.line is not None
    assert "veel" in lines[problem.line - 1]
    assert "amount" in problem.message


def test_routing_table_fields_and_value_table_fields_do_not_mix() -> None:
    data = yaml.safe_load((HERE / "trees" / "table_node.yaml").read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    broken["nodes"]["weigh"]["aggregation"] = "SUM"
    broken["nodes"]["weigh"]["rows"][0]["outputs"] = {"x": 1}
    with pytest.raises(dt.TreeLoadError) as caught:
        dt.load(broken)
    assert {(p.code, p.field) for p in caught.value.problems} >= {
        ("DT848", "aggregation"),
        ("DT848", "rows[0].outputs"),
    }


def _parts(keep: list[str]) -> dict[str, Any]:
    """The example tree with only the value tables ``keep``, in that order."""
    data: dict[str, Any] = yaml.safe_load(VALUE_TREE.read_text(encoding="utf-8"))
    nodes = data["nodes"]
    data["nodes"] = {key: nodes[key] for key in [*keep, "done"]}
    for key, following in zip(keep, [*keep[1:], "done"], strict=True):
        data["nodes"][key]["next"] = following
    data["start"] = keep[0]
    return data


# The whole example once crashed durable-rules (too many path rules holding an $or; the backend now
# leaves those past MAX_PATH_RULES_WITH_OR to the steps): the whole tree, pairs and one alone.
@pytest.mark.skipif(importlib.util.find_spec("durable") is None, reason="the durable extra is not installed")
@pytest.mark.parametrize("keep", [["fee", "surcharges", "checks"], ["fee", "checks"], ["surcharges"]])
def test_the_durable_backend_gives_the_same_outputs(keep: list[str]) -> None:
    from decision_trees.backends.durable import DurableBackend

    tree = dt.load(_parts(keep))
    with DurableBackend(tree) as backend:
        for partner in ("university", "company", "government"):
            for months in (6, 12, 18, 40):
                for countries in (1, 3):
                    case = {"partner": partner, "months": months, "countries": countries}
                    theirs, ours = backend.evaluate(case), tree.evaluate(case)
                    assert theirs == ours
                    assert theirs.outputs == ours.outputs


def test_the_json_schema_knows_value_tables_as_the_loader_does() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    data = yaml.safe_load(VALUE_TREE.read_text(encoding="utf-8"))
    jsonschema.validate(data, dt.json_schema())
    changes: list[Any] = [
        lambda n: n["fee"]["rows"][0].update(next="done"),
        lambda n: n["fee"].update({"else": "done"}),
        lambda n: n["fee"]["outputs"][0].update(type="money"),
        lambda n: n["surcharges"].update(aggregation="AVERAGE"),
    ]
    for change in changes:
        bad = copy.deepcopy(data)
        change(bad["nodes"])
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, dt.json_schema())
        with pytest.raises(dt.TreeLoadError):
            dt.load(bad)


def test_the_docs_value_table_example_loads_and_decides() -> None:
    page = (HERE.parent / "docs" / "tree-format.md").read_text(encoding="utf-8")
    section = page[page.index("#### Value tables") :]
    block = section[section.index("```yaml\n") + 8 : section.index("```", section.index("```yaml\n") + 8)]
    nodes = yaml.safe_load(block)
    data: dict[str, Any] = yaml.safe_load(VALUE_TREE.read_text(encoding="utf-8"))
    data["start"] = "surcharges"
    data["nodes"] = {**nodes, "done": data["nodes"]["done"]}
    tree = dt.load(data)
    assert tree.evaluate(CASE).outputs["surcharges"] == 350
    assert tree.evaluate({"months": 6, "countries": 1}).outputs["surcharges"] == 0


# -- DMN ------------------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(value_tables())
def test_a_value_table_goes_to_dmn_and_back_with_the_same_outputs(node: dict[str, Any]) -> None:
    pytest.importorskip("defusedxml", reason="the dmn extra is not installed")
    from decision_trees.tables import from_dmn, to_dmn
    from decision_trees.tables.trees import tree_from_table, tree_tables

    data = tree_data(node)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tree.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        (table,) = tree_tables(path)
    assert (table.hit_policy, table.aggregation) == (node["hit_policy"], node.get("aggregation"))
    assert [c.id for c in table.outputs] == [c["id"] for c in node["outputs"]]
    (again,) = from_dmn(to_dmn(table))
    tree, back = dt.load(data), dt.load(tree_from_table(again))
    for answers in ALL_ANSWERS[::7]:
        theirs = tuple(back.evaluate(answers).outputs.values())
        assert _plain(theirs) == _plain((tree.evaluate(answers).outputs["fee"],)), answers


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, default=dict))


@pytest.mark.skipif(
    not os.environ.get("DMN_XSD_DIR"), reason="DMN_XSD_DIR is not set (.ci/run fetches the XSDs)"
)
def test_value_tables_export_to_dmn_that_validates_against_the_xsd(tmp_path: Path) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    from kennisveiligheid.cli import main

    out = tmp_path / "values.dmn"
    assert main(["dmn", "export", str(VALUE_TREE), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert 'hitPolicy="COLLECT" aggregation="SUM"' in text
    assert 'hitPolicy="RULE ORDER"' in text
    xsd = Path(os.environ["DMN_XSD_DIR"]) / "dmn-1_5" / "DMN15.xsd"
    xmlschema.XMLSchema(str(xsd)).validate(text)


# -- drawings ---------------------------------------------------------------------------------------


def _row(dot: str, node: str) -> str:
    return next(line for line in dot.split("<TR>") if f"node-{node}" in line)


def test_a_drawing_shows_the_output_columns_the_rows_that_held_and_the_result() -> None:
    decision = dt.load(VALUE_TREE).evaluate(CASE)
    dot = dt.to_dot(decision, lang="nl")
    assert dot.count('class="table"') == 3
    for text in ("Bedrag", "Niveau", "Toeslag", "Toeslagen · COLLECT SUM", "Toetsen · RULE ORDER"):
        assert text in dot
    assert "Uitkomst van de tabel Toeslagen (som): 350" in dot
    held, not_held = _row(dot, "surcharges.row2"), _row(dot, "surcharges.row3")
    assert 'BGCOLOR="#dbeafe"' in held  # both rows 1 and 2 held under COLLECT
    assert "<B>100</B>" in held
    assert 'BGCOLOR="#dbeafe"' not in not_held
    assert 'COLOR="#9ca3af"' not in not_held  # tried, so not faded
    assert 'COLOR="#9ca3af"' in _row(dot, "fee.company")  # FIRST stopped before it
    assert dot.count('"table-surcharges" -> ') == 1  # one arrow leaves a value table
    assert '"table-surcharges" -> "table-checks"' in dot


def test_a_drawing_of_the_tree_shows_every_rows_values_and_no_result() -> None:
    dot = dt.to_dot(dt.load(VALUE_TREE), lang="en")
    for text in ("Amount", "1200", "600", "Surcharge", "ethics"):
        assert text in dot
    assert "Result of the table" not in dot
    assert "#dbeafe" not in dot


# -- reports ----------------------------------------------------------------------------------------


def test_reports_list_the_table_results_and_what_each_row_gives() -> None:
    from decision_trees.reporting import to_html, to_markdown

    decision = dt.load(VALUE_TREE).evaluate(CASE)
    markdown = to_markdown(decision, lang="nl")
    assert "## Uitkomsten van de tabellen" in markdown
    assert "- Toeslagen (som): **350**" in markdown
    assert "levert op: Toets export" in markdown
    page = to_html(decision, lang="en")
    assert '<section id="outputs"><h2>Table results</h2>' in page
    assert "<tr><td>Checks</td><td>contract; export</td></tr>" in page
    assert '<p class="gives">gives: Surcharge 250</p>' in page
    plain = dt.load(HERE / "trees" / "table_node.yaml").evaluate(
        {"risk": "low", "sensitive": False, "budget": 0}
    )
    assert 'id="outputs"' not in to_html(plain)


# -- the explorer page ------------------------------------------------------------------------------


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(value_tables())
def test_the_explorer_page_works_out_the_same_outputs(node: dict[str, Any]) -> None:
    from explorer_support import NO_NODE, NODE, run_batch

    if NODE is None:
        pytest.skip(NO_NODE)
    tree = dt.load(tree_data(node))
    cases: list[Mapping[str, Any]] = list(ALL_ANSWERS[::3])
    for answers, page in zip(cases, run_batch(tree, cases), strict=True):
        ours = json.loads(json.dumps(dict(tree.evaluate(answers).outputs), default=dict))
        assert {key: found["value"] for key, found in page["outputs"].items()} == ours, answers


def test_the_explorer_page_shows_the_table_results() -> None:
    from explorer_support import NO_NODE, NODE, run_batch

    if NODE is None:
        pytest.skip(NO_NODE)
    tree = dt.load(VALUE_TREE)
    (page,) = run_batch(tree, [CASE])
    assert page["outputs"]["surcharges"] == {"value": 350, "rows": [0, 1]}
    assert page["outputs"]["checks"]["value"] == ["contract", "export"]


def test_the_explorer_page_lists_the_table_results_in_the_browser(tmp_path: Path) -> None:
    from explorer_browser import Page, browser, missing

    why = missing()
    if why:
        pytest.skip(why)
    path = tmp_path / "values.html"
    path.write_text(dt.explorer(dt.load(VALUE_TREE), lang="nl"), encoding="utf-8")
    axe = os.environ.get("AXE_JS")
    with browser() as chromium:
        page = Page(chromium, path, bypass_csp=bool(axe))
        try:
            assert page.answer_all(CASE) == "done"
            if axe and Path(axe).is_file():  # WCAG 2.1 AA on the result with its table results
                page.page.evaluate(Path(axe).read_text(encoding="utf-8"))
                found = page.page.evaluate(
                    "async () => (await axe.run(document, "
                    "{runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})).violations.map(v => v.id)"
                )
                assert found == []
            shown = page.page.locator("#outputs li").all_text_contents()
            assert shown == [
                "Tarief: Bedrag 1200, Niveau standard",
                "Toeslagen (som): 350",
                "Toetsen: contract; export",
            ]
            steps = page.page.locator("#path-steps li").all_text_contents()
            assert "Toeslagen: rij 3 geldt niet" in steps[3]  # a collecting row goes on either way
            assert "levert op: Toeslag 100" in steps[2]
            if os.environ.get("SCREENSHOTS"):
                page.page.screenshot(path=os.environ["SCREENSHOTS"], full_page=True)
            assert not page.errors
        finally:
            page.close()


# -- diff -------------------------------------------------------------------------------------------


def test_diff_sees_a_changed_value_in_the_file_and_where_it_decides_differently() -> None:
    data: dict[str, Any] = yaml.safe_load(VALUE_TREE.read_text(encoding="utf-8"))
    old = dt.load(data)
    data["nodes"]["surcharges"]["rows"][0]["outputs"]["amount"] = 300
    new = dt.load(data)
    found = dt.diff(old, new)
    assert [(c.what, c.id, c.field) for c in found.structural] == [("table", "surcharges", "rows")]
    assert found.behaviour  # the outcome is the same, the surcharge is not
    for change in found.behaviour:
        example = change.example
        assert example["countries"] >= 2  # only where row 1 holds
        assert change.old_outputs is not None
        assert change.new_outputs is not None
        assert change.new_outputs["surcharges"] - change.old_outputs["surcharges"] == 50
        assert tree_outputs(new, example) == change.new_outputs
    assert any("(surcharges 250 → 300)" in c.describe("en") for c in found.behaviour)
    assert not dt.diff(old, dt.load(VALUE_TREE)).behaviour


def tree_outputs(tree: dt.Tree, answers: Mapping[str, Any]) -> Any:
    return json.loads(json.dumps(dict(tree.evaluate(answers).outputs), default=dict))


def test_dmn_import_makes_a_collecting_table_into_a_tree_with_its_values(tmp_path: Path) -> None:
    pytest.importorskip("defusedxml", reason="the dmn extra is not installed")
    from decision_trees.tables import load_table, to_dmn
    from kennisveiligheid.cli import main

    table = load_table(
        {
            "id": "checks",
            "hit_policy": "OUTPUT ORDER",
            "inputs": [{"id": "k", "type": "integer"}, {"id": "f", "type": "boolean"}],
            "outputs": [
                {"id": "check", "type": "string", "values": ["ethics", "export", "contract"]},
                {"id": "days", "type": "number"},
            ],
            "rows": [
                {"when": {"k": "> 1"}, "then": {"check": "contract", "days": 5}},
                {"when": {"f": "true"}, "then": {"check": "ethics", "days": 10}},
                {"when": {"k": "[3..5]"}, "then": {"check": "export", "days": 2.5}},
            ],
        }
    )
    source, target = tmp_path / "checks.dmn", tmp_path / "checks.yaml"
    source.write_text(to_dmn((table,)), encoding="utf-8")
    assert main(["dmn", "import", str(source), "-o", str(target)]) == 0
    tree = dt.load(target)
    decided = tree.evaluate({"k": 4, "f": True}).outputs["checks"]
    assert [dict(item) for item in decided] == [
        {"check": "ethics", "days": 10},
        {"check": "export", "days": 2.5},
        {"check": "contract", "days": 5},
    ]
    expected = table.evaluate({"k": 4, "f": True}).value
    assert [item["check"] for item in expected] == [item["check"] for item in decided]


def test_a_drawing_shows_a_single_hit_tables_defaults_and_when_they_were_used() -> None:
    tree = dt.load(VALUE_TREE)
    used = dt.to_dot(tree.evaluate({"partner": "university", "months": 6, "countries": 3}), lang="nl")
    row = next(line for line in used.split("<TR>") if "<I><FONT" in line and "anders" in line)
    assert 'BGCOLOR="#dbeafe"' in row
    assert "<B>none</B>" in row
    not_used = dt.to_dot(tree.evaluate(CASE), lang="nl")
    row = next(line for line in not_used.split("<TR>") if "<I><FONT" in line and "anders" in line)
    assert 'BGCOLOR="#dbeafe"' not in row
    assert dt.to_dot(tree, lang="en").count(">otherwise<") == 1  # only the FIRST table has defaults


# -- rows matching everything ---------------------------------------------------------------------


def _with_base_fee() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(VALUE_TREE.read_text(encoding="utf-8"))
    data["nodes"]["surcharges"]["rows"].insert(0, {"id": "base", "outputs": {"amount": 50}})  # no when: "-"
    return data


def test_a_collecting_row_without_tests_holds_whenever_the_table_is_reached() -> None:
    tree = dt.load(_with_base_fee())
    assert tree.tables["surcharges"].rows[0].node is None
    assert tree.evaluate(CASE).outputs["surcharges"] == 400
    assert tree.evaluate({"partner": "university", "months": 6, "countries": 1}).outputs["surcharges"] == 50
    text = tree.evaluate(CASE).explain("nl")
    assert "Rij die voor elk geval geldt (elke kolom '-') levert op: Toeslag 50" in text
    assert "Uitkomst van de tabel Toeslagen (som): 400" in text
    dot = dt.to_dot(tree.evaluate(CASE), lang="nl")
    base = next(line for line in dot.split("<TR>") if "node-surcharges#1" in line)
    assert "<B>50</B>" in base  # drawn as a row of "-" that held
    assert dt.load(tree.to_dict()).content_hash == tree.content_hash
    assert dt.verify(tree).findings == ()


# -- the DMN TCK through trees ------------------------------------------------------------------------


def _tck_models() -> list[Path]:
    from test_tables_tck import SUPPORTED, _cases

    return [p for p in _cases() if p.parent.name in SUPPORTED]


def _tree_answer(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@pytest.mark.parametrize("model", _tck_models(), ids=lambda p: p.stem)
def test_tck_tables_as_trees_give_what_the_tck_expects(model: Path) -> None:
    """Every supported TCK decision table that a tree can hold (inputs a tree can ask) becomes a
    tree (routing or value table) that decides each test case as the table does."""
    pytest.importorskip("defusedxml", reason="the dmn extra is not installed")
    from defusedxml import ElementTree
    from test_tables_tck import _local, _value

    from decision_trees.tables import TableLoadError, from_dmn
    from decision_trees.tables.trees import tree_from_table

    tables = from_dmn(model)
    checked = 0
    for table in tables:
        try:
            tree = dt.load(tree_from_table(table))
        except (TableLoadError, dt.TreeLoadError):
            continue  # e.g. a free-text input column, which a tree cannot ask
        columns = {c.name or c.id: c.id for c in table.inputs}
        for test_file in sorted(model.parent.glob("*-test-*.xml")):
            root = ElementTree.parse(test_file).getroot()
            assert root is not None
            for case in (c for c in root if _local(c) == "testCase"):
                raw = {node.get("name"): _value(node) for node in case if _local(node) == "inputNode"}
                inputs = {columns[k]: v for k, v in raw.items() if k in columns}
                if len(inputs) < len(columns) or any(v is None for v in inputs.values()):
                    continue  # a tree asks every input it reads
                expected = table.evaluate(inputs).value
                decision = tree.evaluate({k: _tree_answer(v) for k, v in inputs.items()})
                if tree.tables:
                    (got,) = decision.outputs.values()
                    assert _plain(got) == json.loads(json.dumps(expected, default=_tree_answer)), case.get(
                        "id"
                    )
                else:
                    assert decision.outcome.label.en == str(expected) or expected is None, case.get("id")
                checked += 1
    if not checked:
        pytest.skip(f"{model.stem}: no table a tree can hold, or no complete test case")
