"""Mermaid draws a table node as one table: a node labelled with an HTML table (its rows, cells
and targets), one arrow per node the rows lead to, labelled with those rows, and "otherwise" for
the table's ``else``; with a decision, the matched row is marked. Drawn by the real Mermaid
library in headless Chromium where both are present (as in test_rendering_mermaid.py)."""

from __future__ import annotations

import copy
import html
import itertools
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_rendering_support import HOSTILE, assert_mermaid_structure, with_texts
from test_table_form import ANSWERS, table_trees
from test_table_nodes import AS_TABLE

import decision_trees as dt
from decision_trees.rendering import describe

HERE = Path(__file__).parent
TABLE_TREE = HERE / "trees" / "table_node.yaml"
GOLDEN = HERE / "golden"
MATCHED = "bgcolor=#dbeafe"
FADED = "<font color=#9ca3af>"
ROWS = ("unknown-risk", "high-sensitive", "high-or-large", "low-small")


def _tree() -> dt.Tree:
    return dt.load(TABLE_TREE)


def _measures(tree: dt.Tree) -> dt.Decision:
    return tree.evaluate({"risk": "high", "sensitive": False, "budget": 200000})


def _nodes(text: str) -> dict[str, str]:
    """Node id → its label as drawn (entity codes of Mermaid and HTML read back)."""
    found = re.findall(r'^ {4,8}(n\d+)[\[({]+"(.*)"[\])}]+$', text, re.M)
    return {mid: html.unescape(re.sub(r"#(\d+);", lambda m: chr(int(m[1])), label)) for mid, label in found}


def _edges(text: str) -> list[tuple[str, str, str, str]]:
    """(source, arrow, label, target) of each arrow, in order."""
    return re.findall(r'^ {4}(n\d+) (-->|==>|-\.->)(?:\|"([^"]*)"\|)? (n\d+)$', text, re.M)


def _rows(label: str) -> list[tuple[str, list[str]]]:
    """The body rows of a table label: (the row's look, its cell texts without tags)."""
    rows = re.findall(r"<tr([^>]*)>(.*?)</tr>", label)
    return [
        (look + " ".join(re.findall(r"<font[^>]*>", body)), [re.sub(r"<[^>]+>", "", c) for c in cells])
        for look, body in rows
        if (cells := re.findall(r"<td>(.*?)</td>", body))
    ]


def _used_ids_are_drawn(text: str) -> None:
    drawn = set(_nodes(text))
    for source, _, _, target in _edges(text):
        assert {source, target} <= drawn
    for line in text.splitlines():
        if line.startswith(("    class ", "    style ")):
            assert set(re.findall(r"\bn\d+\b", line.split()[1])) <= drawn, line


def test_a_table_is_one_node_with_a_row_per_table_row() -> None:
    text = dt.to_mermaid(_measures(_tree()), lang="en")
    assert_mermaid_structure(text)
    _used_ids_are_drawn(text)
    nodes = _nodes(text)
    assert len(nodes) == 5  # the table and four outcomes: no rule node per row
    (table,) = [label for label in nodes.values() if label.startswith("<table")]
    assert "Weighing: row" not in text
    assert re.search(r"<th[^>]*>Weighing</th>", table)
    for heading in ("Risk profile", "Sensitive technology", "Budget"):
        assert f"<th><i>{heading}</i></th>" in table
    assert [cells for _, cells in _rows(table)] == [
        ["unknown-risk", "is unknown", "-", "-", "Ask for advice"],
        ["high-sensitive", "is high", "is yes", "-", "Do not proceed"],
        ["high-or-large", "is one of: medium, high", "-", "is at least 100000", "Proceed with measures"],
        ["low-small", "is low", "-", "is below 100000", "Proceed"],
    ]


def test_one_arrow_per_target_labelled_with_its_rows_and_otherwise_for_the_else() -> None:
    tree = dt.load(AS_TABLE)
    decision = tree.evaluate(
        {"sensitive_area": True, "country_risk": "low", "partner_risk": True, "ethics": "none"}
    )
    text = dt.to_mermaid(decision, lang="nl")
    assert_mermaid_structure(text)
    _used_ids_are_drawn(text)
    nodes = _nodes(text)
    names = {re.sub(r"<[^>]+>", " ", label).split()[0]: mid for mid, label in nodes.items()}
    table = next(mid for mid, label in nodes.items() if label.startswith("<table"))
    arrows = [(label, target) for source, arrow, label, target in _edges(text) if arrow != "-.->"]
    assert arrows == [
        ("rijen sensitive-country, sensitive-partner, ethics", names["committee"]),
        ("rij sensitive", names["measures"]),
        ("anders", names["go"]),
    ]
    assert all(source == table for source, *_ in _edges(text))
    uses = {target for source, arrow, _, target in _edges(text) if arrow == "-.->"}
    assert len(uses) == 4  # the named conditions the columns read, each once
    path = [i for i, (_, arrow, _, _) in enumerate(_edges(text)) if arrow == "==>"]
    assert path == [0]
    assert f"    linkStyle {path[0]} stroke:#1d4ed8" in text


def test_the_matched_row_is_marked_and_rows_not_tried_are_faded() -> None:
    tree = _tree()
    label = next(v for v in _nodes(dt.to_mermaid(_measures(tree), lang="en")).values() if "<table" in v)
    looks = {cells[0]: style for style, cells in _rows(label)}
    assert MATCHED in looks["high-or-large"]
    assert FADED in looks["low-small"]  # after the matched row: not tried
    for row in ("unknown-risk", "high-sensitive"):  # tried, did not hold
        assert MATCHED not in looks[row]
        assert FADED not in looks[row]
    assert "<td><b>high-or-large</b></td>" in label
    assert "<b>unknown-risk</b>" not in label
    plain = next(v for v in _nodes(dt.to_mermaid(tree, lang="en")).values() if "<table" in v)
    assert MATCHED not in plain
    assert FADED not in plain
    stripes = [look for look, _ in _rows(plain)]
    assert stripes == [" align=left bgcolor=#ede9fe", " align=left"] * 2  # every other row tinted


def test_no_matching_row_takes_the_otherwise_arrow() -> None:
    tree = _tree()
    decision = tree.evaluate({"risk": "low", "sensitive": False, "budget": 200000})
    text = dt.to_mermaid(decision, lang="nl")
    label = next(v for v in _nodes(text).values() if "<table" in v)
    assert not any(MATCHED in look or FADED in look for look, _ in _rows(label))  # all tried, none held
    assert [label for _, arrow, label, _ in _edges(text) if arrow == "==>"] == ["anders"]


def test_an_arrow_into_the_table_and_a_table_in_a_section() -> None:
    data = yaml.safe_load(TABLE_TREE.read_text(encoding="utf-8"))
    data["nodes"]["weigh"]["section"] = "weighing"
    data["nodes"] = {
        "first": {
            "kind": "question",
            "input": "sensitive",
            "text": {"nl": "Gevoelig?", "en": "Sensitive?"},
            "branches": [{"when": {"equals": True}, "next": "weigh"}],
            "otherwise": "weigh",
        },
        **data["nodes"],
    }
    data["start"] = "first"
    text = dt.to_mermaid(dt.load(data), lang="nl")
    assert_mermaid_structure(text)
    _used_ids_are_drawn(text)
    nodes = _nodes(text)
    table = next(mid for mid, label in nodes.items() if label.startswith("<table"))
    question = next(mid for mid, label in nodes.items() if label.startswith("Gevoelig?"))
    assert [target for source, _, _, target in _edges(text) if source == question] == [table, table]
    cluster = text.split('subgraph c0["Weging"]')[1].split("    end")[0]
    assert f"        {table}[" in cluster


def test_a_drawing_that_shows_only_some_rows_draws_them_as_rule_nodes() -> None:
    tree = _tree()
    drawing = describe(tree, _measures(tree), neighbourhood=0)
    assert "weigh.low-small" not in {node.id for node in drawing.nodes}  # the path and no more
    text = dt.to_mermaid(drawing)
    assert_mermaid_structure(text)
    _used_ids_are_drawn(text)
    assert "<table" not in text
    assert "Weighing: row high-or-large" in text


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_texts_in_a_table_stay_text(label: str) -> None:
    data = with_texts(yaml.safe_load(TABLE_TREE.read_text(encoding="utf-8")), lambda: label)
    tree = dt.load(data)
    text = dt.to_mermaid(_measures(tree), sources="footnotes")
    assert_mermaid_structure(text)
    _used_ids_are_drawn(text)
    for forbidden in ("%%", "<script", "`", "];", "javascript:alert(1)", "\r", "<img", "<B>"):
        assert forbidden not in text


def _check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs (UPDATE_GOLDEN=1 rewrites it)"


def test_golden_table_drawings() -> None:
    tree = _tree()
    _check_golden("table_node.mmd", dt.to_mermaid(tree, lang="nl"))
    _check_golden("table_node_decision.mmd", dt.to_mermaid(_measures(tree), lang="en"))


# -- drawn by Mermaid itself ------------------------------------------------------------------


def _browser_cases() -> list[tuple[str, str]]:
    tree = _tree()
    named = dt.load(AS_TABLE)
    decided = named.evaluate(
        {"sensitive_area": True, "country_risk": "low", "partner_risk": True, "ethics": "none"}
    )
    hostile = dt.load(with_texts(copy.deepcopy(yaml.safe_load(TABLE_TREE.read_text())), lambda: HOSTILE[0]))
    return [
        ("en", dt.to_mermaid(_measures(tree), lang="en")),
        ("nl", dt.to_mermaid(tree, lang="nl")),
        ("nl", dt.to_mermaid(decided, lang="nl")),
        ("hostile", dt.to_mermaid(_measures(hostile), lang="en")),
    ]


@pytest.mark.slow
def test_mermaid_draws_the_table_as_a_table(tmp_path: Path) -> None:
    mermaid = pytest.importorskip("test_rendering_mermaid", reason="the Mermaid browser test set-up")
    if mermaid.BROWSER is None or mermaid.MERMAID_JS is None:
        pytest.skip("needs chromium and Mermaid's bundle (MERMAID_JS; .ci/run fetches it)")
    cases = _browser_cases()
    results = mermaid.draw_in_browser([text for _, text in cases], tmp_path)
    for (kind, text), result in zip(cases, results, strict=True):
        assert result["ok"], result.get("error")
        svg = result["svg"]
        assert svg.count("<table") == 1  # the table node's label, laid out as an HTML table
        nodes = re.findall(r'<g class="node default (question|rule|outcome)', svg)
        assert len(nodes) == len(_nodes(text))
        assert not re.search(r"<(script|img|iframe|object|embed)\b", svg)
        assert not re.search(r"\son\w+=", svg)
        rows = re.findall(r"<tr\b[^>]*>", svg)
        assert len(rows) == 2 + len(_rows(next(v for v in _nodes(text).values() if "<table" in v)))
        if kind == "en":
            assert '<tr align="left" bgcolor="#dbeafe">' in svg  # the matched row
            assert '<font color="#9ca3af">low-small</font>' in svg  # the row not tried
            visible = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]*>", " ", svg)))
            for words in ("high-or-large", "is at least 100000", "Proceed with measures", "row low-small"):
                assert words in visible
        shown = html.unescape(re.sub(r"<[^>]*>", "", re.sub(r"<style>.*?</style>", "", svg, flags=re.S)))
        assert not re.search(r"#\d+", shown)  # every entity code read back, the label's last too
        if kind == "hostile":
            assert HOSTILE[0] in shown  # shown as text


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(table_trees(), st.sampled_from(ANSWERS), st.sampled_from(["nl", "en"]))
def test_every_generated_table_is_drawn_with_its_rows_and_ways_out(
    data: dict[str, Any], answers: dict[str, Any], lang: dt.Lang
) -> None:
    tree = dt.load(data)
    decision = tree.evaluate(answers)
    text = dt.to_mermaid(decision, lang=lang)
    assert_mermaid_structure(text)
    _used_ids_are_drawn(text)
    nodes = _nodes(text)
    tables = {mid: label for mid, label in nodes.items() if label.startswith("<table")}
    written = [n for n in data["nodes"].values() if n["kind"] == "table"]
    assert len(tables) == len(written)
    assert dt.to_dot(decision, lang=lang).count('class="table"') == len(written)  # Graphviz too
    titles = {_title(label): mid for mid, label in tables.items()}
    row_word, rows_word = ("rij", "rijen") if lang == "nl" else ("row", "rows")
    for table in written:
        mid = titles[table["text"][lang]]
        assert len(_rows(tables[mid])) == len(table["rows"])
        arrows = [
            (label, target)
            for source, arrow, label, target in _edges(text)
            if source == mid and arrow != "-.->"
        ]
        named = [label for label, _ in arrows if label.startswith((f"{row_word} ", f"{rows_word} "))]
        otherwise = [label for label, _ in arrows if label == ("anders" if lang == "nl" else "otherwise")]
        assert len(otherwise) == 1
        assert len(named) == len({row["next"] for row in table["rows"]})  # one arrow per target
        assert sum(len(label.split(" ", 1)[1].split(", ")) for label in named) == len(table["rows"])
    on_path = [i for i, (_, arrow, _, _) in enumerate(_edges(text)) if arrow == "==>"]
    steps = [(a, b) for a, b in itertools.pairwise(decision.path) if not _same_table(tree, a, b)]
    assert len(on_path) == len(steps)  # one arrow per step, none from a row to the next


def _title(label: str) -> str:
    found = re.search(r"<th colspan=\d+>(.*?)</th>", label)
    assert found is not None
    return found[1]


def _same_table(tree: dt.Tree, first: str, second: str) -> bool:
    a, b = tree.nodes[first], tree.nodes[second]
    return isinstance(a, dt.Rule) and isinstance(b, dt.Rule) and a.table is not None and a.table == b.table


def test_a_value_table_shows_its_outputs_and_result_and_is_left_by_one_arrow() -> None:
    tree = dt.load(HERE / "trees" / "value_table.yaml")
    decision = tree.evaluate({"partner": "company", "months": 14, "countries": 2})
    text = dt.to_mermaid(decision, lang="en")
    assert_mermaid_structure(text)
    _used_ids_are_drawn(text)
    tables = {mid: label for mid, label in _nodes(text).items() if label.startswith("<table")}
    assert len(tables) == 3
    fee = next(label for label in tables.values() if ">Fee · FIRST<" in label)
    assert "<th bgcolor=#fef3c7>Amount</th><th bgcolor=#fef3c7>Level</th>" in fee
    assert [cells[-2:] for _, cells in _rows(fee)] == [["1200", "standard"], ["600", "light"]]
    assert "<b>Result of the table Fee: Amount 1200, Level standard</b>" in fee
    for mid in tables:
        leaving = [edge for edge in _edges(text) if edge[0] == mid]
        assert len(leaving) == 1  # one arrow, unlabelled: it goes on whatever the rows give
        assert leaving[0][1:3] == ("==>", "")
    plain = dt.to_mermaid(tree, lang="nl")
    assert "<tr align=left bgcolor=#fef3c7><td colspan=" not in plain  # a result only on a path
