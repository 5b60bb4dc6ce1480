"""``Tree.to_dict`` writes table nodes in their table form: what it writes loads to the same tree
(same content hash, same decisions) and holds no lowered row rules."""

from __future__ import annotations

import datetime
import importlib
import importlib.util
import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import decision_trees as dt

HERE = Path(__file__).parent
TABLE_TREE = HERE / "trees" / "table_node.yaml"

INPUTS: dict[str, Any] = {
    "b": {"type": "boolean", "label": {"nl": "B", "en": "B"}},
    "e": {
        "type": "enum",
        "label": {"nl": "E", "en": "E"},
        "values": {v: {"nl": v, "en": v} for v in ("x", "y", "z")},
        "allow_unknown": True,
    },
    "n": {"type": "integer", "label": {"nl": "N", "en": "N"}, "minimum": 0, "maximum": 9},
    "d": {"type": "date", "label": {"nl": "D", "en": "D"}},
}
SOURCES = {"gids": {"title": "Gids", "publisher": "Rijksoverheid", "date": "2022-01-14"}}
TARGETS = ("t1", "t2", "t3")
DAYS = [datetime.date(2024, 1, 1), datetime.date(2024, 6, 1), datetime.date(2025, 1, 1)]

_tests = {
    "b": st.sampled_from([{"equals": True}, {"equals": False}]),
    "e": st.one_of(
        st.sampled_from(["x", "y", "z"]).map(lambda v: {"equals": v}),
        st.lists(st.sampled_from(["x", "y", "z"]), min_size=1, max_size=2, unique=True).map(
            lambda vs: {"one_of": vs}
        ),
        st.just({"is_unknown": True}),
    ),
    "n": st.one_of(
        st.integers(0, 9).map(lambda v: {"lt": v}),
        st.integers(0, 9).map(lambda v: {"ge": v}),
        st.tuples(st.integers(0, 9), st.integers(0, 9)).map(lambda p: {"between": sorted(p)}),
    ),
    "d": st.sampled_from(DAYS).flatmap(lambda day: st.sampled_from([{"lt": day}, {"ge": day}])),
    "big": st.sampled_from([{"equals": True}, {"equals": False}]),  # a named condition's column
}


def _cell(column: str) -> st.SearchStrategy[dict[str, Any]]:
    """A cell: a test on its column, or ``not``/``any``/``all`` of such tests (not on named ones)."""
    test = _tests[column]
    if column == "big":
        return test
    return st.one_of(
        test,
        test.map(lambda t: {"not": t}),
        st.lists(test, min_size=2, max_size=2).map(lambda ts: {"any": ts}),
        st.lists(test, min_size=2, max_size=2).map(lambda ts: {"all": ts}),
    )


@st.composite
def _row(draw: st.DrawFn, columns: list[str], targets: list[str]) -> dict[str, Any]:
    used = draw(st.lists(st.sampled_from(columns), min_size=1, max_size=3, unique=True))
    row: dict[str, Any] = {"when": {c: draw(_cell(c)) for c in used}, "next": draw(st.sampled_from(targets))}
    if draw(st.booleans()):
        row["annotation"] = {"nl": "Toelichting", "en": "Note"}
    if draw(st.booleans()):
        row["sources"] = [{"source": "gids", "provenance": draw(st.sampled_from(["direct", "adapted"]))}]
    return row


@st.composite
def _table(draw: st.DrawFn, name: str, targets: list[str]) -> dict[str, Any]:
    policy = draw(st.sampled_from(["FIRST", "PRIORITY", "UNIQUE", "ANY"]))
    columns = draw(st.permutations(["b", "e", "n", "d", "big"]))[: draw(st.integers(1, 5))]
    rows = draw(st.lists(_row(columns, targets), min_size=1, max_size=5))
    if policy in ("UNIQUE", "ANY"):  # disjoint by construction: one value of n per row
        columns = [*dict.fromkeys([*columns, "n"])]
        rows = [{**row, "when": {**row["when"], "n": {"equals": i}}} for i, row in enumerate(rows)]
    ids = draw(st.lists(st.sampled_from(["a", "b-2", "c_3", "Row4", "x9"]), unique=True, max_size=len(rows)))
    for row, row_id in zip(rows, ids, strict=False):
        row["id"] = row_id
    table: dict[str, Any] = {
        "kind": "table",
        "text": {"nl": f"Tabel {name}", "en": f"Table {name}"},
        "inputs": columns,
        "rows": rows,
        "else": draw(st.sampled_from(targets)),
    }
    if policy != "UNIQUE" or draw(st.booleans()):
        table["hit_policy"] = policy
    if policy == "PRIORITY":
        table["priority"] = draw(st.permutations(targets))
    if draw(st.booleans()):
        table["section"] = "weighing"
    if draw(st.booleans()):
        table["sources"] = [{"source": "gids", "provenance": "synthesis", "section": "2"}]
    return table


@st.composite
def table_trees(draw: st.DrawFn) -> dict[str, Any]:
    """A tree with one or two table nodes (the first may route into the second), a named
    condition used as a column, and outcomes."""
    two = draw(st.booleans())
    second = ["second"] if two else []
    nodes: dict[str, Any] = {"first": draw(_table("1", [*TARGETS, *second]))}
    if two:
        nodes["second"] = draw(_table("2", list(TARGETS)))

    def targets(table: dict[str, Any]) -> set[str]:
        return {row["next"] for row in table["rows"]} | {table["else"]}

    reached = targets(nodes["first"])
    if "second" in reached:
        reached |= targets(nodes["second"])
    else:
        nodes.pop("second", None)
    big = {"input": "n", "ge": 5}
    nodes["big"] = {"kind": "rule", "text": {"nl": "Groot", "en": "Big"}, "condition": big}
    nodes.update({t: {"kind": "outcome", "label": {"nl": t, "en": t}} for t in TARGETS if t in reached})
    return {
        "id": "table-form",
        "version": "1",
        "title": {"nl": "Tabelvorm", "en": "Table form"},
        "start": "first",
        "sources": SOURCES,
        "inputs": INPUTS,
        "nodes": nodes,
    }


try:
    SCHEMA: Any = importlib.import_module("jsonschema").Draft202012Validator(dt.json_schema())
except ImportError:  # the dev extra brings jsonschema; without it the schema check is left out
    SCHEMA = None

ANSWERS = [
    {"b": b, "e": e, "n": n, "d": d}
    for b, e, n, d in itertools.product([True, False], ["x", "y", "z", dt.UNKNOWN], [0, 4, 5, 9], DAYS)
]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(table_trees())
def test_to_dict_writes_the_tables_which_load_to_the_same_tree(data: dict[str, Any]) -> None:
    tree = dt.load(data)
    written = tree.to_dict()
    assert list(written["nodes"]) == list(data["nodes"])  # the file's nodes, no lowered row rules
    assert not any("table" in node for node in written["nodes"].values())
    for table_id in ("first", "second"):
        if table_id in data["nodes"]:
            table, raw = written["nodes"][table_id], data["nodes"][table_id]
            assert table["kind"] == "table"
            assert [row["next"] for row in table["rows"]] == [row["next"] for row in raw["rows"]]
    if SCHEMA is not None:
        SCHEMA.validate(written)  # the file format's JSON Schema takes what to_dict writes
    again = dt.load(yaml.safe_load(yaml.safe_dump(written, allow_unicode=True, sort_keys=False)))
    assert again.content_hash == tree.content_hash
    assert again.to_dict() == written
    for answers in ANSWERS:
        assert again.evaluate(answers).path == tree.evaluate(answers).path


def test_the_table_form_keeps_every_field_of_the_file() -> None:
    data = yaml.safe_load(TABLE_TREE.read_text(encoding="utf-8"))
    written = dt.load(TABLE_TREE).to_dict()["nodes"]["weigh"]
    written.pop("id")
    raw = data["nodes"]["weigh"]
    raw["rows"][1]["sources"][0]["section"] = "3"
    assert written == raw


def test_the_content_hash_is_that_of_the_rules_as_before() -> None:
    tree = dt.load(TABLE_TREE)
    rows = tree.model_dump(mode="json", by_alias=True, exclude_defaults=True)  # the lowered rules
    assert "weigh.low-small" in rows["nodes"]
    from_rows = dt.load(rows)
    assert from_rows.content_hash == tree.content_hash
    assert "weigh.low-small" in from_rows.to_dict()["nodes"]  # a tree loaded as rules is written as rules


def test_a_table_whose_rows_were_changed_is_written_as_its_rows() -> None:
    tree = dt.load(TABLE_TREE)
    row = tree.nodes["weigh.low-small"]
    assert isinstance(row, dt.Rule)
    text = dt.Text(nl="Klein en laag", en="Small and low")
    nodes = {**tree.nodes, row.id: row.model_copy(update={"text": text})}
    written = tree.model_copy(update={"nodes": nodes}).to_dict()
    assert written["nodes"]["weigh"]["kind"] == "rule"  # the rows, as the tree now holds them
    assert written["nodes"]["weigh.low-small"]["text"] == {"nl": "Klein en laag", "en": "Small and low"}
    assert dt.load(written).nodes["weigh.low-small"] == nodes[row.id]


def test_a_tree_without_tables_is_written_as_before() -> None:
    small = dt.load(HERE / "trees" / "small.yaml")
    assert small.to_dict() == small.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def test_the_written_tree_fits_the_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    jsonschema.validate(dt.load(TABLE_TREE).to_dict(), dt.json_schema())


@pytest.mark.skipif(importlib.util.find_spec("defusedxml") is None, reason="the DMN import needs defusedxml")
def test_a_written_tree_exports_its_tables_to_dmn(tmp_path: Path) -> None:
    from decision_trees.tables import tree_tables

    path = tmp_path / "written.yaml"
    data = dt.load(HERE / "trees" / "table_node_dmn.yaml").to_dict()
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (table,) = tree_tables(path)
    assert table.id == next(iter(data["nodes"]))


def test_a_table_text_needs_words_in_both_languages() -> None:
    data = yaml.safe_load(TABLE_TREE.read_text(encoding="utf-8"))
    data["nodes"]["weigh"]["text"] = {"nl": "", "en": "Weighing"}  # the file model refuses it too
    with pytest.raises(dt.TreeLoadError) as caught:
        dt.load(data)
    assert [p.code for p in caught.value.problems] == ["DT840"]


def test_value_tables_are_written_as_tables_too() -> None:
    tree = dt.load(HERE / "trees" / "value_table.yaml")
    written = tree.to_dict()
    assert "tables" not in written  # made again from the tables when the file loads
    raw = yaml.safe_load((HERE / "trees" / "value_table.yaml").read_text(encoding="utf-8"))
    assert list(written["nodes"]) == list(raw["nodes"])
    assert all("outputs" in written["nodes"][key] for key in ("fee", "surcharges", "checks"))
    again = dt.load(written)
    assert again.content_hash == tree.content_hash
    assert again.tables == tree.tables
    answers = {"partner": "company", "months": 14, "countries": 2}
    assert again.evaluate(answers).outputs == tree.evaluate(answers).outputs
