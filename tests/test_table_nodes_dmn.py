"""Table nodes to and from DMN: ``kennisveiligheid dmn export|import``, behaviour kept over a round
trip, XSD-valid exports, and coded refusals where one side cannot say what the other does."""

from __future__ import annotations

import itertools
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_table_nodes import answer_sets, rows, table_tree

import decision_trees as dt
from decision_trees.tables import TableLoadError, from_dmn, load_table, to_dmn
from decision_trees.tables.trees import tree_from_table, tree_tables
from kennisveiligheid.cli import main

HERE = Path(__file__).parent
TREE = HERE / "trees" / "table_node_dmn.yaml"
XSD_DIR = os.environ.get("DMN_XSD_DIR")


def grid() -> list[dict[str, Any]]:
    values = itertools.product(
        ["low", "medium", "high"], [True, False], [0, 5, 99999.5, 99999.7, 100000, 10**6]
    )
    return [{"risk": r, "sensitive": s, "budget": b} for r, s, b in values]


def test_export_then_import_keeps_every_decision(tmp_path: Path) -> None:
    dmn_file, back = tmp_path / "weigh.dmn", tmp_path / "weigh.yaml"
    assert main(["dmn", "export", str(TREE), "-o", str(dmn_file)]) == 0
    text = dmn_file.read_text(encoding="utf-8")
    assert 'hitPolicy="FIRST"' in text
    assert "<defaultOutputEntry>" in text
    assert "<dtx:citation " in text
    assert main(["dmn", "import", str(dmn_file), "-o", str(back)]) == 0
    original, imported = dt.load(TREE), dt.load(back)
    assert imported.nodes["weigh"].sources[0].source == "leidraad"  # the first row keeps the table's id
    for case in grid():
        assert imported.decide(case).id == original.decide(case).id, case


@pytest.mark.skipif(not XSD_DIR, reason="DMN_XSD_DIR is not set (.ci/run fetches the XSDs from npm)")
@pytest.mark.parametrize("version", ["1.3", "1.4", "1.5"])
def test_an_exported_tree_validates_against_the_official_xsd(version: str, tmp_path: Path) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    assert XSD_DIR is not None
    xsd = {"1.3": "dmn-1_3/DMN13.xsd", "1.4": "dmn-1_4/DMN14.xsd", "1.5": "dmn-1_5/DMN15.xsd"}[version]
    out = tmp_path / "weigh.dmn"
    assert main(["dmn", "export", str(TREE), "-o", str(out), "--dmn-version", version]) == 0
    xmlschema.XMLSchema(str(Path(XSD_DIR) / xsd)).validate(out.read_text(encoding="utf-8"))


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(rows(), min_size=1, max_size=5),
    st.sampled_from(["FIRST", "PRIORITY"]),
    st.lists(answer_sets, min_size=5, max_size=15),
)
def test_a_round_trip_through_dmn_keeps_behaviour(
    table_rows: list[dict[str, Any]], policy: str, cases: list[dict[str, Any]]
) -> None:
    data = table_tree(table_rows, policy)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tree.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        (table,) = tree_tables(path)
    (again,) = from_dmn(to_dmn(table))
    tree, back = dt.load(data), dt.load(tree_from_table(again))
    for answers in cases:
        assert back.decide(answers).id == tree.decide(answers).id


def test_what_dmn_cannot_say_is_refused_with_a_code(tmp_path: Path, capsys: Any) -> None:
    data = yaml.safe_load(TREE.read_text(encoding="utf-8"))
    data["inputs"]["risk"]["allow_unknown"] = True
    data["nodes"]["weigh"]["rows"][0]["when"]["risk"] = {"is_unknown": True}
    path = tmp_path / "unknown.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(TableLoadError) as caught:
        tree_tables(path)
    (problem,) = caught.value.problems
    assert problem.code == "DT850"
    assert "'unknown'" in problem.message
    assert main(["dmn", "export", str(path), "-o", str(tmp_path / "x.dmn")]) == 2
    assert "DT850" in capsys.readouterr().err
    assert not (tmp_path / "x.dmn").exists()


def test_a_table_with_several_results_becomes_a_value_table() -> None:
    collect: dict[str, Any] = {
        "id": "score",
        "hit_policy": "COLLECT",
        "aggregation": "SUM",
        "inputs": [{"id": "k", "type": "integer"}],
        "outputs": [{"id": "points", "type": "number"}],
        "rows": [{"when": {"k": "> 1"}, "then": 2}, {"when": {"k": "> 5"}, "then": 3}],
    }
    tree = dt.load(tree_from_table(load_table(collect)))
    assert [tree.evaluate({"k": k}).outputs["score"] for k in (0, 3, 9)] == [None, 2, 5]
    collect["rows"].append({"when": {"k": "-"}, "then": 1})  # a row for everything: always collected
    tree = dt.load(tree_from_table(load_table(collect)))
    assert [tree.evaluate({"k": k}).outputs["score"] for k in (0, 3, 9)] == [1, 3, 6]
    unique = {**collect, "hit_policy": "UNIQUE", "rows": collect["rows"][2:]}
    unique.pop("aggregation")
    with pytest.raises(TableLoadError) as caught:  # under UNIQUE it would be a default: refused
        tree_from_table(load_table(unique))
    assert {p.code for p in caught.value.problems} == {"DT850"}


def test_a_table_without_a_default_gets_a_no_row_outcome() -> None:
    table = load_table(HERE / "tables_data" / "approval.yaml")
    tree = dt.load(tree_from_table(table))
    assert tree.decide({"age": 30, "risk": "Low", "affordable": True}).id == "Approved"
    assert tree.decide({"age": 30, "risk": "Medium", "affordable": True}).id == "Approved"
    assert tree.decide({"age": 16, "risk": "High", "affordable": False}).id == "Declined"


def test_a_row_matching_everything_is_the_else_under_first_only() -> None:
    data: dict[str, Any] = {
        "id": "catch_all",
        "hit_policy": "FIRST",
        "inputs": [{"id": "k", "type": "integer"}],
        "outputs": [{"id": "size", "type": "string"}],
        "rows": [
            {"when": {"k": "< 3"}, "then": "small"},
            {"when": {"k": "-"}, "then": "other"},
            {"when": {"k": "> 10"}, "then": "large"},  # never matches under FIRST
        ],
    }
    tree = dt.load(tree_from_table(load_table(data)))
    assert [tree.decide({"k": k}).id for k in (1, 5, 20)] == ["small", "other", "other"]
    with pytest.raises(TableLoadError) as caught:
        tree_from_table(
            load_table(
                {
                    **data,
                    "hit_policy": "PRIORITY",
                    "outputs": [{"id": "size", "type": "enum", "values": ["small", "other", "large"]}],
                }
            )
        )
    assert {p.code for p in caught.value.problems} == {"DT850"}
