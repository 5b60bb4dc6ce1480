"""The public DMN TCK's decision-table tests.

The TCK (https://github.com/dmn-tck/tck, Apache License 2.0) is not on a package registry; its
level-2 models and the level-3 decision-table models we refuse are vendored in
``tests/data/dmn-tck`` (see its README for the commit). ``DMN_TCK_DIR`` points the test at a full
checkout instead. Models in the supported subset must import and pass every test case of their
test files; models outside it must be refused with a coded problem (DT821/DT822), never half-read.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import pytest

from decision_trees.tables import DecisionTable, TableLoadError, from_dmn

pytest.importorskip("defusedxml", reason="the DMN reader needs defusedxml (the dmn extra)")

VENDORED = Path(__file__).parent / "data" / "dmn-tck"
TCK = Path(os.environ.get("DMN_TCK_DIR") or VENDORED)

#: The decision-table models of compliance level 2 that the supported subset runs in full
#: (docs/tables.md, "Conformance"); every other vendored model is refused with a reason.
SUPPORTED = frozenset(
    {
        "0004-simpletable-U",
        "0005-simpletable-A",
        "0006-simpletable-P1",
        "0007-simpletable-P2",
        "0010-multi-output-U",
        "0108-first-hitpolicy",
        "0109-ruleOrder-hitpolicy",
        "0110-outputOrder-hitpolicy",
        "0111-first-hitpolicy-singleoutputcol",
        "0112-ruleOrder-hitpolicy-singleinoutcol",
        "0113-outputOrder-hitpolicy-singleinoutcol",
        "0114-min-collect-hitpolicy",
        "0115-sum-collect-hitpolicy",
        "0116-count-collect-hitpolicy",
        "0117-multi-any-hitpolicy",
        "0118-multi-priority-hitpolicy",
        "0119-multi-collect-hitpolicy",
    }
)

XSI = "{http://www.w3.org/2001/XMLSchema-instance}"


def _cases() -> list[Path]:
    root = TCK / "TestCases"
    return sorted(
        p for level in ("compliance-level-2", "compliance-level-3") for p in (root / level).glob("*/*.dmn")
    )


def _stem(path: Path) -> str:
    return path.stem


def _local(element: Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _value(element: Element) -> Any:
    """A TCK value: a typed scalar, a list, a context of components, or nil."""
    for child in element:
        kind = _local(child)
        if kind == "list":
            return [_value(item) for item in child]
        if kind == "component":
            return {c.get("name"): _value(c) for c in element if _local(c) == "component"}
    for child in element:
        if _local(child) == "value":
            return _value_of(child)
    if _local(element) == "value":
        return _value_of(element)
    return None


def _value_of(element: Element) -> Any:
    if element.get(f"{XSI}nil") == "true":
        return None
    kind = element.get(f"{XSI}type", "")
    text = element.text or ""
    if kind.endswith(("decimal", "double", "int", "integer", "long")):
        return Decimal(text)
    if kind.endswith("boolean"):
        return text == "true"
    if kind.endswith("date"):
        return dt.date.fromisoformat(text)
    return text


def _named(table: DecisionTable, value: Any) -> Any:
    if isinstance(value, list):
        return [_named(table, v) for v in value]
    if isinstance(value, dict):
        names = {c.id: c.name or c.id for c in table.outputs}
        return {names[k]: v for k, v in value.items()}
    return value


@pytest.mark.parametrize("model", [p for p in _cases() if p.parent.name in SUPPORTED], ids=_stem)
def test_supported_model_passes_its_test_files(model: Path) -> None:
    assert _run_test_files(model, from_dmn(model)) > 0, f"{model.stem} has no test case"


@pytest.mark.parametrize("model", [p for p in _cases() if p.parent.name not in SUPPORTED], ids=_stem)
def test_model_outside_the_subset_is_refused_with_a_code(model: Path) -> None:
    with pytest.raises(TableLoadError) as refused:
        from_dmn(model)
    assert set(Counter(p.code for p in refused.value.problems)) <= {"DT821", "DT822"}, str(refused.value)


def test_the_supported_models_are_all_there() -> None:
    assert {p.parent.name for p in _cases()} >= SUPPORTED


def _run_test_files(model: Path, tables: tuple[DecisionTable, ...]) -> int:
    from defusedxml import ElementTree

    by_name = {t.name or t.id: t for t in tables}
    checked = 0
    for test_file in sorted(model.parent.glob("*-test-*.xml")):
        root = ElementTree.parse(test_file).getroot()
        assert root is not None
        for case in (c for c in root if _local(c) == "testCase"):
            raw = {node.get("name"): _value(node) for node in case if _local(node) == "inputNode"}
            for result in (r for r in case if _local(r) == "resultNode"):
                expected = _value(next(e for e in result if _local(e) == "expected"))
                table = _find(tables, by_name, result.get("name", ""))
                columns = {c.name or c.id: c.id for c in table.inputs}
                inputs = {columns[k]: v for k, v in raw.items() if k in columns}
                got = _named(table, table.evaluate(inputs).value)
                if table.hit_policy == "COLLECT" and isinstance(got, list):
                    assert sorted(map(repr, got)) == sorted(map(repr, expected)), case.get("id")
                else:
                    assert got == expected, f"{model.stem} case {case.get('id')}"
                checked += 1
    return checked


def _find(tables: tuple[DecisionTable, ...], by_name: dict[str, DecisionTable], name: str) -> DecisionTable:
    if name in by_name:
        return by_name[name]
    assert len(tables) == 1, f"no table named {name!r}"
    return tables[0]
