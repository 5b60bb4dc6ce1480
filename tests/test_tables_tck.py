"""The public DMN TCK's decision-table tests, run when a TCK checkout is given.

The TCK (https://github.com/dmn-tck/tck) is not on a package registry, so its files are not in
this repository and are not downloaded here: point ``DMN_TCK_DIR`` at a checkout to run the
decision-table models of compliance levels 2 and 3 that fall in the supported subset. Models
outside the subset must be refused with a coded problem (DT821), never half-read.
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

TCK = os.environ.get("DMN_TCK_DIR")
pytestmark = pytest.mark.skipif(not TCK, reason="DMN_TCK_DIR is not set (the TCK is not on a registry)")

XSI = "{http://www.w3.org/2001/XMLSchema-instance}"


def _cases() -> list[Path]:
    if not TCK:
        return []
    root = Path(TCK) / "TestCases"
    return sorted(
        p for level in ("compliance-level-2", "compliance-level-3") for p in (root / level).glob("*/*.dmn")
    )


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


@pytest.mark.parametrize("model", _cases(), ids=lambda p: p.stem)
def test_tck_model(model: Path) -> None:
    from defusedxml import ElementTree

    refused: TableLoadError | None
    try:
        tables = from_dmn(model)
    except TableLoadError as error:
        refused = error
    else:
        refused = None
    if refused is not None:
        codes = Counter(p.code for p in refused.problems)
        assert set(codes) <= {"DT821", "DT822"}, str(refused)
        pytest.skip(f"outside the supported subset: {refused.problems[0].message[:100]}")
    by_name = {t.name or t.id: t for t in tables}
    for test_file in model.parent.glob("*-test-*.xml"):
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


def _find(tables: tuple[DecisionTable, ...], by_name: dict[str, DecisionTable], name: str) -> DecisionTable:
    if name in by_name:
        return by_name[name]
    assert len(tables) == 1, f"no table named {name!r}"
    return tables[0]
